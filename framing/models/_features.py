"""The features of a trained frame model, computed from Tokens.

Three blocks, one row per unit:

* **n-grams**: sublinear TF-IDF of the words and word pairs kept when the model
  was trained (l2-normalised rows);
* **lexicon**: per frame, ``log(1 + count)`` and presence (count > 0) of the
  lexicon's hits (:func:`framing.score.score_frames`, every matching rule);
* **semantic**: per frame, the cosine between the unit's SIF-weighted mean word
  vector and the frame's centroid (the DDR score of
  :func:`framing.measures.ddr_scores`, with word weights frozen at training),
  standardised with the training units' mean and spread.

Everything is computed from the token ids of :class:`corpus.Tokens` with NumPy
and SciPy sparse matrices: no text is re-read and no Python loop runs over
tokens, so features cost little more than the tokenization itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from framing._errors import InvalidParameterError
from framing.lexicon import Lexicon

if TYPE_CHECKING:
    from scipy import sparse

    from corpus import Tokens
    from framing.embed import WordVectors

__all__ = ["FeatureSpace", "fit_features"]

#: The SIF constant ``a`` of the semantic block (Arora, Liang & Ma 2017).
SIF_A = 1e-3


@dataclass(frozen=True, eq=False)
class FeatureSpace:
    """The frozen feature space of a frame model (see the module docstring).

    Build it with :func:`fit_features`; :meth:`transform` maps Tokens to rows.

    Parameters
    ----------
    lexicon : Lexicon
        The lexicon whose counts form the lexicon block.
    words : tuple of str
        Unigram vocabulary; column ``i`` of the n-gram block is ``words[i]``.
    bigrams : ndarray of int64
        Sorted keys ``i * len(words) + j`` of the kept word pairs (columns
        ``len(words) + k``).
    idf : ndarray of float64
        Inverse document frequency of every n-gram column.
    embedding : ndarray of float32 or None
        ``len(words) x d`` SIF-weighted unit word vectors (zero rows for words
        without a vector); None when the model has no semantic block.
    centroids : ndarray of float32 or None
        ``n_frames x d`` unit centroids of the frames.
    semantic_center : ndarray or None
        Mean and standard deviation (2 x n_frames) of the training cosines.
    ngram_weight : float, default=1.0
        Factor on the n-gram block: below 1 the (L2-penalised) model leans on
        the lexicon and semantic blocks, which carry better to unseen topics.
    """

    lexicon: Lexicon
    words: tuple[str, ...]
    bigrams: np.ndarray
    idf: np.ndarray
    embedding: np.ndarray | None = None
    centroids: np.ndarray | None = None
    semantic_center: np.ndarray | None = None
    ngram_weight: float = 1.0

    @property
    def n_ngrams(self) -> int:
        """Columns of the n-gram block."""
        return len(self.words) + self.bigrams.size

    @property
    def n_features(self) -> int:
        """All columns."""
        frames = len(self.lexicon.frame_names)
        return self.n_ngrams + 2 * frames + (frames if self.embedding is not None else 0)

    def feature_names(self) -> list[str]:
        """A name per column: ``w:``, ``b:`` (n-grams), ``lex:``, ``has:``, ``sem:`` (frames)."""
        n = len(self.words)
        names = [f"w:{w}" for w in self.words]
        names += [f"b:{self.words[k // n]} {self.words[k % n]}" for k in self.bigrams.tolist()]
        frames = self.lexicon.frame_names
        names += [f"lex:{f}" for f in frames] + [f"has:{f}" for f in frames]
        if self.embedding is not None:
            names += [f"sem:{f}" for f in frames]
        return names

    def transform(self, tokens: Tokens) -> sparse.csr_matrix:
        """The feature rows of every document of ``tokens`` (CSR, float64).

        Examples
        --------
        >>> from corpus import Corpus, tokenize
        >>> lex = Lexicon.from_terms("toy", {"war": ["war*"]})
        >>> toks = tokenize(Corpus.from_texts(["war and peace", "peace and quiet"]))
        >>> space = fit_features(toks, lex, min_df=1)
        >>> space.transform(toks).shape
        (2, 10)
        """
        from scipy import sparse

        counts = _ngram_counts(self, tokens)
        ngrams = _tfidf(self, counts)
        if self.ngram_weight != 1.0:
            ngrams = ngrams * self.ngram_weight
        lex = _lexicon_block(self.lexicon, tokens)
        blocks = [ngrams, sparse.csr_matrix(lex)]
        if self.embedding is not None:
            sem = _semantic(self, counts)
            center = self.semantic_center
            if center is not None:
                sem = (sem - center[0]) / center[1]
            blocks.append(sparse.csr_matrix(sem))
        return sparse.hstack(blocks, format="csr")


def _model_ids(space: FeatureSpace, tokens: Tokens) -> np.ndarray:
    """Model word id of every token (-1 for words outside the vocabulary)."""
    index = {w: i for i, w in enumerate(space.words)}
    lookup = np.array([index.get(w, -1) for w in tokens.vocab] or [-1], dtype=np.int64)
    return lookup[tokens.ids] if tokens.ids.size else np.zeros(0, dtype=np.int64)


def _doc_of_token(tokens: Tokens) -> np.ndarray:
    return np.repeat(np.arange(len(tokens), dtype=np.int64), np.diff(tokens.offsets))


def _ngram_counts(space: FeatureSpace, tokens: Tokens) -> sparse.csr_matrix:
    from scipy import sparse

    ids, doc = _model_ids(space, tokens), _doc_of_token(tokens)
    n_words = len(space.words)
    known = ids >= 0
    rows, cols = [doc[known]], [ids[known]]
    if ids.size > 1 and space.bigrams.size:
        pair = (doc[1:] == doc[:-1]) & known[1:] & known[:-1]
        keys = ids[:-1][pair] * n_words + ids[1:][pair]
        pos = np.searchsorted(space.bigrams, keys)
        found = pos < space.bigrams.size
        found[found] = space.bigrams[pos[found]] == keys[found]
        rows.append(doc[:-1][pair][found])
        cols.append(n_words + pos[found])
    r, c = np.concatenate(rows), np.concatenate(cols)
    shape = (len(tokens), space.n_ngrams)
    counts = sparse.csr_matrix((np.ones(r.size), (r, c)), shape=shape)
    counts.sum_duplicates()
    return counts


def _tfidf(space: FeatureSpace, counts: sparse.csr_matrix) -> sparse.csr_matrix:
    """Sublinear TF-IDF, l2-normalised rows, of n-gram ``counts`` (a copy)."""
    from sklearn.preprocessing import normalize

    counts = counts.copy()
    counts.data = (1.0 + np.log(counts.data)) * space.idf[counts.indices]
    return normalize(counts, norm="l2", copy=False)


def _lexicon_block(lexicon: Lexicon, tokens: Tokens) -> np.ndarray:
    from framing.score import score_frames

    counts = score_frames(tokens, lexicon).counts.to_numpy(dtype=np.float64)
    return np.hstack([np.log1p(counts), (counts > 0).astype(np.float64)])


def _semantic(space: FeatureSpace, counts: sparse.csr_matrix) -> np.ndarray:
    """Cosine of each unit's SIF-weighted mean vector with each frame centroid.

    ``counts`` are the n-gram counts (:func:`_ngram_counts`); the words are their first
    ``len(space.words)`` columns.
    """
    words = counts[:, : len(space.words)]
    sums = np.asarray(words @ space.embedding.astype(np.float64))  # type: ignore[union-attr]
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    unit = np.divide(sums, norms, out=np.zeros_like(sums), where=norms > 0)
    return unit @ space.centroids.astype(np.float64).T  # type: ignore[union-attr]


def _document_frequency(tokens: Tokens) -> np.ndarray:
    """Units in which each type of ``tokens.vocab`` occurs."""
    return np.diff(tokens.to_sparse().tocsc().indptr)


def _keep_top(df: np.ndarray, min_df: int, limit: int, names: list[str]) -> np.ndarray:
    """Positions with df >= min_df, the ``limit`` most frequent (ties by name)."""
    cand = np.flatnonzero(df >= min_df)
    order = sorted(cand.tolist(), key=lambda i: (-int(df[i]), names[i]))
    return np.array(sorted(order[:limit], key=lambda i: names[i]), dtype=np.int64)


def _embedding(
    words: tuple[str, ...], vectors: WordVectors, freq: np.ndarray, lexicon: Lexicon
) -> tuple[np.ndarray, np.ndarray]:
    """SIF-weighted unit vectors of ``words`` and the frames' centroids."""
    from framing.measures import frame_centroids

    dim = vectors.dim
    emb = np.zeros((len(words), dim), dtype=np.float32)
    prob = freq / max(float(freq.sum()), 1.0)
    for i, w in enumerate(words):
        if w in vectors:
            v = np.asarray(vectors.vector(w), dtype=np.float64)
            emb[i] = (SIF_A / (SIF_A + prob[i])) * v / max(float(np.linalg.norm(v)), 1e-12)
    centroids = frame_centroids(lexicon, vectors).to_numpy(dtype=np.float32)
    # stored as float16 in model files: round now, so a loaded model is the trained one
    return emb.astype(np.float16).astype(np.float32), centroids


