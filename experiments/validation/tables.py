"""Generate the datasheets' headline tables and the scope records' figures from the registry.

For every ``test`` sample of the registry (``framing/lexicon/data/validation/registry.yaml``)
this script rebuilds the units' texts from the shared data (the segmentation of
``draw_test_samples.py``), scores them with the bundled measure at its current version
(presence = at least one hit), and compares them with each blind coder and with the
adjudicated codes (:func:`framing.validate.sample_figures`: P/R/F1 with 95% percentile
bootstrap intervals over units, Krippendorff's alpha between coders).  It then

* replaces the block between ``<!-- registry:<id> -->`` and ``<!-- /registry:<id> -->`` in
  the measure's datasheet (``framing/lexicon/data/<measure>.md``), and
* writes the figures into the record ``scope_record`` of ``<measure>.scope.yaml``.

Development samples never reach these blocks, so roles cannot be mixed.  Samples whose
entry names an ``evaluation`` script (the target samples: ``evaluate_targets.py``) are
scored by that script and skipped here.

Usage::

    FRAMING_DATA=../shared/data python experiments/validation/tables.py          # print
    FRAMING_DATA=../shared/data python experiments/validation/tables.py --write  # rewrite
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

import corpus
from framing.lexicon import load_lexicon
from framing.score import score_frames
from framing.validate import figures_markdown, read_registry, sample_figures

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DATA = ROOT / "framing" / "lexicon" / "data"
sys.path.insert(0, str(HERE))
import draw_test_samples as draw  # noqa: E402

sys.path.insert(0, str(ROOT / "experiments" / "models"))
import draw_heldout_topic as heldout  # noqa: E402


def unit_texts(entry: dict) -> pd.DataFrame:
    """unit_id, text, weight of a test sample's units (rebuilt from the shared data)."""
    design = pd.read_csv(entry["units"], dtype={"unit_id": str})
    if entry["corpus"] == "ungdc":
        old = pd.read_csv(DATA / "validation" / "mideast_sample.csv", dtype=str)
        frame, _ = draw.mideast_units(old)
    elif entry["corpus"] == "fa-kes":
        old = pd.read_csv(DATA / "validation" / "generic_news_sample.csv", dtype=str)
        frame, _ = draw.fakes_units(old)
    elif entry["corpus"] == "frac":
        frame = heldout.population()
    else:
        raise SystemExit(f"{entry['id']}: no unit builder for corpus {entry['corpus']!r}")
    texts = frame.set_index("unit_id")["text"]
    missing = sorted(set(design["unit_id"]) - set(texts.index))
    if missing:
        raise SystemExit(f"{entry['id']}: units not found in the data: {missing[:5]}")
    return design.assign(text=texts.reindex(design["unit_id"]).to_numpy())


def predictions(units: pd.DataFrame, measure: str) -> pd.DataFrame:
    """doc_id plus one hit-count column per frame."""
    lexicon = load_lexicon(measure)
    docs = corpus.Corpus.from_texts(list(units["text"]), doc_ids=list(units["unit_id"]))
    counts = score_frames(docs, lexicon).counts
    return counts.reset_index().rename(columns={counts.index.name or "index": "doc_id"})


def weighted_f1(pred: pd.DataFrame, codes_file: Path, weights: pd.Series) -> dict[str, float]:
    """Design-weighted (population) F1 point estimates per frame, and their mean."""
    gold = pd.read_csv(codes_file, dtype={"unit_id": str}).set_index("unit_id")
    pred = pred.set_index("doc_id")
    w = weights.reindex(pred.index).to_numpy()
    out = {}
    for frame in pred.columns:
        p = pred[frame].to_numpy() >= 1
        g = gold[frame].reindex(pred.index).to_numpy() == 1
        tp, fp, fn = (w * (p & g)).sum(), (w * (p & ~g)).sum(), (w * (~p & g)).sum()
        out[frame] = float(2 * tp / (2 * tp + fp + fn)) if tp + fp + fn else float("nan")
    out["macro"] = float(np.nanmean(list(out.values())))
    return out


