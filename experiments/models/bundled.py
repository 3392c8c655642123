"""Train the bundled frame models from the shared data (issue 14), or compare settings.

One command per model rebuilds the file that ships in ``framing/models/data/``::

    FRAMING_DATA=../shared/data python experiments/models/bundled.py train mideast
    FRAMING_DATA=../shared/data python experiments/models/bundled.py train generic_news

``compare`` prints cross-validated development figures of candidate settings (macro-F1
over the frames, out-of-fold, on the development codes only)::

    FRAMING_DATA=../shared/data python experiments/models/bundled.py compare mideast

Training data are the **development** samples of the validation registry
(``framing/lexicon/data/validation/registry.yaml``): units coded by the lexicon's author,
``mideast-dev`` (653 UNGDC paragraphs) and ``generic_news-dev`` (320 FA-KES and SOTU
units).  The blind test samples and FrAC are never read here.  Weak labels (lexicon hits)
on random units of the same corpora join as an extra with a small weight, and word vectors
(Word2Vec, seeded, one worker: deterministic) trained on UNGDC, FA-KES and SOTU paragraphs
give the semantic features.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from pathlib import Path

import numpy as np
import pandas as pd

import corpus
from corpus import Corpus, tokenize
from framing.embed import train_vectors
from framing.lexicon import load_lexicon
from framing.models import train_model

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DATA = Path(os.environ.get("FRAMING_DATA", ROOT.parent / "shared" / "data"))
VALIDATION = ROOT / "framing" / "lexicon" / "data" / "validation"
OUT = ROOT / "framing" / "models" / "data"
CACHE = Path(os.environ.get("FRAMING_CACHE", Path.home() / ".cache" / "framing"))
sys.path.insert(0, str(ROOT / "experiments" / "lexicon_validation"))

SEED = 14
N_WEAK = 4000
#: Settings chosen with ``compare`` on the development codes (cross-validation only).
SETTINGS = {
    "mideast": {"C": 1.0, "weak_weight": 0.1, "vectors": True, "ngram_weight": 1.0},
    "generic_news": {"C": 0.3, "weak_weight": 0.1, "vectors": True, "ngram_weight": 0.3},
}
VERSIONS = {"mideast": "1.0.0", "generic_news": "1.0.0"}
TESTS = {
    "mideast": ["mideast-test-2026-12"],
    "generic_news": ["generic_news-test-2026-12", "generic_news-heldout-topic-2026-12"],
}
SCOPES = {
    "mideast": "presence in UNGDC paragraphs (1970-2024) of Middle-East speakers and the P5",
    "generic_news": "presence in FA-KES three-sentence passages (Syrian-war news) and in "
    "English news and comment sentences on topics held out from training (FrAC)",
}


@functools.cache
def dev_units(name: str) -> tuple[Corpus, pd.DataFrame, str]:
    """The development sample's units (texts rebuilt from the shared data), codes, coder."""
    if name == "mideast":
        import mideast_figures

        sample = pd.read_csv(VALIDATION / "mideast_sample.csv", dtype=str)
        gold = pd.read_csv(VALIDATION / "mideast_gold.csv", dtype={"unit_id": str})
        units = mideast_figures.sample_corpus(sample)
    else:
        import generic_news_units

        gold = pd.read_csv(VALIDATION / "generic_news_gold.csv", dtype={"unit_id": str})
        every = generic_news_units.read_any_units()
        wanted = set(gold["unit_id"])
        keep = [i in wanted for i in every.doc_ids]
        sub = every.filter(keep).materialize()
        texts = dict(zip(sub.doc_ids, sub.texts, strict=True))
        units = Corpus.from_texts(
            [texts[i] for i in gold["unit_id"]], doc_ids=list(gold["unit_id"])
        )
    gold = gold.set_index("unit_id").loc[list(units.doc_ids)]
    coder = str(gold["coder"].iloc[0])
    return units, gold.drop(columns="coder"), coder


@functools.cache
def pool(name: str, exclude: frozenset[str]) -> Corpus:
    """Units of the model's corpus, for weak labels (test samples' units left out)."""
    if name == "mideast":
        import mideast_common

        units = mideast_common.read_units("lines")
    else:
        import generic_news_units

        units = generic_news_units.read_units().materialize()
    test = _test_ids()
    keep = [i not in exclude and i not in test for i in units.doc_ids]
    units = units.filter(keep).materialize()
    rng = np.random.default_rng(SEED)
    take = np.sort(rng.choice(len(units), size=min(N_WEAK, len(units)), replace=False))
    mask = np.zeros(len(units), dtype=bool)
    mask[take] = True
    return units.filter(mask).materialize()


def _test_ids() -> set[str]:
    ids: set[str] = set()
    for path in VALIDATION.glob("*-test-*.design.csv"):
        ids |= set(pd.read_csv(path, dtype={"unit_id": str})["unit_id"])
    return ids


@functools.cache
def vectors():
    """Word2Vec on UNGDC speeches, FA-KES articles and SOTU speeches (cached)."""
    import generic_news_units

    ungdc = corpus.read("ungdc", path=DATA / "ungdc" / "UNGDC_1946-2024_TXT.tar.gz")
    texts = list(ungdc.iter_texts())
    texts += list(generic_news_units.read_articles().texts)
    texts += list(corpus.read("sotu").texts)
    toks = tokenize(Corpus.from_texts(texts), cache_dir=CACHE / "tokens")
    return train_vectors(toks, method="word2vec", dim=100, min_count=10, seed=SEED,
                         workers=1, cache_dir=CACHE / "vectors")  # fmt: skip


