"""Frame prevalence by groups, with cluster-bootstrap confidence intervals.

Two measures, both ratio estimators computed from counts (never from rates):

- ``"rate"``: frame hits per 1,000 tokens, ``1000 * sum(counts) / sum(n_tokens)``
  over the units of a group;
- ``"presence"``: the share of units with at least ``threshold`` hits,
  ``sum(counts >= threshold) / n_units``.

Confidence intervals come from a nonparametric bootstrap that resamples
*documents* with replacement within each group.  When the units are segments
(paragraphs, sentences) carrying ``parent_id``, the whole parent document is
the resampling unit (a cluster bootstrap), because segments of one speech are
not independent.  The formulas are written out in ``docs/statistics.md``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.special import ndtr, ndtri

from framing._conventions import CONF_LEVEL, N_BOOT
from framing._errors import FramingError, InvalidParameterError

if TYPE_CHECKING:
    from framing.score import FrameScores

__all__ = ["aggregate"]

Measure = Literal["rate", "presence"]
Method = Literal["percentile", "bca"]

#: Rates are reported per this many tokens.
PER_TOKENS = 1000.0
#: Upper bound on resamples x clusters held in memory at once.
_CHUNK_CELLS = 4_000_000
_NORMALISED = ("rate", "rates", "normalized", "normalised", "relative", "proportion", "tfidf")


@dataclass(frozen=True)
class Units:
    """Counts, tokens, docvars and bootstrap clusters of a set of units (internal)."""

    counts: np.ndarray  # units x frames, float64
    n_tokens: np.ndarray  # units, float64
    docvars: pd.DataFrame  # units, plain RangeIndex
    frames: tuple[str, ...]
    clusters: np.ndarray  # resampling unit (document) of each unit, as strings
    unit: str


def _check_normalisation(meta: Any, force: bool, what: str) -> None:
    state = None
    if meta:
        state = meta.get("normalization", meta.get("normalisation"))
        if state is None and meta.get("normalized"):
            state = "normalized"
    if state is not None and str(state).lower() in _NORMALISED and not force:
        raise FramingError(
            f"{what} is marked as already normalised ({state!r}); aggregating rates or "
            "shares would average ratios.  Aggregate the integer counts instead, or pass "
            "force=True if you really mean to sum these numbers."
        )


def _from_table(table: pd.DataFrame, frames: Sequence[str] | None, force: bool) -> tuple:
    if frames is None:
        raise InvalidParameterError(
            "a table needs frames=[...] naming its frame count columns "
            "(the `framing score` layout: doc_id, n_tokens, frame columns, docvars)"
        )
    frames = tuple(str(f) for f in frames)
    missing = [c for c in ("doc_id", "n_tokens", *frames) if c not in table.columns]
    if missing:
        have = list(table.columns)
        raise FramingError(f"the table lacks the column(s) {missing}; it has {have}")
    _check_normalisation(table.attrs, force, "the table")
    bad = [f for f in frames if not pd.api.types.is_integer_dtype(table[f])]
    if bad and not force:
        raise FramingError(
            f"frame column(s) {bad} are not integer counts (dtype "
            f"{table[bad[0]].dtype}); rates or shares cannot be summed.  Pass the raw counts, "
            "cast whole-number floats with .astype('int64'), or pass force=True."
        )
    docvars = table.drop(columns=["n_tokens", *frames]).set_index("doc_id")
    counts = table[list(frames)].to_numpy(dtype=float)
    return counts, table["n_tokens"].to_numpy(dtype=float), docvars, frames, "document"


def as_units(
    scores: Any,
    *,
    frames: Sequence[str] | None = None,
    force: bool = False,
    cluster: str | None = None,
) -> Units:
    """Validate FrameScores or a ``framing score`` table into :class:`Units` (internal)."""
    if isinstance(scores, pd.DataFrame):
        counts, tokens, docvars, frames, unit = _from_table(scores, frames, force)
    else:
        _check_normalisation(scores.meta, force, "these FrameScores")
        selected = list(frames) if frames is not None else list(scores.frames)
        unknown = sorted(set(selected) - set(scores.frames))
        if unknown:
            raise InvalidParameterError(
                f"unknown frame(s) {unknown}; the scores have {list(scores.frames)}"
            )
        counts = scores.counts[selected].to_numpy(dtype=float)
        tokens = scores.n_tokens.to_numpy(dtype=float)
        docvars, frames, unit = scores.docvars, tuple(selected), scores.unit
    if (counts < 0).any() or (tokens < 0).any() or np.isnan(counts).any():
        raise FramingError("counts and n_tokens must be non-negative numbers without NaN")
    ids = docvars.index.astype(str).to_numpy()
    if cluster is None and "parent_id" in docvars.columns:
        cluster = "parent_id"
    if cluster is not None:
        if cluster not in docvars.columns:
            raise InvalidParameterError(f"cluster column {cluster!r} is not a docvar")
        ids = docvars[cluster].astype(str).to_numpy()
    dv = docvars.reset_index(drop=True)
    return Units(counts, tokens, dv, tuple(frames), ids, unit)


def group_codes(units: Units, by: Sequence[str]) -> tuple[pd.DataFrame, np.ndarray]:
    """Sorted distinct group keys and the group code of each unit (internal)."""
    by = list(by)
    missing = [c for c in by if c not in units.docvars.columns]
    if missing:
        raise InvalidParameterError(
            f"group column(s) {missing} are not docvars; available: {list(units.docvars.columns)}"
        )
    if not by:
        return pd.DataFrame(index=[0]), np.zeros(len(units.counts), dtype=np.int64)
    keys = units.docvars[by]
    empty = keys.isna().any(axis=1)
    if empty.any():
        col = keys.columns[keys.isna().any()][0]
        raise FramingError(
            f"{int(empty.sum())} unit(s) have no value for group column {col!r}; "
            "filter them out or fill the field before aggregating"
        )
    grouped = keys.groupby(by, sort=True, observed=True).ngroup().to_numpy()
    table = keys.drop_duplicates().sort_values(by).reset_index(drop=True)
    return table, grouped


def group_rng(seed: int, key: Sequence[Any]) -> np.random.Generator:
    """A generator that depends only on the seed and the group's key values.

    A group's resamples therefore do not change when other groups are added or
    removed, or when rows are permuted.
    """
    digest = hashlib.sha256(json.dumps([str(k) for k in key]).encode()).digest()
    stream = np.random.SeedSequence(seed, spawn_key=(int.from_bytes(digest[:8]),))
    return np.random.default_rng(stream)


def measure_parts(
    units: Units, measure: Measure, threshold: float
) -> tuple[np.ndarray, np.ndarray]:
    """Numerator (units x frames) and denominator (units) of the ratio estimator."""
    if measure == "rate":
        return units.counts * PER_TOKENS, units.n_tokens
    if measure == "presence":
        return (units.counts >= threshold).astype(float), np.ones(len(units.counts))
    raise InvalidParameterError(f"measure must be 'rate' or 'presence', not {measure!r}")


def cluster_sums(
    num: np.ndarray, den: np.ndarray, clusters: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Sum numerator and denominator within clusters, clusters sorted by id."""
    labels, codes = np.unique(clusters, return_inverse=True)
    n = len(codes)
    m = sp.csr_matrix((np.ones(n), (codes, np.arange(n))), shape=(len(labels), n))
    return np.asarray(m @ num), np.asarray(m @ den).ravel()


