"""Exceptions raised by the :mod:`framing` package.

Every error derives from :class:`FramingError`.  The command line prints the
message without a traceback and exits 2 for usage and configuration errors
(:class:`ConfigError`) and 1 for data errors.
"""

from __future__ import annotations

__all__ = ["ConfigError", "FramingError", "InvalidParameterError", "LexiconError"]


class FramingError(Exception):
    """Base class of every error raised by :mod:`framing`."""


class ConfigError(FramingError, ValueError):
    """A configuration, option or command-line argument is invalid (CLI exit code 2)."""


class LexiconError(FramingError, ValueError):
    """A lexicon file or pattern is invalid; the message names the frame and pattern."""


class InvalidParameterError(FramingError, ValueError):
    """A function argument is invalid: a value out of range, an unknown name (CLI exit code 2).

    Raised by argument checks of the library's functions; :class:`ConfigError` is kept for
    the experiment configuration and its key paths.
    """
