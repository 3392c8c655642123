"""scikit-learn API: FrameCounter and FrameRates (#3)."""

from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from sklearn.base import clone
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.utils.estimator_checks import parametrize_with_checks

from framing import (
    FrameCounter,
    FrameRates,
    InvalidParameterError,
    Lexicon,
    list_lexicons,
    load_lexicon,
)

LEX = Lexicon.from_dict(
    {
        "name": "toy",
        "frames": {
            "war": {"patterns": ["war*", "armed conflict"], "exclusions": ["war crimes"]},
            "peace": {"patterns": ["peace*", "ceasefire"]},
        },
    }
)

DOCS = [
    "War and peace.",  # war 1, peace 1, 3 tokens
    "An armed conflict; wars and war crimes.",  # war 2 (armed conflict, wars), 7 tokens
    "",  # nothing
    "Peace, peace, ceasefire!",  # peace 3, 3 tokens
]


def test_issue3_frame_counter_counts_by_hand() -> None:
    fc = FrameCounter(lexicon=LEX)
    X = fc.fit_transform(DOCS)
    assert sp.issparse(X) and X.format == "csr"
    assert X.dtype == np.int64
    assert X.toarray().tolist() == [[1, 1], [2, 0], [0, 0], [0, 3]]
    assert fc.get_feature_names_out().tolist() == ["war", "peace"]


def test_issue3_frame_counter_n_tokens_column() -> None:
    fc = FrameCounter(lexicon=LEX, add_n_tokens=True).fit(DOCS)
    assert fc.transform(DOCS).toarray()[:, -1].tolist() == [3, 7, 0, 3]
    assert fc.get_feature_names_out().tolist() == ["war", "peace", "n_tokens"]


def test_issue3_frame_counter_pandas_output_keeps_index() -> None:
    texts = pd.Series(DOCS, index=["a", "b", "c", "d"])
    out = FrameCounter(lexicon=LEX).set_output(transform="pandas").fit_transform(texts)
    assert isinstance(out, pd.DataFrame)
    assert out.columns.tolist() == ["war", "peace"]
    assert out.index.tolist() == ["a", "b", "c", "d"]
    assert out["peace"].tolist() == [1, 0, 0, 3]


def test_issue3_frame_counter_sentence_unit_stops_phrases_at_sentence_ends() -> None:
    text = ["They were armed. Conflict followed."]
    doc = FrameCounter(lexicon=LEX).fit_transform(text).toarray()
    sent = FrameCounter(lexicon=LEX, unit="sentence").fit_transform(text).toarray()
    assert doc.tolist() == [[1, 0]]  # "armed. Conflict" is one match within a document
    assert sent.tolist() == [[0, 0]]
    # one row per input text, also for texts with several or no sentences
    out = FrameCounter(lexicon=LEX, unit="sentence", add_n_tokens=True).fit_transform(DOCS)
    assert out.toarray().tolist() == [[1, 1, 3], [2, 0, 7], [0, 0, 0], [0, 3, 3]]


def test_issue3_frame_counter_two_workers_same_counts() -> None:
    one = FrameCounter(lexicon=LEX).fit_transform(DOCS * 3)
    two = FrameCounter(lexicon=LEX, n_jobs=2).fit_transform(DOCS * 3)
    assert (one != two).nnz == 0


def test_issue3_frame_counter_loads_lexicon_by_name() -> None:
    name = list_lexicons()[0]
    fc = FrameCounter(lexicon=name).fit([])
    assert fc.lexicon_ == load_lexicon(name)
    assert fc.transform([]).shape == (0, len(fc.lexicon_.frames))


def test_issue3_frame_counter_errors() -> None:
    with pytest.raises(InvalidParameterError, match="FrameCounter needs lexicon="):
        FrameCounter().fit(DOCS)
    with pytest.raises(InvalidParameterError, match="unit must be one of"):
        FrameCounter(lexicon=LEX, unit="page").fit(DOCS)
    with pytest.raises(InvalidParameterError, match="n_jobs must be a positive integer, got 0"):
        FrameCounter(lexicon=LEX, n_jobs=0).fit(DOCS)
    fc = FrameCounter(lexicon=LEX).fit(DOCS)
    with pytest.raises(InvalidParameterError, match="got a single string; wrap it in a list"):
        fc.transform("War and peace.")
    with pytest.raises(InvalidParameterError, match=r"expects texts \(str\), got int"):
        fc.transform(["ok", 3])


def test_issue3_frame_counter_clone_params_pickle() -> None:
    fc = FrameCounter(lexicon=LEX, unit="sentence")
    assert fc.get_params() == {
        "lexicon": LEX,
        "unit": "sentence",
        "negation_window": None,
        "add_n_tokens": False,
        "n_jobs": 1,
    }
    twin = clone(fc)
    assert twin is not fc and twin.get_params() == fc.get_params()
    assert not hasattr(twin, "lexicon_")
    twin.set_params(unit="document", add_n_tokens=True)
    assert (twin.unit, twin.add_n_tokens) == ("document", True)
    fitted = FrameCounter(lexicon=LEX, add_n_tokens=True).fit(DOCS)
    restored = pickle.loads(pickle.dumps(fitted))
    assert restored.lexicon_.fingerprint == LEX.fingerprint
    assert (restored.transform(DOCS) != fitted.transform(DOCS)).nnz == 0


