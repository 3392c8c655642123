"""Print the datasheet tables of the target validation from ``targets_evaluation.csv``.

Usage::

    python experiments/validation/targets_table.py OUT/targets_evaluation.csv
"""

from __future__ import annotations

import sys

import pandas as pd

METRICS = [
    ("attribution_precision", "Attribution precision"),
    ("attribution_recall", "Attribution recall"),
    ("attribution_precision_found", "Attribution precision, targets found by both"),
    ("attribution_recall_found", "Attribution recall, targets found by both"),
    ("link_precision", "Target-frame link precision"),
    ("link_recall", "Target-frame link recall"),
    ("link_f1", "Target-frame link F1"),
    ("mention_precision", "Target mention precision"),
    ("mention_recall", "Target mention recall"),
    ("mention_f1", "Target mention F1"),
]


def _cell(row: pd.Series) -> str:
    counts = ""
    if pd.notna(row["denominator"]):
        counts = f" ({int(row['numerator'])}/{int(row['denominator'])})"
    return f"{row['estimate']:.2f} [{row['ci_low']:.2f}, {row['ci_high']:.2f}]{counts}"


def main() -> None:
    table = pd.read_csv(sys.argv[1])
    for codes, part in table.groupby("codes", sort=False):
        scopes = list(dict.fromkeys(part["scope"]))
        units = part.drop_duplicates("scope").set_index("scope")["units"]
        print(f"\n**Against {codes}**\n")
        print("| measure | " + " | ".join(f"{s} (n={units[s]})" for s in scopes) + " |")
        print("| --- |" + " --- |" * len(scopes))
        for metric, label in METRICS:
            cells = [_cell(part[(part["scope"] == s) & (part["metric"] == metric)].iloc[0])
                     for s in scopes]  # fmt: skip
            print(f"| {label} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
