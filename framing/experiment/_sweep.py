"""Seed sweeps: one run per seed, then the stability of results across seeds.

``framing run CONFIG --seeds 1,2,3`` runs the experiment once per seed (each a
normal run folder) and writes ``<out>/<name>/sweep-<hash>/`` with
``stability_frames.csv`` (how each aggregate estimate and interval moves with
the seed) and ``stability_topics.csv`` (Hungarian-matched topic stability of
each topic model across seeds), plus ``sweep.json`` naming the runs.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pandas as pd

from framing._errors import ConfigError
from framing._provenance import write_json
from framing._tables import write_table

__all__ = ["frame_stability", "run_sweep"]

_VALUE_COLUMNS = ("estimate", "ci_low", "ci_high")


def frame_stability(tables: dict[int, pd.DataFrame]) -> pd.DataFrame:
    """Spread of aggregate estimates and intervals across seeds.

    Parameters
    ----------
    tables : dict of int to DataFrame
        One aggregate table per seed (same groups and frames).

    Returns
    -------
    DataFrame
        The key columns, then ``estimate_mean``, ``estimate_sd``,
        ``estimate_min``, ``estimate_max``, ``ci_low_min``, ``ci_high_max`` and
        ``n_seeds``.

    Examples
    --------
    >>> a = pd.DataFrame({"frame": ["war"], "estimate": [1.0], "ci_low": [0.5], "ci_high": [2.0]})
    >>> b = a.assign(estimate=[3.0], ci_low=[0.4])
    >>> frame_stability({1: a, 2: b})[["estimate_mean", "ci_low_min"]].to_numpy().tolist()
    [[2.0, 0.4]]
    """
    combined = pd.concat([t.assign(_seed=s) for s, t in sorted(tables.items())], ignore_index=True)
    missing = [c for c in _VALUE_COLUMNS if c not in combined.columns]
    if missing:
        raise ConfigError(f"aggregate tables lack column(s) {missing}")
    numeric_settings = {"n_boot", "conf_level", "n_units", "n_tokens", "hits", "n_docs"}
    keys = [
        c
        for c in combined.columns
        if c not in (*_VALUE_COLUMNS, "_seed")
        and c not in numeric_settings
        and not pd.api.types.is_float_dtype(combined[c])
    ]
    grouped = combined.groupby(keys, sort=True, dropna=False)
    out = grouped["estimate"].agg(
        estimate_mean="mean", estimate_sd="std", estimate_min="min", estimate_max="max"
    )
    out["ci_low_min"] = grouped["ci_low"].min()
    out["ci_high_max"] = grouped["ci_high"].max()
    out["n_seeds"] = grouped["_seed"].nunique()
    out["estimate_sd"] = out["estimate_sd"].fillna(0.0)
    return out.reset_index()


def _topic_stability(paths: dict[int, Path]) -> pd.DataFrame:
    from framing.topics import topic_stability

    labels: dict[str, dict[int, Path]] = {}
    for seed, run in paths.items():
        for folder in sorted((run / "models").glob("topics*")):
            generic = folder.name.rsplit("_s", 1)[0]
            labels.setdefault(generic, {})[seed] = folder
    rows = []
    for generic, folders in sorted(labels.items()):
        if len(folders) < 2:
            continue
        ordered = [folders[s] for s in sorted(folders)]
        results = [
            SimpleNamespace(topic_term=pd.read_parquet(f / "topic_term.parquet")) for f in ordered
        ]
        stability = topic_stability(results)
        table = stability.per_topic.assign(
            model=generic,
            mean_stability=stability.mean,
            n_seeds=len(results),
            metric=stability.metric,
        )
        rows.append(table)
    if not rows:
        return pd.DataFrame(
            columns=[
                "model",
                "topic",
                "stability",
                "min_similarity",
                "mean_stability",
                "n_seeds",
                "metric",
            ]
        )
    table = pd.concat(rows, ignore_index=True)
    return table[
        ["model", "topic", "stability", "min_similarity", "mean_stability", "n_seeds", "metric"]
    ]


def run_sweep(
    config_path: str | Path,
    seeds: Sequence[int],
    *,
    overrides: Sequence[str] = (),
    out_dir: str | Path = "runs",
    **run_options: Any,
) -> Path:
    """Run a config once per seed and summarise stability across seeds.

    Parameters
    ----------
    config_path : path
        The experiment YAML.
    seeds : sequence of int
        At least two distinct seeds.
    overrides : sequence of str
        ``key.path=value`` overrides applied to every run.
    out_dir : path, default="runs"
        Root of run folders.
    **run_options
        Passed to :func:`framing.run_experiment` (``use_cache``, ``overwrite``...).

    Returns
    -------
    Path
        The sweep folder.
    """
    from framing.experiment._run import run_experiment

    seeds = list(dict.fromkeys(int(s) for s in seeds))
    if len(seeds) < 2:
        raise ConfigError("--seeds needs at least two distinct seeds")
    runs = {
        s: run_experiment(
            config_path, overrides=[*overrides, f"seed={s}"], out_dir=out_dir, **run_options
        )
        for s in seeds
    }
    name = runs[seeds[0]].path.parent.name
    digest = hashlib.sha256(
        "|".join(f"{s}:{runs[s].config_hash}" for s in seeds).encode()
    ).hexdigest()[:12]
    final = Path(out_dir) / name / f"sweep-{digest}"
    tmp = final.with_name(f".tmp-sweep-{digest}-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        tmp.mkdir(parents=True)
        frames = []
        first = runs[seeds[0]].path / "tables"
        for table in sorted(first.glob("aggregate_*.csv")):
            per_seed = {s: pd.read_csv(runs[s].path / "tables" / table.name) for s in seeds}
            frames.append(frame_stability(per_seed).assign(table=table.stem))
        if frames:
            write_table(pd.concat(frames, ignore_index=True), tmp / "stability_frames.csv")
        write_table(
            _topic_stability({s: runs[s].path for s in seeds}), tmp / "stability_topics.csv"
        )
        write_json(
            tmp / "sweep.json",
            {"seeds": seeds, "runs": {str(s): runs[s].path.name for s in seeds}},
        )
        if final.exists():
            shutil.rmtree(final)
        os.replace(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return final
