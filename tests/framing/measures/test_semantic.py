"""DDR semantic scores and their calibration to presence (#14)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from corpus import Corpus
from framing import InvalidParameterError, Lexicon
from framing.embed import WordVectors
from framing.measures import calibrate_ddr, ddr_scores, frame_centroids


@pytest.fixture
def vectors() -> WordVectors:
    return WordVectors.from_arrays(
        ["war", "wars", "peace", "talks"], np.array([[1, 0], [3, 0], [0, 1], [1, 1]], dtype=float)
    )


@pytest.fixture
def lexicon() -> Lexicon:
    return Lexicon.from_terms("toy", {"conflict": ["war*"], "calm": ["peace", "peace talks"]})


def test_issue14_centroids_use_one_word_patterns_expanded_over_the_vocabulary(
    lexicon, vectors
) -> None:
    cents = frame_centroids(lexicon, vectors)
    assert cents.index.tolist() == ["conflict", "calm"]
    assert cents.loc["conflict"].tolist() == [1.0, 0.0]  # war, wars: both (1, 0) as units
    assert cents.loc["calm"].tolist() == [0.0, 1.0]  # "peace talks" is not a seed


def test_issue14_ddr_weights_words_by_sif(lexicon, vectors) -> None:
    units = Corpus.from_texts(
        ["war war talks", "peace unknown", "unknown"], docvars={"year": [1, 2, 3]}
    )
    s = ddr_scores(units, lexicon, vectors, a=0.25)
    # p(war) = 2/6, p(talks) = 1/6: weights 0.25/(0.25+1/3) = 3/7 and 0.25/(0.25+1/6) = 3/5
    # v = 2 * 3/7 * (1, 0) + 3/5 * (1, 1)/sqrt(2)
    v = 2 * 3 / 7 * np.array([1, 0]) + 3 / 5 * np.array([1, 1]) / np.sqrt(2)
    assert s.loc["d0", "conflict"] == pytest.approx(v[0] / np.linalg.norm(v))
    assert s.loc["d0", "calm"] == pytest.approx(v[1] / np.linalg.norm(v))
    assert s.loc["d1", ["conflict", "calm"]].tolist() == pytest.approx([0.0, 1.0])
    assert s.loc["d2", ["conflict", "calm"]].isna().all()
    assert s["n_tokens"].tolist() == [3, 2, 1] and s["year"].tolist() == [1, 2, 3]


def test_issue14_ddr_by_paragraph_and_bad_input(lexicon, vectors) -> None:
    units = Corpus.from_texts(["war\n\npeace"], doc_ids=["s"])
    s = ddr_scores(units, lexicon, vectors, unit="paragraph")
    assert s.index.tolist() == ["s:1", "s:2"]
    assert s["conflict"].tolist() == pytest.approx([1.0, 0.0])
    with pytest.raises(InvalidParameterError, match="unit must be one of"):
        ddr_scores(units, lexicon, vectors, unit="line")
    with pytest.raises(InvalidParameterError, match="a must be a positive number"):
        ddr_scores(units, lexicon, vectors, a=0)
    empty = Lexicon.from_terms("toy", {"x": ["nothing*"]})
    with pytest.raises(InvalidParameterError, match="frame 'x': none of its one-word"):
        ddr_scores(units, empty, vectors)


def test_issue14_calibration_picks_the_f1_threshold_on_coded_units() -> None:
    scores = pd.DataFrame({"f": [0.9, 0.7, 0.6, 0.2, np.nan]}, index=list("abcde"))
    codes = pd.DataFrame({"f": [1, 1, 0, 0, 0]}, index=list("abcde"))
    cal = calibrate_ddr(scores, codes)
    assert cal.n_units == 5
    assert cal.coef["f"] > 0
    assert cal.predict(scores)["f"].tolist() == [1, 1, 0, 0, 0]
    proba = cal.predict_proba(scores)["f"]
    assert proba.is_monotonic_decreasing
    with pytest.raises(InvalidParameterError, match="one class only"):
        calibrate_ddr(scores, codes.assign(f=1))
    with pytest.raises(InvalidParameterError, match="only 0 coded unit"):
        calibrate_ddr(scores, codes.set_axis(list("vwxyz")))
