"""Benchmark: training word vectors on UNGDC, and expanding one lexicon frame.

Goals (issue 14): training embeddings on all of UNGDC (199 MB) in under 10
minutes on one core (``workers=1``, the deterministic setting); expanding one
frame on all of UNGDC from cached Tokens and vectors in under 10 s.

Usage (from the repository root)::

    python benchmarks/bench_embed.py --cache /tmp/bench-cache --methods word2vec,fasttext
    python benchmarks/bench_embed.py --cache /tmp/bench-cache --methods word2vec \\
        --expand resistance --repeats 5

Tokens (default recipe) are cached in ``--cache``.  Training is timed once per
method (minutes each; wall and CPU time, since the machine is shared) and never
taken from the cache; the trained vectors are then stored in the cache, and the
expansion is timed ``--repeats`` times with Tokens and vectors loaded from it
(loading, which re-reads the archive to fingerprint it, is reported apart).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from pathlib import Path

from _common import ARCHIVE, cpu_model


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ARCHIVE)
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--methods", default="word2vec")
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--expand", default="resistance", help="frame of mideast to expand")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    import corpus
    from framing.embed import load_vectors, train_vectors, vectors_cache_key
    from framing.lexicon import load_lexicon
    from framing.measures import expand_lexicon

    start = time.perf_counter()
    tokens = corpus.tokenize(corpus.load_ungdc(args.data), cache_dir=args.cache, progress=False)
    result = {
        "cpu": cpu_model(),
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "tokens": int(tokens.ids.size),
        "types": len(tokens.vocab),
        "tokens_s": round(time.perf_counter() - start, 1),
        "train_s": {},
        "train_cpu_s": {},
    }
    vectors = None
    for method in args.methods.split(","):
        start, cpu = time.perf_counter(), time.process_time()
        vectors = train_vectors(tokens, method=method, epochs=args.epochs, seed=args.seed)
        result["train_s"][method] = round(time.perf_counter() - start, 1)
        result["train_cpu_s"][method] = round(time.process_time() - cpu, 1)
        params = ("method", "dim", "window", "min_count", "epochs", "seed", "workers", "sg")
        key = vectors_cache_key(tokens.fingerprint, {k: vectors.record[k] for k in params})
        vectors.save(args.cache / f"vectors-{key}.npz")
        print(json.dumps(result), flush=True)
    if vectors is not None and args.expand:
        path = args.cache / f"vectors-{key}.npz"
        lexicon = load_lexicon("mideast")
        load_runs = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            tokens = corpus.tokenize(
                corpus.load_ungdc(args.data), cache_dir=args.cache, progress=False
            )
            vectors = load_vectors(path, format="npz")
            load_runs.append(time.perf_counter() - start)
        result["load_tokens_and_vectors_s"] = round(statistics.median(load_runs), 2)
        wall, cpu = [], []
        for _ in range(args.repeats):
            start, cpu0 = time.perf_counter(), time.process_time()
            expand_lexicon(tokens, lexicon, vectors, frames=args.expand)
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - cpu0)
        result["expand_s"] = [round(x, 2) for x in wall]
        result["expand_cpu_s"] = [round(x, 2) for x in cpu]
        result["expand_median_s"] = round(statistics.median(wall), 2)
        result["expand_median_cpu_s"] = round(statistics.median(cpu), 2)
    result["load_avg"] = [round(x, 1) for x in os.getloadavg()]
    print(json.dumps(result))


if __name__ == "__main__":
    main()
