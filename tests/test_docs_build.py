"""The documentation site builds, warnings as errors, with every page the code implies (issue 18).

``docs/build --quick`` is the full build without executing notebooks: it stages the sources
(user guide, API pages, CLI/config references, datasheets, gallery) and runs Sphinx with
``-W``, so a broken reference, a bad docstring or a page outside every toctree fails here.
The expected pages are derived from the repository, as the build derives them.
"""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import corpus
import framing
import framing.figures

REPO = Path(__file__).resolve().parents[1]
BUILD = REPO / "docs" / "build"


def _public_subpackages() -> list[str]:
    found = ["corpus", "framing"]
    for package in (corpus, framing):
        for info in pkgutil.iter_modules(package.__path__, prefix=f"{package.__name__}."):
            if info.ispkg and not info.name.rsplit(".", 1)[1].startswith("_"):
                found.append(info.name)
    return [name for name in found if name != "framing.cli"]


def _expected_pages() -> list[str]:
    guide = [p.stem for p in (REPO / "docs").glob("*.md")]
    pages = [f"guide/{s}.html" for s in guide if s not in ("README", "cli", "config")]
    pages += [f"notebooks/{p.stem}.html" for p in (REPO / "notebooks").glob("*.ipynb")]
    pages += [f"api/{name}.html" for name in _public_subpackages()]
    sheets = (REPO / "framing").glob("*/data/*.md")
    pages += [f"data/{p.parts[-3]}/{p.stem}.html" for p in sheets]
    plots = [n for n in framing.figures.__all__ if n.startswith("plot_")]
    pages += [f"_images/{name}.png" for name in plots]
    return [*pages, "index.html", "reference/cli.html", "reference/config.html"]


@pytest.mark.slow
def test_docs_build_quick_has_every_page_issue18(tmp_path):
    env = {**os.environ, "PYTHON": sys.executable}
    done = subprocess.run(
        [str(BUILD), "--quick", "--out", str(tmp_path)], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    html = tmp_path / "html"
    missing = [page for page in _expected_pages() if not (html / page).is_file()]
    assert missing == []
    cli = (html / "reference" / "cli.html").read_text(encoding="utf-8")
    assert "framing run" in cli
    score = (html / "api" / "framing.score.html").read_text(encoding="utf-8")
    assert 'id="framing.score.score_frames"' in score
    gallery = (html / "gallery" / "index.html").read_text(encoding="utf-8")
    assert gallery.count('class="framing-gallery') == 1


def _executed_notebook(folder: Path, source: str, outputs: list[dict]) -> None:
    cell = {"cell_type": "code", "source": source, "outputs": outputs, "metadata": {}}
    book = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (folder / "nb.ipynb").write_text(json.dumps(book), encoding="utf-8")


@pytest.mark.parametrize(
    ("outputs", "code"),
    [([], 1), ([{"output_type": "display_data", "data": {"image/png": "iVBOR"}}], 0)],
)
def test_build_fails_on_a_notebook_figure_not_shown_issue18(tmp_path, outputs, code):
    _executed_notebook(tmp_path, "fig = framing.plot_trend(table)", outputs)
    done = subprocess.run(
        [sys.executable, str(REPO / "docs" / "sitegen.py"), "--check-figures", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == code, done.stderr
    assert ("nb.ipynb calls plot_* but shows no figure" in done.stderr) == bool(code)
