"""Run-folder mechanics: atomic writes, reuse, kill safety, manifest (issue 6)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from framing import run_experiment

CONFIG = """
name: toy
seed: 5
corpus: {source: sotu}
lexicons: [generic_news]
"""


def table_stage(ctx):
    path = ctx.table_path("numbers", "csv")
    path.write_text(f"seed,value\n{ctx.config.seed},{ctx.config.seed * 2}\n")
    ctx.fingerprints["corpus"] = {"documents": 1, "fingerprint": "x"}


def failing_stage(ctx):
    raise RuntimeError("stage broke")


@pytest.fixture
def config(tmp_path):
    path = tmp_path / "toy.yaml"
    path.write_text(CONFIG)
    return path


def test_run_writes_folder_with_manifest_and_reuses_issue6(tmp_path, config):
    out = tmp_path / "runs"
    first = run_experiment(config, out_dir=out, stages=[("t", table_stage)])
    assert not first.reused and first.path.parent == out / "toy"
    names = sorted(p.relative_to(first.path).as_posix() for p in first.path.rglob("*"))
    assert names == [
        "config.yaml",
        "manifest.json",
        "tables",
        "tables/numbers.csv",
        "timings.json",
    ]
    manifest = json.loads((first.path / "manifest.json").read_text())
    assert manifest["seed"] == 5 and manifest["config_hash"] == first.config_hash
    assert set(manifest["outputs"]) == {"config.yaml", "tables/numbers.csv"}
    assert manifest["dependencies"]["pandas"]
    assert manifest["distribution"] == "discourse-framing"
    again = run_experiment(config, out_dir=out, stages=[("t", table_stage)])
    assert again.reused and again.path == first.path


def test_rerun_gives_identical_bytes_issue6(tmp_path, config):
    a = run_experiment(config, out_dir=tmp_path / "a", stages=[("t", table_stage)])
    b = run_experiment(config, out_dir=tmp_path / "b", stages=[("t", table_stage)])
    for name in ("config.yaml", "manifest.json", "tables/numbers.csv"):
        assert (a.path / name).read_bytes() == (b.path / name).read_bytes(), name


def test_overrides_give_another_folder_issue6(tmp_path, config):
    a = run_experiment(config, out_dir=tmp_path, stages=[("t", table_stage)])
    b = run_experiment(config, overrides=["seed=6"], out_dir=tmp_path, stages=[("t", table_stage)])
    assert a.path != b.path
    assert (b.path / "tables/numbers.csv").read_text().endswith("6,12\n")


def test_failed_run_leaves_nothing_issue6(tmp_path, config):
    out = tmp_path / "runs"
    with pytest.raises(RuntimeError, match="stage broke"):
        run_experiment(config, out_dir=out, stages=[("t", table_stage), ("f", failing_stage)])
    assert not out.exists()  # nothing, not even an empty runs/toy/ (issue 12)


def test_overwrite_replaces_in_one_step_issue6(tmp_path, config):
    first = run_experiment(config, out_dir=tmp_path, stages=[("t", table_stage)])
    (first.path / "tables" / "stale.csv").write_text("old")
    second = run_experiment(config, out_dir=tmp_path, overwrite=True, stages=[("t", table_stage)])
    assert second.path == first.path and not (second.path / "tables" / "stale.csv").exists()
    with pytest.raises(RuntimeError):
        run_experiment(config, out_dir=tmp_path, overwrite=True, stages=[("f", failing_stage)])
    assert (first.path / "manifest.json").exists()  # the old complete run survives


def test_sigkill_leaves_no_partial_run_and_rerun_succeeds_issue6(tmp_path, config):
    out = tmp_path / "runs"
    script = textwrap.dedent(f"""
        import os, signal
        from framing.experiment._run import run_experiment
        def stage(ctx):
            ctx.table_path("half", "csv").write_text("partial")
            os.kill(os.getpid(), signal.SIGKILL)
        run_experiment({str(config)!r}, out_dir={str(out)!r}, stages=[("k", stage)])
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert proc.returncode == -9
    leftovers = list((out / "toy").iterdir())
    assert all(p.name.startswith(".tmp-") for p in leftovers)  # never a run folder
    result = run_experiment(config, out_dir=out, stages=[("t", table_stage)])
    assert (result.path / "manifest.json").exists()
    assert [p.name for p in (out / "toy").iterdir()] == [result.config_hash]


def test_atomic_files_get_usual_permissions_issue6(tmp_path):
    import os

    from framing._provenance import atomic_path

    target = tmp_path / "t.csv"
    with atomic_path(target) as tmp:
        tmp.write_text("x")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_failed_run_leaves_no_folder_it_made_issue12(tmp_path, config):
    out = tmp_path / "runs"
    with pytest.raises(RuntimeError, match="stage broke"):
        run_experiment(config, out_dir=out, stages=[("f", failing_stage)])
    assert not out.exists()  # neither runs/ nor runs/toy/ is left behind
    out.mkdir()
    with pytest.raises(RuntimeError):
        run_experiment(config, out_dir=out, stages=[("f", failing_stage)])
    assert out.is_dir() and list(out.iterdir()) == []  # a folder that was there stays


def test_out_that_is_a_file_is_a_clear_usage_error_issue12(tmp_path, config, capsys):
    from framing import InvalidParameterError
    from framing.cli import main

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(InvalidParameterError, match="a-file is a file, not a folder"):
        run_experiment(config, out_dir=blocker, stages=[("t", table_stage)])
    assert main(["run", str(config), "--out", str(blocker)]) == 2
    err = capsys.readouterr().err
    assert "is a file, not a folder" in err and "Errno" not in err
