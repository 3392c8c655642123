"""``framing effects`` (issue 15 acceptance)."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import framing
from framing.cli import main

COLUMNS = ["term", "estimate", "std_error", "ci_low", "ci_high", "p_value", "n", "method"]


@pytest.fixture
def files(tmp_path):
    rng = np.random.default_rng(4)
    n = 400
    group = rng.integers(0, 2, n)
    truth = rng.random(n) < 0.2 + 0.2 * group
    measured = np.where(truth, rng.random(n) < 0.8, rng.random(n) < 0.05)
    scores = pd.DataFrame(
        {
            "doc_id": [f"p{i}" for i in range(n)],
            "n_tokens": 40,
            "resistance": measured.astype(int),
            "group": group,
            "country": [f"c{i % 25}" for i in range(n)],
        }
    )
    coded = rng.choice(n, 80, replace=False)
    gold = pd.DataFrame(
        {"doc_id": scores["doc_id"].to_numpy()[coded], "resistance": truth[coded].astype(int)}
    )
    paths = {"scores": tmp_path / "SCORES.csv", "gold": tmp_path / "GOLD.csv"}
    scores.to_csv(paths["scores"], index=False)
    gold.to_csv(paths["gold"], index=False)
    return paths, scores, gold


def test_issue15_effects_command_writes_one_row_per_term(files, tmp_path, monkeypatch):
    _paths, scores, _ = files
    monkeypatch.chdir(tmp_path)
    code = main(
        [
            "effects",
            "SCORES.csv",
            "--formula",
            "resistance ~ group",
            "--family",
            "logit",
            "--out",
            "E.csv",
        ]
    )
    assert code == 0
    table = pd.read_csv(tmp_path / "E.csv")
    assert table.columns.tolist() == COLUMNS
    assert table["term"].tolist() == ["Intercept", "group"]
    direct = framing.estimate_effect(scores, "resistance ~ group", family="logit")
    np.testing.assert_allclose(table["estimate"], direct["estimate"], atol=1e-12)


def test_issue15_effects_command_with_gold_is_ppi_corrected(files, tmp_path):
    paths, _, _ = files
    out = tmp_path / "E.csv"
    code = main(
        [
            "effects",
            str(paths["scores"]),
            "--formula",
            "resistance ~ group",
            "--family",
            "logit",
            "--gold",
            str(paths["gold"]),
            "--out",
            str(out),
        ]
    )
    assert code == 0
    table = pd.read_csv(out)
    assert table.columns.tolist() == COLUMNS
    assert [m.split()[0] for m in table["method"]] == [
        "ppi++",
        "ppi++",
        "naive",
        "naive",
        "gold-only",
        "gold-only",
    ]


def test_issue15_effects_command_cluster_and_offset(files, tmp_path):
    paths, _scores, _ = files
    out = tmp_path / "E.parquet"
    assert (
        main(
            [
                "effects",
                str(paths["scores"]),
                "--formula",
                "resistance ~ group",
                "--offset",
                "n_tokens",
                "--cluster",
                "country",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    table = pd.read_parquet(out)
    assert table["method"].iloc[0] == "poisson (cluster-robust by country, 25 clusters)"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--formula", "peace ~ group"], 2, "--formula: 'peace' is not a column"),
        (["--formula", "resistance ~ group", "--cluster", "region"], 2, "--cluster: 'region'"),
        (
            ["--formula", "resistance ~ group", "--family", "logit", "--gold", "missing.csv"],
            2,
            "--gold missing.csv: no such file",
        ),
        (
            ["--formula", "resistance ~ group", "--family", "logit", "--gold", "BAD.csv"],
            1,
            "BAD.csv: .*not among the scored units",
        ),
    ],
)
def test_issue15_effects_command_errors(files, tmp_path, monkeypatch, capsys, args, code, message):
    _paths, _, _ = files
    monkeypatch.chdir(tmp_path)
    pd.DataFrame({"doc_id": [f"x{i}" for i in range(30)], "resistance": 0}).to_csv(
        "BAD.csv", index=False
    )
    assert main(["effects", "SCORES.csv", *args, "--out", "E.csv"]) == code
    assert pytest.importorskip("re").search(message, capsys.readouterr().err)
    assert not (tmp_path / "E.csv").exists()


def test_issue15_effects_help_runs_as_a_command():
    done = subprocess.run(
        [sys.executable, "-m", "framing", "effects", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "--gold CODES.csv" in done.stdout
