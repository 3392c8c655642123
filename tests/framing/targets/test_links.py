"""Frames attached to target mentions, with sources: rows, links, KWIC (#17)."""

from __future__ import annotations

import pandas as pd
import pytest

from corpus import Corpus
from framing import InvalidParameterError
from framing.lexicon import Lexicon
from framing.targets import frame_targets, link_rows, targets_from_dict
from tests.conftest import require_shared

LEX = Lexicon.from_terms("toy", {"resistance": ["resistance", "resist*"],
                                  "threat": ["terroris*", "militia*"]})  # fmt: skip
TL = targets_from_dict({"hezbollah": ["hezbollah", "lebanese resistance"], "pmf": ["pmf"],
                        "iran": ["iran", "iranian"]})  # fmt: skip


def rows(texts: list[str], **kw: object) -> list[list[object]]:
    return frame_targets(texts, TL, LEX, **kw).rows.values.tolist()  # type: ignore[arg-type]


def test_rows_by_sentence_source_target_frame() -> None:
    out = rows([
        "Iran said Hezbollah is a resistance movement that will resist. The PMF marched.",
        "Israel called Hezbollah a terrorist militia.",
    ])  # fmt: skip
    assert out == [
        ["d0", 1, "Iran", "hezbollah", "resistance", 2],
        ["d0", 1, "Iran", "iran", "none", 1],  # the source names itself: a mention, unframed
        ["d0", 2, "unattributed", "pmf", "none", 1],
        ["d1", 1, "unattributed", "hezbollah", "threat", 2],  # "called" is not a speech verb
    ]


def test_sentence_scope_links_every_hit_to_every_target_issue17() -> None:
    text = ["Iran said Hezbollah is a resistance movement that will resist."]
    assert rows(text, scope="sentence") == [
        ["d0", 1, "Iran", "hezbollah", "resistance", 2],
        ["d0", 1, "Iran", "iran", "resistance", 2],
    ]


def test_clause_scope_cuts_at_semicolons_and_conjunctions_issue17() -> None:
    text = ["Hezbollah will resist; the PMF marched.",
            "The PMF marched while Hezbollah will resist.",
            "Hezbollah and the PMF met; the resistance grew."]  # fmt: skip
    assert rows(text) == [
        ["d0", 1, "unattributed", "hezbollah", "resistance", 1],
        ["d0", 1, "unattributed", "pmf", "none", 1],
        ["d1", 1, "unattributed", "hezbollah", "resistance", 1],
        ["d1", 1, "unattributed", "pmf", "none", 1],
        # a clause without a target: its hit goes to every target of the sentence
        ["d2", 1, "unattributed", "hezbollah", "resistance", 1],
        ["d2", 1, "unattributed", "pmf", "resistance", 1],
    ]
    assert rows(text[:1], scope="sentence")[1] == ["d0", 1, "unattributed", "pmf", "resistance", 1]


def test_speaker_target_framed_only_when_alone_issue17() -> None:
    text = ["According to Iranian officials, the PMF are a resistance.",
            "Iranian officials said they will resist."]  # fmt: skip
    assert rows(text) == [
        ["d0", 1, "Iranian officials", "iran", "none", 1],
        ["d0", 1, "Iranian officials", "pmf", "resistance", 1],
        # no other target: what the source says can only be about itself
        ["d1", 1, "Iranian officials", "iran", "resistance", 1],
    ]


def test_window_limits_links_and_none_counts_mentions() -> None:
    text = ["Hezbollah and the PMF and the PMF met, far from any resistance."]
    assert rows(text, window=2) == [["d0", 1, "unattributed", "hezbollah", "none", 1],
                                    ["d0", 1, "unattributed", "pmf", "none", 2]]  # fmt: skip
    assert rows(text, window=4) == [["d0", 1, "unattributed", "hezbollah", "none", 1],
                                    ["d0", 1, "unattributed", "pmf", "resistance", 1]]  # fmt: skip
    assert rows(text)[1] == ["d0", 1, "unattributed", "pmf", "resistance", 1]


def test_name_hits_naming_is_framing_unless_turned_off() -> None:
    text = ["The Lebanese resistance marched."]
    assert rows(text) == [["d0", 1, "unattributed", "hezbollah", "resistance", 1]]
    assert rows(text, name_hits=False) == [["d0", 1, "unattributed", "hezbollah", "none", 1]]
    # a window and name_hits=False together (this combination used to raise)
    assert rows(text, window=3, name_hits=False) == rows(text, name_hits=False)


