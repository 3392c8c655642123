"""What the benchmark scripts share: where the data is, and a median timer.

The data folder is ``$FRAMING_DATA`` (default ``../shared/data`` beside the
repository), as for the tests.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("FRAMING_DATA", ROOT.parent / "shared" / "data"))
#: The UNGDC archive (a lazy corpus reads it in place).
ARCHIVE = DATA / "ungdc" / "UNGDC_1946-2024_TXT.tar.gz"


def cpu_model() -> str:
    """The CPU's model name as ``/proc/cpuinfo`` gives it (``"unknown"`` elsewhere)."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def median_time(func: Callable[[], object], repeats: int) -> float:
    """Median wall time of ``repeats`` calls of ``func``, in seconds."""
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)
