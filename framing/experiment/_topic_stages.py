"""Run stages for tokens and topic models, with caches keyed by fingerprints.

Fitted deterministic models are cached as their doc-topic and topic-term
tables (Parquet, no pickle), keyed by the tokens fingerprint, the topic spec
and the seed; a cached entry is written to a temporary folder and renamed, so a
killed run never leaves a corrupt entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from framing._errors import ConfigError

if TYPE_CHECKING:
    from framing.experiment._context import RunContext

__all__ = ["fit_topic_model", "stage_tokens", "stage_topics"]


def stage_tokens(ctx: RunContext) -> None:
    """Tokenize the corpus with the configured recipe (cached by fingerprint)."""
    if not ctx.config.topics and not ctx.config.analyses.keyness:
        return
    from corpus import CorpusError, Recipe

    try:
        recipe = Recipe.from_dict(ctx.config.preprocessing.model_dump())
    except CorpusError as error:
        raise ConfigError(f"preprocessing: {error}") from None
    tokens = ctx.tokens(recipe)
    ctx.recipe_tokens = tokens
    ctx.fingerprints["tokens"] = {
        "fingerprint": tokens.fingerprint,
        "recipe": recipe.to_dict(),
        "types": len(tokens.vocab),
    }


def _label(index: int, engine: str, k: int, seed: int) -> str:
    return f"topics{index}_{engine}_k{k}_s{seed}"


def _spec_key(tokens_fp: str, spec: dict[str, Any], k: int, seed: int) -> str:
    text = json.dumps({"tokens": tokens_fp, "spec": spec, "k": k, "seed": seed}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def _load_cached(path: Path) -> Any | None:
    from framing.topics import TopicResult

    if not (path / "meta.json").is_file():
        return None
    meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    doc_topic = pd.read_parquet(path / "doc_topic.parquet")
    topic_term = pd.read_parquet(path / "topic_term.parquet")
    seeds = path / "guide_topics.parquet"
    return TopicResult(
        engine=meta["engine"],
        k=meta["k"],
        seed=meta["seed"],
        doc_topic=doc_topic,
        topic_term=topic_term,
        vocab_filter=meta["vocab_filter"],
        params=meta["params"],
        deterministic=True,
        guide_topics=pd.read_parquet(seeds) if seeds.exists() else None,
        provenance=meta["provenance"],
    )


def _save_tables(result: Any, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    result.doc_topic.to_parquet(folder / "doc_topic.parquet")
    result.topic_term.to_parquet(folder / "topic_term.parquet")
    if result.guide_topics is not None:
        result.guide_topics.to_parquet(folder / "guide_topics.parquet")


def _store_cached(result: Any, path: Path) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    _save_tables(result, tmp)
    meta = {
        "engine": result.engine,
        "k": result.k,
        "seed": result.seed,
        "vocab_filter": dict(result.vocab_filter),
        "params": dict(result.params),
        "provenance": dict(result.provenance),
    }
    (tmp / "meta.json").write_text(json.dumps(meta, sort_keys=True, default=str), encoding="utf-8")
    try:
        os.replace(tmp, path)
    except OSError:  # another run stored the same entry first
        shutil.rmtree(tmp, ignore_errors=True)


def fit_topic_model(
    ctx: RunContext,
    spec: Any,
    k: int,
    seed: int,
    *,
    tokens: Any = None,
    need_model: bool = False,
) -> Any:
    """Fit (or reuse) one topic model of the run on ``tokens`` (default the recipe's tokens).

    Fits are memoized in the run by tokens fingerprint, settings, ``k`` and ``seed``, and
    deterministic ones cached on disk as tables.  A disk-cached entry has no fitted model
    object; ``need_model=True`` (posterior draws need it) refits it, which gives the same
    tables for a deterministic engine.
    """
    tokens = tokens if tokens is not None else ctx.recipe_tokens
    key = _spec_key(tokens.fingerprint, spec.model_dump(), k, seed)
    memo = ctx.topic_fits.get(key)
    if memo is None or (need_model and memo.model is None):
        memo = _fit(ctx, spec, k, seed, tokens, key, use_disk=not need_model)
        ctx.topic_fits[key] = memo
    return memo


def _fit(
    ctx: RunContext, spec: Any, k: int, seed: int, tokens: Any, key: str, *, use_disk: bool
) -> Any:
    from framing.lexicon import load_lexicon
    from framing.topics import fit_topics

    cache = ctx.cache_dir / "topics" / key if ctx.cache_dir else None
    if use_disk and cache is not None and (cached := _load_cached(cache)) is not None:
        return cached
    guide_topics = None
    if spec.guide_lexicon:  # the run's own lexicon of that name (files too), else a bundled one
        guide_topics = ctx.lexicons.get(spec.guide_lexicon) or load_lexicon(spec.guide_lexicon)
    result = fit_topics(
        tokens,
        seed=seed,
        engine=spec.engine,
        k=k,
        min_df=spec.min_df,
        max_df=spec.max_df,
        max_features=spec.max_features,
        passes=spec.passes,
        iterations=spec.iterations,
        guide_topics=guide_topics,
    )
    if cache is not None and result.deterministic and not (cache / "meta.json").is_file():
        cache.parent.mkdir(parents=True, exist_ok=True)
        _store_cached(result, cache)
    return result


def stage_topics(ctx: RunContext) -> None:
    """Fit every configured topic model; write top terms, models and coherence."""
    if not ctx.config.topics:
        return
    from framing.topics import coherence

    fitted: dict[str, Any] = {}
    for index, spec in enumerate(ctx.config.topics):
        ks = spec.k if isinstance(spec.k, list) else [spec.k]
        seeds = spec.seeds or [ctx.config.seed]
        for k in ks:
            for seed in seeds:
                label = _label(index, spec.engine, k, seed)
                result = fit_topic_model(ctx, spec, k, seed)
                fitted[label] = result
                _save_tables(result, ctx.workdir / "models" / label)
                terms = pd.concat(
                    [
                        result.top_terms(15, by="probability").assign(by="probability"),
                        result.top_terms(15, by="frex").assign(by="frex"),
                    ],
                    ignore_index=True,
                )
                ctx.write_table(terms, f"topic_terms_{label}")
                if result.guide_topics is not None:
                    ctx.write_table(result.guide_topics, f"guide_topics_{label}")
    reference = min(len(ctx.recipe_tokens), 2000)
    table = coherence(fitted, ctx.recipe_tokens, reference_docs=reference, seed=ctx.config.seed)
    ctx.write_table(table, "coherence")
    ctx.topics = fitted
    ctx.coherence = table
