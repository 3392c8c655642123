"""Semantic frame scores without exact words: distributed dictionary representations.

:func:`ddr_scores` scores each unit by the cosine between its SIF-weighted
mean word vector and each frame's centroid (Garten et al. 2018; weights of
Arora, Liang & Ma 2017).  :func:`calibrate_ddr` turns those cosines into
presence on coded development units: a logistic calibration per frame and the
threshold that maximises F1 there.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from framing._errors import InvalidParameterError
from framing.lexicon import Lexicon

if TYPE_CHECKING:
    from corpus import Corpus, Tokens
    from framing.embed import WordVectors

__all__ = ["DDRCalibration", "calibrate_ddr", "ddr_scores", "frame_centroids"]

_UNITS = {"document": None, "paragraph": "paragraphs", "sentence": "sentences"}


def frame_centroids(lexicon: Lexicon, vectors: WordVectors) -> pd.DataFrame:
    """Each frame's centroid: the normalised mean unit vector of its seed words.

    Seed words are the words of the vector vocabulary that the frame's
    one-word patterns match (globs expanded); multi-word patterns are not
    used.  A frame without any seed word is an error.

    Returns
    -------
    DataFrame
        One row per frame (index frame name), one column per dimension.

    Examples
    --------
    >>> from framing.embed import WordVectors
    >>> vecs = WordVectors.from_arrays(["war", "wars", "peace"],
    ...                                np.array([[2, 0], [1, 1], [0, 1]]))
    >>> lex = Lexicon.from_terms("toy", {"conflict": ["war*"], "calm": ["peace"]})
    >>> frame_centroids(lex, vecs).round(3).values.tolist()
    [[0.924, 0.383], [0.0, 1.0]]
    """
    from framing.measures._expand import _frame_words

    words = vectors.words
    unit = vectors.unit_matrix()
    rows = []
    for frame in lexicon.frames:
        ids = _frame_words(frame, words, single_only=True)
        if not ids.size:
            raise InvalidParameterError(
                f"frame {frame.name!r}: none of its one-word patterns matches a word that has "
                "a vector; use other vectors or drop the frame"
            )
        mean = unit[ids].mean(axis=0)
        rows.append(mean / max(float(np.linalg.norm(mean)), 1e-12))
    return pd.DataFrame(np.vstack(rows), index=pd.Index(lexicon.frame_names, name="frame"))


def _tokens_of(source: Corpus | Tokens, unit: str) -> Tokens:
    from corpus import Tokens, tokenize

    if unit not in _UNITS:
        raise InvalidParameterError(f"unit must be one of {sorted(_UNITS)}, got {unit!r}")
    if isinstance(source, Tokens):
        if unit != "document":
            raise InvalidParameterError("Tokens are already units; pass the Corpus to segment")
        return source
    corp = source if _UNITS[unit] is None else source.segment(_UNITS[unit])
    return tokenize(corp)


def ddr_scores(
    source: Corpus | Tokens,
    lexicon: Lexicon,
    vectors: WordVectors,
    *,
    unit: str = "document",
    a: float = 1e-3,
) -> pd.DataFrame:
    """Distributed-dictionary (DDR) scores: cosine of each unit with each frame centroid.

    Parameters
    ----------
    source : corpus.Corpus or corpus.Tokens
        The units (a Corpus is tokenized with the default recipe, after
        segmenting it into ``unit``).
    lexicon : Lexicon
        Frames whose one-word patterns give the centroids (:func:`frame_centroids`).
    vectors : WordVectors
        Word vectors (ideally trained on the same kind of text).
    unit : {"document", "paragraph", "sentence"}, default="document"
        The unit scored.
    a : float, default=1e-3
        The SIF constant: a word of relative frequency ``p`` weighs
        ``a / (a + p)``; frequencies are those of ``source``.

    Returns
    -------
    DataFrame
        Indexed by ``doc_id``: ``n_tokens``, then one float column per frame
        (cosine in [-1, 1]; NaN for a unit without any word that has a
        vector), then the units' docvars.

    Notes
    -----
    ``v(unit) = sum_w c(w) a/(a + p(w)) u(w)`` over words with a vector,
    ``u(w)`` the unit-length vector of ``w``, ``c(w)`` its count in the unit;
    the score is ``cos(v(unit), centroid(frame))``.  The first principal
    component is not removed.

    References
    ----------
    Garten, J. et al. (2018). Dictionaries and distributions: Combining expert
    knowledge and large scale textual data content analysis. Behavior
    Research Methods 50, 344-361.  Arora, S., Liang, Y. & Ma, T. (2017). A
    simple but tough-to-beat baseline for sentence embeddings. ICLR.

    Examples
    --------
    >>> from corpus import Corpus
    >>> from framing.embed import WordVectors
    >>> vecs = WordVectors.from_arrays(["war", "peace", "the"],
    ...                                np.array([[1, 0], [0, 1], [1, 1]]))
    >>> lex = Lexicon.from_terms("toy", {"conflict": ["war"], "calm": ["peace"]})
    >>> s = ddr_scores(Corpus.from_texts(["war war", "the peace", "nothing"]), lex, vecs)
    >>> s.round(3)
            n_tokens  conflict   calm
    doc_id
    d0             2     1.000  0.000
    d1             2     0.383  0.924
    d2             1       NaN    NaN
    """
    if not isinstance(a, (int, float)) or isinstance(a, bool) or not a > 0:
        raise InvalidParameterError(f"a must be a positive number, got {a!r}")
    toks = _tokens_of(source, unit)
    centroids = frame_centroids(lexicon, vectors)
    counts = toks.to_sparse().tocsr().astype(np.float64)
    freq = np.asarray(counts.sum(axis=0)).ravel()
    index = vectors.keyed.key_to_index
    rows = np.array([index.get(t, -1) for t in toks.vocab], dtype=np.int64)
    unit_vecs = vectors.unit_matrix()
    weights = a / (a + freq / max(freq.sum(), 1.0))
    table = np.zeros((len(toks.vocab), vectors.dim))
    has = rows >= 0
    table[has] = unit_vecs[rows[has]] * weights[has, None]
    docs = counts @ table
    norms = np.linalg.norm(docs, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        cos = (docs / norms[:, None]) @ centroids.to_numpy().T
    cos[norms == 0] = np.nan
    out = pd.DataFrame(
        cos, index=pd.Index(toks.doc_ids, name="doc_id"), columns=list(lexicon.frame_names)
    )
    out.insert(0, "n_tokens", toks.n_tokens.astype(np.int64))
    return out.join(
        toks.docvars.drop(columns=[c for c in toks.docvars.columns if c in out.columns])
    )


@dataclass(frozen=True)
class DDRCalibration:
    """Per-frame logistic calibration of DDR cosines and presence thresholds.

    Parameters
    ----------
    coef, intercept : mapping of str to float
        ``P(present) = 1 / (1 + exp(-(intercept + coef * cosine)))``.
    threshold : mapping of str to float
        Probability at or above which a frame counts as present (chosen to
        maximise F1 on the calibration units).
    n_units : int
        Coded units the calibration used.
    """

    coef: Mapping[str, float]
    intercept: Mapping[str, float]
    threshold: Mapping[str, float]
    n_units: int

    def predict_proba(self, scores: pd.DataFrame) -> pd.DataFrame:
        """Calibrated probabilities (NaN cosine -> probability 0)."""
        out = {}
        for f in self.coef:
            z = self.intercept[f] + self.coef[f] * scores[f].to_numpy(np.float64)
            out[f] = np.nan_to_num(1 / (1 + np.exp(-z)), nan=0.0)
        return pd.DataFrame(out, index=scores.index)

    def predict(self, scores: pd.DataFrame) -> pd.DataFrame:
        """0/1 presence per frame."""
        proba = self.predict_proba(scores)
        return pd.DataFrame(
            {f: (proba[f] >= self.threshold[f]).astype(np.int64) for f in self.coef},
            index=scores.index,
        )


def _best_threshold(proba: np.ndarray, gold: np.ndarray) -> float:
    """The probability cut-off with the highest F1 (lowest cut-off among ties)."""
    best, cut = -1.0, 0.5
    for t in np.unique(proba):
        pred = proba >= t
        tp = float(np.sum(pred & gold))
        f1 = 2 * tp / max(float(pred.sum() + gold.sum()), 1.0)
        if f1 > best:
            best, cut = f1, float(t)
    return cut


def calibrate_ddr(
    scores: pd.DataFrame, codes: pd.DataFrame, *, frames: Any = None
) -> DDRCalibration:
    """Fit a :class:`DDRCalibration` on coded units (development data only).

    Parameters
    ----------
    scores : DataFrame
        :func:`ddr_scores` output.
    codes : DataFrame
        0/1 presence codes indexed by unit id, one column per frame; only
        units in both tables are used.
    frames : sequence of str, optional
        Frames to calibrate (default: the frames in both tables).

    Raises
    ------
    InvalidParameterError
        Fewer than two shared units, or a frame whose codes are all 0 or all 1.

    Examples
    --------
    >>> s = pd.DataFrame({"f": [0.9, 0.8, 0.2, 0.1]}, index=list("abcd"))
    >>> c = pd.DataFrame({"f": [1, 1, 0, 0]}, index=list("abcd"))
    >>> cal = calibrate_ddr(s, c)
    >>> cal.predict(s)["f"].tolist()
    [1, 1, 0, 0]
    """
    from sklearn.linear_model import LogisticRegression

    frames = (
        list(frames) if frames is not None else [f for f in codes.columns if f in scores.columns]
    )
    shared = codes.index.intersection(scores.index)
    if len(shared) < 2:
        raise InvalidParameterError(f"only {len(shared)} coded unit(s) have scores")
    coef, intercept, threshold = {}, {}, {}
    for f in frames:
        gold = codes.loc[shared, f].to_numpy().astype(bool)
        if gold.all() or not gold.any():
            raise InvalidParameterError(f"frame {f!r}: the codes hold one class only")
        x = np.nan_to_num(scores.loc[shared, f].to_numpy(np.float64), nan=-1.0)[:, None]
        model = LogisticRegression(C=1e4).fit(x, gold)
        coef[f], intercept[f] = float(model.coef_[0, 0]), float(model.intercept_[0])
        threshold[f] = _best_threshold(model.predict_proba(x)[:, 1], gold)
    return DDRCalibration(coef, intercept, threshold, len(shared))
