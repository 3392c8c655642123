"""Tests of frame aggregation with bootstrap CIs (issue 5)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from framing import FrameScores, FramingError, InvalidParameterError, aggregate
from framing.stats import column_quantiles, estimate_group, interval, jackknife_ratio


def _table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "d", "e"],
            "n_tokens": [100, 300, 200, 200, 50],
            "war": [2, 6, 0, 1, 0],
            "peace": [0, 1, 1, 0, 3],
            "outlet": ["x", "x", "y", "y", "y"],
        }
    )


def _scores(table: pd.DataFrame, **meta) -> FrameScores:
    idx = pd.Index(table["doc_id"], name="doc_id")
    return FrameScores(
        counts=table[["war", "peace"]].set_axis(idx),
        n_tokens=table["n_tokens"].set_axis(idx),
        docvars=table.drop(columns=["doc_id", "n_tokens", "war", "peace"]).set_axis(idx),
        meta=meta,
    )


def test_issue5_rate_is_summed_counts_over_summed_tokens():
    out = aggregate(_scores(_table()), ["outlet"], n_boot=50, seed=0)
    got = out.set_index(["outlet", "frame"])["estimate"]
    assert got["x", "war"] == pytest.approx(1000 * 8 / 400)
    assert got["y", "war"] == pytest.approx(1000 * 1 / 450)
    assert got["y", "peace"] == pytest.approx(1000 * 4 / 450)
    row = out.set_index(["outlet", "frame"]).loc[("y", "peace")]
    assert (row["hits"], row["n_tokens"], row["n_units"], row["n_docs"]) == (4, 450, 3, 3)


def test_issue5_presence_is_share_of_units_at_threshold():
    out = aggregate(
        _scores(_table()), "outlet", measure="presence", threshold=2, n_boot=50, seed=0
    )
    got = out.set_index(["outlet", "frame"])["estimate"]
    assert got["x", "war"] == pytest.approx(1.0)  # 2 and 6 hits
    assert got["y", "peace"] == pytest.approx(1 / 3)  # only e has 3 >= 2
    assert out.set_index(["outlet", "frame"]).loc[("y", "peace"), "hits"] == 1


def test_issue5_table_and_scores_give_same_bytes():
    a = aggregate(_scores(_table()), ["outlet"], n_boot=100, seed=3)
    b = aggregate(_table(), ["outlet"], frames=["war", "peace"], n_boot=100, seed=3)
    assert a.to_csv(index=False) == b.to_csv(index=False)


def test_issue5_metadata_columns_and_attrs():
    out = aggregate(_table(), [], frames=["war"], n_boot=30, ci=0.9, method="bca", seed=5)
    assert list(out.columns) == [
        "frame",
        "estimate",
        "ci_low",
        "ci_high",
        "n_units",
        "n_docs",
        "n_tokens",
        "hits",
        "measure",
        "conf_level",
        "n_boot",
        "method",
    ]
    assert out.loc[0, "conf_level"] == 0.9 and out.loc[0, "n_boot"] == 30
    assert out.attrs["seed"] == 5 and out.attrs["method"] == "bca"


def test_issue5_refuses_normalised_input_unless_forced():
    with pytest.raises(FramingError, match="already normalised"):
        aggregate(_scores(_table(), normalization="rate"), n_boot=10, seed=0)
    rates = _table().assign(war=lambda t: t["war"] / t["n_tokens"])
    with pytest.raises(FramingError, match="not integer counts"):
        aggregate(rates, frames=["war"], n_boot=10, seed=0)
    out = aggregate(rates, frames=["war"], n_boot=10, force=True, seed=0)
    assert out.loc[0, "estimate"] == pytest.approx(1000 * rates["war"].sum() / 850)


def test_issue5_bad_options_are_named():
    with pytest.raises(InvalidParameterError, match="frames="):
        aggregate(_table(), seed=0)
    with pytest.raises(InvalidParameterError, match="'party'"):
        aggregate(_scores(_table()), ["party"], seed=0)
    with pytest.raises(InvalidParameterError, match="method"):
        aggregate(_scores(_table()), method="normal", seed=0)
    with pytest.raises(InvalidParameterError, match="ci must"):
        aggregate(_scores(_table()), ci=95, seed=0)
    with pytest.raises(FramingError, match="no value for group column 'outlet'"):
        aggregate(
            _table().assign(outlet=["x", None, "y", "y", "y"]), "outlet", frames=["war"], seed=0
        )


def test_issue5_segments_resample_parent_documents():
    seg = pd.DataFrame(
        {
            "doc_id": ["a#1", "a#2", "b#1", "b#2"],
            "n_tokens": [10, 10, 10, 10],
            "war": [2, 0, 0, 0],
            "parent_id": ["a", "a", "b", "b"],
        }
    )
    out = aggregate(seg, frames=["war"], n_boot=400, seed=1)
    assert out.loc[0, "n_units"] == 4 and out.loc[0, "n_docs"] == 2
    num, den = seg[["war"]].to_numpy(float) * 1000, seg["n_tokens"].to_numpy(float)
    res = estimate_group(
        num,
        den,
        seg["parent_id"].to_numpy(),
        n_boot=400,
        ci=0.95,
        method="percentile",
        rng=np.random.default_rng(0),
    )
    # whole parents are drawn: 0, 1 or 2 copies of a -> 0, 50 or 100 per 1,000;
    # drawing segments would also give 150 or 200 (a#1 three or four times)
    assert set(np.unique(res["boot"])) == {0.0, 50.0, 100.0}


def test_issue5_single_document_group_has_no_interval():
    out = aggregate(_table().iloc[:1], "outlet", frames=["war"], n_boot=20, seed=0)
    assert np.isnan(out.loc[0, "ci_low"]) and np.isnan(out.loc[0, "ci_high"])
    assert out.loc[0, "estimate"] == pytest.approx(20.0)


def test_issue5_jackknife_is_leave_one_out_ratio():
    jack = jackknife_ratio(np.array([[1.0], [3.0], [0.0]]), np.array([10.0, 10.0, 20.0]))
    assert jack.ravel().tolist() == pytest.approx([3 / 30, 1 / 30, 4 / 20])


def test_issue5_bca_equals_percentile_without_bias_or_skew():
    boot = np.linspace(-1, 1, 2001)[:, None]
    jack = np.array([[-1.0], [0.0], [1.0]])
    pct = interval(boot, np.array([0.0]), None, 0.9, "percentile")
    bca = interval(boot, np.array([0.0]), jack, 0.9, "bca")
    assert pct[0][0] == pytest.approx(-0.9) and pct[1][0] == pytest.approx(0.9)
    assert bca[0][0] == pytest.approx(pct[0][0]) and bca[1][0] == pytest.approx(pct[1][0])


def test_issue5_bca_agrees_with_scipy_on_a_mean():
    rng = np.random.default_rng(7)
    x = rng.exponential(size=60)
    units = pd.DataFrame(
        {
            "doc_id": [str(i) for i in range(60)],
            "n_tokens": 1000,
            "war": np.round(x * 100).astype(np.int64),
        }
    )
    ours = aggregate(units, frames=["war"], n_boot=4000, method="bca", seed=2)
    ref = stats.bootstrap(
        (units["war"].to_numpy(dtype=float),),
        np.mean,
        n_resamples=4000,
        method="BCa",
        confidence_level=0.95,
        random_state=3,
    )
    assert ours.loc[0, "ci_low"] == pytest.approx(ref.confidence_interval.low, rel=0.05)
    assert ours.loc[0, "ci_high"] == pytest.approx(ref.confidence_interval.high, rel=0.05)


group_tables = st.lists(
    st.tuples(st.integers(0, 30), st.integers(1, 200), st.sampled_from("pqr")),
    min_size=1,
    max_size=25,
).map(
    lambda rows: pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(len(rows))],
            "n_tokens": [max(r[0], r[1]) for r in rows],
            "war": [r[0] for r in rows],
            "g": [r[2] for r in rows],
        }
    )
)


@settings(max_examples=40)
@given(group_tables)
def test_issue5_aggregation_conserves_totals(table):
    out = aggregate(table, "g", frames=["war"], n_boot=5, seed=0)
    assert out["hits"].sum() == table["war"].sum()
    assert out["n_tokens"].sum() == table["n_tokens"].sum()
    assert out["n_units"].sum() == len(table)


@settings(max_examples=30)
@given(group_tables, st.randoms(use_true_random=False))
def test_issue5_permuting_rows_changes_nothing(table, rnd):
    order = list(range(len(table)))
    rnd.shuffle(order)
    a = aggregate(table, "g", frames=["war"], n_boot=50, method="bca", seed=4)
    b = aggregate(table.iloc[order], "g", frames=["war"], n_boot=50, method="bca", seed=4)
    assert a.to_csv(index=False) == b.to_csv(index=False)


@settings(max_examples=40)
@given(group_tables)
def test_issue5_percentile_interval_contains_estimate(table):
    out = aggregate(table, "g", frames=["war"], n_boot=400, seed=9)
    ok = out["n_docs"] >= 2
    assert (out.loc[ok, "ci_low"] <= out.loc[ok, "estimate"] + 1e-9).all()
    assert (out.loc[ok, "estimate"] <= out.loc[ok, "ci_high"] + 1e-9).all()


def test_issue5_same_seed_same_bytes_other_seed_other_bounds(global_random_seed):
    rng = np.random.default_rng(0)
    table = pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(40)],
            "n_tokens": 100,
            "war": rng.integers(0, 9, 40),
            "outlet": ["x", "y"] * 20,
        }
    )

    def run(seed: int) -> str:
        out = aggregate(table, "outlet", frames=["war"], n_boot=300, method="bca", seed=seed)
        return out.to_csv(index=False)

    assert run(global_random_seed) == run(global_random_seed)
    assert run(global_random_seed) != run(global_random_seed + 1)


def test_issue5_groups_draw_independent_streams():
    full = aggregate(_table(), "outlet", frames=["war"], n_boot=200, seed=1)
    only_y = aggregate(
        _table().query("outlet == 'y'"), "outlet", frames=["war"], n_boot=200, seed=1
    )
    assert full.iloc[1].equals(only_y.iloc[0].rename(1))


@settings(max_examples=50)
@given(
    st.lists(
        st.lists(st.one_of(st.floats(-1e6, 1e6), st.just(np.nan)), min_size=3, max_size=3),
        min_size=1,
        max_size=40,
    ),
    st.floats(0, 1),
    st.floats(0, 1),
)
def test_issue5_column_quantiles_match_numpy(rows, q1, q2):
    values = np.array(rows)
    levels = np.array([[q1, q2, q1], [q2, q1, 1.0]])
    got = column_quantiles(values, levels)
    for j in range(3):
        column = values[:, j][~np.isnan(values[:, j])]
        for i in range(2):
            want = np.quantile(column, levels[i, j]) if column.size else np.nan
            assert got[i, j] == pytest.approx(want, rel=1e-9, abs=1e-6, nan_ok=True)


def test_issue5_two_group_columns_align_keys_and_rows():
    table = _table().assign(period=["late", "early", "late", "early", "early"])
    out = aggregate(table, ["outlet", "period"], frames=["war"], n_boot=20, seed=0)
    assert out[["outlet", "period"]].values.tolist() == [
        ["x", "early"],
        ["x", "late"],
        ["y", "early"],
        ["y", "late"],
    ]
    got = out.set_index(["outlet", "period"])["estimate"]
    assert got["x", "early"] == pytest.approx(1000 * 6 / 300)
    assert got["y", "early"] == pytest.approx(1000 * 1 / 250)
    assert got["y", "late"] == pytest.approx(0.0)
