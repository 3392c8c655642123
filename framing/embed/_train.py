"""Train word vectors on a :class:`corpus.Tokens` object with gensim, cached.

gensim's Word2Vec and FastText are fed the token lists straight from the
Tokens arrays (documents longer than gensim's 10,000-token limit are cut into
pieces of at most that length, in order), so training never re-reads or
re-tokenizes the corpus.
"""

from __future__ import annotations

import hashlib
import json
import warnings
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from framing._errors import FramingError, InvalidParameterError
from framing.embed._vectors import WordVectors, load_vectors

if TYPE_CHECKING:
    from corpus import Tokens

__all__ = ["METHODS", "train_vectors", "vectors_cache_key"]

#: Training methods of :func:`train_vectors`.
METHODS = ("word2vec", "fasttext")
#: gensim skips words beyond this position of a "sentence"; longer documents are cut.
_MAX_SENTENCE = 10_000


class _TokenLists:
    """Re-iterable lists of token strings, one list per (piece of a) document."""

    def __init__(self, tokens: Tokens) -> None:
        self._tokens = tokens
        self._vocab = np.asarray(tokens.vocab, dtype=object)

    def __iter__(self) -> Iterator[list[str]]:
        ids, offsets = self._tokens.ids, self._tokens.offsets
        for start, end in pairwise(offsets):
            for lo in range(int(start), int(end), _MAX_SENTENCE):
                yield self._vocab[ids[lo : min(lo + _MAX_SENTENCE, int(end))]].tolist()


def _params(
    method: str,
    *,
    dim: int,
    window: int,
    min_count: int,
    epochs: int,
    sg: bool,
    seed: int,
    workers: int,
) -> dict[str, Any]:
    if method not in METHODS:
        raise InvalidParameterError(f"method must be one of {METHODS}, got {method!r}")
    ints = {
        "dim": dim,
        "window": window,
        "min_count": min_count,
        "epochs": epochs,
        "seed": seed,
        "workers": workers,
    }
    for name, value in ints.items():
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise InvalidParameterError(f"{name} must be an integer, got {value!r}")
        if value < (0 if name == "seed" else 1):
            raise InvalidParameterError(f"{name} must be positive, got {value!r}")
    if not isinstance(sg, bool):
        raise InvalidParameterError(f"sg must be True or False, got {sg!r}")
    return {"method": method, **{k: int(v) for k, v in ints.items()}, "sg": sg}


def vectors_cache_key(tokens_fingerprint: str, params: dict[str, Any]) -> str:
    """The cache key (SHA-256 hex) of a Tokens fingerprint and training parameters.

    ``workers`` is part of the key: only ``workers=1`` is deterministic.

    Examples
    --------
    >>> a = vectors_cache_key("t1", {"method": "word2vec", "seed": 1})
    >>> a == vectors_cache_key("t1", {"seed": 1, "method": "word2vec"})
    True
    >>> a == vectors_cache_key("t2", {"method": "word2vec", "seed": 1})
    False
    """
    import gensim

    payload = {"tokens": tokens_fingerprint, "params": params, "gensim": gensim.__version__}
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _fit(tokens: Tokens, params: dict[str, Any]) -> Any:
    from gensim.models import FastText, Word2Vec

    model_class = Word2Vec if params["method"] == "word2vec" else FastText
    return model_class(
        sentences=_TokenLists(tokens),
        vector_size=params["dim"],
        window=params["window"],
        min_count=params["min_count"],
        epochs=params["epochs"],
        sg=int(params["sg"]),
        seed=params["seed"],
        workers=params["workers"],
    )


def _cached(cache_dir: Path, key: str) -> WordVectors | None:
    path = cache_dir / f"vectors-{key}.npz"
    if not path.is_file():
        return None
    try:
        return load_vectors(path, format="npz")
    except FramingError as error:
        warnings.warn(f"{error}; deleting it and training again", stacklevel=3)
        path.unlink(missing_ok=True)
        return None


def train_vectors(
    tokens: Tokens,
    *,
    method: str = "word2vec",
    dim: int = 100,
    window: int = 5,
    min_count: int = 5,
    epochs: int = 5,
    sg: bool = False,
    seed: int,
    workers: int = 1,
    cache_dir: str | Path | None = None,
) -> WordVectors:
    """Train Word2Vec or FastText vectors on tokens (gensim), optionally cached.

    Parameters
    ----------
    tokens : corpus.Tokens
        The tokenized corpus; its documents are the training "sentences".
    method : {"word2vec", "fasttext"}, default="word2vec"
        FastText also learns character n-grams (3-6) and so embeds unseen
        words; it is slower to train.
    dim : int, default=100
        Dimensions.
    window : int, default=5
        Context window (tokens on each side).
    min_count : int, default=5
        Words seen fewer times get no vector.
    epochs : int, default=5
        Passes over the corpus.
    sg : bool, default=False
        Skip-gram instead of CBOW.
    seed : int
        Seed of the initial vectors and of the sampling.
    workers : int, default=1
        Training threads.  Only ``workers=1`` gives identical vectors on every
        run (the threads' interleaving is not reproducible); more workers are
        faster and still seeded.
    cache_dir : path, optional
        Reuse or store the vectors in this folder (``vectors-<key>.npz``),
        keyed by the Tokens fingerprint, these parameters and the gensim
        version (:func:`vectors_cache_key`).

    Returns
    -------
    WordVectors
        ``record`` holds the parameters, the Tokens fingerprint and the
        gensim version.

    Raises
    ------
    InvalidParameterError
        An unknown method or a parameter of the wrong type or range.
    FramingError
        When no word occurs ``min_count`` times.

    Examples
    --------
    >>> from corpus import Corpus, tokenize
    >>> toks = tokenize(Corpus.from_texts(["war and peace and war"] * 20))
    >>> vecs = train_vectors(toks, dim=8, min_count=1, seed=1)
    >>> sorted(vecs.words), vecs.dim
    (['and', 'peace', 'war'], 8)
    >>> vecs.vector("war").tolist() == train_vectors(toks, dim=8, min_count=1, seed=1
    ...                                              ).vector("war").tolist()
    True
    """
    import gensim

    params = _params(
        method,
        dim=dim,
        window=window,
        min_count=min_count,
        epochs=epochs,
        sg=sg,
        seed=seed,
        workers=workers,
    )
    key = vectors_cache_key(tokens.fingerprint, params)
    if cache_dir is not None:
        cached = _cached(Path(cache_dir), key)
        if cached is not None:
            return cached
    counts = np.bincount(tokens.ids, minlength=len(tokens.vocab))
    if not np.any(counts >= min_count):
        raise FramingError(
            f"no word occurs {min_count} times (min_count); lower min_count or train on more text"
        )
    model = _fit(tokens, params)
    record = {**params, "tokens": tokens.fingerprint, "gensim": gensim.__version__}
    vectors = WordVectors(model.wv, record)
    if cache_dir is not None:
        vectors.save(Path(cache_dir) / f"vectors-{key}.npz")
    return vectors
