"""The tokenized corpus: :class:`Tokens` and :func:`tokenize`.

Tokens hold a vocabulary of types and one flat ``int32`` array of token ids
with ``int64`` document offsets (the CSR layout), plus the record of how they
were made: the :class:`~corpus.Recipe`, the description of every component and
the fingerprint of the corpus they came from.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
import zipfile
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from corpus._errors import CorpusError
from corpus._preprocess import Recipe

__all__ = ["Tokens"]

#: Version of the on-disk layout written by :meth:`Tokens.save`.
FORMAT_VERSION = 1
#: Corpora with at least this many documents get a progress bar on a terminal.
PROGRESS_MIN_DOCS = 1000


@dataclass(frozen=True, eq=False)
class Tokens:
    """A tokenized corpus: vocabulary, token ids, document offsets, provenance.

    Document ``i`` is ``ids[offsets[i]:offsets[i + 1]]`` and token id ``j``
    is the type ``vocab[j]``.  Ids are assigned in order of first appearance,
    so the same corpus and recipe always give identical arrays.

    Parameters
    ----------
    vocab : tuple of str
        Types; id ``j`` is ``vocab[j]``.
    ids : ndarray of int32
        All documents' token ids, concatenated in corpus order.
    offsets : ndarray of int64
        ``n_docs + 1`` ascending positions into ``ids``, from 0 to ``len(ids)``.
    docvars : DataFrame
        The corpus metadata, one row per document, indexed by ``doc_id``.
    recipe : Recipe
        The preprocessing recipe.
    corpus_fingerprint : str
        :attr:`corpus.Corpus.fingerprint` of the tokenized corpus.
    components : mapping of str to str, default={}
        What ran for each step (name and package/data version).

    Examples
    --------
    >>> from corpus import Corpus, tokenize
    >>> toks = tokenize(Corpus.from_texts(["The axis of resistance.", "The axis!"]))
    >>> toks.vocab
    ('the', 'axis', 'of', 'resistance')
    >>> toks.ids.tolist(), toks.offsets.tolist()
    ([0, 1, 2, 3, 0, 1], [0, 4, 6])
    >>> toks.doc_tokens(1), toks.n_tokens.tolist()
    (['the', 'axis'], [4, 2])
    >>> toks.to_sparse().toarray().tolist()
    [[1, 1, 1, 1], [1, 1, 0, 0]]
    """

    vocab: tuple[str, ...]
    ids: np.ndarray
    offsets: np.ndarray
    docvars: pd.DataFrame
    recipe: Recipe
    corpus_fingerprint: str
    components: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        ids = np.ascontiguousarray(self.ids, dtype=np.int32)
        offsets = np.ascontiguousarray(self.offsets, dtype=np.int64)
        if offsets.ndim != 1 or offsets.size != len(self.docvars) + 1:
            raise CorpusError(
                f"Tokens: {offsets.size} offsets for {len(self.docvars)} "
                "documents; expected one more offset than documents"
            )
        if offsets[0] != 0 or offsets[-1] != ids.size or np.any(np.diff(offsets) < 0):
            raise CorpusError("Tokens: offsets must rise from 0 to the number of token ids")
        if ids.size and (ids.min() < 0 or ids.max() >= len(self.vocab)):
            raise CorpusError(f"Tokens: token ids must lie in [0, {len(self.vocab)})")
        ids.flags.writeable = False
        offsets.flags.writeable = False
        object.__setattr__(self, "ids", ids)
        object.__setattr__(self, "offsets", offsets)
        object.__setattr__(self, "vocab", tuple(self.vocab))
        object.__setattr__(self, "components", MappingProxyType(dict(self.components)))

    # ---------------------------------------------------------------- access
    def __len__(self) -> int:
        return len(self.docvars)

    def __repr__(self) -> str:
        return f"<Tokens: {len(self)} documents, {self.ids.size} tokens, {len(self.vocab)} types>"

    @property
    def doc_ids(self) -> tuple[str, ...]:
        """Document ids, in corpus order."""
        return tuple(self.docvars.index)

    @property
    def n_tokens(self) -> np.ndarray:
        """Number of tokens of each document (int64 array)."""
        return np.diff(self.offsets)

    def _position(self, i: int | str) -> int:
        if isinstance(i, str):
            try:
                return int(self.docvars.index.get_loc(i))
            except KeyError:
                raise CorpusError(f"no document with doc_id {i!r}") from None
        n = len(self)
        if not -n <= i < n:
            raise IndexError(f"document {i} out of range for {n} documents")
        return int(i) % n

    def doc(self, i: int | str) -> np.ndarray:
        """Token ids of document ``i`` (a position or a ``doc_id``), read-only."""
        pos = self._position(i)
        return self.ids[self.offsets[pos] : self.offsets[pos + 1]]

    def doc_tokens(self, i: int | str) -> list[str]:
        """Token strings of document ``i`` (a position or a ``doc_id``)."""
        vocab = self.vocab
        return [vocab[j] for j in self.doc(i).tolist()]

    def iter_docs(self) -> Iterator[list[str]]:
        """Yield each document's token strings, in corpus order."""
        vocab = self.vocab
        ids = self.ids.tolist()
        bounds = self.offsets.tolist()
        for start, end in pairwise(bounds):
            yield [vocab[j] for j in ids[start:end]]

    def to_sparse(self) -> Any:
        """Document-term counts as a ``scipy.sparse.csr_matrix`` (docs x vocab, int64)."""
        from scipy import sparse

        data = np.ones(self.ids.size, dtype=np.int64)
        # copies: the stored arrays are read-only and scipy sorts indices in place
        matrix = sparse.csr_matrix(
            (data, self.ids.copy(), self.offsets.copy()), shape=(len(self), len(self.vocab))
        )
        matrix.sum_duplicates()
        return matrix

    @cached_property
    def fingerprint(self) -> str:
        """SHA-256 (hex) of the vocabulary, ids, offsets, doc ids and recipe."""
        digest = hashlib.sha256()
        header = {
            "vocab": list(self.vocab),
            "doc_ids": list(self.doc_ids),
            "recipe": self.recipe.fingerprint,
            "corpus": self.corpus_fingerprint,
        }
        digest.update(json.dumps(header, ensure_ascii=True).encode("ascii"))
        digest.update(self.ids.astype("<i4").tobytes())
        digest.update(self.offsets.astype("<i8").tobytes())
        return digest.hexdigest()

    # -------------------------------------------------------------- storage
    def save(self, path: str | Path) -> Path:
        """Write the tokens to one ``.npz`` file (no pickle), atomically.

        The file is written beside ``path`` under a temporary name and then
        renamed, so a killed process never leaves a half-written file.

        Examples
        --------
        >>> import tempfile, os
        >>> from corpus import Corpus, Tokens, tokenize
        >>> toks = tokenize(Corpus.from_texts(["a b a"]))
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     back = Tokens.load(toks.save(os.path.join(tmp, "t.npz")))
        >>> back.fingerprint == toks.fingerprint
        True
        """
        path = Path(path)
        meta = {
            "format": "corpus.Tokens",
            "version": FORMAT_VERSION,
            "vocab": list(self.vocab),
            "recipe": self.recipe.to_dict(),
            "corpus_fingerprint": self.corpus_fingerprint,
            "components": dict(self.components),
        }
        buffer = io.BytesIO()
        try:
            self.docvars.to_parquet(buffer, engine="pyarrow", index=True)
        except (ValueError, TypeError, ImportError) as error:  # ArrowException subclasses
            raise CorpusError(
                f"cannot store the docvars of these tokens in {path} ({error}); "
                "give each metadata column one type (e.g. corpus.assign)"
            ) from None
        arrays = {
            "ids": self.ids.astype("<i4"),
            "offsets": self.offsets.astype("<i8"),
            "meta": np.frombuffer(
                json.dumps(meta, ensure_ascii=True).encode("ascii"), dtype=np.uint8
            ),
            "docvars": np.frombuffer(buffer.getvalue(), dtype=np.uint8),
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                np.savez(handle, **arrays)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return path

    @classmethod
    def load(cls, path: str | Path) -> Tokens:
        """Read tokens written by :meth:`save` (never unpickles anything).

        Raises
        ------
        CorpusError
            When the file is missing, truncated or not a Tokens file.
        """
        path = Path(path)
        if not path.is_file():
            raise CorpusError(f"no Tokens file at {path}")
        try:
            with np.load(path, allow_pickle=False) as data:
                meta = json.loads(data["meta"].tobytes().decode("ascii"))
                ids, offsets = data["ids"], data["offsets"]
                docvars = pd.read_parquet(io.BytesIO(data["docvars"].tobytes()), engine="pyarrow")
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as error:
            raise CorpusError(
                f"{path} is not a readable Tokens file ({error}); delete it and tokenize again"
            ) from None
        if meta.get("format") != "corpus.Tokens" or meta.get("version") != FORMAT_VERSION:
            raise CorpusError(f"{path}: not a Tokens file of format version {FORMAT_VERSION}")
        return cls(
            tuple(meta["vocab"]),
            ids,
            offsets,
            docvars,
            Recipe.from_dict(meta["recipe"]),
            meta["corpus_fingerprint"],
            meta["components"],
        )


# ------------------------------------------------------------------ building
def _encode(
    texts: Iterable[str], text_to_tokens: Callable[[str], list[str]]
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """One pass: tokens -> ids in first-seen order (no per-token Python code)."""
    vocab: defaultdict[str, int] = defaultdict()
    vocab.default_factory = vocab.__len__  # a new type gets the next id
    lookup = vocab.__getitem__
    ids = array("i")
    lengths = array("q", [0])
    for text in texts:
        tokens = text_to_tokens(text)
        ids.extend(map(lookup, tokens))
        lengths.append(len(tokens))
    offsets = np.cumsum(np.frombuffer(lengths, dtype=np.int64))
    return list(vocab), np.frombuffer(ids, dtype=np.int32), offsets
