"""Draw docs/img/ppi_coverage.png: when the naive interval is wrong (docs/effects.md).

Simulated populations of 2,000 units: the frame is present in 30% of group 0 and 40% of
group 1 (true difference 0.10).  The measure finds it with recall 0.9 in group 0 and
0.9 - gap in group 1 (false-positive rate 0.05 in both); 200 units are coded at random.
Left: the share of 200 populations whose 95% interval for the difference covers 0.10,
by recall gap, for the naive (measure as truth), gold-only and PPI++ estimates.  Right:
the three intervals in one population with a gap of 0.3.

Usage::

    python docs/scripts/ppi_coverage.py [--reps 200] [--out docs/img/ppi_coverage.png]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from framing import estimate_effect, plot_effect_groups, save_figure
from framing.figures._style import OKABE_ITO, house_style, new_figure

METHODS = ("naive", "gold-only", "ppi++")
GAPS = (0.0, 0.1, 0.2, 0.3)


def population(seed: int, gap: float, n_units: int = 2000, n_gold: int = 200):
    rng = np.random.default_rng(seed)
    group = rng.integers(0, 2, n_units)
    truth = rng.random(n_units) < 0.3 + 0.1 * group
    recall = np.where(group == 1, 0.9 - gap, 0.9)
    measured = np.where(truth, rng.random(n_units) < recall, rng.random(n_units) < 0.05)
    scores = pd.DataFrame(
        {
            "doc_id": [f"u{i}" for i in range(n_units)],
            "n_tokens": 50,
            "frame": measured.astype(int),
            "group": group,
        }
    )
    coded = rng.choice(n_units, n_gold, replace=False)
    gold = pd.DataFrame(
        {"doc_id": scores["doc_id"].to_numpy()[coded], "frame": truth[coded].astype(int)}
    )
    return scores, gold


def difference(seed: int, gap: float) -> pd.DataFrame:
    scores, gold = population(seed, gap)
    table = estimate_effect(scores, "frame ~ group", family="ols", gold=gold)
    rows = table[table["term"] == "group"].copy()
    rows["method"] = rows["method"].str.split(" ").str[0]
    return rows


def coverage(reps: int) -> pd.DataFrame:
    out = []
    for gap in GAPS:
        hits = dict.fromkeys(METHODS, 0)
        for seed in range(reps):
            for _, row in difference(10_000 + seed, gap).iterrows():
                hits[row["method"]] += row["ci_low"] <= 0.1 <= row["ci_high"]
        out += [{"gap": gap, "method": m, "coverage": hits[m] / reps} for m in METHODS]
    return pd.DataFrame(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=200)
    parser.add_argument("--out", default=str(Path(__file__).parents[1] / "img/ppi_coverage.png"))
    args = parser.parse_args()
    table = coverage(args.reps)
    print(table.pivot(index="gap", columns="method", values="coverage").to_string())
    with house_style():
        fig, axes = new_figure("double", 2.6, ncols=2)
        left, right = axes[0]
        for i, method in enumerate(METHODS):
            part = table[table["method"] == method]
            left.plot(part["gap"], part["coverage"], marker="o", color=OKABE_ITO[i], label=method)
        left.axhline(0.95, color="#555555", linewidth=0.6, linestyle="--")
        left.set_xlabel("Recall gap between the groups")
        left.set_ylabel("Coverage of 95% intervals")
        left.set_ylim(0, 1.02)
        left.legend(loc="lower left")
        one = difference(10_000, 0.3).assign(term="group 1 - group 0")
        plot_effect_groups(one, by="method", hue=None, xlabel="Difference in share", ax=right)
        right.axvline(0.1, color="#555555", linewidth=0.6, linestyle="--")
    save_figure(fig, args.out)
    print(args.out)


if __name__ == "__main__":
    main()
