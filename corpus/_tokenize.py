"""Tokenizing a corpus: one pass over its texts, in chunks and worker processes, cached.

The :class:`~corpus.Tokens` type lives in :mod:`corpus._tokens`; this module builds it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from corpus._errors import CorpusError
from corpus._preprocess import Recipe, normalize_unicode
from corpus._tokens import PROGRESS_MIN_DOCS, Tokens, _encode

__all__ = ["tokenize"]
from corpus._types import Corpus, _FingerprintHasher


def _text_preparer(recipe: Recipe) -> Callable[[str], str]:
    """Unicode normalisation then lower-casing, as the recipe asks."""
    form, lower = recipe.normalize, recipe.lowercase

    def prepare(text: str) -> str:
        text = normalize_unicode(text, form)
        return text.lower() if lower else text

    return prepare


def _text_tokenizer(
    recipe: Recipe, tokenizer: Callable[[str], list[str]]
) -> Callable[[str], list[str]]:
    prepare = _text_preparer(recipe)
    return lambda text: tokenizer(prepare(text))


def _show_progress(progress: bool | None, n_docs: int) -> bool:
    if progress is None:
        return sys.stderr.isatty() and n_docs >= PROGRESS_MIN_DOCS
    return bool(progress)


def _map_types(
    vocab: list[str], ids: np.ndarray, offsets: np.ndarray, function: Callable[[str], str | None]
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Apply a type-level map (None drops the type) and keep first-seen order.

    Surface ids are in first-seen order, so numbering the output types while
    walking the surface vocabulary in id order keeps first-seen order too.
    """
    out: dict[str, int] = {}
    mapping = np.empty(len(vocab), dtype=np.int64)
    for i, word in enumerate(vocab):
        new = function(word)
        mapping[i] = -1 if new is None else out.setdefault(new, len(out))
    mapped = mapping[ids]
    keep = mapped >= 0
    kept_before = np.concatenate([[0], np.cumsum(keep, dtype=np.int64)])
    return list(out), mapped[keep].astype(np.int32), kept_before[offsets]


def _hashed(texts: Iterable[str], hasher: _FingerprintHasher) -> Iterator[str]:
    """The texts, each added to the corpus fingerprint as it passes."""
    for text in texts:
        hasher.update(text)
        yield text


def _tokenize_pass(
    corpus: Corpus,
    recipe: Recipe,
    pipeline: Any,
    *,
    fingerprint: str | None,
    progress: bool | None,
    n_jobs: int,
) -> tuple[list[str], np.ndarray, np.ndarray, str]:
    texts: Iterable[str] = corpus.iter_texts()
    bar = None
    if _show_progress(progress, len(corpus)):
        from tqdm.auto import tqdm

        bar = tqdm(texts, total=len(corpus), unit="doc", desc="tokenize", file=sys.stderr)
        texts = bar
    hasher = _FingerprintHasher(corpus) if fingerprint is None else None
    if hasher is not None:
        texts = _hashed(texts, hasher)
    try:
        if n_jobs > 1 or _is_plain_words(recipe):
            vocab, ids, offsets = _encode_chunked(texts, recipe, n_jobs)
        else:
            vocab, ids, offsets = _encode(texts, _text_tokenizer(recipe, pipeline.tokenizer))
    finally:
        if bar is not None:
            bar.close()
    if offsets.size != len(corpus) + 1:
        raise CorpusError(
            f"the corpus yielded {offsets.size - 1} texts for {len(corpus)} "
            "documents; its source changed while reading"
        )
    return vocab, ids, offsets, fingerprint or hasher.hexdigest()  # type: ignore[union-attr]


# ------------------------------------------------------------ parallel pass
#: Characters of text sent to a worker at a time.
CHUNK_CHARS = 4_000_000


@lru_cache(maxsize=8)
def _worker_text_tokenizer(recipe: Recipe) -> Callable[[str], list[str]]:
    from corpus._nlp import make_tokenizer

    tokenizer, _ = make_tokenizer(
        recipe.tokenizer, pattern=recipe.token_pattern, language=recipe.language
    )
    return _text_tokenizer(recipe, tokenizer)


