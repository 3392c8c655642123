"""Folder and archive readers with path patterns (issue 2), including bad input."""

from __future__ import annotations

import codecs
import io
import tarfile
import zipfile

import pytest

from corpus import (
    DuplicateIdError,
    EmptyDocumentError,
    PathPattern,
    ReaderError,
    read,
    read_texts,
)

PATTERN = "Session {session} - {year}/{country}_{session}_{year}.txt"
FILES = {
    "Session 02 - 1947/USA_02_1947.txt": "We speak of peace.",
    "Session 01 - 1946/IRN_01_1946.txt": "Sovereignty first.",
    "Session 01 - 1946/EU_01_1946.txt": "Union.\nSecond line.",
    "README.txt": "not a speech",
}


def make_folder(root, files=FILES):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return root


def make_tar(path, files=FILES, prefix="UNGDC/TXT/"):
    with tarfile.open(path, "w:gz") as tar:
        for name, text in files.items():
            data = text.encode("utf-8") if isinstance(text, str) else text
            info = tarfile.TarInfo(prefix + name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def make_zip(path, files=FILES, prefix="UNGDC/TXT/"):
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in files.items():
            zf.writestr(prefix + name, text)
    return path


def test_pattern_fields_typed_and_sorted_issue2(tmp_path):
    c = read_texts(make_folder(tmp_path), pattern=PATTERN, id_from="stem")
    assert c.doc_ids == ("EU_01_1946", "IRN_01_1946", "USA_02_1947")
    assert c.fields == ("session", "year", "country")
    assert c.docvars["session"].tolist() == [1, 1, 2]
    assert c.docvars["year"].dtype == "int64"
    assert c.docvars["country"].tolist() == ["EU", "IRN", "USA"]
    assert c.texts == ["Union.\nSecond line.", "Sovereignty first.", "We speak of peace."]
    assert c.is_lazy
    assert c.provenance["unmatched_files"] == 1


def test_default_ids_are_paths_without_suffix_issue2(tmp_path):
    c = read_texts(make_folder(tmp_path))
    assert c.doc_ids == (
        "README",
        "Session 01 - 1946/EU_01_1946",
        "Session 01 - 1946/IRN_01_1946",
        "Session 02 - 1947/USA_02_1947",
    )
    assert c.fields == ()


def test_fields_option_orders_and_selects_issue2(tmp_path):
    c = read_texts(make_folder(tmp_path), pattern=PATTERN, fields=["country", "year"])
    assert c.fields == ("country", "year")
    with pytest.raises(ReaderError, match=r"fields \['party'\] are not in the pattern"):
        read_texts(tmp_path, pattern=PATTERN, fields=["party"])


@pytest.mark.parametrize("maker", [make_tar, make_zip])
def test_archive_equals_folder_issue2(tmp_path, maker):
    folder = read_texts(make_folder(tmp_path / "f"), pattern=PATTERN, id_from="stem")
    suffix = ".tar.gz" if maker is make_tar else ".zip"
    archive = read(maker(tmp_path / f"a{suffix}"), pattern=PATTERN, id_from="stem")
    assert archive.doc_ids == folder.doc_ids
    assert archive.texts == folder.texts
    assert archive.fingerprint == folder.fingerprint
    assert list(archive.iter_texts()) == archive.texts  # a second pass reads again


def test_archive_order_streams_member_order_issue2(tmp_path):
    c = read_texts(make_tar(tmp_path / "a.tgz"), pattern=PATTERN, id_from="stem", order="archive")
    assert c.doc_ids == ("USA_02_1947", "IRN_01_1946", "EU_01_1946")
    assert c.texts[0] == "We speak of peace."


def test_texts_are_reread_on_each_pass_issue2(tmp_path):
    c = read_texts(make_folder(tmp_path), pattern=PATTERN, id_from="stem")
    (tmp_path / "Session 02 - 1947" / "USA_02_1947.txt").write_text("Changed.")
    assert c.texts[-1] == "Changed."


def test_filtered_lazy_corpus_reads_selected_texts_issue2(tmp_path):
    c = read_texts(make_tar(tmp_path / "a.tar.gz"), pattern=PATTERN, id_from="stem")
    sub = c.filter(session=1)
    assert sub.texts == ["Union.\nSecond line.", "Sovereignty first."]


def test_repeated_field_must_agree_issue2():
    p = PathPattern(PATTERN)
    assert p.match("Session 3 - 1948/IRQ_3_1948.txt")["country"] == "IRQ"
    assert p.match("Session 3 - 1948/IRQ_4_1948.txt") is None
    assert p.match("xSession 3 - 1948/IRQ_3_1948.txt") is None


def test_pattern_matching_nothing_names_pattern_and_example_issue2(tmp_path):
    make_folder(tmp_path)
    with pytest.raises(
        ReaderError,
        match=r"no file matches the pattern '\{year\}/\{name\}\.md'"
        r" \(e\.g\. 'README\.txt'\)",
    ) as info:
        read_texts(tmp_path, pattern="{year}/{name}.md", suffix=".txt")
    assert "--pattern" in str(info.value)


def test_folder_without_text_files_is_an_error_issue2(tmp_path):
    (tmp_path / "a.csv").write_text("x")
    with pytest.raises(ReaderError, match=r"no file ending in '\.txt' at all"):
        read_texts(tmp_path)


def test_truncated_archive_is_named_issue2(tmp_path):
    whole = make_tar(tmp_path / "whole.tar.gz").read_bytes()
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ReaderError, match=r"archive .*cut\.tar\.gz is truncated or corrupt"):
        read_texts(cut, pattern=PATTERN)


