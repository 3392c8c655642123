"""The house style of every figure: palette, journal sizes, fonts, reproducible saving.

Figures are built as :class:`matplotlib.figure.Figure` objects, never through
``pyplot``, so no global backend or figure registry is touched: importing this
module sets nothing, and rendering uses the Agg canvas (``FigureCanvasAgg``)
attached inside the functions.  Saving fixes every source of variation
(creation dates, SVG hash salt, dpi), so the same data give the same bytes.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from framing._errors import InvalidParameterError
from framing._provenance import atomic_path

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["OKABE_ITO", "WIDTHS", "figure_width", "house_style", "new_figure", "save_figure"]

#: Okabe & Ito (2008) colour-blind-safe palette, ordered for contrast on white
#: (blue, vermillion, bluish green, reddish purple, orange, sky blue, black, yellow).
OKABE_ITO: tuple[str, ...] = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#000000",
    "#F0E442",
)
#: Journal column widths in inches: single column and double (full page) width.
WIDTHS: dict[str, float] = {"single": 3.5, "double": 7.2}
#: Raster resolution of saved PNGs (dots per inch).
DPI = 300
#: Colour maps: sequential (perceptually uniform, colour-blind safe) and diverging.
SEQUENTIAL_CMAP = "cividis"
DIVERGING_CMAP = "PuOr_r"
#: Constrained-layout padding (inches) around panels and at the canvas edge: 2 pt.
_PAD = 2 / 72
#: Fixed salt so SVG element ids are identical on every render.
SVG_HASHSALT = "framing"

_RC: dict[str, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.titlesize": 8,
    "axes.titleweight": "bold",
    "axes.labelsize": 8,
    "xtick.labelsize": 7,
    "ytick.labelsize": 7,
    "legend.fontsize": 7,
    "legend.frameon": False,
    "legend.borderpad": 0.2,  # no frame is drawn, so the frame's padding is only blank canvas
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.linewidth": 0.6,
    "axes.axisbelow": True,
    "axes.formatter.useoffset": False,
    "xtick.major.width": 0.6,
    "ytick.major.width": 0.6,
    "lines.linewidth": 1.2,
    "lines.markersize": 3.5,
    "grid.linewidth": 0.4,
    "grid.color": "#d9d9d9",
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "svg.fonttype": "path",
    "svg.hashsalt": SVG_HASHSALT,
    "savefig.dpi": DPI,
    "figure.dpi": 100,
    "image.cmap": SEQUENTIAL_CMAP,
}


@contextlib.contextmanager
def house_style() -> Iterator[None]:
    """Apply the house rcParams (fonts, spines, palette) inside a ``with`` block.

    Examples
    --------
    >>> import matplotlib
    >>> with house_style():
    ...     matplotlib.rcParams["font.size"]
    8.0
    """
    import matplotlib
    from cycler import cycler

    with matplotlib.rc_context({**_RC, "axes.prop_cycle": cycler(color=OKABE_ITO)}):
        yield


def figure_width(width: str | float) -> float:
    """Width in inches of ``"single"`` (3.5) or ``"double"`` (7.2) columns, or a number.

    Examples
    --------
    >>> figure_width("single"), figure_width(5)
    (3.5, 5.0)
    """
    if isinstance(width, str):
        if width not in WIDTHS:
            raise InvalidParameterError(
                f"width must be 'single', 'double' or inches, not {width!r}"
            )
        return WIDTHS[width]
    if not width > 0:
        raise InvalidParameterError(f"width must be positive, not {width!r}")
    return float(width)


def new_figure(
    width: str | float = "double",
    height: float | None = None,
    *,
    nrows: int = 1,
    ncols: int = 1,
    **subplot_kw: Any,
) -> tuple[Any, Any]:
    """A constrained-layout Figure on the Agg canvas and a 2-D array of Axes.

    Call inside :func:`house_style`.  ``height`` defaults to 0.62 x width.

    Examples
    --------
    >>> with house_style():
    ...     fig, axes = new_figure("single", nrows=2)
    >>> fig.get_size_inches().tolist(), axes.shape
    ([3.5, 2.17], (2, 1))
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    w = figure_width(width)
    fig = Figure(
        figsize=(w, height if height is not None else round(0.62 * w, 2)), layout="constrained"
    )
    fig.get_layout_engine().set(h_pad=_PAD, w_pad=_PAD)
    FigureCanvasAgg(fig)
    axes = fig.subplots(nrows, ncols, squeeze=False, **subplot_kw)
    return fig, axes


def save_figure(fig: Figure, path: str | Path, *, dpi: int = DPI) -> Path:
    """Save a figure as PDF, PNG or SVG (by suffix) with reproducible bytes.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.
    path : str or Path
        Target; the suffix (``.pdf``, ``.png``, ``.svg``) picks the format.
        The file appears only when complete.
    dpi : int, default=300
        Resolution of the PNG (and of rasterised parts of PDF/SVG).

    Returns
    -------
    Path
        The written file.

    Notes
    -----
    PDF: ``CreationDate`` removed, fixed ``Creator``.  SVG: ``Date`` removed,
    fixed ``svg.hashsalt``.  PNG: fixed ``Software``.  Fonts are embedded as
    TrueType (PDF) or paths (SVG), so re-rendering the same figure gives
    identical bytes.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with house_style():
    ...     fig, axes = new_figure("single")
    ...     _ = axes[0, 0].plot([1, 2], [3, 4])
    >>> out = save_figure(fig, pathlib.Path(tempfile.mkdtemp()) / "f.svg")
    >>> out.suffix
    '.svg'
    """
    from framing._version import __version__

    path = Path(path)
    fmt = path.suffix.lstrip(".").lower()
    creator = f"framing {__version__}"
    metadata = {
        "pdf": {"Creator": creator, "CreationDate": None},
        "svg": {"Creator": creator, "Date": None},
        "png": {"Software": creator},
    }
    if fmt not in metadata:
        raise InvalidParameterError(
            f"unknown figure format {fmt!r} for {path}; use .pdf, .png or .svg"
        )
    with house_style(), atomic_path(path) as tmp:
        fig.savefig(tmp, format=fmt, dpi=dpi, metadata=metadata[fmt])
    return path
