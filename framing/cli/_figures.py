"""``framing runs contact-sheet RUN_DIR --out sheet.png`` and ``framing runs check-figures``.

Subcommands of ``framing runs`` (registered by :mod:`framing.cli._run`) on finished run
folders: review every figure of a run at a glance, and check that every PNG figure is laid
out for print.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

__all__ = ["add_figure_commands"]


def _run_dir(text: str) -> Path:
    """An existing folder (argparse type: a missing folder is a usage error, exit 2)."""
    path = Path(text)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"{text} is not a folder")
    return path


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive integer")
    return value


def add_figure_commands(sub: Any) -> None:
    """Add ``contact-sheet`` and ``check-figures`` to the ``runs`` subcommands."""
    sheet = sub.add_parser(
        "contact-sheet",
        help="one image with every PNG figure of a run as a labelled thumbnail",
        description="Write one image with every figures/*.png of RUN_DIR as a thumbnail "
        "labelled with its file name, in name order. The file appears only when complete.",
    )
    sheet.add_argument("run_dir", metavar="RUN_DIR", type=_run_dir, help="a run folder")
    sheet.add_argument(
        "--out", required=True, type=Path, help="the sheet to write (.png, .pdf or .svg)"
    )
    sheet.add_argument("--ncols", type=_positive, default=4, help="thumbnails per row (default 4)")
    sheet.set_defaults(handler=_contact_sheet)

    check = sub.add_parser(
        "check-figures",
        help="check every PNG figure of a run: no ink on an edge, <= 20%% empty rows/columns",
        description="Check every figures/*.png of RUN_DIR: no ink touches an edge of the "
        "image and at most a fifth of its pixel rows (and of its columns) are empty. "
        "Prints one line per figure; exits 1 when any figure fails.",
    )
    check.add_argument("run_dir", metavar="RUN_DIR", type=_run_dir, help="a run folder")
    check.set_defaults(handler=_check_figures)


def _contact_sheet(args: argparse.Namespace) -> int:
    from framing.figures import contact_sheet

    out = contact_sheet(args.run_dir, args.out, ncols=args.ncols)
    print(out)
    return 0


def _check_figures(args: argparse.Namespace) -> int:
    from framing._errors import InvalidParameterError
    from framing.figures import image_problems

    files = sorted((args.run_dir / "figures").glob("*.png"))
    if not files:
        raise InvalidParameterError(f"{args.run_dir} has no PNG figures in figures/")
    failed = 0
    for path in files:
        problems = image_problems(path)
        failed += bool(problems)
        print(f"{path.name}: {'; '.join(problems) if problems else 'ok'}")
    if failed:
        print(f"framing: {failed} of {len(files)} figures fail the layout check", file=sys.stderr)
    return 1 if failed else 0
