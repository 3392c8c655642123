"""Train a frame model on coded units, with weak labels only as an extra.

For each frame, a logistic regression (scikit-learn, L2, balanced class
weights) learns from the coded units' features; units labelled by the lexicon
alone (weak labels) may join with a small weight.  Out-of-fold decisions on the
coded units (stratified folds, seeded) give a Platt calibration and the
threshold that maximises F1 there; the final model is fitted on all coded
units.  Nothing of this touches test data: pass development codes only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from framing._errors import InvalidParameterError
from framing.lexicon import Lexicon
from framing.models._features import describe, fit_features
from framing.models._model import FrameModel
from framing.models._model import _tokens as _unit_tokens

if TYPE_CHECKING:
    from corpus import Corpus, Tokens
    from framing.embed import WordVectors

__all__ = ["best_threshold", "train_model"]


def best_threshold(proba: np.ndarray, gold: np.ndarray) -> float:
    """The probability cut that maximises F1 (midpoint between neighbours; ties: higher cut).

    Examples
    --------
    >>> best_threshold(np.array([0.1, 0.4, 0.6, 0.9]), np.array([0, 0, 1, 1]))
    0.5
    """
    order = np.argsort(-proba, kind="stable")
    p, g = proba[order], gold[order].astype(np.int64)
    tp = np.cumsum(g)
    k = np.arange(1, p.size + 1)
    f1 = 2 * tp / (k + g.sum())
    last = np.r_[p[1:] != p[:-1], True]  # cut only between distinct values
    f1 = np.where(last, f1, -1.0)
    i = int(np.flatnonzero(f1 == f1.max())[0])
    nxt = p[i + 1] if i + 1 < p.size else 0.0
    return float((p[i] + nxt) / 2)


def _tokens(units: Any) -> Tokens:
    return _unit_tokens(units, "document")


def _check_codes(codes: pd.DataFrame, n_units: int, frames: tuple[str, ...]) -> np.ndarray:
    if len(codes) != n_units:
        raise InvalidParameterError(f"{n_units} units but {len(codes)} rows of codes")
    missing = [f for f in frames if f not in codes.columns]
    if missing:
        raise InvalidParameterError(f"codes lack the lexicon's frames {missing}")
    y = codes[list(frames)].to_numpy()
    if not np.isin(y, (0, 1)).all():
        raise InvalidParameterError("codes must be 0 or 1 in every frame column")
    return y.astype(np.int64)


def _fit(X: Any, y: np.ndarray, w: np.ndarray, C: float, seed: int) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=C, class_weight="balanced", max_iter=5000, random_state=seed)
    clf.fit(X, y, sample_weight=w)
    return clf.coef_.ravel(), float(clf.intercept_[0])


def _platt(decision: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression

    cal = LogisticRegression(C=1e4, max_iter=1000).fit(decision.reshape(-1, 1), y)
    return float(cal.coef_[0, 0]), float(cal.intercept_[0])


def _stack(X: Any, Xw: Any, y: np.ndarray, yw: np.ndarray | None, weak_weight: float):
    from scipy import sparse

    if Xw is None or yw is None:
        return X, y, np.ones(y.size)
    w = np.r_[np.ones(y.size), np.full(yw.size, weak_weight)]
    return sparse.vstack([X, Xw], format="csr"), np.r_[y, yw], w


def train_model(
    units: Corpus | Tokens | Sequence[str],
    codes: pd.DataFrame,
    lexicon: Lexicon,
    *,
    seed: int,
    name: str = "model",
    version: str = "0.1.0",
    vectors: WordVectors | None = None,
    weak: Corpus | Tokens | Sequence[str] | None = None,
    weak_weight: float = 0.1,
    vocabulary_units: Corpus | Tokens | Sequence[str] | None = None,
    C: float = 1.0,
    cv: int = 5,
    min_df: int = 3,
    max_words: int = 20000,
    max_bigrams: int = 20000,
    ngram_weight: float = 1.0,
    card: Mapping[str, Any] | None = None,
) -> FrameModel:
    """Train a frame model on coded units (and, as an extra, weakly labelled ones).

    Parameters
    ----------
    units : Corpus, corpus.Tokens or sequence of str
        The coded units (default recipe when Tokens).
    codes : DataFrame
        0/1 codes aligned with ``units``: one column per frame of ``lexicon``.
    lexicon : Lexicon
        The frames; its counts are features, and its hits label ``weak``.
    seed : int
        Seed of the folds and of the solvers.
    name, version : str
        The model's name and version.
    vectors : WordVectors, optional
        Word vectors for semantic features (DDR cosines); none without them.
    weak : Corpus, Tokens or sequence of str, optional
        Extra units labelled by the lexicon (presence = at least one hit),
        weighted ``weak_weight``; they never enter calibration or thresholds.
    weak_weight : float, default=0.1
        Sample weight of a weak unit (a coded unit weighs 1).
    vocabulary_units : Corpus, Tokens or sequence of str, optional
        Units whose document frequencies choose the n-grams and IDF (for
        example a random sample of the corpus); default: ``units`` plus ``weak``.
    C : float, default=1.0
        Inverse L2 strength of the logistic regressions.
    cv : int, default=5
        Stratified folds of the out-of-fold decisions (calibration, threshold
        and the development report in ``cv_predictions_``).
    min_df, max_words, max_bigrams, ngram_weight
        Vocabulary limits and the weight of the n-gram block
        (:func:`framing.models.fit_features`).
    card : mapping, optional
        Model-card facts (training data, coders, validation, scope).

    Returns
    -------
    FrameModel
        With ``cv_predictions_``: out-of-fold calibrated probabilities of the
        coded units, development evidence only.

    Raises
    ------
    InvalidParameterError
        Misaligned or non-0/1 codes, missing frames, or a frame with fewer
        positive or negative coded units than folds.

    Examples
    --------
    >>> lex = Lexicon.from_terms("toy", {"war": ["war*", "attack*"]})
    >>> texts = ["war and attack", "aid for refugees", "the attack on troops",
    ...          "food aid and shelter", "missile strike", "refugees need aid"] * 4
    >>> codes = pd.DataFrame({"war": [1, 0, 1, 0, 1, 0] * 4})
    >>> m = train_model(texts, codes, lex, seed=0, cv=3, min_df=1)
    >>> m.cv_predictions_.shape, m.predict(["a missile strike"])["war"].item()
    ((24, 1), 1)
    """
    from sklearn.model_selection import StratifiedKFold

    if cv < 2 or C <= 0 or weak_weight < 0:
        raise InvalidParameterError("cv must be >= 2, C > 0 and weak_weight >= 0")
    toks = _tokens(units)
    frames = lexicon.frame_names
    y = _check_codes(codes, len(toks), frames)
    for j, frame in enumerate(frames):
        pos = int(y[:, j].sum())
        if min(pos, len(y) - pos) < cv:
            raise InvalidParameterError(
                f"frame {frame!r} has {pos} positive and {len(y) - pos} negative coded "
                f"units; at least cv={cv} of each are needed"
            )
    weak_toks = _tokens(weak) if weak is not None else None
    vocab_toks = _vocabulary_tokens(toks, weak_toks, vocabulary_units)
    space = fit_features(vocab_toks, lexicon, vectors=vectors, min_df=min_df,
                         max_words=max_words, max_bigrams=max_bigrams,
                         ngram_weight=ngram_weight)  # fmt: skip
    X = space.transform(toks)
    Xw = space.transform(weak_toks) if weak_toks is not None else None
    yw = _weak_labels(weak_toks, lexicon) if weak_toks is not None else None
    n_feat, n_frames = X.shape[1], len(frames)
    coef, intercept = np.zeros((n_frames, n_feat)), np.zeros(n_frames)
    platt, thresholds = np.zeros((n_frames, 2)), np.zeros(n_frames)
    oof = np.zeros(y.shape)
    for j in range(n_frames):
        folds = StratifiedKFold(n_splits=cv, shuffle=True, random_state=seed)
        decision = np.zeros(len(y))
        for train, test in folds.split(np.zeros(len(y)), y[:, j]):
            Xa, ya, wa = _stack(X[train], Xw, y[train, j], None if yw is None else yw[:, j],
                                weak_weight)  # fmt: skip
            b, b0 = _fit(Xa, ya, wa, C, seed)
            decision[test] = X[test] @ b + b0
        a, a0 = _platt(decision, y[:, j])
        oof[:, j] = 1.0 / (1.0 + np.exp(-(a * decision + a0)))
        thresholds[j] = best_threshold(oof[:, j], y[:, j])
        Xa, ya, wa = _stack(X, Xw, y[:, j], None if yw is None else yw[:, j], weak_weight)
        coef[j], intercept[j] = _fit(Xa, ya, wa, C, seed)
        platt[j] = a, a0
    settings = {"C": C, "cv": cv, "seed": seed, "weak_weight": weak_weight,
                "coded_units": len(y), "weak_units": 0 if yw is None else len(yw),
                "features": describe(space)}  # fmt: skip
    full_card = {"training": settings, **dict(card or {})}
    predictions = pd.DataFrame(oof, columns=list(frames), index=codes.index)
    return FrameModel(name, version, space, coef, intercept, platt, thresholds, full_card,
                      predictions)  # fmt: skip


def _vocabulary_tokens(toks: Tokens, weak: Tokens | None, extra: Any) -> Tokens:
    from corpus import Corpus, tokenize

    if extra is not None:
        return _tokens(extra)
    if weak is None:
        return toks
    texts = [" ".join(toks.doc_tokens(i)) for i in range(len(toks))]
    texts += [" ".join(weak.doc_tokens(i)) for i in range(len(weak))]
    return tokenize(Corpus.from_texts(texts), progress=False)


def _weak_labels(tokens: Tokens, lexicon: Lexicon) -> np.ndarray:
    from framing.score import score_frames

    return (score_frames(tokens, lexicon).counts.to_numpy() > 0).astype(np.int64)
