"""Scope on the command line: lexicon list/show and the score warning (issue 13)."""

from __future__ import annotations

from framing.cli import main


def test_lexicon_list_shows_policy_frames_issue13(capsys):
    assert main(["lexicon", "list"]) == 0
    out = capsys.readouterr().out
    assert "policy_frames" in out and ".scope" not in out


def test_lexicon_show_prints_scope_issue13(capsys):
    assert main(["lexicon", "show", "policy_frames"]) == 0
    out = capsys.readouterr().out
    assert "record policy_frames-frac-2026-12: independent test" in out
    assert "frac sentences (presence)" in out


def test_score_outside_scope_warns_once_issue13(tmp_path, capsys):
    corpus = tmp_path / "issue13_docs.csv"
    corpus.write_text("text\nThe occupation must end.\nWe resist.\n", encoding="utf-8")
    out = tmp_path / "scores.csv"
    assert main(["score", str(corpus), "--lexicon", "mideast", "--out", str(out),
                 "--quiet"]) == 0  # fmt: skip
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.startswith("framing: warning:")]
    assert len(lines) == 1
    assert "issue13_docs.csv" in lines[0] and "ungdc paragraphs (presence)" in lines[0]
    assert out.is_file()