def fit(
    name: str,
    *,
    C: float,
    weak_weight: float,
    use_vectors: bool,
    ngram_weight: float = 1.0,
    cv: int = 5,
):
    units, gold, coder = dev_units(name)
    weak = pool(name, frozenset(units.doc_ids)) if weak_weight > 0 else None
    vecs = vectors() if use_vectors else None
    card = {
        "training_data": f"{name}-dev (validation registry): {len(units)} coded units; weak "
        f"labels on {N_WEAK} random units of the same corpus (weight {weak_weight})",
        "coders": f"{coder}: an AI assistant, the lexicon's author, saw the term lists",
        "method": "TF-IDF words and word pairs, lexicon hits, DDR cosines (Word2Vec on "
        "UNGDC+FA-KES+SOTU); L2 logistic regression per frame; Platt calibration and "
        "F1 thresholds from 5-fold out-of-fold predictions",
        "validation": f"test samples of the registry, never used for training or tuning: "
        f"{', '.join(TESTS[name])}; figures in framing/models/data/{name}.md",
        "scope": SCOPES[name],
        "reproduce": f"FRAMING_DATA=../shared/data python experiments/models/bundled.py "
        f"train {name}",
    }
    return train_model(
        units, gold, load_lexicon(name), seed=SEED, name=name, version=VERSIONS[name],
        vectors=vecs, weak=weak, weak_weight=weak_weight, C=C, cv=cv, card=card,
        ngram_weight=ngram_weight,
    ), gold  # fmt: skip


def cv_table(model, gold: pd.DataFrame) -> pd.DataFrame:
    """Out-of-fold P/R/F1 per frame at the chosen thresholds (development evidence)."""
    from framing.validate import evaluate

    pred = (model.cv_predictions_ >= model.thresholds).astype(int)
    table = evaluate(pred, gold[list(model.frames)], n_boot=0, seed=0)
    table = table[~table["frame"].isin(["macro", "micro"])]
    return table[["frame", "precision", "recall", "f1", "support"]].reset_index(drop=True)


def transfer(setting: dict) -> float:
    """generic_news only: train on the FA-KES development units, test on the SOTU ones.

    A development proxy for a topic (and genre) the model never saw; macro-F1 over the
    frames with support in the SOTU units.
    """
    units, gold, _ = dev_units("generic_news")
    is_sotu = np.array([not i.split(":")[0].isdigit() for i in units.doc_ids])
    train_units = units.filter(~is_sotu).materialize()
    weak = pool("generic_news", frozenset(units.doc_ids)) if setting["weak_weight"] > 0 else None
    model = train_model(
        train_units, gold[~is_sotu], load_lexicon("generic_news"), seed=SEED,
        vectors=vectors() if setting["use_vectors"] else None, weak=weak,
        weak_weight=setting["weak_weight"], C=setting["C"], cv=5,
        ngram_weight=setting.get("ngram_weight", 1.0),
    )  # fmt: skip
    test = units.filter(is_sotu).materialize()
    pred = model.predict(test).to_numpy()
    g = gold[is_sotu].to_numpy()
    f1 = [2 * (p & t).sum() / max(p.sum() + t.sum(), 1) for p, t in zip(pred.T, g.T, strict=True)
          if t.sum()]  # fmt: skip
    return float(np.mean(f1))


def compare(name: str) -> None:
    grid = [
        {"C": 1.0, "weak_weight": 0.0, "use_vectors": False},
        {"C": 1.0, "weak_weight": 0.0, "use_vectors": True},
        {"C": 1.0, "weak_weight": 0.1, "use_vectors": True},
        {"C": 0.3, "weak_weight": 0.1, "use_vectors": True},
        {"C": 3.0, "weak_weight": 0.1, "use_vectors": True},
        {"C": 1.0, "weak_weight": 0.3, "use_vectors": True},
    ]
    for setting in grid:
        model, gold = fit(name, **setting)
        table = cv_table(model, gold)
        f1 = " ".join(f"{r.frame[:6]}={r.f1:.2f}" for r in table.itertuples())
        extra = f" | FA-KES->SOTU {transfer(setting):.3f}" if name == "generic_news" else ""
        print(f"{setting}: macro-F1 {table['f1'].mean():.3f} | {f1}{extra}", flush=True)


def train(name: str) -> Path:
    s = SETTINGS[name]
    model, gold = fit(name, C=s["C"], weak_weight=s["weak_weight"], use_vectors=s["vectors"],
                      ngram_weight=s["ngram_weight"])  # fmt: skip
    table = cv_table(model, gold)
    print(table.round(3).to_string(index=False))
    print(f"development macro-F1 (out-of-fold): {table['f1'].mean():.3f}")
    path = model.save(OUT / f"{name}.skops")
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB, fingerprint {model.fingerprint})")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("action", choices=["train", "compare"])
    parser.add_argument("name", choices=sorted(SETTINGS))
    args = parser.parse_args()
    if args.action == "compare":
        compare(args.name)
    else:
        train(args.name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
