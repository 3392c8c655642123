"""fit_topics, TopicResult and transform_topics (issue 4)."""

from __future__ import annotations

import random
import sys

import numpy as np
import pandas as pd
import pytest

from corpus import Corpus, tokenize
from framing import (
    FramingError,
    InvalidParameterError,
    Lexicon,
    TopicResult,
    fit_topics,
    transform_topics,
)
from tests.framing.topics.conftest import DOCS, LOOSE

DETERMINISTIC = ["gensim-lda", "sklearn-lda", "sklearn-nmf", "tomotopy-lda"]
ALL_ENGINES = [*DETERMINISTIC, "gensim-ldamulticore"]


def toks(texts, ids=None):
    ids = ids or [f"d{i}" for i in range(len(texts))]
    return tokenize(Corpus.from_texts(texts, doc_ids=ids))


def _needs(engine):
    if engine == "tomotopy-lda":
        pytest.importorskip("tomotopy", reason="tomotopy (optional extra) is not installed")


def _theme(result, topic, n=3):
    terms = set(result.top_terms(n).query("topic == @topic")["term"])
    if terms <= {"oil", "gas", "price", "pipeline", "energy", "market", "export"}:
        return "energy"
    if terms <= {"war", "army", "troops", "attack", "soldiers", "peace"}:
        return "war"
    return "mixed"


# --------------------------------------------------------------- vocabulary
def test_vocabulary_filters_by_document_frequency_issue4():
    t = toks(["a b c", "a b", "a d", "a b e"])
    # df: a 4, b 3, c 1, d 1, e 1 -> min_df=2 keeps a, b; max_df=0.75 (3 docs) drops a.
    with pytest.warns(UserWarning, match="1 document.* no token left"):
        r = fit_topics(t, k=2, seed=1, min_df=2, max_df=0.75)
    assert r.vocabulary == ("b",)
    assert r.vocab_filter["n_terms_before"] == 5
    assert r.vocab_filter["n_tokens"] == 3
    assert r.vocab_filter["n_empty_docs"] == 1


def test_max_features_keeps_most_frequent_terms_issue4():
    t = toks(["x x x y y z", "x y w"])
    r = fit_topics(t, k=2, seed=1, max_features=2, engine="sklearn-nmf", **LOOSE)
    assert r.vocabulary == ("x", "y")


@pytest.mark.parametrize(
    "bad", [{"min_df": 1.5}, {"max_df": -1}, {"min_df": "2"}, {"max_features": 0}]
)
def test_bad_vocabulary_filter_is_config_error_issue4(tokens, bad):
    kwargs = {**LOOSE, **bad}
    with pytest.raises(InvalidParameterError, match=r"min_df|max_df|max_features"):
        fit_topics(tokens, k=2, seed=1, **kwargs)


def test_empty_vocabulary_is_clear_error_issue4(tokens):
    with pytest.raises(FramingError, match="no term is left"):
        fit_topics(tokens, k=2, seed=1, min_df=100)


# ------------------------------------------------------------------ engines
@pytest.mark.parametrize("engine", ALL_ENGINES)
def test_each_engine_separates_two_themes_issue4(tokens, engine):
    _needs(engine)
    passes = {"passes": 30} if engine.startswith(("gensim", "sklearn-lda")) else {}
    r = fit_topics(tokens, engine=engine, k=2, seed=3, **LOOSE, **passes)
    assert r.doc_topic.shape == (24, 2) and r.topic_term.shape == (2, len(r.vocabulary))
    assert r.doc_topic.index.tolist() == list(tokens.doc_ids)
    np.testing.assert_allclose(r.doc_topic.sum(axis=1), 1.0)
    np.testing.assert_allclose(r.topic_term.sum(axis=1), 1.0)
    assert {_theme(r, 0), _theme(r, 1)} == {"energy", "war"}
    # A war document loads mostly on the war topic.
    war_topic = 0 if _theme(r, 0) == "war" else 1
    assert r.doc_topic.loc["d3", war_topic] > 0.6
    assert r.model is not None


