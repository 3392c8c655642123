"""Counting raw texts chunk by chunk, in this process or in several.

:func:`count_texts` returns one row per text, in input order, whatever the
number of processes.  Two ways to share the work:

* **In-memory texts** (a list) with ``n_jobs > 1`` where ``fork`` exists: this
  process and ``n_jobs - 1`` forked workers, which inherit the texts, claim
  chunks from a shared counter (the slowest chunk never holds the others up)
  and write their rows straight into shared arrays: nothing is pickled, and no
  process sits idle waiting for results.
* **Streamed texts** (any other iterable, e.g. a lazy corpus read from an
  archive): this process reads and sends chunks to a pool of ``n_jobs``
  workers, at most ``2 * n_jobs`` chunks in flight, so memory stays bounded.

Measured side by side in ``benchmarks/bench_score_jobs.py``.
"""

from __future__ import annotations

import collections
import contextlib
import gc
import itertools
import traceback
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np

from framing._errors import InvalidParameterError
from framing.lexicon import Lexicon
from framing.score._match_text import TextMatcher

__all__ = ["count_texts"]

Counts = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def count_texts(
    texts: Iterable[str],
    n_texts: int,
    lexicon: Lexicon,
    negators: tuple[str, ...] | None,
    negation_window: int | None,
    *,
    n_jobs: int = 1,
    chunk_size: int = 256,
    label: str | None = None,
) -> Counts:
    """Counts, weighted counts, negated counts (texts x frames) and tokens per text.

    ``texts`` is shared with forked workers when it is a list; ``label``
    names a progress bar (tqdm, on standard error) over texts done.
    """
    n_frames = len(lexicon.frames)
    if n_jobs > 1 and _in_daemon():
        raise InvalidParameterError(
            f"n_jobs={n_jobs} needs worker processes, and this is a daemonic process (such as a "
            "multiprocessing.Pool worker), which may not start any: use n_jobs=1 here"
        )
    with _progress(n_texts, label) as bar:
        shared = isinstance(texts, list) and _fork_context().get_start_method() == "fork"
        if n_jobs > 1 and shared:
            args = (lexicon, negators, negation_window, n_jobs, chunk_size)
            return _count_shared(texts, *args, bar)
        results = _count_streamed(texts, lexicon, negators, negation_window, n_jobs, chunk_size)
        parts = []
        for part in results:
            parts.append(part)
            bar.update(part[3].size)
    if not parts:
        empty = np.zeros((0, n_frames), dtype=np.int64)
        return empty, empty.astype(np.float64), empty.copy(), np.zeros(0, dtype=np.int64)
    return tuple(np.concatenate([p[j] for p in parts]) for j in range(4))  # type: ignore[return-value]


