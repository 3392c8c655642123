"""The :class:`FrameScores` type: integer counts per unit and frame.

Counts are the truth; every rate is derived from counts on demand.  Scores
are saved as one table (the ``framing score`` layout: ``doc_id``,
``n_tokens``, one count column per frame, then the docvars); Parquet files
also carry the weighted and negated tables and the provenance in their
metadata, so :meth:`FrameScores.read` restores them exactly.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
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
    >>> idx = pd.Index(["a", "b"], name="doc_id")
    >>> s = FrameScores(
    ...     counts=pd.DataFrame({"war": [2, 0]}, index=idx),
    ...     n_tokens=pd.Series([100, 50], index=idx),
    ...     docvars=pd.DataFrame({"year": [1990, 1991]}, index=idx),
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

    def rates(self, per: float = 1000.0, *, weighted: bool = False) -> pd.DataFrame:
        """Counts per ``per`` tokens; a unit with no tokens gets NaN.

        Parameters
        ----------
        per : float, default=1000.0
            Rate base: 1000 gives hits per thousand tokens.
        weighted : bool, default=False
            Use the weighted sums (``weighted``) instead of the counts.

        Notes
        -----
        ``rate = count * per / n_tokens``.
        """
        tokens = self.n_tokens.to_numpy(dtype=float)
        source = self.counts if not weighted else self._require("weighted")
        with np.errstate(divide="ignore", invalid="ignore"):
            values = source.to_numpy(dtype=float) * per / tokens[:, None]
        values[tokens == 0] = np.nan
        return pd.DataFrame(values, index=self.counts.index, columns=self.counts.columns)

    def presence(self, threshold: int = 1) -> pd.DataFrame:
        """1 where a unit has at least ``threshold`` hits of a frame, else 0."""
        return (self.counts >= threshold).astype(np.int64)

    def to_frame(self) -> pd.DataFrame:
        """One row per unit: ``doc_id``, ``n_tokens``, one count column per frame, docvars."""
        table = pd.concat([self.n_tokens.rename("n_tokens"), self.counts, self.docvars], axis=1)
        return table.reset_index(names="doc_id")

    # ------------------------------------------------------------- helpers
    def _require(self, name: str) -> pd.DataFrame:
        table = getattr(self, name)
        if table is None:
            raise FramingError(f"these scores carry no {name!r} table (score with score_frames)")
        return table

    def equals(self, other: FrameScores) -> bool:
        """True when both hold the same tables, unit and frames (``meta`` ignored)."""

        def same(a: pd.DataFrame | None, b: pd.DataFrame | None) -> bool:
            return (a is None and b is None) or (a is not None and b is not None and a.equals(b))

        return (
            self.unit == other.unit
            and self.counts.equals(other.counts)
            and self.n_tokens.equals(other.n_tokens)
            and self.docvars.equals(other.docvars)
            and same(self.weighted, other.weighted)
            and same(self.negated, other.negated)
        )

    def to_long(self) -> pd.DataFrame:
        """One row per unit and frame: ``doc_id``, ``frame``, ``count``, ``n_tokens``.

        Examples
        --------
        >>> idx = pd.Index(["a"], name="doc_id")
        >>> s = FrameScores(pd.DataFrame({"x": [1], "y": [0]}, index=idx),
        ...                 pd.Series([9], index=idx), pd.DataFrame(index=idx))
        >>> s.to_long().values.tolist()
        [['a', 'x', 1, 9], ['a', 'y', 0, 9]]
        """
        long = self.counts.reset_index(names="doc_id").melt(
            id_vars="doc_id", var_name="frame", value_name="count"
        )
        order = {f: i for i, f in enumerate(self.frames)}
        long["_pos"] = long["doc_id"].map({d: i for i, d in enumerate(self.counts.index)})
        long["_f"] = long["frame"].map(order)
        long = long.sort_values(["_pos", "_f"]).drop(columns=["_pos", "_f"])
        long["n_tokens"] = long["doc_id"].map(self.n_tokens).astype(np.int64)
        return long.reset_index(drop=True)

    # --------------------------------------------------------------- rollup
    def rollup(self) -> FrameScores:
        """Sum segment scores (paragraphs, sentences) back to their documents.

        Counts, tokens, weighted and negated sums are added up per
        ``parent_id``; the document keeps the docvars of its first segment
        (without ``parent_id`` and ``segment_no``).  Documents appear in the
        order of their first segment.  A document with no segment (no text)
        has no row.

        Raises
        ------
        FramingError
            When the units have no ``parent_id`` (they are documents).

        Examples
        --------
        >>> idx = pd.Index(["a:1", "a:2", "b:1"], name="doc_id")
        >>> seg = FrameScores(
        ...     pd.DataFrame({"war": [1, 2, 0]}, index=idx), pd.Series([5, 5, 4], index=idx),
        ...     pd.DataFrame({"parent_id": ["a", "a", "b"], "segment_no": [1, 2, 1],
        ...                   "year": [1990, 1990, 1991]}, index=idx), unit="paragraph")
        >>> doc = seg.rollup()
        >>> doc.counts["war"].tolist(), doc.n_tokens.tolist(), doc.unit
        ([3, 0], [10, 4], 'document')
        """
        if "parent_id" not in self.docvars.columns:
            raise FramingError("rollup needs segment scores: the units have no 'parent_id'")
        parent = self.docvars["parent_id"].astype(str).to_numpy()
        order = pd.Index(pd.unique(parent), name="doc_id")

        def total(table: pd.DataFrame | pd.Series) -> pd.DataFrame | pd.Series:
            summed = table.groupby(parent, sort=False).sum()
            summed.index = order
            return summed

        docvars = self.docvars.groupby(parent, sort=False).head(1)
        docvars = docvars.drop(columns=["parent_id", "segment_no"], errors="ignore")
        docvars.index = order
        return FrameScores(
            counts=total(self.counts).astype(np.int64),
            n_tokens=total(self.n_tokens).astype(np.int64),
            docvars=docvars,
            unit="document",
            weighted=None if self.weighted is None else total(self.weighted),
            negated=None if self.negated is None else total(self.negated).astype(np.int64),
            meta={**self.meta, "rolled_up_from": self.unit},
        )

    # --------------------------------------------------------- serialization
    def to_csv(self, path: str | Path) -> Path:
        """Write :meth:`to_frame` as CSV (atomically); return the path."""
        from framing._provenance import atomic_path

        with atomic_path(path) as tmp:
            self.to_frame().to_csv(tmp, index=False, lineterminator="\n")
        return Path(path)

    def to_parquet(self, path: str | Path) -> Path:
        """Write :meth:`to_frame` as Parquet (atomically), with everything else in its metadata.

        The file's key-value metadata ``framing.scores`` holds the unit, the
        frames, ``meta`` and the weighted and negated tables, so
        :meth:`read` restores the object exactly.
        """
        import pyarrow as pa
        import pyarrow.parquet as pq

        from framing._provenance import atomic_path

        extra = {
            "unit": self.unit,
            "frames": list(self.frames),
            "meta": _plain(dict(self.meta)),
            "weighted": None if self.weighted is None else self.weighted.to_numpy().tolist(),
            "negated": None if self.negated is None else self.negated.to_numpy().tolist(),
        }
        table = pa.Table.from_pandas(self.to_frame(), preserve_index=False)
        metadata = dict(table.schema.metadata or {})
        metadata[b"framing.scores"] = json.dumps(extra).encode("utf-8")
        with atomic_path(path) as tmp:
            pq.write_table(table.replace_schema_metadata(metadata), tmp)
        return Path(path)

    def to_file(self, path: str | Path) -> Path:
        """Write ``.csv`` or ``.parquet`` by the file's extension (atomically)."""
        suffix = Path(path).suffix.lower()
        if suffix == ".csv":
            return self.to_csv(path)
        if suffix == ".parquet":
            return self.to_parquet(path)
        from framing._errors import InvalidParameterError

        raise InvalidParameterError(
            f"{path}: scores are written as .csv or .parquet, not {suffix!r}"
        )

    @classmethod
    def read(
        cls, path: str | Path, *, frames: Sequence[str] | None = None, unit: str | None = None
    ) -> FrameScores:
        """Read scores written by :meth:`to_parquet`, :meth:`to_csv` or ``framing score``.

        Parameters
        ----------
        path : str or Path
            A ``.parquet`` or ``.csv`` file.
        frames : sequence of str, optional
            The frame columns; required for CSV (a CSV file does not say
            which columns are frames and which are docvars).
        unit : str, optional
            The unit, for CSV (default ``"document"``).

        Examples
        --------
        >>> import tempfile, pathlib
        >>> idx = pd.Index(["a", "b"], name="doc_id")
        >>> s = FrameScores(pd.DataFrame({"war": [2, 0]}, index=idx),
        ...                 pd.Series([10, 5], index=idx),
        ...                 pd.DataFrame({"year": [1, 2]}, index=idx))
        >>> out = pathlib.Path(tempfile.mkdtemp()) / "s.parquet"
        >>> FrameScores.read(s.to_parquet(out)).equals(s)
        True
        """
        path = Path(path)
        if path.suffix.lower() == ".parquet":
            return _read_parquet(path)
        if frames is None:
            from framing._errors import InvalidParameterError

            raise InvalidParameterError(
                f"{path}: reading scores from CSV needs frames=[...] (the frame columns)"
            )
        table = pd.read_csv(path, dtype={"doc_id": str})
        return _from_table(table, list(frames), unit or "document", None, None, {})


