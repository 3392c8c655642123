"""Tests of the experiment config schema (issue 6)."""

from __future__ import annotations

import pytest

from framing import ConfigError
from framing.experiment import apply_overrides, config_hash, expand_env, load_config

GOOD = """
name: demo
seed: 3
corpus:
  source: sotu
  filter: {year: {min: 1900}}
lexicons: [generic_news]
topics:
  - {engine: gensim-lda, k: [5, 10]}
"""


def write(tmp_path, text):
    path = tmp_path / "c.yaml"
    path.write_text(text)
    return path


def test_valid_config_and_stable_hash_issue6(tmp_path):
    config, data = load_config(write(tmp_path, GOOD))
    assert config.seed == 3 and config.topics[0].k == [5, 10]
    assert data["scoring"]["unit"] == "document"  # defaults are resolved into the data
    assert config_hash(data) == config_hash(load_config(write(tmp_path, GOOD))[1])
    assert len(config_hash(data)) == 12


def test_unknown_key_names_its_path_issue6(tmp_path):
    text = GOOD.replace("k: [5, 10]}", "k: [5, 10], passs: 3}")
    with pytest.raises(ConfigError, match=r"topics\.0\.passs: unknown key"):
        load_config(write(tmp_path, text))
    with pytest.raises(ConfigError, match=r"corpus\.sourc: unknown key"):
        load_config(write(tmp_path, GOOD.replace("  source: sotu", "  source: sotu\n  sourc: x")))


def test_seed_is_required_and_types_checked_issue6(tmp_path):
    with pytest.raises(ConfigError, match="seed: required key is missing"):
        load_config(write(tmp_path, GOOD.replace("seed: 3\n", "")))
    with pytest.raises(ConfigError, match=r"seed: .*integer"):
        load_config(write(tmp_path, GOOD.replace("seed: 3", "seed: three")))
    with pytest.raises(ConfigError, match=r"topics\.0\.k"):
        load_config(write(tmp_path, GOOD.replace("k: [5, 10]", "k: 1")))


def test_bad_yaml_and_missing_file_issue6(tmp_path):
    with pytest.raises(ConfigError, match="line 2"):
        load_config(write(tmp_path, "name: x\nseed: [1\n"))
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(tmp_path / "nope.yaml")


def test_overrides_change_hash_issue6(tmp_path):
    path = write(tmp_path, GOOD)
    _, base = load_config(path)
    config, data = load_config(path, ["seed=9", "topics.0.engine=sklearn-lda"])
    assert config.seed == 9 and config.topics[0].engine == "sklearn-lda"
    assert config_hash(data) != config_hash(base)
    with pytest.raises(ConfigError, match=r"expected key\.path=value"):
        apply_overrides({}, ["seed"])
    with pytest.raises(ConfigError, match=r"scoring\.bogus: unknown key"):
        load_config(path, ["scoring.bogus=1"])


def test_env_expansion_issue6(monkeypatch):
    monkeypatch.setenv("FRAMING_TEST_X", "/d")
    assert expand_env({"a": ["${FRAMING_TEST_X}/f", "${FRAMING_NOPE:-z}"]}) == {"a": ["/d/f", "z"]}
    with pytest.raises(ConfigError, match="FRAMING_NOPE is not set"):
        expand_env({"a": "${FRAMING_NOPE}"})


def test_config_reference_doc_is_current_issue8():
    from pathlib import Path

    from framing.experiment import config_reference

    doc = Path(__file__).resolve().parents[3] / "docs" / "config.md"
    assert doc.read_text(encoding="utf-8") == config_reference(), (
        "docs/config.md is stale: run `python -m framing.cli._reference --config > docs/config.md`"
    )
