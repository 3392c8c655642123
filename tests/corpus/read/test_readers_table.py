"""CSV/TSV, JSONL, Parquet and DataFrame readers (issue 2), including bad input."""

from __future__ import annotations

import codecs

import pandas as pd
import pytest

from corpus import (
    DuplicateIdError,
    EmptyDocumentError,
    MissingFieldError,
    ReaderError,
    read,
    read_csv,
    read_dataframe,
    read_jsonl,
    read_parquet,
)


def write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


# ---------------------------------------------------------------- CSV / TSV
def test_csv_ids_text_and_typed_metadata_issue2(tmp_path):
    f = write(
        tmp_path / "n.csv",
        "id,text,outlet,year,share\n"
        'a,Peace talks.,sana,2011,0.5\nb,"War, again.",reuters,2012,1\n',
    )
    c = read_csv(f, id_col="id")
    assert c.doc_ids == ("a", "b")
    assert c.texts == ["Peace talks.", "War, again."]
    assert c.fields == ("outlet", "year", "share")
    assert c.docvars["year"].dtype == "int64"
    assert c.docvars["share"].tolist() == [0.5, 1.0]
    assert c.docvars["outlet"].tolist() == ["sana", "reuters"]
    assert c.name == "n"
    assert c.provenance["reader"] == "csv"
    assert c.provenance["skipped_rows"] == 0


def test_csv_meta_cols_and_generated_ids_issue2(tmp_path):
    f = write(tmp_path / "n.csv", "text,outlet,year\nx,a,1\ny,b,2\n")
    c = read_csv(f, meta_cols="year")
    assert c.doc_ids == ("d0", "d1")
    assert c.fields == ("year",)


def test_csv_missing_values_make_nullable_ints_issue2(tmp_path):
    f = write(tmp_path / "n.csv", "text,year\nx,1\ny,\n")
    year = read_csv(f).docvars["year"]
    assert str(year.dtype) == "Int64"
    assert year.isna().tolist() == [False, True]


def test_tsv_by_extension_and_read_dispatch_issue2(tmp_path):
    f = write(tmp_path / "n.tsv", "id\ttext\nq\tone, two\n")
    c = read(f, id_col="id")
    assert c.texts == ["one, two"]
    assert read(f, reader="tsv", id_col="id").doc_ids == ("q",)


def test_csv_dates_parsed_with_format_issue2(tmp_path):
    f = write(tmp_path / "n.csv", "text,date\nx,3/1/2012\ny,12/31/2013\n")
    c = read_csv(f, date_cols=["date"], date_format="%m/%d/%Y")
    assert c.docvars["date"].dt.strftime("%Y-%m-%d").tolist() == ["2012-03-01", "2013-12-31"]


def test_csv_bad_date_names_line_and_value_issue2(tmp_path):
    f = write(tmp_path / "n.csv", "text,date\nx,2012-01-01\ny,soon\n")
    with pytest.raises(ReaderError, match=r"n\.csv, line 3: column 'date' value 'soon'"):
        read_csv(f, date_cols="date")


def test_csv_encoding_option_issue2(tmp_path):
    f = write(tmp_path / "n.csv", "text\ncafé\n", encoding="latin-1")
    assert read_csv(f, encoding="latin-1").texts == ["café"]


def test_csv_malformed_row_names_file_and_line_issue2(tmp_path):
    f = write(tmp_path / "bad.csv", "id,text\na,fine\nb,too,many\nc,fine\n")
    with pytest.raises(ReaderError, match=r"bad\.csv, line 3: expected 2 fields, found 3"):
        read_csv(f, id_col="id")


def test_csv_line_numbers_count_multiline_fields_issue2(tmp_path):
    f = write(tmp_path / "bad.csv", 'id,text\na,"two\nlines"\nb,x,y\n')
    with pytest.raises(ReaderError, match=r"line 4:"):
        read_csv(f, id_col="id")


def test_csv_skip_bad_lines_counts_them_issue2(tmp_path):
    f = write(tmp_path / "bad.csv", "id,text\na,fine\nb,too,many\nc\nd,ok\n")
    c = read_csv(f, id_col="id", on_bad_lines="skip")
    assert c.doc_ids == ("a", "d")
    assert c.provenance["skipped_rows"] == 2
    assert c.provenance["skipped_lines"] == [3, 4]


def test_csv_invalid_utf8_names_line_and_byte_offset_issue2(tmp_path):
    data = b"text\nok\nbad \xff here\n"
    f = write(tmp_path / "u.csv", data)
    offset = data.index(b"\xff")
    with pytest.raises(ReaderError, match=rf"u\.csv: line 3 \(byte offset {offset}\)"):
        read_csv(f)


