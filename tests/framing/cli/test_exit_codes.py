"""One exit-code rule for every command (issue 12): 2 for usage, config and missing paths,
1 for inputs that exist but cannot be used."""

from __future__ import annotations

import pytest

from framing.cli import main

CSV = "id,text\na,The axis of resistance.\n"


@pytest.fixture
def table(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def _config(tmp_path, lexicon: str):
    path = tmp_path / "c.yaml"
    path.write_text(
        f"name: t\nseed: 1\ncorpus: {{source: {tmp_path / 't.csv'}, reader: csv,"
        " options: {text_col: text, id_col: id}}\n"
        f"lexicons: [{lexicon}]\n",
        encoding="utf-8",
    )
    return path


def test_missing_lexicon_file_exits_2_from_score_and_run_issue12(tmp_path, table, capsys):
    missing = tmp_path / "nope.yaml"
    args = ["score", str(table), "--text-col", "text", "--id-col", "id", "--lexicon"]
    assert main([*args, str(missing), "--out", str(tmp_path / "o.csv")]) == 2
    assert "nope.yaml does not exist" in capsys.readouterr().err
    assert main(["run", str(_config(tmp_path, str(missing))), "--out", str(tmp_path)]) == 2
    assert "nope.yaml" in capsys.readouterr().err
    assert main(["lexicon", "validate", str(missing)]) == 2
    assert main(["corpus", "info", str(tmp_path / "nope.csv")]) == 2


def test_broken_input_exits_1_issue12(tmp_path, table, capsys):
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: x\nframes: [not, a, mapping]\n", encoding="utf-8")
    assert main(["lexicon", "validate", str(broken)]) == 1
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"id,text\na,\xff\xfe caf\xe9\n")
    args = ["score", str(bad), "--text-col", "text", "--id-col", "id", "--lexicon", "mideast"]
    assert main([*args, "--out", str(tmp_path / "o.csv")]) == 1
    assert "bad.csv" in capsys.readouterr().err
    assert not (tmp_path / "o.csv").exists()
