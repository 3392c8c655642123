"""The README's commands and example stay true (issue 2, issue 8)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
CI = Path(__file__).resolve().parents[1] / ".ci" / "run"


def test_readme_opens_with_the_two_commands_issue2():
    text = README.read_text(encoding="utf-8")
    block = re.search(r"```bash\n(.*?)```", text, re.S)
    assert block and text.index("```bash") < 40, "the README must open with the commands"
    commands = block.group(1).strip().splitlines()
    assert len(commands) == 2
    assert commands[0].endswith("framing run experiments/sotu.yaml")
    assert commands[1].endswith("python -m pytest")
    # CI runs the same test command
    assert commands[1] in CI.read_text(encoding="utf-8")


@pytest.mark.slow
def test_readme_example_runs_issue8(tmp_path, monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    text = README.read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", text, re.S).group(1)
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {})
    assert (tmp_path / "frames.pdf").stat().st_size > 0
    assert (Path(__file__).resolve().parents[1] / "docs" / "img" / "sotu_trend.png").is_file()
