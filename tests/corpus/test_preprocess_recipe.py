"""Tests of the preprocessing Recipe and the str -> str normalisation steps (issue 2)."""

from __future__ import annotations

import json

import pytest

from corpus import CorpusError, Recipe, RecipeError, normalize_unicode, read_word_list


def test_default_recipe_is_the_shared_contract_issue2():
    recipe = Recipe()
    assert recipe.to_dict() == {
        "normalize": "NFKC",
        "lowercase": True,
        "tokenizer": "regex",
        "token_pattern": r"\w+",
        "stopwords": None,
        "extra_stopwords": [],
        "lemmatizer": None,
        "stemmer": None,
        "language": "english",
        "min_length": 1,
        "phrases": False,
        "phrases_min_count": 5,
        "phrases_threshold": 10.0,
    }
    assert recipe.is_default
    assert not Recipe(min_length=2).is_default


def test_recipe_is_frozen_issue2():
    with pytest.raises(AttributeError):
        Recipe().lowercase = False  # type: ignore[misc]


def test_round_trip_through_json_issue2():
    recipe = Recipe(
        normalize="NFC",
        stopwords=["the", "of"],
        extra_stopwords=["un"],
        stemmer="snowball",
        min_length=3,
        phrases=True,
        phrases_threshold=5,
    )
    back = Recipe.from_dict(json.loads(json.dumps(recipe.to_dict())))
    assert back == recipe
    assert back.fingerprint == recipe.fingerprint


def test_fingerprint_is_sha256_of_canonical_json_and_tracks_every_key_issue2():
    recipe = Recipe()
    assert len(recipe.fingerprint) == 64
    assert recipe.fingerprint == Recipe().fingerprint
    variants = [
        Recipe(normalize=None),
        Recipe(lowercase=False),
        Recipe(token_pattern=r"\S+"),
        Recipe(stopwords="sklearn"),
        Recipe(extra_stopwords=["x"]),
        Recipe(stemmer="snowball"),
        Recipe(language="german"),
        Recipe(min_length=2),
        Recipe(phrases=True),
        Recipe(phrases_min_count=2),
        Recipe(phrases_threshold=1.0),
    ]
    prints = {v.fingerprint for v in variants} | {recipe.fingerprint}
    assert len(prints) == len(variants) + 1


def test_unknown_key_is_an_error_naming_the_key_issue2():
    with pytest.raises(RecipeError, match="unknown recipe key 'stemer'"):
        Recipe.from_dict({"stemer": "snowball"})
    with pytest.raises(RecipeError, match="mapping"):
        Recipe.from_dict(["normalize"])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"normalize": "NFX"}, "'normalize': unknown value 'NFX'"),
        ({"tokenizer": "spacy"}, "'tokenizer': unknown value 'spacy'"),
        ({"lemmatizer": "spacy"}, "'lemmatizer'"),
        ({"stemmer": "porter"}, "'stemmer'"),
        ({"stemmer": "snowball", "lemmatizer": "wordnet"}, "choose one"),
        ({"min_length": 0}, "'min_length': expected an integer >= 1"),
        ({"min_length": True}, "'min_length'"),
        ({"lowercase": "yes"}, "'lowercase': expected true or false"),
        ({"phrases_threshold": -1}, "'phrases_threshold'"),
        ({"stopwords": "spanish"}, "'stopwords': unknown list 'spanish'"),
        ({"stopwords": [1, 2]}, "'stopwords': expected a list of words"),
        ({"extra_stopwords": "the"}, "'extra_stopwords': expected a list of words"),
    ],
)
def test_invalid_values_are_errors_naming_the_key_issue2(kwargs, message):
    with pytest.raises(RecipeError, match=message):
        Recipe(**kwargs)
    assert issubclass(RecipeError, CorpusError)


def test_stopwords_file_is_read_into_the_recipe_issue2(tmp_path):
    path = tmp_path / "stop.txt"
    path.write_text("# council words\nthe\nUnited  \n\nthe\n", encoding="utf-8")
    recipe = Recipe(stopwords=str(path))
    assert recipe.stopwords == ("the", "United")
    # The recipe records the words, so its fingerprint follows the file's content.
    path.write_text("the\n", encoding="utf-8")
    assert Recipe(stopwords=path).fingerprint != recipe.fingerprint


def test_missing_word_list_file_is_an_error_issue2(tmp_path):
    with pytest.raises(RecipeError, match="does not exist"):
        read_word_list(tmp_path / "absent.txt")
    with pytest.raises(RecipeError, match="does not exist"):
        Recipe(stopwords=str(tmp_path / "absent.txt"))


def test_normalize_unicode_forms_issue2():
    text = "\ufb01nal \uff12 cafe\u0301"  # ligature, full-width 2, e + combining accent
    assert normalize_unicode(text) == "final 2 caf\u00e9"
    assert normalize_unicode(text, "NFC") == "\ufb01nal \uff12 caf\u00e9"
    assert normalize_unicode("caf\u00e9", "NFD") == "cafe\u0301"
    assert normalize_unicode(text, None) is text
    already = "plain ascii"
    assert normalize_unicode(already) is already
