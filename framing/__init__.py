"""framing: discourse-framing analysis for political communication research.

Frame lexicons, scoring, topic models, statistics with uncertainty, figures and
reproducible experiments.  Corpus tooling lives in the sister package
:mod:`corpus`, which :mod:`framing` imports (never the reverse).
"""

from typing import Any

from framing._classify import FrameClassifier, load_classifier, train_classifier, weak_labels
from framing._coding import sample_for_coding, term_diagnostics, write_sheet
from framing._compare import compare_groups, trend
from framing._config import ExperimentConfig, load_config
from framing._cooccur import cooccurrence
from framing._errors import ConfigError, FramingError, LexiconError
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
    # The scikit-learn estimators import sklearn (about a second); load them on
    # first use so that `import framing` and the command line stay fast.
    if name in ("FrameCounter", "FrameRates"):
        from framing import _estimators

        return getattr(_estimators, name)
    raise AttributeError(f"module 'framing' has no attribute {name!r}")