def test_issue3_pipeline_and_grid_search() -> None:
    texts = [
        "war and more war",
        "the war goes on",
        "armed conflict again",
        "warfare, warlords",
        "peace at last",
        "a ceasefire holds",
        "peaceful days",
        "peace and calm",
    ] * 2
    y = [1, 1, 1, 1, 0, 0, 0, 0] * 2
    pipe = Pipeline(
        [
            ("counts", FrameCounter(lexicon=LEX, add_n_tokens=True)),
            ("rates", FrameRates()),
            ("clf", LogisticRegression()),
        ]
    )
    grid = GridSearchCV(
        pipe,
        {"counts__unit": ["document", "sentence"], "rates__normalize": ["per_1000", "per_token"]},
        cv=2,
    )
    grid.fit(texts, y)
    assert grid.best_params_["rates__normalize"] in ("per_1000", "per_token")
    assert grid.predict(["war war", "peace please"]).tolist() == [1, 0]
    assert pipe[:-1].fit(texts).get_feature_names_out().tolist() == ["war", "peace"]


# ------------------------------------------------------------------ FrameRates


@parametrize_with_checks(
    [
        FrameRates(),
        FrameRates(normalize="per_token", n_tokens_col=0),
        FrameRates(normalize="l1", n_tokens_col=None),
        FrameRates(normalize="l2"),
    ]
)
def test_issue3_frame_rates_sklearn_checks(estimator, check) -> None:
    check(estimator)


COUNTS = np.array([[2, 0, 1000], [1, 3, 500], [0, 0, 0]])


def test_issue3_frame_rates_by_hand() -> None:
    per_1000 = FrameRates().fit_transform(COUNTS)
    np.testing.assert_array_equal(per_1000[:2], [[2.0, 0.0], [2.0, 6.0]])
    assert np.isnan(per_1000[2]).all()  # no tokens: NaN, as FrameScores.rates
    per_token = FrameRates(normalize="per_token").fit_transform(COUNTS)
    np.testing.assert_allclose(per_token[:2], [[0.002, 0.0], [0.002, 0.006]])
    l1 = FrameRates(normalize="l1").fit_transform(COUNTS)
    np.testing.assert_allclose(l1, [[1.0, 0.0], [0.25, 0.75], [0.0, 0.0]])
    l2 = FrameRates(normalize="l2", n_tokens_col=None).fit_transform([[3, 4]])
    np.testing.assert_allclose(l2, [[0.6, 0.8]])


def test_issue3_frame_rates_sparse_matches_dense() -> None:
    for normalize in ("per_1000", "l1", "l2"):
        dense = FrameRates(normalize=normalize).fit_transform(COUNTS)
        sparse = FrameRates(normalize=normalize).fit_transform(sp.csr_matrix(COUNTS))
        assert sp.issparse(sparse)
        np.testing.assert_allclose(sparse.toarray(), dense)


def test_issue3_frame_rates_feature_names_drop_token_column() -> None:
    X = pd.DataFrame(COUNTS[:2], columns=["war", "peace", "n_tokens"])
    rates = FrameRates().set_output(transform="pandas").fit_transform(X)
    assert rates.columns.tolist() == ["war", "peace"]
    assert FrameRates(n_tokens_col=0).fit(COUNTS).get_feature_names_out().tolist() == ["x1", "x2"]


def test_issue3_frame_rates_errors() -> None:
    with pytest.raises(ValueError, match="normalize must be one of"):
        FrameRates(normalize="tfidf").fit(COUNTS)
    with pytest.raises(ValueError, match="needs token counts; set n_tokens_col"):
        FrameRates(n_tokens_col=None).fit(COUNTS)
    with pytest.raises(ValueError, match=r"X has 1 feature\(s\)"):
        FrameRates().fit([[1], [2]])
    with pytest.raises(ValueError, match="n_tokens_col=5 needs a token column"):
        FrameRates(n_tokens_col=5).fit(COUNTS)
    with pytest.raises(ValueError, match="Negative values in data passed to FrameRates"):
        FrameRates().fit([[1, -1, 3]])


def test_issue3_counter_then_rates_equals_score_rates() -> None:
    from framing import score_frames

    rates = make_pipeline(FrameCounter(lexicon=LEX, add_n_tokens=True), FrameRates())
    got = rates.fit_transform(DOCS)
    assert sp.issparse(got)
    expected = score_frames(DOCS, LEX).rates(per=1000).to_numpy()
    assert np.isnan(expected[2]).all()  # the empty text: no tokens, NaN rates
    np.testing.assert_allclose(got.toarray(), expected)
