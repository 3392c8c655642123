"""Read a folder or an archive (.tar.gz, .tgz, .tar, .zip ...) of text files, in place.

Metadata come from each file's path through a pattern such as
``Session {session} - {year}/{country}_{session}_{year}.txt``.  A listing pass
reads every matching file once (to type the metadata, check the encoding and
find empty documents); the texts themselves are read again on every pass over
the corpus, so memory stays bounded by one document (plus, for a ``.tar``
archive in ``order="sorted"``, the documents that arrive before their turn).
"""

from __future__ import annotations

import os
import re
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from corpus._errors import ReaderError
from corpus._types import Corpus, LazyTexts
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

__all__ = ["ARCHIVE_SUFFIXES", "PathPattern", "read_texts"]

#: File name endings read as archives.
ARCHIVE_SUFFIXES: tuple[str, ...] = (
    ".tar.gz",
    ".tgz",
    ".tar",
    ".tar.bz2",
    ".tbz2",
    ".tar.xz",
    ".txz",
    ".zip",
)
_ORDERS = ("sorted", "archive")
_ID_FROM = ("path", "stem")
_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_INT = re.compile(r"[+-]?\d+")
_ARCHIVE_ERRORS = (tarfile.TarError, zipfile.BadZipFile, EOFError, zlib.error, OSError)


class PathPattern:
    """A path pattern with ``{field}`` placeholders, matched against a path's end.

    A field matches one or more characters within one path segment (no
    ``/``), as few as possible; a field named ``_`` is matched but not kept;
    a field used twice must have the same value both times.  Everything else
    is literal.

    Parameters
    ----------
    pattern : str
        E.g. ``"Session {session} - {year}/{country}_{session}_{year}.txt"``.

    Examples
    --------
    >>> p = PathPattern("Session {session} - {year}/{country}_{session}_{year}.txt")
    >>> p.match("UNGDC/TXT/Session 79 - 2024/IRN_79_2024.txt")
    {'session': '79', 'year': '2024', 'country': 'IRN'}
    >>> p.match("Session 79 - 2024/IRN_78_2024.txt") is None
    True
    """

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.fields: tuple[str, ...] = tuple(
            dict.fromkeys(f for f in _FIELD.findall(pattern) if f != "_")
        )
        parts: list[str] = []
        seen: set[str] = set()
        last = 0
        for n, found in enumerate(_FIELD.finditer(pattern)):
            parts.append(re.escape(pattern[last : found.start()]))
            name = found.group(1)
            if name in seen:
                parts.append(f"(?P={name})")
            elif name == "_":
                parts.append(f"(?P<_anon{n}>[^/]+?)")
            else:
                parts.append(f"(?P<{name}>[^/]+?)")
                seen.add(name)
            last = found.end()
        parts.append(re.escape(pattern[last:]))
        self._regex = re.compile(r"(?:^|/)" + "".join(parts) + r"\Z")

    def match(self, path: str) -> dict[str, str] | None:
        """Field values of ``path`` (POSIX separators), or None when it does not match."""
        found = self._regex.search(path)
        if found is None:
            return None
        return {name: found.group(name) for name in self.fields}

    def __repr__(self) -> str:
        return f"PathPattern({self.pattern!r})"


@dataclass(frozen=True)
class _Entry:
    path: str  # POSIX path inside the folder or archive
    source_pos: int  # position among matching files in source (archive) order
    meta: dict[str, str]
    empty: bool


def _archive_kind(path: Path) -> str | None:
    lower = path.name.lower()
    if lower.endswith(".zip"):
        return "zip"
    if any(lower.endswith(s) for s in ARCHIVE_SUFFIXES):
        return "tar"
    return None


def _skip_name(name: str) -> bool:
    base = name.rsplit("/", 1)[-1]
    return base.startswith("._") or "__MACOSX/" in name or not base


