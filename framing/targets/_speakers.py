"""Speakers of UN General Debate speeches (Speakers_by_session.xlsx)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from framing._errors import InvalidParameterError

__all__ = ["read_ungdc_speakers", "ungdc_speakers"]

#: Courtesy titles dropped from names, so that "Mr. Mahmoud Abbas" and "Mahmoud Abbas" agree.
_HONORIFIC = r"^(?:(?:Mr|Mrs|Ms|Mme|M)(?:\.\s*|\s+))+"
_COLUMNS = {
    "ISO Code": "country",
    "Session": "session",
    "Year": "year",
    "Country": "country_name",
    "Name of Person Speaking": "name",
    "Post": "post",
}


def _clean(values: pd.Series) -> pd.Series:
    return values.astype("string").str.strip().replace("", pd.NA)


def _join(values: pd.Series) -> str:
    seen = [v for v in dict.fromkeys(values.dropna().tolist()) if v]
    return "; ".join(seen)


def read_ungdc_speakers(path: str | Path) -> pd.DataFrame:
    """The speaker of each UN General Debate speech, one row per (country, session).

    Parameters
    ----------
    path : str or path
        ``Speakers_by_session.xlsx`` as distributed with the UNGDC (columns
        ``Year, Session, ISO Code, Country, Name of Person Speaking, Post``).

    Returns
    -------
    DataFrame
        Columns ``country`` (ISO code), ``session``, ``year``, ``country_name``,
        ``name``, ``post`` and ``source``: the attribution label
        ``"Name (ISO)"``, or the ISO code where no name is recorded.  Where a
        session lists two speakers of one country their names (and posts) are
        joined by ``"; "``.  Courtesy titles (Mr., Mrs., Ms., Mme, M.) are dropped
        from the names.

    Raises
    ------
    InvalidParameterError
        When the file cannot be read or lacks one of the columns.
    """
    path = Path(path)
    try:
        table = pd.read_excel(path)
    except (OSError, ValueError) as err:
        raise InvalidParameterError(f"cannot read speakers file {path}: {err}") from None
    missing = sorted(set(_COLUMNS) - set(table.columns))
    if missing:
        raise InvalidParameterError(f"{path}: missing column(s) {missing}")
    table = table[list(_COLUMNS)].rename(columns=_COLUMNS)
    for col in ("country", "country_name", "name", "post"):
        table[col] = _clean(table[col])
    table["name"] = table["name"].str.replace(_HONORIFIC, "", regex=True).replace("", pd.NA)
    grouped = table.groupby(["country", "session"], sort=True, dropna=True)
    out = grouped.agg(
        year=("year", "first"),
        country_name=("country_name", "first"),
        name=("name", _join),
        post=("post", _join),
    ).reset_index()
    label = out["name"].where(out["name"] == "", out["name"] + " (" + out["country"] + ")")
    out["source"] = label.where(out["name"] != "", out["country"])
    return out.astype({"session": "int64", "year": "int64"})


def ungdc_speakers(
    docvars: pd.DataFrame, path: str | Path
) -> tuple[dict[str, str], dict[str, list[str]]]:
    """The speaker and the own-country names of every UN General Debate speech.

    Parameters
    ----------
    docvars : DataFrame
        The speeches' metadata (index ``doc_id``, fields ``country`` and
        ``session`` as :func:`corpus.load_ungdc` gives them).
    path : str or path
        ``Speakers_by_session.xlsx``.

    Returns
    -------
    speaker : dict
        ``doc_id -> "Name (ISO)"``; the ISO code where the file names nobody.
    self_names : dict
        ``doc_id -> [country name]`` (e.g. ``["Iran"]``): a claim whose
        source contains it ("Iran has always said ...") is the speaker's.

    Raises
    ------
    InvalidParameterError
        The docvars lack ``country`` or ``session``, or the file is unreadable.
    """
    missing = sorted({"country", "session"} - set(docvars.columns))
    if missing:
        raise InvalidParameterError(
            f"UNGDC speakers need docvars {missing}; have {list(docvars.columns)}"
        )
    table = read_ungdc_speakers(path).set_index(["country", "session"])
    keys = list(zip(docvars["country"].astype(str), docvars["session"].astype(int), strict=True))
    found = table.reindex(keys)
    labels = found["source"].where(found["source"].notna(), [k[0] for k in keys])
    names = found["country_name"].tolist()
    speaker = dict(zip(docvars.index, labels.astype(str), strict=True))
    own = {
        d: ([str(n)] if isinstance(n, str) and n else [])
        for d, n in zip(docvars.index, names, strict=True)
    }
    return speaker, own
