"""score_frames options, FrameScores roll-up and files, ``framing score`` (issue 3)."""

from __future__ import annotations

import pandas as pd
import pytest
import yaml

from corpus import Corpus, tokenize
from framing import FrameScores, FramingError, InvalidParameterError, Lexicon, score_frames
from framing.cli import main

LEXICON = Lexicon.from_dict({"name": "toy", "version": "2.1", "frames": {
    "sovereignty": {"patterns": ["sovereign*", "territorial integrity"]},
    "resistance": {"patterns": [{"pattern": "resist*", "weight": 0.5}, "axis of resistance"],
                   "exclusions": ["antimicrobial resistance"]},
}})  # fmt: skip
TEXTS = [
    "Sovereignty first.\n\nThe axis of resistance resists. Territorial integrity!",
    "Antimicrobial resistance is not resistance.",
    "Nothing here.",
    "",
]


def corpus() -> Corpus:
    return Corpus.from_texts(TEXTS, doc_ids=["a", "b", "c", "d"],
                             docvars={"year": [1990, 1991, 1992, 1993]})  # fmt: skip


def test_issue3_scores_hand_computed():
    s = score_frames(corpus(), LEXICON)
    assert s.frames == ("sovereignty", "resistance")
    assert s.counts.to_dict("list") == {"sovereignty": [2, 0, 0, 0], "resistance": [2, 1, 0, 0]}
    assert s.n_tokens.tolist() == [9, 5, 2, 0]
    assert s.weighted["resistance"].tolist() == [1.5, 0.5, 0.0, 0.0]
    assert s.to_frame().columns.tolist() == [
        "doc_id",
        "n_tokens",
        "sovereignty",
        "resistance",
        "year",
    ]
    assert s.meta["lexicon"] == {"name": "toy", "version": "2.1",
                                 "fingerprint": LEXICON.fingerprint}  # fmt: skip
    assert s.meta["corpus_fingerprint"] == corpus().fingerprint
    assert s.rates(per=100)["sovereignty"].iloc[0] == pytest.approx(200 / 9)
    assert s.rates(weighted=True)["resistance"].iloc[1] == pytest.approx(100.0)
    assert s.presence().to_numpy().sum() == 3
    assert s.rates().iloc[3].isna().all()


def test_issue3_workers_and_chunks_do_not_change_results():
    one = score_frames(corpus(), LEXICON, negation_window=2)
    two = score_frames(corpus(), LEXICON, negation_window=2, n_jobs=2, chunk_size=1)
    assert two.equals(one)
    assert one.negated["resistance"].tolist() == [0, 1, 0, 0]


def test_issue3_tokens_path_matches_and_records_recipe():
    toks = score_frames(tokenize(corpus(), progress=False), LEXICON)
    raw = score_frames(corpus(), LEXICON)
    assert toks.counts.equals(raw.counts)
    assert toks.meta["options"]["recipe"]["lowercase"] is True
    with pytest.raises(InvalidParameterError, match="tokenize the segmented corpus"):
        score_frames(tokenize(corpus(), progress=False), LEXICON, unit="paragraph")


def test_issue3_paragraph_units_roll_up_exactly():
    para = score_frames(corpus(), LEXICON, unit="paragraph")
    assert para.unit == "paragraph"
    assert para.counts.index.tolist() == ["a:1", "a:2", "b:1", "c:1"]
    assert para.docvars["parent_id"].tolist() == ["a", "a", "b", "c"]
    doc = para.rollup()
    direct = score_frames(corpus(), LEXICON)
    assert doc.counts.equals(direct.counts.loc[["a", "b", "c"]])
    assert doc.docvars.equals(direct.docvars.loc[["a", "b", "c"]])
    assert doc.weighted.equals(direct.weighted.loc[["a", "b", "c"]])
    with pytest.raises(FramingError, match="rollup needs segment scores"):
        direct.rollup()


def test_issue3_sentences_are_units_too():
    sent = score_frames(corpus(), LEXICON, unit="sentence")
    assert sent.counts.loc["a:1"].tolist() == [1, 0]
    assert sent.rollup().counts.loc["a"].tolist() == [2, 2]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"unit": "page"}, "unit must be one of"), ({"negation_window": -1}, "negation_window"),
     ({"n_jobs": 0}, "n_jobs"), ({"chunk_size": 0}, "chunk_size")],
)  # fmt: skip
def test_issue3_bad_options_raise(kwargs, message):
    with pytest.raises(InvalidParameterError, match=message):
        score_frames(corpus(), LEXICON, **kwargs)


