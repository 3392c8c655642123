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


def test_replaced_and_skipped_counts_are_reported_issue12(tmp_path, capsys):
    import json

    from framing import FrameScores

    bad = tmp_path / "bad.csv"
    bad.write_bytes(b'id,text\na,The axis of resistance \xff here.\nb,"unclosed\nc,Sovereignty.\n')
    out = tmp_path / "o.parquet"
    code = main(["score", str(bad), "--text-col", "text", "--id-col", "id", "--lexicon",
                 "mideast", "--errors", "replace", "--on-bad-lines", "skip", "--quiet",
                 "--out", str(out)])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 0
    assert "1 undecodable byte sequences replaced" in err and "malformed rows skipped" in err
    counts = FrameScores.read(out).meta["input_counts"]
    assert counts["replaced_characters"] == 1 and counts["skipped_rows"] >= 1
    config = tmp_path / "c.yaml"
    config.write_text(
        f"name: t\nseed: 1\ncorpus: {{source: {bad}, reader: csv, options: {{text_col: text,"
        " id_col: id, errors: replace, on_bad_lines: skip}}\nlexicons: [mideast]\n",
        encoding="utf-8",
    )
    assert main(["run", str(config), "--out", str(tmp_path / "runs")]) == 0
    manifest = next((tmp_path / "runs" / "t").glob("*/manifest.json"))
    recorded = json.loads(manifest.read_text())["corpus"]["input_counts"]
    assert recorded == counts
    assert "replaced_characters" in capsys.readouterr().err
