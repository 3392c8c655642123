"""Differences between groups, and smoothed trends over time, with bootstrap CIs.

Both build on the ratio estimators and the document (cluster) bootstrap of
:mod:`framing.stats._aggregate`; the formulas are in ``docs/statistics.md``.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd
import scipy.sparse as sp

from framing._conventions import CONF_LEVEL, N_BOOT
from framing._errors import FramingError, InvalidParameterError
from framing.stats._aggregate import (
    Measure,
    Method,
    Units,
    as_units,
    check_options,
    estimate_group,
    group_codes,
    group_rng,
    interval,
    jackknife_ratio,
    measure_parts,
    resample_sums,
    with_settings,
)

if TYPE_CHECKING:
    from framing.score import FrameScores

__all__ = ["compare_groups", "trend"]

Smoother = Literal["rolling", "lowess"]


def _values(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple | set | frozenset) else [value]


def _side_mask(units: Units, by: str, value: Any, role: str) -> np.ndarray:
    column = units.docvars[by]
    mask = column.isin(_values(value)).to_numpy()
    if not mask.any():
        seen = sorted(map(str, column.dropna().unique()))[:20]
        raise FramingError(f"no unit has {by} in {_values(value)} ({role}); values seen: {seen}")
    return mask


def _contrast_rows(t: dict, r: dict, ci: float, method: str) -> dict[str, np.ndarray]:
    with np.errstate(divide="ignore", invalid="ignore"):
        diff_boot = t["boot"] - r["boot"]
        ratio_boot = t["boot"] / r["boot"]
        ratio = t["estimate"] / r["estimate"]
    diff = t["estimate"] - r["estimate"]
    ratio_boot[~np.isfinite(ratio_boot)] = np.nan
    jack_diff = jack_ratio = None
    if method == "bca":  # two-sample jackknife: leave one document out of one side
        jt, jr = jackknife_ratio(*t["parts"]), jackknife_ratio(*r["parts"])
        jack_diff = [jt - r["estimate"], t["estimate"] - jr]
        with np.errstate(divide="ignore", invalid="ignore"):
            jack_ratio = [jt / r["estimate"], t["estimate"] / jr]
    d_lo, d_hi = interval(diff_boot, diff, jack_diff, ci, method)
    q_lo, q_hi = interval(ratio_boot, ratio, jack_ratio, ci, method)
    if min(t["n_docs"], r["n_docs"]) < 2:
        d_lo = d_hi = q_lo = q_hi = np.full_like(diff, np.nan)
    return {"difference": np.array([diff, d_lo, d_hi]), "ratio": np.array([ratio, q_lo, q_hi])}


def compare_groups(
    scores: FrameScores | pd.DataFrame,
    by: str,
    *,
    target: Hashable | Sequence[Hashable],
    reference: Hashable | Sequence[Hashable] | None = None,
    measure: Measure = "rate",
    n_boot: int = N_BOOT,
    ci: float = CONF_LEVEL,
    method: Method = "percentile",
    seed: int,
    threshold: float = 1,
    frames: Sequence[str] | None = None,
    cluster: str | None = None,
    force: bool = False,
) -> pd.DataFrame:
    """Difference and ratio of a frame measure between two groups, with bootstrap CIs.

    Parameters
    ----------
    scores : FrameScores or DataFrame
        Integer frame counts (a DataFrame in the ``framing score`` layout needs ``frames=``).
    by : str
        The docvar that defines the groups.
    target : value or list of values
        The target group (a list pools several values).
    reference : value or list of values, optional
        The reference group; default every unit not in the target.
    measure : {"rate", "presence"}, default="rate"
        As in :func:`aggregate`.
    n_boot : int, default=2000
        Bootstrap resamples (documents are resampled within each side).
    ci : float, default=0.95
        Confidence level.
    method : {"percentile", "bca"}, default="percentile"
        Percentile intervals, or BCa with the acceleration from a two-sample
        jackknife (one document left out of one side at a time).
    seed : int
        Seed of the resampling.
    threshold : float, default=1
        Hits for presence.
    frames : sequence of str, optional
        Frames to compare (default all).
    cluster : str, optional
        Docvar naming the resampling unit (default ``parent_id`` for segments).
    force : bool, default=False
        Accept normalised or non-integer input.

    Returns
    -------
    DataFrame
        Two rows per frame (``statistic`` = ``"difference"``, target minus
        reference, and ``"ratio"``, target over reference) with ``estimate``,
        ``ci_low``, ``ci_high``, ``target_estimate``, ``reference_estimate``,
        ``n_docs_target``, ``n_docs_reference`` and the setting columns.

    Raises
    ------
    FramingError
        When a side has no units, or input is normalised.

    Notes
    -----
    The two sides are resampled independently (a two-sample bootstrap); the
    interval of the difference is the percentile (or BCa) interval of
    :math:`\\hat\\theta^*_T - \\hat\\theta^*_R`.  Ratios with a zero
    reference resample are left out of the ratio's interval.

    Examples
    --------
    >>> table = pd.DataFrame({"doc_id": list("abcd"), "n_tokens": [100, 100, 100, 100],
    ...                       "war": [4, 2, 1, 1], "side": ["t", "t", "r", "r"]})
    >>> out = compare_groups(table, "side", target="t", reference="r", frames=["war"],
    ...                      n_boot=100, seed=1)
    >>> out[["frame", "statistic", "estimate", "target_estimate", "reference_estimate"]]
      frame   statistic  estimate  target_estimate  reference_estimate
    0   war  difference      20.0             30.0                10.0
    1   war       ratio       3.0             30.0                10.0
    """
    check_options(n_boot, ci, method, measure)
    units = as_units(scores, frames=frames, force=force, cluster=cluster)
    if by not in units.docvars.columns:
        raise InvalidParameterError(
            f"group column {by!r} is not a docvar; have {list(units.docvars)}"
        )
    t_mask = _side_mask(units, by, target, "target")
    r_mask = ~t_mask if reference is None else _side_mask(units, by, reference, "reference")
    if (t_mask & r_mask).any():
        raise InvalidParameterError("target and reference overlap; give disjoint values")
    num, den = measure_parts(units, measure, threshold)
    sides = []
    for mask, key in ((t_mask, target), (r_mask, "rest" if reference is None else reference)):
        sides.append(
            estimate_group(
                num[mask],
                den[mask],
                units.clusters[mask],
                n_boot=n_boot,
                ci=ci,
                method="percentile",
                rng=group_rng(seed, [by, *map(str, _values(key))]),
            )
        )
    contrasts = _contrast_rows(sides[0], sides[1], ci, method)
    rows = [
        (
            by,
            str(target),
            "rest" if reference is None else str(reference),
            frame,
            stat,
            *contrasts[stat][:, j],
            sides[0]["estimate"][j],
            sides[1]["estimate"][j],
            sides[0]["n_docs"],
            sides[1]["n_docs"],
        )
        for j, frame in enumerate(units.frames)
        for stat in ("difference", "ratio")
    ]
    cols = [
        "by",
        "target",
        "reference",
        "frame",
        "statistic",
        "estimate",
        "ci_low",
        "ci_high",
        "target_estimate",
        "reference_estimate",
        "n_docs_target",
        "n_docs_reference",
    ]
    return with_settings(
        pd.DataFrame(rows, columns=cols),
        measure=measure,
        ci=ci,
        n_boot=n_boot,
        method=method,
        seed=seed,
    )


def rolling_kernel(x: np.ndarray, window: float) -> np.ndarray:
    """0/1 weights: time points within ``(window - 1) / 2`` of each other."""
    return (np.abs(x[:, None] - x[None, :]) <= (window - 1) / 2.0 + 1e-9).astype(float)


def lowess_kernel(x: np.ndarray, frac: float) -> np.ndarray:
    """Tricube weights over the nearest ``ceil(frac * T)`` time points (Cleveland 1979)."""
    if not 0.0 < frac <= 1.0:
        raise InvalidParameterError(f"frac must lie in (0, 1], not {frac!r}")
    dist = np.abs(x[:, None] - x[None, :])
    q = min(len(x), max(2, int(np.ceil(frac * len(x)))))
    h = np.sort(dist, axis=1)[:, q - 1]
    h = np.where(h > 0, h * 1.000001, 1.0)
    return np.clip(1.0 - (dist / h[:, None]) ** 3, 0.0, None) ** 3


def smooth(
    x: np.ndarray, num: np.ndarray, den: np.ndarray, kernel: np.ndarray, smoother: Smoother
) -> np.ndarray:
    """Smoothed ratio at each time point; ``num``/``den`` are (..., T, F) / (..., T) sums.

    Rolling: pooled ratio ``K num / K den``.  LOWESS: weighted local-linear fit
    of the per-point ratios ``num/den`` with weights ``K * den``.
    """
    s0 = den @ kernel.T
    t0 = kernel @ num
    with np.errstate(divide="ignore", invalid="ignore"):
        if smoother == "rolling":
            return t0 / s0[..., None]
        s1, s2 = (den * x) @ kernel.T, (den * x**2) @ kernel.T
        t1 = kernel @ (num * x[:, None])
        det = s0 * s2 - s1**2
        fit = ((s2 - s1 * x)[..., None] * t0 + (s0 * x - s1)[..., None] * t1) / det[..., None]
        flat = np.abs(det) <= 1e-12 * np.maximum(s0 * s2, 1e-300)
        return np.where(flat[..., None], t0 / s0[..., None], fit)


def _time_values(units: Units, time: str) -> np.ndarray:
    if time not in units.docvars.columns:
        raise InvalidParameterError(
            f"time column {time!r} is not a docvar; have {list(units.docvars)}"
        )
    values = units.docvars[time]
    if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
        raise InvalidParameterError(
            f"time column {time!r} must be numeric (e.g. a year); derive one first, "
            "for example corpus.assign(year=...)"
        )
    if values.isna().any():
        raise FramingError(f"{int(values.isna().sum())} unit(s) have no {time!r}; filter them")
    return values.to_numpy(dtype=float)


def _trend_group(
    units: Units,
    mask: np.ndarray,
    t: np.ndarray,
    measure: str,
    threshold: float,
    opts: dict[str, Any],
) -> dict[str, np.ndarray]:
    """Smoothed estimate and percentile band for one group's units."""
    num, den = measure_parts(units, measure, threshold)
    num, den, times = num[mask], den[mask], t[mask]
    x = np.unique(times)
    kernel = opts["kernel_fn"](x)
    xs = (x - x.mean()) / (x.std() or 1.0)  # standardised: keeps the LOWESS solve well conditioned
    labels, codes = np.unique(units.clusters[mask], return_inverse=True)
    point = np.searchsorted(x, times)
    n_t, n_f = len(x), num.shape[1]
    # cluster x (time point, frame) sums, then the denominators: one sparse row per cluster
    cols = np.column_stack([point[:, None] * n_f + np.arange(n_f), n_t * n_f + point])
    flat = sp.csr_matrix(
        (np.column_stack([num, den]).ravel(), (np.repeat(codes, n_f + 1), cols.ravel())),
        shape=(len(labels), n_t * n_f + n_t),
    )
    totals = np.asarray(flat.sum(0)).ravel()
    est = smooth(
        xs, totals[: n_t * n_f].reshape(n_t, n_f), totals[n_t * n_f :], kernel, opts["smoother"]
    )
    sums = resample_sums(flat, opts["n_boot"], opts["rng"])
    boot = smooth(
        xs,
        sums[:, : n_t * n_f].reshape(-1, n_t, n_f),
        sums[:, n_t * n_f :],
        kernel,
        opts["smoother"],
    )
    lo, hi = interval(
        boot.reshape(opts["n_boot"], -1), est.ravel(), None, opts["ci"], "percentile"
    )
    if len(labels) < 2:
        lo = hi = np.full(est.size, np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        observed = totals[: n_t * n_f].reshape(n_t, n_f) / totals[n_t * n_f :, None]
    return {
        "x": x,
        "estimate": est,
        "observed": observed,
        "ci_low": lo.reshape(est.shape),
        "ci_high": hi.reshape(est.shape),
        "n_units": np.bincount(point, minlength=len(x)),
        "tokens": np.bincount(point, weights=units.n_tokens[mask], minlength=len(x)),
    }


def _kernel_fn(smoother: str, window: float, frac: float) -> Any:
    if smoother == "rolling":
        if window <= 0:
            raise InvalidParameterError(f"window must be positive, not {window!r}")
        return lambda x: rolling_kernel(x, window)
    if smoother == "lowess":
        lowess_kernel(np.arange(2.0), frac)  # validates frac before any work
        return lambda x: lowess_kernel(x, frac)
    raise InvalidParameterError(f"smoother must be 'rolling' or 'lowess', not {smoother!r}")


def trend(
    scores: FrameScores | pd.DataFrame,
    time: str,
    *,
    group: str | None = None,
    smoother: Smoother = "rolling",
    window: float = 5,
    frac: float = 0.3,
    measure: Measure = "rate",
    n_boot: int = N_BOOT,
    ci: float = CONF_LEVEL,
    seed: int,
    threshold: float = 1,
    frames: Sequence[str] | None = None,
    cluster: str | None = None,
    force: bool = False,
) -> pd.DataFrame:
    """A frame measure over time, smoothed, with a bootstrap confidence band.

    Parameters
    ----------
    scores : FrameScores or DataFrame
        Integer frame counts (a DataFrame in the ``framing score`` layout needs ``frames=``).
    time : str
        A numeric docvar (e.g. ``year``).
    group : str, optional
        A docvar; one trend per group value (small multiples).
    smoother : {"rolling", "lowess"}, default="rolling"
        ``"rolling"``: pooled ratio over a centred window of ``window`` time
        units (``window=5`` on years pools t-2 .. t+2).  ``"lowess"``: local
        linear regression with tricube weights over the nearest ``frac`` of
        the time points, weighted by tokens (rate) or units (presence).
        Both are implemented here; no optional dependency is needed.
    window : float, default=5
        Width of the rolling window in units of ``time``.
    frac : float, default=0.3
        LOWESS span: the share of time points in each local fit.
    measure : {"rate", "presence"}, default="rate"
        As in :func:`aggregate`.
    n_boot : int, default=2000
        Bootstrap resamples of documents (across all time points of a group);
        the smoother is re-applied to each resample.
    ci : float, default=0.95
        Confidence level of the percentile band.
    seed : int
        Seed of the resampling.
    threshold : float, default=1
        Hits for presence.
    frames : sequence of str, optional
        Frames (default all).
    cluster : str, optional
        Docvar naming the resampling unit (default ``parent_id`` for segments).
    force : bool, default=False
        Accept normalised or non-integer input.

    Returns
    -------
    DataFrame
        One row per (group,) time point and frame: ``time`` column, ``frame``,
        ``estimate`` (smoothed), ``ci_low``, ``ci_high``, ``observed`` (the
        unsmoothed ratio at that time point), ``n_units``, ``n_tokens``,
        ``smoother``, ``window``/``frac`` and the setting columns.

    Examples
    --------
    >>> table = pd.DataFrame({"doc_id": list("abcd"), "n_tokens": 100,
    ...                       "war": [1, 3, 5, 7], "year": [2000, 2001, 2002, 2003]})
    >>> out = trend(table, "year", window=3, frames=["war"], n_boot=50, seed=1)
    >>> out[["year", "estimate", "observed"]]
       year  estimate  observed
    0  2000      20.0      10.0
    1  2001      30.0      30.0
    2  2002      50.0      50.0
    3  2003      60.0      70.0
    """
    check_options(n_boot, ci, "percentile", measure)
    units = as_units(scores, frames=frames, force=force, cluster=cluster)
    t = _time_values(units, time)
    keys, codes = group_codes(units, [group] if group else [])
    opts = {
        "kernel_fn": _kernel_fn(smoother, window, frac),
        "smoother": smoother,
        "n_boot": n_boot,
        "ci": ci,
    }
    parts = []
    for g, key in enumerate(keys.itertuples(index=False, name=None)):
        opts["rng"] = group_rng(seed, ["trend", *key])
        res = _trend_group(units, codes == g, t, measure, threshold, opts)
        parts.append(_trend_table(res, key, group, time, units.frames))
    out = pd.concat(parts, ignore_index=True)
    out[time] = out[time].astype(units.docvars[time].dtype)
    out = out.assign(
        smoother=smoother, **({"window": window} if smoother == "rolling" else {"frac": frac})
    )
    return with_settings(
        out,
        measure=measure,
        ci=ci,
        n_boot=n_boot,
        method="percentile",
        seed=seed,
        time=time,
        group=group,
    )


def _trend_table(
    res: dict, key: tuple, group: str | None, time: str, frames: tuple[str, ...]
) -> pd.DataFrame:
    n_t, n_f = res["estimate"].shape
    table = pd.DataFrame(
        {
            time: np.repeat(res["x"], n_f),
            "frame": np.tile(np.array(frames, dtype=object), n_t),
            "estimate": res["estimate"].ravel(),
            "ci_low": res["ci_low"].ravel(),
            "ci_high": res["ci_high"].ravel(),
            "observed": res["observed"].ravel(),
            "n_units": np.repeat(res["n_units"], n_f),
            "n_tokens": np.repeat(res["tokens"], n_f),
        }
    )
    if group:
        table.insert(0, group, key[0])
    return table
