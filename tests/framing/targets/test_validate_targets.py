"""Scoring attribution and target-frame links against coded sentences (#17)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from framing import InvalidParameterError
from framing.targets import evaluate_targets, read_target_codes, sources_match

COLS = ["unit_id", "source", "target", "frame"]
GOLD = pd.DataFrame([["u1", "Ali Larijani", "hezbollah", "resistance"],
                     ["u1", "Ali Larijani", "hezbollah", "sovereignty"],
                     ["u2", "unattributed", "iran", "none"],
                     ["u3", "unattributed", "none", "none"]], columns=COLS)  # fmt: skip
SYSTEM = pd.DataFrame(
    [
        ["u1", "Larijani", "hezbollah", "resistance"],
        ["u2", "Tehran", "iran", "none"],
        ["u3", "unattributed", "iran", "security_threat"],
    ],
    columns=COLS,
)


def test_hand_computed_metrics() -> None:
    t = evaluate_targets(SYSTEM, GOLD, n_boot=100, seed=2).set_index("metric")
    # mentions: gold {u1 hez, u2 iran}; system {u1 hez, u2 iran, u3 iran}
    assert t.loc["mention_precision", "estimate"] == pytest.approx(2 / 3)
    assert t.loc["mention_recall", "estimate"] == 1.0
    # attribution: system {u1 Larijani, u2 Tehran}, gold {u1 Ali Larijani}
    assert t.loc["attribution_precision", ["numerator", "denominator"]].tolist() == [1, 2]
    assert t.loc["attribution_recall", "estimate"] == 1.0
    # links: system {u1 res, u3 threat}; gold {u1 res, u1 sov}
    assert t.loc["link_precision", "estimate"] == 0.5
    assert t.loc["link_recall", "estimate"] == 0.5
    assert t.loc["link_f1", "estimate"] == 0.5
    assert t.loc["link_f1", "ci_low"] <= 0.5 <= t.loc["link_f1", "ci_high"]


def test_sources_match_by_contained_content_words() -> None:
    assert sources_match("Larijani", "Ali Larijani")
    assert sources_match("the Syrian Army", "Syrian army")
    assert sources_match("Masoud Pezeshkian (IRN)", "Masoud Pezeshkian (IRN)")
    assert not sources_match("Syrian army", "Syrian Foreign Ministry")
    assert not sources_match("unattributed", "Larijani")
    assert sources_match("unattributed", "unattributed")


def test_read_codes_checks_columns_and_units(tmp_path: Path) -> None:
    path = tmp_path / "codes.csv"
    path.write_text("unit_id,source,target,frame\nu1, X ,pmf,none\nu1,X,pmf,none\n")
    assert read_target_codes(path).values.tolist() == [["u1", "X", "pmf", "none"]]
    with pytest.raises(InvalidParameterError, match="unknown unit_id"):
        read_target_codes(path, units=["u2"])
    path.write_text("unit_id,target,frame\nu1,pmf,none\n")
    with pytest.raises(InvalidParameterError, match="columns must be"):
        read_target_codes(path)
    path.write_text("unit_id,source,target,frame\nu1,,pmf,none\n")
    with pytest.raises(InvalidParameterError, match="line 2 has an empty field"):
        read_target_codes(path)