def chunks(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    """Lists of up to ``size`` texts."""
    it = iter(texts)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


class _NoBar:
    def update(self, n: int) -> None:
        pass


@contextlib.contextmanager
def _progress(total: int, label: str | None) -> Iterator[Any]:
    if label is None:
        yield _NoBar()
        return
    from tqdm.auto import tqdm

    with tqdm(total=total, unit="unit", desc=label) as bar:
        yield bar


def _in_daemon() -> bool:
    import multiprocessing

    return bool(multiprocessing.current_process().daemon)


def _fork_context() -> Any:
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


@contextlib.contextmanager
def _frozen_gc() -> Iterator[None]:
    """Objects that exist at fork are never collected in the children.

    A collection in a child writes to every object it visits, which copies
    the parent's memory page by page.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


# ------------------------------------------------------------ streamed texts
_WORKER: dict[str, Any] = {}


def _init_worker(lexicon: Lexicon, negators: tuple[str, ...] | None, negation: bool) -> None:
    _WORKER["matcher"] = TextMatcher(lexicon, negators, negation=negation)


def _count_chunk(chunk: list[str], negation_window: int | None) -> Counts:
    return _WORKER["matcher"].count(chunk, negation_window=negation_window)


def _count_streamed(
    texts: Iterable[str],
    lexicon: Lexicon,
    negators: tuple[str, ...] | None,
    negation_window: int | None,
    n_jobs: int,
    chunk_size: int,
) -> Iterator[Counts]:
    """Chunk results in order; at most ``2 * n_jobs`` chunks in flight."""
    if n_jobs == 1:
        matcher = TextMatcher(lexicon, negators, negation=bool(negation_window))
        for chunk in chunks(texts, chunk_size):
            yield matcher.count(chunk, negation_window=negation_window)
        return
    initargs = (lexicon, negators, bool(negation_window))
    with _frozen_gc():
        pool = _fork_context().Pool(n_jobs, initializer=_init_worker, initargs=initargs)
    with pool:
        pending: collections.deque = collections.deque()
        for chunk in chunks(texts, chunk_size):
            pending.append(pool.apply_async(_count_chunk, (chunk, negation_window)))
            if len(pending) >= 2 * n_jobs:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


# ----------------------------------------------------------- in-memory texts
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


class _Shared:
    """Output arrays in shared memory, a chunk counter and a count of texts done."""

    def __init__(self, ctx: Any, n: int, n_frames: int) -> None:
        self.n, self.n_frames = n, n_frames
        self.state = ctx.Array("q", 2)  # next chunk to claim, texts done (with a lock)
        cells = max(1, n * n_frames)  # a shared array cannot be empty
        self.buffers = [ctx.RawArray(code, cells) for code in "qdq"]
        self.buffers.append(ctx.RawArray("q", max(1, n)))

    def arrays(self) -> Counts:
        """Views of the shared buffers (valid in every process forked after ``__init__``)."""
        cells = self.n * self.n_frames
        dtypes = (np.int64, np.float64, np.int64, np.int64)
        counts, weighted, negated, n_tokens = (
            np.frombuffer(b, dtype=dt) for b, dt in zip(self.buffers, dtypes, strict=True)
        )
        shape = (self.n, self.n_frames)
        return (counts[:cells].reshape(shape), weighted[:cells].reshape(shape),
                negated[:cells].reshape(shape), n_tokens[: self.n])  # fmt: skip

    def claim(self) -> int:
        with self.state.get_lock():
            i = self.state[0]
            self.state[0] = i + 1
        return i

    def done(self, n: int) -> int:
        with self.state.get_lock():
            self.state[1] += n
            return self.state[1]


def _work(
    texts: Sequence[str],
    chunks_: list[range],
    shared: _Shared,
    matcher: TextMatcher,
    negation_window: int | None,
) -> Iterator[int]:
    """Claim and count chunks until none is left; yields the texts done so far."""
    out = shared.arrays()
    while (i := shared.claim()) < len(chunks_):
        r = chunks_[i]
        parts = matcher.count(texts[r.start : r.stop], negation_window=negation_window)
        for array, part in zip(out, parts, strict=True):
            array[r.start : r.stop] = part
        yield shared.done(len(r))


def _child(
    texts: Sequence[str],
    chunks_: list[range],
    shared: _Shared,
    lexicon: Lexicon,
    negators: tuple[str, ...] | None,
    negation_window: int | None,
    errors: Any,
) -> None:
    try:
        matcher = TextMatcher(lexicon, negators, negation=bool(negation_window))
        for _ in _work(texts, chunks_, shared, matcher, negation_window):
            pass
    except BaseException:
        errors.send(traceback.format_exc())
        raise SystemExit(1) from None


def _check(children: list[Any], errors: Any) -> None:
    failed = [c for c in children if c.exitcode not in (None, 0)]
    if failed:
        detail = errors.recv() if errors.poll() else f"exit code {failed[0].exitcode}"
        raise RuntimeError(f"a scoring worker failed:\n{detail}")


def _count_shared(
    texts: list[str],
    lexicon: Lexicon,
    negators: tuple[str, ...] | None,
    negation_window: int | None,
    n_jobs: int,
    chunk_size: int,
    bar: Any,
) -> Counts:
    ctx = _fork_context()
    chunks_ = ranges(len(texts), chunk_size, n_jobs)
    shared = _Shared(ctx, len(texts), len(lexicon.frames))
    receive, send = ctx.Pipe(duplex=False)
    args = (texts, chunks_, shared, lexicon, negators, negation_window, send)
    # no more workers than chunks: a worker with nothing to claim only costs a fork
    n_workers = min(n_jobs, len(chunks_)) - 1
    children = [ctx.Process(target=_child, args=args, daemon=True) for _ in range(n_workers)]
    try:
        with _frozen_gc():
            for child in children:
                child.start()
        matcher = TextMatcher(lexicon, negators, negation=bool(negation_window))
        seen = 0
        for done in _work(texts, chunks_, shared, matcher, negation_window):
            bar.update(done - seen)
            seen = done
            _check(children, receive)
        for child in children:
            child.join()
        _check(children, receive)
        bar.update(len(texts) - seen)
        return tuple(a.copy() for a in shared.arrays())  # type: ignore[return-value]
    finally:
        for child in children:
            if child.is_alive():
                child.terminate()
                child.join()
        receive.close()
        send.close()
