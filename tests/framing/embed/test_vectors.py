"""Word vectors: training on Tokens, determinism, cache, loading file formats (#14)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from corpus import Corpus, tokenize
from framing import FramingError, InvalidParameterError
from framing.embed import WordVectors, load_vectors, train_vectors, vectors_cache_key

TEXTS = [
    "the people resist the occupation",
    "the people build peace and cooperation",
    "resist occupation and resist aggression",
    "peace and cooperation and dialogue",
] * 10


@pytest.fixture(scope="module")
def tokens():
    return tokenize(Corpus.from_texts(TEXTS))


@pytest.mark.parametrize("method", ["word2vec", "fasttext"])
def test_issue14_training_with_one_worker_is_deterministic(tokens, method) -> None:
    a = train_vectors(tokens, method=method, dim=8, min_count=1, epochs=2, seed=3)
    b = train_vectors(tokens, method=method, dim=8, min_count=1, epochs=2, seed=3)
    c = train_vectors(tokens, method=method, dim=8, min_count=1, epochs=2, seed=4)
    assert set(a.words) == set(tokens.vocab)
    assert np.array_equal(a.keyed.vectors, b.keyed.vectors)
    assert not np.array_equal(a.keyed.vectors, c.keyed.vectors)
    assert a.record["tokens"] == tokens.fingerprint and a.record["seed"] == 3
    assert a.method == method and a.subword == (method == "fasttext")


def test_issue14_min_count_drops_rare_words(tokens) -> None:
    vecs = train_vectors(tokens, dim=4, min_count=11, epochs=1, seed=0)
    # each word of TEXTS occurs 10, 20, 30 or 40 times: "build", "aggression", "dialogue" 10
    assert "build" not in vecs and "dialogue" not in vecs and "resist" in vecs
    with pytest.raises(FramingError, match="no word occurs 1000 times"):
        train_vectors(tokens, min_count=1000, seed=0)


def test_issue14_cache_hit_returns_identical_vectors(tokens, tmp_path: Path) -> None:
    first = train_vectors(tokens, dim=6, min_count=1, epochs=1, cache_dir=tmp_path, seed=0)
    files = list(tmp_path.glob("vectors-*.npz"))
    assert len(files) == 1
    again = train_vectors(tokens, dim=6, min_count=1, epochs=1, cache_dir=tmp_path, seed=0)
    assert again.words == first.words
    assert np.array_equal(again.keyed.vectors, first.keyed.vectors)
    assert dict(again.record) == dict(first.record)
    train_vectors(tokens, dim=6, min_count=1, epochs=2, cache_dir=tmp_path, seed=0)
    assert len(list(tmp_path.glob("vectors-*.npz"))) == 2  # other params, other key


def test_issue14_fasttext_round_trip_keeps_subword_vectors(tokens, tmp_path: Path) -> None:
    vecs = train_vectors(tokens, method="fasttext", dim=6, min_count=1, epochs=1, seed=0)
    back = load_vectors(vecs.save(tmp_path / "ft.npz"), format="npz")
    assert back.subword and "resisting" not in back
    assert np.allclose(back.vector("resisting"), vecs.vector("resisting"))
    assert np.array_equal(back.vector("peace"), vecs.vector("peace"))


def test_issue14_cache_key_depends_on_fingerprint_and_params() -> None:
    key = vectors_cache_key("abc", {"method": "word2vec", "workers": 1})
    assert key != vectors_cache_key("abc", {"method": "word2vec", "workers": 2})
    assert key != vectors_cache_key("abd", {"method": "word2vec", "workers": 1})


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"method": "glove"}, "method must be one of"),
        ({"dim": 0}, "dim must be positive"),
        ({"epochs": 1.5}, "epochs must be an integer"),
        ({"sg": 1}, "sg must be True or False"),
    ],
)
def test_issue14_bad_training_parameters_raise(tokens, kwargs, match) -> None:
    with pytest.raises(InvalidParameterError, match=match):
        train_vectors(tokens, seed=0, **kwargs)


def test_issue14_load_word2vec_text_binary_and_glove(tmp_path: Path) -> None:
    vecs = WordVectors.from_arrays(["war", "peace"], np.array([[1.0, 0.5], [0.0, 2.0]]))
    vecs.keyed.save_word2vec_format(str(tmp_path / "v.txt"), binary=False)
    vecs.keyed.save_word2vec_format(str(tmp_path / "v.bin"), binary=True)
    (tmp_path / "g.txt").write_text("war 1 0.5\npeace 0 2\n")
    for name, fmt in [
        ("v.txt", "word2vec-text"),
        ("v.bin", "word2vec-binary"),
        ("g.txt", "glove"),
    ]:
        loaded = load_vectors(tmp_path / name, format=fmt)
        assert loaded.words == ("war", "peace")
        assert loaded.vector("peace").tolist() == [0.0, 2.0]
        assert loaded.record["format"] == fmt and len(loaded.record["sha256"]) == 64


def test_issue14_load_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(FramingError, match="no such vector file"):
        load_vectors(tmp_path / "missing.txt")
    bad = tmp_path / "bad.txt"
    bad.write_text("2 3\nwar 1 x 3\n")
    with pytest.raises(FramingError, match=r"bad\.txt: cannot read as word2vec-text"):
        load_vectors(bad)
    with pytest.raises(InvalidParameterError, match="format must be one of"):
        load_vectors(bad, format="fasttext-bin")
    with pytest.raises(FramingError, match=r"not a word-vector \.npz"):
        load_vectors(bad, format="npz")


def test_issue14_vector_of_unknown_word_names_it() -> None:
    vecs = WordVectors.from_arrays(["war"], np.ones((1, 2)))
    with pytest.raises(KeyError, match="no vector for 'peace'"):
        vecs.vector("peace")
    with pytest.raises(InvalidParameterError, match="one row per word"):
        WordVectors.from_arrays(["a", "b"], np.ones((3, 2)))