def _iter_folder(root: Path) -> Iterator[tuple[str, Callable[[], bytes]]]:
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        rel = Path(folder).relative_to(root).as_posix()
        for name in sorted(files):
            full = Path(folder, name)
            yield (name if rel == "." else f"{rel}/{name}"), full.read_bytes


def _iter_tar(archive: Path) -> Iterator[tuple[str, Callable[[], bytes]]]:
    with tarfile.open(archive, mode="r|*") as tar:
        for member in tar:
            if member.isfile():
                # Stream mode: the loader must run before the next member is read.
                name = member.name.removeprefix("./")  # as written by `tar -C dir .`
                yield name, lambda member=member: _member_bytes(tar, member)


def _member_bytes(tar: tarfile.TarFile, member: tarfile.TarInfo) -> bytes:
    handle = tar.extractfile(member)
    return handle.read() if handle is not None else b""


def _iter_zip(archive: Path) -> Iterator[tuple[str, Callable[[], bytes]]]:
    with zipfile.ZipFile(archive) as zf:
        for info in zf.infolist():
            if not info.is_dir():
                yield info.filename, lambda info=info: zf.read(info)


def _iter_source(root: Path, kind: str | None) -> Iterator[tuple[str, Callable[[], bytes]]]:
    if kind is None:
        return _iter_folder(root)
    return _iter_tar(root) if kind == "tar" else _iter_zip(root)


def _truncated(root: Path, error: BaseException, last: str | None) -> ReaderError:
    after = f" after member {last!r}" if last else ""
    return ReaderError(
        f"archive {root} is truncated or corrupt{after} ({type(error).__name__}: {error}); "
        "download it again and check its SHA-256"
    )


def _list_entries(
    root: Path, kind: str | None, pattern: PathPattern, suffix: str, errors: str, encoding: str
) -> tuple[list[_Entry], int, int, str | None]:
    """The listing pass: matching entries, unmatched count, replacements, an example path."""
    entries: list[_Entry] = []
    unmatched = 0
    example: str | None = None
    last: str | None = None
    with ReplaceCounter(errors) as counter:
        try:
            for name, load in _iter_source(root, kind):
                last = name
                if _skip_name(name) or not name.lower().endswith(suffix):
                    continue
                example = example or name
                meta = pattern.match(name)
                if meta is None:
                    unmatched += 1
                    continue
                text = decode(load(), f"{root}: {name}", encoding, counter)
                entries.append(_Entry(name, len(entries), meta, is_blank(text)))
        except _ARCHIVE_ERRORS as error:
            if kind is None:  # a folder: only OSError can occur
                raise ReaderError(f"{root}: cannot read {last!r}: {error}") from None
            raise _truncated(root, error, last) from None
    return entries, unmatched, counter.count, example


def _type_fields(entries: list[_Entry], fields: tuple[str, ...]) -> dict[str, pd.Series]:
    columns: dict[str, pd.Series] = {}
    for name in fields:
        values = [e.meta[name] for e in entries]
        if values and all(_INT.fullmatch(v) for v in values):
            columns[name] = pd.Series([int(v) for v in values], dtype="int64")
        else:
            columns[name] = pd.Series(values, dtype="str")
    return columns


def _doc_id(path: str, suffix: str, id_from: str) -> str:
    stem = path[: -len(suffix)] if suffix and path.lower().endswith(suffix) else path
    return stem.rsplit("/", 1)[-1] if id_from == "stem" else stem


