"""Which target of a sentence a frame hit is about: the linking scope.

With ``scope="sentence"`` every hit of a sentence is linked to every target mentioned in
it.  ``scope="clause"`` (the default) applies two rules, each on the sentence's own words
(no parser):

1. **The speaker is not what is spoken about.**  A target named in the source phrase of
   reported speech ("*Russian* foreign ministry spokeswoman Maria Zakharova said ...",
   "according to the *UN*") takes no frame hit, unless the sentence names
   no other target (then what the source says can only be about itself or a pronoun).
2. **Clauses.**  A sentence is cut into clauses at semicolons, colons and the contrastive
   conjunctions :data:`CLAUSE_WORDS` ("while", "whereas", "but", "although", "though").
   A hit is linked to the targets of its own clause; when its clause names no target, to
   every target of the sentence (as with ``scope="sentence"``).

A hit inside a target's name ("Daesh terrorists") is linked like any other hit: a third
rule, linking such a hit to the named target only, lowered the target-frame link F1 on
the development sample (coders link a fight's frame to every side of it) and was left out.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

__all__ = ["CLAUSE_WORDS", "SCOPES", "clause_starts"]

#: Linking scopes of :func:`framing.targets.frame_targets`.
SCOPES = ("clause", "sentence")
#: Conjunctions that start a new clause (besides ``;`` and ``:``).
CLAUSE_WORDS: tuple[str, ...] = ("while", "whereas", "but", "although", "though")
_CUT = re.compile(r"[;:]|\b(?:" + "|".join(CLAUSE_WORDS) + r")\b", re.IGNORECASE)


def clause_starts(text: str) -> list[int]:
    """Character offsets where the clauses of a sentence start (the first is 0).

    Examples
    --------
    >>> clause_starts("Iran resists; the US cooperates while Russia waits.")
    [0, 12, 32]
    """
    return [0, *(m.start() for m in _CUT.finditer(text) if m.start() > 0)]


def _in_source(unit: str, start: int, end: int, claims: Mapping[str, Sequence]) -> bool:
    for claim in claims.get(unit, ()):
        span = getattr(claim, "span", None)
        if span is not None and span[0] <= start and end <= span[1]:
            return True
    return False


def _mention_facts(
    mentions: pd.DataFrame, texts: Mapping[str, str], claims: Mapping[str, Sequence]
) -> pd.DataFrame:
    """Per mention (``_m``): its clause, and whether it is a candidate for outside hits."""
    units = mentions["doc_id"].tolist()
    starts = mentions["char_start"].fillna(0).astype(int).tolist()
    ends = mentions["char_end"].fillna(0).astype(int).tolist()
    cuts = {u: clause_starts(texts.get(u, "")) for u in set(units)}
    clause = [bisect_right(cuts[u], s) - 1 for u, s in zip(units, starts, strict=True)]
    source = [_in_source(u, s, e, claims) for u, s, e in zip(units, starts, ends, strict=True)]
    facts = pd.DataFrame(
        {"_m": mentions["_m"].to_numpy(), "doc_id": units, "_clause": clause, "_src": source}
    )
    any_other = facts.groupby("doc_id")["_src"].transform(lambda s: bool((~s).any()))
    facts["_cand"] = ~facts["_src"] | ~any_other
    return facts


def scope_mask(
    pairs: pd.DataFrame,
    mentions: pd.DataFrame,
    texts: Mapping[str, str],
    claims: Mapping[str, Sequence],
) -> np.ndarray:
    """Which (mention, hit) pairs the clause rules keep (module documentation).

    ``pairs`` has one row per mention (``_m``) and hit (``hit_start``) of one
    sentence (``doc_id``); ``mentions`` the sentences' mentions with ``_m``,
    ``char_start`` and ``char_end``; ``texts`` and ``claims`` are keyed by sentence.
    """
    if pairs.empty:
        return np.zeros(0, dtype=bool)
    facts = _mention_facts(mentions, texts, claims).set_index("_m")
    cand = facts["_cand"].reindex(pairs["_m"]).to_numpy(bool)
    m_clause = facts["_clause"].reindex(pairs["_m"]).to_numpy()
    cuts = {u: clause_starts(texts.get(u, "")) for u in pd.unique(pairs["doc_id"])}
    units, starts = pairs["doc_id"].tolist(), pairs["hit_start"].fillna(0).astype(int).tolist()
    h_clause = np.array(
        [bisect_right(cuts[u], s) - 1 for u, s in zip(units, starts, strict=True)], dtype=int
    )
    cand_facts = facts[facts["_cand"]]
    filled = set(zip(cand_facts["doc_id"], cand_facts["_clause"], strict=True))
    has_own = np.array(
        [(u, c) in filled for u, c in zip(pairs["doc_id"], h_clause, strict=True)], dtype=bool
    )
    return cand & (~has_own | (m_clause == h_clause))
