"""Shares per (target, frame), alias choice and alias keyness with bootstrap CIs (#17)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from framing import InvalidParameterError
from framing.targets import alias_choice, alias_keyness, target_frame_shares

ROWS = pd.DataFrame(
    [["a", 1, "X", "pmf", "resistance", 2], ["a", 1, "X", "pmf", "sovereignty", 1],
     ["a", 2, "Y", "pmf", "none", 1], ["b", 1, "X", "pmf", "resistance", 1],
     ["c", 1, "unattributed", "pmf", "none", 3]],
    columns=["doc_id", "sentence_id", "source", "target", "frame", "count"],
)  # fmt: skip
DOCVARS = pd.DataFrame({"camp": ["east", "east", "west"], "source": ["s1", "s2", "s3"]},
                       index=pd.Index(["a", "b", "c"], name="doc_id"))  # fmt: skip


def test_shares_by_docvar_hand_computed() -> None:
    t = target_frame_shares(ROWS, DOCVARS, by="camp", n_boot=0, seed=0)
    east = t[t["camp"] == "east"].set_index("frame")
    # east: occasions (sentence, source, target) a:1:X, a:2:Y, b:1:X -> 3
    assert east["occasions"].tolist() == [3, 3, 3]
    assert east.loc["resistance", ["count", "hits"]].tolist() == [2, 3]
    assert east.loc["none", "share"] == pytest.approx(1 / 3)
    assert east.loc["sovereignty", "n_docs"] == 2
    west = t[t["camp"] == "west"].set_index("frame")
    assert west.loc["none", ["occasions", "count", "share"]].tolist() == [1, 1, 1.0]
    assert np.isnan(t["ci_low"]).all()


def test_shares_by_source_and_docvar_clash_prefix() -> None:
    t = target_frame_shares(ROWS, DOCVARS, by=["source"], n_boot=0, seed=0)
    assert sorted(t["source"].unique()) == ["X", "Y", "unattributed"]
    t2 = target_frame_shares(ROWS, DOCVARS, by="doc_source", n_boot=0, seed=0)
    assert sorted(t2["doc_source"].unique()) == ["s1", "s2", "s3"]
    with pytest.raises(InvalidParameterError, match="neither row columns nor docvars"):
        target_frame_shares(ROWS, DOCVARS, by="outlet", seed=0)


def test_bootstrap_is_seeded_and_brackets_the_estimate() -> None:
    one = target_frame_shares(ROWS, DOCVARS, n_boot=300, seed=4)
    two = target_frame_shares(ROWS, DOCVARS, n_boot=300, seed=4)
    pd.testing.assert_frame_equal(one, two)
    assert (one["ci_low"] <= one["share"] + 1e-12).all()
    assert (one["share"] <= one["ci_high"] + 1e-12).all()
    with pytest.raises(InvalidParameterError, match="n_boot"):
        target_frame_shares(ROWS, n_boot=-1, seed=0)


LINKS = pd.DataFrame({
    "doc_id": ["a", "a", "a", "b", "c", "c"], "sentence_id": [1, 1, 2, 1, 1, 1],
    "source": ["X"] * 6, "target": ["opp"] * 6,
    "alias": ["rebel*", "rebel*", "terrorists", "terrorists", "rebel*", "militant*"],
    "mention_start": [0, 0, 5, 0, 0, 20], "mention_end": [5, 5, 15, 10, 6, 29],
    "frame": ["threat", "resistance", "threat", "threat", "none", "none"],
})  # fmt: skip


def test_alias_choice_counts_each_mention_once() -> None:
    t = alias_choice(LINKS, DOCVARS, by="camp", n_boot=0, seed=0).set_index(["camp", "alias"])
    assert t.loc[("east", "rebel*"), ["mentions", "count", "share"]].tolist() == [3, 1, 1 / 3]
    assert t.loc[("west", "militant*"), "share"] == 0.5


def test_alias_keyness_log_ratio_and_g2() -> None:
    t = alias_keyness(LINKS, DOCVARS, "camp", "east", "west", n_boot=200, seed=1)
    t = t.set_index("alias")
    # east: rebel 1, terrorists 2 (3); west: rebel 1, militant 1 (2)
    assert t.loc["terrorists", ["group_count", "reference_count"]].tolist() == [2, 0]
    assert t.loc["terrorists", "log_ratio"] == pytest.approx(math.log2((2 / 3) / (0.5 / 2)))
    assert t.loc["militant*", "log_ratio"] == pytest.approx(math.log2((0.5 / 3) / (1 / 2)))
    assert t.loc["terrorists", "direction"] == "group"
    assert (t["ci_low"] <= t["ci_high"]).all()
    with pytest.raises(InvalidParameterError, match="overlap"):
        alias_keyness(LINKS, DOCVARS, "camp", "east", ["east", "west"], seed=0)


def test_alias_keyness_without_resamples_has_no_interval() -> None:
    t = alias_keyness(LINKS, DOCVARS, "camp", "east", "west", n_boot=0, seed=0)
    assert t["ci_low"].isna().all() and t["ci_high"].isna().all()
    assert t["alias"].tolist() == ["terrorists", "rebel*", "militant*"]
