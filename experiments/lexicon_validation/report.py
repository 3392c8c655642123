"""What the validation figure scripts print: the evaluation columns and their Markdown table.

Shared by ``mideast_figures.py`` and ``generic_news_figures.py`` (run from this folder).
"""

from __future__ import annotations

import pandas as pd

#: Columns of :func:`framing.validate._evaluate.evaluate` that the datasheets report.
COLUMNS = [
    "frame", "support", "tp", "fp", "fn", "precision", "recall", "f1",
    "precision_ci_low", "precision_ci_high", "recall_ci_low", "recall_ci_high",
    "f1_ci_low", "f1_ci_high",
]  # fmt: skip


def markdown(table: pd.DataFrame) -> str:
    """A Markdown table: counts, then P/R/F1 with their 95% intervals."""
    lines = [
        "| frame | support | TP | FP | FN | precision [95% CI] | recall [95% CI] | F1 [95% CI] |",
        "|---|---:|---:|---:|---:|---|---|---|",
    ]
    for row in table.itertuples(index=False):
        cells = [row.frame, row.support, row.tp, row.fp, row.fn]
        for name in ("precision", "recall", "f1"):
            low, high = getattr(row, f"{name}_ci_low"), getattr(row, f"{name}_ci_high")
            cells.append(f"{getattr(row, name):.2f} [{low:.2f}, {high:.2f}]")
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    return "\n".join(lines)
