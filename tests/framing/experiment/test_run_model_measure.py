"""scoring.measure: model: a run decides frames with a trained model, same tables (#14)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from framing import ConfigError
from framing.experiment import run_experiment

CONFIG = """
name: toy_model
seed: 5
corpus: {source: sotu, filter: {year: {min: 1990, max: 2000}}}
lexicons: [generic_news]
scoring: {unit: paragraph, measure: model}
analyses:
  aggregate:
    - {by: [party], measure: presence, n_boot: 100}
outputs: {tables: [csv], figures: []}
"""


def test_issue14_a_run_scores_with_the_bundled_model(tmp_path) -> None:
    path = tmp_path / "toy.yaml"
    path.write_text(CONFIG)
    first = run_experiment(path, out_dir=tmp_path / "a", use_cache=False, progress=False)
    again = run_experiment(path, out_dir=tmp_path / "b", use_cache=False, progress=False)
    scores = pd.read_csv(first.path / "tables" / "scores_generic_news.csv")
    assert set(scores[["conflict", "morality"]].stack()) <= {0, 1}
    manifest = json.loads((first.path / "manifest.json").read_text())
    text = json.dumps(manifest)
    assert '"model": "generic_news"' in text and "model_fingerprint" in text
    for name in ("tables/scores_generic_news.csv", "tables/aggregate_generic_news_0.csv"):
        assert (first.path / name).read_bytes() == (again.path / name).read_bytes()


def test_issue14_model_config_errors_name_the_key(tmp_path) -> None:
    path = tmp_path / "toy.yaml"
    path.write_text(CONFIG.replace("measure: model}", "measure: model, models: {nope: x}}"))
    with pytest.raises(ConfigError, match=r"scoring\.models\.nope"):
        run_experiment(path, out_dir=tmp_path / "c", use_cache=False, progress=False)
    path.write_text(CONFIG.replace("measure: model}", "measure: model, negation_window: 3}"))
    with pytest.raises(ConfigError, match="negation_window"):
        run_experiment(path, out_dir=tmp_path / "d", use_cache=False, progress=False)
