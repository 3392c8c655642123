"""Benchmark the bootstrap statistics (issue 5).

Run:  python benchmarks/bench_stats.py [--repeats 5]

Synthetic data at UN General Debate scale (10,952 documents, 200 countries,
79 years, 8 frames) so the benchmark needs no download; medians of several
runs, and the vectorised bootstrap measured side by side with a loop over
resamples on the same data.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

import numpy as np
import pandas as pd
from _common import median_time

from framing import aggregate, compare_groups, keyness, trend

FRAMES = [f"frame_{i}" for i in range(8)]


def make_table(n_docs: int = 10_952, n_groups: int = 200, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    table = pd.DataFrame(
        {
            "doc_id": [f"d{i:05d}" for i in range(n_docs)],
            "n_tokens": rng.integers(500, 6000, n_docs),
            "country": [f"C{i % n_groups:03d}" for i in range(n_docs)],
            "year": 1946 + rng.integers(0, 79, n_docs),
        }
    )
    for j, frame in enumerate(FRAMES):
        table[frame] = rng.poisson(table["n_tokens"] * (j + 1) / 2000)
    return table


def loop_bootstrap(table: pd.DataFrame, n_boot: int, seed: int) -> np.ndarray:
    """Reference: one resample at a time (what the vectorised code replaces)."""
    rng = np.random.default_rng(seed)
    num = table[FRAMES].to_numpy(float) * 1000
    den = table["n_tokens"].to_numpy(float)
    out = np.empty((n_boot, len(FRAMES)))
    for b in range(n_boot):
        idx = rng.integers(0, len(den), len(den))
        out[b] = num[idx].sum(0) / den[idx].sum()
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    table = make_table()
    one = table.assign(country="all")
    rng = np.random.default_rng(1)
    matrix = rng.poisson(0.3, size=(2000, 20_000))
    groups = np.where(np.arange(2000) < 1000, "t", "r")
    vocab = [f"w{i}" for i in range(20_000)]
    cases: dict[str, Callable[[], object]] = {
        "aggregate 200 groups, percentile, B=2000": lambda: aggregate(
            table, "country", frames=FRAMES, n_boot=2000, seed=1
        ),
        "aggregate 200 groups, BCa, B=2000": lambda: aggregate(
            table, "country", frames=FRAMES, n_boot=2000, method="bca", seed=1
        ),
        "aggregate 1 group of 10,952 docs, B=2000": lambda: aggregate(
            one, "country", frames=FRAMES, n_boot=2000, seed=1
        ),
        "loop over resamples, same 1 group, B=2000": lambda: loop_bootstrap(table, 2000, 1),
        "compare_groups 2 countries, B=2000": lambda: compare_groups(
            table, "country", target="C000", reference="C001", frames=FRAMES, n_boot=2000, seed=0
        ),
        "trend rolling, 79 years, B=1000": lambda: trend(
            table, "year", frames=FRAMES, n_boot=1000, seed=1
        ),
        "trend lowess, 79 years, B=1000": lambda: trend(
            table, "year", smoother="lowess", frames=FRAMES, n_boot=1000, seed=1
        ),
        "keyness 2,000 docs x 20,000 terms": lambda: keyness(
            matrix, groups, target="t", vocab=vocab
        ),
    }
    print(f"{'case':48s} median seconds ({args.repeats} runs)")
    for name, func in cases.items():
        print(f"{name:48s} {median_time(func, args.repeats):8.3f}")


if __name__ == "__main__":
    main()
