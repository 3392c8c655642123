"""``framing kwic SOURCE [reader options] --lexicon X``: print or write a concordance."""

from __future__ import annotations

import argparse
import re
from typing import Any

from framing._conventions import CLI_SEED, UNITS

__all__ = ["register"]

_SPACE = re.compile(r"\s+")


def register(subparsers: Any) -> None:
    """Add the ``kwic`` command."""
    from framing.cli._source import add_scheduler_arguments, add_source_arguments

    kwic = subparsers.add_parser(
        "kwic",
        help="keywords in context: every lexicon hit with the text around it",
        description="Print a concordance of a lexicon's hits, or write it as CSV or LaTeX "
        "(booktabs). The hits are exactly those `framing score` counts.",
    )
    add_source_arguments(kwic)
    group = kwic.add_argument_group("concordance options")
    group.add_argument(
        "--lexicon",
        required=True,
        help="a bundled lexicon name (mideast, generic_news) or a .yaml/.dic/.csv file",
    )
    group.add_argument(
        "--frame",
        action="append",
        metavar="FRAME",
        help="only this frame (repeatable; default: all frames)",
    )
    group.add_argument(
        "--only-pattern",
        action="append",
        metavar="PATTERN",
        help="only the hits of this lexicon pattern, as written in the lexicon "
        "(repeatable), e.g. 'resist*'",
    )
    group.add_argument(
        "--sample",
        type=int,
        metavar="N",
        help="show or write a random sample of N hits (kept in table order)",
    )
    group.add_argument(
        "--seed",
        type=int,
        default=CLI_SEED,
        help=f"seed of --sample (default: {CLI_SEED}); the same seed gives the same hits",
    )
    group.add_argument(
        "--window", type=int, default=10, help="tokens of context on each side (default: 10)"
    )
    group.add_argument(
        "--unit",
        choices=UNITS,
        default="document",
        help="unit hits are found in (default: document)",
    )
    group.add_argument(
        "--negation-window",
        type=int,
        default=None,
        help="mark hits preceded by a negator within N tokens (column negated)",
    )
    group.add_argument(
        "--out",
        metavar="FILE",
        help="write FILE.csv (all columns) or FILE.tex (booktabs) instead of printing",
    )
    group.add_argument(
        "--width",
        type=int,
        default=40,
        help="characters of context shown on each side when printing (default 40)",
    )
    add_scheduler_arguments(kwic)
    kwic.set_defaults(handler=_kwic)


def _kwic(args: argparse.Namespace) -> int:
    from pathlib import Path

    from framing._errors import InvalidParameterError
    from framing.cli._source import corpus_from_args, scheduler_from_args
    from framing.lexicon import load_lexicon
    from framing.score import kwic, write_kwic

    if args.out is not None and Path(args.out).suffix.lower() not in (".csv", ".tex"):
        raise InvalidParameterError(f"--out {args.out}: use a .csv or .tex file name")
    if args.width < 1:
        raise InvalidParameterError(f"--width must be at least 1, got {args.width}")
    scheduler, cluster = scheduler_from_args(args)
    lexicon = load_lexicon(args.lexicon)
    corp = corpus_from_args(args)
    if args.sample is not None and args.sample < 1:
        raise InvalidParameterError(f"--sample must be at least 1, got {args.sample}")
    table = kwic(
        corp,
        lexicon,
        frame=args.frame,
        pattern=args.only_pattern,
        window=args.window,
        unit=args.unit,
        negation_window=args.negation_window,
        scheduler=scheduler,
        cluster=cluster,
    )
    if args.sample is not None and args.sample < len(table):
        table = table.sample(args.sample, random_state=args.seed).sort_index()
    if args.out is not None:
        path = write_kwic(table, args.out)
        print(f"{path}: {len(table)} hits")
        return 0
    for line in format_lines(table, width=args.width):
        print(line)
    return 0


def format_lines(table: Any, *, width: int = 40) -> list[str]:
    """Concordance lines: id, frame, left context (right-aligned), [match], right context.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"doc_id": ["d0"], "frame": ["war"], "left": ["a long\\nway "],
    ...                   "match": ["war"], "right": [" ends"]})
    >>> for line in format_lines(t, width=7): print(line)
    d0  war  ong way [war] ends
    """
    if len(table) == 0:
        return ["no hits"]
    ids = [str(v) for v in table["doc_id"]]
    frames = [str(v) for v in table["frame"]]
    id_w, frame_w = max(map(len, ids)), max(map(len, frames))
    lines = []
    for doc_id, frame, left, match, right in zip(
        ids, frames, table["left"], table["match"], table["right"], strict=True
    ):
        left = _SPACE.sub(" ", left).strip()[-width:]
        right = _SPACE.sub(" ", right).strip()[:width]
        match = _SPACE.sub(" ", match)
        lines.append(
            f"{doc_id:<{id_w}}  {frame:<{frame_w}}  {left:>{width}} [{match}] {right}".rstrip()
        )
    return lines
