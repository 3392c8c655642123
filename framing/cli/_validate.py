"""``framing validate`` and ``framing reliability``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from framing._conventions import CLI_SEED

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the validate and reliability commands."""
    validate = subparsers.add_parser(
        "validate",
        help="precision, recall and F1 of frame scores against gold codes",
        description="Compare a scores table written by `framing score` with gold codes "
        "(doc_id plus one 0/1 column per frame). Writes one row per frame plus macro and "
        "micro rows, with bootstrap CIs and support.",
    )
    validate.add_argument("scores", help="scores table (.csv or .parquet) from `framing score`")
    validate.add_argument("--gold", required=True, help="gold codes CSV: doc_id, 0/1 per frame")
    validate.add_argument(
        "--threshold",
        type=float,
        default=1,
        help="a frame is present when its count >= this (default 1)",
    )
    validate.add_argument("--frames", help="comma-separated frames (default: gold's columns)")
    validate.add_argument("--n-boot", type=int, default=1000, help="bootstrap resamples")
    validate.add_argument("--ci", type=float, default=0.95, help="confidence level")
    validate.add_argument(
        "--seed", type=int, default=CLI_SEED, help=f"bootstrap seed (default: {CLI_SEED})"
    )
    validate.add_argument("--out", required=True, help="report file (.csv, .parquet or .tex)")
    validate.set_defaults(handler=_validate)

    reliability = subparsers.add_parser(
        "reliability",
        help="inter-coder reliability per frame (Krippendorff's alpha, agreement, kappa)",
        description="CODES is long: doc_id, coder and one 0/1 column per frame, one row per "
        "unit and coder.",
    )
    reliability.add_argument("codes", help="codes file (.csv or .xlsx)")
    reliability.add_argument("--frames", help="comma-separated frames (default: all)")
    reliability.add_argument("--out", required=True, help="report file (.csv, .parquet, .tex)")
    reliability.add_argument("--disagreements", help="also write the disagreement table here")
    reliability.set_defaults(handler=_reliability)


def _frames(text: str | None) -> list[str] | None:
    return [f.strip() for f in text.split(",") if f.strip()] if text else None


def _read_table(path: str) -> Any:
    import pandas as pd

    from framing._errors import InvalidParameterError

    suffix = Path(path).suffix.lower()
    if not Path(path).is_file():
        raise InvalidParameterError(f"{path}: no such file")
    if suffix == ".parquet":
        return pd.read_parquet(path)
    if suffix in (".csv", ".tsv"):
        return pd.read_csv(path, sep="\t" if suffix == ".tsv" else ",", dtype={"doc_id": str})
    raise InvalidParameterError(f"{path}: expected a .csv, .tsv or .parquet table")


def _validate(args: argparse.Namespace) -> int:
    from framing._tables import write_table
    from framing.validate import evaluate

    report = evaluate(
        _read_table(args.scores),
        _read_table(args.gold),
        frames=_frames(args.frames),
        threshold=args.threshold,
        n_boot=args.n_boot,
        ci=args.ci,
        seed=args.seed,
    )
    write_table(report, args.out)
    print(f"wrote {args.out}: {len(report) - 2} frames, micro F1 {report.iloc[-1]['f1']:.3f}")
    return 0


def _reliability(args: argparse.Namespace) -> int:
    from framing._tables import write_table
    from framing.validate import disagreements, read_codes, reliability

    codes = read_codes(args.codes, frames=_frames(args.frames))
    report = reliability(codes, frames=_frames(args.frames))
    write_table(report, args.out)
    if args.disagreements:
        write_table(disagreements(codes, frames=_frames(args.frames)), args.disagreements)
    print(f"wrote {args.out}: {len(report)} frames, {codes['coder'].nunique()} coders")
    return 0
