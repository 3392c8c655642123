"""One execution layer for the chunk functions: in this process, a local pool, or Dask.

The layer knows nothing of frames: it maps a picklable function over items (chunks of
texts, corpus partitions) and yields the results in input order, whatever the backend,
so that callers merge them into the same bytes.  Choose the backend with a scheduler
spec (:func:`parse_scheduler`): ``local:N`` (this process for ``N = 1``, a pool of ``N``
forked processes otherwise), ``tcp://HOST:PORT`` (a running Dask scheduler) or
``slurm`` / ``pbs`` (a Dask cluster of batch jobs through dask-jobqueue).  Dask is an
optional extra (``pip install "discourse-framing[dask]"``), imported only when used.

Names load on first use (:mod:`lazy_loader`).
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach(
    __name__,
    submod_attrs={
        "_scheduler": ["Scheduler", "parse_scheduler"],
        "_executor": ["Executor", "open_executor"],
        "_jobqueue": ["JOBQUEUE_SYSTEMS", "jobqueue_cluster", "read_cluster_config"],
        "_deps": ["require_dask"],
    },
)
