"""Benchmark: topic engines through ``fit_topics`` versus the engine called directly.

For each engine, on UNGDC speeches of a year range (default 1990-2024), fits
K topics with our wrapper (``framing.fit_topics``: vocabulary filter, engine
fit, document-topic matrix, top terms) and with the engine's own API on the
*same* filtered count matrix, alternating the two ``--repeats`` times, and
reports the median wall time of each, their ratio, and the c_npmi coherence of
both (top 10 words, one shared reference sample).  For deterministic engines
the two sides must give identical topics.

Usage (from the repository root)::

    python benchmarks/bench_topics.py --sample 1500 --repeats 3
    python benchmarks/bench_topics.py --engines gensim-lda,tomotopy-lda --repeats 1

``--sample N`` draws N speeches with the seed (the machine is shared; the full
range is 6,522 speeches).  Tokens are cached in ``--cache`` between runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from _common import ARCHIVE, cpu_model

ENGINES = ("gensim-lda", "gensim-ldamulticore", "sklearn-lda", "sklearn-nmf", "tomotopy-lda")


def load_tokens(args: argparse.Namespace) -> Any:
    from corpus import Recipe, load_ungdc, tokenize

    corpus = load_ungdc(args.data).filter(lambda d: d.year.between(args.start, args.end))
    if args.sample:
        corpus = corpus.sample(args.sample, seed=args.seed)
    recipe = Recipe(stopwords="sklearn", min_length=3)
    return tokenize(corpus, recipe, cache_dir=args.cache, progress=False)


# ----------------------------------------------------- direct engine calls
def direct_gensim(X, vocab, k, seed, params, multicore, n_jobs):
    from gensim.matutils import Sparse2Corpus
    from gensim.models import LdaModel, LdaMulticore

    corpus = Sparse2Corpus(X, documents_columns=False)
    kwargs = {
        "corpus": corpus,
        "id2word": dict(enumerate(vocab)),
        "num_topics": k,
        "passes": params["passes"],
        "iterations": params["iterations"],
        "chunksize": params["chunksize"],
        "random_state": seed,
        "eval_every": None,
        "dtype": np.float64,
    }
    model = LdaMulticore(workers=n_jobs, **kwargs) if multicore else LdaModel(**kwargs)
    model.random_state = np.random.RandomState(seed)
    gamma, _ = model.inference(list(corpus))
    return model.get_topics(), gamma / gamma.sum(axis=1, keepdims=True)


def direct_sklearn_lda(X, k, seed, params, n_jobs):
    from sklearn.decomposition import LatentDirichletAllocation

    model = LatentDirichletAllocation(
        n_components=k,
        learning_method="batch",
        max_iter=params["passes"],
        max_doc_update_iter=params["iterations"],
        random_state=seed,
        n_jobs=n_jobs,
    )
    theta = model.fit_transform(X)
    return model.components_ / model.components_.sum(axis=1, keepdims=True), theta


def direct_sklearn_nmf(X, k, seed, params):
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfTransformer

    tfidf = TfidfTransformer().fit_transform(X)
    model = NMF(n_components=k, init="nndsvda", max_iter=params["iterations"], random_state=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        W = model.fit_transform(tfidf)
    return model.components_ / model.components_.sum(axis=1, keepdims=True), W


def direct_tomotopy(X, vocab, k, seed, params, n_jobs):
    import tomotopy as tp

    model = tp.LDAModel(k=k, alpha=1.0 / k, eta=1.0 / k, seed=seed, min_cf=0, rm_top=0)
    for i in range(X.shape[0]):
        row = slice(X.indptr[i], X.indptr[i + 1])
        words = np.repeat(np.asarray(vocab, dtype=object)[X.indices[row]], X.data[row])
        model.add_doc(words.tolist())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.train(params["iterations"], workers=n_jobs, parallel=tp.ParallelScheme.PARTITION)
    position = {w: i for i, w in enumerate(model.used_vocabs)}
    order = np.array([position.get(w, -1) for w in vocab])
    beta = np.zeros((k, len(vocab)))
    for t in range(k):
        beta[t, order >= 0] = np.asarray(model.get_topic_word_dist(t))[order[order >= 0]]
    theta = np.array([d.get_topic_dist() for d in model.docs])
    return beta, theta


def run_direct(engine, X, vocab, k, seed, params, n_jobs):
    if engine.startswith("gensim"):
        return direct_gensim(X, vocab, k, seed, params, engine.endswith("multicore"), n_jobs)
    if engine == "sklearn-lda":
        return direct_sklearn_lda(X, k, seed, params, n_jobs)
    if engine == "sklearn-nmf":
        return direct_sklearn_nmf(X, k, seed, params)
    return direct_tomotopy(X, vocab, k, seed, params, n_jobs)


# ------------------------------------------------------------------ timing
def tiny_tokens() -> Any:
    from corpus import Corpus, tokenize

    return tokenize(Corpus.from_texts(["oil gas oil", "war army war", "gas oil", "army"] * 5))


def bench_engine(engine: str, tokens: Any, args: argparse.Namespace) -> dict[str, Any]:
    from framing import TopicResult, coherence, fit_topics
    from framing.topics import engine_defaults, filter_vocabulary

    filters = {"min_df": args.min_df, "max_df": args.max_df, "max_features": None}
    start = time.perf_counter()
    X, vocab, record = filter_vocabulary(tokens.to_sparse(), tuple(tokens.vocab), **filters)
    prep = time.perf_counter() - start  # the wrapper's fixed extra work: matrix + filter
    params = engine_defaults(engine)
    # Warm up imports and caches on a few documents so neither side pays them.
    small = X[: min(50, X.shape[0])]
    run_direct(engine, small, vocab, 2, args.seed, params, args.n_jobs)
    fit_topics(tiny_tokens(), engine=engine, k=2, seed=args.seed, min_df=1, max_df=1.0)
    times: dict[str, list[tuple[float, float]]] = {"wrapper": [], "direct": []}
    for repeat in range(args.repeats):
        for side in ("wrapper", "direct") if repeat % 2 == 0 else ("direct", "wrapper"):
            wall, cpu = time.perf_counter(), cpu_seconds()
            if side == "wrapper":
                result = fit_topics(
                    tokens, engine=engine, k=args.k, seed=args.seed, n_jobs=args.n_jobs, **filters
                )
            else:
                beta, _ = run_direct(engine, X, vocab, args.k, args.seed, params, args.n_jobs)
            times[side].append((time.perf_counter() - wall, cpu_seconds() - cpu))
    direct = TopicResult(
        engine=engine,
        k=args.k,
        seed=args.seed,
        doc_topic=result.doc_topic,
        topic_term=pd.DataFrame(beta, columns=vocab),
        vocab_filter=record,
        params=params,
        deterministic=result.deterministic,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        coh = coherence(
            {"wrapper": result, "direct": direct},
            tokens,
            measures=["c_npmi"],
            reference_docs=args.coherence_docs,
            seed=args.seed,
        )
    means = coh.groupby("model")["value"].mean()
    # Relative tolerance: tomotopy returns float32 distributions that the wrapper
    # renormalises in float64 (a relative change of about 1e-7).
    same = bool(np.allclose(result.topic_term.to_numpy(), beta, rtol=1e-5, atol=1e-12))
    med = {
        side: [statistics.median(t[i] for t in runs) for i in (0, 1)]
        for side, runs in times.items()
    }
    return {
        "engine": engine,
        "wrapper_s": round(med["wrapper"][0], 2),
        "direct_s": round(med["direct"][0], 2),
        "ratio": round(med["wrapper"][0] / med["direct"][0], 3),
        "wrapper_cpu_s": round(med["wrapper"][1], 2),
        "direct_cpu_s": round(med["direct"][1], 2),
        "cpu_ratio": round(med["wrapper"][1] / med["direct"][1], 3),
        "prep_s": round(prep, 2),
        "c_npmi_wrapper": round(float(means["wrapper"]), 4),
        "c_npmi_direct": round(float(means["direct"]), 4),
        "identical_topics": same,
        "runs": {
            side: [[round(w, 2), round(c, 2)] for w, c in runs] for side, runs in times.items()
        },
        "n_docs": int(X.shape[0]),
        "n_terms": int(X.shape[1]),
        "n_tokens": int(X.sum()),
    }


def multicore_repeatability(runs: int = 3) -> list[float]:
    """Max |difference| of LdaMulticore(workers=1) topic-term matrices between seeded runs.

    8,000 synthetic documents in 8 chunks: with more than one chunk the master
    queues chunks with whatever model state it holds, which depends on timing.
    """
    import scipy.sparse as sp
    from gensim.matutils import Sparse2Corpus
    from gensim.models import LdaMulticore

    rng = np.random.default_rng(0)
    X = sp.random(
        8000,
        500,
        density=0.03,
        format="csr",
        random_state=1,
        data_rvs=lambda size: rng.integers(1, 4, size),
    ).astype(np.int64)
    topics = [
        LdaMulticore(
            Sparse2Corpus(X, documents_columns=False),
            num_topics=5,
            id2word={i: str(i) for i in range(500)},
            workers=1,
            passes=2,
            chunksize=1000,
            random_state=1,
            eval_every=None,
        ).get_topics()
        for _ in range(runs)
    ]
    return [float(np.abs(topics[0] - t).max()) for t in topics[1:]]


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (gensim multicore workers).

    On a shared, loaded machine wall time mostly measures the neighbours; CPU
    time measures the work.
    """
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def machine() -> str:
    return f"{os.cpu_count()} cores, {cpu_model()}, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ARCHIVE, help="UNGDC archive or folder")
    parser.add_argument("--start", type=int, default=1990)
    parser.add_argument("--end", type=int, default=2024)
    parser.add_argument("--sample", type=int, default=0, help="speeches to sample (0 = all)")
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--k", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--n-jobs", type=int, default=1)
    parser.add_argument("--min-df", type=int, default=5)
    parser.add_argument("--max-df", type=float, default=0.5)
    parser.add_argument("--coherence-docs", type=int, default=1000)
    parser.add_argument("--cache", default="/tmp/framing-bench-cache")
    parser.add_argument("--json", type=Path, help="also write the rows to this JSON file")
    parser.add_argument(
        "--check-multicore",
        action="store_true",
        help="only check whether LdaMulticore(workers=1) repeats itself",
    )
    args = parser.parse_args(argv)
    if args.check_multicore:
        diffs = multicore_repeatability()
        print(
            f"LdaMulticore(workers=1), same seed: max |topic-term difference| to run 1: "
            f"{diffs} ({'identical' if not any(diffs) else 'NOT deterministic'})"
        )
        return 0
    if not args.data.exists():
        print(f"UNGDC data not found at {args.data}; pass --data", file=sys.stderr)
        return 2
    start = time.perf_counter()
    tokens = load_tokens(args)
    print(
        f"# {machine()}; {len(tokens)} speeches {args.start}-{args.end}, "
        f"tokenized in {time.perf_counter() - start:.0f} s",
        flush=True,
    )
    print(
        "| engine | wrapper wall s | direct wall s | wall ratio | wrapper CPU s | "
        "direct CPU s | CPU ratio | matrix+filter s | c_npmi wrapper | c_npmi direct | "
        "identical |\n" + "|---" * 11 + "|",
        flush=True,
    )
    rows = []
    for engine in args.engines.split(","):
        row = bench_engine(engine.strip(), tokens, args)
        rows.append(row)
        print(
            f"| {row['engine']} | {row['wrapper_s']} | {row['direct_s']} | {row['ratio']} | "
            f"{row['wrapper_cpu_s']} | {row['direct_cpu_s']} | {row['cpu_ratio']} | "
            f"{row['prep_s']} | {row['c_npmi_wrapper']} | {row['c_npmi_direct']} | "
            f"{row['identical_topics']} |",
            flush=True,
        )
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "args": {k: str(v) for k, v in vars(args).items()},
                    "machine": machine(),
                    "rows": rows,
                },
                indent=2,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
