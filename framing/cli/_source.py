"""The SOURCE argument and reader options shared by every command that reads a corpus.

``add_source_arguments(parser)`` adds a positional ``SOURCE`` (``sotu``,
``ungdc`` or a path to a file, folder or archive) and the reader options;
``corpus_from_args(args)`` turns the parsed arguments into a
:class:`corpus.Corpus`.  Commands such as ``corpus info``, ``score``, ``kwic``
and ``topics`` use both, so their SOURCE arguments stay the same.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

__all__ = [
    "SOURCE_OPTIONS",
    "add_scheduler_arguments",
    "add_source_arguments",
    "corpus_from_args",
    "reader_options",
    "scheduler_from_args",
]

#: argparse destination -> reader keyword, for every reader option.
SOURCE_OPTIONS: dict[str, str] = {
    "path": "path",
    "text_col": "text_col",
    "id_col": "id_col",
    "meta_cols": "meta_cols",
    "date_cols": "date_cols",
    "date_format": "date_format",
    "sep": "sep",
    "pattern": "pattern",
    "suffix": "suffix",
    "id_from": "id_from",
    "order": "order",
    "encoding": "encoding",
    "errors": "errors",
    "on_bad_lines": "on_bad_lines",
    "on_empty": "on_empty",
}


def add_source_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``SOURCE`` and the reader options to ``parser``.

    Options left unset are not passed to the reader, so each reader's own
    defaults apply (documented in ``docs/corpora.md``).
    """
    parser.add_argument(
        "source",
        metavar="SOURCE",
        help="a named corpus (sotu, ungdc) or a path: .csv/.tsv/.jsonl/.parquet file, "
        "folder or .tar.gz/.tgz/.zip archive of .txt files",
    )
    group = parser.add_argument_group("reader options")
    group.add_argument(
        "--reader",
        help="reader name (csv, tsv, jsonl, parquet, texts, sotu, "
        "ungdc); by default it follows from SOURCE's extension",
    )
    group.add_argument("--path", help="folder or archive of a named corpus (ungdc)")
    group.add_argument("--text-col", help="text column or key (default: text)")
    group.add_argument("--id-col", help="id column or key (default: number the documents)")
    group.add_argument("--meta-cols", help="comma-separated metadata columns (default: all)")
    group.add_argument("--date-cols", help="comma-separated columns parsed as dates")
    group.add_argument("--date-format", help="strftime format of the dates, e.g. %%m/%%d/%%Y")
    group.add_argument("--sep", help="CSV field separator (default: ',' or tab for .tsv)")
    group.add_argument(
        "--pattern",
        help="path pattern with {field} placeholders, e.g. "
        "'Session {session} - {year}/{country}_{session}_{year}.txt'",
    )
    group.add_argument("--suffix", help="file suffix in folders/archives (default: .txt)")
    group.add_argument(
        "--id-from",
        choices=["path", "stem"],
        help="document id from the file's path or its name (default: path)",
    )
    group.add_argument(
        "--order",
        choices=["sorted", "archive"],
        help="document order in folders/archives (default: sorted)",
    )
    group.add_argument("--encoding", help="text encoding (default: utf-8)")
    group.add_argument(
        "--errors",
        choices=["strict", "replace"],
        help="invalid bytes: fail (default) or replace and count",
    )
    group.add_argument(
        "--on-bad-lines",
        choices=["error", "skip"],
        help="malformed rows: fail (default) or skip and count",
    )
    group.add_argument(
        "--on-empty",
        choices=["keep", "skip", "error"],
        help="empty documents: keep (default), skip or fail",
    )


def reader_options(args: argparse.Namespace) -> dict[str, Any]:
    """The reader options the user set (unset options are left out)."""
    options: dict[str, Any] = {}
    for dest, keyword in SOURCE_OPTIONS.items():
        value = getattr(args, dest, None)
        if value is not None:
            options[keyword] = value
    return options


