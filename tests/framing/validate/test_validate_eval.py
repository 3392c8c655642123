"""Evaluation against gold codes and inter-coder reliability (issue 7)."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from framing.validate import (
    ValidationDataError,
    disagreements,
    evaluate,
    read_codes,
    reliability,
)

SCORES = pd.DataFrame(
    {
        "doc_id": ["u1", "u2", "u3", "u4", "u5", "u6"],
        "n_tokens": [10, 10, 10, 10, 10, 10],
        "war": [2, 0, 1, 0, 3, 0],
        "aid": [0, 1, 1, 0, 0, 0],
        "year": [1, 2, 3, 4, 5, 6],
    }
)
GOLD = pd.DataFrame(
    {
        "doc_id": ["u1", "u2", "u3", "u4", "u5", "u6"],
        "war": [1, 0, 0, 1, 1, 0],
        "aid": [0, 1, 1, 1, 0, 0],
    }
)


def test_evaluate_hand_computed_issue7():
    r = evaluate(SCORES, GOLD, n_boot=0, seed=0).set_index("frame")
    # war: predicted u1 u3 u5; gold u1 u4 u5 -> tp 2, fp 1, fn 1
    assert r.loc["war", ["tp", "fp", "fn", "support"]].tolist() == [2, 1, 1, 3]
    assert r.loc["war", "precision"] == pytest.approx(2 / 3)
    # aid: predicted u2 u3; gold u2 u3 u4 -> tp 2, fp 0, fn 1
    assert r.loc["aid", "precision"] == 1.0 and r.loc["aid", "recall"] == pytest.approx(2 / 3)
    assert r.loc["micro", "precision"] == pytest.approx(4 / 5)
    assert r.loc["micro", "recall"] == pytest.approx(4 / 6)
    assert r.loc["macro", "f1"] == pytest.approx((2 / 3 + 0.8) / 2)
    assert list(r.index) == ["war", "aid", "macro", "micro"]


def test_threshold_changes_predictions_issue7():
    r = evaluate(SCORES, GOLD, threshold=2, n_boot=0, frames=["war"], seed=0).set_index("frame")
    assert r.loc["war", ["tp", "fp", "fn"]].tolist() == [2, 0, 1]


def test_bootstrap_intervals_are_seeded_and_bracket_issue7():
    a = evaluate(SCORES, GOLD, n_boot=500, seed=3)
    b = evaluate(SCORES, GOLD, n_boot=500, seed=3)
    pd.testing.assert_frame_equal(a, b)
    for stat in ("precision", "recall", "f1"):
        ok = a[f"{stat}_ci_low"] <= a[stat] + 1e-12
        assert ok.all() and (a[stat] <= a[f"{stat}_ci_high"] + 1e-12).all()
    assert set(a["conf_level"]) == {0.95} and set(a["n_boot"]) == {500}


def test_evaluate_errors_issue7():
    with pytest.raises(ValidationDataError, match=r"row 3, column 'war'.*not 0 or 1"):
        evaluate(SCORES, GOLD.assign(war=[1, 2, 0, 1, 1, 0]), seed=0)
    with pytest.raises(ValidationDataError, match=r"have no scores.*u9"):
        evaluate(SCORES, pd.concat([GOLD, GOLD.head(1).assign(doc_id="u9")]), seed=0)
    with pytest.raises(ValidationDataError, match="no column for frame"):
        evaluate(SCORES.drop(columns="aid"), GOLD, seed=0)
    with pytest.raises(ValidationDataError, match="repeat doc_id"):
        evaluate(SCORES, pd.concat([GOLD, GOLD.head(1)]), seed=0)


def _alpha_nominal(matrix: np.ndarray) -> float:
    """Independent textbook implementation via the coincidence matrix."""
    values = sorted({v for v in matrix.ravel() if not np.isnan(v)})
    index = {v: i for i, v in enumerate(values)}
    o = np.zeros((len(values), len(values)))
    for unit in matrix.T:
        present = [v for v in unit if not np.isnan(v)]
        m = len(present)
        if m < 2:
            continue
        for a, b in itertools.permutations(range(m), 2):
            o[index[present[a]], index[present[b]]] += 1 / (m - 1)
    n_c = o.sum(1)
    n = n_c.sum()
    d_o = o.sum() - np.trace(o)
    d_e = (n * n - (n_c**2).sum()) / (n - 1)
    return 1 - d_o / d_e


CODES = pd.DataFrame(
    {
        "doc_id": ["a", "a", "a", "b", "b", "b", "c", "c", "d", "d", "d", "e", "e"],
        "coder": ["x", "y", "z", "x", "y", "z", "x", "y", "x", "y", "z", "x", "z"],
        "war": [1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1],
        "aid": [0, 0, 0, 1, 1, 1, 0, 0, 1, 0, 1, 0, 0],
    }
)


def test_reliability_matches_independent_alpha_issue7():
    table = reliability(CODES).set_index("frame")
    for frame in ("war", "aid"):
        wide = CODES.pivot(index="coder", columns="doc_id", values=frame).to_numpy(float)
        assert table.loc[frame, "krippendorff_alpha"] == pytest.approx(_alpha_nominal(wide))
    assert table.loc["war", "n_units"] == 5 and table.loc["war", "n_coders"] == 3
    assert np.isnan(table.loc["war", "cohen_kappa"])  # three coders: no kappa
    # war pairwise agreement: a 1, b 1/3, c 0, d 1, e 1 -> mean 2/3
    assert table.loc["war", "percent_agreement"] == pytest.approx((1 + 1 / 3 + 0 + 1 + 1) / 5)


def test_two_coders_give_kappa_issue7():
    two = CODES[CODES.coder.isin(["x", "y"])]
    table = reliability(two).set_index("frame")
    from sklearn.metrics import cohen_kappa_score

    x = two[two.coder == "x"].set_index("doc_id")["war"]
    y = two[two.coder == "y"].set_index("doc_id")["war"]
    both = x.index.intersection(y.index)
    assert table.loc["war", "cohen_kappa"] == pytest.approx(cohen_kappa_score(x[both], y[both]))


def test_disagreement_table_issue7():
    table = disagreements(CODES)
    assert table[["doc_id", "frame"]].values.tolist() == [["b", "war"], ["c", "war"], ["d", "aid"]]
    assert table.loc[0, ["x", "y", "z"]].tolist() == [0.0, 0.0, 1.0]


def test_read_codes_errors_issue7(tmp_path):
    with pytest.raises(ValidationDataError, match="column 'coder' is missing"):
        read_codes(CODES.drop(columns="coder"))
    with pytest.raises(ValidationDataError, match="coded twice"):
        read_codes(pd.concat([CODES, CODES.head(1)]))
    with pytest.raises(ValidationDataError, match=r"not in the coding sample.*'e'"):
        read_codes(CODES, known_ids=list("abcd"))
    with pytest.raises(ValidationDataError, match=r"lack a coder.*'c' has no codes from \['z'\]"):
        read_codes(CODES, coders=["x", "y", "z"])
    path = tmp_path / "codes.csv"
    CODES.assign(war=CODES.war.astype(str).replace("1", "yes")).to_csv(path, index=False)
    with pytest.raises(ValidationDataError, match=r"codes.csv: row 2, column 'war'"):
        read_codes(path)
