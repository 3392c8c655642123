"""Precision, recall and F1 of the ``generic_news`` lexicon against the hand codes.

A unit is predicted positive for a frame when the lexicon counts at least one
hit for it.  Figures are computed per part of the sample:

* ``random``  : the 100 units drawn at random within outlets (representative of
  all 3,510 units, so its precision and recall estimate the population's);
* ``pooled``  : all 200 units of the main sample (random + hit strata),
  unweighted, so hit-rich units are over-represented;
* ``holdout`` : the 60 units drawn and coded after the last revision;
* ``holdout_random`` : its 30 units drawn at random within outlets;
* ``sotu`` : 60 State of the Union paragraphs (1946 on) drawn at random, an
  out-of-domain check coded after the last revision.

``--engine score_frames`` (the default) counts with :func:`framing.score_frames`
over a corpus of the sampled units (one document per unit); ``--engine simple``
uses the plain matcher in :mod:`generic_news_units` (used while iterating).
``--errors FRAME`` lists that frame's false positives and false negatives with
the terms that fired (for revising the lexicon; the coding is already done).

Usage::

    python generic_news_figures.py --lexicon ../../framing/lexicon/data/generic_news.yaml
"""

from __future__ import annotations

import argparse
from pathlib import Path

import generic_news_units as g
import pandas as pd
from generic_news_draw import part_of
from report import COLUMNS, markdown

from corpus import Corpus
from framing import Lexicon, evaluate


def predicted_counts(units: Corpus, lexicon: Lexicon, ids: list[str], engine: str
                     ) -> pd.DataFrame:  # fmt: skip
    """Unit x frame counts for the sampled ``ids`` (column ``doc_id`` first)."""
    texts = [units[i].text for i in ids]
    if engine == "simple":
        counts = g.simple_counts(lexicon, texts, ids)
    else:
        from framing import score_frames

        sample = Corpus.from_texts(texts, doc_ids=ids)
        counts = score_frames(sample, lexicon, unit="document").counts
    return counts.reset_index().rename(columns={counts.index.name or "index": "doc_id"})


def figures(pred: pd.DataFrame, gold: pd.DataFrame, seed: int) -> pd.DataFrame:
    """The evaluation table (bootstrap 95% CIs over units, 1,000 resamples)."""
    table = evaluate(pred, gold, frames=list(g.FRAMES), n_boot=1000, seed=seed)
    return table[COLUMNS]


def show_errors(frame: str, units: Corpus, lexicon: Lexicon, pred: pd.DataFrame,
                gold: pd.DataFrame) -> None:  # fmt: skip
    """Print false positives (with the terms that fired) and false negatives."""
    matcher = g.SimpleMatcher(lexicon)
    merged = gold.merge(pred, on="doc_id", suffixes=("_gold", ""))
    for kind, mask in (
        ("FP", (merged[frame] > 0) & (merged[f"{frame}_gold"] == 0)),
        ("FN", (merged[frame] == 0) & (merged[f"{frame}_gold"] == 1)),
    ):
        for uid in merged.loc[mask, "doc_id"]:
            text = units[uid].text
            terms = [h[2] for h in matcher.hits(text)[frame]]
            print(f"{kind} {uid} {terms}\n    {text[:600]}\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lexicon", type=Path, default=g.LEXICON)
    parser.add_argument("--engine", choices=["score_frames", "simple"], default="score_frames")
    parser.add_argument("--seed", type=int, default=2000, help="bootstrap seed")
    parser.add_argument("--errors", choices=g.FRAMES)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    sample = pd.read_csv(g.SAMPLE, dtype=str)
    gold = pd.read_csv(g.GOLD, dtype={"unit_id": str}).rename(columns={"unit_id": "doc_id"})
    gold = gold.drop(columns="coder")
    units, lexicon = g.read_any_units(), g.load_lexicon(args.lexicon)
    pred = predicted_counts(units, lexicon, gold["doc_id"].tolist(), args.engine)
    if args.errors:
        main_ids = sample.loc[part_of(sample["stratum"]) == "main", "unit_id"]
        show_errors(args.errors, units, lexicon, pred, gold[gold["doc_id"].isin(main_ids)])
        return 0
    parts = {
        "random": sample["stratum"] == "random",
        "pooled": part_of(sample["stratum"]) == "main",
        "holdout": sample["stratum"].str.startswith("holdout:"),
        "holdout_random": sample["stratum"] == "holdout:random",
        "sotu": sample["stratum"] == "sotu:random",
    }
    for part, mask in parts.items():
        ids = set(sample.loc[mask, "unit_id"]) & set(gold["doc_id"])
        if not ids:
            continue
        table = figures(pred[pred["doc_id"].isin(ids)], gold[gold["doc_id"].isin(ids)], args.seed)
        print(f"\n## {part} (n = {len(ids)}, engine = {args.engine})\n")
        if args.markdown:
            print(markdown(table))
        else:
            print(table.round(2).to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
