"""``framing targets SOURCE --targets X --lexicon Y --out FILE`` (#17)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import framing.cli as cli
from tests.conftest import require_shared

TARGETS = "pmf: [popular mobilization forces, pmf]\nhezbollah: [hezbollah]\n"
LEXICON = "name: toy\nframes:\n  resistance: [resistance]\n"
DOCS = ('id,text\na,"Larijani declared that Hezbollah is a resistance group. '
        'Western governments push Iraq to dismantle the PMF."\n')  # fmt: skip


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(cli, "COMMAND_MODULES", ("framing.cli._targets",))
    (tmp_path / "t.yaml").write_text(TARGETS)
    (tmp_path / "toy.yaml").write_text(LEXICON)
    (tmp_path / "docs.csv").write_text(DOCS)
    return tmp_path


def test_rows_and_links(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["targets", str(files / "docs.csv"), "--id-col", "id", "--targets",
                     str(files / "t.yaml"), "--lexicon", str(files / "toy.yaml"), "--out",
                     str(files / "rows.csv"), "--links", str(files / "links.csv")])  # fmt: skip
    assert code == 0
    rows = pd.read_csv(files / "rows.csv")
    assert rows.values.tolist() == [["a", 1, "Larijani", "hezbollah", "resistance", 1],
                                    ["a", 2, "Western governments", "pmf", "none", 1]]  # fmt: skip
    links = pd.read_csv(files / "links.csv")
    assert links.loc[0, "sentence"].startswith("Larijani declared that [[Hezbollah]] is a <<")
    assert "2 rows (2 targets, 2 sources)" in capsys.readouterr().out


def test_scope_option_issue17(files: Path, tmp_path: Path) -> None:
    (files / "two.csv").write_text('id,text\nb,"Hezbollah will resist; the PMF marched."\n')
    (files / "toy2.yaml").write_text("name: toy\nframes:\n  resistance: [resist]\n")
    base = ["targets", str(files / "two.csv"), "--id-col", "id", "--targets",
            str(files / "t.yaml"), "--lexicon", str(files / "toy2.yaml"), "--out"]  # fmt: skip
    assert cli.main([*base, str(tmp_path / "c.csv")]) == 0
    assert cli.main([*base, str(tmp_path / "s.csv"), "--scope", "sentence"]) == 0
    clause = pd.read_csv(tmp_path / "c.csv")[["target", "frame"]].values.tolist()
    sentence = pd.read_csv(tmp_path / "s.csv")[["target", "frame"]].values.tolist()
    assert clause == [["hezbollah", "resistance"], ["pmf", "none"]]
    assert sentence == [["hezbollah", "resistance"], ["pmf", "resistance"]]


@pytest.mark.parametrize(
    ("extra", "message"),
    [(["--out", "rows.txt"], "use a .csv, .parquet or .tex"),
     (["--out", "r.csv", "--window", "-1"], "--window must be 0 or more"),
     (["--out", "r.csv", "--targets", "nope"], "no bundled target list named 'nope'")],
)  # fmt: skip
def test_usage_errors_exit_2(files: Path, capsys: pytest.CaptureFixture[str], extra: list[str],
                             message: str) -> None:  # fmt: skip
    argv = ["targets", str(files / "docs.csv"), "--targets", str(files / "t.yaml"),
            "--lexicon", "mideast", *extra]  # fmt: skip
    assert cli.main(argv) == 2
    assert message in capsys.readouterr().err
    assert not list(files.glob("r*.csv"))


def test_example_report_acceptance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = require_shared("news", "example")
    monkeypatch.setattr(cli, "COMMAND_MODULES", ("framing.cli._targets",))
    (tmp_path / "t.yaml").write_text(
        "pmf: [popular mobilization forces, popular mobilisation*, hashd, al-hashd al-shaabi, "
        "pmf]\nhezbollah: [hezbollah, hizbullah, hizballah]\n")  # fmt: skip
    out = tmp_path / "rows.csv"
    assert cli.main(["targets", str(folder), "--targets", str(tmp_path / "t.yaml"),
                     "--lexicon", "mideast", "--out", str(out)]) == 0  # fmt: skip
    rows = pd.read_csv(out)[["source", "target", "frame"]].values.tolist()
    for row in (["Ali Larijani", "hezbollah", "resistance"],
                ["Western governments", "pmf", "none"],
                ["Western governments", "hezbollah", "none"],
                ["Iranian leaders", "pmf", "foreign_interference"],
                ["Iranian leaders", "hezbollah", "foreign_interference"]):  # fmt: skip
        assert row in rows
