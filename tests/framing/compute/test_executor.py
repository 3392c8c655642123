"""The execution layer: scheduler specs, the three backends, jobqueue scripts."""

from __future__ import annotations

import pytest

from framing import InvalidParameterError
from framing.compute import jobqueue_cluster, open_executor, parse_scheduler, require_dask


@pytest.mark.parametrize(
    ("spec", "kind", "workers"),
    [(None, "local", 1), ("local:1", "local", 1), ("local:3", "local", 3), (2, "local", 2),
     ("tcp://127.0.0.1:8786", "dask", 0), ("slurm", "jobqueue", 0), ("PBS", "jobqueue", 0)],
)  # fmt: skip
def test_parse_scheduler(spec, kind, workers):
    parsed = parse_scheduler(spec)
    assert (parsed.kind, parsed.workers) == (kind, workers)


@pytest.mark.parametrize("spec", ["local:0", "local:x", "remote", "tcp://", 1.5, "8786"])
def test_bad_scheduler_names_the_forms(spec):
    with pytest.raises(InvalidParameterError, match="local:N"):
        parse_scheduler(spec)


def _square_or_fail(x: int) -> int:
    if x == 13:
        raise ValueError("thirteen")
    return x * x


@pytest.mark.parametrize("spec", ["local:1", "local:2"])
def test_local_backends_keep_order(spec):
    with open_executor(spec) as ex:
        assert list(ex.map(_square_or_fail, range(10))) == [x * x for x in range(10)]


def test_dask_backend_keeps_order_and_reraises(dask_address):
    with open_executor(dask_address) as ex:
        assert ex.workers == 2
        assert list(ex.map(_square_or_fail, range(12))) == [x * x for x in range(12)]
        with pytest.raises(ValueError, match="thirteen"):
            list(ex.map(_square_or_fail, range(20)))


def test_local_pool_error_reaches_the_caller():
    with open_executor("local:2") as ex, pytest.raises(ValueError, match="thirteen"):
        list(ex.map(_square_or_fail, range(20)))


def test_unreachable_scheduler_is_a_clear_error():
    pytest.importorskip("distributed")
    from framing import FramingError

    with pytest.raises(FramingError, match="cannot reach the Dask scheduler"):
        with open_executor("tcp://127.0.0.1:9"):
            pass


def test_missing_module_hint():
    with pytest.raises(ImportError, match=r"discourse-framing\[dask\]"):
        require_dask("framing_no_such_module")


def test_slurm_job_script_from_the_documented_config():
    pytest.importorskip("dask_jobqueue")
    from framing.compute import read_cluster_config
    from tests.conftest import REPO_ROOT

    options = read_cluster_config(REPO_ROOT / "docs" / "examples" / "slurm.yaml")
    options["scheduler_options"] = {"host": "127.0.0.1", "dashboard_address": "127.0.0.1:0"}
    with jobqueue_cluster("slurm", options, scale=False) as (workers, cluster):
        script = cluster.job_script()
    assert workers == options["jobs"] * options["processes"]
    assert "#SBATCH --cpus-per-task=8" in script
    assert "#SBATCH -t 04:00:00" in script
    assert "#SBATCH -p normal" in script
    assert "--nworkers 4" in script


def test_jobqueue_rejects_unknown_options():
    pytest.importorskip("dask_jobqueue")
    with pytest.raises(InvalidParameterError, match="slurm cluster options"):
        options = {"cores": 1, "memory": "1GB", "colour": "red"}
        with jobqueue_cluster("slurm", options, scale=False):
            pass


def test_dask_reruns_the_tasks_of_a_worker_that_dies(tmp_path):
    distributed = pytest.importorskip("distributed")
    marker = str(tmp_path / "died")

    def die_once(x):  # pickled by value: the worker processes need not import this module
        import os

        if x == 3 and not os.path.exists(marker):
            open(marker, "w").close()
            os._exit(1)  # the worker process dies in the middle of the task
        return x * x

    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:  # fmt: skip
        with open_executor(cluster.scheduler_address) as ex:
            assert list(ex.map(die_once, range(8))) == [x * x for x in range(8)]
    assert (tmp_path / "died").exists()


def _page_faults_of_big_allocations() -> int:
    import resource

    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(40):
        block = b"x" * (1 << 20)  # 1 MiB: above the 128 KiB mmap threshold Dask's nanny fixes
        del block
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before


def test_issue16_dask_workers_reuse_big_allocations():
    # Dask's nanny starts workers with MALLOC_TRIM_THRESHOLD_ set, which makes every
    # 1 MiB allocation a fresh mmap: 40 of them fault in 40 x 256 pages.  The executor's
    # worker plugin restores heap reuse, so the same loop faults in a few pages only.
    distributed = pytest.importorskip("distributed")
    import sys

    if not sys.platform.startswith("linux"):
        pytest.skip("glibc's allocator only")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=None,
    ) as cluster, distributed.Client(cluster) as client:  # fmt: skip
        [untuned] = client.run(_page_faults_of_big_allocations).values()
        with open_executor(cluster.scheduler_address):
            [tuned] = client.run(_page_faults_of_big_allocations).values()
            [plugins] = client.run(lambda dask_worker: sorted(dask_worker.plugins)).values()
    assert "framing-malloc" in plugins
    assert untuned > 40 * 200
    assert tuned < 40 * 20
