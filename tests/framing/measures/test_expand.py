"""Lexicon expansion: candidates, evidence and the review round trip (#14)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from corpus import Corpus, tokenize
from framing import FramingError, InvalidParameterError, Lexicon, read_lexicon, write_lexicon
from framing.embed import WordVectors
from framing.measures import REVIEW_COLUMNS, apply_review, expand_lexicon, expansion_section

TEXTS = (
    ["the intifada and resistance of the people"] * 4
    + ["an uprising against occupation"] * 3
    + ["peace talks and dialogue resumed"] * 5
)


@pytest.fixture
def tokens():
    return tokenize(Corpus.from_texts(TEXTS))


@pytest.fixture
def lexicon() -> Lexicon:
    return Lexicon.from_terms(
        "toy",
        {"resistance": ["resist*", "intifada"], "cooperation": ["dialogue"]},
        version="0.3.0",
    )


@pytest.fixture
def vectors() -> WordVectors:
    words = ["resistance", "intifada", "uprising", "dialogue", "talks", "peace", "people"]
    vecs = np.array([[1, 0], [1, 0], [3, 4], [0, 1], [0, 2], [1, 1], [1, -1]], dtype=float)
    return WordVectors.from_arrays(words, vecs)


def test_issue14_neighbours_are_ranked_by_cosine_with_the_centroid(
    tokens, lexicon, vectors
) -> None:
    table = expand_lexicon(
        tokens, lexicon, vectors, frames="resistance", n_neighbors=3, n_cooccurring=0, min_count=1
    )
    # centroid of resistance = (1, 0); frame words (resistance, intifada) are never proposed
    # people (1, -1) and peace (1, 1) tie at 0.7071 (vocabulary order breaks it), uprising
    # (3, 4) has 0.6; occupation has no vector, talks and dialogue are orthogonal
    assert table["term"].tolist() == ["people", "peace", "uprising"]
    assert table["similarity"].tolist() == [0.7071, 0.7071, 0.6]
    assert table["frequency"].tolist() == [4, 5, 3]
    assert table["doc_share"].tolist() == [round(4 / 12, 4), round(5 / 12, 4), 0.25]
    assert table["source"].eq("neighbour").all()
    assert list(table.columns) == list(REVIEW_COLUMNS)
    assert table["decision"].eq("").all() and table["lexicon_version"].eq("0.3.0").all()


def test_issue14_cooccurring_words_come_from_windows_around_hits(tokens, lexicon, vectors) -> None:
    table = expand_lexicon(
        tokens,
        lexicon,
        vectors,
        frames="resistance",
        n_neighbors=0,
        n_cooccurring=5,
        window=3,
        min_count=1,
    )
    # windows of 3 around intifada/resistance hold: the, and, of, the, people (stop words
    # and frame words are never proposed); "people" is the one candidate
    assert expand_lexicon(
        tokens,
        lexicon,
        vectors,
        frames="resistance",
        n_neighbors=0,
        n_cooccurring=5,
        window=2,
        min_count=1,
    ).empty  # stop words only
    assert table["term"].tolist() == ["people"]
    assert table.loc[0, "source"] == "cooccurrence" and table.loc[0, "cooccurrence"] > 0


def test_issue14_kwic_lines_and_near_frames(tokens, lexicon, vectors) -> None:
    table = expand_lexicon(
        tokens,
        lexicon,
        vectors,
        frames="resistance",
        n_neighbors=3,
        n_cooccurring=0,
        min_count=1,
        kwic_window=2,
    )
    row = table.set_index("term").loc["uprising"]
    # one line from each of the three documents it occurs in
    assert [row[f"kwic_{k}"] for k in (1, 2, 3)] == ["an [uprising] against occupation"] * 3
    assert table.set_index("term").loc["peace", "kwic_1"] == "[peace] talks and"
    # uprising (0.6, 0.8): cooperation centroid (0, 1) 0.8, resistance (1, 0) 0.6
    assert row["near_frames"] == "cooperation 0.80; resistance 0.60"
    both = expand_lexicon(tokens, lexicon, vectors, n_neighbors=1, n_cooccurring=0, min_count=1)
    assert both["frame"].tolist() == ["resistance", "cooperation"]
    assert both["term"].tolist() == ["people", "talks"]


def test_issue14_expand_rejects_unknown_frames(tokens, lexicon, vectors) -> None:
    with pytest.raises(InvalidParameterError, match="unknown frame"):
        expand_lexicon(tokens, lexicon, vectors, frames="humanitarian")
    with pytest.raises(InvalidParameterError, match="window must be"):
        expand_lexicon(tokens, lexicon, vectors, window=-1)


def _reviewed(tokens, lexicon, vectors, tmp_path: Path, decisions: dict[str, str]) -> Path:
    table = expand_lexicon(
        tokens, lexicon, vectors, frames="resistance", n_neighbors=3, n_cooccurring=0, min_count=1
    )
    table["decision"] = [decisions.get(t, "") for t in table["term"]]
    path = tmp_path / "review.csv"
    table.to_csv(path, index=False)
    return path


def test_issue14_apply_review_adds_accepted_terms_with_provenance(
    tokens, lexicon, vectors, tmp_path: Path
) -> None:
    path = _reviewed(
        tokens, lexicon, vectors, tmp_path, {"uprising": "accept", "people": "reject"}
    )
    new = apply_review(path, lexicon)
    assert new.version == "0.4.0"
    assert [p.text for p in new.frame("resistance").patterns] == [
        "resist*",
        "intifada",
        "uprising",
    ]
    prov = new.frame("resistance").patterns[-1].provenance
    assert prov["source"] == "neighbour" and prov["similarity"] == "0.6"
    assert prov["frequency"] == "3" and prov["from_version"] == "0.3.0"
    assert prov["review"] == "review.csv" and len(prov["review_sha256"]) == 16
    # the YAML keeps it on a round trip
    back = read_lexicon(write_lexicon(new, tmp_path / "new.yaml"))
    assert back.frame("resistance").patterns[-1].provenance == prov
    assert back.fingerprint == new.fingerprint
    section = expansion_section(lexicon, new)
    assert "| resistance | `uprising` | neighbour | 0.6 | 3 |" in section


def test_issue14_apply_review_errors_name_the_problem(
    tokens, lexicon, vectors, tmp_path: Path
) -> None:
    path = _reviewed(tokens, lexicon, vectors, tmp_path, {"uprising": "maybe"})
    with pytest.raises(FramingError, match=r"review.csv, line 4: decision 'maybe'"):
        apply_review(path, lexicon)
    path = _reviewed(tokens, lexicon, vectors, tmp_path, {})
    with pytest.raises(FramingError, match="no row is marked 'accept'"):
        apply_review(path, lexicon)
    other = Lexicon.from_terms("toy", {"resistance": ["resist*"]}, version="0.3.0")
    path = _reviewed(tokens, lexicon, vectors, tmp_path, {"uprising": "accept"})
    with pytest.raises(FramingError, match="another fingerprint"):
        apply_review(path, other)
    pd.read_csv(path).drop(columns="decision").to_csv(path, index=False)
    with pytest.raises(FramingError, match=r"missing column\(s\) \['decision'\]"):
        apply_review(path, lexicon)
