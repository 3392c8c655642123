"""Helpers shared by the readers: policies, decoding, typing and assembly.

Every reader ends in :func:`assemble`, which applies the empty-document
policy, checks ids, and records what it did in the corpus provenance.
"""

from __future__ import annotations

import codecs
import contextvars
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from os import PathLike
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from corpus._errors import DuplicateIdError, EmptyDocumentError, MissingInputError, ReaderError
from corpus._types import Corpus, LazyTexts

__all__ = [
    "ON_BAD_LINES",
    "ON_EMPTY",
    "ReplaceCounter",
    "assemble",
    "check_choice",
    "check_encoding",
    "decode",
    "infer_column",
    "is_blank",
    "locate_decode_error",
    "parse_dates",
]

#: Accepted values of the ``on_bad_lines`` option.
ON_BAD_LINES: tuple[str, ...] = ("error", "skip")
#: Accepted values of the ``on_empty`` option.
ON_EMPTY: tuple[str, ...] = ("keep", "skip", "error")
#: Accepted values of the ``errors`` (decoding) option.
ERRORS: tuple[str, ...] = ("strict", "replace")

PathType = str | PathLike[str]

_COUNT_HANDLER = "corpus-count-replace"
_COUNTER: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar(
    "corpus_replace_counter", default=None
)
_INT = re.compile(r"[+-]?\d+")


def is_blank(text: str) -> bool:
    """True for an empty or whitespace-only text (without copying it, unlike ``strip``).

    Examples
    --------
    >>> is_blank(" \\n"), is_blank(""), is_blank(" a ")
    (True, True, False)
    """
    return not text or text.isspace()


def check_encoding(encoding: str) -> str:
    """Raise :class:`ReaderError` unless ``encoding`` names a Python text codec."""
    hint = "use a Python codec name such as 'utf-8', 'latin-1' or 'cp1252'"
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise ReaderError(f"unknown encoding {encoding!r}; {hint}") from None
    try:
        "".encode(encoding)  # codecs such as 'rot13' or 'hex' are not text encodings
    except LookupError:
        raise ReaderError(f"{encoding!r} is not a text encoding; {hint}") from None
    return encoding


def check_choice(option: str, value: str, choices: Sequence[str]) -> str:
    """Raise :class:`ReaderError` unless ``value`` is one of ``choices``."""
    if value not in choices:
        raise ReaderError(f"{option}={value!r} is not valid; use one of {list(choices)}")
    return value


def _count_replace(error: UnicodeError) -> tuple[str, int]:
    counter = _COUNTER.get()
    if counter is not None:
        counter[0] += 1
    return "\ufffd", error.end  # type: ignore[attr-defined]


def _ensure_handler() -> None:
    try:
        codecs.lookup_error(_COUNT_HANDLER)
    except LookupError:
        codecs.register_error(_COUNT_HANDLER, _count_replace)


class ReplaceCounter:
    """Context manager counting characters replaced while decoding with ``errors="replace"``.

    Inside the block, decode with ``errors=counter.handler``; ``counter.count``
    holds the number of replaced (undecodable) byte sequences.

    Examples
    --------
    >>> with ReplaceCounter("replace") as counter:
    ...     text = b"caf\\xe9!".decode("utf-8", counter.handler)
    >>> text, counter.count
    ('caf\\ufffd!', 1)
    """

    def __init__(self, errors: str) -> None:
        check_choice("errors", errors, ERRORS)
        self.errors = errors
        self._cell = [0]
        self._token: contextvars.Token[list[int] | None] | None = None

    @property
    def handler(self) -> str:
        """The codec error handler name to pass to ``decode``/``open``."""
        return "strict" if self.errors == "strict" else _COUNT_HANDLER

    @property
    def count(self) -> int:
        """Replacements counted so far."""
        return self._cell[0]

    def __enter__(self) -> ReplaceCounter:
        _ensure_handler()
        self._token = _COUNTER.set(self._cell)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._token is not None:
            _COUNTER.reset(self._token)
            self._token = None


def locate_decode_error(lines: Iterable[bytes], encoding: str) -> tuple[int, int, bytes] | None:
    """Find the first undecodable bytes: ``(line number, byte offset, bad bytes)``.

    Lines are decoded one by one, so it works for encodings where a newline
    byte never belongs to a multi-byte character (UTF-8, Latin-1, ...).
    """
    offset = 0
    decoder = codecs.getincrementaldecoder(encoding)()
    for lineno, line in enumerate(lines, start=1):
        try:
            decoder.decode(line)
        except UnicodeDecodeError as error:
            return lineno, offset + error.start, line[error.start : error.end]
        offset += len(line)
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as error:
        return lineno, offset - len(line) + error.start, b""
    return None


def decode_error_message(where: str, encoding: str, found: tuple[int, int, bytes] | None) -> str:
    """The message of an invalid-encoding error, naming line and byte offset."""
    if found is None:
        detail = "contains bytes that are not valid"
    else:
        lineno, offset, bad = found
        detail = f"line {lineno} (byte offset {offset}) has bytes {bad!r} that are not valid"
    return (
        f"{where}: {detail} {encoding}; pass the file's real encoding (encoding=..., "
        "--encoding) or errors='replace' (--errors replace) to replace them and count them"
    )


