"""Run stage for the ``effects:`` block: regression tables, predictions and their figures.

Each entry fits :func:`framing.estimate_effect` on one lexicon's scores (re-scored on the
entry's unit when it differs from ``scoring.unit``) and writes ``effects_<name>``; with
``at:`` it also writes the predictions (or the contrast) of :func:`framing.marginal_effects`
as ``effects_<name>_margins`` and draws ``effects_<name>``.  With ``gold:`` the table holds
PPI++, naive and gold-only rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from framing._errors import ConfigError, InvalidParameterError

if TYPE_CHECKING:
    from framing.experiment._context import RunContext

__all__ = ["stage_effects"]


def _scores(ctx: RunContext, i: int, spec: Any) -> Any:
    where = f"effects.{i}"
    if spec.lexicon not in ctx.scores:
        raise ConfigError(
            f"{where}.lexicon: {spec.lexicon!r} is not among the lexicons {sorted(ctx.scores)}"
        )
    scores = ctx.scores[spec.lexicon]
    unit = spec.unit or ctx.config.scoring.unit
    if scores.unit != unit:
        scores = ctx.score(ctx.lexicons[spec.lexicon], unit)  # run options, another unit
    table = scores.to_frame()
    if spec.units:
        table = table[_keep(table, spec.units, f"{where}.units")].reset_index(drop=True)
    return table


def _keep(table: pd.DataFrame, rules: dict[str, Any], where: str) -> Any:
    """Rows whose fields pass ``{field: value | [values] | {min: a, max: b}}``."""
    keep = pd.Series(True, index=table.index)
    for name, rule in rules.items():
        if name not in table.columns:
            raise ConfigError(f"{where}.{name}: unknown field; fields are {list(table.columns)}")
        column = table[name]
        if isinstance(rule, dict):
            if set(rule) - {"min", "max"}:
                raise ConfigError(f"{where}.{name}: use 'min' and/or 'max'")
            keep &= column >= rule.get("min", -float("inf"))
            keep &= column <= rule.get("max", float("inf"))
        else:
            keep &= column.isin(rule if isinstance(rule, list) else [rule])
    return keep.to_numpy()


def _gold(i: int, spec: Any) -> pd.DataFrame | None:
    from pathlib import Path

    from framing.experiment._config import expand_env

    if spec.gold is None:
        return None
    path = Path(expand_env(spec.gold, where=f"effects.{i}.gold"))
    if not path.is_file():
        raise ConfigError(f"effects.{i}.gold: {path} does not exist")
    gold = pd.read_csv(path, dtype={spec.id_col: str})
    if spec.id_col not in gold.columns:
        raise ConfigError(f"effects.{i}.id_col: {path} has no column {spec.id_col!r}")
    return gold.rename(columns={spec.id_col: "doc_id"})


def _options(spec: Any) -> dict[str, Any]:
    return {
        "family": spec.family,
        "outcome": spec.outcome,
        "offset": spec.offset,
        "cluster": spec.cluster,
        "threshold": spec.threshold,
    }


def _margins(i: int, spec: Any, scores: Any) -> pd.DataFrame | None:
    from framing.stats import marginal_effects

    if not spec.at:
        return None
    if spec.gold is not None:
        raise ConfigError(
            f"effects.{i}.at: predictions are not PPI-corrected; drop 'at' from an entry "
            "with 'gold' (its figure compares the naive, gold-only and PPI++ coefficients)"
        )
    if spec.x is not None and spec.x not in spec.at:
        raise ConfigError(f"effects.{i}.x: {spec.x!r} must be one of the 'at' fields")
    contrast = None if spec.contrast is None else tuple(spec.contrast)
    return marginal_effects(scores, spec.formula, at=spec.at, contrast=contrast, **_options(spec))


def _figure(ctx: RunContext, spec: Any, margins: pd.DataFrame) -> Any:
    from framing.figures import (
        plot_effect_continuous,
        plot_effect_difference,
        plot_effect_groups,
    )

    width = ctx.config.outputs.width
    frame = spec.formula.split("~")[0].strip()
    label = "Hits per 1,000 tokens" if spec.offset else "Predicted value"
    if spec.family == "logit":
        label = "Share of units with the frame"
    others = [k for k in spec.at if k != spec.x]
    if spec.contrast is not None:
        hue = others[1] if len(others) > 1 else None
        return plot_effect_difference(
            margins, hue=hue, xlabel=f"Difference ({frame})", width=width
        )
    if spec.x is not None:
        return plot_effect_continuous(
            margins,
            x=spec.x,
            hue=others[0] if others else None,
            ylabel=f"{label} ({frame})",
            width=width,
        )
    return plot_effect_groups(
        margins, by=others[0], hue=None, xlabel=f"{label} ({frame})", width=width
    )


def _ppi_figure(ctx: RunContext, table: pd.DataFrame) -> Any:
    from framing.figures import plot_effect_groups

    rows = table[table["term"] != "Intercept"].copy()
    rows["method"] = rows["method"].str.split(" ").str[0]
    fig = plot_effect_groups(
        rows, by="term", hue="method", xlabel="Coefficient", width=ctx.config.outputs.width
    )
    fig.axes[0].axvline(0.0, color="#555555", linewidth=0.6, linestyle="--", zorder=1)
    return fig


def stage_effects(ctx: RunContext) -> None:
    """Fit every ``effects:`` entry; write its table, predictions and figure."""
    from framing.experiment._figure_stages import _save
    from framing.stats import estimate_effect

    for i, spec in enumerate(ctx.config.effects):
        scores = _scores(ctx, i, spec)
        try:
            table = estimate_effect(
                scores,
                spec.formula,
                gold=_gold(i, spec),
                gold_check=spec.gold_check,
                **_options(spec),
            )
            margins = _margins(i, spec, scores)
        except InvalidParameterError as error:
            raise ConfigError(f"effects.{i} ({spec.name}): {error}") from None
        ctx.write_table(table, f"effects_{spec.name}")
        if spec.gold is not None and ctx.config.outputs.figures:
            _save(ctx, _ppi_figure(ctx, table), f"effects_{spec.name}")
        if margins is not None:
            ctx.write_table(margins, f"effects_{spec.name}_margins")
            if ctx.config.outputs.figures:
                _save(ctx, _figure(ctx, spec, margins), f"effects_{spec.name}")
