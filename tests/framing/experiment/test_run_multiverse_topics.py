"""Topic claims of the ``multiverse:`` block over recipes, K and seeds (issue 15)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import framing
from corpus import Corpus, Recipe, tokenize
from framing import ConfigError
from framing.experiment import run_experiment
from framing.topics import fit_topics

OIL = "oil gas pipeline barrels export refinery crude energies".split()
WAR = "troops army siege soldiers battle resistance occupation weapons".split()


@pytest.fixture
def setup(tmp_path):
    rng = np.random.default_rng(3)
    rows = []
    for i in range(80):
        bloc = "me" if i % 2 == 0 else "p5"
        share = 0.7 if bloc == "me" else 0.3  # the war topic: 0.4 more in "me"
        words = [rng.choice(WAR) if rng.random() < share else rng.choice(OIL) for _ in range(40)]
        rows.append({"id": f"d{i:03d}", "text": " ".join(words), "bloc": bloc,
                     "year": 1980 + i % 40})  # fmt: skip
    pd.DataFrame(rows).to_csv(tmp_path / "docs.csv", index=False)
    (tmp_path / "lex.yaml").write_text("name: toy\nframes:\n  war: {patterns: [siege]}\n")
    (tmp_path / "mv.yaml").write_text(f"""
name: tmv
seed: 1
corpus:
  source: {tmp_path / "docs.csv"}
  options: {{id_col: id, text_col: text}}
lexicons: [{tmp_path / "lex.yaml"}]
preprocessing: {{stopwords: null, min_length: 2}}
multiverse:
  claims: ["war: me > p5"]
  lexicons: [{tmp_path / "lex.yaml"}]
  by: bloc
  topics:
    claims: ["topic(soldiers): me > p5", "topic(soldiers): p5 > me after 2000"]
    model: {{engine: sklearn-lda, min_df: 1, max_df: 1.0, passes: 20}}
    k: [2, 3]
    seeds: [1, 2]
    recipes: {{default: {{}}, stemmed: {{stemmer: snowball}}}}
    n_draws: 5
outputs: {{tables: [csv], figures: [svg]}}
""")
    return tmp_path


def test_issue15_multiverse_topics_grid_over_recipes_k_and_seeds(setup):
    path = run_experiment(setup / "mv.yaml", out_dir=setup / "runs").path
    rows = pd.read_csv(path / "tables" / "multiverse_specifications.csv")
    topic = rows[rows["measure"] == "topic share"]
    # 2 recipes x 2 K x 2 seeds = 8 specifications, after the one frame specification
    assert sorted(topic["specification"].unique()) == list(range(1, 9))
    assert len(topic) == 16 and set(topic["recipe"]) == {"default", "stemmed"}
    assert set(topic["k"]) == {2, 3} and set(topic["seed"]) == {1, 2}
    # the anchor is stemmed with the recipe ("soldiers" -> "soldier"); stemming maps these
    # 16 words one to one, so each stemmed fit equals the unstemmed fit of the same K and seed
    default = topic[topic["recipe"] == "default"].reset_index(drop=True)
    stemmed = topic[topic["recipe"] == "stemmed"].reset_index(drop=True)
    np.testing.assert_allclose(default["estimate"], stemmed["estimate"], rtol=1e-9)
    # the war topic is 0.4 more present in "me": every specification finds it at 95%
    claims = pd.read_csv(path / "tables" / "multiverse_claims.csv").set_index("claim")
    assert claims.loc["topic(soldiers): me > p5", "share_95"] == 1.0
    assert claims.loc["topic(soldiers): p5 > me after 2000", "share_sign"] == 0.0
    assert claims.loc["topic(soldiers): me > p5", "n_specifications"] == 8
    assert (path / "figures" / "multiverse_curve.svg").is_file()
    assert topic["estimate"].abs().between(0.3, 0.8).all()  # word shares differ by 0.4


def test_issue15_multiverse_topic_row_equals_topic_effects(setup):
    path = run_experiment(setup / "mv.yaml", out_dir=setup / "runs").path
    rows = pd.read_csv(path / "tables" / "multiverse_specifications.csv")
    row = rows[(rows["recipe"] == "default") & (rows["k"] == 3) & (rows["seed"] == 2)]
    row = row[row["claim"] == "topic(soldiers): me > p5"].iloc[0]
    data = pd.read_csv(setup / "docs.csv")
    docs = Corpus.from_texts(
        data["text"].tolist(), doc_ids=data["id"].tolist(), docvars={"bloc": data["bloc"].tolist()}
    )
    toks = tokenize(docs, Recipe(stopwords=None, min_length=2))
    model = fit_topics(
        toks, k=3, seed=2, engine="sklearn-lda", min_df=1, max_df=1.0, max_features=5000,
        passes=20,
    )  # fmt: skip
    topic = int(model.topic_term["soldiers"].to_numpy().argmax())
    assert topic == row["topic"]
    direct = framing.topic_effects(
        model, "~ C(bloc, Treatment('p5'))", tokens=toks, seed=1, n_draws=5, topics=[topic]
    )
    assert direct["estimate"].iloc[1] == pytest.approx(row["estimate"], rel=1e-9)


def test_issue15_multiverse_topic_claim_errors(setup):
    text = (setup / "mv.yaml").read_text()
    (setup / "bad.yaml").write_text(text.replace("topic(soldiers): me", "topic(tanks): me"))
    with pytest.raises(ConfigError, match="anchor term 'tanks' is not in the model"):
        run_experiment(setup / "bad.yaml", out_dir=setup / "runs")
    (setup / "bad2.yaml").write_text(text.replace("{stemmer: snowball}", "{stemer: snowball}"))
    with pytest.raises(ConfigError, match=r"recipes\.stemmed: unknown recipe option"):
        run_experiment(setup / "bad2.yaml", out_dir=setup / "runs")
    (setup / "bad3.yaml").write_text(text.replace("topic(soldiers): me", "topic soldiers: me"))
    with pytest.raises(ConfigError, match="cannot read topic claim"):
        run_experiment(setup / "bad3.yaml", out_dir=setup / "runs")


TOPIC_EFFECTS = """
topics:
  - {engine: sklearn-lda, k: [2, 3], min_df: 1, max_df: 1.0, passes: 20}
