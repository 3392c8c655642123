"""Topic quality: coherence, exclusivity, choice of K and stability across seeds.

Coherence (c_v, c_npmi, u_mass) comes from gensim's ``CoherenceModel``.  Its
cost is counting word co-occurrences in the reference documents, so every
call here counts them once for the union of the top words of all the models
it is given (several K, several seeds), and can count them on a seeded
sample of documents (``reference_docs``).
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from framing._conventions import renamed_parameters
from framing._errors import InvalidParameterError
from framing.topics._fit import TopicResult, fit_topics

if TYPE_CHECKING:
    from corpus import Tokens

__all__ = ["MEASURES", "coherence", "exclusivity", "select_k", "topic_stability"]

#: Coherence measures computed by gensim's CoherenceModel.
MEASURES: tuple[str, ...] = ("c_v", "c_npmi", "u_mass")


def _as_models(results: Any) -> dict[str, TopicResult]:
    if isinstance(results, TopicResult):
        return {"0": results}
    if isinstance(results, Mapping):
        return {str(key): value for key, value in results.items()}
    return {str(i): r for i, r in enumerate(results)}


def reference_rows(n_docs: int, reference_docs: int | None, seed: int | None) -> np.ndarray:
    """Rows of the reference documents: all, or a sorted seeded sample without replacement.

    A sample needs an explicit ``seed``; all documents need none.

    Examples
    --------
    >>> reference_rows(5, None, 0).tolist()
    [0, 1, 2, 3, 4]
    >>> len(reference_rows(100, 10, 0))
    10
    """
    if reference_docs is None or reference_docs >= n_docs:
        return np.arange(n_docs)
    if reference_docs < 1:
        raise InvalidParameterError(f"reference_docs must be a positive int, got {reference_docs}")
    if seed is None:
        raise InvalidParameterError(
            f"reference_docs={reference_docs} draws a sample of the {n_docs} documents: "
            "give its seed= (an int)"
        )
    rng = np.random.default_rng(seed)
    return np.sort(rng.choice(n_docs, size=reference_docs, replace=False))


def _reference(tokens: Any, rows: np.ndarray, words: list[str], need_texts: bool):
    """gensim Dictionary over ``words``, BOW corpus and token texts of the reference rows."""
    from gensim.corpora import Dictionary
    from gensim.matutils import Sparse2Corpus

    from framing.topics._fit import align_to_vocabulary

    dictionary = Dictionary()
    dictionary.token2id = {w: i for i, w in enumerate(words)}
    dictionary.id2token = dict(enumerate(words))
    X = align_to_vocabulary(tokens, tuple(words))[rows]
    bow = list(Sparse2Corpus(X, documents_columns=False))
    texts = None
    if need_texts:
        vocab = np.asarray(tokens.vocab, dtype=object)
        offsets, ids = tokens.offsets, tokens.ids
        texts = [vocab[ids[offsets[i] : offsets[i + 1]]].tolist() for i in rows]
    present = {words[j] for j in np.unique(X.indices)}
    return dictionary, bow, texts, present


def _per_topic(
    measure: str,
    topics: list[list[str]],
    dictionary: Any,
    bow: list,
    texts: list | None,
    n_jobs: int,
) -> np.ndarray:
    from gensim.models import CoherenceModel

    model = CoherenceModel(
        topics=topics,
        corpus=bow,
        texts=texts if measure != "u_mass" else None,
        dictionary=dictionary,
        coherence=measure,
        topn=max(len(t) for t in topics),
        processes=n_jobs,
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(model.get_coherence_per_topic(), dtype=np.float64)


@renamed_parameters({"reference_seed": "seed"}, since="0.2.0")
def coherence(
    results: TopicResult | Sequence[TopicResult] | Mapping[str, TopicResult],
    tokens: Tokens,
    *,
    measures: Sequence[str] = MEASURES,
    topn: int = 10,
    reference_docs: int | None = None,
    seed: int | None = None,
    n_jobs: int = 1,
) -> pd.DataFrame:
    """Topic coherence of one or several fitted models, in one tidy table.

    Parameters
    ----------
    results : TopicResult, sequence or mapping of TopicResult
        Models to score; a mapping's keys name them in the ``model`` column
        (otherwise their position).  Co-occurrences are counted once for all.
    tokens : corpus.Tokens
        Reference documents (normally those the models were fitted on).
    measures : sequence of {"c_v", "c_npmi", "u_mass"}, default=all three
        c_v and c_npmi count co-occurrence in sliding windows (110 and 10
        tokens) of the token sequences; u_mass counts document co-occurrence.
    topn : int, default=10
        Top words (by probability) per topic.
    reference_docs : int, optional
        Count co-occurrences on this many documents drawn without replacement
        with ``numpy.random.default_rng(seed)`` (sorted); all
        documents when omitted.
    seed : int, optional
        Seed of that sample, required when ``reference_docs`` draws one
        (``reference_seed`` is its deprecated name).
    n_jobs : int, default=1
        Processes gensim uses to count windows.

    Returns
    -------
    DataFrame
        Columns model, topic, measure, value.  A topic whose score is not
        finite (a top word absent from the reference documents, or words that
        never co-occur) is dropped with a warning that says why.

    Examples
    --------
    >>> from corpus import Corpus, tokenize
    >>> tokens = tokenize(Corpus.from_texts(["oil gas oil", "war army war", "gas oil"] * 4))
    >>> r = fit_topics(tokens, k=2, seed=1, min_df=1, max_df=1.0)
    >>> coherence(r, tokens, measures=["u_mass"], topn=2).columns.tolist()
    ['model', 'topic', 'measure', 'value']
    """
    unknown = sorted(set(measures) - set(MEASURES))
    if unknown:
        raise InvalidParameterError(
            f"unknown coherence measure(s) {unknown}; choose from {MEASURES}"
        )
    models = _as_models(results)
    tops = {
        name: r.top_terms(topn).groupby("topic")["term"].apply(list) for name, r in models.items()
    }
    flat = [(name, topic, words) for name, s in tops.items() for topic, words in s.items()]
    union = sorted({w for _, _, words in flat for w in words})
    rows = reference_rows(len(tokens), reference_docs, seed)
    need_texts = any(m != "u_mass" for m in measures)
    dictionary, bow, texts, present = _reference(tokens, rows, union, need_texts)
    usable = [f for f in flat if len(f[2]) > 1 and set(f[2]) <= present]
    _warn_absent([f for f in flat if f not in usable], present)
    records = []
    for measure in measures:
        values = (
            _per_topic(measure, [f[2] for f in usable], dictionary, bow, texts, n_jobs)
            if usable
            else np.zeros(0)
        )
        for (name, topic, _), value in zip(usable, values, strict=True):
            records.append((name, int(topic), measure, float(value)))
    table = pd.DataFrame(records, columns=["model", "topic", "measure", "value"])
    return _drop_nonfinite(table)


def _warn_absent(skipped: list, present: set[str]) -> None:
    for name, topic, words in skipped:
        missing = [w for w in words if w not in present]
        warnings.warn(
            f"model {name}, topic {topic}: coherence not computed because its top word(s) "
            f"{missing} do not occur in the reference documents (use more reference_docs); "
            "the topic is left out of the coherence table",
            stacklevel=3,
        )


def _drop_nonfinite(table: pd.DataFrame) -> pd.DataFrame:
    bad = ~np.isfinite(table["value"].to_numpy(dtype=np.float64))
    for row in table[bad].itertuples():
        warnings.warn(
            f"model {row.model}, topic {row.topic}: {row.measure} is {row.value} because its "
            "top words never co-occur in the reference windows; the value is dropped",
            stacklevel=3,
        )
    return table[~bad].reset_index(drop=True)


def exclusivity(result: TopicResult, *, topn: int = 10) -> pd.Series:
    """Exclusivity of each topic: how specific its top words are to it.

    Parameters
    ----------
    result : TopicResult
        A fitted model.
    topn : int, default=10
        Top words (by probability) per topic.

    Returns
    -------
    Series
        Indexed by topic, in (0, 1]:
        ``mean over top words v of beta[k, v] / sum_j beta[j, v]`` (1 = no other
        topic uses its top words).

    Examples
    --------
    >>> from corpus import Corpus, tokenize
    >>> tokens = tokenize(Corpus.from_texts(["oil gas oil", "war army war"] * 4))
    >>> r = fit_topics(tokens, k=2, seed=1, min_df=1, max_df=1.0, passes=20)
    >>> bool((exclusivity(r, topn=2) > 0.9).all())
    True
    """
    beta = result.topic_term.to_numpy()
    share = beta / beta.sum(axis=0, keepdims=True).clip(min=1e-300)
    order = np.argsort(-beta, axis=1, kind="stable")[:, : min(topn, beta.shape[1])]
    values = np.take_along_axis(share, order, axis=1).mean(axis=1)
    return pd.Series(values, index=result.topic_term.index, name="exclusivity")


# ------------------------------------------------------------ stability
def _similarity(P: np.ndarray, Q: np.ndarray, metric: str) -> np.ndarray:
    """Pairwise similarity of topic-term rows: cosine, or 1 - Jensen-Shannon (base 2)."""
    if metric == "cosine":
        P_n = P / np.linalg.norm(P, axis=1, keepdims=True).clip(min=1e-300)
        Q_n = Q / np.linalg.norm(Q, axis=1, keepdims=True).clip(min=1e-300)
        return P_n @ Q_n.T
    if metric != "jsd":
        raise InvalidParameterError(f"metric must be 'jsd' or 'cosine', got {metric!r}")
    out = np.empty((P.shape[0], Q.shape[0]))
    for i, p in enumerate(P):
        m = 0.5 * (p[None, :] + Q)
        with np.errstate(divide="ignore", invalid="ignore"):
            kl_p = np.where(p > 0, p * np.log2(p / m), 0.0).sum(axis=1)
            kl_q = np.where(Q > 0, Q * np.log2(Q / m), 0.0).sum(axis=1)
        out[i] = 1.0 - 0.5 * (kl_p + kl_q)
    return out


@dataclass(frozen=True)
class TopicStability:
    """Stability of topics across runs (see :func:`topic_stability`)."""

    per_topic: pd.DataFrame
    matches: pd.DataFrame
    mean: float
    metric: str


def topic_stability(results: Sequence[TopicResult], *, metric: str = "jsd") -> TopicStability:
    """Match topics between runs (Hungarian matching) and measure how well they agree.

    Parameters
    ----------
    results : sequence of TopicResult
        Two or more fits (e.g. the same data with different seeds).  The first
        is the reference; each other run is matched to it one-to-one.
    metric : {"jsd", "cosine"}, default="jsd"
        Similarity of topic-term distributions: ``1 - JSD`` (Jensen-Shannon
        divergence, base 2, so in [0, 1]) or cosine similarity.  Terms are
        aligned by name; a term missing from a run has probability 0 there.

    Returns
    -------
    TopicStability
        ``matches`` (run, topic, matched_topic, similarity), ``per_topic``
        (topic, stability = mean similarity to its matches, min_similarity)
        and ``mean`` (mean of per-topic stability).

    Examples
    --------
    >>> from corpus import Corpus, tokenize
    >>> tokens = tokenize(Corpus.from_texts(["oil gas oil", "war army war"] * 4))
    >>> runs = [fit_topics(tokens, k=2, seed=s, min_df=1, max_df=1.0, passes=20)
    ...         for s in (1, 2)]
    >>> round(topic_stability(runs).mean, 1)
    1.0
    """
    from scipy.optimize import linear_sum_assignment

    if len(results) < 2:
        raise InvalidParameterError("topic_stability needs at least two fitted models")
    reference = results[0].topic_term
    terms = reference.columns
    for r in results[1:]:
        terms = terms.union(r.topic_term.columns, sort=False)
    P = reference.reindex(columns=terms, fill_value=0.0).to_numpy()
    rows = []
    for run, other in enumerate(results[1:], start=1):
        Q = other.topic_term.reindex(columns=terms, fill_value=0.0).to_numpy()
        sim = _similarity(P, Q, metric)
        ref_idx, other_idx = linear_sum_assignment(sim, maximize=True)
        rows += [
            (run, int(a), int(b), float(sim[a, b]))
            for a, b in zip(ref_idx, other_idx, strict=True)
        ]
    matches = pd.DataFrame(rows, columns=["run", "topic", "matched_topic", "similarity"])
    per_topic = (
        matches.groupby("topic")["similarity"]
        .agg(stability="mean", min_similarity="min")
        .reset_index()
    )
    return TopicStability(per_topic, matches, float(per_topic["stability"].mean()), metric)


# ------------------------------------------------------------ select K
def select_k(
    tokens: Tokens,
    ks: Sequence[int],
    *,
    seeds: Sequence[int],
    measures: Sequence[str] = MEASURES,
    topn: int = 10,
    reference_docs: int | None = None,
    **fit_kwargs: Any,
) -> pd.DataFrame:
    """Fit a grid of K (and seeds) and tabulate quality for choosing K.

    Parameters
    ----------
    tokens : corpus.Tokens
        The documents.
    ks : sequence of int
        Numbers of topics to try.
    seeds : sequence of int
        One fit per seed and K; with two or more seeds a ``stability`` row
        (mean 1 - JSD after Hungarian matching) is added per K.
    measures : sequence of str, default=("c_v", "c_npmi", "u_mass")
        Coherence measures (see :func:`coherence`).
    topn : int, default=10
        Top words per topic for coherence and exclusivity.
    reference_docs : int, optional
        Seeded sample of reference documents for coherence (seed = first of
        ``seeds``); co-occurrences are counted once for every K and seed.
    **fit_kwargs
        Passed to :func:`fit_topics` (engine, min_df, passes, ...).

    Returns
    -------
    DataFrame
        Tidy: k, seed (``<NA>`` for stability), measure, value (mean over
        topics), n_topics (topics with a finite value).

    Examples
    --------
    >>> from corpus import Corpus, tokenize
    >>> tokens = tokenize(Corpus.from_texts(["oil gas oil", "war army war", "gas"] * 4))
    >>> table = select_k(tokens, [2, 3], seeds=[1], measures=["u_mass"], topn=2,
    ...                  min_df=1, max_df=1.0)
    >>> sorted(set(table["measure"])), sorted(set(table["k"]))
    (['exclusivity', 'u_mass'], [2, 3])
    """
    if not ks or not seeds:
        raise InvalidParameterError("select_k needs at least one k and one seed")
    fits = {
        (int(k), int(s)): fit_topics(tokens, k=int(k), seed=int(s), **fit_kwargs)
        for k in ks
        for s in seeds
    }
    names = {f"{k}/{s}": key for key, k, s in ((key, *key) for key in fits)}
    table = coherence(
        {n: fits[key] for n, key in names.items()},
        tokens,
        measures=measures,
        topn=topn,
        reference_docs=reference_docs,
        seed=int(seeds[0]),
    )
    rows = []
    for name, (k, s) in names.items():
        part = table[table["model"] == name]
        for measure in measures:
            values = part.loc[part["measure"] == measure, "value"]
            if len(values):
                rows.append((k, s, measure, float(values.mean()), len(values)))
        excl = exclusivity(fits[(k, s)], topn=topn)
        rows.append((k, s, "exclusivity", float(excl.mean()), len(excl)))
    for k in dict.fromkeys(int(k) for k in ks):
        if len(seeds) > 1:
            stab = topic_stability([fits[(k, int(s))] for s in seeds])
            rows.append((k, None, "stability", stab.mean, k))
    out = pd.DataFrame(rows, columns=["k", "seed", "measure", "value", "n_topics"])
    out["seed"] = out["seed"].astype("Int64")
    return out.sort_values(["k", "measure", "seed"], kind="stable").reset_index(drop=True)
