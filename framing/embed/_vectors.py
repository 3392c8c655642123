"""Word vectors: the :class:`WordVectors` type, loading and saving.

Vectors are held by a gensim ``KeyedVectors`` (or ``FastTextKeyedVectors``,
which also builds vectors for unseen words from character n-grams) together
with a record of where they came from.  Saved vectors are a NumPy ``.npz``
file (arrays and JSON, never pickle).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np

from framing._errors import FramingError, InvalidParameterError
from framing._provenance import atomic_path, file_sha256

__all__ = ["FORMATS", "WordVectors", "load_vectors"]

#: Formats :func:`load_vectors` reads.
FORMATS = ("word2vec-text", "word2vec-binary", "glove", "npz")
_NPZ_VERSION = 1


@dataclass(frozen=True, eq=False)
class WordVectors:
    """Word vectors with their provenance.

    Parameters
    ----------
    keyed : gensim KeyedVectors
        The vectors; a ``FastTextKeyedVectors`` also embeds unseen words.
    record : mapping, default={}
        How the vectors were made: method and parameters and the Tokens
        fingerprint (trained) or the file and its SHA-256 (loaded).

    Examples
    --------
    >>> import numpy as np
    >>> vecs = WordVectors.from_arrays(["war", "peace"], np.eye(2, dtype="float32"))
    >>> "war" in vecs, vecs.dim, len(vecs)
    (True, 2, 2)
    >>> vecs.vector("peace").tolist()
    [0.0, 1.0]
    """

    keyed: Any
    record: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "record", MappingProxyType(dict(self.record)))

    def __len__(self) -> int:
        return len(self.keyed.index_to_key)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word in self.keyed.key_to_index

    def __repr__(self) -> str:
        return f"<WordVectors: {len(self)} words, {self.dim} dimensions, {self.method}>"

    @property
    def dim(self) -> int:
        """Number of dimensions."""
        return int(self.keyed.vector_size)

    @property
    def method(self) -> str:
        """``word2vec``, ``fasttext`` or ``loaded``."""
        return str(self.record.get("method", "loaded"))

    @property
    def words(self) -> tuple[str, ...]:
        """The vocabulary, most frequent first when the vectors were trained."""
        return tuple(self.keyed.index_to_key)

    @property
    def subword(self) -> bool:
        """True when unseen words get vectors from character n-grams (FastText)."""
        return hasattr(self.keyed, "vectors_ngrams")

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the record (the recipe that made or the file that gave them)."""
        canonical = json.dumps(dict(self.record), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def vector(self, word: str) -> np.ndarray:
        """The vector of ``word``; a KeyError names a word without one."""
        if word not in self and not self.subword:
            raise KeyError(f"no vector for {word!r} (not in the {len(self)}-word vocabulary)")
        return np.asarray(self.keyed[word])

    def unit_matrix(self) -> np.ndarray:
        """All vectors scaled to length 1 (rows in :attr:`words` order)."""
        return np.asarray(self.keyed.get_normed_vectors())

    @classmethod
    def from_arrays(
        cls, words: Sequence[str], vectors: np.ndarray, record: Mapping[str, Any] | None = None
    ) -> WordVectors:
        """Vectors from a list of words and a matrix with one row per word."""
        from gensim.models import KeyedVectors

        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.ndim != 2 or vectors.shape[0] != len(words):
            raise InvalidParameterError(
                f"vectors must be a matrix with one row per word: {len(words)} words, "
                f"shape {vectors.shape}"
            )
        if len(set(words)) != len(words):
            raise InvalidParameterError("words must be unique")
        keyed = KeyedVectors(vectors.shape[1], count=0, dtype=np.float32)
        keyed.add_vectors(list(words), vectors)
        return cls(keyed, record if record is not None else {"method": "arrays"})

    def save(self, path: str | Path) -> Path:
        """Write the vectors as one ``.npz`` file (atomically; no pickle).

        Examples
        --------
        >>> import tempfile, pathlib
        >>> vecs = WordVectors.from_arrays(["a", "b"], np.ones((2, 3)))
        >>> out = vecs.save(pathlib.Path(tempfile.mkdtemp()) / "v.npz")
        >>> load_vectors(out, format="npz").vector("b").tolist()
        [1.0, 1.0, 1.0]
        """
        path = Path(path)
        arrays: dict[str, Any] = {"vectors": np.asarray(self.keyed.vectors, dtype=np.float32)}
        meta: dict[str, Any] = {
            "format": _NPZ_VERSION,
            "words": list(self.words),
            "record": dict(self.record),
        }
        if self.subword:
            arrays["vectors_vocab"] = np.asarray(self.keyed.vectors_vocab, dtype=np.float32)
            arrays["vectors_ngrams"] = np.asarray(self.keyed.vectors_ngrams, dtype=np.float32)
            meta["ngrams"] = {
                "min_n": int(self.keyed.min_n),
                "max_n": int(self.keyed.max_n),
                "bucket": int(self.keyed.bucket),
            }
        arrays["meta"] = np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8)
        with atomic_path(path, suffix=".tmp.npz") as tmp:
            np.savez(tmp, **arrays)
        return path