def _plain(value: Any) -> Any:
    """JSON-safe copy of provenance values (numpy scalars, tuples, paths)."""

    def default(v: Any) -> Any:
        return v.item() if hasattr(v, "item") else str(v)

    return json.loads(json.dumps(value, default=default))


def _from_table(
    table: pd.DataFrame, frames: list[str], unit: str, weighted: Any, negated: Any, meta: dict
) -> FrameScores:
    missing = [c for c in ["doc_id", "n_tokens", *frames] if c not in table.columns]
    if missing:
        raise FramingError(f"scores table lacks column(s) {missing}")
    index = pd.Index(table["doc_id"].astype(str), name="doc_id")
    other = [c for c in table.columns if c not in {"doc_id", "n_tokens", *frames}]
    docvars = table[other].copy()
    docvars.index = index

    def frame_table(values: Any, dtype: Any) -> pd.DataFrame | None:
        if values is None:
            return None
        data = np.asarray(values, dtype=dtype).reshape(len(index), len(frames))
        return pd.DataFrame(data, index=index, columns=frames)

    counts = table[frames].astype(np.int64)
    counts.index = index
    return FrameScores(
        counts=counts,
        n_tokens=pd.Series(table["n_tokens"].astype(np.int64).to_numpy(), index=index),
        docvars=docvars,
        unit=unit,
        weighted=frame_table(weighted, np.float64),
        negated=frame_table(negated, np.int64),
        meta=meta,
    )


def _read_parquet(path: Path) -> FrameScores:
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    raw = (table.schema.metadata or {}).get(b"framing.scores")
    if raw is None:
        raise FramingError(
            f"{path}: no framing metadata; read it with pandas, or pass a file written "
            "by FrameScores.to_parquet or framing score"
        )
    extra = json.loads(raw)
    frame = table.to_pandas()
    return _from_table(
        frame, extra["frames"], extra["unit"], extra["weighted"], extra["negated"], extra["meta"]
    )
