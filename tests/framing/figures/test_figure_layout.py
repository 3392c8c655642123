"""Every figure kind is laid out for print: nothing clipped, ticks apart, canvas used (issue 19).

The checks (``framing.figures.figure_problems``) render each figure with Agg and look at
what was drawn: the window extent of every drawn text artist, the tick labels of every
axis, and the empty pixel rows and columns of the RGBA buffer.  The public ``plot_*``
functions are discovered from ``framing.figures.__all__`` and the run stage's figures are
caught as the stage saves them, so figures added later are checked too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import framing.figures as figures
from framing import aggregate, compare_groups, cooccurrence, keyness, trend
from framing.experiment import run_experiment
from framing.figures import (
    figure_problems,
    image_problems,
    plot_alias_choice,
    plot_coherence,
    plot_comparison,
    plot_confusion,
    plot_cooccurrence,
    plot_effect_continuous,
    plot_effect_difference,
    plot_effect_groups,
    plot_groups,
    plot_keyness,
    plot_learning_curve,
    plot_measure_comparison,
    plot_specification_curve,
    plot_target_frames,
    plot_topic_frames,
    plot_topic_terms,
    plot_trend,
    save_figure,
)

FRAMES = ["war", "economy", "morality", "security_threat"]


def _units(n: int = 120, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    table = pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(n)],
            "n_tokens": rng.integers(500, 3000, n),
            "year": np.repeat(np.arange(1950, 1950 + n // 2), 2),
            "party": ["Whig", "Tory", "Labour", "Green"] * (n // 4),
            "country": [f"C{i % 8}" for i in range(n)],
        }
    )
    table["bloc"] = np.where(table["country"].isin(["C0", "C1", "C2"]), "north", "south")
    for frame in FRAMES:
        table[frame] = rng.poisson(table["n_tokens"] / 300)
    return table


def _terms(n_topics: int = 6, n_terms: int = 8) -> pd.DataFrame:
    weights = np.linspace(0.09, 0.01, n_terms)
    return pd.DataFrame(
        {
            "topic": np.repeat(np.arange(n_topics), n_terms),
            "rank": np.tile(np.arange(1, n_terms + 1), n_topics),
            "term": [f"term{i}{j}" for i in range(n_topics) for j in range(n_terms)],
            "weight": np.tile(weights, n_topics),
        }
    )


def _links() -> pd.DataFrame:
    rng = np.random.default_rng(2)
    return pd.DataFrame(
        {
            "topic": np.repeat(np.arange(5), len(FRAMES)),
            "label": np.repeat([f"w{i}_x{i}_y{i}" for i in range(5)], len(FRAMES)),
            "frame": FRAMES * 5,
            "r": rng.uniform(-0.4, 0.5, 5 * len(FRAMES)),
            "carries": rng.uniform(size=5 * len(FRAMES)) > 0.6,
        }
    )


def _keyness_table() -> pd.DataFrame:
    counts = np.array([[30, 5, 65, 1, 12, 40], [10, 20, 270, 0, 30, 5]])
    vocab = ["war", "peace", "the", "x", "treaty", "army"]
    return keyness(counts, ["t", "r"], target="t", vocab=vocab)


def _long_title_keyness() -> object:
    title = "Terms within 10 tokens of security threat hits in the post-2001 addresses"
    return plot_keyness(_keyness_table(), labels=("post 2001", "cold war"), title=title)


#: FrAC's ten categories, the labels of the confusion-matrix case.
_FRAC = [
    "economic",
    "morality",
    "fairness_equality",
    "legality_crime",
    "policy_political",
    "security_defense",
    "health_safety",
    "cultural_identity",
    "public_opinion",
    "other",
]

#: (plot function, case id, builder): every public plot_* needs at least one case.
CASES: list[tuple[str, str, Callable[[], object]]] = [
    (
        "plot_trend",
        "frames",
        lambda: plot_trend(trend(_units(), "year", frames=FRAMES, n_boot=20, seed=0)),
    ),
    (
        "plot_trend",
        "groups",
        lambda: plot_trend(
            trend(_units(), "year", group="party", frames=FRAMES[:2], n_boot=20, seed=0)
        ),
    ),
    (
        "plot_groups",
        "name",
        lambda: plot_groups(aggregate(_units(), "party", frames=FRAMES, n_boot=20, seed=0)),
    ),
    (
        "plot_groups",
        "estimate-reference",
        lambda: plot_groups(
            aggregate(_units(), "country", frames=FRAMES, n_boot=20, seed=0),
            order="estimate",
            reference=aggregate(_units(), [], frames=FRAMES, n_boot=20, seed=0),
        ),
    ),
    (
        "plot_groups",
        "docvar-single",
        lambda: plot_groups(
            aggregate(_units(), "country", frames=["war"], n_boot=20, seed=0),
            order="bloc",
            docvars=_units(),
            width="single",
        ),
    ),
    (
        "plot_comparison",
        "difference",
        lambda: plot_comparison(
            compare_groups(_units(), "bloc", target="north", frames=FRAMES, n_boot=20, seed=0)
        ),
    ),
    (
        "plot_comparison",
        "ratio",
        lambda: plot_comparison(
            compare_groups(_units(), "bloc", target="north", frames=FRAMES, n_boot=20, seed=0),
            statistic="ratio",
        ),
    ),
    ("plot_keyness", "plain", lambda: plot_keyness(_keyness_table())),
    ("plot_keyness", "long-title", _long_title_keyness),
    (
        "plot_cooccurrence",
        "npmi",
        lambda: plot_cooccurrence(cooccurrence(_units(), frames=FRAMES)),
    ),
    (
        "plot_cooccurrence",
        "jaccard-square",
        lambda: plot_cooccurrence(
            cooccurrence(_units(), frames=FRAMES), value="jaccard", triangle=False
        ),
    ),
    (
        "plot_topic_terms",
        "seeded",
        lambda: plot_topic_terms(_terms(), seeds={0: "security_threat", 1: "economy"}),
    ),
    (
        "plot_topic_terms",
        "frex-single",
        lambda: plot_topic_terms(_terms(3, 5).assign(weight=0.9), scale="frex", width="single"),
    ),
    ("plot_topic_frames", "links", lambda: plot_topic_frames(_links())),
    (
        "plot_coherence",
        "two-measures",
        lambda: plot_coherence(
            pd.DataFrame(
                {
                    "k": [5, 5, 10, 10] * 2,
                    "seed": [1, 2, 1, 2] * 2,
                    "measure": ["c_v"] * 4 + ["u_mass"] * 4,
                    "value": [0.4, 0.42, 0.45, 0.44, -2.1, -2.0, -1.8, -1.9],
                }
            )
        ),
    ),
    (
        "plot_confusion",
        "frac-ten-categories",
        lambda: plot_confusion(
            pd.DataFrame(
                [[(7 * i + 3 * j) % 11 for j in range(10)] for i in range(10)],
                index=_FRAC,
                columns=_FRAC,
            ),
            title="policy_frames 0.1.0 on FrAC",
        ),
    ),
    (
        "plot_effect_groups",
        "three-blocs",
        lambda: plot_effect_groups(
            pd.DataFrame(
                {
                    "bloc": ["middle_east", "permanent_five", "other"],
                    "estimate": [0.12, 0.05, 0.08],
                    "ci_low": [0.09, 0.03, 0.06],
                    "ci_high": [0.15, 0.07, 0.1],
                }
            ),
            by="bloc",
        ),
    ),
    (
        "plot_effect_difference",
        "two-contrasts",
        lambda: plot_effect_difference(
            pd.DataFrame(
                {
                    "contrast": ["IRN - SAU", "IRN - USA"],
                    "estimate": [0.1, 0.2],
                    "ci_low": [0.02, 0.1],
                    "ci_high": [0.18, 0.3],
                }
            )
        ),
    ),
    (
        "plot_effect_continuous",
        "years",
        lambda: plot_effect_continuous(
            pd.DataFrame(
                {
                    "year": [1990, 1995, 2000, 2005, 2010],
                    "estimate": [1.0, 1.4, 2.0, 1.8, 1.5],
                    "ci_low": [0.5, 0.9, 1.5, 1.3, 1.0],
                    "ci_high": [1.5, 1.9, 2.5, 2.3, 2.0],
                }
            ),
            x="year",
        ),
    ),
    (
        "plot_specification_curve",
        "eight-specifications",
        lambda: plot_specification_curve(
            pd.DataFrame(
                {
                    "claim": ["c"] * 8,
                    "estimate": [1.0, 3.0, -1.0, 0.5, 2.0, 1.5, -0.2, 0.8],
                    "std_error": [1.0, 1.0, 1.0, 0.4, 0.6, 0.5, 0.3, 0.9],
                    "unit": ["document", "paragraph"] * 4,
                    "measure": ["presence"] * 4 + ["rate"] * 4,
                }
            ),
            choices=["unit", "measure"],
        ),
    ),
    (
        "plot_target_frames",
        "two-camps",
        lambda: plot_target_frames(
            pd.DataFrame(
                {
                    "camp": ["a", "a", "a", "b", "b", "b"],
                    "target": ["hezbollah", "hezbollah", "pmf", "hezbollah", "pmf", "pmf"],
                    "frame": [
                        "resistance",
                        "none",
                        "resistance",
                        "security_threat",
                        "none",
                        "resistance",
                    ],
                    "share": [0.5, 0.5, 1.0, 0.7, 0.4, 0.6],
                }
            ),
            by="camp",
        ),
    ),
    (
        "plot_alias_choice",
        "two-outlets",
        lambda: plot_alias_choice(
            pd.DataFrame(
                {
                    "outlet": ["sana", "sana", "reuters", "reuters"],
                    "target": ["armed_opposition"] * 4,
                    "alias": ["terrorists", "rebel*", "rebel*", "militants"],
                    "count": [30, 2, 25, 5],
                }
            ),
            "armed_opposition",
            by="outlet",
        ),
    ),
    (
        "plot_measure_comparison",
        "four-methods-two-samples",
        lambda: plot_measure_comparison(
            pd.DataFrame(
                [
                    {
                        "sample": s,
                        "method": m,
                        "frame": f,
                        "f1": v,
                        "f1_ci_low": v - 0.08,
                        "f1_ci_high": min(v + 0.08, 1.0),
                    }
                    for s in ("mideast-test", "generic_news-heldout-topic")
                    for k, m in enumerate(("lexicon", "expanded", "semantic", "model"))
                    for j, f in enumerate(
                        ("resistance", "foreign_interference", "humanitarian", "macro")
                    )
                    for v in [0.45 + 0.08 * k + 0.05 * j]
                ]
            ),
            panel="sample",
        ),
    ),
    (
        "plot_learning_curve",
        "two-strategies",
        lambda: plot_learning_curve(
            pd.DataFrame(
                {
                    "strategy": ["random"] * 4 + ["uncertainty"] * 4,
                    "n_coded": [40, 80, 120, 160] * 2,
                    "f1": [0.52, 0.61, 0.66, 0.69, 0.55, 0.66, 0.71, 0.73],
                }
            ),
            title="generic_news, FA-KES development units",
        ),
    ),
]


def test_issue19_every_public_plot_function_has_a_layout_case():
    public = {name for name in figures.__all__ if name.startswith("plot_")}
    assert public == {func for func, _, _ in CASES}, "add a CASES entry for each new plot_*"


@pytest.mark.parametrize(("func", "case", "build"), CASES, ids=[f"{f}-{c}" for f, c, _ in CASES])
def test_issue19_every_figure_kind_passes_the_layout_checks(func, case, build):
    assert figure_problems(build()) == []


# ------------------------------------------------------------------ the checks can fail
def _figure(width: float = 3.0, height: float = 2.0, layout: str | None = "constrained") -> object:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout=layout)
    FigureCanvasAgg(fig)
    return fig


def test_issue19_checks_find_clipped_text():
    fig = _figure()
    a = fig.add_subplot()
    a.plot([0, 1], [0, 1])
    a.set_title("A title far too long to fit on a three-inch canvas, clipped at the right")
    assert any("leaves the figure" in p for p in figure_problems(fig))


def test_issue19_checks_find_overlapping_tick_labels():
    fig = _figure()
    a = fig.add_subplot()
    a.set_xticks(np.arange(12), [f"label number {i}" for i in range(12)])
    assert any("overlap" in p for p in figure_problems(fig))
    rotated = _figure()
    b = rotated.add_subplot()
    b.set_xticks(np.arange(4), ["first label", "second", "third", "fourth"], rotation=35)
    assert not any("overlap" in p for p in figure_problems(rotated))


def test_issue19_checks_find_empty_canvas():
    fig = _figure(4.0, 4.0, layout=None)
    a = fig.add_axes((0.3, 0.3, 0.2, 0.2))
    a.plot([0, 1], [0, 1])
    problems = figure_problems(fig)
    assert any("pixel rows are empty" in p for p in problems)
    assert any("pixel columns are empty" in p for p in problems)


def test_issue19_image_checks_find_ink_on_an_edge(tmp_path):
    fig = _figure(layout=None)
    a = fig.add_axes((0.0, 0.2, 1.0, 0.6))  # the axes spans the full width
    a.plot([0, 1], [0, 1])
    save_figure(fig, tmp_path / "edge.png", dpi=50)
    assert any("right edge" in p for p in image_problems(tmp_path / "edge.png"))


# ------------------------------------------------------------------ the run stage
CONFIG = """
name: tiny
seed: 3
corpus:
  source: sotu
  sample: 40
  derive:
    decade: {from: year, bin: 10}
    era: {from: year, cuts: {early: [1790, 1899], late: [1900, 2100]}}
