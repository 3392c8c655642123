"""Validation against human coding: evaluation, reliability, term diagnostics.

A frame measure is worth publishing when it agrees with human judgement.  This
module compares lexicon scores (with a presence threshold) or classifier
predictions with gold codes, measures agreement between human coders, and
shows which lexicon terms cause the errors.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd

from framing._conventions import CONF_LEVEL, N_BOOT
from framing._errors import FramingError

__all__ = [
    "ValidationDataError",
    "disagreements",
    "evaluate",
    "read_codes",
    "reliability",
]


class ValidationDataError(FramingError, ValueError):
    """Gold codes or coder sheets are malformed; the message names row and column."""


def check_binary(frame: pd.DataFrame, columns: Sequence[str], source: str) -> pd.DataFrame:
    out = frame.copy()
    for column in columns:
        values = pd.to_numeric(out[column], errors="coerce")
        bad = ~values.isin([0, 1])
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0])
            raise ValidationDataError(
                f"{source}: row {row + 2}, column {column!r}: value "
                f"{out[column].iloc[row]!r} is not 0 or 1"
            )
        out[column] = values.astype(np.int64)
    return out


def _frames_of(table: pd.DataFrame, frames: Sequence[str] | None, exclude: set[str]) -> list[str]:
    if frames is not None:
        missing = [f for f in frames if f not in table.columns]
        if missing:
            raise ValidationDataError(f"frame column(s) {missing} missing; have {list(table)}")
        return list(frames)
    return [c for c in table.columns if c not in exclude]


def _prf(tp: np.ndarray, fp: np.ndarray, fn: np.ndarray) -> tuple[np.ndarray, ...]:
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = tp / (tp + fp)
        recall = tp / (tp + fn)
        f1 = 2 * tp / (2 * tp + fp + fn)
    return precision, recall, f1


def _confusion(pred: np.ndarray, gold: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, ...]:
    """Weighted tp, fp, fn per frame; ``weights`` has shape (n_boot, n_units)."""
    tp = weights @ (pred & gold)
    fp = weights @ (pred & ~gold)
    fn = weights @ (~pred & gold)
    return tp.astype(float), fp.astype(float), fn.astype(float)


def _bootstrap_weights(n_units: int, n_boot: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.multinomial(n_units, np.full(n_units, 1.0 / n_units), size=n_boot)


def _align(
    predicted: pd.DataFrame, gold: pd.DataFrame, frames: list[str], threshold: float
) -> tuple[np.ndarray, np.ndarray, pd.Index]:
    pred = predicted.set_index("doc_id") if "doc_id" in predicted.columns else predicted
    gold = gold.set_index("doc_id") if "doc_id" in gold.columns else gold
    if not gold.index.is_unique:
        dup = gold.index[gold.index.duplicated()].unique()[:5].tolist()
        raise ValidationDataError(f"gold codes repeat doc_id {dup}; one row per unit")
    missing = gold.index.difference(pred.index)
    if len(missing):
        raise ValidationDataError(
            f"{len(missing)} gold unit(s) have no scores, e.g. {missing[:5].tolist()}; "
            "score the same units (same unit and ids) that were coded"
        )
    absent = [f for f in frames if f not in pred.columns]
    if absent:
        raise ValidationDataError(f"scores have no column for frame(s) {absent}")
    p = pred.loc[gold.index, frames].to_numpy(dtype=float) >= threshold
    g = gold[frames].to_numpy(dtype=np.int64).astype(bool)
    return p, g, gold.index


def evaluate(
    predicted: pd.DataFrame,
    gold: pd.DataFrame,
    *,
    frames: Sequence[str] | None = None,
    threshold: float = 1,
    n_boot: int = N_BOOT,
    ci: float = CONF_LEVEL,
    seed: int,
) -> pd.DataFrame:
    """Precision, recall and F1 per frame against gold codes, with bootstrap CIs.

    Parameters
    ----------
    predicted : DataFrame
        ``doc_id`` plus one column per frame: counts (a ``framing score``
        table) or 0/1 predictions.  A unit is predicted positive for a frame
        when its value is at least ``threshold``.
    gold : DataFrame
        ``doc_id`` plus one 0/1 column per frame.
    frames : sequence of str, optional
        Frames to evaluate; default every gold column but ``doc_id``.
    threshold : float, default=1
        Presence threshold on ``predicted``.
    n_boot : int, default=2000
        Bootstrap resamples of units (0 disables the intervals).
    ci : float, default=0.95
        Confidence level of the percentile intervals.
    seed : int
        Seed of the bootstrap.

    Returns
    -------
    DataFrame
        One row per frame, then ``macro`` (mean of per-frame figures) and
        ``micro`` (pooled counts): support, tp, fp, fn, precision, recall, f1
        and ``*_ci_low`` / ``*_ci_high``, plus ``conf_level`` and ``n_boot``.

    Notes
    -----
    precision = tp / (tp + fp); recall = tp / (tp + fn);
    F1 = 2 tp / (2 tp + fp + fn).  A ratio with a zero denominator is
    undefined and reported as NaN (no predicted, or no gold, positives).
    Intervals are percentiles of the statistic over bootstrap resamples of
    units (resamples where it is undefined are left out).

    Examples
    --------
    >>> scores = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "war": [2, 0, 1, 0]})
    >>> gold = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "war": [1, 0, 0, 1]})
    >>> r = evaluate(scores, gold, n_boot=0, seed=1).set_index("frame")
    >>> r.loc["war", ["support", "tp", "fp", "fn"]].tolist()
    [2, 1, 1, 1]
    >>> r.loc["war", ["precision", "recall", "f1"]].tolist()
    [0.5, 0.5, 0.5]
    """
    gold = check_binary(gold, _frames_of(gold, frames, {"doc_id"}), "gold")
    names = _frames_of(gold, frames, {"doc_id"})
    pred, truth, _ = _align(predicted, gold, names, threshold)
    observed = _confusion(pred, truth, np.ones((1, len(truth)), dtype=np.int64))
    boots = None
    if n_boot:
        boots = _confusion(pred, truth, _bootstrap_weights(len(truth), n_boot, seed))
    rows = []
    for label, select in [
        *[(n, [i]) for i, n in enumerate(names)],
        ("macro", None),
        ("micro", None),
    ]:
        rows.append(_summary_row(label, select, observed, boots, ci))
    table = pd.DataFrame(rows)
    table["support"] = table["support"].astype(np.int64)
    for column in ("tp", "fp", "fn"):
        table[column] = table[column].astype(np.int64)
    table["conf_level"] = ci
    table["n_boot"] = n_boot
    return table


def _stats(tp, fp, fn, label: str) -> np.ndarray:
    """P, R, F1 per resample for one row label; tp etc. are (n_boot, n_frames)."""
    if label == "micro":
        return np.stack(_prf(tp.sum(1), fp.sum(1), fn.sum(1)), axis=1)
    p, r, f = _prf(tp, fp, fn)
    if label == "macro":
        with warnings.catch_warnings():  # an all-undefined resample gives NaN, quietly
            warnings.simplefilter("ignore", RuntimeWarning)
            return np.stack([np.nanmean(p, 1), np.nanmean(r, 1), np.nanmean(f, 1)], axis=1)
    return np.stack([p[:, 0], r[:, 0], f[:, 0]], axis=1)


def _summary_row(label, select, observed, boots, ci) -> dict:
    def pick(parts):
        return [x[:, select] if select is not None else x for x in parts]

    tp, fp, fn = pick(observed)
    point = _stats(tp, fp, fn, label if select is None else "frame")[0]
    row = {
        "frame": label,
        "support": int(tp.sum() + fn.sum()),
        "tp": int(tp.sum()),
        "fp": int(fp.sum()),
        "fn": int(fn.sum()),
    }
    lows = highs = [np.nan] * 3
    if boots is not None:
        sample = _stats(*pick(boots), label if select is None else "frame")
        alpha = (1 - ci) / 2
        lows, highs = [], []
        for column in sample.T:
            column = column[~np.isnan(column)]
            lows.append(float(np.quantile(column, alpha)) if column.size else np.nan)
            highs.append(float(np.quantile(column, 1 - alpha)) if column.size else np.nan)
    for i, name in enumerate(("precision", "recall", "f1")):
        row[name] = float(point[i])
        row[f"{name}_ci_low"] = lows[i]
        row[f"{name}_ci_high"] = highs[i]
    return row


def read_codes(
    source: str | pd.DataFrame,
    *,
    frames: Sequence[str] | None = None,
    coders: Sequence[str] | None = None,
    known_ids: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Read and check a long coding table: ``doc_id``, ``coder``, one 0/1 column per frame.

    Parameters
    ----------
    source : path or DataFrame
        A CSV file (or XLSX, by extension) or a DataFrame.
    frames : sequence of str, optional
        Frame columns; default every column but ``doc_id`` and ``coder``.
    coders : sequence of str, optional
        Coders who must each have coded every unit.
    known_ids : sequence of str, optional
        The unit ids of the coding sample; other ids are an error.

    Returns
    -------
    DataFrame
        The codes with integer 0/1 frame columns, sorted by doc_id and coder.

    Raises
    ------
    ValidationDataError
        Missing columns, values other than 0/1 (naming row and column),
        duplicate (doc_id, coder) rows, unknown ids, or missing coders.

    Examples
    --------
    >>> codes = pd.DataFrame({"doc_id": ["a", "a"], "coder": ["x", "y"], "war": [1, 1]})
    >>> read_codes(codes)["war"].tolist()
    [1, 1]
    """
    name = "codes"
    if isinstance(source, pd.DataFrame):
        table = source.copy()
    else:
        name = str(source)
        reader = pd.read_excel if name.lower().endswith((".xlsx", ".xls")) else pd.read_csv
        table = reader(source, dtype={"doc_id": str, "coder": str})
    for column in ("doc_id", "coder"):
        if column not in table.columns:
            raise ValidationDataError(
                f"{name}: column {column!r} is missing; columns are {list(table.columns)}"
            )
    table["doc_id"] = table["doc_id"].astype(str)
    table["coder"] = table["coder"].astype(str)
    names = _frames_of(table, frames, {"doc_id", "coder"})
    table = check_binary(table[["doc_id", "coder", *names]], names, name)
    dup = table.duplicated(["doc_id", "coder"])
    if dup.any():
        row = int(np.flatnonzero(dup.to_numpy())[0])
        raise ValidationDataError(
            f"{name}: row {row + 2}: unit {table['doc_id'].iloc[row]!r} coded twice by "
            f"{table['coder'].iloc[row]!r}"
        )
    if known_ids is not None:
        unknown = sorted(set(table["doc_id"]) - set(map(str, known_ids)))
        if unknown:
            raise ValidationDataError(
                f"{name}: {len(unknown)} unit id(s) not in the coding sample, e.g. {unknown[:5]}"
            )
    if coders is not None:
        wanted = set(map(str, coders))
        have = table.groupby("doc_id")["coder"].agg(set)
        short = {u: sorted(wanted - c) for u, c in have.items() if wanted - c}
        if short:
            unit, missing = next(iter(sorted(short.items())))
            raise ValidationDataError(
                f"{name}: {len(short)} unit(s) lack a coder, e.g. {unit!r} has no codes "
                f"from {missing}"
            )
    return table.sort_values(["doc_id", "coder"], kind="stable").reset_index(drop=True)


