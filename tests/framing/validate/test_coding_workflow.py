"""Coding sheets, reading coded sheets back, term diagnostics (issue 7)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus import Corpus
from framing import InvalidParameterError, Lexicon
from framing.validate import (
    allocate,
    evaluate,
    read_codes,
    sample_for_coding,
    term_diagnostics,
    write_sheet,
)

LEX = Lexicon.from_terms(
    "toy", {"war": ["siege", "attack*", "armed conflict"], "aid": ["aid", "relief"]}
)
TEXTS = [
    "The siege of the city.",
    "Relief arrived.",
    "Attacks and aid.",
    "Rain today.",
    "An armed conflict.",
    "Markets rose.",
    "Aid convoys.",
    "The attack failed.",
    "Sunny.",
    "Talks resumed.",
]
CORPUS = Corpus.from_texts(
    TEXTS, doc_ids=[f"u{i}" for i in range(10)], docvars={"outlet": ["a", "b"] * 5}
)


@given(st.lists(st.integers(0, 50), min_size=1, max_size=8), st.data())
def test_allocation_fills_and_respects_sizes_issue7(sizes, data):
    n = data.draw(st.integers(0, sum(sizes)))
    take = allocate(sizes, n)
    assert sum(take) == n and all(0 <= t <= s for t, s in zip(take, sizes, strict=True))
    # as even as possible: a stratum below the largest share is full
    top = max(take) if take else 0
    assert all(t >= top - 1 or t == s for t, s in zip(take, sizes, strict=True))


def test_allocation_refuses_too_many_issue7():
    with pytest.raises(InvalidParameterError, match="cannot draw 5"):
        allocate([2, 2], 5)


def test_sample_is_stratified_seeded_and_highlighted_issue7():
    sheet = sample_for_coding(CORPUS, LEX, n=6, seed=4, coders=["ann", "bob"])
    again = sample_for_coding(CORPUS, LEX, n=6, seed=4, coders=["ann", "bob"])
    pd.testing.assert_frame_equal(sheet, again)
    assert len(sheet) == 12 and set(sheet.coder) == {"ann", "bob"}
    units = sheet.drop_duplicates("doc_id")
    assert units["stratum"].value_counts().to_dict() == {"aid": 2, "none": 2, "war": 2}
    row = units.set_index("doc_id")
    if "u0" in row.index:
        assert row.loc["u0", "highlighted"] == "The [[siege]]{war} of the city."
    assert list(sheet.columns[-2:]) == ["war", "aid"] and (sheet["war"] == "").all()
    assert sheet.attrs["allocation"] == {"aid": 2, "none": 2, "war": 2}


def test_strata_cross_docvars_and_blind_mode_issue7():
    sheet = sample_for_coding(
        CORPUS, LEX, n=4, seed=1, strata=["frame", "outlet"], coders=["x"], highlight_hits=False
    )
    assert "highlighted" not in sheet.columns
    assert all("|" in s for s in sheet.stratum)


def test_coded_sheet_reads_back_and_evaluates_issue7(tmp_path):
    sheet = sample_for_coding(CORPUS, LEX, n=6, seed=4, coders=["ann", "bob"])
    coded = sheet.copy()
    coded["war"] = [1 if "siege" in t or "ttack" in t or "armed" in t else 0 for t in coded.text]
    coded["aid"] = [1 if "aid" in t.lower() or "relief" in t.lower() else 0 for t in coded.text]
    for ext in ("csv", "xlsx"):
        path = tmp_path / f"sheet.{ext}"
        write_sheet(coded, path)
        codes = read_codes(
            path, frames=["war", "aid"], coders=["ann", "bob"], known_ids=sheet.doc_id.unique()
        )
        assert len(codes) == 12
    with pytest.raises(InvalidParameterError, match=r"\.csv or \.xlsx"):
        write_sheet(coded, tmp_path / "sheet.txt")
    gold = codes[codes.coder == "ann"].drop(columns="coder")
    from framing import score_frames

    scores = score_frames(CORPUS, LEX).to_frame()
    report = evaluate(scores, gold, n_boot=0, seed=0).set_index("frame")
    assert report.loc["micro", "f1"] == 1.0


def test_term_diagnostics_finds_the_false_positive_issue7():
    gold = pd.DataFrame(
        {
            "doc_id": [f"u{i}" for i in range(10)],
            "war": [1, 0, 0, 0, 1, 0, 0, 1, 0, 0],  # u2 'Attacks and aid' not war
            "aid": [0, 1, 1, 0, 0, 0, 1, 0, 0, 0],
        }
    )
    table = term_diagnostics(CORPUS, LEX, gold)
    war = table[table.frame == "war"].set_index("pattern")
    assert war.loc["attack*", "units"] == 2 and war.loc["attack*", "precision"] == 0.5
    assert war.loc["siege", "precision"] == 1.0
    # F1 with all: tp 3 fp 1 fn 0 = 6/7; without attack*: tp 2 fp 0 fn 1 = 4/5
    assert war.loc["attack*", "f1"] == pytest.approx(6 / 7)
    assert war.loc["attack*", "delta_f1"] == pytest.approx(4 / 5 - 6 / 7)
    assert table.frame.tolist()[:3] == ["war"] * 3
