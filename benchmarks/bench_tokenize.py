"""Benchmark: tokenizing the UNGDC archive with the default recipe vs a bare pass.

Each variant runs in a fresh subprocess (so its peak RSS from
``resource.getrusage`` is its own), repeated ``--runs`` times, interleaved so
that machine noise hits every variant alike.  Variants:

``read``
    Stream the archive's texts through ``corpus.read("ungdc", path=...)``.
``bare``
    The same stream, plus ``re.findall(r"\\w+", text.lower())`` per text.
``tokenize``
    ``corpus.read("ungdc", path=...)`` then ``corpus.tokenize(corpus)``
    (default recipe: NFKC, lower-case, ``\\w+``; ids, offsets, vocabulary and
    the corpus fingerprint, computed in the same pass).
``tokenize_2jobs``
    The same with ``n_jobs=2`` (two worker processes tokenize while the main
    process reads; identical output).
``bare_mem`` / ``tokenize_mem``
    The same two over texts already in memory (reading excluded; the time
    to read them into memory is reported separately as ``load_mem``).

Usage::

    python benchmarks/bench_tokenize.py [--archive PATH] [--runs 3]

The archive defaults to ``$FRAMING_DATA/ungdc/UNGDC_1946-2024_TXT.tar.gz``
(``FRAMING_DATA`` defaults to ``../shared/data`` beside the repository).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _common import ARCHIVE, cpu_model

VARIANTS = ("read", "bare", "tokenize", "tokenize_2jobs", "bare_mem", "tokenize_mem")


def _cpu() -> float:
    """CPU seconds of this process and its finished children (worker processes)."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def _measure(variant: str, archive: str) -> dict[str, float]:
    """Run one variant in this process and return its timings and peak RSS."""
    import re
    import resource

    import corpus

    findall = re.compile(r"\w+").findall
    result: dict[str, float] = {}
    start = time.perf_counter()
    source = corpus.read("ungdc", path=archive)
    if variant.endswith("_mem"):
        texts = source.texts
        result["load_mem"] = time.perf_counter() - start
        result["mb"] = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        source = corpus.Corpus(texts, source.docvars)
        start = time.perf_counter()
    cpu_start = _cpu()
    n_tokens = 0
    if variant in ("read",):
        for text in source.iter_texts():
            n_tokens += len(text)
    elif variant.startswith("bare"):
        for text in source.iter_texts():
            n_tokens += len(findall(text.lower()))
    else:
        n_jobs = 2 if variant == "tokenize_2jobs" else 1
        n_tokens = int(corpus.tokenize(source, progress=False, n_jobs=n_jobs).ids.size)
    result["seconds"] = time.perf_counter() - start
    result["cpu_seconds"] = _cpu() - cpu_start
    result["n"] = n_tokens
    result["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def _run(variant: str, archive: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", variant, "--archive", str(archive)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)


def _machine() -> str:
    return f"{os.cpu_count()} CPUs ({cpu_model()}), Python {sys.version.split()[0]}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=Path, default=ARCHIVE)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--variants", nargs="+", default=list(VARIANTS), choices=VARIANTS)
    parser.add_argument("--child", choices=VARIANTS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_measure(args.child, str(args.archive))))
        return 0
    if not args.archive.is_file():
        print(
            f"archive {args.archive} not found; pass --archive or set FRAMING_DATA",
            file=sys.stderr,
        )
        return 1
    results: dict[str, list[dict[str, float]]] = {v: [] for v in args.variants}
    for run in range(args.runs):
        for variant in args.variants:
            results[variant].append(_run(variant, args.archive))
            print(f"run {run + 1} {variant}: {results[variant][-1]}", file=sys.stderr)
    print(f"machine: {_machine()}")
    medians = {}
    for variant, runs in results.items():
        medians[variant] = statistics.median(r["seconds"] for r in runs)
        rss = max(r["max_rss_mb"] for r in runs)
        cpu = statistics.median(r["cpu_seconds"] for r in runs)
        extra = ""
        if "load_mem" in runs[0]:
            extra = f", load into memory {statistics.median(r['load_mem'] for r in runs):.2f} s"
        every = ", ".join(f"{r['seconds']:.2f}" for r in runs)
        print(
            f"{variant:>13}: median {medians[variant]:.2f} s over {len(runs)} runs "
            f"(all: {every}), CPU {cpu:.2f} s, "
            f"peak RSS {rss:.0f} MB, n={runs[0]['n']}{extra}"
        )
    for fast, slow in (
        ("bare", "tokenize"),
        ("bare", "tokenize_2jobs"),
        ("bare_mem", "tokenize_mem"),
    ):
        if fast in medians and slow in medians:
            cpu_ratio = statistics.median(
                r["cpu_seconds"] for r in results[slow]
            ) / statistics.median(r["cpu_seconds"] for r in results[fast])
            print(
                f"ratio {slow}/{fast}: wall {medians[slow] / medians[fast]:.2f}, "
                f"CPU {cpu_ratio:.2f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
