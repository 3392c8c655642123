"""Issue 15: covariate effects on frames (estimate_effect, marginal_effects)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import framing
from framing import InvalidParameterError

patsy = pytest.importorskip("patsy")
sm = pytest.importorskip("statsmodels.api")
smf = pytest.importorskip("statsmodels.formula.api")

COLUMNS = ["term", "estimate", "std_error", "ci_low", "ci_high", "p_value", "n", "method"]


def _units(seed: int, n: int = 300, effect: float = 0.5) -> pd.DataFrame:
    """Counts from a Poisson model with a log(n_tokens) offset and country shocks.

    ``group`` is a country attribute (countries 0-19 vs 20-39), as a bloc is.
    """
    rng = np.random.default_rng(seed)
    country = rng.integers(0, 40, n)
    shock = rng.normal(0, 0.3, 40)[country]
    group = (country >= 20).astype(int)
    year = rng.integers(1970, 2025, n)
    tokens = rng.integers(50, 300, n)
    mu = tokens / 1000 * np.exp(2.0 + effect * group + shock)
    return pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(n)],
            "n_tokens": tokens,
            "war": rng.poisson(mu),
            "group": group,
            "bloc": np.where(group == 1, "me", "p5"),
            "year": year,
            "country": [f"c{c:02d}" for c in country],
        }
    )


def _same(table: pd.DataFrame, result, names=None) -> None:
    assert table.columns.tolist() == COLUMNS
    if names is not None:
        assert table["term"].tolist() == names
    np.testing.assert_allclose(table["estimate"], np.asarray(result.params), rtol=0, atol=1e-8)
    np.testing.assert_allclose(table["std_error"], np.asarray(result.bse), rtol=0, atol=1e-8)
    ci = np.asarray(result.conf_int(0.05))
    np.testing.assert_allclose(table[["ci_low", "ci_high"]].to_numpy(), ci, atol=1e-8)
    np.testing.assert_allclose(table["p_value"], np.asarray(result.pvalues), atol=1e-8)


def test_issue15_poisson_offset_cluster_equals_statsmodels():
    d = _units(1)
    formula = "war ~ C(bloc) * bs(year, df=4)"
    table = framing.estimate_effect(
        d, formula, family="poisson", offset="n_tokens", cluster="country"
    )
    fit = smf.glm(formula, d, family=sm.families.Poisson(), offset=np.log(d["n_tokens"])).fit(
        cov_type="cluster", cov_kwds={"groups": pd.factorize(d["country"], sort=True)[0]}
    )
    _same(table, fit, list(fit.params.index))
    assert (table["n"] == 300).all()
    assert table["method"].iloc[0] == "poisson (cluster-robust by country, 40 clusters)"


def test_issue15_negbin_equals_statsmodels():
    d = _units(2)
    table = framing.estimate_effect(d, "war ~ C(bloc) + year", family="negbin", offset="n_tokens")
    fit = smf.negativebinomial("war ~ C(bloc) + year", d, offset=np.log(d["n_tokens"])).fit(
        method="newton", disp=0, maxiter=200, cov_type="HC1"
    )
    _same(table, fit, [*fit.params.index[:-1], "alpha"])


def test_issue15_logit_on_presence_equals_statsmodels():
    d = _units(3)
    table = framing.estimate_effect(
        d,
        "war ~ C(bloc) + cr(year, df=3, constraints='center')",
        family="logit",
        cov_type="nonrobust",
    )
    d = d.assign(present=(d["war"] >= 1).astype(float))
    fit = smf.glm(
        "present ~ C(bloc) + cr(year, df=3, constraints='center')",
        d,
        family=sm.families.Binomial(),
    ).fit()
    _same(table, fit)


def test_issue15_ols_on_rates_equals_statsmodels():
    d = _units(4)
    table = framing.estimate_effect(d, "war ~ C(bloc):year", family="ols", cluster="country")
    d = d.assign(rate=d["war"] * 1000 / d["n_tokens"])
    fit = smf.ols("rate ~ C(bloc):year", d).fit(
        cov_type="cluster", cov_kwds={"groups": pd.factorize(d["country"], sort=True)[0]}
    )
    _same(table, fit)


def test_issue15_frame_scores_input_hand_computed():
    idx = pd.Index(list("abcd"), name="doc_id")
    scores = framing.FrameScores(
        counts=pd.DataFrame({"war": [1, 3, 6, 10]}, index=idx),
        n_tokens=pd.Series([100, 100, 200, 200], index=idx),
        docvars=pd.DataFrame({"bloc": ["x", "x", "y", "y"]}, index=idx),
    )
    table = framing.estimate_effect(scores, "war ~ bloc", offset="n_tokens")
    # Poisson MLE with one binary covariate: log(4/200) and log((16/400) / (4/200))
    assert table["estimate"].tolist() == pytest.approx([np.log(0.02), np.log(2.0)], abs=1e-7)


def test_issue15_cluster_coverage_of_a_frame_effect():
    """200 data sets with country shocks: the clustered 95% interval covers the truth.

    The unit-level (HC1) interval ignores the shocks shared within a country
    and covers far less often.
    """
    hits = {"country": 0, None: 0}
    for seed in range(200):
        d = _units(1000 + seed)
        for cluster in hits:
            table = framing.estimate_effect(d, "war ~ group", offset="n_tokens", cluster=cluster)
            row = table.set_index("term").loc["group"]
            hits[cluster] += row["ci_low"] <= 0.5 <= row["ci_high"]
    assert 0.92 <= hits["country"] / 200 <= 0.98
    assert hits[None] / 200 < 0.85


def test_issue15_marginal_effects_match_statsmodels_predictions():
    d = _units(5)
    grid = {"bloc": ["me", "p5"], "year": [1980, 2000, 2020]}
    table = framing.marginal_effects(
        d, "war ~ C(bloc) + bs(year, df=3)", family="poisson", offset="n_tokens", at=grid
    )
    fit = smf.glm(
        "war ~ C(bloc) + bs(year, df=3)",
        d,
        family=sm.families.Poisson(),
        offset=np.log(d["n_tokens"]),
    ).fit(cov_type="HC1")
    new = table[["bloc", "year"]].astype({"year": float})
    pred = fit.get_prediction(new, offset=np.full(len(new), np.log(1000.0))).summary_frame()
    np.testing.assert_allclose(table["estimate"], pred["mean"], rtol=1e-9)
    np.testing.assert_allclose(table["std_error"], pred["mean_se"], rtol=1e-7)
    np.testing.assert_allclose(table["ci_low"], pred["mean_ci_lower"], rtol=1e-7)
    np.testing.assert_allclose(table["ci_high"], pred["mean_ci_upper"], rtol=1e-7)


def test_issue15_contrast_is_difference_of_predictions_with_delta_se():
    d = _units(6)
    kwargs = dict(family="logit", at={"bloc": ["me", "p5"]})
    levels = framing.marginal_effects(d, "war ~ bloc + year", **kwargs)
    diff = framing.marginal_effects(d, "war ~ bloc + year", contrast=("me", "p5"), **kwargs)
    assert diff["contrast"].tolist() == ["me - p5"]
    assert diff["estimate"].iloc[0] == pytest.approx(
        levels["estimate"].iloc[0] - levels["estimate"].iloc[1], abs=1e-12
    )
    # delta method by finite differences of the prediction in the coefficients
    d2 = d.assign(present=(d["war"] >= 1).astype(float))
    fit = smf.glm("present ~ bloc + year", d2, family=sm.families.Binomial()).fit(cov_type="HC1")
    rows = pd.DataFrame({"bloc": ["me", "p5"], "year": [d["year"].mean()] * 2})
    X = np.asarray(patsy.build_design_matrices([fit.model.data.model_spec], rows)[0])
    grad = np.zeros(X.shape[1])
    for j in range(X.shape[1]):
        step = np.zeros(X.shape[1])
        step[j] = 1e-6
        p = lambda b: 1 / (1 + np.exp(-(X @ b)))  # noqa: E731
        grad[j] = ((p(fit.params + step) - p(fit.params - step)) / 2e-6) @ [1, -1]
    se = float(np.sqrt(grad @ np.asarray(fit.cov_params()) @ grad))
    assert diff["std_error"].iloc[0] == pytest.approx(se, rel=1e-5)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"formula": "peace ~ bloc"}, "frame 'peace' is not a column"),
        ({"formula": "war ~ bloc", "family": "probit"}, "family must be one of"),
        ({"formula": "war ~ bloc", "offset": "length"}, "offset column 'length'"),
        (
            {"formula": "war ~ bloc", "family": "logit", "offset": "n_tokens"},
            "offset= applies to count models",
        ),
        ({"formula": "war ~ bloc", "cluster": "region"}, "cluster column 'region'"),
        ({"formula": "war ~ bloc + group"}, "rank-deficient"),
        ({"formula": "war bloc"}, "one '~'"),
        ({"formula": "war ~ missing_year"}, "missing values"),
        (
            {"formula": "war ~ bloc", "family": "poisson", "outcome": "rate"},
            "does not model a rate",
        ),
    ],
)
def test_issue15_bad_arguments_name_the_problem(kwargs, message):
    d = _units(7).assign(missing_year=np.nan)
    with pytest.raises(InvalidParameterError, match=message):
        framing.estimate_effect(d, **kwargs)
