"""``framing topics`` (issue 4): outputs, identical reruns, seeded topics, errors."""

from __future__ import annotations

import pandas as pd
import pytest

from framing.cli import main

ENERGY = ["oil gas pipeline oil price", "gas oil price market energy", "energy oil gas export"]
WAR = ["war army troops war attack", "army troops soldiers war", "attack war army peace"]
DOCS = (ENERGY + WAR) * 4


@pytest.fixture
def small_csv(tmp_path):
    path = tmp_path / "small.csv"
    pd.DataFrame({"id": [f"a{i}" for i in range(len(DOCS))], "text": DOCS}).to_csv(
        path, index=False
    )
    return path


def _run(csv, out, *extra):
    return main(
        [
            "topics",
            str(csv),
            "--text-col",
            "text",
            "--id-col",
            "id",
            "--k",
            "2",
            "--min-df",
            "1",
            "--max-df",
            "1.0",
            "--top-n",
            "4",
            "--out",
            str(out),
            *extra,
        ]
    )


def _files(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("engine", ["gensim-lda", "sklearn-lda", "sklearn-nmf", "tomotopy-lda"])
def test_same_command_twice_gives_identical_files_issue4(small_csv, tmp_path, engine):
    if engine == "tomotopy-lda":
        pytest.importorskip("tomotopy", reason="tomotopy (optional extra) is not installed")
    assert _run(small_csv, tmp_path / "a", "--engine", engine, "--seed", "3") == 0
    assert _run(small_csv, tmp_path / "b", "--engine", engine, "--seed", "3") == 0
    first, second = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert {"topic_terms.csv", "doc_topics.parquet", "coherence.csv"} <= set(first)
    assert first == second


def test_output_tables_issue4(small_csv, tmp_path, capsys):
    assert _run(small_csv, tmp_path / "out", "--passes", "20") == 0
    out = tmp_path / "out"
    terms = pd.read_csv(out / "topic_terms.csv")
    assert terms.columns.tolist() == ["topic", "rank", "term", "weight"]
    assert len(terms) == 2 * 4 and set(terms["topic"]) == {0, 1}
    doc_topics = pd.read_parquet(out / "doc_topics.parquet")
    assert doc_topics.columns.tolist() == ["doc_id", "topic_0", "topic_1"]
    assert doc_topics["doc_id"].tolist() == [f"a{i}" for i in range(24)]
    coh = pd.read_csv(out / "coherence.csv")
    assert coh.columns.tolist() == ["topic", "measure", "value"]
    assert set(coh["measure"]) == {"c_v", "c_npmi", "u_mass", "exclusivity"}
    assert "gensim-lda, k=2, seed=1" in capsys.readouterr().out


def test_rerun_replaces_earlier_output_issue4(small_csv, tmp_path):
    out = tmp_path / "out"
    assert _run(small_csv, out, "--seed", "1") == 0
    before = _files(out)
    (out / "stale.csv").write_text("old")
    assert _run(small_csv, out, "--seed", "1") == 0
    assert _files(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_refuses_to_replace_a_foreign_folder_issue4(small_csv, tmp_path, capsys):
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "thesis.tex").write_text("keep me")
    assert _run(small_csv, foreign) == 2
    assert "is not a `framing topics` output folder" in capsys.readouterr().err
    assert (foreign / "thesis.tex").read_text() == "keep me"


def test_seed_lexicon_adds_seeded_topics_issue4(small_csv, tmp_path, capsys):
    lexicon = tmp_path / "toy.yaml"
    lexicon.write_text(
        "name: toy\nversion: '1.0'\nframes:\n  conflict:\n    patterns: [war, troop*]\n",
        encoding="utf-8",
    )
    out = tmp_path / "seeded"
    assert _run(small_csv, out, "--seed-lexicon", str(lexicon)) == 0
    seeded = pd.read_csv(out / "seeded_topics.csv")
    assert seeded.loc[0, "seed_set"] == "conflict" and seeded.loc[0, "topic"] == 0
    assert seeded.loc[0, "words"] == "war troops"
    top = pd.read_csv(out / "topic_terms.csv").query("topic == 0")["term"].tolist()
    assert {"war", "troops"} <= set(top)
    assert "[seeded: conflict]" in capsys.readouterr().out


def test_seed_lexicon_with_sklearn_is_usage_error_issue4(small_csv, tmp_path, capsys):
    lexicon = tmp_path / "toy.yaml"
    lexicon.write_text("name: toy\nframes:\n  conflict: [war]\n", encoding="utf-8")
    code = _run(
        small_csv, tmp_path / "x", "--engine", "sklearn-nmf", "--seed-lexicon", str(lexicon)
    )
    assert code == 2
    assert "no topic-word priors" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


@pytest.mark.slow
def test_fakes_topics_end_to_end_issue4(fakes_csv, tmp_path):
    out = tmp_path / "fakes"
    code = main(
        [
            "topics",
            str(fakes_csv),
            "--text-col",
            "article_content",
            "--k",
            "5",
            "--engine",
            "sklearn-nmf",
            "--seed",
            "1",
            "--out",
            str(out),
            "--coherence-docs",
            "200",
            "--measures",
            "c_npmi,u_mass",
        ]
    )
    assert code == 0
    terms = pd.read_csv(out / "topic_terms.csv")
    assert len(terms) == 5 * 10
    # The default recipe drops English stop words and short tokens.
    assert not {"the", "and", "of"} & set(terms["term"])
    assert len(pd.read_parquet(out / "doc_topics.parquet")) == 804
