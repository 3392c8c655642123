"""Figures of who frames whom: target x frame heatmaps and alias-choice bars."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from framing._errors import InvalidParameterError
from framing.figures._heatmaps import _heatmap
from framing.figures._plots import _label, _need, _panels, _styled, _title
from framing.figures._style import OKABE_ITO

__all__ = ["plot_alias_choice", "plot_target_frames"]


def _order(values: pd.Series, chosen: Sequence[Any] | None, what: str) -> list[Any]:
    present = list(dict.fromkeys(values))
    if chosen is None:
        return present
    unknown = [v for v in chosen if v not in present]
    if unknown:
        raise InvalidParameterError(f"{what} {unknown} not in the table; it has {present}")
    return list(chosen)


@_styled
def plot_target_frames(
    table: pd.DataFrame,
    *,
    by: str | None = None,
    targets: Sequence[str] | None = None,
    frames: Sequence[str] | None = None,
    groups: Sequence[Any] | None = None,
    annotate: bool = True,
    width: str | float = "double",
    ncols: int | None = None,
    ax: Any = None,
) -> Any:
    """Share of each target's mentions that carry each frame: one heatmap per group.

    Parameters
    ----------
    table : DataFrame
        From :func:`framing.targets.target_frame_shares`: ``target``, ``frame``,
        ``share`` and the ``by`` column.
    by : str, optional
        The group column (a source, an outlet, a camp): one panel per value.
    targets, frames, groups : sequence, optional
        Rows, columns and panels to show, in this order (default: all; frames
        alphabetically with ``none`` last).
    annotate : bool, default=True
        Print the share in each cell.
    width : "single", "double" or float, default="double"
    ncols : int, optional
        Panels per row.
    ax : Axes, optional
        Draw a single panel into this Axes.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> t = pd.DataFrame({"camp": ["a", "a", "b"], "target": ["x", "x", "x"],
    ...                   "frame": ["resistance", "none", "resistance"], "share": [.5, .5, 1.]})
    >>> fig = plot_target_frames(t, by="camp")
    >>> [a.get_title(loc="left") for a in fig.axes if a.get_title(loc="left")]
    ['a', 'b']
    """
    _need(table, ["target", "frame", "share", *([by] if by else [])], "plot_target_frames")
    rows = _order(table["target"], targets, "target(s)")
    present = sorted(set(table["frame"]), key=lambda f: (f == "none", f))
    cols = _order(pd.Series(present, dtype=object), frames, "frame(s)")
    panels = _order(table[by], groups, "group(s)") if by else [None]
    height = 0.22 * len(rows) + 0.9
    fig, axes = _panels(len(panels), ax, width, height, ncols or 2)
    for a, value in zip(axes, panels, strict=True):
        part = table if value is None else table[table[by] == value]
        matrix = part.pivot_table(
            index="target", columns="frame", values="share", aggfunc="first"
        ).reindex(index=rows, columns=cols)
        _heatmap(a, matrix, annotate=annotate, fmt=".2f", cbar_label="Share of mentions")
        if value is not None:
            _title(a, _label(value))
    return fig


@_styled
def plot_alias_choice(
    table: pd.DataFrame,
    target: str,
    *,
    by: str,
    top: int = 6,
    groups: Sequence[Any] | None = None,
    width: str | float = "single",
    ax: Any = None,
) -> Any:
    """Which names each group uses for one target: stacked bars of alias shares.

    Parameters
    ----------
    table : DataFrame
        From :func:`framing.targets.alias_choice`: ``target``, ``alias``,
        ``count`` and the ``by`` column.
    target : str
        The target whose names are shown.
    by : str
        The group column (outlet, camp, source): one bar per value.
    top : int, default=6
        Aliases shown by name (the most used overall); the rest are pooled as "other".
    groups : sequence, optional
        Bars to show, top to bottom.
    width : "single", "double" or float, default="single"
    ax : Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> t = pd.DataFrame({"outlet": ["a", "a", "b"], "target": ["x"] * 3,
    ...                   "alias": ["rebel*", "terrorists", "rebel*"], "count": [3, 1, 2]})
    >>> fig = plot_alias_choice(t, "x", by="outlet")
    >>> [lab.get_text() for lab in fig.axes[0].get_yticklabels()]
    ['a', 'b']
    """
    _need(table, ["target", "alias", "count", by], "plot_alias_choice")
    if top < 1:
        raise InvalidParameterError(f"top must be at least 1, got {top}")
    part = table[table["target"] == target]
    if part.empty:
        raise InvalidParameterError(f"target {target!r} is not in the table")
    totals = part.groupby("alias")["count"].sum().sort_values(ascending=False, kind="stable")
    keep = list(totals.index[:top])
    alias = part["alias"].where(part["alias"].isin(keep), "other")
    counts = part.assign(alias=alias).pivot_table(
        index=by, columns="alias", values="count", aggfunc="sum", fill_value=0
    )
    bars = _order(part[by], groups, "group(s)")
    counts = counts.reindex(
        index=bars, columns=keep + (["other"] if "other" in counts else []), fill_value=0
    )
    shares = counts.div(counts.sum(axis=1), axis=0)
    fig, (a,) = _panels(1, ax, width, 0.2 * len(bars) + 1.0, 1)
    left = np.zeros(len(bars))
    for i, name in enumerate(shares.columns):
        color = "#bbbbbb" if name == "other" else OKABE_ITO[i % len(OKABE_ITO)]
        a.barh(np.arange(len(bars)), shares[name], left=left, color=color, label=name, height=0.75)
        left += shares[name].to_numpy()
    a.set_yticks(np.arange(len(bars)), [_label(b) for b in bars])
    a.invert_yaxis()
    a.set_xlim(0, 1)
    a.set_xlabel(f"Share of mentions of {_label(target)}")
    a.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), title="Name")
    return fig
