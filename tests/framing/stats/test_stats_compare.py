"""Tests of group comparisons and smoothed trends (issue 5)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from framing import FramingError, InvalidParameterError, compare_groups, trend
from framing.stats import lowess_kernel, smooth


def _table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": list("abcdef"),
            "n_tokens": [100, 100, 200, 100, 100, 200],
            "war": [4, 2, 2, 1, 0, 0],
            "peace": [0, 0, 1, 1, 2, 2],
            "side": ["t", "t", "r", "r", "o", "o"],
        }
    )


def test_issue5_difference_and_ratio_are_hand_computed():
    out = compare_groups(
        _table(), "side", target="t", reference="r", frames=["war", "peace"], n_boot=200, seed=1
    ).set_index(["frame", "statistic"])
    assert out.loc[("war", "difference"), "estimate"] == pytest.approx(30 - 10)
    assert out.loc[("war", "ratio"), "estimate"] == pytest.approx(3.0)
    assert out.loc[("peace", "difference"), "estimate"] == pytest.approx(0 - 2 / 300 * 1000)
    assert out.loc[("war", "difference"), "n_docs_target"] == 2
    assert out.attrs["n_boot"] == 200 and set(out["conf_level"]) == {0.95}


def test_issue5_reference_defaults_to_the_rest():
    out = compare_groups(_table(), "side", target=["t"], frames=["war"], n_boot=50, seed=0)
    row = out.set_index("statistic").loc["difference"]
    assert row["reference"] == "rest" and row["n_docs_reference"] == 4
    assert row["reference_estimate"] == pytest.approx(1000 * 3 / 600)


def test_issue5_difference_interval_brackets_a_clear_gap():
    rng = np.random.default_rng(0)
    n = 60
    table = pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(n)],
            "n_tokens": 1000,
            "war": np.r_[rng.poisson(20, n // 2), rng.poisson(5, n // 2)],
            "side": ["t"] * (n // 2) + ["r"] * (n // 2),
        }
    )
    out = compare_groups(
        table, "side", target="t", reference="r", frames=["war"], n_boot=500, seed=0
    )
    diff = out.set_index("statistic").loc["difference"]
    assert 0 < diff["ci_low"] < diff["estimate"] < diff["ci_high"]


def test_issue5_compare_errors_name_the_problem():
    with pytest.raises(FramingError, match=r"no unit has side in \['z'\]"):
        compare_groups(_table(), "side", target="z", frames=["war"], seed=0)
    with pytest.raises(InvalidParameterError, match="overlap"):
        compare_groups(_table(), "side", target=["t", "r"], reference="r", frames=["war"], seed=0)
    with pytest.raises(InvalidParameterError, match="'party'"):
        compare_groups(_table(), "party", target="t", frames=["war"], seed=0)


def _years() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": list("abcde"),
            "n_tokens": [100, 100, 300, 100, 100],
            "war": [1, 3, 3, 7, 9],
            "year": [2000, 2001, 2001, 2002, 2005],
        }
    )


def test_issue5_rolling_pools_counts_in_time_units():
    out = trend(_years(), "year", window=3, frames=["war"], n_boot=20, seed=0).set_index("year")
    # 2001 pools 2000-2002: (1+3+3+7) / 600 tokens; 2005 has no neighbour within 1 year
    assert out.loc[2001, "estimate"] == pytest.approx(1000 * 14 / 600)
    assert out.loc[2001, "observed"] == pytest.approx(1000 * 6 / 400)
    assert out.loc[2005, "estimate"] == pytest.approx(90.0)
    assert out.loc[2001, "n_units"] == 2 and out.loc[2001, "n_tokens"] == 400


def test_issue5_lowess_reproduces_a_line_and_matches_weighted_least_squares():
    x = np.arange(10.0)
    tokens = np.array([100, 200, 50, 100, 400, 100, 100, 80, 100, 100.0])
    line = (2.0 + 0.5 * x) * tokens
    kernel = lowess_kernel(x, 0.5)
    fit = smooth(x, line[:, None], tokens, kernel, "lowess")
    assert fit.ravel() == pytest.approx(2.0 + 0.5 * x)
    y = np.array([1.0, 4, 2, 5, 3, 6, 2, 8, 1, 3])
    fit = smooth(x, (y * tokens)[:, None], tokens, kernel, "lowess").ravel()
    for t in (0, 4, 9):
        w = kernel[t] * tokens
        coef = np.polyfit(x[w > 0], y[w > 0], 1, w=np.sqrt(w[w > 0]))
        assert fit[t] == pytest.approx(np.polyval(coef, x[t]))


def test_issue5_trend_band_contains_estimate_and_is_reproducible():
    rng = np.random.default_rng(3)
    n = 80
    table = pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(n)],
            "n_tokens": rng.integers(500, 3000, n),
            "year": np.repeat(np.arange(1990, 2010), 4),
            "outlet": ["a", "b"] * (n // 2),
        }
    )
    table["war"] = rng.poisson(table["n_tokens"] / 100)
    for smoother in ("rolling", "lowess"):
        a = trend(
            table, "year", group="outlet", smoother=smoother, frames=["war"], n_boot=200, seed=0
        )
        b = trend(
            table, "year", group="outlet", smoother=smoother, frames=["war"], n_boot=200, seed=0
        )
        assert a.to_csv(index=False) == b.to_csv(index=False)
        assert (a["ci_low"] <= a["estimate"] + 1e-9).all()
        assert (a["estimate"] <= a["ci_high"] + 1e-9).all()
        assert sorted(set(a["outlet"])) == ["a", "b"] and len(a) == 40


def test_issue5_trend_options_are_checked():
    with pytest.raises(InvalidParameterError, match="smoother must be"):
        trend(_years(), "year", smoother="spline", frames=["war"], seed=0)
    with pytest.raises(InvalidParameterError, match="frac must"):
        trend(_years(), "year", smoother="lowess", frac=0, frames=["war"], seed=0)
    with pytest.raises(InvalidParameterError, match="must be numeric"):
        trend(
            _years().assign(year=lambda t: t["year"].astype(str)), "year", frames=["war"], seed=0
        )


def test_issue5_bca_difference_uses_two_sample_jackknife():
    rng = np.random.default_rng(5)
    n = 80
    table = pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(n)],
            "n_tokens": 1000,
            "war": np.r_[rng.poisson(12, n // 2), rng.poisson(6, n // 2)],
            "side": ["t"] * (n // 2) + ["r"] * (n // 2),
        }
    )
    pct = compare_groups(
        table, "side", target="t", reference="r", frames=["war"], n_boot=2000, seed=3
    ).set_index("statistic")
    bca = compare_groups(
        table, "side", target="t", reference="r", frames=["war"], n_boot=2000, seed=3, method="bca"
    ).set_index("statistic")
    assert bca.attrs["method"] == "bca" and set(bca["method"]) == {"bca"}
    for stat in ("difference", "ratio"):
        assert bca.loc[stat, "ci_low"] < bca.loc[stat, "estimate"] < bca.loc[stat, "ci_high"]
        # same resamples: BCa only shifts the quantile levels, by little on near-normal data
        width = pct.loc[stat, "ci_high"] - pct.loc[stat, "ci_low"]
        assert abs(bca.loc[stat, "ci_low"] - pct.loc[stat, "ci_low"]) < 0.25 * width
    assert bca.loc["difference", "estimate"] == pct.loc["difference", "estimate"]


def test_issue5_two_sample_acceleration_hand_computed():
    from framing.stats import acceleration

    jt, jr = np.array([[1.0], [2.0], [6.0]]), np.array([[0.0], [2.0]])
    dev = np.r_[3.0 - np.array([1.0, 2.0, 6.0]), 1.0 - np.array([0.0, 2.0])]
    want = (dev**3).sum() / (6 * (dev**2).sum() ** 1.5)
    assert acceleration([jt, jr])[0] == pytest.approx(want)
    assert acceleration([np.ones((4, 1))])[0] == 0.0
