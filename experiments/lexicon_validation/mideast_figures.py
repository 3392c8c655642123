"""Precision, recall and F1 of the ``mideast`` lexicon against the hand codes.

A unit is predicted positive for a frame when :func:`framing.score_frames`
counts at least one hit of that frame in it (each sampled paragraph scored as
one document).  Figures are computed per part of the sample:

* ``random``  : the 100 main units drawn at random (70 Middle East, 30 P5);
  they represent the population of eligible paragraphs within each group;
* ``pooled``  : all 205 main units (random + hit strata), unweighted, so
  hit-rich units are over-represented and recall is estimated mainly on the
  random part (a unit enters the hit stratum *because* the lexicon fired);
* ``holdout`` : the 60 units drawn and coded after the last revision;
* ``holdout_random`` : its 32 units drawn at random;
* ``test`` : the 205 one-line paragraphs (``lines`` segmentation) drawn and
  coded after the last revision (70 + 30 random, 15 hits per frame);
* ``test_random`` : its 100 units drawn at random -- the headline estimate for
  speeches laid out one paragraph per line;
* ``wrapped`` : the 105 paragraphs rejoined from hard-wrapped speeches
  (``rewrapped`` segmentation; 50 + 20 random, 5 hits per frame), drawn and
  coded after the last revision;
* ``wrapped_random`` : its 70 units drawn at random -- the estimate for
  hard-wrapped speeches (mostly 1992-2014) before the v0.4.0 revision;
* ``final`` : the 78 units drawn and coded after the v0.4.0 revision (44
  one-line paragraphs, ``final_lines``, and 34 rejoined paragraphs of
  hard-wrapped speeches, ``final_wrapped``); ``final_random`` : their 50
  random units.

Each unit's text is cut with the segmentation its sample row names.

Intervals are percentile bootstrap 95% intervals over units (1,000 resamples,
seed ``--seed``).  ``--errors FRAME`` lists that frame's false positives and
false negatives with the terms that fired: in the main sample (used to revise
the lexicon after the coding was finished) or, with ``--errors-part holdout``
or ``test``, in the later parts (read only to describe errors; the lexicon was
not revised after them).

Usage::

    python mideast_figures.py --markdown
    python mideast_figures.py --lexicon /tmp/mideast_v010.yaml   # an earlier version
    python mideast_figures.py --errors resistance
"""

from __future__ import annotations

import argparse
import textwrap
from pathlib import Path

import mideast_common as m
import pandas as pd
from mideast_draw import part_of
from report import COLUMNS, markdown

from corpus import Corpus
from framing import Lexicon, evaluate, find_hits, load_lexicon, score_frames

PARTS = {
    "random": lambda s: s.str.startswith("random:"),
    "pooled": lambda s: part_of(s) == "main",
    "holdout": lambda s: s.str.startswith("holdout:"),
    "holdout_random": lambda s: s.str.startswith("holdout:random:"),
    "test": lambda s: s.str.startswith("test:"),
    "test_random": lambda s: s.str.startswith("test:random:"),
    "wrapped": lambda s: s.str.startswith("wrapped:"),
    "wrapped_random": lambda s: s.str.startswith("wrapped:random:"),
    "final": lambda s: s.str.startswith(("final:", "finalw:")),
    "final_random": lambda s: s.str.startswith(("final:random:", "finalw:random:")),
    "final_lines": lambda s: s.str.startswith("final:"),
    "final_wrapped": lambda s: s.str.startswith("finalw:"),
}


def sample_corpus(sample: pd.DataFrame) -> Corpus:
    """The sampled paragraphs as a corpus, one document per unit, in sample order."""
    texts: dict[str, str] = {}
    for segmentation in sorted(set(sample["segmentation"])):
        wanted = set(sample.loc[sample["segmentation"] == segmentation, "unit_id"])
        units = m.read_units(segmentation)
        texts.update(
            (i, t) for i, t in zip(units.doc_ids, units.texts, strict=True) if i in wanted
        )
    ids = sample["unit_id"].tolist()
    return Corpus.from_texts([texts[i] for i in ids], doc_ids=ids)


def predicted(sample: Corpus, lexicon: Lexicon) -> pd.DataFrame:
    """Unit x frame counts from score_frames, with a ``doc_id`` column."""
    counts = score_frames(sample, lexicon).counts
    return counts.reset_index(names="doc_id")


def show_errors(frame: str, sample: Corpus, lexicon: Lexicon, pred, gold) -> None:
    """Print false positives (with the terms that fired) and false negatives."""
    hits = find_hits(sample, lexicon)
    hits = hits[(hits["frame"] == frame) & ~hits["negated"]]
    texts = dict(zip(sample.doc_ids, sample.texts, strict=True))
    merged = gold.merge(pred, on="doc_id", suffixes=("_gold", ""))
    for kind, mask in (
        ("FP", (merged[frame] > 0) & (merged[f"{frame}_gold"] == 0)),
        ("FN", (merged[frame] == 0) & (merged[f"{frame}_gold"] == 1)),
    ):
        for uid in merged.loc[mask, "doc_id"]:
            terms = hits.loc[hits["doc_id"] == uid, "match"].tolist()
            print(f"{kind} {uid} {terms}")
            print(textwrap.indent(textwrap.fill(texts[uid][:700], 110), "    "), "\n")


def main() -> int:
    """Print the figures per part (or the errors of one frame)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lexicon", type=Path, default=m.LEXICON)
    parser.add_argument("--seed", type=int, default=3000, help="bootstrap seed")
    parser.add_argument("--errors", choices=m.FRAMES)
    parser.add_argument(
        "--errors-part",
        choices=list(PARTS),
        default="pooled",
        help="the part whose errors --errors lists",
    )
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    sample = pd.read_csv(m.SAMPLE, dtype=str)
    gold = pd.read_csv(m.GOLD, dtype={"unit_id": str}).rename(columns={"unit_id": "doc_id"})
    gold = gold.drop(columns="coder")
    corpus = sample_corpus(sample[sample["unit_id"].isin(set(gold["doc_id"]))])
    lexicon = load_lexicon(args.lexicon)
    pred = predicted(corpus, lexicon)
    if args.errors:
        part_ids = set(sample.loc[PARTS[args.errors_part](sample["stratum"]), "unit_id"])
        show_errors(args.errors, corpus, lexicon, pred, gold[gold["doc_id"].isin(part_ids)])
        return 0
    for part, select in PARTS.items():
        ids = set(sample.loc[select(sample["stratum"]), "unit_id"]) & set(gold["doc_id"])
        if not ids:
            continue
        table = evaluate(
            pred[pred["doc_id"].isin(ids)],
            gold[gold["doc_id"].isin(ids)],
            frames=list(m.FRAMES),
            n_boot=1000,
            seed=args.seed,
        )[COLUMNS]
        print(f"\n## {part} (n = {len(ids)}, lexicon {args.lexicon.name}, engine score_frames)\n")
        print(markdown(table) if args.markdown else table.round(2).to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
