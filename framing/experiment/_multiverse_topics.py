"""Topic claims of the ``multiverse:`` block: the grid over recipes, K and seeds.

A topic claim ``"topic(resist): middle_east > permanent_five after 2003"`` names its topic by
an anchor term: in each fitted model, the topic that gives the term (passed through the
specification's recipe, so ``resistance`` becomes ``resist`` when stemming) the highest
probability.  It is tested as the coefficient of ``C(<by>, Treatment('permanent_five'))
[T.middle_east]`` in :func:`framing.topic_effects` (the method of composition over
posterior draws) on the documents of the claim's groups and period.  Tokens are built once
per recipe (:meth:`RunContext.tokens`, cached on disk by fingerprint) and each model once
per recipe, K and seed (:func:`fit_topic_model`), whatever the number of claims.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from typing import TYPE_CHECKING, Any

import pandas as pd

from framing._errors import ConfigError, InvalidParameterError
from framing.experiment._claims import claim_units, parse_claim

if TYPE_CHECKING:
    from framing.experiment._context import RunContext

__all__ = ["TopicClaim", "parse_topic_claim", "topic_rows"]

_TOPIC_CLAIM = re.compile(
    r"^\s*topic\(\s*(?P<term>[^()\s]+)\s*\)\s*:\s*(?P<rest>.+)$", flags=re.IGNORECASE
)


@dataclasses.dataclass(frozen=True)
class TopicClaim:
    """``topic(TERM): a > b [after|before year]``, parsed."""

    text: str
    term: str
    higher: str
    lower: str
    when: str | None
    year: int | None


def parse_topic_claim(text: str, where: str = "multiverse.topics.claims") -> TopicClaim:
    """Parse ``"topic(TERM): A > B"`` with an optional ``after YEAR`` or ``before YEAR``.

    Examples
    --------
    >>> c = parse_topic_claim("topic(oil): IRN > USA before 1991")
    >>> c.term, c.higher, c.lower, c.when, c.year
    ('oil', 'IRN', 'USA', 'before', 1991)
    """
    match = _TOPIC_CLAIM.match(text)
    if match is None:
        raise ConfigError(
            f"{where}: cannot read topic claim {text!r}; write 'topic(TERM): A > B' with an "
            "optional 'after YEAR' or 'before YEAR'"
        )
    inner = parse_claim(f"topic: {match['rest']}", where)
    return TopicClaim(text, match["term"], inner.higher, inner.lower, inner.when, inner.year)


def _recipe(ctx: RunContext, name: str, options: dict[str, Any]) -> Any:
    from corpus import CorpusError, Recipe

    base = ctx.config.preprocessing.model_dump()
    unknown = sorted(set(options) - set(base))
    if unknown:
        raise ConfigError(
            f"multiverse.topics.recipes.{name}: unknown recipe option(s) {unknown}; "
            f"options are {sorted(base)}"
        )
    try:
        return Recipe.from_dict({**base, **options})
    except CorpusError as error:
        raise ConfigError(f"multiverse.topics.recipes.{name}: {error}") from None


def _anchor(term: str, recipe: Any) -> str:
    """The anchor term as the recipe writes it (stop words and phrases do not apply)."""
    from corpus import Corpus, tokenize

    plain = dataclasses.replace(
        recipe, stopwords=None, extra_stopwords=(), phrases=False, min_length=1
    )
    tokens = tokenize(Corpus.from_texts([term]), plain)
    words = [tokens.vocab[i] for i in tokens.ids]  # one document: all its token ids
    return words[0] if len(words) == 1 else term


def _topic_of(result: Any, term: str, where: str) -> int:
    if term not in result.topic_term.columns:
        raise ConfigError(
            f"{where}: anchor term {term!r} is not in the model's vocabulary (filtered by "
            "min_df, max_df and max_features); choose a more common term"
        )
    return int(result.topic_term[term].to_numpy().argmax())


def _claim_docs(docvars: pd.DataFrame, claim: TopicClaim, block: Any, where: str) -> list[str]:
    table = docvars.reset_index(names="doc_id")
    return claim_units(table, claim, block, where)["doc_id"].astype(str).tolist()


def _estimate(ctx: RunContext, result: Any, tokens: Any, topic: int, claim: Any, block: Any,
              docs: list[str]) -> dict[str, Any]:  # fmt: skip
    from framing.stats import topic_effects

    term = f"C({block.by}, Treatment({claim.lower!r}))"
    formula = f"~ {term}" + (f" + {block.controls}" if block.controls else "")
    table = topic_effects(
        result,
        formula,
        tokens=tokens,
        seed=ctx.config.seed,
        n_draws=block.topics.n_draws,
        topics=[topic],
        cluster=block.topics.cluster,
        docs=docs,
    )
    row = table.set_index("term").loc[f"{term}[T.{claim.higher}]"]
    keys = ("estimate", "std_error", "ci_low", "ci_high")
    return {**{k: float(row[k]) for k in keys}, "n": int(row["n"]), "method": row["method"]}


def topic_rows(ctx: RunContext, block: Any, first: int) -> list[dict[str, Any]]:
    """One row per topic specification (recipe x K x seed) and topic claim.

    ``first`` numbers the first specification (after the frame specifications).
    """
    from framing.experiment._topic_stages import fit_topic_model

    spec = block.topics
    claims = [
        parse_topic_claim(c, f"multiverse.topics.claims.{i}") for i, c in enumerate(spec.claims)
    ]
    rows = []
    grid = itertools.product(spec.recipes.items(), spec.k, spec.seeds)
    for i, ((name, options), k, seed) in enumerate(grid, start=first):
        recipe = _recipe(ctx, name, options)
        tokens = ctx.tokens(recipe)
        result = fit_topic_model(ctx, spec.model, k, seed, tokens=tokens, need_model=True)
        for claim in claims:
            where = f"multiverse (specification {i}, claim {claim.text!r})"
            topic = _topic_of(result, _anchor(claim.term, recipe), where)
            docs = _claim_docs(tokens.docvars, claim, block, where)
            try:
                fit = _estimate(ctx, result, tokens, topic, claim, block, docs)
            except (InvalidParameterError, KeyError) as error:
                raise ConfigError(f"{where}: {error}") from None
            choices = {"unit": "document", "measure": "topic share", "recipe": name}
            choices.update({"k": k, "seed": seed, "topic": topic})
            rows.append({"specification": i, **choices, "claim": claim.text, **fit})
    return rows
