"""Trained frame models: features from n-grams, lexicon counts and word vectors, one
calibrated logistic model per frame learnt from coded units, scored like a lexicon.

Names load on first use (:mod:`lazy_loader`); scikit-learn and skops are imported only when
a model is trained, saved or loaded.
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach(
    __name__,
    submod_attrs={
        "_features": ["FeatureSpace", "fit_features"],
        "_model": ["FrameModel", "bundled_model_path", "list_models", "load_model"],
        "_train": ["best_threshold", "train_model"],
    },
)
