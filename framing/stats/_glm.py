"""Model machinery shared by frame effects, PPI and topic effects (internal).

Checks the scores table and options, builds patsy designs, fits the statsmodels model of a
specification with its covariance, and turns results into the effects table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from framing._errors import FramingError, InvalidParameterError

__all__ = ["EFFECT_COLUMNS", "FAMILIES", "EffectSpec", "build_design", "fit_model", "tidy"]

#: The model families and the frame quantity each one models by default.
FAMILIES: dict[str, str] = {
    "poisson": "count",
    "negbin": "count",
    "logit": "presence",
    "ols": "rate",
}
#: Columns of every effects table, in order.
EFFECT_COLUMNS: tuple[str, ...] = (
    "term",
    "estimate",
    "std_error",
    "ci_low",
    "ci_high",
    "p_value",
    "n",
    "method",
)
#: Covariance types accepted besides clustering.
COV_TYPES = ("HC0", "HC1", "HC2", "HC3", "nonrobust")
#: Rates (outcome "rate", predictions of count models with an offset) are per this many tokens.
PER_TOKENS = 1000.0


@dataclass(frozen=True)
class EffectSpec:
    """A resolved model specification (internal, shared with the PPI and topic code)."""

    frame: str
    rhs: str
    family: str
    outcome: str
    offset: str | None
    cluster: str | None
    cov_type: str
    alpha: float
    per: float
    threshold: int


@dataclass(frozen=True)
class Design:
    """Response, design matrix and the pieces needed to predict (internal)."""

    y: np.ndarray
    X: pd.DataFrame
    offset: np.ndarray | None
    groups: np.ndarray | None
    data: pd.DataFrame
    design_info: Any


# ------------------------------------------------------------ input checks
def unit_table(scores: Any) -> pd.DataFrame:
    """The ``framing score`` layout (``doc_id``, ``n_tokens``, frames, docvars) of ``scores``.

    Accepts :class:`framing.score.FrameScores` or such a DataFrame.
    """
    if hasattr(scores, "to_frame") and hasattr(scores, "counts"):
        table = scores.to_frame()
    elif isinstance(scores, pd.DataFrame):
        table = scores
    else:
        raise InvalidParameterError(
            f"scores must be FrameScores or a DataFrame, not {type(scores).__name__}"
        )
    missing = [c for c in ("doc_id", "n_tokens") if c not in table.columns]
    if missing:
        raise InvalidParameterError(
            f"the scores table lacks column(s) {missing}; it needs the framing score layout "
            "(doc_id, n_tokens, one count column per frame, docvars)"
        )
    if table["doc_id"].duplicated().any():
        dup = table.loc[table["doc_id"].duplicated(), "doc_id"].iloc[0]
        raise InvalidParameterError(f"the scores table repeats doc_id {dup!r}")
    return table.reset_index(drop=True)


def split_formula(formula: str) -> tuple[str, str]:
    """``"frame ~ terms"`` -> ``("frame", "terms")``; the left side is one column name."""
    if not isinstance(formula, str) or formula.count("~") != 1:
        raise InvalidParameterError(
            f"formula must look like 'FRAME ~ terms' (one '~'), got {formula!r}"
        )
    lhs, rhs = (part.strip() for part in formula.split("~"))
    if not re.fullmatch(r"[A-Za-z_][\w.]*", lhs):
        raise InvalidParameterError(
            f"the left side of {formula!r} must be one frame name, got {lhs!r}"
        )
    return lhs, rhs or "1"


def resolve_spec(
    table: pd.DataFrame,
    formula: str,
    *,
    family: str,
    outcome: str | None,
    offset: str | None,
    cluster: str | None,
    cov_type: str,
    alpha: float,
    per: float,
    threshold: int,
) -> EffectSpec:
    """Check the options against each other and the table; return the specification."""
    frame, rhs = split_formula(formula)
    if family not in FAMILIES:
        raise InvalidParameterError(f"family must be one of {list(FAMILIES)}, got {family!r}")
    outcome = outcome or FAMILIES[family]
    allowed = {"count": ("poisson", "negbin"), "presence": ("logit", "ols"), "rate": ("ols",)}
    if outcome not in allowed:
        raise InvalidParameterError(f"outcome must be one of {list(allowed)}, got {outcome!r}")
    if family not in allowed[outcome]:
        raise InvalidParameterError(
            f"family {family!r} does not model a {outcome}; use one of {list(allowed[outcome])}"
        )
    if frame not in table.columns:
        raise InvalidParameterError(f"frame {frame!r} is not a column of the scores table")
    for name, column in (("offset", offset), ("cluster", cluster)):
        if column is not None and column not in table.columns:
            raise InvalidParameterError(
                f"{name} column {column!r} is not in the scores table; it has "
                f"{sorted(map(str, table.columns))}"
            )
    if offset is not None and outcome != "count":
        raise InvalidParameterError("offset= applies to count models (poisson, negbin) only")
    if cov_type not in COV_TYPES:
        raise InvalidParameterError(f"cov_type must be one of {list(COV_TYPES)}, got {cov_type!r}")
    if not 0 < alpha < 1:
        raise InvalidParameterError(f"alpha must be in (0, 1), got {alpha!r}")
    if not (isinstance(threshold, int | np.integer) and threshold >= 1):
        raise InvalidParameterError(f"threshold must be a positive integer, got {threshold!r}")
    return EffectSpec(
        frame,
        rhs,
        family,
        outcome,
        offset,
        cluster,
        cov_type,
        float(alpha),
        float(per),
        int(threshold),
    )


# ---------------------------------------------------------------- design
def outcome_values(table: pd.DataFrame, spec: EffectSpec) -> np.ndarray:
    """The modelled quantity of the frame column: counts, 0/1 presence or rates."""
    counts = pd.to_numeric(table[spec.frame], errors="coerce").to_numpy(dtype=float)
    if np.isnan(counts).any() or (counts < 0).any() or (counts != np.round(counts)).any():
        raise InvalidParameterError(
            f"frame column {spec.frame!r} must hold non-negative integer counts"
        )
    if spec.outcome == "presence":
        return (counts >= spec.threshold).astype(float)
    if spec.outcome == "rate":
        tokens = table["n_tokens"].to_numpy(dtype=float)
        if (tokens <= 0).any():
            raise InvalidParameterError(
                f"{int((tokens <= 0).sum())} unit(s) have no tokens, so no rate; drop them"
            )
        return counts * spec.per / tokens
    return counts


def variables(rhs: str, columns: Sequence[Any]) -> list[str]:
    """Table columns named in the right-hand side of a formula, in table order."""
    names = set(re.findall(r"[A-Za-z_][\w.]*", rhs))
    return [str(c) for c in columns if str(c) in names]


def build_design(table: pd.DataFrame, spec: EffectSpec) -> Design:
    """Response, patsy design matrix, offset and cluster codes; missing values are errors."""
    import patsy

    used = variables(spec.rhs, table.columns)
    missing = [c for c in used if table[c].isna().any()]
    if missing:
        raise InvalidParameterError(
            f"covariate(s) {missing} have missing values; filter those units first"
        )
    data = table[used].copy()
    try:
        X = patsy.dmatrix(spec.rhs, data, return_type="dataframe", NA_action="raise")
    except patsy.PatsyError as error:
        raise InvalidParameterError(
            f"cannot build the design of '~ {spec.rhs}': {error}"
        ) from error
    if np.linalg.matrix_rank(X.to_numpy()) < X.shape[1]:
        raise InvalidParameterError(
            f"the design of '~ {spec.rhs}' is rank-deficient (collinear terms or an empty "
            "category); drop a term, or centre spline bases: cr(x, df=4, constraints='center')"
        )
    offset = None
    if spec.offset is not None:
        exposure = table[spec.offset].to_numpy(dtype=float)
        if (exposure <= 0).any():
            raise InvalidParameterError(
                f"offset column {spec.offset!r} must be positive (log is taken); "
                f"{int((exposure <= 0).sum())} unit(s) are not"
            )
        offset = np.log(exposure)
    groups = None
    if spec.cluster is not None:
        groups = pd.factorize(table[spec.cluster].astype(str), sort=True)[0]
    return Design(outcome_values(table, spec), X, offset, groups, data, X.design_info)


# ------------------------------------------------------------------- fit
def fit_model(
    y: np.ndarray,
    X: pd.DataFrame,
    spec: EffectSpec,
    *,
    offset: np.ndarray | None = None,
    groups: np.ndarray | None = None,
) -> Any:
    """Fit the statsmodels model of ``spec`` with its covariance type; return the results."""
    import statsmodels.api as sm

    if groups is not None:
        cov: dict[str, Any] = {"cov_type": "cluster", "cov_kwds": {"groups": groups}}
    else:
        cov = {"cov_type": spec.cov_type}
    if spec.family == "ols":
        return sm.OLS(y, X).fit(**cov)
    if spec.family == "negbin":
        model = sm.NegativeBinomial(y, X, offset=offset)
        result = model.fit(method="newton", disp=0, maxiter=200, **cov)
        converged = bool(result.mle_retvals.get("converged", False))
    else:
        fam = sm.families.Poisson() if spec.family == "poisson" else sm.families.Binomial()
        result = sm.GLM(y, X, family=fam, offset=offset).fit(**cov)
        converged = bool(result.converged)
    if not converged:
        raise FramingError(
            f"the {spec.family} model of {spec.frame!r} did not converge; simplify the formula"
        )
    return result


def se_label(spec: EffectSpec, groups: np.ndarray | None) -> str:
    """How the standard errors were computed, for the ``method`` column."""
    if groups is not None:
        return f"cluster-robust by {spec.cluster}, {int(groups.max()) + 1} clusters"
    return spec.cov_type


def tidy(result: Any, names: Sequence[str], *, n: int, method: str, alpha: float) -> pd.DataFrame:
    """The effects table of a statsmodels result (one row per parameter)."""
    ci = np.asarray(result.conf_int(alpha))
    table = pd.DataFrame(
        {
            "term": list(names),
            "estimate": np.asarray(result.params, dtype=float),
            "std_error": np.asarray(result.bse, dtype=float),
            "ci_low": ci[:, 0],
            "ci_high": ci[:, 1],
            "p_value": np.asarray(result.pvalues, dtype=float),
        }
    )
    table["n"] = int(n)
    table["method"] = method
    return table


def param_names(result: Any, X: pd.DataFrame) -> list[str]:
    """Design column names, plus ``alpha`` (dispersion) for the negative binomial."""
    names = list(X.columns)
    return [*names, "alpha"] if len(result.params) == len(names) + 1 else names