preprocessing: {stopwords: sklearn, min_length: 3}
lexicons: [mideast]
scoring: {unit: document}
topics:
  - {engine: gensim-lda, k: [8, 9], seed_lexicon: mideast, min_df: 2, passes: 2,
     iterations: 20}
analyses:
  aggregate:
    - {by: [decade], n_boot: 100, order: era, reference: true}
    - {by: [party], measure: presence, n_boot: 100, order: estimate}
  compare:
    - {by: era, target: late, reference: early, n_boot: 100}
  trend:
    - {time: year, window: 20, n_boot: 100}
  keyness:
    - {by: era, target: late, reference: early, top: 8}
    - {by: era, target: late, reference: early, top: 8, frame: security_threat}
  cooccurrence: true
  topic_frame_links: true
outputs: {tables: [csv], figures: [png]}
"""


@pytest.mark.slow
def test_issue19_every_figure_the_run_writes_passes_the_checks(tmp_path, monkeypatch):
    drawn: dict[str, list[str]] = {}
    original = figures.save_figure

    def checked_save(fig, path, **kwargs):
        drawn[Path(path).stem] = figure_problems(fig)
        return original(fig, path, **kwargs)

    monkeypatch.setattr(figures, "save_figure", checked_save)
    config = tmp_path / "tiny.yaml"
    config.write_text(CONFIG)
    result = run_experiment(config, out_dir=tmp_path / "runs", progress=False)
    pngs = sorted((result.path / "figures").glob("*.png"))
    assert sorted(drawn) == [p.stem for p in pngs]
    kinds = {"trend", "groups", "compare", "keyness", "cooccurrence", "topic", "coherence"}
    assert kinds <= {name.split("_")[0] for name in drawn}
    assert {name: problems for name, problems in drawn.items() if problems} == {}
    assert {p.name: image_problems(p) for p in pngs if image_problems(p)} == {}
    overall = pd.read_csv(result.path / "tables" / "aggregate_mideast_0_overall.csv")
    assert list(overall["frame"]) == list(
        pd.read_csv(result.path / "tables" / "aggregate_mideast_0.csv")["frame"].unique()
    )


# ------------------------------------------------------------------ what each fix draws
def _cooc(values: list[float]) -> pd.DataFrame:
    a, b, c = "alpha", "beta", "gamma"
    pairs = {(a, b): values[0], (a, c): values[1], (b, c): values[2]}
    rows = []
    for x in (a, b, c):
        for y in (a, b, c):
            v = 1.0 if x == y else pairs.get((x, y), pairs.get((y, x)))
            rows.append({"frame_a": x, "frame_b": y, "npmi": v})
    return pd.DataFrame(rows)


def test_issue19_cooccurrence_is_one_triangle_on_a_sequential_scale():
    fig = plot_cooccurrence(_cooc([0.1, 0.25, 0.05]))
    a = fig.axes[0]
    assert [t.get_text() for t in a.get_yticklabels()] == ["beta", "gamma"]
    assert [t.get_text() for t in a.get_xticklabels()] == ["alpha", "beta"]
    image = a.images[0]
    assert image.cmap.name.startswith("cividis")
    assert image.norm.vmin == 0.0 and image.norm.vmax == pytest.approx(0.25)
    assert sorted(t.get_text() for t in a.texts) == [".05", ".10", ".25"]  # each pair once


def test_issue19_cooccurrence_diverges_only_when_values_straddle_zero():
    image = plot_cooccurrence(_cooc([-0.2, 0.1, 0.05])).axes[0].images[0]
    assert image.cmap.name.startswith("PuOr")
    assert (image.norm.vmin, image.norm.vmax) == pytest.approx((-0.2, 0.2))
    full = plot_cooccurrence(_cooc([0.1, 0.2, 0.3]), triangle=False).axes[0]
    assert len(full.get_yticklabels()) == 3 and len(full.texts) == 6  # diagonal blank


def test_issue19_heatmap_canvas_follows_the_matrix():
    small = plot_cooccurrence(_cooc([0.1, 0.25, 0.05]))
    names = [f"frame_{i}" for i in range(8)]
    rng = np.random.default_rng(0)
    big = pd.DataFrame(
        [
            {"frame_a": a, "frame_b": b, "npmi": 1.0 if a == b else 0.0}
            for a in names
            for b in names
        ]
    )
    values = rng.uniform(0, 0.3, (8, 8))
    big["npmi"] = np.where(big["frame_a"] == big["frame_b"], 1.0, (values + values.T).ravel() / 2)
    big_fig = plot_cooccurrence(big)
    assert small.get_size_inches()[1] < big_fig.get_size_inches()[1]
    assert figure_problems(small) == [] and figure_problems(big_fig) == []


def test_issue19_topic_terms_one_colour_probability_axis_and_seed_frame():
    fig = plot_topic_terms(_terms(3, 4), seeds=pd.DataFrame({"seed_set": ["war"], "topic": [1]}))
    colours = {tuple(bar.get_facecolor()) for a in fig.axes for bar in a.patches}
    assert len(colours) == 1
    assert fig.axes[1].get_title(loc="left") == "Topic 1\nseeded: war"
    assert "P(term | topic)" in fig._supxlabel.get_text()
    widths = [bar.get_width() for bar in fig.axes[0].patches]
    assert widths == sorted(widths, reverse=True) and widths[0] == pytest.approx(0.09)
    frex = plot_topic_terms(_terms(1, 4), scale="frex")
    assert frex.axes[0].get_xlim() == (0.0, 1.0) and "FREX" in frex.axes[0].get_xlabel()


def test_issue19_topic_terms_refuses_mixed_weights():
    mixed = pd.concat([_terms(1, 2).assign(by="probability"), _terms(1, 2).assign(by="frex")])
    with pytest.raises(ValueError, match="mixes weights"):
        plot_topic_terms(mixed)


def _group_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "country": ["A", "B", "C", "D"],
            "frame": "war",
            "estimate": [1.0, 3.0, 2.0, 4.0],
            "ci_low": [0.5, 2.5, 1.5, 3.5],
            "ci_high": [1.5, 3.5, 2.5, 4.5],
        }
    )


def _rows(fig) -> list[str]:
    return [t.get_text() for t in fig.axes[0].get_yticklabels()]


def test_issue19_group_order_by_name_estimate_and_docvar():
    table = _group_table()
    assert _rows(plot_groups(table)) == ["A", "B", "C", "D"]
    assert _rows(plot_groups(table, order="estimate")) == ["D", "B", "C", "A"]
    docvars = pd.DataFrame({"country": list("ABCDAB"), "bloc": ["x", "y", "x", "y", "x", "y"]})
    fig = plot_groups(table, order="bloc", docvars=docvars)
    assert _rows(fig) == ["x", "C", "A", "y", "D", "B"]
    bold = [t.get_fontweight() for t in fig.axes[0].get_yticklabels()]
    assert bold == ["bold", "normal", "normal", "bold", "normal", "normal"]


def test_issue19_group_reference_line_at_the_overall_estimate():
    fig = plot_groups(
        _group_table(), reference=pd.DataFrame({"frame": ["war"], "estimate": [2.5]})
    )
    lines = [ln for ln in fig.axes[0].lines if ln.get_linestyle() == "--"]
    assert len(lines) == 1 and lines[0].get_xdata()[0] == 2.5
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["all units"]


def test_issue19_group_order_errors_name_the_problem():
    with pytest.raises(ValueError, match="is not 'name', 'estimate', a frame of the table"):
        plot_groups(_group_table(), order="bloc")
    split = pd.DataFrame({"country": ["A", "A", "B", "C", "D"], "bloc": list("xyxxy")})
    with pytest.raises(ValueError, match=r"group\(s\) \['A'\] of 'country' fall in more than one"):
        plot_groups(_group_table(), order="bloc", docvars=split)


def test_issue19_long_titles_wrap_inside_the_panel():
    fig = _long_title_keyness()
    title = fig.axes[0].get_title(loc="left")
    assert "\n" in title and " ".join(title.split()).startswith("Terms within 10 tokens")
    assert figure_problems(fig) == []
