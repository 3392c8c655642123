"""Scoring partitioned datasets: the same bytes whatever the scheduler and the partitions."""

from __future__ import annotations

import pandas as pd
import pytest

from corpus import partitions
from framing import InvalidParameterError, Lexicon, score_frames
from framing.score import FrameScores

LEX = Lexicon.from_terms("toy", {"sov": ["sovereign*", "territorial integrity"],
                                 "res": ["resist*"]})  # fmt: skip
ROWS = [
    ("a", "Sovereignty and territorial integrity.", 1990),  # sov 2
    ("b", "We resist. They resisted.", 1991),  # res 2
    ("c", "Nothing here.", 1992),
    ("d", "A sovereign people resists.", 1993),  # sov 1, res 1
    ("e", "territorial\nintegrity, resistance", 1994),  # sov 1, res 1
]


def _dataset(root, sizes):
    root.mkdir()
    start = 0
    for i, size in enumerate(sizes):
        rows = ROWS[start : start + size]
        pd.DataFrame(rows, columns=["id", "text", "year"]).to_parquet(root / f"p{i:02d}.parquet")
        start += size
    return partitions(root, reader="parquet", id_col="id")


def test_counts_are_hand_computed(tmp_path):
    scores = score_frames(_dataset(tmp_path / "d", [2, 3]), LEX)
    assert scores.counts["sov"].tolist() == [2, 0, 0, 1, 1]
    assert scores.counts["res"].tolist() == [0, 2, 0, 1, 1]
    assert scores.docvars["year"].tolist() == [1990, 1991, 1992, 1993, 1994]


def _bytes(scores: FrameScores, path) -> bytes:
    return scores.to_parquet(path).read_bytes()


def test_same_bytes_for_every_partitioning_and_scheduler(tmp_path, dask_address):
    outputs = set()
    for i, sizes in enumerate([[5], [2, 3], [1, 1, 1, 1, 1]]):
        parts = _dataset(tmp_path / f"d{i}", sizes)
        for j, scheduler in enumerate([None, "local:2", dask_address]):
            scores = score_frames(parts, LEX, scheduler=scheduler, chunk_size=2)
            outputs.add(_bytes(scores, tmp_path / f"out{i}{j}.parquet"))
    assert len(outputs) == 1


def test_same_bytes_as_the_corpus_in_memory_on_every_scheduler(tmp_path, dask_address):
    from corpus import Corpus

    corp = Corpus.from_texts([r[1] for r in ROWS], doc_ids=[r[0] for r in ROWS])
    outputs = {
        _bytes(score_frames(corp, LEX, scheduler=s, chunk_size=2), tmp_path / f"{k}.parquet")
        for k, s in enumerate([None, "local:2", dask_address])
    }
    assert len(outputs) == 1


def test_paragraph_units_per_partition(tmp_path):
    parts = _dataset(tmp_path / "d", [2, 3])
    scores = score_frames(parts, LEX, unit="paragraph")
    assert scores.counts["sov"].sum() == 4
    assert scores.docvars["parent_id"].iloc[0] == "a"


def test_duplicate_ids_across_partitions_name_both(tmp_path):
    root = tmp_path / "d"
    root.mkdir()
    for i in range(2):
        pd.DataFrame({"id": ["x"], "text": ["sovereign"]}).to_parquet(root / f"p{i}.parquet")
    parts = partitions(root, reader="parquet", id_col="id")
    with pytest.raises(InvalidParameterError, match=r"'x' occurs in partition 1/2.*partition 2/2"):
        score_frames(parts, LEX)


def test_failing_partition_on_dask_names_partition_file_and_row(tmp_path, dask_address):
    from corpus import ReaderError

    root = tmp_path / "d"
    root.mkdir()
    pd.DataFrame({"id": ["a"], "text": ["ok"]}).to_parquet(root / "p0.parquet")
    pd.DataFrame({"id": ["b", "c"], "text": [5, 7]}).to_parquet(root / "p1.parquet")
    parts = partitions(root, reader="parquet", id_col="id")
    with pytest.raises(ReaderError, match=r"partition 2/2 \(p1.parquet\).*row 0"):
        score_frames(parts, LEX, scheduler=dask_address)


def test_scheduler_and_n_jobs_together_is_an_error(tmp_path):
    with pytest.raises(InvalidParameterError, match="n_jobs or scheduler"):
        score_frames(["a"], LEX, n_jobs=2, scheduler="local:2")


def test_hits_are_the_same_on_every_scheduler(dask_address):
    from framing import find_hits

    texts = [r[1] for r in ROWS]
    tables = [
        find_hits(texts, LEX, chunk_size=2, scheduler=s) for s in (None, "local:2", dask_address)
    ]
    assert len(tables[0]) == 8  # sov 2+1+1, res 2+1+1
    for table in tables[1:]:
        assert table.equals(tables[0])


