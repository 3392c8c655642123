"""Topic-model engines: thin adapters with one calling convention.

Each engine takes a filtered document-term count matrix (CSR, documents x
terms) and its vocabulary, fits with an explicit integer seed, and returns an
:class:`EngineFit`: the fitted engine object, the topic-term distribution and
the document-topic distribution (both row-normalised).  ``infer`` computes
document-topic proportions for new documents with the same vocabulary.

No engine seeds a global random number generator; the seed is passed to the
engine's own ``random_state``/``seed`` argument.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from framing._errors import InvalidParameterError

__all__ = ["ENGINES", "EngineFit", "engine_defaults", "fit_engine", "infer_engine"]

if TYPE_CHECKING:
    import scipy.sparse as sp

#: Engine name -> (parameters it accepts with their defaults, deterministic?).
#: ``passes`` = sweeps over the corpus; ``iterations`` = inner iterations
#: (gensim: E-step iterations per document; sklearn LDA: E-step iterations per
#: document; NMF: solver iterations; tomotopy: Gibbs sweeps).
_DEFAULTS: dict[str, dict[str, Any]] = {
    "gensim-lda": {"passes": 5, "iterations": 50, "chunksize": 2000},
    "gensim-ldamulticore": {"passes": 5, "iterations": 50, "chunksize": 2000},
    "sklearn-lda": {"passes": 10, "iterations": 100},
    "sklearn-nmf": {"iterations": 400},
    "tomotopy-lda": {"iterations": 200},
}

#: Engines whose output is identical for the same seed and data.
_DETERMINISTIC = {
    "gensim-lda": True,
    "gensim-ldamulticore": False,
    "sklearn-lda": True,
    "sklearn-nmf": True,
    "tomotopy-lda": True,
}

#: Engines that accept topic-word priors (seeded topics).
WORD_PRIOR_ENGINES = ("gensim-lda", "gensim-ldamulticore", "tomotopy-lda")

ENGINES: tuple[str, ...] = tuple(_DEFAULTS)

_TOMOTOPY_HINT = (
    "the 'tomotopy-lda' engine needs the optional package tomotopy: "
    "pip install 'discourse-framing[topics]' (or pip install tomotopy)"
)


@dataclass(frozen=True)
class EngineFit:
    """What an engine returns: the model and both distributions."""

    model: Any
    topic_term: np.ndarray
    doc_topic: np.ndarray
    params: Mapping[str, Any]
    deterministic: bool
    extra: Mapping[str, Any] = field(default_factory=dict)


def engine_defaults(engine: str) -> dict[str, Any]:
    """Default parameters of an engine; ``InvalidParameterError`` names the known engines.

    Examples
    --------
    >>> engine_defaults("gensim-lda")["passes"]
    5
    """
    if engine not in _DEFAULTS:
        raise InvalidParameterError(
            f"unknown topic engine {engine!r}; choose one of {list(ENGINES)}"
        )
    return dict(_DEFAULTS[engine])


def resolve_params(engine: str, given: Mapping[str, Any | None]) -> dict[str, Any]:
    """Merge user parameters into an engine's defaults; refuse ones it ignores."""
    params = engine_defaults(engine)
    for key, value in given.items():
        if value is None:
            continue
        if key not in params:
            raise InvalidParameterError(
                f"parameter {key!r} does not apply to engine {engine!r}; "
                f"it accepts {sorted(params)}"
            )
        if not isinstance(value, int | np.integer) or value < 1:
            raise InvalidParameterError(f"{key} must be a positive integer, got {value!r}")
        params[key] = int(value)
    return params


def _normalise_rows(matrix: np.ndarray) -> np.ndarray:
    """Rows summing to one; an all-zero row becomes uniform (an empty document)."""
    matrix = np.asarray(matrix, dtype=np.float64)
    sums = matrix.sum(axis=1, keepdims=True)
    out = np.full_like(matrix, 1.0 / matrix.shape[1])
    np.divide(matrix, sums, out=out, where=sums > 0)
    return out


# ---------------------------------------------------------------- gensim
def _gensim_corpus(X: sp.csr_matrix) -> Any:
    from gensim.matutils import Sparse2Corpus

    return Sparse2Corpus(X, documents_columns=False)


