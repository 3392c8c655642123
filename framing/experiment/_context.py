"""The typed state a run hands from stage to stage.

Each stage reads the fields earlier stages filled and fills its own; tables and figures go
into the run's working folder.  Tokens are built once per preprocessing recipe per run
(:meth:`RunContext.tokens`) and shared by every stage that needs them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from corpus import Corpus, Recipe, Tokens
    from framing.experiment._config import ExperimentConfig
    from framing.lexicon import Lexicon
    from framing.models import FrameModel
    from framing.score import FrameScores
    from framing.topics import TopicResult

__all__ = ["LexiconTable", "RunContext", "SpecTable", "TopicLinks"]


@dataclass(frozen=True)
class LexiconTable:
    """A table one analysis spec (``index`` in its config list) made from one lexicon's scores."""

    lexicon: str
    index: int
    spec: Any
    table: pd.DataFrame


@dataclass(frozen=True)
class SpecTable:
    """A table one analysis spec made, not tied to one lexicon (keyness, validation)."""

    index: int
    spec: Any
    table: pd.DataFrame


@dataclass(frozen=True)
class TopicLinks:
    """Correlations between one topic model's topics and one lexicon's frames."""

    model: str
    lexicon: str
    table: pd.DataFrame


@dataclass
class RunContext:
    """State handed from stage to stage while a run is built.

    Examples
    --------
    >>> from framing.experiment import ExperimentConfig
    >>> config = ExperimentConfig.model_validate(
    ...     {"name": "demo", "seed": 1, "corpus": {"source": "sotu"}, "lexicons": ["mideast"]})
    >>> ctx = RunContext(config=config, data={}, workdir=Path("w"), cache_dir=None,
    ...                  progress=False)
    >>> ctx.scores, ctx.aggregates
    ({}, [])
    """

    config: ExperimentConfig
    data: dict[str, Any]
    workdir: Path
    cache_dir: Path | None
    progress: bool
    corpus: Corpus | None = None
    lexicons: dict[str, Lexicon] = field(default_factory=dict)
    scores: dict[str, FrameScores] = field(default_factory=dict)
    recipe_tokens: Tokens | None = None
    aggregates: list[LexiconTable] = field(default_factory=list)
    aggregate_overall: dict[tuple[str, int], pd.DataFrame] = field(default_factory=dict)
    comparisons: list[LexiconTable] = field(default_factory=list)
    trends: list[LexiconTable] = field(default_factory=list)
    cooccurrence: list[LexiconTable] = field(default_factory=list)
    keyness: list[SpecTable] = field(default_factory=list)
    validation: list[SpecTable] = field(default_factory=list)
    topics: dict[str, TopicResult] = field(default_factory=dict)
    coherence: pd.DataFrame | None = None
    links: list[TopicLinks] = field(default_factory=list)
    fingerprints: dict[str, Any] = field(default_factory=dict)
    topic_fits: dict[str, TopicResult] = field(default_factory=dict, repr=False)
    _tokens: dict[str, Tokens] = field(default_factory=dict, repr=False)
    _scored: dict[tuple[str, str], FrameScores] = field(default_factory=dict, repr=False)

    def table_path(self, name: str, ext: str) -> Path:
        path = self.workdir / "tables" / f"{name}.{ext}"
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def figure_path(self, name: str, ext: str) -> Path:
        path = self.workdir / "figures" / f"{name}.{ext}"
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def write_table(self, table: pd.DataFrame, name: str) -> None:
        """Write a run table in every configured format (deterministic bytes)."""
        from framing._tables import write_table

        for ext in self.config.outputs.tables:
            write_table(table, self.table_path(name, ext))

    def tokens(self, recipe: Recipe | None = None) -> Tokens:
        """The run corpus tokenized with ``recipe``: built once per recipe, cached on disk."""
        from corpus import Recipe, tokenize

        recipe = recipe or Recipe()
        if recipe.fingerprint not in self._tokens:
            cache = self.cache_dir / "tokens" if self.cache_dir else None
            self._tokens[recipe.fingerprint] = tokenize(
                self.run_corpus, recipe, cache_dir=cache, progress=self.progress
            )
        return self._tokens[recipe.fingerprint]

    @property
    def run_corpus(self) -> Corpus:
        """The corpus the corpus stage read (an error before it ran)."""
        if self.corpus is None:
            raise RuntimeError("the corpus stage has not run yet")
        return self.corpus

    def score(self, lexicon: Lexicon, unit: str) -> FrameScores:
        """The run's corpus scored with ``lexicon`` on ``unit``, with the config's options.

        Scored once per lexicon (by fingerprint) and unit per run: the scoring, validation,
        effects and multiverse stages share the result.
        """
        key = (lexicon.fingerprint, unit)
        if key not in self._scored:
            if self.config.scoring.measure == "model":
                self._scored[key] = self._score_model(lexicon, unit)
            else:
                self._scored[key] = self._score(lexicon, unit)
        return self._scored[key]

    def model_for(self, lexicon: Lexicon) -> FrameModel:
        """The trained model that stands for ``lexicon`` (``scoring.measure: model``)."""
        from framing._errors import ConfigError, FramingError
        from framing.models import load_model

        models = self.config.scoring.models
        unknown = sorted(set(models) - set(self.config.lexicons) - set(self.lexicons))
        if unknown:
            raise ConfigError(f"scoring.models.{unknown[0]}: not a lexicon of this experiment")
        source = models.get(lexicon.name, lexicon.name)
        where = f"scoring.models.{lexicon.name}" if lexicon.name in models else "scoring.measure"
        try:
            model = load_model(source)
        except FramingError as error:
            raise ConfigError(f"{where}: {error.args[0]}") from None
        if model.frames != lexicon.frame_names:
            raise ConfigError(
                f"{where}: model {model.name!r} decides frames {list(model.frames)}, "
                f"lexicon {lexicon.name!r} has {list(lexicon.frame_names)}"
            )
        return model

    def _score_model(self, lexicon: Lexicon, unit: str) -> FrameScores:
        from framing._errors import ConfigError

        scoring, compute = self.config.scoring, self.config.compute
        if scoring.negation_window is not None:
            raise ConfigError("scoring.negation_window applies to lexicons, not to measure: model")
        if compute.scheduler is not None and scoring.n_jobs != 1:
            raise ConfigError("compute.scheduler and scoring.n_jobs: set one of them, not both")
        scheduler = compute.scheduler or (
            f"local:{scoring.n_jobs}" if scoring.n_jobs > 1 else None
        )
        return self.model_for(lexicon).score(
            self.run_corpus, unit=unit, progress=self.progress, scheduler=scheduler,
            cluster=compute.cluster or None,
        )  # fmt: skip

    def _score(self, lexicon: Lexicon, unit: str) -> FrameScores:
        from framing._errors import ConfigError
        from framing.score import score_frames

        compute = self.config.compute
        if compute.scheduler is not None and self.config.scoring.n_jobs != 1:
            raise ConfigError("compute.scheduler and scoring.n_jobs: set one of them, not both")
        return score_frames(
            self.run_corpus,
            lexicon,
            unit=unit,
            negation_window=self.config.scoring.negation_window,
            n_jobs=self.config.scoring.n_jobs,
            progress=self.progress,
            scheduler=compute.scheduler,
            cluster=compute.cluster or None,
        )
