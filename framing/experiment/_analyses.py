"""Run stages for the analyses: aggregates, comparisons, trends, keyness,
co-occurrence and topic-frame links, each written as tables (and figures by
:mod:`framing.experiment._figure_stages`).

Every bootstrap receives the experiment seed, so reruns give the same bytes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from framing._errors import ConfigError
from framing.experiment._context import LexiconTable, SpecTable, TopicLinks

if TYPE_CHECKING:
    from framing.experiment._context import RunContext

__all__ = ["stage_analyses", "stage_topic_links", "stage_validation"]


def _document_scores(scores: Any) -> Any:
    """Scores per document (segment scores are rolled up)."""
    return scores if scores.unit == "document" else scores.rollup()


def _check_field(ctx: RunContext, name: str, where: str) -> None:
    fields = ctx.run_corpus.fields
    if name not in fields:
        raise ConfigError(f"{where}: unknown field {name!r}; fields are {list(fields)}")


def _aggregates(ctx: RunContext, lexicon: str, scores: Any) -> None:
    from framing.stats import aggregate

    for i, spec in enumerate(ctx.config.analyses.aggregate):
        for field in spec.by:
            _check_field(ctx, field, f"analyses.aggregate.{i}.by")
        _check_order(ctx, spec.order, list(scores.counts.columns), i)
        table = aggregate(
            scores,
            spec.by,
            measure=spec.measure,
            n_boot=spec.n_boot,
            ci=spec.ci,
            method=spec.method,
            seed=ctx.config.seed,
        )
        ctx.aggregates.append(LexiconTable(lexicon, i, spec, table))
        ctx.write_table(table, f"aggregate_{lexicon}_{i}")
        if spec.reference:  # the overall estimate the group figure draws as a line
            overall = aggregate(
                scores,
                [],
                measure=spec.measure,
                n_boot=spec.n_boot,
                ci=spec.ci,
                method=spec.method,
                seed=ctx.config.seed,
            )
            ctx.aggregate_overall[(lexicon, i)] = overall
            ctx.write_table(overall, f"aggregate_{lexicon}_{i}_overall")


def _check_order(ctx: RunContext, order: str, frames: list[str], i: int) -> None:
    """``order`` of a group figure: name, estimate, a frame, or a docvar to group by."""
    fields = ctx.run_corpus.fields
    if order in ("name", "estimate") or order in frames or order in fields:
        return
    raise ConfigError(
        f"analyses.aggregate.{i}.order: {order!r} is not 'name', 'estimate', a frame "
        f"({frames}) or a field ({list(fields)})"
    )


def _comparisons(ctx: RunContext, lexicon: str, scores: Any) -> None:
    from framing.stats import compare_groups, trend

    for i, spec in enumerate(ctx.config.analyses.compare):
        _check_field(ctx, spec.by, f"analyses.compare.{i}.by")
        table = compare_groups(
            scores,
            spec.by,
            target=spec.target,
            reference=spec.reference,
            measure=spec.measure,
            n_boot=spec.n_boot,
            seed=ctx.config.seed,
        )
        ctx.comparisons.append(LexiconTable(lexicon, i, spec, table))
        ctx.write_table(table, f"compare_{lexicon}_{i}")
    for i, spec in enumerate(ctx.config.analyses.trend):
        _check_field(ctx, spec.time, f"analyses.trend.{i}.time")
        if spec.group:
            _check_field(ctx, spec.group, f"analyses.trend.{i}.group")
        table = trend(
            scores,
            spec.time,
            group=spec.group,
            window=spec.window,
            measure=spec.measure,
            n_boot=spec.n_boot,
            seed=ctx.config.seed,
        )
        ctx.trends.append(LexiconTable(lexicon, i, spec, table))
        ctx.write_table(table, f"trend_{lexicon}_{i}")


def _recipe_filter(ctx: RunContext, table: pd.DataFrame) -> pd.DataFrame:
    """Drop stop words and short terms (keyness near hits counts raw tokens)."""
    tokens = ctx.recipe_tokens
    keep = set(tokens.vocab)
    return table[table["term"].isin(keep)].reset_index(drop=True)


def _keyness(ctx: RunContext) -> None:
    from framing.score import find_hits
    from framing.stats import keyness, keyness_near

    raw_tokens = None
    for i, spec in enumerate(ctx.config.analyses.keyness):
        _check_field(ctx, spec.by, f"analyses.keyness.{i}.by")
        if spec.frame is None:
            table = keyness(
                ctx.recipe_tokens, spec.by, target=spec.target, reference=spec.reference
            )
        else:
            lexicon = _lexicon_with_frame(ctx, spec.frame, f"analyses.keyness.{i}.frame")
            if raw_tokens is None:
                raw_tokens = ctx.tokens()  # the default recipe: raw word tokens
            hits = find_hits(raw_tokens, ctx.lexicons[lexicon])
            hits = hits[~hits["negated"]].rename(
                columns={"token_start": "start", "token_end": "end"}
            )
            table = keyness_near(
                raw_tokens,
                hits,
                spec.by,
                frame=spec.frame,
                target=spec.target,
                reference=spec.reference,
                window=spec.window,
            )
            table = _recipe_filter(ctx, table)
        ctx.keyness.append(SpecTable(i, spec, table))
        ctx.write_table(table, f"keyness_{i}")


def _lexicon_with_frame(ctx: RunContext, frame: str, where: str) -> str:
    for name, scores in ctx.scores.items():
        if frame in scores.frames:
            return name
    frames = sorted(f for s in ctx.scores.values() for f in s.frames)
    raise ConfigError(
        f"{where}: no lexicon of this experiment has frame {frame!r}; frames are {frames}"
    )


def stage_analyses(ctx: RunContext) -> None:
    """Aggregates, comparisons, trends, co-occurrence (per lexicon) and keyness."""
    from framing.stats import cooccurrence

    for lexicon, scores in ctx.scores.items():
        # unit-level scores: presence is a share of units, and the bootstrap
        # resamples parent documents when units are segments
        _aggregates(ctx, lexicon, scores)
        _comparisons(ctx, lexicon, scores)
        if ctx.config.analyses.cooccurrence:
            table = cooccurrence(scores)
            ctx.cooccurrence.append(LexiconTable(lexicon, 0, None, table))
            ctx.write_table(table, f"cooccurrence_{lexicon}")
    if ctx.config.analyses.keyness:
        _keyness(ctx)


def _validation(ctx: RunContext, i: int, spec: Any) -> pd.DataFrame:
    from pathlib import Path

    from framing.experiment._config import expand_env
    from framing.validate import evaluate

    where = f"analyses.validation.{i}"
    if spec.lexicon not in ctx.scores:
        raise ConfigError(
            f"{where}.lexicon: {spec.lexicon!r} is not among the lexicons {sorted(ctx.scores)}"
        )
    path = Path(expand_env(spec.gold, where=f"{where}.gold"))
    if not path.is_file():
        raise ConfigError(f"{where}.gold: {path} does not exist")
    gold = pd.read_csv(path, dtype={spec.id_col: str})
    if spec.id_col not in gold.columns:
        raise ConfigError(f"{where}.id_col: {path} has no column {spec.id_col!r}")
    lexicon = ctx.lexicons[spec.lexicon]
    frames = [f for f in lexicon.frame_names if f in gold.columns]
    gold = gold.rename(columns={spec.id_col: "doc_id"})[["doc_id", *frames]]
    scores = ctx.scores[spec.lexicon]
    if scores.unit != spec.unit:
        scores = ctx.score(lexicon, spec.unit)  # the run's scoring options, another unit
    table = scores.to_frame()
    present = gold["doc_id"].isin(table["doc_id"])
    if not present.all() and spec.missing == "error":
        missing = gold.loc[~present, "doc_id"].head(5).tolist()
        raise ConfigError(
            f"{where}: {int((~present).sum())} gold units are not in the "
            f"corpus, e.g. {missing}; widen corpus.filter or set missing: drop"
        )
    report = evaluate(
        table,
        gold[present],
        frames=frames,
        threshold=spec.threshold,
        n_boot=spec.n_boot,
        seed=ctx.config.seed,
    )
    return report.assign(lexicon=spec.lexicon, n_gold=len(gold), n_used=int(present.sum()))


def stage_validation(ctx: RunContext) -> None:
    """Evaluate lexicon scores against gold codes, next to the results."""

    for i, spec in enumerate(ctx.config.analyses.validation):
        table = _validation(ctx, i, spec)
        ctx.validation.append(SpecTable(i, spec, table))
        ctx.write_table(table, f"validation_{spec.lexicon}_{i}")


def stage_topic_links(ctx: RunContext) -> None:
    """Correlate each topic model's topics with each lexicon's frame rates."""
    if not ctx.config.analyses.topic_frame_links or not ctx.topics:
        return
    from framing.topics import topic_frame_links

    for label, result in ctx.topics.items():
        for lexicon, raw in ctx.scores.items():
            table = topic_frame_links(
                result,
                _document_scores(raw),
                seed=ctx.config.seed,
                n_boot=ctx.config.analyses.topic_frame_links_n_boot,
            )
            ctx.links.append(TopicLinks(label, lexicon, table))
            ctx.write_table(table, f"topic_frame_links_{label}_{lexicon}")
