"""Run stage that draws every figure from the tables the analyses left.

Figures use the house style (:mod:`framing.figures._style`) and are saved with
reproducible bytes in every format the config asks for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from framing.experiment._context import RunContext

__all__ = ["stage_figures"]


def _save(ctx: RunContext, fig: Any, name: str) -> None:
    import matplotlib.pyplot as plt

    from framing.figures import save_figure

    try:
        for ext in ctx.config.outputs.figures:
            save_figure(fig, ctx.figure_path(name, ext))
    finally:
        plt.close(fig)


def _analysis_figures(ctx: RunContext) -> None:
    from framing.figures import plot_comparison, plot_groups, plot_keyness, plot_trend

    width = ctx.config.outputs.width
    for t in ctx.trends:
        fig = plot_trend(t.table, time=t.spec.time, group=t.spec.group, width=width)
        _save(ctx, fig, f"trend_{t.lexicon}_{t.index}")
    for t in ctx.aggregates:
        if len(t.spec.by) == 1:
            fig = plot_groups(
                t.table,
                by=t.spec.by[0],
                order=t.spec.order,
                reference=ctx.aggregate_overall.get((t.lexicon, t.index)),
                docvars=ctx.scores[t.lexicon].docvars,
                width=width,
            )
            _save(ctx, fig, f"groups_{t.lexicon}_{t.index}")
    for t in ctx.comparisons:
        fig = plot_comparison(t.table, statistic="difference")
        _save(ctx, fig, f"compare_{t.lexicon}_{t.index}")
    for k in ctx.keyness:
        i, spec, table = k.index, k.spec, k.table
        near = spec.frame.replace("_", " ") if spec.frame else None
        title = f"Terms within {spec.window} tokens of {near} hits" if near else None
        fig = plot_keyness(
            table,
            top=spec.top,
            labels=(str(spec.target), str(spec.reference or "rest")),
            title=title,
        )
        _save(ctx, fig, f"keyness_{i}")


def _structure_figures(ctx: RunContext) -> None:
    from framing.figures import plot_cooccurrence, plot_topic_frames, plot_topic_terms

    for c in ctx.cooccurrence:
        _save(ctx, plot_cooccurrence(c.table), f"cooccurrence_{c.lexicon}")
    for label, result in ctx.topics.items():
        terms = result.top_terms(8, by="probability")  # bars: P(term | topic)
        fig = plot_topic_terms(
            terms, scale="probability", seeds=result.guide_topics, width=ctx.config.outputs.width
        )
        _save(ctx, fig, f"topic_terms_{label}")
    for link in ctx.links:
        fig = plot_topic_frames(link.table, width=ctx.config.outputs.width)
        _save(ctx, fig, f"topic_frames_{link.model}_{link.lexicon}")


def _coherence_by_k(ctx: RunContext) -> None:
    from framing.figures import plot_coherence

    topics = ctx.topics
    ks = {r.k for r in topics.values()}
    if len(ks) < 2:
        return
    table = ctx.coherence
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
