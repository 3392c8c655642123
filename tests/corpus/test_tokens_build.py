"""Tests of Tokens and tokenize (issue 2): layout, recipes, determinism, save/load."""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus import Corpus, CorpusError, LazyTexts, Recipe, Tokens, tokenize

TEXTS = ["The Axis of resistance.", "", "Resistance, resistance: the axis!"]


@pytest.fixture
def small():
    docvars = {"year": [1990, 1991, 1992], "country": ["IRN", "IRQ", "SYR"]}
    return Corpus.from_texts(TEXTS, doc_ids=["a", "b", "c"], docvars=docvars)


def test_default_recipe_layout_issue2(small):
    toks = tokenize(small)
    assert toks.vocab == ("the", "axis", "of", "resistance")
    assert toks.ids.dtype == np.int32 and toks.offsets.dtype == np.int64
    assert toks.ids.tolist() == [0, 1, 2, 3, 3, 3, 0, 1]
    assert toks.offsets.tolist() == [0, 4, 4, 8]
    assert toks.n_tokens.tolist() == [4, 0, 4] and toks.n_tokens.dtype == np.int64
    assert len(toks) == 3 and toks.doc_ids == ("a", "b", "c")
    assert toks.doc_tokens("c") == ["resistance", "resistance", "the", "axis"]
    assert toks.doc(0).tolist() == [0, 1, 2, 3] and toks.doc(-1).tolist() == [3, 3, 0, 1]
    assert toks.doc_tokens(1) == []
    pd.testing.assert_frame_equal(toks.docvars, small.docvars)
    assert toks.recipe == Recipe()
    assert toks.corpus_fingerprint == small.fingerprint
    assert set(toks.components) == {
        "normalize",
        "lowercase",
        "tokenizer",
        "stopwords",
        "min_length",
    }
    assert toks.components["tokenizer"] == r"regex \w+ (python re)"


def test_arrays_are_read_only_issue2(small):
    toks = tokenize(small)
    with pytest.raises(ValueError, match="read-only"):
        toks.ids[0] = 1
    with pytest.raises(AttributeError):
        toks.vocab = ()  # type: ignore[misc]


def test_bad_document_index_is_an_error_issue2(small):
    toks = tokenize(small)
    with pytest.raises(IndexError, match="document 3 out of range"):
        toks.doc(3)
    with pytest.raises(CorpusError, match="no document with doc_id 'zz'"):
        toks.doc_tokens("zz")


def test_to_sparse_counts_issue2(small):
    matrix = tokenize(small).to_sparse()
    assert matrix.shape == (3, 4) and matrix.dtype == np.int64
    assert matrix.toarray().tolist() == [[1, 1, 1, 1], [0, 0, 0, 0], [1, 1, 0, 2]]


def test_nfkc_and_lowercase_steps_issue2():
    text = "\ufb01nance \uff32\uff25\uff33\uff29\uff33\uff34 Caf\u0065\u0301"
    c = Corpus.from_texts([text])
    assert tokenize(c).doc_tokens(0) == ["finance", "resist", "caf\u00e9"]
    assert tokenize(c, Recipe(lowercase=False)).doc_tokens(0) == ["finance", "RESIST", "Caf\u00e9"]
    raw = tokenize(c, Recipe(normalize=None))
    assert raw.doc_tokens(0)[0] == "\ufb01nance"


def test_stopwords_min_length_and_stemming_act_on_types_issue2(small):
    recipe = Recipe(stopwords=["the"], extra_stopwords=["OF"], min_length=4, stemmer="snowball")
    toks = tokenize(small, recipe)
    assert toks.vocab == ("axi", "resist")
    assert toks.offsets.tolist() == [0, 2, 2, 5]
    assert toks.doc_tokens(2) == ["resist", "resist", "axi"]
    assert toks.components["stopwords"] == "custom (1 words) + 1 extra words"
    assert toks.components["stemmer"].startswith("snowball english")


def test_named_stopwords_recorded_issue2(small):
    toks = tokenize(small, Recipe(stopwords="sklearn"))
    assert "the" not in toks.vocab and "of" not in toks.vocab
    assert toks.components["stopwords"].startswith("sklearn ENGLISH_STOP_WORDS")


def test_all_tokens_dropped_gives_empty_documents_issue2():
    toks = tokenize(Corpus.from_texts(["the of", "a"]), Recipe(stopwords="sklearn"))
    assert toks.vocab == () and toks.ids.size == 0 and toks.offsets.tolist() == [0, 0, 0]
    assert toks.to_sparse().shape == (2, 0)


