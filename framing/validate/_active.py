"""Active coding, simulated: how fast does a model learn as units are coded?

:func:`learning_curve` replays the loop *draw, code, retrain, re-evaluate* on units that are
already coded: it reveals their codes batch by batch, chosen at random or by the current
model's uncertainty (:func:`framing.validate.sample_for_coding`'s strategies), retrains a
:class:`framing.models.FrameModel` each time and scores it on held-out coded units.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from framing._errors import InvalidParameterError
from framing.lexicon import Lexicon

if TYPE_CHECKING:
    from corpus import Corpus

__all__ = ["learning_curve"]

_STRATEGIES = ("random", "uncertainty")


def _macro_f1(pred: pd.DataFrame, gold: pd.DataFrame) -> tuple[float, dict[str, float]]:
    """Macro-F1 and per-frame F1 (:func:`framing.validate.evaluate`, no intervals)."""
    from framing.validate._evaluate import evaluate

    f1 = evaluate(pred, gold, n_boot=0, seed=0).set_index("frame")["f1"]
    return float(f1["macro"]), {f: float(f1[f]) for f in gold.columns}


def _next_batch(
    strategy: str, model: Any, pool: Corpus, free: np.ndarray, k: int, rng: np.random.Generator
) -> np.ndarray:
    """Positions (into ``pool``) of the next ``k`` units to code."""
    candidates = np.flatnonzero(free)
    if strategy == "random" or model is None:
        return rng.choice(candidates, size=k, replace=False)
    sub = pool.filter(free).materialize()
    proba = model.predict_proba(sub).to_numpy()
    margin = np.abs(proba - model.thresholds).min(axis=1)
    order = np.lexsort((rng.random(margin.size), margin))
    return candidates[order[:k]]


def learning_curve(
    units: Corpus,
    codes: pd.DataFrame,
    lexicon: Lexicon,
    *,
    test_units: Corpus,
    test_codes: pd.DataFrame,
    sizes: Sequence[int],
    seed: int,
    strategies: Sequence[str] = ("random", "uncertainty"),
    cv: int = 3,
    **train_options: Any,
) -> pd.DataFrame:
    """Macro-F1 on held-out units as coded units accumulate (a simulated coding loop).

    Parameters
    ----------
    units : corpus.Corpus
        The pool of units a coder could code; their codes are revealed only
        when a unit is drawn.
    codes : DataFrame
        0/1 codes of ``units`` (indexed by their ids), one column per frame.
    lexicon : Lexicon
        The model's lexicon (:func:`framing.models.train_model`).
    test_units, test_codes
        Held-out coded units the models are scored on (never drawn, never trained on).
    sizes : sequence of int
        Numbers of coded units at which to retrain, ascending; the first batch is
        always drawn at random.
    seed : int
        Seed of the draws and of the models.
    strategies : sequence of {"random", "uncertainty"}, default=("random", "uncertainty")
        ``uncertainty`` draws the units whose probability lies nearest a frame's
        threshold under the latest model.
    cv : int, default=3
        Folds inside each training run.
    **train_options
        Passed to :func:`framing.models.train_model` (``min_df``, ``C``, ``vectors``...).

    Returns
    -------
    DataFrame
        One row per strategy and size: ``strategy``, ``n_coded``, ``f1`` (macro
        over frames) and one ``f1_<frame>`` column per frame.

    Examples
    --------
    >>> from corpus import Corpus
    >>> lex = Lexicon.from_terms("toy", {"war": ["war*"]})
    >>> texts = ["war now", "calm day", "missile strike", "quiet town"] * 10
    >>> codes = pd.DataFrame({"war": [1, 0, 1, 0] * 10})
    >>> pool = Corpus.from_texts(texts[:32])
    >>> codes.index = list(pool.doc_ids) + [f"t{i}" for i in range(8)]
    >>> test = Corpus.from_texts(texts[32:], doc_ids=[f"t{i}" for i in range(8)])
    >>> curve = learning_curve(pool, codes.iloc[:32], lex, test_units=test,
    ...                        test_codes=codes.iloc[32:], sizes=[12, 24], seed=0,
    ...                        strategies=["random"], min_df=1)
    >>> curve[["strategy", "n_coded", "f1"]].to_dict("list")
    {'strategy': ['random', 'random'], 'n_coded': [12, 24], 'f1': [1.0, 1.0]}
    """
    from framing.models import train_model

    sizes = [int(s) for s in sizes]
    if not sizes or sizes != sorted(set(sizes)) or sizes[0] < 2 * cv or sizes[-1] > len(units):
        raise InvalidParameterError(
            f"sizes must ascend from at least {2 * cv} to at most {len(units)} units"
        )
    unknown = [s for s in strategies if s not in _STRATEGIES]
    if unknown:
        raise InvalidParameterError(f"unknown strategies {unknown}; use {list(_STRATEGIES)}")
    frames = list(lexicon.frame_names)
    codes = codes.loc[list(units.doc_ids), frames]
    gold = test_codes.loc[list(test_units.doc_ids), frames]
    rows = []
    for strategy in strategies:
        rng = np.random.default_rng(seed)
        free = np.ones(len(units), dtype=bool)
        model = None
        for size in sizes:
            take = _next_batch(strategy, model, units, free, size - int((~free).sum()), rng)
            free[take] = False
            coded = units.filter(~free).materialize()
            model = train_model(coded, codes.loc[list(coded.doc_ids)], lexicon, seed=seed,
                                cv=cv, **train_options)  # fmt: skip
            macro, per = _macro_f1(model.predict(test_units), gold)
            rows.append({"strategy": strategy, "n_coded": size, "f1": macro,
                         **{f"f1_{f}": v for f, v in per.items()}})  # fmt: skip
    return pd.DataFrame(rows)
