"""Measures beyond the lexicon: lexicon expansion with a human in the loop and semantic
(embedding) frame scores.

Names load on first use (:mod:`lazy_loader`).
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach(
    __name__,
    submod_attrs={
        "_expand": ["REVIEW_COLUMNS", "expand_lexicon"],
        "_review": ["apply_review", "bump_version", "expansion_section", "read_review"],
        "_axes": ["frame_axes"],
        "_semantic": ["DDRCalibration", "calibrate_ddr", "ddr_scores", "frame_centroids"],
    },
)