def test_issue3_bad_source_raises():
    with pytest.raises(InvalidParameterError, match="score a Corpus"):
        score_frames("just one string", LEXICON)


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_issue3_scores_round_trip(tmp_path, suffix):
    s = score_frames(corpus(), LEXICON, negation_window=3)
    path = s.to_file(tmp_path / f"scores{suffix}")
    if suffix == ".parquet":
        back = FrameScores.read(path)
        assert back.equals(s)
        assert back.meta["lexicon"]["fingerprint"] == LEXICON.fingerprint
    else:
        back = FrameScores.read(path, frames=s.frames)
        assert back.counts.equals(s.counts) and back.n_tokens.equals(s.n_tokens)
        assert back.docvars["year"].tolist() == [1990, 1991, 1992, 1993]
        with pytest.raises(InvalidParameterError, match="needs frames"):
            FrameScores.read(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"scores{suffix}"]


def test_issue3_parquet_without_metadata_is_refused(tmp_path):
    path = tmp_path / "plain.parquet"
    pd.DataFrame({"doc_id": ["a"], "n_tokens": [1]}).to_parquet(path)
    with pytest.raises(FramingError, match="no framing metadata"):
        FrameScores.read(path)
    with pytest.raises(InvalidParameterError, match=r"as \.csv or \.parquet"):
        score_frames(corpus(), LEXICON).to_file(tmp_path / "scores.xlsx")


def test_issue3_to_long():
    long = score_frames(corpus(), LEXICON).to_long()
    assert long.columns.tolist() == ["doc_id", "frame", "count", "n_tokens"]
    assert long.iloc[:2].values.tolist() == [["a", "sovereignty", 2, 9],
                                            ["a", "resistance", 2, 9]]  # fmt: skip


# ------------------------------------------------------------------- CLI
@pytest.fixture
def files(tmp_path):
    source = tmp_path / "speeches.csv"
    pd.DataFrame({"id": ["a", "b", "c"], "text": TEXTS[:3], "year": [1990, 1991, 1992]}).to_csv(
        source, index=False
    )
    lexicon = tmp_path / "toy.yaml"
    lexicon.write_text(yaml.safe_dump(LEXICON.to_dict(), sort_keys=False), encoding="utf-8")
    return source, lexicon


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_issue3_cli_writes_the_scores_table(files, tmp_path, suffix):
    source, lexicon = files
    out = tmp_path / f"out{suffix}"
    code = main(["score", str(source), "--id-col", "id", "--lexicon", str(lexicon),
                 "--out", str(out), "--quiet"])  # fmt: skip
    assert code == 0
    table = pd.read_csv(out) if suffix == ".csv" else pd.read_parquet(out)
    assert table.columns.tolist() == ["doc_id", "n_tokens", "sovereignty", "resistance", "year"]
    assert table["doc_id"].tolist() == ["a", "b", "c"]
    assert table["sovereignty"].tolist() == [2, 0, 0]
    assert str(table["resistance"].dtype) == "int64"


def test_issue3_cli_paragraph_unit_and_negation(files, tmp_path):
    source, lexicon = files
    out = tmp_path / "out.csv"
    assert (
        main(
            [
                "score",
                str(source),
                "--id-col",
                "id",
                "--lexicon",
                str(lexicon),
                "--unit",
                "paragraph",
                "--negation-window",
                "2",
                "--out",
                str(out),
                "--quiet",
            ]
        )
        == 0
    )
    table = pd.read_csv(out)
    assert table["doc_id"].tolist() == ["a:1", "a:2", "b:1", "c:1"]
    assert table["resistance"].tolist() == [0, 2, 0, 0]  # "not resistance" is negated


def test_issue3_cli_errors_exit_2(files, tmp_path, capsys):
    source, lexicon = files
    code = main(["score", str(source), "--lexicon", str(lexicon), "--out",
                 str(tmp_path / "x.txt")])  # fmt: skip
    assert code == 2
    assert "write scores to a .csv or .parquet file" in capsys.readouterr().err
    assert not (tmp_path / "x.txt").exists()


@pytest.mark.slow
@pytest.mark.shared_data
def test_issue3_cli_acceptance_ungdc_mideast(ungdc_archive, tmp_path):
    out = tmp_path / "scores.parquet"
    code = main(["score", "ungdc", "--path", str(ungdc_archive), "--lexicon", "mideast",
                 "--out", str(out), "--quiet", "--jobs", "2"])  # fmt: skip
    assert code == 0
    table = pd.read_parquet(out)
    assert len(table) == 10952
    frames = ["resistance", "sovereignty", "foreign_interference", "security_threat",
              "cooperation", "legitimacy", "humanitarian"]  # fmt: skip
    assert table.columns.tolist()[: 2 + len(frames)] == ["doc_id", "n_tokens", *frames]
    assert (table[frames].dtypes == "int64").all()
    # two workers give exactly the counts of one (issue 12: not only the shape)
    single = tmp_path / "single.parquet"
    code = main(["score", "ungdc", "--path", str(ungdc_archive), "--lexicon", "mideast",
                 "--out", str(single), "--quiet", "--jobs", "1"])  # fmt: skip
    assert code == 0
    pd.testing.assert_frame_equal(table, pd.read_parquet(single))
    assert table[frames].to_numpy().sum() > 100_000
