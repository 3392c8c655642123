"""Export result tables to CSV, Parquet and LaTeX (booktabs), atomically.

LaTeX is written here rather than through ``DataFrame.to_latex`` (which needs
jinja2 through pandas' Styler): the output is a plain ``tabular`` with
booktabs rules, every cell escaped, numbers right-aligned.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framing._errors import InvalidParameterError
from framing._provenance import atomic_path

__all__ = ["table_to_latex", "write_table"]

_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
}
FORMATS = ("csv", "parquet", "tex")


def escape_latex(text: str) -> str:
    r"""Escape LaTeX's special characters.

    Examples
    --------
    >>> print(escape_latex("50% of R&D_costs {x}"))
    50\% of R\&D\_costs \{x\}
    """
    return "".join(_LATEX_SPECIAL.get(ch, ch) for ch in str(text))


def _cell(value: Any, digits: int) -> str:
    if (
        value is None
        or value is pd.NA
        or value is pd.NaT
        or (isinstance(value, float | np.floating) and math.isnan(value))
    ):
        return "--"
    if isinstance(value, bool | np.bool_):
        return "yes" if value else "no"
    if isinstance(value, int | np.integer):
        return f"{int(value):,}".replace(",", "{,}")
    if isinstance(value, float | np.floating):
        if math.isinf(value):
            return "$\\infty$" if value > 0 else "$-\\infty$"
        return f"{float(value):.{digits}f}"
    return escape_latex(value)


def table_to_latex(
    table: pd.DataFrame,
    *,
    digits: int = 2,
    caption: str | None = None,
    label: str | None = None,
    columns: Sequence[str] | None = None,
) -> str:
    r"""A booktabs LaTeX table, escaped, without pandas' Styler.

    Parameters
    ----------
    table : DataFrame
        The table (its index is not written; reset it first to keep it).
    digits : int, default=2
        Decimals of floating-point cells.
    caption, label : str, optional
        Wrap the tabular in a ``table`` float with this caption and label.
    columns : sequence of str, optional
        Columns to write, in order (default all).

    Returns
    -------
    str
        LaTeX source; needs ``\usepackage{booktabs}``.  NaN prints as ``--``.

    Examples
    --------
    >>> t = pd.DataFrame({"outlet": ["al_manar"], "estimate": [1.234], "n_docs": [1200]})
    >>> print(table_to_latex(t))
    \begin{tabular}{lrr}
    \toprule
    outlet & estimate & n\_docs \\
    \midrule
    al\_manar & 1.23 & 1{,}200 \\
    \bottomrule
    \end{tabular}
    <BLANKLINE>
    """
    if columns is not None:
        missing = [c for c in columns if c not in table.columns]
        if missing:
            raise InvalidParameterError(f"columns {missing} are not in the table")
        table = table[list(columns)]
    align = "".join(
        "r"
        if pd.api.types.is_numeric_dtype(table[c]) and not pd.api.types.is_bool_dtype(table[c])
        else "l"
        for c in table.columns
    )
    rows = [[_cell(v, digits) for v in row] for row in table.itertuples(index=False, name=None)]
    return booktabs([str(c) for c in table.columns], rows, align, caption=caption, label=label)


def booktabs(
    header: list[str],
    rows: list[list[str]],
    align: str,
    *,
    caption: str | None = None,
    label: str | None = None,
) -> str:
    """A booktabs ``tabular`` (in a ``table`` float when captioned or labelled).

    ``header`` is escaped here; ``rows`` hold cells already formatted as LaTeX.

    Examples
    --------
    >>> print(booktabs(["a"], [["1"]], "r"), end="")
    \\begin{tabular}{r}
    \\toprule
    a \\\\
    \\midrule
    1 \\\\
    \\bottomrule
    \\end{tabular}
    """
    lines = [
        f"\\begin{{tabular}}{{{align}}}",
        "\\toprule",
        " & ".join(escape_latex(c) for c in header) + " \\\\",
        "\\midrule",
    ]
    lines += [" & ".join(cells) + " \\\\" for cells in rows]
    lines += ["\\bottomrule", "\\end{tabular}"]
    if caption is not None or label is not None:
        head = ["\\begin{table}", "\\centering"]
        if caption is not None:
            head.append(f"\\caption{{{escape_latex(caption)}}}")
        if label is not None:
            head.append(f"\\label{{{label}}}")
        lines = [*head, *lines, "\\end{table}"]
    return "\n".join(lines) + "\n"


def write_table(
    table: pd.DataFrame,
    path: str | Path,
    *,
    format: str | None = None,
    **latex_options: Any,
) -> Path:
    """Write a table as CSV, Parquet or LaTeX; the file appears only when complete.

    Parameters
    ----------
    table : DataFrame
        The table (its index is not written).
    path : str or Path
        Target file.
    format : {"csv", "parquet", "tex"}, optional
        Default from the suffix of ``path``.
    **latex_options
        ``digits``, ``caption``, ``label``, ``columns`` for LaTeX.

    Returns
    -------
    Path
        The written file.

    Notes
    -----
    CSV: UTF-8, ``\\n`` line ends, full float precision, no index.  Parquet
    keeps ``table.attrs`` (confidence level, resamples, seed ...) as JSON in
    the schema metadata key ``framing``, and the same data give the same bytes.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "rates.csv"
    >>> _ = write_table(pd.DataFrame({"frame": ["war"], "estimate": [2.5]}), out)
    >>> out.read_text()
    'frame,estimate\\nwar,2.5\\n'
    """
    path = Path(path)
    fmt = (format or path.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise InvalidParameterError(
            f"unknown table format {fmt!r} for {path}; use one of {FORMATS}"
        )
    with atomic_path(path) as tmp:
        if fmt == "csv":
            table.to_csv(tmp, index=False, lineterminator="\n", encoding="utf-8")
        elif fmt == "parquet":
            _write_parquet(table, tmp)
        else:
            tmp.write_text(table_to_latex(table, **latex_options), encoding="utf-8")
    return path


def _write_parquet(table: pd.DataFrame, path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrow = pa.Table.from_pandas(table, preserve_index=False)
    meta = dict(arrow.schema.metadata or {})
    meta[b"framing"] = json.dumps(table.attrs, sort_keys=True, default=str).encode()
    pq.write_table(arrow.replace_schema_metadata(meta), path)
