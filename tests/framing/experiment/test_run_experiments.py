"""End-to-end runs of the bundled experiments (issue 6 acceptance)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from framing.experiment import run_experiment
from tests.conftest import REPO_ROOT, require_shared

EXPERIMENTS = REPO_ROOT / "experiments"


@pytest.fixture(scope="module")
def sotu_runs(tmp_path_factory):
    """The default experiment run twice into separate folders (shared caches)."""
    root = tmp_path_factory.mktemp("runs")
    cache = root / "cache"
    first = run_experiment(EXPERIMENTS / "sotu.yaml", out_dir=root / "a", cache_dir=cache)
    second = run_experiment(EXPERIMENTS / "sotu.yaml", out_dir=root / "b", cache_dir=cache)
    return first, second


@pytest.mark.slow
def test_default_experiment_writes_a_complete_run_issue6(sotu_runs):
    run = sotu_runs[0].path
    for name in ("manifest.json", "config.yaml", "tables", "figures", "models"):
        assert (run / name).exists(), name
    manifest = json.loads((run / "manifest.json").read_text())
    assert manifest["corpus"]["documents"] > 200
    assert {lex["name"] for lex in manifest["lexicons"]} == {"generic_news", "mideast"}
    figures = {p.name for p in (run / "figures").iterdir()}
    # issue 5: trends with CI bands, a group comparison, keyness bars, topic-frame heatmap
    for stem in (
        "trend_generic_news_0",
        "compare_generic_news_0",
        "keyness_0",
        "topic_frames_topics0_gensim-lda_k12_s20240101_generic_news",
    ):
        assert f"{stem}.png" in figures and f"{stem}.pdf" in figures, stem
    table = (run / "tables" / "aggregate_generic_news_0.csv").read_text().splitlines()[0]
    assert {"estimate", "ci_low", "ci_high", "conf_level", "n_boot"} <= set(table.split(","))


@pytest.mark.slow
def test_default_experiment_is_byte_identical_on_rerun_issue6(sotu_runs):
    first, second = (r.path for r in sotu_runs)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    differing = [
        str(f)
        for f in files
        if f.name != "timings.json" and (first / f).read_bytes() != (second / f).read_bytes()
    ]
    assert differing == []
    assert first.name == second.name  # same config hash


def test_unknown_key_exits_2_naming_the_path_issue6(tmp_path):
    config = tmp_path / "bad.yaml"
    text = (
        (EXPERIMENTS / "sotu.yaml")
        .read_text()
        .replace("  unit: paragraph", "  unit: paragraph\n  untis: 3")
    )
    config.write_text(text)
    proc = subprocess.run(
        [sys.executable, "-m", "framing", "run", str(config), "--out", str(tmp_path / "runs")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert "scoring.untis: unknown key" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "runs" / "sotu").exists() or not any(
        (tmp_path / "runs" / "sotu").iterdir()
    )


def test_unknown_lexicon_and_missing_data_exit_2_issue6(tmp_path):
    env = {**os.environ, "FRAMING_DATA": str(tmp_path / "nowhere")}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "framing",
            "run",
            str(EXPERIMENTS / "fakes.yaml"),
            "--out",
            str(tmp_path / "r"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert proc.returncode == 2 and "nowhere" in proc.stderr and "Traceback" not in proc.stderr
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "framing",
            "run",
            str(EXPERIMENTS / "sotu.yaml"),
            "--set",
            "lexicons=[nosuch]",
            "--out",
            str(tmp_path / "r"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2 and "lexicons.0" in proc.stderr


@pytest.mark.parametrize("name", ["sotu", "ungdc", "fakes"])
def test_bundled_configs_are_valid_issue6(name):
    from framing.cli import main

    assert main(["config", "check", str(EXPERIMENTS / f"{name}.yaml")]) == 0


@pytest.mark.slow
@pytest.mark.parametrize("name,data", [("fakes", ("news", "fa-kes", "FA-KES-Dataset.csv"))])
def test_shared_data_experiment_runs_issue6(name, data, tmp_path):
    import pandas as pd

    import corpus
    from framing import load_lexicon

    path = require_shared(*data)
    result = run_experiment(EXPERIMENTS / f"{name}.yaml", out_dir=tmp_path)
    manifest = json.loads((result.path / "manifest.json").read_text())
    # the manifest's fingerprints are those of the corpus and lexicons, computed apart
    source = corpus.read(path, text_col="article_content",
                         meta_cols=["unit_id", "article_title", "source", "location", "date"],
                         date_cols=["date"], date_format="%m/%d/%Y")  # fmt: skip
    assert manifest["corpus"]["documents"] == len(source) == 804
    lexicons = {lex["name"]: lex["fingerprint"] for lex in manifest["lexicons"]}
    assert lexicons == {n: load_lexicon(n).fingerprint for n in ("generic_news", "mideast")}
    # the scores table has one row per article, and the aggregate is the share computed here
    scores = pd.read_csv(result.path / "tables" / "scores_generic_news.csv")
    assert len(scores) == 804
    shares = pd.read_csv(result.path / "tables" / "aggregate_generic_news_0.csv")
    reuters = scores[scores["source"] == "reuters"]
    row = shares[(shares["source"] == "reuters") & (shares["frame"] == "conflict")].iloc[0]
    assert row["estimate"] == pytest.approx((reuters["conflict"] > 0).mean())
    assert row["ci_low"] <= row["estimate"] <= row["ci_high"] and row["n_units"] == len(reuters)
    # war news: conflict is in most articles of the typical outlet (known range on FA-KES)
    conflict = shares[shares["frame"] == "conflict"]["estimate"]
    assert len(conflict) == 15 and 0.85 <= conflict.median() <= 1.0
    assert any((result.path / "figures").iterdir())


def test_runs_list_and_diff_issue6(tmp_path, capsys):
    from framing.cli import main
    from tests.framing.experiment.test_run_folder import CONFIG, table_stage

    config = tmp_path / "toy.yaml"
    config.write_text(CONFIG)
    a = run_experiment(config, out_dir=tmp_path / "runs", stages=[("t", table_stage)])
    b = run_experiment(
        config, overrides=["seed=9"], out_dir=tmp_path / "runs", stages=[("t", table_stage)]
    )
    assert main(["runs", "list", "--out", str(tmp_path / "runs"), "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    assert sorted(row["seed"] for row in listing) == [5, 9]
    assert main(["runs", "diff", str(a.path), str(b.path), "--json"]) == 0
    diff = json.loads(capsys.readouterr().out)
    assert diff["config"] == {"seed": [5, 9]}
    assert diff["changed"] == ["config.yaml", "tables/numbers.csv"]
    assert Path(a.path).exists()


@pytest.mark.slow
def test_readme_figure_is_what_the_default_run_draws_issue12(sotu_runs):
    """docs/img/sotu_trend.png is an output of a command (docs/img/make_readme_figure.py)."""
    committed = REPO_ROOT / "docs" / "img" / "sotu_trend.png"
    drawn = sotu_runs[0].path / "figures" / "trend_generic_news_0.png"
    assert committed.read_bytes() == drawn.read_bytes(), (
        "the README figure is stale: run `python docs/img/make_readme_figure.py`"
    )
