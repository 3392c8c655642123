"""Draw the held-out-topic test sample for the ``generic_news`` measures (issue 14).

The ``generic_news`` lexicon and model are developed on FA-KES (Syrian-war news) and SOTU
paragraphs.  Their generalisation to news on topics they never saw is tested on English
sentences of FrAC (``news/frac/``: news and reader comments on immigration, climate change,
gun control, Israel-Palestine, Russia and other topics), coded blind for the five generic
frames.  FrAC's own policy-frame labels are not used; FrAC stays a test set.

Sentences that name Syria or its war (Syria, Assad, Damascus, Aleppo, ISIS/ISIL, Islamic
State) are left out, so the sample holds only topics absent from the training data; so are
sentences of fewer than eight words.  200 sentences are drawn uniformly at random (seed 3014)
from what remains.  Unit ids are ``frac:<row>``, the 0-based data row of the CSV file.

Usage::

    FRAMING_DATA=../shared/data python experiments/models/draw_heldout_topic.py \
        --coding /path/to/coding-requests --design framing/lexicon/data/validation
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "experiments" / "validation"))
import draw_test_samples as draw  # noqa: E402

SAMPLE_ID = "generic_news-heldout-topic-2026-12"
SEED = 3014
N_UNITS = 200
MIN_WORDS = 8
SYRIA = r"(?i)\b(?:syria\w*|assad|damascus|aleppo|isis|isil|islamic state)\b"
FRAMES = ("conflict", "human_interest", "economic_consequences", "morality", "responsibility")


def frac_path() -> Path:
    data = Path(os.environ.get("FRAMING_DATA", ROOT.parent / "shared" / "data"))
    return data / "news" / "frac" / "gold_standard_single_label_all.csv"


def population() -> pd.DataFrame:
    """FrAC sentences eligible for the sample, with their ``frac:<row>`` ids."""
    raw = pd.read_csv(frac_path(), dtype={"sentence": str})
    frame = pd.DataFrame(
        {"unit_id": [f"frac:{i}" for i in range(len(raw))], "text": raw["sentence"]}
    )
    words = frame["text"].str.split().str.len()
    keep = (words >= MIN_WORDS) & ~frame["text"].str.contains(SYRIA, regex=True)
    return frame[keep].reset_index(drop=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--coding", type=Path, required=True, help="coding-request root")
    parser.add_argument("--design", type=Path, required=True, help="design-file folder")
    args = parser.parse_args()
    pop = population()
    sample = pop.sample(n=N_UNITS, random_state=SEED).reset_index(drop=True)
    sample = sample.assign(stratum="all", population=len(pop), n=N_UNITS, weight=1.0)
    defs = draw.frame_definitions(ROOT / "framing/lexicon/data/generic_news.md", FRAMES)
    unit = (
        "one English sentence from a news article or from a reader's comment on a news "
        "article (topics such as immigration, climate change, gun control, elections, "
        "international politics)"
    )
    extra = (
        "A sentence may lack context; code only what the sentence itself says. The coding "
        "rules below were written for war news; apply their meaning to the sentence's own "
        "topic.\n"
    )
    book = draw.codebook(
        "the five generic news frames (Semetko & Valkenburg 2000)", unit, FRAMES, defs, extra
    )
    draw.write_request(args.coding / SAMPLE_ID, sample, book)
    draw.write_design(args.design / f"{SAMPLE_ID}.design.csv", sample)
    print(f"{SAMPLE_ID}: {len(sample)} of {len(pop)} eligible sentences", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
