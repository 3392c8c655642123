"""Run stage for the ``topic_effects:`` block: covariate effects on a fitted model's topics.

Each entry picks one model of the ``topics:`` block (its index, and its ``k`` and ``seed``
when that entry fits several), runs :func:`framing.topic_effects` on the run's tokens and
writes ``tables/topic_effects_<name>`` (``topic`` and the effects columns) and
``figures/topic_effects_<name>``: one coefficient (``term``) for every topic, with its
interval, labelled by the topic's three most probable terms.  The model is the one the
topics stage fitted (refitted when it came from the disk cache, which keeps tables but not
the fitted object that posterior draws need).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from framing._errors import ConfigError, InvalidParameterError

if TYPE_CHECKING:
    from framing.experiment._context import RunContext

__all__ = ["stage_topic_effects"]


def _pick(values: list[int], chosen: int | None, key: str, where: str) -> int:
    if chosen is None:
        if len(values) > 1:
            raise ConfigError(f"{where}.{key}: the model lists several ({values}); name one")
        return values[0]
    if chosen not in values:
        raise ConfigError(f"{where}.{key}: {chosen} is not among the model's {values}")
    return chosen


def _model(ctx: RunContext, i: int, spec: Any) -> Any:
    from framing.experiment._topic_stages import fit_topic_model

    where = f"topic_effects.{i}"
    if spec.model >= len(ctx.config.topics):
        raise ConfigError(
            f"{where}.model: {spec.model} names no entry of 'topics' "
            f"({len(ctx.config.topics)} entries)"
        )
    entry = ctx.config.topics[spec.model]
    k = _pick(entry.k if isinstance(entry.k, list) else [entry.k], spec.k, "k", where)
    seed = _pick(entry.seeds or [ctx.config.seed], spec.seed, "seed", where)
    need_model = spec.uncertainty == "global"
    return fit_topic_model(ctx, entry, k, seed, need_model=need_model)


def topic_labels(result: Any, n_terms: int = 3) -> dict[int, str]:
    """``{topic: "topic: three most probable terms"}`` for figure labels.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> tt = pd.DataFrame([[0.5, 0.3, 0.2], [0.1, 0.2, 0.7]], columns=["oil", "gas", "war"])
    >>> topic_labels(SimpleNamespace(topic_term=tt), n_terms=2)
    {0: '0: oil gas', 1: '1: war gas'}
    """
    labels = {}
    for position, (_, row) in enumerate(result.topic_term.iterrows()):
        top = row.sort_values(ascending=False, kind="stable").index[:n_terms]
        labels[position] = f"{position}: " + " ".join(map(str, top))
    return labels


def _figure(ctx: RunContext, i: int, spec: Any, table: pd.DataFrame, result: Any) -> Any:
    from framing.figures import plot_effect_groups

    terms = [t for t in dict.fromkeys(table["term"]) if t != "Intercept"]
    term = spec.term or (terms[0] if terms else "Intercept")
    if term not in set(table["term"]):
        raise ConfigError(
            f"topic_effects.{i}.term: {term!r} is not a coefficient; they are "
            f"{list(dict.fromkeys(table['term']))}"
        )
    rows = table[table["term"] == term].copy()
    rows["label"] = rows["topic"].map(topic_labels(result))
    fig = plot_effect_groups(
        rows,
        by="label",
        hue=None,
        xlabel=f"Effect on topic proportion: {term}",
        width=ctx.config.outputs.width,
    )
    fig.axes[0].axvline(0.0, color="#555555", linewidth=0.6, linestyle="--", zorder=1)
    return fig


def stage_topic_effects(ctx: RunContext) -> None:
    """Run every ``topic_effects:`` entry; write its table and figure."""
    from framing.experiment._figure_stages import _save
    from framing.stats import topic_effects

    for i, spec in enumerate(ctx.config.topic_effects):
        result = _model(ctx, i, spec)
        try:
            table = topic_effects(
                result,
                spec.formula,
                tokens=ctx.recipe_tokens,
                seed=ctx.config.seed,
                n_draws=spec.n_draws,
                topics=spec.topics,
                cluster=spec.cluster,
                uncertainty=spec.uncertainty,
            )
        except InvalidParameterError as error:
            raise ConfigError(f"topic_effects.{i} ({spec.name}): {error}") from None
        ctx.write_table(table, f"topic_effects_{spec.name}")
        if ctx.config.outputs.figures:
            _save(ctx, _figure(ctx, i, spec, table, result), f"topic_effects_{spec.name}")
