"""corpus.read("frac", path=...): FrAC's integer codes become category names (issue 13)."""

from __future__ import annotations

import pytest

from corpus import ReaderError, read
from corpus.read import FRAC_LABELS
from tests.conftest import require_shared


def _write(tmp_path, body: str):
    path = tmp_path / "frac.csv"
    path.write_text(body, encoding="utf-8")
    return path


def test_codes_become_names_and_ids_count_rows_issue13(tmp_path):
    path = _write(tmp_path, 'sentence,label\n"Taxes, again.",1\nVote.,6\nNo idea.,15\n')
    c = read("frac", path=path)
    assert c.doc_ids == ("frac-001", "frac-002", "frac-003")
    assert c.docvars["label"].tolist() == ["economic", "policy_political", "other"]
    assert c.docvars["label_code"].tolist() == [1, 6, 15]
    assert c.texts[0] == "Taxes, again."


def test_source_path_form_equals_path_option_issue13(tmp_path):
    path = _write(tmp_path, "sentence,label\nA.,3\n")
    assert read(str(path), reader="frac").texts == read("frac", path=path).texts


@pytest.mark.parametrize("label", ["2", "7", "x", ""])
def test_unknown_label_names_file_and_line_issue13(tmp_path, label):
    path = _write(tmp_path, f"sentence,label\nA.,1\nB.,{label}\n")
    with pytest.raises(ReaderError, match=r"line 3"):
        read("frac", path=path)


def test_missing_column_and_path_are_clear_errors_issue13(tmp_path):
    with pytest.raises(ReaderError, match="missing column"):
        read("frac", path=_write(tmp_path, "text,label\nA.,1\n"))
    with pytest.raises(ReaderError, match="needs path"):
        read("frac")
    with pytest.raises(ReaderError, match="does not exist"):
        read("frac", path=tmp_path / "absent.csv")


def test_ten_labels_in_mfc_numbering_issue13():
    assert sorted(FRAC_LABELS) == [1, 3, 4, 5, 6, 8, 9, 11, 12, 15]
    assert FRAC_LABELS[5] == "legality_crime" and FRAC_LABELS[15] == "other"


@pytest.mark.shared_data
def test_real_frac_counts_match_its_readme_issue13():
    path = require_shared("news", "frac", "gold_standard_single_label_all.csv")
    counts = read("frac", path=path).docvars["label"].value_counts().to_dict()
    assert counts == {
        "policy_political": 98, "economic": 75, "legality_crime": 55, "health_safety": 53,
        "other": 50, "fairness_equality": 46, "cultural_identity": 44,
        "security_defense": 42, "public_opinion": 37, "morality": 23,
    }  # fmt: skip
