"""Target mentions: aliases found in texts exactly as lexicon patterns are."""

from __future__ import annotations

import os
from typing import Any

import numpy as np
import pandas as pd

from framing.score import as_corpus, find_hits
from framing.targets._io import load_targets
from framing.targets._types import TargetList

__all__ = ["MENTION_COLUMNS", "find_mentions"]

#: Columns of :func:`find_mentions`.
MENTION_COLUMNS = ["doc_id", "target", "alias", "match", "token_start", "token_end",
                   "char_start", "char_end"]  # fmt: skip


def _longest(table: pd.DataFrame) -> np.ndarray:
    """Within one unit and target, keep the longest of overlapping mentions (first wins ties)."""
    keep = np.ones(len(table), dtype=bool)
    last: tuple[Any, Any] = (None, None)
    last_end = -1
    for i, (unit, target, start, end) in enumerate(
        zip(table["_unit"].tolist(), table["target"].tolist(), table["token_start"].tolist(),
            table["token_end"].tolist(), strict=True)
    ):  # fmt: skip
        if (unit, target) == last and start < last_end:
            keep[i] = False
            continue
        last, last_end = (unit, target), end
    return keep


def find_mentions(
    source: Any, targets: str | os.PathLike[str] | TargetList, *, unit: str = "document"
) -> pd.DataFrame:
    """Every mention of every target, one row per mention.

    Parameters
    ----------
    source : Corpus or sequence of str
        The texts (a list of texts gets ids ``d0, d1, ...``).
    targets : str, path or TargetList
        A bundled target list name, a target list file, or a target list.
    unit : {"document", "paragraph", "sentence"}, default="document"
        Units the mentions are found in (their ids are the ``doc_id`` column).

    Returns
    -------
    DataFrame
        Columns ``doc_id`` (the unit), ``target``, ``alias`` (the alias as
        written in the list), ``match`` (the matched words, normalized),
        ``token_start``, ``token_end``, ``char_start``, ``char_end``; in unit
        order, then text order.  Matching follows the lexicon rules (longest
        match first, exclusions remove overlapping mentions); a case-sensitive
        alias and a case-insensitive one that overlap count once, the longer
        winning.

    Examples
    --------
    >>> from framing.targets import targets_from_dict
    >>> tl = targets_from_dict({"usa": ["united states", {"alias": "US", "case_sensitive": True}],
    ...                         "pmf": ["popular mobilization forces", "pmf"]})
    >>> text = "The US told us to dismantle the Popular Mobilization Forces (PMF)."
    >>> m = find_mentions([text], tl)
    >>> m[["target", "alias", "match", "char_start"]]
      target                        alias                        match  char_start
    0    usa                           US                           US           4
    1    pmf  popular mobilization forces  popular mobilization forces          32
    2    pmf                          pmf                          pmf          61
    """
    targets = load_targets(targets)
    corp = as_corpus(source, unit, "find mentions in a Corpus or a list of texts")
    tables = [find_hits(corp, lexicon) for lexicon in targets.lexicons]
    table = pd.concat(tables, ignore_index=True).rename(
        columns={"frame": "target", "pattern": "alias"}
    )
    order = {doc_id: i for i, doc_id in enumerate(corp.doc_ids)}
    rank = {name: i for i, name in enumerate(targets.names)}
    table = table.assign(
        _unit=table["doc_id"].map(order),
        _rank=table["target"].map(rank),
        _len=table["token_start"] - table["token_end"],
    )
    table = table.sort_values(["_unit", "_rank", "token_start", "_len"], kind="stable")
    table = table[_longest(table)]
    table = table.sort_values(["_unit", "token_start", "_rank"], kind="stable")
    return table[MENTION_COLUMNS].reset_index(drop=True)
