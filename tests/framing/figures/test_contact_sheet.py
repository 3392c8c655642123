"""Contact sheet of a run's figures (issue 19)."""

from __future__ import annotations

import pandas as pd
import pytest
from PIL import Image

from framing import FramingError, InvalidParameterError
from framing.figures import contact_sheet, image_problems, plot_keyness, save_figure


def _run_folder(tmp_path, n: int = 5):
    run = tmp_path / "run"
    (run / "figures").mkdir(parents=True)
    for i in range(n):
        table = pd.DataFrame(
            {"term": [f"w{i}", "peace"], "direction": ["target", "reference"],
             "keyness": [12.0 + i, -8.0]}
        )  # fmt: skip
        save_figure(plot_keyness(table), run / "figures" / f"keyness_{i}.png", dpi=80)
    (run / "figures" / "keyness_0.pdf").write_bytes(b"%PDF not a thumbnail")
    return run


def test_issue19_contact_sheet_holds_every_png_as_a_thumbnail(tmp_path):
    run = _run_folder(tmp_path)
    out = contact_sheet(run, tmp_path / "sheet.png", ncols=2)
    assert out == tmp_path / "sheet.png"
    with Image.open(out) as image:
        width, height = image.size
    assert width == round((2 * 2.2 + 3 * 0.12) * 150)  # two thumbnails a row at 150 dpi
    with Image.open(contact_sheet(run, tmp_path / "one_row.png", ncols=5)) as image:
        assert image.size[1] < height / 2  # five thumbnails in one row, not three
    assert image_problems(out, max_empty=0.5) == []  # nothing on the edges
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one_row.png", "run", "sheet.png"]
    svg = contact_sheet(run, tmp_path / "sheet.svg", ncols=3).read_text()
    assert svg.count("<image") == 5  # the PDF in figures/ is not a thumbnail


def test_issue19_contact_sheet_is_reproducible(tmp_path):
    run = _run_folder(tmp_path, 2)
    a = contact_sheet(run, tmp_path / "a.png").read_bytes()
    b = contact_sheet(run, tmp_path / "b.png").read_bytes()
    assert a == b


def test_issue19_contact_sheet_errors_name_the_folder(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(FramingError, match=r"empty has no PNG figures in figures/"):
        contact_sheet(empty, tmp_path / "sheet.png")
    with pytest.raises(InvalidParameterError, match="is not a folder"):
        contact_sheet(tmp_path / "missing", tmp_path / "sheet.png")
    with pytest.raises(InvalidParameterError, match="ncols must be >= 1"):
        contact_sheet(empty, tmp_path / "sheet.png", ncols=0)
    assert not (tmp_path / "sheet.png").exists()
