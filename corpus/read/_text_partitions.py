"""Folders and archives of text files as partitions: one partition per folder of files.

:func:`text_partitions` lists the files of a folder or archive (names only: no text is
read) in the order :func:`corpus.read_texts` reads them, and cuts that list into
partitions, one per folder that holds files (a UNGDC session, ``Session 79 - 2024/``),
each of at most ``files_per_partition`` files.  A :class:`TextPartition` is read where
it runs: from the folder or a ``.zip`` (random access) by the worker itself; from a
``.tar`` archive (``.tar.gz`` ...), which can only be read from its start,
:func:`stream_partitions` reads the archive once in the calling process and hands each
partition its files' bytes, one partition at a time.  The documents, their ids, metadata
and order are those of :func:`corpus.read_texts` on the same source.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from corpus._errors import EmptyDocumentError, ReaderError
from corpus._types import Corpus
from corpus.read._common import (
    ON_EMPTY,
    PathType,
    ReplaceCounter,
    as_path,
    check_choice,
    check_encoding,
    check_unique,
    decode,
    is_blank,
)
from corpus.read._partitions import Partition
from corpus.read._text import (
    _ARCHIVE_ERRORS,
    _ID_FROM,
    _INT,
    ARCHIVE_SUFFIXES,
    PathPattern,
    _archive_kind,
    _doc_id,
    _iter_tar,
    _skip_name,
    _truncated,
)

__all__ = [
    "TEXT_PARTITIONS",
    "TextPartition",
    "stream_partitions",
    "text_partitions",
    "ungdc_partitions",
]


@dataclass(frozen=True)
class TextPartition(Partition):
    """Files of a folder or archive read as one corpus (made by :func:`text_partitions`).

    Parameters
    ----------
    index : int
        Position among the source's partitions (0-based).
    count : int
        Number of partitions of the source.
    root : str
        The folder or archive.
    relpath : str
        The folder (inside ``root``) that holds the files.
    reader : str
        ``"texts"``.
    options : tuple of (str, object)
        The reading options (pattern, encoding, metadata fields and their types ...).
    rows : int or None
        Number of files.
    files : tuple of str
        The files' paths inside the folder or archive, in reading order.
    payload : tuple of bytes or None
        The files' bytes, when handed over by :func:`stream_partitions` (``.tar``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> (root / "1990").mkdir()
    >>> _ = (root / "1990" / "IRN.txt").write_text("Peace.")
    >>> [part] = text_partitions(root, pattern="{year}/{country}.txt")
    >>> part.label, part.read().doc_ids
    ('partition 1/1 (1990)', ('1990/IRN',))
    """

    files: tuple[str, ...] = ()
    payload: tuple[bytes, ...] | None = None

    def read(self) -> Corpus:
        """Read this partition's files into a corpus (texts in memory).

        Raises
        ------
        ReaderError
            A file cannot be read or decoded; the message names the partition and
            the file (and the line for bytes that are not valid).
        EmptyDocumentError
            An empty file with ``on_empty="error"``.
        """
        opts = dict(self.options)
        root, pattern = Path(self.root), PathPattern(opts["pattern"])
        try:
            with ReplaceCounter(opts["errors"]) as counter:
                texts = [
                    decode(data, f"{root}: {name}", opts["encoding"], counter)
                    for name, data in zip(self.files, self._bytes(root), strict=True)
                ]
        except ReaderError as error:
            raise ReaderError(f"{self.label}: {error}") from None
        self._check_empty(texts, root)
        metas = [pattern.match(name) or {} for name in self.files]
        columns = {
            field: pd.Series([int(m[field]) for m in metas], dtype="int64")
            if field in opts["int_fields"]
            else pd.Series([m[field] for m in metas], dtype="str")
            for field in opts["fields"]
        }
        frame = pd.DataFrame(columns, index=range(len(texts)))
        frame.index = pd.Index([_doc_id(f, opts["suffix"], opts["id_from"]) for f in self.files])
        provenance = {"reader": "texts", "path": str(root), "replaced_characters": counter.count}
        return Corpus(texts, frame, name=opts["name"], provenance=provenance)

    def _check_empty(self, texts: list[str], root: Path) -> None:
        if dict(self.options)["on_empty"] != "error":
            return
        for name, text in zip(self.files, texts, strict=True):
            if is_blank(text):
                raise EmptyDocumentError(
                    f"{self.label}: {root}: {name} is empty; pass on_empty='keep' "
                    "(--on-empty keep) to accept empty files"
                )

    def _bytes(self, root: Path) -> Iterable[bytes]:
        if self.payload is not None:
            return self.payload
        kind = _archive_kind(root) if not root.is_dir() else None
        if kind is None:
            return (_read_file(root, name) for name in self.files)
        if kind == "zip":
            return _read_zip(root, self.files)
        return _scan_tar(root, self.files)  # a tar partition not handed over: read the stream


def _read_file(root: Path, name: str) -> bytes:
    try:
        return (root / name).read_bytes()
    except OSError as error:
        raise ReaderError(f"{root}: cannot read {name!r}: {error}") from None


def _read_zip(root: Path, names: tuple[str, ...]) -> list[bytes]:
    try:
        with zipfile.ZipFile(root) as zf:
            return [zf.read(name) for name in names]
    except (*_ARCHIVE_ERRORS, KeyError) as error:
        raise _truncated(root, error, None) from None


def _scan_tar(root: Path, names: tuple[str, ...]) -> list[bytes]:
    wanted = {name: i for i, name in enumerate(names)}
    found: dict[int, bytes] = {}
    last = None
    try:
        for name, load in _iter_tar(root):
            last = name
            if name in wanted:
                found[wanted[name]] = load()
                if len(found) == len(names):
                    break
    except _ARCHIVE_ERRORS as error:
        raise _truncated(root, error, last) from None
    if len(found) != len(names):
        raise ReaderError(f"archive {root} changed since it was listed; list it again")
    return [found[i] for i in range(len(names))]


def _list_names(root: Path, kind: str | None) -> Iterator[str]:
    if kind is None:
        for folder, dirs, files in os.walk(root):
            dirs.sort()
            rel = Path(folder).relative_to(root).as_posix()
            yield from (name if rel == "." else f"{rel}/{name}" for name in files)
    elif kind == "zip":
        with zipfile.ZipFile(root) as zf:
            yield from (info.filename for info in zf.infolist() if not info.is_dir())
    else:
        yield from (name for name, _ in _iter_tar(root))


def _matching(root: Path, kind: str | None, pattern: PathPattern, suffix: str) -> list[str]:
    names: list[str] = []
    last = None
    try:
        for name in _list_names(root, kind):
            last = name
            if not _skip_name(name) and name.lower().endswith(suffix):
                names.append(name)
    except _ARCHIVE_ERRORS as error:
        if kind is None:
            raise ReaderError(f"{root}: cannot list {last!r}: {error}") from None
        raise _truncated(root, error, last) from None
    matched = sorted(n for n in names if pattern.match(n) is not None)
    if not matched:
        seen = f"e.g. {names[0]!r}" if names else f"no file ending in {suffix!r} at all"
        raise ReaderError(
            f"{root}: no file matches the pattern {pattern.pattern!r} ({seen}); "
            "fix the pattern (--pattern) to match the end of such paths"
        )
    return matched


def _groups(names: list[str], size: int) -> list[tuple[str, list[str]]]:
    """Runs of consecutive names in one folder, at most ``size`` names each."""
    groups: list[tuple[str, list[str]]] = []
    for name in names:
        folder = name.rsplit("/", 1)[0] if "/" in name else "."
        if not groups or groups[-1][0] != folder or len(groups[-1][1]) >= size:
            groups.append((folder, []))
        groups[-1][1].append(name)
    return groups


def text_partitions(
    path: PathType,
    *,
    pattern: str | None = None,
    suffix: str = ".txt",
    id_from: str = "path",
    encoding: str = "utf-8",
    errors: str = "strict",
    on_empty: str = "keep",
    order: str = "sorted",
    fields: list[str] | None = None,
    name: str | None = None,
    files_per_partition: int = 1000,
) -> list[TextPartition]:
    """A folder or archive of text files as partitions, one per folder of files.

    The options are those of :func:`corpus.read_texts`, and the partitions, read in
    order, hold the documents ``read_texts`` gives (ids, metadata with the same types,
    texts, order).  Only file names are read here.

    Parameters
    ----------
    path : str or path
        A folder or an archive (``.tar.gz``, ``.tgz``, ``.tar``, ``.zip`` ...).
    pattern : str, optional
        Path pattern with ``{field}`` placeholders, as in :func:`corpus.read_texts`.
    suffix : str, default=".txt"
        Only files ending in this suffix are considered.
    id_from : {"path", "stem"}, default="path"
        Document id from the path inside the source or the file name.
    encoding : str, default="utf-8"
        Encoding of the files.
    errors : {"strict", "replace"}, default="strict"
        Invalid bytes raise (naming partition, file and line) or are replaced and counted.
    on_empty : {"keep", "error"}, default="keep"
        ``"skip"`` is not available: which files are empty is only known by reading
        them, and the metadata types must be fixed before.
    order : {"sorted"}, default="sorted"
        Documents sorted by path (``"archive"`` order is not available).
    fields : list of str, optional
        Pattern fields to keep as metadata (all, in pattern order, when omitted).
    name : str, optional
        Corpus name of each partition; the folder or archive name when omitted.
    files_per_partition : int, default=1000
        Most files in one partition (a larger folder is cut into several).

    Returns
    -------
    list of TextPartition

    Raises
    ------
    ReaderError
        No file matches, the archive is corrupt, or an option is not available.
    DuplicateIdError
        Two files give the same id.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> for year in (1990, 1991):
    ...     (root / str(year)).mkdir()
    ...     _ = (root / str(year) / "IRN.txt").write_text(f"Peace in {year}.")
    >>> parts = text_partitions(root, pattern="{year}/{country}.txt", id_from="path")
    >>> [(p.relpath, p.files) for p in parts]
    [('1990', ('1990/IRN.txt',)), ('1991', ('1991/IRN.txt',))]
    >>> parts[1].read().docvars["year"].tolist()
    [1991]
    """
    root = as_path(path, kind="folder or archive")
    _check_options(on_empty, order, id_from, encoding, files_per_partition)
    kind = None if root.is_dir() else _archive_kind(root)
    if not root.is_dir() and kind is None:
        raise ReaderError(f"{root} is neither a folder nor an archive ({ARCHIVE_SUFFIXES})")
    compiled = PathPattern(pattern or "{_}" + suffix)
    keep = tuple(fields) if fields is not None else compiled.fields
    unknown = [f for f in keep if f not in compiled.fields]
    if unknown:
        raise ReaderError(
            f"fields {unknown} are not in the pattern {compiled.pattern!r}, whose fields "
            f"are {list(compiled.fields)}"
        )
    names = _matching(root, kind, compiled, suffix.lower())
    check_unique([_doc_id(n, suffix, id_from) for n in names], lambda i: f"{root}: {names[i]}")
    metas = [compiled.match(n) or {} for n in names]
    ints = tuple(f for f in keep if all(_INT.fullmatch(m[f]) for m in metas))
    options = (
        ("encoding", encoding), ("errors", errors), ("fields", keep), ("id_from", id_from),
        ("int_fields", ints), ("name", name or root.name), ("on_empty", on_empty),
        ("pattern", compiled.pattern), ("suffix", suffix),
    )  # fmt: skip
    groups = _groups(names, files_per_partition)
    return [
        TextPartition(
            i, len(groups), str(root), folder, "texts", options, len(files), files=tuple(files)
        )
        for i, (folder, files) in enumerate(groups)
    ]


def _check_options(
    on_empty: str, order: str, id_from: str, encoding: str, files_per_partition: int
) -> None:
    check_choice("on_empty", on_empty, ON_EMPTY)
    check_choice("id_from", id_from, _ID_FROM)
    check_encoding(encoding)
    if on_empty == "skip":
        raise ReaderError(
            "on_empty='skip' is not available for partitions (empty files are only found "
            "by reading them): use on_empty='keep' and drop the empty documents after scoring"
        )
    if order != "sorted":
        raise ReaderError(f"partitions read files in sorted order; got order={order!r}")
    if not isinstance(files_per_partition, int) or files_per_partition < 1:
        raise ReaderError(
            f"files_per_partition must be a positive integer, got {files_per_partition!r}"
        )


def stream_partitions(parts: Iterable[Partition]) -> Iterator[Partition]:
    """The partitions, ready to be read anywhere.

    Partitions of a ``.tar`` archive (which cannot be read from the middle) get their
    files' bytes from one pass over the archive here, each as soon as all its files
    have passed, so they come in the order the archive completes them (callers merge
    by :attr:`Partition.index`) and only partitions still incomplete are held: one at a
    time when the archive keeps each folder's files together.  Every other partition is
    yielded as it is, in order (its worker reads it).

    Parameters
    ----------
    parts : iterable of Partition
        The partitions of one source (:func:`text_partitions`, :func:`corpus.partitions`).

    Yields
    ------
    Partition
        Each partition once, with its bytes for a ``.tar`` archive.

    Examples
    --------
    >>> import io, tarfile, tempfile, pathlib
    >>> archive = pathlib.Path(tempfile.mkdtemp()) / "speeches.tar.gz"
    >>> with tarfile.open(archive, "w:gz") as tar:
    ...     for path in ("1990/IRN.txt", "1991/IRN.txt"):
    ...         info = tarfile.TarInfo(path)
    ...         info.size = 6
    ...         tar.addfile(info, io.BytesIO(b"Peace."))
    >>> parts = text_partitions(archive, pattern="{year}/{country}.txt")
    >>> [p.payload for p in stream_partitions(parts)]
    [(b'Peace.',), (b'Peace.',)]
    """
    parts = list(parts)
    first = parts[0] if parts else None
    if not (isinstance(first, TextPartition) and _archive_kind(Path(first.root)) == "tar"):
        yield from parts
        return
    yield from _tar_stream(Path(first.root), parts)  # type: ignore[arg-type]


def _tar_stream(root: Path, parts: list[TextPartition]) -> Iterator[TextPartition]:
    owner = {name: (k, j) for k, part in enumerate(parts) for j, name in enumerate(part.files)}
    buffers: dict[int, dict[int, bytes]] = {}
    done, last = 0, None
    try:
        for name, load in _iter_tar(root):
            last = name
            if name not in owner:
                continue
            k, j = owner[name]
            buffers.setdefault(k, {})[j] = load()
            if len(buffers[k]) == len(parts[k].files):
                got = buffers.pop(k)
                yield replace(parts[k], payload=tuple(got[i] for i in range(len(got))))
                done += 1
    except _ARCHIVE_ERRORS as error:
        raise _truncated(root, error, last) from None
    if done != len(parts):
        raise ReaderError(f"archive {root} changed since it was listed; list it again")


def ungdc_partitions(
    path: PathType | None = None,
    *,
    errors: str = "strict",
    on_empty: str = "keep",
    order: str = "sorted",
) -> list[TextPartition]:
    """The UN General Debate Corpus as partitions, one per session folder.

    The partitions hold, in order, the documents :func:`load_ungdc` gives (same ids,
    metadata and texts); workers read them one session at a time (see
    :func:`corpus.text_partitions`, whose limits on ``on_empty`` and ``order`` apply).

    Parameters
    ----------
    path : str or path
        The archive ``UNGDC_1946-2024_TXT.tar.gz`` or a folder of session folders.
    errors, on_empty, order
        As in :func:`load_ungdc`.

    Returns
    -------
    list of corpus.TextPartition

    Examples
    --------
    >>> import io, tarfile, tempfile, pathlib
    >>> archive = pathlib.Path(tempfile.mkdtemp()) / "UNGDC_1946-2024_TXT.tar.gz"
    >>> with tarfile.open(archive, "w:gz") as tar:
    ...     for path in ("Session 78 - 2023/IRN_78_2023.txt", "Session 79 - 2024/IRN_79_2024.txt"):
    ...         info = tarfile.TarInfo(path)
    ...         info.size = 6
    ...         tar.addfile(info, io.BytesIO(b"Peace."))
    >>> [p.relpath for p in ungdc_partitions(archive)]
    ['Session 78 - 2023', 'Session 79 - 2024']
    """
    from corpus.read._named import UNGDC_FILENAME, UNGDC_PATTERN

    if path is None:
        raise ReaderError(
            "the 'ungdc' corpus needs path= (--path): the folder or the archive "
            f"{UNGDC_FILENAME}; download it with `framing corpus download ungdc --to DIR`"
        )
    return text_partitions(
        path,
        pattern=UNGDC_PATTERN,
        errors=errors,
        on_empty=on_empty,
        order=order,
        id_from="stem",
        fields=["country", "session", "year"],
        name="ungdc",
    )


#: Reader name -> the function listing a folder or archive of text files as partitions.
TEXT_PARTITIONS = {"texts": text_partitions, "ungdc": ungdc_partitions}
