"""`framing run` checks every measure's use against its validation records (issue 13)."""

from __future__ import annotations

import json
import warnings

import yaml

from framing.experiment import run_experiment
from framing.validate import ScopeWarning


def _config(tmp_path, source: str, unit: str, lexicons: list[str]):
    config = {
        "name": "scope",
        "seed": 1,
        "corpus": {"source": source},
        "lexicons": lexicons,
        "scoring": {"unit": unit},
        "analyses": {"aggregate": [{"by": ["year"], "measure": "rate"},
                                   {"by": ["year"], "measure": "presence"}]},
    }  # fmt: skip
    path = tmp_path / "scope.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def _noop(ctx) -> None:
    ctx.table_path("n", "csv").write_text("n\n1\n")


def test_manifest_records_scope_and_warns_once_per_use_issue13(tmp_path):
    path = _config(tmp_path, "issue13-run-corpus", "document", ["mideast", "policy_frames"])
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        result = run_experiment(path, out_dir=tmp_path / "runs", stages=[("n", _noop)])
        run_experiment(path, out_dir=tmp_path / "runs", stages=[("n", _noop)])  # reused
    manifest = json.loads((result.path / "manifest.json").read_text())
    records = manifest["validation_scope"]
    assert [(r["measure"], r["quantity"], r["status"]) for r in records] == [
        ("mideast", "presence", "unvalidated"), ("mideast", "rate", "unvalidated"),
        ("policy_frames", "presence", "unvalidated"), ("policy_frames", "rate", "unvalidated"),
    ]  # fmt: skip
    messages = [str(w.message) for w in seen if issubclass(w.category, ScopeWarning)]
    assert len(messages) == 2  # one per measure, not repeated by the second run
    assert all("issue13-run-corpus" in m and "validated on" in m for m in messages)
    assert all("presence and rate per document" in m for m in messages)


def test_validated_use_is_recorded_without_warning_issue13(tmp_path):
    path = _config(tmp_path, "ungdc", "paragraph", ["mideast"])
    data = yaml.safe_load(path.read_text())
    data["analyses"] = {"aggregate": [{"by": ["year"], "measure": "presence"}]}
    path.write_text(yaml.safe_dump(data))
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        result = run_experiment(path, out_dir=tmp_path / "runs", stages=[("n", _noop)])
    assert not [w for w in seen if issubclass(w.category, ScopeWarning)]
    (record,) = json.loads((result.path / "manifest.json").read_text())["validation_scope"]
    assert record["status"] == "validated"
    assert record["records"] == ["mideast-ungdc-test-2026-12"]
