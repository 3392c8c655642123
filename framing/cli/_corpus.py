"""``framing corpus``: describe a corpus (``info``) and fetch a named one (``download``).

``framing corpus info SOURCE [reader options] [--json]`` reports documents,
tokens (``\\w+`` runs of the lower-cased text), types, metadata fields with
their ranges (numbers, dates) or levels (categories), empty and duplicate
documents, and what the reader skipped.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from typing import Any

from framing.cli._source import add_source_arguments, corpus_from_args

__all__ = ["corpus_info", "register"]

#: Number of levels listed for a categorical field.
TOP_LEVELS = 10
#: Provenance counts reported as "skipped or replaced" when present.
_COUNTS = ("skipped_rows", "skipped_empty", "unmatched_files", "replaced_characters")


def register(subparsers: Any) -> None:
    """Add the ``corpus`` command group (``info``, ``download``)."""
    parser = subparsers.add_parser("corpus", help="describe, read and download corpora")
    commands = parser.add_subparsers(dest="corpus_command", metavar="SUBCOMMAND")
    commands.required = True
    info = commands.add_parser(
        "info",
        help="documents, tokens, types, metadata fields, empty and duplicate documents",
        description="Describe a corpus: SOURCE is sotu, ungdc (with --path) or a path to a "
        "file (.csv .tsv .jsonl .parquet), a folder or an archive (.tar.gz .tgz .zip).",
    )
    add_source_arguments(info)
    info.add_argument("--json", action="store_true", help="print one JSON object")
    info.add_argument("--quiet", action="store_true", help="no progress bar")
    info.set_defaults(handler=_info)
    download = commands.add_parser(
        "download",
        help="download a named corpus and verify its SHA-256",
        description="Download the UNGDC archive (Harvard Dataverse doi:10.7910/DVN/0TJX8Y) "
        "into a folder; the file is kept only if its SHA-256 matches.",
    )
    download.add_argument("name", choices=["ungdc"], help="corpus to download")
    download.add_argument("--to", required=True, help="destination folder")
    download.add_argument("--url", help="archive address (default: looked up on Dataverse)")
    download.add_argument("--sha256", help="expected SHA-256 (default: the published one)")
    download.add_argument(
        "--overwrite", action="store_true", help="replace an existing file whose checksum differs"
    )
    download.set_defaults(handler=_download)


def _field_summary(series: Any) -> dict[str, Any]:
    import pandas as pd

    missing = int(series.isna().sum())
    present = series.dropna()
    if pd.api.types.is_bool_dtype(series) or not (
        pd.api.types.is_numeric_dtype(series) or pd.api.types.is_datetime64_any_dtype(series)
    ):
        try:
            counts = present.value_counts(sort=True)
        except TypeError:  # unhashable values (lists from JSON)
            counts = present.astype(str).value_counts(sort=True)
        counts = counts.sort_index(kind="stable").sort_values(ascending=False, kind="stable")
        top = [[_plain(k), int(v)] for k, v in counts.head(TOP_LEVELS).items()]
        return {"kind": "categorical", "levels": len(counts), "top": top, "missing": missing}
    kind = "date" if pd.api.types.is_datetime64_any_dtype(series) else "numeric"
    low, high = (present.min(), present.max()) if len(present) else (None, None)
    return {"kind": kind, "min": _plain(low), "max": _plain(high), "missing": missing}


def _plain(value: Any) -> Any:
    """A JSON-ready scalar."""
    import numpy as np
    import pandas as pd

    if value is None:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _scan(texts: Iterable[str]) -> dict[str, int]:
    """One pass over the texts: tokens, types, empty and duplicate documents."""
    import hashlib
    import re

    word = re.compile(r"\w+")
    types: set[str] = set()
    seen: set[bytes] = set()
    tokens = empty = duplicates = 0
    for text in texts:
        lowered = text.lower()
        found = word.findall(lowered)
        tokens += len(found)
        types.update(found)
        if not text or text.isspace():
            empty += 1
        digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        if digest in seen:
            duplicates += 1
        else:
            seen.add(digest)
    return {
        "tokens": tokens,
        "types": len(types),
        "empty_documents": empty,
        "duplicate_documents": duplicates,
    }


def corpus_info(corpus: Any, *, progress: bool = False) -> dict[str, Any]:
    """Describe ``corpus`` as a JSON-ready dict (one pass over its texts).

    Keys: ``name``, ``documents``, ``tokens``, ``types``, ``fields`` (names),
    ``field_summaries`` (per field: ``kind`` numeric/date with ``min``/``max``,
    or categorical with ``levels`` and the ``top`` levels with counts; and
    ``missing``), ``empty_documents``, ``duplicate_documents`` (documents whose
    text repeats an earlier one), ``skipped_rows`` and the reader's other
    counts, and ``provenance``.
    """
    texts: Iterable[str] = corpus.iter_texts()
    if progress:
        from tqdm import tqdm

        texts = tqdm(texts, total=len(corpus), unit="doc", file=sys.stderr, leave=False)
    scanned = _scan(texts)
    docvars = corpus.docvars
    info: dict[str, Any] = {
        "name": corpus.name,
        "documents": len(corpus),
        **{k: scanned[k] for k in ("tokens", "types")},
        "fields": list(corpus.fields),
        "field_summaries": {f: _field_summary(docvars[f]) for f in corpus.fields},
        **{k: scanned[k] for k in ("empty_documents", "duplicate_documents")},
        "skipped_rows": int(corpus.provenance.get("skipped_rows", 0)),
    }
    for key in _COUNTS[1:]:
        if key in corpus.provenance:
            info[key] = int(corpus.provenance[key])
    info["provenance"] = json.loads(json.dumps(dict(corpus.provenance), default=str))
    return info


def _format(info: dict[str, Any]) -> str:
    lines = [f"{'corpus':<21}{info['name']}"]
    for key in (
        "documents",
        "tokens",
        "types",
        "empty_documents",
        "duplicate_documents",
        *_COUNTS,
    ):
        if key in info:
            lines.append(f"{key.replace('_', ' '):<21}{info[key]:,}")
    lines.append(f"{'fields':<21}{len(info['fields'])}")
    for name, summary in info["field_summaries"].items():
        missing = f", {summary['missing']} missing" if summary["missing"] else ""
        if summary["kind"] == "categorical":
            top = ", ".join(f"{_short(k)} ({v})" for k, v in summary["top"][:5])
            more = ", ..." if summary["levels"] > 5 else ""
            detail = f"{summary['levels']} levels: {top}{more}"
        else:
            detail = f"{summary['kind']} {summary['min']} .. {summary['max']}"
        lines.append(f"  {name:<20}{detail}{missing}")
    return "\n".join(lines)


def _short(value: Any, width: int = 30) -> str:
    text = str(value)
    return text if len(text) <= width else text[: width - 3] + "..."


def _info(args: argparse.Namespace) -> int:
    corpus = corpus_from_args(args)
    progress = not args.quiet and sys.stderr.isatty()
    info = corpus_info(corpus, progress=progress)
    if args.json:
        print(json.dumps(info, indent=2, ensure_ascii=False))
    else:
        print(_format(info))
    return 0


def _download(args: argparse.Namespace) -> int:
    from corpus import download_ungdc

    options: dict[str, Any] = {"overwrite": args.overwrite}
    if args.url:
        options["url"] = args.url
    if args.sha256:
        options["sha256"] = args.sha256
    path = download_ungdc(args.to, **options)
    print(f"saved {path} (SHA-256 verified)")
    print(f"read it with: framing corpus info ungdc --path {path}")
    return 0
