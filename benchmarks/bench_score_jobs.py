"""Benchmark: scoring all of UNGDC in memory with one and with two worker processes.

The issue 3 goal is at least 1.8x the one-core throughput with two workers. This
script reads the whole archive into memory once, then measures ``n_jobs=1`` and
``n_jobs=2`` in adjacent pairs (the order swapped every round, so load changes
hit both alike) and reports the median of the per-pair ratios with its range.

As a control, each round also times a pure-Python CPU loop in a fresh, small
process, run whole on one core and split over two: its ratio is what the
machine gives two busy cores at that moment (the ceiling for any workload).

    python benchmarks/bench_score_jobs.py --runs 15
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

from _common import ARCHIVE

import corpus
import framing

# k processes share 40 M iterations of an integer loop (no memory traffic)
SPIN = """
import os, sys
k = int(sys.argv[1])
for _ in range(k - 1):
    if os.fork() == 0:
        break
x = 0
for i in range(40_000_000 // k):
    x += i * i
try:
    while True:
        os.wait()
except ChildProcessError:
    pass
"""


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _summary(pairs: list[tuple[float, float]]) -> str:
    ratios = sorted(a / b for a, b in pairs)
    q1, q3 = ratios[len(ratios) // 4], ratios[(3 * len(ratios)) // 4]
    return f"median ratio {statistics.median(ratios):.2f} (quartiles {q1:.2f}-{q3:.2f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--lexicon", default="mideast")
    parser.add_argument("--chunk-size", type=int, default=256, help="documents per chunk")
    parser.add_argument("--no-control", action="store_true", help="skip the CPU-loop control")
    args = parser.parse_args()
    speeches = corpus.read("ungdc", path=ARCHIVE)
    speeches = speeches.materialize()
    _ = speeches.fingerprint  # computed once, outside the timings
    mb = sum(len(t.encode()) for t in speeches.texts) / 1e6
    lexicon = framing.load_lexicon(args.lexicon)

    def score(jobs: int) -> None:
        framing.score_frames(speeches, lexicon, n_jobs=jobs, chunk_size=args.chunk_size)

    def spin(k: int) -> None:
        subprocess.run([sys.executable, "-S", "-c", SPIN, str(k)], check=True)

    scoring: list[tuple[float, float]] = []
    control: list[tuple[float, float]] = []
    for r in range(args.runs):
        order = (1, 2) if r % 2 == 0 else (2, 1)
        t = {jobs: _timed(lambda jobs=jobs: score(jobs)) for jobs in order}
        scoring.append((t[1], t[2]))
        if not args.no_control:
            c = {k: _timed(lambda k=k: spin(k)) for k in order}
            control.append((c[1], c[2]))
    one = statistics.median(a for a, _ in scoring)
    two = statistics.median(b for _, b in scoring)
    print(f"runs (s): 1 job {[round(a, 2) for a, _ in scoring]}")
    print(f"          2 jobs {[round(b, 2) for _, b in scoring]}")
    print(
        f"{mb:.1f} MB; 1 job {one:.2f} s ({mb / one:.1f} MB/s); 2 jobs {two:.2f} s "
        f"({mb / two:.1f} MB/s); scoring {_summary(scoring)}; chunk size {args.chunk_size}"
    )
    if control:
        print(f"control (CPU loop, 1 vs 2 processes): {_summary(control)}")
    print(f"load {os.getloadavg()[0]:.2f}; cores {os.cpu_count()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
