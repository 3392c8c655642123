"""The optional Dask dependency, with a clear message when it is missing."""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = ["require_dask"]

_HINT = (
    "the {what} scheduler needs the optional Dask dependencies ({module} is not installed): "
    'pip install "discourse-framing[dask]"'
)


def require_dask(module: str = "distributed", *, what: str = "Dask") -> ModuleType:
    """Import ``module`` (``distributed``, ``dask_jobqueue``) or explain how to install it.

    Parameters
    ----------
    module : str, default="distributed"
        The module to import.
    what : str, default="Dask"
        What needs it, for the message.

    Returns
    -------
    module
        The imported module.

    Raises
    ------
    ImportError
        When the module is missing; the message names the ``dask`` extra.

    Examples
    --------
    >>> require_dask("no_such_module_here", what="test")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ImportError: the test scheduler needs ... pip install "discourse-framing[dask]"
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        raise ImportError(_HINT.format(what=what, module=module)) from None
