"""The ``effects:`` block of experiment configs (issue 15)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import framing
from framing import ConfigError
from framing.experiment import run_experiment


@pytest.fixture
def setup(tmp_path):
    rng = np.random.default_rng(5)
    n = 120
    bloc = np.where(np.arange(n) % 2 == 0, "me", "p5")
    words = []
    for b in bloc:
        k = rng.poisson(rng.gamma(1.0, 3.0 if b == "me" else 1.0))  # overdispersed counts
        extra = int(rng.poisson(rng.gamma(1.0, 1.0)))
        body = ["siege"] * k + ["blockade"] * extra + ["rain"] * int(rng.integers(20, 40))
        words.append(" ".join(body[: len(body) // 2]) + "\n\n" + " ".join(body[len(body) // 2 :]))
    pd.DataFrame(
        {
            "id": [f"d{i:03d}" for i in range(n)],
            "text": words,
            "bloc": bloc,
            "year": 1970 + np.arange(n) % 50,
            "country": [f"c{i % 12}" for i in range(n)],
        }
    ).to_csv(tmp_path / "docs.csv", index=False)
    (tmp_path / "lex.yaml").write_text("name: toy\nframes:\n  war: {patterns: [siege]}\n")
    (tmp_path / "lex2.yaml").write_text(
        "name: toy2\nversion: 0.2.0\nframes:\n  war: {patterns: [siege, blockade]}\n"
    )
    config = f"""
name: eff
seed: 1
corpus:
  source: {tmp_path / "docs.csv"}
  options: {{id_col: id, text_col: text}}
lexicons: [{tmp_path / "lex.yaml"}]
effects:
  - name: war_bloc_time
    lexicon: toy
    formula: "war ~ C(bloc) + bs(year, df=3)"
    family: poisson
    offset: n_tokens
    cluster: country
    at: {{year: [1970, 1980, 1990, 2000, 2010, 2019], bloc: [me, p5]}}
    x: year
  - name: war_bloc_difference
    lexicon: toy
    formula: "war ~ C(bloc)"
    family: logit
    at: {{bloc: [me, p5]}}
    contrast: [me, p5]
multiverse:
  claims: ["war: me > p5", "war: me > p5 after 1994"]
  by: bloc
  lexicons: [{tmp_path / "lex.yaml"}, {tmp_path / "lex2.yaml"}]
  units: [document, paragraph]
  measures: [presence, count, rate]
  thresholds: [1, 2]
  cluster: {{document: country, paragraph: parent_id}}
outputs: {{tables: [csv], figures: [svg]}}
"""
    (tmp_path / "eff.yaml").write_text(config)
    return tmp_path


def test_issue15_effects_block_writes_tables_and_figures(setup):
    result = run_experiment(setup / "eff.yaml", out_dir=setup / "runs")
    tables, figures = result.path / "tables", result.path / "figures"
    table = pd.read_csv(tables / "effects_war_bloc_time.csv")
    scores = pd.read_csv(tables / "scores_toy.csv", dtype={"doc_id": str})
    direct = framing.estimate_effect(
        scores, "war ~ C(bloc) + bs(year, df=3)", offset="n_tokens", cluster="country"
    )
    np.testing.assert_allclose(table["estimate"], direct["estimate"], atol=1e-10)
    assert table["method"].iloc[0] == "poisson (cluster-robust by country, 12 clusters)"
    margins = pd.read_csv(tables / "effects_war_bloc_time_margins.csv")
    assert len(margins) == 12 and {"year", "bloc", "ci_low"} <= set(margins.columns)
    diff = pd.read_csv(tables / "effects_war_bloc_difference_margins.csv")
    assert diff["contrast"].tolist() == ["me - p5"]
    assert diff["estimate"].iloc[0] > 0
    assert (figures / "effects_war_bloc_time.svg").is_file()
    assert (figures / "effects_war_bloc_difference.svg").is_file()


def test_issue15_effects_block_reruns_byte_identical(setup):
    one = run_experiment(setup / "eff.yaml", out_dir=setup / "a").path
    two = run_experiment(setup / "eff.yaml", out_dir=setup / "b").path
    for sub in ("tables", "figures"):
        for path in sorted((one / sub).iterdir()):
            assert path.read_bytes() == (two / sub / path.name).read_bytes(), path.name


def test_issue15_effects_block_errors_name_the_key(setup):
    text = (setup / "eff.yaml").read_text().replace("C(bloc) + bs(year, df=3)", "C(region)")
    (setup / "bad.yaml").write_text(text)
    with pytest.raises(ConfigError, match=r"effects\.0 \(war_bloc_time\): .*region"):
        run_experiment(setup / "bad.yaml", out_dir=setup / "runs")
    text = (
        (setup / "eff.yaml")
        .read_text()
        .replace(
            'lexicon: toy\n    formula: "war ~ C(bloc)"',
            'lexicon: other\n    formula: "war ~ C(bloc)"',
        )
    )
    (setup / "bad2.yaml").write_text(text)
    with pytest.raises(ConfigError, match=r"effects\.1\.lexicon: 'other'"):
        run_experiment(setup / "bad2.yaml", out_dir=setup / "runs")


def test_issue15_multiverse_block_writes_specifications_claims_and_curve(setup):
    result = run_experiment(setup / "eff.yaml", out_dir=setup / "runs")
    tables = result.path / "tables"
    rows = pd.read_csv(tables / "multiverse_specifications.csv")
    # 2 lexicons x 2 units x (presence at 2 thresholds + count + rate) x 2 claims
    assert len(rows) == 2 * 2 * 4 * 2
    claims = pd.read_csv(tables / "multiverse_claims.csv").set_index("claim")
    for claim, part in rows.groupby("claim"):
        assert claims.loc[claim, "n_specifications"] == 16
        assert claims.loc[claim, "share_sign"] == (part["estimate"] > 0).mean()
        assert claims.loc[claim, "share_95"] == (part["ci_low"] > 0).mean()
    one = rows.query(
        "lexicon.str.endswith('lex.yaml') and unit == 'document' and "
        "measure == 'count' and claim == 'war: me > p5'",
        engine="python",
    )
    scores = pd.read_csv(tables / "scores_toy.csv", dtype={"doc_id": str})
    direct = framing.estimate_effect(
        scores,
        "war ~ C(bloc, Treatment('p5'))",
        family="negbin",
        offset="n_tokens",
        cluster="country",
    ).set_index("term")
    assert one["estimate"].iloc[0] == pytest.approx(
        direct.loc["C(bloc, Treatment('p5'))[T.me]", "estimate"], abs=1e-10
    )
    assert (result.path / "figures" / "multiverse_curve.svg").is_file()


def test_issue15_multiverse_bad_claim_names_the_key(setup):
    text = (setup / "eff.yaml").read_text().replace('"war: me > p5",', '"war me more",')
    (setup / "bad.yaml").write_text(text)
    with pytest.raises(ConfigError, match=r"multiverse\.claims\.0: cannot read claim"):
        run_experiment(setup / "bad.yaml", out_dir=setup / "runs")
