"""Keyness: which terms distinguish a target group's texts from a reference group's.

Over all terms (a documents x vocabulary count matrix, e.g. from
``corpus.Tokens.to_sparse()``) or over the terms near a frame's hits (what
distinguishes one side's "resistance" talk from the other's).  Formulas in
``docs/statistics.md``.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.special import chdtrc

from framing._errors import FramingError, InvalidParameterError

if TYPE_CHECKING:
    from scipy import sparse

    from corpus import Tokens

__all__ = ["adjust_pvalues", "context_counts", "keyness", "keyness_near"]

Statistic = Literal["g2", "chi2"]
Correction = Literal["holm", "bh", "none"]


def adjust_pvalues(p: np.ndarray, method: Correction = "holm") -> np.ndarray:
    """P-values adjusted for multiple comparisons.

    Parameters
    ----------
    p : array of float
        Unadjusted p-values.
    method : {"holm", "bh", "none"}, default="holm"
        Holm's step-down family-wise correction, Benjamini–Hochberg's
        false-discovery-rate correction, or none.

    Returns
    -------
    ndarray
        Adjusted p-values, in the order of ``p``.

    Examples
    --------
    >>> adjust_pvalues(np.array([0.01, 0.04, 0.03]), "holm").round(4).tolist()
    [0.03, 0.06, 0.06]
    >>> adjust_pvalues(np.array([0.01, 0.04, 0.03]), "bh").round(4).tolist()
    [0.03, 0.04, 0.04]
    """
    p = np.asarray(p, dtype=float)
    m = p.size
    if method == "none" or m == 0:
        return p.copy()
    order = np.argsort(p, kind="stable")
    ranked = p[order]
    if method == "holm":
        adjusted = np.maximum.accumulate((m - np.arange(m)) * ranked)
    elif method == "bh":
        adjusted = np.minimum.accumulate((m / np.arange(m, 0, -1)) * ranked[::-1])[::-1]
    else:
        raise InvalidParameterError(f"correction must be 'holm', 'bh' or 'none', not {method!r}")
    out = np.empty(m)
    out[order] = np.minimum(adjusted, 1.0)
    return out


def _matrix_vocab_groups(data: Any, groups: Any, vocab: Sequence[str] | None) -> tuple:
    if hasattr(data, "ids") and hasattr(data, "offsets") and hasattr(data, "vocab"):
        matrix, vocab = doc_term_matrix(data), data.vocab
        if isinstance(groups, str):
            if groups not in data.docvars.columns:
                raise InvalidParameterError(
                    f"group column {groups!r} is not a docvar; have {list(data.docvars.columns)}"
                )
            groups = data.docvars[groups].to_numpy()
    else:
        if vocab is None:
            raise InvalidParameterError("a count matrix needs vocab= (one term per column)")
        matrix = sp.csr_matrix(data)
    if isinstance(groups, str):
        raise InvalidParameterError("with a count matrix, pass groups as labels, one per row")
    groups = np.asarray(groups, dtype=object)
    if matrix.shape != (len(groups), len(vocab)):
        raise FramingError(
            f"the count matrix is {matrix.shape[0]} x {matrix.shape[1]} but "
            f"there are {len(groups)} group labels and {len(vocab)} terms"
        )
    return sp.csr_matrix(matrix), tuple(vocab), groups


def doc_term_matrix(tokens: Any) -> sp.csr_matrix:
    """Documents x vocabulary counts from ``tokens.ids`` and ``tokens.offsets``."""
    ids = np.array(tokens.ids, dtype=np.int64)  # a writable copy: scipy sorts in place
    offsets = np.array(tokens.offsets, dtype=np.int64)
    matrix = sp.csr_matrix(
        (np.ones(ids.size, dtype=np.int64), ids, offsets),
        shape=(len(offsets) - 1, len(tokens.vocab)),
    )
    matrix.sum_duplicates()
    return matrix


def _side(groups: np.ndarray, value: Any, role: str) -> np.ndarray:
    values = list(value) if isinstance(value, list | tuple | set) else [value]
    mask = pd.Series(groups).isin(values).to_numpy()
    if not mask.any():
        seen = sorted(map(str, pd.unique(groups)))[:20]
        raise FramingError(f"no document is in {values} ({role}); group values: {seen}")
    return mask


def two_by_two(
    a: np.ndarray, b: np.ndarray, n_t: float, n_r: float, yates: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Log-likelihood G² and Pearson chi² of each term's 2x2 table (internal)."""
    observed = np.stack([a, b, n_t - a, n_r - b])
    total = n_t + n_r
    expected = (
        np.stack([n_t * (a + b), n_r * (a + b), n_t * (total - a - b), n_r * (total - a - b)])
        / total
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(observed > 0, observed * np.log(observed / expected), 0.0)
        dev = np.abs(observed - expected)
        if yates:
            dev = np.clip(dev - 0.5, 0.0, None)
        chi2 = np.where(expected > 0, dev**2 / expected, 0.0).sum(0)
    return 2.0 * terms.sum(0), chi2


def _effect_sizes(a: np.ndarray, b: np.ndarray, n_t: float, n_r: float) -> tuple:
    rate_t, rate_r = a / n_t, b / n_r
    # Hardie's log ratio: a zero frequency is replaced by 0.5 so the ratio stays finite
    log_ratio = np.log2((np.where(a > 0, a, 0.5) / n_t) / (np.where(b > 0, b, 0.5) / n_r))
    with np.errstate(divide="ignore", invalid="ignore"):
        pct_diff = np.where(b > 0, 100.0 * (rate_t - rate_r) / rate_r, np.inf)
    return rate_t * 1000.0, rate_r * 1000.0, log_ratio, pct_diff


def keyness(
    data: Tokens | sparse.spmatrix | np.ndarray,
    groups: str | Sequence[Hashable] | np.ndarray,
    *,
    target: Hashable | Sequence[Hashable],
    reference: Hashable | Sequence[Hashable] | None = None,
    vocab: Sequence[str] | None = None,
    statistic: Statistic = "g2",
    correction: Correction = "holm",
    min_count: int = 1,
    yates: bool = False,
) -> pd.DataFrame:
    """Keyness of every term in a target group against a reference group.

    Parameters
    ----------
    data : corpus.Tokens, sparse matrix or ndarray
        Tokens (its document-term counts from ``ids`` and ``offsets``), or a
        documents x terms count matrix with ``vocab=``.
    groups : str or array-like
        A docvar name (with Tokens) or one group label per document (row).
    target : value or list of values
        The target group (a list pools values).
    reference : value or list of values, optional
        The reference group; default every document not in the target.
    vocab : sequence of str, optional
        Column terms of a count matrix.
    statistic : {"g2", "chi2"}, default="g2"
        Which statistic gives the p-values and the ordering.
    correction : {"holm", "bh", "none"}, default="holm"
        Multiple-comparison correction over all tested terms.
    min_count : int, default=1
        Test only terms with at least this many occurrences in both groups together.
    yates : bool, default=False
        Yates' continuity correction for chi².

    Returns
    -------
    DataFrame
        One row per tested term, most target-key first, most reference-key
        last: ``term``, ``target_count``, ``reference_count``, ``target_rate``
        and ``reference_rate`` (per 1,000 tokens), ``g2``, ``chi2``,
        ``p_value``, ``p_adjusted``, ``log_ratio`` (log2), ``pct_diff``,
        ``keyness`` (the chosen statistic, negative for reference-key terms) and
        ``direction`` ("target", "reference", or "neither" for equal rates).
        ``.attrs`` records the settings, both groups' token totals and the
        number of tests.

    Raises
    ------
    FramingError
        A group without documents, or mismatched shapes.

    References
    ----------
    Dunning, T. (1993). Accurate methods for the statistics of surprise and
    coincidence. *Computational Linguistics* 19(1), 61-74.
    Hardie, A. (2014). Log Ratio: an informal introduction. CASS, Lancaster.
    Gabrielatos, C. & Marchi, A. (2012). Keyness: appropriate metrics and
    practical issues. CADS International Conference, Bologna.

    Examples
    --------
    >>> m = np.array([[10, 0, 90], [0, 10, 90]])
    >>> out = keyness(m, ["t", "r"], target="t", vocab=["war", "peace", "the"])
    >>> out[["term", "target_count", "reference_count", "direction"]]
        term  target_count  reference_count  direction
    0    war            10                0     target
    1    the            90               90    neither
    2  peace             0               10  reference
    >>> round(float(out.loc[0, "g2"]), 3)
    14.39
    """
    if statistic not in ("g2", "chi2"):
        raise InvalidParameterError(f"statistic must be 'g2' or 'chi2', not {statistic!r}")
    adjust_pvalues(np.zeros(1), correction)  # validates the name before any work
    matrix, vocab, groups = _matrix_vocab_groups(data, groups, vocab)
    t_mask = _side(groups, target, "target")
    r_mask = ~t_mask if reference is None else _side(groups, reference, "reference")
    if (t_mask & r_mask).any():
        raise InvalidParameterError("target and reference overlap; give disjoint values")
    a = np.asarray(matrix[t_mask].sum(0), dtype=float).ravel()
    b = np.asarray(matrix[r_mask].sum(0), dtype=float).ravel()
    n_t, n_r = a.sum(), b.sum()
    if n_t == 0 or n_r == 0:
        raise FramingError(f"the {'target' if n_t == 0 else 'reference'} group has no tokens")
    keep = np.flatnonzero(a + b >= max(min_count, 1))
    a, b = a[keep], b[keep]
    g2, chi2 = two_by_two(a, b, n_t, n_r, yates)
    stat = g2 if statistic == "g2" else chi2
    p = chdtrc(1, stat)
    rate_t, rate_r, log_ratio, pct = _effect_sizes(a, b, n_t, n_r)
    sign = np.sign(rate_t - rate_r)
    terms = np.array(vocab, dtype=object)[keep]
    out = pd.DataFrame(
        {
            "term": terms,
            "target_count": a.astype(np.int64),
            "reference_count": b.astype(np.int64),
            "target_rate": rate_t,
            "reference_rate": rate_r,
            "g2": g2,
            "chi2": chi2,
            "p_value": p,
            "p_adjusted": adjust_pvalues(p, correction),
            "log_ratio": log_ratio,
            "pct_diff": pct,
            "keyness": sign * stat + 0.0,  # + 0.0 turns -0.0 into 0.0
            "direction": np.select([sign > 0, sign < 0], ["target", "reference"], "neither"),
        }
    )
    out = out.iloc[np.lexsort((terms.astype(str), -out["keyness"].to_numpy()))]
    out = out.reset_index(drop=True)
    out.attrs.update(
        {
            "statistic": statistic,
            "correction": correction,
            "min_count": min_count,
            "yates": yates,
            "target": str(target),
            "reference": "rest" if reference is None else str(reference),
            "target_tokens": int(n_t),
            "reference_tokens": int(n_r),
            "n_tests": len(keep),
        }
    )
    return out


def _hit_spans(tokens: Any, hits: pd.DataFrame, frame: str | None) -> tuple:
    if "start" not in hits.columns and "token_start" in hits.columns:  # find_hits layout
        hits = hits.rename(columns={"token_start": "start", "token_end": "end"})
    need = {"doc_id", "start"} | ({"frame"} if frame is not None else set())
    missing = sorted(need - set(hits.columns))
    if missing:
        raise InvalidParameterError(
            f"the hit table lacks column(s) {missing}; expected doc_id, frame, "
            "start and optionally length or end (token positions)"
        )
    if frame is not None:
        if frame not in set(hits["frame"]):
            raise FramingError(
                f"no hit of frame {frame!r}; frames in the table: "
                f"{sorted(map(str, set(hits['frame'])))}"
            )
        hits = hits[hits["frame"] == frame]
    pos = pd.Index(tokens.doc_ids).get_indexer(hits["doc_id"].astype(str))
    if (pos < 0).any():
        unknown = hits["doc_id"][pos < 0].iloc[0]
        raise FramingError(f"hit doc_id {unknown!r} is not in the tokens")
    start = hits["start"].to_numpy(dtype=np.int64)
    if "end" in hits.columns:
        end = hits["end"].to_numpy(dtype=np.int64)
    else:
        end = start + (hits["length"].to_numpy(dtype=np.int64) if "length" in hits else 1)
    n_tok = np.asarray(tokens.n_tokens)[pos]
    if (start < 0).any() or (end > n_tok).any() or (end <= start).any():
        raise FramingError(
            "hit positions must satisfy 0 <= start < end <= the document's "
            "token count (positions within the document, end exclusive)"
        )
    return pos, start, end, n_tok


def _mark(n: int, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Boolean mask of the union of [lo, hi) intervals over n positions."""
    diff = np.zeros(n + 1, dtype=np.int64)
    np.add.at(diff, lo, 1)
    np.add.at(diff, hi, -1)
    return np.cumsum(diff[:-1]) > 0


def context_counts(
    tokens: Tokens, hits: pd.DataFrame, *, frame: str | None = None, window: int = 10
) -> sp.csr_matrix:
    """Counts of the terms within ``window`` tokens of a frame's hits, per document.

    Parameters
    ----------
    tokens : corpus.Tokens
        Anything with ``ids``, ``offsets``, ``doc_ids``, ``n_tokens`` and ``vocab``.
    hits : DataFrame
        One row per hit: ``doc_id``, ``frame``, ``start`` (0-based token
        position within the document) and optionally ``length`` (tokens, default 1)
        or ``end`` (exclusive).  The :func:`framing.find_hits` layout
        (``token_start``, ``token_end``) is accepted as it is.
    frame : str, optional
        Keep only this frame's hits (default: every row).
    window : int, default=10
        Tokens on each side of a hit.

    Returns
    -------
    scipy.sparse.csr_matrix
        Documents x vocabulary counts.  A token in the windows of several hits
        is counted once; the hit tokens themselves are not counted.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> toks = SimpleNamespace(vocab=("a", "b", "x"), ids=np.array([0, 1, 2, 1, 0, 2, 0]),
    ...                        offsets=np.array([0, 5, 7]), doc_ids=("d1", "d2"),
    ...                        n_tokens=np.array([5, 2]))
    >>> hits = pd.DataFrame({"doc_id": ["d1", "d2"], "frame": "f", "start": [2, 0]})
    >>> context_counts(toks, hits, window=1).toarray().tolist()
    [[0, 2, 0], [1, 0, 0]]
    """
    if not isinstance(window, int | np.integer) or window < 1:
        raise InvalidParameterError(f"window must be a positive integer, not {window!r}")
    pos, start, end, n_tok = _hit_spans(tokens, hits, frame)
    offsets = np.asarray(tokens.offsets, dtype=np.int64)
    first = offsets[pos]
    n = int(offsets[-1])
    near = _mark(
        n,
        np.r_[first + np.maximum(start - window, 0), first + end],
        np.r_[first + start, first + np.minimum(end + window, n_tok)],
    )
    near &= ~_mark(n, first + start, first + end)
    where = np.flatnonzero(near)
    doc_of = np.searchsorted(offsets, where, side="right") - 1
    ids = np.asarray(tokens.ids)[where]
    shape = (len(offsets) - 1, len(tokens.vocab))
    matrix = sp.csr_matrix((np.ones(where.size, dtype=np.int64), (doc_of, ids)), shape=shape)
    matrix.sum_duplicates()
    return matrix


def keyness_near(
    tokens: Tokens,
    hits: pd.DataFrame,
    groups: str | Sequence[Hashable] | np.ndarray,
    *,
    frame: str,
    target: Hashable | Sequence[Hashable],
    reference: Hashable | Sequence[Hashable] | None = None,
    window: int = 10,
    **options: Any,
) -> pd.DataFrame:
    """Keyness of the terms near one frame's hits, target against reference.

    Parameters
    ----------
    tokens : corpus.Tokens
        The tokenized corpus the hit positions refer to.
    hits : DataFrame
        Hit table: ``doc_id``, ``frame``, ``start`` and optionally ``length``
        or ``end`` (see :func:`context_counts`).
    groups : str or array-like
        A docvar name of ``tokens`` or one label per document.
    frame : str
        The frame whose contexts are compared.
    target, reference : value or list of values
        As in :func:`keyness`.
    window : int, default=10
        Tokens on each side of a hit.
    **options
        Passed to :func:`keyness` (``statistic``, ``correction``, ``min_count``, ``yates``).

    Returns
    -------
    DataFrame
        As :func:`keyness`; ``.attrs`` adds ``frame`` and ``window``.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> toks = SimpleNamespace(vocab=("axis", "of", "resistance", "heroic", "terror"),
    ...     ids=np.array([3, 2, 0, 2, 4]), offsets=np.array([0, 2, 5]), doc_ids=("a", "b"),
    ...     n_tokens=np.array([2, 3]), docvars=pd.DataFrame({"side": ["t", "r"]}))
    >>> hits = pd.DataFrame({"doc_id": ["a", "b"], "frame": "resistance", "start": [1, 1]})
    >>> out = keyness_near(toks, hits, ["t", "r"], frame="resistance", target="t", window=2)
    >>> out["term"].tolist(), out["direction"].tolist()
    (['heroic', 'axis', 'terror'], ['target', 'reference', 'reference'])
    """
    matrix = context_counts(tokens, hits, frame=frame, window=window)
    if isinstance(groups, str):
        if groups not in tokens.docvars.columns:
            raise InvalidParameterError(f"group column {groups!r} is not a docvar")
        groups = tokens.docvars[groups].to_numpy()
    out = keyness(
        matrix, groups, target=target, reference=reference, vocab=tokens.vocab, **options
    )
    out.attrs.update({"frame": frame, "window": window})
    return out
