"""kwic(): concordance rows, contexts, ordering, exports, agreement with counts (#3)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from corpus import Corpus
from framing import (
    InvalidParameterError,
    Lexicon,
    kwic,
    kwic_to_latex,
    load_lexicon,
    score_frames,
    write_kwic,
)

LEX = Lexicon.from_dict(
    {
        "name": "toy",
        "frames": {
            "sovereignty": {
                "patterns": ["sovereign*", "territorial integrity", "self-determination"]
            },
            "war": {"patterns": ["war*"], "exclusions": ["war crimes"]},
        },
    }
)

CORPUS = Corpus.from_texts(
    [
        "Our territorial\nintegrity and self determination: no war.",
        "War crimes. The sovereign war-weary people.",
        "Nothing here.",
    ],
    doc_ids=["a", "b", "c"],
    docvars={"year": [1990, 1991, 1992], "country": ["X", "Y", "Z"]},
)


def test_issue3_kwic_rows_contexts_and_docvars() -> None:
    k = kwic(CORPUS, LEX, window=2)
    assert k.columns.tolist() == [
        "doc_id",
        "year",
        "country",
        "frame",
        "pattern",
        "left",
        "match",
        "right",
        "token_start",
        "token_end",
    ]
    rows = k[["doc_id", "year", "frame", "pattern", "left", "match", "right"]]
    assert rows.values.tolist() == [
        [
            "a",
            1990,
            "sovereignty",
            "territorial integrity",
            "Our ",
            "territorial\nintegrity",
            " and self",
        ],
        [
            "a",
            1990,
            "sovereignty",
            "self-determination",
            "integrity and ",
            "self determination",
            ": no war",
        ],
        ["a", 1990, "war", "war*", "determination: no ", "war", ""],
        # "War crimes" is excluded; position order, then frame order within a position
        ["b", 1991, "sovereignty", "sovereign*", "crimes. The ", "sovereign", " war-weary"],
        ["b", 1991, "war", "war*", "The sovereign ", "war", "-weary people"],
    ]
    assert k["token_start"].tolist() == [1, 4, 7, 3, 4]


def test_issue3_kwic_agrees_with_score_frames() -> None:
    k = kwic(CORPUS, LEX)
    counts = score_frames(CORPUS, LEX).counts
    tally = k.groupby(["doc_id", "frame"]).size().unstack(fill_value=0)
    tally = tally.reindex(index=counts.index, columns=counts.columns, fill_value=0)
    assert (tally.to_numpy() == counts.to_numpy()).all()


def test_issue3_kwic_window_zero_and_beyond_the_unit() -> None:
    k = kwic(["one war two"], LEX, window=0)
    assert k[["left", "match", "right"]].values.tolist() == [["", "war", ""]]
    k = kwic(["one war two"], LEX, window=50)
    assert k[["left", "match", "right"]].values.tolist() == [["one ", "war", " two"]]


def test_issue3_kwic_frame_filter_and_units() -> None:
    k = kwic(CORPUS, LEX, frame="war")
    assert k["frame"].unique().tolist() == ["war"]
    assert len(k) == 2
    k = kwic(CORPUS, LEX, frame=["war", "sovereignty"], unit="sentence", window=5)
    # sentence units: ids, parent ids and contexts stop at the sentence
    b_rows = k[k["parent_id"] == "b"]
    assert b_rows["doc_id"].tolist() == ["b:2", "b:2"]
    assert b_rows["left"].tolist() == ["The ", "The sovereign "]
    assert {"parent_id", "segment_no", "year", "country"} <= set(k.columns)


def test_issue3_kwic_negation_column() -> None:
    k = kwic(["There was no war, then war."], LEX, negation_window=2)
    assert k["negated"].tolist() == [True, False]


def test_issue3_kwic_bundled_lexicon_by_name() -> None:
    lex = load_lexicon("generic_news")
    k = kwic(["The two rivals clashed over the budget."], "generic_news")
    assert set(k["frame"]) <= set(lex.frame_names)
    assert len(k) == int(
        score_frames(["The two rivals clashed over the budget."], lex).counts.to_numpy().sum()
    )


def test_issue3_kwic_errors() -> None:
    with pytest.raises(InvalidParameterError, match="frame \\['peace'\\] is not in lexicon 'toy'"):
        kwic(CORPUS, LEX, frame="peace")
    with pytest.raises(InvalidParameterError, match="window must be a non-negative integer"):
        kwic(CORPUS, LEX, window=-1)
    with pytest.raises(InvalidParameterError, match="unit must be one of"):
        kwic(CORPUS, LEX, unit="page")
    with pytest.raises(InvalidParameterError, match="kwic needs raw text"):
        kwic("a single string", LEX)
    clash = Corpus.from_texts(["war"], docvars={"match": ["x"]})
    with pytest.raises(InvalidParameterError, match=r"docvars \['match'\] clash"):
        kwic(clash, LEX)


def test_issue3_kwic_no_hits_gives_empty_table() -> None:
    k = kwic(["nothing at all"], LEX)
    assert len(k) == 0
    assert {"doc_id", "frame", "left", "match", "right"} <= set(k.columns)


def test_issue3_kwic_csv_round_trip(tmp_path: Path) -> None:
    k = kwic(CORPUS, LEX)
    out = write_kwic(k, tmp_path / "k.csv")
    back = pd.read_csv(out, keep_default_na=False)
    assert back["match"].tolist() == k["match"].tolist()  # the line break survives quoting
    assert back["left"].tolist() == k["left"].tolist()
    assert write_kwic(k, tmp_path / "k2.csv").read_bytes() == out.read_bytes()


def test_issue3_kwic_latex_is_escaped_booktabs(tmp_path: Path) -> None:
    k = kwic(["50% of R&D_spending goes to war_games {now}."], LEX, window=4)
    tex = kwic_to_latex(
        k, columns=("doc_id", "left", "match", "right"), caption="War & peace", label="tab:kwic"
    )
    assert tex.splitlines() == [
        "\\begin{table}",
        "\\centering",
        "\\caption{War \\& peace}",
        "\\label{tab:kwic}",
        "\\begin{tabular}{lrcl}",
        "\\toprule",
        "doc\\_id & left & match & right \\\\",
        "\\midrule",
        "d0 & R\\&D\\_spending goes to & \\textbf{war\\_games} & \\{now \\\\",
        "\\bottomrule",
        "\\end{tabular}",
        "\\end{table}",
    ]
    out = write_kwic(k, tmp_path / "k.tex", columns=("doc_id", "left", "match", "right"))
    assert "\\textbf{war\\_games}" in out.read_text()


def test_issue3_kwic_export_errors(tmp_path: Path) -> None:
    k = kwic(CORPUS, LEX)
    with pytest.raises(InvalidParameterError, match=r"written as \.csv or \.tex"):
        write_kwic(k, tmp_path / "k.xlsx")
    with pytest.raises(
        InvalidParameterError, match=r"columns \['nope'\] are not in the kwic table"
    ):
        kwic_to_latex(k, columns=("nope",))
    assert not list(tmp_path.iterdir())


@pytest.mark.slow
@pytest.mark.shared_data
def test_issue3_kwic_agrees_with_counts_on_ungdc_paragraphs(ungdc_archive: Path) -> None:
    import corpus

    speeches = corpus.read("ungdc", path=ungdc_archive).sample(12, seed=3)
    lex = load_lexicon("generic_news")
    k = kwic(speeches, lex, unit="paragraph", window=5)
    counts = score_frames(speeches, lex, unit="paragraph").counts
    tally = k.groupby(["doc_id", "frame"]).size().unstack(fill_value=0)
    tally = tally.reindex(index=counts.index, columns=counts.columns, fill_value=0)
    assert len(k) > 100
    assert (tally.to_numpy() == counts.to_numpy()).all()
    # every match is the text the hit names, read back from the original speech
    texts = dict(
        zip(
            speeches.segment("paragraphs").doc_ids,
            speeches.segment("paragraphs").iter_texts(),
            strict=True,
        )
    )
    for row in k.head(200).itertuples():
        assert row.match in texts[row.doc_id]
        assert (row.left + row.match + row.right) in texts[row.doc_id]


def test_issue3_kwic_pattern_filter() -> None:
    k = kwic(CORPUS, LEX, pattern="sovereign*")
    assert k[["doc_id", "pattern", "match"]].values.tolist() == [["b", "sovereign*", "sovereign"]]
    k = kwic(CORPUS, LEX, pattern=["war*", "territorial integrity"])
    assert k["pattern"].tolist() == ["territorial integrity", "war*", "war*"]
    with pytest.raises(InvalidParameterError, match=r"pattern \['sovereign'\] is not a pattern"):
        kwic(CORPUS, LEX, pattern="sovereign")
    with pytest.raises(
        InvalidParameterError, match=r"pattern \['war\*'\] is not a pattern of the selected"
    ):
        kwic(CORPUS, LEX, frame="sovereignty", pattern="war*")
