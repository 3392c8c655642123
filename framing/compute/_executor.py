"""Executors: map a function over items and yield the results in input order.

Three backends behind one interface, chosen by a :class:`~framing.compute.Scheduler`:

* **this process** (``local:1``): a plain loop;
* **a local pool** (``local:N``): ``N`` forked worker processes.  The function is
  handed to the workers when they start (inherited at fork, never pickled), so a
  function that holds texts in memory costs nothing to share and only the items
  (e.g. ranges of positions) and the results cross the pipe;
* **Dask** (``tcp://HOST:PORT``, ``slurm``, ``pbs``): a ``distributed.Client``; the
  function is scattered to the workers once, items are submitted as tasks.  Dask
  re-runs the tasks of a worker that dies on another worker.

In every backend at most ``2 x workers`` items are in flight, so a streamed input stays
in bounded memory, and the results come back in input order, so that merging them gives
the same bytes whatever the backend and the number of workers.
"""

from __future__ import annotations

import collections
import contextlib
import gc
import itertools
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from framing._errors import FramingError, InvalidParameterError
from framing.compute._scheduler import Scheduler, parse_scheduler

__all__ = ["Executor", "open_executor"]


class Executor:
    """Runs a function over items; results in input order.

    Attributes
    ----------
    scheduler : Scheduler
        The scheduler this executor runs on.
    workers : int
        Items worked on at once (1 in this process).
    shares_memory : bool
        True when the workers see this process's memory as it is when :meth:`map`
        is called (this process, or workers forked by :meth:`map`): a function may
        then hold large inputs and the items only point into them.

    Examples
    --------
    >>> with open_executor("local:1") as ex:
    ...     list(ex.map(abs, [-2, 1, -3]))
    [2, 1, 3]
    """

    shares_memory = True

    def __init__(self, scheduler: Scheduler) -> None:
        self.scheduler = scheduler
        self.workers = max(1, scheduler.workers)

    def map(
        self,
        fn: Callable[[Any], Any],
        items: Iterable[Any],
        *,
        label: str | None = None,
        total: int | None = None,
        weight: Callable[[Any], int] | None = None,
        unit: str = "unit",
    ) -> Iterator[Any]:
        """``fn(item)`` for every item, in input order.

        Parameters
        ----------
        fn : callable
            A picklable function of one item (a module-level function or an
            instance of a module-level class).
        items : iterable
            Consumed lazily: at most ``2 x workers`` items are in flight.
        label : str, optional
            Show a progress bar (tqdm, standard error) with this description.
        total : int, optional
            The bar's total.
        weight : callable, optional
            How much one result advances the bar (default 1).
        unit : str, default="unit"
            The bar's unit.

        Yields
        ------
        object
            ``fn(item)``, in the order of ``items``.
        """
        with _progress(label, total, unit) as bar:
            for result in self._results(fn, iter(items)):
                bar.update(weight(result) if weight else 1)
                yield result

    def _results(self, fn: Callable[[Any], Any], items: Iterator[Any]) -> Iterator[Any]:
        for item in items:
            yield fn(item)


class _NoBar:
    def update(self, n: int) -> None:
        pass


@contextlib.contextmanager
def _progress(label: str | None, total: int | None, unit: str) -> Iterator[Any]:
    if label is None:
        yield _NoBar()
        return
    from tqdm.auto import tqdm

    with tqdm(total=total, unit=unit, desc=label) as bar:
        yield bar


# ------------------------------------------------------------------ local pool
_FUNCTION: list[Callable[[Any], Any]] = []


def _install(fn: Callable[[Any], Any]) -> None:
    _FUNCTION[:] = [fn]


def _call(item: Any) -> Any:
    return _FUNCTION[0](item)


def _context() -> Any:
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


class _LocalPool(Executor):
    """``workers`` forked processes, started for each :meth:`map` and closed after it."""

    def __init__(self, scheduler: Scheduler) -> None:
        super().__init__(scheduler)
        self.shares_memory = _context().get_start_method() == "fork"

    def _results(self, fn: Callable[[Any], Any], items: Iterator[Any]) -> Iterator[Any]:
        ctx = _context()
        gc.freeze()  # objects alive at fork are never collected (copied) in the workers
        try:
            pool = ctx.Pool(self.workers, initializer=_install, initargs=(fn,))
        finally:
            gc.unfreeze()
        with pool:
            pending: collections.deque = collections.deque()
            for item in items:
                pending.append(pool.apply_async(_call, (item,)))
                if len(pending) >= 2 * self.workers:
                    yield pending.popleft().get()
            while pending:
                yield pending.popleft().get()