def _gensim_infer(model: Any, X: sp.csr_matrix, seed: int) -> np.ndarray:
    """Variational E-step for every document, from a fresh seeded RNG.

    gensim draws the initial ``gamma`` from ``model.random_state``; resetting it
    to the seed makes inference independent of earlier calls.
    """
    saved = model.random_state
    model.random_state = np.random.RandomState(seed)
    try:
        gamma, _ = model.inference(list(_gensim_corpus(X)))
    finally:
        model.random_state = saved
    return _normalise_rows(gamma)


def _fit_gensim(
    X: sp.csr_matrix,
    vocab: tuple[str, ...],
    *,
    k: int,
    seed: int,
    params: Mapping[str, Any],
    eta: np.ndarray | None,
    n_jobs: int,
    multicore: bool,
) -> EngineFit:
    from gensim.models import LdaModel, LdaMulticore

    kwargs = {
        "corpus": _gensim_corpus(X),
        "id2word": dict(enumerate(vocab)),
        "num_topics": k,
        "passes": params["passes"],
        "iterations": params["iterations"],
        "chunksize": params["chunksize"],
        "random_state": seed,
        "eta": eta,
        "eval_every": None,
        "dtype": np.float64,
    }
    if multicore:
        model = LdaMulticore(workers=n_jobs, **kwargs)
    else:
        model = LdaModel(**kwargs)
    topic_term = _normalise_rows(model.get_topics())
    doc_topic = _gensim_infer(model, X, seed)
    engine = "gensim-ldamulticore" if multicore else "gensim-lda"
    return EngineFit(model, topic_term, doc_topic, dict(params), _DETERMINISTIC[engine])


# --------------------------------------------------------------- sklearn
def _fit_sklearn_lda(
    X: sp.csr_matrix, *, k: int, seed: int, params: Mapping[str, Any], n_jobs: int
) -> EngineFit:
    from sklearn.decomposition import LatentDirichletAllocation

    model = LatentDirichletAllocation(
        n_components=k,
        learning_method="batch",
        max_iter=params["passes"],
        max_doc_update_iter=params["iterations"],
        random_state=seed,
        n_jobs=n_jobs,
    )
    doc_topic = model.fit_transform(X)
    topic_term = _normalise_rows(model.components_)
    return EngineFit(model, topic_term, _normalise_rows(doc_topic), dict(params), True)


def _fit_sklearn_nmf(
    X: sp.csr_matrix, *, k: int, seed: int, params: Mapping[str, Any]
) -> EngineFit:
    from sklearn.decomposition import NMF
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.feature_extraction.text import TfidfTransformer
    from sklearn.pipeline import Pipeline

    model = Pipeline(
        [
            ("tfidf", TfidfTransformer()),
            (
                "nmf",
                NMF(
                    n_components=k,
                    init="nndsvda",
                    max_iter=params["iterations"],
                    random_state=seed,
                ),
            ),
        ]
    )
    with warnings.catch_warnings():
        # Not converging within max_iter is recorded in ``extra``, not warned.
        warnings.simplefilter("ignore", category=ConvergenceWarning)
        doc_topic = model.fit_transform(X)
    nmf = model.named_steps["nmf"]
    extra = {"n_iter": int(nmf.n_iter_), "converged": bool(nmf.n_iter_ < params["iterations"])}
    return EngineFit(
        model,
        _normalise_rows(nmf.components_),
        _normalise_rows(doc_topic),
        dict(params),
        True,
        extra,
    )


# -------------------------------------------------------------- tomotopy
def _import_tomotopy() -> Any:
    try:
        import tomotopy
    except ImportError as error:
        raise ImportError(_TOMOTOPY_HINT) from error
    return tomotopy


def _doc_words(X: sp.csr_matrix, vocab: tuple[str, ...]) -> list[list[str]]:
    """Bag-of-words lists (word repeated by count) in column order."""
    docs = []
    for i in range(X.shape[0]):
        row = slice(X.indptr[i], X.indptr[i + 1])
        cols, counts = X.indices[row], X.data[row].astype(np.int64)
        docs.append([vocab[c] for c, n in zip(cols, counts, strict=True) for _ in range(n)])
    return docs


