"""stm-style effect figures in the house style: levels by group, a difference, a covariate band.

Each function takes a table from :func:`framing.marginal_effects` (or
:func:`framing.estimate_effect`), returns a Figure and never calls ``show()``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from framing.figures._plots import _color, _need
from framing.figures._style import house_style, new_figure

__all__ = [
    "plot_effect_continuous",
    "plot_effect_difference",
    "plot_effect_groups",
    "plot_specification_curve",
]

_NEEDED = ("estimate", "ci_low", "ci_high")


def _series(table: pd.DataFrame, hue: str | None) -> list[tuple[Any, pd.DataFrame]]:
    if hue is None:
        return [(None, table)]
    _need(table, [hue], "hue")
    return [(value, table[table[hue] == value]) for value in dict.fromkeys(table[hue])]


def _axes(ax: Any, width: str | float, height: float) -> tuple[Any, Any]:
    if ax is not None:
        return ax.figure, ax
    fig, axes = new_figure(width, height)
    return fig, axes[0, 0]


def plot_effect_groups(
    table: pd.DataFrame,
    *,
    by: str = "term",
    hue: str | None = "method",
    xlabel: str = "Estimate",
    width: str | float = "single",
    ax: Any = None,
) -> Any:
    """Point estimates with confidence whiskers, one row per group (stm ``"pointestimate"``).

    Parameters
    ----------
    table : DataFrame
        Columns ``by``, ``estimate``, ``ci_low``, ``ci_high`` (and ``hue``).
    by : str, default="term"
        Row labels: a covariate of :func:`framing.marginal_effects` or the
        ``term`` of :func:`framing.estimate_effect`.
    hue : str or None, default="method"
        Column whose values are drawn side by side in colours (e.g. naive,
        gold-only and PPI++ estimates); ignored when absent.
    xlabel : str, default="Estimate"
        Axis label.
    width : "single", "double" or float, default="single"
        Figure width.
    ax : Axes, optional
        Draw into this Axes.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> t = pd.DataFrame({"bloc": ["a", "b"], "estimate": [1.0, 2.0],
    ...                   "ci_low": [0.5, 1.5], "ci_high": [1.5, 2.5]})
    >>> fig = plot_effect_groups(t, by="bloc")
    >>> [x.get_text() for x in fig.axes[0].get_yticklabels()]
    ['a', 'b']
    """
    _need(table, [by, *_NEEDED], "plot_effect_groups")
    hue = hue if hue is not None and hue in table.columns else None
    groups = list(dict.fromkeys(table[by]))
    series = _series(table, hue)
    with house_style():
        fig, a = _axes(ax, width, 0.25 * len(groups) * max(1, len(series) * 0.6) + 0.8)
        y = np.arange(len(groups))[::-1].astype(float)
        step = 0.6 / max(1, len(series))
        for i, (label, part) in enumerate(series):
            part = part.set_index(by).reindex(groups)
            est = part["estimate"].to_numpy(float)
            err = np.vstack(
                [est - part["ci_low"].to_numpy(float), part["ci_high"].to_numpy(float) - est]
            )
            shift = (i - (len(series) - 1) / 2) * step
            a.errorbar(
                est,
                y - shift,
                xerr=np.nan_to_num(err),
                fmt="o",
                color=_color(i),
                elinewidth=0.8,
                capsize=0,
                label=None if label is None else str(label),
            )
        a.set_yticks(y, [str(g) for g in groups])
        a.set_xlabel(xlabel)
        a.grid(axis="x")
        if len(series) > 1:
            a.legend(loc="best")
    return fig


def plot_effect_difference(
    table: pd.DataFrame,
    *,
    label: str = "contrast",
    hue: str | None = None,
    xlabel: str = "Difference",
    width: str | float = "single",
    ax: Any = None,
) -> Any:
    """Differences between two groups with intervals and a zero line (stm ``"difference"``).

    Parameters
    ----------
    table : DataFrame
        From :func:`framing.marginal_effects` with ``contrast=``: columns
        ``label``, ``estimate``, ``ci_low``, ``ci_high``; other ``at``
        columns, if any, are added to the row labels.
    label : str, default="contrast"
        Column naming each difference.
    hue : str, optional
        Column drawn in colours.
    xlabel : str, default="Difference"
        Axis label.
    width : "single", "double" or float, default="single"
        Figure width.
    ax : Axes, optional
        Draw into this Axes.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> t = pd.DataFrame({"contrast": ["IRN - SAU"], "estimate": [0.1],
    ...                   "ci_low": [0.02], "ci_high": [0.18]})
    >>> fig = plot_effect_difference(t)
    >>> fig.axes[0].get_xlabel()
    'Difference'
    """
    _need(table, [label, *_NEEDED], "plot_effect_difference")
    known = {label, hue, *_NEEDED, "std_error", "n", "method", "p_value", "term"}
    extra = [c for c in table.columns if c not in known]
    rows = table.copy()
    rows["_row"] = rows[label].astype(str)
    for column in extra:
        rows["_row"] = rows["_row"] + ", " + column + "=" + rows[column].astype(str)
    fig = plot_effect_groups(rows, by="_row", hue=hue, xlabel=xlabel, width=width, ax=ax)
    with house_style():
        fig.axes[0].axvline(0.0, color="#555555", linewidth=0.6, linestyle="--", zorder=1)
    return fig


def plot_effect_continuous(
    table: pd.DataFrame,
    *,
    x: str,
    hue: str | None = None,
    ylabel: str = "Predicted value",
    width: str | float = "single",
    ax: Any = None,
) -> Any:
    """Predictions along a continuous covariate with a confidence band (stm ``"continuous"``).

    Parameters
    ----------
    table : DataFrame
        From :func:`framing.marginal_effects`: columns ``x``, ``estimate``,
        ``ci_low``, ``ci_high`` (and ``hue`` for one line per group).
    x : str
        The continuous covariate.
    hue : str, optional
        Column with one line and band per value (e.g. a country bloc).
    ylabel : str, default="Predicted value"
        Axis label.
    width : "single", "double" or float, default="single"
        Figure width.
    ax : Axes, optional
        Draw into this Axes.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> t = pd.DataFrame({"year": [1990, 2000, 2010], "estimate": [1.0, 2.0, 1.5],
    ...                   "ci_low": [0.5, 1.5, 1.0], "ci_high": [1.5, 2.5, 2.0]})
    >>> fig = plot_effect_continuous(t, x="year")
    >>> len(fig.axes[0].lines), len(fig.axes[0].collections)
    (1, 1)
    """
    _need(table, [x, *_NEEDED], "plot_effect_continuous")
    with house_style():
        fig, a = _axes(ax, width, None)
        series = _series(table, hue)
        for i, (label, part) in enumerate(series):
            part = part.sort_values(x)
            colour = _color(i)
            xs = part[x].to_numpy(float)
            a.fill_between(
                xs,
                part["ci_low"].to_numpy(float),
                part["ci_high"].to_numpy(float),
                color=colour,
                alpha=0.2,
                linewidth=0,
            )
            a.plot(
                xs,
                part["estimate"].to_numpy(float),
                color=colour,
                label=None if label is None else str(label),
            )
        a.set_xlabel(x.replace("_", " ").capitalize())
        a.set_ylabel(ylabel)
        a.grid(axis="y")
        if len(series) > 1:
            a.legend(loc="best")
    return fig


def plot_specification_curve(
    table: pd.DataFrame,
    *,
    choices: Sequence[str],
    claim: str = "claim",
    width: str | float = "double",
) -> Any:
    """A specification curve (Simonsohn et al. 2020): each estimate's z, sorted, over its choices.

    Parameters
    ----------
    table : DataFrame
        One row per specification (and claim): ``estimate``, ``std_error``, the
        ``choices`` columns and ``claim``.
    choices : sequence of str
        Columns whose values describe a specification (lexicon, unit, measure ...).
    claim : str, default="claim"
        Column naming the claim; one colour per claim.
    width : "single", "double" or float, default="double"
        Figure width.

    Returns
    -------
    matplotlib.figure.Figure

    Notes
    -----
    The top panel shows ``z = estimate / std_error`` (comparable across models whose
    coefficients have different scales) sorted within each claim, with the +/-1.96 band;
    a point above 1.96 holds at 95%.  The bottom panel marks each specification's choices.

    Examples
    --------
    >>> t = pd.DataFrame({"claim": ["c"] * 3, "estimate": [1.0, 3.0, -1.0],
    ...                   "std_error": [1.0, 1.0, 1.0], "unit": ["a", "b", "a"]})
    >>> fig = plot_specification_curve(t, choices=["unit"])
    >>> len(fig.axes)
    2
    """
    _need(table, ["estimate", "std_error", claim, *choices], "plot_specification_curve")
    rows = table.assign(z=table["estimate"] / table["std_error"])
    rows = rows.sort_values([claim, "z"], kind="stable").reset_index(drop=True)
    labels = [(c, str(v)) for c in choices for v in dict.fromkeys(rows[c].dropna())]
    with house_style():
        fig, axes = new_figure(
            width,
            1.6 + 0.14 * len(labels),
            nrows=2,
            gridspec_kw={"height_ratios": [1.6, 0.14 * len(labels) + 0.2]},
            sharex=True,
        )
        top, bottom = axes[0, 0], axes[1, 0]
        x = np.arange(len(rows))
        for i, name in enumerate(dict.fromkeys(rows[claim])):
            part = rows[claim] == name
            top.scatter(
                x[part],
                rows.loc[part, "z"],
                s=8,
                color=_color(i),
                label=str(name),
                zorder=3,
            )
        for level in (-1.96, 1.96):
            top.axhline(level, color="#555555", linewidth=0.6, linestyle="--")
        top.axhline(0.0, color="#999999", linewidth=0.5)
        top.set_ylabel("z (estimate / s.e.)")
        handles, names = top.get_legend_handles_labels()
        fig.legend(handles, names, loc="outside upper center", ncol=1)
        for j, (column, value) in enumerate(labels):
            on = (rows[column].astype(str) == value) & rows[column].notna()
            bottom.scatter(x[on], np.full(int(on.sum()), j), s=6, color="#333333")
        bottom.set_yticks(range(len(labels)), [f"{c}: {v}" for c, v in labels])
        bottom.set_ylim(len(labels) - 0.5, -0.5)
        bottom.set_xlabel("Specification (sorted by z within each claim)")
    return fig
