"""Benchmark: reading the UNGDC archive with ``corpus.load_ungdc`` against bare passes.

Each measurement runs in a fresh subprocess (so peak memory is its own) and is
repeated; the script prints medians as a Markdown table.

Variants
--------
bare_read      tarfile streamed front to back, every .txt member decoded (the floor)
bare_tokenize  bare_read + ``text.lower()`` + ``re.findall(r"\\w+")`` (the issue's reference)
listing        ``load_ungdc(path)``: the listing pass only (ids, metadata, checks)
read_archive   ``load_ungdc(path, order="archive")`` + one pass over the texts
read_sorted    ``load_ungdc(path)`` (sorted order, the default) + one pass
tok_archive    read_archive + lower + findall on each text (compare with bare_tokenize)

Usage::

    python benchmarks/bench_read.py [ARCHIVE] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from _common import ARCHIVE

CHILD = r"""
import json, re, resource, sys, tarfile, time
variant, path = sys.argv[1], sys.argv[2]
word = re.compile(r"\w+")
t0 = time.perf_counter()
chars = tokens = 0
listing = None
if variant.startswith("bare"):
    with tarfile.open(path, "r|*") as tar:
        for member in tar:
            if member.isfile() and member.name.endswith(".txt"):
                text = tar.extractfile(member).read().decode("utf-8")
                chars += len(text)
                if variant == "bare_tokenize":
                    tokens += len(word.findall(text.lower()))
else:
    from corpus import load_ungdc
    order = "sorted" if variant in ("listing", "read_sorted") else "archive"
    corpus = load_ungdc(path, order=order)
    listing = time.perf_counter() - t0
    if variant != "listing":
        for text in corpus.iter_texts():
            chars += len(text)
            if variant == "tok_archive":
                tokens += len(word.findall(text.lower()))
seconds = time.perf_counter() - t0
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "listing": listing, "chars": chars, "tokens": tokens,
                  "peak_mb": peak_mb}))
"""

VARIANTS = ("bare_read", "bare_tokenize", "listing", "read_archive", "read_sorted", "tok_archive")


def run(variant: str, path: Path) -> dict:
    """Run one variant in a fresh interpreter and return its measurements."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, variant, str(path)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    return json.loads(done.stdout)


def main() -> None:
    """Measure every variant ``--repeat`` times, interleaved, and print medians."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("archive", nargs="?", type=Path, default=ARCHIVE)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    results: dict[str, list[dict]] = {v: [] for v in VARIANTS}
    for _ in range(args.repeat):  # interleaved, so load changes hit every variant alike
        for variant in VARIANTS:
            results[variant].append(run(variant, args.archive))
    base = statistics.median(r["seconds"] for r in results["bare_read"])
    tok = statistics.median(r["seconds"] for r in results["bare_tokenize"])
    print(
        f"archive: {args.archive} ({args.archive.stat().st_size:,} bytes); "
        f"repeat {args.repeat}; medians\n"
    )
    print("| variant | seconds | vs bare_read | vs bare_tokenize | MB/s of text | peak MB |")
    print("|---|---|---|---|---|---|")
    for variant, runs in results.items():
        seconds = statistics.median(r["seconds"] for r in runs)
        chars = runs[0]["chars"]
        speed = f"{chars / seconds / 1e6:.1f}" if chars else "-"
        peak = statistics.median(r["peak_mb"] for r in runs)
        print(
            f"| {variant} | {seconds:.2f} | {seconds / base:.2f} | {seconds / tok:.2f} | "
            f"{speed} | {peak:.0f} |"
        )
    counts = {v: (results[v][0]["chars"], results[v][0]["tokens"]) for v in VARIANTS}
    print(f"\ncharacters/tokens per variant (must agree): {counts}")


if __name__ == "__main__":
    main()
