"""Audit the ``generic_news`` globs: the word types each one reaches, most frequent first.

Every glob word is expanded over the vocabulary of the FA-KES units and the
State of the Union paragraphs since 1946, so a reader can spot unrelated words
(``moral*`` reaching "morale", ``infant*`` reaching "infantry").  Patterns that
match nowhere in either corpus are listed at the end.

Usage::

    python generic_news_globs.py [--lexicon PATH] [--top 12]
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

import generic_news_units as g

from corpus import Corpus
from framing import Frame, Lexicon, score_frames
from framing.score import glob_regex


def vocabulary(units: Corpus) -> Counter:
    """Token counts of all FA-KES units and SOTU paragraphs (1946 on)."""
    return Counter(w for text in units.texts for w in g.tokenize(text))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lexicon", type=Path, default=g.LEXICON)
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args()
    lexicon = g.load_lexicon(args.lexicon)
    units = g.read_any_units()
    counts = vocabulary(units)
    for frame in lexicon.frames:
        for pattern in frame.patterns:
            for word in pattern.words:
                if "*" not in word and "?" not in word:
                    continue
                rx = re.compile(glob_regex(word) + r"\Z")
                reached = sorted(((c, v) for v, c in counts.items() if rx.match(v)), reverse=True)
                shown = " ".join(f"{v}:{c}" for c, v in reached[: args.top])
                print(f"{frame.name:22s} {pattern.text:24s} {word:14s} | {shown}")
    print("\npatterns that match nowhere:")
    for frame, unseen in unmatched(lexicon, units).items():
        print(f"  {frame}: {', '.join(unseen) or '-'}")
    return 0


def unmatched(lexicon: Lexicon, units: Corpus) -> dict[str, list[str]]:
    """Per frame, the patterns that, each alone, match in none of the units.

    Every pattern becomes a frame of its own in one probe lexicon, scored once.
    """
    probes = [(frame.name, p) for frame in lexicon.frames for p in frame.patterns]
    probe = Lexicon(name="probe", frames=tuple(
        Frame(f"p{k}", patterns=(p,)) for k, (_, p) in enumerate(probes)))  # fmt: skip
    totals = score_frames(units, probe).counts.sum()
    out: dict[str, list[str]] = {frame.name: [] for frame in lexicon.frames}
    for k, (frame, p) in enumerate(probes):
        if totals[f"p{k}"] == 0:
            out[frame].append(p.text)
    return out


if __name__ == "__main__":
    raise SystemExit(main())
