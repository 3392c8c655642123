"""Each matching rule of docs/matching.md on a tiny hand-computed fixture (issue 3).

Every case runs through the three paths that must agree: raw text
(Aho-Corasick), default-recipe Tokens (numpy over ids) and the hit table.
"""

from __future__ import annotations

import numpy as np
import pytest

from corpus import Corpus, tokenize
from framing import Lexicon, explain, find_hits, score_frames


def lex(frames: dict, **kwargs) -> Lexicon:
    return Lexicon.from_dict({"name": "t", "frames": frames, **kwargs})


def all_paths(texts: list[str], lexicon: Lexicon, **options) -> np.ndarray:
    """Counts from raw text; assert Tokens and hits give the same."""
    corp = Corpus.from_texts(texts)
    raw = score_frames(corp, lexicon, **options)
    toks = score_frames(tokenize(corp), lexicon, **options)
    assert raw.counts.equals(toks.counts)
    assert raw.negated.equals(toks.negated)
    assert raw.n_tokens.tolist() == toks.n_tokens.tolist()
    np.testing.assert_allclose(raw.weighted.to_numpy(), toks.weighted.to_numpy())
    hits = find_hits(corp, lexicon, **options)
    counted = hits[~hits["negated"]].groupby(["doc_id", "frame"]).size()
    for (doc, frame), n in counted.items():
        assert raw.counts.loc[doc, frame] == n
    assert int(raw.counts.to_numpy().sum()) == int((~hits["negated"]).sum())
    return raw.counts.to_numpy()


def test_issue3_case_insensitive_by_default():
    lexicon = lex({"r": ["Resistance"]})
    assert all_paths(["RESISTANCE resistance Resistance"], lexicon).tolist() == [[3]]


def test_issue3_case_sensitive_lexicon_keeps_case():
    lexicon = lex({"r": ["Resistance"]}, case_sensitive=True)
    corp = Corpus.from_texts(["RESISTANCE resistance Resistance"])
    assert score_frames(corp, lexicon).counts.to_numpy().tolist() == [[1]]
    assert find_hits(corp, lexicon)["char_start"].tolist() == [22]


def test_issue3_words_match_whole_tokens_only():
    lexicon = lex({"w": ["war"]})
    assert all_paths(["war, warfare, toward; the war-time War_"], lexicon).tolist() == [[2]]


def test_issue3_globs_star_and_question_mark():
    lexicon = lex({"s": ["sovereign*"], "c": ["countr?"], "o": ["coloni?ation"], "t": ["*ism"]})
    text = "sovereign sovereignty countr country countries colonization colonisation racism ism"
    # "*ism" also matches "ism" itself: * matches the empty run too
    assert all_paths([text], lexicon).tolist() == [[2, 1, 2, 2]]


def test_issue3_multiword_crosses_hyphens_line_breaks_and_spaces():
    lexicon = lex({"d": ["self-determination", "axis of resist*"]})
    texts = [
        "self-determination; self determination\nself\n  determination",
        "the Axis  of\tResistance and axis of resisting",
        "self. determination",
    ]
    # punctuation is not a token: "self. determination" still matches
    assert all_paths(texts, lexicon).tolist() == [[3], [2], [1]]


def test_issue3_multiword_does_not_cross_documents():
    lexicon = lex({"d": ["territorial integrity"]})
    assert all_paths(["territorial", "integrity"], lexicon).tolist() == [[0], [0]]


def test_issue3_overlaps_count_once_within_a_frame():
    lexicon = lex(
        {"s": ["sovereignty", "sovereign*", "territorial integrity", "territorial", "integrity"]}
    )
    assert all_paths(["sovereignty and territorial integrity"], lexicon).tolist() == [[2]]


def test_issue3_leftmost_longest_not_global_longest():
    # "a b" starts first and wins although "b c d" is longer
    lexicon = lex({"f": ["alpha beta", "beta gamma delta"]})
    assert all_paths(["alpha beta gamma delta"], lexicon).tolist() == [[1]]
    hits = find_hits(["alpha beta gamma delta"], lexicon)
    assert hits["match"].tolist() == ["alpha beta"]


def test_issue3_ties_go_to_the_pattern_listed_first():
    lexicon = lex({"f": [{"pattern": "sovereign*", "weight": 0.5}, "sovereignty"]})
    corp = Corpus.from_texts(["sovereignty"])
    scores = score_frames(corp, lexicon)
    assert scores.weighted.to_numpy().tolist() == [[0.5]]
    assert find_hits(corp, lexicon)["pattern"].tolist() == ["sovereign*"]


def test_issue3_a_token_counts_for_several_frames():
    lexicon = lex({"a": ["sovereignty"], "b": ["sovereign*"], "c": ["peace"]})
    assert all_paths(["Sovereignty!"], lexicon).tolist() == [[1, 1, 0]]


def test_issue3_exclusion_removes_overlapping_match():
    lexicon = lex(
        {"r": {"patterns": ["resistance", "resist*"], "exclusions": ["antimicrobial resistance"]}}
    )
    text = "antimicrobial resistance; armed resistance; resisting"
    assert all_paths([text], lexicon).tolist() == [[2]]


