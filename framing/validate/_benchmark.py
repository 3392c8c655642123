"""External benchmarks: single-label prediction from frame scores, scored against FrAC.

FrAC (Guida et al. 2025) codes one primary frame per sentence in ten categories of the
Media Frames Corpus scheme.  A measure predicts one category per sentence from its frame
scores (:func:`predict_single_label`); :func:`benchmark_frac` scores every sentence and
reports per-category precision, recall and F1 with bootstrap intervals, macro-F1 and
accuracy.  FrAC is a test set: nothing here is ever fitted to it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framing._conventions import N_BOOT
from framing._errors import InvalidParameterError

__all__ = [
    "FRAC_CATEGORIES",
    "FRAC_MAPPINGS",
    "BenchmarkResult",
    "benchmark_frac",
    "frac_measure",
    "predict_single_label",
]

#: FrAC's ten categories, in the order of their codes (1, 3, 4, 5, 6, 8, 9, 11, 12, 15).
FRAC_CATEGORIES: tuple[str, ...] = (
    "economic", "morality", "fairness_equality", "legality_crime", "policy_political",
    "security_defense", "health_safety", "cultural_identity", "public_opinion", "other",
)  # fmt: skip

#: Measure -> {frame: FrAC category}.  Frames absent from a mapping are ignored.
FRAC_MAPPINGS: Mapping[str, Mapping[str, str]] = {
    "policy_frames": {
        "economic": "economic",
        "capacity_resources": "other",
        "morality": "morality",
        "fairness_equality": "fairness_equality",
        "legality": "legality_crime",
        "policy": "policy_political",
        "crime_punishment": "legality_crime",
        "security_defense": "security_defense",
        "health_safety": "health_safety",
        "quality_of_life": "other",
        "cultural_identity": "cultural_identity",
        "public_opinion": "public_opinion",
        "political": "policy_political",
        "external_regulation": "other",
    },
    "generic_news": {"economic_consequences": "economic", "morality": "morality"},
}


def predict_single_label(
    weighted: pd.DataFrame,
    counts: pd.DataFrame,
    mapping: Mapping[str, str],
    *,
    categories: Sequence[str] = FRAC_CATEGORIES,
    default: str = "other",
) -> pd.Series:
    """One category per unit: the top-scoring category of the mapped frames.

    A category's score is the sum of the weighted scores of the frames mapped to it.
    Tie rule: the higher summed hit count wins; a remaining tie goes to the category
    listed first in ``categories``.  A unit with no hit of a mapped frame gets
    ``default``.

    Examples
    --------
    >>> w = pd.DataFrame({"a": [2.0, 1.0, 0.0, 1.0], "b": [1.0, 1.0, 0.0, 0.5]})
    >>> c = pd.DataFrame({"a": [2, 1, 0, 1], "b": [1, 1, 0, 2]})
    >>> predict_single_label(w, c, {"a": "x", "b": "y"}, categories=["y", "x", "z"],
    ...                      default="z").tolist()
    ['x', 'y', 'z', 'x']
    """
    unknown = sorted(set(mapping.values()) - set(categories) - {default})
    if unknown:
        raise InvalidParameterError(f"mapping targets {unknown} are not categories")
    missing = sorted(set(mapping) - set(weighted.columns))
    if missing:
        raise InvalidParameterError(f"mapped frames {missing} are not in the scores")
    order = [c for c in categories if c in set(mapping.values())]
    score = np.column_stack([weighted[[f for f in mapping if mapping[f] == c]].sum(axis=1)
                             for c in order])  # fmt: skip
    hits = np.column_stack([counts[[f for f in mapping if mapping[f] == c]].sum(axis=1)
                            for c in order])  # fmt: skip
    top = np.isclose(score, score.max(axis=1, keepdims=True))
    best = np.argmax(np.where(top, hits, -1), axis=1)  # first maximum: category order
    labels = np.array(order, dtype=object)[best]
    labels[hits.sum(axis=1) == 0] = default
    return pd.Series(labels, index=weighted.index, name="predicted")


def frac_measure(name: str) -> tuple[Any, Mapping[str, str]]:
    """The measure ``name`` (a bundled lexicon for now) and its FrAC mapping.

    Raises
    ------
    InvalidParameterError
        The measure has no documented mapping to FrAC's categories.
    """
    if name not in FRAC_MAPPINGS:
        raise InvalidParameterError(
            f"measure {name!r} has no mapping to FrAC's categories; "
            f"mapped measures: {', '.join(sorted(FRAC_MAPPINGS))}"
        )
    from framing.lexicon import load_lexicon

    return load_lexicon(name), FRAC_MAPPINGS[name]


@dataclass(frozen=True)
class BenchmarkResult:
    """Predictions and figures of one measure on FrAC."""

    measure: str
    version: str
    predictions: pd.DataFrame
    table: pd.DataFrame
    accuracy: tuple[float, float, float]
    confusion: pd.DataFrame
    evaluated: tuple[str, ...]
    mapping: Mapping[str, str]
    n_boot: int
    seed: int

    @property
    def macro_f1(self) -> float:
        """Mean F1 over the evaluated categories."""
        return float(self.table.set_index("frame").loc["macro", "f1"])

    def report_markdown(self, figure: str | None = None, *, source: str = "") -> str:
        """The benchmark report (Markdown)."""
        return _report(self, figure, source)


def _accuracy(gold: np.ndarray, pred: np.ndarray, n_boot: int, seed: int) -> tuple:
    correct = (gold == pred).astype(float)
    if not n_boot:
        return float(correct.mean()), float("nan"), float("nan")
    from framing.validate._evaluate import _bootstrap_weights

    weights = _bootstrap_weights(len(gold), n_boot, seed)
    boots = weights @ correct / len(gold)
    low, high = np.quantile(boots, [0.025, 0.975])
    return float(correct.mean()), float(low), float(high)


def benchmark_frac(
    path: str | Path, measure: str, *, seed: int, n_boot: int = N_BOOT
) -> BenchmarkResult:
    """Score FrAC's sentences with a measure and compare its single labels with the gold.

    Parameters
    ----------
    path : str or path
        FrAC's ``gold_standard_single_label_all.csv``.
    measure : str
        A measure with a FrAC mapping (:data:`FRAC_MAPPINGS`).
    n_boot : int, default=2000
        Bootstrap resamples of sentences for the 95% intervals.
    seed : int
        Seed of the bootstrap.

    Returns
    -------
    BenchmarkResult
        Categories evaluated: all ten when the measure maps to every category but
        ``other``, else only the categories its frames map to.
    """
    import corpus
    from framing.score import score_frames
    from framing.validate._evaluate import evaluate

    if n_boot < 0:
        raise InvalidParameterError("n_boot must be >= 0")
    lexicon, mapping = frac_measure(measure)
    sentences = corpus.read("frac", path=path)
    scores = score_frames(sentences, lexicon, unit="document")
    weighted = scores.weighted if scores.weighted is not None else scores.counts
    predicted = predict_single_label(weighted, scores.counts, mapping)
    gold = sentences.docvars["label"].reindex(predicted.index)
    mapped = set(mapping.values())
    full = mapped >= set(FRAC_CATEGORIES) - {"other"}
    evaluated = FRAC_CATEGORIES if full else tuple(c for c in FRAC_CATEGORIES if c in mapped)
    ids = pd.Series(predicted.index, name="doc_id")
    onehot = {
        name: pd.DataFrame({"doc_id": ids, **{c: (s.to_numpy() == c).astype(int)
                                               for c in evaluated}})
        for name, s in (("pred", predicted), ("gold", gold))
    }  # fmt: skip
    table = evaluate(onehot["pred"], onehot["gold"], n_boot=n_boot, seed=seed)
    accuracy = _accuracy(gold.to_numpy(), predicted.to_numpy(), n_boot, seed)
    confusion = pd.crosstab(
        pd.Categorical(gold, FRAC_CATEGORIES), pd.Categorical(predicted, FRAC_CATEGORIES),
        rownames=["gold"], colnames=["predicted"], dropna=False,
    )  # fmt: skip
    predictions = pd.DataFrame({"id": ids, "gold": gold.to_numpy(),
                                "predicted": predicted.to_numpy()})  # fmt: skip
    return BenchmarkResult(lexicon.name, lexicon.version, predictions, table, accuracy,
                           confusion, tuple(evaluated), dict(mapping), n_boot, seed)  # fmt: skip


def _report(result: BenchmarkResult, figure: str | None, source: str) -> str:
    from framing.validate._registry import _ci

    acc, lo, hi = result.accuracy
    macro = _ci(result.table.set_index("frame").loc["macro"], "f1")
    header = (
        "| category | support | TP | FP | FN | precision [95% CI] | recall [95% CI] "
        "| F1 [95% CI] |"
    )
    lines = [
        f"# FrAC benchmark: `{result.measure}` {result.version}",
        "",
        f"FrAC gold standard{f' ({source})' if source else ''}: {len(result.predictions)} "
        "sentences, one human-coded frame each. FrAC is a test set: the measure was not "
        "tuned on it.",
        "",
        "Single-label rule: each FrAC category scores the sum of the weighted hits of the "
        "frames mapped to it; the top category wins; ties go to the higher hit count, then "
        "to the category listed first (FrAC code order); a sentence with no hit is `other`.",
        "",
        f"- **macro-F1** over {len(result.evaluated)} categories "
        f"({', '.join(result.evaluated)}): {macro}",
        f"- **accuracy** (all ten categories): {acc:.2f} [{lo:.2f}, {hi:.2f}]",
        f"- 95% intervals: percentile bootstrap over sentences, {result.n_boot} resamples, "
        f"seed {result.seed}.",
        "",
        header,
        "|---|---:|---:|---:|---:|---|---|---|",
    ]
    for _, row in result.table.iterrows():
        if row["frame"] == "micro":
            continue
        lines.append(
            f"| {row['frame']} | {row['support']} | {row['tp']} | {row['fp']} | {row['fn']} | "
            f"{_ci(row, 'precision')} | {_ci(row, 'recall')} | {_ci(row, 'f1')} |"
        )
    lines += ["", "Mapping of the measure's frames to FrAC categories:", ""]
    lines += [f"- `{frame}` -> `{cat}`" for frame, cat in result.mapping.items()]
    lines += ["", "Confusion matrix (rows gold, columns predicted):", ""]
    cats = list(result.confusion.columns)
    lines.append("| gold \\ predicted | " + " | ".join(cats) + " |")
    lines.append("|---|" + "---:|" * len(cats))
    for gold, row in result.confusion.iterrows():
        lines.append(f"| {gold} | " + " | ".join(str(int(v)) for v in row) + " |")
    if figure:
        lines += ["", f"![Confusion matrix]({figure})"]
    return "\n".join(lines) + "\n"
