"""``framing model`` and ``framing score --model`` (#14)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import framing.cli as cli
from framing.models import list_models, load_model

TEXTS = [
    "the war and the attack",
    "aid for the refugees",
    "an attack on the troops",
    "food aid and shelter",
    "missile strike on the base",
    "refugees need food",
] * 4


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    ids = [f"u{i}" for i in range(len(TEXTS))]
    units = tmp_path / "units.csv"
    pd.DataFrame({"unit_id": ids, "text": TEXTS}).to_csv(units, index=False)
    codes = tmp_path / "codes.csv"
    pd.DataFrame({"unit_id": ids, "war": [1, 0, 1, 0, 1, 0] * 4,
                  "aid": [0, 1, 0, 1, 0, 1] * 4}).to_csv(codes, index=False)  # fmt: skip
    lexicon = tmp_path / "toy.yaml"
    lexicon.write_text("name: toy\nversion: 1.0.0\nframes:\n  war:\n    patterns: [war*, "
                       "attack*]\n  aid:\n    patterns: [aid]\n")  # fmt: skip
    return {"units": units, "codes": codes, "lexicon": lexicon, "dir": tmp_path}


def test_issue14_model_train_then_score_round_trips(files, capsys) -> None:
    model = files["dir"] / "toy.skops"
    code = cli.main(["model", "train", str(files["units"]), "--text-col", "text", "--id-col",
                     "unit_id", "--codes", str(files["codes"]), "--lexicon",
                     str(files["lexicon"]), "--min-df", "1", "--cv", "3", "--seed", "3",
                     "--out", str(model)])  # fmt: skip
    out, _ = capsys.readouterr()
    assert code == 0 and model.is_file()
    assert "out-of-fold" in out and "war" in out
    scores = files["dir"] / "scores.csv"
    code = cli.main(["score", str(files["units"]), "--text-col", "text", "--id-col", "unit_id",
                     "--model", str(model), "--out", str(scores), "--quiet"])  # fmt: skip
    table = pd.read_csv(scores)
    assert code == 0
    assert list(table.columns) == ["doc_id", "n_tokens", "war", "aid"]
    assert table["war"].tolist()[:6] == [1, 0, 1, 0, 1, 0]


def test_issue14_score_model_errors_are_usage_errors(files, capsys) -> None:
    out = str(files["dir"] / "s.csv")
    src = [str(files["units"]), "--text-col", "text"]
    assert cli.main(["score", *src, "--model", "nope", "--out", out]) == 2
    assert "no bundled model 'nope'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as both:
        cli.main(["score", *src, "--model", "mideast", "--lexicon", "mideast", "--out", out])
    assert both.value.code == 2
    assert cli.main(["score", *src, "--model", "mideast", "--negation-window", "3",
                     "--out", out]) == 2  # fmt: skip
    assert not Path(out).exists()


def test_issue14_train_refuses_codes_for_units_not_in_the_source(files, capsys) -> None:
    codes = pd.read_csv(files["codes"])
    codes.loc[0, "unit_id"] = "ghost"
    codes.to_csv(files["codes"], index=False)
    code = cli.main(["model", "train", str(files["units"]), "--text-col", "text", "--id-col",
                     "unit_id", "--codes", str(files["codes"]), "--lexicon",
                     str(files["lexicon"]), "--out", str(files["dir"] / "m.skops")])  # fmt: skip
    assert code == 2
    assert "ghost" in capsys.readouterr().err
    assert not (files["dir"] / "m.skops").exists()


@pytest.mark.parametrize("name", ["mideast", "generic_news"])
def test_issue14_acceptance_score_with_each_bundled_model(name, tmp_path, capsys) -> None:
    source = tmp_path / "FILE.csv"
    pd.DataFrame({"id": ["a", "b"], "text": [
        "Foreign powers keep interfering in our internal affairs; we reject such interference.",
        "The fighting left families without food, and the ministry blamed the rebels.",
    ], "outlet": ["x", "y"]}).to_csv(source, index=False)  # fmt: skip
    out = tmp_path / "OUT.csv"
    code = cli.main(["score", str(source), "--text-col", "text", "--id-col", "id", "--model",
                     name, "--unit", "document", "--out", str(out)])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    table = pd.read_csv(out)
    model = load_model(name)
    assert list(table.columns) == ["doc_id", "n_tokens", *model.frames, "outlet"]
    assert set(table[list(model.frames)].stack()) <= {0, 1}


def test_issue14_model_list_and_show(capsys) -> None:
    assert cli.main(["model", "list"]) == 0
    listed = capsys.readouterr().out
    assert all(name in listed for name in list_models())
    assert cli.main(["model", "show", "generic_news"]) == 0
    shown = capsys.readouterr().out
    assert "training_data" in shown and "scope" in shown and "fingerprint" in shown
