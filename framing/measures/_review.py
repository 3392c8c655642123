"""Turn a reviewed expansion table into a new lexicon version with provenance."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pandas as pd

from framing._errors import FramingError, InvalidParameterError, LexiconError
from framing._provenance import file_sha256
from framing.lexicon import Frame, Lexicon, Pattern
from framing.measures._expand import REVIEW_COLUMNS

__all__ = ["apply_review", "bump_version", "expansion_section", "read_review"]

_DECISIONS = {
    "accept": True,
    "accepted": True,
    "yes": True,
    "y": True,
    "1": True,
    "reject": False,
    "rejected": False,
    "no": False,
    "n": False,
    "0": False,
    "": None,
}
_VERSION = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")


def bump_version(version: str) -> str:
    """The next minor version: ``0.4.0`` -> ``0.5.0``.

    Raises
    ------
    InvalidParameterError
        A version that is not ``MAJOR.MINOR.PATCH``.

    Examples
    --------
    >>> bump_version("0.4.2")
    '0.5.0'
    """
    match = _VERSION.match(str(version))
    if not match:
        raise InvalidParameterError(
            f"cannot bump version {version!r}: not MAJOR.MINOR.PATCH; give the new version"
        )
    return f"{match[1]}.{int(match[2]) + 1}.0"


def read_review(path: str | Path) -> pd.DataFrame:
    """Read a review table written by ``framing lexicon expand`` (CSV).

    Raises
    ------
    FramingError
        A missing file, missing columns, or a decision other than accept,
        reject or empty (the message names the line).
    """
    path = Path(path)
    if not path.is_file():
        raise FramingError(f"{path}: no such review file")
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in REVIEW_COLUMNS if c not in table.columns]
    if missing:
        raise FramingError(
            f"{path}: missing column(s) {missing}; is this a review table "
            "written by `framing lexicon expand`?"
        )
    for i, value in enumerate(table["decision"]):
        if value.strip().lower() not in _DECISIONS:
            raise FramingError(
                f"{path}, line {i + 2}: decision {value!r} is not accept, reject or empty"
            )
    return table


def _provenance(row: pd.Series, review: str, sha256: str) -> dict[str, str]:
    """The provenance of an accepted row, as text (the review table's own values)."""
    record = {
        "added_by": "expand",
        "source": row["source"],
        "from_version": row["lexicon_version"],
    }
    record.update({k: row[k] for k in ("similarity", "cooccurrence", "frequency", "doc_share")})
    record.update(
        {
            "tokens": row["tokens"][:16],
            "vectors": row["vectors"],
            "review": review,
            "review_sha256": sha256[:16],
        }
    )
    if row["note"].strip():
        record["note"] = row["note"].strip()
    return record


def _add_terms(frame: Frame, rows: pd.DataFrame, make: Callable[[pd.Series], Pattern]) -> Frame:
    added = tuple(make(row) for _, row in rows.iterrows())
    return replace(frame, patterns=frame.patterns + added)


def apply_review(
    review: str | Path,
    lexicon: Lexicon,
    *,
    version: str | None = None,
) -> Lexicon:
    """A new lexicon version with the review's accepted terms, each with provenance.

    Parameters
    ----------
    review : str or path
        A review CSV from :func:`expand_lexicon` (``framing lexicon expand``)
        whose ``decision`` column the researcher filled with ``accept`` or
        ``reject`` (empty rows are not reviewed and are skipped).
    lexicon : Lexicon
        The lexicon the review was made from (its fingerprint is checked).
    version : str, optional
        The new version; default the next minor version (:func:`bump_version`).

    Returns
    -------
    Lexicon
        Accepted terms appended to their frames, each a :class:`Pattern` whose
        ``provenance`` records how it was found (source, similarity,
        co-occurrence G2, frequency, document share, Tokens and vectors
        fingerprints, previous version, review file and its SHA-256, and the
        reviewer's note).

    Raises
    ------
    FramingError
        An unreadable review, a review of another lexicon (fingerprint), no
        accepted row, or an accepted term that is not a valid pattern or is
        already in its frame (the message names the line).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> lex = Lexicon.from_terms("toy", {"resistance": ["resistance"]}, version="0.1.0")
    >>> row = {c: "" for c in REVIEW_COLUMNS}
    >>> row.update(frame="resistance", term="uprising", source="neighbour", similarity="0.8",
    ...            cooccurrence="12.5", frequency="20", doc_share="0.5", decision="accept",
    ...            lexicon="toy", lexicon_version="0.1.0",
    ...            lexicon_fingerprint=lex.fingerprint, tokens="abc", vectors="word2vec:12")
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "review.csv"
    >>> pd.DataFrame([row]).to_csv(path, index=False)
    >>> new = apply_review(path, lex)
    >>> new.version, [p.text for p in new.frame("resistance").patterns]
    ('0.2.0', ['resistance', 'uprising'])
    >>> new.frame("resistance").patterns[1].provenance["similarity"]
    '0.8'
    """
    path = Path(review)
    table = read_review(path)
    stale = table.loc[table["lexicon_fingerprint"] != lexicon.fingerprint]
    if len(stale):
        raise FramingError(
            f"{path}, line {int(stale.index[0]) + 2}: the review was made from lexicon "
            f"{stale.iloc[0]['lexicon']!r} {stale.iloc[0]['lexicon_version']} with another "
            f"fingerprint than {lexicon.name!r} {lexicon.version}; expand that lexicon again"
        )
    accepted = table[table["decision"].str.strip().str.lower().map(_DECISIONS).eq(True)]
    if not len(accepted):
        raise FramingError(f"{path}: no row is marked 'accept' in the decision column")
    sha = file_sha256(path)

    def make(row: pd.Series) -> Pattern:
        try:
            pattern = Pattern(row["term"], provenance=_provenance(row, path.name, sha))
            pattern.check(row["frame"])
        except LexiconError as error:
            raise FramingError(f"{path}, line {int(row.name) + 2}: {error}") from None
        return pattern

    frames = []
    for frame in lexicon.frames:
        rows = accepted[accepted["frame"] == frame.name]
        try:
            frames.append(_add_terms(frame, rows, make) if len(rows) else frame)
        except LexiconError as error:
            raise FramingError(f"{path}: {error}") from None
    unknown = sorted(set(accepted["frame"]) - set(lexicon.frame_names))
    if unknown:
        raise FramingError(f"{path}: frame(s) {unknown} are not in {lexicon.name!r}")
    return replace(lexicon, frames=tuple(frames), version=version or bump_version(lexicon.version))


def expansion_section(old: Lexicon, new: Lexicon) -> str:
    """A datasheet section (Markdown) listing the terms ``new`` added, with provenance.

    Examples
    --------
    >>> old = Lexicon.from_terms("toy", {"f": ["a"]}, version="0.1.0")
    >>> new = Lexicon.from_terms("toy", {"f": ["a", Pattern("b", provenance={
    ...     "source": "neighbour", "similarity": 0.7, "frequency": 9, "doc_share": 0.1,
    ...     "review": "r.csv"})]}, version="0.2.0")
    >>> print(expansion_section(old, new))
    ## Expansion 0.1.0 -> 0.2.0
    <BLANKLINE>
    Terms added after review of candidates from `framing lexicon expand` ...
    <BLANKLINE>
    | frame | term | source | similarity | frequency | doc share | review | note |
    |---|---|---|---|---|---|---|---|
    | f | `b` | neighbour | 0.7 | 9 | 0.1 | r.csv |  |
    """
    known = {(f.name, p.text) for f in old.frames for p in f.patterns}
    lines = [
        f"## Expansion {old.version} -> {new.version}",
        "",
        "Terms added after review of candidates from `framing lexicon expand` (nearest "
        "neighbours of the frame centroid in word vectors, and words over-represented near "
        "the frame's hits); each term's full provenance is in the YAML (`provenance`). "
        "These terms have not been validated against coded units yet.",
        "",
        "| frame | term | source | similarity | frequency | doc share | review | note |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for frame in new.frames:
        for p in frame.patterns:
            if (frame.name, p.text) in known:
                continue
            pr = p.provenance
            lines.append(
                f"| {frame.name} | `{p.text}` | {pr.get('source', '')} | "
                f"{pr.get('similarity', '')} | {pr.get('frequency', '')} | "
                f"{pr.get('doc_share', '')} | {pr.get('review', '')} | "
                f"{pr.get('note', '')} |"
            )
    return "\n".join(lines)
