"""The stages of an experiment run, in order.

Each stage reads the fields of the run context (:class:`~framing.experiment._context.RunContext`)
that earlier stages filled, and writes its
tables and figures into the run's working folder.  Stages import their heavy
dependencies themselves, so ``framing --help`` stays fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from framing._errors import ConfigError, FramingError
from framing.experiment._analyses import stage_analyses, stage_topic_links, stage_validation
from framing.experiment._config import expand_env
from framing.experiment._effects_stage import stage_effects
from framing.experiment._figure_stages import stage_figures
from framing.experiment._multiverse import stage_multiverse
from framing.experiment._target_stages import stage_targets
from framing.experiment._topic_effects_stage import stage_topic_effects
from framing.experiment._topic_stages import stage_tokens, stage_topics

if TYPE_CHECKING:
    from corpus import Corpus
    from framing.experiment._context import RunContext

__all__ = ["STAGES", "derive_fields", "filter_mask"]


def derive_fields(corpus: Corpus, specs: Mapping[str, Mapping[str, Any]]) -> Corpus:
    """Add fields derived from existing ones.

    Each spec names its source field with ``from`` and one operation:
    ``bin: n`` floors values to multiples of ``n`` (decades: ``bin: 10``);
    ``cuts: {label: [lo, hi]}`` labels values within ``[lo, hi]`` (inclusive,
    first match wins) and leaves others missing, so that comparisons drop
    them; ``map: {value: label}`` relabels values (unlisted ones become
    missing); ``part: year|month`` extracts a part of a date field.

    Examples
    --------
    >>> from corpus import Corpus
    >>> c = Corpus.from_texts(["a", "b", "c"], docvars={"year": [1950, 1995, 2005]})
    >>> d = derive_fields(c, {"decade": {"from": "year", "bin": 10},
    ...                       "era": {"from": "year", "cuts": {"cold_war": [1947, 1991],
    ...                                                       "post_2001": [2001, 2100]}}})
    >>> d.field("decade").tolist(), d.field("era").tolist()
    ([1950, 1990, 2000], ['cold_war', None, 'post_2001'])
    >>> derive_fields(c, {"half": {"from": "year", "map": {1950: "early"}}}).field("half").tolist()
    ['early', None, None]
    """
    for name, spec in specs.items():
        where = f"corpus.derive.{name}"
        operations = [key for key in ("bin", "cuts", "map", "part") if key in spec]
        unknown = set(spec) - {"from", "bin", "cuts", "map", "part"}
        if unknown or "from" not in spec or len(operations) != 1:
            raise ConfigError(
                f"{where}: give 'from' and exactly one of 'bin', 'cuts', 'map' or 'part'"
            )
        try:
            source = corpus.field(str(spec["from"]))
        except KeyError as error:
            raise ConfigError(f"{where}.from: {error}") from None
        if "map" in spec:
            values = source.map(dict(spec["map"])).astype(object)
            values = values.where(values.notna(), None)
        elif "part" in spec:
            if spec["part"] not in ("year", "month"):
                raise ConfigError(f"{where}.part: use 'year' or 'month'")
            dates = pd.to_datetime(source, errors="coerce")
            values = getattr(dates.dt, spec["part"]).astype("Int64")
        elif "bin" in spec:
            width = int(spec["bin"])
            values: Any = (source // width * width).astype("int64")
        else:
            labels: list[Any] = [None] * len(source)
            for label, bounds in dict(spec["cuts"]).items():
                if not isinstance(bounds, (list, tuple)) or len(bounds) != 2:
                    raise ConfigError(f"{where}.cuts.{label}: expected [low, high]")
                low, high = bounds
                inside = ((source >= low) & (source <= high)).to_numpy()
                for i in np.flatnonzero(inside):
                    labels[i] = labels[i] if labels[i] is not None else label
            values = pd.Series(labels, index=source.index, dtype=object)
        corpus = corpus.assign(**{name: values})
    return corpus


def filter_mask(docvars: pd.DataFrame, spec: Mapping[str, Any]) -> np.ndarray:
    """Boolean mask for ``{field: value | [values] | {min: a, max: b}}``.

    Examples
    --------
    >>> d = pd.DataFrame({"year": [1960, 1990, 2020], "c": ["IRN", "USA", "IRN"]})
    >>> filter_mask(d, {"year": {"min": 1970}, "c": ["IRN"]}).tolist()
    [False, False, True]
    """
    keep = np.ones(len(docvars), dtype=bool)
    for name, rule in spec.items():
        if name not in docvars.columns:
            raise ConfigError(
                f"corpus.filter.{name}: unknown field; fields are {list(docvars.columns)}"
            )
        column = docvars[name]
        if isinstance(rule, Mapping):
            unknown = set(rule) - {"min", "max"}
            if unknown:
                raise ConfigError(f"corpus.filter.{name}: unknown key(s) {sorted(unknown)}")
            if "min" in rule:
                keep &= (column >= rule["min"]).to_numpy()
            if "max" in rule:
                keep &= (column <= rule["max"]).to_numpy()
        elif isinstance(rule, list):
            keep &= column.isin(rule).to_numpy()
        else:
            keep &= (column == rule).to_numpy()
    return keep


def _check_source(source: str, options: Mapping[str, Any]) -> str:
    """A config that points at missing data is a config error (exit 2) naming the key."""
    from pathlib import Path

    from corpus.read import NAMED_CORPORA

    hint = "; set FRAMING_DATA to the folder that holds ungdc/ and news/ (see docs/corpora.md)"
    if source not in NAMED_CORPORA and not Path(source).exists():
        raise ConfigError(f"corpus.source: {source} does not exist{hint}")
    path = options.get("path")
    if isinstance(path, str) and not Path(path).exists():
        raise ConfigError(f"corpus.options.path: {path} does not exist{hint}")
    return source


def stage_corpus(ctx: RunContext) -> None:
    """Read, derive, filter and sample the corpus."""
    import corpus as corpus_pkg

    spec = ctx.config.corpus
    options = expand_env(dict(spec.options), where="corpus.options")
    source = _check_source(expand_env(spec.source, where="corpus.source"), options)
    try:
        corp = corpus_pkg.read(source, reader=spec.reader, **options)
    except (FileNotFoundError, corpus_pkg.CorpusError) as error:
        raise type(error)(f"corpus (source {spec.source!r}): {error}") from None
    corp = derive_fields(corp, spec.derive)
    if spec.filter:
        corp = corp.filter(filter_mask(corp.docvars, spec.filter))
    if spec.sample is not None and spec.sample < len(corp):
        corp = corp.sample(spec.sample, seed=ctx.config.seed)
    if len(corp) == 0:
        raise ConfigError("corpus: no documents left after corpus.filter; loosen the filter")
    corp = corp.materialize()
    ctx.corpus = corp
    ctx.fingerprints["corpus"] = {
        "source": spec.source,
        "documents": len(corp),
        "fingerprint": corp.fingerprint,
        "input_counts": corp.input_counts(),  # what the reader replaced or skipped
    }
    counts = {k: n for k, n in corp.input_counts().items() if n}
    if counts:
        print(f"framing run: corpus.source {spec.source}: {counts}", file=sys.stderr)


def stage_scoring(ctx: RunContext) -> None:
    """Score every lexicon's frames on the configured unit."""
    from framing.lexicon import load_lexicon

    scores: dict[str, Any] = {}
    lexicons = []
    for i, name in enumerate(ctx.config.lexicons):
        try:
            lexicon = load_lexicon(name)
        except (KeyError, OSError, FramingError) as error:
            message = error.args[0] if error.args else str(error)
            raise ConfigError(f"lexicons.{i}: {message}") from None
        result = ctx.score(lexicon, ctx.config.scoring.unit)
        scores[lexicon.name] = result
        ctx.lexicons[lexicon.name] = lexicon
        ctx.write_table(result.to_frame(), f"scores_{lexicon.name}")
        record = {"name": lexicon.name, "version": lexicon.version,
                  "fingerprint": lexicon.fingerprint}  # fmt: skip
        if ctx.config.scoring.measure == "model":
            meta = result.meta
            record["model"] = {k: meta[k] for k in ("model", "model_version", "model_fingerprint")}
        lexicons.append(record)
    ctx.scores = scores
    ctx.fingerprints["lexicons"] = lexicons


STAGES: list[tuple[str, Callable[[RunContext], None]]] = [
    ("corpus", stage_corpus),
    ("scoring", stage_scoring),
    ("tokens", stage_tokens),
    ("analyses", stage_analyses),
    ("validation", stage_validation),
    ("effects", stage_effects),
    ("multiverse", stage_multiverse),
    ("topics", stage_topics),
    ("topic_effects", stage_topic_effects),
    ("topic_links", stage_topic_links),
    ("targets", stage_targets),
    ("figures", stage_figures),
]