def _fit_tomotopy(
    X: sp.csr_matrix,
    vocab: tuple[str, ...],
    *,
    k: int,
    seed: int,
    params: Mapping[str, Any],
    eta: np.ndarray | None,
    n_jobs: int,
) -> EngineFit:
    tp = _import_tomotopy()
    model = tp.LDAModel(k=k, alpha=1.0 / k, eta=1.0 / k, seed=seed, min_cf=0, rm_top=0)
    added = [model.add_doc(words) is not None for words in _doc_words(X, vocab)]
    if eta is not None:
        for col in np.flatnonzero(np.any(eta != 1.0 / k, axis=0)):
            if X[:, col].nnz:
                model.set_word_prior(vocab[col], [float(v) for v in eta[:, col]])
    with warnings.catch_warnings():
        # PARTITION is reproducible with several workers (tested); the generic
        # tomotopy warning is about its default COPY_MERGE scheme.
        warnings.filterwarnings("ignore", message="The training result may differ")
        model.train(params["iterations"], workers=n_jobs, parallel=tp.ParallelScheme.PARTITION)
    position = {w: i for i, w in enumerate(model.used_vocabs)}
    order = np.array([position.get(w, -1) for w in vocab])
    topic_term = np.zeros((k, len(vocab)))
    for t in range(k):
        dist = np.asarray(model.get_topic_word_dist(t, normalize=True), dtype=np.float64)
        topic_term[t, order >= 0] = dist[order[order >= 0]]
    doc_topic = np.zeros((X.shape[0], k))
    rows = np.flatnonzero(added)
    for j, doc in zip(rows, model.docs, strict=True):
        doc_topic[j] = doc.get_topic_dist()
    return EngineFit(
        model, _normalise_rows(topic_term), _normalise_rows(doc_topic), dict(params), True
    )


def _infer_tomotopy(
    model: Any, X: sp.csr_matrix, vocab: tuple[str, ...], params: Mapping[str, Any], n_jobs: int
) -> np.ndarray:
    docs = _doc_words(X, vocab)
    out = np.zeros((X.shape[0], model.k))
    rows = [i for i, words in enumerate(docs) if words]
    if rows:
        made = [model.make_doc(docs[i]) for i in rows]
        dists, _ = model.infer(made, iterations=params["iterations"], workers=n_jobs)
        out[rows] = np.asarray(dists, dtype=np.float64)
    return _normalise_rows(out)


# ------------------------------------------------------------- dispatch
def fit_engine(
    engine: str,
    X: sp.csr_matrix,
    vocab: tuple[str, ...],
    *,
    k: int,
    seed: int,
    params: Mapping[str, Any],
    eta: np.ndarray | None = None,
    n_jobs: int = 1,
) -> EngineFit:
    """Fit one engine on a filtered count matrix."""
    if eta is not None and engine not in WORD_PRIOR_ENGINES:
        raise InvalidParameterError(
            f"engine {engine!r} has no topic-word priors, so it cannot fit seeded topics; "
            f"use one of {list(WORD_PRIOR_ENGINES)} or drop the seed words"
        )
    fitters: dict[str, Callable[[], EngineFit]] = {
        "gensim-lda": lambda: _fit_gensim(
            X, vocab, k=k, seed=seed, params=params, eta=eta, n_jobs=n_jobs, multicore=False
        ),
        "gensim-ldamulticore": lambda: _fit_gensim(
            X, vocab, k=k, seed=seed, params=params, eta=eta, n_jobs=n_jobs, multicore=True
        ),
        "sklearn-lda": lambda: _fit_sklearn_lda(X, k=k, seed=seed, params=params, n_jobs=n_jobs),
        "sklearn-nmf": lambda: _fit_sklearn_nmf(X, k=k, seed=seed, params=params),
        "tomotopy-lda": lambda: _fit_tomotopy(
            X, vocab, k=k, seed=seed, params=params, eta=eta, n_jobs=n_jobs
        ),
    }
    if engine not in fitters:
        raise InvalidParameterError(
            f"unknown topic engine {engine!r}; choose one of {list(ENGINES)}"
        )
    return fitters[engine]()


def infer_engine(
    engine: str,
    model: Any,
    X: sp.csr_matrix,
    vocab: tuple[str, ...],
    *,
    seed: int,
    params: Mapping[str, Any],
    n_jobs: int = 1,
) -> np.ndarray:
    """Document-topic proportions of new documents (columns = the model's vocabulary)."""
    if engine.startswith("gensim"):
        return _gensim_infer(model, X, seed)
    if engine == "tomotopy-lda":
        return _infer_tomotopy(model, X, vocab, params, n_jobs)
    # sklearn LDA starts the E-step from ones (no RNG); the NMF pipeline is fixed.
    return _normalise_rows(model.transform(X))
