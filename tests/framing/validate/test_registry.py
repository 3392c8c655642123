"""The registry of coded samples and the tables generated from it (issue 13)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing.validate import figures_markdown, read_registry, sample_figures

_ENTRY = """samples:
  - id: toy-test
    measures: [toy]
    role: test
    drawn_after_version: {toy: 1.0}
    corpus: toy
    unit: paragraph
    quantity: presence
    draw: {script: draw.py, seed: 1}
    units: units.csv
    codes:
      A: {file: a.csv, kind: ai-assistant, blind: true, saw_term_lists: false,
          wrote_measure: false}
      B: {file: b.csv, kind: ai-assistant, blind: true, saw_term_lists: false,
          wrote_measure: false}
    adjudicated: {file: adj.csv, by: lead}
"""


def _registry(tmp_path: Path, text: str = _ENTRY) -> Path:
    (tmp_path / "units.csv").write_text("unit_id\nu1\nu2\nu3\nu4\n")
    (tmp_path / "a.csv").write_text("unit_id,war\nu1,1\nu2,1\nu3,0\nu4,0\n")
    (tmp_path / "b.csv").write_text("unit_id,war\nu1,1\nu2,0\nu3,0\nu4,0\n")
    (tmp_path / "adj.csv").write_text("unit_id,war\nu1,1\nu2,1\nu3,0\nu4,0\n")
    path = tmp_path / "registry.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_figures_per_coder_adjudicated_and_alpha_issue13(tmp_path):
    entry = read_registry(_registry(tmp_path))[0]
    predicted = pd.DataFrame({"doc_id": ["u1", "u2", "u3", "u4"], "war": [2, 0, 1, 0]})
    fig = sample_figures(entry, predicted, measure="toy", n_boot=0, seed=0)
    assert fig.independent
    # vs A: tp u1, fn u2, fp u3 -> F1 = 2/(2+1+1) = 0.5; vs B: tp u1, fp u3 -> 2/3
    assert fig.per_coder["A"].set_index("frame").loc["war", "f1"] == pytest.approx(0.5)
    assert fig.per_coder["B"].set_index("frame").loc["war", "f1"] == pytest.approx(2 / 3)
    assert fig.adjudicated.set_index("frame").loc["war", "f1"] == pytest.approx(0.5)
    # A = [1,1,0,0], B = [1,0,0,0]: n = 8 values, n_0 = 5, n_1 = 3, off-diagonal
    # coincidences o_01 + o_10 = 2 -> alpha = 1 - (n - 1) * 2 / (2 * n_0 * n_1) = 1 - 14/30
    alpha = fig.alpha.set_index("frame").loc["war", "krippendorff_alpha"]
    assert alpha == pytest.approx(1 - 14 / 30)
    text = figures_markdown(fig, entry)
    assert "independent test sample" in text and "never saw the term lists" in text


def test_registry_errors_issue13(tmp_path):
    with pytest.raises(framing.InvalidParameterError, match="role"):
        read_registry(_registry(tmp_path, _ENTRY.replace("role: test", "role: tuning")))
    with pytest.raises(framing.InvalidParameterError, match="missing key 'units'"):
        read_registry(_registry(tmp_path, _ENTRY.replace("    units: units.csv\n", "")))
    with pytest.raises(framing.InvalidParameterError, match=r"codes\.A: missing key"):
        read_registry(_registry(tmp_path, _ENTRY.replace("saw_term_lists: false,\n", "\n", 1)))
    path = _registry(tmp_path)
    (tmp_path / "b.csv").unlink()
    with pytest.raises(framing.InvalidParameterError, match="no file"):
        read_registry(path)


def test_unregistered_measure_issue13(tmp_path):
    entry = read_registry(_registry(tmp_path))[0]
    with pytest.raises(framing.InvalidParameterError, match="not registered"):
        sample_figures(
            entry, pd.DataFrame({"doc_id": ["u1"], "war": [1]}), measure="other", seed=0
        )


def test_bundled_registry_roles_and_coders_issue13():
    path = Path(str(resources.files("framing.lexicon").joinpath("data", "validation",
                                                                  "registry.yaml")))  # fmt: skip
    entries = {e["id"]: e for e in read_registry(path)}
    tests = [e for e in entries.values() if e["role"] == "test"]
    assert {e["id"] for e in tests} >= {
        "mideast-test-2026-12",
        "generic_news-test-2026-12",
        "generic_news-heldout-topic-2026-12",
        "targets-test-2026-12",
    }
    for e in tests:
        assert all(c["kind"] == "ai-assistant" and c["blind"] for c in e["codes"].values())
        design = pd.read_csv(e["units"], dtype=str)
        codes = pd.read_csv(e["adjudicated"]["file"], dtype=str)
        if e.get("evaluation"):  # target samples: several rows per unit, every unit coded
            assert set(design["unit_id"]) == set(codes["unit_id"])
        else:
            assert sorted(design["unit_id"]) == sorted(codes["unit_id"])
    for e in entries.values():
        if e["role"] == "development":
            assert any(c["wrote_measure"] for c in e["codes"].values())


@pytest.mark.shared_data
def test_draw_script_reproduces_the_committed_designs_issue13(tmp_path):
    import os
    import subprocess
    import sys

    from tests.conftest import REPO_ROOT, require_shared

    data = require_shared("ungdc").parent
    script = REPO_ROOT / "experiments" / "validation" / "draw_test_samples.py"
    env = {**os.environ, "FRAMING_DATA": str(data)}
    subprocess.run([sys.executable, str(script), "--coding", str(tmp_path), "--design",
                    str(tmp_path)], check=True, env=env, capture_output=True)  # fmt: skip
    committed = REPO_ROOT / "framing" / "lexicon" / "data" / "validation"
    for sample in ("mideast-test-2026-12", "generic_news-test-2026-12"):
        name = f"{sample}.design.csv"
        assert (tmp_path / name).read_bytes() == (committed / name).read_bytes()
        book = (tmp_path / sample / "codebook.md").read_text(encoding="utf-8")
        assert "*Terms.*" not in book and "*Meaning.*" in book


@pytest.mark.shared_data
def test_heldout_topic_draw_reproduces_the_committed_design_issue14(tmp_path):
    import os
    import subprocess
    import sys

    from tests.conftest import REPO_ROOT, require_shared

    data = require_shared("news", "frac").parents[1]
    script = REPO_ROOT / "experiments" / "models" / "draw_heldout_topic.py"
    env = {**os.environ, "FRAMING_DATA": str(data)}
    subprocess.run([sys.executable, str(script), "--coding", str(tmp_path), "--design",
                    str(tmp_path)], check=True, env=env, capture_output=True)  # fmt: skip
    name = "generic_news-heldout-topic-2026-12.design.csv"
    committed = REPO_ROOT / "framing" / "lexicon" / "data" / "validation" / name
    assert (tmp_path / name).read_bytes() == committed.read_bytes()
    book = (tmp_path / "generic_news-heldout-topic-2026-12" / "codebook.md").read_text()
    assert "Terms" not in book and "pattern" not in book.lower()
