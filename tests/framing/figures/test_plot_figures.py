"""Tests of the figure functions and the house style (issue 5)."""

from __future__ import annotations

import itertools

import matplotlib
import numpy as np
import pandas as pd
import pytest

from framing import (
    InvalidParameterError,
    aggregate,
    compare_groups,
    cooccurrence,
    keyness,
    plot_coherence,
    plot_comparison,
    plot_cooccurrence,
    plot_groups,
    plot_keyness,
    plot_topic_frames,
    plot_topic_terms,
    plot_trend,
    save_figure,
    trend,
)
from framing.figures import OKABE_ITO, new_figure


def _scores(n_years: int = 235, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = n_years * 2
    table = pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(n)],
            "n_tokens": rng.integers(2000, 9000, n),
            "year": np.repeat(np.arange(1790, 1790 + n_years), 2),
            "party": ["Whig", "Tory"] * n_years,
        }
    )
    for frame in ("war", "economy", "morality"):
        table[frame] = rng.poisson(table["n_tokens"] / 400)
    return table


FRAMES = ["war", "economy", "morality"]


def _figures() -> dict[str, object]:
    table = _scores(60)
    outlets = table.assign(outlet=[f"outlet_{i % 15:02d}" for i in range(len(table))])
    terms = pd.DataFrame(
        {
            "topic": np.repeat([0, 1, 2], 4),
            "rank": np.tile([1, 2, 3, 4], 3),
            "term": list("abcdefghijkl"),
            "weight": np.tile([0.4, 0.3, 0.2, 0.1], 3),
        }
    )
    links = pd.DataFrame(
        {
            "topic": np.repeat([0, 1], 3),
            "label": np.repeat(["a_b", "c_d"], 3),
            "frame": FRAMES * 2,
            "r": [0.3, -0.2, 0, 0.1, 0.5, -0.4],
            "carries": [True, False, False, False, True, False],
        }
    )
    quality = pd.DataFrame(
        {
            "k": [5, 5, 10, 10],
            "seed": [1, 2, 1, 2],
            "measure": "c_v",
            "value": [0.4, 0.42, 0.45, 0.44],
        }
    )
    m = np.array([[30, 5, 65, 1], [10, 20, 270, 0]])
    return {
        "trend": plot_trend(trend(table, "year", group="party", frames=FRAMES, n_boot=50, seed=0)),
        "groups": plot_groups(aggregate(outlets, "outlet", frames=FRAMES, n_boot=50, seed=0)),
        "comparison": plot_comparison(
            compare_groups(table, "party", target="Whig", frames=FRAMES, n_boot=50, seed=0)
        ),
        "keyness": plot_keyness(
            keyness(m, ["t", "r"], target="t", vocab=["war", "peace", "the", "x"])
        ),
        "cooccurrence": plot_cooccurrence(cooccurrence(table, frames=FRAMES)),
        "topic_terms": plot_topic_terms(terms),
        "topic_frames": plot_topic_frames(links),
        "coherence": plot_coherence(quality),
    }


@pytest.fixture(scope="module")
def figures() -> dict[str, object]:
    return _figures()


def _heatmap_and_bars() -> dict[str, object]:
    m = np.array([[30, 5, 65, 1], [10, 20, 270, 0]])
    return {
        "keyness": plot_keyness(
            keyness(m, ["t", "r"], target="t", vocab=["war", "peace", "the", "x"])
        ),
        "cooccurrence": plot_cooccurrence(cooccurrence(_scores(5), frames=FRAMES)),
    }


@pytest.mark.parametrize("suffix", ["pdf", "png", "svg"])
def test_issue5_rerender_gives_identical_bytes(tmp_path, suffix):
    first = {
        n: save_figure(f, tmp_path / f"a_{n}.{suffix}").read_bytes()
        for n, f in _heatmap_and_bars().items()
    }
    second = {
        n: save_figure(f, tmp_path / f"b_{n}.{suffix}").read_bytes()
        for n, f in _heatmap_and_bars().items()
    }
    assert first == second
    assert all(len(b) > 1000 for b in first.values())
    if suffix == "pdf":
        assert b"CreationDate" not in first["keyness"]
    if suffix == "svg":
        assert b"<dc:date>" not in first["keyness"]