@pytest.mark.parametrize("engine", DETERMINISTIC)
def test_same_seed_same_topics_issue4(tokens, engine, global_random_seed):
    _needs(engine)
    a = fit_topics(tokens, engine=engine, k=3, seed=global_random_seed, **LOOSE)
    b = fit_topics(tokens, engine=engine, k=3, seed=global_random_seed, **LOOSE)
    assert a.deterministic
    pd.testing.assert_frame_equal(a.doc_topic, b.doc_topic, check_exact=True)
    pd.testing.assert_frame_equal(a.topic_term, b.topic_term, check_exact=True)


def test_tomotopy_is_deterministic_with_two_workers_issue4(tokens):
    _needs("tomotopy-lda")
    a = fit_topics(tokens, engine="tomotopy-lda", k=3, seed=5, n_jobs=2, **LOOSE)
    b = fit_topics(tokens, engine="tomotopy-lda", k=3, seed=5, n_jobs=2, **LOOSE)
    pd.testing.assert_frame_equal(a.topic_term, b.topic_term, check_exact=True)


def test_multicore_is_flagged_not_deterministic_issue4(tokens):
    r = fit_topics(tokens, engine="gensim-ldamulticore", k=2, seed=1, **LOOSE)
    assert r.deterministic is False
    assert "not deterministic" in repr(r)


def test_fit_leaves_global_rngs_alone_issue4(tokens):
    # The legacy global RNG is what a careless library would seed: check it is untouched.
    np_state = np.random.get_state()[1].copy()  # noqa: NPY002
    py_state = random.getstate()
    fit_topics(tokens, k=2, seed=1, **LOOSE)
    fit_topics(tokens, k=2, seed=1, engine="sklearn-lda", **LOOSE)
    assert np.array_equal(np.random.get_state()[1], np_state)  # noqa: NPY002
    assert random.getstate() == py_state


def test_unknown_engine_and_bad_parameters_issue4(tokens):
    with pytest.raises(InvalidParameterError, match="unknown topic engine 'mallet'"):
        fit_topics(tokens, engine="mallet", k=2, seed=1)
    with pytest.raises(
        InvalidParameterError, match="'passes' does not apply to engine 'sklearn-nmf'"
    ):
        fit_topics(tokens, engine="sklearn-nmf", k=2, seed=1, passes=3, **LOOSE)
    with pytest.raises(InvalidParameterError, match=r"k .* must be an int >= 2"):
        fit_topics(tokens, k=1, seed=1)


def test_missing_tomotopy_raises_install_hint_issue4(tokens, monkeypatch):
    monkeypatch.setitem(sys.modules, "tomotopy", None)
    with pytest.raises(ImportError, match="pip install 'discourse-framing\\[topics\\]'"):
        fit_topics(tokens, engine="tomotopy-lda", k=2, seed=1, **LOOSE)


def test_provenance_records_inputs_issue4(tokens):
    r = fit_topics(tokens, k=2, seed=7, **LOOSE)
    assert r.provenance["tokens_fingerprint"] == tokens.fingerprint
    assert r.provenance["recipe"] == tokens.recipe.to_dict()
    assert r.params["passes"] == 5 and r.seed == 7


# ------------------------------------------------------------------- seeded
@pytest.mark.parametrize("engine", ["gensim-lda", "tomotopy-lda"])
@pytest.mark.parametrize("first", ["energy", "war"])
def test_seed_words_steer_the_seeded_topic_issue4(tokens, engine, first):
    _needs(engine)
    seeds = {"energy": ["oil", "gas*"], "war": ["war", "arm?"]}
    ordered = {first: seeds[first]}
    r = fit_topics(tokens, engine=engine, k=3, seed=2, guide_topics=ordered, **LOOSE)
    assert _theme(r, 0) == first
    row = r.guide_topics.iloc[0]
    assert row["seed_set"] == first and row["topic"] == 0 and row["best_topic"] == 0
    assert row["words"] == ("oil gas" if first == "energy" else "war army")
    assert row["mass"] > row["mass_other_max"]


