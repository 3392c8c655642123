"""Seed sweeps: one run per seed and a stability summary (issue 6)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from framing import ConfigError
from framing.experiment import run_sweep

CONFIG = """
name: sweep
seed: 1
corpus: {source: sotu}
lexicons: [generic_news]
"""


def fake_stage(ctx):
    """Tables and a topic model whose values depend on the seed, as real ones do."""
    seed = ctx.config.seed
    table = pd.DataFrame(
        {
            "decade": [1990, 2000],
            "frame": ["war", "war"],
            "estimate": [1.0 + seed, 2.0],
            "ci_low": [0.5, 1.5 - seed / 10],
            "ci_high": [2.0 + seed, 2.5],
            "n_boot": [100, 100],
        }
    )
    table.to_csv(ctx.table_path("aggregate_lex_0", "csv"), index=False)
    folder = ctx.workdir / "models" / f"topics0_gensim-lda_k2_s{seed}"
    folder.mkdir(parents=True)
    rows = np.array([[0.7, 0.2, 0.1], [0.1, 0.2, 0.7]])
    if seed % 2 == 0:  # an even seed finds the same topics in the other order
        rows = rows[::-1]
    pd.DataFrame(rows, columns=["oil", "gas", "war"]).to_parquet(folder / "topic_term.parquet")


@pytest.fixture
def config(tmp_path):
    path = tmp_path / "sweep.yaml"
    path.write_text(CONFIG)
    return path


def test_sweep_writes_one_run_per_seed_and_stability_issue6(config, tmp_path):
    out = run_sweep(config, [1, 2, 3], out_dir=tmp_path, stages=[("fake", fake_stage)])
    assert out.parent == tmp_path / "sweep" and out.name.startswith("sweep-")
    runs = json.loads((out / "sweep.json").read_text())
    assert runs["seeds"] == [1, 2, 3] and len(set(runs["runs"].values())) == 3
    frames = pd.read_csv(out / "stability_frames.csv")
    row = frames[frames.decade == 1990].iloc[0]
    assert row.estimate_mean == pytest.approx(3.0) and row.estimate_sd == pytest.approx(1.0)
    assert row.estimate_min == 2.0 and row.estimate_max == 4.0 and row.n_seeds == 3
    assert frames[frames.decade == 2000].iloc[0].estimate_sd == 0.0
    topics = pd.read_csv(out / "stability_topics.csv")
    assert set(topics.model) == {"topics0_gensim-lda_k2"}
    assert topics.stability.to_numpy() == pytest.approx(1.0)  # matched despite the order


def test_sweep_is_reproducible_and_needs_two_seeds_issue6(config, tmp_path):
    a = run_sweep(config, [1, 2], out_dir=tmp_path / "a", stages=[("fake", fake_stage)])
    b = run_sweep(config, [1, 2], out_dir=tmp_path / "b", stages=[("fake", fake_stage)])
    for name in ("stability_frames.csv", "stability_topics.csv", "sweep.json"):
        assert (a / name).read_bytes() == (b / name).read_bytes()
    with pytest.raises(ConfigError, match="at least two distinct seeds"):
        run_sweep(config, [1, 1], out_dir=tmp_path, stages=[("fake", fake_stage)])
