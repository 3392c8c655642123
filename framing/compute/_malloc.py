"""Keep glibc's allocator from paging memory in and out on Dask workers.

Dask's nanny starts every worker process with ``MALLOC_TRIM_THRESHOLD_=65536`` in its
environment (``distributed.nanny.pre-spawn-environ``) so that freed memory goes back
to the operating system.  Setting any malloc threshold by hand also switches off
glibc's *dynamic* mmap threshold, so every allocation of 128 KiB or more (a column
read from Parquet, a partition's texts, the count arrays) becomes a fresh ``mmap``
that is unmapped when freed and faulted in page by page the next time.  Scoring one
partition then costs more CPU time in a Dask worker than in a plain process: 5-45%
depending on the partition, with 7-8x the page faults (``benchmarks/dask.md``).

:func:`tune_malloc` sets the thresholds that glibc's dynamic rule would have reached
(mmap above 32 MiB, trim above 64 MiB); :class:`MallocPlugin` (a Dask worker plugin,
registered by the Dask executor) calls it on every worker, also on workers that join
later.  The cost is memory that a worker keeps for reuse instead of returning it at
once (at most 64 MiB of free heap); a worker's peak stays far below Dask's limits.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

__all__ = ["MallocPlugin", "tune_malloc"]

_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
_MMAP_THRESHOLD = 32 * 1024 * 1024  # glibc's upper bound for the dynamic threshold (64-bit)


def tune_malloc() -> bool:
    """Set glibc's mmap threshold to 32 MiB and its trim threshold to 64 MiB.

    Returns
    -------
    bool
        True when both were set (Linux with glibc); False elsewhere (nothing changed).

    Examples
    --------
    >>> tune_malloc() in (True, False)
    True
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc (musl has no mallopt)
        return False
    ok_mmap = mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD)
    ok_trim = mallopt(_M_TRIM_THRESHOLD, 2 * _MMAP_THRESHOLD)
    return bool(ok_mmap and ok_trim)


class MallocPlugin(WorkerPlugin):
    """A Dask worker plugin that calls :func:`tune_malloc` on each worker as it starts."""

    name = "framing-malloc"
    idempotent = True

    def setup(self, worker: Any) -> None:
        """Tune the worker process's allocator (``worker`` is unused)."""
        del worker
        tune_malloc()
