"""The tokenized corpus: :class:`Tokens` and :func:`tokenize`.

Tokens hold a vocabulary of types and one flat ``int32`` array of token ids
with ``int64`` document offsets (the CSR layout), plus the record of how they
were made: the :class:`~corpus.Recipe`, the description of every component and
the fingerprint of the corpus they came from.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import sys
import tempfile
import zipfile
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import pairwise
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from corpus._errors import CorpusError
from corpus._preprocess import Recipe, normalize_unicode
from corpus._types import Corpus, _FingerprintHasher

__all__ = ["Tokens", "tokenize"]

#: Version of the on-disk layout written by :meth:`Tokens.save`.
FORMAT_VERSION = 1
#: Corpora with at least this many documents get a progress bar on a terminal.
PROGRESS_MIN_DOCS = 1000


@dataclass(frozen=True, eq=False)
class Tokens:
    """A tokenized corpus: vocabulary, token ids, document offsets, provenance.

    Document ``i`` is ``ids[offsets[i]:offsets[i + 1]]`` and token id ``j``
    is the type ``vocab[j]``.  Ids are assigned in order of first appearance,
    so the same corpus and recipe always give identical arrays.

    Parameters
    ----------
    vocab : tuple of str
        Types; id ``j`` is ``vocab[j]``.
    ids : ndarray of int32
        All documents' token ids, concatenated in corpus order.
    offsets : ndarray of int64
        ``n_docs + 1`` ascending positions into ``ids``, from 0 to ``len(ids)``.
    docvars : DataFrame
        The corpus metadata, one row per document, indexed by ``doc_id``.
    recipe : Recipe
        The preprocessing recipe.
    corpus_fingerprint : str
        :attr:`corpus.Corpus.fingerprint` of the tokenized corpus.
    components : mapping of str to str, default={}
        What ran for each step (name and package/data version).

    Examples
    --------
    >>> from corpus import Corpus, tokenize
    >>> toks = tokenize(Corpus.from_texts(["The axis of resistance.", "The axis!"]))
    >>> toks.vocab
    ('the', 'axis', 'of', 'resistance')
    >>> toks.ids.tolist(), toks.offsets.tolist()
    ([0, 1, 2, 3, 0, 1], [0, 4, 6])
    >>> toks.doc_tokens(1), toks.n_tokens.tolist()
    (['the', 'axis'], [4, 2])
    >>> toks.to_sparse().toarray().tolist()
    [[1, 1, 1, 1], [1, 1, 0, 0]]
    """

    vocab: tuple[str, ...]
    ids: np.ndarray
    offsets: np.ndarray
    docvars: pd.DataFrame
    recipe: Recipe
    corpus_fingerprint: str
    components: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        ids = np.ascontiguousarray(self.ids, dtype=np.int32)
        offsets = np.ascontiguousarray(self.offsets, dtype=np.int64)
        if offsets.ndim != 1 or offsets.size != len(self.docvars) + 1:
            raise CorpusError(f"Tokens: {offsets.size} offsets for {len(self.docvars)} "
                              "documents; expected one more offset than documents")
        if offsets[0] != 0 or offsets[-1] != ids.size or np.any(np.diff(offsets) < 0):
            raise CorpusError("Tokens: offsets must rise from 0 to the number of token ids")
        if ids.size and (ids.min() < 0 or ids.max() >= len(self.vocab)):
            raise CorpusError(f"Tokens: token ids must lie in [0, {len(self.vocab)})")
        ids.flags.writeable = False
        offsets.flags.writeable = False
        object.__setattr__(self, "ids", ids)
        object.__setattr__(self, "offsets", offsets)
        object.__setattr__(self, "vocab", tuple(self.vocab))
        object.__setattr__(self, "components", MappingProxyType(dict(self.components)))

    # ---------------------------------------------------------------- access
    def __len__(self) -> int:
        return len(self.docvars)

    def __repr__(self) -> str:
        return (f"<Tokens: {len(self)} documents, {self.ids.size} tokens, "
                f"{len(self.vocab)} types>")

    @property
    def doc_ids(self) -> tuple[str, ...]:
        """Document ids, in corpus order."""
        return tuple(self.docvars.index)

    @property
    def n_tokens(self) -> np.ndarray:
        """Number of tokens of each document (int64 array)."""
        return np.diff(self.offsets)

    def _position(self, i: int | str) -> int:
        if isinstance(i, str):
            try:
                return int(self.docvars.index.get_loc(i))
            except KeyError:
                raise CorpusError(f"no document with doc_id {i!r}") from None
        n = len(self)
        if not -n <= i < n:
            raise IndexError(f"document {i} out of range for {n} documents")
        return int(i) % n

    def doc(self, i: int | str) -> np.ndarray:
        """Token ids of document ``i`` (a position or a ``doc_id``), read-only."""
        pos = self._position(i)
        return self.ids[self.offsets[pos]:self.offsets[pos + 1]]

    def doc_tokens(self, i: int | str) -> list[str]:
        """Token strings of document ``i`` (a position or a ``doc_id``)."""
        vocab = self.vocab
        return [vocab[j] for j in self.doc(i).tolist()]

    def iter_docs(self) -> Iterator[list[str]]:
        """Yield each document's token strings, in corpus order."""
        vocab = self.vocab
        ids = self.ids.tolist()
        bounds = self.offsets.tolist()
        for start, end in pairwise(bounds):
            yield [vocab[j] for j in ids[start:end]]

    def to_sparse(self) -> Any:
        """Document-term counts as a ``scipy.sparse.csr_matrix`` (docs x vocab, int64)."""
        from scipy import sparse

        data = np.ones(self.ids.size, dtype=np.int64)
        # copies: the stored arrays are read-only and scipy sorts indices in place
        matrix = sparse.csr_matrix((data, self.ids.copy(), self.offsets.copy()),
                                   shape=(len(self), len(self.vocab)))
        matrix.sum_duplicates()
        return matrix

    @cached_property
    def fingerprint(self) -> str:
        """SHA-256 (hex) of the vocabulary, ids, offsets, doc ids and recipe."""
        digest = hashlib.sha256()
        header = {"vocab": list(self.vocab), "doc_ids": list(self.doc_ids),
                  "recipe": self.recipe.fingerprint, "corpus": self.corpus_fingerprint}
        digest.update(json.dumps(header, ensure_ascii=True).encode("ascii"))
        digest.update(self.ids.astype("<i4").tobytes())
        digest.update(self.offsets.astype("<i8").tobytes())
        return digest.hexdigest()

    # -------------------------------------------------------------- storage
    def save(self, path: str | Path) -> Path:
        """Write the tokens to one ``.npz`` file (no pickle), atomically.

        The file is written beside ``path`` under a temporary name and then
        renamed, so a killed process never leaves a half-written file.

        Examples
        --------
        >>> import tempfile, os
        >>> from corpus import Corpus, Tokens, tokenize
        >>> toks = tokenize(Corpus.from_texts(["a b a"]))
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     back = Tokens.load(toks.save(os.path.join(tmp, "t.npz")))
        >>> back.fingerprint == toks.fingerprint
        True
        """
        path = Path(path)
        meta = {"format": "corpus.Tokens", "version": FORMAT_VERSION,
                "vocab": list(self.vocab), "recipe": self.recipe.to_dict(),
                "corpus_fingerprint": self.corpus_fingerprint,
                "components": dict(self.components)}
        buffer = io.BytesIO()
        try:
            self.docvars.to_parquet(buffer, engine="pyarrow", index=True)
        except (ValueError, TypeError, ImportError) as error:  # ArrowException subclasses
            raise CorpusError(f"cannot store the docvars of these tokens in {path} ({error}); "
                              "give each metadata column one type (e.g. corpus.assign)"
                              ) from None
        arrays = {
            "ids": self.ids.astype("<i4"),
            "offsets": self.offsets.astype("<i8"),
            "meta": np.frombuffer(json.dumps(meta, ensure_ascii=True).encode("ascii"),
                                  dtype=np.uint8),
            "docvars": np.frombuffer(buffer.getvalue(), dtype=np.uint8),
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                np.savez(handle, **arrays)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return path

    @classmethod
    def load(cls, path: str | Path) -> Tokens:
        """Read tokens written by :meth:`save` (never unpickles anything).

        Raises
        ------
        CorpusError
            When the file is missing, truncated or not a Tokens file.
        """
        path = Path(path)
        if not path.is_file():
            raise CorpusError(f"no Tokens file at {path}")
        try:
            with np.load(path, allow_pickle=False) as data:
                meta = json.loads(data["meta"].tobytes().decode("ascii"))
                ids, offsets = data["ids"], data["offsets"]
                docvars = pd.read_parquet(io.BytesIO(data["docvars"].tobytes()),
                                          engine="pyarrow")
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as error:
            raise CorpusError(f"{path} is not a readable Tokens file ({error}); "
                              "delete it and tokenize again") from None
        if meta.get("format") != "corpus.Tokens" or meta.get("version") != FORMAT_VERSION:
            raise CorpusError(f"{path}: not a Tokens file of format version {FORMAT_VERSION}")
        return cls(tuple(meta["vocab"]), ids, offsets, docvars,
                   Recipe.from_dict(meta["recipe"]), meta["corpus_fingerprint"],
                   meta["components"])


# ------------------------------------------------------------------ building
def _text_preparer(recipe: Recipe) -> Callable[[str], str]:
    """Unicode normalisation then lower-casing, as the recipe asks."""
    form, lower = recipe.normalize, recipe.lowercase

    def prepare(text: str) -> str:
        text = normalize_unicode(text, form)
        return text.lower() if lower else text

    return prepare


def _text_tokenizer(recipe: Recipe, tokenizer: Callable[[str], list[str]]
                    ) -> Callable[[str], list[str]]:
    prepare = _text_preparer(recipe)
    return lambda text: tokenizer(prepare(text))


def _show_progress(progress: bool | None, n_docs: int) -> bool:
    if progress is None:
        return sys.stderr.isatty() and n_docs >= PROGRESS_MIN_DOCS
    return bool(progress)


def _encode(
    texts: Iterable[str], text_to_tokens: Callable[[str], list[str]]
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """One pass: tokens -> ids in first-seen order (no per-token Python code)."""
    vocab: defaultdict[str, int] = defaultdict()
    vocab.default_factory = vocab.__len__  # a new type gets the next id
    lookup = vocab.__getitem__
    ids = array("i")
    lengths = array("q", [0])
    for text in texts:
        tokens = text_to_tokens(text)
        ids.extend(map(lookup, tokens))
        lengths.append(len(tokens))
    offsets = np.cumsum(np.frombuffer(lengths, dtype=np.int64))
    return list(vocab), np.frombuffer(ids, dtype=np.int32), offsets


def _map_types(vocab: list[str], ids: np.ndarray, offsets: np.ndarray,
               function: Callable[[str], str | None]) -> tuple[list[str], np.ndarray, np.ndarray]:
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


def _tokenize_pass(corpus: Corpus, recipe: Recipe, pipeline: Any, *,
                   fingerprint: str | None, progress: bool | None, n_jobs: int
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
        raise CorpusError(f"the corpus yielded {offsets.size - 1} texts for {len(corpus)} "
                          "documents; its source changed while reading")
    return vocab, ids, offsets, fingerprint or hasher.hexdigest()  # type: ignore[union-attr]


# ------------------------------------------------------------ parallel pass
#: Characters of text sent to a worker at a time.
CHUNK_CHARS = 4_000_000


@lru_cache(maxsize=8)
def _worker_text_tokenizer(recipe: Recipe) -> Callable[[str], list[str]]:
    from corpus._nlp import make_tokenizer

    tokenizer, _ = make_tokenizer(recipe.tokenizer, pattern=recipe.token_pattern,
                                  language=recipe.language)
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


def _encode_chunked(texts: Iterable[str], recipe: Recipe, n_jobs: int
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
        remap = np.fromiter((vocab.setdefault(w, len(vocab)) for w in local_vocab),
                            dtype=np.int32, count=len(local_vocab))
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
    return (encoded.dictionary.to_pylist(), encoded.indices.to_numpy().astype(np.int32),
            lengths.astype(np.int64))


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
        corpus, recipe, pipeline, fingerprint=fingerprint, progress=progress, n_jobs=n_jobs)
    corpus._fingerprint = fingerprint  # hashed in the pass: a later .fingerprint is free
    if pipeline.type_map is not None:
        vocab, ids, offsets = _map_types(vocab, ids, offsets, pipeline.type_map)
    tokens = Tokens(tuple(vocab), ids, offsets, corpus.docvars, recipe, fingerprint,
                    pipeline.components)
    if pipeline.phrases is not None:
        tokens = pipeline.phrases(tokens)
    if cache_dir is not None:
        store_cached(cache_dir, key, tokens)
    return tokens