def _load_npz(path: Path) -> WordVectors:
    try:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(bytes(data["meta"]).decode("utf-8"))
            arrays = {k: data[k] for k in data.files if k != "meta"}
    except (OSError, ValueError, KeyError) as error:
        raise FramingError(
            f"{path}: not a word-vector .npz file written by framing ({error})"
        ) from None
    if meta.get("format") != _NPZ_VERSION:
        raise FramingError(
            f"{path}: vector file format {meta.get('format')!r} is not "
            f"{_NPZ_VERSION}; re-create it"
        )
    if "ngrams" not in meta:
        return WordVectors.from_arrays(meta["words"], arrays["vectors"], meta["record"])
    from gensim.models.fasttext import FastTextKeyedVectors

    keyed = FastTextKeyedVectors(arrays["vectors"].shape[1], **meta["ngrams"])
    keyed.index_to_key = list(meta["words"])
    keyed.key_to_index = {w: i for i, w in enumerate(keyed.index_to_key)}
    keyed.vectors_vocab = arrays["vectors_vocab"]
    keyed.vectors_ngrams = arrays["vectors_ngrams"]
    keyed.vectors = arrays["vectors"]
    return WordVectors(keyed, meta["record"])


def load_vectors(path: str | Path, *, format: str = "word2vec-text") -> WordVectors:
    """Load word vectors from a file.

    Parameters
    ----------
    path : str or path
        The file.
    format : {"word2vec-text", "word2vec-binary", "glove", "npz"}, default="word2vec-text"
        ``word2vec-text``/``-binary``: the formats of the original word2vec
        tool (a ``count dim`` header line, then one word and its vector per
        line); ``glove``: GloVe's text format (the same without the header);
        ``npz``: a file written by :meth:`WordVectors.save`.

    Returns
    -------
    WordVectors
        With ``record`` naming the file, its format and its SHA-256.

    Raises
    ------
    InvalidParameterError
        An unknown format.
    FramingError
        A missing or unreadable file (the message names it).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "glove.txt"
    >>> _ = path.write_text("war 1 0\\npeace 0 1\\n")
    >>> vecs = load_vectors(path, format="glove")
    >>> vecs.words, vecs.vector("war").tolist()
    (('war', 'peace'), [1.0, 0.0])
    """
    if format not in FORMATS:
        raise InvalidParameterError(f"format must be one of {FORMATS}, got {format!r}")
    path = Path(path)
    if not path.is_file():
        raise FramingError(f"{path}: no such vector file")
    if format == "npz":
        return _load_npz(path)
    from gensim.models import KeyedVectors

    try:
        keyed = KeyedVectors.load_word2vec_format(
            str(path),
            binary=format == "word2vec-binary",
            no_header=format == "glove",
            unicode_errors="strict",
        )
    except (ValueError, UnicodeDecodeError, EOFError) as error:
        raise FramingError(f"{path}: cannot read as {format} vectors ({error})") from None
    return WordVectors(
        keyed,
        {"method": "loaded", "file": path.name, "format": format, "sha256": file_sha256(path)},
    )
