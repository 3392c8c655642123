"""Prediction-powered estimates: a measure's output corrected by a random coded sample.

A lexicon or model labels every unit (``Yhat``); human coders label a simple
random sample of them (``Y``).  PPI++ (Angelopoulos, Duchi and Zrnic 2024)
combines both: the estimate on all units plus a rectifier learned on the coded
sample, with a tuned weight ``lambda`` in [0, 1], so the interval accounts for
the measure's errors, including errors that differ between groups.  The
estimators come from ppi-python (MIT, ``ppi_py``); this module checks the gold
table, builds the design and puts naive, gold-only and PPI++ estimates in one
table.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from framing._errors import InvalidParameterError

__all__ = ["check_gold", "gold_randomness"]

_PPI_HINT = (
    "prediction-powered estimates need the optional package ppi-python: "
    "pip install 'discourse-framing[effects]' (or pip install ppi-python)"
)
#: Below this p-value the gold sample is taken not to be a random sample of the units: small,
#: so that a random sample is refused about once in a million draws, while a sample drawn on
#: the measure's hits (z of 10 and more) is caught.
RANDOMNESS_P = 1e-6
#: Fewest coded units PPI is attempted with.
MIN_GOLD = 20
#: (family, outcome) pairs with a ppi-python estimator: ppi_ols_ci / ppi_mean_ci,
#: ppi_logistic_ci and ppi_poisson_ci.
PPI_MODELS = (("ols", "presence"), ("logit", "presence"), ("poisson", "count"))


def _import_ppi() -> Any:
    try:
        import ppi_py
    except ImportError as error:
        raise ImportError(_PPI_HINT) from error
    return ppi_py


def check_gold(
    gold: pd.DataFrame, doc_ids: pd.Series | pd.Index, frame: str, *, counts: bool = False
) -> pd.Series:
    """Validate a coded sample against the scored units; return its codes by ``doc_id``.

    Parameters
    ----------
    gold : DataFrame
        Columns ``doc_id`` and one 0/1 column named ``frame`` (others ignored).
    doc_ids : Series or Index
        The ids of the scored units.
    frame : str
        The frame being estimated.
    counts : bool, default=False
        Codes are counts of the frame in each unit (non-negative integers)
        rather than 0/1 presence.

    Returns
    -------
    Series
        Integer codes indexed by ``doc_id``, in the order of ``doc_ids``.

    Raises
    ------
    InvalidParameterError
        No ``doc_id`` or frame column; repeated ids; ids that are not among
        the scored units; codes other than 0 and 1 (other than non-negative
        integers with ``counts=True``).

    Examples
    --------
    >>> g = pd.DataFrame({"doc_id": ["b", "a"], "war": [1, 0]})
    >>> check_gold(g, pd.Index(["a", "b", "c"]), "war").to_dict()
    {'a': 0, 'b': 1}
    """
    if not isinstance(gold, pd.DataFrame) or "doc_id" not in gold.columns:
        raise InvalidParameterError("the gold table needs a 'doc_id' column")
    if frame not in gold.columns:
        raise InvalidParameterError(
            f"the gold table has no column for frame {frame!r}; it has "
            f"{[str(c) for c in gold.columns if c != 'doc_id']}"
        )
    ids = gold["doc_id"].astype(str)
    if ids.duplicated().any():
        first = ids[ids.duplicated()].iloc[0]
        raise InvalidParameterError(f"the gold table repeats doc_id {first!r}")
    known = set(pd.Index(doc_ids).astype(str))
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise InvalidParameterError(
            f"{len(unknown)} gold doc_id(s) are not among the scored units (e.g. "
            f"{unknown[:3]}); code a sample of the same units (same corpus, unit and ids)"
        )
    codes = pd.to_numeric(gold[frame], errors="coerce")
    if counts:
        bad = ~((codes >= 0) & (codes == np.round(codes)))
        wanted = "non-negative integer counts"
    else:
        bad = ~codes.isin([0, 1])
        wanted = "0 or 1"
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise InvalidParameterError(
            f"gold codes for {frame!r} must be {wanted}; row {row + 2} (doc_id "
            f"{ids.iloc[row]!r}) has {gold[frame].iloc[row]!r}"
        )
    coded = set(ids)
    order = [i for i in pd.Index(doc_ids).astype(str) if i in coded]
    return pd.Series(codes.to_numpy(dtype=np.int64), index=ids).loc[order]


def gold_randomness(yhat: np.ndarray, in_gold: np.ndarray) -> tuple[float, float]:
    """Test whether the coded units look like a simple random sample of all units.

    Compares the measure's mean in the coded sample with its mean over all
    units (a z-test with the finite-population correction).  A sample drawn
    on the measure's hits, or from one group, fails it.

    Returns
    -------
    (z, p_value)

    Examples
    --------
    >>> yhat = np.array([1.0] * 50 + [0.0] * 950)
    >>> z, p = gold_randomness(yhat, np.arange(1000) < 50)  # all coded units are hits
    >>> p < 1e-6
    True
    """
    from scipy import stats

    n, N = int(in_gold.sum()), len(yhat)
    sd = float(np.std(yhat, ddof=1))
    if sd == 0 or n == N:
        return 0.0, 1.0
    se = sd / np.sqrt(n) * np.sqrt((N - n) / (N - 1))
    z = float((yhat[in_gold].mean() - yhat.mean()) / se)
    return z, float(2 * stats.norm.sf(abs(z)))


def _ppi_rows(
    ppi: Any,
    family: str,
    X: np.ndarray,
    y: np.ndarray,
    yhat: np.ndarray,
    gold: np.ndarray,
    alpha: float,
) -> tuple[np.ndarray, np.ndarray]:
    """PPI++ point estimates and standard errors from ppi-python's interval functions."""
    from scipy import stats

    args = (X[gold], y, yhat[gold], X[~gold], yhat[~gold])
    if family == "ols" and X.shape[1] == 1 and np.all(X == 1):  # a prevalence: the mean
        low, high = ppi.ppi_mean_ci(y, yhat[gold], yhat[~gold], alpha=alpha)
    elif family == "logit":
        low, high = ppi.ppi_logistic_ci(*args, alpha=alpha)
    elif family == "poisson":
        low, high = ppi.ppi_poisson_ci(*args, alpha=alpha)
    else:
        low, high = ppi.ppi_ols_ci(*args, alpha=alpha)
    low, high = np.asarray(low, dtype=float), np.asarray(high, dtype=float)
    # ppi-python returns z-intervals centred on the estimate
    return (low + high) / 2, (high - low) / 2 / stats.norm.ppf(1 - alpha / 2)


