"""Statistics and keyness on real data: the 15 FA-KES outlets (issue 5)."""

from __future__ import annotations

import numpy as np
import pytest

import corpus
import framing
from tests.conftest import require_shared


@pytest.fixture(scope="module")
def fakes():
    path = require_shared("news", "fa-kes", "FA-KES-Dataset.csv")
    corp = corpus.read(str(path), text_col="article_content")
    lexicon = framing.load_lexicon("generic_news")
    return corp, framing.score_frames(corp, lexicon), lexicon


@pytest.mark.shared_data
def test_issue5_fakes_outlet_rates_with_bca(fakes):
    corp, scores, _ = fakes
    table = framing.aggregate(scores, "source", n_boot=500, method="bca", seed=3)
    assert table["source"].nunique() == 15
    assert table.groupby("source")["n_docs"].first().sum() == len(corp) == 804
    # totals conserved: summed hits and tokens equal the scores' own totals
    per_frame = table.groupby("frame", sort=False)["hits"].sum()
    assert per_frame.tolist() == scores.counts.sum().tolist()
    ok = table["n_docs"] >= 2
    assert (table.loc[ok, "ci_low"] <= table.loc[ok, "ci_high"]).all()
    assert np.isfinite(table.loc[ok, ["estimate", "ci_low", "ci_high"]]).all().all()


@pytest.mark.shared_data
def test_issue5_fakes_keyness_near_conflict_hits(fakes):
    corp, _, lexicon = fakes
    tokens = corpus.tokenize(corp)
    hits = framing.find_hits(tokens, lexicon)
    out = framing.keyness_near(
        tokens, hits, "source", frame="conflict", target="manar", reference="reuters", window=10
    )
    assert out["keyness"].is_monotonic_decreasing
    assert (out["p_adjusted"] >= out["p_value"] - 1e-12).all()
    top = out.head(20)
    assert (top["direction"] == "target").all() and (top["p_adjusted"] < 0.05).any()
