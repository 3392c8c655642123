"""Issue 15: prediction-powered (PPI++) estimates from a random coded sample."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import framing
from framing import InvalidParameterError

ppi_py = pytest.importorskip("ppi_py")


def _population(seed: int, N: int = 2000, n: int = 200, recall=(0.9, 0.6)):
    """True presence with a group difference of 0.1; the measure misses more in group 1."""
    rng = np.random.default_rng(seed)
    group = rng.integers(0, 2, N)
    truth = rng.random(N) < 0.3 + 0.1 * group
    hit = np.where(group == 1, recall[1], recall[0])
    measured = np.where(truth, rng.random(N) < hit, rng.random(N) < 0.05)
    scores = pd.DataFrame(
        {
            "doc_id": [f"u{i}" for i in range(N)],
            "n_tokens": 50,
            "war": measured.astype(int),
            "group": group,
        }
    )
    coded = rng.choice(N, n, replace=False)
    gold = pd.DataFrame(
        {"doc_id": scores["doc_id"].to_numpy()[coded], "war": truth[coded].astype(int)}
    )
    return scores, gold


def _split(scores: pd.DataFrame, gold: pd.DataFrame):
    """Design, labels and predictions as ppi-python takes them (coded units in table order)."""
    in_gold = scores["doc_id"].isin(gold["doc_id"]).to_numpy()
    X = np.c_[np.ones(len(scores)), scores["group"].to_numpy(float)]
    y = gold.set_index("doc_id").loc[scores.loc[in_gold, "doc_id"], "war"].to_numpy(float)
    yhat = scores["war"].to_numpy(float)
    return X[in_gold], y, yhat[in_gold], X[~in_gold], yhat[~in_gold]


@pytest.mark.parametrize(
    ("family", "ppi_function"), [("ols", "ppi_ols_ci"), ("logit", "ppi_logistic_ci")]
)
def test_issue15_ppi_rows_equal_ppi_python(family, ppi_function):
    scores, gold = _population(11)
    table = framing.estimate_effect(scores, "war ~ group", family=family, gold=gold)
    ppi = table[table["method"].str.startswith("ppi++")]
    low, high = getattr(ppi_py, ppi_function)(*_split(scores, gold), alpha=0.05)
    np.testing.assert_allclose(ppi["ci_low"], low, atol=1e-8)
    np.testing.assert_allclose(ppi["ci_high"], high, atol=1e-8)
    np.testing.assert_allclose(
        ppi["estimate"], (np.asarray(low) + np.asarray(high)) / 2, atol=1e-8
    )
    assert ppi["method"].iloc[0] == f"ppi++ {family} (n_gold=200)"
    assert [m.split()[0] for m in dict.fromkeys(table["method"])] == [
        "ppi++",
        "naive",
        "gold-only",
    ]


def test_issue15_ppi_prevalence_is_ppi_mean():
    """An intercept-only OLS on presence is the prevalence: ppi_mean_ci's interval."""
    scores, gold = _population(12)
    table = framing.estimate_effect(scores, "war ~ 1", family="ols", gold=gold)
    _, y, yhat, _, yhat_unlabeled = _split(scores, gold)
    low, high = ppi_py.ppi_mean_ci(y, yhat, yhat_unlabeled, alpha=0.05)
    row = table.iloc[0]
    assert row["term"] == "Intercept" and row["method"].startswith("ppi++")
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((low[0], high[0]), abs=1e-8)


def test_issue15_ppi_covers_under_differential_error_where_naive_collapses():
    """200 populations whose measure misses more in one group: PPI covers, naive does not."""
    cover = {"ppi++": 0, "naive": 0, "gold-only": 0}
    for seed in range(200):
        scores, gold = _population(500 + seed)
        table = framing.estimate_effect(scores, "war ~ group", family="ols", gold=gold)
        for _, row in table[table["term"] == "group"].iterrows():
            cover[row["method"].split()[0]] += row["ci_low"] <= 0.1 <= row["ci_high"]
    assert 0.92 <= cover["ppi++"] / 200 <= 0.98
    assert 0.92 <= cover["gold-only"] / 200 <= 0.98
    assert cover["naive"] / 200 < 0.2


def _gold(**columns) -> pd.DataFrame:
    base = {"doc_id": [f"u{i}" for i in range(30)], "war": [0, 1] * 15}
    return pd.DataFrame({**base, **columns})


