"""Counts, shares and bootstrap intervals per (target, frame) and per alias."""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from framing._conventions import N_BOOT
from framing._errors import InvalidParameterError

OCCASION = ["doc_id", "sentence_id", "source", "target"]


def _rng(seed: int, key: Sequence[Any]) -> np.random.Generator:
    digest = hashlib.sha256("\x1f".join(map(str, key)).encode()).digest()
    return np.random.default_rng(np.random.SeedSequence([seed, int.from_bytes(digest[:8])]))


def _check(n_boot: int, ci: float) -> None:
    if not isinstance(n_boot, int) or n_boot < 0:
        raise InvalidParameterError(f"n_boot must be a non-negative integer, got {n_boot!r}")
    if not 0 < ci < 1:
        raise InvalidParameterError(f"ci must be between 0 and 1, got {ci!r}")


#: Prefix that reaches a docvar whose name is also a column of the rows (``doc_source``).
DOCVAR_PREFIX = "doc_"


def _with_groups(table: pd.DataFrame, docvars: pd.DataFrame | None, by: Sequence[str]):
    need = [c for c in by if c not in table.columns]
    if need:
        if docvars is None:
            raise InvalidParameterError(f"grouping by {need} needs docvars")
        clash = {f"{DOCVAR_PREFIX}{c}": c for c in docvars.columns if c in table.columns}
        docvars = docvars.rename(columns={v: k for k, v in clash.items()})
        missing = [c for c in need if c not in docvars.columns]
        if missing:
            raise InvalidParameterError(
                f"group column(s) {missing} are neither row columns nor docvars; "
                f"docvars: {list(docvars.columns)}"
            )
        table = table.join(docvars[need], on="doc_id")
    empty = [c for c in by if table[c].isna().any()]
    if empty:
        raise InvalidParameterError(f"group column(s) {empty} have missing values")
    return table


