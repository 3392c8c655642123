"""Contact sheet: every figure of a run as a labelled thumbnail on one image."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import numpy as np

from framing._errors import FramingError, InvalidParameterError
from framing.figures._style import house_style, save_figure

__all__ = ["contact_sheet"]

#: Inches between thumbnails and around the sheet, and of a label line.
_GAP, _LINE = 0.12, 0.14


def _figure_files(run_dir: Path) -> list[Path]:
    folder = run_dir / "figures"
    if not run_dir.is_dir():
        raise InvalidParameterError(f"{run_dir} is not a folder")
    files = sorted(folder.glob("*.png")) if folder.is_dir() else []
    if not files:  # the folder exists but holds nothing to show: a data error (exit 1)
        raise FramingError(
            f"{run_dir} has no PNG figures in {folder.name}/: a contact sheet needs a run "
            "folder whose config lists png under outputs.figures"
        )
    return files


def _thumbnail(path: Path, pixels: int) -> np.ndarray:
    """The image scaled (Lanczos) to ``pixels`` wide, as RGB; never enlarged."""
    from PIL import Image

    with Image.open(path) as image:
        rgb = image.convert("RGB")
        if rgb.width > pixels:
            height = max(1, round(rgb.height * pixels / rgb.width))
            rgb = rgb.resize((pixels, height), Image.Resampling.LANCZOS)
        return np.asarray(rgb)


def _label_lines(name: str, cell: float) -> str:
    chars = max(10, int(cell * 72 / (0.6 * 6)))  # ~0.6 em per character at 6 pt
    return textwrap.fill(name, chars, break_long_words=True)


def _layout(
    images: list[np.ndarray], labels: list[str], ncols: int, cell: float
) -> tuple[float, list[tuple[float, float, float]]]:
    """Sheet height and (top, image height, label height) per thumbnail, in inches."""
    rows = [range(r, min(r + ncols, len(images))) for r in range(0, len(images), ncols)]
    places: list[tuple[float, float, float]] = []
    top = _GAP
    for row in rows:
        label_h = max(labels[i].count("\n") + 1 for i in row) * _LINE
        image_h = max(cell * images[i].shape[0] / images[i].shape[1] for i in row)
        places += [(top, image_h, label_h)] * len(row)
        top += label_h + image_h + _GAP
    return top, places


def contact_sheet(
    run_dir: str | Path,
    out: str | Path,
    *,
    ncols: int = 4,
    cell: float = 2.2,
    dpi: int = 150,
) -> Path:
    """One image with every PNG figure of a run as a labelled thumbnail.

    Parameters
    ----------
    run_dir : str or Path
        A run folder (holding ``figures/*.png``).
    out : str or Path
        The sheet to write (``.png``, ``.pdf`` or ``.svg``); written
        atomically.
    ncols : int, default=4
        Thumbnails per row.
    cell : float, default=2.2
        Width of a thumbnail in inches.
    dpi : int, default=150
        Resolution of the sheet.

    Returns
    -------
    Path
        The written sheet.

    Raises
    ------
    InvalidParameterError
        When ``run_dir`` is not a folder or holds no PNG figures, or for a bad
        ``ncols``, ``cell`` or ``dpi``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> from framing.figures import plot_keyness, save_figure
    >>> run = pathlib.Path(tempfile.mkdtemp())
    >>> table = pd.DataFrame({"term": ["war", "peace"], "direction": ["target", "reference"],
    ...                       "keyness": [12.0, -8.0]})
    >>> _ = save_figure(plot_keyness(table), run / "figures" / "keyness_0.png", dpi=50)
    >>> contact_sheet(run, run / "sheet.png").name
    'sheet.png'
    """
    if ncols < 1 or not cell > 0 or dpi < 10:
        raise InvalidParameterError(
            f"ncols must be >= 1, cell > 0 and dpi >= 10; got {ncols}, {cell}, {dpi}"
        )
    files = _figure_files(Path(run_dir))
    ncols = min(ncols, len(files))
    images = [_thumbnail(f, round(cell * dpi)) for f in files]
    labels = [_label_lines(f.stem, cell) for f in files]
    height, places = _layout(images, labels, ncols, cell)
    width = ncols * cell + (ncols + 1) * _GAP
    with house_style():
        fig = _draw(images, labels, places, ncols, cell, (width, height))
    return save_figure(fig, out, dpi=dpi)


def _draw(
    images: list[np.ndarray],
    labels: list[str],
    places: list[tuple[float, float, float]],
    ncols: int,
    cell: float,
    size: tuple[float, float],
) -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    width, height = size
    fig = Figure(figsize=size)
    FigureCanvasAgg(fig)
    for i, (image, label, (top, image_h, label_h)) in enumerate(
        zip(images, labels, places, strict=True)
    ):
        left = _GAP + (i % ncols) * (cell + _GAP)
        fig.text(left / width, 1 - top / height, label, ha="left", va="top", fontsize=6)
        box = (
            left / width,
            1 - (top + label_h + image_h) / height,
            cell / width,
            image_h / height,
        )
        a = fig.add_axes(box)
        a.imshow(image, interpolation="none", aspect="equal")
        a.set_anchor("N")
        a.set_axis_off()
    return fig
