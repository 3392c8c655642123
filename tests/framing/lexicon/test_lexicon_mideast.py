"""The bundled ``mideast`` lexicon (issue 3): loads, frames, exclusions."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from framing import load_lexicon, score_frames

FRAMES = (
    "resistance",
    "sovereignty",
    "foreign_interference",
    "security_threat",
    "cooperation",
    "legitimacy",
    "humanitarian",
)


@pytest.fixture(scope="module")
def lex():
    return load_lexicon("mideast")


def _counts(lex, text: str) -> dict[str, int]:
    row = score_frames([text], lex).counts.iloc[0]
    return {frame: int(row[frame]) for frame in FRAMES}


def test_issue3_mideast_loads_with_exact_frames_in_order(lex):
    assert lex.name == "mideast"
    assert lex.frame_names == FRAMES
    assert lex.language == "en"
    assert lex.version and lex.citation and lex.description


def test_issue3_mideast_every_frame_is_defined_and_sized(lex):
    for frame in lex.frames:
        assert len(frame.description) > 200, frame.name
        assert frame.patterns and frame.exclusions, frame.name
    total = sum(len(f.patterns) for f in lex.frames)
    assert 150 <= total <= 400


def test_issue3_mideast_loads_by_name_and_by_path_identically(lex):
    from framing.lexicon import bundled_path

    assert load_lexicon(bundled_path("mideast")).fingerprint == lex.fingerprint


@pytest.mark.parametrize(
    ("text", "frame", "expected"),
    [
        # resistance: the political sense counts, the medical and idiomatic ones do not
        ("The axis of resistance will confront the occupation.", "resistance", 1),
        ("Antimicrobial resistance and drug resistance spread.", "resistance", 0),
        ("We must resist the temptation to act alone.", "resistance", 0),
        ("The struggle against poverty continues.", "resistance", 0),
        ("The Palestine Liberation Organization spoke.", "resistance", 0),
        # sovereignty: state independence, not independent experts or sovereign debt
        ("We defend our sovereignty and territorial integrity.", "sovereignty", 2),
        ("An independent inquiry reviewed sovereign debt.", "sovereignty", 0),
        ("The right to self-determination is inalienable.", "sovereignty", 1),
        # foreign interference: meddling, not the peaceful settlement of disputes
        ("We reject interference in our internal affairs.", "foreign_interference", 2),
        ("We seek the peaceful settlement of disputes.", "foreign_interference", 0),
        # security threat: the Security Council and food security are not threats
        ("The Security Council discussed food security.", "security_threat", 0),
        ("Terrorism is a threat to the region.", "security_threat", 2),
        ("Food insecurity is rising.", "security_threat", 0),
        # cooperation: names of organisations are not cooperation
        ("The Gulf Cooperation Council met.", "cooperation", 0),
        ("We call for dialogue and cooperation.", "cooperation", 2),
        # legitimacy and humanitarian: the law of war is legal, not humanitarian
        ("Respect international humanitarian law.", "legitimacy", 1),
        ("Respect international humanitarian law.", "humanitarian", 0),
        ("Refugees and civilians suffer under siege.", "humanitarian", 3),
        ("Weapons of mass destruction threaten us.", "humanitarian", 0),
    ],
)
def test_issue3_mideast_patterns_and_exclusions(lex, text, frame, expected):
    assert _counts(lex, text)[frame] == expected


def test_issue3_mideast_multiword_counts_once_and_across_hyphens(lex):
    counts = _counts(lex, "Territorial integrity; self determination; self-determination.")
    assert counts["sovereignty"] == 3


# --------------------------------------------------------------- validation files
VALIDATION = Path(__file__).resolve().parents[3] / "framing" / "lexicon" / "data" / "validation"
PART_SIZES = {"main": 205, "holdout": 60, "test": 205, "wrapped": 105, "final": 44, "finalw": 34}


def _part(stratum: str) -> str:
    head = stratum.split(":")[0]
    return head if head in ("holdout", "test", "wrapped", "final", "finalw") else "main"


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    return pd.read_csv(VALIDATION / "mideast_sample.csv", dtype=str)


@pytest.fixture(scope="module")
def gold() -> pd.DataFrame:
    return pd.read_csv(VALIDATION / "mideast_gold.csv", dtype={"unit_id": str, "coder": str})


def test_issue3_mideast_sample_holds_ids_and_strata_only(sample):
    assert list(sample.columns) == ["unit_id", "stratum", "segmentation"]
    assert sample["unit_id"].is_unique
    assert sample["unit_id"].str.fullmatch(r"[A-Z]{3}_\d{2}_\d{4}:\d+").all()
    parts = sample["stratum"].map(_part)
    assert parts.value_counts().to_dict() == PART_SIZES
    seg = sample.groupby(parts)["segmentation"].unique().map(list).to_dict()
    assert seg == {
        "main": ["blocks"],
        "holdout": ["blocks"],
        "test": ["lines"],
        "wrapped": ["rewrapped"],
        "final": ["lines"],
        "finalw": ["rewrapped"],
    }
    random_test = sample["stratum"].str.startswith("test:random:")
    assert random_test.sum() == 100
    for frame in FRAMES:
        assert (sample["stratum"] == f"test:hit:{frame}").sum() == 15


def test_issue3_mideast_gold_codes_every_sampled_unit_once(sample, gold):
    assert list(gold.columns) == ["unit_id", *FRAMES, "coder"]
    assert gold["unit_id"].is_unique
    assert set(gold["unit_id"]) == set(sample["unit_id"])
    assert gold[list(FRAMES)].isin([0, 1]).all().all()
    assert set(gold["coder"]) == {"M1"}


# Confusion counts (TP, FP, FN) per frame of the shipped lexicon (v0.4.0) on the two final
# samples, as in the datasheet's tables "Final, one-line paragraphs" and "Final, hard-wrapped".
EXPECTED = {
    "final:": {
        "resistance": (2, 1, 0),
        "sovereignty": (9, 0, 2),
        "foreign_interference": (5, 2, 8),
        "security_threat": (16, 1, 1),
        "cooperation": (12, 2, 5),
        "legitimacy": (18, 3, 2),
        "humanitarian": (5, 6, 0),
    },
    "finalw:": {
        "resistance": (3, 1, 0),
        "sovereignty": (5, 1, 1),
        "foreign_interference": (9, 3, 0),
        "security_threat": (15, 2, 0),
        "cooperation": (21, 1, 3),
        "legitimacy": (9, 3, 1),
        "humanitarian": (3, 3, 0),
    },
}


def _split_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _split_rewrapped(text: str) -> list[str]:
    """Hard-wrapped lines rejoined into paragraphs, written apart from the experiment's."""
    lines = [line.rstrip() for line in text.splitlines()]
    widths = sorted(len(line) for line in lines if line.strip())
    full = widths[int(0.9 * (len(widths) - 1))]
    out: list[str] = []
    cur: list[str] = []
    for line in lines:
        s = line.strip()
        if cur and (not s or re.match(r"\d{1,3}\.\s", s)):
            out.append(" ".join(cur))
            cur = []
        if s:
            cur.append(s)
            if re.search(r"[.!?:;\"\u201d\u2019)]\s*$", line) and len(line) < 0.8 * full:
                out.append(" ".join(cur))
                cur = []
    if cur:
        out.append(" ".join(cur))
    return out


@pytest.mark.slow
@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_issue3_mideast_datasheet_counts_reproduce(ungdc_archive, lex, sample, gold, prefix):
    import corpus

    rows = sample[sample["stratum"].str.startswith(prefix)]
    docs = sorted({uid.split(":")[0] for uid in rows["unit_id"]})
    speeches = corpus.read("ungdc", path=ungdc_archive).filter(lambda d: d.index.isin(docs))
    splitter = {"final": _split_lines, "finalw": _split_rewrapped}[prefix.split(":")[0]]
    units = speeches.segment("paragraphs", splitter=splitter)
    texts = dict(zip(units.doc_ids, units.texts, strict=True))
    ids = rows["unit_id"].tolist()
    counts = score_frames([texts[i] for i in ids], lex).counts
    truth = gold.set_index("unit_id").loc[ids]
    for frame in FRAMES:
        pred = counts[frame].to_numpy() > 0
        true = truth[frame].to_numpy() == 1
        got = (int((pred & true).sum()), int((pred & ~true).sum()), int((~pred & true).sum()))
        assert got == EXPECTED[prefix][frame], frame
