"""Validation records and scope checks (issue 13)."""

from __future__ import annotations

import warnings

import pytest

import framing
from framing.validate import ScopeWarning, read_scope, validation_scope, warn_scope

_RECORD = """measure: toy
kind: lexicon
version: 1.0.0
records:
  - id: toy-test
    corpus: ungdc
    corpus_files: [UNGDC.tar.gz]
    population: paragraphs
    unit: paragraph
    quantity: presence
    frames: [a]
    sample: {design: random, n: 10, seed: 1, drawn_after_version: 1.0.0, role: test}
    coders:
      - {id: A, kind: ai-assistant, blind: true, saw_term_lists: false, wrote_measure: false}
  - id: toy-dev
    corpus: sotu
    population: paragraphs
    unit: paragraph
    quantity: presence
    frames: [a]
    sample: {design: random, n: 10, seed: 1, drawn_after_version: 1.0.0, role: test}
    coders:
      - {id: M, kind: ai-assistant, blind: false, saw_term_lists: true, wrote_measure: true}
"""


def test_read_scope_and_independence_issue13(tmp_path):
    path = tmp_path / "toy.scope.yaml"
    path.write_text(_RECORD, encoding="utf-8")
    scope = read_scope(path)
    assert [r.id for r in scope.records] == ["toy-test", "toy-dev"]
    # a test role is not enough: the author-coded record is not independent
    assert [r.independent for r in scope.records] == [True, False]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("unit: paragraph\n    quantity: presence\n    frames: [a]\n    sample: {design: random, "
         "n: 10, seed: 1, drawn_after_version: 1.0.0, role: test}\n    coders:\n      - {id: A",
         "unit: speech\n    quantity: presence\n    frames: [a]\n    sample: {design: random, "
         "n: 10, seed: 1, drawn_after_version: 1.0.0, role: test}\n    coders:\n      - {id: A",
         r"records\[0\]\.unit"),
        ("kind: lexicon", "kind: oracle", "kind"),
        ("    corpus: sotu\n", "", r"records\[1\]: missing key 'corpus'"),
    ],
)  # fmt: skip
def test_read_scope_errors_name_file_and_key_issue13(tmp_path, old, new, message):
    path = tmp_path / "bad.scope.yaml"
    assert old in _RECORD
    path.write_text(_RECORD.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(framing.InvalidParameterError, match=message):
        read_scope(path)


def test_bundled_records_say_what_was_validated_issue13():
    for name in ("mideast", "generic_news", "policy_frames"):
        scope = validation_scope(name)
        assert scope.version == framing.load_lexicon(name).version
        assert any(r.independent for r in scope.records), name
    dev = [r for r in validation_scope("mideast").records if r.role == "development"]
    assert dev and not any(r.independent for r in dev)


@pytest.mark.parametrize(
    ("measure", "corpus", "unit", "quantity", "status"),
    [
        ("mideast", "ungdc", "paragraph", "presence", "validated"),
        ("mideast", "/data/UNGDC_1946-2024_TXT.tar.gz", "paragraph", None, "validated"),
        ("mideast", "ungdc", "document", "presence", "unvalidated"),
        ("mideast", "ungdc", "paragraph", "rate", "unvalidated"),
        ("mideast", "sotu", "paragraph", "presence", "unvalidated"),
        ("generic_news", "sotu", "paragraph", "presence", "development"),
        ("generic_news", "fa-kes", "paragraph", "presence", "validated"),
        ("policy_frames", "frac", "sentence", "presence", "validated"),
        ("policy_frames", "sotu", "sentence", "presence", "unvalidated"),
    ],
)
def test_check_scope_status_issue13(measure, corpus, unit, quantity, status):
    check = framing.check_scope(measure, corpus=corpus, unit=unit, quantity=quantity)
    assert check.status == status
    assert check.in_scope is (status == "validated")
    if status != "validated":
        assert "outside its validated scope" in check.message()


def test_edited_lexicon_version_has_no_records_issue13():
    lex = framing.load_lexicon("mideast")
    edited = framing.Lexicon.from_dict({**lex.to_dict(), "version": "9.9.9"})
    check = framing.check_scope(edited, corpus="ungdc", unit="paragraph", quantity="presence")
    assert check.status == "unvalidated"


def test_warn_scope_once_per_use_issue13():
    check = framing.check_scope("mideast", corpus="issue13-corpus", unit="sentence")
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        assert warn_scope(check) is True
        assert warn_scope(check) is False
    scope_warnings = [w for w in seen if issubclass(w.category, ScopeWarning)]
    assert len(scope_warnings) == 1
    assert "issue13-corpus" in str(scope_warnings[0].message)
    assert "ungdc paragraphs (presence)" in str(scope_warnings[0].message)


def test_scope_caption_issue13():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ok = framing.scope_caption("mideast", corpus="ungdc", unit="paragraph",
                                   quantity="presence")  # fmt: skip
        bad = framing.scope_caption("generic_news", corpus="sotu", unit="paragraph",
                                    quantity="rate")  # fmt: skip
    assert "validated on ungdc paragraphs (presence)" in ok and "macro-F1" in ok
    assert bad.startswith("Unvalidated use: generic_news 0.3.3 rate per paragraph in sotu")


def test_bad_arguments_raise_invalid_parameter_issue13():
    with pytest.raises(framing.InvalidParameterError, match="unit"):
        framing.check_scope("mideast", corpus="ungdc", unit="speech")
    with pytest.raises(framing.InvalidParameterError, match="quantity"):
        framing.check_scope("mideast", corpus="ungdc", unit="paragraph", quantity="share")
