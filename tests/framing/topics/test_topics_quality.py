"""Coherence, exclusivity, select_k, stability and topic-frame links (issue 4)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from corpus import Corpus, tokenize
from framing import (
    FrameScores,
    FramingError,
    InvalidParameterError,
    Lexicon,
    TopicResult,
    coherence,
    exclusivity,
    fit_topics,
    frame_carriers,
    score_frames,
    select_k,
    topic_frame_links,
    topic_stability,
)
from tests.framing.topics.conftest import DOCS, LOOSE


@pytest.fixture(scope="module")
def fitted(tokens):
    return fit_topics(tokens, k=2, seed=3, passes=30, **LOOSE)


def _manual(beta, terms, theta=None, ids=None):
    k = len(beta)
    theta = np.full((2, k), 1.0 / k) if theta is None else np.asarray(theta, dtype=float)
    ids = ids or [f"d{i}" for i in range(len(theta))]
    return TopicResult(
        engine="sklearn-nmf",
        k=k,
        seed=0,
        doc_topic=pd.DataFrame(theta, index=pd.Index(ids, name="doc_id")),
        topic_term=pd.DataFrame(np.asarray(beta, dtype=float), columns=terms),
        vocab_filter={},
        params={},
        deterministic=True,
    )


# ---------------------------------------------------------------- coherence
def test_coherence_table_is_tidy_and_finite_issue4(fitted, tokens):
    table = coherence(fitted, tokens, topn=3)
    assert table.columns.tolist() == ["model", "topic", "measure", "value"]
    assert sorted(set(table["measure"])) == ["c_npmi", "c_v", "u_mass"]
    assert len(table) == 6 and np.isfinite(table["value"]).all()


def test_umass_by_hand_issue4():
    # u_mass of (w1, w2) = log((D(w1, w2) + eps) / D(w1)) averaged over the ordered
    # pairs gensim forms (each later word given an earlier one).  Docs: "a b", "a", "b c".
    t = tokenize(Corpus.from_texts(["a b", "a", "b c"]))
    r = _manual([[0.5, 0.3, 0.2]], ["a", "b", "c"], theta=[[1.0], [1.0], [1.0]])
    value = coherence(r, t, measures=["u_mass"], topn=2)["value"].item()
    # top words a, b: D(a)=2, D(b)=2, D(a,b)=1 -> log((1/3 + 1e-12) / (2/3))
    assert value == pytest.approx(np.log(0.5), abs=1e-9)


def test_coherence_shares_counts_across_models_without_changing_values_issue4(tokens):
    a = fit_topics(tokens, k=2, seed=1, **LOOSE)
    b = fit_topics(tokens, k=3, seed=2, **LOOSE)
    together = coherence({"a": a, "b": b}, tokens, topn=3)
    alone = pd.concat([coherence({"a": a}, tokens, topn=3), coherence({"b": b}, tokens, topn=3)])
    key = ["model", "topic", "measure"]
    pd.testing.assert_frame_equal(
        together.sort_values(key).reset_index(drop=True),
        alone.sort_values(key).reset_index(drop=True),
    )


def test_reference_sample_is_seeded_issue4(fitted, tokens):
    one = coherence(fitted, tokens, topn=3, reference_docs=20, seed=5)
    two = coherence(fitted, tokens, topn=3, reference_docs=20, seed=5)
    pd.testing.assert_frame_equal(one, two)


def test_absent_top_word_drops_topic_with_reason_issue4():
    t = tokenize(Corpus.from_texts(["a b a", "a b", "c d c"]))
    r = _manual([[0.5, 0.5, 0, 0], [0, 0, 0.5, 0.5]], ["a", "b", "c", "d"])
    sample = tokenize(Corpus.from_texts(["a b a", "a b"]))
    with pytest.warns(UserWarning, match=r"topic 1: .*\['c', 'd'\] do not occur"):
        table = coherence(r, sample, measures=["u_mass"], topn=2)
    assert table["topic"].tolist() == [0]
    assert len(coherence(r, t, measures=["u_mass"], topn=2)) == 2


def test_nan_coherence_is_dropped_with_warning_issue4(fitted, tokens, monkeypatch):
    from gensim.models import CoherenceModel

    monkeypatch.setattr(
        CoherenceModel, "get_coherence_per_topic", lambda self, *a, **k: [np.nan, 0.5]
    )
    with pytest.warns(UserWarning, match="topic 0: c_v is nan .* dropped"):
        table = coherence(fitted, tokens, measures=["c_v"], topn=3)
    assert table["topic"].tolist() == [1] and not table["value"].isna().any()


def test_unknown_measure_is_config_error_issue4(fitted, tokens):
    with pytest.raises(InvalidParameterError, match="unknown coherence measure"):
        coherence(fitted, tokens, measures=["c_uci2"])


def test_exclusivity_by_hand_issue4():
    r = _manual([[0.6, 0.3, 0.1], [0.2, 0.1, 0.7]], ["a", "b", "c"])
    # topic 0 top-2: a 0.6/0.8, b 0.3/0.4 -> 0.75; topic 1 top-2: c 0.7/0.8, a 0.2/0.8 -> 0.5625
    np.testing.assert_allclose(exclusivity(r, topn=2).to_numpy(), [0.75, 0.5625])


# ---------------------------------------------------------------- stability
def test_stability_matches_permuted_topics_issue4():
    beta = np.array([[0.7, 0.2, 0.1], [0.1, 0.2, 0.7], [0.3, 0.4, 0.3]])
    a = _manual(beta, ["x", "y", "z"])
    b = _manual(beta[[2, 0, 1]], ["x", "y", "z"])
    result = topic_stability([a, b])
    assert result.matches["matched_topic"].tolist() == [1, 2, 0]
    assert result.per_topic["stability"].tolist() == pytest.approx([1.0, 1.0, 1.0])
    assert result.mean == pytest.approx(1.0)


def test_stability_jsd_by_hand_issue4():
    a = _manual([[1.0, 0.0], [0.0, 1.0]], ["x", "y"])
    b = _manual([[0.5, 0.5], [0.0, 1.0]], ["x", "y"])
    result = topic_stability([a, b])
    # JSD([1,0],[.5,.5]) = 0.5*KL(p||m) + 0.5*KL(q||m), m=[.75,.25]
    jsd = 0.5 * np.log2(1 / 0.75) + 0.5 * (0.5 * np.log2(0.5 / 0.75) + 0.5 * np.log2(0.5 / 0.25))
    assert result.per_topic["stability"].tolist() == pytest.approx([1 - jsd, 1.0])
    cosine = topic_stability([a, b], metric="cosine").per_topic["stability"]
    assert cosine.tolist() == pytest.approx([np.sqrt(0.5), 1.0])


def test_stability_aligns_terms_by_name_issue4():
    a = _manual([[0.5, 0.5], [0.0, 1.0]], ["x", "y"])
    b = _manual([[1.0, 0.0], [0.5, 0.5]], ["y", "x"])  # same topics, other column order
    assert topic_stability([a, b]).mean == pytest.approx(1.0)
    with pytest.raises(InvalidParameterError, match="at least two"):
        topic_stability([a])
    with pytest.raises(InvalidParameterError, match="'jsd' or 'cosine'"):
        topic_stability([a, b], metric="l2")


def test_stability_across_seeds_on_fits_issue4(tokens):
    runs = [fit_topics(tokens, k=2, seed=s, passes=30, **LOOSE) for s in (1, 2, 3)]
    result = topic_stability(runs)
    assert len(result.matches) == 4 and result.mean > 0.9


# ----------------------------------------------------------------- select_k
def test_select_k_tidy_table_issue4(tokens):
    table = select_k(tokens, [2, 3], seeds=[1, 2], measures=["u_mass", "c_npmi"], topn=3, **LOOSE)
    assert table.columns.tolist() == ["k", "seed", "measure", "value", "n_topics"]
    assert set(table["measure"]) == {"u_mass", "c_npmi", "exclusivity", "stability"}
    stab = table[table["measure"] == "stability"]
    assert stab["k"].tolist() == [2, 3] and stab["seed"].isna().all()
    assert len(table) == 2 * 2 * 3 + 2
    assert np.isfinite(table["value"]).all()
    with pytest.raises(InvalidParameterError, match="at least one k"):
        select_k(tokens, [], seeds=[1])


# -------------------------------------------------------------- frame links
def _scores(ids, counts, n_tokens, unit="document"):
    idx = pd.Index(ids, name="doc_id")
    return FrameScores(
        counts=pd.DataFrame(counts, index=idx),
        n_tokens=pd.Series(n_tokens, index=idx),
        docvars=pd.DataFrame(index=idx),
        unit=unit,
    )


def test_links_by_hand_issue4():
    theta = [[0.9, 0.1], [0.7, 0.3], [0.2, 0.8], [0.4, 0.6], [0.1, 0.9]]
    r = _manual([[0.5, 0.5], [0.5, 0.5]], ["a", "b"], theta=theta)
    ids = list(r.doc_topic.index)
    # frame "oil" rate (per 1000 of 100 tokens) is 10 x topic 0's share: r = 1.
    scores = _scores(ids, {"oil": [9, 7, 2, 4, 1], "war": [1, 2, 1, 2, 1]}, [1000] * 5)
    links = topic_frame_links(r, scores, seed=1, n_boot=200)
    oil = links.set_index(["topic", "frame"])
    assert oil.loc[(0, "oil"), "r"] == pytest.approx(1.0)
    assert oil.loc[(1, "oil"), "r"] == pytest.approx(-1.0)
    expected = np.corrcoef([0.9, 0.7, 0.2, 0.4, 0.1], [1, 2, 1, 2, 1])[0, 1]
    assert oil.loc[(0, "war"), "r"] == pytest.approx(expected)
    assert oil.loc[(0, "oil"), "carries"] and not oil.loc[(1, "oil"), "carries"]
    assert (links["ci_low"] <= links["r"] + 1e-12).all()
    again = topic_frame_links(r, scores, seed=1, n_boot=200)
    pd.testing.assert_frame_equal(links, again)
    carriers = frame_carriers(links)
    assert carriers[carriers["frame"] == "oil"]["topic"].tolist() == [0]


def test_links_spearman_and_constant_frame_issue4():
    theta = [[0.9, 0.1], [0.7, 0.3], [0.2, 0.8], [0.4, 0.6]]
    r = _manual([[0.5, 0.5], [0.5, 0.5]], ["a", "b"], theta=theta)
    scores = _scores(
        list(r.doc_topic.index), {"oil": [8, 4, 1, 2], "none": [0, 0, 0, 0]}, [100] * 4
    )
    with pytest.warns(UserWarning, match="does not vary"):
        links = topic_frame_links(r, scores, seed=1, n_boot=50, method="spearman")
    assert set(links["frame"]) == {"oil"}
    assert links.set_index("topic").loc[0, "r"] == pytest.approx(1.0)


def test_links_alignment_errors_issue4():
    r = _manual([[0.5, 0.5], [0.5, 0.5]], ["a", "b"], theta=[[0.9, 0.1], [0.2, 0.8], [0.5, 0.5]])
    partial = _scores(["d0", "d1", "x"], {"f": [1, 2, 3]}, [10, 10, 10])
    with pytest.warns(UserWarning, match="use the 2 documents found in both"):
        topic_frame_links(r, partial, seed=1, n_boot=20)
    with pytest.raises(FramingError, match="share no doc_id"):
        topic_frame_links(r, _scores(["x", "y"], {"f": [1, 2]}, [5, 5]), seed=1)
    with pytest.raises(InvalidParameterError, match="need document scores"):
        topic_frame_links(r, _scores(["d0"], {"f": [1]}, [5], unit="paragraph"), seed=1)
    with pytest.raises(InvalidParameterError, match="'pearson' or 'spearman'"):
        topic_frame_links(r, partial, seed=1, method="kendall")


def test_links_with_scored_frames_issue4():
    corpus = Corpus.from_texts(DOCS)
    r = fit_topics(tokenize(corpus), k=2, seed=3, passes=30, **LOOSE)
    lex = Lexicon.from_terms("toy", {"conflict": ["war", "troop*"], "economy": ["oil", "price"]})
    links = topic_frame_links(r, score_frames(corpus, lex), seed=2, n_boot=300)
    carriers = frame_carriers(links).set_index("frame")["label"]
    assert carriers["conflict"].startswith(("war", "army", "troops"))
    assert carriers["economy"].startswith(("oil", "gas"))


def test_a_reference_sample_needs_an_explicit_seed_issue12(fitted, tokens):
    with pytest.raises(InvalidParameterError, match="give its seed="):
        coherence(fitted, tokens, topn=3, reference_docs=20)
    with pytest.warns(FutureWarning, match="'reference_seed' was renamed 'seed'"):
        old = coherence(fitted, tokens, topn=3, reference_docs=20, reference_seed=5)
    pd.testing.assert_frame_equal(
        old, coherence(fitted, tokens, topn=3, reference_docs=20, seed=5)
    )