def test_corrupt_zip_is_named_issue2(tmp_path):
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ReaderError, match=r"archive .*bad\.zip is truncated or corrupt"):
        read_texts(bad)


def test_invalid_utf8_in_member_names_archive_file_line_offset_issue2(tmp_path):
    files = {"Session 01 - 1946/IRN_01_1946.txt": b"ok\nbad \xff\n"}
    archive = make_tar(tmp_path / "a.tar.gz", files)
    with pytest.raises(
        ReaderError,
        match=r"a\.tar\.gz: UNGDC/TXT/Session 01 - 1946/"
        r"IRN_01_1946\.txt: line 2 \(byte offset 7\)",
    ):
        read_texts(archive, pattern=PATTERN)
    c = read_texts(archive, pattern=PATTERN, errors="replace")
    assert c.texts == ["ok\nbad \ufffd\n"]
    assert c.provenance["replaced_characters"] == 1


def test_bom_is_stripped_from_text_files_issue2(tmp_path):
    make_folder(tmp_path, {"a.txt": codecs.BOM_UTF8 + b"Hello"})
    assert read_texts(tmp_path).texts == ["Hello"]


@pytest.mark.parametrize(("policy", "ids"), [("keep", ("a", "b")), ("skip", ("b",))])
def test_empty_files_policy_issue2(tmp_path, policy, ids):
    make_folder(tmp_path, {"a.txt": " \n", "b.txt": "text"})
    c = read_texts(tmp_path, on_empty=policy)
    assert c.doc_ids == ids
    assert c.texts[-1] == "text"
    assert c.provenance["empty_documents"] == 1


def test_empty_file_error_names_file_issue2(tmp_path):
    make_folder(tmp_path, {"a.txt": "", "b.txt": "text"})
    with pytest.raises(EmptyDocumentError, match=r"a\.txt is empty \(1 empty files\)"):
        read_texts(tmp_path, on_empty="error")


def test_duplicate_stems_are_an_error_issue2(tmp_path):
    make_folder(tmp_path, {"x/a.txt": "1", "y/a.txt": "2"})
    with pytest.raises(DuplicateIdError, match=r"doc_id 'a' already used at .*x/a\.txt"):
        read_texts(tmp_path, id_from="stem")
    assert read_texts(tmp_path).doc_ids == ("x/a", "y/a")


def test_anonymous_field_and_mixed_types_issue2(tmp_path):
    make_folder(tmp_path, {"2001/a-x.txt": "1", "2002/b-7.txt": "2"})
    c = read_texts(tmp_path, pattern="{year}/{_}-{code}.txt")
    assert c.fields == ("year", "code")
    assert c.docvars["code"].tolist() == ["x", "7"]  # not all integers: strings


def test_missing_path_and_unknown_file_type_issue2(tmp_path):
    with pytest.raises(ReaderError, match="does not exist"):
        read_texts(tmp_path / "nope")
    (tmp_path / "a.txt").write_text("x")
    with pytest.raises(ReaderError, match="neither a folder nor an archive"):
        read_texts(tmp_path / "a.txt")


def test_huge_document_streams_issue2(tmp_path):
    big = "peace " * 500_000  # 3 MB in one file
    make_folder(tmp_path, {"big.txt": big, "small.txt": "x"})
    c = read_texts(make_tar(tmp_path / "a.tar.gz", {"big.txt": big, "small.txt": "x"}))
    assert [len(t) for t in c.iter_texts()] == [len(big), 1]


def test_archive_replaced_after_listing_is_an_error_issue2(tmp_path):
    archive = make_tar(tmp_path / "a.tar.gz")
    c = read_texts(archive, pattern=PATTERN, id_from="stem")
    make_tar(archive, {"Session 01 - 1946/IRN_01_1946.txt": "Only one."})
    with pytest.raises(ReaderError, match=r"a\.tar\.gz changed since it was listed"):
        list(c.iter_texts())


def test_tar_members_with_dot_slash_prefix_match_folder_ids_issue2(tmp_path):
    folder = read_texts(make_folder(tmp_path / "f"), pattern=PATTERN)
    archive = read_texts(make_tar(tmp_path / "a.tar.gz", prefix="./"), pattern=PATTERN)
    assert archive.doc_ids == folder.doc_ids
    assert archive.texts == folder.texts
