"""Tests of keyness over all terms and near a frame's hits (issue 5)."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import chi2_contingency

from corpus import Corpus, tokenize
from framing import (
    FramingError,
    InvalidParameterError,
    Lexicon,
    adjust_pvalues,
    context_counts,
    find_hits,
    keyness,
    keyness_near,
)


def test_issue5_g2_and_chi2_match_scipy_contingency():
    m = np.array([[30, 5, 65], [10, 20, 270]])
    out = keyness(
        m, ["t", "r"], target="t", vocab=["war", "peace", "the"], correction="none"
    ).set_index("term")
    for term, col in (("war", 0), ("peace", 1)):
        table = np.array([[m[0, col], m[1, col]], [100 - m[0, col], 300 - m[1, col]]])
        g2 = chi2_contingency(table, correction=False, lambda_="log-likelihood")
        x2 = chi2_contingency(table, correction=False)
        assert out.loc[term, "g2"] == pytest.approx(g2.statistic)
        assert out.loc[term, "chi2"] == pytest.approx(x2.statistic)
        assert out.loc[term, "p_value"] == pytest.approx(g2.pvalue)
    yates = keyness(
        m, ["t", "r"], target="t", vocab=["war", "peace", "the"], yates=True, statistic="chi2"
    ).set_index("term")
    table = np.array([[30, 10], [70, 290]])
    assert yates.loc["war", "chi2"] == pytest.approx(chi2_contingency(table).statistic)


def test_issue5_effect_sizes_hand_computed():
    m = np.array([[30, 0, 70], [10, 20, 270]])
    out = keyness(m, ["t", "r"], target="t", vocab=["war", "peace", "the"]).set_index("term")
    assert out.loc["war", "log_ratio"] == pytest.approx(np.log2((30 / 100) / (10 / 300)))
    assert out.loc["war", "pct_diff"] == pytest.approx(100 * (0.3 - 10 / 300) / (10 / 300))
    assert out.loc["peace", "log_ratio"] == pytest.approx(np.log2((0.5 / 100) / (20 / 300)))
    assert out.loc["war", "target_rate"] == pytest.approx(300.0)
    assert out.loc["war", "direction"] == "target" and out.loc["peace", "keyness"] < 0
    assert out.index[0] == "war" and out["keyness"].is_monotonic_decreasing
    assert out.attrs["target_tokens"] == 100 and out.attrs["reference_tokens"] == 300


def test_issue5_pvalue_corrections_hand_computed():
    p = np.array([0.01, 0.02, 0.03, 0.5])
    assert adjust_pvalues(p, "holm").tolist() == pytest.approx([0.04, 0.06, 0.06, 0.5])
    assert adjust_pvalues(p, "bh").tolist() == pytest.approx([0.04, 0.04, 0.04, 0.5])
    assert adjust_pvalues(p, "none").tolist() == p.tolist()
    with pytest.raises(InvalidParameterError, match="correction must be"):
        adjust_pvalues(p, "bonferroni")


@settings(max_examples=50)
@given(st.lists(st.floats(0, 1), min_size=1, max_size=30))
def test_issue5_corrections_never_lower_pvalues_and_holm_dominates_bh(values):
    p = np.array(values)
    holm, bh = adjust_pvalues(p, "holm"), adjust_pvalues(p, "bh")
    assert (holm >= p - 1e-12).all() and (bh >= p - 1e-12).all()
    assert (holm >= bh - 1e-12).all() and (holm <= 1).all()


def test_issue5_keyness_on_tokens_with_docvar_groups():
    corpus = Corpus.from_texts(
        ["Resistance and martyrs, resistance!", "Terror and terrorists, terror.", "Terror."],
        docvars={"side": ["a", "b", "b"]},
    )
    out = keyness(tokenize(corpus), "side", target="a", min_count=2).set_index("term")
    assert set(out.index) == {"resistance", "terror", "and"}  # min_count drops singletons
    assert out.loc["resistance", "target_count"] == 2
    assert out.loc["terror", "reference_count"] == 3
    assert out.attrs["n_tests"] == 3


def test_issue5_keyness_errors_are_named():
    m = np.ones((2, 2))
    with pytest.raises(InvalidParameterError, match="vocab="):
        keyness(m, ["t", "r"], target="t")
    with pytest.raises(FramingError, match=r"no document is in \['z'\]"):
        keyness(m, ["t", "r"], target="z", vocab=["a", "b"])
    with pytest.raises(FramingError, match="3 group labels"):
        keyness(m, ["t", "r", "r"], target="t", vocab=["a", "b"])
    with pytest.raises(InvalidParameterError, match="statistic must be"):
        keyness(m, ["t", "r"], target="t", vocab=["a", "b"], statistic="tf-idf")


def _toks() -> SimpleNamespace:
    # d1: a b X c X d e ; d2: X f g
    vocab = ("a", "b", "X", "c", "d", "e", "f", "g")
    ids = np.array([0, 1, 2, 3, 2, 4, 5, 2, 6, 7])
    return SimpleNamespace(
        vocab=vocab,
        ids=ids,
        offsets=np.array([0, 7, 10]),
        doc_ids=("d1", "d2"),
        n_tokens=np.array([7, 3]),
        docvars=pd.DataFrame({"side": ["t", "r"]}, index=["d1", "d2"]),
    )


def test_issue5_context_windows_union_and_exclude_hits():
    hits = pd.DataFrame(
        {"doc_id": ["d1", "d1", "d2", "d1"], "frame": ["f", "f", "f", "g"], "start": [2, 4, 0, 0]}
    )
    got = context_counts(_toks(), hits, frame="f", window=2).toarray()
    # d1 windows: [0,2) + [3,5) + [2,4) + [5,7) minus the hits at 2 and 4 -> a b c d e once
    assert got[0].tolist() == [1, 1, 0, 1, 1, 1, 0, 0]
    assert got[1].tolist() == [0, 0, 0, 0, 0, 0, 1, 1]
    multi = pd.DataFrame({"doc_id": ["d1"], "frame": ["f"], "start": [1], "length": [3]})
    # the hit covers b X c (1..3); window 1 adds a (0) and the second X (4)
    assert context_counts(_toks(), multi, window=1).toarray()[0].tolist() == [
        1,
        0,
        1,
        0,
        0,
        0,
        0,
        0,
    ]


def test_issue5_context_errors_name_columns_and_positions():
    with pytest.raises(InvalidParameterError, match=r"lacks column\(s\) \['start'\]"):
        context_counts(_toks(), pd.DataFrame({"doc_id": ["d1"]}))
    with pytest.raises(FramingError, match="'zz' is not in the tokens"):
        context_counts(_toks(), pd.DataFrame({"doc_id": ["zz"], "start": [0]}))
    with pytest.raises(FramingError, match="start < end"):
        context_counts(_toks(), pd.DataFrame({"doc_id": ["d2"], "start": [3]}))
    with pytest.raises(FramingError, match="no hit of frame 'h'"):
        context_counts(
            _toks(), pd.DataFrame({"doc_id": ["d2"], "frame": "f", "start": [0]}), frame="h"
        )


def test_issue5_keyness_near_hits_compares_contexts():
    hits = pd.DataFrame({"doc_id": ["d1", "d2"], "frame": "f", "start": [2, 0]})
    out = keyness_near(_toks(), hits, "side", frame="f", target="t", window=1)
    assert set(out["term"]) == {"b", "c", "f"}
    assert out.set_index("term").loc["f", "direction"] == "reference"
    assert out.attrs["frame"] == "f" and out.attrs["window"] == 1


def test_issue5_keyness_near_accepts_find_hits_output():
    corpus = Corpus.from_texts(
        ["the heroic axis of resistance stands", "terror axis of resistance again"],
        docvars={"side": ["a", "b"]},
    )
    tokens = tokenize(corpus)
    lexicon = Lexicon.from_terms("toy", {"resistance": ["axis of resistance"]})
    hits = find_hits(tokens, lexicon)
    out = keyness_near(tokens, hits, "side", frame="resistance", target="a", window=2)
    # two tokens each side of the three-token hit; the hit itself is not counted
    assert sorted(out["term"]) == ["again", "heroic", "stands", "terror", "the"]
    assert "axis" not in set(out["term"])