def fit_features(
    tokens: Tokens,
    lexicon: Lexicon,
    *,
    vectors: WordVectors | None = None,
    min_df: int = 3,
    max_words: int = 20000,
    max_bigrams: int = 20000,
    ngram_weight: float = 1.0,
) -> FeatureSpace:
    """Fit a frozen feature space on training (and optionally unlabelled) units.

    Parameters
    ----------
    tokens : corpus.Tokens
        The units whose document frequencies choose the vocabulary and IDF
        (default recipe: the lexicon block needs it).
    lexicon : Lexicon
        Its counts form the lexicon block; its one-word patterns give the
        frame centroids of the semantic block.
    vectors : WordVectors, optional
        Word vectors for the semantic block; without them there is none.
    min_df : int, default=3
        A word or word pair needs this many units to be kept.
    max_words, max_bigrams : int, default=20000
        The most frequent words and word pairs kept (ties broken by spelling).
    ngram_weight : float, default=1.0
        Factor on the n-gram block (see :class:`FeatureSpace`).

    Returns
    -------
    FeatureSpace

    Examples
    --------
    >>> from corpus import Corpus, tokenize
    >>> lex = Lexicon.from_terms("toy", {"war": ["war*"]})
    >>> toks = tokenize(Corpus.from_texts(["the war", "the war ends", "the peace"]))
    >>> space = fit_features(toks, lex, min_df=2)
    >>> space.feature_names()
    ['w:the', 'w:war', 'b:the war', 'lex:war', 'has:war']
    """
    from corpus import Recipe

    if tokens.recipe != Recipe():
        raise InvalidParameterError("frame models need tokens of the default recipe")
    if min_df < 1 or max_words < 1 or max_bigrams < 0 or ngram_weight < 0:
        raise InvalidParameterError(
            "min_df and max_words must be >= 1, max_bigrams and ngram_weight >= 0"
        )
    vocab = list(tokens.vocab)
    df = _document_frequency(tokens)
    kept = _keep_top(df, min_df, max_words, vocab)
    words = tuple(vocab[i] for i in kept)
    space = FeatureSpace(lexicon, words, np.zeros(0, dtype=np.int64), np.zeros(0))
    bigrams, bigram_df = _fit_bigrams(space, tokens, min_df, max_bigrams)
    n_docs = len(tokens)
    all_df = np.concatenate([df[kept], bigram_df]).astype(np.float64)
    idf = np.log((1.0 + n_docs) / (1.0 + all_df)) + 1.0
    space = FeatureSpace(lexicon, words, bigrams, idf, ngram_weight=ngram_weight)
    if vectors is None:
        return space
    freq = np.bincount(tokens.ids, minlength=len(vocab))[kept].astype(np.float64)
    emb, centroids = _embedding(words, vectors, freq, lexicon)
    space = FeatureSpace(lexicon, words, bigrams, idf, emb, centroids)
    sem = _semantic(space, _ngram_counts(space, tokens))
    center = np.vstack([sem.mean(axis=0), np.maximum(sem.std(axis=0), 1e-6)])
    return FeatureSpace(lexicon, words, bigrams, idf, emb, centroids, center, ngram_weight)


