"""Heatmaps: frame co-occurrence and topic-frame associations.

Colour scale rule (one place, :func:`color_scale`): a measure whose values are
all >= 0 gets a sequential map from 0 to its largest value; a diverging map
centred on 0 is used only when the values straddle zero.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from framing._errors import InvalidParameterError
from framing.figures._plots import _label, _need, _panels, _styled
from framing.figures._style import DIVERGING_CMAP, SEQUENTIAL_CMAP

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["plot_cooccurrence", "plot_topic_frames"]

#: Side of one heatmap cell in inches: room for a two-decimal value at 5.5 pt.
_CELL = 0.3
_NAMES = {"npmi": "NPMI", "pmi": "PMI (log₂)", "jaccard": "Jaccard", "n_both": "Units"}


def color_scale(values: np.ndarray, *, vmax: float | None = None) -> tuple[str, float, float]:
    """Colour map name and limits for a heatmap of ``values``.

    Sequential (0 .. max) when no value is negative; reversed sequential
    (min .. 0) when no value is positive; diverging (symmetric around 0)
    only when the values straddle zero.

    Parameters
    ----------
    values : ndarray
        The cell values; NaN and infinite values are ignored.
    vmax : float, optional
        Upper limit (sequential) or half-width (diverging) instead of the
        data's largest absolute value.

    Returns
    -------
    (str, float, float)
        Matplotlib colour-map name, lower and upper limit.

    Examples
    --------
    >>> color_scale(np.array([0.0, 0.1, 0.25]))
    ('cividis', 0.0, 0.25)
    >>> color_scale(np.array([-0.2, 0.1]))
    ('PuOr_r', -0.2, 0.2)
    """
    finite = values[np.isfinite(values)]
    lo = float(finite.min()) if finite.size else 0.0
    hi = float(finite.max()) if finite.size else 1.0
    if lo < 0 < hi:
        bound = vmax if vmax is not None else max(-lo, hi)
        return DIVERGING_CMAP, -bound, bound
    if hi <= 0 and lo < 0:
        return f"{SEQUENTIAL_CMAP}_r", lo, 0.0
    top = vmax if vmax is not None else hi
    return SEQUENTIAL_CMAP, 0.0, top if top > 0 else 1.0


def _short(value: float, fmt: str) -> str:
    """Format a cell value; drop the leading zero of a fraction (".25", "-.10")."""
    text = format(value, fmt)
    return text.replace("0.", ".", 1) if text.lstrip("-").startswith("0.") else text


def _annotate(a: Any, image: Any, values: np.ndarray, shown: np.ndarray, fmt: str) -> None:
    for (i, j), v in np.ndenumerate(values):
        if shown[i, j] and np.isfinite(v):
            r, g, b, _ = image.cmap(image.norm(v))
            dark = 0.299 * r + 0.587 * g + 0.114 * b < 0.5
            a.text(
                j,
                i,
                _short(v, fmt),
                ha="center",
                va="center",
                fontsize=5.5,
                color="white" if dark else "black",
            )


def _heatmap(
    a: Any,
    matrix: pd.DataFrame,
    *,
    annotate: bool,
    fmt: str,
    cbar_label: str,
    shown: np.ndarray | None = None,
    square: bool = False,
) -> None:
    """Labelled heatmap, colour bar beside it; cells outside ``shown`` stay blank."""
    from matplotlib import colormaps

    values = matrix.to_numpy(dtype=float)
    shown = np.ones(values.shape, bool) if shown is None else shown
    name, vmin, vmax = color_scale(np.where(shown, values, np.nan))
    cmap = colormaps[name].with_extremes(bad="#e6e6e6")  # grey: undefined value
    image = a.imshow(
        np.ma.masked_invalid(values),
        cmap=cmap,
        vmin=vmin,
        vmax=vmax,
        aspect="auto",
        interpolation="nearest",
        alpha=shown.astype(float),
    )
    if square:  # square cells: size the axes box itself, so the colour bar fits
        a.set_box_aspect(matrix.shape[0] / matrix.shape[1])
    a.set_xticks(
        np.arange(matrix.shape[1]),
        [_label(c) for c in matrix.columns],
        rotation=35,
        ha="right",
        rotation_mode="anchor",
    )
    a.set_yticks(np.arange(matrix.shape[0]), [_label(i) for i in matrix.index])
    a.tick_params(length=0)
    for spine in a.spines.values():
        spine.set_visible(False)
    if annotate:
        _annotate(a, image, values, shown, fmt)
    cax = a.inset_axes([1.04, 0.0, 0.05, 1.0])  # exactly as tall as the heatmap
    bar = a.figure.colorbar(image, cax=cax)
    bar.set_label(cbar_label)
    bar.outline.set_visible(False)
    bar.ax.yaxis.set_major_locator(_ticks(4))


def _ticks(n: int) -> Any:
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(nbins=n, min_n_ticks=2)


def _is_symmetric(matrix: pd.DataFrame) -> bool:
    values = matrix.to_numpy(dtype=float)
    return bool(
        list(matrix.index) == list(matrix.columns)
        and np.allclose(values, values.T, equal_nan=True)
    )


@_styled
def plot_cooccurrence(
    table: pd.DataFrame,
    *,
    value: str = "npmi",
    annotate: bool = True,
    triangle: bool | None = None,
    width: str | float = "single",
    ax: Axes | None = None,
) -> Any:
    """Frame co-occurrence as a heatmap of square cells, sized to the matrix.

    Parameters
    ----------
    table : DataFrame
        From :func:`framing.cooccurrence`: ``frame_a``, ``frame_b`` and ``value``.
    value : {"npmi", "pmi", "jaccard", "n_both"}, default="npmi"
        Cell value.  The colour scale is sequential from 0 to the largest
        value when no value is negative, diverging around 0 only when the
        values straddle zero.
    annotate : bool, default=True
        Print the value in each cell.
    triangle : bool, optional
        Draw only the lower triangle (below the diagonal).  Default: when the
        matrix is symmetric, as co-occurrence is, so no pair is shown twice.
    width : "single", "double" or float, default="single"
        Largest figure width; the canvas shrinks to the matrix.
    ax : Axes, optional
        Draw into this Axes.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> t = pd.DataFrame({"frame_a": ["a", "a", "b", "b"], "frame_b": ["a", "b", "a", "b"],
    ...                   "npmi": [1.0, 0.2, 0.2, 1.0]})
    >>> a = plot_cooccurrence(t).axes[0]
    >>> [x.get_text() for x in a.get_xticklabels()], [y.get_text() for y in a.get_yticklabels()]
    (['a'], ['b'])
    """
    _need(table, ["frame_a", "frame_b", value], "plot_cooccurrence")
    order = list(dict.fromkeys(table["frame_a"]))
    matrix = table.pivot(index="frame_a", columns="frame_b", values=value).loc[order, order]
    matrix = matrix.astype(float).replace([np.inf, -np.inf], np.nan)
    triangle = _is_symmetric(matrix) if triangle is None else triangle
    if triangle and len(order) < 2:
        raise InvalidParameterError("a co-occurrence triangle needs at least two frames")
    if triangle:  # rows 2..n, columns 1..n-1: every pair once, no diagonal
        matrix = matrix.iloc[1:, :-1]
        shown = np.tril(np.ones(matrix.shape, bool))
    else:
        shown = ~np.eye(len(order), dtype=bool)
    side = _CELL * matrix.shape[0] + 1.6
    fig, (a,) = _panels(1, ax, width, side, 1)
    _heatmap(
        a,
        matrix,
        annotate=annotate,
        fmt=".2f" if value != "n_both" else ".0f",
        cbar_label=_NAMES.get(value, value),
        shown=shown,
        square=True,
    )
    return fig


def _topic_matrix(
    table: pd.DataFrame, value: str, mark: str | None
) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Wide topic x frame values (and marks) from the long table of topic_frame_links."""
    _need(table, ["topic", "frame", value], "plot_topic_frames")
    rows = table["label"].astype(str) if "label" in table else table["topic"].astype(str)
    keyed = table.assign(
        _row=table["topic"].astype(str) + ("  " + rows if "label" in table else "")
    )
    order = list(dict.fromkeys(keyed["_row"]))
    cols = list(dict.fromkeys(keyed["frame"]))
    matrix = keyed.pivot(index="_row", columns="frame", values=value).loc[order, cols]
    marks = None
    if mark and mark in table:
        marks = keyed.pivot(index="_row", columns="frame", values=mark).loc[order, cols]
    return matrix, marks


