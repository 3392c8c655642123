"""Tests of Document and Corpus (issue 2)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus import (
    Corpus,
    CorpusError,
    Document,
    DuplicateIdError,
    LazyTexts,
    MissingFieldError,
)

TEXTS = ["Axis of resistance.\n\nSovereignty first. Then aid.", "Militia.", ""]


def make_corpus() -> Corpus:
    return Corpus.from_texts(
        TEXTS,
        doc_ids=["a", "b", "c"],
        docvars={"country": ["IRN", "IRQ", "IRN"], "year": [2001, 2002, 2003]},
    )


def lazy_corpus() -> Corpus:
    opened = []

    def opener():
        opened.append(1)
        return iter(TEXTS)

    docvars = make_corpus().docvars
    corpus = Corpus(LazyTexts(opener, len(TEXTS)), docvars)
    corpus.opened = opened  # type: ignore[attr-defined]
    return corpus


def test_document_meta_is_read_only_issue2():
    doc = Document("x", "t", {"a": 1})
    with pytest.raises(TypeError):
        doc.meta["a"] = 2  # type: ignore[index]
    with pytest.raises(KeyError):
        doc.meta["missing"]


def test_corpus_iterates_many_times_issue2():
    c = make_corpus()
    assert [d.doc_id for d in c] == [d.doc_id for d in c] == ["a", "b", "c"]
    assert c["b"].meta == {"country": "IRQ", "year": 2002}


def test_missing_field_is_an_error_issue2():
    c = make_corpus()
    with pytest.raises(MissingFieldError, match=r"unknown metadata field.*outlet"):
        c.field("outlet")
    with pytest.raises(MissingFieldError, match="outlet"):
        c.filter(outlet="x")
    with pytest.raises(KeyError):
        c.groupby("outlet").__next__()
    with pytest.raises(MissingFieldError, match="no document"):
        c["zzz"]


def test_duplicate_ids_and_system_columns_are_refused_issue2():
    with pytest.raises(DuplicateIdError, match="duplicate doc_id"):
        Corpus.from_texts(["a", "b"], doc_ids=["x", "x"])
    with pytest.raises(CorpusError, match="reserved"):
        Corpus.from_texts(["a"], docvars={"parent_id": ["p"]})
    with pytest.raises(CorpusError, match="must match"):
        Corpus(["a", "b"], pd.DataFrame(index=["x"]))


def test_filter_sample_groupby_issue2():
    c = make_corpus()
    assert c.filter(country="IRN").doc_ids == ("a", "c")
    assert c.filter(year=[2001, 2002]).doc_ids == ("a", "b")
    assert c.filter(lambda d: d.year > 2001).doc_ids == ("b", "c")
    assert c.filter([True, False, True], country="IRN").doc_ids == ("a", "c")
    with pytest.raises(CorpusError, match="shape"):
        c.filter([True])
    s1, s2 = c.sample(2, seed=3), c.sample(2, seed=3)
    assert s1.doc_ids == s2.doc_ids and len(s1) == 2
    assert c.sample(frac=1.0, seed=0).doc_ids == c.doc_ids
    with pytest.raises(CorpusError, match="cannot sample"):
        c.sample(4, seed=1)
    groups = dict(c.groupby("country"))
    assert groups["IRN"].doc_ids == ("a", "c")
    assert list(dict(c.groupby(["country", "year"]))) == [
        ("IRN", 2001),
        ("IRN", 2003),
        ("IRQ", 2002),
    ]


def test_segment_keeps_parent_and_number_issue2():
    c = make_corpus()
    p = c.segment("paragraphs")
    assert p.doc_ids == ("a:1", "a:2", "b:1")
    assert p.field("parent_id").tolist() == ["a", "a", "b"]
    assert p.field("segment_no").tolist() == [1, 2, 1]
    assert p.field("country").tolist() == ["IRN", "IRN", "IRQ"]
    s = c.segment("sentences")
    assert s.texts == ["Axis of resistance.", "Sovereignty first.", "Then aid.", "Militia."]
    with pytest.raises(CorpusError, match="unknown unit"):
        c.segment("pages")
    # segmenting a segmented corpus re-derives parents from the new ids
    assert s.segment("paragraphs").field("parent_id").tolist()[0] == "a:1"


def test_fingerprint_is_stable_and_sensitive_issue2():
    c = make_corpus()
    assert c.fingerprint == make_corpus().fingerprint
    assert c.fingerprint == lazy_corpus().fingerprint
    other = Corpus.from_texts(
        [*TEXTS[:2], "x"],
        doc_ids=["a", "b", "c"],
        docvars={"country": ["IRN", "IRQ", "IRN"], "year": [2001, 2002, 2003]},
    )
    assert other.fingerprint != c.fingerprint
    assert c.assign(year=[2001, 2002, 2004]).fingerprint != c.fingerprint
    assert c.filter(country="IRN").fingerprint != c.fingerprint


def test_lazy_corpus_streams_and_selects_issue2():
    c = lazy_corpus()
    assert c.is_lazy
    sub = c.filter(country="IRN")
    assert sub.texts == [TEXTS[0], TEXTS[2]]
    assert sub["c"].text == ""
    assert c.materialize().is_lazy is False
    assert len(c.opened) >= 2  # every pass re-opens the source


def test_assign_issue2():
    c = make_corpus().assign(decade=lambda d: d.year // 10 * 10)
    assert c.field("decade").tolist() == [2000, 2000, 2000]
    with pytest.raises(CorpusError, match="system column"):
        c.assign(parent_id=["x", "y", "z"])
    with pytest.raises(CorpusError, match="has 1 values"):
        c.assign(x=[1])


@given(st.lists(st.text(max_size=30), min_size=1, max_size=8), st.integers(0, 2**32 - 1))
def test_permuting_documents_permutes_fingerprint_input_issue2(texts, seed):
    ids = [f"d{i}" for i in range(len(texts))]
    c = Corpus.from_texts(texts, doc_ids=ids)
    order = np.random.default_rng(seed).permutation(len(texts))
    permuted = Corpus.from_texts([texts[i] for i in order], doc_ids=[ids[i] for i in order])
    assert sorted(permuted.doc_ids) == sorted(c.doc_ids)
    assert {d.doc_id: d.text for d in permuted} == {d.doc_id: d.text for d in c}
    assert (permuted.fingerprint == c.fingerprint) == (list(order) == list(range(len(texts))))
