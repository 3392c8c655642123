"""Attribution and target-frame links scored against coded sentences."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from framing._conventions import N_BOOT
from framing._errors import InvalidParameterError
from framing.targets._links import NONE
from framing.targets._words import UNATTRIBUTED

CODE_COLUMNS = ["unit_id", "source", "target", "frame"]
_STOP = frozenset("the a an of for and in to on at by from 's s mr mrs ms h e his her".split())
_WORD = re.compile(r"[a-z0-9]+")


def source_words(source: str) -> frozenset[str]:
    """Content words of a source label (lower case, without articles and titles)."""
    return frozenset(w for w in _WORD.findall(str(source).lower()) if w not in _STOP)


def sources_match(a: str, b: str) -> bool:
    """Two source labels name the same source: ``unattributed`` only matches itself;
    otherwise the content words of one contain those of the other.

    Examples
    --------
    >>> sources_match("Larijani", "Ali Larijani"), sources_match("Iran", "Iraq")
    (True, False)
    """
    if UNATTRIBUTED in (a, b):
        return a == b
    wa, wb = source_words(a), source_words(b)
    return bool(wa) and bool(wb) and (wa <= wb or wb <= wa)


def read_target_codes(path: str | Path, units: Sequence[str] | None = None) -> pd.DataFrame:
    """Read coded rows ``unit_id, source, target, frame``; errors name the file and line."""
    path = Path(path)
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError) as err:
        raise InvalidParameterError(f"cannot read codes {path}: {err}") from None
    table.columns = [c.strip() for c in table.columns]
    if list(table.columns) != CODE_COLUMNS:
        raise InvalidParameterError(
            f"{path}: columns must be {CODE_COLUMNS}, got {list(table.columns)}"
        )
    table = table.apply(lambda col: col.str.strip())
    blank = table.index[(table == "").any(axis=1)]
    if len(blank):
        raise InvalidParameterError(f"{path}: line {int(blank[0]) + 2} has an empty field")
    if units is not None:
        unknown = sorted(set(table["unit_id"]) - set(units))
        if unknown:
            raise InvalidParameterError(f"{path}: unknown unit_id(s) {unknown[:5]}")
    return table.drop_duplicates().reset_index(drop=True)


def _pairs(codes: pd.DataFrame) -> set[tuple[str, str]]:
    return set(zip(codes["unit_id"], codes["target"], strict=True))


def _matched(left: pd.DataFrame, right: pd.DataFrame) -> np.ndarray:
    """For each attributed row of ``left``, whether ``right`` has a matching source."""
    index: dict[tuple[str, str], list[str]] = {}
    for u, t, s in zip(right["unit_id"], right["target"], right["source"], strict=True):
        index.setdefault((u, t), []).append(s)
    return np.array(
        [
            any(sources_match(s, o) for o in index.get((u, t), ()))
            for u, t, s in zip(left["unit_id"], left["target"], left["source"], strict=True)
        ],
        dtype=bool,
    )


def _per_unit(values: pd.Series, units: pd.Index) -> np.ndarray:
    return values.groupby(level=0).sum().reindex(units, fill_value=0).to_numpy(float)


def _tallies(system: pd.DataFrame, gold: pd.DataFrame, units: pd.Index) -> dict[str, np.ndarray]:
    """Per-unit counts behind each metric (units in ``units`` order)."""
    out: dict[str, np.ndarray] = {}
    s_t, g_t = _pairs(system), _pairs(gold)
    both = s_t & g_t

    def count(pairs: set, name: str) -> None:
        out[name] = _per_unit(pd.Series(1.0, index=[p[0] for p in pairs]), units)

    count(s_t, "mention_sys"), count(g_t, "mention_gold"), count(both, "mention_tp")
    s0 = system.drop_duplicates(["unit_id", "target", "source"])
    g0 = gold.drop_duplicates(["unit_id", "target", "source"])
    s0, g0 = s0[s0["source"] != UNATTRIBUTED], g0[g0["source"] != UNATTRIBUTED]
    for scope, keep in (("", None), ("cond_", both)):
        s, g = s0, g0
        if keep is not None:
            s = s[[(u, t) in keep for u, t in zip(s["unit_id"], s["target"], strict=True)]]
            g = g[[(u, t) in keep for u, t in zip(g["unit_id"], g["target"], strict=True)]]
        out[f"{scope}attr_sys"] = _per_unit(pd.Series(1.0, index=s["unit_id"]), units)
        out[f"{scope}attr_gold"] = _per_unit(pd.Series(1.0, index=g["unit_id"]), units)
        out[f"{scope}attr_tp_p"] = _per_unit(pd.Series(_matched(s, g), index=s["unit_id"]), units)
        out[f"{scope}attr_tp_r"] = _per_unit(pd.Series(_matched(g, s), index=g["unit_id"]), units)
    s_l = {
        (u, t, f)
        for u, t, f in zip(system["unit_id"], system["target"], system["frame"], strict=True)
        if f != NONE
    }
    g_l = {
        (u, t, f)
        for u, t, f in zip(gold["unit_id"], gold["target"], gold["frame"], strict=True)
        if f != NONE
    }
    for name, links in (("link_sys", s_l), ("link_gold", g_l), ("link_tp", s_l & g_l)):
        count(links, name)
    return out


_METRICS = {
    "mention_precision": ("mention_tp", "mention_sys"),
    "mention_recall": ("mention_tp", "mention_gold"),
    "attribution_precision": ("attr_tp_p", "attr_sys"),
    "attribution_recall": ("attr_tp_r", "attr_gold"),
    "attribution_precision_found": ("cond_attr_tp_p", "cond_attr_sys"),
    "attribution_recall_found": ("cond_attr_tp_r", "cond_attr_gold"),
    "link_precision": ("link_tp", "link_sys"),
    "link_recall": ("link_tp", "link_gold"),
}


def _estimates(t: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Metric values from summed tallies (last axis: units)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        out = {m: t[a].sum(-1) / t[b].sum(-1) for m, (a, b) in _METRICS.items()}
        for kind in ("mention", "link"):
            p, r = out[f"{kind}_precision"], out[f"{kind}_recall"]
            out[f"{kind}_f1"] = 2 * p * r / (p + r)
    return out


def evaluate_targets(
    system: pd.DataFrame,
    gold: pd.DataFrame,
    *,
    n_boot: int = N_BOOT,
    seed: int,
    ci: float = 0.95,
) -> pd.DataFrame:
    """Precision and recall of target mentions, attribution and target-frame links.

    Parameters
    ----------
    system, gold : DataFrame
        Rows ``unit_id, source, target, frame`` (gold: a coder's or the
        adjudicated codes; target ``none`` rows mark units without a target).
    n_boot : int, default=2000
        Bootstrap resamples of units for the intervals.
    seed : int
    ci : float, default=0.95

    Returns
    -------
    DataFrame
        One row per metric: ``metric``, ``estimate``, ``ci_low``, ``ci_high``,
        ``numerator``, ``denominator``.  Attribution counts (unit, target,
        source) triples whose source is not ``unattributed``; sources match by
        :func:`sources_match`.  ``*_found`` restricts attribution to targets
        that both sides found in the unit.  Links are (unit, target, frame)
        triples with a frame other than ``none``, whatever the source.
    """
    units = pd.Index(sorted(set(gold["unit_id"]) | set(system["unit_id"])))
    system = system[system["target"] != NONE]
    gold = gold[gold["target"] != NONE]
    tallies = _tallies(system, gold, units)
    point = _estimates(tallies)
    rng = np.random.default_rng(seed)
    k = len(units)
    draws = rng.integers(0, k, size=(n_boot, k)) + (np.arange(n_boot) * k)[:, None]
    weights = np.bincount(draws.ravel(), minlength=n_boot * k).reshape(n_boot, k)
    boot = _estimates({name: weights * v for name, v in tallies.items()})
    alpha = (1 - ci) / 2
    rows = []
    for metric, value in point.items():
        lo, hi = np.nanquantile(boot[metric], [alpha, 1 - alpha]) if n_boot else (np.nan,) * 2
        num, den = _METRICS.get(metric, (None, None))
        rows.append(
            {
                "metric": metric,
                "estimate": float(value),
                "ci_low": float(lo),
                "ci_high": float(hi),
                "numerator": int(tallies[num].sum()) if num else None,
                "denominator": int(tallies[den].sum()) if den else None,
            }
        )
    return pd.DataFrame(rows).astype({"numerator": "Int64", "denominator": "Int64"})