def _opener(
    root: Path, kind: str | None, wanted: list[str], order: str, encoding: str, errors: str
) -> Callable[[], Iterator[str]]:
    """A function that yields the texts of ``wanted`` (in that order) on each call."""
    handler = "strict" if errors == "strict" else "replace"
    rank = {name: i for i, name in enumerate(wanted)}

    def texts() -> Iterator[str]:
        if kind == "zip" or kind is None:
            yield from _read_direct(root, kind, wanted, encoding, handler)
            return
        pending: dict[int, bytes] = {}  # members read before their turn (sorted order)
        expected = 0
        last: str | None = None
        try:
            for name, load in _iter_tar(root):
                last = name
                position = rank.get(name)
                if position is None:
                    continue
                if order == "archive" or position == expected:
                    yield decode(load(), f"{root}: {name}", encoding, _Plain(handler))
                    expected += 1
                    while expected in pending:
                        where = f"{root}: {wanted[expected]}"
                        yield decode(pending.pop(expected), where, encoding, _Plain(handler))
                        expected += 1
                else:
                    pending[position] = load()
        except _ARCHIVE_ERRORS as error:
            raise _truncated(root, error, last) from None
        if expected != len(wanted):
            raise ReaderError(f"archive {root} changed since it was listed; read it again")

    return texts


class _Plain:
    """Decoding policy without counting (counts were taken in the listing pass)."""

    def __init__(self, handler: str) -> None:
        self.handler = handler


def _read_direct(
    root: Path, kind: str | None, wanted: list[str], encoding: str, handler: str
) -> Iterator[str]:
    if kind is None:
        for name in wanted:
            try:
                data = (root / name).read_bytes()
            except OSError as error:
                raise ReaderError(f"{root}: cannot read {name!r} again: {error}") from None
            yield decode(data, f"{root / name}", encoding, _Plain(handler))
        return
    try:
        with zipfile.ZipFile(root) as zf:
            for name in wanted:
                yield decode(zf.read(name), f"{root}: {name}", encoding, _Plain(handler))
    except (*_ARCHIVE_ERRORS, KeyError) as error:
        raise _truncated(root, error, None) from None


def read_texts(
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
) -> Corpus:
    """Read a folder or archive of text files, one document per file, in place.

    Parameters
    ----------
    path : str or path
        A folder (walked recursively) or an archive: ``.tar.gz``, ``.tgz``,
        ``.tar``, ``.tar.bz2``, ``.tar.xz`` or ``.zip``.  Nothing is extracted.
    pattern : str, optional
        Path pattern with ``{field}`` placeholders, matched against the end of
        each file's path, e.g. ``"Session {session} - {year}/{country}_{session}_{year}.txt"``
        (see :class:`PathPattern`).  Fields become metadata; a field whose
        values are all integers becomes an int column.  Files that do not
        match are left out (counted in provenance ``unmatched_files``).  When
        omitted, every file ending in ``suffix`` is read, with no metadata.
    suffix : str, default=".txt"
        Only files ending in this suffix are considered.
    id_from : {"path", "stem"}, default="path"
        Document id: the path inside the folder/archive without the suffix
        (``"Session 79 - 2024/IRN_79_2024"``), or the file name only
        (``"IRN_79_2024"``).
    encoding : str, default="utf-8"
        Encoding of the files; a UTF-8 byte-order mark is removed.
    errors : {"strict", "replace"}, default="strict"
        Invalid bytes raise (naming the file, line and byte offset), or are
        replaced and counted in provenance ``replaced_characters``.
    on_empty : {"keep", "skip", "error"}, default="keep"
        Policy for files that are empty or blank (counted in provenance).
    order : {"sorted", "archive"}, default="sorted"
        Documents sorted by path (identical for a folder and its archive), or
        in the order of the archive's members, which streams a ``.tar`` with
        no buffering (sorted order may hold early members in memory).
    fields : list of str, optional
        Pattern fields to keep as metadata, in this order; all of them, in
        pattern order, when omitted.
    name : str, optional
        Corpus name; the folder or archive name when omitted.

    Returns
    -------
    Corpus
        A streamed corpus: texts are read again from the source on each pass.

    Raises
    ------
    ReaderError
        No file matches the pattern (the message shows an example path), the
        archive is truncated or corrupt, or a file is not valid in ``encoding``.
    DuplicateIdError
        Two files give the same id (use ``id_from="path"``).
    EmptyDocumentError
        An empty file with ``on_empty="error"``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> (root / "1990").mkdir()
    >>> _ = (root / "1990" / "IRN_45.txt").write_text("Peace.")
    >>> c = read_texts(root, pattern="{year}/{country}_{session}.txt", id_from="stem")
    >>> c.doc_ids, c.docvars["year"].tolist(), c.texts
    (('IRN_45',), [1990], ['Peace.'])
    """
    root = as_path(path, kind="folder or archive")
    check_choice("on_empty", on_empty, ON_EMPTY)
    check_choice("order", order, _ORDERS)
    check_choice("id_from", id_from, _ID_FROM)
    check_encoding(encoding)
    kind = None if root.is_dir() else _archive_kind(root)
    if not root.is_dir() and kind is None:
        raise ReaderError(f"{root} is neither a folder nor an archive ({ARCHIVE_SUFFIXES})")
    compiled = PathPattern(pattern or "{_}" + suffix)
    unknown = [f for f in fields or [] if f not in compiled.fields]
    if unknown:
        raise ReaderError(
            f"fields {unknown} are not in the pattern {compiled.pattern!r}, whose fields "
            f"are {list(compiled.fields)}"
        )
    entries, unmatched, replaced, example = _list_entries(
        root, kind, compiled, suffix.lower(), errors, encoding
    )
    if not entries:
        seen = f"e.g. {example!r}" if example else f"no file ending in {suffix!r} at all"
        raise ReaderError(
            f"{root}: no file matches the pattern {compiled.pattern!r} ({seen}); "
            "fix the pattern (--pattern) to match the end of such paths"
        )
    opts = {
        "suffix": suffix,
        "id_from": id_from,
        "encoding": encoding,
        "errors": errors,
        "on_empty": on_empty,
        "order": order,
        "name": name,
        "fields": tuple(fields) if fields is not None else compiled.fields,
    }
    return _build(root, kind, entries, compiled, unmatched, replaced, opts)


