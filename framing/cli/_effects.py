"""``framing effects SCORES --formula "FRAME ~ terms" --out FILE``: covariate effects."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the ``effects`` command."""
    effects = subparsers.add_parser(
        "effects",
        help="regression effects of covariates on a frame, with robust or clustered errors",
        description="Fit a Poisson, negative binomial, logit or OLS model of one frame on unit "
        "covariates (docvars) of a scores table from `framing score`, and write one row per "
        "term: term, estimate, std_error, ci_low, ci_high, p_value, n, method. With --gold, "
        "a random sample of human-coded units, the estimates are prediction-powered (PPI++) "
        "and the naive and gold-only estimates are written beside them. See docs/effects.md.",
    )
    effects.add_argument(
        "scores",
        metavar="SCORES",
        help="scores table (.csv or .parquet) in the `framing score` layout",
    )
    effects.add_argument(
        "--formula",
        required=True,
        help="'FRAME ~ terms' in patsy syntax, e.g. \"resistance ~ C(bloc) * bs(year, df=4)\"",
    )
    effects.add_argument(
        "--family",
        choices=["poisson", "negbin", "logit", "ols"],
        default="poisson",
        help="poisson/negbin model counts, logit presence, ols rates (default: poisson)",
    )
    effects.add_argument(
        "--outcome",
        choices=["count", "presence", "rate"],
        help="the frame quantity (default by family; ols with --gold: presence)",
    )
    effects.add_argument(
        "--offset",
        metavar="COL",
        help="exposure column of count models, entered as log(COL): use n_tokens",
    )
    effects.add_argument(
        "--cluster",
        metavar="COL",
        help="cluster-robust standard errors by this column (e.g. parent_id, country)",
    )
    effects.add_argument(
        "--gold",
        metavar="CODES.csv",
        help="random sample of coded units: columns doc_id and the frame (0/1; counts with "
        "--family poisson, without --offset)",
    )
    effects.add_argument(
        "--gold-check",
        choices=["error", "flag"],
        default="error",
        help="a gold sample that does not look random: stop (default) or flag the PPI rows",
    )
    effects.add_argument(
        "--alpha", type=float, default=0.05, help="1 - confidence level (default: 0.05)"
    )
    effects.add_argument(
        "--out", required=True, metavar="FILE", help="write FILE.csv, FILE.parquet or FILE.tex"
    )
    effects.set_defaults(handler=_effects)


def _read(path: str, what: str) -> Any:
    import pandas as pd

    from framing._errors import FramingError, InvalidParameterError

    file = Path(path)
    if not file.is_file():
        raise FileNotFoundError(f"{what} {path}: no such file")  # a missing input: exit 2
    suffix = file.suffix.lower()
    if suffix == ".csv":
        try:
            return pd.read_csv(file, dtype={"doc_id": str})
        except (ValueError, pd.errors.ParserError) as error:
            raise FramingError(f"{path}: cannot read as CSV: {error}") from error
    if suffix == ".parquet":
        table = pd.read_parquet(file)
        if "doc_id" in table.columns:
            table["doc_id"] = table["doc_id"].astype(str)
        return table
    raise InvalidParameterError(f"{what} {path}: use a .csv or .parquet file")


def _effects(args: argparse.Namespace) -> int:
    from framing._errors import FramingError, InvalidParameterError
    from framing._tables import write_table
    from framing.stats import estimate_effect

    if Path(args.out).suffix.lower() not in (".csv", ".parquet", ".tex"):
        raise InvalidParameterError(f"--out {args.out}: use a .csv, .parquet or .tex file name")
    scores = _read(args.scores, "SCORES")
    gold = None if args.gold is None else _read(args.gold, "--gold")
    frame = args.formula.split("~")[0].strip()
    for option, column in (
        ("--formula", frame),
        ("--offset", args.offset),
        ("--cluster", args.cluster),
    ):
        if column is not None and column not in scores.columns:
            raise InvalidParameterError(f"{option}: {column!r} is not a column of {args.scores}")
    try:
        table = estimate_effect(
            scores,
            args.formula,
            family=args.family,
            outcome=args.outcome,
            offset=args.offset,
            cluster=args.cluster,
            gold=gold,
            gold_check=args.gold_check,
            alpha=args.alpha,
        )
    except InvalidParameterError as error:
        if gold is not None and "gold" in str(error):  # the coded file does not fit: data, exit 1
            raise FramingError(f"{args.gold}: {error}") from error
        raise InvalidParameterError(f"{args.scores}: {error}") from error
    path = write_table(table, args.out)
    methods = ", ".join(dict.fromkeys(table["method"]))
    print(f"{path}: {len(table)} rows ({methods})")
    return 0
