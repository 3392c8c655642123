"""``framing lexicon expand`` and ``framing lexicon apply-review`` (#14)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import framing.cli as cli
from framing import read_lexicon


@pytest.fixture(autouse=True)
def only_lexicon_commands(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "COMMAND_MODULES", ("framing.cli._lexicon",))


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    texts = ["the intifada and resistance of the people"] * 4 + ["an uprising began"] * 3
    corpus_csv = tmp_path / "texts.csv"
    pd.DataFrame({"id": [f"t{i}" for i in range(7)], "text": texts}).to_csv(
        corpus_csv, index=False
    )
    lexicon = tmp_path / "toy.yaml"
    lexicon.write_text(
        "name: toy\nversion: 1.2.0\nframes:\n  resistance:\n    patterns: [resist*, intifada]\n"
    )
    (tmp_path / "toy.md").write_text("# Datasheet: toy\n\nHand-written.\n")
    vectors = tmp_path / "glove.txt"
    vectors.write_text("resistance 1 0\nintifada 1 0\nuprising 0.6 0.8\npeople 0 1\n")
    return {"corpus": corpus_csv, "lexicon": lexicon, "vectors": vectors, "dir": tmp_path}


def test_issue14_expand_then_apply_review_round_trips(files, capsys) -> None:
    review = files["dir"] / "review.csv"
    code = cli.main(
        [
            "lexicon",
            "expand",
            str(files["lexicon"]),
            str(files["corpus"]),
            "--text-col",
            "text",
            "--id-col",
            "id",
            "--frame",
            "resistance",
            "--vectors",
            str(files["vectors"]),
            "--vectors-format",
            "glove",
            "--min-count",
            "1",
            "--no-cache",
            "--out",
            str(review),
        ]
    )
    assert code == 0, capsys.readouterr().err
    table = pd.read_csv(review, keep_default_na=False)
    assert table["term"].tolist() == ["uprising", "people"]
    table.loc[table["term"] == "uprising", "decision"] = "accept"
    table.loc[table["term"] == "people", "decision"] = "reject"
    table.to_csv(review, index=False)
    out = files["dir"] / "toy-x.yaml"
    assert cli.main(["lexicon", "apply-review", str(review), "--out", str(out)]) == 0
    new = read_lexicon(out)
    assert new.version == "1.3.0"
    assert [p.text for p in new.frame("resistance").patterns] == [
        "resist*",
        "intifada",
        "uprising",
    ]
    assert new.frame("resistance").patterns[-1].provenance["source"] == "neighbour"
    sheet = out.with_suffix(".md").read_text()
    assert sheet.startswith("# Datasheet: toy\n\nHand-written.\n\n## Expansion 1.2.0 -> 1.3.0")
    assert "| resistance | `uprising` | neighbour | 0.6 |" in sheet


def test_issue14_cli_errors_exit_with_codes(files, capsys) -> None:
    code = cli.main(
        [
            "lexicon",
            "expand",
            str(files["lexicon"]),
            str(files["corpus"]),
            "--frame",
            "nope",
            "--vectors",
            str(files["vectors"]),
            "--vectors-format",
            "glove",
            "--no-cache",
            "--out",
            str(files["dir"] / "r.csv"),
        ]
    )
    assert code == 2 and "unknown frame(s) ['nope']" in capsys.readouterr().err
    code = cli.main(
        [
            "lexicon",
            "apply-review",
            str(files["dir"] / "missing.csv"),
            "--out",
            str(files["dir"] / "x.yaml"),
        ]
    )
    assert code == 1 and "no such review file" in capsys.readouterr().err
    assert not (files["dir"] / "x.yaml").exists()
    code = cli.main(["lexicon", "expand", "toy", str(files["corpus"]), "--out", "r.txt"])
    assert code == 2 and "the review table is a .csv file" in capsys.readouterr().err
