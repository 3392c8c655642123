"""Covariate effects on topic prevalence with the method of composition.

stm's ``estimateEffect(uncertainty="Global")`` for the engines this package
fits: draw every document's topic proportions from the model's approximate
posterior (:func:`framing.topics.draw_doc_topics`), regress each draw on the
covariates by OLS with robust or clustered errors, and combine the ``M`` fits
by Rubin's rules, so the interval carries both the sampling and the topic
model's uncertainty about each document's proportions.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from framing._errors import InvalidParameterError
from framing.stats._glm import (
    EFFECT_COLUMNS,
    EffectSpec,
    fit_model,
    se_label,
    variables,
)

__all__ = ["rubin_combine", "topic_effects"]


def rubin_combine(
    estimates: np.ndarray, variances: np.ndarray, alpha: float = 0.05
) -> pd.DataFrame:
    """Combine ``M`` fits (rows) of several coefficients (columns) by Rubin's rules.

    Parameters
    ----------
    estimates, variances : ndarray
        Shape ``(M, p)``: each fit's coefficients and squared standard errors.
    alpha : float, default=0.05
        1 - confidence level.

    Returns
    -------
    DataFrame
        ``estimate, std_error, ci_low, ci_high, p_value, df`` per coefficient.

    Notes
    -----
    ``q = mean(q_m)``, ``W = mean(v_m)``, ``B = var(q_m)``,
    ``T = W + (1 + 1/M) B``; the reference is Student's t with
    ``(M - 1) (1 + W / ((1 + 1/M) B))^2`` degrees of freedom (Rubin 1987).

    Examples
    --------
    >>> r = rubin_combine(np.array([[1.0], [3.0]]), np.array([[1.0], [1.0]]))
    >>> r[["estimate", "std_error"]].values.round(4).tolist()
    [[2.0, 2.0]]
    """
    from scipy import stats

    m = estimates.shape[0]
    if m < 2:
        raise InvalidParameterError("Rubin's rules need at least two draws")
    q = estimates.mean(axis=0)
    within = variances.mean(axis=0)
    between = estimates.var(axis=0, ddof=1)
    total = within + (1 + 1 / m) * between
    with np.errstate(divide="ignore"):
        ratio = np.where(between > 0, within / ((1 + 1 / m) * between), np.inf)
    df = (m - 1) * (1 + ratio) ** 2
    se = np.sqrt(total)
    crit = stats.t.ppf(1 - alpha / 2, df)
    return pd.DataFrame(
        {
            "estimate": q,
            "std_error": se,
            "ci_low": q - crit * se,
            "ci_high": q + crit * se,
            "p_value": 2 * stats.t.sf(np.abs(q / se), df),
            "df": df,
        }
    )


def _design(docvars: pd.DataFrame, rhs: str, cluster: str | None) -> tuple[Any, Any]:
    import patsy

    used = variables(rhs, docvars.columns)
    missing = [c for c in used if docvars[c].isna().any()]
    if missing:
        raise InvalidParameterError(f"covariate(s) {missing} have missing values")
    try:
        X = patsy.dmatrix(rhs, docvars[used], return_type="dataframe", NA_action="raise")
    except patsy.PatsyError as error:
        raise InvalidParameterError(f"cannot build the design of '~ {rhs}': {error}") from error
    if np.linalg.matrix_rank(X.to_numpy()) < X.shape[1]:
        raise InvalidParameterError(f"the design of '~ {rhs}' is rank-deficient")
    groups = None
    if cluster is not None:
        if cluster not in docvars.columns:
            raise InvalidParameterError(f"cluster column {cluster!r} is not a docvar")
        groups = pd.factorize(docvars[cluster].astype(str), sort=True)[0]
    return X, groups


def _topic_list(k: int, topics: Sequence[int] | None) -> list[int]:
    chosen = list(range(k)) if topics is None else [int(t) for t in topics]
    bad = [t for t in chosen if not 0 <= t < k]
    if bad:
        raise InvalidParameterError(f"topic(s) {bad} do not exist; the model has 0..{k - 1}")
    return chosen


def topic_effects(
    result: Any,
    formula: str,
    *,
    tokens: Any,
    seed: int,
    n_draws: int = 25,
    topics: Sequence[int] | None = None,
    cluster: str | None = None,
    cov_type: str = "HC1",
    uncertainty: Literal["global", "none"] = "global",
    alpha: float = 0.05,
    docs: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Effects of document covariates on topic proportions (stm ``estimateEffect``).

    Parameters
    ----------
    result : TopicResult
        A fitted model (:func:`framing.topics.fit_topics`).
    formula : str
        ``"~ terms"`` (patsy) over the documents' docvars, e.g.
        ``"~ C(bloc) + bs(year, df=4)"``; a left side is ignored.
    tokens : corpus.Tokens
        The documents (with their docvars), tokenized with the model's recipe.
    seed : int
        Seed of the posterior draws.
    n_draws : int, default=25
        Draws of the topic proportions (``M``).
    topics : sequence of int, optional
        Topics to model (default all).
    cluster : str, optional
        Docvar for cluster-robust errors in each regression.
    cov_type : str, default="HC1"
        Covariance without ``cluster``.
    uncertainty : {"global", "none"}, default="global"
        ``"global"``: the method of composition; ``"none"``: one regression on
        the point estimates (ignores the topic model's uncertainty; the only
        choice for NMF).
    alpha : float, default=0.05
        1 - confidence level.
    docs : sequence of str, optional
        Ids of the documents to regress (e.g. two groups in a period); the
        proportions are drawn for all documents of ``tokens`` (so one seed
        gives the same draws whatever the subset) and the regressions use
        these.  Default: all documents.

    Returns
    -------
    DataFrame
        ``topic`` and the effects columns (``term, estimate, std_error,
        ci_low, ci_high, p_value, n, method``).

    Notes
    -----
    Draw ``theta^(m) ~ q(theta | w)`` for ``m = 1..M``; fit
    ``theta_dk^(m) = x_d' b_k + e``; combine with :func:`rubin_combine`.

    Examples
    --------
    >>> from corpus import Corpus, tokenize
    >>> from framing.topics import fit_topics
    >>> docs = ["oil gas pipeline oil", "war troops army war"] * 4
    >>> toks = tokenize(Corpus.from_texts(docs, docvars={"war": [0, 1] * 4}))
    >>> r = fit_topics(toks, k=2, seed=1, min_df=1, max_df=1.0, passes=20)
    >>> e = topic_effects(r, "~ war", tokens=toks, n_draws=5, seed=3)
    >>> e.columns.tolist()[:3], len(e)
    (['topic', 'term', 'estimate'], 4)
    """
    if uncertainty not in ("global", "none"):
        raise InvalidParameterError(f"uncertainty must be 'global' or 'none', got {uncertainty!r}")
    rhs = formula.split("~", 1)[1].strip() if "~" in formula else formula.strip()
    docvars = tokens.docvars
    rows = _doc_rows(docvars.index, docs)
    X, groups = _design(docvars.iloc[rows], rhs or "1", cluster)
    chosen = _topic_list(int(result.k), topics)
    spec = EffectSpec("topic", rhs, "ols", "rate", None, cluster, cov_type, alpha, 1.0, 1)
    if uncertainty == "none":
        point = result.doc_topic.loc[docvars.index].to_numpy(dtype=float)[None]
        method = f"ols on point estimates ({se_label(spec, groups)})"
    else:
        from framing.topics import draw_doc_topics

        point = draw_doc_topics(result, tokens, n_draws=n_draws, seed=seed)
        method = f"composition, {n_draws} draws ({se_label(spec, groups)})"
    return _regress_draws(point[:, rows, :], X, groups, spec, chosen, method)


