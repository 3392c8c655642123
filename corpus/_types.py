"""Core data types: :class:`Document` and :class:`Corpus`.

A corpus is an ordered, immutable collection of documents that can be iterated
many times.  Its metadata live in a ``docvars`` DataFrame indexed by ``doc_id``;
the texts live either in memory or in a re-openable source (a file or archive
that is read again on each pass), so that large corpora can be streamed.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from corpus._errors import CorpusError, DuplicateIdError, MissingFieldError

#: Provenance keys that count what a reader replaced or skipped (see Corpus.input_counts).
INPUT_COUNTS = ("replaced_characters", "skipped_rows", "skipped_empty")

__all__ = ["SYSTEM_COLUMNS", "Corpus", "Document", "LazyTexts"]

#: Columns that only the package may set: ``doc_id`` is the docvars index,
#: ``parent_id`` and ``segment_no`` are written by :meth:`Corpus.segment`.
SYSTEM_COLUMNS: tuple[str, ...] = ("doc_id", "parent_id", "segment_no")


@dataclass(frozen=True, slots=True)
class Document:
    """One document: an id, its text and read-only metadata.

    Parameters
    ----------
    doc_id : str
        Unique identifier within its corpus.
    text : str
        The document's text.
    meta : Mapping, default={}
        Metadata (outlet, country, date, ...).  Stored read-only; a missing
        field raises ``KeyError``.

    Examples
    --------
    >>> doc = Document("d1", "Resistance is sovereignty.", {"country": "IRN"})
    >>> doc.meta["country"]
    'IRN'
    """

    doc_id: str
    text: str
    meta: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "meta", MappingProxyType(dict(self.meta)))


class LazyTexts(Sequence[str]):
    """Texts read again from their source on every pass, in a fixed order.

    Parameters
    ----------
    opener : callable
        Called with no argument, returns an iterator over *all* texts of the
        source in source order.  It is called once per pass.
    n_source : int
        Number of texts the opener yields.
    positions : array of int, optional
        Ascending positions (into the source order) that this view selects;
        all texts when omitted.

    Notes
    -----
    Indexing a single element reads the source up to that element, so random
    access is slow; iterate instead, or call :meth:`Corpus.materialize`.

    Examples
    --------
    >>> texts = LazyTexts(lambda: iter(["a", "b", "c"]), 3)
    >>> list(texts.select([0, 2]))
    ['a', 'c']
    >>> len(texts), texts[1]
    (3, 'b')
    """

    def __init__(
        self,
        opener: Callable[[], Iterator[str]],
        n_source: int,
        positions: np.ndarray | None = None,
    ) -> None:
        self._opener = opener
        self._n_source = int(n_source)
        if positions is not None:
            positions = np.asarray(positions, dtype=np.int64)
            if positions.size and np.any(np.diff(positions) <= 0):
                raise ValueError("LazyTexts positions must be strictly ascending")
        self._positions = positions

    def __len__(self) -> int:
        return self._n_source if self._positions is None else int(self._positions.size)

    def __iter__(self) -> Iterator[str]:
        source = self._opener()
        if self._positions is None:
            yield from source
            return
        wanted = iter(self._positions.tolist())
        target = next(wanted, None)
        for pos, text in enumerate(source):
            if target is None:
                break
            if pos == target:
                yield text
                target = next(wanted, None)
        if hasattr(source, "close"):
            source.close()

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return list(self)[index]
        n = len(self)
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError(index)
        for i, text in enumerate(self):
            if i == index:
                return text
        raise IndexError(index)  # pragma: no cover - source shorter than declared

    def select(self, positions: Sequence[int]) -> LazyTexts:
        """Return the view of the given ascending positions of *this* view."""
        positions = np.asarray(positions, dtype=np.int64)
        base = positions if self._positions is None else self._positions[positions]
        return LazyTexts(self._opener, self._n_source, base)


def _json_default(value: Any) -> Any:
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return None if math.isnan(value) else float(value)
    if isinstance(value, (np.bool_,)):
        return bool(value)
    if isinstance(value, (pd.Timestamp,)):
        return value.isoformat()
    if value is pd.NaT or value is pd.NA:
        return None
    return str(value)


def _canonical_meta(row: Mapping[str, Any]) -> str:
    clean = {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in row.items()}
    return json.dumps(clean, sort_keys=True, default=_json_default, ensure_ascii=False)


class Corpus:
    """An ordered, immutable collection of documents with their metadata.

    Parameters
    ----------
    texts : sequence of str or LazyTexts
        The documents' texts, in order.
    docvars : DataFrame, optional
        One row per document, indexed by ``doc_id`` (unique strings).  When
        omitted, ids ``d0, d1, ...`` are generated and there is no metadata.
    name : str, optional
        A short name used in reports and manifests.
    provenance : mapping, optional
        How the corpus was made (reader, path, options, counts of skipped
        rows).  Kept with the corpus and copied to its children.

    Raises
    ------
    DuplicateIdError
        When two documents share an id.
    CorpusError
        When the number of texts and docvars rows differ, or docvars sets
        a system column (``parent_id``, ``segment_no``) it may not set.

    See Also
    --------
    Corpus.from_documents, Corpus.from_texts

    Examples
    --------
    >>> c = Corpus.from_texts(
    ...     ["The axis of resistance.", "Sovereignty first.", "Aid convoys."],
    ...     doc_ids=["a", "b", "c"],
    ...     docvars={"country": ["IRN", "IRQ", "IRN"], "year": [2001, 2002, 2003]},
    ... )
    >>> len(c), c.fields
    (3, ('country', 'year'))
    >>> [d.doc_id for d in c.filter(country="IRN")]
    ['a', 'c']
    >>> c["b"].meta["year"]
    2002
    """

    def __init__(
        self,
        texts: Sequence[str] | LazyTexts,
        docvars: pd.DataFrame | None = None,
        *,
        name: str | None = None,
        provenance: Mapping[str, Any] | None = None,
        _allow_system: bool = False,
    ) -> None:
        if not isinstance(texts, LazyTexts):
            texts = list(texts)
        if docvars is None:
            docvars = pd.DataFrame(index=pd.Index([f"d{i}" for i in range(len(texts))]))
        docvars = docvars.copy()
        docvars.index = pd.Index(docvars.index.astype(str), name="doc_id")
        if len(docvars) != len(texts):
            raise CorpusError(
                f"{len(texts)} texts but {len(docvars)} docvars rows: they must match"
            )
        if not docvars.index.is_unique:
            dup = docvars.index[docvars.index.duplicated()].unique()[:5].tolist()
            raise DuplicateIdError(
                f"duplicate doc_id values {dup}: ids must be unique "
                "(choose another id column, or let the reader number the documents)"
            )
        if "doc_id" in docvars.columns:
            raise CorpusError("'doc_id' is the docvars index and may not be a column")
        protected = [c for c in SYSTEM_COLUMNS[1:] if c in docvars.columns]
        if protected and not _allow_system:
            raise CorpusError(
                f"docvars column(s) {protected} are reserved for segments; rename them"
            )
        self._texts = texts
        self._docvars = docvars
        self.name = name
        self.provenance: Mapping[str, Any] = MappingProxyType(dict(provenance or {}))
        self._fingerprint: str | None = None

    # ------------------------------------------------------------------ build
    @classmethod
    def from_documents(cls, documents: Iterable[Document], **kwargs: Any) -> Corpus:
        """Build a corpus from :class:`Document` objects (materialized in memory).

        Examples
        --------
        >>> c = Corpus.from_documents([Document("x", "text", {"year": 1990})])
        >>> c.docvars.loc["x", "year"]
        np.int64(1990)
        """
        docs = list(documents)
        docvars = pd.DataFrame.from_records(
            [dict(d.meta) for d in docs], index=pd.Index([d.doc_id for d in docs])
        )
        return cls([d.text for d in docs], docvars, **kwargs)

    @classmethod
    def from_texts(
        cls,
        texts: Iterable[str],
        *,
        doc_ids: Sequence[str] | None = None,
        docvars: pd.DataFrame | Mapping[str, Sequence[Any]] | None = None,
        **kwargs: Any,
    ) -> Corpus:
        """Build a corpus from texts, optional ids and optional metadata columns.

        Examples
        --------
        >>> Corpus.from_texts(["one", "two"]).doc_ids
        ('d0', 'd1')
        """
        texts = list(texts)
        ids = list(doc_ids) if doc_ids is not None else [f"d{i}" for i in range(len(texts))]
        frame = pd.DataFrame(docvars if docvars is not None else {}, index=range(len(ids)))
        frame.index = pd.Index(ids)
        return cls(texts, frame, **kwargs)

    # ------------------------------------------------------------ accessors
    def __len__(self) -> int:
        return len(self._docvars)

    def __iter__(self) -> Iterator[Document]:
        records = self._docvars.to_dict("records")
        for doc_id, text, meta in zip(self._docvars.index, self._texts, records, strict=True):
            yield Document(doc_id, text, meta)

    def __getitem__(self, doc_id: str) -> Document:
        try:
            pos = self._docvars.index.get_loc(doc_id)
        except KeyError:
            raise MissingFieldError(f"no document with doc_id {doc_id!r}") from None
        return Document(doc_id, self._texts[pos], self._docvars.iloc[pos].to_dict())

    def __repr__(self) -> str:
        lazy = ", streamed" if self.is_lazy else ""
        label = f" {self.name!r}" if self.name else ""
        return f"<Corpus{label}: {len(self)} documents, fields {list(self.fields)}{lazy}>"

    @property
    def doc_ids(self) -> tuple[str, ...]:
        """Document ids, in corpus order."""
        return tuple(self._docvars.index)

    @property
    def docvars(self) -> pd.DataFrame:
        """A copy of the metadata, one row per document, indexed by ``doc_id``."""
        return self._docvars.copy()

    @property
    def fields(self) -> tuple[str, ...]:
        """Metadata field names (docvars columns)."""
        return tuple(str(c) for c in self._docvars.columns)

    @property
    def is_lazy(self) -> bool:
        """True when texts are re-read from their source on every pass."""
        return isinstance(self._texts, LazyTexts)

    def iter_texts(self, *, fingerprint: bool = False) -> Iterator[str]:
        """Iterate over texts only (cheaper than iterating documents).

        Parameters
        ----------
        fingerprint : bool, default=False
            Hash the texts as they pass, so that after a complete pass
            :attr:`fingerprint` costs no second read of a streamed corpus.

        Examples
        --------
        >>> c = Corpus.from_texts(["a", "b"])
        >>> list(c.iter_texts(fingerprint=True)) == ["a", "b"] and c._fingerprint is not None
        True
        """
        if not fingerprint or self._fingerprint is not None:
            return iter(self._texts)
        return self._hashing_texts()

    def _hashing_texts(self) -> Iterator[str]:
        hasher = _FingerprintHasher(self)
        seen = 0
        for text in self._texts:
            hasher.update(text)
            seen += 1
            yield text
        if seen == len(self):
            self._fingerprint = hasher.hexdigest()

    @property
    def texts(self) -> list[str]:
        """All texts as a list (reads a streamed corpus once)."""
        return list(self._texts)

    def field(self, name: str) -> pd.Series:
        """Return one metadata field as a Series indexed by ``doc_id``.

        Raises
        ------
        MissingFieldError
            When the field does not exist; the message lists those that do.
        """
        self._check_fields([name])
        return self._docvars[name].copy()

    def materialize(self) -> Corpus:
        """Return an in-memory copy (reads a streamed corpus once)."""
        if not self.is_lazy:
            return self
        return self._derive(self.texts, self._docvars)

    # ----------------------------------------------------------- transforms
    def _check_fields(self, names: Iterable[str]) -> None:
        missing = [n for n in names if n not in self._docvars.columns]
        if missing:
            raise MissingFieldError(
                f"unknown metadata field(s) {missing}; this corpus has {list(self.fields)}"
            )

    def _derive(
        self,
        texts: Sequence[str] | LazyTexts,
        docvars: pd.DataFrame,
        **provenance: Any,
    ) -> Corpus:
        prov = dict(self.provenance)
        if provenance:
            prov.setdefault("steps", [])
            prov["steps"] = [*prov["steps"], provenance]
        return Corpus(texts, docvars, name=self.name, provenance=prov, _allow_system=True)

    def _take(self, positions: np.ndarray, **provenance: Any) -> Corpus:
        positions = np.sort(np.asarray(positions, dtype=np.int64))
        if isinstance(self._texts, LazyTexts):
            texts: Sequence[str] | LazyTexts = self._texts.select(positions)
        else:
            texts = [self._texts[i] for i in positions]
        return self._derive(texts, self._docvars.iloc[positions], **provenance)

    def filter(
        self,
        mask: Callable[[pd.DataFrame], Any] | Sequence[bool] | pd.Series | None = None,
        /,
        **equals: Any,
    ) -> Corpus:
        """Keep the documents that match, in corpus order.

        Parameters
        ----------
        mask : callable, boolean sequence or Series, optional
            A boolean mask aligned with the corpus, or a function of the
            docvars DataFrame that returns one.
        **equals
            ``field=value`` keeps documents whose field equals the value;
            ``field=[v1, v2]`` keeps those whose field is one of the values.

        Examples
        --------
        >>> c = Corpus.from_texts(["a", "b", "c"], docvars={"year": [1990, 2000, 2010]})
        >>> c.filter(lambda d: d.year >= 2000).doc_ids
        ('d1', 'd2')
        >>> c.filter(year=[1990, 2010]).doc_ids
        ('d0', 'd2')
        """
        keep = np.ones(len(self), dtype=bool)
        if mask is not None:
            values = mask(self._docvars) if callable(mask) else mask
            values = np.asarray(values, dtype=bool)
            if values.shape != (len(self),):
                raise CorpusError(f"filter mask has shape {values.shape}; expected ({len(self)},)")
            keep &= values
        self._check_fields(equals)
        for name, value in equals.items():
            column = self._docvars[name]
            if isinstance(value, (list, tuple, set, frozenset)):
                keep &= column.isin(list(value)).to_numpy()
            else:
                keep &= (column == value).to_numpy()
        return self._take(np.flatnonzero(keep), step="filter", fields=sorted(equals))

    def sample(
        self,
        n: int | None = None,
        *,
        frac: float | None = None,
        seed: int,
        replace: bool = False,
    ) -> Corpus:
        """Draw a random sample of documents, returned in corpus order.

        Parameters
        ----------
        n : int, optional
            Number of documents to draw.
        frac : float, optional
            Fraction of documents to draw (instead of ``n``).
        seed : int
            Seed of the random generator (required, for reproducibility).
        replace : bool, default=False
            Sampling with replacement is not supported for a corpus (ids must
            stay unique) and raises.

        Examples
        --------
        >>> c = Corpus.from_texts([str(i) for i in range(10)])
        >>> c.sample(3, seed=1).doc_ids == c.sample(3, seed=1).doc_ids
        True
        """
        if replace:
            raise CorpusError("a corpus sample cannot repeat documents; use replace=False")
        if (n is None) == (frac is None):
            raise CorpusError("give exactly one of n= or frac=")
        if frac is not None:
            n = round(frac * len(self))
        assert n is not None
        if not 0 <= n <= len(self):
            raise CorpusError(f"cannot sample {n} documents from a corpus of {len(self)}")
        rng = np.random.default_rng(seed)
        positions = rng.choice(len(self), size=n, replace=False)
        return self._take(positions, step="sample", n=n, seed=seed)

    def assign(self, **columns: Any) -> Corpus:
        """Return a corpus with new or replaced metadata fields.

        Each value is a sequence aligned with the corpus, a Series indexed by
        ``doc_id``, or a function of the docvars DataFrame returning either.

        Examples
        --------
        >>> c = Corpus.from_texts(["a", "b"], docvars={"year": [1994, 2003]})
        >>> c.assign(decade=lambda d: d.year // 10 * 10).field("decade").tolist()
        [1990, 2000]
        """
        bad = [name for name in columns if name in SYSTEM_COLUMNS]
        if bad:
            raise CorpusError(f"cannot assign system column(s) {bad}")
        docvars = self._docvars.copy()
        for name, value in columns.items():
            value = value(docvars) if callable(value) else value
            if isinstance(value, pd.Series):
                value = value.reindex(docvars.index)
            elif len(value) != len(docvars):
                raise CorpusError(
                    f"field {name!r} has {len(value)} values for {len(docvars)} documents"
                )
            docvars[name] = value
        return self._derive(self._texts, docvars, step="assign", fields=sorted(columns))

    def groupby(self, by: str | Sequence[str]) -> Iterator[tuple[Hashable, Corpus]]:
        """Yield ``(key, sub-corpus)`` pairs for each level of one or more fields.

        Keys are sorted; documents keep corpus order within each group.

        Examples
        --------
        >>> c = Corpus.from_texts(["a", "b", "c"], docvars={"g": ["y", "x", "y"]})
        >>> [(k, sub.doc_ids) for k, sub in c.groupby("g")]
        [('x', ('d1',)), ('y', ('d0', 'd2'))]
        """
        names = [by] if isinstance(by, str) else list(by)
        self._check_fields(names)
        keys = names[0] if len(names) == 1 else names
        grouped = self._docvars.reset_index(drop=True).groupby(keys, sort=True, dropna=False)
        for key, frame in grouped:
            if isinstance(key, tuple) and len(names) == 1:
                key = key[0]
            yield key, self._take(frame.index.to_numpy(), step="groupby", by=names)

    def segment(
        self,
        unit: str,
        *,
        splitter: Callable[[str], list[str]] | None = None,
    ) -> Corpus:
        """Split every document into paragraphs or sentences.

        Each child keeps its parent's metadata plus ``parent_id`` (the parent's
        ``doc_id``) and ``segment_no`` (1-based position in the parent).  Child
        ids are ``"{parent_id}:{segment_no}"``.  Empty segments are dropped, so
        a document with no text yields no children.

        Parameters
        ----------
        unit : {"paragraphs", "sentences"}
            Paragraphs follow the layout of each text (one per line, or
            rejoined hard-wrapped lines; see :func:`corpus.split_paragraphs`).
            Sentences use :func:`corpus.split_sentences`.
        splitter : callable, optional
            A ``str -> list[str]`` function that replaces the default splitter,
            e.g. ``functools.partial(corpus.split_paragraphs, mode="blank")``.

        Examples
        --------
        >>> c = Corpus.from_texts(["One. Two.\\n\\nThree."], doc_ids=["s"])
        >>> p = c.segment("paragraphs")
        >>> p.doc_ids, p.docvars["segment_no"].tolist()
        (('s:1', 's:2'), [1, 2])
        >>> c.segment("sentences").texts
        ['One.', 'Two.', 'Three.']
        """
        from corpus._segment import split_paragraphs, split_sentences

        if splitter is None:
            if unit == "paragraphs":
                splitter = split_paragraphs
            elif unit == "sentences":
                splitter = split_sentences
            else:
                raise CorpusError(f"unknown unit {unit!r}; use 'paragraphs' or 'sentences'")
        texts: list[str] = []
        ids: list[str] = []
        parents: list[str] = []
        numbers: list[int] = []
        for doc_id, text in zip(self._docvars.index, self._texts, strict=True):
            for no, piece in enumerate(splitter(text), start=1):
                texts.append(piece)
                ids.append(f"{doc_id}:{no}")
                parents.append(doc_id)
                numbers.append(no)
        parent_vars = self._docvars.drop(columns=list(SYSTEM_COLUMNS[1:]), errors="ignore")
        docvars = parent_vars.loc[parents].reset_index(drop=True)
        docvars.insert(0, "parent_id", parents)
        docvars.insert(1, "segment_no", np.asarray(numbers, dtype=np.int64))
        docvars.index = pd.Index(ids)
        return self._derive(texts, docvars, step="segment", unit=unit)

    # ---------------------------------------------------------- fingerprint
    def input_counts(self) -> dict[str, int]:
        """What the reader replaced or skipped, as recorded in :attr:`provenance`.

        ``replaced_characters`` (undecodable byte sequences, ``errors="replace"``),
        ``skipped_rows`` (malformed rows, ``on_bad_lines="skip"``) and ``skipped_empty``
        (empty documents, ``on_empty="skip"``), for the keys the reader recorded.  Scores
        and run manifests carry them, and the ``framing`` command prints the non-zero ones.

        Returns
        -------
        dict of str to int

        Examples
        --------
        >>> Corpus.from_texts(["a"], provenance={"skipped_rows": 2}).input_counts()
        {'skipped_rows': 2}
        """
        return {k: int(self.provenance[k]) for k in INPUT_COUNTS if k in self.provenance}

    def document_digests(self) -> bytes:
        """Each document's SHA-256 digest (id, text, metadata), concatenated: 32 bytes each.

        :attr:`fingerprint` is SHA-256 of the JSON list of :attr:`fields` followed by
        these bytes, so the parts of a corpus read apart (partitions on workers) give
        the fingerprint of the whole from their digests, in order.

        Examples
        --------
        >>> import hashlib, json
        >>> c = Corpus.from_texts(["a", "b"])
        >>> digest = hashlib.sha256(json.dumps(list(c.fields)).encode())
        >>> digest.update(c.document_digests())
        >>> digest.hexdigest() == c.fingerprint
        True
        """
        rows = zip(self._docvars.index, self._docvars.to_dict("records"), strict=True)
        return b"".join(
            _document_digest(doc_id, text, meta)
            for (doc_id, meta), text in zip(rows, self._texts, strict=True)
        )

    @property
    def fingerprint(self) -> str:
        """SHA-256 (hex) of the field names and each document's digest, in order.

        Two corpora with the same documents, metadata and order have the same
        fingerprint, however they were read (one file, a folder of partitions, an
        archive); it keys caches and manifests.  Each document's digest hashes its id,
        text and metadata (:meth:`document_digests`), so a fingerprint can be made
        from the digests of parts read in different processes.
        """
        if self._fingerprint is None:
            hasher = _FingerprintHasher(self)
            for text in self._texts:
                hasher.update(text)
            self._fingerprint = hasher.hexdigest()
        return self._fingerprint


class _FingerprintHasher:
    """The fingerprint algorithm, fed one text at a time in corpus order.

    :attr:`Corpus.fingerprint` and :func:`corpus.tokenize` (which hashes
    during its own pass over the texts, so they are read once) both use it.
    """

    def __init__(self, corpus: Corpus) -> None:
        self.digest = hashlib.sha256(json.dumps(list(corpus.fields)).encode())
        frame = corpus._docvars
        self.rows = zip(frame.index, frame.to_dict("records"), strict=True)

    def update(self, text: str) -> None:
        doc_id, meta = next(self.rows)
        self.digest.update(_document_digest(doc_id, text, meta))

    def hexdigest(self) -> str:
        return self.digest.hexdigest()


def _document_digest(doc_id: str, text: str, meta: Mapping[str, Any]) -> bytes:
    """SHA-256 of one document's id, text and canonical metadata (length-prefixed)."""
    digest = hashlib.sha256()
    for part in (doc_id, text, _canonical_meta(meta)):
        encoded = part.encode("utf-8", "surrogatepass")
        digest.update(len(encoded).to_bytes(8, "little"))
        digest.update(encoded)
    return digest.digest()
