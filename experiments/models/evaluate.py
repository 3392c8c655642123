"""Evaluate lexicon, expanded lexicon, semantic score and trained model on the test samples.

Every method is scored the same way, per frame, on the **test** samples of the validation
registry (units drawn at random and coded blind; never used to train or tune anything):
presence of the frame against the adjudicated codes, precision, recall and F1 with 95%
percentile bootstrap intervals over units (1,000 resamples, seed 0).

* ``lexicon``: the bundled lexicon (presence = at least one hit);
* ``expanded``: the lexicon plus the terms a reviewer accepted from ``framing lexicon
  expand`` (``experiments/models/expanded/<name>-x.yaml``);
* ``semantic``: DDR cosines (the bundled model's word vectors, :func:`framing.measures.
  ddr_scores`) calibrated to presence on the development codes (:func:`framing.measures.
  calibrate_ddr`);
* ``model``: the bundled trained model.

Writes ``benchmarks/models/comparison.csv`` and ``comparison.png``, the table in
``benchmarks/models.md`` and the validation block of each model card
(``framing/models/data/<name>.md``)::

    FRAMING_DATA=../shared/data python experiments/models/evaluate.py --write
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from corpus import Corpus
from framing.lexicon import load_lexicon, read_lexicon
from framing.models import load_model
from framing.score import score_frames
from framing.validate import evaluate, read_registry

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
REGISTRY = ROOT / "framing" / "lexicon" / "data" / "validation" / "registry.yaml"
BENCH = ROOT / "benchmarks"
CARDS = ROOT / "framing" / "models" / "data"
METHODS = ("lexicon", "expanded", "semantic", "model")
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "experiments" / "validation"))
import bundled  # noqa: E402
import tables  # noqa: E402


def _presence(table: pd.DataFrame, frames: tuple[str, ...]) -> pd.DataFrame:
    return (table[list(frames)] > 0).astype(int)


def predictions(name: str, units: Corpus) -> dict[str, pd.DataFrame]:
    """0/1 per unit and frame for every method (indexed by unit id)."""
    from framing.embed import WordVectors
    from framing.measures import calibrate_ddr, ddr_scores

    lexicon = load_lexicon(name)
    frames = lexicon.frame_names
    model = load_model(name)
    expanded = read_lexicon(HERE / "expanded" / f"{name}-x.yaml")
    out = {
        "lexicon": _presence(score_frames(units, lexicon).counts, frames),
        "expanded": _presence(score_frames(units, expanded).counts, frames),
        "model": model.predict(units),
    }
    space = model.space
    known = np.abs(space.embedding).sum(axis=1) > 0
    words = [w for w, k in zip(space.words, known, strict=True) if k]
    vecs = WordVectors.from_arrays(words, space.embedding[known])
    dev, codes, _ = bundled.dev_units(name)
    calibration = calibrate_ddr(ddr_scores(dev, lexicon, vecs), codes)
    scores = ddr_scores(units, lexicon, vecs).fillna(-1.0)
    out["semantic"] = calibration.predict(scores)[list(frames)].astype(int)
    return out


def compare(name: str, seed: int, n_boot: int) -> pd.DataFrame:
    """One row per (sample, method, frame) plus macro rows."""
    rows = []
    for entry in read_registry(REGISTRY):
        if entry["role"] != "test" or name not in entry["measures"] or entry.get("evaluation"):
            continue
        units_table = tables.unit_texts(entry)
        ids = list(units_table["unit_id"])
        units = Corpus.from_texts(list(units_table["text"]), doc_ids=ids)
        gold = pd.read_csv(entry["adjudicated"]["file"], dtype={"unit_id": str})
        gold = gold.set_index("unit_id").loc[ids].reset_index(names="doc_id")
        for method, pred in predictions(name, units).items():
            table = evaluate(pred.loc[ids].reset_index(names="doc_id"), gold, n_boot=n_boot,
                             seed=seed)  # fmt: skip
            table.insert(0, "method", method)
            table["n_units"] = len(ids)
            table.insert(0, "sample", entry["id"])
            rows.append(table)
    if not rows:
        raise SystemExit(f"no test sample of {name!r} in {REGISTRY}")
    return pd.concat(rows, ignore_index=True)


def markdown(table: pd.DataFrame) -> str:
    """F1 [CI] per frame (rows) and method (columns), one block per sample."""
    parts = []
    for sample, part in table.groupby("sample", sort=False):
        triples = zip(part.f1, part.f1_ci_low, part.f1_ci_high, strict=True)
        cell = part.assign(cell=[f"{f:.2f} [{lo:.2f}, {hi:.2f}]" for f, lo, hi in triples])
        wide = cell.pivot(index="frame", columns="method", values="cell")
        order = [f for f in part["frame"].unique() if f not in ("macro", "micro")]
        wide = wide.loc[[*order, "macro"], [m for m in METHODS if m in wide.columns]]
        head = "| frame | " + " | ".join(wide.columns) + " |"
        sep = "|---" * (len(wide.columns) + 1) + "|"
        body = [f"| {f} | " + " | ".join(wide.loc[f]) + " |" for f in wide.index]
        parts.append(f"**{sample}** (F1 [95% CI], {part['n_units'].iloc[0]} units)\n\n"
                     + "\n".join([head, sep, *body]) + "\n")  # fmt: skip
    return "\n".join(parts)


def figure(table: pd.DataFrame, path: Path) -> None:
    """F1 with its interval per frame, one panel per sample, one colour per method."""
    from framing.figures import plot_measure_comparison, save_figure

    fig = plot_measure_comparison(table, panel="sample")
    save_figure(fig, path)


def replace_block(path: Path, key: str, block: str) -> None:
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(rf"(<!-- {key} -->\n).*?(<!-- /{key} -->)", re.DOTALL)
    if not pattern.search(text):
        raise SystemExit(f"{path}: no <!-- {key} --> block")
    path.write_text(pattern.sub(lambda m: m.group(1) + block + m.group(2), text), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--n-boot", type=int, default=1000)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    tables_all = [compare(name, args.seed, args.n_boot) for name in ("mideast", "generic_news")]
    table = pd.concat(tables_all, ignore_index=True)
    text = markdown(table)
    print(text)
    if args.write:
        out = BENCH / "models"
        out.mkdir(exist_ok=True)
        table.round(4).to_csv(out / "comparison.csv", index=False, lineterminator="\n")
        figure(table, out / "comparison.png")
        replace_block(BENCH / "models.md", "comparison", text)
        for name, part in zip(("mideast", "generic_news"), tables_all, strict=True):
            replace_block(CARDS / f"{name}.md", "validation", markdown(part))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