def _doc_rows(index: pd.Index, docs: Sequence[str] | None) -> np.ndarray:
    """Positions of ``docs`` among the documents (all of them when ``docs`` is None)."""
    if docs is None:
        return np.arange(len(index))
    wanted = pd.Index([str(d) for d in docs])
    positions = pd.Index(index.astype(str)).get_indexer(wanted)
    if (positions < 0).any():
        missing = list(wanted[positions < 0][:3])
        raise InvalidParameterError(f"docs= names ids that are not documents: {missing}")
    if len(positions) < 2:
        raise InvalidParameterError("docs= must name at least two documents")
    return positions


def _regress_draws(
    draws: np.ndarray,
    X: pd.DataFrame,
    groups: np.ndarray | None,
    spec: EffectSpec,
    topics: list[int],
    method: str,
) -> pd.DataFrame:
    """One OLS per draw and topic; Rubin-combined (or plain with one draw)."""
    from framing.stats._glm import tidy

    parts = []
    for t in topics:
        fits = [fit_model(draw[:, t], X, spec, groups=groups) for draw in draws]
        if len(fits) == 1:
            part = tidy(fits[0], list(X.columns), n=len(X), method=method, alpha=spec.alpha)
        else:
            est = np.array([np.asarray(f.params) for f in fits])
            var = np.array([np.asarray(f.bse) ** 2 for f in fits])
            part = rubin_combine(est, var, spec.alpha).drop(columns="df")
            part.insert(0, "term", list(X.columns))
            part["n"], part["method"] = len(X), method
        part.insert(0, "topic", t)
        parts.append(part)
    return pd.concat(parts, ignore_index=True)[["topic", *EFFECT_COLUMNS]]
