"""The validation section of experiment configs (issue 7)."""

from __future__ import annotations

import pandas as pd
import pytest

from framing import ConfigError
from framing.experiment import run_experiment, stage_corpus, stage_scoring, stage_validation

STAGES = [("corpus", stage_corpus), ("scoring", stage_scoring), ("validation", stage_validation)]


@pytest.fixture
def setup(tmp_path):
    texts = pd.DataFrame(
        {
            "id": ["a", "b", "c", "d"],
            "text": ["The siege went on.", "Aid arrived.", "A siege of ideas.", "Rain."],
        }
    )
    texts.to_csv(tmp_path / "docs.csv", index=False)
    (tmp_path / "lex.yaml").write_text(
        "name: toy\nframes:\n  war: {patterns: [siege]}\n  aid: {patterns: [aid]}\n"
    )
    pd.DataFrame(
        {"doc_id": ["a", "b", "c", "d"], "war": [1, 0, 0, 0], "aid": [0, 1, 0, 0]}
    ).to_csv(tmp_path / "gold.csv", index=False)
    config = f"""
name: val
seed: 1
corpus:
  source: {tmp_path / "docs.csv"}
  options: {{id_col: id, text_col: text}}
lexicons: [{tmp_path / "lex.yaml"}]
analyses:
  validation:
    - {{lexicon: toy, gold: {tmp_path / "gold.csv"}, n_boot: 200}}
outputs: {{tables: [csv], figures: []}}
"""
    (tmp_path / "val.yaml").write_text(config)
    return tmp_path


def test_validation_table_is_written_with_the_run_issue7(setup):
    result = run_experiment(setup / "val.yaml", out_dir=setup / "runs", stages=STAGES)
    table = pd.read_csv(result.path / "tables" / "validation_toy_0.csv").set_index("frame")
    assert table.loc["war", ["tp", "fp", "fn"]].tolist() == [1, 1, 0]
    assert table.loc["aid", "f1"] == 1.0
    assert {"precision_ci_low", "f1_ci_high", "n_gold", "n_used"} <= set(table.columns)


def test_gold_units_outside_the_corpus_issue7(setup):
    gold = pd.read_csv(setup / "gold.csv")
    pd.concat([gold, gold.head(1).assign(doc_id="zz")]).to_csv(setup / "gold.csv", index=False)
    with pytest.raises(ConfigError, match=r"analyses\.validation\.0: 1 gold units are not"):
        run_experiment(setup / "val.yaml", out_dir=setup / "runs", stages=STAGES)
    result = run_experiment(
        setup / "val.yaml",
        overrides=["analyses.validation.0.missing=drop"],
        out_dir=setup / "runs",
        stages=STAGES,
    )
    table = pd.read_csv(result.path / "tables" / "validation_toy_0.csv")
    assert set(table["n_gold"]) == {5} and set(table["n_used"]) == {4}


def test_validation_names_bad_keys_issue7(setup):
    with pytest.raises(ConfigError, match=r"analyses\.validation\.0\.lexicon"):
        run_experiment(
            setup / "val.yaml",
            overrides=["analyses.validation.0.lexicon=other"],
            out_dir=setup / "runs",
            stages=STAGES,
        )


def test_validation_on_another_unit_keeps_the_scoring_options_issue7(setup):
    texts = pd.read_csv(setup / "docs.csv")
    texts.loc[2, "text"] = "There was no siege."
    texts.to_csv(setup / "docs.csv", index=False)
    pd.DataFrame(
        {"doc_id": ["a:1", "b:1", "c:1", "d:1"], "war": [1, 0, 0, 0], "aid": [0, 1, 0, 0]}
    ).to_csv(setup / "gold_para.csv", index=False)
    overrides = [
        "scoring.negation_window=2",
        "analyses.validation.0.unit=paragraph",
        f"analyses.validation.0.gold={setup / 'gold_para.csv'}",
    ]
    result = run_experiment(
        setup / "val.yaml", overrides=overrides, out_dir=setup / "runs", stages=STAGES
    )
    table = pd.read_csv(result.path / "tables" / "validation_toy_0.csv").set_index("frame")
    assert table.loc["war", ["tp", "fp", "fn"]].tolist() == [1, 0, 0]  # "no siege" is negated
