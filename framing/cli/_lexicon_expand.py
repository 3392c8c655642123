"""``framing lexicon expand`` and ``framing lexicon apply-review``.

``expand LEXICON SOURCE [reader options] --frame F --out review.csv`` writes
candidate terms per frame with their evidence and an empty ``decision``
column; ``apply-review review.csv --out NEW.yaml`` writes the new lexicon
version (accepted terms with provenance) and its datasheet ``NEW.md``.
Tokens and vectors are cached (``--cache-dir``, default ``$FRAMING_CACHE`` or
``.framing-cache``) so that a second expansion of the same corpus is fast.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from framing._conventions import CLI_SEED
from framing.cli._source import add_source_arguments, corpus_from_args

__all__ = ["register_expand"]


def register_expand(sub: Any) -> None:
    """Add ``expand`` and ``apply-review`` to the ``lexicon`` command group."""
    expand = sub.add_parser(
        "expand",
        help="propose new terms per frame for review (word vectors, co-occurrence)",
        description="Propose candidate terms for a lexicon's frames from a corpus: nearest "
        "neighbours of each frame's centroid in word vectors and words over-represented near "
        "its hits, each with similarity, frequency, document share, nearby frames and three "
        "KWIC lines. Mark the decision column accept/reject, then run apply-review.",
    )
    expand.add_argument("lexicon", metavar="LEXICON", help="a bundled name or a lexicon file")
    add_source_arguments(expand)
    expand.add_argument(
        "--frame", action="append", help="frame to expand (repeat; default: all frames)"
    )
    expand.add_argument("--out", required=True, help="review table to write (.csv)")
    expand.add_argument("--vectors", help="use these vectors instead of training on SOURCE")
    expand.add_argument(
        "--vectors-format",
        default="word2vec-text",
        choices=["word2vec-text", "word2vec-binary", "glove", "npz"],
    )
    expand.add_argument(
        "--method",
        default="word2vec",
        choices=["word2vec", "fasttext"],
        help="vectors trained on SOURCE (default: word2vec)",
    )
    expand.add_argument("--dim", type=int, default=100, help="vector dimensions (default 100)")
    expand.add_argument("--epochs", type=int, default=5, help="training epochs (default 5)")
    expand.add_argument(
        "--seed", type=int, default=CLI_SEED, help=f"training seed (default {CLI_SEED})"
    )
    expand.add_argument("--n-neighbors", type=int, default=25, metavar="N")
    expand.add_argument("--n-cooccurring", type=int, default=25, metavar="N")
    expand.add_argument(
        "--min-count",
        type=int,
        default=10,
        metavar="N",
        help="a candidate occurs at least N times (default 10)",
    )
    expand.add_argument(
        "--cache-dir",
        help="cache of tokens and vectors (default $FRAMING_CACHE or .framing-cache)",
    )
    expand.add_argument("--no-cache", action="store_true", help="do not read or write caches")
    expand.set_defaults(handler=_expand)

    review = sub.add_parser(
        "apply-review",
        help="write a new lexicon version with the accepted terms",
        description="Read a review table from `framing lexicon expand` with its decision "
        "column filled (accept/reject), add the accepted terms to their frames with their "
        "provenance, bump the version and write NEW.yaml and its datasheet NEW.md.",
    )
    review.add_argument("review", metavar="REVIEW", help="the review table (.csv)")
    review.add_argument("--out", required=True, help="the new lexicon (.yaml)")
    review.add_argument(
        "--lexicon", help="the lexicon reviewed (default: the one the table names)"
    )
    review.add_argument("--version", help="new version (default: next minor version)")
    review.set_defaults(handler=_apply_review)


def _load(ref: str) -> Any:
    """A bundled lexicon by name or a lexicon file (FileNotFoundError naming it)."""
    from framing.lexicon import load_lexicon, looks_like_path

    if looks_like_path(ref) and not Path(ref).is_file():
        raise FileNotFoundError(f"lexicon file {ref} does not exist")
    return load_lexicon(ref)


def _cache_dir(args: argparse.Namespace) -> Path | None:
    if args.no_cache:
        return None
    return Path(args.cache_dir or os.environ.get("FRAMING_CACHE") or ".framing-cache")


def _vectors(args: argparse.Namespace, tokens: Any, cache: Path | None) -> Any:
    from framing.embed import load_vectors, train_vectors

    if args.vectors:
        return load_vectors(args.vectors, format=args.vectors_format)
    return train_vectors(
        tokens,
        method=args.method,
        dim=args.dim,
        epochs=args.epochs,
        seed=args.seed,
        cache_dir=cache,
    )


def _expand(args: argparse.Namespace) -> int:
    import corpus
    from framing._errors import InvalidParameterError
    from framing._provenance import atomic_path
    from framing.measures import expand_lexicon

    out = Path(args.out)
    if out.suffix.lower() != ".csv":
        raise InvalidParameterError(f"--out {args.out!r}: the review table is a .csv file")
    lexicon = _load(args.lexicon)
    cache = _cache_dir(args)
    tokens = corpus.tokenize(corpus_from_args(args), cache_dir=cache)
    vectors = _vectors(args, tokens, cache)
    table = expand_lexicon(
        tokens,
        lexicon,
        vectors,
        frames=args.frame,
        n_neighbors=args.n_neighbors,
        n_cooccurring=args.n_cooccurring,
        min_count=args.min_count,
        lexicon_ref=args.lexicon,
    )
    with atomic_path(out) as tmp:
        table.to_csv(tmp, index=False)
    print(
        f"{out}: {len(table)} candidates for {table['frame'].nunique()} frame(s) of "
        f"{lexicon.name} {lexicon.version}; mark 'decision' accept/reject, then run "
        f"`framing lexicon apply-review {out} --out NEW.yaml`"
    )
    return 0


def _datasheet(lexicon_ref: str) -> str:
    """The datasheet (``.md`` beside the lexicon file) of the reviewed lexicon, or ''."""
    from framing.lexicon import bundled_path, list_lexicons

    path = bundled_path(lexicon_ref) if lexicon_ref in list_lexicons() else Path(lexicon_ref)
    sheet = path.with_suffix(".md")
    return sheet.read_text(encoding="utf-8") if sheet.is_file() else ""


def _apply_review(args: argparse.Namespace) -> int:
    from framing._errors import InvalidParameterError
    from framing._provenance import atomic_path
    from framing.lexicon import write_lexicon
    from framing.measures import apply_review, expansion_section, read_review

    out = Path(args.out)
    if out.suffix.lower() not in (".yaml", ".yml"):
        raise InvalidParameterError(f"--out {args.out!r}: the new lexicon is a .yaml file")
    table = read_review(args.review)
    refs = sorted(set(table["lexicon"]))
    if args.lexicon is None and len(refs) != 1:
        raise InvalidParameterError(f"{args.review}: rows name lexicons {refs}; give --lexicon")
    ref = args.lexicon or refs[0]
    old = _load(ref)
    new = apply_review(args.review, old, version=args.version)
    write_lexicon(new, out)
    sheet = _datasheet(ref)
    head = sheet.rstrip() + "\n\n" if sheet else f"# Datasheet: `{new.name}` {new.version}\n\n"
    with atomic_path(out.with_suffix(".md")) as tmp:
        tmp.write_text(head + expansion_section(old, new) + "\n", encoding="utf-8")
    added = sum(len(f.patterns) for f in new.frames) - sum(len(f.patterns) for f in old.frames)
    print(
        f"{out}: lexicon {new.name} {new.version} (from {old.version}), {added} term(s) "
        f"added with provenance; datasheet {out.with_suffix('.md')}"
    )
    return 0
