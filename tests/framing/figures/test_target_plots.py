"""Figures of who frames whom: heatmaps by group, alias-choice bars (#17)."""

from __future__ import annotations

import pandas as pd
import pytest

from framing import InvalidParameterError
from framing.figures import plot_alias_choice, plot_target_frames

SHARES = pd.DataFrame({
    "camp": ["a", "a", "a", "b"], "target": ["pmf", "pmf", "iran", "pmf"],
    "frame": ["none", "resistance", "none", "security_threat"], "share": [0.4, 0.6, 1.0, 1.0],
})  # fmt: skip


def test_heatmap_one_panel_per_group_none_last() -> None:
    fig = plot_target_frames(SHARES, by="camp")
    heat = [a for a in fig.axes if a.get_title(loc="left")]
    assert [a.get_title(loc="left") for a in heat] == ["a", "b"]
    labels = [t.get_text() for t in heat[0].get_xticklabels()]
    assert labels == ["resistance", "security threat", "none"]
    assert [t.get_text() for t in heat[0].get_yticklabels()] == ["pmf", "iran"]
    assert heat[0].images[0].get_array()[0, 0] == 0.6
    with pytest.raises(InvalidParameterError, match="target"):
        plot_target_frames(SHARES, by="camp", targets=["hamas"])


def test_alias_bars_pool_other_names() -> None:
    t = pd.DataFrame({"outlet": ["sana", "sana", "reuters", "reuters"], "target": ["opp"] * 4,
                      "alias": ["terrorists", "militant*", "rebel*", "militant*"],
                      "count": [6, 2, 3, 1]})  # fmt: skip
    fig = plot_alias_choice(t, "opp", by="outlet", top=2)
    a = fig.axes[0]
    assert [lab.get_text() for lab in a.get_yticklabels()] == ["sana", "reuters"]
    assert [h.get_label() for h in a.containers] == ["terrorists", "militant*", "other"]
    assert a.containers[0].patches[0].get_width() == pytest.approx(0.75)
    with pytest.raises(InvalidParameterError, match="not in the table"):
        plot_alias_choice(t, "iran", by="outlet")