@pytest.mark.slow
def test_issue5_every_figure_rerenders_to_identical_bytes(tmp_path):
    for suffix in ("pdf", "png", "svg"):
        first = {
            n: save_figure(f, tmp_path / f"a_{n}.{suffix}").read_bytes()
            for n, f in _figures().items()
        }
        second = {
            n: save_figure(f, tmp_path / f"b_{n}.{suffix}").read_bytes()
            for n, f in _figures().items()
        }
        assert first == second, suffix


def test_issue5_figures_never_touch_pyplot(figures):
    import matplotlib.pyplot as plt

    assert plt.get_fignums() == []
    assert all(f.canvas.__class__.__name__ == "FigureCanvasAgg" for f in figures.values())


def test_issue5_palette_is_okabe_ito(figures):
    lines = figures["trend"].axes[0].get_lines()
    colors = {matplotlib.colors.to_hex(line.get_color()).upper() for line in lines}
    assert colors <= set(OKABE_ITO)


def _boxes(fig, artists):
    renderer = fig.canvas.get_renderer()
    return [a.get_window_extent(renderer) for a in artists if a.get_visible()]


def test_issue5_legends_sit_off_the_data(figures):
    for name in ("trend", "keyness"):
        fig = figures[name]
        fig.canvas.draw()
        legend = _boxes(fig, fig.legends)
        assert legend, name
        for ax_box in _boxes(fig, [a for a in fig.axes if a.get_visible()]):
            assert not legend[0].overlaps(ax_box), name


def _shown(labels, limits, i):
    """Tick labels inside the axis limits (others are not drawn)."""
    lo, hi = sorted(limits)
    return [t for t in labels if lo <= t.get_position()[i] <= hi]


def test_issue5_nothing_is_clipped_at_the_figure_edge(figures):
    for name, fig in figures.items():
        fig.canvas.draw()
        page = fig.bbox
        texts = [
            t
            for a in fig.axes
            if a.get_visible()
            for t in (
                *_shown(a.get_xticklabels(), a.get_xlim(), 0),
                *_shown(a.get_yticklabels(), a.get_ylim(), 1),
                a.title,
                a._left_title,
                a.xaxis.label,
                a.yaxis.label,
            )
            if t.get_text()
        ]
        for box in _boxes(fig, texts):
            assert box.x0 >= page.x0 - 1 and box.x1 <= page.x1 + 1, name
            assert box.y0 >= page.y0 - 1 and box.y1 <= page.y1 + 1, name


def test_issue5_year_ticks_are_sparse_and_do_not_overlap():
    fig = plot_trend(
        trend(_scores(235), "year", frames=["war"], n_boot=20, seed=0), width="single"
    )
    fig.canvas.draw()
    ax = fig.axes[0]
    labels = [
        t
        for t in ax.get_xticklabels()
        if t.get_text() and ax.get_xlim()[0] <= t.get_position()[0] <= ax.get_xlim()[1]
    ]
    assert 3 <= len(labels) <= 7
    assert all(float(t.get_text()) % 10 == 0 for t in labels)
    for a, b in itertools.pairwise(_boxes(fig, labels)):
        assert not a.overlaps(b)


def test_issue5_fifteen_outlet_labels_do_not_overlap(figures):
    fig = figures["groups"]
    fig.canvas.draw()
    labels = fig.axes[0].get_yticklabels()
    assert len(labels) == 15
    boxes = sorted(_boxes(fig, labels), key=lambda b: b.y0)
    for a, b in itertools.pairwise(boxes):
        assert a.y1 <= b.y0 + 0.5


