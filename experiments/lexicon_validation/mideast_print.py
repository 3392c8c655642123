"""Print sample units for blind coding: unit id and text only.

Neither the stratum nor any lexicon hit is shown, so the coder codes from the
frame definitions alone.  Units print in the sample file's (shuffled) order.

Usage::

    python mideast_print.py --part main --start 0 --stop 25
    python mideast_print.py --part holdout
    python mideast_print.py --part test --start 0 --stop 25
    python mideast_print.py --part wrapped
"""

from __future__ import annotations

import argparse
import textwrap

import mideast_common as m
import pandas as pd
from mideast_draw import PLAN, part_of


def main() -> int:
    """Print units ``start`` to ``stop`` of one part."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--part", choices=list(PLAN), default="main")
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--stop", type=int, default=None)
    args = parser.parse_args()
    sample = pd.read_csv(m.SAMPLE, dtype=str)
    sample = sample[part_of(sample["stratum"]) == args.part].reset_index(drop=True)
    units = m.read_units(PLAN[args.part][0], only_layout=PLAN[args.part][5])
    texts = dict(zip(units.doc_ids, units.texts, strict=True))
    for i in range(args.start, min(args.stop or len(sample), len(sample))):
        uid = sample.at[i, "unit_id"]
        print(f"[{i}] {uid}")
        print(textwrap.fill(" ".join(texts[uid].split()), width=110))
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