def _percent_agreement(matrix: np.ndarray) -> float:
    """Mean pairwise agreement over units with two or more codes (coders x units)."""
    agree, pairs = 0.0, 0.0
    for unit in matrix.T:
        values = unit[~np.isnan(unit)]
        n = values.size
        if n < 2:
            continue
        ones = float(values.sum())
        zeros = n - ones
        agree += (ones * (ones - 1) + zeros * (zeros - 1)) / (n * (n - 1))
        pairs += 1
    return agree / pairs if pairs else float("nan")


def reliability(codes: pd.DataFrame, *, frames: Sequence[str] | None = None) -> pd.DataFrame:
    """Inter-coder reliability per frame.

    Parameters
    ----------
    codes : DataFrame
        Long codes as returned by :func:`read_codes`.
    frames : sequence of str, optional
        Frames to assess; default every frame column.

    Returns
    -------
    DataFrame
        One row per frame: ``krippendorff_alpha`` (nominal), ``percent_agreement``
        (mean pairwise agreement over units with >= 2 codes), ``cohen_kappa``
        (only with exactly two coders, over units both coded), ``n_units``
        (units with >= 2 codes), ``n_coders``.

    Notes
    -----
    Alpha = 1 - D_o / D_e (Krippendorff 2004), computed by the ``krippendorff``
    package from the coders x units matrix (missing codes allowed).  Alpha is
    undefined (NaN) when every code is the same value.

    Examples
    --------
    >>> codes = pd.DataFrame({"doc_id": list("aabbcc"), "coder": list("xyxyxy"),
    ...                       "war": [1, 1, 0, 0, 1, 0]})
    >>> r = reliability(codes).iloc[0]
    >>> float(round(r.percent_agreement, 3)), float(round(r.cohen_kappa, 3)), int(r.n_units)
    (0.667, 0.4, 3)
    """
    import krippendorff
    from sklearn.metrics import cohen_kappa_score

    codes = read_codes(codes, frames=frames)
    names = _frames_of(codes, frames, {"doc_id", "coder"})
    coders = sorted(codes["coder"].unique())
    rows = []
    for frame in names:
        wide = codes.pivot(index="coder", columns="doc_id", values=frame).reindex(coders)
        matrix = wide.to_numpy(dtype=float)
        multi = (~np.isnan(matrix)).sum(0) >= 2
        values = matrix[:, multi]
        alpha = float("nan")
        if values.size and len(np.unique(values[~np.isnan(values)])) > 1:
            alpha = float(
                krippendorff.alpha(reliability_data=values, level_of_measurement="nominal")
            )
        kappa = float("nan")
        if len(coders) == 2:
            both = ~np.isnan(matrix).any(0)
            if both.any():
                kappa = float(cohen_kappa_score(matrix[0, both], matrix[1, both]))
        rows.append(
            {
                "frame": frame,
                "krippendorff_alpha": alpha,
                "percent_agreement": _percent_agreement(matrix),
                "cohen_kappa": kappa,
                "n_units": int(multi.sum()),
                "n_coders": len(coders),
            }
        )
    return pd.DataFrame(rows)