def corpus_from_args(
    args: argparse.Namespace, *, partitioned: bool = False, texts: bool = False
) -> Any:
    """Read the corpus named by parsed ``SOURCE`` and reader options.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed arguments.
    partitioned : bool, default=False
        Return the partitions of a folder read with a table reader (parquet,
        csv, tsv, jsonl), for commands that hand them to the workers unread.
    texts : bool, default=False
        Also return a folder or archive of text files (reader ``texts`` or
        ``ungdc``) as partitions, one per folder of files (a UNGDC session).

    Returns
    -------
    corpus.Corpus or list of corpus.Partition

    Raises
    ------
    framing.InvalidParameterError
        An unknown reader, or an option the chosen reader does not take
        (exit code 2).
    corpus.CorpusError
        The source cannot be read (exit code 1).
    """
    from corpus import PARTITIONED_READERS, READERS, partitions, read
    from corpus.read import TEXT_PARTITIONS, reader_for
    from corpus.read import reader_options as accepted_options
    from framing._errors import InvalidParameterError

    if args.reader is not None and args.reader not in READERS:
        raise InvalidParameterError(
            f"unknown --reader {args.reader!r}; use one of {sorted(READERS)}"
        )
    options = reader_options(args)
    name = reader_for(args.source, args.reader)
    accepted = accepted_options(name)
    unknown = [k for k in options if k not in accepted]
    if unknown:
        flags = ["--" + k.replace("_", "-") for k in unknown]
        takes = ["--" + k.replace("_", "-") for k in accepted if k in SOURCE_OPTIONS.values()]
        raise InvalidParameterError(
            f"the {name!r} reader does not take {', '.join(flags)}; it takes {takes or 'none'}"
        )
    if partitioned and name in PARTITIONED_READERS and Path(args.source).is_dir():
        return partitions(args.source, reader=name, **options)
    if texts and name in TEXT_PARTITIONS:
        listing = TEXT_PARTITIONS[name]
        return listing(**options) if name == "ungdc" else listing(args.source, **options)
    corp = read(args.source, reader=name, **options)
    report_input_counts(corp, args.source)
    return corp


_COUNT_WORDS = {
    "replaced_characters": "undecodable byte sequences replaced (--errors replace)",
    "skipped_rows": "malformed rows skipped (--on-bad-lines skip)",
    "skipped_empty": "empty documents skipped (--on-empty skip)",
}


def report_input_counts(corp: Any, source: str) -> None:
    """Print on stderr what the reader replaced or skipped (nothing when all counts are 0).

    The same counts are in the scores' metadata and the run manifest (``input_counts``).
    A partitioned dataset is read on the workers, so its counts are not known here.
    """
    counts = {k: n for k, n in corp.input_counts().items() if n}
    if counts:
        said = "; ".join(f"{n:,} {_COUNT_WORDS[k]}" for k, n in counts.items())
        print(f"framing: {source}: {said}", file=sys.stderr)


def add_scheduler_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--scheduler`` and ``--cluster-config`` (see docs/cluster.md)."""
    group = parser.add_argument_group("where the work runs (docs/cluster.md)")
    group.add_argument(
        "--scheduler",
        metavar="SPEC",
        help="local:N (N processes here), tcp://HOST:PORT (a running Dask scheduler), slurm "
        "or pbs (Dask workers as batch jobs; needs discourse-framing[dask]); default: this "
        "process. The output is the same, to the byte, on every scheduler",
    )
    group.add_argument(
        "--cluster-config",
        metavar="FILE",
        help="YAML options of the slurm/pbs cluster (jobs, cores, memory, walltime, queue, "
        "...; example in docs/examples/slurm.yaml); default: dask-jobqueue's own config",
    )


def scheduler_from_args(args: argparse.Namespace, jobs: int = 1) -> tuple[Any, Any]:
    """The parsed ``--scheduler`` (or ``local:JOBS``) and the cluster options.

    Raises
    ------
    framing.InvalidParameterError
        A bad spec, ``--scheduler`` with ``--jobs``, or ``--cluster-config`` without
        ``slurm``/``pbs`` (exit code 2).
    """
    from framing._errors import InvalidParameterError
    from framing.compute import parse_scheduler, read_cluster_config

    if args.scheduler is not None and jobs != 1:
        raise InvalidParameterError(
            "give --scheduler or --jobs, not both (--jobs N is --scheduler local:N)"
        )
    try:
        spec = parse_scheduler(args.scheduler if args.scheduler is not None else jobs)
    except ValueError as error:
        raise InvalidParameterError(f"--scheduler: {error}") from None
    if args.cluster_config is None:
        return spec, None
    if spec.kind != "jobqueue":
        raise InvalidParameterError(
            "--cluster-config goes with --scheduler slurm or --scheduler pbs"
        )
    return spec, read_cluster_config(args.cluster_config)
