"""Group dot plots: estimates by group with intervals, ordered to tell the story."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from framing._errors import InvalidParameterError
from framing.figures._plots import (
    _MAX_HEIGHT,
    _MEASURE_LABEL,
    _frames,
    _label,
    _need,
    _panels,
    _styled,
    _title,
)
from framing.figures._style import OKABE_ITO, figure_width

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["plot_groups"]

#: Colour of the overall reference line.
_REFERENCE_COLOR = "#777777"


def _group_column(table: pd.DataFrame, by: str | None) -> str:
    if by is not None:
        _need(table, [by], "plot_groups")
        return by
    before = list(table.columns[: list(table.columns).index("frame")])
    if len(before) != 1:
        raise InvalidParameterError(
            f"plot_groups needs by= (one group column); found {before} before 'frame'"
        )
    return before[0]


def _sorted(values: list[Any]) -> list[Any]:
    try:  # numbers in numeric order (decades, years), otherwise text order
        return sorted(values)
    except TypeError:
        return sorted(values, key=str)


def _by_estimate(table: pd.DataFrame, by: str, frames: list[str], values: list[Any]) -> list[Any]:
    """Largest mean estimate (over the drawn frames) first; ties in name order."""
    mean = table[table["frame"].isin(frames)].groupby(by, sort=False)["estimate"].mean()
    rank = {v: i for i, v in enumerate(_sorted(values))}
    return sorted(values, key=lambda v: (-float(mean.get(v, -np.inf)), rank[v]))


def _blocks(
    table: pd.DataFrame, by: str, field: str, docvars: pd.DataFrame | None
) -> dict[Any, Any]:
    """``{group: block}`` for grouping by the docvar ``field``; each group in one block."""
    source = table if field in table.columns else docvars
    if source is None or field not in source.columns or by not in source.columns:
        return {}
    pairs = source[[by, field]].dropna().drop_duplicates()
    split = pairs[pairs[by].duplicated(keep=False)][by].unique().tolist()
    if split:
        raise InvalidParameterError(
            f"order={field!r}: group(s) {split[:5]} of {by!r} fall in more than one "
            f"{field!r} value, so {field!r} cannot group them"
        )
    return dict(zip(pairs[by], pairs[field], strict=True))


def _rows(
    table: pd.DataFrame, by: str, frames: list[str], order: Any, docvars: pd.DataFrame | None
) -> list[tuple[bool, Any]]:
    """Rows top to bottom: ``(False, group)`` or ``(True, block heading)``."""
    values = _sorted(list(dict.fromkeys(table[by])))
    if order is None or order == "name":
        return [(False, v) for v in values]
    if order == "estimate":
        return [(False, v) for v in _by_estimate(table, by, frames, values)]
    if isinstance(order, str) and order in set(table["frame"]):  # one frame's estimate
        return [(False, v) for v in _by_estimate(table, by, [order], values)]
    if isinstance(order, str):
        return _block_rows(table, by, frames, order, docvars, values)
    order = list(order)
    missing = [v for v in values if v not in order]
    if missing:
        raise InvalidParameterError(f"order= lacks the group value(s) {missing}")
    return [(False, v) for v in order if v in values]


def _block_rows(
    table: pd.DataFrame,
    by: str,
    frames: list[str],
    field: str,
    docvars: pd.DataFrame | None,
    values: list[Any],
) -> list[tuple[bool, Any]]:
    block_of = _blocks(table, by, field, docvars)
    if not block_of:
        raise InvalidParameterError(
            f"order={field!r} is not 'name', 'estimate', a frame of the table, or a column "
            f"of the table or of docvars= beside {by!r}"
        )
    missing = [v for v in values if v not in block_of]
    if missing:
        raise InvalidParameterError(
            f"order={field!r}: no {field!r} value for group(s) {missing[:5]}"
        )
    rows: list[tuple[bool, Any]] = []
    for block in _sorted(list(set(block_of[v] for v in values))):
        members = [v for v in values if block_of[v] == block]
        rows += [(True, block)] + [(False, v) for v in _by_estimate(table, by, frames, members)]
    return rows


def _reference_values(reference: Any) -> dict[str, float]:
    if reference is None:
        return {}
    if isinstance(reference, pd.DataFrame):
        _need(reference, ["frame", "estimate"], "plot_groups(reference=)")
        return dict(zip(reference["frame"], reference["estimate"].astype(float), strict=True))
    if isinstance(reference, Mapping):
        return {str(k): float(v) for k, v in reference.items()}
    raise InvalidParameterError(
        "reference= takes a table with frame and estimate (as "
        "aggregate(scores) without by) or a mapping {frame: value}"
    )


def _dots(a: Any, part: pd.DataFrame, y: np.ndarray) -> None:
    est = part["estimate"].to_numpy(dtype=float)
    err = np.vstack([est - part["ci_low"].to_numpy(float), part["ci_high"].to_numpy(float) - est])
    a.errorbar(
        est,
        y,
        xerr=np.nan_to_num(err),
        fmt="o",
        color=OKABE_ITO[0],
        ecolor="#555555",
        elinewidth=0.8,
        capsize=0,
        markersize=3.5,
        clip_on=False,
        zorder=3,
    )  # a zero estimate sits on the axis, unclipped


def _layout(
    frames: list[str], n_rows: int, ncols: int | None, width: str | float
) -> tuple[int, float]:
    per_row = min(len(frames), ncols or (3 if figure_width(width) > 4 else 1))
    height = (0.16 if n_rows <= 16 else 0.14) * n_rows + 0.55  # many rows: a denser column
    while (
        ncols is None
        and per_row < len(frames)
        and figure_width(width) > 4
        and math.ceil(len(frames) / per_row) * height + 0.35 > _MAX_HEIGHT
    ):
        per_row += 1  # many groups: more panels per row keep the figure on one page
    return per_row, height


@_styled
def plot_groups(
    table: pd.DataFrame,
    *,
    by: str | None = None,
    frames: Sequence[str] | None = None,
    order: str | Sequence[Any] | None = "name",
    reference: pd.DataFrame | Mapping[str, float] | None = None,
    docvars: pd.DataFrame | None = None,
    ncols: int | None = None,
    width: str | float = "double",
    ax: Axes | None = None,
) -> Any:
    """Estimates by group as dots with confidence whiskers, one panel per frame.

    Parameters
    ----------
    table : DataFrame
        From :func:`framing.aggregate` with one ``by`` column: the group
        column, ``frame``, ``estimate``, ``ci_low``, ``ci_high``.
    by : str, optional
        The group column (default: the single column before ``frame``).
    frames : sequence of str, optional
        Frames to draw (default all).
    order : str or sequence, default="name"
        Group order, top to bottom, shared by all panels: ``"name"`` (sorted
        values, numbers in numeric order); ``"estimate"`` (largest mean
        estimate over the drawn frames on top); a frame name (that frame's
        estimate); a docvar such as ``"bloc"`` (a column of ``table`` or of
        ``docvars``): one block per docvar value under a bold heading,
        estimate order within a block; or the group values themselves.
    reference : DataFrame or mapping, optional
        Overall estimate per frame, drawn as a dashed line: the table of
        ``aggregate(scores)`` without ``by`` (``frame``, ``estimate``) or
        ``{frame: value}``.
    docvars : DataFrame, optional
        Rows with the ``by`` column and the docvar named by ``order`` (e.g.
        ``corpus.docvars``); each group must have a single docvar value.
    ncols : int, optional
        Panels per row (default up to 3 at double width).
    width : "single", "double" or float, default="double"
        Figure width.
    ax : Axes, optional
        Draw into this Axes (only with one frame).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> t = pd.DataFrame({"outlet": ["a", "b"], "frame": "war", "estimate": [1.0, 2.0],
    ...                   "ci_low": [0.5, 1.5], "ci_high": [1.5, 2.5]})
    >>> fig = plot_groups(t, order="estimate", reference={"war": 1.4})
    >>> [tick.get_text() for tick in fig.axes[0].get_yticklabels()]  # top to bottom
    ['b', 'a']
    """
    by = _group_column(table, by)
    _need(table, [by, "frame", "estimate", "ci_low", "ci_high"], "plot_groups")
    frames = _frames(table, frames)
    rows, overall = _rows(table, by, frames, order, docvars), _reference_values(reference)
    per_row, height = _layout(frames, len(rows), ncols, width)
    fig, axes = _panels(len(frames), ax, width, height, per_row, sharey=True)
    y = np.arange(len(rows))[::-1]
    groups = [(yy, v) for yy, (heading, v) in zip(y, rows, strict=True) if not heading]
    for a, frame in zip(axes, frames, strict=True):
        part = table[table["frame"] == frame].set_index(by).reindex([v for _, v in groups])
        _dots(a, part, np.array([yy for yy, _ in groups]))
        if frame in overall:
            a.axvline(
                overall[frame],
                color=_REFERENCE_COLOR,
                linestyle="--",
                linewidth=0.8,
                zorder=2,
                label="all units",
            )
        _title(a, _label(frame))
        a.set_yticks(y, [_label(v) for _, v in rows])
        a.set_ylim(-0.7, len(rows) - 0.3)
        a.grid(axis="x")
    for a in axes:
        _style_headings(a, rows)
    _axes_scale(fig, axes, table)
    if overall:
        fig.legend(
            *axes[0].get_legend_handles_labels(), loc="outside upper center", handlelength=2.0
        )
    return fig


def _style_headings(a: Any, rows: list[tuple[bool, Any]]) -> None:
    """Block headings: bold label, no tick mark."""
    ticks = a.yaxis.get_major_ticks(len(rows))
    for tick, (heading, _) in zip(ticks, rows, strict=True):
        if heading:
            tick.label1.set_fontweight("bold")
            tick.tick1line.set_visible(False)


def _axes_scale(fig: Any, axes: list[Any], table: pd.DataFrame) -> None:
    measure = str(table["measure"].iloc[0]) if "measure" in table else "rate"
    for a in axes:  # shares share one 0..1 scale; rates start at 0
        a.set_xlim(0, 1) if measure == "presence" else a.set_xlim(left=0)
    label = _MEASURE_LABEL.get(measure, measure)
    fig.supxlabel(label, fontsize=8) if len(axes) > 1 else axes[0].set_xlabel(label)
