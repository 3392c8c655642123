"""The bundled ``generic_news`` lexicon (Semetko & Valkenburg 2000 frames), issue 3."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from framing import list_lexicons, load_lexicon, score_frames
from framing.lexicon import lexicon_warnings

FRAMES = ("conflict", "human_interest", "economic_consequences", "morality", "responsibility")
VALIDATION = Path(__file__).resolve().parents[3] / "framing" / "lexicon" / "data" / "validation"


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon("generic_news")


def counts(lexicon, *texts: str) -> pd.DataFrame:
    """Frame counts of each text, one row per text (ids d0, d1, ...)."""
    return score_frames(list(texts), lexicon).counts


def test_issue3_generic_news_is_bundled_with_the_five_frames_in_order(lexicon):
    assert "generic_news" in list_lexicons()
    assert lexicon.name == "generic_news"
    assert lexicon.frame_names == FRAMES
    assert "Semetko" in lexicon.citation and "93-109" in lexicon.citation
    assert not lexicon.case_sensitive


def test_issue3_every_frame_has_a_description_and_patterns(lexicon):
    for frame in lexicon.frames:
        assert frame.description.strip(), frame.name
        assert len(frame.patterns) >= 40, frame.name
    assert 300 <= sum(len(f.patterns) for f in lexicon.frames) <= 500


def test_issue3_lexicon_has_no_redundant_patterns_or_idle_exclusions(lexicon):
    assert lexicon_warnings(lexicon) == []


@pytest.mark.parametrize(
    ("frame", "excluded", "kept"),
    [
        # The war's name is not a frame; a dispute between parties is.
        (
            "conflict",
            "The conflict in Syria entered its sixth year.",
            "The two parties remain in conflict over the plan.",
        ),
        (
            "conflict",
            "Attacks against civilians continued.",
            "The army launched a campaign against the insurgents.",
        ),
        # Only a claim of responsibility attributes it.
        (
            "responsibility",
            "No group has claimed responsibility for the attack.",
            "Islamic State claimed responsibility for the attack.",
        ),
        (
            "responsibility",
            "The UN said the strikes hit schools, without apportioning blame.",
            "The UN blamed the government for the strikes.",
        ),
        # Military losses and allegiance pledges are not money.
        (
            "economic_consequences",
            "The rebels pledged allegiance to the group.",
            "Donors pledged more aid.",
        ),
        (
            "economic_consequences",
            "Fighters crossed the river banks of the Euphrates.",
            "The central bank raised rates.",
        ),
        (
            "economic_consequences",
            "The war has cost the lives of thousands.",
            "The war cost the government dearly.",
        ),
        (
            "economic_consequences",
            "They were armed by sponsors with arms and money.",
            "The money ran out.",
        ),
        # Ages of wars are not human faces; ages of people are.
        (
            "human_interest",
            "Capturing the city would end the five-year-old conflict.",
            "A five-year-old was pulled from the rubble.",
        ),
        (
            "human_interest",
            "The militants suffered heavy losses.",
            "Families suffered for months.",
        ),
        # Names and boilerplate are not moral messages.
        (
            "morality",
            "Our Standards: The Thomson Reuters Trust Principles.",
            "He appealed to the principles of decency.",
        ),
        (
            "morality",
            "The case went to the International Criminal Court.",
            "He called it a criminal act.",
        ),
    ],
)
def test_issue3_exclusions_remove_known_false_positives(lexicon, frame, excluded, kept):
    table = counts(lexicon, excluded, kept)
    assert table[frame].tolist()[0] == 0
    assert table[frame].tolist()[1] >= 1


@pytest.mark.parametrize(
    ("frame", "text", "expected"),
    [
        # "?" is exactly one character: the fixed forms must be listed too.
        ("conflict", "We oppose the plan.", 1),
        ("human_interest", "Her neighbor and his neighbours were safe.", 2),
        # Globs that would reach unrelated words are avoided.
        ("human_interest", "They aired old grievances at the orphanage.", 0),
        ("economic_consequences", "The investigation found fundamental flaws.", 0),
        ("morality", "Troop morale was high.", 0),
        ("human_interest", "Infantry units moved in.", 0),
        ("conflict", "He was accustomed to the advancement of science.", 0),
        ("responsibility", "Failaq al-Sham fighters moved north.", 0),
        ("human_interest", "The kidnapped soldiers were freed.", 0),
    ],
)
def test_issue3_glob_pitfalls(lexicon, frame, text, expected):
    assert counts(lexicon, text)[frame].tolist() == [expected]


def test_issue3_hand_counted_sentence(lexicon):
    # conflict: "accused" + "rebel-held" (one match, "rebel held") = 2;
    # human_interest: "children" = 1; morality: "war crimes" (longest match) = 1;
    # responsibility: "accused" = 1; economic_consequences: none.
    text = "Russia accused the regime of war crimes after children died in rebel-held Aleppo."
    row = counts(lexicon, text).iloc[0]
    assert row.to_dict() == {
        "conflict": 2,
        "human_interest": 1,
        "economic_consequences": 0,
        "morality": 1,
        "responsibility": 1,
    }


def test_issue3_validation_files_hold_ids_strata_and_codes_only():
    sample = pd.read_csv(VALIDATION / "generic_news_sample.csv", dtype=str)
    gold = pd.read_csv(VALIDATION / "generic_news_gold.csv", dtype={"unit_id": str})
    assert list(sample.columns) == ["unit_id", "stratum"]
    assert list(gold.columns) == ["unit_id", *FRAMES, "coder"]
    assert sample["unit_id"].is_unique and gold["unit_id"].is_unique
    assert set(sample["unit_id"]) == set(gold["unit_id"])
    fakes = ~sample["stratum"].str.startswith("sotu:")
    assert sample.loc[fakes, "unit_id"].str.fullmatch(r"\d+:\d+").all()
    assert sample.loc[~fakes, "unit_id"].str.fullmatch(r"\d{4}-\w+-\d:\d+").all()
    assert gold[list(FRAMES)].isin([0, 1]).all().all()
    sizes = sample["stratum"].value_counts()
    assert sizes["random"] == 100 and sizes["holdout:random"] == 30
    assert sizes["sotu:random"] == 60
    assert all(sizes[f"hit:{f}"] == 20 and sizes[f"holdout:hit:{f}"] == 6 for f in FRAMES)


def fakes_units(path: Path):
    """The validation units: 3-sentence windows of FA-KES articles (first row per unit_id)."""
    from corpus import Corpus, read, split_sentences

    def windows(text: str) -> list[str]:
        sentences = split_sentences(text)
        return [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]

    frame = pd.read_csv(path, dtype={"unit_id": str}).drop_duplicates("unit_id")
    articles = read(
        frame[["unit_id", "article_content"]], text_col="article_content", id_col="unit_id"
    )
    units = articles.segment("paragraphs", splitter=windows)
    assert isinstance(units, Corpus) and len(units) == 3510
    return units


# (TP, FP, FN) per frame, as printed in generic_news.md for the main random stratum and the
# hold-out; a lexicon edit that changes them must update the datasheet.
DATASHEET = {
    "random": {
        "conflict": (56, 7, 8),
        "human_interest": (39, 2, 3),
        "economic_consequences": (1, 1, 0),
        "morality": (12, 0, 2),
        "responsibility": (17, 4, 2),
    },
    "holdout": {
        "conflict": (37, 9, 1),
        "human_interest": (27, 5, 3),
        "economic_consequences": (4, 5, 0),
        "morality": (11, 3, 1),
        "responsibility": (15, 2, 10),
    },
}


@pytest.mark.shared_data
def test_issue3_datasheet_figures_reproduce_on_fakes(lexicon, fakes_csv):
    from corpus import Corpus

    units = fakes_units(fakes_csv)
    sample = pd.read_csv(VALIDATION / "generic_news_sample.csv", dtype=str)
    gold = pd.read_csv(VALIDATION / "generic_news_gold.csv", dtype={"unit_id": str})
    gold = gold.set_index("unit_id")
    parts = {
        "random": sample["stratum"] == "random",
        "holdout": sample["stratum"].str.startswith("holdout:"),
    }
    for part, mask in parts.items():
        ids = sample.loc[mask, "unit_id"].tolist()
        texts = [units[i].text for i in ids]
        hits = score_frames(Corpus.from_texts(texts, doc_ids=ids), lexicon).counts > 0
        for frame in FRAMES:
            said, coded = hits[frame].to_numpy(), gold.loc[ids, frame].to_numpy() == 1
            found = (
                int((said & coded).sum()),
                int((said & ~coded).sum()),
                int((~said & coded).sum()),
            )
            assert found == DATASHEET[part][frame], (part, frame)
