"""Experiment configuration: a validated, frozen schema read from YAML.

One YAML file describes an experiment completely.  Unknown keys, wrong types
and missing required keys are errors that name the key path (``topics.0.k``),
and ``seed`` is required.  ``${VAR}`` and ``${VAR:-default}`` in strings are
replaced from the environment when the experiment runs (not when hashing), so
one config serves every machine.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from framing._conventions import CONF_LEVEL, N_BOOT, Unit
from framing._errors import ConfigError

__all__ = [
    "ExperimentConfig",
    "apply_overrides",
    "config_hash",
    "expand_env",
    "load_config",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CorpusConfig(_Strict):
    """Which corpus to read, and how to select and derive metadata."""

    source: str = Field(description="A named corpus (sotu, ungdc) or a path.")
    reader: str | None = Field(None, description="Reader name; default from the extension.")
    options: dict[str, Any] = Field(
        default_factory=dict, description="Reader options (path, text_col, id_col, ...)."
    )
    filter: dict[str, Any] = Field(
        default_factory=dict,
        description="field: value, field: [values], or field: {min: a, max: b}.",
    )
    derive: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="New fields: {name: {from: field, OP}} with OP one of bin: 10, "
        "cuts: {label: [lo, hi]}, map: {value: label}, part: year.",
    )
    sample: int | None = Field(None, ge=1, description="Draw this many documents (seeded).")


class PreprocessingConfig(_Strict):
    """The token recipe for topic models and keyness (see corpus.Recipe)."""

    normalize: Literal["NFKC", "NFC", "NFD", "NFKD"] | None = Field(
        "NFKC", description="Unicode normal form."
    )
    lowercase: bool = Field(True, description="Lower-case before tokenizing.")
    tokenizer: Literal["regex", "nltk-treebank", "nltk-word"] = Field(
        "regex", description="regex (token_pattern), or an NLTK tokenizer."
    )
    token_pattern: str = Field(r"\w+", description="Regular expression of a token.")
    stopwords: str | list[str] | None = Field(
        "sklearn", description="sklearn, gensim, nltk, a word-list file, or a list of words."
    )
    extra_stopwords: list[str] = Field(default_factory=list, description="More stop words.")
    lemmatizer: Literal["wordnet"] | None = Field(
        None, description="wordnet (needs NLTK WordNet data)."
    )
    stemmer: Literal["snowball"] | None = Field(None, description="snowball.")
    language: str = Field("english", description="Language of stemmer and stop words.")
    min_length: int = Field(3, ge=1, description="Drop shorter tokens.")
    phrases: bool = Field(False, description="Join collocations with gensim Phrases.")
    phrases_min_count: int = Field(5, ge=1, description="Phrases min_count.")
    phrases_threshold: float = Field(10.0, description="Phrases threshold.")


class ComputeConfig(_Strict):
    """Where the chunk work runs; not part of the config hash (results do not depend on it)."""

    scheduler: str | None = Field(
        None,
        description="local:N, tcp://HOST:PORT (a Dask scheduler), slurm or pbs; default: "
        "this process (docs/cluster.md). Kept out of the config hash and config.yaml; "
        "recorded in timings.json.",
    )
    cluster: dict[str, Any] = Field(
        default_factory=dict,
        description="slurm/pbs options: jobs and dask-jobqueue cluster options "
        "(docs/examples/slurm.yaml).",
    )

    @field_validator("scheduler")
    @classmethod
    def _known_scheduler(cls, value: str | None) -> str | None:
        from framing.compute import parse_scheduler

        if value is not None:
            parse_scheduler(value)  # InvalidParameterError is a ValueError: pydantic reports it
        return value


class ScoringConfig(_Strict):
    """How frames are counted."""

    unit: Unit = Field(
        "document", description="Unit that is scored (segments roll up to documents)."
    )
    negation_window: int | None = Field(
        None, ge=1, description="Count hits preceded by a negator within N tokens apart."
    )
    n_jobs: int = Field(1, ge=1, description="Processes counting raw text (see score_frames).")
    measure: Literal["lexicon", "model"] = Field(
        "lexicon",
        description="'lexicon' counts each lexicon's hits; 'model' decides each frame (0/1) "
        "with a trained frame model (framing.models) instead, in the same table shape, so "
        "every analysis, effect and figure takes either.",
    )
    models: dict[str, str] = Field(
        default_factory=dict,
        description="With measure: model, the model for each lexicon name (a bundled model "
        "or a .skops file); default: the bundled model of the lexicon's name.",
    )


class TopicsConfig(_Strict):
    """One topic-model specification."""

    engine: str = Field(
        "gensim-lda",
        description="gensim-lda, gensim-ldamulticore, sklearn-lda, sklearn-nmf or tomotopy-lda.",
    )
    k: int | list[int] = Field(10, description="Number of topics, or a grid of them.")
    seeds: list[int] | None = Field(None, description="Default: the experiment seed.")
    guide_lexicon: str | None = Field(
        None,
        description="Lexicon whose frames guide the first topics (seeded topics); "
        "'seed_lexicon' is its deprecated name.",
    )
    min_df: int | float = Field(5, description="Minimum document frequency of a term.")
    max_df: float = Field(0.5, description="Maximum document share of a term.")
    max_features: int | None = Field(5000, description="Keep the most frequent terms.")
    passes: int | None = Field(
        None, ge=1, description="Passes over the corpus (gensim LDA); engine default if null."
    )
    iterations: int | None = Field(
        None, ge=1, description="Inference iterations per document (gensim, tomotopy)."
    )

    @model_validator(mode="before")
    @classmethod
    def _renamed_keys(cls, data: Any) -> Any:
        if isinstance(data, dict) and "seed_lexicon" in data:
            if "guide_lexicon" in data:
                raise ValueError("give guide_lexicon, not both guide_lexicon and seed_lexicon")
            warnings.warn(
                "topics: 'seed_lexicon' was renamed 'guide_lexicon' in 0.2.0",
                FutureWarning,
                stacklevel=2,
            )
            data = dict(data)
            data["guide_lexicon"] = data.pop("seed_lexicon")
        return data

    @field_validator("k")
    @classmethod
    def _positive_k(cls, value: int | list[int]) -> int | list[int]:
        values = value if isinstance(value, list) else [value]
        if not values or any(v < 2 for v in values):
            raise ValueError("k must be an integer >= 2 or a non-empty list of them")
        return value


class AggregateConfig(_Strict):
    """Frame shares and rates by groups, with bootstrap CIs."""

    by: list[str] = Field(description="Metadata fields to group by.")
    measure: Literal["rate", "presence"] = Field(
        "rate", description="Rate per 1,000 tokens, or share of units with the frame."
    )
    n_boot: int = Field(N_BOOT, ge=100, description="Bootstrap resamples of documents.")
    ci: float = Field(CONF_LEVEL, gt=0, lt=1, description="Confidence level.")
    method: Literal["percentile", "bca"] = Field("percentile", description="Interval type.")
    order: str = Field(
        "name",
        description="Group order in the figure (one by field): name, estimate, a frame (its "
        "estimate), or a docvar to group by under headings (e.g. bloc).",
    )
    reference: bool = Field(
        False,
        description="Draw the overall estimate (all units) as a dashed line in the figure; "
        "its table is aggregate_<lexicon>_<i>_overall.",
    )


class CompareConfig(_Strict):
    """Difference between two groups of one field."""

    by: str = Field(description="Field whose levels are compared.")
    target: Any = Field(description="Level of interest.")
    reference: Any = Field(description="Level compared against.")
    measure: Literal["rate", "presence"] = Field("rate", description="What is compared.")
    n_boot: int = Field(N_BOOT, ge=100, description="Bootstrap resamples of documents.")


class KeynessConfig(_Strict):
    """Keyness of terms between a target and a reference group."""

    by: str = Field(description="Field that defines the two groups.")
    target: Any = Field(description="Target level.")
    reference: Any = Field(description="Reference level.")
    top: int = Field(20, ge=1, description="Terms shown per side in the figure.")
    frame: str | None = Field(None, description="Only terms near this frame's hits.")
    window: int = Field(10, ge=1, description="Tokens either side of a hit (with frame).")


class TrendConfig(_Strict):
    """Frames over time with a smoother and CI bands."""

    time: str = Field(description="Numeric time field (e.g. year).")
    group: str | None = Field(None, description="One panel per level of this field.")
    window: int = Field(5, ge=1, description="Rolling window, in time units.")
    measure: Literal["rate", "presence"] = Field("rate", description="What is smoothed.")
    n_boot: int = Field(N_BOOT, ge=100, description="Bootstrap resamples for the CI band.")


class ValidationConfig(_Strict):
    """Validity of a lexicon's measure against gold codes, reported with the run."""

    lexicon: str = Field(description="A lexicon of this experiment.")
    gold: str = Field(description="CSV: an id column plus one 0/1 column per frame.")
    id_col: str = Field("doc_id", description="Column of unit ids (as the scored units).")
    unit: Unit = Field("document", description="Units the gold ids refer to.")
    threshold: int = Field(1, ge=1, description="Presence threshold on counts.")
    n_boot: int = Field(N_BOOT, ge=0, description="Bootstrap resamples for the CIs.")
    missing: Literal["error", "drop"] = Field(
        "error", description="Gold units absent from the corpus: error, or drop and count."
    )


