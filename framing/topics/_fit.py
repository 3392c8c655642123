"""Topic models for framing research: :func:`fit_topics` and :class:`TopicResult`.

One interface over several engines (gensim LDA, scikit-learn LDA and NMF,
tomotopy LDA).  The input is :class:`corpus.Tokens`; the vocabulary is
filtered by document frequency, the count matrix goes to the engine, and the
result holds both distributions, top terms (by probability and by FREX),
representative documents, the filters used, the fitted engine object and its
provenance.  Seeded (guided) topics come from a frame lexicon or plain seed
lists through topic-word priors.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from framing._conventions import renamed_parameters
from framing._errors import FramingError, InvalidParameterError
from framing.topics._engines import (
    WORD_PRIOR_ENGINES,
    fit_engine,
    infer_engine,
    resolve_params,
)

__all__ = ["TopicResult", "fit_topics", "frex", "transform_topics"]

if TYPE_CHECKING:
    import scipy.sparse as sp

    from corpus import Tokens
    from framing.lexicon import Lexicon


# ------------------------------------------------------------ vocabulary
def _df_threshold(value: float | int, n_docs: int, name: str) -> int | float:
    """An int is a document count, a float in (0, 1] a proportion (as in sklearn)."""
    if isinstance(value, bool) or not isinstance(value, int | float | np.number):
        raise InvalidParameterError(
            f"{name} must be an int (documents) or a float in (0, 1], got {value!r}"
        )
    if isinstance(value, float | np.floating):
        if not 0.0 < value <= 1.0:
            raise InvalidParameterError(
                f"{name}={value} as a proportion must be in (0, 1]; "
                "use an int for a number of documents"
            )
        return value * n_docs
    if value < 0:
        raise InvalidParameterError(f"{name} must not be negative, got {value}")
    return int(value)


def filter_vocabulary(
    X: sp.csr_matrix,
    vocab: tuple[str, ...],
    *,
    min_df: float | int,
    max_df: float | int,
    max_features: int | None,
) -> tuple[sp.csr_matrix, tuple[str, ...], dict[str, Any]]:
    """Keep terms with ``min_df <= df <= max_df``, then the ``max_features`` most frequent.

    Ties in frequency keep the earlier vocabulary id, so the result is
    deterministic.  Returns the filtered matrix, its vocabulary and a record
    of the filter.
    """
    n_docs = X.shape[0]
    low = _df_threshold(min_df, n_docs, "min_df")
    high = _df_threshold(max_df, n_docs, "max_df")
    df = np.bincount(X.indices, minlength=X.shape[1])
    cf = np.asarray(X.sum(axis=0)).ravel()
    keep = np.flatnonzero((df >= max(low, 1)) & (df <= high))
    if max_features is not None:
        if not isinstance(max_features, int) or max_features < 1:
            raise InvalidParameterError(
                f"max_features must be a positive int, got {max_features!r}"
            )
        order = np.argsort(-cf[keep], kind="stable")[:max_features]
        keep = np.sort(keep[order])
    if keep.size == 0:
        raise FramingError(
            f"no term is left after filtering the vocabulary (min_df={min_df}, "
            f"max_df={max_df}, {n_docs} documents): lower min_df or raise max_df"
        )
    Xf = X[:, keep].tocsr()
    Xf.sort_indices()
    record = {
        "min_df": min_df,
        "max_df": max_df,
        "max_features": max_features,
        "n_terms_before": int(X.shape[1]),
        "n_terms": int(keep.size),
        "n_tokens_before": int(cf.sum()),
        "n_tokens": int(Xf.sum()),
        "n_empty_docs": int(np.sum(np.diff(Xf.indptr) == 0)),
    }
    return Xf, tuple(vocab[i] for i in keep), record


# ---------------------------------------------------------- seed topics
def _glob_regex(word: str, case_sensitive: bool) -> re.Pattern[str]:
    body = "".join(r"\w*" if ch == "*" else r"\w" if ch == "?" else re.escape(ch) for ch in word)
    return re.compile(body, 0 if case_sensitive else re.IGNORECASE)


def _seed_words(
    patterns: Iterable[str], vocabulary: tuple[str, ...], case_sensitive: bool
) -> tuple[list[str], list[str]]:
    """Expand single-word patterns (globs too) over the vocabulary.

    Returns the matched vocabulary terms (vocabulary order) and the patterns
    that matched nothing or were multi-word (those cannot be one topic word).
    """
    matched: set[str] = set()
    unmatched: list[str] = []
    for text in patterns:
        words = re.findall(r"[\w*?]+", text)
        if len(words) != 1:
            unmatched.append(f"{text} (multi-word)")
            continue
        regex = _glob_regex(words[0], case_sensitive)
        hits = [term for term in vocabulary if regex.fullmatch(term)]
        if not hits:
            unmatched.append(text)
        matched.update(hits)
    return [t for t in vocabulary if t in matched], unmatched


def resolve_seed_sets(
    guide_topics: Any, vocabulary: tuple[str, ...]
) -> dict[str, tuple[list[str], list[str]]]:
    """``{seed set: (vocabulary words, unmatched patterns)}`` from a Lexicon or a mapping."""
    from framing.lexicon import Lexicon

    if isinstance(guide_topics, Lexicon):
        raw = {f.name: [p.text for p in f.patterns] for f in guide_topics.frames}
        case_sensitive = guide_topics.case_sensitive
    elif isinstance(guide_topics, Mapping):
        raw = {
            str(name): [words] if isinstance(words, str) else list(words)
            for name, words in guide_topics.items()
        }
        case_sensitive = False
    else:
        raise InvalidParameterError(
            "guide_topics must be a Lexicon or a mapping {name: [guide words]}, "
            f"got {type(guide_topics).__name__}"
        )
    if not raw:
        raise InvalidParameterError("guide_topics is empty: give at least one set of guide words")
    return {name: _seed_words(pats, vocabulary, case_sensitive) for name, pats in raw.items()}


def _seed_prior(
    k: int,
    X: sp.csr_matrix,
    vocabulary: tuple[str, ...],
    seeds: Mapping[str, tuple[list[str], list[str]]],
    guide_weight: float,
) -> np.ndarray:
    """Topic-word prior: ``1/k`` everywhere, ``guide_weight * cf(w)`` on seed words.

    The prior on seed word ``w`` in its seed topic is worth ``guide_weight``
    times the word's corpus count, so the pull does not depend on corpus size.
    """
    if not guide_weight > 0:
        raise InvalidParameterError(f"guide_weight must be positive, got {guide_weight!r}")
    cf = np.asarray(X.sum(axis=0)).ravel().astype(np.float64)
    col = {w: i for i, w in enumerate(vocabulary)}
    eta = np.full((k, len(vocabulary)), 1.0 / k)
    for topic, (words, _) in enumerate(seeds.values()):
        for w in words:
            eta[topic, col[w]] = 1.0 / k + guide_weight * cf[col[w]]
    return eta


def _seed_table(
    topic_term: np.ndarray,
    vocabulary: tuple[str, ...],
    seeds: Mapping[str, tuple[list[str], list[str]]],
) -> pd.DataFrame:
    col = {w: i for i, w in enumerate(vocabulary)}
    ranks = np.argsort(np.argsort(-topic_term, axis=1, kind="stable"), axis=1) + 1
    rows = []
    for topic, (name, (words, unmatched)) in enumerate(seeds.items()):
        cols = [col[w] for w in words]
        mass = topic_term[:, cols].sum(axis=1) if cols else np.zeros(topic_term.shape[0])
        rows.append(
            {
                "seed_set": name,
                "topic": topic,
                "best_topic": int(np.argmax(mass)),
                "n_words": len(words),
                "mass": float(mass[topic]),
                "mass_other_max": float(np.delete(mass, topic).max(initial=0.0)),
                "median_rank": float(np.median(ranks[topic, cols])) if cols else float("inf"),
                "words": " ".join(words),
                "unmatched": "; ".join(unmatched),
            }
        )
    return pd.DataFrame(rows)


# ------------------------------------------------------------------ FREX
def frex(topic_term: np.ndarray, weight: float = 0.5) -> np.ndarray:
    """FREX score of every term in every topic (Bischof and Airoldi 2012; stm).

    ``FREX = 1 / (w / ECDF(exclusivity) + (1 - w) / ECDF(frequency))``, where
    exclusivity of term ``v`` in topic ``k`` is ``beta[k, v] / sum_j beta[j, v]``,
    frequency is ``beta[k, v]``, and each ECDF is taken within topic ``k`` over
    the vocabulary (average ranks / V).  ``weight`` is ``w``, the weight on
    exclusivity: 0 ranks by probability alone, 1 by exclusivity alone; stm's
    ``labelTopics`` uses 0.5.

    Examples
    --------
    >>> beta = np.array([[0.5, 0.3, 0.2], [0.1, 0.3, 0.6]])
    >>> frex(beta).argmax(axis=1).tolist()
    [0, 2]
    """
    from scipy.stats import rankdata

    if not 0.0 <= weight <= 1.0:
        raise InvalidParameterError(f"the FREX weight must be in [0, 1], got {weight}")
    beta = np.asarray(topic_term, dtype=np.float64)
    totals = beta.sum(axis=0, keepdims=True)
    excl = np.divide(beta, totals, out=np.zeros_like(beta), where=totals > 0)
    n = beta.shape[1]
    excl_ecdf = rankdata(excl, axis=1) / n
    freq_ecdf = rankdata(beta, axis=1) / n
    return 1.0 / (weight / excl_ecdf + (1.0 - weight) / freq_ecdf)


def _top(matrix: np.ndarray, columns: tuple[str, ...], n: int, label: str) -> pd.DataFrame:
    n = min(n, matrix.shape[1])
    order = np.argsort(-matrix, axis=1, kind="stable")[:, :n]
    k = matrix.shape[0]
    return pd.DataFrame(
        {
            "topic": np.repeat(np.arange(k), n),
            "rank": np.tile(np.arange(1, n + 1), k),
            label: [columns[j] for j in order.ravel()],
            "weight": np.take_along_axis(matrix, order, axis=1).ravel(),
        }
    )


# ---------------------------------------------------------------- result
@dataclass(frozen=True)
class TopicResult:
    """A fitted topic model (made by :func:`fit_topics`, not by hand).

    Parameters
    ----------
    engine : str
        Engine name, e.g. ``"gensim-lda"``.
    k : int
        Number of topics (seeded topics first, then free ones).
    seed : int
        The seed passed to the engine.
    doc_topic : DataFrame
        Topic proportions, index ``doc_id``, one column per topic (0..k-1).
    topic_term : DataFrame
        Term probabilities, index ``topic``, one column per vocabulary term.
    vocab_filter : mapping
        The vocabulary filter used and its effect (terms and tokens kept).
    params : mapping
        The engine parameters used (defaults resolved).
    deterministic : bool
        Whether this engine gives identical output for the same seed and data.
    guide_topics : DataFrame or None
        For guided (seeded) fits: which topic each guide set became, its guide
        words and how strongly they load (``mass`` = summed probability of the
        guide words in the topic; ``best_topic`` = the topic where they load
        most).  ``seed_topics`` is a deprecated alias of this attribute.
    model : object
        The fitted engine object (gensim ``LdaModel``, sklearn estimator or
        pipeline, tomotopy ``LDAModel``).
    provenance : mapping
        Tokens and corpus fingerprints, recipe, versions, seed: enough to
        reproduce the fit.

    Examples
    --------
    >>> from corpus import Corpus, tokenize
    >>> docs = ["oil gas pipeline oil", "war troops army war"] * 4
    >>> r = fit_topics(tokenize(Corpus.from_texts(docs)), k=2, seed=1, min_df=1,
    ...                max_df=1.0, passes=20)
    >>> r.engine, r.k, r.deterministic, len(r.vocabulary)
    ('gensim-lda', 2, True, 6)
    >>> r.top_terms(2, by="frex").columns.tolist()
    ['topic', 'rank', 'term', 'weight']
    >>> r.representative_docs(3).shape
    (6, 4)
    """

    engine: str
    k: int
    seed: int
    doc_topic: pd.DataFrame
    topic_term: pd.DataFrame
    vocab_filter: Mapping[str, Any]
    params: Mapping[str, Any]
    deterministic: bool
    guide_topics: pd.DataFrame | None = None
    model: Any = field(default=None, compare=False, repr=False)
    provenance: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in ("vocab_filter", "params", "provenance"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))

    @property
    def seed_topics(self) -> pd.DataFrame | None:
        """Deprecated alias of :attr:`guide_topics` (renamed in 0.2.0; goes in the next)."""
        import warnings

        warnings.warn(
            "TopicResult.seed_topics was renamed guide_topics in 0.2.0",
            FutureWarning,
            stacklevel=2,
        )
        return self.guide_topics

    def __repr__(self) -> str:
        flag = "" if self.deterministic else ", not deterministic"
        return (
            f"<TopicResult {self.engine} k={self.k} seed={self.seed}: "
            f"{len(self.doc_topic)} docs, {len(self.vocabulary)} terms{flag}>"
        )

    @property
    def vocabulary(self) -> tuple[str, ...]:
        """The filtered vocabulary, in topic-term column order."""
        return tuple(self.topic_term.columns)

    def top_terms(
        self, n: int = 10, *, by: str = "probability", frex_weight: float = 0.5
    ) -> pd.DataFrame:
        """Top ``n`` terms per topic: columns topic, rank, term, weight.

        ``by="probability"`` ranks by P(term | topic); ``by="frex"`` by the FREX
        score with ``frex_weight`` on exclusivity (see :func:`frex`).
        """
        beta = self.topic_term.to_numpy()
        if by == "probability":
            matrix = beta
        elif by == "frex":
            matrix = frex(beta, frex_weight)
        else:
            raise InvalidParameterError(f"by must be 'probability' or 'frex', got {by!r}")
        return _top(matrix, self.vocabulary, n, "term")

    def labels(self, n: int = 3) -> pd.Series:
        """A short label per topic: its ``n`` most probable terms joined by ``_``."""
        top = self.top_terms(n)
        return top.groupby("topic")["term"].agg("_".join).rename("label")

    def representative_docs(self, n: int = 5) -> pd.DataFrame:
        """The ``n`` documents with the highest proportion of each topic.

        Columns topic, rank, doc_id, weight; ties keep corpus order.
        """
        table = _top(self.doc_topic.to_numpy().T, tuple(self.doc_topic.index), n, "doc_id")
        return table

    def transform(self, tokens: Any) -> pd.DataFrame:
        """Topic proportions of (new) documents; see :func:`transform_topics`."""
        return transform_topics(self, tokens)


# ------------------------------------------------------------------- fit
def _provenance(engine: str, tokens: Any, guide_lexicon: Any) -> dict[str, Any]:
    from framing._version import __version__

    module = {"gensim": "gensim", "sklearn": "sklearn", "tomotopy": "tomotopy"}[
        engine.split("-")[0]
    ]
    lib = __import__(module)
    prov = {
        "framing": __version__,
        "engine_library": module,
        "engine_version": str(lib.__version__),
        "tokens_fingerprint": tokens.fingerprint,
        "corpus_fingerprint": tokens.corpus_fingerprint,
        "recipe": tokens.recipe.to_dict(),
    }
    if guide_lexicon is not None:
        prov["guide_lexicon"] = {
            "name": guide_lexicon.name,
            "version": guide_lexicon.version,
            "fingerprint": guide_lexicon.fingerprint,
        }
    return prov


@renamed_parameters({"seed_topics": "guide_topics", "seed_weight": "guide_weight"}, since="0.2.0")
def fit_topics(
    tokens: Tokens,
    *,
    seed: int,
    engine: str = "gensim-lda",
    k: int = 20,
    min_df: float | int = 5,
    max_df: float | int = 0.5,
    max_features: int | None = None,
    passes: int | None = None,
    iterations: int | None = None,
    guide_topics: Lexicon | Mapping[str, Sequence[str]] | None = None,
    guide_weight: float = 1.0,
    n_jobs: int = 1,
) -> TopicResult:
    """Fit a topic model on tokenized documents.

    Parameters
    ----------
    tokens : corpus.Tokens
        Tokenized corpus.  Topic models want a recipe with stop words and a
        minimum length, e.g. ``Recipe(stopwords="sklearn", min_length=3)``.
    seed : int
        Passed to the engine's own ``random_state``/``seed``; no global RNG is
        touched.
    engine : {"gensim-lda", "gensim-ldamulticore", "sklearn-lda", "sklearn-nmf", \
"tomotopy-lda"}, default="gensim-lda"
        ``gensim-ldamulticore`` is not deterministic, even with one worker.
        ``tomotopy-lda`` needs the optional ``tomotopy`` package.
    k : int, default=20
        Number of topics, seeded topics included.
    min_df, max_df : int or float, default=5 and 0.5
        Keep terms found in at least ``min_df`` and at most ``max_df``
        documents; an int counts documents, a float in (0, 1] is a proportion.
    max_features : int, optional
        Then keep only the most frequent terms (corpus count).
    passes : int, optional
        Sweeps over the corpus (gensim default 5; sklearn LDA ``max_iter``,
        default 10).  Refused by engines without passes.
    iterations : int, optional
        Inner iterations: gensim per-document E-step (50), sklearn LDA
        ``max_doc_update_iter`` (100), NMF ``max_iter`` (400), tomotopy Gibbs
        sweeps (200).
    guide_topics : Lexicon or mapping of str to list of str, optional
        Guide-word sets, one per guided ("seeded") topic (topics ``0..S-1``): each frame's
        single-word patterns (globs expanded over the vocabulary) or plain
        word lists.  Multi-word patterns cannot be one topic word and are
        reported as unmatched.
    guide_weight : float, default=1.0
        Prior pseudo-count on a guide word in its topic, as a multiple of the
        word's corpus count (other entries of the prior are ``1/k``).
    n_jobs : int, default=1
        Workers for engines that use them (gensim multicore, sklearn LDA,
        tomotopy with its reproducible PARTITION scheme).

    Returns
    -------
    TopicResult

    Raises
    ------
    InvalidParameterError
        Unknown engine, bad parameter, or seeded topics with an engine that
        has no word priors (sklearn).
    ImportError
        ``tomotopy-lda`` without tomotopy installed (with the install hint).

    Examples
    --------
    >>> from corpus import Corpus, tokenize
    >>> docs = ["oil gas pipeline oil", "war troops army war", "gas oil price",
    ...         "army war peace troops"] * 3
    >>> result = fit_topics(tokenize(Corpus.from_texts(docs)), k=2, seed=1,
    ...                     min_df=1, max_df=1.0, passes=20)
    >>> result.doc_topic.shape, result.topic_term.shape
    ((12, 2), (2, 8))
    >>> sorted(result.top_terms(2)["term"])
    ['army', 'gas', 'oil', 'war']
    """
    _check_k(k)
    params = resolve_params(engine, {"passes": passes, "iterations": iterations})
    X, vocabulary, record = filter_vocabulary(
        tokens.to_sparse().tocsr(),
        tuple(tokens.vocab),
        min_df=min_df,
        max_df=max_df,
        max_features=max_features,
    )
    if record["n_empty_docs"]:
        warnings.warn(
            f"{record['n_empty_docs']} document(s) have no token left after vocabulary "
            "filtering; they get uniform topic proportions",
            stacklevel=2,
        )
    seeds, eta = None, None
    if guide_topics is not None:
        seeds, eta = _prepare_seeds(engine, k, X, vocabulary, guide_topics, guide_weight)
    fit = fit_engine(
        engine, X, vocabulary, k=k, seed=int(seed), params=params, eta=eta, n_jobs=n_jobs
    )
    topics = pd.RangeIndex(k, name="topic")
    from framing.lexicon import Lexicon

    return TopicResult(
        engine=engine,
        k=k,
        seed=int(seed),
        doc_topic=pd.DataFrame(
            fit.doc_topic, index=pd.Index(tokens.doc_ids, name="doc_id"), columns=topics
        ),
        topic_term=pd.DataFrame(
            fit.topic_term, index=topics, columns=pd.Index(vocabulary, name="term")
        ),
        vocab_filter=record,
        params={
            **fit.params,
            **fit.extra,
            "n_jobs": n_jobs,
            "guide_weight": guide_weight if seeds else None,
        },
        deterministic=fit.deterministic,
        guide_topics=_seed_table(fit.topic_term, vocabulary, seeds) if seeds else None,
        model=fit.model,
        provenance=_provenance(
            engine, tokens, guide_topics if isinstance(guide_topics, Lexicon) else None
        ),
    )


def _check_k(k: int) -> None:
    if isinstance(k, bool) or not isinstance(k, int | np.integer) or k < 2:
        raise InvalidParameterError(f"k (number of topics) must be an int >= 2, got {k!r}")


def _prepare_seeds(
    engine: str,
    k: int,
    X: sp.csr_matrix,
    vocabulary: tuple[str, ...],
    guide_topics: Any,
    guide_weight: float,
) -> tuple[dict, np.ndarray]:
    if engine not in WORD_PRIOR_ENGINES:
        raise InvalidParameterError(
            f"engine {engine!r} has no topic-word priors, so it cannot fit seeded topics; "
            f"use one of {list(WORD_PRIOR_ENGINES)}"
        )
    seeds = resolve_seed_sets(guide_topics, vocabulary)
    if len(seeds) > k:
        raise InvalidParameterError(f"{len(seeds)} seed sets need k >= {len(seeds)}, got k={k}")
    for name, (words, _) in seeds.items():
        if not words:
            warnings.warn(
                f"seed set {name!r}: none of its words is in the filtered "
                "vocabulary, so its topic is unguided",
                stacklevel=3,
            )
    return seeds, _seed_prior(k, X, vocabulary, seeds, guide_weight)


def align_to_vocabulary(tokens: Any, vocabulary: tuple[str, ...]) -> sp.csr_matrix:
    """Count matrix of ``tokens`` with columns in ``vocabulary`` order (others dropped)."""
    import scipy.sparse as sp

    X = tokens.to_sparse().tocsr()
    col = {w: i for i, w in enumerate(vocabulary)}
    target = np.array([col.get(w, -1) for w in tokens.vocab], dtype=np.int64)
    coo = X.tocoo()
    keep = target[coo.col] >= 0 if coo.nnz else np.zeros(0, dtype=bool)
    out = sp.csr_matrix(
        (coo.data[keep], (coo.row[keep], target[coo.col[keep]])),
        shape=(X.shape[0], len(vocabulary)),
    )
    out.sort_indices()
    return out


def transform_topics(result: TopicResult, tokens: Tokens) -> pd.DataFrame:
    """Topic proportions of unseen documents with a fitted model.

    Parameters
    ----------
    result : TopicResult
        A fitted model (from :func:`fit_topics`, possibly on a sample).
    tokens : corpus.Tokens
        The new documents, tokenized with the same recipe.

    Returns
    -------
    DataFrame
        Index ``doc_id``, one column per topic; rows sum to one.

    Notes
    -----
    Terms are mapped to the model's vocabulary by their string; terms the
    model does not know are ignored, and a document with none of its terms
    gets uniform proportions.  Tokenize new documents with the same recipe.

    Examples
    --------
    >>> from corpus import Corpus, tokenize
    >>> docs = ["oil gas pipeline oil", "war troops army war"] * 4
    >>> r = fit_topics(tokenize(Corpus.from_texts(docs)), k=2, seed=1, min_df=1,
    ...                max_df=1.0, passes=20)
    >>> new = transform_topics(r, tokenize(Corpus.from_texts(["oil oil gas", "unknown words"])))
    >>> new.shape, new.loc["d1"].round(2).tolist()
    ((2, 2), [0.5, 0.5])
    """
    X = align_to_vocabulary(tokens, result.vocabulary)
    values = infer_engine(
        result.engine,
        result.model,
        X,
        result.vocabulary,
        seed=result.seed,
        params=result.params,
        n_jobs=int(result.params.get("n_jobs", 1)),
    )
    return pd.DataFrame(
        values, index=pd.Index(tokens.doc_ids, name="doc_id"), columns=result.doc_topic.columns
    )
