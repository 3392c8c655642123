"""Confusion-matrix figure of a single-label benchmark."""

from __future__ import annotations

from typing import Any

import pandas as pd

from framing._errors import InvalidParameterError
from framing.figures._heatmaps import _CELL, _heatmap
from framing.figures._plots import _panels, _styled

__all__ = ["plot_confusion"]


@_styled
def plot_confusion(confusion: pd.DataFrame, *, title: str | None = None) -> Any:
    """A heat map of a confusion matrix: rows gold, columns predicted, counts in cells.

    Parameters
    ----------
    confusion : DataFrame
        Square table of counts, index = gold categories, columns = predicted categories.
    title : str, optional
        Figure title.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> table = pd.DataFrame([[3, 1], [0, 2]], index=["a", "b"], columns=["a", "b"])
    >>> fig = plot_confusion(table)
    >>> fig.axes[0].get_xlabel()
    'Predicted'
    """
    if confusion.shape[0] != confusion.shape[1] or confusion.empty:
        raise InvalidParameterError("plot_confusion needs a non-empty square table of counts")
    fig, (ax,) = _panels(1, None, "double", _CELL * len(confusion) + 1.8, 1)
    _heatmap(ax, confusion.astype(float), annotate=True, fmt=".0f", cbar_label="Units",
             square=True)  # fmt: skip
    ax.set_xlabel("Predicted")
    ax.set_ylabel("Gold")
    if title:
        ax.set_title(title)
    return fig