class EffectConfig(_Strict):
    """A regression of one frame on covariates (``estimate_effect``); see docs/effects.md."""

    name: str = Field(pattern=r"^[A-Za-z0-9_.\-]+$", description="Table and figure name.")
    lexicon: str = Field(description="A lexicon of this experiment.")
    formula: str = Field(description="'FRAME ~ terms' (patsy: C(x), x:y, bs(year, df=4)).")
    family: Literal["poisson", "negbin", "logit", "ols"] = Field(
        "poisson", description="Counts (poisson, negbin), presence (logit), rates (ols)."
    )
    outcome: Literal["count", "presence", "rate"] | None = Field(
        None, description="Frame quantity; default by family."
    )
    offset: str | None = Field(None, description="Exposure column of count models: n_tokens.")
    cluster: str | None = Field(None, description="Cluster-robust errors by this field.")
    unit: Literal["document", "paragraph", "sentence"] | None = Field(
        None, description="Units to score (default scoring.unit)."
    )
    threshold: int = Field(1, ge=1, description="Presence threshold on counts.")
    units: dict[str, Any] = Field(
        default_factory=dict, description="Keep units by field (as corpus.filter; n_tokens too)."
    )
    gold: str | None = Field(
        None, description="CSV of a random coded sample: PPI++ estimates beside naive ones."
    )
    id_col: str = Field("doc_id", description="Unit id column of the gold CSV.")
    gold_check: Literal["error", "flag"] = Field(
        "error", description="A gold sample that does not look random: stop, or flag rows."
    )
    at: dict[str, list[Any]] = Field(
        default_factory=dict, description="Covariate values for predictions and the figure."
    )
    contrast: list[Any] | None = Field(
        None, description="Two values of the first 'at' field: plot their difference."
    )
    x: str | None = Field(None, description="Continuous 'at' field: a line with a band.")


