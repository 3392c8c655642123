"""Scoring a partitioned Parquet dataset in one process, a local pool and a Dask LocalCluster.

Builds a dataset by repeating UNGDC ``--copies`` times with distinct ids (one Parquet
file per copy and session, written outside the repository: ``--dataset``), then runs
``framing score DATASET --reader parquet --text-col text --id-col id --lexicon mideast``
as whole processes, alternating the variants, ``--runs`` times each:

* ``1 process``: no ``--scheduler`` (partitions read and scored one after the other);
* ``local:2``: the local pool of two forked processes;
* ``dask 2 workers``: ``--scheduler tcp://127.0.0.1:PORT``, a LocalCluster of two
  single-threaded worker processes on loopback started by this script (a fresh one for
  each run, so that the workers' peak memory is that run's).

It checks that the three outputs are the same bytes, and reports median wall time,
MB/s of text, speed-up over one process, the client's peak RSS (the ``framing``
process and its own children) and each Dask worker's peak RSS, then a projection for
100 GB on 32 workers from the measured cost per MB (labelled as a projection).

    python benchmarks/bench_dask.py --copies 10 --dataset /tmp/ungdc_x10 --runs 3
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ARCHIVE, cpu_model

_WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:])
wall = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"rc": done.returncode, "wall": wall, "rss_mb": peak / 1024}))
"""


def build(dataset: Path, copies: int) -> tuple[int, int, float]:
    """Write the dataset (skipped when its marker exists); files, documents, MB of text."""
    marker = dataset / "_built.json"
    if marker.exists():
        info = json.loads(marker.read_text())
        if info["copies"] == copies:
            return info["files"], info["documents"], info["mb"]
    import pyarrow as pa
    import pyarrow.parquet as pq

    from corpus import load_ungdc

    corp = load_ungdc(ARCHIVE)
    frame = corp.docvars.reset_index()
    frame["text"] = corp.texts
    mb = sum(len(t.encode("utf-8")) for t in frame["text"]) / 1e6
    dataset.mkdir(parents=True, exist_ok=True)
    files = 0
    for k in range(copies):
        for session, group in frame.groupby("session", sort=True):
            table = pa.table(
                {
                    "id": [f"c{k}/{d}" for d in group["doc_id"]],
                    "text": group["text"].tolist(),
                    "country": group["country"].astype(str).tolist(),
                    "year": group["year"].astype("int64").tolist(),
                }
            )
            pq.write_table(table, dataset / f"copy{k:02d}-session{int(session):03d}.parquet")
            files += 1
    info = {"copies": copies, "files": files, "documents": len(frame) * copies,
            "mb": mb * copies}  # fmt: skip
    marker.write_text(json.dumps(info))
    return files, info["documents"], info["mb"]


def run(cmd: list[str]) -> dict:
    out = subprocess.run([sys.executable, "-c", _WRAPPER, *cmd], capture_output=True, text=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if result["rc"] != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{out.stderr}")
    return result


def _worker_peak() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_dask(cmd: list[str], workers: int) -> dict:
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      host="127.0.0.1", dashboard_address=None) as cluster:  # fmt: skip
        result = run([*cmd, "--scheduler", cluster.scheduler_address])
        with Client(cluster) as client:
            peaks = client.run(_worker_peak)
    result["worker_rss_mb"] = sorted(peaks.values())
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10, help="UNGDC copies (10 = ~2 GB)")
    parser.add_argument("--dataset", default="/tmp/framing_ungdc_dataset",
                        help="dataset folder, outside the repository")  # fmt: skip
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    dataset = Path(args.dataset) / f"x{args.copies}"
    if args.build_only:
        build(dataset, args.copies)
        return
    # built in a child process: Dask's worker processes start from this one, and would
    # otherwise begin with the memory that building the dataset took
    subprocess.run([sys.executable, __file__, *sys.argv[1:], "--build-only"], check=True)
    files, docs, mb = build(dataset, args.copies)
    print(f"dataset {dataset}: {files} files, {docs} documents, {mb:.1f} MB of text; "
          f"CPU {cpu_model()}")  # fmt: skip
    out = Path(tempfile.mkdtemp())
    base = [sys.executable, "-m", "framing", "score", str(dataset), "--reader", "parquet",
            "--text-col", "text", "--id-col", "id", "--lexicon", "mideast", "--quiet"]  # fmt: skip
    pool = ["--scheduler", f"local:{args.workers}"]
    variants = {
        "1 process": lambda o: run([*base, "--out", o]),
        f"local:{args.workers}": lambda o: run([*base, "--out", o, *pool]),
        f"dask {args.workers} workers": lambda o: run_dask([*base, "--out", o], args.workers),
    }
    results: dict[str, list[dict]] = {name: [] for name in variants}
    for i in range(args.runs):
        order = list(variants) if i % 2 == 0 else list(reversed(variants))
        for name in order:
            target = str(out / f"{name.split()[0].replace(':', '')}.parquet")
            results[name].append(variants[name](target))
            print(f"run {i + 1} {name}: {results[name][-1]}", flush=True)
    outputs = {p.read_bytes() for p in out.glob("*.parquet")}
    print(f"outputs identical: {len(outputs) == 1}")
    report(results, mb, files)


def report(results: dict[str, list[dict]], mb: float, files: int) -> None:
    one = statistics.median(r["wall"] for r in results["1 process"])
    print(
        "\n| variant | runs | wall s (median) | MB/s | speed-up | client peak RSS MB | "
        "worker peak RSS MB |\n|---|---:|---:|---:|---:|---:|---:|"
    )
    for name, runs in results.items():
        wall = statistics.median(r["wall"] for r in runs)
        rss = statistics.median(r["rss_mb"] for r in runs)
        workers = [max(r["worker_rss_mb"]) for r in runs if "worker_rss_mb" in r]
        worker = f"{statistics.median(workers):.0f}" if workers else "-"
        print(
            f"| {name} | {len(runs)} | {wall:.1f} | {mb / wall:.1f} | {one / wall:.2f}x | "
            f"{rss:.0f} | {worker} |"
        )
    per_mb = one / mb
    dask = statistics.median(r["wall"] for r in results[list(results)[-1]])
    efficiency = (one / dask) / 2
    minutes = 100_000 * per_mb / (32 * efficiency) / 60
    print(
        f"\nPROJECTION (not measured): 100 GB on 32 workers at {per_mb * 1000:.1f} ms per MB "
        f"per worker ({one / files:.2f} s per partition of {mb / files:.1f} MB) and the "
        f"measured 2-worker efficiency {efficiency:.2f}: about {minutes:.1f} minutes"
    )


if __name__ == "__main__":
    main()