def test_csv_errors_replace_counts_replacements_issue2(tmp_path):
    f = write(tmp_path / "u.csv", b"text\nbad \xff\xfe here\nok\n")
    c = read_csv(f, errors="replace")
    assert c.texts[0] == "bad \ufffd\ufffd here"
    assert c.provenance["replaced_characters"] == 2


def test_csv_bom_is_stripped_from_first_column_issue2(tmp_path):
    f = write(tmp_path / "b.csv", codecs.BOM_UTF8 + b"id,text\na,x\n")
    c = read_csv(f, id_col="id")
    assert c.doc_ids == ("a",)


def test_csv_missing_text_column_lists_columns_issue2(tmp_path):
    f = write(tmp_path / "n.csv", "id,body\na,x\n")
    with pytest.raises(
        MissingFieldError,
        match=r"no text column 'text'; its columns are "
        r"\['id', 'body'\]",
    ):
        read_csv(f, id_col="id")


def test_csv_missing_id_column_lists_columns_issue2(tmp_path):
    f = write(tmp_path / "n.csv", "uid,text\na,x\n")
    with pytest.raises(MissingFieldError, match=r"no id column 'id'.*\['uid', 'text'\]"):
        read_csv(f, id_col="id")


def test_csv_duplicate_ids_name_both_lines_issue2(tmp_path):
    f = write(tmp_path / "n.csv", "id,text\na,x\nb,y\na,z\n")
    with pytest.raises(DuplicateIdError, match=r"line 4: doc_id 'a' already used at .*line 2"):
        read_csv(f, id_col="id")


def test_csv_empty_id_is_an_error_issue2(tmp_path):
    f = write(tmp_path / "n.csv", "id,text\na,x\n,y\n")
    with pytest.raises(ReaderError, match=r"line 3: the id column 'id' is empty"):
        read_csv(f, id_col="id")


@pytest.mark.parametrize(
    ("policy", "ids", "empty"),
    [
        ("keep", ("a", "b", "c"), 2),
        ("skip", ("a",), 2),
    ],
)
def test_csv_empty_document_policies_issue2(tmp_path, policy, ids, empty):
    f = write(tmp_path / "n.csv", 'id,text\na,x\nb,\nc,"  "\n')
    c = read_csv(f, id_col="id", on_empty=policy)
    assert c.doc_ids == ids
    assert c.provenance["empty_documents"] == empty


def test_csv_empty_document_error_names_line_issue2(tmp_path):
    f = write(tmp_path / "n.csv", "id,text\na,x\nb,\n")
    with pytest.raises(EmptyDocumentError, match=r"line 3: document 'b' is empty"):
        read_csv(f, id_col="id", on_empty="error")


def test_csv_huge_document_is_read_issue2(tmp_path):
    big = "word " * 100_000  # 500 kB, beyond csv's default 128 kB field limit
    f = write(tmp_path / "n.csv", f'text\n"{big}"\n')
    assert len(read_csv(f).texts[0]) == len(big)


def test_csv_empty_file_is_an_error_issue2(tmp_path):
    f = write(tmp_path / "n.csv", "")
    with pytest.raises(ReaderError, match="header row is required"):
        read_csv(f)


def test_bad_policy_value_is_an_error_issue2(tmp_path):
    f = write(tmp_path / "n.csv", "text\nx\n")
    with pytest.raises(ReaderError, match=r"on_bad_lines='warn' is not valid"):
        read_csv(f, on_bad_lines="warn")


# --------------------------------------------------------------------- JSONL
def test_jsonl_records_and_union_of_keys_issue2(tmp_path):
    f = write(
        tmp_path / "d.jsonl",
        '{"id": "a", "text": "x", "year": 2001}\n\n{"id": "b", "text": "y", "tag": "t"}\n',
    )
    c = read_jsonl(f, id_col="id")
    assert c.doc_ids == ("a", "b")
    assert c.fields == ("year", "tag")
    assert c.docvars["tag"].isna().tolist() == [True, False]


def test_jsonl_bad_line_is_named_issue2(tmp_path):
    f = write(tmp_path / "d.jsonl", '{"text": "x"}\n{"text": oops}\n')
    with pytest.raises(ReaderError, match=r"d\.jsonl, line 2: is not valid JSON"):
        read_jsonl(f)


def test_jsonl_skip_counts_bad_lines_issue2(tmp_path):
    f = write(tmp_path / "d.jsonl", '{"text": "x"}\n[1, 2]\n{"text": oops}\n{"text": "y"}\n')
    c = read_jsonl(f, on_bad_lines="skip")
    assert c.texts == ["x", "y"]
    assert c.provenance["skipped_rows"] == 2
    assert c.provenance["skipped_lines"] == [2, 3]