class MultiverseTopicsConfig(_Strict):
    """Topic claims over recipes, K and seeds (multiverse.topics); see docs/effects.md."""

    claims: list[str] = Field(
        min_length=1,
        description="'topic(TERM): A > B [after|before YEAR]': the topic giving TERM the "
        "highest probability, A and B values of 'by'.",
    )
    model: TopicsConfig = Field(
        default_factory=TopicsConfig,
        description="Engine and vocabulary options of every fit (k and seeds are the grid's).",
    )
    k: list[int] = Field(min_length=1, description="Numbers of topics.")
    seeds: list[int] = Field(min_length=1, description="Seeds of the topic fits.")
    recipes: dict[str, dict[str, Any]] = Field(
        default_factory=lambda: {"default": {}},
        description="Named recipe options applied over 'preprocessing' (e.g. {stemmed: "
        "{stemmer: snowball}, phrases: {phrases: true}, keep_stopwords: {stopwords: null}}).",
    )
    n_draws: int = Field(10, ge=2, description="Posterior draws per fit (topic_effects).")
    cluster: str | None = Field(None, description="Cluster-robust errors by this docvar.")

    @field_validator("k")
    @classmethod
    def _positive_k(cls, value: list[int]) -> list[int]:
        if any(v < 2 for v in value):
            raise ValueError("every k must be an integer >= 2")
        return value

    @field_validator("model")
    @classmethod
    def _grid_outside_model(cls, value: TopicsConfig) -> TopicsConfig:
        given = sorted({"k", "seeds"} & value.model_fields_set)
        if given:
            raise ValueError(f"set {given} on multiverse.topics itself, not in its model")
        return value


