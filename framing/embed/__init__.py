"""Word vectors: train them on a corpus's tokens (gensim Word2Vec, FastText), load them from
word2vec/GloVe files, cache them by Tokens fingerprint.

Names load on first use (:mod:`lazy_loader`); gensim is imported only when vectors are trained
or read.
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach(
    __name__,
    submod_attrs={
        "_train": ["METHODS", "train_vectors", "vectors_cache_key"],
        "_vectors": ["FORMATS", "WordVectors", "load_vectors"],
    },
)
