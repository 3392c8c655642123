"""Property tests: texts survive every reader unchanged (issue 2)."""

from __future__ import annotations

import csv
import io
import json
import tarfile
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus import read, read_csv, read_jsonl, read_texts

# Any text without surrogates (not encodable as UTF-8) and without "\r", which the
# csv module (like every CSV reader) may normalise inside quoted fields.
TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\r"), max_size=60)
DOCS = st.lists(TEXT, min_size=1, max_size=8)
SETTINGS = settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(DOCS)
def test_csv_roundtrip_keeps_texts_issue2(texts):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "docs.csv"
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["id", "text"])
            writer.writerows([f"doc{i}", t] for i, t in enumerate(texts))
        c = read_csv(path, id_col="id")
    assert c.texts == texts
    assert c.doc_ids == tuple(f"doc{i}" for i in range(len(texts)))


@SETTINGS
@given(DOCS)
def test_jsonl_roundtrip_keeps_texts_issue2(texts):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "docs.jsonl"
        path.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), "utf-8")
        assert read_jsonl(path).texts == texts


@SETTINGS
@given(st.lists(TEXT, min_size=1, max_size=6))
def test_folder_tar_and_zip_agree_issue2(texts):
    files = {f"{1990 + i % 3}/doc{i:02d}.txt": t.encode("utf-8") for i, t in enumerate(texts)}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name, data in files.items():
            (root / "f" / name).parent.mkdir(parents=True, exist_ok=True)
            (root / "f" / name).write_bytes(data)
        with tarfile.open(root / "a.tar.gz", "w:gz") as tar:
            for name, data in reversed(files.items()):  # unsorted member order
                info = tarfile.TarInfo(name)
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
        with zipfile.ZipFile(root / "a.zip", "w") as zf:
            for name, data in files.items():
                zf.writestr(name, data)
        corpora = [read(root / p, pattern="{year}/{name}.txt") for p in ("f", "a.tar.gz", "a.zip")]
        expected = [files[k].decode("utf-8") for k in sorted(files)]
        for c in corpora:
            assert c.texts == expected
            assert c.fingerprint == corpora[0].fingerprint
        member_order = [data.decode("utf-8") for data in reversed(files.values())]
        assert read_texts(root / "a.tar.gz", order="archive").texts == member_order
