"""Layout checks on rendered figures: text on the canvas, ticks apart, canvas used.

The checks look at what the Agg renderer actually draws (the text artists it
renders and the pixels it writes), so they hold for any figure, including
figures added later.  Used by the test suite and by the run check script.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["MAX_EMPTY", "figure_problems", "image_problems"]

#: Largest share of empty pixel rows (or columns) a figure may have.
MAX_EMPTY = 0.2
#: A pixel is ink when a channel differs from the white background by more than this.
_INK_LEVEL = 10
#: Slack in pixels before a text extent counts as leaving the canvas or overlapping.
_SLACK = 0.5


def _ink(rgba: np.ndarray) -> np.ndarray:
    """Boolean mask of pixels that differ from white (alpha-composited on white)."""
    rgb = rgba[..., :3].astype(np.int32)
    alpha = rgba[..., 3:4].astype(np.int32) if rgba.shape[-1] == 4 else 255
    on_white = 255 - (255 - rgb) * alpha // 255
    return (255 - on_white).max(axis=-1) > _INK_LEVEL


def _pixel_problems(rgba: np.ndarray, max_empty: float) -> list[str]:
    ink = _ink(rgba)
    problems = []
    if not ink.any():
        return ["the canvas is blank"]
    edges = {"top": ink[0], "bottom": ink[-1], "left": ink[:, 0], "right": ink[:, -1]}
    touched = [name for name, line in edges.items() if line.any()]
    if touched:
        problems.append(f"ink touches the {', '.join(touched)} edge(s)")
    for axis, name in ((1, "rows"), (0, "columns")):
        empty = float((~ink.any(axis=axis)).mean())
        if empty > max_empty:
            problems.append(f"{empty:.0%} of pixel {name} are empty (limit {max_empty:.0%})")
    return problems


def image_problems(path: str | Path, *, max_empty: float = MAX_EMPTY) -> list[str]:
    """Problems of a saved PNG: ink touching an edge, too many empty rows or columns.

    Parameters
    ----------
    path : str or Path
        A PNG file.
    max_empty : float, default=0.2
        Largest share of pixel rows (and of columns) without ink.

    Returns
    -------
    list of str
        One message per problem; empty when the image passes.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from PIL import Image
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "black.png"
    >>> Image.new("RGB", (40, 20), "black").save(path)
    >>> image_problems(path)
    ['ink touches the top, bottom, left, right edge(s)']
    """
    from PIL import Image

    with Image.open(path) as image:
        rgba = np.asarray(image.convert("RGBA"))
    return _pixel_problems(rgba, max_empty)


def _render(fig: Any) -> tuple[list[Any], np.ndarray, Any]:
    """Draw the figure on Agg; return the drawn text artists, the RGBA buffer, renderer."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    renderer = canvas.get_renderer()
    drawn: dict[int, Any] = {}
    original = renderer.draw_text

    def recording(
        gc: Any,
        x: float,
        y: float,
        s: str,
        prop: Any,
        angle: float,
        ismath: Any = False,
        mtext: Any = None,
    ) -> Any:
        if mtext is not None and s.strip():
            drawn[id(mtext)] = mtext
        return original(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)

    renderer.draw_text = recording
    try:
        canvas.draw()
    finally:
        del renderer.draw_text
    return list(drawn.values()), np.asarray(canvas.buffer_rgba()).copy(), renderer


def _text_problems(texts: list[Any], fig: Any, renderer: Any) -> list[str]:
    width, height = fig.bbox.width, fig.bbox.height
    problems = []
    for text in texts:
        box = text.get_window_extent(renderer)
        if (
            box.x0 < -_SLACK
            or box.y0 < -_SLACK
            or box.x1 > width + _SLACK
            or box.y1 > height + _SLACK
        ):
            problems.append(f"text {text.get_text()!r} leaves the figure")
    return problems


def _tick_problems(fig: Any, drawn: list[Any], renderer: Any) -> list[str]:
    seen = {id(t) for t in drawn}
    problems = []
    for i, ax in enumerate(fig.axes):
        for axis in (ax.xaxis, ax.yaxis):
            labels = [t for t in axis.get_ticklabels(which="both") if id(t) in seen]
            for a, first in enumerate(labels):
                for second in labels[a + 1 :]:
                    if _labels_overlap(first, second, renderer):
                        problems.append(
                            f"axes {i}: tick labels {first.get_text()!r} and "
                            f"{second.get_text()!r} overlap"
                        )
    return problems


def _labels_overlap(first: Any, second: Any, renderer: Any) -> bool:
    """Whether two tick labels overlap; rotated labels as the parallel strips they are.

    Rotated labels have axis-aligned extents that overlap long before the
    glyphs do, so for them the test is the distance between the two parallel
    text lines (through their anchors) against the height of the text.
    """
    a, b = first.get_window_extent(renderer), second.get_window_extent(renderer)
    boxes_meet = (
        min(a.x1, b.x1) - max(a.x0, b.x0) > _SLACK and min(a.y1, b.y1) - max(a.y0, b.y0) > _SLACK
    )
    angle = np.deg2rad(first.get_rotation())
    if not boxes_meet or np.isclose(np.sin(angle), 0.0):
        return boxes_meet
    p = first.get_transform().transform(first.get_position())
    q = second.get_transform().transform(second.get_position())
    gap = abs((q[0] - p[0]) * np.sin(angle) - (q[1] - p[1]) * np.cos(angle))
    height = max(_text_height(first, renderer), _text_height(second, renderer))
    return gap < height - _SLACK


def _text_height(text: Any, renderer: Any) -> float:
    lines = text.get_text().split("\n")
    _, height, _ = renderer.get_text_width_height_descent(
        "Ag", text.get_fontproperties(), ismath=False
    )
    return height * len(lines)


def figure_problems(fig: Any, *, max_empty: float = MAX_EMPTY) -> list[str]:
    """Layout problems of a Figure, found by rendering it with Agg.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to check.
    max_empty : float, default=0.2
        Largest share of pixel rows (and of columns) without ink.

    Returns
    -------
    list of str
        One message per problem: a drawn text artist whose window extent
        leaves the figure, two tick labels of one axis that overlap, ink on an
        edge of the canvas, or more than ``max_empty`` empty rows or columns.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> fig = Figure(figsize=(2, 1), layout="constrained")
    >>> _ = fig.add_subplot().set_title("a title far too long for a canvas two inches wide")
    >>> figure_problems(fig)  # doctest: +ELLIPSIS
    ["text 'a title far too long for a canvas two inches wide' leaves the figure", ...]
    """
    texts, rgba, renderer = _render(fig)
    return (
        _text_problems(texts, fig, renderer)
        + _tick_problems(fig, texts, renderer)
        + _pixel_problems(rgba, max_empty)
    )
