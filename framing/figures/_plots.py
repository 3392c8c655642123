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
    OKABE_ITO,
    figure_width,
    house_style,
    new_figure,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "plot_coherence",
    "plot_comparison",
    "plot_keyness",
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
            fig = func(*args, **kwargs)
            _fit_titles(fig)
            if kwargs.get("ax") is None:  # never resize a figure the caller owns
                _trim_canvas(fig)
        return fig

    return wrapper


def _titles(fig: Any) -> list[tuple[Any, Any]]:
    """(text, its Axes or None) for every axes title and x label, and the figure's x label."""
    found = [
        (t, a)
        for a in fig.axes
        if a.get_visible()
        for t in (a.title, a._left_title, a._right_title, a.xaxis.label)
        if t.get_text()
    ]
    sup = getattr(fig, "_supxlabel", None)
    return found + ([(sup, None)] if sup is not None and sup.get_text() else [])


def _fit_titles(fig: Any, rounds: int = 4) -> None:
    """Re-wrap titles wider than their panel (and x labels wider than the canvas) until all fit.

    Constrained layout moves panels once tick labels are known, so the width
    a title may use is only known after a draw: draw, measure, re-wrap, repeat.
    """
    for _ in range(rounds):
        renderer = fig.canvas.get_renderer()
        fig.draw_without_rendering()
        changed = False
        for text, a in _titles(fig):
            box = text.get_window_extent(renderer)
            if a is not None and text is not a.xaxis.label:  # a title: within its panel
                room = min(a.get_window_extent(renderer).width, fig.bbox.width - box.x0 - 2)
            else:  # an axis label: within the canvas
                room = fig.bbox.width - 4 if box.x0 >= 2 and box.x1 <= fig.bbox.width - 2 else 0
                room = room or min(box.width, fig.bbox.width - 4) * 0.9
            if box.width > room + 0.5:
                _narrow(text, room / box.width)
                changed = True
        if not changed:
            return


def _narrow(text: Any, ratio: float) -> None:
    """Make a title ``ratio`` times as wide: wrap between words, else smaller type (>= 6 pt).

    Line breaks already in the title are kept; each line is wrapped on its own.
    """
    import textwrap

    lines = text.get_text().split("\n")
    chars = max(1, int(max(len(line) for line in lines) * ratio) - 1)
    if max(len(word) for line in lines for word in line.split() or [""]) <= chars:
        text.set_text("\n".join(textwrap.fill(line, chars) for line in lines))
    elif text.get_fontsize() > 6:  # one word wider than the panel
        text.set_fontsize(max(6.0, text.get_fontsize() * ratio * 0.98))
    else:
        text.set_text(
            "\n".join(textwrap.fill(line, chars, break_long_words=True) for line in lines)
        )


def _trim_canvas(fig: Any, rounds: int = 3) -> None:
    """Shrink the canvas to its content (panels of fixed aspect leave blank bands).

    Constrained layout centres a panel whose shape is fixed (a heatmap of
    square cells), so a canvas of the wrong shape keeps blank bands; remove
    them, keeping the layout pads, and lay out again.
    """
    pad = 2 * 3 / 72  # constrained layout keeps 2 pt from every edge; keep 3 pt
    for _ in range(rounds):
        renderer = fig.canvas.get_renderer()
        fig.draw_without_rendering()
        tight = fig.get_tightbbox(renderer)
        width, height = fig.get_size_inches()
        new = (min(width, round(tight.width + pad, 2)), min(height, round(tight.height + pad, 2)))
        if width - new[0] < 0.03 and height - new[1] < 0.03:
            return
        fig.set_size_inches(new)


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
    """A left-aligned panel title; :func:`_fit_titles` wraps it to the panel once laid out."""
    a.set_title(text, loc="left")


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
    title: str | None = None,
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
    title : str, optional
        Panel title, wrapped to the panel's width.  Default: for a table of
        :func:`framing.keyness_near`, "Terms within N tokens of FRAME hits".
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
    if title is None and "frame" in table.attrs:  # from keyness_near
        title = (
            f"Terms within {table.attrs.get('window', '?')} tokens of "
            f"{_label(table.attrs['frame'])} hits"
        )
    if title:
        _title(a, title)
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


#: Axis label of each kind of topic-term weight (``TopicResult.top_terms(by=...)``).
_TERM_SCALE = {
    "probability": "P(term | topic): probability within the topic",
    "frex": "FREX score (0–1; exclusivity and frequency)",
}


