"""Benchmark: the target analysis of all of FA-KES on one core (issue 17).

Times, in one process pinned to one core where the OS allows it:

* ``read``: reading FA-KES (804 articles, 1.6 MB);
* ``frame_targets``: sentences, target mentions (``--targets``), frame hits
  (``--lexicon``), attribution and links: the whole analysis behind
  ``framing targets``;
* ``shares``: :func:`framing.targets.target_frame_shares` by outlet with
  ``--n-boot`` resamples;
* ``aliases``: :func:`framing.targets.alias_choice` by outlet, same resamples.

The goal is ``frame_targets`` under 10 s.  Medians of ``--repeats`` runs (wall
time) are printed as a Markdown table with the CPU model, then the median CPU
time of ``frame_targets``, which a shared machine's load does not inflate.

Usage (from the repository root)::

    python benchmarks/bench_targets.py --repeats 5
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable

from _common import DATA, cpu_model, median_time


def median_cpu(func: Callable[[], object], repeats: int) -> float:
    """Median CPU time (this process) of ``repeats`` calls, in seconds: robust to a shared
    machine's load, unlike wall time."""
    runs = []
    for _ in range(repeats):
        start = time.process_time()
        func()
        runs.append(time.process_time() - start)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", default=str(DATA / "news" / "fa-kes" / "FA-KES-Dataset.csv"))
    parser.add_argument("--targets", default="syria_war")
    parser.add_argument("--lexicon", default="mideast")
    parser.add_argument("--n-boot", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    import corpus
    from framing.targets import frame_targets

    def read() -> object:
        return corpus.read(args.csv, text_col="article_content", meta_cols=["source"])

    corp = read()
    result = frame_targets(corp, args.targets, args.lexicon)
    cpu = median_cpu(lambda: frame_targets(corp, args.targets, args.lexicon), args.repeats)
    timings = {
        "read": median_time(read, args.repeats),
        "frame_targets": median_time(
            lambda: frame_targets(corp, args.targets, args.lexicon), args.repeats
        ),
        "shares": median_time(
            lambda: result.shares("doc_source", n_boot=args.n_boot, seed=1), args.repeats
        ),
        "aliases": median_time(
            lambda: result.aliases("doc_source", n_boot=args.n_boot, seed=1), args.repeats
        ),
    }
    print(f"CPU: {cpu_model()}; cores used: 1; repeats: {args.repeats}")
    print(f"FA-KES: {len(corp)} articles, {len(result.rows)} rows, {len(result.links)} links\n")
    print("| step | median (s) |\n| --- | --- |")
    for step, seconds in timings.items():
        print(f"| {step} | {seconds:.2f} |")
    print(f"\nframe_targets CPU time (median): {cpu:.2f} s")


if __name__ == "__main__":
    main()
