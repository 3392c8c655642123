"""``framing score``: count a lexicon's frames in every unit of a corpus.

``framing score SOURCE [reader options] --lexicon NAME-or-FILE --out FILE``
writes one row per unit (``doc_id``, ``n_tokens``, one integer count column
per frame named as the frame, then the unit's docvars) to ``FILE`` (``.csv``
or ``.parquet`` by extension), atomically.  Heavy modules are imported inside
the handler so that ``framing --help`` stays fast.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from framing._conventions import UNITS
from framing.cli._source import (
    add_scheduler_arguments,
    add_source_arguments,
    corpus_from_args,
    scheduler_from_args,
)

__all__ = ["register"]

_SUFFIXES = (".csv", ".parquet")


def register(subparsers: Any) -> None:
    """Add the ``score`` command."""
    parser = subparsers.add_parser(
        "score",
        help="count a lexicon's frames per document, paragraph or sentence",
        description="Count a lexicon's frames in every unit of a corpus and write one row "
        "per unit: doc_id, n_tokens, one count column per frame, then the docvars. "
        "SOURCE is sotu, ungdc (with --path) or a path to a file, folder or archive. "
        "With --model, a trained frame model decides each frame (0/1) instead. "
        "When the use (corpus, unit) lies outside the lexicon's validated scope, one warning "
        "names the scope (see `framing lexicon show NAME`).",
    )
    add_source_arguments(parser)
    measure = parser.add_mutually_exclusive_group(required=True)
    measure.add_argument(
        "--lexicon",
        help="bundled lexicon (mideast, generic_news, policy_frames) or a .yaml/.dic/.csv file",
    )  # fmt: skip
    measure.add_argument(
        "--model",
        help="a trained frame model instead of a lexicon: bundled (mideast, generic_news) or "
        "a .skops file; the columns are the same, with 0/1 per frame instead of counts",
    )  # fmt: skip
    parser.add_argument(
        "--unit", choices=UNITS, default="document",
        help="scoring unit (default: document)",
    )  # fmt: skip
    parser.add_argument("--out", required=True, help="output file, .csv or .parquet")
    parser.add_argument(
        "--negation-window", type=int, default=None, metavar="N",
        help="count hits with a negator among the N tokens before them apart (default: off)",
    )  # fmt: skip
    parser.add_argument(
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="worker processes (default: 1); the same as --scheduler local:N",
    )
    parser.add_argument(
        "--chunk-size", type=int, default=None, metavar="N",
        help="documents per chunk (default: 256 with --lexicon, 4096 with --model); memory "
        "stays bounded by a few chunks",
    )  # fmt: skip
    parser.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    add_scheduler_arguments(parser)
    parser.set_defaults(handler=_score)


def _check_out(out: str) -> Path:
    from framing._errors import InvalidParameterError

    path = Path(out)
    if path.suffix.lower() not in _SUFFIXES:
        raise InvalidParameterError(
            f"--out {out!r}: write scores to a .csv or .parquet file (chosen by extension)"
        )
    if path.exists() and path.is_dir():
        raise InvalidParameterError(f"--out {out!r} is a folder; name a .csv or .parquet file")
    return path


def _warn_scope(lexicon: Any, args: argparse.Namespace) -> None:
    """Print one warning when this use lies outside the lexicon's validated scope."""
    from framing.validate import check_scope

    check = check_scope(lexicon, corpus=args.source, unit=args.unit, quantity=None)
    if not check.in_scope:
        print(f"framing: warning: {check.message()}", file=sys.stderr)


def _score(args: argparse.Namespace) -> int:
    from framing._errors import InvalidParameterError
    from framing.lexicon import load_lexicon
    from framing.score import score_frames

    out = _check_out(args.out)
    if args.negation_window is not None and args.negation_window < 1:
        raise InvalidParameterError("--negation-window must be a positive number of tokens")
    if args.chunk_size is None:
        args.chunk_size = 256 if args.model is None else 4096
    if args.jobs < 1 or args.chunk_size < 1:
        raise InvalidParameterError("--jobs and --chunk-size must be positive integers")
    scheduler, cluster = scheduler_from_args(args, args.jobs)
    started = time.perf_counter()
    if args.model is not None:
        return _score_model(args, out, scheduler, cluster, started)
    lexicon = load_lexicon(args.lexicon)
    _warn_scope(lexicon, args)
    # text folders and archives go to the workers session by session, unless all is here
    corp = corpus_from_args(args, partitioned=True, texts=not scheduler.in_process)
    scores = score_frames(
        corp,
        lexicon,
        unit=args.unit,
        negation_window=args.negation_window,
        scheduler=scheduler,
        cluster=cluster,
        progress=not args.quiet,
        chunk_size=args.chunk_size,
    )
    return _write(scores, out, args, f"{lexicon.name} {lexicon.version}", started)


def _score_model(
    args: argparse.Namespace, out: Path, scheduler: Any, cluster: Any, started: float
) -> int:
    """``--model``: the same table with 0/1 decisions from a trained model."""
    from framing._errors import InvalidParameterError
    from framing.models import load_model

    if args.negation_window is not None:
        raise InvalidParameterError("--negation-window applies to lexicons, not to --model")
    model = load_model(args.model)
    corp = corpus_from_args(args, partitioned=True)
    scores = model.score(
        corp, unit=args.unit, scheduler=scheduler, cluster=cluster,
        progress=not args.quiet, chunk_size=args.chunk_size,
    )  # fmt: skip
    return _write(scores, out, args, f"model {model.name} {model.version}", started)


def _write(scores: Any, out: Path, args: argparse.Namespace, measure: str, started: float) -> int:
    """Write the scores table and, unless quiet, one summary line."""
    scores.to_file(out)
    if not args.quiet:
        print(
            f"framing: wrote {len(scores)} {args.unit} rows x {len(scores.frames)} frames "
            f"({measure}) to {out} in {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
    return 0
