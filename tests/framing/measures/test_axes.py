"""FrameAxis-style bipolar axes: bias, intensity, bootstrap null (#14)."""

from __future__ import annotations

import numpy as np
import pytest

from corpus import Corpus
from framing import InvalidParameterError, Lexicon
from framing.embed import WordVectors
from framing.measures import frame_axes

AXES = {"war_vs_peace": ("war", "peace")}


@pytest.fixture
def setup():
    vecs = WordVectors.from_arrays(["fight", "talk", "day"], np.array([[1, 0], [0, 1], [1, 1]]))
    lex = Lexicon.from_terms("toy", {"war": ["fight"], "peace": ["talk"]})
    units = Corpus.from_texts(["fight fight day", "talk day unknown", "unknown"])
    return units, lex, vecs


def test_issue14_bias_and_intensity_by_hand(setup) -> None:
    units, lex, vecs = setup
    s = frame_axes(units, lex, vecs, AXES, n_boot=2000, seed=3)
    c = np.sqrt(0.5)  # fight +c, talk -c, day 0 on the axis (1, -1)/sqrt(2)
    baseline = (2 * c - c) / 5  # all five words with a vector
    assert s["war_vs_peace_bias"].tolist()[:2] == pytest.approx([2 * c / 3, -c / 2])
    intensity0 = (2 * (c - baseline) ** 2 + baseline**2) / 3
    intensity1 = ((-c - baseline) ** 2 + baseline**2) / 2
    assert s["war_vs_peace_intensity"].tolist()[:2] == pytest.approx([intensity0, intensity1])
    # the null draws words at random: its mean bias is the baseline (within bootstrap error)
    assert s.loc["d0", "war_vs_peace_bias_effect"] == pytest.approx(2 * c / 3 - baseline, abs=0.02)
    assert s.loc["d2"].drop("n_tokens").isna().all()  # no word with a vector
    assert s["n_tokens"].tolist() == [3, 3, 1]


def test_issue14_axes_are_seeded_and_checked(setup) -> None:
    units, lex, vecs = setup
    a = frame_axes(units, lex, vecs, AXES, n_boot=20, seed=1)
    assert a.equals(frame_axes(units, lex, vecs, AXES, n_boot=20, seed=1))
    assert not a.equals(frame_axes(units, lex, vecs, AXES, n_boot=20, seed=2))
    with pytest.raises(InvalidParameterError, match="axis 'x': give two different frames"):
        frame_axes(units, lex, vecs, {"x": ("war", "war")}, seed=0)
    with pytest.raises(InvalidParameterError, match="n_boot must be a positive integer"):
        frame_axes(units, lex, vecs, AXES, n_boot=0, seed=0)
