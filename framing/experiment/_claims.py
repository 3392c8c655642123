"""Claims of the ``multiverse:`` block, parsed, and the units each one is tested on.

Shared by the frame part (:mod:`framing.experiment._multiverse`) and the topic part
(:mod:`framing.experiment._multiverse_topics`) of the grid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pandas as pd

from framing._errors import ConfigError

__all__ = ["Claim", "claim_units", "parse_claim"]

_CLAIM = re.compile(
    r"^\s*(?P<frame>[\w.]+)\s*:\s*(?P<a>[\w.\-]+)\s*(?P<op>[<>])\s*(?P<b>[\w.\-]+)"
    r"(?:\s+(?P<when>after|before)\s+(?P<year>-?\d+))?\s*$"
)


@dataclass(frozen=True)
class Claim:
    """``frame: a > b [after|before year]``, parsed."""

    text: str
    frame: str
    higher: str
    lower: str
    when: str | None
    year: int | None


def parse_claim(text: str, where: str = "multiverse.claims") -> Claim:
    """Parse ``"FRAME: A > B"`` with an optional ``after YEAR`` or ``before YEAR``.

    Examples
    --------
    >>> parse_claim("resistance: IRN > USA after 2003")
    Claim(text='resistance: IRN > USA after 2003', frame='resistance', higher='IRN', lower='USA', when='after', year=2003)
    """  # noqa: E501
    match = _CLAIM.match(text)
    if match is None:
        raise ConfigError(
            f"{where}: cannot read claim {text!r}; write 'FRAME: A > B' with an optional "
            "'after YEAR' or 'before YEAR'"
        )
    a, b = match["a"], match["b"]
    higher, lower = (a, b) if match["op"] == ">" else (b, a)
    year = None if match["year"] is None else int(match["year"])
    return Claim(text, match["frame"], higher, lower, match["when"], year)


def claim_units(table: pd.DataFrame, claim: Any, block: Any, where: str) -> pd.DataFrame:
    """The units of the claim's two groups (in its period); errors name ``where``."""
    for column in (block.by, block.time):
        if column not in table.columns:
            raise ConfigError(f"{where}: field {column!r} is not among the units' fields")
    table = table[table[block.by].isin([claim.higher, claim.lower])]
    if claim.when == "after":
        table = table[table[block.time] > claim.year]
    elif claim.when == "before":
        table = table[table[block.time] < claim.year]
    if table[block.by].nunique() < 2:
        raise ConfigError(f"{where}: claim {claim.text!r} leaves units of fewer than two groups")
    return table.reset_index(drop=True)
