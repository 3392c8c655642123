"""Print sampled units for blind hand-coding: number, unit id and text only.

No stratum, no lexicon hit and no outlet is shown, so the coder sees nothing
that the lexicon computed.  Units come in the sample file's (shuffled) order.

Usage::

    python generic_news_print.py --part main --start 0 --stop 20
    python generic_news_print.py --part sotu --start 0 --stop 20
"""

from __future__ import annotations

import argparse
import textwrap

import generic_news_units as g
import pandas as pd
from generic_news_draw import PLAN, part_of


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--part", choices=sorted(PLAN), default="main")
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--stop", type=int, default=20)
    args = parser.parse_args()
    sample = pd.read_csv(g.SAMPLE, dtype=str)
    sample = sample[part_of(sample["stratum"]) == args.part]
    units = g.read_any_units()
    for k in range(args.start, min(args.stop, len(sample))):
        uid = sample["unit_id"].iloc[k]
        print(f"#{k} {uid}")
        print(textwrap.fill(units[uid].text, width=110))
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
