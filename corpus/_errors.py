"""Exceptions raised by the :mod:`corpus` package.

Every error derives from :class:`CorpusError`, so callers can catch one type.
Messages name the file, line, column or key involved and say what would fix it.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "CorpusError",
    "DuplicateIdError",
    "EmptyDocumentError",
    "MissingComponentError",
    "MissingFieldError",
    "MissingInputError",
    "ReaderError",
]


class CorpusError(Exception):
    """Base class of every error raised by :mod:`corpus`."""


class ReaderError(CorpusError, ValueError):
    """A source could not be read: malformed rows, bad encodings, truncated archives."""


class MissingInputError(ReaderError, FileNotFoundError):
    """A path named as input does not exist (the ``framing`` command exits 2, as for usage)."""


class MissingFieldError(CorpusError, KeyError):
    """A metadata field, id column or text column does not exist.

    Subclasses :class:`KeyError` so that ``except KeyError`` keeps working, but
    prints its message without the quotes that ``KeyError`` adds.
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class DuplicateIdError(CorpusError, ValueError):
    """Two documents share one ``doc_id``."""


class EmptyDocumentError(CorpusError, ValueError):
    """A document has no text and the policy asks for an error."""


class MissingComponentError(CorpusError, ImportError):
    """A preprocessing component needs a package or data that is not installed."""


def import_optional(module: str, *, component: str, dist: str) -> Any:
    """Import an optional package, or raise MissingComponentError with a pip hint."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingComponentError(
            f"{component} needs the {dist!r} package, which is not installed; "
            f"install it with: pip install {dist}"
        ) from None
