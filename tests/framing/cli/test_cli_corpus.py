"""`framing corpus info` and `framing corpus download` (issue 2)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tarfile

import pytest

from framing.cli import main

CSV_TEXT = (
    "id,text,outlet,date,year\n"
    "a,The axis of resistance.,sana,3/1/2012,2012\n"
    'b,"Aid, convoys and aid.",reuters,3/2/2012,2012\n'
    "c,The axis of resistance.,sana,1/5/2013,2013\n"
    "d,,etilaf,1/6/2013,2013\n"
)
BAD_CSV = "id,text\na,fine\nb,too,many\nc,also fine\n"


def run_json(capsys, *argv):
    code = main(["corpus", "info", *argv, "--json", "--quiet"])
    out = capsys.readouterr()
    assert code == 0, out.err
    return json.loads(out.out)


def test_info_csv_counts_hand_computed_issue2(tmp_path, capsys):
    f = tmp_path / "news.csv"
    f.write_text(CSV_TEXT)
    info = run_json(
        capsys,
        str(f),
        "--text-col",
        "text",
        "--id-col",
        "id",
        "--date-cols",
        "date",
        "--date-format",
        "%m/%d/%Y",
    )
    assert info["documents"] == 4
    # the axis of resistance (4) + aid convoys and aid (4) + the axis of resistance (4)
    assert info["tokens"] == 12
    assert info["types"] == 7  # the axis of resistance aid convoys and
    assert info["empty_documents"] == 1
    assert info["duplicate_documents"] == 1
    assert info["skipped_rows"] == 0
    assert info["fields"] == ["outlet", "date", "year"]
    summaries = info["field_summaries"]
    assert summaries["year"] == {"kind": "numeric", "min": 2012, "max": 2013, "missing": 0}
    assert summaries["date"]["min"] == "2012-03-01" and summaries["date"]["max"] == "2013-01-06"
    assert summaries["outlet"]["levels"] == 3
    assert summaries["outlet"]["top"][0] == ["sana", 2]


def test_info_malformed_csv_exits_1_naming_line_issue2(tmp_path, capsys):
    f = tmp_path / "bad.csv"
    f.write_text(BAD_CSV)
    code = main(["corpus", "info", str(f), "--text-col", "text", "--id-col", "id", "--json"])
    err = capsys.readouterr().err
    assert code == 1
    assert "bad.csv, line 3: expected 2 fields, found 3" in err


def test_info_skip_reports_skipped_rows_issue2(tmp_path, capsys):
    f = tmp_path / "bad.csv"
    f.write_text(BAD_CSV)
    info = run_json(
        capsys, str(f), "--text-col", "text", "--id-col", "id", "--on-bad-lines", "skip"
    )
    assert info["documents"] == 2
    assert info["skipped_rows"] == 1
    assert info["provenance"]["skipped_lines"] == [3]


def test_info_sotu_json_issue2(capsys):
    info = run_json(capsys, "sotu")
    assert info["documents"] > 200
    assert {"year", "president", "party"} <= set(info["fields"])
    assert info["tokens"] > 1_000_000


def test_info_archive_with_pattern_text_output_issue2(tmp_path, capsys):
    archive = tmp_path / "speeches.tgz"
    with tarfile.open(archive, "w:gz") as tar:
        for name, text in {"1990/IRN.txt": "Peace now.", "1991/IRQ.txt": "War."}.items():
            info = tarfile.TarInfo(name)
            info.size = len(text)
            tar.addfile(info, io.BytesIO(text.encode()))
    code = main(["corpus", "info", str(archive), "--pattern", "{year}/{country}.txt", "--quiet"])
    out = capsys.readouterr().out
    assert code == 0
    assert "documents            2" in out
    assert "tokens               3" in out
    assert "year                numeric 1990 .. 1991" in out


def test_info_option_the_reader_does_not_take_exits_2_issue2(capsys):
    code = main(["corpus", "info", "sotu", "--pattern", "{x}.txt"])
    assert code == 2
    assert "the 'sotu' reader does not take --pattern" in capsys.readouterr().err


def test_info_unknown_reader_and_missing_file_issue2(tmp_path, capsys):
    assert main(["corpus", "info", "x.csv", "--reader", "xml"]) == 2
    assert "unknown --reader 'xml'" in capsys.readouterr().err
    # A missing input path is a usage error: exit 2 from every command (issue 12).
    assert main(["corpus", "info", str(tmp_path / "missing.csv")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_info_ungdc_without_path_exits_1_issue2(capsys):
    assert main(["corpus", "info", "ungdc"]) == 1
    assert "--path" in capsys.readouterr().err


@pytest.mark.slow
def test_info_real_ungdc_archive_issue2(ungdc_archive, capsys):
    info = run_json(capsys, "ungdc", "--path", str(ungdc_archive))
    assert info["documents"] == 10952
    assert {"country", "session", "year"} <= set(info["fields"])
    assert info["field_summaries"]["year"]["min"] == 1946


def test_download_command_wrong_checksum_exits_1_issue2(tmp_path, capsys):
    code = main(
        [
            "corpus",
            "download",
            "ungdc",
            "--to",
            str(tmp_path),
            "--url",
            "http://127.0.0.1:9/none",
            "--sha256",
            "0" * 64,
        ]
    )
    assert code == 1
    assert "nothing was saved" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_info_through_a_subprocess_issue2(tmp_path):
    f = tmp_path / "bad.csv"
    f.write_text(BAD_CSV)
    command = [
        sys.executable,
        "-m",
        "framing",
        "corpus",
        "info",
        str(f),
        "--text-col",
        "text",
        "--id-col",
        "id",
        "--json",
    ]
    failed = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert failed.returncode == 1
    assert "line 3" in failed.stderr and "Traceback" not in failed.stderr
    done = subprocess.run(
        [*command, "--on-bad-lines", "skip"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["skipped_rows"] == 1
    # no progress bar when stderr is not a terminal; only the skipped-rows count (issue 12)
    assert done.stderr.splitlines() == [
        f"framing: {f}: 1 malformed rows skipped (--on-bad-lines skip)"
    ]


def test_corpus_info_with_progress_bar_gives_same_counts_issue2(capsys):
    from corpus import Corpus
    from framing.cli._corpus import corpus_info

    c = Corpus.from_texts(["A b a.", "", "A b a."], docvars={"g": ["x", "y", "x"]})
    quiet, shown = corpus_info(c), corpus_info(c, progress=True)
    assert quiet == shown
    assert (quiet["tokens"], quiet["types"], quiet["duplicate_documents"]) == (6, 2, 1)
    assert quiet["field_summaries"]["g"]["top"] == [["x", 2], ["y", 1]]
    assert "doc" in capsys.readouterr().err  # tqdm wrote its bar to stderr