def _fit_bigrams(
    space: FeatureSpace, tokens: Tokens, min_df: int, limit: int
) -> tuple[np.ndarray, np.ndarray]:
    """Kept word-pair keys (sorted) and their document frequencies."""
    if limit == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    ids, doc = _model_ids(space, tokens), _doc_of_token(tokens)
    n_words = len(space.words)
    pair = (doc[1:] == doc[:-1]) & (ids[1:] >= 0) & (ids[:-1] >= 0)
    keys = ids[:-1][pair] * n_words + ids[1:][pair]
    uniq = np.unique(np.stack([doc[:-1][pair], keys]), axis=1) if keys.size else np.zeros((2, 0))
    found, df = np.unique(uniq[1].astype(np.int64), return_counts=True)
    ok = df >= min_df
    found, df = found[ok], df[ok]
    order = np.lexsort((found, -df))[:limit]
    keep = np.sort(order)
    return found[keep], df[keep].astype(np.float64)


def describe(space: FeatureSpace) -> dict[str, Any]:
    """Sizes of the blocks, for model cards."""
    return {
        "words": len(space.words),
        "bigrams": int(space.bigrams.size),
        "lexicon": f"{space.lexicon.name} {space.lexicon.version}",
        "semantic": space.embedding is not None,
        "ngram_weight": space.ngram_weight,
        "dimensions": None if space.embedding is None else int(space.embedding.shape[1]),
    }
