"""A trained frame model: predict, score like a lexicon, save and load safely.

A :class:`FrameModel` holds a frozen :class:`~framing.models.FeatureSpace`, one
logistic model per frame, a Platt calibration per frame and a decision
threshold per frame chosen on development data.  :meth:`FrameModel.score`
returns :class:`~framing.score.FrameScores` whose ``counts`` are the 0/1
decisions, so every analysis, figure and experiment stage that takes lexicon
scores takes model scores too.

Files are written with ``skops.io`` and hold only NumPy arrays, strings,
numbers, lists and dicts: loading one never runs code from it.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import os
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from framing._conventions import UNITS
from framing._errors import FramingError, InvalidParameterError
from framing.models._features import FeatureSpace

if TYPE_CHECKING:
    from corpus import Corpus, Tokens
    from framing.score import FrameScores

__all__ = ["FORMAT_VERSION", "FrameModel", "bundled_model_path", "list_models", "load_model"]

#: Version of the saved layout; :func:`load_model` refuses other versions.
FORMAT_VERSION = 1
_DATA = Path(__file__).resolve().parent / "data"


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))


@dataclass(frozen=True, eq=False)
class FrameModel:
    """A trained multi-label frame model (build it with :func:`train_model`).

    Parameters
    ----------
    name, version : str
        What the model is called and its version (model cards and ``meta``).
    space : FeatureSpace
        The frozen features (n-grams, lexicon counts, semantic similarities).
    coef : ndarray
        ``n_frames x n_features`` logistic coefficients.
    intercept : ndarray
        One intercept per frame.
    platt : ndarray
        ``n_frames x 2`` calibration: ``p = sigmoid(a * decision + b)``.
    thresholds : ndarray
        Per-frame probability at or above which a unit is coded 1.
    card : mapping, default={}
        The model card's facts: training data, coders, method, validation, scope.
    cv_predictions_ : DataFrame, optional
        Out-of-fold calibrated probabilities of the coded training units (set by
        :func:`train_model`; not saved): development evidence only.

    Examples
    --------
    >>> from framing.lexicon import Lexicon
    >>> from framing.models import train_model
    >>> lex = Lexicon.from_terms("toy", {"war": ["war*", "attack*"]})
    >>> texts = ["war and attack", "aid for refugees", "the attack on troops",
    ...          "food aid and shelter", "missile attack", "refugees need aid"] * 4
    >>> codes = pd.DataFrame({"war": [1, 0, 1, 0, 1, 0] * 4})
    >>> model = train_model(texts, codes, lex, seed=0, cv=3, min_df=1)
    >>> model.predict(["an attack on the town", "aid"]).to_dict("list")
    {'war': [1, 0]}
    """

    name: str
    version: str
    space: FeatureSpace
    coef: np.ndarray
    intercept: np.ndarray
    platt: np.ndarray
    thresholds: np.ndarray
    card: Mapping[str, Any] = field(default_factory=dict)
    cv_predictions_: pd.DataFrame | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "card", MappingProxyType(dict(self.card)))

    def __repr__(self) -> str:
        return (
            f"<FrameModel {self.name} {self.version}: {len(self.frames)} frames, "
            f"{self.space.n_features} features>"
        )

    @property
    def frames(self) -> tuple[str, ...]:
        """Frame names, in column order (those of the lexicon)."""
        return self.space.lexicon.frame_names

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the model's parameters, features and name (16 hex digits)."""
        h = hashlib.sha256(f"{self.name}\0{self.version}\0".encode())
        h.update(self.space.lexicon.fingerprint.encode())
        h.update(repr(float(self.space.ngram_weight)).encode())
        h.update("\n".join(self.space.words).encode())
        for arr in (self.space.bigrams, self.space.idf, self.coef, self.intercept,
                    self.platt, self.thresholds, self.space.embedding, self.space.centroids,
                    self.space.semantic_center):  # fmt: skip
            if arr is not None:
                h.update(np.ascontiguousarray(arr).tobytes())
        return h.hexdigest()[:16]

    # ----------------------------------------------------------- prediction
    def decision_tokens(self, tokens: Tokens) -> np.ndarray:
        """Calibrated probabilities (units x frames) of every document of ``tokens``."""
        features = self.space.transform(tokens)
        raw = np.asarray(features @ self.coef.T) + self.intercept
        return _sigmoid(raw * self.platt[:, 0] + self.platt[:, 1])

    def predict_proba(
        self, source: Corpus | Tokens | Sequence[str], *, unit: str = "document"
    ) -> pd.DataFrame:
        """Calibrated probability of each frame for each unit (indexed by ``doc_id``).

        Examples
        --------
        >>> m = load_model("mideast")
        >>> m.predict_proba(["We salute the steadfast resistance of the people."]).shape
        (1, 7)
        """
        tokens = _tokens(source, unit)
        proba = self.decision_tokens(tokens)
        index = pd.Index(tokens.doc_ids, name="doc_id")
        return pd.DataFrame(proba, index=index, columns=list(self.frames))

    def predict(
        self, source: Corpus | Tokens | Sequence[str], *, unit: str = "document"
    ) -> pd.DataFrame:
        """0/1 decisions (probability >= the frame's threshold), indexed by ``doc_id``."""
        proba = self.predict_proba(source, unit=unit)
        return (proba >= self.thresholds).astype(np.int64)

    def score(
        self,
        source: Corpus | Tokens | Sequence[str],
        *,
        unit: str = "document",
        chunk_size: int = 4096,
        progress: bool = False,
        scheduler: str | Any | None = None,
        cluster: Mapping[str, Any] | None = None,
    ) -> FrameScores:
        """Score units like a lexicon: 0/1 decisions per frame, ``n_tokens``, docvars.

        Parameters
        ----------
        source : Corpus, corpus.Tokens, list of corpus.Partition or sequence of str
            The units' texts (segmented into ``unit``), tokens of the default
            recipe, or a partitioned dataset (read and scored on the workers).
        unit : {"document", "paragraph", "sentence"}, default="document"
        chunk_size : int, default=4096
            Units per chunk: memory stays bounded by a few chunks.
        progress : bool, default=False
            A progress bar on standard error.
        scheduler, cluster
            Where the chunks run, as for :func:`framing.score.score_frames`;
            the result is the same, to the byte, everywhere.

        Returns
        -------
        FrameScores
            ``counts`` hold the 0/1 decisions; ``meta`` names the model, its
            version and fingerprint and the thresholds.

        Examples
        --------
        >>> s = load_model("mideast").score(["Foreign interference in our affairs."])
        >>> list(s.counts.columns)[:3]
        ['resistance', 'sovereignty', 'foreign_interference']
        """
        from framing.compute import open_executor, parse_scheduler
        from framing.score import is_partitions

        if unit not in UNITS:
            raise InvalidParameterError(f"unit must be one of {list(UNITS)}, got {unit!r}")
        if chunk_size < 1:
            raise InvalidParameterError("chunk_size must be a positive number of units")
        label = f"scoring with model {self.name}" if progress else None
        with open_executor(parse_scheduler(scheduler), cluster=cluster) as executor:
            if is_partitions(source):
                from framing.score import score_partitions

                options = {"unit": unit, "chunk_size": chunk_size}
                return score_partitions(
                    source, self, _score_part, executor=executor, options=options, label=label
                )
            return self._score_local(source, unit, chunk_size, executor, label)

    def _score_local(
        self, source: Any, unit: str, chunk_size: int, executor: Any, label: str | None
    ) -> FrameScores:
        from corpus import Corpus
        from framing.score import FrameScores, as_corpus

        meta = self.meta()
        meta["input_counts"] = source.input_counts() if isinstance(source, Corpus) else {}
        if _is_tokens(source):
            if unit != "document":
                raise InvalidParameterError("Tokens are scored as they are: use unit='document'")
            proba, n_tok = self.decision_tokens(source), source.n_tokens
            docvars, ids = source.docvars, list(source.doc_ids)
            meta["corpus_fingerprint"] = source.corpus_fingerprint
        else:
            corp = as_corpus(source, unit)
            texts = corp.iter_texts() if corp.is_lazy else corp.texts
            parts = list(
                executor.map(_ScoreChunk(self), _chunks(texts, chunk_size), label=label,
                             total=len(corp), weight=lambda p: p[1].size)
            )  # fmt: skip
            proba = np.vstack([p[0] for p in parts]) if parts else np.zeros((0, len(self.frames)))
            n_tok = np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, np.int64)
            docvars, ids = corp.docvars, list(corp.doc_ids)
            meta["corpus_fingerprint"] = _fingerprint(source)
        index = pd.Index(ids, name="doc_id")
        decided = (proba >= self.thresholds).astype(np.int64)
        return FrameScores(
            counts=pd.DataFrame(decided, index=index, columns=list(self.frames)),
            n_tokens=pd.Series(np.asarray(n_tok, dtype=np.int64), index=index, name="n_tokens"),
            docvars=docvars.copy(),
            unit=unit,
            meta=meta,
        )

    def meta(self) -> dict[str, Any]:
        """What a scores table records about the measure that made it."""
        lex = self.space.lexicon
        return {
            "measure": "model",
            "model": self.name,
            "model_version": self.version,
            "model_fingerprint": self.fingerprint,
            "lexicon": lex.name,
            "lexicon_version": lex.version,
            "lexicon_fingerprint": lex.fingerprint,
            "thresholds": dict(zip(self.frames, self.thresholds.round(6).tolist(), strict=True)),
        }

    # ------------------------------------------------------------ save/load
    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the model as a ``.skops`` file (atomically); see :func:`load_model`."""
        import skops.io as sio

        from framing._provenance import atomic_path
        from framing.lexicon import lexicon_to_yaml

        sp = self.space
        payload = {
            "format": FORMAT_VERSION,
            "name": self.name,
            "version": self.version,
            "lexicon_yaml": lexicon_to_yaml(sp.lexicon),
            "words": list(sp.words),
            "bigrams": sp.bigrams,
            "idf": sp.idf,
            "embedding": sp.embedding.astype(np.float16) if sp.embedding is not None else None,
            "centroids": sp.centroids,
            "semantic_center": sp.semantic_center,
            "ngram_weight": float(sp.ngram_weight),
            "coef": self.coef,
            "intercept": self.intercept,
            "platt": self.platt,
            "thresholds": self.thresholds,
            "card": _plain(dict(self.card)),
        }
        path = Path(path)
        raw = sio.dumps(payload, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
        with atomic_path(path) as tmp:
            Path(tmp).write_bytes(_reproducible_zip(raw))
        return path


_IDS = re.compile(r'"__id__": (\d+)|"file": "(\d+)\.npy"')


def _reproducible_zip(raw: bytes) -> bytes:
    """The same model, the same bytes: skops names arrays and nodes by ``id()`` and stamps
    the time; number them in order of appearance and fix the time instead."""
    src = zipfile.ZipFile(io.BytesIO(raw))
    schema = src.read("schema.json").decode("utf-8")
    ids: dict[str, str] = {}

    def renumber(match: re.Match[str]) -> str:
        old = match.group(1) or match.group(2)
        new = ids.setdefault(old, str(len(ids) + 1))
        return f'"__id__": {new}' if match.group(1) else f'"file": "{new}.npy"'

    schema = _IDS.sub(renumber, schema)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        members = [("schema.json", schema.encode("utf-8"))]
        members += sorted(
            ((f"{ids[n[:-4]]}.npy", src.read(n)) for n in src.namelist() if n.endswith(".npy")),
            key=lambda m: int(m[0][:-4]),
        )
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, data, compresslevel=9)
    return out.getvalue()


def _plain(value: Any) -> Any:
    """Cards as plain builtins (skops stores those without custom types)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


