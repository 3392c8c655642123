"""``framing benchmark frac``: score an external, human-coded benchmark with a measure."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from framing._conventions import CLI_SEED, N_BOOT

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the ``benchmark`` command group."""
    bench = subparsers.add_parser(
        "benchmark",
        help="score an external human-coded benchmark (FrAC) with a measure",
        description="Score an external, human-coded benchmark with a measure and write "
        "per-unit predictions and a report. Benchmarks are test sets: never tune on them.",
    )
    sub = bench.add_subparsers(dest="benchmark", metavar="BENCHMARK")
    sub.required = True
    frac = sub.add_parser(
        "frac",
        help="FrAC: 523 news and comment sentences, one human-coded frame each",
        description="Predict one FrAC category per sentence (the top-scoring mapped frame; "
        "ties: higher hit count, then FrAC code order; no hit: other) and write "
        "DIR/predictions.csv (id, gold, predicted), DIR/report.md (per-category P/R/F1 with "
        "bootstrap CIs, macro-F1, accuracy, confusion matrix) and DIR/confusion.png.",
    )
    frac.add_argument("--path", required=True, help="FrAC's gold_standard_single_label_all.csv")
    frac.add_argument("--measure", required=True, help="measure (policy_frames, generic_news)")
    frac.add_argument("--out", required=True, metavar="DIR", help="output folder")
    frac.add_argument("--n-boot", type=int, default=N_BOOT, help=f"bootstrap resamples ({N_BOOT})")
    frac.add_argument("--seed", type=int, default=CLI_SEED, help=f"bootstrap seed ({CLI_SEED})")
    frac.set_defaults(handler=_frac)


def _frac(args: argparse.Namespace) -> int:
    from framing._errors import InvalidParameterError
    from framing._provenance import atomic_path
    from framing._tables import write_table
    from framing.figures import plot_confusion, save_figure
    from framing.validate import benchmark_frac

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise InvalidParameterError(f"--out {args.out!r} is a file; name a folder")
    result = benchmark_frac(args.path, args.measure, n_boot=args.n_boot, seed=args.seed)
    out.mkdir(parents=True, exist_ok=True)
    write_table(result.predictions, out / "predictions.csv")
    fig = plot_confusion(result.confusion, title=f"{result.measure} {result.version} on FrAC")
    save_figure(fig, out / "confusion.png")
    report = result.report_markdown("confusion.png", source=Path(args.path).name)
    with atomic_path(out / "report.md") as tmp:
        tmp.write_text(report, encoding="utf-8")
    acc = result.accuracy[0]
    print(
        f"framing: {result.measure} {result.version} on FrAC: macro-F1 {result.macro_f1:.3f} "
        f"over {len(result.evaluated)} categories, accuracy {acc:.3f}; wrote {out}",
        file=sys.stderr,
    )
    return 0
