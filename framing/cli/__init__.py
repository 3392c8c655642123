"""The ``framing`` command.

Each command group lives in its own module with a ``register(subparsers)``
function; the modules import heavy dependencies inside their handlers so that
``framing --help`` and short commands start fast.

Exit codes: 0 success; 1 data errors (unreadable corpus, malformed rows);
2 usage and configuration errors.  Errors print one message without a
traceback; ``--debug`` shows the traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import warnings
from collections.abc import Sequence

__all__ = ["main"]

#: Command modules, in the order their commands appear in ``framing --help``.
COMMAND_MODULES: tuple[str, ...] = (
    "framing.cli._benchmark",
    "framing.cli._corpus",
    "framing.cli._effects",
    "framing.cli._kwic",
    "framing.cli._lexicon",
    "framing.cli._model",
    "framing.cli._run",
    "framing.cli._score",
    "framing.cli._targets",
    "framing.cli._topics",
    "framing.cli._validate",
)


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every registered command group."""
    parser = argparse.ArgumentParser(
        prog="framing",
        description="Discourse-framing analysis: corpora, frame lexicons, topics, experiments.",
    )
    parser.add_argument("--debug", action="store_true", help="show a traceback on errors")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def _exit_code(error: BaseException) -> int:
    """One rule for every command: 2 for usage and configuration errors, 1 for data errors.

    Usage errors are an invalid argument or config key (:class:`InvalidParameterError`,
    :class:`ConfigError`) and a path named on the command line or in a config that does not
    exist (:class:`FileNotFoundError`); data errors are inputs that exist but cannot be used
    (malformed rows, bad encodings, broken lexicon patterns).
    """
    from framing._errors import ConfigError, InvalidParameterError

    usage = (ConfigError, InvalidParameterError, FileNotFoundError, NotADirectoryError)
    return 2 if isinstance(error, usage) else 1


_SHOWWARNING = warnings.showwarning


def _show_warning(message, category, filename, lineno, file=None, line=None):  # type: ignore[no-untyped-def]
    """Scope warnings print as one ``framing: warning:`` line; others as usual."""
    if category.__name__ == "ScopeWarning":
        print(f"framing: warning: {message}", file=sys.stderr)
    else:
        _SHOWWARNING(message, category, filename, lineno, file, line)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``framing`` command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    shown, warnings.showwarning = warnings.showwarning, _show_warning
    try:
        result = args.handler(args)
    except KeyboardInterrupt:
        print("framing: interrupted", file=sys.stderr)
        return 130
    except Exception as error:
        if args.debug:
            raise
        from corpus import CorpusError
        from framing._errors import FramingError

        if not isinstance(error, (CorpusError, FramingError, OSError)):
            # An unexpected error is a bug: show where it happened.
            raise
        message = str(error) or error.__class__.__name__
        print(f"framing: error: {message}", file=sys.stderr)
        return _exit_code(error)
    finally:
        warnings.showwarning = shown
    return int(result or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
