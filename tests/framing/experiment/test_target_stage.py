"""The experiment config's ``targets:`` block and its stage (#17)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from framing import ConfigError
from framing.experiment import run_experiment
from framing.experiment._stages import STAGES

DOCS = (
    "id,outlet,text\n"
    'a,east,"Iran said Hezbollah is a resistance movement. The terrorists of Hezbollah."\n'
    'b,west,"The militia Hezbollah attacked. Officials said Hezbollah terrorists fled."\n'
)
TARGETS = "hezbollah: [hezbollah, militia]\niran: [iran]\n"
LEXICON = "name: toy\nframes:\n  resistance: [resistance]\n  threat: [terrorist*, attack*]\n"


def config(tmp_path: Path, targets_block: str) -> Path:
    (tmp_path / "docs.csv").write_text(DOCS)
    (tmp_path / "t.yaml").write_text(TARGETS)
    (tmp_path / "toy.yaml").write_text(LEXICON)
    path = tmp_path / "exp.yaml"
    path.write_text(f"""
name: t17
seed: 3
corpus: {{source: {tmp_path / "docs.csv"}, options: {{id_col: id}}}}
lexicons: [{tmp_path / "toy.yaml"}]
outputs: {{tables: [csv], figures: [png]}}
targets:
{targets_block}
""")
    return path


def stages() -> list:
    return [s for s in STAGES if s[0] in ("corpus", "scoring", "targets")]


def test_stage_writes_rows_links_shares_aliases_and_figures(tmp_path: Path) -> None:
    block = f"""  targets: {tmp_path / "t.yaml"}
  shares: [{{by: [outlet], n_boot: 50}}]
  aliases: [{{by: outlet, n_boot: 50}}]
  alias_keyness: [{{by: outlet, group: east, reference: west, n_boot: 50}}]"""
    result = run_experiment(config(tmp_path, block), out_dir=tmp_path / "runs", stages=stages())
    tables = result.path / "tables"
    rows = pd.read_csv(tables / "targets_rows.csv")
    assert rows[["doc_id", "sentence_id", "source", "target", "frame"]].values.tolist() == [
        ["a", 1, "Iran", "hezbollah", "resistance"],
        ["a", 1, "Iran", "iran", "none"],  # the speaker, beside another target (scope clause)
        ["a", 2, "unattributed", "hezbollah", "threat"],
        ["b", 1, "unattributed", "hezbollah", "threat"],
        ["b", 2, "Officials", "hezbollah", "threat"],
    ]
    shares = pd.read_csv(tables / "targets_shares_0.csv")
    east = shares[(shares["outlet"] == "east") & (shares["target"] == "hezbollah")]
    assert east.set_index("frame")["share"].to_dict() == {"resistance": 0.5, "threat": 0.5}
    aliases = pd.read_csv(tables / "targets_aliases_0.csv")
    assert aliases[aliases["outlet"] == "west"].set_index("alias")["count"].to_dict() == {
        "hezbollah": 2, "militia": 1}  # fmt: skip
    assert (tables / "targets_alias_keyness_0.csv").is_file()
    assert (tables / "targets_links.csv").is_file()
    figures = sorted(p.name for p in (result.path / "figures").iterdir())
    assert figures == ["targets_aliases_0_hezbollah.png", "targets_aliases_0_iran.png",
                       "targets_shares_0.png"]  # fmt: skip


@pytest.mark.parametrize(
    ("block", "message"),
    [("  targets: nosuch", "targets.targets: no bundled target list named 'nosuch'"),
     ("  targets: syria_war\n  lexicon: other", "targets.lexicon: 'other' is not one of"),
     ("  targets: syria_war\n  shares: [{by: [party]}]", "targets.shares.0:")],
)  # fmt: skip
def test_config_errors_name_the_key(tmp_path: Path, block: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        run_experiment(config(tmp_path, block), out_dir=tmp_path / "runs", stages=stages())
