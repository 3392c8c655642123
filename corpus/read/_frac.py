"""FrAC: human-coded frames of news and comment sentences (Guida et al. 2025).

The file ``gold_standard_single_label_all.csv`` has columns ``sentence, label``: one
English sentence and one integer primary-frame code per row, on the Media Frames Corpus
numbering (Boydstun et al. 2014; Card et al. 2015), of which FrAC uses ten, two of them
merged: 5 (legality) with 7 (crime and punishment), 6 (policy) with 13 (political).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from corpus._errors import ReaderError
from corpus._types import Corpus

__all__ = ["FRAC_FILENAME", "FRAC_LABELS", "load_frac"]

FRAC_FILENAME = "gold_standard_single_label_all.csv"

#: FrAC's integer label -> category name (Media Frames Corpus numbering).
FRAC_LABELS: Mapping[int, str] = {
    1: "economic",
    3: "morality",
    4: "fairness_equality",
    5: "legality_crime",
    6: "policy_political",
    8: "security_defense",
    9: "health_safety",
    11: "cultural_identity",
    12: "public_opinion",
    15: "other",
}


def _label(value: object, line: int, path: Path) -> tuple[int, str]:
    try:
        code = int(str(value).strip())
    except ValueError:
        code = -1
    if code not in FRAC_LABELS:
        raise ReaderError(
            f"{path}, line {line}: label {value!r} is not a FrAC code "
            f"({', '.join(str(k) for k in FRAC_LABELS)})"
        )
    return code, FRAC_LABELS[code]


def load_frac(path: str | Path | None = None) -> Corpus:
    """The FrAC gold standard: one document per sentence, its frame as a name.

    Parameters
    ----------
    path : str or path
        ``gold_standard_single_label_all.csv`` (columns ``sentence, label``).

    Returns
    -------
    Corpus
        ``doc_id`` ``frac-001`` ... (the row number, counted from 1), fields ``label``
        (the category name, see :data:`FRAC_LABELS`) and ``label_code`` (the integer code
        in the file).

    Raises
    ------
    ReaderError
        Missing path or file, missing columns, an empty sentence or an unknown label
        (the message names the file and line).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "frac.csv"
    >>> _ = f.write_text('sentence,label\\n"Taxes rose.",1\\nVote now.,6\\n')
    >>> c = load_frac(f)
    >>> c.doc_ids, c.docvars["label"].tolist()
    (('frac-001', 'frac-002'), ['economic', 'policy_political'])
    """
    if path is None:
        raise ReaderError(f"the 'frac' corpus needs path= (--path): the file {FRAC_FILENAME}")
    path = Path(path)
    if not path.is_file():
        raise ReaderError(f"FrAC file {str(path)!r} does not exist; check the path")
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise ReaderError(f"{path}: cannot read as CSV ({exc})") from exc
    missing = [c for c in ("sentence", "label") if c not in table.columns]
    if missing:
        raise ReaderError(f"{path}: missing column(s) {missing}; FrAC has sentence,label")
    codes, names = [], []
    for row, (text, value) in enumerate(zip(table["sentence"], table["label"], strict=True)):
        if not text.strip():
            raise ReaderError(f"{path}, line {row + 2}: empty sentence")
        code, name = _label(value, row + 2, path)
        codes.append(code)
        names.append(name)
    width = max(3, len(str(len(table))))
    frame = pd.DataFrame({
        "doc_id": [f"frac-{i + 1:0{width}d}" for i in range(len(table))],
        "text": table["sentence"].tolist(), "label": names, "label_code": codes,
    })  # fmt: skip
    from corpus.read._table import read_dataframe

    return read_dataframe(frame, id_col="doc_id", meta_cols=["label", "label_code"], name="frac")
