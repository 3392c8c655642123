"""Folders and archives of text files as partitions (issue 16): the documents of read_texts."""

from __future__ import annotations

import io
import tarfile
import zipfile

import pytest

from corpus import (
    DuplicateIdError,
    EmptyDocumentError,
    ReaderError,
    read_texts,
    stream_partitions,
    text_partitions,
)
from corpus.read import ungdc_partitions

FILES = {
    "Session 2 - 1947/USA_2_1947.txt": "Second session.",
    "Session 1 - 1946/IRN_1_1946.txt": "We resist.",
    "Session 1 - 1946/EU_1_1946.txt": "Union.",
    "Session 10 - 1955/IRN_10_1955.txt": "Tenth.",
    "Session 1 - 1946/notes.md": "not a speech",
}
PATTERN = "Session {session} - {year}/{country}_{session}_{year}.txt"


def _folder(root):
    root.mkdir(exist_ok=True)
    for name, text in FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def _tar(path):
    with tarfile.open(path, "w:gz") as tar:
        for name, text in FILES.items():  # archive order is not sorted order
            data = text.encode()
            info = tarfile.TarInfo(f"TXT/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def _zip(path):
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in FILES.items():
            zf.writestr(name, text)
    return path


def _documents(parts):
    read = {part.index: part.read() for part in stream_partitions(parts)}
    return [(d.doc_id, d.text, dict(d.meta)) for i in sorted(read) for d in read[i]]


@pytest.mark.parametrize(("make", "name"), [(_folder, "src"), (_tar, "s.tar.gz"), (_zip, "s.zip")])
def test_issue16_partitions_hold_the_documents_of_read_texts(tmp_path, make, name):
    source = make(tmp_path / name)
    parts = text_partitions(source, pattern=PATTERN, id_from="stem")
    # one partition per session folder, in path order ("Session 1" < "Session 10" < "Session 2")
    assert [p.relpath.rsplit("/", 1)[-1] for p in parts] == [
        "Session 1 - 1946", "Session 10 - 1955", "Session 2 - 1947"]  # fmt: skip
    whole = read_texts(source, pattern=PATTERN, id_from="stem")
    expected = [(d.doc_id, d.text, dict(d.meta)) for d in whole]
    assert _documents(parts) == expected
    assert expected[0] == ("EU_1_1946", "Union.", {"session": 1, "year": 1946, "country": "EU"})


def test_issue16_a_large_folder_is_cut(tmp_path):
    root = _folder(tmp_path / "src")
    parts = text_partitions(root, pattern=PATTERN, id_from="stem", files_per_partition=1)
    assert [len(p.files) for p in parts] == [1, 1, 1, 1]  # Session 1 cut in two
    assert [d[0] for d in _documents(parts)] == ["EU_1_1946", "IRN_1_1946", "IRN_10_1955",
                                                 "USA_2_1947"]  # fmt: skip


def test_issue16_metadata_types_follow_the_whole_source(tmp_path):
    # "x" makes the session field text everywhere, also in partitions where it looks numeric
    root = tmp_path / "src"
    for name in ("1/A_1.txt", "x/B_x.txt"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("t")
    parts = text_partitions(root, pattern="{session}/{country}_{session}.txt")
    assert parts[0].read().docvars["session"].tolist() == ["1"]


def test_issue16_bad_bytes_name_partition_and_file(tmp_path):
    root = tmp_path / "src"
    (root / "S1").mkdir(parents=True)
    (root / "S1" / "a.txt").write_bytes(b"fine\nbad \xff byte\n")
    [part] = text_partitions(root)
    with pytest.raises(ReaderError, match=r"partition 1/1 \(S1\).*S1/a\.txt: line 2"):
        part.read()


def test_issue16_unavailable_options_and_duplicates_are_errors(tmp_path):
    root = tmp_path / "src"
    for name in ("a/x.txt", "b/x.txt"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("")
    with pytest.raises(ReaderError, match="on_empty='skip' is not available"):
        text_partitions(root, on_empty="skip")
    with pytest.raises(ReaderError, match="sorted order"):
        text_partitions(root, order="archive")
    with pytest.raises(DuplicateIdError, match="'x' already used"):
        text_partitions(root, id_from="stem")
    with pytest.raises(EmptyDocumentError, match=r"partition 1/2 \(a\).*a/x\.txt is empty"):
        text_partitions(root, on_empty="error")[0].read()


def test_issue16_ungdc_partitions_need_a_path():
    with pytest.raises(ReaderError, match="needs path="):
        ungdc_partitions()


def test_issue16_a_tar_hands_out_partitions_as_the_archive_completes_them(tmp_path):
    parts = text_partitions(_tar(tmp_path / "s.tar.gz"), pattern=PATTERN)
    # the archive holds Session 2 first, then Session 1 (two files), then Session 10
    assert [p.index for p in stream_partitions(parts)] == [2, 0, 1]
    assert all(p.payload is None for p in parts)