class MultiverseConfig(_Strict):
    """A grid of specifications and claims tested in each; see docs/effects.md."""

    claims: list[str] = Field(
        default_factory=list,
        description="'FRAME: A > B [after|before YEAR]' (A, B: values of 'by').",
    )
    by: str = Field(description="Field holding the claims' groups (e.g. bloc, country).")
    time: str = Field("year", description="Field of a claim's 'after'/'before' year.")
    controls: str = Field("", description="More terms of every model, e.g. bs(year, df=4).")
    lexicons: list[str] = Field(
        default_factory=list, description="Measures of frame claims: bundled names or files."
    )
    units: list[Literal["document", "paragraph", "sentence"]] = Field(
        default_factory=lambda: ["document"], description="Units to score."
    )
    measures: list[Literal["presence", "count", "rate"]] = Field(
        default_factory=lambda: ["presence"],
        description="presence: logit; count: negbin with log(n_tokens); rate: OLS.",
    )
    thresholds: list[int] = Field(
        default_factory=lambda: [1], description="Presence thresholds (hits per unit)."
    )
    cluster: dict[str, str] = Field(
        default_factory=dict, description="Unit -> cluster field, e.g. {paragraph: parent_id}."
    )
    min_tokens: int = Field(
        1, ge=1, description="Leave out units with fewer tokens (no rate without tokens)."
    )
    topics: MultiverseTopicsConfig | None = Field(
        None, description="Topic claims over recipes, K and seeds."
    )

    @model_validator(mode="after")
    def _some_claims(self) -> MultiverseConfig:
        if not self.claims and self.topics is None:
            raise ValueError("give frame 'claims' (with 'lexicons') or 'topics' claims")
        if self.claims and not self.lexicons:
            raise ValueError("frame 'claims' need at least one entry in 'lexicons'")
        return self


class TopicEffectConfig(_Strict):
    """Covariate effects on the topic proportions of a fitted model (``topic_effects``)."""

    name: str = Field(pattern=r"^[A-Za-z0-9_.\-]+$", description="Table and figure name.")
    model: int = Field(0, ge=0, description="Index of the model in 'topics'.")
    k: int | None = Field(None, description="Its k (needed when that entry lists several).")
    seed: int | None = Field(None, description="Its seed (needed with several seeds).")
    formula: str = Field(description="'~ terms' over the docvars (patsy).")
    topics: list[int] | None = Field(None, description="Topics to model; default all.")
    n_draws: int = Field(25, ge=2, description="Posterior draws (method of composition).")
    uncertainty: Literal["global", "none"] = Field(
        "global", description="global: draws from the posterior; none: point estimates."
    )
    cluster: str | None = Field(None, description="Cluster-robust errors by this docvar.")
    term: str | None = Field(
        None, description="Coefficient drawn in the figure; default the first non-intercept."
    )


class TargetSharesConfig(_Strict):
    """How often each target is framed each way, by groups (target x frame heatmaps)."""

    by: list[str] = Field(
        default_factory=list,
        description="Group columns: 'source' (who speaks) and/or docvars; a docvar named "
        "like a row column is reached as doc_<name> (doc_source).",
    )
    targets: list[str] | None = Field(None, description="Targets shown in the figure.")
    n_boot: int = Field(N_BOOT, ge=0, description="Bootstrap resamples of documents.")
    ci: float = Field(CONF_LEVEL, gt=0, lt=1, description="Confidence level.")


class TargetAliasesConfig(_Strict):
    """Which names each group uses for each target (alias-choice bars)."""

    by: str = Field(description="Group column: 'source' or a docvar (doc_<name> on a clash).")
    targets: list[str] | None = Field(None, description="Targets to draw (one figure each).")
    n_boot: int = Field(N_BOOT, ge=0, description="Bootstrap resamples of documents.")
    top: int = Field(6, ge=1, description="Aliases shown by name in the figure.")