def test_issue3_exclusion_only_affects_its_own_frame():
    lexicon = lex(
        {
            "r": {"patterns": ["resistance"], "exclusions": ["antimicrobial resistance"]},
            "h": ["resistance", "antimicrobial"],
        }
    )
    assert all_paths(["antimicrobial resistance"], lexicon).tolist() == [[0, 2]]


def test_issue3_exclusion_drops_candidates_before_resolution():
    # the exclusion overlaps the long match only; the short one survives
    lexicon = lex(
        {
            "s": {
                "patterns": ["territorial integrity", "territorial"],
                "exclusions": ["integrity of data"],
            }
        }
    )
    assert all_paths(["territorial integrity of data"], lexicon).tolist() == [[1]]


def test_issue3_negation_window_counts_apart():
    lexicon = lex({"h": ["aid"]})
    texts = ["no aid", "not a single aid", "aid is not", "we did not say that this aid"]
    corp = Corpus.from_texts(texts)
    off = score_frames(corp, lexicon)
    assert off.counts["h"].tolist() == [1, 1, 1, 1]
    assert off.negated["h"].tolist() == [0, 0, 0, 0]
    assert all_paths(texts, lexicon, negation_window=3).tolist() == [[0], [0], [1], [1]]
    on = score_frames(corp, lexicon, negation_window=3)
    assert on.negated["h"].tolist() == [1, 1, 0, 0]


def test_issue3_negation_contractions_and_custom_negators():
    lexicon = lex({"h": ["aid"]})
    corp = Corpus.from_texts(["they don't aid", "hardly aid"])
    assert score_frames(corp, lexicon, negation_window=2).negated["h"].tolist() == [1, 0]
    custom = score_frames(corp, lexicon, negation_window=2, negators=["hardly"])
    assert custom.negated["h"].tolist() == [0, 1]
    assert custom.meta["options"]["negators"] == ["hardly"]


def test_issue3_negation_window_stops_at_the_unit_start():
    lexicon = lex({"h": ["aid"]})
    assert all_paths(["not", "aid"], lexicon, negation_window=5).tolist() == [[0], [1]]


def test_issue3_unicode_normalization_nfkc():
    lexicon = lex({"f": ["final", "école"]})
    # the ligature "ﬁ" becomes "fi"; a decomposed é composes
    assert all_paths(["\ufb01nal E\u0301COLE"], lexicon).tolist() == [[2]]


def test_issue3_glob_question_mark_is_one_character_in_any_script():
    lexicon = lex({"f": ["caf?", "д?м", "*ção", "ü*"]})
    text = "café cafe caféé дом дым ДОМА nação ação über Über"
    # caf?: café, cafe; д?м: дом, дым; *ção: nação, ação; ü*: über, Über
    assert all_paths([text], lexicon).tolist() == [[8]]


def test_issue3_summing_patterns_overcounts():
    lexicon = lex({"s": ["sovereign*", "sovereignty", "territorial integrity", "integrity"]})
    text = "sovereignty and territorial integrity"
    naive = sum(len(find_hits([text], lex({"x": [p.text]}))) for p in lexicon.frames[0].patterns)
    assert naive == 4
    assert all_paths([text], lexicon).tolist() == [[2]]


def test_issue3_hit_char_offsets_point_into_the_original_text():
    text = "Its \ufb01nal territorial\n integrity. Ünïcode sovereignty"
    lexicon = lex({"s": ["sovereign*", "territorial integrity", "final"]})
    hits = find_hits([text], lexicon)
    spans = [text[a:b] for a, b in zip(hits["char_start"], hits["char_end"], strict=True)]
    assert spans == ["\ufb01nal", "territorial\n integrity", "sovereignty"]
    assert hits["token_start"].tolist() == [1, 2, 5]
    assert hits["token_end"].tolist() == [2, 4, 6]


def test_issue3_explain_agrees_with_counts():
    lexicon = lex({"s": ["sovereign*", "territorial integrity"], "r": ["resist*"]})
    texts = ["Sovereignty, sovereign rights, territorial integrity; resistance.", "nothing"]
    corp = Corpus.from_texts(texts)
    table = explain(corp, "d0", lexicon)
    assert table.groupby("frame")["count"].sum().to_dict() == {"s": 3, "r": 1}
    assert table["frame"].tolist() == ["s", "s", "s", "r"]
    hits = find_hits(corp, lexicon)
    assert explain(hits, "d0").equals(table)
    assert explain(tokenize(corp), "d0", lexicon).equals(table)
    assert explain(corp, "d1", lexicon).empty


def test_issue3_explain_needs_a_lexicon_for_a_corpus():
    with pytest.raises(ValueError, match="needs the lexicon"):
        explain(["text"], "d0")
    with pytest.raises(ValueError, match="FrameScores hold counts only"):
        explain(score_frames(["text"], lex({"f": ["text"]})), "d0")