def _check_model(spec: Any) -> None:
    """Refuse the models ppi-python has no estimator for, naming what to use instead."""
    if spec.family == "negbin":
        raise InvalidParameterError(
            "ppi-python has no negative binomial estimator, so PPI is not available for "
            "family='negbin'; use family='poisson' (its PPI++ sandwich interval stays valid "
            "when counts are overdispersed), or family='logit' on presence"
        )
    if spec.family == "poisson" and spec.offset is not None:
        raise InvalidParameterError(
            "ppi-python's Poisson PPI (ppi_poisson_ci) takes no offset, so a log(n_tokens) "
            "exposure cannot be corrected; drop offset= and put the length in the formula "
            "(e.g. '+ np.log(n_tokens)'), or model presence with family='logit'"
        )
    if (spec.family, spec.outcome) not in PPI_MODELS:
        raise InvalidParameterError(
            "PPI estimates need family='logit' or family='ols' on presence (0/1 codes), or "
            f"family='poisson' on counts (got family={spec.family!r}, outcome={spec.outcome!r})"
        )
    if spec.cluster is not None:
        raise InvalidParameterError(
            "PPI estimates assume independent units (ppi-python has no clustered "
            "variance); drop cluster= or aggregate to the cluster level"
        )


def ppi_table(
    table: pd.DataFrame, design: Any, spec: Any, gold: pd.DataFrame, *, gold_check: str = "error"
) -> pd.DataFrame:
    """PPI++, naive and gold-only estimates of one model (internal to ``estimate_effect``)."""
    from scipy import stats

    from framing.stats._glm import fit_model, se_label, tidy

    _check_model(spec)
    if gold_check not in ("error", "flag"):
        raise InvalidParameterError(f"gold_check must be 'error' or 'flag', got {gold_check!r}")
    codes = check_gold(gold, table["doc_id"], spec.frame, counts=spec.family == "poisson")
    if len(codes) < MIN_GOLD:
        raise InvalidParameterError(
            f"the gold table has {len(codes)} coded units; PPI needs at least {MIN_GOLD}"
        )
    in_gold = table["doc_id"].astype(str).isin(codes.index).to_numpy()
    y = codes.loc[table.loc[in_gold, "doc_id"].astype(str)].to_numpy(dtype=float)
    X, yhat = design.X.to_numpy(dtype=float), design.y
    z, p = gold_randomness(yhat, in_gold)
    flag = ""
    if p < RANDOMNESS_P:
        message = (
            f"the gold sample does not look like a random sample of the units: the measure "
            f"finds {spec.frame!r} in {yhat[in_gold].mean():.1%} of coded units but "
            f"{yhat.mean():.1%} of all units (z = {z:.1f}, p = {p:.1g}); PPI needs a simple "
            "random sample"
        )
        if gold_check == "error":
            raise InvalidParameterError(message)
        flag = " [gold sample not random]"
    est, se = _ppi_rows(_import_ppi(), spec.family, X, y, yhat, in_gold, spec.alpha)
    names = list(design.X.columns)
    crit = stats.norm.ppf(1 - spec.alpha / 2)
    ppi = pd.DataFrame(
        {
            "term": names,
            "estimate": est,
            "std_error": se,
            "ci_low": est - crit * se,
            "ci_high": est + crit * se,
            "p_value": 2 * stats.norm.sf(np.abs(est / se)),
            "n": len(yhat),
            "method": f"ppi++ {spec.family} (n_gold={len(y)}){flag}",
        }
    )
    label = se_label(spec, None)
    naive = tidy(
        fit_model(yhat, design.X, spec),
        names,
        n=len(yhat),
        method=f"naive {spec.family} ({label})",
        alpha=spec.alpha,
    )
    only = tidy(
        fit_model(y, design.X[in_gold], spec),
        names,
        n=len(y),
        method=f"gold-only {spec.family} ({label})",
        alpha=spec.alpha,
    )
    return pd.concat([ppi, naive, only], ignore_index=True)
