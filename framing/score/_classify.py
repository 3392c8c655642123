"""Supervised frame classifiers (scikit-learn) and weak supervision.

A multi-label classifier predicts, for each frame, whether a unit uses it:
TF-IDF features, one linear model per frame (logistic regression or a linear
SVM), probabilities calibrated by cross-validation.  Models are saved with
``skops.io`` and loaded only when every type in the file is on an allow-list of
scikit-learn and NumPy types, so a file from elsewhere cannot run code when
loaded (unlike ``pickle``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from framing._errors import FramingError

if TYPE_CHECKING:
    from framing.score._frame_scores import FrameScores

__all__ = ["FrameClassifier", "load_classifier", "train_classifier", "weak_labels"]

#: Types a saved classifier may contain; anything else is refused on load.
TRUSTED_PREFIXES: tuple[str, ...] = (
    "sklearn.",
    "numpy.",
    "scipy.sparse.",
    "builtins.",
    "collections.",
)


def weak_labels(scores: FrameScores | pd.DataFrame, *, threshold: int = 1) -> pd.DataFrame:
    """0/1 labels per unit and frame from lexicon counts (weak supervision).

    Parameters
    ----------
    scores : FrameScores or DataFrame
        Frame counts; a DataFrame needs ``doc_id`` and the frame columns only.
    threshold : int, default=1
        A frame is labelled present when its count reaches this.

    Returns
    -------
    DataFrame
        Indexed by ``doc_id``, one 0/1 column per frame.

    Examples
    --------
    >>> t = pd.DataFrame({"doc_id": ["a", "b"], "war": [2, 0]})
    >>> weak_labels(t)["war"].tolist()
    [1, 0]
    """
    counts = scores.counts if hasattr(scores, "counts") else scores.set_index("doc_id")
    return (counts >= threshold).astype(np.int64)


def _make_pipeline(model: str, calibrate: bool, seed: int, max_features: int | None) -> Any:
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import Pipeline
    from sklearn.svm import LinearSVC

    if model == "logreg":
        base: Any = LogisticRegression(max_iter=2000, random_state=seed)
    elif model == "svm":
        base = LinearSVC(random_state=seed)
    else:
        raise FramingError(f"unknown model {model!r}; use 'logreg' or 'svm'")
    if calibrate or model == "svm":
        base = CalibratedClassifierCV(base, method="sigmoid", cv=3)
    vectorizer = TfidfVectorizer(
        lowercase=True,
        token_pattern=r"(?u)\b\w\w+\b",
        ngram_range=(1, 2),
        min_df=2,
        sublinear_tf=True,
        max_features=max_features,
    )
    return Pipeline([("tfidf", vectorizer), ("clf", OneVsRestClassifier(base))])


def _proba(pipeline: Any, texts: list[str], n_frames: int) -> np.ndarray:
    """Probabilities as (units, frames); one frame is a binary problem in sklearn."""
    proba = pipeline.predict_proba(texts)
    return proba[:, [1]] if n_frames == 1 else proba


def _fit_target(y: np.ndarray) -> np.ndarray:
    return y[:, 0] if y.shape[1] == 1 else y


def _coefficients(estimator: Any) -> np.ndarray:
    """Linear coefficients of one per-frame estimator (averaged over calibration folds)."""
    if hasattr(estimator, "calibrated_classifiers_"):
        coefs = [c.estimator.coef_.ravel() for c in estimator.calibrated_classifiers_]
        return np.mean(coefs, axis=0)
    return estimator.coef_.ravel()


@dataclass
class FrameClassifier:
    """A fitted multi-label frame classifier.

    Build it with :func:`train_classifier`; it holds the fitted scikit-learn
    pipeline (``pipeline_``), the frame names (``frames_``) and the
    cross-validated predictions and report made while training.

    Parameters
    ----------
    pipeline_ : sklearn Pipeline
        TF-IDF vectorizer and one-vs-rest linear classifier.
    frames_ : tuple of str
        Frame names, in column order.
    settings : dict
        How it was trained (model, calibration, seed, cv folds).
    cv_predictions_ : DataFrame, optional
        Out-of-fold probabilities per training unit and frame.

    Examples
    --------
    >>> texts = ["war and attack", "aid for refugees", "attack on troops",
    ...          "food aid and shelter", "missile attack", "refugees need aid"] * 3
    >>> labels = pd.DataFrame({"conflict": [1, 0, 1, 0, 1, 0] * 3,
    ...                        "aid": [0, 1, 0, 1, 0, 1] * 3})
    >>> clf = train_classifier(texts, labels, seed=0, cv=3)
    >>> clf.predict(["an attack"]).iloc[0].to_dict()
    {'conflict': 1, 'aid': 0}
    """

    pipeline_: Any
    frames_: tuple[str, ...]
    settings: dict[str, Any] = field(default_factory=dict)
    cv_predictions_: pd.DataFrame | None = None

    def predict_proba(self, texts: Iterable[str]) -> pd.DataFrame:
        """Calibrated probability of each frame for each text."""
        proba = _proba(self.pipeline_, list(texts), len(self.frames_))
        return pd.DataFrame(proba, columns=list(self.frames_))

    def predict(self, texts: Iterable[str], *, threshold: float = 0.5) -> pd.DataFrame:
        """0/1 predictions: probability >= ``threshold``."""
        return (self.predict_proba(texts) >= threshold).astype(np.int64)

    def top_features(self, n: int = 15) -> pd.DataFrame:
        """The ``n`` terms with the largest positive weights per frame (tidy table)."""
        vocab = self.pipeline_.named_steps["tfidf"].get_feature_names_out()
        rows = []
        estimators = self.pipeline_.named_steps["clf"].estimators_
        for frame, est in zip(self.frames_, estimators[-len(self.frames_) :], strict=True):
            coef = _coefficients(est)
            order = np.lexsort((vocab, -coef))[:n]
            rows += [
                {"frame": frame, "rank": r + 1, "term": vocab[i], "weight": float(coef[i])}
                for r, i in enumerate(order)
            ]
        return pd.DataFrame(rows)

    def save(self, path: str | Path) -> None:
        """Save with ``skops.io`` (no pickle); see :func:`load_classifier`."""
        import skops.io as sio

        from framing._provenance import atomic_path

        payload = {
            "pipeline": self.pipeline_,
            "frames": list(self.frames_),
            "settings": dict(self.settings),
        }
        with atomic_path(path) as tmp:
            sio.dump(payload, tmp)


def train_classifier(
    texts: Sequence[str],
    labels: pd.DataFrame,
    *,
    model: str = "logreg",
    calibrate: bool = True,
    cv: int = 5,
    seed: int,
    max_features: int | None = 50000,
) -> FrameClassifier:
    """Train a multi-label frame classifier with cross-validated predictions.

    Parameters
    ----------
    texts : sequence of str
        Training units.
    labels : DataFrame
        One 0/1 column per frame, aligned with ``texts`` (gold codes, or
        :func:`weak_labels` from a lexicon).
    model : {"logreg", "svm"}, default="logreg"
        Logistic regression or linear SVM per frame.
    calibrate : bool, default=True
        Calibrate probabilities with sigmoid (Platt) scaling, 3-fold; a linear
        SVM is always calibrated (it has no probabilities of its own).
    cv : int, default=5
        Folds of the out-of-fold predictions stored in ``cv_predictions_``
        (evaluate them with :func:`framing.evaluate`).
    seed : int
        Seed of the fold split and of the models.
    max_features : int or None, default=50000
        Largest TF-IDF vocabulary (unigrams and bigrams, min_df=2).

    Returns
    -------
    FrameClassifier

    Raises
    ------
    FramingError
        When a frame has fewer positive (or negative) units than folds.

    Examples
    --------
    >>> texts = ["war attack", "aid food", "attack troops", "aid shelter"] * 4
    >>> labels = pd.DataFrame({"conflict": [1, 0, 1, 0] * 4})
    >>> train_classifier(texts, labels, seed=1, cv=2).frames_
    ('conflict',)
    """
    from sklearn.base import clone
    from sklearn.model_selection import KFold

    texts = list(texts)
    if len(texts) != len(labels):
        raise FramingError(f"{len(texts)} texts but {len(labels)} label rows")
    y = labels.to_numpy(dtype=np.int64)
    need = max(cv, 3)
    for j, frame in enumerate(labels.columns):
        pos = int(y[:, j].sum())
        if pos < need or len(y) - pos < need:
            raise FramingError(
                f"frame {frame!r} has {pos} positive and {len(y) - pos} negative units; "
                f"at least {need} of each are needed to train and calibrate"
            )
    pipeline = _make_pipeline(model, calibrate, seed, max_features)
    folds = KFold(n_splits=cv, shuffle=True, random_state=seed)
    oof = np.zeros(y.shape, dtype=float)
    for train, test in folds.split(texts):
        fold = clone(pipeline).fit([texts[i] for i in train], _fit_target(y[train]))
        oof[test] = _proba(fold, [texts[i] for i in test], y.shape[1])
    pipeline.fit(texts, _fit_target(y))
    frames = tuple(str(c) for c in labels.columns)
    settings = {
        "model": model,
        "calibrate": calibrate or model == "svm",
        "cv": cv,
        "seed": seed,
        "max_features": max_features,
    }
    predictions = pd.DataFrame(oof, columns=list(frames), index=labels.index)
    return FrameClassifier(pipeline, frames, settings, predictions)


def load_classifier(path: str | Path, *, trusted: Sequence[str] = ()) -> FrameClassifier:
    """Load a classifier saved by :meth:`FrameClassifier.save`, safely.

    Every type stored in the file must be a scikit-learn, NumPy or SciPy
    sparse type (or listed in ``trusted`` after you have checked it);
    otherwise loading is refused and nothing in the file runs.

    Parameters
    ----------
    path : path
        The ``.skops`` file.
    trusted : sequence of str, default=()
        Extra fully qualified type names to accept.

    Returns
    -------
    FrameClassifier

    Raises
    ------
    FramingError
        When the file holds types outside the allow-list.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> texts = ["war attack", "aid food", "attack troops", "aid shelter"] * 4
    >>> clf = train_classifier(texts, pd.DataFrame({"c": [1, 0, 1, 0] * 4}), seed=1, cv=2)
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "clf.skops"
    >>> clf.save(path)
    >>> load_classifier(path).predict(["war"]).iloc[0, 0]
    np.int64(1)
    """
    import skops.io as sio

    untrusted = sio.get_untrusted_types(file=path)
    refused = [
        t for t in untrusted if not t.startswith(TRUSTED_PREFIXES) and t not in set(trusted)
    ]
    if refused:
        raise FramingError(
            f"{path}: refusing to load types {refused}; if you trust this file, pass them "
            "as trusted=[...]"
        )
    payload = sio.load(path, trusted=list(untrusted))
    return FrameClassifier(
        payload["pipeline"], tuple(payload["frames"]), dict(payload["settings"])
    )