# ------------------------------------------------------------------------ Dask
def _apply_all(fn: Callable[[Any], Any], batch: list[Any]) -> list[Any]:
    return [fn(item) for item in batch]


def _batches(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    while batch := list(itertools.islice(items, size)):
        yield batch


class _Dask(Executor):
    """Tasks on a ``distributed.Client``; the function is scattered once per :meth:`map`.

    Every worker (also one that joins later) gets :class:`MallocPlugin`: without it,
    the allocator settings Dask's nanny gives its workers cost the scoring 5-45% more
    CPU time than in a plain process, depending on the partitions
    (``framing/compute/_malloc.py``, ``benchmarks/dask.md``).
    """

    shares_memory = False
    #: Items sent to a worker in one task: the scheduler and this process then handle a
    #: quarter of the tasks (``FRAMING_DASK_ITEMS_PER_TASK`` overrides it, for benchmarks).
    items_per_task = int(os.environ.get("FRAMING_DASK_ITEMS_PER_TASK", "4"))

    def __init__(self, scheduler: Scheduler, client: Any, expected: int = 0) -> None:
        from framing.compute._malloc import MallocPlugin

        super().__init__(scheduler)
        self.client = client
        self.workers = max(1, sum(client.nthreads().values()), expected)
        client.register_plugin(MallocPlugin())

    def _results(self, fn: Callable[[Any], Any], items: Iterator[Any]) -> Iterator[Any]:
        [remote] = self.client.scatter([fn], broadcast=True, hash=False)
        pending: collections.deque = collections.deque()
        window = 2 * self.workers
        try:
            for batch in _batches(items, self.items_per_task):
                pending.append(self.client.submit(_apply_all, remote, batch, pure=False))
                if len(pending) >= window:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:
            if pending:
                self.client.cancel(list(pending))


def _in_daemon() -> bool:
    import multiprocessing

    return bool(multiprocessing.current_process().daemon)


@contextlib.contextmanager
def open_executor(
    scheduler: str | int | Scheduler | None = None,
    *,
    cluster: Mapping[str, Any] | None = None,
) -> Iterator[Executor]:
    """An executor for ``scheduler``, closed (with its Dask client or cluster) on exit.

    Parameters
    ----------
    scheduler : str, int, Scheduler or None
        A spec for :func:`parse_scheduler`; ``None`` runs in this process.
    cluster : mapping, optional
        For ``slurm`` and ``pbs``: the dask-jobqueue cluster options (see
        :func:`jobqueue_cluster`); dask-jobqueue's own configuration when omitted.

    Yields
    ------
    Executor

    Raises
    ------
    InvalidParameterError
        A bad spec, or ``local:N`` with ``N > 1`` inside a daemonic process.
    FramingError
        The Dask scheduler cannot be reached.
    ImportError
        Dask is not installed (the message names the ``dask`` extra).

    Examples
    --------
    >>> with open_executor("local:2") as ex:
    ...     list(ex.map(str.upper, ["a", "b", "c"]))
    ['A', 'B', 'C']
    """
    spec = parse_scheduler(scheduler)
    if spec.kind == "local":
        if spec.workers > 1 and _in_daemon():
            raise InvalidParameterError(
                f"scheduler {spec} needs worker processes, and this is a daemonic process "
                "(such as a multiprocessing.Pool worker), which may not start any: use local:1 "
                "(n_jobs=1) here"
            )
        yield Executor(spec) if spec.in_process else _LocalPool(spec)
        return
    if spec.kind == "dask":
        with _client(spec.address) as client:
            yield _Dask(spec, client)
        return
    from framing.compute._jobqueue import jobqueue_cluster

    with jobqueue_cluster(spec.system or "", cluster) as (jobs, cluster_):
        with _client(cluster_) as client:
            yield _Dask(spec, client, expected=jobs)


@contextlib.contextmanager
def _client(address: Any) -> Iterator[Any]:
    distributed = _import_distributed()
    try:
        client = distributed.Client(address, timeout="20s", set_as_default=False)
    except (OSError, TimeoutError) as error:
        raise FramingError(
            f"cannot reach the Dask scheduler at {address} ({error}); start it first "
            "(dask scheduler, see docs/cluster.md) and check the address and port"
        ) from None
    try:
        yield client
    finally:
        client.close()


def _import_distributed() -> Any:
    from framing.compute._deps import require_dask

    return require_dask("distributed")