def test_seed_lexicon_expands_globs_and_reports_unmatched_issue4(tokens):
    lex = Lexicon.from_terms(
        "toy", {"conflict": ["war", "troop*", "armed conflict"], "trade": ["export*", "tariff"]}
    )
    r = fit_topics(tokens, k=4, seed=1, guide_topics=lex, **LOOSE)
    table = r.guide_topics.set_index("seed_set")
    assert table.loc["conflict", "words"] == "war troops"
    assert table.loc["conflict", "unmatched"] == "armed conflict (multi-word)"
    assert table.loc["trade", "unmatched"] == "tariff"
    assert r.provenance["guide_lexicon"]["fingerprint"] == lex.fingerprint


def test_seeds_need_word_priors_issue4(tokens):
    with pytest.raises(InvalidParameterError, match="no topic-word priors"):
        fit_topics(tokens, engine="sklearn-lda", k=2, seed=1, guide_topics={"a": ["war"]}, **LOOSE)


def test_seed_set_errors_and_warnings_issue4(tokens):
    with pytest.raises(InvalidParameterError, match="3 seed sets need k >= 3"):
        fit_topics(
            tokens, k=2, seed=1, guide_topics={"a": ["war"], "b": ["oil"], "c": ["x"]}, **LOOSE
        )
    with pytest.warns(UserWarning, match="seed set 'ghost': none of its words"):
        fit_topics(tokens, k=2, seed=1, guide_topics={"ghost": ["zzz"]}, **LOOSE)


# ------------------------------------------------------ top terms and FREX
def _manual(beta, terms, theta=None):
    k = len(beta)
    theta = np.full((2, k), 1.0 / k) if theta is None else np.asarray(theta)
    return TopicResult(
        engine="sklearn-nmf",
        k=k,
        seed=0,
        doc_topic=pd.DataFrame(
            theta, index=pd.Index([f"d{i}" for i in range(len(theta))], name="doc_id")
        ),
        topic_term=pd.DataFrame(beta, columns=terms),
        vocab_filter={},
        params={},
        deterministic=True,
    )


def test_frex_by_hand_issue4():
    # "the" is the most probable term of every topic but exclusive to none.
    beta = [[0.4, 0.35, 0.15, 0.1], [0.4, 0.1, 0.3, 0.2], [0.4, 0.15, 0.1, 0.35]]
    r = _manual(beta, ["the", "oil", "war", "aid"])
    assert r.top_terms(1)["term"].tolist() == ["the", "the", "the"]
    excl_only = r.top_terms(1, by="frex", frex_weight=1.0)
    assert excl_only["term"].tolist() == ["oil", "war", "aid"]
    # weight 0 is the ECDF of probability: the top term keeps rank 1 with FREX 1.
    assert r.top_terms(1, by="frex", frex_weight=0.0)["weight"].tolist() == [1.0, 1.0, 1.0]
    # weight 0.5, topic 0: exclusivity the .40/1.20, oil .35/.60, war .15/.55, aid .10/.65
    # -> ECDF ranks (frequency, exclusivity): the (4, 3), oil (3, 4), war (2, 2), aid (1, 1)
    frex = r.top_terms(4, by="frex").query("topic == 0").set_index("term")["weight"]
    assert frex["the"] == pytest.approx(1 / (0.5 / 0.75 + 0.5 / 1.0))
    assert frex["war"] == pytest.approx(0.5)
    assert frex["aid"] == pytest.approx(0.25)
    with pytest.raises(InvalidParameterError, match="FREX weight"):
        r.top_terms(by="frex", frex_weight=2.0)
    with pytest.raises(InvalidParameterError, match="'probability' or 'frex'"):
        r.top_terms(by="lift")


def test_representative_docs_and_labels_issue4():
    r = _manual([[0.6, 0.4], [0.3, 0.7]], ["a", "b"], theta=[[0.9, 0.1], [0.2, 0.8], [0.9, 0.1]])
    reps = r.representative_docs(2)
    assert reps.columns.tolist() == ["topic", "rank", "doc_id", "weight"]
    assert reps["doc_id"].tolist() == ["d0", "d2", "d1", "d0"]  # ties keep corpus order
    assert r.labels(2).tolist() == ["a_b", "b_a"]


