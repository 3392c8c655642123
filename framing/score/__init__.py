"""Scoring units with a lexicon: the matching engines, score_frames and its FrameScores, hits,
KWIC, and the scikit-learn estimators and classifiers.

Names load on first use (:mod:`lazy_loader`), so that importing this subpackage costs nothing
until a name is used.
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach(
    __name__,
    submod_attrs={
        "_classify": ["FrameClassifier", "load_classifier", "train_classifier", "weak_labels"],
        "_estimators": ["FrameCounter", "FrameRates"],
        "_frame_scores": ["FrameScores"],
        "_kwic": ["kwic", "kwic_to_latex", "write_kwic"],
        "_match": ["DEFAULT_NEGATORS", "VocabMatcher", "glob_regex"],
        "_score": ["as_corpus", "explain", "find_hits", "score_frames"],
        "_partitioned": ["is_partitions", "score_partitions"],
    },
)