class AliasKeynessConfig(_Strict):
    """Names one group uses for a target more than another group does."""

    by: str = Field(description="Group column.")
    group: Any = Field(description="Group value (or list of values).")
    reference: Any = Field(None, description="Reference value(s); default: all others.")
    targets: list[str] | None = Field(None, description="Targets compared; default: all.")
    n_boot: int = Field(N_BOOT, ge=0, description="Bootstrap resamples of documents.")


class TargetsConfig(_Strict):
    """Who frames whom: frames attached to target mentions, with their sources."""

    targets: str = Field(description="A bundled target list (syria_war, mideast_actors) or file.")
    lexicon: str | None = Field(None, description="One of the lexicons; default the first.")
    window: int | None = Field(None, ge=0, description="Tokens between mention and hit.")
    name_hits: bool = Field(True, description="Count frame hits inside a target's name.")
    scope: Literal["clause", "sentence"] = Field(
        "clause", description="Link a hit to its clause's targets, or to the sentence's."
    )
    speaker: str | None = Field(None, description="Docvar naming each document's speaker.")
    ungdc_speakers: str | None = Field(
        None, description="Speakers_by_session.xlsx: UNGDC speeches attributed to 'Name (ISO)'."
    )
    shares: list[TargetSharesConfig] = Field(default_factory=list)
    aliases: list[TargetAliasesConfig] = Field(default_factory=list)
    alias_keyness: list[AliasKeynessConfig] = Field(default_factory=list)


class AnalysesConfig(_Strict):
    """Which analyses to run."""

    aggregate: list[AggregateConfig] = Field(default_factory=list)
    compare: list[CompareConfig] = Field(default_factory=list)
    trend: list[TrendConfig] = Field(default_factory=list)
    keyness: list[KeynessConfig] = Field(default_factory=list)
    cooccurrence: bool = Field(False, description="Frame co-occurrence within units.")
    topic_frame_links: bool = Field(False, description="Correlate topics with frame rates.")
    topic_frame_links_n_boot: int = Field(
        N_BOOT, ge=100, description="Bootstrap resamples for the topic-frame correlations."
    )
    validation: list[ValidationConfig] = Field(
        default_factory=list, description="Precision, recall, F1 against gold codes."
    )


class OutputsConfig(_Strict):
    """Formats of tables and figures."""

    tables: list[Literal["csv", "parquet", "tex"]] = Field(
        default_factory=lambda: ["csv"], description="Table formats."
    )
    figures: list[Literal["png", "pdf", "svg"]] = Field(
        default_factory=lambda: ["png", "pdf"], description="Figure formats."
    )
    width: Literal["single", "double"] = Field("double", description="Journal column width.")