# ---------------------------------------------------------------- transform
@pytest.mark.parametrize("engine", DETERMINISTIC)
def test_transform_unseen_documents_issue4(tokens, engine):
    _needs(engine)
    r = fit_topics(
        tokens,
        engine=engine,
        k=2,
        seed=4,
        **LOOSE,
        **({"passes": 30} if engine in ("gensim-lda", "sklearn-lda") else {}),
    )
    # The new corpus has its own vocabulary order and unknown words.
    new = toks(
        ["unseen words only", "zebra oil gas oil pipeline", "troops war army"],
        ids=["n0", "n1", "n2"],
    )
    theta = transform_topics(r, new)
    assert theta.index.tolist() == ["n0", "n1", "n2"]
    np.testing.assert_allclose(theta.loc["n0"], [0.5, 0.5])
    energy = 0 if _theme(r, 0) == "energy" else 1
    assert theta.loc["n1", energy] > 0.6 and theta.loc["n2", 1 - energy] > 0.6
    pd.testing.assert_frame_equal(r.transform(new), theta)


@pytest.mark.parametrize("engine", ["gensim-lda", "sklearn-lda", "sklearn-nmf"])
def test_transform_of_training_docs_reproduces_doc_topic_issue4(tokens, engine):
    r = fit_topics(tokens, engine=engine, k=2, seed=4, **LOOSE)
    np.testing.assert_allclose(
        transform_topics(r, tokens).to_numpy(), r.doc_topic.to_numpy(), atol=1e-12
    )


@pytest.mark.parametrize("engine", DETERMINISTIC)
def test_document_emptied_by_filter_gets_uniform_topics_issue4(engine):
    _needs(engine)
    t = toks([*DOCS, "rare"], ids=[*(f"d{i}" for i in range(len(DOCS))), "empty"])
    with pytest.warns(UserWarning, match="1 document"):
        r = fit_topics(t, engine=engine, k=2, seed=1, min_df=2, max_df=1.0)
    np.testing.assert_allclose(r.doc_topic.loc["empty"], [0.5, 0.5])
    assert "rare" not in r.vocabulary


@pytest.mark.slow
def test_fit_on_sample_then_infer_the_rest_fakes_issue4(fakes_csv):
    from corpus import Recipe, read

    articles = read(str(fakes_csv), text_col="article_content")
    sample = articles.sample(300, seed=1)
    rest = articles.filter(lambda d: ~d.index.isin(sample.doc_ids))
    recipe = Recipe(stopwords="sklearn", min_length=3)
    r = fit_topics(tokenize(sample, recipe), k=6, seed=1, engine="sklearn-lda")
    theta = transform_topics(r, tokenize(rest, recipe))
    assert len(theta) == len(articles) - 300
    assert not set(theta.index) & set(r.doc_topic.index)
    np.testing.assert_allclose(theta.sum(axis=1), 1.0)
    # Unseen articles use the topics: on average no topic is left empty.
    assert (theta.mean() > 0.01).all()


def test_old_guide_names_still_work_with_a_warning_issue12(tokens):
    with pytest.warns(FutureWarning, match="'seed_topics' was renamed 'guide_topics'"):
        old = fit_topics(tokens, k=2, seed=1, seed_topics={"a": ["war"]}, **LOOSE)
    new = fit_topics(tokens, k=2, seed=1, guide_topics={"a": ["war"]}, **LOOSE)
    pd.testing.assert_frame_equal(old.topic_term, new.topic_term)
    with pytest.warns(FutureWarning, match="renamed guide_topics"):
        pd.testing.assert_frame_equal(old.seed_topics, new.guide_topics)
    with pytest.raises(InvalidParameterError, match="not both"):
        fit_topics(tokens, k=2, seed=1, guide_topics={"a": ["war"]}, seed_topics={}, **LOOSE)