def test_kwic_command_takes_a_scheduler(tmp_path, capsys):
    from framing.cli import main

    path = tmp_path / "docs.csv"
    pd.DataFrame({"id": [r[0] for r in ROWS], "text": [r[1] for r in ROWS]}).to_csv(path)
    out = []
    for k, extra in enumerate([[], ["--scheduler", "local:2"]]):
        target = tmp_path / f"k{k}.csv"
        args = [str(path), "--id-col", "id", "--lexicon", "mideast", "--out", str(target)]
        assert main(["kwic", *args, *extra]) == 0
        out.append(target.read_bytes())
    assert out[0] == out[1]
    assert main(["kwic", str(path), "--lexicon", "mideast", "--scheduler", "nowhere"]) == 2
    assert "local:N" in capsys.readouterr().err


def test_score_command_on_a_dataset_folder(tmp_path, dask_address, capsys):
    from framing.cli import main

    _dataset(tmp_path / "d", [2, 3])
    base = [str(tmp_path / "d"), "--reader", "parquet", "--text-col", "text", "--id-col", "id",
            "--lexicon", "mideast", "--quiet"]  # fmt: skip
    outputs = []
    for k, extra in enumerate([[], ["--scheduler", "local:2"], ["--scheduler", dask_address]]):
        target = tmp_path / f"A{k}.parquet"
        assert main(["score", *base, "--out", str(target), *extra]) == 0
        outputs.append(target.read_bytes())
    assert len(set(outputs)) == 1
    assert main(["score", *base, "--out", str(tmp_path / "x.parquet"), "--jobs", "2",
                 "--scheduler", "local:2"]) == 2  # fmt: skip
    assert "not both" in capsys.readouterr().err


def test_score_command_bad_partition_writes_nothing(tmp_path, capsys):
    from framing.cli import main

    root = tmp_path / "d"
    _dataset(root, [2, 3])
    pd.DataFrame({"id": ["z"], "text": [3]}).to_parquet(root / "p99.parquet")
    target = tmp_path / "A.parquet"
    args = ["score", str(root), "--reader", "parquet", "--id-col", "id", "--lexicon", "mideast",
            "--out", str(target), "--quiet", "--scheduler", "local:2"]  # fmt: skip
    assert main(args) == 1
    assert "partition 3/3 (p99.parquet)" in capsys.readouterr().err
    assert list(tmp_path.glob("A*")) == []


def test_issue16_input_counts_add_up_over_partitions(tmp_path):
    # each file has one malformed row (three fields); skipped rows of both files are counted
    root = tmp_path / "csv"
    root.mkdir()
    (root / "a.csv").write_text('id,text\na1,"We resist."\na2,x,y\n')
    (root / "b.csv").write_text('id,text\nb1,x,y\nb2,"Sovereign."\n')
    parts = partitions(root, reader="csv", id_col="id", on_bad_lines="skip")
    scores = score_frames(parts, LEX)
    assert scores.counts.index.tolist() == ["a1", "b2"]
    assert scores.meta["input_counts"]["skipped_rows"] == 2


def test_issue16_partitioned_fingerprint_is_the_whole_corpus_fingerprint(tmp_path):
    from corpus import read_parquet

    whole = tmp_path / "whole.parquet"
    pd.DataFrame(ROWS, columns=["id", "text", "year"]).to_parquet(whole)
    expected = read_parquet(whole, id_col="id").fingerprint
    scores = score_frames(_dataset(tmp_path / "d", [2, 3]), LEX)
    assert scores.meta["corpus_fingerprint"] == expected


def _speech_archive(path):
    import io
    import tarfile

    with tarfile.open(path, "w:gz") as tar:
        for k, (doc_id, text, year) in enumerate(ROWS):
            data = text.encode()
            info = tarfile.TarInfo(f"Session {k % 2 + 1} - {year}/{doc_id.upper()}_{year}.txt")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def test_issue16_text_archive_by_session_same_bytes_as_in_process(tmp_path, dask_address):
    from corpus import read_texts, text_partitions

    archive = _speech_archive(tmp_path / "speeches.tar.gz")
    pattern = "Session {session} - {_}/{country}_{year}.txt"
    whole = score_frames(read_texts(archive, pattern=pattern), LEX)  # streamed, this process
    assert whole.counts.loc["Session 1 - 1990/A_1990", "sov"] == 2
    expected = _bytes(whole, tmp_path / "whole.parquet")
    parts = text_partitions(archive, pattern=pattern)
    assert len(parts) == 5  # one per session folder (each year here is its own folder)
    for k, scheduler in enumerate([None, "local:2", dask_address]):
        scores = score_frames(parts, LEX, scheduler=scheduler)
        assert _bytes(scores, tmp_path / f"p{k}.parquet") == expected


def test_issue16_score_command_on_an_archive_with_a_scheduler(tmp_path, capsys):
    from framing.cli import main

    archive = _speech_archive(tmp_path / "speeches.tar.gz")
    base = ["score", str(archive), "--pattern", "Session {session} - {year}/{country}_{_}.txt",
            "--lexicon", "mideast", "--quiet"]  # fmt: skip
    outputs = []
    for k, extra in enumerate([[], ["--scheduler", "local:2"]]):
        assert main([*base, "--out", str(tmp_path / f"A{k}.parquet"), *extra]) == 0
        outputs.append((tmp_path / f"A{k}.parquet").read_bytes())
    assert outputs[0] == outputs[1]
