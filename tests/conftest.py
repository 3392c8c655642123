"""Shared fixtures: the real-data path, the global random seed, data paths."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# CI machines are small and shared: time limits per example would make property tests
# flaky without making them stricter.
settings.register_profile("framing", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "framing"))

REPO_ROOT = Path(__file__).resolve().parents[1]

#: The one environment variable that locates ../shared/data.
DATA_ENV = "FRAMING_DATA"


def shared_data_dir() -> Path:
    """The shared real-data folder: ``$FRAMING_DATA`` or ``<repo>/../shared/data``."""
    return Path(os.environ.get(DATA_ENV, REPO_ROOT.parent / "shared" / "data"))


def in_ci() -> bool:
    """True on the CI machine (``CI=true``), where nothing the tests need may be missing."""
    return os.environ.get("CI", "").lower() == "true"


def skip_or_fail(reason: str) -> None:
    """Skip with ``reason`` on a user's machine; fail in CI, where it must not be missing."""
    if in_ci():
        pytest.fail(f"CI=true but {reason}")
    pytest.skip(reason)


def require_shared(*parts: str) -> Path:
    """Return a path under the shared data folder; skip with a reason where it is absent.

    In CI (``CI=true``) an absent path fails the test instead: a real-data test must not
    pass there by skipping.
    """
    path = shared_data_dir().joinpath(*parts)
    if not path.exists():
        skip_or_fail(
            f"real data {path} is absent; set {DATA_ENV} to the folder holding "
            "ungdc/ and news/ (see ../shared/data/README.md) to run this test"
        )
    return path


@pytest.fixture
def global_random_seed() -> int:
    """42 by default; set FRAMING_TEST_SEED to sweep seeds."""
    return int(os.environ.get("FRAMING_TEST_SEED", "42"))


@pytest.fixture
def ungdc_archive() -> Path:
    """The UNGDC archive in ../shared/data, or skip."""
    return require_shared("ungdc", "UNGDC_1946-2024_TXT.tar.gz")


@pytest.fixture
def fakes_csv() -> Path:
    """The FA-KES CSV in ../shared/data, or skip."""
    return require_shared("news", "fa-kes", "FA-KES-Dataset.csv")


@pytest.fixture(scope="session")
def dask_address() -> Iterator[str]:
    """A two-worker Dask LocalCluster on 127.0.0.1 (threads), closed after the tests."""
    distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, protocol="tcp", host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:  # fmt: skip
        yield cluster.scheduler_address
