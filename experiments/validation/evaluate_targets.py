"""Score target attribution and target-frame links on the blind-coded sample.

Runs ``framing.targets.frame_targets`` on the whole documents of the units drawn
by ``draw_targets_sample.py`` (FA-KES articles with the ``syria_war`` list;
UNGDC speeches with ``mideast_actors`` and their speakers from
``Speakers_by_session.xlsx``), takes the rows of each drawn sentence, and
compares them with every codes file in the coding folder
(``codes_adjudicated.csv``, ``codes_A.csv``, ``codes_B.csv``), overall and per
corpus, with bootstrap intervals over units (seed ``SEED``).  Also reports
the two coders against each other (A as "system", B as "gold").

``--scope`` chooses the link scope (default ``clause``, the current rules; ``sentence``
the first version's).  The first version's figures on ``targets-test-2026-12`` are
reproduced at tag ``wave2-base`` (target lists 0.1.0, sentence scope).

Writes ``targets_evaluation.csv`` (one row per codes file, scope and metric)
and ``targets_system_codes.csv`` (the system's rows in the codes' form) into
OUT, and prints the table.

Usage::

    python experiments/validation/evaluate_targets.py \
        --data ../shared/data --out OUT \
        --coding framing/targets/data/validation/targets-test-2026-12
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

SEED = 1717
N_BOOT = 2000
LISTS = {"fakes": "syria_war", "ungdc": "mideast_actors"}
CODES = ("codes_adjudicated.csv", "codes_A.csv", "codes_B.csv")


def _fakes(data: Path, doc_ids: set[str]):
    import corpus

    corp = corpus.read(data / "news" / "fa-kes" / "FA-KES-Dataset.csv",
                       text_col="article_content", meta_cols=["source"])  # fmt: skip
    return corp.filter([d in doc_ids for d in corp.doc_ids]).materialize(), {}


def _ungdc(data: Path, doc_ids: set[str]):
    import corpus
    from framing.targets import ungdc_speakers

    corp = corpus.load_ungdc(data / "ungdc" / "UNGDC_1946-2024_TXT.tar.gz")
    corp = corp.filter([d in doc_ids for d in corp.doc_ids]).materialize()
    speaker, own = ungdc_speakers(corp.docvars, data / "ungdc" / "Speakers_by_session.xlsx")
    return corp, {"speaker": speaker, "self_names": own}


def system_codes(data: Path, key: pd.DataFrame, scope: str = "clause") -> pd.DataFrame:
    """The system's (unit_id, source, target, frame) rows for every drawn unit."""
    from framing.targets import frame_targets

    parts = []
    for name, read in (("fakes", _fakes), ("ungdc", _ungdc)):
        units = key[key["corpus"] == name]
        corp, options = read(data, set(units["doc_id"]))
        rows = frame_targets(corp, LISTS[name], "mideast", scope=scope, **options).rows
        merged = units.merge(rows, on=["doc_id", "sentence_id"], how="inner")
        parts.append(merged[["unit_id", "source", "target", "frame"]])
    return pd.concat(parts, ignore_index=True).drop_duplicates()


def _scores(system: pd.DataFrame, gold: pd.DataFrame, key: pd.DataFrame, label: str):
    from framing.targets import evaluate_targets

    out = []
    for scope, units in [("all", key), *key.groupby("corpus")]:
        ids = set(units["unit_id"])
        mine, theirs = system[system["unit_id"].isin(ids)], gold[gold["unit_id"].isin(ids)]
        table = evaluate_targets(mine, theirs, n_boot=N_BOOT, seed=SEED)
        out.append(table.assign(codes=label, scope=scope, units=len(ids)))
    return out


def main() -> None:
    from framing.targets import read_target_codes

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--coding", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--scope", choices=["clause", "sentence"], default="clause")
    parser.add_argument(
        "--codes", nargs="*", default=list(CODES), help="codes files in the coding folder"
    )
    args = parser.parse_args()
    key = pd.read_csv(args.coding / "units_key.csv", dtype={"sentence_id": "int64"})
    system = system_codes(args.data, key, args.scope)
    args.out.mkdir(parents=True, exist_ok=True)
    system.to_csv(args.out / "targets_system_codes.csv", index=False)
    codes = {name: read_target_codes(args.coding / name, units=key["unit_id"])
             for name in args.codes if (args.coding / name).is_file()}  # fmt: skip
    tables = []
    for name, gold in codes.items():
        tables += _scores(system, gold, key, name)
    if {"codes_A.csv", "codes_B.csv"} <= set(codes):
        tables += _scores(codes["codes_A.csv"], codes["codes_B.csv"], key, "A_vs_B")
    result = pd.concat(tables, ignore_index=True)
    result = result[["codes", "scope", "units", "metric", "estimate", "ci_low", "ci_high",
                     "numerator", "denominator"]]  # fmt: skip
    result.to_csv(args.out / "targets_evaluation.csv", index=False, float_format="%.4f")
    with pd.option_context("display.width", 200, "display.max_rows", 500):
        print(result.round(3).to_string(index=False))


if __name__ == "__main__":
    main()
