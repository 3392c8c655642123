"""Readers for tables: CSV/TSV, JSON Lines, Parquet and pandas DataFrames.

Each row is one document: an id column, a text column and metadata columns.
Errors name the file and line (CSV, JSONL) or the column; lenient policies
(``on_bad_lines="skip"``, ``errors="replace"``, ``on_empty="skip"``) record
their counts in :attr:`Corpus.provenance`.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from corpus._errors import MissingFieldError, ReaderError
from corpus._types import Corpus
from corpus.read._common import (
    ON_BAD_LINES,
    PathType,
    ReplaceCounter,
    as_path,
    assemble,
    check_choice,
    check_encoding,
    decode_error_message,
    infer_column,
    locate_decode_error,
    parse_dates,
)

__all__ = ["read_csv", "read_dataframe", "read_jsonl", "read_parquet"]

_TAB_SUFFIXES = (".tsv", ".tab")
_MAX_SKIPPED_LISTED = 20


def _split_names(names: Sequence[str] | str | None) -> list[str] | None:
    if names is None:
        return None
    if isinstance(names, str):
        return [n.strip() for n in names.split(",") if n.strip()]
    return list(names)


def _choose_columns(
    available: Sequence[str],
    *,
    source: str,
    text_col: str,
    id_col: str | None,
    meta_cols: Sequence[str] | str | None,
    date_cols: Sequence[str] | str | None,
) -> tuple[list[str], list[str]]:
    """Check the named columns exist; return (metadata columns, date columns)."""
    metas = _split_names(meta_cols)
    dates = _split_names(date_cols) or []
    wanted = [text_col, *([id_col] if id_col else []), *(metas or []), *dates]
    for role, column in zip(
        [
            "text",
            *(["id"] if id_col else []),
            *(["metadata"] * len(metas or [])),
            *(["date"] * len(dates)),
        ],
        wanted,
        strict=True,
    ):
        if column not in available:
            flag = {"text": "--text-col", "id": "--id-col"}.get(role, "--meta-cols")
            raise MissingFieldError(
                f"{source}: no {role} column {column!r}; its columns are {list(available)} "
                f"(choose one with {flag})"
            )
    if metas is None:
        metas = [c for c in available if c not in (text_col, id_col)]
    metas += [d for d in dates if d not in metas]
    return metas, dates


def _frame_columns(
    columns: dict[str, list[Any]],
    *,
    text_col: str,
    id_col: str | None,
    metas: list[str],
    dates: list[str],
    where: Callable[[int], str],
    date_format: str | None,
    typed: bool,
) -> tuple[list[str], list[str], dict[str, pd.Series]]:
    texts = ["" if v is None else str(v) for v in columns[text_col]]
    n = len(texts)
    if id_col:
        ids = []
        for i, value in enumerate(columns[id_col]):
            if value is None or (isinstance(value, float) and value != value) or value == "":
                raise ReaderError(
                    f"{where(i)}: the id column {id_col!r} is empty; ids are required"
                )
            ids.append(str(value))
    else:
        ids = [f"d{i}" for i in range(n)]
    meta: dict[str, pd.Series] = {}
    for column in metas:
        values = columns[column]
        if column in dates:
            meta[column] = parse_dates(values, column, where, date_format)
        elif typed:
            meta[column] = infer_column(values)
        else:
            meta[column] = pd.Series(values)
    return texts, ids, meta


def _csv_rows(
    handle: Any, path: Path, sep: str, on_bad_lines: str
) -> tuple[list[str], dict[str, list[str]], list[int], list[int]]:
    """Parse the CSV: header, columns, start line of each row, skipped lines."""
    # strict: a quote never closed, or text after a closing quote, is an error
    # (the lenient default would silently swallow the rest of the file).
    reader = csv.reader(handle, delimiter=sep, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise ReaderError(f"{path}: the file is empty; a header row is required") from None
    columns: dict[str, list[str]] = {name: [] for name in header}
    if len(columns) != len(header):
        dup = sorted({h for h in header if header.count(h) > 1})
        raise ReaderError(f"{path}: line 1 repeats column name(s) {dup}; rename them")
    starts: list[int] = []
    skipped: list[int] = []
    previous_end = reader.line_num
    while True:
        start = previous_end + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            previous_end = reader.line_num
            if on_bad_lines == "error":
                raise ReaderError(
                    f"{path}, line {start}: {error} (a quote is not closed, or text follows "
                    "a closing quote); fix the quoting, or pass on_bad_lines='skip' "
                    "(--on-bad-lines skip) to skip such rows"
                ) from None
            skipped.append(start)
            continue
        previous_end = reader.line_num
        if not row:
            continue
        if len(row) != len(header):
            if on_bad_lines == "error":
                raise ReaderError(
                    f"{path}, line {start}: expected {len(header)} fields, found {len(row)}; "
                    "quote fields that contain the separator, or pass on_bad_lines='skip' "
                    "(--on-bad-lines skip) to skip such rows"
                )
            skipped.append(start)
            continue
        for name, value in zip(header, row, strict=True):
            columns[name].append(value)
        starts.append(start)
    return header, columns, starts, skipped


def read_csv(
    path: PathType,
    *,
    text_col: str = "text",
    id_col: str | None = None,
    meta_cols: Sequence[str] | str | None = None,
    date_cols: Sequence[str] | str | None = None,
    date_format: str | None = None,
    sep: str | None = None,
    encoding: str = "utf-8",
    errors: str = "strict",
    on_bad_lines: str = "error",
    on_empty: str = "keep",
    name: str | None = None,
) -> Corpus:
    """Read a CSV or TSV file, one document per row.

    Parameters
    ----------
    path : str or path
        The file.  ``.tsv``/``.tab`` files are tab-separated unless ``sep`` is given.
    text_col : str, default="text"
        Column holding the text.
    id_col : str, optional
        Column holding unique document ids; documents are numbered ``d0, d1, ...``
        when omitted.
    meta_cols : list of str or comma-separated str, optional
        Metadata columns to keep; all other columns when omitted.  Integer
        and float columns are typed; empty cells are missing values.
    date_cols : list of str or comma-separated str, optional
        Columns parsed as dates (added to the metadata).
    date_format : str, optional
        ``strftime`` format of the dates, e.g. ``"%m/%d/%Y"``; inferred per value
        when omitted.
    sep : str, optional
        Field separator; ``","`` (or tab for ``.tsv``) when omitted.
    encoding : str, default="utf-8"
        File encoding.  A UTF-8 byte-order mark is removed.
    errors : {"strict", "replace"}, default="strict"
        Undecodable bytes raise (naming line and byte offset), or are
        replaced by U+FFFD and counted in provenance ``replaced_characters``.
    on_bad_lines : {"error", "skip"}, default="error"
        A row with the wrong number of fields raises (naming file and line), or
        is skipped and counted in provenance ``skipped_rows``.
    on_empty : {"keep", "skip", "error"}, default="keep"
        What to do with documents whose text is empty or blank (counted in
        provenance ``empty_documents``).
    name : str, optional
        Corpus name; the file stem when omitted.

    Returns
    -------
    Corpus
        An in-memory corpus in file order.

    Raises
    ------
    ReaderError
        Malformed rows, invalid bytes, unparseable dates, empty ids.
    MissingFieldError
        A named column does not exist (the message lists the columns).
    DuplicateIdError
        Two rows share an id (both lines are named).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> tmp = pathlib.Path(tempfile.mkdtemp()) / "news.csv"
    >>> _ = tmp.write_text("id,text,year\\na,Peace talks.,2001\\nb,War.,2002\\n")
    >>> c = read_csv(tmp, id_col="id")
    >>> c.doc_ids, c.docvars["year"].tolist()
    (('a', 'b'), [2001, 2002])
    """
    path = as_path(path)
    check_choice("on_bad_lines", on_bad_lines, ON_BAD_LINES)
    check_encoding(encoding)
    if sep is None:
        sep = "\t" if path.suffix.lower() in _TAB_SUFFIXES else ","
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # allow huge documents
    is_utf8 = encoding.replace("_", "-").lower() in ("utf-8", "utf8")
    open_encoding = "utf-8-sig" if is_utf8 else encoding
    try:
        with (
            ReplaceCounter(errors) as counter,
            open(path, encoding=open_encoding, errors=counter.handler, newline="") as handle,
        ):
            header, columns, starts, skipped = _csv_rows(handle, path, sep, on_bad_lines)
    except UnicodeDecodeError:
        with open(path, "rb") as raw:
            found = locate_decode_error(raw, encoding)
        raise ReaderError(decode_error_message(str(path), encoding, found)) from None

    def where(i: int) -> str:
        return f"{path}, line {starts[i]}"

    metas, dates = _choose_columns(
        header,
        source=str(path),
        text_col=text_col,
        id_col=id_col,
        meta_cols=meta_cols,
        date_cols=date_cols,
    )
    texts, ids, meta = _frame_columns(
        columns,
        text_col=text_col,
        id_col=id_col,
        metas=metas,
        dates=dates,
        where=where,
        date_format=date_format,
        typed=True,
    )
    provenance = {
        "reader": "csv",
        "path": str(path),
        "encoding": encoding,
        "errors": errors,
        "on_bad_lines": on_bad_lines,
        "on_empty": on_empty,
        "skipped_rows": len(skipped),
        "skipped_lines": skipped[:_MAX_SKIPPED_LISTED],
        "replaced_characters": counter.count,
    }
    return assemble(
        texts,
        ids,
        meta,
        where=where,
        on_empty=on_empty,
        name=name or path.stem,
        provenance=provenance,
    )


def _jsonl_records(
    lines: Iterator[bytes], path: Path, encoding: str, counter: ReplaceCounter, on_bad_lines: str
) -> tuple[list[dict[str, Any]], list[int], list[int]]:
    records: list[dict[str, Any]] = []
    starts: list[int] = []
    skipped: list[int] = []
    offset = 0
    for lineno, raw in enumerate(lines, start=1):
        start, offset = offset, offset + len(raw)
        if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw, start = raw[3:], 3
        try:
            line = raw.decode(encoding, counter.handler)
        except UnicodeDecodeError as error:
            found = (lineno, start + error.start, raw[error.start : error.end])
            raise ReaderError(decode_error_message(str(path), encoding, found)) from None
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            problem = None if isinstance(record, dict) else "is not a JSON object"
        except json.JSONDecodeError as error:
            problem = f"is not valid JSON ({error.msg}, column {error.colno})"
        if problem is not None:
            if on_bad_lines == "error":
                raise ReaderError(
                    f"{path}, line {lineno}: {problem}; fix it, or pass on_bad_lines='skip' "
                    "(--on-bad-lines skip) to skip such lines"
                )
            skipped.append(lineno)
            continue
        records.append(record)
        starts.append(lineno)
    return records, starts, skipped


def read_jsonl(
    path: PathType,
    *,
    text_col: str = "text",
    id_col: str | None = None,
    meta_cols: Sequence[str] | str | None = None,
    date_cols: Sequence[str] | str | None = None,
    date_format: str | None = None,
    encoding: str = "utf-8",
    errors: str = "strict",
    on_bad_lines: str = "error",
    on_empty: str = "keep",
    name: str | None = None,
) -> Corpus:
    """Read a JSON Lines file: one JSON object (one document) per line.

    Keys play the part of columns; metadata are the union of the keys of all
    records, in first-seen order (a record without a key has a missing value)
    and keep their JSON types.  Blank lines are ignored.

    Parameters
    ----------
    path : str or path
        The file.
    text_col : str, default="text"
        Key holding the text.
    id_col : str, optional
        Key holding unique ids; documents are numbered ``d0, d1, ...`` when omitted.
    meta_cols : list of str or comma-separated str, optional
        Keys kept as metadata; all other keys when omitted.
    date_cols : list of str or comma-separated str, optional
        Columns parsed as dates (added to the metadata).
    date_format : str, optional
        ``strftime`` format of the dates; inferred per value when omitted.
    encoding : str, default="utf-8"
        File encoding; a UTF-8 byte-order mark is removed.
    errors : {"strict", "replace"}, default="strict"
        Invalid bytes raise (naming line and byte offset) or are replaced and
        counted in provenance ``replaced_characters``.
    on_bad_lines : {"error", "skip"}, default="error"
        A line that is not a JSON object raises (naming the line) or is
        skipped and counted in provenance ``skipped_rows``.
    on_empty : {"keep", "skip", "error"}, default="keep"
        Policy for empty documents (counted in provenance).
    name : str, optional
        Corpus name; the file stem when omitted.

    Returns
    -------
    Corpus
        An in-memory corpus in file order.

    Raises
    ------
    ReaderError
        Bad lines, invalid bytes, unparseable dates.
    MissingFieldError
        A record without the text or id key (its line is named).
    DuplicateIdError
        Two records share an id.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> tmp = pathlib.Path(tempfile.mkdtemp()) / "docs.jsonl"
    >>> _ = tmp.write_text('{"id": "a", "text": "Hello", "n": 1}\\n{"id": "b", "text": "Bye"}\\n')
    >>> read_jsonl(tmp, id_col="id").docvars["n"].tolist()
    [1.0, nan]
    """
    path = as_path(path)
    check_choice("on_bad_lines", on_bad_lines, ON_BAD_LINES)
    check_encoding(encoding)
    with ReplaceCounter(errors) as counter, open(path, "rb") as handle:
        records, starts, skipped = _jsonl_records(handle, path, encoding, counter, on_bad_lines)

    def where(i: int) -> str:
        return f"{path}, line {starts[i]}"

    keys = list(dict.fromkeys(k for record in records for k in record))
    for required in [text_col, *([id_col] if id_col else [])]:
        for i, record in enumerate(records):
            if required not in record:
                raise MissingFieldError(
                    f"{where(i)}: no key {required!r}; this record has keys {list(record)} "
                    "(choose the key with --text-col/--id-col)"
                )
    metas, dates = _choose_columns(
        keys,
        source=str(path),
        text_col=text_col,
        id_col=id_col,
        meta_cols=meta_cols,
        date_cols=date_cols,
    )
    columns = {
        k: [r.get(k) for r in records] for k in [text_col, *([id_col] if id_col else []), *metas]
    }
    texts, ids, meta = _frame_columns(
        columns,
        text_col=text_col,
        id_col=id_col,
        metas=metas,
        dates=dates,
        where=where,
        date_format=date_format,
        typed=False,
    )
    provenance = {
        "reader": "jsonl",
        "path": str(path),
        "encoding": encoding,
        "errors": errors,
        "on_bad_lines": on_bad_lines,
        "on_empty": on_empty,
        "skipped_rows": len(skipped),
        "skipped_lines": skipped[:_MAX_SKIPPED_LISTED],
        "replaced_characters": counter.count,
    }
    return assemble(
        texts,
        ids,
        meta,
        where=where,
        on_empty=on_empty,
        name=name or path.stem,
        provenance=provenance,
    )


def _from_frame(
    frame: pd.DataFrame,
    *,
    source: str,
    text_col: str,
    id_col: str | None,
    meta_cols: Sequence[str] | str | None,
    date_cols: Sequence[str] | str | None,
    date_format: str | None,
    on_empty: str,
    name: str | None,
    provenance: dict[str, Any],
) -> Corpus:
    available = [str(c) for c in frame.columns]
    frame = frame.set_axis(available, axis=1)
    metas, dates = _choose_columns(
        available,
        source=source,
        text_col=text_col,
        id_col=id_col,
        meta_cols=meta_cols,
        date_cols=date_cols,
    )

    def where(i: int) -> str:
        return f"{source}, row {i}"

    texts = frame[text_col].tolist()
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            if text is None or (isinstance(text, float) and text != text):
                texts[i] = ""
            else:
                raise ReaderError(
                    f"{where(i)}: text column {text_col!r} holds a {type(text).__name__}, "
                    "not a string; choose the text column with text_col="
                )
    if id_col:
        ids_raw = frame[id_col].tolist()
        if frame[id_col].isna().any():
            i = int(frame[id_col].isna().to_numpy().argmax())
            raise ReaderError(f"{where(i)}: the id column {id_col!r} is empty; ids are required")
        ids = [str(v) for v in ids_raw]
    else:
        ids = [f"d{i}" for i in range(len(frame))]
    meta: dict[str, pd.Series] = {}
    for column in metas:
        series = frame[column].reset_index(drop=True)
        meta[column] = (
            parse_dates(series.tolist(), column, where, date_format) if column in dates else series
        )
    return assemble(
        texts, ids, meta, where=where, on_empty=on_empty, name=name, provenance=provenance
    )


def read_dataframe(
    frame: pd.DataFrame,
    *,
    text_col: str = "text",
    id_col: str | None = None,
    meta_cols: Sequence[str] | str | None = None,
    date_cols: Sequence[str] | str | None = None,
    date_format: str | None = None,
    on_empty: str = "keep",
    name: str | None = None,
) -> Corpus:
    """Make a corpus from a pandas DataFrame, one document per row.

    Column dtypes are kept as they are; a missing text is an empty document.

    Parameters
    ----------
    frame : DataFrame
        The table.
    text_col : str, default="text"
        Column holding the text (strings).
    id_col : str, optional
        Column holding unique ids; documents are numbered ``d0, d1, ...`` when omitted.
    meta_cols : list of str or comma-separated str, optional
        Metadata columns; all other columns when omitted.
    date_cols : list of str or comma-separated str, optional
        Columns parsed as dates (added to the metadata).
    date_format : str, optional
        ``strftime`` format of the dates; inferred per value when omitted.
    on_empty : {"keep", "skip", "error"}, default="keep"
        Policy for empty documents (counted in provenance).
    name : str, optional
        Corpus name.

    Returns
    -------
    Corpus

    Raises
    ------
    MissingFieldError
        A named column does not exist (the message lists the columns).
    ReaderError
        A text that is not a string, an empty id.
    DuplicateIdError
        Two rows share an id.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"id": ["x", "y"], "text": ["One.", "Two."], "party": ["A", "B"]})
    >>> read_dataframe(df, id_col="id").fields
    ('party',)
    """
    if not isinstance(frame, pd.DataFrame):
        raise ReaderError(f"read_dataframe needs a pandas DataFrame, not {type(frame).__name__}")
    provenance = {"reader": "dataframe", "on_empty": on_empty}
    return _from_frame(
        frame,
        source="DataFrame",
        text_col=text_col,
        id_col=id_col,
        meta_cols=meta_cols,
        date_cols=date_cols,
        date_format=date_format,
        on_empty=on_empty,
        name=name,
        provenance=provenance,
    )


def read_parquet(
    path: PathType,
    *,
    text_col: str = "text",
    id_col: str | None = None,
    meta_cols: Sequence[str] | str | None = None,
    date_cols: Sequence[str] | str | None = None,
    date_format: str | None = None,
    on_empty: str = "keep",
    name: str | None = None,
) -> Corpus:
    """Read a Parquet file (with pyarrow), one document per row.

    Only the chosen columns are read; their dtypes are kept.

    Parameters
    ----------
    path : str or path
        The file.
    text_col : str, default="text"
        Column holding the text.
    id_col : str, optional
        Column holding unique ids; documents are numbered ``d0, d1, ...`` when omitted.
    meta_cols : list of str or comma-separated str, optional
        Metadata columns; all other columns when omitted.
    date_cols : list of str or comma-separated str, optional
        Columns parsed as dates (added to the metadata).
    date_format : str, optional
        ``strftime`` format of the dates; inferred per value when omitted.
    on_empty : {"keep", "skip", "error"}, default="keep"
        Policy for empty documents (counted in provenance).
    name : str, optional
        Corpus name; the file stem when omitted.

    Returns
    -------
    Corpus

    Raises
    ------
    ReaderError
        Not a Parquet file.
    MissingFieldError
        A named column does not exist (the message lists the columns).

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> tmp = pathlib.Path(tempfile.mkdtemp()) / "docs.parquet"
    >>> pd.DataFrame({"text": ["a b", "c"], "year": [1990, 1991]}).to_parquet(tmp)
    >>> read_parquet(tmp).docvars["year"].tolist()
    [1990, 1991]
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = as_path(path)
    try:
        schema = pq.read_schema(path)
    except (pa.ArrowInvalid, OSError) as error:
        raise ReaderError(f"{path}: not a readable Parquet file ({error})") from None
    metas, dates = _choose_columns(
        list(schema.names),
        source=str(path),
        text_col=text_col,
        id_col=id_col,
        meta_cols=meta_cols,
        date_cols=date_cols,
    )
    wanted = list(dict.fromkeys([text_col, *([id_col] if id_col else []), *metas]))
    try:
        frame = pq.read_table(path, columns=wanted).to_pandas()
    except (pa.ArrowInvalid, OSError) as error:
        raise ReaderError(f"{path}: not a readable Parquet file ({error})") from None
    provenance = {"reader": "parquet", "path": str(path), "on_empty": on_empty}
    return _from_frame(
        frame,
        source=str(path),
        text_col=text_col,
        id_col=id_col,
        meta_cols=metas,
        date_cols=dates,
        date_format=date_format,
        on_empty=on_empty,
        name=name or path.stem,
        provenance=provenance,
    )