def test_jsonl_missing_key_names_line_issue2(tmp_path):
    f = write(tmp_path / "d.jsonl", '{"text": "x"}\n{"body": "y"}\n')
    with pytest.raises(MissingFieldError, match=r"line 2: no key 'text'; this record has keys"):
        read_jsonl(f)


def test_jsonl_invalid_utf8_names_line_and_offset_issue2(tmp_path):
    data = b'{"text": "x"}\n{"text": "\xc3("}\n'
    f = write(tmp_path / "d.jsonl", data)
    offset = data.index(b"\xc3")
    with pytest.raises(ReaderError, match=rf"line 2 \(byte offset {offset}\)"):
        read_jsonl(f)


def test_jsonl_bom_is_stripped_issue2(tmp_path):
    f = write(tmp_path / "d.jsonl", codecs.BOM_UTF8 + b'{"text": "x"}\n')
    assert read_jsonl(f).texts == ["x"]


# ------------------------------------------------------------ Parquet, frames
def test_parquet_reads_chosen_columns_issue2(tmp_path):
    f = tmp_path / "d.parquet"
    pd.DataFrame(
        {"id": ["a", "b"], "text": ["x", "y"], "year": [1, 2], "junk": [0, 0]}
    ).to_parquet(f)
    c = read(f, id_col="id", meta_cols=["year"])
    assert c.doc_ids == ("a", "b")
    assert c.fields == ("year",)
    assert c.provenance["reader"] == "parquet"


def test_parquet_missing_column_and_bad_file_issue2(tmp_path):
    f = tmp_path / "d.parquet"
    pd.DataFrame({"body": ["x"]}).to_parquet(f)
    with pytest.raises(MissingFieldError, match=r"no text column 'text'.*\['body'\]"):
        read_parquet(f)
    junk = write(tmp_path / "junk.parquet", b"not parquet")
    with pytest.raises(ReaderError, match="not a readable Parquet file"):
        read_parquet(junk)


def test_dataframe_reader_keeps_dtypes_issue2():
    df = pd.DataFrame({"id": ["x", "y"], "text": ["a", None], "n": [1.5, 2.5]})
    c = read(df, id_col="id")
    assert c.texts == ["a", ""]
    assert c.docvars["n"].tolist() == [1.5, 2.5]
    assert c.provenance["empty_documents"] == 1


def test_dataframe_text_must_be_strings_issue2():
    with pytest.raises(ReaderError, match=r"row 1: text column 'text' holds a int"):
        read_dataframe(pd.DataFrame({"text": ["a", 3]}))


def test_dataframe_duplicate_ids_issue2():
    with pytest.raises(DuplicateIdError, match="doc_id 'x' already used at DataFrame, row 0"):
        read_dataframe(pd.DataFrame({"id": ["x", "x"], "text": ["a", "b"]}), id_col="id")


# ------------------------------------------------------------------ real data
def test_fakes_csv_reads_804_articles_with_dates_issue2(fakes_csv):
    c = read_csv(fakes_csv, text_col="article_content", date_cols="date", date_format="%m/%d/%Y")
    assert len(c) == 804
    assert c.docvars["source"].nunique() == 15
    assert c.docvars["date"].min().year == 2011 and c.docvars["date"].max().year == 2018


def test_fakes_csv_duplicate_unit_ids_are_named_issue2(fakes_csv):
    with pytest.raises(
        DuplicateIdError,
        match=r"line 464: doc_id '1926479049' already used "
        r"at .*line 463",
    ):
        read_csv(fakes_csv, text_col="article_content", id_col="unit_id")


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_unknown_encoding_is_a_reader_error_issue2(tmp_path, suffix):
    f = write(tmp_path / f"n{suffix}", "text\nx\n")
    with pytest.raises(ReaderError, match="unknown encoding 'klingon'"):
        read(f, encoding="klingon")
    with pytest.raises(ReaderError, match="'rot13' is not a text encoding"):
        read(f, encoding="rot13")


def test_csv_unclosed_quote_is_an_error_not_a_swallowed_file_issue2(tmp_path):
    f = write(tmp_path / "q.csv", 'id,text\na,"never closed\nb,x\nc,y\n')
    with pytest.raises(
        ReaderError,
        match=r"q\.csv, line 2: unexpected end of data "
        r"\(a quote is not closed",
    ):
        read_csv(f, id_col="id")


def test_csv_text_after_closing_quote_can_be_skipped_issue2(tmp_path):
    f = write(tmp_path / "q.csv", 'id,text\na,"quoted"tail\nb,fine\n')
    with pytest.raises(ReaderError, match=r"line 2: ',' expected after '\"'"):
        read_csv(f, id_col="id")
    c = read_csv(f, id_col="id", on_bad_lines="skip")
    assert c.doc_ids == ("b",)
    assert c.provenance["skipped_lines"] == [2]
