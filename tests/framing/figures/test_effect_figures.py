"""stm-style effect figures (issue 15)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from framing import (
    InvalidParameterError,
    marginal_effects,
    plot_effect_continuous,
    plot_effect_difference,
    plot_effect_groups,
    save_figure,
)


@pytest.fixture
def units():
    rng = np.random.default_rng(0)
    n = 200
    bloc = rng.choice(["me", "p5"], n)
    year = rng.integers(1970, 2025, n)
    tokens = rng.integers(100, 400, n)
    war = rng.poisson(tokens / 1000 * np.exp(1 + 0.5 * (bloc == "me")))
    return pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(n)],
            "n_tokens": tokens,
            "war": war,
            "bloc": bloc,
            "year": year,
        }
    )


def test_issue15_group_points_draw_one_whisker_per_group(units):
    table = marginal_effects(
        units, "war ~ bloc + year", offset="n_tokens", at={"bloc": ["me", "p5"]}
    )
    fig = plot_effect_groups(table, by="bloc", hue=None)
    a = fig.axes[0]
    assert [t.get_text() for t in a.get_yticklabels()] == ["me", "p5"]
    xs = sorted(a.lines[0].get_xdata().tolist())
    assert xs == pytest.approx(sorted(table["estimate"].tolist()))


def test_issue15_difference_has_a_zero_line(units):
    table = marginal_effects(
        units, "war ~ bloc", offset="n_tokens", at={"bloc": ["me", "p5"]}, contrast=("me", "p5")
    )
    fig = plot_effect_difference(table)
    a = fig.axes[0]
    assert [t.get_text() for t in a.get_yticklabels()] == ["me - p5"]
    assert any(list(line.get_xdata()) == [0.0, 0.0] for line in a.lines)


def test_issue15_continuous_band_per_group_and_byte_identical(units, tmp_path):
    table = marginal_effects(
        units,
        "war ~ bloc + bs(year, df=3)",
        offset="n_tokens",
        at={"year": list(range(1970, 2025, 5)), "bloc": ["me", "p5"]},
    )
    fig = plot_effect_continuous(table, x="year", hue="bloc", ylabel="Hits per 1,000 tokens")
    assert len(fig.axes[0].collections) == 2
    one, two = save_figure(fig, tmp_path / "a.svg"), save_figure(fig, tmp_path / "b.svg")
    assert one.read_bytes() == two.read_bytes()


def test_issue15_effect_figures_name_missing_columns():
    with pytest.raises(InvalidParameterError, match=r"needs column\(s\) \['ci_low'"):
        plot_effect_groups(pd.DataFrame({"term": ["a"], "estimate": [1.0]}))
