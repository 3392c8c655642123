"""On-disk cache of :class:`~corpus.Tokens`, keyed by fingerprints.

An entry is one ``tokens-<key>.npz`` file written by :meth:`Tokens.save`
(NumPy arrays and JSON, never pickle).  The key is the SHA-256 of the corpus
fingerprint, the recipe fingerprint, the description of every component (so
that a new scikit-learn stop-word list or WordNet version is a new key) and
the file format version.  Entries are written to a temporary file and renamed,
so a killed process leaves at most a stray ``.tmp`` file, never a corrupt
entry; an unreadable entry is reported, deleted and rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import warnings
from collections.abc import Mapping
from pathlib import Path

from corpus._errors import CorpusError
from corpus._preprocess import Recipe
from corpus._tokens import FORMAT_VERSION, Tokens

__all__ = ["cache_key", "cache_path", "load_cached", "store_cached"]


def cache_key(corpus_fingerprint: str, recipe: Recipe, components: Mapping[str, str]) -> str:
    """Return the cache key (SHA-256 hex) of a corpus, a recipe and its components.

    Examples
    --------
    >>> a = cache_key("c1", Recipe(), {"tokenizer": "regex"})
    >>> a == cache_key("c1", Recipe(), {"tokenizer": "regex"})
    True
    >>> a == cache_key("c2", Recipe(), {"tokenizer": "regex"})
    False
    """
    payload = {
        "corpus": corpus_fingerprint,
        "recipe": recipe.fingerprint,
        "components": dict(sorted(components.items())),
        "format": FORMAT_VERSION,
    }
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def cache_path(cache_dir: str | Path, key: str) -> Path:
    """The file of the entry ``key`` in ``cache_dir``."""
    return Path(cache_dir) / f"tokens-{key}.npz"


def load_cached(cache_dir: str | Path, key: str) -> Tokens | None:
    """Return the cached tokens of ``key``, or None when there is no usable entry.

    An entry that cannot be read (damaged outside this package) is deleted
    with a warning, and None is returned so that the caller rebuilds it.
    """
    path = cache_path(cache_dir, key)
    if not path.is_file():
        return None
    try:
        return Tokens.load(path)
    except CorpusError as error:
        warnings.warn(
            f"token cache entry {path} is unreadable and is rebuilt: {error}",
            RuntimeWarning,
            stacklevel=3,
        )
        path.unlink(missing_ok=True)
        return None


def store_cached(cache_dir: str | Path, key: str, tokens: Tokens) -> Path | None:
    """Write ``tokens`` as the entry ``key`` (atomically: temporary file, then rename).

    A cache that cannot be written costs only speed: a warning, and None.
    """
    try:
        return tokens.save(cache_path(cache_dir, key))
    except CorpusError as error:
        warnings.warn(f"tokens not cached: {error}", RuntimeWarning, stacklevel=3)
        return None
