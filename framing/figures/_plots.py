"""Publication figures in one house style (see :mod:`framing.figures._style`).

Every ``plot_*`` function takes a tidy table made by this package (or a
plain DataFrame with the documented columns), an optional Axes, and returns
the Figure; none calls ``show()``.  Multi-panel figures (small multiples)
build their own Figure; pass ``ax=`` only for a single panel.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from framing._errors import InvalidParameterError
from framing.figures._style import (
    DIVERGING_CMAP,
    OKABE_ITO,
    SEQUENTIAL_CMAP,
    figure_width,
    house_style,
    new_figure,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "plot_coherence",
    "plot_comparison",
    "plot_cooccurrence",
    "plot_groups",
    "plot_keyness",
    "plot_topic_frames",
    "plot_topic_terms",
    "plot_trend",
]

#: Tallest figure (inches) that still fits a journal page with its caption.
_MAX_HEIGHT = 8.0
_MEASURE_LABEL = {"rate": "Hits per 1,000 tokens", "presence": "Share of units with the frame"}


def _styled(func: Callable[..., Any]) -> Callable[..., Any]:
    """Run a plot function inside the house style."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with house_style():
            return func(*args, **kwargs)

    return wrapper


def _need(table: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise InvalidParameterError(
            f"{what} needs column(s) {missing}; the table has {list(table.columns)}"
        )


def _label(name: Any) -> str:
    return str(name).replace("_", " ")


def _axis_label(name: Any) -> str:
    text = _label(name)
    return text[:1].upper() + text[1:]


def _panels(
    n: int, ax: Any, width: str | float, panel_height: float, ncols: int | None, **subplot_kw: Any
) -> tuple[Any, list[Any]]:
    """One Axes per panel: ``ax`` itself for one panel, else a new grid."""
    if ax is not None:
        if n != 1:
            raise InvalidParameterError(
                f"ax= takes a single panel but this figure has {n}; select one "
                "(frames=[...] or groups=[...]) or leave ax unset"
            )
        return ax.figure, [ax]
    ncols = max(1, min(n, ncols or (3 if figure_width(width) > 4 else 1)))
    nrows = math.ceil(n / ncols)
    fig, axes = new_figure(
        width, panel_height * nrows + 0.35, nrows=nrows, ncols=ncols, **subplot_kw
    )
    flat = list(axes.ravel())
    for i, extra in enumerate(flat[n:], start=n):
        extra.set_visible(False)
        # the panel above an empty slot is the lowest in its column: give it x tick labels
        flat[i - ncols].tick_params(axis="x", labelbottom=True)
    return fig, flat[:n]


def _title(a: Any, text: str) -> None:
    """A left-aligned panel title, wrapped to the panel's width so neighbours never collide."""
    import textwrap

    inches = a.get_position().width * a.figure.get_figwidth()
    chars = max(8, int(inches * 72 / (0.6 * 8)))  # ~0.6 em per character at 8 pt bold
    a.set_title(textwrap.fill(text, chars, break_long_words=False), loc="left")


def _frames(table: pd.DataFrame, frames: Sequence[str] | None) -> list[str]:
    present = list(dict.fromkeys(table["frame"]))
    if frames is None:
        return present
    unknown = [f for f in frames if f not in present]
    if unknown:
        raise InvalidParameterError(f"frame(s) {unknown} are not in the table; it has {present}")
    return list(frames)


def _color(i: int) -> str:
    return OKABE_ITO[i % len(OKABE_ITO)]


def _legend_above(fig: Any, handles: list, labels: list, ncol: int | None = None) -> None:
    if len(handles) > 1:
        fig.legend(
            handles,
            labels,
            loc="outside upper center",
            ncol=ncol or min(len(labels), 6),
            handlelength=1.5,
            columnspacing=1.2,
        )


@_styled
def plot_trend(
    table: pd.DataFrame,
    *,
    time: str | None = None,
    group: str | None = None,
    frames: Sequence[str] | None = None,
    facet: str = "frame",
    observed: bool = True,
    max_gap: float | None = None,
    ncols: int | None = None,
    width: str | float = "double",
    panel_height: float = 1.5,
    ax: Axes | None = None,
) -> Any:
    """Smoothed frame trends with confidence bands, as small multiples.

    Parameters
    ----------
    table : DataFrame
        From :func:`framing.trend`: a time column, ``frame``, ``estimate``,
        ``ci_low``, ``ci_high``, optionally ``observed`` and a group column.
    time, group : str, optional
        Column names; default from ``table.attrs`` (set by ``trend``).
    frames : sequence of str, optional
        Frames to draw (default all, in table order).
    facet : {"frame", "group"}, default="frame"
        One panel per frame (a line per group) or per group (a line per frame).
    observed : bool, default=True
        Also draw the unsmoothed values as faint points.
    max_gap : float, optional
        Break a line where consecutive time points are further apart than
        this (no data in between).  Default: the rolling ``window`` of the
        table, else five times the median spacing.
    ncols : int, optional
        Panels per row (default 3 at double width, 1 at single width).
    width : "single", "double" or float, default="double"
        Figure width (journal column or inches).
    panel_height : float, default=1.5
        Inches per row of panels.
    ax : Axes, optional
        Draw into this Axes (only when there is one panel).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> t = pd.DataFrame({"year": [2000, 2001, 2002], "frame": "war", "estimate": [1., 2, 3],
    ...                   "ci_low": [0.5, 1, 2], "ci_high": [1.5, 3, 4], "measure": "rate"})
    >>> fig = plot_trend(t, time="year")
    >>> [a.get_title(loc="left") for a in fig.axes]
    ['war']
    """
    time = time or table.attrs.get("time")
    group = group if group is not None else table.attrs.get("group")
    if time is None:
        raise InvalidParameterError("plot_trend needs time= (the time column)")
    _need(table, [time, "frame", "estimate", "ci_low", "ci_high"], "plot_trend")
    if facet not in ("frame", "group"):
        raise InvalidParameterError(f"facet must be 'frame' or 'group', not {facet!r}")
    frames = _frames(table, frames)
    table = table[table["frame"].isin(frames)]
    gap = max_gap if max_gap is not None else _default_gap(table, time)
    groups = list(dict.fromkeys(table[group])) if group else [None]
    panels, series = (frames, groups) if facet == "frame" else (groups, frames)
    fig, axes = _panels(len(panels), ax, width, panel_height, ncols, sharex=True)
    handles: dict[str, Any] = {}
    for a, panel in zip(axes, panels, strict=True):
        for i, s in enumerate(series):
            f, g = (panel, s) if facet == "frame" else (s, panel)
            part = table[table["frame"] == f]
            part = part[part[group] == g] if group else part
            handles[_label(s)] = _trend_series(a, part, time, i, observed, gap)
        _title(a, _label(panel))
        _year_axis(a)
    _trend_labels(fig, axes, table, time)
    if len(series) > 1:
        _legend_above(fig, list(handles.values()), list(handles))
    return fig


def _default_gap(table: pd.DataFrame, time: str) -> float:
    if "window" in table and table["window"].notna().any():
        return float(table["window"].max())
    steps = np.diff(np.unique(table[time].to_numpy(dtype=float)))
    return 5.0 * float(np.median(steps)) if steps.size else np.inf


def _trend_series(
    a: Any, part: pd.DataFrame, time: str, i: int, observed: bool, gap: float
) -> Any:
    # past eight series the colours repeat, so the line style changes with each round
    color, style = _color(i), ("-", "--", ":", "-.")[(i // len(OKABE_ITO)) % 4]
    part = part.sort_values(time)
    x = part[time].to_numpy(dtype=float)
    cols = [part[c].to_numpy(dtype=float) for c in ("estimate", "ci_low", "ci_high")]
    breaks = np.flatnonzero(np.diff(x) > gap) + 1  # NaN rows split line and band at gaps
    xs, (est, lo, hi) = np.insert(x, breaks, np.nan), [np.insert(c, breaks, np.nan) for c in cols]
    a.fill_between(xs, lo, hi, color=color, alpha=0.22, linewidth=0)
    (line,) = a.plot(xs, est, color=color, linestyle=style)
    edges = np.r_[0, breaks, x.size]
    alone = edges[:-1][np.diff(edges) == 1]  # a one-point segment draws no line: mark it
    if alone.size:
        a.errorbar(
            x[alone],
            cols[0][alone],
            yerr=np.nan_to_num([cols[0][alone] - cols[1][alone], cols[2][alone] - cols[0][alone]]),
            fmt="_",
            color=color,
            markersize=5,
            elinewidth=0.8,
            capsize=0,
        )
    if observed and "observed" in part:
        a.plot(
            x,
            part["observed"],
            linestyle="none",
            marker="o",
            markersize=1.6,
            color=color,
            alpha=0.35,
        )
    return line


def _year_axis(a: Any) -> None:
    from matplotlib.ticker import MaxNLocator

    a.xaxis.set_major_locator(
        MaxNLocator(nbins=6, steps=[1, 2, 5, 10], integer=True, min_n_ticks=3)
    )
    a.yaxis.set_major_locator(MaxNLocator(nbins=4, min_n_ticks=3))
    a.set_ylim(bottom=0)
    a.grid(axis="y")


def _trend_labels(fig: Any, axes: list, table: pd.DataFrame, time: str) -> None:
    measure = str(table["measure"].iloc[0]) if "measure" in table else "rate"
    ylabel = _MEASURE_LABEL.get(measure, measure)
    if len(axes) == 1:
        axes[0].set_ylabel(ylabel)
        axes[0].set_xlabel(_axis_label(time))
        return
    fig.supylabel(ylabel, fontsize=8)
    fig.supxlabel(_axis_label(time), fontsize=8)


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


@_styled
def plot_groups(
    table: pd.DataFrame,
    *,
    by: str | None = None,
    frames: Sequence[str] | None = None,
    order: str | Sequence[Any] | None = None,
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
    order : str or sequence, optional
        Group order, top to bottom: a frame name (sort by that frame's
        estimate, largest on top), or explicit values; default sorted values.
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
    >>> fig = plot_groups(t)
    >>> [tick.get_text() for tick in fig.axes[0].get_yticklabels()]  # top to bottom
    ['a', 'b']
    """
    by = _group_column(table, by)
    _need(table, [by, "frame", "estimate", "ci_low", "ci_high"], "plot_groups")
    frames = _frames(table, frames)
    groups = _group_order(table, by, order)
    per_row = min(len(frames), ncols or (3 if figure_width(width) > 4 else 1))
    height = 0.16 * len(groups) + 0.55
    while (
        ncols is None
        and per_row < len(frames)
        and figure_width(width) > 4
        and math.ceil(len(frames) / per_row) * height > _MAX_HEIGHT
    ):
        per_row += 1  # many groups: more panels per row keep the figure on one page
    fig, axes = _panels(len(frames), ax, width, height, per_row, sharey=True)
    y = np.arange(len(groups))[::-1]
    for a, frame in zip(axes, frames, strict=True):
        part = table[table["frame"] == frame].set_index(by).reindex(groups)
        est = part["estimate"].to_numpy(dtype=float)
        err = np.vstack(
            [est - part["ci_low"].to_numpy(float), part["ci_high"].to_numpy(float) - est]
        )
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
        _title(a, _label(frame))
        a.set_yticks(y, [_label(g) for g in groups])
        a.set_ylim(-0.7, len(groups) - 0.3)
        a.grid(axis="x")
    measure = str(table["measure"].iloc[0]) if "measure" in table else "rate"
    for a in axes:  # shares share one 0..1 scale; rates start at 0
        a.set_xlim(0, 1) if measure == "presence" else a.set_xlim(left=0)
    if len(axes) == 1:
        axes[0].set_xlabel(_MEASURE_LABEL.get(measure, measure))
    else:
        fig.supxlabel(_MEASURE_LABEL.get(measure, measure), fontsize=8)
    return fig


def _group_order(table: pd.DataFrame, by: str, order: Any) -> list[Any]:
    values = list(dict.fromkeys(table[by]))
    try:  # numbers in numeric order (decades, years), otherwise text order
        values = sorted(values)
    except TypeError:
        values = sorted(values, key=str)
    if order is None:
        return values
    if isinstance(order, str):
        part = table[table["frame"] == order]
        if part.empty:
            raise InvalidParameterError(f"order={order!r} is not a frame of the table")
        return part.sort_values(["estimate", by], ascending=[False, True])[by].tolist()
    missing = [v for v in values if v not in list(order)]
    if missing:
        raise InvalidParameterError(f"order= lacks the group value(s) {missing}")
    return list(order)


@_styled
def plot_comparison(
    table: pd.DataFrame,
    *,
    statistic: str = "difference",
    frames: Sequence[str] | None = None,
    width: str | float = "single",
    ax: Axes | None = None,
) -> Any:
    """Target-minus-reference differences (or ratios) per frame, dots and whiskers.

    Parameters
    ----------
    table : DataFrame
        From :func:`framing.compare_groups`: ``frame``, ``statistic``,
        ``estimate``, ``ci_low``, ``ci_high``, ``target``, ``reference``.
    statistic : {"difference", "ratio"}, default="difference"
        Which contrast to draw; ratios use a log scale with a line at 1.
    frames : sequence of str, optional
        Frames to draw (default all).
    width : "single", "double" or float, default="single"
        Figure width.
    ax : Axes, optional
        Draw into this Axes.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> t = pd.DataFrame({"frame": ["war", "war"], "statistic": ["difference", "ratio"],
    ...                   "estimate": [2.0, 1.5], "ci_low": [1.0, 1.2], "ci_high": [3.0, 1.9],
    ...                   "target": "a", "reference": "b"})
    >>> plot_comparison(t).axes[0].get_title(loc="left")
    'a vs b'
    """
    _need(table, ["frame", "statistic", "estimate", "ci_low", "ci_high"], "plot_comparison")
    if statistic not in ("difference", "ratio"):
        raise InvalidParameterError(
            f"statistic must be 'difference' or 'ratio', not {statistic!r}"
        )
    part = table[table["statistic"] == statistic]
    frames = _frames(part, frames)
    part = part.set_index("frame").loc[frames]
    fig, (a,) = _panels(1, ax, width, 0.22 * len(frames) + 0.8, 1)
    y = np.arange(len(frames))[::-1]
    est = part["estimate"].to_numpy(float)
    lo, hi = part["ci_low"].to_numpy(float), part["ci_high"].to_numpy(float)
    excludes = (lo > (1.0 if statistic == "ratio" else 0.0)) | (
        hi < (1.0 if statistic == "ratio" else 0.0)
    )
    a.axvline(1.0 if statistic == "ratio" else 0.0, color="#777777", linewidth=0.7)
    null = "1" if statistic == "ratio" else "0"
    handles = []
    for filled, face in ((True, OKABE_ITO[0]), (False, "white")):
        sel = excludes == filled
        bars = a.errorbar(
            est[sel],
            y[sel],
            xerr=np.nan_to_num([est[sel] - lo[sel], hi[sel] - est[sel]]),
            fmt="o",
            color=OKABE_ITO[0],
            markerfacecolor=face,
            ecolor="#555555",
            elinewidth=0.8,
            capsize=0,
            label=f"CI {'excludes' if filled else 'includes'} {null}",
        )
        if sel.any():
            handles.append(bars)
    if len(handles) > 1:
        fig.legend(handles=handles, loc="outside lower center", ncol=2, handlelength=1.0)
    if statistic == "ratio":
        _log_ratio_axis(a)
    a.set_yticks(y, [_label(f) for f in frames])
    a.set_ylim(-0.7, len(frames) - 0.3)
    a.grid(axis="x")
    if "target" in part and "reference" in part:
        a.set_title(
            f"{_label(part['target'].iloc[0])} vs {_label(part['reference'].iloc[0])}", loc="left"
        )
    unit = (
        "per 1,000 tokens"
        if str(part.get("measure", pd.Series(["rate"])).iloc[0]) == "rate"
        else "share of units"
    )
    a.set_xlabel(f"Difference ({unit})" if statistic == "difference" else "Ratio (log scale)")
    return fig


def _log_ratio_axis(a: Any) -> None:
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    a.set_xscale("log")
    a.xaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    a.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    a.xaxis.set_minor_formatter(NullFormatter())


@_styled
def plot_keyness(
    table: pd.DataFrame,
    *,
    top: int = 10,
    value: str = "keyness",
    alpha: float = 0.05,
    labels: tuple[str, str] | None = None,
    width: str | float = "single",
    ax: Axes | None = None,
) -> Any:
    """The most key terms of each side as diverging horizontal bars.

    Parameters
    ----------
    table : DataFrame
        From :func:`framing.keyness`: ``term``, ``direction``, ``keyness``,
        ``log_ratio``, ``p_adjusted``.
    top : int, default=10
        Terms per side.
    value : {"keyness", "log_ratio"}, default="keyness"
        Bar length: the signed test statistic or the log2 ratio (effect size).
    alpha : float, default=0.05
        Bars with ``p_adjusted >= alpha`` are drawn pale.
    labels : (str, str), optional
        Names of the target and reference sides (default from ``table.attrs``).
    width : "single", "double" or float, default="single"
        Figure width.
    ax : Axes, optional
        Draw into this Axes.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> t = pd.DataFrame({"term": ["war", "peace"], "direction": ["target", "reference"],
    ...                   "keyness": [12.0, -8.0], "log_ratio": [2.0, -1.5],
    ...                   "p_adjusted": [0.001, 0.2]})
    >>> fig = plot_keyness(t, labels=("Al-Manar", "Reuters"))
    >>> [tick.get_text() for tick in fig.axes[0].get_yticklabels()]
    ['war', 'peace']
    """
    _need(table, ["term", "direction", value], "plot_keyness")
    target = table[table["direction"] == "target"].nlargest(top, value)
    reference = table[table["direction"] == "reference"].nsmallest(top, value)
    rows = pd.concat([target, reference.iloc[::-1]])
    if rows.empty:
        raise InvalidParameterError(
            "no key terms to draw: the table has no target or reference rows"
        )
    names = labels or (
        table.attrs.get("target", "target"),
        table.attrs.get("reference", "reference"),
    )
    fig, (a,) = _panels(1, ax, width, 0.15 * len(rows) + 0.9, 1)
    y = np.arange(len(rows))[::-1]
    colors = np.where(rows["direction"] == "target", OKABE_ITO[0], OKABE_ITO[1])
    significant = (
        (rows["p_adjusted"] < alpha).to_numpy()
        if "p_adjusted" in rows
        else np.ones(len(rows), bool)
    )
    a.barh(y, rows[value], color=colors, alpha=None, height=0.7, edgecolor=colors, linewidth=0.6)
    for bar, sig in zip(a.patches, significant, strict=True):
        bar.set_alpha(1.0 if sig else 0.35)
    a.axvline(0, color="#333333", linewidth=0.6)
    a.set_yticks(y, rows["term"].astype(str).tolist())
    a.set_ylim(-0.7, len(rows) - 0.3)
    a.grid(axis="x")
    a.set_xlabel(
        "Keyness (signed G²)"
        if value == "keyness" and table.attrs.get("statistic", "g2") == "g2"
        else ("Keyness (signed χ²)" if value == "keyness" else "Log ratio (log₂)")
    )
    if "frame" in table.attrs:  # from keyness_near
        a.set_title(
            f"Within {table.attrs.get('window', '?')} tokens of "
            f"{_label(table.attrs['frame'])} hits",
            loc="left",
        )
    _keyness_legend(fig, names, alpha, not significant.all())
    return fig


def _keyness_legend(fig: Any, names: tuple, alpha: float, pale: bool) -> None:
    from matplotlib.patches import Patch

    handles = [
        Patch(color=OKABE_ITO[0], label=f"more in {_label(names[0])}"),
        Patch(color=OKABE_ITO[1], label=f"more in {_label(names[1])}"),
    ]
    if pale:
        handles.append(Patch(color="#999999", alpha=0.35, label=f"adjusted p ≥ {alpha:g}"))
    fig.legend(
        handles=handles,
        loc="outside upper center",
        ncol=len(handles),
        handlelength=1.0,
        columnspacing=1.0,
    )


def _short(value: float, fmt: str) -> str:
    """Format a cell value; drop the leading zero of a fraction (".25", "-.10")."""
    text = format(value, fmt)
    return text.replace("0.", ".", 1) if text.lstrip("-").startswith("0.") else text


def _heatmap(
    a: Any,
    matrix: pd.DataFrame,
    *,
    diverging: bool,
    vmin: float | None,
    vmax: float | None,
    annotate: bool,
    fmt: str,
    cbar_label: str,
    aspect: str = "auto",
) -> None:
    """Draw a labelled heatmap with optional cell values and a colour bar."""
    from matplotlib import colormaps

    values = matrix.to_numpy(dtype=float)
    if diverging:
        bound = vmax if vmax is not None else np.nanmax(np.abs(values)) or 1.0
        vmin, vmax, name = -bound, bound, DIVERGING_CMAP
    else:
        name = SEQUENTIAL_CMAP
    cmap = colormaps[name].with_extremes(bad="#eeeeee")
    image = a.imshow(
        np.ma.masked_invalid(values),
        cmap=cmap,
        vmin=vmin,
        vmax=vmax,
        aspect="auto",
        interpolation="nearest",
    )
    if aspect == "equal":  # square cells: size the axes box itself, so the colour bar fits
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
        norm = image.norm
        for (i, j), v in np.ndenumerate(values):
            if np.isfinite(v):
                shade = image.cmap(norm(v))
                dark = 0.299 * shade[0] + 0.587 * shade[1] + 0.114 * shade[2] < 0.5
                a.text(
                    j,
                    i,
                    _short(v, fmt),
                    ha="center",
                    va="center",
                    fontsize=5.5,
                    color="white" if dark else "black",
                )
    cax = a.inset_axes([1.04, 0.0, 0.05, 1.0])  # exactly as tall as the heatmap
    bar = a.figure.colorbar(image, cax=cax)
    bar.set_label(cbar_label)
    bar.outline.set_visible(False)


@_styled
def plot_cooccurrence(
    table: pd.DataFrame,
    *,
    value: str = "npmi",
    annotate: bool = True,
    width: str | float = "single",
    ax: Axes | None = None,
) -> Any:
    """Frame co-occurrence as a heatmap (diagonal left blank).

    Parameters
    ----------
    table : DataFrame
        From :func:`framing.cooccurrence`: ``frame_a``, ``frame_b`` and ``value``.
    value : {"npmi", "pmi", "jaccard", "n_both"}, default="npmi"
        Cell value; NPMI and PMI use a diverging map centred on 0.
    annotate : bool, default=True
        Print the value in each cell.
    width : "single", "double" or float, default="single"
        Figure width (the height follows the number of frames).
    ax : Axes, optional
        Draw into this Axes.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> t = pd.DataFrame({"frame_a": ["a", "a", "b", "b"], "frame_b": ["a", "b", "a", "b"],
    ...                   "npmi": [1.0, 0.2, 0.2, 1.0]})
    >>> plot_cooccurrence(t).axes[0].get_xticklabels()[1].get_text()
    'b'
    """
    _need(table, ["frame_a", "frame_b", value], "plot_cooccurrence")
    order = list(dict.fromkeys(table["frame_a"]))
    matrix = table.pivot(index="frame_a", columns="frame_b", values=value).loc[order, order]
    matrix = matrix.astype(float).mask(np.eye(len(order), dtype=bool))
    matrix = matrix.replace([np.inf, -np.inf], np.nan)
    side = 0.32 * len(order) + 1.2
    fig, (a,) = _panels(1, ax, width, side, 1)
    names = {"npmi": "NPMI", "pmi": "PMI (log₂)", "jaccard": "Jaccard", "n_both": "Units"}
    _heatmap(
        a,
        matrix,
        diverging=value in ("npmi", "pmi"),
        vmin=0 if value != "npmi" else None,
        vmax=1.0 if value == "npmi" else None,
        annotate=annotate,
        fmt=".2f" if value != "n_both" else ".0f",
        cbar_label=names.get(value, value),
        aspect="equal",
    )
    return fig


@_styled
def plot_topic_terms(
    topic_terms: pd.DataFrame,
    *,
    n_terms: int = 8,
    topics: Sequence[Any] | None = None,
    ncols: int | None = None,
    width: str | float = "double",
    ax: Axes | None = None,
) -> Any:
    """Top terms of each topic as a grid of small bar charts.

    Parameters
    ----------
    topic_terms : DataFrame
        ``topic``, ``rank``, ``term``, ``weight`` (as ``TopicResult.top_terms()``).
    n_terms : int, default=8
        Terms per topic.
    topics : sequence, optional
        Topics to draw (default all, sorted).
    ncols : int, optional
        Panels per row (default 4 at double width, 2 at single width).
    width : "single", "double" or float, default="double"
        Figure width.
    ax : Axes, optional
        Draw into this Axes (only with one topic).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> t = pd.DataFrame({"topic": [0, 0, 1, 1], "rank": [1, 2, 1, 2],
    ...                   "term": ["oil", "gas", "war", "army"], "weight": [.3, .2, .4, .1]})
    >>> [a.get_title(loc="left") for a in plot_topic_terms(t).axes]
    ['Topic 0', 'Topic 1']
    """
    _need(topic_terms, ["topic", "rank", "term", "weight"], "plot_topic_terms")
    chosen = sorted(dict.fromkeys(topic_terms["topic"])) if topics is None else list(topics)
    per_row = ncols or (4 if figure_width(width) > 4 else 2)
    fig, axes = _panels(len(chosen), ax, width, 0.12 * n_terms + 0.45, per_row)
    for i, (a, topic) in enumerate(zip(axes, chosen, strict=True)):
        part = topic_terms[topic_terms["topic"] == topic].sort_values("rank").head(n_terms)
        if part.empty:
            raise InvalidParameterError(f"topic {topic!r} is not in the table")
        y = np.arange(len(part))[::-1]
        a.barh(y, part["weight"], color=_color(i), height=0.7)
        a.set_yticks(y, part["term"].astype(str).tolist())
        a.tick_params(axis="y", length=0, pad=1)
        a.set_title(f"Topic {topic}", loc="left")
        a.xaxis.set_major_locator(_max_ticks(2))
        a.set_ylim(-0.6, n_terms - 0.4)
    if len(axes) > 1:
        fig.supxlabel("Term weight in topic", fontsize=8)
    else:
        axes[0].set_xlabel("Term weight in topic")
    return fig


def _max_ticks(n: int) -> Any:
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(nbins=n, min_n_ticks=2)


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
        Value column of a long table; a diverging map is used when values
        have both signs.
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
    marks = None
    if "frame" in table.columns:
        _need(table, ["topic", "frame", value], "plot_topic_frames")
        rows = table["label"].astype(str) if "label" in table else table["topic"].astype(str)
        keyed = table.assign(
            _row=table["topic"].astype(str) + ("  " + rows if "label" in table else "")
        )
        order = list(dict.fromkeys(keyed["_row"]))
        cols = list(dict.fromkeys(keyed["frame"]))
        matrix = keyed.pivot(index="_row", columns="frame", values=value).loc[order, cols]
        if mark and mark in table:
            marks = keyed.pivot(index="_row", columns="frame", values=mark).loc[order, cols]
    else:
        matrix = table
    values = matrix.to_numpy(dtype=float)
    diverging = bool(np.nanmin(values) < 0 < np.nanmax(values))
    fig, (a,) = _panels(1, ax, width, 0.2 * matrix.shape[0] + 1.3, 1)
    _heatmap(
        a,
        matrix,
        diverging=diverging,
        vmin=None,
        vmax=None,
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


_QUALITY = {
    "c_v": "C_V coherence",
    "c_npmi": "NPMI coherence",
    "u_mass": "UMass coherence",
    "c_uci": "UCI coherence",
    "exclusivity": "Exclusivity",
    "stability": "Stability",
}


def _pad_flat(a: Any, values: np.ndarray) -> None:
    """Give a (nearly) constant series a readable y range instead of 1e-8 ticks."""
    if values.size and np.ptp(values) <= 1e-6 * max(1.0, float(np.abs(values).max())):
        centre = float(values.mean())
        half = max(0.05 * abs(centre), 0.01)
        a.set_ylim(centre - half, centre + half)


@_styled
def plot_coherence(
    table: pd.DataFrame,
    *,
    k: str = "k",
    value: str = "value",
    measure: str | None = "measure",
    ncols: int | None = None,
    width: str | float = "double",
    ax: Axes | None = None,
) -> Any:
    """Topic-model quality by number of topics K, one panel per measure.

    Parameters
    ----------
    table : DataFrame
        ``k``, ``value`` and optionally ``measure`` and ``seed`` (as
        ``select_k``); several rows per K (seeds) are drawn as points with
        their mean as a line.
    k, value, measure : str
        Column names; ``measure=None`` for a single measure.
    ncols : int, optional
        Panels per row (default up to 4 at double width).
    width : "single", "double" or float, default="double"
        Figure width.
    ax : Axes, optional
        Draw into this Axes (only with one measure).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> t = pd.DataFrame({"k": [5, 5, 10, 10], "seed": [1, 2, 1, 2],
    ...                   "measure": "c_v", "value": [0.40, 0.42, 0.45, 0.47]})
    >>> plot_coherence(t).axes[0].get_xlabel()
    'Number of topics (K)'
    """
    _need(table, [k, value], "plot_coherence")
    measures = list(dict.fromkeys(table[measure])) if measure and measure in table else [None]
    per_row = ncols or (min(len(measures), 4) if figure_width(width) > 4 else 1)
    fig, axes = _panels(len(measures), ax, width, 1.6, per_row)
    for i, (a, m) in enumerate(zip(axes, measures, strict=True)):
        part = table if m is None else table[table[measure] == m]
        part = part[np.isfinite(part[value].to_numpy(dtype=float))]
        mean = part.groupby(k)[value].mean()
        a.plot(
            part[k],
            part[value],
            linestyle="none",
            marker="o",
            markersize=2.5,
            color=_color(i),
            alpha=0.45,
        )
        a.plot(mean.index, mean.to_numpy(), marker="o", color=_color(i))
        a.set_xticks(sorted(mean.index)) if len(mean) <= 12 else a.xaxis.set_major_locator(
            _max_ticks(6)
        )
        _title(a, _QUALITY.get(str(m), _label(m)) if m is not None else "")
        a.set_xlabel("Number of topics (K)")
        _pad_flat(a, part[value].to_numpy(dtype=float))
        a.grid(axis="y")
    return fig
