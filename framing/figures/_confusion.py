"""Confusion-matrix figure of a single-label benchmark."""

from __future__ import annotations

from typing import Any

import pandas as pd

from framing._errors import InvalidParameterError
from framing.figures._style import house_style, new_figure

__all__ = ["plot_confusion"]


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
    values = confusion.to_numpy(dtype=float)
    with house_style():
        fig, axes = new_figure("double", 5.2)
        ax = axes[0, 0]
        image = ax.imshow(values, cmap="Greys", vmin=0)
        n = len(confusion)
        ax.set_xticks(range(n), [str(c) for c in confusion.columns], rotation=45, ha="right")
        ax.set_yticks(range(n), [str(c) for c in confusion.index])
        top = values.max() if values.size else 0
        for i in range(n):
            for j in range(n):
                colour = "white" if values[i, j] > top / 2 else "black"
                ax.text(j, i, f"{int(values[i, j])}", ha="center", va="center",
                        color=colour, fontsize=7)  # fmt: skip
        ax.set_xlabel("Predicted")
        ax.set_ylabel("Gold")
        ax.grid(False)
        if title:
            ax.set_title(title)
        fig.colorbar(image, ax=ax, shrink=0.8, label="Sentences")
    return fig
