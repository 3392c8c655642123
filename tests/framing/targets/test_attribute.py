"""Pattern-based attribution: each rule on hand-made sentences (#17)."""

from __future__ import annotations

import pytest

from framing.targets import CARRY_SENTENCES, attribute_sentences, claim_at


def sources(sentences: list[str], **kw: object) -> list[list[tuple[str, str]]]:
    return [
        [(c.source, c.rule) for c in claims] for claims in attribute_sentences(sentences, **kw)
    ]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("Ali Larijani declared that the groups operate independently.", "Ali Larijani"),
        ("Larijani also rejected claims that Iran interferes.", "Larijani"),
        ("Western governments continue to push Iraq to dismantle the PMF.",
         "Western governments"),
        ("The Syrian Foreign Ministry said in a statement that the attack failed.",
         "Syrian Foreign Ministry"),
        ("The Syrian Observatory for Human Rights, a monitoring group, said 20 died.",
         "Syrian Observatory for Human Rights"),
        ("The road remains closed said Observatory chief Rami Abdel Rahman.",
         "Observatory chief Rami Abdel Rahman"),
        ("According to the Sana news agency the strikes hit the city.", "Sana news agency"),
        ("This point was stated with great precision by the Foreign Minister of Canada.",
         "Foreign Minister of Canada"),
        ("Activists reported heavy shelling.", "Activists"),
        ("Sources told al-Manar that the town fell.", "Sources"),
    ],
)  # fmt: skip
def test_one_sentence_rules(sentence: str, source: str) -> None:
    assert [s for s, _ in sources([sentence])[0]] == [source]


@pytest.mark.parametrize(
    "sentence",
    [
        "Light must be shed on these claims.",  # a verb form used as a noun
        "Russian raids claimed 17 lives overnight.",  # a count, not speech
        "It is vital to understand what security says.",  # no source-like phrase
        "Peace returned to the city.",
    ],
)
def test_no_claim(sentence: str) -> None:
    assert sources([sentence]) == [[]]


def test_pronouns_carry_singular_and_plural_sources() -> None:
    out = sources([
        "Ali Larijani declared that Hezbollah operates independently.",
        "Western governments push Iraq to dismantle the PMF.",
        "They also call for the disarmament of Hezbollah.",
        "He insisted that Iran does not interfere.",
        "According to him, they act on their own.",
        "Larijani stated that the axis has grown.",
    ])  # fmt: skip
    assert out == [
        [("Ali Larijani", "speech_verb")],
        [("Western governments", "speech_verb")],
        [("Western governments", "speech_verb+pronoun")],
        [("Ali Larijani", "speech_verb+pronoun")],
        [("Ali Larijani", "according_to+pronoun")],
        [("Ali Larijani", "speech_verb")],  # the surname is the full name given before
    ]


def test_pronoun_refers_back_at_most_carry_sentences() -> None:
    filler = ["The weather was fine."] * (CARRY_SENTENCES + 1)
    out = sources(["The minister said talks would resume.", *filler, "He added that it rained."])
    assert out[-1] == []


def test_quotation_passes_its_source_until_it_closes() -> None:
    out = sources([
        "The envoy said: \u201cWe reject the occupation.",
        "Our people will resist.\u201d",
        "The talks ended.",
    ])  # fmt: skip
    assert out == [[("envoy", "speech_verb")], [("envoy", "quotation")], []]


def test_speeches_default_to_the_speaker_and_own_country() -> None:
    out = sources(
        ["Israel continues its occupation.", "We believe in peace.",
         "The Islamic Republic of Iran has always stated that dialogue matters.",
         "As the Secretary-General said, progress depends on us."],
        speaker="Hassan Rouhani (IRN)", self_names=["Iran"],
    )  # fmt: skip
    assert out == [
        [("Hassan Rouhani (IRN)", "speaker")],
        [("Hassan Rouhani (IRN)", "speech_verb+pronoun")],
        [("Hassan Rouhani (IRN)", "speech_verb")],
        [("Secretary-General", "speech_verb")],
    ]


def test_claim_at_picks_the_claim_covering_a_position() -> None:
    (claims,) = attribute_sentences(
        ["Russia said the rebels attacked, and the opposition said the army shelled."]
    )
    assert [c.source for c in claims] == ["Russia", "opposition"]
    assert claim_at(claims, 5).source == "Russia"
    assert claim_at(claims, 60).source == "opposition"
    assert claim_at([], 3) is None


def test_abbreviations_places_and_pronouns_within_a_sentence() -> None:
    out = sources([
        "The Observatory said the town fell.",
        "The U.S. says it believes Russian jets were behind the strikes.",
        "A source at Aleppo province told SANA that shells hit the city.",
        "Syrian state media reported that four people died.",
    ])  # fmt: skip
    assert out == [
        [("Observatory", "speech_verb")],
        [("U.S.", "speech_verb"), ("U.S.", "speech_verb+pronoun")],
        [("source at Aleppo province", "speech_verb")],
        [("Syrian state media", "speech_verb")],
    ]


def test_an_unclosed_quotation_stops_after_carry_sentences() -> None:
    text = ['The factions said the regime is "a partner in crimes.']
    text += ["The talks failed."] * (CARRY_SENTENCES + 1)
    out = sources(text)
    rules = [o[0][1] if o else None for o in out]
    assert rules == ["speech_verb", *["quotation"] * CARRY_SENTENCES, None]
