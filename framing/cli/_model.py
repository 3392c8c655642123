"""``framing model``: train, list and show trained frame models.

``framing model train SOURCE [reader options] --codes CODES.csv --lexicon L --out M.skops``
trains a model on the coded units of SOURCE (their ids in the codes' ``unit_id`` or
``doc_id`` column); ``framing model list`` names the bundled models; ``framing model show
NAME-or-FILE`` prints a model's card.  Scoring with a model is ``framing score --model``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from framing._conventions import CLI_SEED
from framing.cli._source import add_source_arguments, corpus_from_args

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the ``model`` command group."""
    model = subparsers.add_parser(
        "model",
        help="train, list and show trained frame models",
        description="Trained frame models learn each frame of a lexicon from coded units "
        "(n-grams, the lexicon's counts and, with --vectors, semantic similarities). Score "
        "with them through `framing score --model NAME-or-FILE`.",
    )
    sub = model.add_subparsers(dest="model_command", metavar="SUBCOMMAND")
    sub.required = True
    train = sub.add_parser(
        "train",
        help="train a model on coded units and write a .skops file",
        description="Train a frame model on the units of SOURCE that CODES codes (0/1 per "
        "frame of the lexicon). Out-of-fold predictions choose each frame's calibration and "
        "threshold; the development figures print when it is done. Pass development codes "
        "only: test samples must never train or tune a model.",
    )
    add_source_arguments(train)
    train.add_argument("--codes", required=True, help="CSV: unit_id (or doc_id) and 0/1 per frame")
    train.add_argument("--lexicon", required=True, help="bundled lexicon or lexicon file")
    train.add_argument("--out", required=True, help="model file to write (.skops)")
    train.add_argument("--name", help="model name (default: the file's stem)")
    train.add_argument("--version", default="0.1.0", help="model version (default 0.1.0)")
    train.add_argument("--vectors", help="word vectors for semantic features (optional)")
    train.add_argument(
        "--vectors-format", default="word2vec-text",
        choices=["word2vec-text", "word2vec-binary", "glove", "npz"],
    )  # fmt: skip
    train.add_argument("--C", type=float, default=1.0, help="inverse L2 strength (default 1)")
    train.add_argument("--cv", type=int, default=5, help="folds (default 5)")
    train.add_argument("--min-df", type=int, default=3, help="n-gram min. units (default 3)")
    train.add_argument(
        "--seed",
        type=int,
        default=CLI_SEED,
        help=f"seed of folds and solvers (default {CLI_SEED})",
    )
    train.set_defaults(handler=_train)
    listing = sub.add_parser("list", help="the bundled models")
    listing.set_defaults(handler=_list)
    show = sub.add_parser("show", help="a model's card: frames, thresholds, training, scope")
    show.add_argument("model", metavar="MODEL", help="bundled name or .skops file")
    show.set_defaults(handler=_show)


def _codes(path: str, frames: tuple[str, ...]) -> Any:
    import pandas as pd

    from framing._errors import InvalidParameterError

    table = pd.read_csv(path, dtype={"unit_id": str, "doc_id": str})
    key = "unit_id" if "unit_id" in table.columns else "doc_id"
    if key not in table.columns:
        raise InvalidParameterError(f"{path}: needs a unit_id or doc_id column")
    missing = [f for f in frames if f not in table.columns]
    if missing:
        raise InvalidParameterError(f"{path}: no column for the frames {missing}")
    if table[key].duplicated().any():
        dup = table.loc[table[key].duplicated(), key].iloc[0]
        raise InvalidParameterError(f"{path}: unit {dup!r} is coded twice; keep one row per unit")
    return table.set_index(key)[list(frames)]


def _train(args: argparse.Namespace) -> int:
    from framing._errors import InvalidParameterError
    from framing.embed import load_vectors
    from framing.lexicon import load_lexicon
    from framing.models import train_model

    out = Path(args.out)
    if out.suffix != ".skops":
        raise InvalidParameterError(f"--out {args.out!r}: a model file ends in .skops")
    lexicon = load_lexicon(args.lexicon)
    codes = _codes(args.codes, lexicon.frame_names)
    corp = corpus_from_args(args).materialize()
    present = set(corp.doc_ids)
    absent = [i for i in codes.index if i not in present]
    if absent:
        raise InvalidParameterError(
            f"{args.codes}: {len(absent)} coded units are not in SOURCE, e.g. {absent[:3]}"
        )
    units = corp.filter([i in set(codes.index) for i in corp.doc_ids]).materialize()
    codes = codes.loc[list(units.doc_ids)]
    vectors = load_vectors(args.vectors, format=args.vectors_format) if args.vectors else None
    model = train_model(
        units, codes, lexicon, seed=args.seed, name=args.name or out.stem,
        version=args.version, vectors=vectors, C=args.C, cv=args.cv, min_df=args.min_df,
        card={"training_data": f"{args.codes} ({len(codes)} units of {args.source})"},
    )  # fmt: skip
    model.save(out)
    _print_cv(model, codes)
    print(f"framing: wrote {out} ({model!r})", file=sys.stderr)
    return 0


def _print_cv(model: Any, codes: Any) -> None:
    from framing.validate import evaluate

    pred = (model.cv_predictions_ >= model.thresholds).astype(int)
    table = evaluate(
        pred.reset_index(names="doc_id"), codes.reset_index(names="doc_id"), n_boot=0, seed=0
    )
    print("out-of-fold figures on the training codes (development evidence only):")
    print(table.round(3).to_string(index=False))


def _list(_args: argparse.Namespace) -> int:
    from framing.models import bundled_model_path, list_models, load_model

    for name in list_models():
        model = load_model(name)
        size = bundled_model_path(name).stat().st_size / 1e6
        print(f"{name}\t{model.version}\t{size:.1f} MB\t{', '.join(model.frames)}")
    return 0


def _show(args: argparse.Namespace) -> int:
    import json

    from framing.models import load_model

    model = load_model(args.model)
    print(repr(model))
    print(f"fingerprint: {model.fingerprint}")
    print(json.dumps(model.meta()["thresholds"], indent=2))
    print(json.dumps(dict(model.card), indent=2, default=str))
    return 0