def disagreements(codes: pd.DataFrame, *, frames: Sequence[str] | None = None) -> pd.DataFrame:
    """Units and frames on which coders disagree, one column per coder, for adjudication.

    Parameters
    ----------
    codes : DataFrame
        Long codes as returned by :func:`read_codes`.
    frames : sequence of str, optional
        Frames to check; default every frame column.

    Returns
    -------
    DataFrame
        ``doc_id``, ``frame``, then each coder's code (NaN where a coder did
        not code the unit), sorted by doc_id and frame.

    Examples
    --------
    >>> codes = pd.DataFrame({"doc_id": list("aabb"), "coder": list("xyxy"),
    ...                       "war": [1, 0, 1, 1]})
    >>> disagreements(codes).to_dict("records")
    [{'doc_id': 'a', 'frame': 'war', 'x': 1.0, 'y': 0.0}]
    """
    codes = read_codes(codes, frames=frames)
    names = _frames_of(codes, frames, {"doc_id", "coder"})
    long = codes.melt(id_vars=["doc_id", "coder"], value_vars=names, var_name="frame")
    wide = long.pivot_table(
        index=["doc_id", "frame"], columns="coder", values="value", aggfunc="first"
    )
    wide.columns.name = None
    values = wide.to_numpy(dtype=float)
    lo, hi = np.nanmin(values, axis=1), np.nanmax(values, axis=1)
    out = wide[lo != hi].reset_index().astype({c: float for c in wide.columns})
    return out.sort_values(["doc_id", "frame"], kind="stable").reset_index(drop=True)