def _encode_chunk(recipe: Recipe, texts: list[str]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Encode a chunk with a vocabulary of its own (merged by the caller)."""
    if _is_plain_words(recipe):
        prepare = _text_preparer(recipe)
        prepared = [prepare(text) for text in texts]
        words = _arrow_words(prepared)
        if words is not None:
            return words
        vocab, ids, offsets = _encode(prepared, re.compile(r"\w+").findall)
    else:
        vocab, ids, offsets = _encode(texts, _worker_text_tokenizer(recipe))
    return vocab, ids, np.diff(offsets)


def _chunks(texts: Iterable[str]) -> Iterator[list[str]]:
    chunk: list[str] = []
    size = 0
    for text in texts:
        chunk.append(text)
        size += len(text)
        if size >= CHUNK_CHARS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _encode_chunked(
    texts: Iterable[str], recipe: Recipe, n_jobs: int
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The pass of :func:`_encode`, chunk by chunk, here or on worker processes.

    Chunks are merged in corpus order and each chunk's vocabulary is in its
    own first-seen order, so numbering its new types in that order keeps the
    global first-seen order: the ids depend neither on the chunking nor on
    ``n_jobs``.  At most ``2 * n_jobs`` chunks are in flight (bounded memory).
    """
    import multiprocessing
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor

    vocab: dict[str, int] = {}
    id_parts: list[np.ndarray] = []
    length_parts: list[np.ndarray] = [np.zeros(1, dtype=np.int64)]

    def merge(local_vocab: list[str], ids: np.ndarray, lengths: np.ndarray) -> None:
        remap = np.fromiter(
            (vocab.setdefault(w, len(vocab)) for w in local_vocab),
            dtype=np.int32,
            count=len(local_vocab),
        )
        id_parts.append(remap[ids])
        length_parts.append(lengths)

    if n_jobs == 1:
        for chunk in _chunks(texts):
            merge(*_encode_chunk(recipe, chunk))
    else:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(n_jobs, mp_context=context) as pool:
            pending: deque[Future] = deque()
            for chunk in _chunks(texts):
                pending.append(pool.submit(_encode_chunk, recipe, chunk))
                if len(pending) >= 2 * n_jobs:
                    merge(*pending.popleft().result())
            while pending:
                merge(*pending.popleft().result())
    ids = np.concatenate(id_parts) if id_parts else np.zeros(0, dtype=np.int32)
    return list(vocab), ids, np.cumsum(np.concatenate(length_parts))


# ------------------------------------------------- \w+ in Arrow's C++ kernels
def _is_plain_words(recipe: Recipe) -> bool:
    return recipe.tokenizer == "regex" and recipe.token_pattern == r"\w+"


@lru_cache(maxsize=1)
def _non_word_pattern() -> str:
    """An RE2 class of every code point that Python's ``\\w`` does not match.

    Built from Python's own ``re`` (0.3 s, once), so splitting on it in RE2
    gives exactly ``re.findall(r"\\w+")`` for this Python's Unicode version.
    """
    word = re.compile(r"\w")
    ranges: list[tuple[int, int]] = []
    start = None
    for code in range(0x110001):
        is_word = code <= 0x10FFFF and word.match(chr(code)) is not None
        if is_word and start is None:
            start = code
        elif not is_word and start is not None:
            ranges.append((start, code - 1))
            start = None
    parts = (f"\\x{{{a:x}}}" if a == b else f"\\x{{{a:x}}}-\\x{{{b:x}}}" for a, b in ranges)
    return f"[^{''.join(parts)}]+"


def _arrow_words(texts: list[str]) -> tuple[list[str], np.ndarray, np.ndarray] | None:
    """``re.findall(r"\\w+")`` over texts and first-seen ids, without Python per token.

    Returns the chunk's vocabulary, ids and tokens per text; None when a text
    cannot be encoded to UTF-8 (lone surrogates), for the Python pass to do.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        array = pa.array(texts, type=pa.large_string())
    except (UnicodeEncodeError, pa.ArrowException):
        return None
    pieces = pc.split_pattern_regex(array, pattern=_non_word_pattern())
    flat = pc.list_flatten(pieces)
    keep = pc.greater(pc.binary_length(flat), 0)  # separators at either end leave ""
    encoded = pc.dictionary_encode(flat.filter(keep))
    owner = np.repeat(np.arange(len(texts)), pc.list_value_length(pieces).to_numpy())
    lengths = np.bincount(owner[keep.to_numpy(zero_copy_only=False)], minlength=len(texts))
    return (
        encoded.dictionary.to_pylist(),
        encoded.indices.to_numpy().astype(np.int32),
        lengths.astype(np.int64),
    )


def tokenize(
    corpus: Corpus,
    recipe: Recipe | Mapping[str, Any] | None = None,
    *,
    cache_dir: str | Path | None = None,
    progress: bool | None = None,
    n_jobs: int = 1,
) -> Tokens:
    """Tokenize a corpus with a recipe, in one streaming pass over its texts.

    Parameters
    ----------
    corpus : Corpus
        The documents; a streamed corpus is read once (twice with a cache on
        a miss: the cache key needs the corpus fingerprint first).
    recipe : Recipe or mapping, optional
        The preprocessing recipe (a mapping goes through
        :meth:`Recipe.from_dict`); default ``Recipe()``: NFKC, lower-case,
        ``re.findall(r"\\w+")``.
    cache_dir : path, optional
        Reuse or store the result in this folder, keyed by the corpus
        fingerprint, the recipe fingerprint and the component versions.
    progress : bool, optional
        Show a progress bar on stderr; by default only on a terminal and for
        corpora of 1000 documents or more.
    n_jobs : int, default=1
        Worker processes that tokenize chunks of texts while this process
        reads the corpus; the result is identical for every ``n_jobs``.
        Pays off for large corpora (start-up costs about a second).

    Returns
    -------
    Tokens

    Raises
    ------
    MissingComponentError
        When a component of the recipe lacks its package or data (checked
        before any text is read).

    Examples
    --------
    >>> from corpus import Corpus, Recipe
    >>> c = Corpus.from_texts(["The nations' resistance", "Of the nations"])
    >>> tokenize(c, Recipe(stopwords="sklearn", stemmer="snowball")).vocab
    ('nation', 'resist')
    """
    from corpus._cache import cache_key, load_cached, store_cached
    from corpus._nlp import make_pipeline

    if recipe is None:
        recipe = Recipe()
    elif not isinstance(recipe, Recipe):
        recipe = Recipe.from_dict(recipe)
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs < 1:
        raise CorpusError(f"n_jobs must be an integer >= 1, not {n_jobs!r}")
    pipeline = make_pipeline(recipe)
    fingerprint = corpus._fingerprint  # known already: no need to hash again
    key = None
    if cache_dir is not None:
        fingerprint = corpus.fingerprint
        key = cache_key(fingerprint, recipe, pipeline.components)
        cached = load_cached(cache_dir, key)
        if cached is not None:
            return cached
    vocab, ids, offsets, fingerprint = _tokenize_pass(
        corpus, recipe, pipeline, fingerprint=fingerprint, progress=progress, n_jobs=n_jobs
    )
    corpus._fingerprint = fingerprint  # hashed in the pass: a later .fingerprint is free
    if pipeline.type_map is not None:
        vocab, ids, offsets = _map_types(vocab, ids, offsets, pipeline.type_map)
    tokens = Tokens(
        tuple(vocab), ids, offsets, corpus.docvars, recipe, fingerprint, pipeline.components
    )
    if pipeline.phrases is not None:
        tokens = pipeline.phrases(tokens)
    if cache_dir is not None:
        store_cached(cache_dir, key, tokens)
    return tokens
