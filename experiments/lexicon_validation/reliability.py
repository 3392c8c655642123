"""Inter-coder reliability of a bundled lexicon's validation codes, with framing's tooling.

Reads ``framing/lexicon/data/validation/<lexicon>_gold.csv`` (first coder) and
``<lexicon>_gold_second.csv`` (a second, independent coder), keeps the units both
coded, and prints Markdown tables: Krippendorff's alpha, percent agreement and
Cohen's kappa per frame (``framing.reliability``), and the number of
disagreements to adjudicate (``framing.disagreements``).

    python experiments/lexicon_validation/reliability.py generic_news
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

import framing

VALIDATION = Path(__file__).resolve().parents[2] / "framing" / "lexicon" / "data" / "validation"


def read(lexicon: str) -> tuple[pd.DataFrame, list[str]]:
    """Long codes of both coders on the units both coded."""
    frames = list(framing.load_lexicon(lexicon).frame_names)
    parts = []
    for suffix in ("gold", "gold_second"):
        table = pd.read_csv(VALIDATION / f"{lexicon}_{suffix}.csv", dtype={"unit_id": str})
        parts.append(table.rename(columns={"unit_id": "doc_id"})[["doc_id", "coder", *frames]])
    shared = set(parts[0].doc_id) & set(parts[1].doc_id)
    codes = pd.concat(parts, ignore_index=True)
    return framing.read_codes(codes[codes.doc_id.isin(shared)], frames=frames), frames


def markdown(codes: pd.DataFrame, frames: list[str]) -> str:
    """The reliability table and disagreement counts as Markdown."""
    table = framing.reliability(codes, frames=frames)
    conflicts = framing.disagreements(codes, frames=frames)
    per_frame = conflicts.groupby("frame").size().reindex(frames, fill_value=0)
    prevalence = codes.groupby("coder")[frames].mean().T
    lines = [
        "| frame | share coded 1 ("
        + ", ".join(prevalence.columns)
        + ") | alpha | agreement | kappa | disagreements |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for row in table.itertuples():
        shares = ", ".join(f"{prevalence.loc[row.frame, c]:.2f}" for c in prevalence.columns)
        lines.append(
            f"| {row.frame} | {shares} | {row.krippendorff_alpha:.2f} | "
            f"{row.percent_agreement:.2f} | {row.cohen_kappa:.2f} | "
            f"{per_frame[row.frame]} |"
        )
    units = codes.doc_id.nunique()
    lines.append(f"\n{units} units coded by both; {len(conflicts)} unit-frame disagreements.")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lexicon", choices=["generic_news", "mideast"])
    args = parser.parse_args()
    codes, frames = read(args.lexicon)
    print(markdown(codes, frames))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
