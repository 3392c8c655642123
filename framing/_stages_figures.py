"""Run stage that draws every figure from the tables the analyses left.

Figures use the house style (:mod:`framing._style`) and are saved with
reproducible bytes in every format the config asks for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from framing._run import RunContext

__all__ = ["stage_figures"]


def _save(ctx: RunContext, fig: Any, name: str) -> None:
    import matplotlib.pyplot as plt

    from framing._style import save_figure

    try:
        for ext in ctx.config.outputs.figures:
            save_figure(fig, ctx.figure_path(name, ext))
    finally:
        plt.close(fig)


def _analysis_figures(ctx: RunContext) -> None:
    from framing._plotting import plot_comparison, plot_groups, plot_keyness, plot_trend

    width = ctx.config.outputs.width
    for lexicon, i, spec, table in ctx.results.get("trend", []):
        fig = plot_trend(table, time=spec.time, group=spec.group, width=width)
        _save(ctx, fig, f"trend_{lexicon}_{i}")
    for lexicon, i, spec, table in ctx.results.get("aggregate", []):
        if len(spec.by) == 1:
            fig = plot_groups(table, by=spec.by[0], width=width)
            _save(ctx, fig, f"groups_{lexicon}_{i}")
    for lexicon, i, _spec, table in ctx.results.get("compare", []):
        fig = plot_comparison(table, statistic="difference")
        _save(ctx, fig, f"compare_{lexicon}_{i}")
    for i, spec, table in ctx.results.get("keyness", []):
        fig = plot_keyness(table, top=spec.top,
                           labels=(str(spec.target), str(spec.reference or "rest")))
        if spec.frame:
            fig.axes[0].set_title(f"Terms within {spec.window} tokens of {spec.frame} hits",
                                  loc="left", fontsize="medium")
        _save(ctx, fig, f"keyness_{i}")


def _structure_figures(ctx: RunContext) -> None:
    from framing._plotting import (
        plot_cooccurrence,
        plot_topic_frames,
        plot_topic_terms,
    )

    for lexicon, table in ctx.results.get("cooccurrence", []):
        _save(ctx, plot_cooccurrence(table), f"cooccurrence_{lexicon}")
    for label, result in ctx.results.get("topics", {}).items():
        terms = result.top_terms(8, by="frex")
        fig = plot_topic_terms(terms, width=ctx.config.outputs.width)
        _save(ctx, fig, f"topic_terms_{label}")
    for label, lexicon, table, _result in ctx.results.get("links", []):
        fig = plot_topic_frames(table, width=ctx.config.outputs.width)
        _save(ctx, fig, f"topic_frames_{label}_{lexicon}")


def _coherence_by_k(ctx: RunContext) -> None:
    from framing._plotting import plot_coherence

    topics = ctx.results.get("topics", {})
    ks = {r.k for r in topics.values()}
    if len(ks) < 2:
        return
    table = ctx.results.get("coherence")
    if table is None:
        return
    k_of = {label: r.k for label, r in topics.items()}
    per_model = table.groupby(["model", "measure"], sort=True)["value"].mean().reset_index()
    per_model["k"] = per_model["model"].map(k_of)
    _save(ctx, plot_coherence(per_model), "coherence_by_k")


def stage_figures(ctx: RunContext) -> None:
    """Draw every figure the analyses and topic models call for."""
    if not ctx.config.outputs.figures:
        return
    _analysis_figures(ctx)
    _structure_figures(ctx)
    _coherence_by_k(ctx)
