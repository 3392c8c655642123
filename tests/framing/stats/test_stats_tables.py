"""Tests of table export: CSV, Parquet, LaTeX (issue 5)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from framing import InvalidParameterError, table_to_latex, write_table


def _table() -> pd.DataFrame:
    t = pd.DataFrame(
        {
            "outlet": ["al_manar", "R&D #1"],
            "frame": ["war", "peace"],
            "estimate": [1.23456, np.nan],
            "n_docs": [1200, 3],
            "pct_diff": [np.inf, -np.inf],
        }
    )
    t.attrs.update({"conf_level": 0.95, "n_boot": 2000})
    return t


def test_issue5_latex_is_booktabs_escaped_and_aligned():
    tex = table_to_latex(
        _table(), digits=3, caption="Rates (per 1,000 tokens) & CIs", label="tab:r"
    )
    lines = tex.splitlines()
    assert lines[:4] == [
        "\\begin{table}",
        "\\centering",
        "\\caption{Rates (per 1,000 tokens) \\& CIs}",
        "\\label{tab:r}",
    ]
    assert "\\begin{tabular}{llrrr}" in lines and "\\toprule" in lines
    assert "outlet & frame & estimate & n\\_docs & pct\\_diff \\\\" in lines
    assert "al\\_manar & war & 1.235 & 1{,}200 & $\\infty$ \\\\" in lines
    assert "R\\&D \\#1 & peace & -- & 3 & $-\\infty$ \\\\" in lines
    assert lines[-3:] == ["\\bottomrule", "\\end{tabular}", "\\end{table}"]


def test_issue5_latex_column_selection():
    assert table_to_latex(_table(), columns=["n_docs"]).splitlines()[2] == "n\\_docs \\\\"
    with pytest.raises(InvalidParameterError, match=r"\['nope'\]"):
        table_to_latex(_table(), columns=["nope"])


def test_issue5_write_table_formats_and_identical_bytes(tmp_path):
    for ext in ("csv", "parquet", "tex"):
        a = write_table(_table(), tmp_path / f"a.{ext}").read_bytes()
        b = write_table(_table(), tmp_path / f"b.{ext}").read_bytes()
        assert a == b
    back = pd.read_csv(tmp_path / "a.csv")
    assert back["estimate"].iloc[0] == 1.23456 and list(back.columns) == list(_table().columns)
    arrow = pq.read_table(tmp_path / "a.parquet")
    assert json.loads(arrow.schema.metadata[b"framing"]) == {"conf_level": 0.95, "n_boot": 2000}
    assert arrow.to_pandas()["n_docs"].tolist() == [1200, 3]


def test_issue5_write_table_unknown_format_leaves_nothing(tmp_path):
    with pytest.raises(InvalidParameterError, match="unknown table format 'xlsx'"):
        write_table(_table(), tmp_path / "t.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_issue5_latex_escapes_comparisons_and_missing_integers():
    t = pd.DataFrame({"term": ["a<b|c>d"], "seed": pd.array([pd.NA], dtype="Int64")})
    row = table_to_latex(t).splitlines()[4]
    assert row == "a\\textless{}b\\textbar{}c\\textgreater{}d & -- \\\\"
