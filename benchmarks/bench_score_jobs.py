"""Benchmark: scoring all of UNGDC in memory with one and with two worker processes.

The issue 3 goal is at least 1.8x the one-core throughput with two workers. This
script reads the whole archive into memory once, then alternates ``n_jobs=1`` and
``n_jobs=2`` (the order swapped every round, so load changes hit both alike) and
reports medians and their ratio.

    python benchmarks/bench_score_jobs.py --runs 5
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import corpus
import framing

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("FRAMING_DATA", ROOT.parent / "shared" / "data"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lexicon", default="mideast")
    parser.add_argument("--chunk-size", type=int, default=256, help="documents per chunk")
    args = parser.parse_args()
    speeches = corpus.read("ungdc", path=DATA / "ungdc" / "UNGDC_1946-2024_TXT.tar.gz")
    speeches = speeches.materialize()
    mb = sum(len(t.encode()) for t in speeches.texts) / 1e6
    lexicon = framing.load_lexicon(args.lexicon)
    times: dict[int, list[float]] = {1: [], 2: []}
    for r in range(args.runs):
        for jobs in (1, 2) if r % 2 == 0 else (2, 1):
            start = time.perf_counter()
            framing.score_frames(speeches, lexicon, n_jobs=jobs, chunk_size=args.chunk_size)
            times[jobs].append(time.perf_counter() - start)
    median = {j: sorted(v)[len(v) // 2] for j, v in times.items()}
    print(f"runs (s): {({j: [round(x, 2) for x in v] for j, v in times.items()})}")
    print(f"{mb:.1f} MB; 1 job {median[1]:.2f} s ({mb / median[1]:.1f} MB/s); "
          f"2 jobs {median[2]:.2f} s ({mb / median[2]:.1f} MB/s); "
          f"ratio {median[1] / median[2]:.2f}; chunk size {args.chunk_size}; "
          f"load {os.getloadavg()[0]:.2f}; cores {os.cpu_count()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
