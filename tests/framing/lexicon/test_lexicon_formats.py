"""Lexicon importers and exporters: LIWC .dic, quanteda YAML, CSV (#3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing import InvalidParameterError, Lexicon, LexiconError, read_lexicon, write_lexicon

DIC = (
    "%\n"
    "1\tposemo\t(Positive emotion)\n"
    "02\tnegemo\n"
    "3\tunused\n"
    "%\n"
    "happ*\t1\n"
    "love\t1\n"
    "hate\t2\n"
    "kind of\t1\t2\n"
    "cry*\t02\n"
    "love\t1\n"
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def texts(lex: Lexicon, frame: str) -> list[str]:
    return [p.text for p in lex.frame(frame).patterns]


# ------------------------------------------------------------------ LIWC .dic


def test_issue3_dic_reads_categories_wildcards_and_multiword(tmp_path: Path) -> None:
    lex = read_lexicon(write(tmp_path, "emo.dic", DIC))
    assert lex.name == "emo"
    # categories in header order; a category without terms is dropped
    assert lex.frame_names == ("posemo", "negemo")
    assert lex.frame("posemo").description == "Positive emotion"
    # a term listed twice counts once
    assert texts(lex, "posemo") == ["happ*", "love", "kind of"]
    assert texts(lex, "negemo") == ["hate", "kind of", "cry*"]
    assert lex.frame("posemo").patterns[0].is_glob
    assert lex.frame("posemo").patterns[2].words == ("kind", "of")


def test_issue3_dic_space_separated_multiword_terms(tmp_path: Path) -> None:
    lex = read_lexicon(write(tmp_path, "s.dic", "%\n1 a\n2 b\n%\nkind of 1 2\n911 2\n"))
    assert texts(lex, "a") == ["kind of"]
    assert texts(lex, "b") == ["kind of", "911"]


@pytest.mark.parametrize(
    ("text", "match"),
    [
        (
            "%\n1\ta\n%\nx\t1\ny\t7\n",
            r"bad\.dic: line 5: term 'y' uses category '7', which the "
            r"header does not define \(defined: 1\)",
        ),
        (
            "%\n1\ta\n2\tb\nx\t1\n",
            r"bad\.dic: line 4: expected 'number<TAB>category'.*'%' line "
            r"that ends the header missing",
        ),
        ("%\n1\ta\n2\tb\n", r"bad\.dic: the category header opened at line 1 is never closed"),
        ("1\ta\n%\nx\t1\n", r"bad\.dic: line 1: a \.dic file starts with a line holding only '%'"),
        ("%\n1\ta\n1\tb\n%\n", r"bad\.dic: line 3: category number 1 defined twice"),
        ("%\n1\ta\n%\nx\n", r"bad\.dic: line 4: term 'x' has no category numbers"),
        ("%\n1\ta\n%\n:)\t1\n", r"bad\.dic: line 4: frame 'a', pattern ':\)'"),
        ("%\n1\ta\n%\n*\t1\n", r"bad\.dic: line 4: frame 'a', pattern '\*'.*only wildcards"),
        (
            "%\n1\ta\n2\tb\n%\nlike\t(02 134)1/2\n",
            r"bad\.dic: line 5: term 'like' has a conditional category entry",
        ),
    ],
)
def test_issue3_dic_malformed_files_name_the_line(tmp_path: Path, text: str, match: str) -> None:
    with pytest.raises(LexiconError, match=match):
        read_lexicon(write(tmp_path, "bad.dic", text))


def test_issue3_dic_encoding(tmp_path: Path) -> None:
    path = tmp_path / "latin.dic"
    path.write_bytes("%\n1\ta\n%\ncaf\u00e9*\t1\n".encode("latin-1"))
    with pytest.raises(LexiconError, match=r"latin\.dic: byte 11 is not valid utf-8"):
        read_lexicon(path)
    assert read_lexicon(path, encoding="latin-1").frame("a").patterns[0].text == "caf\u00e9*"
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbfterm,frame\nx,a\n")
    assert read_lexicon(bom).frame_names == ("a",)


def test_issue3_dic_export_round_trip(tmp_path: Path) -> None:
    lex = read_lexicon(write(tmp_path, "emo.dic", DIC))
    out = write_lexicon(lex, tmp_path / "out.dic")
    assert out.read_text() == (
        "%\n1\tposemo\n2\tnegemo\n%\nhapp*\t1\nlove\t1\nkind of\t1\t2\nhate\t2\ncry*\t2\n"
    )
    again = read_lexicon(out, name="emo")
    assert again.frame_names == lex.frame_names
    # one line per term (as LIWC requires), so a frame's patterns may come back reordered
    for frame in lex.frame_names:
        assert sorted(texts(again, frame)) == sorted(texts(lex, frame))
    assert write_lexicon(again, tmp_path / "again.dic").read_bytes() == out.read_bytes()


def test_issue3_dic_export_refuses_weights_unless_lossy(tmp_path: Path) -> None:
    lex = Lexicon.from_dict({"name": "w", "frames": {"a": [{"pattern": "x", "weight": 2}]}})
    with pytest.raises(LexiconError, match=r"frame 'a' has weighted patterns.*dic format"):
        write_lexicon(lex, tmp_path / "w.dic")
    assert "x\t1" in write_lexicon(lex, tmp_path / "w.dic", lossy=True).read_text()


# ------------------------------------------------------------------ quanteda YAML

QUANTEDA = """\
economy:
  positive: [growth, "job creation", prosper*]
  negative:
    - recession
    - unemploy*
