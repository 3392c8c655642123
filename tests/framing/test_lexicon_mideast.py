"""The bundled ``mideast`` lexicon (issue 3): loads, frames, exclusions."""

from __future__ import annotations

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
    from framing.lexicons import bundled_path

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
