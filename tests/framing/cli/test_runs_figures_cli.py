"""``framing runs contact-sheet`` and ``framing runs check-figures`` (issue 19)."""

from __future__ import annotations

import pandas as pd
import pytest

from framing.cli import main
from framing.figures import plot_keyness, save_figure


@pytest.fixture
def run_dir(tmp_path):
    run = tmp_path / "run"
    (run / "figures").mkdir(parents=True)
    table = pd.DataFrame(
        {"term": ["war", "peace"], "direction": ["target", "reference"], "keyness": [12.0, -8.0]}
    )
    save_figure(plot_keyness(table), run / "figures" / "keyness_0.png", dpi=80)
    return run


def test_issue19_cli_contact_sheet_writes_the_sheet(run_dir, tmp_path, capsys):
    out = tmp_path / "sheet.png"
    assert main(["runs", "contact-sheet", str(run_dir), "--out", str(out)]) == 0
    assert out.exists() and capsys.readouterr().out.strip() == str(out)


def test_issue19_cli_contact_sheet_errors(tmp_path, capsys):
    with pytest.raises(SystemExit) as missing:
        main(["runs", "contact-sheet", str(tmp_path / "nope"), "--out", "s.png"])
    assert missing.value.code == 2 and "is not a folder" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    code = main(["runs", "contact-sheet", str(tmp_path / "empty"), "--out", "s.png"])
    assert code == 1 and "has no PNG figures" in capsys.readouterr().err


def test_issue19_cli_check_figures_passes_and_fails(run_dir, capsys):
    assert main(["runs", "check-figures", str(run_dir)]) == 0
    assert capsys.readouterr().out == "keyness_0.png: ok\n"
    from PIL import Image

    Image.new("RGB", (100, 100), "black").save(run_dir / "figures" / "black.png")
    assert main(["runs", "check-figures", str(run_dir)]) == 1
    captured = capsys.readouterr()
    assert "black.png: ink touches the top, bottom, left, right edge(s)" in captured.out
    assert "1 of 2 figures fail" in captured.err