@_styled
def plot_topic_frames(
    table: pd.DataFrame,
    *,
    value: str = "r",
    annotate: bool = True,
    mark: str | None = "carries",
    width: str | float = "single",
    ax: Axes | None = None,
) -> Any:
    """Topic by frame associations as a heatmap.

    Parameters
    ----------
    table : DataFrame
        Long: ``topic``, ``frame``, ``value`` and optionally ``label`` (row
        labels) and a boolean ``mark`` column (as ``topic_frame_links``);
        or wide: topics as index, frames as columns.
    value : str, default="r"
        Value column of a long table.  The colour scale is diverging around
        0 when values have both signs, else sequential from 0.
    annotate : bool, default=True
        Print values in the cells.
    mark : str or None, default="carries"
        Boolean column; marked cells get a bold value and an asterisk.
    width : "single", "double" or float, default="single"
        Figure width.
    ax : Axes, optional
        Draw into this Axes.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> t = pd.DataFrame({"topic": [0, 0, 1, 1], "frame": ["war", "law"] * 2,
    ...                   "r": [0.5, -0.1, 0.0, 0.3]})
    >>> plot_topic_frames(t).axes[0].get_yticklabels()[1].get_text()
    '1'
    """
    matrix, marks = (
        _topic_matrix(table, value, mark) if "frame" in table.columns else (table, None)
    )
    values = matrix.to_numpy(dtype=float)
    fig, (a,) = _panels(1, ax, width, 0.2 * matrix.shape[0] + 1.3, 1)
    _heatmap(
        a,
        matrix,
        annotate=annotate,
        fmt=".2f",
        cbar_label=_label(value) if value != "r" else "Correlation (r)",
    )
    if marks is not None and annotate:
        flags = marks.fillna(False).to_numpy(dtype=bool).ravel()
        for text, flag in zip(a.texts, flags[np.isfinite(values.ravel())], strict=True):
            if flag:
                text.set_text(text.get_text() + "*")
                text.set_fontweight("bold")
        if flags.any():
            a.set_xlabel(f"Bold*: {_label(mark)} (interval above 0)")
    a.set_ylabel("Topic")
    return fig