topic_effects:
  - {name: bloc, k: 3, formula: "~ C(bloc) + year", n_draws: 5}
"""


def test_issue15_topic_effects_block_table_figure_and_identical_rerun(setup):
    text = (setup / "mv.yaml").read_text().split("multiverse:")[0] + TOPIC_EFFECTS
    text += "outputs: {tables: [csv], figures: [svg]}\n"
    (setup / "te.yaml").write_text(text)
    # one cache: the second run loads the model tables from disk and refits for the draws
    one = run_experiment(setup / "te.yaml", out_dir=setup / "a", cache_dir=setup / "c").path
    two = run_experiment(setup / "te.yaml", out_dir=setup / "b", cache_dir=setup / "c").path
    assert any((setup / "c" / "topics").iterdir())
    for sub in ("tables", "figures"):
        for path in sorted((one / sub).iterdir()):
            assert path.read_bytes() == (two / sub / path.name).read_bytes(), path.name
    table = pd.read_csv(one / "tables" / "topic_effects_bloc.csv")
    assert len(table) == 9 and table["topic"].tolist() == [0, 0, 0, 1, 1, 1, 2, 2, 2]
    assert (one / "figures" / "topic_effects_bloc.svg").is_file()
    # the model's own tables (written by the topics stage) give the same point estimates
    doc_topic = pd.read_parquet(one / "models" / "topics0_sklearn-lda_k3_s1" / "doc_topic.parquet")
    assert doc_topic.shape == (80, 3)
    # one topic is the war words: the p5 bloc has about 0.4 less of it
    war = table[table["term"] == "C(bloc)[T.p5]"]["estimate"]
    assert war.min() < -0.3 and war.max() > 0.3


def test_issue15_topic_effects_block_errors_name_the_key(setup):
    text = (setup / "mv.yaml").read_text().split("multiverse:")[0] + TOPIC_EFFECTS
    (setup / "te.yaml").write_text(text.replace("k: 3, ", ""))
    with pytest.raises(ConfigError, match=r"topic_effects\.0\.k: the model lists several"):
        run_experiment(setup / "te.yaml", out_dir=setup / "runs")
    (setup / "te2.yaml").write_text(text.replace("C(bloc) + year", "C(region)"))
    with pytest.raises(ConfigError, match=r"topic_effects\.0 \(bloc\): .*region"):
        run_experiment(setup / "te2.yaml", out_dir=setup / "runs")


def test_issue15_multiverse_topics_grid_keys_are_not_model_keys(setup):
    text = (setup / "mv.yaml").read_text().replace("passes: 20}", "passes: 20, k: 4}")
    (setup / "bad.yaml").write_text(text)
    with pytest.raises(ConfigError, match=r"multiverse\.topics\.model: .*\['k'\] on multiverse"):
        run_experiment(setup / "bad.yaml", out_dir=setup / "runs")
