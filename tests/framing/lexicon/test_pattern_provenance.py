"""Pattern provenance: kept on YAML round trips, refused by formats that cannot hold it (#14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing import Lexicon, LexiconError, Pattern, read_lexicon, write_lexicon


def _lexicon() -> Lexicon:
    added = Pattern("uprising", provenance={"source": "neighbour", "similarity": 0.75})
    return Lexicon.from_terms("toy", {"resistance": ["resistance", added]})


def test_issue14_provenance_round_trips_through_yaml(tmp_path: Path) -> None:
    lex = _lexicon()
    back = read_lexicon(write_lexicon(lex, tmp_path / "toy.yaml"))
    assert back.frame("resistance").patterns[1].provenance == {
        "source": "neighbour",
        "similarity": "0.75",
    }
    assert back.fingerprint == lex.fingerprint
    plain = Lexicon.from_terms("toy", {"resistance": ["resistance", "uprising"]})
    assert plain == lex  # equality ignores provenance ...
    assert plain.fingerprint != lex.fingerprint  # ... the fingerprint does not


def test_issue14_provenance_needs_yaml_or_lossy(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="patterns with provenance"):
        write_lexicon(_lexicon(), tmp_path / "toy.csv")
    out = write_lexicon(_lexicon(), tmp_path / "toy.csv", lossy=True)
    assert read_lexicon(out).frame("resistance").patterns[1].provenance == {}


def test_issue14_bad_provenance_names_the_pattern(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="pattern 'x': provenance must be a mapping"):
        Pattern("x", provenance=["a"])  # type: ignore[arg-type]
    path = tmp_path / "bad.yaml"
    path.write_text(
        "name: toy\nframes:\n  f:\n    patterns:\n"
        "      - {pattern: x, provenance: {source: [a, b]}}\n"
    )
    with pytest.raises(LexiconError, match="provenance keys are strings and values plain"):
        read_lexicon(path)
