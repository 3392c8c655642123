"""Native YAML lexicons: lossless round trip, validation errors, the bundled registry (#3)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from framing import (
    InvalidParameterError,
    Lexicon,
    LexiconError,
    list_lexicons,
    load_lexicon,
    read_lexicon,
    write_lexicon,
)

FULL = textwrap.dedent(
    """\
    name: toy
    version: 1.10
    language: en
    description: >-
      A toy lexicon
      over two lines.
    citation: Nobody (2024).
    case_sensitive: false
    frames:
      resistance:
        description: Armed or political resistance.
        patterns:
          - resistance
          - axis of resistance
          - {pattern: "resist*", weight: 0.5}
          - no
        exclusions: ["antimicrobial resistance"]
      sovereignty:
        patterns: [sovereign*, territorial integrity, self-determination]
    """
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_issue3_yaml_reads_every_field(tmp_path: Path) -> None:
    lex = read_lexicon(write(tmp_path, "toy.yaml", FULL))
    assert lex.name == "toy"
    assert lex.version == "1.10"  # not the float 1.1
    assert lex.description == "A toy lexicon over two lines."
    assert lex.citation == "Nobody (2024)."
    assert lex.frame_names == ("resistance", "sovereignty")
    res = lex.frame("resistance")
    assert res.description == "Armed or political resistance."
    assert [p.text for p in res.patterns] == ["resistance", "axis of resistance", "resist*", "no"]
    assert [p.weight for p in res.patterns] == [1.0, 1.0, 0.5, 1.0]
    assert [p.text for p in res.exclusions] == ["antimicrobial resistance"]


def test_issue3_yaml_round_trip_is_lossless_and_byte_stable(tmp_path: Path) -> None:
    lex = read_lexicon(write(tmp_path, "toy.yaml", FULL))
    first = write_lexicon(lex, tmp_path / "a.yaml")
    again = read_lexicon(first)
    assert again == lex
    assert again.fingerprint == lex.fingerprint
    second = write_lexicon(again, tmp_path / "b.yaml")
    assert first.read_bytes() == second.read_bytes()
    # a pattern that YAML 1.1 would read as a boolean survives the trip
    assert "no" in [p.text for p in again.frame("resistance").patterns]


def test_issue3_bundled_lexicons_round_trip(tmp_path: Path) -> None:
    for name in list_lexicons():
        lex = load_lexicon(name)
        path = write_lexicon(lex, tmp_path / f"{name}.yaml")
        assert load_lexicon(path) == lex
        assert write_lexicon(load_lexicon(path), tmp_path / "x.yaml").read_bytes() == (
            path.read_bytes()
        )


def test_issue3_fingerprint_changes_with_content() -> None:
    a = Lexicon.from_terms("toy", {"f": ["x", "y"]})
    b = Lexicon.from_terms("toy", {"f": ["x", "z"]})
    assert a.fingerprint != b.fingerprint
    assert a.fingerprint == Lexicon.from_terms("toy", {"f": ["x", "y"]}).fingerprint


@pytest.mark.parametrize(
    ("body", "match"),
    [
        ("frames:\n  a:\n    patterns: ['*']\n", r"bad\.yaml.*frame 'a', pattern '\*'.*wildcards"),
        ("frames:\n  a:\n    patterns: ['x', 'x']\n", r"bad\.yaml.*'a'.*'x' is listed twice"),
        ("frames:\n  a:\n    patterns: ['a|b']\n", r"bad\.yaml.*frame 'a', pattern 'a\|b'"),
        (
            "frames:\n  a: [Peace, peace]\n",
            r"bad\.yaml.*'a': pattern 'peace' is listed twice \(patterns ignore case",
        ),
        ("frames:\n  a:\n    patterns: []\n", r"bad\.yaml.*frame 'a' has no patterns"),
        (
            "frames:\n  a:\n    patterns: [x]\n    exclusions: ['']\n",
            r"frame 'a', exclusion '': empty",
        ),
        (
            "frames:\n  a:\n    patterns: [{pattern: x, weight: heavy}]\n",
            r"frame 'a', pattern 'x': weight must be a number",
        ),
        ("frames:\n  a:\n    pattern: [x]\n", r"frame 'a' has unknown key\(s\) \['pattern'\]"),
        ("frame:\n  a: [x]\n", r"unknown key\(s\) \['frame'\]"),
        (
            "frames:\n  a:\n    patterns: war\n",
            r"frame 'a': patterns must be a list, got 'war' \(write patterns: \[war\]\)",
        ),
        ("case_sensitive: no\nframes:\n  a: [x]\n", r"'case_sensitive' must be true or false"),
        ("frames:\n  a: [x]\n  a: [y]\n", r"bad\.yaml: line 4: key 'a' appears twice"),
        ("frames:\n  a: [x\n", r"bad\.yaml: line \d+, column \d+: invalid YAML"),
    ],
)
def test_issue3_yaml_errors_name_file_frame_and_pattern(
    tmp_path: Path, body: str, match: str
) -> None:
    path = write(tmp_path, "bad.yaml", "name: toy\n" + body)
    with pytest.raises(LexiconError, match=match):
        read_lexicon(path)


def test_issue3_load_lexicon_unknown_name_lists_bundled() -> None:
    with pytest.raises(LexiconError, match=r"no bundled lexicon named 'nope'; bundled: .*"):
        load_lexicon("nope")


def test_issue3_load_lexicon_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"missing\.yaml does not exist"):
        load_lexicon(tmp_path / "missing.yaml")


def test_issue3_unknown_extension_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(InvalidParameterError, match=r"extension '\.txt'"):
        read_lexicon(write(tmp_path, "toy.txt", FULL))


def test_issue3_written_files_follow_the_umask(tmp_path: Path) -> None:
    import os

    old = os.umask(0o022)
    try:
        out = write_lexicon(Lexicon.from_terms("toy", {"a": ["x"]}), tmp_path / "toy.yaml")
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["toy.yaml"]


def test_issue3_write_is_atomic_on_error(tmp_path: Path) -> None:
    lex = Lexicon.from_dict(
        {"name": "toy", "frames": {"a": {"patterns": ["x"], "exclusions": ["x y"]}}}
    )
    target = tmp_path / "toy.dic"
    with pytest.raises(LexiconError, match="frame 'a' has exclusions"):
        write_lexicon(lex, target)
    assert list(tmp_path.iterdir()) == []
