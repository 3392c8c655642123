"""Single-label prediction and the FrAC benchmark (issue 13)."""

from __future__ import annotations

import pandas as pd
import pytest

import framing
from framing.cli import main
from framing.validate import FRAC_CATEGORIES, FRAC_MAPPINGS, benchmark_frac, predict_single_label
from tests.conftest import REPO_ROOT, require_shared


def _tables(weighted, counts):
    idx = pd.Index([f"u{i}" for i in range(len(weighted["a"]))], name="doc_id")
    return pd.DataFrame(weighted, index=idx), pd.DataFrame(counts, index=idx)


def test_top_score_then_hits_then_order_then_default_issue13():
    w, c = _tables({"a": [2.0, 1.0, 1.0, 0.0, 0.5], "b": [1.0, 1.0, 1.0, 0.0, 0.5],
                    "c": [0.0, 0.0, 0.0, 0.0, 0.5]},
                   {"a": [2, 1, 1, 0, 1], "b": [1, 2, 1, 0, 1], "c": [0, 0, 0, 0, 1]})  # fmt: skip
    got = predict_single_label(w, c, {"a": "x", "b": "y", "c": "y"},
                               categories=["y", "x", "z"], default="z")  # fmt: skip
    # u0 score; u1 tie on score, y has more hits; u2 full tie -> y first in order;
    # u3 no hit -> default; u4 y sums two frames (1.0 > 0.5)
    assert got.tolist() == ["x", "y", "y", "z", "y"]


def test_mapping_errors_issue13():
    w, c = _tables({"a": [1.0]}, {"a": [1]})
    with pytest.raises(framing.InvalidParameterError, match="not in the scores"):
        predict_single_label(w, c, {"b": "economic"})
    with pytest.raises(framing.InvalidParameterError, match="not categories"):
        predict_single_label(w, c, {"a": "weather"})


def test_policy_frames_mapping_covers_all_frames_issue13():
    lex = framing.load_lexicon("policy_frames")
    assert len(lex.frames) == 14
    mapping = FRAC_MAPPINGS["policy_frames"]
    assert set(mapping) == set(lex.frame_names)
    assert set(mapping.values()) == set(FRAC_CATEGORIES)
    generic = framing.load_lexicon("generic_news")
    assert set(FRAC_MAPPINGS["generic_news"]) <= set(generic.frame_names)


def test_benchmark_on_made_up_sentences_issue13(tmp_path):
    path = tmp_path / "frac.csv"
    path.write_text(
        "sentence,label\n"
        "The budget deficit and the taxes keep rising.,1\n"  # economic -> economic
        "It is immoral and a sin.,3\n"  # morality -> morality
        "Hello there.,15\n"  # no hit -> other
        "Taxes are too high.,4\n",  # economic, gold fairness -> wrong
        encoding="utf-8",
    )
    result = benchmark_frac(path, "policy_frames", n_boot=0, seed=0)
    assert result.predictions["predicted"].tolist() == ["economic", "morality", "other",
                                                        "economic"]  # fmt: skip
    assert result.accuracy[0] == 0.75
    table = result.table.set_index("frame")
    assert table.loc["economic", ["tp", "fp", "fn"]].tolist() == [1, 1, 0]
    assert table.loc["economic", "f1"] == pytest.approx(2 / 3)
    assert int(result.confusion.loc["fairness_equality", "economic"]) == 1


def test_unmapped_measure_is_a_usage_error_issue13(tmp_path, capsys):
    path = tmp_path / "frac.csv"
    path.write_text("sentence,label\nA.,1\n", encoding="utf-8")
    code = main(["benchmark", "frac", "--path", str(path), "--measure", "mideast",
                 "--out", str(tmp_path / "out")])  # fmt: skip
    assert code == 2
    assert "no mapping" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.shared_data
def test_acceptance_benchmark_frac_policy_frames_issue13(tmp_path, monkeypatch):
    path = require_shared("news", "frac", "gold_standard_single_label_all.csv")
    out = tmp_path / "bench"
    monkeypatch.chdir(REPO_ROOT)
    assert main(["benchmark", "frac", "--path", str(path), "--measure", "policy_frames",
                 "--out", str(out), "--n-boot", "200"]) == 0  # fmt: skip
    preds = pd.read_csv(out / "predictions.csv")
    assert preds.columns.tolist() == ["id", "gold", "predicted"] and len(preds) == 523
    assert set(preds["predicted"]) <= set(FRAC_CATEGORIES)
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "macro-F1" in report and "confusion.png" in report
    assert (out / "confusion.png").stat().st_size > 0
    committed = pd.read_csv(REPO_ROOT / "benchmarks/frac/policy_frames/predictions.csv")
    assert committed.equals(preds)  # the committed benchmark is what the code produces
