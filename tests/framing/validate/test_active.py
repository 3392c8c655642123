"""Active-coding strategies of sample_for_coding and the simulated learning curve (#14)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from corpus import Corpus
from framing import InvalidParameterError, Lexicon
from framing.models import train_model
from framing.validate import learning_curve, sample_for_coding

TEXTS = [
    "the war and the attack",
    "aid for the refugees",
    "an attack on the troops",
    "food aid and shelter",
    "missile strike on the base",
    "refugees need food",
] * 4
CODES = pd.DataFrame({"war": [1, 0, 1, 0, 1, 0] * 4})


@pytest.fixture
def lexicon() -> Lexicon:
    return Lexicon.from_terms("toy", {"war": ["war*", "attack*"]})


@pytest.fixture
def model(lexicon):
    return train_model(TEXTS, CODES, lexicon, seed=0, cv=3, min_df=1)


def test_issue14_uncertainty_draws_the_units_nearest_the_threshold(lexicon, model) -> None:
    pool = Corpus.from_texts(["war war attack", "an ambiguous skirmish", "bread and food",
                              "the attack", "refugees"])  # fmt: skip
    proba = model.predict_proba(pool)["war"].to_numpy()
    nearest = np.argsort(np.abs(proba - model.thresholds[0]), kind="stable")[:2]
    sheet = sample_for_coding(pool, lexicon, n=2, seed=1, strategy="uncertainty", model=model,
                              coders=["c"])  # fmt: skip
    assert sorted(sheet["doc_id"]) == sorted(pool.doc_ids[i] for i in nearest)
    assert sheet.attrs["strategy"] == "uncertainty"


def test_issue14_disagreement_draws_where_model_and_lexicon_differ(lexicon, model) -> None:
    # "missile strike" has no lexicon hit but the model codes war; "war" texts agree
    pool = Corpus.from_texts(["the war", "a missile strike", "the attack", "war again"])
    sheet = sample_for_coding(pool, lexicon, n=1, seed=0, strategy="disagreement", model=model,
                              coders=["c"])  # fmt: skip
    assert sheet["doc_id"].tolist() == ["d1"]


def test_issue14_random_and_exclude(lexicon) -> None:
    pool = Corpus.from_texts([f"text {i} war" if i % 2 else f"text {i}" for i in range(20)])
    sheet = sample_for_coding(pool, lexicon, n=5, seed=2, strategy="random", coders=["c"],
                              exclude=["d0", "d1", "d2"])  # fmt: skip
    assert len(sheet) == 5 and not {"d0", "d1", "d2"} & set(sheet["doc_id"])
    again = sample_for_coding(pool, lexicon, n=5, seed=2, strategy="random", coders=["c"],
                              exclude=["d0", "d1", "d2"])  # fmt: skip
    assert again["doc_id"].tolist() == sheet["doc_id"].tolist()


def test_issue14_strategy_errors(lexicon) -> None:
    pool = Corpus.from_texts(["a", "b"])
    with pytest.raises(InvalidParameterError, match="needs a trained model"):
        sample_for_coding(pool, lexicon, n=1, seed=0, strategy="uncertainty")
    with pytest.raises(InvalidParameterError, match="strategy must be one of"):
        sample_for_coding(pool, lexicon, n=1, seed=0, strategy="loudest")
    with pytest.raises(InvalidParameterError, match="only 1 units can be drawn"):
        sample_for_coding(pool, lexicon, n=2, seed=0, strategy="random", exclude=["d0"])


def test_issue14_learning_curve_rows_and_held_out_scoring(lexicon) -> None:
    pool = Corpus.from_texts(TEXTS[:18], doc_ids=[f"p{i}" for i in range(18)])
    test = Corpus.from_texts(TEXTS[18:], doc_ids=[f"t{i}" for i in range(6)])
    codes = CODES.set_axis([*pool.doc_ids, *test.doc_ids])
    curve = learning_curve(pool, codes, lexicon, test_units=test, test_codes=codes,
                           sizes=[9, 18], seed=0, min_df=1)  # fmt: skip
    assert curve[["strategy", "n_coded"]].values.tolist() == [
        ["random", 9], ["random", 18], ["uncertainty", 9], ["uncertainty", 18]]  # fmt: skip
    # with the whole pool coded both strategies train on the same units
    last = curve[curve["n_coded"] == 18]["f1"].to_numpy()
    assert last[0] == last[1] and 0 <= last[0] <= 1
    with pytest.raises(InvalidParameterError, match="sizes must ascend"):
        learning_curve(pool, codes, lexicon, test_units=test, test_codes=codes, sizes=[18, 9],
                       seed=0)  # fmt: skip
