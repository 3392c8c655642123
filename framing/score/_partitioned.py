"""Scoring a partitioned dataset: each worker reads and scores its own partitions.

The process that calls :func:`score_partitions` lists the partitions (paths and reader
options), hands them to an executor of :mod:`framing.compute`, and merges the per-unit
counts in partition order: it never holds the texts.  The result is the same, to the
byte, whatever the scheduler and the number of workers.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import numpy as np
import pandas as pd

from corpus import Corpus, Partition, stream_partitions
from framing._errors import InvalidParameterError
from framing.compute import Executor
from framing.lexicon import Lexicon
from framing.score._frame_scores import FrameScores

__all__ = ["document_digests", "is_partitions", "score_partitions"]


def is_partitions(source: Any) -> bool:
    """True for a non-empty list or tuple of :class:`corpus.Partition`."""
    return (
        isinstance(source, (list, tuple))
        and bool(source)
        and all(isinstance(p, Partition) for p in source)
    )


def document_digests(corp: Corpus) -> bytes:
    """Each document's digest (:meth:`corpus.Corpus.document_digests`), concatenated.

    The fingerprint of a partitioned dataset hashes these in order, so it is the
    fingerprint of the same documents read as one corpus, however they are split.
    """
    return corp.document_digests()


_TABLES = ("counts", "n_tokens", "docvars", "weighted", "negated")


class ScorePartition:
    """Read one partition and score it in the worker (a picklable chunk function)."""

    def __init__(
        self, score: Callable[..., FrameScores], lexicon: Lexicon, options: dict[str, Any]
    ) -> None:
        self.score, self.lexicon, self.options = score, lexicon, options

    def __call__(self, part: Partition) -> tuple[dict[str, Any], bytes, tuple[str, ...]]:
        corp = part.read()
        scores = self.score(corp, self.lexicon, **self.options)
        tables = {name: getattr(scores, name) for name in _TABLES}
        tables["meta"], tables["unit"] = dict(scores.meta), scores.unit
        return tables, document_digests(corp), corp.fields


def score_partitions(
    parts: Sequence[Partition],
    lexicon: Lexicon,
    score: Callable[..., FrameScores],
    *,
    executor: Executor,
    options: dict[str, Any],
    label: str | None = None,
) -> FrameScores:
    """Score every partition on ``executor``; merge in partition order.

    ``score`` is :func:`score_frames`, called in each worker on the partition's
    corpus with the keywords ``options`` (unit, negation window, negators, chunk size).
    """
    fn = ScorePartition(score, lexicon, options)
    sent: list[int] = []  # partition indexes in the order they are handed out
    results = executor.map(
        fn, _noting(stream_partitions(parts), sent), label=label, total=len(parts),
        unit="partition",
    )  # fmt: skip
    by_index = {sent[k]: result for k, result in enumerate(results)}
    pieces, owners, digest, fields = [], [], None, None
    for part in parts:  # merged in partition order, whatever order they were read in
        scores, digests, part_fields = by_index[part.index]
        if fields is None:
            fields = part_fields
            digest = hashlib.sha256(json.dumps(list(fields)).encode())
        elif part_fields != fields:
            raise InvalidParameterError(
                f"{part.label}: metadata fields {list(part_fields)} differ from the first "
                f"partition's {list(fields)}; every partition needs the same columns"
            )
        digest.update(digests)  # type: ignore[union-attr]
        pieces.append(scores)
        owners.append(np.full(len(scores["counts"]), part.index))
    return _merge(parts, pieces, np.concatenate(owners), digest.hexdigest())  # type: ignore[union-attr]


def _noting(parts: Iterator[Partition], sent: list[int]) -> Iterator[Partition]:
    for part in parts:
        sent.append(part.index)
        yield part


def _merge(
    parts: Sequence[Partition], pieces: list[dict[str, Any]], owners: np.ndarray, fingerprint: str
) -> FrameScores:
    # empty partitions add no rows, and would only change the columns' dtypes
    kept = [p for p in pieces if len(p["counts"])] or pieces[:1]
    # a trained model's scores carry no weighted or negated tables
    tables = {
        name: pd.concat([p[name] for p in kept]) if kept[0][name] is not None else None
        for name in _TABLES
    }
    index = tables["counts"].index
    duplicated = index.duplicated(keep=False)
    if duplicated.any():
        doc_id = index[duplicated][0]
        where = sorted({parts[i].label for i in owners[index == doc_id]})
        raise InvalidParameterError(
            f"doc_id {doc_id!r} occurs in {' and '.join(where)}: ids must be unique across "
            "partitions (choose another id column, or leave it out to number the rows)"
        )
    meta = {**pieces[0]["meta"], "corpus_fingerprint": fingerprint}
    meta["input_counts"] = _summed_counts([p["meta"]["input_counts"] for p in pieces])
    return FrameScores(**tables, unit=pieces[0]["unit"], meta=meta)


def _summed_counts(counts: list[dict[str, int]]) -> dict[str, int]:
    """What every partition's reader replaced or skipped, added up (keys in first-seen order)."""
    total: dict[str, int] = {}
    for one in counts:
        for key, n in one.items():
            total[key] = total.get(key, 0) + n
    return total
