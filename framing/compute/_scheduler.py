"""Scheduler specs: ``local:N``, ``tcp://HOST:PORT``, ``slurm``, ``pbs``."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from framing._errors import InvalidParameterError

__all__ = ["Scheduler", "parse_scheduler"]

_FORMS = "local:N (N processes on this machine), tcp://HOST:PORT (a Dask scheduler), slurm or pbs"
_ADDRESS = re.compile(r"^(tcp|tls|ucx|inproc)://[^\s/]+$")


@dataclass(frozen=True)
class Scheduler:
    """Where chunk functions run.

    Attributes
    ----------
    kind : {"local", "dask", "jobqueue"}
        ``local`` is this process (``workers == 1``) or a pool of forked processes;
        ``dask`` a running Dask scheduler at ``address``; ``jobqueue`` a Dask cluster
        of batch jobs on ``system`` (``slurm`` or ``pbs``).
    workers : int
        Processes for ``local``; 0 (decided by the cluster) otherwise.
    address : str or None
        The Dask scheduler address (``kind == "dask"``).
    system : str or None
        ``slurm`` or ``pbs`` (``kind == "jobqueue"``).
    """

    kind: str
    workers: int = 1
    address: str | None = None
    system: str | None = None

    @property
    def in_process(self) -> bool:
        """True when everything runs in this process."""
        return self.kind == "local" and self.workers == 1

    def __str__(self) -> str:
        if self.kind == "local":
            return f"local:{self.workers}"
        return self.address if self.kind == "dask" else str(self.system)


def parse_scheduler(spec: str | int | Scheduler | None) -> Scheduler:
    """Read a scheduler spec.

    Parameters
    ----------
    spec : str, int, Scheduler or None
        ``None`` or ``"local:1"``: this process.  ``"local:N"`` (or the int ``N``): ``N``
        processes on this machine; ``"local"``: one per core.  ``"tcp://HOST:PORT"``: a
        running Dask scheduler.  ``"slurm"`` or ``"pbs"``: Dask workers started as batch
        jobs by dask-jobqueue.

    Returns
    -------
    Scheduler

    Raises
    ------
    InvalidParameterError
        On any other spec; the message lists the forms.

    Examples
    --------
    >>> parse_scheduler("local:2")
    Scheduler(kind='local', workers=2, address=None, system=None)
    >>> str(parse_scheduler("tcp://127.0.0.1:8786"))
    'tcp://127.0.0.1:8786'
    >>> parse_scheduler(None).in_process
    True
    """
    if isinstance(spec, Scheduler):
        return spec
    if spec is None:
        return Scheduler("local", 1)
    if isinstance(spec, int) and not isinstance(spec, bool):
        return _local(spec, str(spec))
    if not isinstance(spec, str):
        raise InvalidParameterError(f"scheduler must be one of {_FORMS}; got {spec!r}")
    text = spec.strip()
    if text == "local":
        return Scheduler("local", os.cpu_count() or 1)
    if text.startswith("local:"):
        count = text.removeprefix("local:")
        if not count.isdigit():
            raise InvalidParameterError(f"scheduler {spec!r}: N in local:N must be a number")
        return _local(int(count), spec)
    if text.lower() in ("slurm", "pbs"):
        return Scheduler("jobqueue", 0, system=text.lower())
    if _ADDRESS.match(text):
        return Scheduler("dask", 0, address=text)
    raise InvalidParameterError(f"unknown scheduler {spec!r}; use {_FORMS}")


def _local(workers: int, spec: str) -> Scheduler:
    if workers < 1:
        raise InvalidParameterError(f"scheduler {spec!r}: local:N needs N >= 1")
    return Scheduler("local", workers)