def test_empty_corpus_issue2():
    toks = tokenize(Corpus.from_texts([]))
    assert len(toks) == 0 and toks.offsets.tolist() == [0] and toks.vocab == ()


def test_phrases_join_collocations_deterministically_issue2():
    texts = ["the axis of resistance met"] * 4 + ["resistance met the axis", "axis powers"]
    c = Corpus.from_texts(texts)
    recipe = Recipe(phrases=True, phrases_min_count=2, phrases_threshold=1.0)
    toks = tokenize(c, recipe)
    # gensim's default score (count(ab) - min_count) / (count(a) * count(b)) * |vocab|,
    # |vocab| = 6 unigrams + 6 bigrams = 12, joined when the score is > threshold:
    # the_axis (5-2)/(5*6)*12 = 1.2; axis_of (4-2)/(6*4)*12 = 1.0 (not > 1);
    # of_resistance (4-2)/(4*5)*12 = 1.2; resistance_met (5-2)/(5*5)*12 = 1.44.
    # Phrases are taken greedily from the left.
    assert toks.doc_tokens(0) == ["the_axis", "of_resistance", "met"]
    assert toks.doc_tokens(4) == ["resistance_met", "the_axis"]
    assert toks.doc_tokens(5) == ["axis", "powers"]
    assert toks.vocab == ("the_axis", "of_resistance", "met", "resistance_met", "axis", "powers")
    assert "gensim Phrases(min_count=2, threshold=1.0" in toks.components["phrases"]
    assert tokenize(c, recipe).fingerprint == toks.fingerprint


def test_recipe_as_mapping_and_bad_n_jobs_issue2(small):
    assert tokenize(small, {"min_length": 4}).vocab == ("axis", "resistance")
    with pytest.raises(CorpusError, match="n_jobs must be an integer >= 1"):
        tokenize(small, n_jobs=0)


def test_nltk_treebank_tokens_issue2():
    toks = tokenize(Corpus.from_texts(["They don't resist."]), Recipe(tokenizer="nltk-treebank"))
    assert toks.doc_tokens(0) == ["they", "do", "n't", "resist", "."]


def test_streamed_corpus_is_read_once_and_fingerprint_matches_issue2():
    passes = []

    def opener():
        passes.append(1)
        return iter(TEXTS)

    lazy = Corpus(LazyTexts(opener, 3), pd.DataFrame({"n": [1, 2, 3]}, index=["x", "y", "z"]))
    toks = tokenize(lazy)
    assert len(passes) == 1
    assert toks.corpus_fingerprint == lazy.fingerprint


def test_source_that_shrinks_while_reading_is_an_error_issue2():
    lazy = Corpus(LazyTexts(lambda: iter(TEXTS[:2]), 3))
    with pytest.raises((CorpusError, ValueError)):
        tokenize(lazy)


def test_fingerprint_of_segmented_corpus_matches_issue2(small):
    sentences = Corpus.from_texts(
        ["One. Two.\n\nThree."], docvars={"when": [pd.Timestamp("2001-09-11")]}
    ).segment("sentences")
    assert tokenize(sentences).corpus_fingerprint == sentences.fingerprint


def test_parallel_workers_give_identical_tokens_issue2(monkeypatch):
    import corpus._tokenize as module

    monkeypatch.setattr(module, "CHUNK_CHARS", 20)  # many chunks from a tiny corpus
    texts = [f"Doc {i}: the axis, resistance {i % 3} and sovereignty." for i in range(40)]
    c = Corpus.from_texts(texts)
    serial = tokenize(c)
    parallel = tokenize(c, n_jobs=2)
    assert parallel.vocab == serial.vocab
    assert np.array_equal(parallel.ids, serial.ids)
    assert np.array_equal(parallel.offsets, serial.offsets)
    assert parallel.fingerprint == serial.fingerprint


