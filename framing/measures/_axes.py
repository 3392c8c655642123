"""FrameAxis-style bipolar axes: where units stand between two frames, and how strongly.

An axis runs from one frame's centroid to another's (resistance <-> security
threat, sovereignty <-> foreign interference).  Each word contributes its cosine
with the axis; a unit's *bias* is the mean contribution of its words and its
*intensity* the mean squared deviation of those contributions from the corpus
baseline (Kwak et al. 2021).  A bootstrap null draws, for every unit, as many
words as it has from all the scored units' words and reports how far the
observed values lie from the null.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from framing._conventions import N_BOOT
from framing._errors import InvalidParameterError
from framing.lexicon import Lexicon
from framing.measures._semantic import _tokens_of, frame_centroids

if TYPE_CHECKING:
    from corpus import Corpus, Tokens
    from framing.embed import WordVectors

__all__ = ["frame_axes"]


def _axis_vectors(
    lexicon: Lexicon, vectors: WordVectors, axes: Mapping[str, tuple[str, str]]
) -> dict[str, np.ndarray]:
    if not axes:
        raise InvalidParameterError("axes must name at least one axis: {name: (frame, frame)}")
    cents = frame_centroids(lexicon, vectors)
    out = {}
    for name, poles in axes.items():
        if len(poles) != 2 or any(p not in cents.index for p in poles) or poles[0] == poles[1]:
            raise InvalidParameterError(
                f"axis {name!r}: give two different frames of {lexicon.name!r} "
                f"({list(cents.index)}), got {poles!r}"
            )
        axis = cents.loc[poles[0]].to_numpy() - cents.loc[poles[1]].to_numpy()
        out[name] = axis / max(float(np.linalg.norm(axis)), 1e-12)
    return out


def _null(
    contrib: np.ndarray,
    pool: np.ndarray,
    baseline: float,
    n_words: np.ndarray,
    n_boot: int,
    seed: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Bootstrap null means of bias and intensity per unit (``n_words`` draws from ``pool``)."""
    rng = np.random.default_rng(seed)
    bias, intensity = np.full(n_words.size, np.nan), np.full(n_words.size, np.nan)
    for i, n in enumerate(n_words):
        if n == 0:
            continue
        draws = contrib[rng.choice(pool, size=(n_boot, int(n)))]
        bias[i] = draws.mean(axis=1).mean()
        intensity[i] = ((draws - baseline) ** 2).mean(axis=1).mean()
    return bias, intensity


def frame_axes(
    source: Corpus | Tokens,
    lexicon: Lexicon,
    vectors: WordVectors,
    axes: Mapping[str, tuple[str, str]],
    *,
    unit: str = "document",
    n_boot: int = N_BOOT,
    seed: int,
) -> pd.DataFrame:
    """Bias and intensity of every unit on bipolar frame axes, with a bootstrap null.

    Parameters
    ----------
    source : corpus.Corpus or corpus.Tokens
        The units (a Corpus is segmented into ``unit`` and tokenized with the
        default recipe).
    lexicon : Lexicon
        The frames whose centroids (:func:`frame_centroids`) are the poles.
    vectors : WordVectors
        Word vectors.
    axes : mapping of str to (str, str)
        Axis name -> (positive pole frame, negative pole frame), e.g.
        ``{"resistance_vs_threat": ("resistance", "security_threat")}``.
    unit : {"document", "paragraph", "sentence"}, default="document"
        The unit scored.
    n_boot : int, default=2000
        Bootstrap draws of the null per unit.
    seed : int
        Seed of the bootstrap.

    Returns
    -------
    DataFrame
        Indexed by ``doc_id``: ``n_tokens``, then per axis ``<axis>_bias``,
        ``<axis>_intensity``, ``<axis>_bias_effect`` and
        ``<axis>_intensity_effect`` (observed minus the null mean; NaN for a
        unit without any word that has a vector), then the docvars.

    Notes
    -----
    With ``c(w) = cos(u(w), a)`` for the axis ``a = c+ - c-`` (pole centroids,
    normalised), a unit's bias is ``sum_w n(w) c(w) / sum_w n(w)`` over its
    words with a vector and its intensity ``sum_w n(w) (c(w) - B)^2 / sum_w
    n(w)``, where ``B`` is the bias of all scored units together.  The null
    draws the same number of words, with replacement, from all the scored
    units' words (tokens with a vector).

    References
    ----------
    Kwak, H., An, J., Jing, E. & Ahn, Y.-Y. (2021). FrameAxis: characterizing
    microframe bias and intensity with word embedding. PeerJ Computer
    Science 7, e644.

    Examples
    --------
    >>> from corpus import Corpus
    >>> from framing.embed import WordVectors
    >>> vecs = WordVectors.from_arrays(["fight", "talk", "day"],
    ...                                np.array([[1, 0], [0, 1], [1, 1]]))
    >>> lex = Lexicon.from_terms("toy", {"war": ["fight"], "peace": ["talk"]})
    >>> s = frame_axes(Corpus.from_texts(["fight fight day", "talk day"]), lex, vecs,
    ...                {"war_vs_peace": ("war", "peace")}, n_boot=50, seed=1)
    >>> s["war_vs_peace_bias"].round(3).tolist()
    [0.471, -0.354]
    """
    if isinstance(n_boot, bool) or not isinstance(n_boot, (int, np.integer)) or n_boot < 1:
        raise InvalidParameterError(f"n_boot must be a positive integer, got {n_boot!r}")
    axis_vecs = _axis_vectors(lexicon, vectors, axes)
    toks = _tokens_of(source, unit)
    index = vectors.keyed.key_to_index
    rows = np.array([index.get(t, -1) for t in toks.vocab], dtype=np.int64)
    unit_vecs = vectors.unit_matrix()
    counts = toks.to_sparse().tocsr()
    has = rows >= 0
    counts = counts[:, np.flatnonzero(has)]
    n_words = np.asarray(counts.sum(axis=1)).ravel().astype(np.int64)
    pool = np.repeat(np.arange(counts.shape[1]), np.asarray(counts.sum(axis=0)).ravel())
    out = pd.DataFrame(
        {"n_tokens": toks.n_tokens.astype(np.int64)}, index=pd.Index(toks.doc_ids, name="doc_id")
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        for name, axis in axis_vecs.items():
            contrib = unit_vecs[rows[has]] @ axis
            baseline = float(contrib[pool].mean()) if pool.size else np.nan
            bias = (counts @ contrib) / n_words
            intensity = (counts @ (contrib - baseline) ** 2) / n_words
            null_b, null_i = _null(contrib, pool, baseline, n_words, n_boot, seed)
            out[f"{name}_bias"], out[f"{name}_intensity"] = bias, intensity
            out[f"{name}_bias_effect"] = bias - null_b
            out[f"{name}_intensity_effect"] = intensity - null_i
    return out.join(
        toks.docvars.drop(columns=[c for c in toks.docvars.columns if c in out.columns])
    )
