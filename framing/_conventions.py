"""Conventions every public function follows, each defined once.

- Unit names: :data:`UNITS` (and the segmentation each asks of a corpus, :data:`SEGMENTS`).
- The bootstrap: :data:`N_BOOT` resamples and a :data:`CONF_LEVEL` interval by default.
- The seed policy: every random choice takes an explicit integer ``seed`` (no default), which
  the function records where it reports provenance; nothing else is called ``seed``.  Guide
  words for topics are ``guide_*`` (``seed_*`` is kept one release as a deprecated alias:
  :func:`renamed_parameters`).
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable, Mapping
from typing import Any, Literal, TypeVar, get_args

__all__ = ["CLI_SEED", "CONF_LEVEL", "N_BOOT", "SEGMENTS", "UNITS", "Unit", "renamed_parameters"]

#: The units a corpus is scored on.
Unit = Literal["document", "paragraph", "sentence"]
UNITS: tuple[str, ...] = get_args(Unit)
#: Unit -> the argument of :meth:`corpus.Corpus.segment` (None: the documents themselves).
SEGMENTS: dict[str, str | None] = {
    "document": None,
    "paragraph": "paragraphs",
    "sentence": "sentences",
}
#: Bootstrap resamples, the one default of every function and config key that resamples.
N_BOOT = 2000
#: Confidence level of every interval, unless asked otherwise.
CONF_LEVEL = 0.95
#: The ``--seed`` of every ``framing`` command that draws at random (printed and recorded
#: in its outputs; library functions take no default seed).
CLI_SEED = 1

F = TypeVar("F", bound=Callable[..., Any])


def renamed_parameters(renames: Mapping[str, str], *, since: str) -> Callable[[F], F]:
    """Accept old keyword names for one release, with a FutureWarning naming the new one.

    Parameters
    ----------
    renames : mapping of str to str
        Old keyword -> new keyword.
    since : str
        The version that renamed them (said in the warning).

    Returns
    -------
    callable
        A decorator.

    Examples
    --------
    >>> @renamed_parameters({"seed_weight": "guide_weight"}, since="0.2.0")
    ... def f(*, guide_weight=1.0):
    ...     return guide_weight
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     f(seed_weight=2.0), str(caught[0].message)[:43]
    (2.0, "'seed_weight' was renamed 'guide_weight' in")
    """

    def decorate(function: F) -> F:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            for old, new in renames.items():
                if old in kwargs:
                    if new in kwargs:
                        from framing._errors import InvalidParameterError

                        raise InvalidParameterError(f"give {new!r}, not both {new!r} and {old!r}")
                    warnings.warn(
                        f"{old!r} was renamed {new!r} in {since}; the old name goes in the "
                        "next release",
                        FutureWarning,
                        stacklevel=2,
                    )
                    kwargs[new] = kwargs.pop(old)
            return function(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate
