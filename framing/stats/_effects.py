"""Covariate effects on frames: regression with honest standard errors.

:func:`estimate_effect` fits one generalised linear model of a frame on unit
covariates with statsmodels (formulas through patsy): Poisson or negative
binomial on counts (optionally with a ``log(n_tokens)`` offset), logit on
presence, OLS on rates.  Standard errors are heteroskedasticity-robust (HC1) by
default or cluster-robust by a docvar (document, speaker, country, outlet).
:func:`marginal_effects` turns a fit into predictions and contrasts over a grid
of covariate values with delta-method intervals.  With ``gold=`` the estimates
become prediction-powered (see :mod:`framing.stats._ppi`).  Formulas are in
``docs/effects.md``.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from framing._errors import InvalidParameterError
from framing.stats._glm import (
    PER_TOKENS,
    Design,
    EffectSpec,
    build_design,
    fit_model,
    param_names,
    resolve_spec,
    se_label,
    tidy,
    unit_table,
)

__all__ = ["estimate_effect", "marginal_effects"]

Family = Literal["poisson", "negbin", "logit", "ols"]
Outcome = Literal["count", "presence", "rate"]


def _delta_se(grad: np.ndarray, vcov: np.ndarray) -> np.ndarray:
    """Delta-method standard errors of the rows of ``grad @ params``."""
    return np.sqrt(np.einsum("ij,jk,ik->i", grad, vcov, grad))


# --------------------------------------------------------------- public
def estimate_effect(
    scores: Any,
    formula: str,
    *,
    family: Family = "poisson",
    outcome: Outcome | None = None,
    offset: str | None = None,
    cluster: str | None = None,
    cov_type: str = "HC1",
    gold: pd.DataFrame | None = None,
    gold_check: Literal["error", "flag"] = "error",
    alpha: float = 0.05,
    per: float = PER_TOKENS,
    threshold: int = 1,
) -> pd.DataFrame:
    """Regress a frame on unit covariates; one row per coefficient.

    Parameters
    ----------
    scores : FrameScores or DataFrame
        Scored units; a DataFrame in the ``framing score`` layout (``doc_id``,
        ``n_tokens``, one count column per frame, docvars).
    formula : str
        ``"FRAME ~ terms"`` in patsy syntax: ``C(bloc)``, interactions
        ``C(bloc) * post2003``, B-splines ``bs(year, df=4)``, natural cubic
        splines ``cr(year, df=4, constraints='center')``.
    family : {"poisson", "negbin", "logit", "ols"}, default="poisson"
        The model.  Poisson and negative binomial (NB2) model counts, logit
        models presence, OLS models rates (or presence: a linear probability
        model, with ``outcome="presence"``).
    outcome : {"count", "presence", "rate"}, optional
        The frame quantity; default ``count`` for Poisson and negative
        binomial, ``presence`` for logit, ``rate`` for OLS (``presence`` when
        ``gold`` is given).
    offset : str, optional
        Exposure column for count models, entered as ``log(column)``: use
        ``"n_tokens"`` so that coefficients are log rate ratios.
    cluster : str, optional
        Docvar whose values are clusters for cluster-robust standard errors
        (a document's ``parent_id``, a speaker, a country, an outlet).
    cov_type : {"HC1", "HC0", "HC2", "HC3", "nonrobust"}, default="HC1"
        Covariance without ``cluster``.
    gold : DataFrame, optional
        A random sample of human-coded units (``doc_id`` and a column named
        after the frame: 0/1 presence for ``logit`` and ``ols``, the frame's
        count in the unit for ``poisson``).  The table then holds
        prediction-powered (PPI++) estimates beside the naive and gold-only
        ones (ppi-python's ``ppi_ols_ci``, ``ppi_logistic_ci`` or
        ``ppi_poisson_ci``).  Not available with ``negbin``, with an offset,
        or with ``cluster`` (each refused with an error saying what to use).
    gold_check : {"error", "flag"}, default="error"
        What a gold sample that does not look random does: raise, or mark the
        ``method`` of the PPI rows.
    alpha : float, default=0.05
        1 - confidence level.
    per : float, default=1000.0
        Rate base for ``outcome="rate"``.
    threshold : int, default=1
        Hits that make a unit count as having the frame (``presence``).

    Returns
    -------
    DataFrame
        ``term, estimate, std_error, ci_low, ci_high, p_value, n, method``;
        estimates are on the link scale (log rate ratios, log odds ratios,
        OLS slopes).

    Raises
    ------
    InvalidParameterError
        Unknown frame, column or family; a rank-deficient design; missing
        covariates; a bad gold table.
    FramingError
        When the model does not converge.

    See Also
    --------
    marginal_effects : predictions and contrasts on the response scale.

    Notes
    -----
    Poisson: ``log E[y_i] = log n_i + x_i'b``; logit:
    ``logit P(y_i >= threshold) = x_i'b``; OLS: ``1000 y_i / n_i = x_i'b + e_i``.
    Cluster-robust covariance is statsmodels' sandwich with the small-sample
    factor ``G/(G-1) (N-1)/(N-K)``.

    Examples
    --------
    >>> t = pd.DataFrame({"doc_id": list("abcdefgh"), "n_tokens": [100] * 8,
    ...                   "war": [1, 2, 1, 3, 5, 6, 4, 7], "bloc": list("xxxxyyyy")})
    >>> e = estimate_effect(t, "war ~ C(bloc)", family="poisson", offset="n_tokens")
    >>> e[["term", "estimate"]].round(3).values.tolist()
    [['Intercept', -4.046], ['C(bloc)[T.y]', 1.145]]
    >>> e["method"].iloc[0]
    'poisson (HC1)'
    """
    table = unit_table(scores)
    spec = resolve_spec(
        table,
        formula,
        family=family,
        outcome=outcome or ("presence" if gold is not None and family == "ols" else None),
        offset=offset,
        cluster=cluster,
        cov_type=cov_type,
        alpha=alpha,
        per=per,
        threshold=threshold,
    )
    design = build_design(table, spec)
    if gold is not None:
        from framing.stats._ppi import ppi_table

        return ppi_table(table, design, spec, gold, gold_check=gold_check)
    result = fit_model(design.y, design.X, spec, offset=design.offset, groups=design.groups)
    method = f"{spec.family} ({se_label(spec, design.groups)})"
    return tidy(
        result, param_names(result, design.X), n=len(design.y), method=method, alpha=spec.alpha
    )


# ------------------------------------------------------ marginal effects
def typical_values(data: pd.DataFrame) -> dict[str, Any]:
    """Mean of each numeric column, most frequent value (smallest on ties) of the others."""
    typical: dict[str, Any] = {}
    for column in data.columns:
        values = data[column]
        if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            typical[column] = float(values.mean())
        else:
            counts = values.value_counts()
            typical[column] = sorted(counts.index[counts == counts.max()], key=str)[0]
    return typical


def make_grid(data: pd.DataFrame, at: Mapping[str, Sequence[Any]]) -> pd.DataFrame:
    """Every combination of the ``at`` values; other covariates at their typical value."""
    unknown = [k for k in at if k not in data.columns]
    if unknown:
        raise InvalidParameterError(
            f"at= names {unknown}, which the formula does not use; it uses {list(data.columns)}"
        )
    if not at:
        raise InvalidParameterError("at= must name at least one covariate and its values")
    rows = list(itertools.product(*(list(v) for v in at.values())))
    grid = pd.DataFrame(rows, columns=list(at))
    for column, value in typical_values(data.drop(columns=list(at))).items():
        grid[column] = value
    for column in data.columns:  # keep dtypes (categories, ints) for patsy
        if not pd.api.types.is_numeric_dtype(data[column]):
            grid[column] = grid[column].astype(data[column].dtype, errors="ignore")
    return grid[list(data.columns)]


def _response_scale(
    result: Any, spec: EffectSpec, X: np.ndarray, offset: float
) -> tuple[np.ndarray, np.ndarray]:
    """Predicted means and their gradients (rows) with respect to the coefficients."""
    k = X.shape[1]
    beta = np.asarray(result.params, dtype=float)[:k]
    eta = X @ beta + offset
    if spec.family == "logit":
        mu = 1.0 / (1.0 + np.exp(-eta))
        deriv = mu * (1.0 - mu)
    elif spec.family in ("poisson", "negbin"):
        mu = np.exp(eta)
        deriv = mu
    else:
        mu, deriv = eta, np.ones_like(eta)
    return mu, deriv[:, None] * X


def _interval(result: Any, alpha: float) -> float:
    """The critical value of the result's reference distribution."""
    from scipy import stats

    if getattr(result, "use_t", False):
        return float(stats.t.ppf(1 - alpha / 2, result.df_resid))
    return float(stats.norm.ppf(1 - alpha / 2))


def _predict(
    result: Any, spec: EffectSpec, rows: np.ndarray, offset: float, vcov: np.ndarray, crit: float
) -> pd.DataFrame:
    mu, grad = _response_scale(result, spec, rows, offset)
    se = _delta_se(grad, vcov)
    if spec.family in ("poisson", "negbin"):  # interval on the log scale, then back
        half = crit * se / mu
        low, high = mu * np.exp(-half), mu * np.exp(half)
    elif spec.family == "logit":
        eta = np.log(mu / (1 - mu))
        half = crit * se / (mu * (1 - mu))
        low, high = 1 / (1 + np.exp(-(eta - half))), 1 / (1 + np.exp(-(eta + half)))
    else:
        low, high = mu - crit * se, mu + crit * se
    return pd.DataFrame({"estimate": mu, "std_error": se, "ci_low": low, "ci_high": high})


def marginal_effects(
    scores: Any,
    formula: str,
    *,
    at: Mapping[str, Sequence[Any]],
    contrast: tuple[Any, Any] | None = None,
    family: Family = "poisson",
    outcome: Outcome | None = None,
    offset: str | None = None,
    cluster: str | None = None,
    cov_type: str = "HC1",
    alpha: float = 0.05,
    per: float = PER_TOKENS,
    threshold: int = 1,
) -> pd.DataFrame:
    """Predicted frame levels over a grid of covariates, or contrasts between two values.

    Parameters
    ----------
    scores : FrameScores or DataFrame
        As in :func:`estimate_effect`.
    formula : str
        As in :func:`estimate_effect`.
    at : mapping of str to sequence
        Covariate values to predict at (every combination); covariates of the
        formula not named here are held at their mean (numbers) or most
        frequent value (categories).
    contrast : tuple of two values, optional
        ``(a, b)`` of the *first* ``at`` covariate: report ``a - b`` at each
        combination of the other ``at`` values instead of the levels.
    family : {"poisson", "negbin", "logit", "ols"}, default="poisson"
        As in :func:`estimate_effect`.
    outcome : {"count", "presence", "rate"}, optional
        As in :func:`estimate_effect`.
    offset : str, optional
        As in :func:`estimate_effect`; predictions are then per ``per`` tokens.
    cluster : str, optional
        As in :func:`estimate_effect`.
    cov_type : str, default="HC1"
        As in :func:`estimate_effect`.
    alpha : float, default=0.05
        1 - confidence level.
    per : float, default=1000.0
        Rate base of rates and of count predictions with an offset.
    threshold : int, default=1
        As in :func:`estimate_effect`.

    Returns
    -------
    DataFrame
        The ``at`` columns (with ``contrast``: the other ``at`` columns and a
        ``contrast`` label), ``estimate, std_error, ci_low, ci_high, n,
        method``.  Estimates are on the response scale: hits per ``per``
        tokens for count models with an offset (expected counts without),
        probabilities for logit, the modelled quantity for OLS.

    Notes
    -----
    Standard errors by the delta method, ``se = sqrt(g' V g)`` with ``g`` the
    gradient of the prediction in the coefficients and ``V`` the (robust or
    clustered) covariance.  Intervals for levels are built on the link scale
    and transformed, so they stay inside the range of the outcome; intervals
    for contrasts are ``estimate +/- z se``.

    Examples
    --------
    >>> t = pd.DataFrame({"doc_id": list("abcdefgh"), "n_tokens": [100] * 8,
    ...                   "war": [1, 2, 1, 3, 5, 6, 4, 7], "bloc": list("xxxxyyyy")})
    >>> m = marginal_effects(t, "war ~ bloc", offset="n_tokens", at={"bloc": ["x", "y"]})
    >>> m[["bloc", "estimate"]].round(6).values.tolist()  # hits per 1,000 tokens: 7/400, 22/400
    [['x', 17.5], ['y', 55.0]]
    >>> d = marginal_effects(t, "war ~ bloc", offset="n_tokens", at={"bloc": ["x", "y"]},
    ...                      contrast=("y", "x"))
    >>> d[["contrast", "estimate"]].round(6).values.tolist()
    [['y - x', 37.5]]
    """
    table = unit_table(scores)
    spec = resolve_spec(
        table,
        formula,
        family=family,
        outcome=outcome,
        offset=offset,
        cluster=cluster,
        cov_type=cov_type,
        alpha=alpha,
        per=per,
        threshold=threshold,
    )
    design = build_design(table, spec)
    result = fit_model(design.y, design.X, spec, offset=design.offset, groups=design.groups)
    k = design.X.shape[1]
    vcov = np.asarray(result.cov_params())[:k, :k]
    crit = _interval(result, spec.alpha)
    off = float(np.log(spec.per)) if spec.offset is not None else 0.0
    method = f"{spec.family} ({se_label(spec, design.groups)}), delta method"
    if contrast is None:
        grid = make_grid(design.data, at)
        rows = _design_rows(design, grid)
        out = _predict(result, spec, rows, off, vcov, crit)
        out = pd.concat([grid[list(at)].reset_index(drop=True), out], axis=1)
    else:
        out = _contrast(result, spec, design, at, contrast, off, vcov, crit)
    out["n"] = len(design.y)
    out["method"] = method
    return out


def _design_rows(design: Design, grid: pd.DataFrame) -> np.ndarray:
    import patsy

    try:
        (rows,) = patsy.build_design_matrices([design.design_info], grid)
    except patsy.PatsyError as error:  # e.g. a value outside a spline's range or levels
        raise InvalidParameterError(f"cannot predict at these at= values: {error}") from error
    return np.asarray(rows, dtype=float)


def _contrast(
    result: Any,
    spec: EffectSpec,
    design: Design,
    at: Mapping[str, Sequence[Any]],
    contrast: tuple[Any, Any],
    off: float,
    vcov: np.ndarray,
    crit: float,
) -> pd.DataFrame:
    """``a - b`` of the first ``at`` covariate at each combination of the others."""
    if len(contrast) != 2:
        raise InvalidParameterError(f"contrast= takes two values (a, b), got {contrast!r}")
    first, *others = list(at)
    rest = {k: at[k] for k in others}
    sides = []
    for value in contrast:
        grid = make_grid(design.data, {first: [value], **rest})
        sides.append(_response_scale(result, spec, _design_rows(design, grid), off))
        base = grid
    (mu_a, g_a), (mu_b, g_b) = sides
    grad = g_a - g_b
    est = mu_a - mu_b
    se = _delta_se(grad, vcov)
    out = base[others].reset_index(drop=True)
    out["contrast"] = f"{contrast[0]} - {contrast[1]}"
    out["estimate"], out["std_error"] = est, se
    out["ci_low"], out["ci_high"] = est - crit * se, est + crit * se
    return out
