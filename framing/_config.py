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
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

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
        description="New fields: {name: {from: year, bin: 10}} or "
        "{name: {from: year, cuts: {label: [lo, hi], ...}}}.",
    )
    sample: int | None = Field(None, ge=1, description="Draw this many documents (seeded).")


class PreprocessingConfig(_Strict):
    """The token recipe for topic models and keyness (see corpus.Recipe)."""

    normalize: Literal["NFKC", "NFC"] | None = "NFKC"
    lowercase: bool = True
    tokenizer: str = "regex"
    stopwords: str | list[str] | None = "sklearn"
    lemmatizer: str | None = None
    stemmer: str | None = None
    min_length: int = Field(3, ge=1)


class ScoringConfig(_Strict):
    """How frames are counted."""

    unit: Literal["document", "paragraph", "sentence"] = "document"
    negation_window: int | None = Field(None, ge=1)
    n_jobs: int = Field(1, ge=1)


class TopicsConfig(_Strict):
    """One topic-model specification."""

    engine: str = "gensim-lda"
    k: int | list[int] = 10
    seeds: list[int] | None = Field(None, description="Default: the experiment seed.")
    seed_lexicon: str | None = None
    min_df: int | float = 5
    max_df: float = 0.5
    max_features: int | None = 5000
    passes: int = Field(5, ge=1)

    @field_validator("k")
    @classmethod
    def _positive_k(cls, value: int | list[int]) -> int | list[int]:
        values = value if isinstance(value, list) else [value]
        if not values or any(v < 2 for v in values):
            raise ValueError("k must be an integer >= 2 or a non-empty list of them")
        return value


class AggregateConfig(_Strict):
    """Frame shares and rates by groups, with bootstrap CIs."""

    by: list[str]
    measure: Literal["rate", "presence"] = "rate"
    n_boot: int = Field(1000, ge=100)
    ci: float = Field(0.95, gt=0, lt=1)
    method: Literal["percentile", "bca"] = "percentile"


class CompareConfig(_Strict):
    """Difference between two groups of one field."""

    by: str
    target: Any
    reference: Any
    measure: Literal["rate", "presence"] = "rate"
    n_boot: int = Field(1000, ge=100)


class KeynessConfig(_Strict):
    """Keyness of terms between a target and a reference group."""

    by: str
    target: Any
    reference: Any
    top: int = Field(20, ge=1)
    frame: str | None = None
    window: int = Field(10, ge=1)


class TrendConfig(_Strict):
    """Frames over time with a smoother and CI bands."""

    time: str
    group: str | None = None
    window: int = Field(5, ge=1)
    measure: Literal["rate", "presence"] = "rate"
    n_boot: int = Field(500, ge=100)


class AnalysesConfig(_Strict):
    """Which analyses to run."""

    aggregate: list[AggregateConfig] = Field(default_factory=list)
    compare: list[CompareConfig] = Field(default_factory=list)
    trend: list[TrendConfig] = Field(default_factory=list)
    keyness: list[KeynessConfig] = Field(default_factory=list)
    cooccurrence: bool = False
    topic_frame_links: bool = False


class OutputsConfig(_Strict):
    """Formats of tables and figures."""

    tables: list[Literal["csv", "parquet", "tex"]] = Field(default_factory=lambda: ["csv"])
    figures: list[Literal["png", "pdf", "svg"]] = Field(default_factory=lambda: ["png", "pdf"])
    width: Literal["single", "double"] = "double"


class ExperimentConfig(_Strict):
    """A whole experiment.

    Examples
    --------
    >>> cfg = ExperimentConfig.model_validate(
    ...     {"name": "demo", "seed": 1, "corpus": {"source": "sotu"}, "lexicons": ["mideast"]})
    >>> cfg.scoring.unit, cfg.seed
    ('document', 1)
    """

    name: str = Field(pattern=r"^[A-Za-z0-9_.\-]+$")
    seed: int
    description: str = ""
    corpus: CorpusConfig
    preprocessing: PreprocessingConfig = Field(default_factory=PreprocessingConfig)
    lexicons: list[str] = Field(min_length=1)
    scoring: ScoringConfig = Field(default_factory=ScoringConfig)
    topics: list[TopicsConfig] = Field(default_factory=list)
    analyses: AnalysesConfig = Field(default_factory=AnalysesConfig)
    outputs: OutputsConfig = Field(default_factory=OutputsConfig)


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
