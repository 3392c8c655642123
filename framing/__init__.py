"""framing: discourse-framing analysis for political communication research.

Frame lexicons, scoring, topic models, statistics with uncertainty, figures and
reproducible experiments.  Corpus tooling lives in the sister package
:mod:`corpus`, which :mod:`framing` imports (never the reverse).

The public names below are loaded on first use (PEP 562), so that
``import framing`` and short commands such as ``framing score`` do not pay for
scipy, scikit-learn, pydantic or matplotlib until they need them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from framing._errors import ConfigError, FramingError, LexiconError

if TYPE_CHECKING:  # for type checkers and IDEs; at run time see __getattr__
    from framing._classify import FrameClassifier, load_classifier, train_classifier, weak_labels
    from framing._coding import sample_for_coding, term_diagnostics, write_sheet
    from framing._compare import compare_groups, trend
    from framing._config import ExperimentConfig, load_config
    from framing._cooccur import cooccurrence
    from framing._estimators import FrameCounter, FrameRates
    from framing._keyness import adjust_pvalues, context_counts, keyness, keyness_near
    from framing._kwic import kwic, kwic_to_latex, write_kwic
    from framing._lexicon import Frame, Lexicon, Pattern
    from framing._lexicon_io import read_lexicon, write_lexicon
    from framing._match import DEFAULT_NEGATORS
    from framing._plotting import (
        plot_coherence,
        plot_comparison,
        plot_cooccurrence,
        plot_groups,
        plot_keyness,
        plot_topic_frames,
        plot_topic_terms,
        plot_trend,
    )
    from framing._run import RunResult, run_experiment
    from framing._score import explain, find_hits, score_frames
    from framing._scores import FrameScores
    from framing._stats import aggregate
    from framing._style import save_figure
    from framing._tables import table_to_latex, write_table
    from framing._topics import TopicResult, fit_topics, transform_topics
    from framing._topics_links import frame_carriers, topic_frame_links
    from framing._topics_quality import coherence, exclusivity, select_k, topic_stability
    from framing._validate import (
        ValidationDataError,
        disagreements,
        evaluate,
        read_codes,
        reliability,
    )
    from framing.lexicons import list_lexicons, load_lexicon

__version__ = "0.1.0"
DISTRIBUTION = "discourse-framing"

#: Public name -> module that defines it (imported on first access).
_LAZY: dict[str, str] = {
    "adjust_pvalues": "framing._keyness",
    "aggregate": "framing._stats",
    "coherence": "framing._topics_quality",
    "compare_groups": "framing._compare",
    "context_counts": "framing._keyness",
    "cooccurrence": "framing._cooccur",
    "DEFAULT_NEGATORS": "framing._match",
    "disagreements": "framing._validate",
    "evaluate": "framing._validate",
    "exclusivity": "framing._topics_quality",
    "ExperimentConfig": "framing._config",
    "explain": "framing._score",
    "find_hits": "framing._score",
    "fit_topics": "framing._topics",
    "Frame": "framing._lexicon",
    "frame_carriers": "framing._topics_links",
    "FrameClassifier": "framing._classify",
    "FrameCounter": "framing._estimators",
    "FrameRates": "framing._estimators",
    "FrameScores": "framing._scores",
    "keyness": "framing._keyness",
    "keyness_near": "framing._keyness",
    "kwic": "framing._kwic",
    "kwic_to_latex": "framing._kwic",
    "Lexicon": "framing._lexicon",
    "list_lexicons": "framing.lexicons",
    "load_classifier": "framing._classify",
    "load_config": "framing._config",
    "load_lexicon": "framing.lexicons",
    "Pattern": "framing._lexicon",
    "plot_coherence": "framing._plotting",
    "plot_comparison": "framing._plotting",
    "plot_cooccurrence": "framing._plotting",
    "plot_groups": "framing._plotting",
    "plot_keyness": "framing._plotting",
    "plot_topic_frames": "framing._plotting",
    "plot_topic_terms": "framing._plotting",
    "plot_trend": "framing._plotting",
    "read_codes": "framing._validate",
    "read_lexicon": "framing._lexicon_io",
    "reliability": "framing._validate",
    "run_experiment": "framing._run",
    "RunResult": "framing._run",
    "sample_for_coding": "framing._coding",
    "save_figure": "framing._style",
    "score_frames": "framing._score",
    "select_k": "framing._topics_quality",
    "table_to_latex": "framing._tables",
    "term_diagnostics": "framing._coding",
    "topic_frame_links": "framing._topics_links",
    "topic_stability": "framing._topics_quality",
    "TopicResult": "framing._topics",
    "train_classifier": "framing._classify",
    "transform_topics": "framing._topics",
    "trend": "framing._compare",
    "ValidationDataError": "framing._validate",
    "weak_labels": "framing._classify",
    "write_kwic": "framing._kwic",
    "write_lexicon": "framing._lexicon_io",
    "write_sheet": "framing._coding",
    "write_table": "framing._tables",
}

__all__ = [
    "DEFAULT_NEGATORS",
    "DISTRIBUTION",
    "ConfigError",
    "ExperimentConfig",
    "Frame",
    "FrameClassifier",
    "FrameCounter",
    "FrameRates",
    "FrameScores",
    "FramingError",
    "Lexicon",
    "LexiconError",
    "Pattern",
    "RunResult",
    "TopicResult",
    "ValidationDataError",
    "__version__",
    "adjust_pvalues",
    "aggregate",
    "coherence",
    "compare_groups",
    "context_counts",
    "cooccurrence",
    "disagreements",
    "evaluate",
    "exclusivity",
    "explain",
    "find_hits",
    "fit_topics",
    "frame_carriers",
    "keyness",
    "keyness_near",
    "kwic",
    "kwic_to_latex",
    "list_lexicons",
    "load_classifier",
    "load_config",
    "load_lexicon",
    "plot_coherence",
    "plot_comparison",
    "plot_cooccurrence",
    "plot_groups",
    "plot_keyness",
    "plot_topic_frames",
    "plot_topic_terms",
    "plot_trend",
    "read_codes",
    "read_lexicon",
    "reliability",
    "run_experiment",
    "sample_for_coding",
    "save_figure",
    "score_frames",
    "select_k",
    "table_to_latex",
    "term_diagnostics",
    "topic_frame_links",
    "topic_stability",
    "train_classifier",
    "transform_topics",
    "trend",
    "weak_labels",
    "write_kwic",
    "write_lexicon",
    "write_sheet",
    "write_table",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'framing' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