def _fingerprint(source: Any) -> str | None:
    """The corpus fingerprint when it costs no second pass (as lexicon scores record it)."""
    from corpus import Corpus

    if not isinstance(source, Corpus):
        return None
    return source.fingerprint if not source.is_lazy else source._fingerprint


def _chunks(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    it = iter(texts)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


class _ScoreChunk:
    """Probabilities and token counts of a list of texts (a picklable chunk function)."""

    def __init__(self, model: FrameModel) -> None:
        self.model = model

    def __call__(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        from corpus import Corpus, tokenize

        tokens = tokenize(Corpus.from_texts(texts), progress=False)
        return self.model.decision_tokens(tokens), tokens.n_tokens


def _score_part(corp: Corpus, model: FrameModel, **options: Any) -> FrameScores:
    return model.score(corp, **options)


def _is_tokens(obj: Any) -> bool:
    return hasattr(obj, "ids") and hasattr(obj, "offsets") and hasattr(obj, "vocab")


def _tokens(source: Any, unit: str) -> Tokens:
    from corpus import tokenize
    from framing.score import as_corpus

    if _is_tokens(source):
        if unit != "document":
            raise InvalidParameterError("Tokens are scored as they are: use unit='document'")
        return source
    return tokenize(as_corpus(source, unit), progress=False)


# ------------------------------------------------------------------ loading
def list_models() -> list[str]:
    """Names of the bundled models.

    Examples
    --------
    >>> list_models()
    ['generic_news', 'mideast']
    """
    return sorted(p.stem for p in _DATA.glob("*.skops"))


def bundled_model_path(name: str) -> Path:
    """The file of a bundled model; an unknown name is an error listing the others."""
    path = _DATA / f"{name}.skops"
    if not path.is_file():
        raise InvalidParameterError(
            f"no bundled model {name!r}; bundled: {', '.join(list_models()) or 'none'} "
            "(or pass a .skops file)"
        )
    return path


_TRUSTED = ("builtins.", "numpy.", "collections.")
_KEYS = {"name", "version", "lexicon_yaml", "words", "bigrams", "idf", "embedding", "centroids",
         "semantic_center", "ngram_weight", "coef", "intercept", "platt", "thresholds",
         "card"}  # fmt: skip


def _foreign_types(value: Any) -> set[str]:
    """Types in a loaded payload other than builtins and NumPy arrays and scalars."""
    if isinstance(value, dict):
        return set().union(*(_foreign_types(v) for v in value.values()), set())
    if isinstance(value, list | tuple):
        return set().union(*(_foreign_types(v) for v in value), set())
    if value is None or isinstance(value, str | int | float | bool | np.ndarray | np.generic):
        return set()
    return {f"{type(value).__module__}.{type(value).__qualname__}"}


def load_model(name_or_path: str | os.PathLike[str]) -> FrameModel:
    """Load a bundled model by name, or a ``.skops`` file written by :meth:`FrameModel.save`.

    Only NumPy arrays and builtin types are accepted in the file; anything
    else is refused, so no code from the file runs.

    Parameters
    ----------
    name_or_path : str or path
        A bundled model (:func:`list_models`) or a ``.skops`` file.

    Returns
    -------
    FrameModel

    Raises
    ------
    InvalidParameterError
        An unknown name or a missing file.
    FramingError
        A file that is not a model of this format, or holds other types.

    Examples
    --------
    >>> load_model("generic_news").frames
    ('conflict', 'human_interest', 'economic_consequences', 'morality', 'responsibility')
    """
    import skops.io as sio

    from framing.lexicon import lexicon_from_yaml

    text = str(name_or_path)
    path = Path(text) if text.endswith(".skops") or os.sep in text else bundled_model_path(text)
    if not path.is_file():
        raise InvalidParameterError(f"model file {path} does not exist")
    try:
        untrusted = sio.get_untrusted_types(file=path)
    except Exception as exc:  # skops raises several types for files that are not models
        raise FramingError(f"{path}: not a framing model file ({exc})") from None
    refused = [t for t in untrusted if not t.startswith(_TRUSTED)]
    if refused:
        raise FramingError(f"{path}: refusing to load types {refused}")
    data = sio.load(path, trusted=list(untrusted))
    foreign = sorted(_foreign_types(data))
    if foreign:
        raise FramingError(f"{path}: refusing to load types {foreign}")
    if not isinstance(data, dict) or data.get("format") != FORMAT_VERSION:
        raise FramingError(
            f"{path}: model format {data.get('format') if isinstance(data, dict) else '?'}; "
            f"this version of framing reads format {FORMAT_VERSION}"
        )
    missing = sorted(_KEYS - set(data))
    if missing:
        raise FramingError(f"{path}: not a framing model file (no {missing})")
    emb = data["embedding"]
    space = FeatureSpace(
        lexicon_from_yaml(data["lexicon_yaml"], source=f"{path} (lexicon)"),
        tuple(data["words"]),
        np.asarray(data["bigrams"], dtype=np.int64),
        np.asarray(data["idf"], dtype=np.float64),
        None if emb is None else np.asarray(emb, dtype=np.float32),
        None if data["centroids"] is None else np.asarray(data["centroids"], np.float32),
        data["semantic_center"],
        float(data["ngram_weight"]),
    )
    return FrameModel(
        data["name"], data["version"], space,
        np.asarray(data["coef"], dtype=np.float64), np.asarray(data["intercept"]),
        np.asarray(data["platt"]), np.asarray(data["thresholds"]), data["card"],
    )  # fmt: skip