def _seed_names(seeds: Any) -> dict[Any, str]:
    """``{topic: seed set}`` from ``TopicResult.guide_topics`` or a mapping."""
    if seeds is None:
        return {}
    if isinstance(seeds, pd.DataFrame):
        _need(seeds, ["seed_set", "topic"], "plot_topic_terms(seeds=)")
        return dict(zip(seeds["topic"], seeds["seed_set"].astype(str), strict=True))
    return {topic: str(name) for topic, name in dict(seeds).items()}


def _term_scale(topic_terms: pd.DataFrame, scale: str | None) -> str:
    found = list(dict.fromkeys(topic_terms["by"])) if "by" in topic_terms else []
    if len(found) > 1:
        raise InvalidParameterError(
            f"the topic-term table mixes weights by {found}; select one kind (by == ...)"
        )
    if scale is None:
        scale = str(found[0]) if found else "probability"
    if scale not in _TERM_SCALE:
        raise InvalidParameterError(f"scale must be one of {sorted(_TERM_SCALE)}, not {scale!r}")
    return scale


@_styled
def plot_topic_terms(
    topic_terms: pd.DataFrame,
    *,
    n_terms: int = 8,
    topics: Sequence[Any] | None = None,
    scale: str | None = None,
    seeds: Any = None,
    ncols: int | None = None,
    width: str | float = "double",
    ax: Axes | None = None,
) -> Any:
    """Top terms of each topic as a grid of small bar charts in one colour.

    Parameters
    ----------
    topic_terms : DataFrame
        ``topic``, ``rank``, ``term``, ``weight`` (as ``TopicResult.top_terms()``).
    n_terms : int, default=8
        Terms per topic.
    topics : sequence, optional
        Topics to draw (default all, sorted).
    scale : {"probability", "frex"}, optional
        What ``weight`` is, stated on the axis: the within-topic probability
        P(term | topic) (bars share one scale from 0) or the FREX score (0-1).
        Default: the table's ``by`` column if it has one, else probability.
    seeds : DataFrame or mapping, optional
        Seeded topics: ``TopicResult.guide_topics`` (``seed_set``, ``topic``)
        or ``{topic: frame}``; a seeded topic's title names its frame.
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
    >>> fig = plot_topic_terms(t, seeds={1: "conflict"})
    >>> [a.get_title(loc="left") for a in fig.axes]
    ['Topic 0', 'Topic 1\\nseeded: conflict']
    """
    _need(topic_terms, ["topic", "rank", "term", "weight"], "plot_topic_terms")
    scale, named = _term_scale(topic_terms, scale), _seed_names(seeds)
    chosen = sorted(dict.fromkeys(topic_terms["topic"])) if topics is None else list(topics)
    parts = [
        topic_terms[topic_terms["topic"] == t].sort_values("rank").head(n_terms) for t in chosen
    ]
    empty = [t for t, part in zip(chosen, parts, strict=True) if part.empty]
    if empty:
        raise InvalidParameterError(f"topic(s) {empty} are not in the table")
    rows = max(len(part) for part in parts)
    per_row = ncols or (4 if figure_width(width) > 4 else 2)
    fig, axes = _panels(len(chosen), ax, width, 0.12 * rows + 0.55, per_row)
    for a, topic, part in zip(axes, chosen, parts, strict=True):
        y = np.arange(len(part))[::-1] + rows - len(part)
        a.barh(y, part["weight"], color=OKABE_ITO[0], height=0.7)
        a.set_yticks(y, part["term"].astype(str).tolist())
        a.tick_params(axis="y", length=0, pad=1)
        seeded = f"\nseeded: {_label(named[topic])}" if topic in named else ""
        _title(a, f"Topic {topic}{seeded}")
        a.xaxis.set_major_locator(_max_ticks(3))
        a.set_ylim(-0.6, rows - 0.4)
        a.grid(axis="x")
        top = 1.0 if scale == "frex" else 1.04 * float(part["weight"].max())
        a.set_xlim(0, top if top > 0 else 1.0)  # each topic on its own scale from 0
    label = _TERM_SCALE[scale]
    fig.supxlabel(label, fontsize=8) if len(axes) > 1 else axes[0].set_xlabel(label)
    return fig


def _max_ticks(n: int) -> Any:
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(nbins=n, min_n_ticks=2)


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