@pytest.mark.parametrize(
    ("gold", "message"),
    [
        (_gold(doc_id=[f"x{i}" for i in range(30)]), "30 gold doc_id.s. are not among"),
        (_gold().drop(columns="war"), "no column for frame 'war'"),
        (_gold().rename(columns={"doc_id": "unit_id"}), "needs a 'doc_id' column"),
        (_gold(war=[0, 2] * 15), "must be 0 or 1; row 3"),
        (_gold(doc_id=["u0"] * 30), "repeats doc_id 'u0'"),
        (_gold().head(10), "PPI needs at least 20"),
    ],
)
def test_issue15_bad_gold_tables_give_clear_errors(gold, message):
    scores, _ = _population(13)
    with pytest.raises(InvalidParameterError, match=message):
        framing.estimate_effect(scores, "war ~ group", family="logit", gold=gold)


def test_issue15_non_random_gold_sample_is_refused_or_flagged():
    scores, _ = _population(14)
    hits = scores[scores["war"] == 1].head(100)  # coded only where the measure fires
    gold = pd.DataFrame({"doc_id": hits["doc_id"], "war": 1})
    with pytest.raises(InvalidParameterError, match="does not look like a random sample"):
        framing.estimate_effect(scores, "war ~ group", family="ols", gold=gold)
    table = framing.estimate_effect(
        scores, "war ~ group", family="ols", gold=gold, gold_check="flag"
    )
    assert table["method"].iloc[0].endswith("[gold sample not random]")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"family": "poisson", "offset": "n_tokens"}, "takes no offset"),
        ({"family": "negbin"}, "no negative binomial estimator.*family='poisson'"),
        ({"family": "ols", "outcome": "rate"}, "PPI estimates need"),
        ({"family": "poisson", "outcome": "presence"}, "does not model a presence"),
        ({"family": "logit", "cluster": "group"}, "independent units"),
    ],
)
def test_issue15_ppi_refuses_models_it_cannot_correct(kwargs, message):
    scores, gold = _population(15)
    with pytest.raises(InvalidParameterError, match=message):
        framing.estimate_effect(scores, "war ~ group", gold=gold, **kwargs)


def _counts(seed: int, N: int = 600, n: int = 120):
    """True counts with a log rate ratio of 0.3; the measure misses more in group 1."""
    rng = np.random.default_rng(seed)
    group = rng.integers(0, 2, N)
    truth = rng.poisson(np.exp(0.5 + 0.3 * group))
    measured = rng.binomial(truth, np.where(group == 1, 0.6, 0.9)) + rng.poisson(0.1, N)
    ids = [f"u{i}" for i in range(N)]
    scores = pd.DataFrame({"doc_id": ids, "n_tokens": 50, "war": measured, "group": group})
    coded = rng.choice(N, n, replace=False)
    return scores, pd.DataFrame({"doc_id": np.array(ids)[coded], "war": truth[coded]})


def test_issue15_ppi_poisson_equals_ppi_python_on_counts():
    scores, gold = _counts(21)
    table = framing.estimate_effect(scores, "war ~ group", family="poisson", gold=gold)
    ppi = table[table["method"].str.startswith("ppi++")]
    low, high = ppi_py.ppi_poisson_ci(*_split(scores, gold), alpha=0.05)
    np.testing.assert_allclose(ppi["ci_low"], low, atol=1e-8)
    np.testing.assert_allclose(ppi["ci_high"], high, atol=1e-8)
    assert ppi["method"].iloc[0] == "ppi++ poisson (n_gold=120)"
    naive = table[table["method"].str.startswith("naive")]
    direct = framing.estimate_effect(scores, "war ~ group", family="poisson")
    np.testing.assert_allclose(naive["estimate"], direct["estimate"], atol=1e-10)
    # the measure misses 40% of group 1's hits but 10% of group 0's: the naive log rate
    # ratio is pulled towards log(0.6/0.9) + 0.3 < 0, the PPI++ one is not
    assert naive["estimate"].iloc[1] < 0.15 < ppi["estimate"].iloc[1]


def test_issue15_ppi_poisson_gold_needs_integer_counts():
    scores, gold = _counts(22)
    gold["war"] = gold["war"].astype(float)
    gold.loc[gold.index[3], "war"] = 1.5
    with pytest.raises(InvalidParameterError, match="non-negative integer counts; row 5"):
        framing.estimate_effect(scores, "war ~ group", family="poisson", gold=gold)
