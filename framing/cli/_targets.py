"""``framing targets SOURCE [reader options] --targets X --lexicon Y --out FILE``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

__all__ = ["register"]

_TABLE_SUFFIXES = (".csv", ".parquet", ".tex")


def register(subparsers: Any) -> None:
    """Add the ``targets`` command."""
    from framing.cli._source import add_source_arguments

    cmd = subparsers.add_parser(
        "targets",
        help="who frames whom: frames attached to target mentions, with their sources",
        description="Find the mentions of each target (actor) sentence by sentence, link "
        "them to the lexicon's frame hits in the same sentence, attribute them to their "
        "source (reported speech, 'according to', quotations, the speech's speaker) and "
        "write one row per doc_id, sentence_id, source, target, frame with its count "
        "(source 'unattributed' when no rule applies; frame 'none' for a mention without "
        "a frame hit). See docs/targets.md.",
    )
    add_source_arguments(cmd)
    group = cmd.add_argument_group("target options")
    group.add_argument(
        "--targets",
        required=True,
        help="a bundled target list (syria_war, mideast_actors) or a .yaml file",
    )
    group.add_argument(
        "--lexicon",
        required=True,
        help="a bundled lexicon name (mideast, generic_news) or a lexicon file",
    )
    group.add_argument(
        "--model",
        help="a trained frame model (bundled name or .skops file) decides each sentence's "
        "frames instead of the lexicon's hits; it must decide the lexicon's frames",
    )
    group.add_argument(
        "--window",
        type=int,
        default=None,
        help="link only hits at most N tokens from the mention (default: the whole sentence)",
    )
    group.add_argument(
        "--scope",
        choices=["clause", "sentence"],
        default="clause",
        help="link a hit to the targets of its clause, not to a speaker named beside "
        "another target (clause, the default), or to every target of the sentence",
    )
    group.add_argument(
        "--no-name-hits",
        action="store_true",
        help="do not count a frame hit inside the target's name itself",
    )
    group.add_argument(
        "--speaker",
        metavar="FIELD",
        help="docvar naming each document's speaker (speeches): the source of "
        "sentences without reported speech",
    )
    group.add_argument(
        "--ungdc-speakers",
        metavar="XLSX",
        help="Speakers_by_session.xlsx: UNGDC speeches are attributed to 'Name (ISO)'",
    )
    group.add_argument(
        "--out",
        required=True,
        metavar="FILE",
        help="write the rows to FILE (.csv, .parquet or .tex)",
    )
    group.add_argument(
        "--links",
        metavar="FILE",
        help="also write every mention with its linked hit and sentence (KWIC) "
        "to FILE (.csv or .parquet)",
    )
    cmd.set_defaults(handler=_targets)


def _check(args: argparse.Namespace) -> None:
    from framing._errors import InvalidParameterError

    if Path(args.out).suffix.lower() not in _TABLE_SUFFIXES:
        raise InvalidParameterError(f"--out {args.out}: use a .csv, .parquet or .tex file name")
    if args.links is not None and Path(args.links).suffix.lower() not in (".csv", ".parquet"):
        raise InvalidParameterError(f"--links {args.links}: use a .csv or .parquet file name")
    if args.window is not None and args.window < 0:
        raise InvalidParameterError(f"--window must be 0 or more, got {args.window}")
    if args.speaker and args.ungdc_speakers:
        raise InvalidParameterError("give --speaker or --ungdc-speakers, not both")


def _targets(args: argparse.Namespace) -> int:
    from framing._errors import InvalidParameterError, LexiconError
    from framing._tables import write_table
    from framing.cli._source import corpus_from_args
    from framing.lexicon import load_lexicon
    from framing.targets import frame_targets, load_targets, ungdc_speakers

    _check(args)
    try:
        targets, lexicon = load_targets(args.targets), load_lexicon(args.lexicon)
    except LexiconError as error:
        raise InvalidParameterError(str(error)) from None
    corp = corpus_from_args(args)
    speaker, own = args.speaker, None
    if args.ungdc_speakers:
        speaker, own = ungdc_speakers(corp.docvars, args.ungdc_speakers)
    result = frame_targets(
        corp,
        targets,
        lexicon,
        window=args.window,
        name_hits=not args.no_name_hits,
        scope=args.scope,
        speaker=speaker,
        self_names=own,
        model=args.model,
    )
    path = write_table(result.rows, args.out)
    print(
        f"{path}: {len(result.rows)} rows ({result.rows['target'].nunique()} targets, "
        f"{result.rows['source'].nunique()} sources)"
    )
    if args.links:
        print(f"{write_table(result.kwic(), args.links)}: {len(result.links)} mentions and links")
    return 0
