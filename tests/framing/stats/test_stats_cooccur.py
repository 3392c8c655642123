"""Tests of frame co-occurrence (issue 5)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from framing import cooccurrence


def _table() -> pd.DataFrame:
    # war in a,b,c; peace in c,d; law in e only; none in f
    return pd.DataFrame(
        {
            "doc_id": list("abcdef"),
            "n_tokens": 10,
            "war": [1, 2, 1, 0, 0, 0],
            "peace": [0, 0, 2, 1, 0, 0],
            "law": [0, 0, 0, 0, 3, 0],
        }
    )


def test_issue5_cooccurrence_hand_computed():
    out = cooccurrence(_table(), frames=["war", "peace", "law"])
    pair = out.set_index(["frame_a", "frame_b"])
    row = pair.loc[("war", "peace")]
    assert (row["n_a"], row["n_b"], row["n_both"], row["n_units"]) == (3, 2, 1, 6)
    assert row["jaccard"] == pytest.approx(1 / 4)
    assert row["pmi"] == pytest.approx(np.log2(1 * 6 / (3 * 2)))  # independent: 0
    assert row["npmi"] == pytest.approx(0.0)
    never = pair.loc[("war", "law")]
    assert never["n_both"] == 0 and never["pmi"] == -np.inf and never["npmi"] == -1.0
    assert pair.loc[("law", "law"), "npmi"] == pytest.approx(1.0)
    assert pair.loc[("law", "law"), "pmi"] == pytest.approx(np.log2(6))
    assert len(out) == 9 and pair.loc[("peace", "war"), "jaccard"] == row["jaccard"]


def test_issue5_cooccurrence_threshold_and_absent_frames():
    out = cooccurrence(_table(), frames=["war", "peace"], threshold=2)
    pair = out.set_index(["frame_a", "frame_b"])
    assert pair.loc[("war", "peace"), "n_both"] == 0  # b has war 2, c has peace 2
    empty = cooccurrence(_table().assign(law=0), frames=["law", "war"]).set_index(
        ["frame_a", "frame_b"]
    )
    assert np.isnan(empty.loc[("law", "war"), "pmi"]) and np.isnan(
        empty.loc[("law", "war"), "npmi"]
    )