class ExperimentConfig(_Strict):
    """A whole experiment.

    Parameters
    ----------
    name : str
        Run folder name.
    seed : int
        Seed of every random choice.
    description : str, default=""
    corpus : CorpusConfig
        Which corpus to read, select and derive.
    preprocessing : PreprocessingConfig
        Token recipe for topics and keyness.
    lexicons : list of str
        Bundled lexicon names or lexicon files.
    scoring : ScoringConfig
        Unit and negation window.
    topics : list of TopicsConfig
        Topic models to fit.
    analyses : AnalysesConfig
        Aggregates, comparisons, trends, keyness, co-occurrence, links, validation.
    effects : list of EffectConfig
        Regression effects of covariates on frames, optionally PPI-corrected.
    topic_effects : list of TopicEffectConfig
        Covariate effects on the topic proportions of a fitted model.
    multiverse : MultiverseConfig, optional
        A grid of specifications, claims and the share of them each claim holds in.
    targets : TargetsConfig, optional
        Who frames whom: target lists, attribution, shares, alias choice and keyness.
    outputs : OutputsConfig
        Table and figure formats.
    compute : ComputeConfig
        Where the work runs (kept out of the config hash).

    See Also
    --------
    load_config : read, override and validate a YAML file.

    Examples
    --------
    >>> cfg = ExperimentConfig.model_validate(
    ...     {"name": "demo", "seed": 1, "corpus": {"source": "sotu"}, "lexicons": ["mideast"]})
    >>> cfg.scoring.unit, cfg.seed
    ('document', 1)
    """

    name: str = Field(pattern=r"^[A-Za-z0-9_.\-]+$", description="Run folder name.")
    seed: int = Field(description="Seed of every random choice (sampling, bootstrap, topics).")
    description: str = Field("", description="Free text.")
    corpus: CorpusConfig
    preprocessing: PreprocessingConfig = Field(default_factory=PreprocessingConfig)
    lexicons: list[str] = Field(min_length=1, description="Bundled names or lexicon files.")
    scoring: ScoringConfig = Field(default_factory=ScoringConfig)
    topics: list[TopicsConfig] = Field(default_factory=list)
    analyses: AnalysesConfig = Field(default_factory=AnalysesConfig)
    effects: list[EffectConfig] = Field(
        default_factory=list, description="Regression effects of covariates on frames."
    )
    topic_effects: list[TopicEffectConfig] = Field(
        default_factory=list, description="Covariate effects on topic proportions."
    )
    multiverse: MultiverseConfig | None = Field(
        None, description="Specification grid and claims (specification curve)."
    )
    targets: TargetsConfig | None = Field(None, description="Who frames whom (framing.targets).")
    outputs: OutputsConfig = Field(default_factory=OutputsConfig)
    compute: ComputeConfig = Field(default_factory=ComputeConfig)


def _format_errors(error: ValidationError, source: str) -> str:
    lines = []
    for item in error.errors():
        path = ".".join(str(p) for p in item["loc"]) or "(top level)"
        kind = item["type"]
        if kind == "extra_forbidden":
            message = "unknown key (check its spelling and its section)"
        elif kind == "missing":
            message = "required key is missing"
        else:
            message = item["msg"]
        lines.append(f"{source}: {path}: {message}")
    return "\n".join(lines)


def validate_config(data: Mapping[str, Any], *, source: str = "config") -> ExperimentConfig:
    """Validate plain data; :class:`ConfigError` names every bad key path."""
    if not isinstance(data, Mapping):
        raise ConfigError(f"{source}: the top level must be a mapping of keys")
    try:
        return ExperimentConfig.model_validate(dict(data))
    except ValidationError as error:
        raise ConfigError(_format_errors(error, source)) from None


