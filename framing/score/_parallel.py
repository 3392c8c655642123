"""Counting raw texts chunk by chunk, on any backend of :mod:`framing.compute`.

:func:`count_texts` returns one row per text, in input order, whatever the scheduler
and the number of workers.  The chunk function is the same everywhere; what travels
to the workers depends on the backend:

* **In-memory texts** (a list) on a backend that shares memory (this process, or the
  local pool, whose workers are forked with the texts and the function): the items
  are ranges of positions; only the counts come back.
* **Anything else** (a streamed corpus, or a Dask cluster): the items are the chunks
  of texts themselves, at most ``2 x workers`` in flight, so memory stays bounded.

Each worker process builds the lexicon's matcher once and keeps it
(:func:`matcher_for`).  Measured side by side in ``benchmarks/bench_score_jobs.py``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np

from framing.compute import Executor
from framing.lexicon import Lexicon
from framing.score._match_text import TextMatcher

__all__ = ["chunks", "count_texts", "matcher_for", "ranges"]

Counts = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]

_MATCHERS: dict[tuple, TextMatcher] = {}


def matcher_for(lexicon: Lexicon, negators: tuple[str, ...] | None, negation: bool) -> TextMatcher:
    """The lexicon's text matcher, built once per process (the last four are kept)."""
    key = (TextMatcher, lexicon.fingerprint, negators, negation)
    matcher = _MATCHERS.get(key)
    if matcher is None:
        if len(_MATCHERS) >= 4:
            _MATCHERS.clear()
        matcher = _MATCHERS[key] = TextMatcher(lexicon, negators, negation=negation)
    return matcher


class CountChunk:
    """Counts of one chunk of texts (a picklable chunk function)."""

    def __init__(
        self, lexicon: Lexicon, negators: tuple[str, ...] | None, negation_window: int | None
    ) -> None:
        self.lexicon, self.negators, self.window = lexicon, negators, negation_window

    def __call__(self, texts: Sequence[str]) -> Counts:
        matcher = matcher_for(self.lexicon, self.negators, bool(self.window))
        return matcher.count(list(texts), negation_window=self.window)


class CountRange(CountChunk):
    """Counts of ``texts[r]`` for a range ``r`` of a list held by the function."""

    def __init__(self, texts: list[str], *args: Any) -> None:
        super().__init__(*args)
        self.texts = texts

    def __call__(self, r: range) -> Counts:  # type: ignore[override]
        return super().__call__(self.texts[r.start : r.stop])


def count_texts(
    texts: Iterable[str],
    n_texts: int,
    lexicon: Lexicon,
    negators: tuple[str, ...] | None,
    negation_window: int | None,
    *,
    executor: Executor,
    chunk_size: int = 256,
    label: str | None = None,
) -> Counts:
    """Counts, weighted counts, negated counts (texts x frames) and tokens per text.

    ``label`` names a progress bar (tqdm, on standard error) over texts done.
    """
    args = (lexicon, negators, negation_window)
    if isinstance(texts, list) and executor.shares_memory and executor.workers > 1:
        items: Iterable[Any] = ranges(len(texts), chunk_size, executor.workers)
        fn: CountChunk = CountRange(texts, *args)
    else:
        items, fn = chunks(texts, chunk_size), CountChunk(*args)
    parts = list(executor.map(fn, items, label=label, total=n_texts, weight=lambda p: p[3].size))
    if not parts:
        empty = np.zeros((0, len(lexicon.frames)), dtype=np.int64)
        return empty, empty.astype(np.float64), empty.copy(), np.zeros(0, dtype=np.int64)
    return tuple(np.concatenate([p[j] for p in parts]) for j in range(4))  # type: ignore[return-value]


def chunks(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    """Lists of up to ``size`` texts.

    Examples
    --------
    >>> [len(c) for c in chunks(["a"] * 5, 2)]
    [2, 2, 1]
    """
    it = iter(texts)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def ranges(n: int, chunk_size: int, n_jobs: int) -> list[range]:
    """Chunks of ``chunk_size`` units; the last ``n_jobs`` chunks' worth in quarters.

    Smaller chunks at the end keep processes from waiting on one another's
    last chunk.

    Examples
    --------
    >>> [(r.start, r.stop) for r in ranges(10, 4, 2)]
    [(0, 4), (4, 5), (5, 6), (6, 7), (7, 8), (8, 9), (9, 10)]
    """
    out, i, tail = [], 0, max(0, n - n_jobs * chunk_size)
    while i < n:
        step = chunk_size if i < tail else max(1, chunk_size // 4)
        out.append(range(i, min(i + step, n)))
        i += step
    return out
