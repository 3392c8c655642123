"""Read any NLTK ``CorpusReader``: fileids become ids, categories become metadata."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from corpus._errors import EmptyDocumentError, ReaderError
from corpus._types import Corpus, LazyTexts
from corpus.read._common import ON_EMPTY, check_choice, check_unique, is_blank

if TYPE_CHECKING:
    from nltk.corpus.reader import CorpusReader

__all__ = ["is_nltk_reader", "read_nltk"]


def is_nltk_reader(obj: Any) -> bool:
    """True for an NLTK ``CorpusReader`` (or a lazy loader of one).

    Examples
    --------
    >>> is_nltk_reader("sotu")
    False
    """
    try:
        from nltk.corpus.reader import CorpusReader
        from nltk.corpus.util import LazyCorpusLoader
    except ImportError:
        return False
    return isinstance(obj, (CorpusReader, LazyCorpusLoader))


def _raw(reader: Any, fileid: str) -> str:
    try:
        return reader.raw(fileid)
    except UnicodeDecodeError as error:
        raise ReaderError(
            f"NLTK corpus file {fileid!r}: byte offset {error.start} is not valid "
            f"{error.encoding}; create the reader with the file's encoding (encoding=...)"
        ) from None
    except (OSError, LookupError) as error:
        raise ReaderError(f"NLTK corpus file {fileid!r} cannot be read: {error}") from None


def _categories(reader: Any, fileids: list[str]) -> dict[str, pd.Series]:
    if not callable(getattr(reader, "categories", None)):
        return {}
    per_file = [tuple(sorted(reader.categories(fileids=[f]))) for f in fileids]
    if all(len(c) == 1 for c in per_file):
        return {"category": pd.Series([c[0] for c in per_file], dtype=object)}
    return {"categories": pd.Series(per_file, dtype=object)}


def read_nltk(
    reader: CorpusReader,
    *,
    fileids: list[str] | None = None,
    strip_suffix: bool = True,
    on_empty: str = "keep",
    name: str | None = None,
) -> Corpus:
    """Make a corpus from an NLTK ``CorpusReader``, reading its raw texts on each pass.

    Parameters
    ----------
    reader : nltk.corpus.reader.CorpusReader
        Any reader with ``fileids()`` and ``raw(fileid)``, e.g.
        ``PlaintextCorpusReader`` or ``CategorizedPlaintextCorpusReader``.
    fileids : list of str, optional
        The files to read; all of them (sorted) when omitted.
    strip_suffix : bool, default=True
        Remove the file extension from the id (``"a/doc1.txt"`` -> ``"a/doc1"``).
    on_empty : {"keep", "skip", "error"}, default="keep"
        Policy for empty documents (counted in provenance).
    name : str, optional
        Corpus name.

    Returns
    -------
    Corpus
        A streamed corpus.  A categorized reader gives a ``category`` field
        when every file has exactly one category, else a ``categories`` field
        holding a sorted tuple per document.

    Raises
    ------
    ReaderError
        A file cannot be read or decoded (named), or the reader is empty.
    EmptyDocumentError
        An empty document with ``on_empty="error"``.

    Notes
    -----
    NLTK 3.9 and later open files only under its data paths: add your
    corpus folder to ``nltk.data.path`` (or ``$NLTK_DATA``) before creating
    the reader.

    Examples
    --------
    >>> import tempfile, pathlib, nltk
    >>> from nltk.corpus.reader import CategorizedPlaintextCorpusReader
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> nltk.data.path.append(str(root))  # NLTK >= 3.9 reads only under its data paths
    >>> for cat, text in [("pos", "Good."), ("neg", "Bad.")]:
    ...     (root / cat).mkdir()
    ...     _ = (root / cat / "r1.txt").write_text(text)
    >>> r = CategorizedPlaintextCorpusReader(str(root), r".*\\.txt", cat_pattern=r"(\\w+)/")
    >>> c = read_nltk(r)
    >>> c.doc_ids, c.docvars["category"].tolist()
    (('neg/r1', 'pos/r1'), ['neg', 'pos'])
    >>> nltk.data.path.remove(str(root))
    """
    if not hasattr(reader, "fileids") or not hasattr(reader, "raw"):
        raise ReaderError(f"read_nltk needs an NLTK CorpusReader, not {type(reader).__name__}")
    check_choice("on_empty", on_empty, ON_EMPTY)
    wanted = sorted(reader.fileids()) if fileids is None else list(fileids)
    if not wanted:
        raise ReaderError(f"the NLTK reader {reader!r} lists no files; check its root and pattern")
    ids = [
        f.rsplit(".", 1)[0] if strip_suffix and "." in f.rsplit("/", 1)[-1] else f for f in wanted
    ]
    check_unique(ids, lambda i: f"NLTK file {wanted[i]!r}")
    empty = np.array([is_blank(_raw(reader, f)) for f in wanted], dtype=bool)
    if empty.any() and on_empty == "error":
        raise EmptyDocumentError(
            f"NLTK file {wanted[int(np.flatnonzero(empty)[0])]!r} is empty; pass "
            "on_empty='keep' or 'skip'"
        )
    keep = ~empty if on_empty == "skip" else np.ones(len(wanted), dtype=bool)
    kept = [f for f, k in zip(wanted, keep, strict=True) if k]
    frame = pd.DataFrame(_categories(reader, kept))
    frame.index = pd.Index([i for i, k in zip(ids, keep, strict=True) if k])

    def texts() -> Iterator[str]:
        for fileid in kept:
            yield _raw(reader, fileid)

    provenance: dict[str, Any] = {
        "reader": "nltk",
        "nltk_reader": type(reader).__name__,
        "root": str(getattr(reader, "root", "")),
        "on_empty": on_empty,
        "empty_documents": int(empty.sum()),
    }
    if on_empty == "skip":
        provenance["skipped_empty"] = int(empty.sum())
    return Corpus(LazyTexts(texts, len(kept)), frame, name=name, provenance=provenance)
