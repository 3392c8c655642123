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
from fnmatch import translate
from pathlib import Path

import generic_news_units as g

from framing import Frame, Lexicon, Pattern


def vocabulary() -> tuple[Counter, list[list[str]]]:
    """Token counts and token lists of all FA-KES units and SOTU paragraphs (1946 on)."""
    units = g.read_any_units()
    tokens = [g.tokenize(text) for text in units.texts]
    return Counter(w for t in tokens for w in t), tokens


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lexicon", type=Path, default=g.LEXICON)
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args()
    lexicon = g.load_lexicon(args.lexicon)
    counts, tokens = vocabulary()
    for frame in lexicon.frames:
        for pattern in frame.patterns:
            for word in pattern.words:
                if "*" not in word and "?" not in word:
                    continue
                rx = re.compile(translate(word))
                reached = sorted(((c, v) for v, c in counts.items() if rx.match(v)), reverse=True)
                shown = " ".join(f"{v}:{c}" for c, v in reached[: args.top])
                print(f"{frame.name:22s} {pattern.text:24s} {word:14s} | {shown}")
    print("\npatterns that match nowhere:")
    for frame in lexicon.frames:
        unseen = [p.text for p in frame.patterns if not matches_somewhere(p, tokens)]
        print(f"  {frame.name}: {', '.join(unseen) or '-'}")
    return 0


def matches_somewhere(pattern: Pattern, tokens: list[list[str]]) -> bool:
    """Whether the pattern alone matches in any token list."""
    first = re.compile(translate(pattern.words[0]))
    single = Lexicon(name="one", frames=(Frame("one", patterns=(pattern,)),))
    matcher = g.SimpleMatcher(single)
    return any(
        matcher.frame_hits(single.frames[0], t) for t in tokens if any(map(first.match, t))
    )


if __name__ == "__main__":
    raise SystemExit(main())