conflict: [war, "arm? conflict"]
"""


def test_issue3_quanteda_nested_keys_flatten(tmp_path: Path) -> None:
    lex = read_lexicon(write(tmp_path, "dict.yml", QUANTEDA))
    assert lex.name == "dict"
    assert lex.frame_names == ("economy.positive", "economy.negative", "conflict")
    assert texts(lex, "economy.positive") == ["growth", "job creation", "prosper*"]
    assert texts(lex, "economy.negative") == ["recession", "unemploy*"]
    assert lex.frame("conflict").patterns[1].words == ("arm?", "conflict")


def test_issue3_quanteda_terms_next_to_nested_keys(tmp_path: Path) -> None:
    text = "economy:\n  - economy\n  - positive: [growth]\n"
    lex = read_lexicon(write(tmp_path, "d.yaml", text), format="quanteda")
    assert lex.frame_names == ("economy", "economy.positive")


def test_issue3_quanteda_round_trip(tmp_path: Path) -> None:
    lex = read_lexicon(write(tmp_path, "dict.yml", QUANTEDA))
    out = write_lexicon(lex, tmp_path / "q.yml", format="quanteda")
    again = read_lexicon(out, name="dict")
    assert again == lex


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("economy: growth\n", r"q\.yaml: key 'economy' must hold a list of terms or nested keys"),
        ("economy:\n  positive: [[a], x]\n", r"key 'economy\.positive': terms must be strings"),
        ("a: ['x y|z']\n", r"q\.yaml: frame 'a', pattern 'x y\|z'"),
        ("- a\n- b\n", r"q\.yaml: a quanteda dictionary is a mapping"),
    ],
)
def test_issue3_quanteda_errors(tmp_path: Path, text: str, match: str) -> None:
    with pytest.raises(LexiconError, match=match):
        read_lexicon(write(tmp_path, "q.yaml", text), format="quanteda")


# ------------------------------------------------------------------ CSV


def test_issue3_csv_reads_terms_frames_and_weights(tmp_path: Path) -> None:
    text = (
        "term,frame,weight\nsovereign*,sovereignty,\nresistance,resistance,2\n"
        "territorial integrity,sovereignty,0.5\n\n"
    )
    lex = read_lexicon(write(tmp_path, "t.csv", text))
    assert lex.frame_names == ("sovereignty", "resistance")
    assert texts(lex, "sovereignty") == ["sovereign*", "territorial integrity"]
    assert [p.weight for p in lex.frame("sovereignty").patterns] == [1.0, 0.5]
    assert lex.frame("resistance").patterns[0].weight == 2.0


def test_issue3_csv_round_trip(tmp_path: Path) -> None:
    lex = Lexicon.from_dict(
        {"name": "t", "frames": {"a": ["x-y", {"pattern": "z*", "weight": 0.25}], "b": ["w"]}}
    )
    out = write_lexicon(lex, tmp_path / "t.csv")
    assert out.read_text() == "term,frame,weight\nx-y,a,1.0\nz*,a,0.25\nw,b,1.0\n"
    assert read_lexicon(out) == lex
    plain = Lexicon.from_terms("t", {"a": ["x"]})
    assert write_lexicon(plain, tmp_path / "p.csv").read_text() == "term,frame\nx,a\n"


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("word,category\nx,a\n", r"t\.csv: line 1: the header must be 'term,frame'"),
        ("term,frame\nx,a\ny\n", r"t\.csv: line 3: expected 2 fields"),
        ("term,frame,weight\nx,a,heavy\n", r"t\.csv: line 2: weight 'heavy' of pattern 'x'"),
        ("term,frame,weight\nx,a,nan\n", r"t\.csv: line 2: weight 'nan' must be finite"),
        ("term,frame\nx|y,a\n", r"t\.csv: line 2: frame 'a', pattern 'x\|y'"),
        ("term,frame\nx,2bad\n", r"t\.csv: line 2: frame name '2bad'"),
        (
            "term,frame,weight\nx,a,1\ny,a,1\nx,a,2\n",
            r"t\.csv: line 4: frame 'a', pattern 'x' repeats line 2",
        ),
        ("term,frame\n", r"t\.csv: no rows after the header"),
    ],
)
def test_issue3_csv_errors_name_the_line(tmp_path: Path, text: str, match: str) -> None:
    with pytest.raises(LexiconError, match=match):
        read_lexicon(write(tmp_path, "t.csv", text))


def test_issue3_unknown_format_name() -> None:
    with pytest.raises(InvalidParameterError, match="unknown lexicon format 'xml'"):
        read_lexicon("x.yaml", format="xml")