def bootstrap_shares(
    num: np.ndarray, den: np.ndarray, n_boot: int, ci: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Percentile bounds of column ratios ``sum(num) / sum(den)`` over resampled rows.

    ``num`` and ``den`` are (clusters x columns); rows (documents) are drawn with
    replacement, as multinomial weights.
    """
    k = num.shape[0]
    if n_boot == 0 or k < 2:
        nan = np.full(num.shape[1], np.nan)
        return nan, nan.copy()
    draws = rng.integers(0, k, size=(n_boot, k)) + (np.arange(n_boot) * k)[:, None]
    weights = np.bincount(draws.ravel(), minlength=n_boot * k).reshape(n_boot, k).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        boot = (weights @ num) / (weights @ den)
    alpha = (1 - ci) / 2
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        lo, hi = np.nanquantile(boot, [alpha, 1 - alpha], axis=0)
    return lo, hi


def _group_shares(
    num_rows: pd.DataFrame,
    den_rows: pd.DataFrame,
    item: str,
    n_boot: int,
    ci: float,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """Shares of ``item`` values among one group's occasions, per target."""
    docs = pd.Index(pd.unique(den_rows["doc_id"]))
    cols = num_rows[["target", item]].drop_duplicates().sort_values(["target", item])
    col_index = pd.MultiIndex.from_frame(cols)
    num = pd.crosstab(num_rows["doc_id"], [num_rows["target"], num_rows[item]])
    num = num.reindex(index=docs, columns=col_index, fill_value=0).to_numpy(float)
    den_t = pd.crosstab(den_rows["doc_id"], den_rows["target"]).reindex(index=docs, fill_value=0)
    den = den_t[cols["target"].to_numpy()].to_numpy(float)
    lo, hi = bootstrap_shares(num, den, n_boot, ci, rng)
    out = cols.reset_index(drop=True)
    out["occasions"] = den.sum(0).astype(np.int64)
    out["count"] = num.sum(0).astype(np.int64)
    out["share"] = out["count"] / out["occasions"]
    out["ci_low"], out["ci_high"] = lo, hi
    docs_with = (den > 0).sum(0)
    out["n_docs"] = docs_with.astype(np.int64)
    return out


def _share_table(
    num_rows: pd.DataFrame,
    den_rows: pd.DataFrame,
    item: str,
    by: Sequence[str],
    n_boot: int,
    seed: int,
    ci: float,
) -> pd.DataFrame:
    by = list(by)
    if not by:
        return _group_shares(num_rows, den_rows, item, n_boot, ci, _rng(seed, ["all"]))
    parts = []
    for key, den_g in den_rows.groupby(by, sort=True, observed=True):
        key = key if isinstance(key, tuple) else (key,)
        mask = np.ones(len(num_rows), dtype=bool)
        for col, value in zip(by, key, strict=True):
            mask &= (num_rows[col] == value).to_numpy()
        part = _group_shares(num_rows[mask], den_g, item, n_boot, ci, _rng(seed, key))
        for col, value in reversed(list(zip(by, key, strict=True))):
            part.insert(0, col, value)
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def target_frame_shares(
    rows: pd.DataFrame,
    docvars: pd.DataFrame | None = None,
    by: Sequence[str] = (),
    *,
    n_boot: int = N_BOOT,
    seed: int,
    ci: float = 0.95,
) -> pd.DataFrame:
    """How often each target is framed each way, by group, with bootstrap intervals."""
    _check(n_boot, ci)
    by = [by] if isinstance(by, str) else list(by)
    table = _with_groups(rows, docvars, by)
    den_rows = table.drop_duplicates(OCCASION)
    out = _share_table(table, den_rows, "frame", by, n_boot, seed, ci)
    hits = table.groupby([*by, "target", "frame"], sort=False)["count"].sum()
    out["hits"] = hits.reindex(pd.MultiIndex.from_frame(out[[*by, "target", "frame"]])).to_numpy()
    return out


def alias_choice(
    links: pd.DataFrame,
    docvars: pd.DataFrame | None = None,
    by: Sequence[str] = (),
    *,
    level: str = "alias",
    n_boot: int = N_BOOT,
    seed: int,
    ci: float = 0.95,
) -> pd.DataFrame:
    """Which name each group (source, outlet, camp) uses for each target."""
    _check(n_boot, ci)
    if level not in ("alias", "mention"):
        raise InvalidParameterError(f"level must be 'alias' or 'mention', got {level!r}")
    by = [by] if isinstance(by, str) else list(by)
    mentions = links.drop_duplicates([*OCCASION, "mention_start", "mention_end", "alias"])
    mentions = _with_groups(mentions, docvars, by)
    return _share_table(mentions, mentions, level, by, n_boot, seed, ci).rename(
        columns={"occasions": "mentions"}
    )


def _log_ratio(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Hardie's log2 ratio of shares, a zero count replaced by 0.5 (rows: resamples)."""
    n_a, n_b = a.sum(-1, keepdims=True), b.sum(-1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log2((np.where(a > 0, a, 0.5) / n_a) / (np.where(b > 0, b, 0.5) / n_b))


def _resampled(matrix: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    k = matrix.shape[0]
    draws = rng.integers(0, k, size=(n_boot, k)) + (np.arange(n_boot) * k)[:, None]
    weights = np.bincount(draws.ravel(), minlength=n_boot * k).reshape(n_boot, k)
    return weights.astype(float) @ matrix


_KEYNESS_COLUMNS = ["alias", "group_count", "reference_count", "group_share",
                    "reference_share", "log_ratio", "ci_low", "ci_high", "g2", "p_value",
                    "p_adjusted", "direction"]  # fmt: skip
_KEYNESS_NAMES = {"term": "alias", "target_count": "group_count",
                  "target_rate": "group_share", "reference_rate": "reference_share"}  # fmt: skip


def _log_ratio_ci(matrix: np.ndarray, labels: np.ndarray, n_boot: int, ci: float,
                  rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Percentile interval of the log ratio, documents of each side resampled apart."""
    if n_boot == 0:
        nan = np.full(matrix.shape[1], np.nan)
        return nan, nan.copy()
    a = _resampled(matrix[labels == "group"], n_boot, rng)
    b = _resampled(matrix[labels == "reference"], n_boot, rng)
    alpha = (1 - ci) / 2
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        lo, hi = np.nanquantile(_log_ratio(a, b), [alpha, 1 - alpha], axis=0)
    return lo, hi


def _one_target(
    mentions: pd.DataFrame,
    side: np.ndarray,
    n_boot: int,
    ci: float,
    rng: np.random.Generator,
    correction: str,
) -> pd.DataFrame:
    from framing.stats import keyness

    counts = pd.crosstab(mentions["doc_id"], mentions["alias"])
    doc_side = pd.Series(side, index=mentions["doc_id"].to_numpy()).groupby(level=0).first()
    labels = doc_side.reindex(counts.index).to_numpy()
    table = keyness(counts.to_numpy(), labels, target="group", reference="reference",
                    vocab=list(counts.columns), correction=correction)  # fmt: skip
    matrix = counts[table["term"].tolist()].to_numpy(float)
    out = table.rename(columns=_KEYNESS_NAMES)
    out["direction"] = out["direction"].replace({"target": "group"})
    out["group_share"] /= 1000.0
    out["reference_share"] /= 1000.0
    out["ci_low"], out["ci_high"] = _log_ratio_ci(matrix, labels, n_boot, ci, rng)
    return out[_KEYNESS_COLUMNS]


def alias_keyness(
    links: pd.DataFrame,
    docvars: pd.DataFrame | None,
    by: str,
    group: Any,
    reference: Any = None,
    *,
    targets: Sequence[str] | None = None,
    n_boot: int = N_BOOT,
    seed: int,
    ci: float = 0.95,
    correction: str = "holm",
) -> pd.DataFrame:
    """Names that one group uses for a target more than another group does."""
    _check(n_boot, ci)
    mentions = links.drop_duplicates([*OCCASION, "mention_start", "mention_end", "alias"])
    mentions = _with_groups(mentions, docvars, [by])
    values = lambda v: list(v) if isinstance(v, list | tuple | set) else [v]  # noqa: E731
    in_group = mentions[by].isin(values(group)).to_numpy()
    in_ref = ~in_group if reference is None else mentions[by].isin(values(reference)).to_numpy()
    if (in_group & in_ref).any():
        raise InvalidParameterError("group and reference overlap; give disjoint values")
    mentions = mentions[in_group | in_ref].assign(
        _side=np.where(in_group[in_group | in_ref], "group", "reference")
    )
    parts = []
    for name in targets or sorted(pd.unique(mentions["target"])):
        sub = mentions[mentions["target"] == name]
        if not ((sub["_side"] == "group").any() and (sub["_side"] == "reference").any()):
            continue
        part = _one_target(
            sub, sub["_side"].to_numpy(), n_boot, ci, _rng(seed, [name]), correction
        )
        part.insert(0, "target", name)
        parts.append(part)
    if not parts:
        raise InvalidParameterError(f"no target is named in both groups of {by!r}")
    return pd.concat(parts, ignore_index=True)