def test_chunked_fast_path_equals_the_python_pass_issue2(monkeypatch):
    """The default recipe runs in Arrow kernels chunk by chunk; the result is the same."""
    import corpus._tokenize as module

    texts = [
        "Caf\u00e9 \u0663\u0664 x_y \u01c5a",
        "",
        "  lead and trail  ",
        "ab\udcff cd",
        "The \ufb01nal axis.",
    ] * 3
    c = Corpus.from_texts(texts)
    whole = tokenize(c)
    monkeypatch.setattr(module, "CHUNK_CHARS", 7)
    chunked = tokenize(c)
    python = tokenize(c, Recipe(token_pattern=r"(?:\w)+"))  # same tokens, Python pass
    assert chunked.vocab == whole.vocab == python.vocab
    assert np.array_equal(chunked.ids, python.ids) and np.array_equal(whole.ids, python.ids)
    assert np.array_equal(chunked.offsets, python.offsets)
    assert whole.doc_tokens(3) == ["ab", "cd"]  # a lone surrogate: that chunk runs in Python


def test_progress_bar_on_stderr_when_asked_issue2(small, capsys):
    tokenize(small, progress=True)
    assert "tokenize" in capsys.readouterr().err
    tokenize(small)  # auto: not a terminal, small corpus
    assert capsys.readouterr().err == ""


def test_save_load_round_trip_issue2(small, tmp_path):
    toks = tokenize(small, Recipe(stemmer="snowball", stopwords=["of"]))
    path = toks.save(tmp_path / "sub" / "tokens.npz")
    back = Tokens.load(path)
    assert back.vocab == toks.vocab and back.recipe == toks.recipe
    assert np.array_equal(back.ids, toks.ids) and np.array_equal(back.offsets, toks.offsets)
    pd.testing.assert_frame_equal(back.docvars, toks.docvars)
    assert dict(back.components) == dict(toks.components)
    assert back.corpus_fingerprint == toks.corpus_fingerprint
    assert back.fingerprint == toks.fingerprint
    assert [p.name for p in path.parent.iterdir()] == ["tokens.npz"]
    # Identical inputs give identical bytes.
    assert toks.save(tmp_path / "again.npz").read_bytes() == path.read_bytes()


def test_load_rejects_bad_files_issue2(tmp_path):
    with pytest.raises(CorpusError, match="no Tokens file"):
        Tokens.load(tmp_path / "absent.npz")
    junk = tmp_path / "junk.npz"
    junk.write_bytes(b"not a zip")
    with pytest.raises(CorpusError, match="not a readable Tokens file"):
        Tokens.load(junk)
    other = tmp_path / "other.npz"
    np.savez(other, x=np.arange(3))
    with pytest.raises(CorpusError, match="not a readable Tokens file"):
        Tokens.load(other)


def test_inconsistent_arrays_are_rejected_issue2():
    frame = pd.DataFrame(index=pd.Index(["a"], name="doc_id"))
    with pytest.raises(CorpusError, match="offsets must rise"):
        Tokens(("x",), np.array([0]), np.array([0, 2]), frame, Recipe(), "fp")
    with pytest.raises(CorpusError, match="token ids must lie in"):
        Tokens(("x",), np.array([1]), np.array([0, 1]), frame, Recipe(), "fp")
    with pytest.raises(CorpusError, match="3 offsets for 1 documents"):
        Tokens(("x",), np.array([0]), np.array([0, 0, 1]), frame, Recipe(), "fp")


_WORD_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60
)


@settings(max_examples=60)
@given(st.lists(_WORD_TEXT, max_size=5))
def test_default_tokens_equal_nfkc_lower_findall_issue2(texts):
    """Scoring relies on these exact token boundaries."""
    toks = tokenize(Corpus.from_texts(texts))
    for i, text in enumerate(texts):
        expected = re.findall(r"\w+", unicodedata.normalize("NFKC", text).lower())
        assert toks.doc_tokens(i) == expected
    assert int(toks.n_tokens.sum()) == toks.ids.size
    # First-seen order: each new id is exactly one more than the largest so far.
    seen = np.maximum.accumulate(toks.ids) if toks.ids.size else toks.ids
    assert np.all(np.diff(np.concatenate([[-1], seen])) <= 1)


@pytest.mark.slow
def test_ungdc_archive_tokenizes_issue2(ungdc_archive):
    import corpus

    source = corpus.read("ungdc", path=ungdc_archive)
    toks = tokenize(source)
    assert len(toks) == 10952
    assert toks.corpus_fingerprint == source.fingerprint
    # Every speech's tokens equal re.findall on its NFKC, lower-cased text.
    vocab = toks.vocab
    for i, text in enumerate(source.iter_texts()):
        expected = re.findall(r"\w+", unicodedata.normalize("NFKC", text).lower())
        assert [vocab[j] for j in toks.doc(i).tolist()] == expected, toks.doc_ids[i]
    assert toks.n_tokens.sum() == 32_246_492
