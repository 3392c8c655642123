"""CPU cost of scoring one partition in a plain process and in a Dask worker (issue 16).

A profile of the 2-worker LocalCluster showed the workers busy but slower than one
process: the same partitions cost more CPU time in a Dask worker.  This script measures
that directly, in CPU time (which the load of other jobs on a shared machine disturbs
far less than wall time): it scores ``--parts`` partitions of the dataset ``--reps`` times and
reports the CPU seconds of the scoring thread and the page faults of the process,

* in this process (``plain``);
* in a Dask worker started by a LocalCluster (its nanny sets
  ``MALLOC_TRIM_THRESHOLD_=65536``), before ``framing.compute`` opens an executor on it
  (``dask worker, as started``);
* in the same worker after ``open_executor`` registered its worker plugin, which sets
  glibc's mmap and trim thresholds (``dask worker, with plugin``).

    python benchmarks/bench_dask_worker.py --dataset /tmp/i16_bench/x10 --rounds 3
"""

from __future__ import annotations

import argparse
import statistics
import time


def score_repeatedly(parts, lexicon, reps: int) -> tuple[float, int]:
    """CPU seconds of this thread and minor page faults for ``reps`` scorings of ``parts``."""
    import resource

    from framing.score import score_frames

    score_frames(parts[0].read(), lexicon)  # warm: the matcher is built once per process
    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    start = time.thread_time()
    for _ in range(reps):
        for part in parts:
            score_frames(part.read(), lexicon)
    cpu = time.thread_time() - start
    return cpu, resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", required=True, help="a folder made by bench_dask.py")
    parser.add_argument("--parts", type=int, default=20, help="partitions, evenly spaced")
    parser.add_argument("--reps", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    from distributed import Client, LocalCluster

    import corpus
    from framing.compute import open_executor
    from framing.lexicon import load_lexicon

    parts = corpus.partitions(args.dataset, reader="parquet", text_col="text", id_col="id")
    step = max(1, len(parts) // args.parts)
    part, lexicon = parts[::step][: args.parts], load_lexicon("mideast")
    results: dict[str, list[tuple[float, int]]] = {}
    for _ in range(args.rounds):
        results.setdefault("plain", []).append(score_repeatedly(part, lexicon, args.reps))
        options = {"n_workers": 1, "threads_per_worker": 1, "host": "127.0.0.1"}
        with LocalCluster(**options, dashboard_address=None) as cluster, Client(cluster) as client:
            run = client.submit(score_repeatedly, part, lexicon, args.reps, pure=False)
            results.setdefault("dask worker, as started", []).append(run.result())
            with open_executor(cluster.scheduler_address):
                run = client.submit(score_repeatedly, part, lexicon, args.reps, pure=False)
                results.setdefault("dask worker, with plugin", []).append(run.result())
    plain = statistics.median(cpu for cpu, _ in results["plain"])
    mb = sum(len(t.encode()) for p in part for t in p.read().texts) / 1e6
    print(f"{len(part)} partitions ({mb:.1f} MB of text) scored {args.reps} times per round, "
          f"{args.rounds} rounds\n")  # fmt: skip
    print("| where | CPU s (median) | vs plain | page faults (median) |\n|---|---:|---:|---:|")
    for name, runs in results.items():
        cpu = statistics.median(c for c, _ in runs)
        faults = statistics.median(f for _, f in runs)
        print(f"| {name} | {cpu:.2f} | {cpu / plain:.2f}x | {faults:,.0f} |")


if __name__ == "__main__":
    main()
