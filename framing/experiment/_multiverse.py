"""Run stage for the ``multiverse:`` block: every specification of a grid, and its claims.

A claim ``"resistance: middle_east > permanent_five after 2003"`` is tested in every
specification (lexicon x unit x measure x threshold) as the coefficient of
``C(<by>, Treatment('permanent_five'))[T.middle_east]`` in a regression of the frame on that
term plus the block's controls, fitted on the units of the claim's period: a logit for
presence, a negative binomial with a ``log(n_tokens)`` offset for counts, OLS for rates.
The stage writes one row per specification and claim (``multiverse_specifications``), the
share of specifications in which each claim holds in sign and at 95% (``multiverse_claims``)
and a specification curve (``multiverse_curve``).  Scores are computed once per lexicon and
unit and reused across measures and thresholds.  Topic claims over recipes, K and seeds
(``multiverse.topics``) add their specifications to the same tables and curve
(:mod:`framing.experiment._multiverse_topics`).
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

import pandas as pd

from framing._errors import ConfigError, InvalidParameterError
from framing.experiment._claims import Claim, claim_units, parse_claim

if TYPE_CHECKING:
    from framing.experiment._context import RunContext

__all__ = ["Claim", "parse_claim", "stage_multiverse"]

#: Measure -> (model family, outcome, offset column).
MEASURES: dict[str, tuple[str, str, str | None]] = {
    "presence": ("logit", "presence", None),
    "count": ("negbin", "count", "n_tokens"),
    "rate": ("ols", "rate", None),
}


#: Columns of the specification table that describe a specification's choices, in order.
CHOICES = ("lexicon", "unit", "measure", "threshold", "recipe", "k", "seed")


def _specifications(block: Any) -> list[dict[str, Any]]:
    """The grid; a threshold only applies to the presence measure (None for the others)."""
    grid = []
    for lexicon, unit, measure in itertools.product(block.lexicons, block.units, block.measures):
        thresholds = block.thresholds if measure == "presence" else [None]
        for threshold in thresholds:
            grid.append(
                {"lexicon": lexicon, "unit": unit, "measure": measure, "threshold": threshold}
            )
    return grid


def _estimate(table: pd.DataFrame, claim: Claim, spec: dict[str, Any], block: Any) -> dict:
    from framing.stats import estimate_effect

    family, outcome, offset = MEASURES[spec["measure"]]
    term = f"C({block.by}, Treatment({claim.lower!r}))"
    formula = f"{claim.frame} ~ {term}" + (f" + {block.controls}" if block.controls else "")
    cluster = block.cluster.get(spec["unit"]) if block.cluster else None
    result = estimate_effect(
        table,
        formula,
        family=family,
        outcome=outcome,
        offset=offset,
        cluster=cluster,
        threshold=spec["threshold"] or 1,
    )
    row = result.set_index("term").loc[f"{term}[T.{claim.higher}]"]
    return {
        "estimate": row["estimate"],
        "std_error": row["std_error"],
        "ci_low": row["ci_low"],
        "ci_high": row["ci_high"],
        "n": int(row["n"]),
        "method": row["method"],
    }


def _rows(ctx: RunContext, block: Any) -> pd.DataFrame:
    rows = _frame_rows(ctx, block)
    if block.topics is not None:
        from framing.experiment._multiverse_topics import topic_rows

        first = 1 + max((r["specification"] for r in rows), default=-1)
        rows += topic_rows(ctx, block, first)
    out = pd.DataFrame(rows)
    for column in ("threshold", "k", "seed", "topic"):  # empty where a choice does not apply
        if column in out.columns:
            out[column] = out[column].astype("Int64")
    out["holds_sign"] = out["estimate"] > 0
    out["holds_95"] = out["ci_low"] > 0
    return out


def _frame_rows(ctx: RunContext, block: Any) -> list[dict[str, Any]]:
    from framing.lexicon import load_lexicon

    claims = [parse_claim(c, f"multiverse.claims.{i}") for i, c in enumerate(block.claims)]
    tables: dict[tuple[str, str], pd.DataFrame] = {}
    rows: list[dict[str, Any]] = []
    if not claims:
        return rows
    for i, spec in enumerate(_specifications(block)):
        key = (spec["lexicon"], spec["unit"])
        if key not in tables:  # one scoring per lexicon and unit
            try:
                lexicon = load_lexicon(spec["lexicon"])
            except (KeyError, OSError) as error:
                raise ConfigError(f"multiverse.lexicons: {error}") from None
            table = ctx.score(lexicon, spec["unit"]).to_frame()
            tables[key] = table[table["n_tokens"] >= block.min_tokens].reset_index(drop=True)
        for claim in claims:
            where = f"multiverse (specification {i}, claim {claim.text!r})"
            units = claim_units(tables[key], claim, block, where)
            try:
                fit = _estimate(units, claim, spec, block)
            except (InvalidParameterError, KeyError) as error:
                raise ConfigError(f"{where}: {error}") from None
            rows.append({"specification": i, **spec, "claim": claim.text, **fit})
    return rows


def claims_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Share of specifications in which each claim holds in sign and at 95%.

    Examples
    --------
    >>> rows = pd.DataFrame({"claim": ["c", "c"], "holds_sign": [True, True],
    ...                      "holds_95": [True, False]})
    >>> claims_table(rows).values.tolist()
    [['c', 2, 1.0, 0.5]]
    """
    grouped = rows.groupby("claim", sort=False)
    return pd.DataFrame(
        {
            "claim": list(grouped.groups),
            "n_specifications": grouped.size().to_numpy(),
            "share_sign": grouped["holds_sign"].mean().to_numpy(),
            "share_95": grouped["holds_95"].mean().to_numpy(),
        }
    )


def stage_multiverse(ctx: RunContext) -> None:
    """Run the multiverse grid; write its tables and specification curve."""
    block = ctx.config.multiverse
    if block is None:
        return
    rows = _rows(ctx, block)
    ctx.write_table(rows, "multiverse_specifications")
    ctx.write_table(claims_table(rows), "multiverse_claims")
    if ctx.config.outputs.figures:
        from framing.experiment._figure_stages import _save
        from framing.figures import plot_specification_curve

        choices = [c for c in CHOICES if c in rows.columns and rows[c].notna().any()]
        fig = plot_specification_curve(rows, choices=choices, width=ctx.config.outputs.width)
        _save(ctx, fig, "multiverse_curve")