def resample_sums(values: Any, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """``n_boot`` resampled column sums of ``values`` (clusters x columns).

    Each resample draws the clusters with replacement; the draw is expressed as
    multinomial weights (how often each cluster is drawn), generated in chunks
    so memory stays bounded.
    """
    k = values.shape[0]
    out = np.empty((n_boot, values.shape[1]))
    step = max(1, _CHUNK_CELLS // max(k, 1))
    for start in range(0, n_boot, step):
        size = min(step, n_boot - start)
        # k uniform draws per resample, counted per cluster: multinomial(k, 1/k) weights
        draws = rng.integers(0, k, size=(size, k)) + (np.arange(size) * k)[:, None]
        weights = np.bincount(draws.ravel(), minlength=size * k).reshape(size, k)
        if sp.issparse(values):  # sparse: cost grows with the non-zeros, not the columns
            out[start : start + size] = (values.T @ weights.T.astype(float)).T
        else:
            out[start : start + size] = weights.astype(float) @ values
    return out


def bootstrap_ratio(
    num: np.ndarray, den: np.ndarray, n_boot: int, rng: np.random.Generator
) -> np.ndarray:
    """``n_boot`` x frames resampled ratios ``sum(w*num) / sum(w*den)`` of cluster sums."""
    sums = resample_sums(np.column_stack([num, den]), n_boot, rng)
    with np.errstate(divide="ignore", invalid="ignore"):
        return sums[:, :-1] / sums[:, -1:]


def jackknife_ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """Leave-one-cluster-out ratios, clusters x frames."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return (num.sum(0) - num) / (den.sum() - den)[:, None]


def acceleration(jacks: Sequence[np.ndarray]) -> np.ndarray:
    """BCa acceleration from leave-one-out values of one or more independent samples.

    Deviations are taken from each sample's own jackknife mean and pooled:
    ``a = sum(dev**3) / (6 * sum(dev**2) ** 1.5)`` (Efron & Tibshirani 1993,
    eq. 14.15 and its k-sample form); 0 when every jackknife value agrees.
    """
    devs = [np.nanmean(j, axis=0) - j for j in jacks]
    spread = 6.0 * sum(np.nansum(d**2, axis=0) for d in devs) ** 1.5
    skew = sum(np.nansum(d**3, axis=0) for d in devs)
    return np.divide(skew, spread, out=np.zeros_like(spread), where=spread > 0)


def interval(
    boot: np.ndarray,
    theta: np.ndarray,
    jack: np.ndarray | Sequence[np.ndarray] | None,
    ci: float,
    method: Method,
) -> tuple[np.ndarray, np.ndarray]:
    """Percentile or BCa bounds per column of ``boot`` (NaN resamples ignored).

    For BCa, ``jack`` holds the leave-one-document-out estimates (documents x
    columns), or a list of them, one per independent sample.
    """
    alpha = (1.0 - ci) / 2.0
    levels = np.tile([[alpha], [1.0 - alpha]], (1, boot.shape[1]))
    if method == "bca":
        valid = (~np.isnan(boot)).sum(0)
        below = (boot < theta).sum(0) + (boot <= theta).sum(0)
        z0 = ndtri(below / (2.0 * np.maximum(valid, 1)))
        accel = acceleration([jack] if isinstance(jack, np.ndarray) else list(jack))
        z = ndtri(levels)
        with np.errstate(divide="ignore", invalid="ignore"):
            levels = ndtr(z0 + (z0 + z) / (1.0 - accel * (z0 + z)))
    elif method != "percentile":
        raise InvalidParameterError(f"method must be 'percentile' or 'bca', not {method!r}")
    bounds = column_quantiles(boot, levels)
    return bounds[0], bounds[1]


def column_quantiles(values: np.ndarray, levels: np.ndarray) -> np.ndarray:
    """Quantiles of each column at its own levels (rows of ``levels``), NaN ignored.

    Linear interpolation between order statistics, as ``numpy.quantile``'s
    default; all columns are sorted once instead of one call per column.
    """
    ordered = np.sort(values, axis=0)  # NaN sort last
    valid = (~np.isnan(values)).sum(0)
    with np.errstate(invalid="ignore"):
        pos = np.clip(levels, 0.0, 1.0) * (valid - 1)
    ok = np.isfinite(pos) & (valid > 0)
    pos = np.where(ok, pos, 0.0)
    low = np.floor(pos).astype(np.int64)
    high = np.minimum(low + 1, np.maximum(valid - 1, 0))
    frac = pos - low
    below = np.take_along_axis(ordered, low, axis=0)
    above = np.take_along_axis(ordered, high, axis=0)
    return np.where(ok, below + frac * (above - below), np.nan)


def estimate_group(
    num: np.ndarray,
    den: np.ndarray,
    clusters: np.ndarray,
    *,
    n_boot: int,
    ci: float,
    method: Method,
    rng: np.random.Generator,
) -> dict[str, np.ndarray]:
    """Point estimate, bounds and resamples for one group's units (internal)."""
    cnum, cden = cluster_sums(num, den, clusters)
    with np.errstate(divide="ignore", invalid="ignore"):
        theta = cnum.sum(0) / cden.sum()
    boot = bootstrap_ratio(cnum, cden, n_boot, rng)
    if len(cden) < 2:
        low = high = np.full_like(theta, np.nan)
    else:
        jack = jackknife_ratio(cnum, cden) if method == "bca" else None
        low, high = interval(boot, theta, jack, ci, method)
    return {
        "estimate": theta,
        "ci_low": low,
        "ci_high": high,
        "boot": boot,
        "n_docs": len(cden),
        "parts": (cnum, cden),
    }


def check_options(n_boot: int, ci: float, method: str, measure: str) -> None:
    """Validate the shared bootstrap options (internal)."""
    if not isinstance(n_boot, int | np.integer) or n_boot < 1:
        raise InvalidParameterError(f"n_boot must be a positive integer, not {n_boot!r}")
    if not 0.0 < ci < 1.0:
        raise InvalidParameterError(f"ci must lie strictly between 0 and 1, not {ci!r}")
    if method not in ("percentile", "bca"):
        raise InvalidParameterError(f"method must be 'percentile' or 'bca', not {method!r}")
    if measure not in ("rate", "presence"):
        raise InvalidParameterError(f"measure must be 'rate' or 'presence', not {measure!r}")


def aggregate(
    scores: FrameScores | pd.DataFrame,
    by: Sequence[str] | str = (),
    *,
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
    """Frame rates or presence shares by groups, with bootstrap confidence intervals.

    Parameters
    ----------
    scores : FrameScores or DataFrame
        Integer frame counts.  A DataFrame must be in the ``framing score``
        layout (``doc_id``, ``n_tokens``, frame count columns, docvars) and
        needs ``frames=``.
    by : str or sequence of str, default=()
        Docvars to group by; empty for one overall estimate.
    measure : {"rate", "presence"}, default="rate"
        ``"rate"``: hits per 1,000 tokens (summed counts over summed tokens).
        ``"presence"``: share of units with at least ``threshold`` hits.
    n_boot : int, default=2000
        Bootstrap resamples.
    ci : float, default=0.95
        Confidence level.
    method : {"percentile", "bca"}, default="percentile"
        Percentile interval, or bias-corrected and accelerated (jackknife
        acceleration over documents).
    seed : int
        Seed of the resampling; each group draws from its own stream derived
        from the seed and the group's key.
    threshold : float, default=1
        Hits needed for a frame to count as present (``measure="presence"``).
    frames : sequence of str, optional
        Frames to aggregate (default all); required for a DataFrame.
    cluster : str, optional
        Docvar naming the resampling unit.  Default: ``parent_id`` when the
        units are segments, else the unit itself.
    force : bool, default=False
        Aggregate numbers that are marked as normalised or are not integers.

    Returns
    -------
    DataFrame
        One row per group and frame: the ``by`` columns, ``frame``,
        ``estimate``, ``ci_low``, ``ci_high``, ``n_units``, ``n_docs``
        (resampled documents), ``n_tokens``, ``hits`` (summed counts, or
        units with the frame present), ``measure``, ``conf_level``,
        ``n_boot``, ``method``.  ``.attrs`` repeats the settings and the seed.
        Groups with fewer than two documents get NaN bounds.

    Raises
    ------
    FramingError
        Normalised or non-integer input without ``force=True``; missing group values.
    InvalidParameterError
        Unknown columns or invalid options.

    Notes
    -----
    For group :math:`g`, rate :math:`= 1000 \\sum_{i\\in g} c_i / \\sum_{i\\in g} n_i`
    and presence :math:`= \\frac{1}{|g|}\\sum_{i\\in g} [c_i \\ge t]`.  See
    ``docs/statistics.md`` for the bootstrap and BCa formulas.

    Examples
    --------
    >>> table = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "n_tokens": [100, 300, 200, 200],
    ...                       "war": [2, 6, 0, 1], "outlet": ["x", "x", "y", "y"]})
    >>> out = aggregate(table, ["outlet"], frames=["war"], n_boot=200, seed=1)
    >>> out[["outlet", "frame", "estimate", "hits", "n_tokens"]]
      outlet frame  estimate  hits  n_tokens
    0      x   war      20.0     8       400
    1      y   war       2.5     1       400
    >>> out.attrs["n_boot"], out.attrs["conf_level"]
    (200, 0.95)
    """
    check_options(n_boot, ci, method, measure)
    by = [by] if isinstance(by, str) else list(by)
    units = as_units(scores, frames=frames, force=force, cluster=cluster)
    keys, codes = group_codes(units, by)
    num, den = measure_parts(units, measure, threshold)
    rows = []
    for g, key in enumerate(keys.itertuples(index=False, name=None)):
        mask = codes == g
        res = estimate_group(
            num[mask],
            den[mask],
            units.clusters[mask],
            n_boot=n_boot,
            ci=ci,
            method=method,
            rng=group_rng(seed, key),
        )
        hits = num[mask].sum(0) / (PER_TOKENS if measure == "rate" else 1.0)
        for j, frame in enumerate(units.frames):
            rows.append(
                (
                    *key,
                    frame,
                    res["estimate"][j],
                    res["ci_low"][j],
                    res["ci_high"][j],
                    int(mask.sum()),
                    res["n_docs"],
                    units.n_tokens[mask].sum(),
                    hits[j],
                )
            )
    cols = [*by, "frame", "estimate", "ci_low", "ci_high", "n_units", "n_docs", "n_tokens", "hits"]
    out = pd.DataFrame(rows, columns=cols)
    if not force:  # integer inputs give integer totals
        out = out.astype({"n_tokens": "int64", "hits": "int64"})
    return with_settings(
        out,
        measure=measure,
        ci=ci,
        n_boot=n_boot,
        method=method,
        seed=seed,
        threshold=threshold,
        unit=units.unit,
    )


def with_settings(
    table: pd.DataFrame, *, measure: str, ci: float, n_boot: int, method: str, **extra: Any
) -> pd.DataFrame:
    """Add the setting columns and ``.attrs`` every estimate table carries (internal)."""
    table = table.assign(measure=measure, conf_level=float(ci), n_boot=int(n_boot), method=method)
    table.attrs.update(
        {
            "measure": measure,
            "conf_level": float(ci),
            "n_boot": int(n_boot),
            "method": method,
            "per_tokens": PER_TOKENS,
            **extra,
        }
    )
    return table
