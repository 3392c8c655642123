"""``framing lexicon list | show | validate`` (#3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import framing.cli as cli
from framing import list_lexicons, load_lexicon
from tests.framing.cli.conftest import run


@pytest.fixture(autouse=True)
def only_lexicon_commands(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the real ``main`` with just this command group (others may be absent)."""
    monkeypatch.setattr(cli, "COMMAND_MODULES", ("framing.cli._lexicon",))


def test_issue3_lexicon_list_shows_every_bundled_lexicon(capsys) -> None:
    code, out, _ = run(capsys, "lexicon", "list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["name", "version", "patterns", "frames"]
    assert [line.split()[0] for line in lines[1:]] == list_lexicons()
    for line, name in zip(lines[1:], list_lexicons(), strict=True):
        lex = load_lexicon(name)
        n_patterns = sum(len(f.patterns) for f in lex.frames)
        assert line.split()[1:3] == [lex.version, str(n_patterns)]
        assert line.endswith(", ".join(lex.frame_names))


def test_issue3_lexicon_list_acceptance_names() -> None:
    # acceptance of issue 3: both bundled lexicons exist (a lost one is a failure, not a skip)
    assert {"mideast", "generic_news"} <= set(list_lexicons())
    assert load_lexicon("mideast").frame_names == (
        "resistance",
        "sovereignty",
        "foreign_interference",
        "security_threat",
        "cooperation",
        "legitimacy",
        "humanitarian",
    )
    assert load_lexicon("generic_news").frame_names == (
        "conflict",
        "human_interest",
        "economic_consequences",
        "morality",
        "responsibility",
    )


def test_issue3_lexicon_list_json(capsys) -> None:
    code, out, _ = run(capsys, "lexicon", "list", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [r["name"] for r in rows] == list_lexicons()
    assert {"version", "n_frames", "n_patterns", "frames", "fingerprint"} <= set(rows[0])


TOY = """\
name: toy
version: 2.0.1
description: A toy.
frames:
  sovereignty:
    description: Self-rule.
    patterns: [sovereign*, {pattern: territorial integrity, weight: 2}]
    exclusions: [sovereign debt]
  resistance: [resistance]
"""


def test_issue3_lexicon_show_text_and_json(tmp_path: Path, capsys) -> None:
    path = tmp_path / "toy.yaml"
    path.write_text(TOY)
    lex = load_lexicon(path)
    code, out, _ = run(capsys, "lexicon", "show", str(path))
    assert code == 0
    assert out.splitlines()[:4] == [
        "toy 2.0.1 (en)",
        f"fingerprint: {lex.fingerprint}",
        "toy 2.0.1: no validation record; every use is unvalidated",  # issue 13: its scope
        "description: A toy.",
    ]
    assert "[sovereignty] 2 patterns, 1 exclusions\n  Self-rule.\n" in out
    assert "  patterns: sovereign*; territorial integrity (weight 2)\n" in out
    assert "  exclusions: sovereign debt\n" in out
    code, out, _ = run(capsys, "lexicon", "show", str(path), "--json")
    data = json.loads(out)
    assert data["fingerprint"] == lex.fingerprint
    assert data["frames"]["sovereignty"]["exclusions"] == ["sovereign debt"]


def test_issue3_lexicon_show_bundled_by_name(capsys) -> None:
    name = list_lexicons()[0]
    code, out, _ = run(capsys, "lexicon", "show", name)
    assert code == 0
    assert out.startswith(f"{name} {load_lexicon(name).version} ")


def test_issue3_lexicon_show_unknown_name(capsys) -> None:
    code, _, err = run(capsys, "lexicon", "show", "nope")
    assert code == 1
    assert "framing: error: no bundled lexicon named 'nope'" in err


def test_issue3_lexicon_validate_ok_with_summary(tmp_path: Path, capsys) -> None:
    path = tmp_path / "toy.yaml"
    path.write_text(TOY)
    code, out, err = run(capsys, "lexicon", "validate", str(path))
    assert code == 0
    assert out.startswith(
        f"{path}: OK: lexicon toy 2.0.1, 2 frames, 3 patterns, 1 exclusions, "
        "0 warning(s); fingerprint "
    )
    assert err == ""


def test_issue3_lexicon_validate_error_names_frame_and_pattern(tmp_path: Path, capsys) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(TOY.replace("[resistance]", "[resistance, 'axis|of']"))
    code, out, err = run(capsys, "lexicon", "validate", str(path))
    assert code == 1
    assert out == ""
    assert f"framing: error: {path}: frame 'resistance', pattern 'axis|of'" in err


def test_issue3_lexicon_validate_dic_with_line_number(tmp_path: Path, capsys) -> None:
    path = tmp_path / "bad.dic"
    path.write_text("%\n1\ta\n%\nx\t1\ny\t2\n")
    code, _, err = run(capsys, "lexicon", "validate", str(path))
    assert code == 1
    assert f"{path}: line 5: term 'y' uses category '2'" in err


def test_issue3_lexicon_validate_usage_errors_exit_2(tmp_path: Path, capsys) -> None:
    path = tmp_path / "toy.txt"
    path.write_text(TOY)
    code, _, err = run(capsys, "lexicon", "validate", str(path))
    assert code == 2
    assert "cannot tell the lexicon format from the extension '.txt'" in err
    code, _, err = run(capsys, "lexicon", "validate", str(path), "--format", "yaml")
    assert code == 0


def test_issue3_lexicon_validate_warnings_and_strict(tmp_path: Path, capsys) -> None:
    path = tmp_path / "w.csv"
    path.write_text("term,frame\nsovereign*,s\nsovereignty,s\n")
    code, out, err = run(capsys, "lexicon", "validate", str(path))
    assert code == 0
    assert "warning: frame 's': pattern 'sovereignty' is already matched by 'sovereign*'" in err
    assert "1 warning(s)" in out
    code, _, _ = run(capsys, "lexicon", "validate", str(path), "--strict")
    assert code == 1


def test_issue3_lexicon_validate_missing_file(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "lexicon", "validate", str(tmp_path / "none.yaml"))
    assert code == 2  # a missing input path exits 2 from every command (issue 12)
    assert "none.yaml does not exist" in err


def test_issue3_lexicon_warnings_idle_exclusions_and_case() -> None:
    from framing import Lexicon
    from framing.lexicon import lexicon_warnings

    lex = Lexicon.from_dict(
        {
            "name": "t",
            "frames": {
                "war": {
                    "patterns": ["war*", "armed conflict"],
                    "exclusions": [
                        "war crimes",
                        "star wars",
                        "conflict of interest",
                        "cold peace",
                    ],
                },
                "peace": {"patterns": ["peace"]},
            },
        }
    )
    assert lexicon_warnings(lex) == [
        "frame 'war': exclusion 'cold peace' shares no word with any pattern, so it removes "
        "nothing",
    ]
    cased = Lexicon.from_dict(
        {
            "name": "t",
            "case_sensitive": True,
            "frames": {"s": ["Sovereign*", "sovereignty", "Sovereignty"]},
        }
    )
    assert lexicon_warnings(cased) == [
        "frame 's': pattern 'Sovereignty' is already matched by 'Sovereign*'",
    ]


def test_issue3_lexicon_convert(tmp_path: Path, capsys) -> None:
    src = tmp_path / "toy.yaml"
    src.write_text(TOY)
    code, out, err = run(capsys, "lexicon", "convert", str(src), str(tmp_path / "toy.dic"))
    assert code == 1
    assert f"{tmp_path / 'toy.dic'}: frame 'sovereignty' has exclusions" in err
    assert "--lossy" in err
    assert not (tmp_path / "toy.dic").exists()
    code, out, _ = run(
        capsys, "lexicon", "convert", str(src), str(tmp_path / "toy.csv"), "--lossy"
    )
    assert code == 0
    assert out.strip() == f"{tmp_path / 'toy.csv'}: lexicon toy 2.0.1, 2 frames, 3 patterns"
    code, _, _ = run(
        capsys,
        "lexicon",
        "convert",
        str(tmp_path / "toy.csv"),
        str(tmp_path / "back.yaml"),
        "--name",
        "toy",
    )
    assert code == 0
    back = load_lexicon(tmp_path / "back.yaml")
    assert [p.text for p in back.frame("sovereignty").patterns] == [
        "sovereign*",
        "territorial integrity",
    ]
    assert back.frame("sovereignty").patterns[1].weight == 2.0
    name = list_lexicons()[0]
    code, _, _ = run(capsys, "lexicon", "convert", name, str(tmp_path / "b.yaml"))
    assert code == 0
    assert load_lexicon(tmp_path / "b.yaml") == load_lexicon(name)