def scope_figures(fig, weighted: dict[str, float]) -> dict:
    """The figures mapping of a scope record."""
    table = fig.adjudicated.set_index("frame")

    def triple(row: pd.Series, name: str) -> list[float]:
        return [round(float(row[name]), 3), round(float(row[f"{name}_ci_low"]), 3),
                round(float(row[f"{name}_ci_high"]), 3)]  # fmt: skip

    alpha = fig.alpha.set_index("frame")["krippendorff_alpha"]
    frames = [f for f in table.index if f not in ("macro", "micro")]
    return {
        "against": "adjudicated codes",
        "n_units": fig.n_units,
        "macro_f1": triple(table.loc["macro"], "f1"),
        "micro_f1": triple(table.loc["micro"], "f1"),
        "macro_f1_design_weighted": round(weighted["macro"], 3),
        "per_frame": {
            f: {k: triple(table.loc[f], k) for k in ("precision", "recall", "f1")} for f in frames
        },
        "krippendorff_alpha": {f: round(float(alpha[f]), 3) for f in frames},
        "macro_f1_by_coder": {
            n: triple(t.set_index("frame").loc["macro"], "f1") for n, t in fig.per_coder.items()
        },
    }


def replace_block(text: str, sample: str, block: str, where: Path) -> str:
    """Swap the generated block of ``sample`` in a datasheet."""
    pattern = re.compile(
        rf"(<!-- registry:{re.escape(sample)} -->\n).*?(<!-- /registry:{re.escape(sample)} -->)",
        re.DOTALL,
    )
    if not pattern.search(text):
        raise SystemExit(f"{where}: no <!-- registry:{sample} --> ... block to fill")
    return pattern.sub(lambda m: m.group(1) + block + m.group(2), text)


def write_scope(measure: str, record_id: str, figures: dict) -> None:
    """Put ``figures`` into one record of ``<measure>.scope.yaml`` (header comments kept)."""
    path = DATA / f"{measure}.scope.yaml"
    text = path.read_text(encoding="utf-8")
    header = "".join(line + "\n" for line in text.splitlines() if line.startswith("#"))
    data = yaml.safe_load(text)
    records = [r for r in data["records"] if r["id"] == record_id]
    if not records:
        raise SystemExit(f"{path}: no record {record_id!r}")
    records[0]["figures"] = figures
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=95)
    path.write_text(header + body, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--registry", type=Path, default=DATA / "validation" / "registry.yaml")
    parser.add_argument("--n-boot", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--write", action="store_true", help="rewrite datasheets and records")
    args = parser.parse_args()
    for entry in read_registry(args.registry):
        if entry["role"] != "test" or entry.get("evaluation"):
            continue  # samples with their own evaluation script (e.g. targets) are scored there
        units = unit_texts(entry)
        weights = units.set_index("unit_id")["weight"]
        for measure in entry["measures"]:
            pred = predictions(units, measure)
            fig = sample_figures(entry, pred, measure=measure, n_boot=args.n_boot,
                                 seed=args.seed)  # fmt: skip
            weighted = weighted_f1(pred, entry["adjudicated"]["file"], weights)
            block = figures_markdown(fig, entry)
            block += (f"\nDesign-weighted (population) point estimate of macro-F1 against the "
                      f"adjudicated codes: {weighted['macro']:.2f}.\n")  # fmt: skip
            print(f"## {entry['id']} / {measure}\n\n{block}")
            if args.write:
                sheet = DATA / f"{measure}.md"
                text = sheet.read_text(encoding="utf-8")
                sheet.write_text(replace_block(text, entry["id"], block, sheet), encoding="utf-8")
                write_scope(measure, entry["scope_record"], scope_figures(fig, weighted))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
