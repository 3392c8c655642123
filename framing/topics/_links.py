"""Topic-frame links: which topics carry which frames.

For each topic and frame, the correlation across documents between the
topic's proportion and the frame's rate, with a seeded bootstrap confidence
interval (documents resampled with replacement).
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from framing._conventions import CONF_LEVEL, N_BOOT
from framing._errors import FramingError, InvalidParameterError
from framing.topics._fit import TopicResult

if TYPE_CHECKING:
    from framing.score import FrameScores

__all__ = ["frame_carriers", "topic_frame_links"]


def _corr(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Pearson correlation of every column of A with every column of B."""
    A = A - A.mean(axis=0)
    B = B - B.mean(axis=0)
    denom = np.outer(np.sqrt((A * A).sum(axis=0)), np.sqrt((B * B).sum(axis=0)))
    with np.errstate(divide="ignore", invalid="ignore"):
        return (A.T @ B) / denom


def _rank(M: np.ndarray) -> np.ndarray:
    from scipy.stats import rankdata

    return rankdata(M, axis=0)


def _aligned(result: TopicResult, scores: Any, per: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    if scores.unit != "document":
        raise InvalidParameterError(
            f"topic-frame links need document scores, got unit {scores.unit!r}: score with "
            "unit='document' (or roll segment scores up to their documents first)"
        )
    rates = scores.rates(per=per)
    common = result.doc_topic.index.intersection(rates.index, sort=False)
    if common.empty:
        raise FramingError(
            "the topic model and the frame scores share no doc_id; score the "
            "documents the model was fitted on"
        )
    if len(common) < max(len(rates), len(result.doc_topic)):
        warnings.warn(
            f"topic-frame links use the {len(common)} documents found in both the topic "
            f"model ({len(result.doc_topic)}) and the frame scores ({len(rates)})",
            stacklevel=3,
        )
    rates = rates.loc[common]
    keep = rates.notna().all(axis=1).to_numpy()
    if not keep.all():
        warnings.warn(
            f"{int((~keep).sum())} document(s) without tokens have no frame rate and are left out",
            stacklevel=3,
        )
    return result.doc_topic.loc[common[keep]], rates[keep]


def topic_frame_links(
    result: TopicResult,
    scores: FrameScores | pd.DataFrame,
    *,
    seed: int,
    method: str = "pearson",
    per: float = 1000.0,
    n_boot: int = N_BOOT,
    ci: float = CONF_LEVEL,
) -> pd.DataFrame:
    """Correlate each topic's document proportions with each frame's document rates.

    Parameters
    ----------
    result : TopicResult
        A fitted topic model.
    scores : FrameScores
        Document-level frame scores; aligned with the model on ``doc_id``.
    seed : int
        Seed of the bootstrap (``numpy.random.default_rng(seed)``).
    method : {"pearson", "spearman"}, default="pearson"
        Spearman ranks within each bootstrap sample.
    per : float, default=1000.0
        Frame rates are hits per ``per`` tokens.
    n_boot : int, default=2000
        Bootstrap resamples of documents.
    ci : float, default=0.95
        Confidence level of the percentile interval.

    Returns
    -------
    DataFrame
        topic, label (top three terms), frame, r, ci_low, ci_high, n_docs and
        ``carries`` (True when the interval lies above 0).  A frame or topic
        that does not vary across documents has no correlation: it is dropped
        with a warning.

    Examples
    --------
    >>> from corpus import Corpus, tokenize
    >>> from framing import Lexicon, fit_topics, score_frames
    >>> corpus = Corpus.from_texts(["oil gas oil", "war army war", "oil gas", "war army"] * 5)
    >>> r = fit_topics(tokenize(corpus), k=2, seed=1, min_df=1, max_df=1.0, passes=20)
    >>> scores = score_frames(corpus, Lexicon.from_terms("toy", {"conflict": ["war"]}))
    >>> links = topic_frame_links(r, scores, seed=1, n_boot=200)
    >>> links.columns.tolist()
    ['topic', 'label', 'frame', 'r', 'ci_low', 'ci_high', 'n_docs', 'carries']
    >>> int(links["carries"].sum())
    1
    """
    if method not in ("pearson", "spearman"):
        raise InvalidParameterError(f"method must be 'pearson' or 'spearman', got {method!r}")
    if not 0 < ci < 1 or n_boot < 1:
        raise InvalidParameterError(
            f"need 0 < ci < 1 and n_boot >= 1, got ci={ci}, n_boot={n_boot}"
        )
    theta, rates = _aligned(result, scores, per)
    T, F = theta.to_numpy(np.float64), rates.to_numpy(np.float64)
    prep = _rank if method == "spearman" else (lambda M: M)
    point = _corr(prep(T), prep(F))
    rng = np.random.default_rng(seed)
    n = len(T)
    boots = np.empty((n_boot, *point.shape))
    for b in range(n_boot):
        idx = rng.integers(0, n, size=n)
        boots[b] = _corr(prep(T[idx]), prep(F[idx]))
    alpha = (1 - ci) / 2
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN slices handled below
        low, high = np.nanquantile(boots, [alpha, 1 - alpha], axis=0)
    labels = result.labels(3)
    table = pd.DataFrame(
        {
            "topic": np.repeat(theta.columns.to_numpy(), F.shape[1]),
            "frame": np.tile(rates.columns.to_numpy(dtype=object), T.shape[1]),
            "r": point.ravel(),
            "ci_low": low.ravel(),
            "ci_high": high.ravel(),
            "n_docs": n,
        }
    )
    table.insert(1, "label", table["topic"].map(labels))
    bad = ~np.isfinite(table[["r", "ci_low", "ci_high"]].to_numpy()).all(axis=1)
    if bad.any():
        pairs = table.loc[bad, ["topic", "frame"]].drop_duplicates()
        warnings.warn(
            f"{len(pairs)} topic-frame pair(s) have no correlation because the topic or frame "
            f"does not vary across the documents (e.g. frame {pairs.iloc[0]['frame']!r} "
            "never occurs); they are left out",
            stacklevel=2,
        )
    table = table[~bad].reset_index(drop=True)
    table["carries"] = table["ci_low"] > 0
    return table


def frame_carriers(links: pd.DataFrame) -> pd.DataFrame:
    """Which topics carry which frames: one row per carrying topic, strongest first.

    Parameters
    ----------
    links : DataFrame
        The output of :func:`topic_frame_links`.

    Returns
    -------
    DataFrame
        frame, topic, label, r, ci_low, ci_high: the links whose interval lies
        above zero, frames in their original order, topics by descending r.

    Examples
    --------
    >>> links = pd.DataFrame({"topic": [0, 1], "label": ["a", "b"], "frame": ["f", "f"],
    ...                       "r": [0.4, -0.4], "ci_low": [0.2, -0.6], "ci_high": [0.6, -0.2],
    ...                       "n_docs": [10, 10], "carries": [True, False]})
    >>> frame_carriers(links)[["frame", "topic"]].values.tolist()
    [['f', 0]]
    """
    frames = list(dict.fromkeys(links["frame"]))
    kept = links[links["carries"]].copy()
    kept["_order"] = kept["frame"].map({f: i for i, f in enumerate(frames)})
    kept = kept.sort_values(["_order", "r"], ascending=[True, False], kind="stable")
    return kept[["frame", "topic", "label", "r", "ci_low", "ci_high"]].reset_index(drop=True)