def test_speaker_docvar_links_and_kwic() -> None:
    corp = Corpus.from_texts(["Hezbollah is a resistance. Tehran supports it."],
                             doc_ids=["IRN_1"], docvars={"who": ["Rouhani (IRN)"]})  # fmt: skip
    result = frame_targets(corp, TL, LEX, speaker="who")
    assert result.rows["source"].tolist() == ["Rouhani (IRN)"]
    kwic = result.kwic()
    assert kwic.loc[0, "sentence"] == "[[Hezbollah]] is a <<resistance>>."
    assert kwic.loc[0, ["alias", "pattern", "hit", "rule"]].tolist() == [
        "hezbollah",
        "resistance",
        "resistance",
        "speaker",
    ]
    assert result.meta["targets"]["fingerprint"] == TL.fingerprint


def test_empty_and_bad_options() -> None:
    assert rows(["Nothing to see."]) == []
    with pytest.raises(InvalidParameterError, match="window"):
        frame_targets(["x"], TL, LEX, window=-1)
    with pytest.raises(InvalidParameterError, match="scope must be one of"):
        frame_targets(["x"], TL, LEX, scope="paragraph")
    with pytest.raises(InvalidParameterError, match="speaker field 'who'"):
        frame_targets(["x"], TL, LEX, speaker="who")


def test_link_rows_keeps_none_only_without_frames() -> None:
    links = pd.DataFrame({
        "doc_id": ["d", "d", "d"], "sentence_id": [1, 1, 1], "source": ["X", "X", "X"],
        "target": ["pmf", "pmf", "pmf"], "mention_start": [0, 0, 10], "mention_end": [3, 3, 13],
        "frame": ["threat", "threat", "none"], "pattern": ["militia*", "militia*", ""],
        "hit_start": [20, 20, None], "hit_end": [28, 28, None],
    })  # fmt: skip
    assert link_rows(links).values.tolist() == [["d", 1, "X", "pmf", "threat", 1]]


def test_acceptance_example_report() -> None:
    """Issue 17's acceptance rows on the example report (one paragraph per line)."""
    import corpus

    folder = require_shared("news", "example")
    plain = targets_from_dict({
        "pmf": ["popular mobilization forces", "popular mobilisation*", "hashd",
                "al-hashd al-shaabi", "pmf"],
        "hezbollah": ["hezbollah", "hizbullah", "hizballah"]})  # fmt: skip
    result = frame_targets(corpus.read(folder), plain, "mideast")
    got = {tuple(r) for r in result.rows[["source", "target", "frame"]].values.tolist()}
    assert {("Ali Larijani", "hezbollah", "resistance"),
            ("Western governments", "pmf", "none"),
            ("Western governments", "hezbollah", "none"),
            ("Iranian leaders", "pmf", "foreign_interference"),
            ("Iranian leaders", "hezbollah", "foreign_interference")} <= got  # fmt: skip
    kwic = result.kwic()
    first = kwic[(kwic["source"] == "Ali Larijani") & (kwic["frame"] == "resistance")]
    assert (
        first["sentence"]
        .iloc[0]
        .startswith(
            "Ali Larijani declared that the [[Hezbollah]] and other regional <<resistance>> groups"
        )
    )


def test_issue17_a_model_decides_the_frames_of_each_sentence() -> None:
    from framing import InvalidParameterError, Lexicon
    from framing.targets import frame_targets, targets_from_dict

    tl = targets_from_dict({"hezbollah": ["hezbollah"], "pmf": ["pmf"]})
    text = ("Ali Larijani declared that Hezbollah and other resistance groups operate "
            "independently. Western governments push Iraq to dismantle the PMF. They argue "
            "that the PMF and Hezbollah defend their nations from foreign influence.")  # fmt: skip
    result = frame_targets([text], tl, "mideast", model="mideast")
    rows = result.rows[["sentence_id", "target", "frame"]].values.tolist()
    assert [1, "hezbollah", "resistance"] in rows and [2, "pmf", "none"] in rows
    assert result.meta["model"]["name"] == "mideast"
    assert set(result.links.loc[result.links["frame"] != "none", "pattern"]) == {"model:mideast"}
    with pytest.raises(InvalidParameterError, match="decides frames"):
        frame_targets([text], tl, Lexicon.from_terms("toy", {"war": ["war"]}), model="mideast")
    with pytest.raises(InvalidParameterError, match="window"):
        frame_targets([text], tl, "mideast", model="mideast", window=3)
