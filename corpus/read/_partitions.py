"""Partitioned inputs: a folder of Parquet, CSV/TSV or JSONL files, read one file at a time.

:func:`partitions` lists the files of a dataset folder (Parquet files through
``pyarrow.dataset``, in path order) as :class:`Partition` objects.  A partition is a
small, picklable description (a path and the reader options); :meth:`Partition.read`
reads it into a :class:`~corpus.Corpus` wherever it runs, so a pool or a Dask worker
reads its own partitions and the process that lists them never holds the corpus.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus._errors import CorpusError, ReaderError
from corpus._types import Corpus

__all__ = ["PARTITIONED_READERS", "Partition", "partitions"]

#: Reader name -> the file suffixes it reads in a dataset folder.
PARTITIONED_READERS: Mapping[str, tuple[str, ...]] = {
    "parquet": (".parquet", ".pq"),
    "csv": (".csv",),
    "tsv": (".tsv", ".tab"),
    "jsonl": (".jsonl", ".ndjson"),
}


@dataclass(frozen=True)
class Partition:
    """One file of a partitioned dataset (made by :func:`partitions`).

    Parameters
    ----------
    index : int
        Position among the dataset's partitions (0-based).
    count : int
        Number of partitions in the dataset.
    root : str
        The dataset folder.
    relpath : str
        The file, relative to ``root`` (``/``-separated).
    reader : str
        ``parquet``, ``csv``, ``tsv`` or ``jsonl``.
    options : tuple of (str, object)
        Reader options (``text_col``, ``id_col``, ...).
    rows : int or None
        Number of rows when known without reading (Parquet metadata).

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> pd.DataFrame({"text": ["one", "two"]}).to_parquet(root / "a.parquet")
    >>> part = Partition(0, 1, str(root), "a.parquet", "parquet", rows=2)
    >>> part.label, part.read().doc_ids
    ('partition 1/1 (a.parquet)', ('a.parquet:0', 'a.parquet:1'))
    """

    index: int
    count: int
    root: str
    relpath: str
    reader: str
    options: tuple[tuple[str, Any], ...] = ()
    rows: int | None = None

    @property
    def label(self) -> str:
        """``partition I/N (relpath)``, as error messages name it."""
        return f"partition {self.index + 1}/{self.count} ({self.relpath})"

    def read(self) -> Corpus:
        """Read this partition.

        Without an ``id_col`` option, documents are numbered ``<relpath>:<row>`` (row
        0-based within the file), so ids are unique across partitions.

        Raises
        ------
        CorpusError
            Any reader error, its message prefixed with :attr:`label` (the reader's
            message names the file and the line or row).
        """
        from corpus.read._registry import READERS

        options = dict(self.options)
        path = Path(self.root, self.relpath)
        try:
            corp = READERS[self.reader](path, **options)
        except CorpusError as error:
            raise type(error)(f"{self.label}: {error}") from None
        except OSError as error:
            raise ReaderError(f"{self.label}: cannot read {path}: {error}") from None
        if options.get("id_col"):
            return corp
        return _renumber(corp, self.relpath)


def _renumber(corp: Corpus, relpath: str) -> Corpus:
    docvars = corp.docvars
    docvars.index = [f"{relpath}:{i}" for i in range(len(docvars))]
    return Corpus(corp.texts, docvars, name=corp.name, provenance=corp.provenance)


def partitions(source: str | Path, *, reader: str, **options: Any) -> list[Partition]:
    """The partitions (files) of a dataset folder, in path order.

    Parameters
    ----------
    source : str or Path
        A folder; files are found at any depth (``year=2020/part-0.parquet`` too).
        Hidden files and files starting with ``_`` are skipped.
    reader : {"parquet", "csv", "tsv", "jsonl"}
        The files' format.  Parquet files are listed with ``pyarrow.dataset``.
    **options
        Options of the reader (:func:`corpus.read_parquet`, :func:`corpus.read_csv`,
        :func:`corpus.read_jsonl`), applied to each file; ``name`` is not allowed.

    Returns
    -------
    list of Partition

    Raises
    ------
    ReaderError
        ``source`` is not a folder, holds no file of that format, or ``reader`` cannot
        read partitions.

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> for i in range(2):
    ...     pd.DataFrame({"id": [f"a{i}", f"b{i}"], "text": ["x", "y"]}).to_parquet(
    ...         root / f"part-{i}.parquet")
    >>> parts = partitions(root, reader="parquet", id_col="id")
    >>> [p.label for p in parts]
    ['partition 1/2 (part-0.parquet)', 'partition 2/2 (part-1.parquet)']
    >>> parts[1].read().doc_ids
    ('a1', 'b1')
    """
    root = Path(source)
    if reader not in PARTITIONED_READERS:
        raise ReaderError(
            f"{root}: the {reader!r} reader does not read partitioned folders; "
            f"use one of {sorted(PARTITIONED_READERS)}"
        )
    if not root.is_dir():
        raise ReaderError(f"{root}: not a folder of {reader} files")
    if "name" in options:
        raise ReaderError("partitions take the reader options but not name=")
    files = _parquet_files(root) if reader == "parquet" else _files(root, reader)
    if not files:
        suffixes = ", ".join(PARTITIONED_READERS[reader])
        raise ReaderError(f"{root}: no {suffixes} files in this folder or below")
    opts = tuple(sorted((k, v) for k, v in options.items() if v is not None))
    return [
        Partition(i, len(files), str(root), rel, reader, opts, rows)
        for i, (rel, rows) in enumerate(files)
    ]


def _visible(rel: str) -> bool:
    return not any(part.startswith((".", "_")) for part in rel.split("/"))


def _files(root: Path, reader: str) -> list[tuple[str, int | None]]:
    suffixes = PARTITIONED_READERS[reader]
    found = [p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()]
    keep = [rel for rel in sorted(found) if _visible(rel) and rel.lower().endswith(suffixes)]
    return [(rel, None) for rel in keep]


def _parquet_files(root: Path) -> list[tuple[str, int | None]]:
    import pyarrow as pa
    import pyarrow.dataset as ds

    files = [rel for rel, _ in _files(root, "parquet")]
    try:
        dataset = ds.dataset([str(root / rel) for rel in files], format="parquet")
        fragments = list(dataset.get_fragments())
        rows = [f.metadata.num_rows for f in fragments]
    except (pa.ArrowInvalid, OSError) as error:
        raise ReaderError(f"{root}: not a readable Parquet dataset ({error})") from None
    return list(zip(files, rows, strict=True))
