"""The ``targets:`` stage: who frames whom (:mod:`framing.targets`) in an experiment run."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from framing._errors import ConfigError, FramingError
from framing.experiment._config import expand_env
from framing.experiment._figure_stages import _save

if TYPE_CHECKING:
    from framing.experiment._context import RunContext
    from framing.targets import TargetFrames

__all__ = ["stage_targets"]


def _inputs(ctx: RunContext) -> tuple[Any, Any]:
    from framing.lexicon import load_lexicon
    from framing.targets import load_targets

    spec = ctx.config.targets
    assert spec is not None
    try:
        targets = load_targets(expand_env(spec.targets, where="targets.targets"))
    except FramingError as error:
        raise ConfigError(f"targets.targets: {error}") from None
    name = spec.lexicon or ctx.config.lexicons[0]
    lexicon = ctx.lexicons.get(name)
    if lexicon is None:
        if spec.lexicon is not None and spec.lexicon not in ctx.config.lexicons:
            raise ConfigError(f"targets.lexicon: {name!r} is not one of lexicons "
                              f"{ctx.config.lexicons}")  # fmt: skip
        lexicon = load_lexicon(name)
    return targets, lexicon


def _speakers(ctx: RunContext) -> tuple[Any, Any]:
    from pathlib import Path

    from framing.targets import ungdc_speakers

    spec = ctx.config.targets
    assert spec is not None
    if spec.speaker and spec.ungdc_speakers:
        raise ConfigError("targets: give speaker or ungdc_speakers, not both")
    if not spec.ungdc_speakers:
        return spec.speaker, None
    path = expand_env(spec.ungdc_speakers, where="targets.ungdc_speakers")
    if not Path(path).is_file():
        raise ConfigError(f"targets.ungdc_speakers: {path} does not exist")
    return ungdc_speakers(ctx.run_corpus.docvars, path)


def _run(ctx: RunContext) -> TargetFrames:
    from framing.targets import frame_targets

    spec = ctx.config.targets
    assert spec is not None
    targets, lexicon = _inputs(ctx)
    speaker, own = _speakers(ctx)
    try:
        result = frame_targets(
            ctx.run_corpus,
            targets,
            lexicon,
            window=spec.window,
            name_hits=spec.name_hits,
            scope=spec.scope,
            speaker=speaker,
            self_names=own,
        )
    except FramingError as error:
        raise ConfigError(f"targets: {error}") from None
    ctx.fingerprints["targets"] = result.meta["targets"]
    ctx.write_table(result.rows, "targets_rows")
    ctx.write_table(result.kwic(), "targets_links")
    return result


def _figures_on(ctx: RunContext) -> bool:
    return bool(ctx.config.outputs.figures)


def _shares(ctx: RunContext, result: TargetFrames) -> None:
    from framing.figures import plot_target_frames

    spec = ctx.config.targets
    assert spec is not None
    for i, item in enumerate(spec.shares):
        try:
            table = result.shares(item.by, n_boot=item.n_boot, seed=ctx.config.seed, ci=item.ci)
        except FramingError as error:
            raise ConfigError(f"targets.shares.{i}: {error}") from None
        ctx.write_table(table, f"targets_shares_{i}")
        if _figures_on(ctx) and len(item.by) <= 1:
            fig = plot_target_frames(
                table,
                by=item.by[0] if item.by else None,
                targets=item.targets,
                width=ctx.config.outputs.width,
            )
            _save(ctx, fig, f"targets_shares_{i}")


def _aliases(ctx: RunContext, result: TargetFrames) -> None:
    from framing.figures import plot_alias_choice

    spec = ctx.config.targets
    assert spec is not None
    for i, item in enumerate(spec.aliases):
        try:
            table = result.aliases(item.by, n_boot=item.n_boot, seed=ctx.config.seed)
        except FramingError as error:
            raise ConfigError(f"targets.aliases.{i}: {error}") from None
        ctx.write_table(table, f"targets_aliases_{i}")
        if not _figures_on(ctx):
            continue
        for name in item.targets or sorted(table["target"].unique()):
            if name not in set(table["target"]):
                raise ConfigError(f"targets.aliases.{i}.targets: {name!r} is never mentioned")
            fig = plot_alias_choice(table, name, by=item.by, top=item.top)
            _save(ctx, fig, f"targets_aliases_{i}_{name}")


def _alias_keyness(ctx: RunContext, result: TargetFrames) -> None:
    from framing.targets import alias_keyness

    spec = ctx.config.targets
    assert spec is not None
    for i, item in enumerate(spec.alias_keyness):
        try:
            table = alias_keyness(result.links, result.docvars, item.by, item.group,
                                  item.reference, targets=item.targets, n_boot=item.n_boot,
                                  seed=ctx.config.seed)  # fmt: skip
        except FramingError as error:
            raise ConfigError(f"targets.alias_keyness.{i}: {error}") from None
        ctx.write_table(table, f"targets_alias_keyness_{i}")


def stage_targets(ctx: RunContext) -> None:
    """Run the ``targets:`` block: rows, links (KWIC), shares, alias choice and keyness."""
    if ctx.config.targets is None:
        return
    result = _run(ctx)
    _shares(ctx, result)
    _aliases(ctx, result)
    _alias_keyness(ctx, result)
