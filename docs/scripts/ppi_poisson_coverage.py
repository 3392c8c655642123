"""Coverage of PPI++ Poisson intervals under differential measurement error (docs/effects.md).

Simulated populations of 2,000 units in two groups: true frame counts are Poisson with
log rate 0.5 + 0.3 * group (true log rate ratio 0.3).  The measure finds each true hit with
recall 0.9 in group 0 and 0.6 in group 1 and adds Poisson(0.1) false hits; 200 units are
coded (true counts) at random.  Prints, for the ``group`` coefficient of
``estimate_effect(scores, "war ~ group", family="poisson", gold=gold)``, the share of
populations whose 95% interval covers 0.3 for the naive, gold-only and PPI++ rows.  Too slow
for the test suite (about 1.5 s per population: ppi-python's Poisson estimator); its result
is recorded in docs/effects.md.

Usage::

    python docs/scripts/ppi_poisson_coverage.py [--reps 200] [--seed 0]
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd

from framing import estimate_effect

TRUE_EFFECT = 0.3


def population(seed: int, n_units: int = 2000, n_gold: int = 200):
    """Scores (the measure's counts) and a random coded sample (the true counts)."""
    rng = np.random.default_rng(seed)
    group = rng.integers(0, 2, n_units)
    truth = rng.poisson(np.exp(0.5 + TRUE_EFFECT * group))
    recall = np.where(group == 1, 0.6, 0.9)
    measured = rng.binomial(truth, recall) + rng.poisson(0.1, n_units)
    scores = pd.DataFrame(
        {
            "doc_id": [f"u{i}" for i in range(n_units)],
            "n_tokens": 50,
            "war": measured,
            "group": group,
        }
    )
    coded = rng.choice(n_units, n_gold, replace=False)
    gold = pd.DataFrame({"doc_id": scores["doc_id"].to_numpy()[coded], "war": truth[coded]})
    return scores, gold


def coverage(reps: int, seed: int) -> dict[str, float]:
    """Share of ``reps`` populations whose 95% interval covers the true effect, by method."""
    hits = {"ppi++": 0, "naive": 0, "gold-only": 0}
    for rep in range(reps):
        scores, gold = population(seed + rep)
        table = estimate_effect(scores, "war ~ group", family="poisson", gold=gold)
        for _, row in table[table["term"] == "group"].iterrows():
            hits[row["method"].split()[0]] += row["ci_low"] <= TRUE_EFFECT <= row["ci_high"]
    return {method: count / reps for method, count in hits.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=200, help="simulated populations")
    parser.add_argument("--seed", type=int, default=0, help="seed of the first population")
    args = parser.parse_args()
    for method, share in coverage(args.reps, args.seed).items():
        print(f"{method:10s} {share:.3f}")


if __name__ == "__main__":
    main()
