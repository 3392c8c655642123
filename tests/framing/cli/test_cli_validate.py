"""``framing validate`` and ``framing reliability`` (issue 7 acceptance)."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from framing.cli import main


@pytest.fixture
def files(tmp_path):
    scores = pd.DataFrame(
        {
            "doc_id": ["u1", "u2", "u3", "u4"],
            "n_tokens": [5, 5, 5, 5],
            "war": [2, 0, 1, 0],
            "aid": [0, 1, 1, 0],
            "year": [1, 2, 3, 4],
        }
    )
    gold = pd.DataFrame(
        {"doc_id": ["u1", "u2", "u3", "u4"], "war": [1, 0, 0, 1], "aid": [0, 1, 1, 0]}
    )
    codes = pd.DataFrame(
        {
            "doc_id": ["u1", "u1", "u2", "u2", "u3", "u3"],
            "coder": ["a", "b"] * 3,
            "war": [1, 1, 0, 1, 0, 0],
            "aid": [0, 0, 1, 1, 1, 1],
        }
    )
    paths = {
        "scores": tmp_path / "scores.parquet",
        "gold": tmp_path / "gold.csv",
        "codes": tmp_path / "codes.csv",
    }
    scores.to_parquet(paths["scores"], index=False)
    gold.to_csv(paths["gold"], index=False)
    codes.to_csv(paths["codes"], index=False)
    return paths


def test_validate_writes_frame_macro_micro_rows_issue7(files, tmp_path):
    out = tmp_path / "report.csv"
    assert (
        main(
            [
                "validate",
                str(files["scores"]),
                "--gold",
                str(files["gold"]),
                "--threshold",
                "1",
                "--out",
                str(out),
                "--n-boot",
                "200",
            ]
        )
        == 0
    )
    report = pd.read_csv(out)
    assert report["frame"].tolist() == ["war", "aid", "macro", "micro"]
    for column in (
        "precision",
        "recall",
        "f1",
        "precision_ci_low",
        "precision_ci_high",
        "recall_ci_low",
        "recall_ci_high",
        "f1_ci_low",
        "f1_ci_high",
        "support",
    ):
        assert column in report.columns
    assert report.set_index("frame").loc["aid", "precision"] == 1.0


def test_reliability_report_issue7(files, tmp_path):
    out = tmp_path / "rel.csv"
    dis = tmp_path / "dis.csv"
    assert (
        main(["reliability", str(files["codes"]), "--out", str(out), "--disagreements", str(dis)])
        == 0
    )
    report = pd.read_csv(out).set_index("frame")
    assert set(report.columns) >= {"krippendorff_alpha", "percent_agreement", "cohen_kappa"}
    assert report.loc["aid", "percent_agreement"] == 1.0
    assert pd.read_csv(dis)["doc_id"].tolist() == ["u2"]


def test_bad_gold_exits_1_with_the_line_issue7(files, tmp_path):
    bad = tmp_path / "bad.csv"
    pd.read_csv(files["gold"]).assign(war=[1, 0, 5, 1]).to_csv(bad, index=False)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "framing",
            "validate",
            str(files["scores"]),
            "--gold",
            str(bad),
            "--out",
            str(tmp_path / "r.csv"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1
    assert "row 4, column 'war'" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "r.csv").exists()