def _build(
    root: Path,
    kind: str | None,
    entries: list[_Entry],
    pattern: PathPattern,
    unmatched: int,
    replaced: int,
    opts: dict[str, Any],
) -> Corpus:
    if opts["order"] == "sorted" or kind == "zip" or kind is None:
        entries = sorted(entries, key=lambda e: e.path)
    ids = [_doc_id(e.path, opts["suffix"], opts["id_from"]) for e in entries]
    check_unique(ids, lambda i: f"{root}: {entries[i].path}")
    empty = np.array([e.empty for e in entries], dtype=bool)
    if empty.any() and opts["on_empty"] == "error":
        from corpus._errors import EmptyDocumentError

        first = entries[int(np.flatnonzero(empty)[0])].path
        raise EmptyDocumentError(
            f"{root}: {first} is empty ({int(empty.sum())} empty files); pass "
            "on_empty='keep' or 'skip' (--on-empty) to accept or drop them"
        )
    keep = ~empty if opts["on_empty"] == "skip" else np.ones(len(entries), dtype=bool)
    kept = [e for e, k in zip(entries, keep, strict=True) if k]
    frame = pd.DataFrame(_type_fields(kept, opts["fields"]), index=range(len(kept)))
    frame.index = pd.Index([i for i, k in zip(ids, keep, strict=True) if k])
    opener = _opener(
        root, kind, [e.path for e in kept], opts["order"], opts["encoding"], opts["errors"]
    )
    provenance: dict[str, Any] = {
        "reader": "texts",
        "path": str(root),
        "pattern": pattern.pattern,
        "suffix": opts["suffix"],
        "encoding": opts["encoding"],
        "errors": opts["errors"],
        "order": opts["order"],
        "id_from": opts["id_from"],
        "on_empty": opts["on_empty"],
        "unmatched_files": unmatched,
        "replaced_characters": replaced,
        "empty_documents": int(empty.sum()),
    }
    if opts["on_empty"] == "skip":
        provenance["skipped_empty"] = int(empty.sum())
    return Corpus(
        LazyTexts(opener, len(kept)), frame, name=opts["name"] or root.name, provenance=provenance
    )