def decode(data: bytes, where: str, encoding: str, counter: ReplaceCounter) -> str:
    """Decode ``data``; a strict failure raises :class:`ReaderError` naming line and offset.

    A UTF-8 byte-order mark is dropped (it is legal and carries no text).
    """
    if encoding.replace("_", "-").lower() in ("utf-8", "utf8") and data.startswith(
        codecs.BOM_UTF8
    ):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode(encoding, counter.handler)
    except UnicodeDecodeError:
        found = locate_decode_error(data.splitlines(keepends=True), encoding)
        raise ReaderError(decode_error_message(where, encoding, found)) from None


def infer_column(values: Sequence[Any]) -> pd.Series:
    """Type a column of strings: integers, then floats, else strings; ``""`` is missing.

    Examples
    --------
    >>> infer_column(["1", "2", ""]).dtype
    Int64Dtype()
    >>> infer_column(["1.5", "x"]).tolist()
    ['1.5', 'x']
    """
    if not all(isinstance(v, str) or v is None for v in values):
        return pd.Series(list(values), dtype=object)
    present = [v for v in values if v not in ("", None)]
    if present and all(_INT.fullmatch(v.strip()) for v in present):
        series = pd.Series([int(v) if v not in ("", None) else None for v in values])
        return series.astype("int64" if len(present) == len(values) else "Int64")
    if present:
        numbers = pd.to_numeric(pd.Series(present), errors="coerce")
        if not numbers.isna().any():
            return pd.to_numeric(
                pd.Series([v if v not in ("", None) else None for v in values]),
                errors="coerce",
            ).astype("float64")
    return pd.Series([v if v not in ("", None) else None for v in values])


def parse_dates(
    values: Sequence[Any],
    column: str,
    where: Callable[[int], str],
    date_format: str | None,
) -> pd.Series:
    """Parse a date column; an unparseable value raises naming its row."""
    raw = pd.Series(list(values), dtype=object)
    missing = raw.isna() | (raw.astype(str).str.strip() == "")
    try:
        parsed = pd.to_datetime(
            raw.where(~missing, None), format=date_format or "mixed", errors="coerce"
        )
    except (ValueError, TypeError) as error:
        raise ReaderError(f"date column {column!r}: {error}") from None
    bad = np.flatnonzero((parsed.isna() & ~missing).to_numpy())
    if bad.size:
        i = int(bad[0])
        raise ReaderError(
            f"{where(i)}: column {column!r} value {raw.iloc[i]!r} is not a date "
            f"({bad.size} such values); pass date_format= (--date-format), e.g. '%m/%d/%Y', "
            "or leave the column out of date_cols"
        )
    return parsed


def _apply_empty_policy(
    texts: Sequence[str],
    ids: Sequence[str],
    on_empty: str,
    where: Callable[[int], str],
) -> tuple[np.ndarray, int]:
    empty = np.fromiter((is_blank(t) for t in texts), dtype=bool, count=len(texts))
    n_empty = int(empty.sum())
    if n_empty and on_empty == "error":
        i = int(np.flatnonzero(empty)[0])
        raise EmptyDocumentError(
            f"{where(i)}: document {ids[i]!r} is empty ({n_empty} empty documents); "
            "pass on_empty='keep' or 'skip' (--on-empty) to accept or drop them"
        )
    keep = ~empty if on_empty == "skip" else np.ones(len(texts), dtype=bool)
    return keep, n_empty


def check_unique(ids: Sequence[str], where: Callable[[int], str]) -> None:
    """Raise :class:`DuplicateIdError` naming the first repeated id and both places."""
    seen: dict[str, int] = {}
    for i, doc_id in enumerate(ids):
        first = seen.setdefault(doc_id, i)
        if first != i:
            raise DuplicateIdError(
                f"{where(i)}: doc_id {doc_id!r} already used at {where(first)}; ids must be "
                "unique: choose another id column, or omit it to number the documents"
            )


def assemble(
    texts: Sequence[str],
    ids: Sequence[str],
    meta: Mapping[str, pd.Series] | pd.DataFrame,
    *,
    where: Callable[[int], str],
    on_empty: str,
    name: str | None,
    provenance: dict[str, Any],
) -> Corpus:
    """Build an in-memory corpus after the id, empty-document and provenance checks."""
    check_choice("on_empty", on_empty, ON_EMPTY)
    check_unique(ids, where)
    keep, n_empty = _apply_empty_policy(texts, ids, on_empty, where)
    frame = pd.DataFrame(
        {k: pd.Series(v).reset_index(drop=True) for k, v in dict(meta).items()},
        index=pd.RangeIndex(len(ids)),
    )
    frame.index = pd.Index([str(i) for i in ids])
    positions = np.flatnonzero(keep)
    if positions.size != len(ids):
        frame = frame.iloc[positions]
        texts = [texts[i] for i in positions]
    provenance = {**provenance, "empty_documents": n_empty}
    if on_empty == "skip":
        provenance["skipped_empty"] = n_empty
    return Corpus(list(texts), frame, name=name, provenance=provenance)


def lazy_corpus(
    opener: Callable[[], Any],
    n_source: int,
    frame: pd.DataFrame,
    *,
    name: str | None,
    provenance: dict[str, Any],
) -> Corpus:
    """Build a streamed corpus whose texts ``opener`` yields again on each pass."""
    return Corpus(LazyTexts(opener, n_source), frame, name=name, provenance=provenance)


def as_path(path: PathType, *, kind: str = "file") -> Path:
    """Return ``path`` as a :class:`Path`; a missing path raises :class:`MissingInputError`."""
    resolved = Path(path)
    if not resolved.exists():
        raise MissingInputError(f"{kind} {str(resolved)!r} does not exist; check the path")
    return resolved