def _parse_scalar(text: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return text


def apply_overrides(data: Mapping[str, Any], overrides: Sequence[str]) -> dict[str, Any]:
    """Apply ``key.path=value`` overrides (values parsed as YAML) to plain data.

    Examples
    --------
    >>> apply_overrides({"seed": 1, "scoring": {"unit": "document"}},
    ...                 ["seed=7", "scoring.unit=sentence"])
    {'seed': 7, 'scoring': {'unit': 'sentence'}}
    """
    result = copy.deepcopy(dict(data))
    for item in overrides:
        if "=" not in item:
            raise ConfigError(f"--set {item!r}: expected key.path=value")
        key, value = item.split("=", 1)
        parts = key.strip().split(".")
        node: Any = result
        for depth, part in enumerate(parts[:-1]):
            if isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            elif isinstance(node, dict):
                node = node.setdefault(part, {})
            else:
                raise ConfigError(f"--set {key}: {'.'.join(parts[: depth + 1])} is not a section")
        last = parts[-1]
        if isinstance(node, list) and last.isdigit() and int(last) < len(node):
            node[int(last)] = _parse_scalar(value)
        elif isinstance(node, dict):
            node[last] = _parse_scalar(value)
        else:
            raise ConfigError(f"--set {key}: cannot set {last!r} here")
    return result


def load_config(
    path: str | Path, overrides: Sequence[str] = ()
) -> tuple[ExperimentConfig, dict[str, Any]]:
    """Read, override and validate a YAML config.

    Parameters
    ----------
    path : path
        The YAML file.
    overrides : sequence of str, default=()
        ``key.path=value`` overrides, values parsed as YAML.

    Returns
    -------
    config : ExperimentConfig
        The validated configuration.
    data : dict
        The plain data after overrides and defaults (what ``config.yaml`` in a
        run folder holds and what the config hash covers).

    Raises
    ------
    ConfigError
        On unreadable YAML, unknown keys, wrong types, missing keys.

    Examples
    --------
    >>> config, data = load_config("experiments/sotu.yaml", ["seed=3"])
    >>> config.seed, data["corpus"]["source"]
    (3, 'sotu')
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"{path}: cannot read the config ({error.strerror})") from None
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ConfigError(f"{path}: invalid YAML{where}: {error}") from None
    raw = apply_overrides(raw or {}, overrides)
    config = validate_config(raw, source=str(path))
    return config, config.model_dump(mode="json")


def config_hash(data: Mapping[str, Any]) -> str:
    """First 12 hex digits of the SHA-256 of the canonical JSON of a config."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


_ENV = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")


def expand_env(value: Any, *, where: str = "config") -> Any:
    """Replace ``${VAR}`` / ``${VAR:-default}`` in every string of a structure.

    Examples
    --------
    >>> expand_env({"p": "${NO_SUCH_VAR_X:-/data}/f.csv"})
    {'p': '/data/f.csv'}
    """
    if isinstance(value, str):

        def replace(match: re.Match[str]) -> str:
            name, default = match.group(1), match.group(2)
            if name in os.environ:
                return os.environ[name]
            if default is not None:
                return default
            raise ConfigError(f"{where}: environment variable {name} is not set")

        return _ENV.sub(replace, value)
    if isinstance(value, Mapping):
        return {k: expand_env(v, where=f"{where}.{k}") for k, v in value.items()}
    if isinstance(value, list):
        return [expand_env(v, where=f"{where}.{i}") for i, v in enumerate(value)]
    return value


def _type_name(annotation: Any) -> str:
    import typing

    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is dict:
        return "mapping"
    if typing.get_origin(annotation) is Literal:
        return " or ".join(json.dumps(a) for a in args)
    if args and typing.get_origin(annotation) is not list:
        return " or ".join(_type_name(a) for a in args)
    text = str(annotation) if args else getattr(annotation, "__name__", str(annotation))
    return text.replace("typing.", "").replace("NoneType", "None")


def _model_rows(model: type[BaseModel], prefix: str) -> list[str]:
    rows = []
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        annotation = info.annotation
        nested = None
        for candidate in (annotation, *getattr(annotation, "__args__", ())):
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                nested = candidate
        if info.is_required():
            default = "**required**"
        elif info.default_factory is not None:
            default = f"`{json.dumps(info.default_factory(), default=str)}`"
        else:
            default = f"`{json.dumps(info.default)}`"
        if nested is not None and getattr(annotation, "__origin__", None) is list:
            kind, description = "list of mappings", nested.__doc__.splitlines()[0]
            default = "`[]`"
        elif nested is not None:
            kind, description = "mapping", nested.__doc__.splitlines()[0]
            default = "(section)"
        else:
            kind, description = _type_name(annotation), info.description or ""
        rows.append(f"| `{path}` | {kind} | {default} | {description} |")
        if nested is not None:
            suffix = ".N." if getattr(annotation, "__origin__", None) is list else "."
            rows.extend(_model_rows(nested, f"{path}{suffix}"))
    return rows


def config_reference() -> str:
    """The experiment config reference (Markdown), generated from the schema.

    ``docs/config.md`` holds its output; a test keeps the two in step.

    Examples
    --------
    >>> "| `seed` | int | **required** |" in config_reference()
    True
    """
    lines = [
        "# Experiment config reference",
        "",
        "Generated from the schema in `framing/_config.py` by "
        "`python -m framing.cli._reference --config > docs/config.md`; do not edit by hand.",
        "Unknown keys are errors that name the key path; `seed` is required.",
        "Strings may use `${VAR}` or `${VAR:-default}` (expanded from the environment",
        "when the run reads its data; the config hash covers the unexpanded text).",
        "",
        "| key | type | default | meaning |",
        "| --- | --- | --- | --- |",
        *_model_rows(ExperimentConfig, ""),
        "",
    ]
    return "\n".join(lines)