def test_issue5_single_panel_functions_accept_an_axes():
    fig, axes = new_figure("single")
    table = compare_groups(_scores(10), "party", target="Whig", frames=FRAMES, n_boot=20, seed=0)
    assert plot_comparison(table, ax=axes[0, 0]) is fig
    tr = trend(_scores(10), "year", frames=FRAMES, n_boot=20, seed=0)
    fig2, axes2 = new_figure("single")
    assert plot_trend(tr, frames=["war"], ax=axes2[0, 0]) is fig2
    with pytest.raises(
        InvalidParameterError, match="ax= takes a single panel but this figure has 3"
    ):
        plot_trend(tr, ax=axes2[0, 0])


def test_issue5_plot_inputs_are_checked():
    with pytest.raises(InvalidParameterError, match=r"needs column\(s\) \['ci_low', 'ci_high'\]"):
        plot_trend(pd.DataFrame({"year": [1], "frame": ["a"], "estimate": [1.0]}), time="year")
    with pytest.raises(InvalidParameterError, match=r"frame\(s\) \['x'\] are not in the table"):
        plot_groups(aggregate(_scores(3), "party", frames=FRAMES, n_boot=5, seed=0), frames=["x"])
    with pytest.raises(InvalidParameterError, match="unknown figure format 'jpg'"):
        save_figure(new_figure()[0], "f.jpg")
    with pytest.raises(InvalidParameterError, match="width must be"):
        new_figure("triple")


def test_issue5_journal_widths():
    assert new_figure("single")[0].get_size_inches()[0] == 3.5
    assert new_figure("double")[0].get_size_inches()[0] == 7.2
    table = aggregate(_scores(3), "party", frames=FRAMES, n_boot=5, seed=0)
    assert plot_groups(table, width="single").get_size_inches()[0] == 3.5


def test_issue5_many_groups_fit_a_page_and_titles_do_not_collide():
    rng = np.random.default_rng(1)
    frames = ["conflict", "human_interest", "economic_consequences", "morality", "responsibility"]
    table = pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(240)],
            "n_tokens": 1000,
            "decade": np.repeat(np.arange(1790, 2030, 10), 10),
        }
    )
    for frame in frames:
        table[frame] = rng.poisson(5, 240)
    fig = plot_groups(aggregate(table, "decade", frames=frames, n_boot=20, seed=0))
    assert fig.get_size_inches()[1] <= 8.0
    fig.canvas.draw()
    titles = sorted(_boxes(fig, [a._left_title for a in fig.axes]), key=lambda b: b.x0)
    for left, right in itertools.pairwise(titles):
        assert not left.overlaps(right)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[:3] == ["1790", "1800", "1810"]  # numeric order, top to bottom


_RENDER = """
import sys
import numpy as np
from framing import cooccurrence, keyness, plot_cooccurrence, plot_keyness, save_figure
import pandas as pd
m = np.array([[30, 5, 65, 1], [10, 20, 270, 0]])
key = plot_keyness(keyness(m, ["t", "r"], target="t", vocab=["war", "peace", "the", "x"]))
t = pd.DataFrame({"doc_id": list("abcd"), "n_tokens": 10, "war": [1, 0, 2, 0],
                  "peace": [1, 1, 0, 0]})
heat = plot_cooccurrence(cooccurrence(t, frames=["war", "peace"]))
for ext in ("pdf", "png", "svg"):
    save_figure(key, f"{sys.argv[1]}/keyness.{ext}")
    save_figure(heat, f"{sys.argv[1]}/heat.{ext}")
"""


@pytest.mark.slow
def test_issue5_identical_bytes_across_processes_and_hash_seeds(tmp_path):
    import os
    import subprocess
    import sys

    for seed in ("1", "2"):
        (tmp_path / seed).mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-c", _RENDER, str(tmp_path / seed)], check=True, env=env, timeout=300
        )
    names = sorted(p.name for p in (tmp_path / "1").iterdir())
    assert len(names) == 6
    for name in names:
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes()
