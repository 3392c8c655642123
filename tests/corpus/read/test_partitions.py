"""Partitioned datasets: listing files and reading one partition at a time."""

from __future__ import annotations

import pandas as pd
import pytest

import corpus
from corpus import ReaderError, partitions


def _write(root, name, rows):
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    frame = pd.DataFrame(rows, columns=["id", "text", "year"])
    if name.endswith(".parquet"):
        frame.to_parquet(path)
    elif name.endswith(".csv"):
        frame.to_csv(path, index=False)
    else:
        frame.to_json(path, orient="records", lines=True)
    return path


def test_parquet_partitions_in_path_order_with_row_counts(tmp_path):
    _write(tmp_path, "b/part-1.parquet", [("y", "two", 2)])
    _write(tmp_path, "a/part-0.parquet", [("w", "zero", 0), ("x", "one", 1)])
    _write(tmp_path, "_common_metadata.parquet", [("z", "hidden", 9)])
    parts = partitions(tmp_path, reader="parquet", id_col="id")
    assert [p.relpath for p in parts] == ["a/part-0.parquet", "b/part-1.parquet"]
    assert [p.rows for p in parts] == [2, 1]
    first = parts[0].read()
    assert first.doc_ids == ("w", "x")
    assert first.texts == ["zero", "one"]
    assert first.docvars["year"].tolist() == [0, 1]


@pytest.mark.parametrize(("reader", "suffix"), [("csv", ".csv"), ("jsonl", ".jsonl")])
def test_csv_and_jsonl_folders(tmp_path, reader, suffix):
    _write(tmp_path, f"0{suffix}", [("a", "alpha", 1)])
    _write(tmp_path, f"1{suffix}", [("b", "beta", 2)])
    parts = partitions(tmp_path, reader=reader, id_col="id")
    assert [p.read().doc_ids for p in parts] == [("a",), ("b",)]


def test_rows_numbered_by_file_without_an_id_column(tmp_path):
    _write(tmp_path, "p0.parquet", [("a", "alpha", 1), ("b", "beta", 2)])
    [part] = partitions(tmp_path, reader="parquet")
    assert part.read().doc_ids == ("p0.parquet:0", "p0.parquet:1")


def test_bad_row_names_partition_file_and_row(tmp_path):
    _write(tmp_path, "p0.parquet", [("a", "alpha", 1)])
    _write(tmp_path, "p1.parquet", [("b", "beta", 2), (None, "gamma", 3)])
    parts = partitions(tmp_path, reader="parquet", id_col="id")
    with pytest.raises(ReaderError, match=r"partition 2/2 \(p1.parquet\).*p1.parquet, row 1"):
        parts[1].read()


def test_bad_csv_line_is_named(tmp_path):
    (tmp_path / "p0.csv").write_text('id,text\na,"fine"\nb,"broken\n', encoding="utf-8")
    [part] = partitions(tmp_path, reader="csv", id_col="id")
    with pytest.raises(ReaderError, match=r"partition 1/1 \(p0.csv\).*p0.csv.*line"):
        part.read()


def test_errors_for_files_and_empty_folders(tmp_path):
    with pytest.raises(ReaderError, match=r"no \.parquet, \.pq files"):
        partitions(tmp_path, reader="parquet")
    path = _write(tmp_path, "one.csv", [("a", "alpha", 1)])
    with pytest.raises(ReaderError, match="not a folder"):
        partitions(path, reader="csv")
    with pytest.raises(ReaderError, match="does not read partitioned folders"):
        partitions(tmp_path, reader="texts")


def test_partition_is_public():
    assert corpus.Partition.__name__ == "Partition"
