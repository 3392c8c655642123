"""Figures of measure evaluation: methods compared per frame, and learning curves."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from framing._errors import InvalidParameterError
from framing.figures._plots import _panels, _styled
from framing.figures._style import OKABE_ITO

__all__ = ["plot_learning_curve", "plot_measure_comparison"]

_NEED = ("method", "frame", "f1", "f1_ci_low", "f1_ci_high")


def _check(table: pd.DataFrame, need: tuple[str, ...], name: str) -> None:
    missing = [c for c in need if c not in table.columns]
    if missing or table.empty:
        raise InvalidParameterError(f"{name} needs a non-empty table with columns {list(need)}")


@_styled
def plot_measure_comparison(
    table: pd.DataFrame, *, panel: str | None = None, title: str | None = None
) -> Any:
    """F1 with its interval per frame, one marker per method (lexicon, model, ...).

    Parameters
    ----------
    table : DataFrame
        ``method``, ``frame``, ``f1``, ``f1_ci_low``, ``f1_ci_high`` (as
        :func:`framing.validate.evaluate` writes them, with a ``method``
        column); a ``micro`` row is left out.
    panel : str, optional
        A column (e.g. ``sample``) with one panel per value.
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> t = pd.DataFrame({"method": ["lexicon", "model"] * 2, "frame": ["a", "a", "b", "b"],
    ...                   "f1": [.6, .8, .5, .7], "f1_ci_low": [.5, .7, .4, .6],
    ...                   "f1_ci_high": [.7, .9, .6, .8]})
    >>> plot_measure_comparison(t).axes[0].get_xlabel()
    'F1 (95% CI)'
    """
    _check(table, _NEED, "plot_measure_comparison")
    table = table[table["frame"] != "micro"]
    keys = list(table[panel].unique()) if panel else [None]
    methods = list(table["method"].unique())
    frames_n = table["frame"].nunique()
    fig, axes = _panels(len(keys), None, "double", 0.32 * frames_n + 0.9, min(len(keys), 3))
    step = 0.7 / max(len(methods), 1)
    for ax, key in zip(axes, keys, strict=True):
        part = table if key is None else table[table[panel] == key]
        frames = list(dict.fromkeys(part["frame"]))
        pos = {f: i for i, f in enumerate(frames)}
        for k, method in enumerate(methods):
            m = part[part["method"] == method]
            y = np.array([pos[f] for f in m["frame"]]) + (k - (len(methods) - 1) / 2) * step
            err = [m["f1"] - m["f1_ci_low"], m["f1_ci_high"] - m["f1"]]
            ax.errorbar(m["f1"], y, xerr=err, fmt="o", ms=3.5, lw=0.9,
                        color=OKABE_ITO[k % len(OKABE_ITO)], label=method)  # fmt: skip
        ax.set_yticks(range(len(frames)), [f.replace("_", " ") for f in frames])
        ax.set_ylim(len(frames) - 0.5, -0.5)
        ax.set_xlim(0, 1)
        ax.set_xlabel("F1 (95% CI)")
        if key is not None:
            ax.set_title(str(key))
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=len(methods), frameon=False)
    if title:
        fig.suptitle(title)
    return fig


@_styled
def plot_learning_curve(curve: pd.DataFrame, *, title: str | None = None) -> Any:
    """Macro-F1 against the number of units coded, one line per strategy.

    Parameters
    ----------
    curve : DataFrame
        ``n_coded``, ``f1`` and optionally ``strategy``, ``f1_ci_low`` and
        ``f1_ci_high`` (a band), e.g. from :func:`framing.models.learning_curve`.
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> c = pd.DataFrame({"n_coded": [20, 40, 80], "f1": [0.5, 0.6, 0.7]})
    >>> plot_learning_curve(c).axes[0].get_ylabel()
    'Macro-F1 on held-out units'
    """
    _check(curve, ("n_coded", "f1"), "plot_learning_curve")
    fig, (ax,) = _panels(1, None, "single", 2.4, 1)
    groups = curve.groupby("strategy", sort=False) if "strategy" in curve else [("", curve)]
    for k, (name, part) in enumerate(groups):
        part = part.sort_values("n_coded")
        color = OKABE_ITO[k % len(OKABE_ITO)]
        ax.plot(part["n_coded"], part["f1"], marker="o", ms=3, color=color, label=name or None)
        if {"f1_ci_low", "f1_ci_high"} <= set(part.columns):
            ax.fill_between(part["n_coded"], part["f1_ci_low"], part["f1_ci_high"],
                            color=color, alpha=0.15, lw=0)  # fmt: skip
    ax.set_xlabel("Units coded")
    ax.set_ylabel("Macro-F1 on held-out units")
    ax.set_ylim(0, 1)
    if "strategy" in curve:
        ax.legend(frameon=False, fontsize="small")
    if title:
        ax.set_title(title)
    return fig
