"""The :class:`FrameScores` type: integer counts per unit and frame.

Counts are the truth; every rate is derived from counts on demand.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from framing._errors import FramingError

__all__ = ["FrameScores"]


@dataclass(frozen=True)
class FrameScores:
    """Frame counts for a set of units (documents, paragraphs or sentences).

    Parameters
    ----------
    counts : DataFrame
        Integer counts, one row per unit (index ``doc_id``), one column per
        frame in lexicon order.
    n_tokens : Series
        Tokens per unit, aligned with ``counts``.
    docvars : DataFrame
        The units' metadata, aligned with ``counts``.  Segment units carry
        ``parent_id`` and ``segment_no``.
    unit : str, default="document"
        ``"document"``, ``"paragraph"`` or ``"sentence"``.
    weighted : DataFrame, optional
        Sums of pattern weights per unit and frame.
    negated : DataFrame, optional
        Hits preceded by a negator, counted apart (not included in ``counts``).
    meta : mapping, optional
        Provenance: lexicon name, version and fingerprint, corpus fingerprint,
        matching options.

    Examples
    --------
    >>> s = FrameScores(
    ...     counts=pd.DataFrame({"war": [2, 0]}, index=pd.Index(["a", "b"], name="doc_id")),
    ...     n_tokens=pd.Series([100, 50], index=pd.Index(["a", "b"], name="doc_id")),
    ...     docvars=pd.DataFrame({"year": [1990, 1991]}, index=pd.Index(["a", "b"], name="doc_id")),
    ... )
    >>> s.frames
    ('war',)
    >>> s.rates()["war"].tolist()
    [20.0, 0.0]
    >>> s.to_frame().columns.tolist()
    ['doc_id', 'n_tokens', 'war', 'year']
    """

    counts: pd.DataFrame
    n_tokens: pd.Series
    docvars: pd.DataFrame
    unit: str = "document"
    weighted: pd.DataFrame | None = None
    negated: pd.DataFrame | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        index = self.counts.index
        if not self.n_tokens.index.equals(index) or not self.docvars.index.equals(index):
            raise FramingError("counts, n_tokens and docvars must share one index")
        if not all(np.issubdtype(t, np.integer) for t in self.counts.dtypes):
            raise FramingError("counts must be integers; rates are derived, not stored")
        overlap = set(self.counts.columns) & ({"doc_id", "n_tokens"} | set(self.docvars.columns))
        if overlap:
            raise FramingError(f"frame names {sorted(overlap)} clash with column names")
        object.__setattr__(self, "meta", MappingProxyType(dict(self.meta)))

    @property
    def frames(self) -> tuple[str, ...]:
        """Frame names, in column order."""
        return tuple(str(c) for c in self.counts.columns)

    def __len__(self) -> int:
        return len(self.counts)

    def rates(self, per: float = 1000.0) -> pd.DataFrame:
        """Counts per ``per`` tokens; a unit with no tokens gets NaN."""
        tokens = self.n_tokens.to_numpy(dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            values = self.counts.to_numpy(dtype=float) * per / tokens[:, None]
        values[tokens == 0] = np.nan
        return pd.DataFrame(values, index=self.counts.index, columns=self.counts.columns)

    def presence(self, threshold: int = 1) -> pd.DataFrame:
        """1 where a unit has at least ``threshold`` hits of a frame, else 0."""
        return (self.counts >= threshold).astype(np.int64)

    def to_frame(self) -> pd.DataFrame:
        """One row per unit: ``doc_id``, ``n_tokens``, one count column per frame, docvars."""
        table = pd.concat(
            [self.n_tokens.rename("n_tokens"), self.counts, self.docvars], axis=1
        )
        return table.reset_index(names="doc_id")
