"""framing: discourse-framing analysis for political communication research.

Frame lexicons, scoring, topic models, statistics with uncertainty, figures and
reproducible experiments.  Corpus tooling lives in the sister package
:mod:`corpus`, which :mod:`framing` imports (never the reverse).

The subpackages are layers; imports point down only (``tests/test_layers.py``)::

    _errors, _provenance, _tables, _version      base: every layer may use them
    lexicon      Lexicon, reading/writing, bundled lexicons
    embed        word vectors (trained, loaded)
    score        matching engines, score_frames, FrameScores, hits, KWIC, estimators
    measures · models                            beyond the lexicon: expansion, DDR, trained models
    stats · topics · validate · targets          analyses of scores, tokens and actors
    figures      plot_* in the house style
    experiment   config, run context, stages, sweeps
    cli          the ``framing`` command

The public names below load on first use (PEP 562, via :mod:`lazy_loader`), so that
``import framing`` and short commands such as ``framing score`` do not pay for
scipy, scikit-learn, pydantic or matplotlib until they need them.  ``_PUBLIC`` is the
one table of public names: ``__all__`` is derived from it.
"""

from __future__ import annotations

import lazy_loader

from framing._errors import ConfigError as ConfigError
from framing._errors import FramingError as FramingError
from framing._errors import InvalidParameterError as InvalidParameterError
from framing._errors import LexiconError as LexiconError
from framing._version import DISTRIBUTION as DISTRIBUTION
from framing._version import __version__ as __version__

#: Subpackage (or base module) -> the public names it defines.
_PUBLIC: dict[str, list[str]] = {
    "lexicon": [
        "Frame",
        "Lexicon",
        "Pattern",
        "list_lexicons",
        "load_lexicon",
        "read_lexicon",
        "write_lexicon",
    ],
    "embed": ["WordVectors", "load_vectors", "train_vectors"],
    "measures": [
        "apply_review",
        "calibrate_ddr",
        "ddr_scores",
        "expand_lexicon",
        "frame_axes",
    ],
    "models": ["FrameModel", "list_models", "load_model", "train_model"],
    "score": [
        "DEFAULT_NEGATORS",
        "FrameClassifier",
        "FrameCounter",
        "FrameRates",
        "FrameScores",
        "explain",
        "find_hits",
        "kwic",
        "kwic_to_latex",
        "load_classifier",
        "score_frames",
        "train_classifier",
        "weak_labels",
        "write_kwic",
    ],
    "stats": [
        "adjust_pvalues",
        "aggregate",
        "compare_groups",
        "context_counts",
        "cooccurrence",
        "estimate_effect",
        "keyness",
        "keyness_near",
        "marginal_effects",
        "topic_effects",
        "trend",
    ],
    "topics": [
        "TopicResult",
        "coherence",
        "exclusivity",
        "fit_topics",
        "frame_carriers",
        "select_k",
        "topic_frame_links",
        "topic_stability",
        "transform_topics",
    ],
    "validate": [
        "ScopeWarning",
        "ValidationDataError",
        "check_scope",
        "scope_caption",
        "validation_scope",
        "disagreements",
        "evaluate",
        "read_codes",
        "learning_curve",
        "reliability",
        "sample_for_coding",
        "term_diagnostics",
        "write_sheet",
    ],
    "figures": [
        "color_scale",
        "contact_sheet",
        "figure_problems",
        "image_problems",
        "plot_coherence",
        "plot_comparison",
        "plot_confusion",
        "plot_cooccurrence",
        "plot_effect_continuous",
        "plot_effect_difference",
        "plot_effect_groups",
        "plot_groups",
        "plot_specification_curve",
        "plot_keyness",
        "plot_learning_curve",
        "plot_measure_comparison",
        "plot_topic_frames",
        "plot_topic_terms",
        "plot_alias_choice",
        "plot_target_frames",
        "plot_trend",
        "save_figure",
    ],
    "targets": [
        "TargetFrames",
        "TargetList",
        "frame_targets",
        "list_targets",
        "load_targets",
    ],
    "experiment": ["ExperimentConfig", "RunResult", "load_config", "run_experiment"],
    "_tables": ["table_to_latex", "write_table"],
}

__getattr__, _dir, _lazy_all = lazy_loader.attach(__name__, submod_attrs=_PUBLIC)
_EAGER = ["ConfigError", "DISTRIBUTION", "FramingError", "InvalidParameterError", "LexiconError",
          "__version__"]  # fmt: skip
__all__ = sorted([*_EAGER, *_lazy_all])


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
