"""The bundled policy_frames lexicon (issue 13): frames, hand-checked hits, datasheet."""

from __future__ import annotations

from importlib import resources

import framing

FRAMES = ["economic", "capacity_resources", "morality", "fairness_equality", "legality",
          "policy", "crime_punishment", "security_defense", "health_safety", "quality_of_life",
          "cultural_identity", "public_opinion", "political", "external_regulation"]  # fmt: skip


def test_fourteen_codebook_frames_issue13():
    lex = framing.load_lexicon("policy_frames")
    assert list(lex.frame_names) == FRAMES
    assert "policy_frames" in framing.list_lexicons()


def test_hand_checked_sentences_issue13():
    lex = framing.load_lexicon("policy_frames")
    texts = [
        "The carbon tax will cost the economy billions.",
        "The Supreme Court ruled the law unconstitutional.",
        "A new poll shows most Canadians oppose the plan.",
        "Social security checks arrive today.",  # excluded: not defence
        "The rebels attacked the army in the Islamic State stronghold.",
    ]
    counts = framing.score_frames(texts, lex).counts
    assert counts.loc["d0", "economic"] == 4  # tax, cost, economy, billions
    assert counts.loc["d0", "policy"] == 1  # carbon tax
    assert counts.loc["d1", "legality"] == 4  # supreme court, ruled, law, unconstitutional
    assert counts.loc["d2", "public_opinion"] == 2  # poll, most canadians
    assert counts.loc["d3", "security_defense"] == 0
    assert counts.loc["d4", "security_defense"] == 3  # rebels, attack*, army
    assert counts.loc["d4", "cultural_identity"] == 0  # "Islamic State" is excluded


def test_datasheet_states_scope_and_frac_caveats_issue13():
    sheet = resources.files("framing.lexicon").joinpath("data", "policy_frames.md").read_text()
    assert "**Validated on**" in sheet
    assert "never tuned on FrAC" in sheet
    assert "first\n  four rows" in sheet or "first four rows" in sheet
