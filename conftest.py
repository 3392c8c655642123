"""Doctests run in the repository root, whatever the working directory pytest starts in.

Docstring examples name repository files as a reader at the root would
(``experiments/sotu.yaml``); this makes ``pytest /path/to/repo/framing`` pass from any
folder (issue 12).  Test fixtures live in ``tests/conftest.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent


@pytest.fixture(autouse=True)
def _doctests_in_the_repository_root(request: pytest.FixtureRequest) -> None:
    if isinstance(request.node, pytest.DoctestItem):
        request.getfixturevalue("monkeypatch").chdir(ROOT)
