"""Supervised frame classifiers, weak supervision and safe persistence (issue 7)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from framing import FramingError
from framing.score import load_classifier, train_classifier, weak_labels
from framing.validate import evaluate

CONFLICT = [
    "the attack killed soldiers",
    "missile strike on the city",
    "troops fought rebels",
    "war and shelling continue",
    "clashes between armed groups",
    "bombing raid at dawn",
]
AID = [
    "food aid for refugees",
    "shelter and medicine for families",
    "relief convoy arrived",
    "donors pledged humanitarian aid",
    "refugees need water and food",
    "aid workers helped",
]
TEXTS = (CONFLICT + AID) * 3
LABELS = pd.DataFrame({"conflict": ([1] * 6 + [0] * 6) * 3, "aid": ([0] * 6 + [1] * 6) * 3})


@pytest.fixture(scope="module")
def fitted():
    return train_classifier(TEXTS, LABELS, seed=7, cv=3)


def test_classifier_learns_and_is_deterministic_issue7(fitted):
    again = train_classifier(TEXTS, LABELS, seed=7, cv=3)
    new = ["a missile attack on troops", "food and shelter for refugees"]
    pd.testing.assert_frame_equal(fitted.predict_proba(new), again.predict_proba(new))
    assert fitted.predict(new).to_dict("list") == {"conflict": [1, 0], "aid": [0, 1]}
    probs = fitted.predict_proba(new).to_numpy()
    assert ((probs > 0) & (probs < 1)).all()


def test_cross_validated_predictions_evaluate_issue7(fitted):
    oof = fitted.cv_predictions_
    assert oof.shape == (len(TEXTS), 2)
    table = (oof >= 0.5).astype(int).assign(doc_id=[f"u{i}" for i in range(len(TEXTS))])
    gold = LABELS.assign(doc_id=table.doc_id)
    report = evaluate(table, gold, n_boot=0, seed=0).set_index("frame")
    assert report.loc["micro", "f1"] > 0.8


def test_top_features_name_the_frame_vocabulary_issue7(fitted):
    top = fitted.top_features(5)
    assert list(top.columns) == ["frame", "rank", "term", "weight"]
    conflict_terms = set(top[top.frame == "conflict"].term)
    assert conflict_terms & {"attack", "troops", "war", "missile", "bombing", "clashes"}
    assert not conflict_terms & {"aid", "refugees", "food"}


def test_save_load_round_trip_issue7(fitted, tmp_path):
    path = tmp_path / "clf.skops"
    fitted.save(path)
    loaded = load_classifier(path)
    new = ["war in the city", "aid for families"]
    pd.testing.assert_frame_equal(loaded.predict_proba(new), fitted.predict_proba(new))
    assert loaded.frames_ == fitted.frames_ and loaded.settings["seed"] == 7


def test_untrusted_types_are_refused_issue7(tmp_path):
    import skops.io as sio

    path = tmp_path / "evil.skops"
    sio.dump({"pipeline": pd.Timestamp("2020-01-01"), "frames": [], "settings": {}}, path)
    with pytest.raises(FramingError, match="refusing to load types"):
        load_classifier(path)


def test_weak_supervision_from_lexicon_counts_issue7():
    counts = pd.DataFrame(
        {
            "doc_id": [f"u{i}" for i in range(len(TEXTS))],
            "conflict": [2 if "attack" in t or "war" in t else 0 for t in TEXTS],
            "aid": [1 if "aid" in t.split() else 0 for t in TEXTS],
        }
    )
    labels = weak_labels(counts)
    assert labels.index.name == "doc_id" and labels.sum().tolist() == [6, 9]
    clf = train_classifier(TEXTS, labels.reset_index(drop=True), seed=1, cv=3)
    gold = LABELS.assign(doc_id=counts.doc_id)
    pred = clf.predict(TEXTS).assign(doc_id=counts.doc_id)
    report = evaluate(pred, gold, n_boot=0, seed=0).set_index("frame")
    assert report.loc["aid", "precision"] == pytest.approx(1.0)


def test_too_few_positives_is_a_clear_error_issue7():
    labels = pd.DataFrame({"rare": [1, 0, 0, 0, 0, 0] * 3})
    with pytest.raises(FramingError, match="'rare' has 3 positive"):
        train_classifier(TEXTS[:18], labels, seed=0, cv=5)
    with pytest.raises(FramingError, match="unknown model"):
        train_classifier(TEXTS, LABELS, seed=0, model="forest")
    assert np.isfinite(weak_labels(pd.DataFrame({"doc_id": ["a"], "x": [0]})).to_numpy()).all()
