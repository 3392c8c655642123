"""``framing topics``: fit a topic model on a corpus and write its tables.

Writes, into ``--out DIR`` (atomically: a temporary folder, then a rename):

* ``topic_terms.csv``: topic, rank, term, weight (P(term | topic));
* ``topic_frex.csv``: topic, rank, term, weight (FREX score);
* ``doc_topics.parquet``: doc_id and one column ``topic_<t>`` per topic;
* ``representative_docs.csv``: topic, rank, doc_id, weight;
* ``coherence.csv``: topic, measure, value (c_v, c_npmi, u_mass, exclusivity);
* ``seeded_topics.csv`` with ``--guide-lexicon``;
* ``topics.json``: engine, parameters, vocabulary filter, provenance.

Nothing time-dependent is written, so the same command gives identical files.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from framing._conventions import CLI_SEED

__all__ = ["register"]

#: Engine names (kept here, not imported, so ``framing --help`` stays fast).
_ENGINES = ("gensim-lda", "gensim-ldamulticore", "sklearn-lda", "sklearn-nmf", "tomotopy-lda")
_OUTPUTS = ("topic_terms.csv", "doc_topics.parquet", "coherence.csv", "topics.json")


def _df_value(text: str) -> int | float:
    """``5`` -> 5 documents, ``0.5`` -> a proportion (argparse type)."""
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is neither a number of documents (int) nor a proportion (float)"
        ) from None


def register(subparsers: Any) -> None:
    """Add the ``topics`` command."""
    from framing.cli._source import add_source_arguments

    parser = subparsers.add_parser(
        "topics",
        help="fit a topic model and write topic terms, document topics, coherence",
        description="Fit a topic model (see docs/topics.md) and write its tables to --out.",
    )
    add_source_arguments(parser)
    model = parser.add_argument_group("topic model")
    model.add_argument(
        "--out",
        required=True,
        help="output folder (replaced if it holds an earlier `framing topics` output)",
    )
    model.add_argument("--k", type=int, default=20, help="number of topics (default: 20)")
    model.add_argument(
        "--engine",
        choices=_ENGINES,
        default="gensim-lda",
        help="topic engine (default: gensim-lda)",
    )
    model.add_argument(
        "--seed", type=int, default=CLI_SEED, help=f"random seed (default: {CLI_SEED})"
    )
    model.add_argument("--passes", type=int, help="passes over the corpus (engine default)")
    model.add_argument("--iterations", type=int, help="inner iterations (engine default)")
    model.add_argument("--n-jobs", type=int, default=1, help="workers (default: 1)")
    model.add_argument(
        "--guide-lexicon",
        "--seed-lexicon",
        dest="guide_lexicon",
        metavar="NAME",
        help="bundled lexicon name or file whose frames guide the first topics "
        "(--seed-lexicon: deprecated name)",
    )
    model.add_argument(
        "--guide-weight",
        "--seed-weight",
        dest="guide_weight",
        type=float,
        default=1.0,
        help="prior on guide words, in multiples of their corpus count (1.0; "
        "--seed-weight: deprecated name)",
    )
    vocab = parser.add_argument_group("vocabulary")
    vocab.add_argument(
        "--stopwords",
        default="sklearn",
        help="sklearn, gensim, nltk, a .txt file (one word per line) or 'none' (default: sklearn)",
    )
    vocab.add_argument(
        "--min-length", type=int, default=3, help="drop tokens shorter than this (default: 3)"
    )
    vocab.add_argument(
        "--min-df",
        type=_df_value,
        default=5,
        help="minimum document frequency: int = documents, float = share (5)",
    )
    vocab.add_argument(
        "--max-df",
        type=_df_value,
        default=0.5,
        help="maximum document frequency: int = documents, float = share (0.5)",
    )
    vocab.add_argument("--max-features", type=int, help="keep the most frequent terms only")
    quality = parser.add_argument_group("output")
    quality.add_argument("--top-n", type=int, default=10, help="terms per topic (default: 10)")
    quality.add_argument(
        "--measures",
        default="c_v,c_npmi,u_mass",
        help="coherence measures, comma-separated (default: all three)",
    )
    quality.add_argument(
        "--coherence-docs",
        type=int,
        default=2000,
        help="seeded sample of reference documents for coherence "
        "(default: 2000; 0 = all documents)",
    )
    parser.set_defaults(handler=_topics)


def _tokens(args: argparse.Namespace) -> Any:
    from corpus import Recipe, tokenize
    from framing.cli._source import corpus_from_args

    stopwords = None if args.stopwords.lower() == "none" else args.stopwords
    recipe = Recipe(stopwords=stopwords, min_length=args.min_length)
    return tokenize(corpus_from_args(args), recipe)


def _fit(args: argparse.Namespace, tokens: Any) -> Any:
    from framing.lexicon import load_lexicon
    from framing.topics import fit_topics

    lexicon = load_lexicon(args.guide_lexicon) if args.guide_lexicon else None
    return fit_topics(
        tokens,
        engine=args.engine,
        k=args.k,
        seed=args.seed,
        min_df=args.min_df,
        max_df=args.max_df,
        max_features=args.max_features,
        passes=args.passes,
        iterations=args.iterations,
        guide_topics=lexicon,
        guide_weight=args.guide_weight,
        n_jobs=args.n_jobs,
    )


def _quality(args: argparse.Namespace, result: Any, tokens: Any) -> Any:
    import pandas as pd

    from framing._errors import InvalidParameterError
    from framing.topics import coherence, exclusivity

    measures = [m.strip() for m in args.measures.split(",") if m.strip()]
    if args.coherence_docs < 0:
        raise InvalidParameterError(
            "--coherence-docs must be 0 (all documents) or a positive number"
        )
    table = coherence(
        result,
        tokens,
        measures=measures,
        topn=args.top_n,
        reference_docs=args.coherence_docs or None,
        seed=args.seed,
    )
    excl = exclusivity(result, topn=args.top_n).reset_index(name="value")
    excl["measure"] = "exclusivity"
    out = pd.concat([table.drop(columns="model"), excl[["topic", "measure", "value"]]])
    return out.reset_index(drop=True)


def _write_all(folder: Path, result: Any, quality: Any, args: argparse.Namespace) -> None:
    result.top_terms(args.top_n).to_csv(folder / "topic_terms.csv", index=False)
    result.top_terms(args.top_n, by="frex").to_csv(folder / "topic_frex.csv", index=False)
    result.representative_docs(5).to_csv(folder / "representative_docs.csv", index=False)
    quality.to_csv(folder / "coherence.csv", index=False)
    doc_topic = result.doc_topic.copy()
    doc_topic.columns = [f"topic_{t}" for t in doc_topic.columns]
    doc_topic.reset_index().to_parquet(folder / "doc_topics.parquet", index=False)
    if result.guide_topics is not None:
        result.guide_topics.to_csv(folder / "seeded_topics.csv", index=False)
    meta = {
        "engine": result.engine,
        "k": result.k,
        "seed": result.seed,
        "deterministic": result.deterministic,
        "params": dict(result.params),
        "vocab_filter": dict(result.vocab_filter),
        "provenance": dict(result.provenance),
        "coherence": {
            "measures": args.measures,
            "top_n": args.top_n,
            "reference_docs": args.coherence_docs or None,
            "reference_seed": args.seed,  # the seed of the coherence reference sample
        },
    }
    text = json.dumps(meta, indent=2, sort_keys=True, default=str, ensure_ascii=False)
    (folder / "topics.json").write_text(text + "\n", encoding="utf-8")


def _replace_folder(tmp: Path, out: Path) -> None:
    """Move the finished ``tmp`` to ``out``, replacing an earlier topics output."""
    from framing._errors import InvalidParameterError

    if out.exists():
        if not out.is_dir() or (any(out.iterdir()) and not (out / "topics.json").exists()):
            raise InvalidParameterError(
                f"--out {out} exists and is not a `framing topics` output folder; "
                "choose a new or empty folder"
            )
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        os.replace(out, old)
        os.replace(tmp, out)
        shutil.rmtree(old)
    else:
        os.replace(tmp, out)


def _topics(args: argparse.Namespace) -> int:
    import warnings

    tokens = _tokens(args)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = _fit(args, tokens)
        quality = _quality(args, result, tokens)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    umask = os.umask(0)
    os.umask(umask)
    tmp.chmod(0o777 & ~umask)  # mkdtemp makes it private; the output folder is not
    try:
        _write_all(tmp, result, quality, args)
        _replace_folder(tmp, out)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)
    for warning in caught:
        print(f"framing: warning: {warning.message}", file=sys.stderr)
    _summary(result, quality, out)
    return 0


def _summary(result: Any, quality: Any, out: Path) -> None:
    flag = "" if result.deterministic else " (not deterministic: results vary between runs)"
    print(
        f"{result.engine}, k={result.k}, seed={result.seed}{flag}: "
        f"{len(result.doc_topic)} documents, {len(result.vocabulary)} terms"
    )
    means = quality.groupby("measure", sort=False)["value"].mean()
    print("mean " + ", ".join(f"{m} {v:.3f}" for m, v in means.items()))
    seeded = (
        {}
        if result.guide_topics is None
        else dict(zip(result.guide_topics["topic"], result.guide_topics["seed_set"], strict=True))
    )
    for topic, label in result.labels(5).items():
        mark = f"  [seeded: {seeded[topic]}]" if topic in seeded else ""
        print(f"  {topic:>3}  {label}{mark}")
    print(f"wrote {', '.join(_OUTPUTS)} and more to {out}")
