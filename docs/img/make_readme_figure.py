"""Make ``docs/img/sotu_trend.png``, the README's figure, from the default experiment.

The figure is the trend panel that ``framing run experiments/sotu.yaml`` draws
(``figures/trend_generic_news_0.png`` of the run folder), copied byte for byte; a test checks
that the committed file still equals what the run draws.  Run from the repository root::

    python docs/img/make_readme_figure.py

It reuses a complete run in ``runs/`` when there is one (runs are byte-identical).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIGURE = ROOT / "docs" / "img" / "sotu_trend.png"
SOURCE = Path("figures") / "trend_generic_news_0.png"


def main() -> int:
    from framing import run_experiment

    result = run_experiment(ROOT / "experiments" / "sotu.yaml", out_dir=ROOT / "runs")
    drawn = result.path / SOURCE
    tmp = FIGURE.with_suffix(".png.tmp")
    shutil.copyfile(drawn, tmp)
    tmp.replace(FIGURE)
    print(f"{FIGURE.relative_to(ROOT)} <- {drawn.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
