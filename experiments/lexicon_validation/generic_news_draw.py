"""Draw the stratified validation sample for the ``generic_news`` lexicon.

Three parts, each reproducible from its seed and the lexicon it was drawn with:

* ``main`` (seed 2000, lexicon v0.1.0 = git commit da9f603): ``random`` = 100
  units drawn at random within outlets (allocation proportional to each
  outlet's number of units, largest remainder), then ``hit:<frame>`` = 20
  units per frame drawn at random from the remaining units with at least one
  hit for that frame (frames in lexicon order, no unit drawn twice).
* ``holdout`` (seed 2001, lexicon v0.3.0 = git commit d3bb253, the last
  revision): 30 ``holdout:random`` units
  (within outlets, as above) and 6 ``holdout:hit:<frame>`` per frame, never
  units of the main part.
* ``sotu`` (seed 2002, no lexicon): 60 ``sotu:random`` State of the Union
  paragraphs (1946 on, 25+ words) drawn at random, an out-of-domain check.

The output keeps unit ids and strata only (never text), rows in coding order
(shuffled with the same seed, so the coder cannot tell the strata apart).

Usage::

    git show da9f603:framing/lexicon/data/generic_news.yaml > /tmp/generic_news_v010.yaml
    python generic_news_draw.py main --lexicon /tmp/generic_news_v010.yaml --seed 2000
    git show d3bb253:framing/lexicon/data/generic_news.yaml > /tmp/generic_news_v030.yaml
    python generic_news_draw.py holdout --lexicon /tmp/generic_news_v030.yaml --seed 2001
    python generic_news_draw.py sotu --seed 2002
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import generic_news_units as g
import numpy as np
import pandas as pd

PLAN = {"main": (100, 20), "holdout": (30, 6), "sotu": (60, 0)}
PREFIX = {"main": "", "holdout": "holdout:", "sotu": "sotu:"}


def allocate(sizes: pd.Series, total: int) -> pd.Series:
    """Proportional allocation with the largest-remainder rule (ties by name)."""
    exact = sizes / sizes.sum() * total
    base = np.floor(exact).astype(int)
    order = sorted(sizes.index, key=lambda k: (-(exact[k] - base[k]), k))
    for k in order[: total - int(base.sum())]:
        base[k] += 1
    return base


def draw(part: str, lexicon_path: Path, seed: int, taken: set[str]) -> pd.DataFrame:
    """Unit ids and strata of one part, in coding order."""
    n_random, n_per_frame = PLAN[part]
    prefix = PREFIX[part]
    rng = np.random.default_rng(seed)
    if part == "sotu":
        ids = rng.choice(sorted(g.read_sotu_units().doc_ids), size=n_random, replace=False)
        return pd.DataFrame({"unit_id": ids, "stratum": f"{prefix}random"})
    units = g.read_units()
    ids = pd.Index(units.doc_ids)
    source = pd.Series(units.docvars["source"].to_numpy(), index=ids)
    free = ~ids.isin(sorted(taken))
    rows: list[tuple[str, str]] = []
    quota = allocate(source[free].value_counts().sort_index(), n_random)
    for outlet in sorted(quota.index):
        pool = ids[free & (source == outlet).to_numpy()]
        for uid in rng.choice(pool, size=int(quota[outlet]), replace=False):
            rows.append((uid, f"{prefix}random"))
    chosen = {r[0] for r in rows} | set(taken)
    counts = g.simple_counts(g.load_lexicon(lexicon_path), units.texts, units.doc_ids)
    for frame in g.FRAMES:
        pool = ids[(counts[frame] > 0).to_numpy() & ~ids.isin(sorted(chosen))]
        for uid in rng.choice(pool, size=n_per_frame, replace=False):
            rows.append((uid, f"{prefix}hit:{frame}"))
            chosen.add(uid)
    sample = pd.DataFrame(rows, columns=["unit_id", "stratum"])
    return sample.iloc[rng.permutation(len(sample))].reset_index(drop=True)


def part_of(stratum: pd.Series) -> pd.Series:
    """The part of :data:`PLAN` each stratum label belongs to (``main`` has no prefix)."""
    head = stratum.str.split(":").str[0]
    return head.where(head.isin([p for p in PLAN if p != "main"]), "main")


def split_parts(sample: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The rows of each part of an existing sample file, by stratum prefix."""
    part = part_of(sample["stratum"])
    return {name: sample[part == name] for name in PREFIX}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("part", choices=sorted(PLAN))
    parser.add_argument("--lexicon", type=Path, default=g.LEXICON)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--out", type=Path, default=g.SAMPLE)
    args = parser.parse_args()
    previous = pd.read_csv(args.out, dtype=str) if args.out.exists() else None
    if args.part != "main" and previous is None:
        parser.error(f"{args.out} does not exist; draw the main part first")
    parts = split_parts(previous) if previous is not None else {}
    taken = set(parts["main"]["unit_id"]) if args.part == "holdout" else set()
    parts[args.part] = draw(args.part, args.lexicon, args.seed, taken)
    out = pd.concat([parts[name] for name in PREFIX if name in parts])
    tmp = args.out.with_suffix(".tmp")
    out.to_csv(tmp, index=False, lineterminator="\n")
    os.replace(tmp, args.out)
    print(out["stratum"].value_counts().sort_index().to_string())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
