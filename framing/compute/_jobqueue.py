"""Dask clusters of batch jobs (SLURM, PBS) through dask-jobqueue."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from framing._errors import FramingError, InvalidParameterError

__all__ = ["JOBQUEUE_SYSTEMS", "jobqueue_cluster", "read_cluster_config"]

#: Batch system -> the dask-jobqueue cluster class.
JOBQUEUE_SYSTEMS: dict[str, str] = {"slurm": "SLURMCluster", "pbs": "PBSCluster"}


def read_cluster_config(path: str | Path) -> dict[str, Any]:
    """Read cluster options from a YAML file (the ``cluster:`` block of docs/cluster.md).

    Parameters
    ----------
    path : str or Path
        A YAML mapping: ``jobs`` (batch jobs to start) and the options of
        dask-jobqueue's cluster class (``cores``, ``memory``, ``processes``,
        ``walltime``, ``queue``, ``account``, ``job_extra_directives``, ...).

    Returns
    -------
    dict

    Raises
    ------
    InvalidParameterError
        The file cannot be read or is not a YAML mapping.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "slurm.yaml"
    >>> _ = p.write_text("jobs: 4\\ncores: 8\\nmemory: 16GB\\n")
    >>> read_cluster_config(p)
    {'jobs': 4, 'cores': 8, 'memory': '16GB'}
    """
    import yaml

    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InvalidParameterError(
            f"{path}: cannot read the cluster config ({error.strerror})"
        ) from None
    except yaml.YAMLError as error:
        raise InvalidParameterError(f"{path}: invalid YAML ({error})") from None
    if not isinstance(data, dict):
        raise InvalidParameterError(f"{path}: the cluster config must be a mapping of options")
    return data


@contextlib.contextmanager
def jobqueue_cluster(
    system: str, options: Mapping[str, Any] | None = None, *, scale: bool = True
) -> Iterator[tuple[int, Any]]:
    """A dask-jobqueue cluster, scaled to ``jobs`` batch jobs, closed on exit.

    Parameters
    ----------
    system : {"slurm", "pbs"}
        The batch system.
    options : mapping, optional
        ``jobs`` (default 1) and the keyword arguments of ``dask_jobqueue.SLURMCluster`` or
        ``PBSCluster``; options left out come from dask-jobqueue's own configuration
        (``~/.config/dask/jobqueue.yaml``).
    scale : bool, default=True
        Submit the jobs (``sbatch`` or ``qsub`` must exist); ``False`` only builds the
        cluster, e.g. to look at ``cluster.job_script()``.

    Yields
    ------
    (int, cluster)
        The number of worker processes asked for (``jobs x processes``) and the cluster.

    Raises
    ------
    InvalidParameterError
        An unknown system, a bad ``jobs``, or an option the cluster class does not take.
    FramingError
        ``scale=True`` and the batch system's submit command is not on this machine.
    ImportError
        dask-jobqueue is not installed (the message names the ``dask`` extra).
    """
    cls = _cluster_class(system)
    kwargs = dict(options or {})
    jobs = kwargs.pop("jobs", 1)
    if not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1:
        raise InvalidParameterError(f"cluster option jobs must be a positive integer: {jobs!r}")
    try:
        cluster = cls(**kwargs)
    except (TypeError, ValueError) as error:
        raise InvalidParameterError(f"{system} cluster options: {error}") from None
    try:
        processes = int(cluster._dummy_job.worker_processes)
        if scale:
            _check_submit(system, cluster)
            cluster.scale(jobs=jobs)
        yield jobs * processes, cluster
    finally:
        cluster.close()


def _check_submit(system: str, cluster: Any) -> None:
    command = str(cluster._dummy_job.submit_command).split()[0]
    if shutil.which(command) is None:
        raise FramingError(
            f"the {system} scheduler submits jobs with {command!r}, which is not on this "
            "machine: run framing on the cluster's login node (see docs/cluster.md)"
        )


def _cluster_class(system: str) -> Any:
    from framing.compute._deps import require_dask

    if system not in JOBQUEUE_SYSTEMS:
        raise InvalidParameterError(
            f"unknown batch system {system!r}; use one of {sorted(JOBQUEUE_SYSTEMS)}"
        )
    module = require_dask("dask_jobqueue", what=system)
    return getattr(module, JOBQUEUE_SYSTEMS[system])
