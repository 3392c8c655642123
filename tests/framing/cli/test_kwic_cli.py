"""``framing kwic SOURCE --lexicon X [--frame F] [--window N] [--out FILE]`` (#3)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import framing.cli as cli
from tests.framing.cli.conftest import run

LEXICON = """\
name: toy
frames:
  sovereignty: [sovereign*, territorial integrity]
  war:
    patterns: [war*]
    exclusions: [war crimes]
"""

DOCS = (
    "id,year,text\n"
    'a,1990,"Our territorial\nintegrity is sovereign, no war."\n'
    'b,1991,"War crimes and a war."\n'
)


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    monkeypatch.setattr(cli, "COMMAND_MODULES", ("framing.cli._kwic",))
    (tmp_path / "toy.yaml").write_text(LEXICON)
    (tmp_path / "docs.csv").write_text(DOCS)
    return tmp_path / "docs.csv", tmp_path / "toy.yaml"


def test_issue3_kwic_cli_prints_concordance(files, capsys) -> None:
    docs, lex = files
    code, out, _ = run(
        capsys,
        "kwic",
        str(docs),
        "--id-col",
        "id",
        "--lexicon",
        str(lex),
        "--window",
        "2",
        "--width",
        "12",
    )
    assert code == 0
    assert out.splitlines() == [
        "a  sovereignty           Our [territorial integrity] is sovereign",
        "a  sovereignty  integrity is [sovereign] , no war",
        "a  war          overeign, no [war]",
        "b  war                 and a [war]",
    ]


def test_issue3_kwic_cli_frame_filter(files, capsys) -> None:
    docs, lex = files
    code, out, _ = run(
        capsys, "kwic", str(docs), "--id-col", "id", "--lexicon", str(lex), "--frame", "war"
    )
    assert code == 0
    assert [line.split()[1] for line in out.splitlines()] == ["war", "war"]


def test_issue3_kwic_cli_writes_csv_and_tex(files, capsys, tmp_path: Path) -> None:
    docs, lex = files
    out_csv = tmp_path / "k.csv"
    code, out, _ = run(
        capsys, "kwic", str(docs), "--id-col", "id", "--lexicon", str(lex), "--out", str(out_csv)
    )
    assert code == 0
    assert out.strip() == f"{out_csv}: 4 hits"
    table = pd.read_csv(out_csv, keep_default_na=False)
    assert table.columns.tolist()[:5] == ["doc_id", "year", "frame", "pattern", "left"]
    assert table["match"].tolist() == ["territorial\nintegrity", "sovereign", "war", "war"]
    out_tex = tmp_path / "k.tex"
    code, _, _ = run(
        capsys, "kwic", str(docs), "--id-col", "id", "--lexicon", str(lex), "--out", str(out_tex)
    )
    assert code == 0
    assert "\\textbf{territorial integrity}" in out_tex.read_text()


def test_issue3_kwic_cli_errors(files, capsys, tmp_path: Path) -> None:
    docs, lex = files
    code, _, err = run(
        capsys, "kwic", str(docs), "--lexicon", str(lex), "--out", str(tmp_path / "k.xlsx")
    )
    assert code == 2
    assert "use a .csv or .tex file name" in err
    code, _, err = run(capsys, "kwic", str(docs), "--lexicon", str(lex), "--frame", "peace")
    assert code == 2
    assert "frame ['peace'] is not in lexicon 'toy'" in err
    code, _, err = run(capsys, "kwic", str(docs), "--lexicon", "nope")
    assert code == 1
    assert "no bundled lexicon named 'nope'" in err


def test_issue3_kwic_cli_no_hits(files, capsys, tmp_path: Path) -> None:
    _, lex = files
    empty = tmp_path / "empty.csv"
    empty.write_text("text\nnothing here\n")
    code, out, _ = run(capsys, "kwic", str(empty), "--lexicon", str(lex))
    assert code == 0
    assert out == "no hits\n"


def test_issue3_kwic_cli_pattern_and_seeded_sample(files, capsys, tmp_path: Path) -> None:
    docs, lex = files
    base = ["kwic", str(docs), "--id-col", "id", "--lexicon", str(lex)]
    code, out, _ = run(capsys, *base, "--only-pattern", "war*")
    assert code == 0
    assert [line.split()[:2] for line in out.splitlines()] == [["a", "war"], ["b", "war"]]
    code, first, _ = run(capsys, *base, "--sample", "2", "--seed", "7")
    code, again, _ = run(capsys, *base, "--sample", "2", "--seed", "7")
    assert code == 0 and first == again
    lines = first.splitlines()
    everything = run(capsys, *base)[1].splitlines()
    assert len(lines) == 2 and set(lines) <= set(everything)
    assert sorted(lines, key=everything.index) == lines  # table order kept
    code, _, err = run(capsys, *base, "--sample", "0")
    assert code == 2 and "--sample must be at least 1" in err
