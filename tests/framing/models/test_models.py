"""Trained frame models: features, training, calibration, scoring, files (#14)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from corpus import Corpus, tokenize
from framing import FramingError, InvalidParameterError, Lexicon
from framing.embed import WordVectors
from framing.models import (
    FrameModel,
    best_threshold,
    fit_features,
    list_models,
    load_model,
    train_model,
)
from framing.score import FrameScores, score_frames

TEXTS = [
    "the war and the attack",
    "aid for the refugees",
    "an attack on the troops",
    "food aid and shelter",
    "missile strike on the base",
    "refugees need food",
] * 4
CODES = pd.DataFrame({"war": [1, 0, 1, 0, 1, 0] * 4, "aid": [0, 1, 0, 1, 0, 1] * 4})


@pytest.fixture
def lexicon() -> Lexicon:
    return Lexicon.from_terms("toy", {"war": ["war*", "attack*"], "aid": ["aid"]})


@pytest.fixture
def model(lexicon) -> FrameModel:
    return train_model(TEXTS, CODES, lexicon, seed=0, cv=3, min_df=1, name="toy")


def test_issue14_features_are_hand_checkable(lexicon) -> None:
    toks = tokenize(Corpus.from_texts(["war war peace", "peace now", "war now"]))
    space = fit_features(toks, lexicon, min_df=2)
    # words in >= 2 units: war, peace, now; no pair occurs twice
    assert space.feature_names() == [
        "w:now", "w:peace", "w:war", "lex:war", "lex:aid", "has:war", "has:aid",
    ]  # fmt: skip
    X = space.transform(toks).toarray()
    idf = np.log(4 / 3) + 1  # every kept word is in 2 of 3 units
    tf_war, tf_peace = 1 + np.log(2), 1.0
    norm = np.hypot(tf_war * idf, tf_peace * idf)
    np.testing.assert_allclose(X[0, :3], [0, tf_peace * idf / norm, tf_war * idf / norm])
    np.testing.assert_allclose(X[0, 3:], [np.log1p(2), 0, 1, 0])
    np.testing.assert_allclose(X[1, 3:], [0, 0, 0, 0])


def test_issue14_bigrams_are_counted_within_units_only(lexicon) -> None:
    toks = tokenize(Corpus.from_texts(["red sea", "red sea", "sea red"]))
    space = fit_features(toks, lexicon, min_df=2)
    assert "b:red sea" in space.feature_names()
    assert "b:sea red" not in space.feature_names()  # one unit only
    # "sea" ends unit 0 and "red" opens unit 1: that pair is no bigram
    X = space.transform(tokenize(Corpus.from_texts(["sea", "red"]))).toarray()
    col = space.feature_names().index("b:red sea")
    assert X[:, col].sum() == 0


def test_issue14_semantic_block_is_the_standardised_ddr_cosine(lexicon) -> None:
    vecs = WordVectors.from_arrays(
        ["war", "attack", "aid", "food"], np.array([[1, 0], [1, 0.2], [0, 1], [0.1, 1]])
    )
    toks = tokenize(Corpus.from_texts(["war attack", "aid food", "war aid"]))
    space = fit_features(toks, lexicon, vectors=vecs, min_df=1)
    sem = space.transform(toks).toarray()[:, -2:]
    np.testing.assert_allclose(sem.mean(axis=0), [0, 0], atol=1e-9)
    assert sem[0, 0] > sem[2, 0] > sem[1, 0]  # war-ness
    assert sem[1, 1] > sem[2, 1] > sem[0, 1]  # aid-ness


def test_issue14_best_threshold_maximises_f1() -> None:
    proba = np.array([0.9, 0.8, 0.7, 0.2, 0.1])
    gold = np.array([1, 0, 1, 0, 0])
    # cuts: after 0.9 -> F1 2/3; after 0.7 -> P 2/3 R 1 -> F1 0.8 (best)
    assert best_threshold(proba, gold) == pytest.approx((0.7 + 0.2) / 2)


def test_issue14_model_learns_beyond_its_lexicon(model) -> None:
    # "missile strike" and "food" hold no lexicon term; the model learnt them
    pred = model.predict(["a missile strike", "food for refugees"])
    assert pred.to_dict("list") == {"war": [1, 0], "aid": [0, 1]}
    assert model.cv_predictions_.shape == (24, 2)
    assert ((model.thresholds > 0) & (model.thresholds < 1)).all()


def test_issue14_score_has_the_lexicon_table_shape(model, lexicon) -> None:
    corp = Corpus.from_texts(TEXTS[:6], docvars=pd.DataFrame({"outlet": list("abcabc")}))
    by_model, by_lexicon = model.score(corp), score_frames(corp, lexicon)
    assert isinstance(by_model, FrameScores)
    assert list(by_model.to_frame().columns) == list(by_lexicon.to_frame().columns)
    assert set(np.unique(by_model.counts.to_numpy())) <= {0, 1}
    assert by_model.n_tokens.equals(by_lexicon.n_tokens)
    assert by_model.meta["measure"] == "model" and by_model.meta["model"] == "toy"


def test_issue14_scores_do_not_depend_on_chunks_or_workers(model, tmp_path) -> None:
    corp = Corpus.from_texts(TEXTS * 3)
    one = model.score(corp, chunk_size=5000).to_file(tmp_path / "a.csv")
    small = model.score(corp, chunk_size=7).to_file(tmp_path / "b.csv")
    pool = model.score(corp, chunk_size=7, scheduler="local:2").to_file(tmp_path / "c.csv")
    assert one.read_bytes() == small.read_bytes() == pool.read_bytes()


def test_issue14_save_and_load_give_the_same_model(model, tmp_path) -> None:
    path = model.save(tmp_path / "toy.skops")
    back = load_model(path)
    assert back.fingerprint == model.fingerprint
    assert back.frames == model.frames and back.card["training"]["seed"] == 0
    pd.testing.assert_frame_equal(back.predict_proba(TEXTS), model.predict_proba(TEXTS))


def test_issue14_load_refuses_foreign_types_and_other_formats(tmp_path) -> None:
    import skops.io as sio
    from sklearn.linear_model import LogisticRegression

    foreign = tmp_path / "foreign.skops"
    sio.dump({"format": 1, "est": LogisticRegression()}, foreign)
    with pytest.raises(FramingError, match="refusing to load"):
        load_model(foreign)
    old = tmp_path / "old.skops"
    sio.dump({"format": 99}, old, compression=zipfile.ZIP_DEFLATED)
    with pytest.raises(FramingError, match="format 99"):
        load_model(old)
    with pytest.raises(InvalidParameterError, match="no bundled model 'nope'"):
        load_model("nope")


def test_issue14_training_errors_name_the_problem(lexicon) -> None:
    with pytest.raises(InvalidParameterError, match="24 units but 3 rows"):
        train_model(TEXTS, CODES.head(3), lexicon, seed=0)
    with pytest.raises(InvalidParameterError, match="0 or 1"):
        train_model(TEXTS, CODES * 2, lexicon, seed=0)
    with pytest.raises(InvalidParameterError, match=r"frames \['aid'\]"):
        train_model(TEXTS, CODES[["war"]], lexicon, seed=0)
    rare = CODES.assign(aid=[1] + [0] * 23)
    with pytest.raises(InvalidParameterError, match="'aid' has 1 positive"):
        train_model(TEXTS, rare, lexicon, seed=0, cv=3)


def test_issue14_weak_labels_join_only_as_an_extra(lexicon) -> None:
    weak = ["war war war", "aid aid"] * 5
    a = train_model(TEXTS, CODES, lexicon, seed=0, cv=3, min_df=1, weak=weak, weak_weight=0.5)
    b = train_model(TEXTS, CODES, lexicon, seed=0, cv=3, min_df=1)
    assert a.card["training"]["weak_units"] == 10 and b.card["training"]["weak_units"] == 0
    assert not np.allclose(a.coef[0, : a.space.n_ngrams].sum(), 0)
    # calibration and thresholds come from the coded units only: 24 out-of-fold rows
    assert a.cv_predictions_.shape == (24, 2)


def test_issue14_bundled_models_exist_and_load() -> None:
    assert list_models() == ["generic_news", "mideast"]
    for name in list_models():
        model = load_model(name)
        assert model.name == name and model.space.embedding is not None
        assert {"training_data", "coders", "validation", "scope"} <= set(model.card)
    total = sum((Path(load_model.__module__.replace(".", "/"))).parent.joinpath(
        "data", f"{n}.skops").stat().st_size for n in list_models())  # fmt: skip
    assert total <= 15e6


def test_issue14_model_scores_a_partitioned_dataset_like_one_table(model, tmp_path) -> None:
    import corpus

    folder = tmp_path / "dataset"
    folder.mkdir()
    ids = [f"u{i}" for i in range(len(TEXTS))]
    for k in range(3):
        part = pd.DataFrame({"id": ids[k::3], "text": TEXTS[k::3]})
        part.to_parquet(folder / f"part-{k}.parquet", index=False)
    parts = corpus.partitions(folder, reader="parquet", text_col="text", id_col="id")
    whole = corpus.read(
        pd.concat([pd.read_parquet(p) for p in sorted(folder.glob("*.parquet"))]),
        text_col="text",
        id_col="id",
    )
    split, single = model.score(parts), model.score(whole)
    assert split.counts.equals(single.counts) and split.n_tokens.equals(single.n_tokens)
