"""Draws of document-topic proportions from each engine's approximate posterior.

The method of composition (stm's ``estimateEffect(uncertainty="Global")``)
needs draws of every document's topic proportions, not the point estimates:

- gensim and scikit-learn LDA (variational Bayes): the variational posterior
  of document ``d`` is ``Dirichlet(gamma_d)``; ``gamma`` comes from the
  engine's own E-step on the documents;
- tomotopy LDA (collapsed Gibbs sampling): the documents' sampled topic
  assignments ``z`` give topic counts ``n_dk``, and given ``z`` the
  proportions are ``Dirichlet(alpha + n_d)``;
- NMF has no posterior: it is refused.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from framing._errors import InvalidParameterError

__all__ = ["POSTERIOR_ENGINES", "draw_doc_topics", "variational_parameters"]

#: Engines with an approximate posterior over document-topic proportions.
POSTERIOR_ENGINES = ("gensim-lda", "gensim-ldamulticore", "sklearn-lda", "tomotopy-lda")


def _gensim_gamma(model: Any, X: Any, seed: int) -> np.ndarray:
    from gensim.matutils import Sparse2Corpus

    saved = model.random_state
    model.random_state = np.random.RandomState(seed)  # gensim draws the initial gamma
    try:
        gamma, _ = model.inference(list(Sparse2Corpus(X, documents_columns=False)))
    finally:
        model.random_state = saved
    return np.asarray(gamma, dtype=np.float64)


def _tomotopy_parameters(
    model: Any, X: Any, vocab: tuple[str, ...], iterations: int
) -> np.ndarray:
    """``alpha + n_dk`` from topic assignments sampled for each document (workers=1)."""
    k = model.k
    out = np.tile(np.asarray(model.alpha, dtype=np.float64), (X.shape[0], 1))
    docs, rows = [], []
    for i in range(X.shape[0]):
        row = slice(X.indptr[i], X.indptr[i + 1])
        words = [
            vocab[c]
            for c, n in zip(X.indices[row], X.data[row].astype(np.int64), strict=True)
            for _ in range(n)
        ]
        if words:
            docs.append(model.make_doc(words))
            rows.append(i)
    if docs:
        model.infer(docs, iterations=iterations, workers=1)
        for i, doc in zip(rows, docs, strict=True):
            out[i] += np.bincount(np.asarray(doc.topics, dtype=np.int64), minlength=k)
    return out


def variational_parameters(
    engine: str, model: Any, X: Any, vocab: tuple[str, ...], *, seed: int, iterations: int = 100
) -> np.ndarray:
    """Dirichlet parameters (documents x topics) of each document's approximate posterior.

    Parameters
    ----------
    engine : str
        One of :data:`POSTERIOR_ENGINES`.
    model : object
        The fitted engine object.
    X : scipy.sparse.csr_matrix
        Document-term counts in the model's vocabulary order.
    vocab : tuple of str
        The model's vocabulary.
    seed : int
        Seed of the E-step start (gensim).
    iterations : int, default=100
        Gibbs sweeps per document (tomotopy).

    Raises
    ------
    InvalidParameterError
        For an engine without a posterior (NMF).
    """
    if engine.startswith("gensim"):
        return _gensim_gamma(model, X, seed)
    if engine == "sklearn-lda":
        return np.asarray(model.transform(X, normalize=False), dtype=np.float64)
    if engine == "tomotopy-lda":
        return _tomotopy_parameters(model, X, vocab, iterations)
    raise InvalidParameterError(
        f"engine {engine!r} has no posterior over topic proportions, so there is nothing "
        f"to draw; use one of {list(POSTERIOR_ENGINES)}, or uncertainty='none'"
    )


def draw_doc_topics(result: Any, tokens: Any, *, n_draws: int, seed: int) -> np.ndarray:
    """Draws of every document's topic proportions from the fitted model's posterior.

    Parameters
    ----------
    result : TopicResult
        A fitted topic model (:func:`framing.topics.fit_topics`).
    tokens : corpus.Tokens
        The documents, tokenized with the model's recipe (usually the tokens
        the model was fitted on).
    n_draws : int
        Number of draws.
    seed : int
        Seed of the draws (and of gensim's E-step start).

    Returns
    -------
    ndarray
        Shape ``(n_draws, n_documents, k)``; each row sums to one.

    Examples
    --------
    >>> from corpus import Corpus, tokenize
    >>> from framing.topics import fit_topics
    >>> toks = tokenize(Corpus.from_texts(["oil gas pipeline oil", "war troops army war"] * 4))
    >>> r = fit_topics(toks, k=2, seed=1, min_df=1, max_df=1.0, passes=20)
    >>> draws = draw_doc_topics(r, toks, n_draws=3, seed=7)
    >>> draws.shape, bool(np.allclose(draws.sum(axis=2), 1))
    ((3, 8, 2), True)
    """
    from framing.topics._fit import align_to_vocabulary  # same subpackage

    if not isinstance(n_draws, int | np.integer) or n_draws < 2:
        raise InvalidParameterError(f"n_draws must be an integer >= 2, got {n_draws!r}")
    X = align_to_vocabulary(tokens, result.vocabulary)
    params = variational_parameters(
        result.engine,
        result.model,
        X,
        result.vocabulary,
        seed=seed,
        iterations=int(result.params.get("iterations", 100)),
    )
    return dirichlet_draws(params, n_draws=int(n_draws), seed=seed)


def dirichlet_draws(params: np.ndarray, *, n_draws: int, seed: int) -> np.ndarray:
    """``n_draws`` Dirichlet draws for every row of ``params`` (normalised Gamma variates).

    Examples
    --------
    >>> dirichlet_draws(np.array([[1.0, 1.0], [5.0, 1.0]]), n_draws=2, seed=0).shape
    (2, 2, 2)
    """
    rng = np.random.default_rng(seed)
    gammas = rng.standard_gamma(np.broadcast_to(params, (n_draws, *params.shape)))
    return gammas / gammas.sum(axis=2, keepdims=True)
