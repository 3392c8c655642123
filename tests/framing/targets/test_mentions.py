"""Target mentions: aliases matched like lexicon patterns (#17)."""

from __future__ import annotations

from corpus import Corpus
from framing.targets import find_mentions, targets_from_dict

TL = targets_from_dict({
    "regime": {"aliases": ["assad regime", "regime", "damascus"],
               "exclusions": ["iranian regime", "rural damascus"]},
    "usa": ["united states", "us-led coalition", {"alias": "US", "case_sensitive": True}],
    "pmf": ["popular mobilisation*", "pmf"],
})  # fmt: skip


def test_longest_alias_wins_and_exclusions_remove() -> None:
    m = find_mentions(["The Assad regime and the Iranian regime shelled rural Damascus."], TL)
    assert m[["target", "alias", "match"]].values.tolist() == [
        ["regime", "assad regime", "assad regime"]
    ]


def test_case_sensitive_alias_and_overlap_with_insensitive() -> None:
    m = find_mentions(["Let us see: the US-led coalition and the US."], TL)
    assert m[["target", "alias", "token_start", "token_end"]].values.tolist() == [
        ["usa", "us-led coalition", 4, 7],
        ["usa", "US", 9, 10],
    ]


def test_globs_hyphens_and_units() -> None:
    corp = Corpus.from_texts(["Popular Mobilisation Forces (PMF). Popular-mobilisation units."],
                             doc_ids=["a"])  # fmt: skip
    m = find_mentions(corp, TL, unit="sentence")
    assert m["doc_id"].tolist() == ["a:1", "a:1", "a:2"]
    assert m["match"].tolist() == ["popular mobilisation", "pmf", "popular mobilisation"]
    assert m["char_start"].tolist() == [0, 29, 0]


def test_no_mentions_gives_empty_table_with_columns() -> None:
    m = find_mentions(["Nothing here."], TL)
    assert m.empty and list(m.columns)[:3] == ["doc_id", "target", "alias"]
