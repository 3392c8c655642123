"""Draw the stratified validation samples for the ``mideast`` lexicon.

Population: eligible UNGDC paragraphs, 1970-2024, of Middle-East speakers and
the P5 (see :mod:`mideast_common`).  Three parts, each reproducible from its
seed, its segmentation and the lexicon it was drawn with:

* ``main`` -- the development sample (seed 3000, ``blocks`` segmentation,
  lexicon v0.1.0 = git commit d647365): ``random:mideast`` = 70 and
  ``random:p5`` = 30 paragraphs drawn uniformly within the two speaker groups,
  then ``hit:<frame>`` = 15 paragraphs per frame drawn uniformly from the
  remaining paragraphs with at least one hit of that frame (frames in lexicon
  order, no paragraph drawn twice): 205 units.  The lexicon was revised on it.
* ``holdout`` (seed 3001, ``blocks``, lexicon v0.3.0 = git commit a9e3c86):
  ``holdout:random:mideast`` = 22, ``holdout:random:p5`` = 10 and
  ``holdout:hit:<frame>`` = 4 per frame: 60 units.
* ``test`` (seed 3002, ``lines`` -- one paragraph per line --, lexicon v0.3.0):
  ``test:random:mideast`` = 70, ``test:random:p5`` = 30 and
  ``test:hit:<frame>`` = 15 per frame: 205 units, drawn and coded after the
  last revision.
* ``wrapped`` (seed 3003, ``rewrapped`` on hard-wrapped speeches only, lexicon
  v0.3.0): ``wrapped:random:mideast`` = 50, ``wrapped:random:p5`` = 20 and
  ``wrapped:hit:<frame>`` = 5 per frame: 105 units from the 487 speeches whose
  lines are hard-wrapped (mostly 1992-2014), which the ``lines`` test cannot
  reach; drawn and coded after the v0.3.0 revision.
* ``final`` (seed 3004, ``lines``, lexicon v0.4.0) and ``finalw`` (seed 3005,
  ``rewrapped`` on hard-wrapped speeches, v0.4.0): 21 + 9 random and 2 hits per
  frame (44 units), and 14 + 6 random and 2 hits per frame (34 units), drawn
  and coded after the last revision (v0.4.0), which used the errors of the
  hold-out, test and wrapped samples.

Units of a new part never repeat an id already in the sample file.  The output
keeps unit ids, strata and segmentation only (never text), rows in coding order
(shuffled with the same seed, so the coder cannot tell the strata apart).
Rerunning a part replaces only that part's rows.

Usage::

    git show d647365:framing/lexicon/data/mideast.yaml > /tmp/mideast_v010.yaml
    python mideast_draw.py main --lexicon /tmp/mideast_v010.yaml --seed 3000
    python mideast_draw.py holdout --seed 3001
    python mideast_draw.py test --seed 3002
    python mideast_draw.py wrapped --seed 3003
    python mideast_draw.py final --seed 3004
    python mideast_draw.py finalw --seed 3005
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import mideast_common as m
import numpy as np
import pandas as pd

#: part -> (segmentation, random Middle East, random P5, hits per frame, stratum prefix,
#: speech layout kept or None for all)
PLAN = {
    "main": ("blocks", 70, 30, 15, "", None),
    "holdout": ("blocks", 22, 10, 4, "holdout:", None),
    "test": ("lines", 70, 30, 15, "test:", None),
    "wrapped": ("rewrapped", 50, 20, 5, "wrapped:", "wrapped"),
    "final": ("lines", 21, 9, 2, "final:", None),
    "finalw": ("rewrapped", 14, 6, 2, "finalw:", "wrapped"),
}


def part_of(stratum: pd.Series) -> pd.Series:
    """The part of :data:`PLAN` each stratum label belongs to (``main`` has no prefix)."""
    head = stratum.str.split(":").str[0]
    return head.where(head.isin([p for p in PLAN if p != "main"]), "main")


def draw(part: str, lexicon_path: Path, seed: int, taken: set[str]) -> pd.DataFrame:
    """Unit ids, strata and segmentation of one part, in coding order."""
    segmentation, n_me, n_p5, n_hit, prefix, only_layout = PLAN[part]
    rng = np.random.default_rng(seed)
    units = m.read_units(segmentation, only_layout=only_layout)
    ids = pd.Index(units.doc_ids)
    group = np.array([m.group_of(c) for c in units.docvars["country"]])
    chosen = set(taken)
    rows: list[tuple[str, str]] = []
    for name, size in (("mideast", n_me), ("p5", n_p5)):
        pool = ids[(group == name) & ~ids.isin(sorted(chosen))]
        for uid in rng.choice(pool, size=size, replace=False):
            rows.append((str(uid), f"{prefix}random:{name}"))
            chosen.add(str(uid))
    counts = m.hit_counts(units, lexicon_path)
    for frame in m.FRAMES:
        pool = ids[(counts[frame] > 0).to_numpy() & ~ids.isin(sorted(chosen))]
        for uid in rng.choice(pool, size=n_hit, replace=False):
            rows.append((str(uid), f"{prefix}hit:{frame}"))
            chosen.add(str(uid))
    sample = pd.DataFrame(rows, columns=["unit_id", "stratum"]).assign(segmentation=segmentation)
    return sample.iloc[rng.permutation(len(sample))].reset_index(drop=True)


def main() -> int:
    """Draw one part and write it into the sample CSV (atomically)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("part", choices=list(PLAN))
    parser.add_argument("--lexicon", type=Path, default=m.LEXICON)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--out", type=Path, default=m.SAMPLE)
    args = parser.parse_args()
    previous = pd.read_csv(args.out, dtype=str) if args.out.exists() else None
    keep = pd.DataFrame(columns=["unit_id", "stratum", "segmentation"])
    if previous is not None:
        keep = previous[part_of(previous["stratum"]) != args.part]
    new = draw(args.part, args.lexicon, args.seed, set(keep["unit_id"]))
    out = pd.concat([keep, new], ignore_index=True)
    order = part_of(out["stratum"]).map({p: i for i, p in enumerate(PLAN)})
    out = out.iloc[np.argsort(order.to_numpy(), kind="stable")]
    tmp = args.out.with_suffix(".csv.tmp")
    out.to_csv(tmp, index=False, lineterminator="\n")
    os.replace(tmp, args.out)
    print(f"wrote {len(new)} {args.part} units to {args.out}")
    print(new["stratum"].value_counts().sort_index().to_string())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
