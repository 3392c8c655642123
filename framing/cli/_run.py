"""``framing run``, ``framing config check``, ``framing runs list|diff``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from framing.cli._figures import add_figure_commands

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the run, config and runs commands."""
    run = subparsers.add_parser(
        "run",
        help="run an experiment config into runs/<name>/<config-hash>/",
        description="Run an experiment config. The run folder is written atomically; "
        "an existing complete run is reused unless --overwrite.",
    )
    run.add_argument("config", help="the experiment YAML file")
    run.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="KEY.PATH=VALUE",
        help="override one config value (repeatable); changes the config hash",
    )
    run.add_argument("--out", default="runs", help="root folder of run folders (default: runs)")
    run.add_argument(
        "--seeds",
        help="comma-separated seeds: one run per seed plus a stability summary across them",
    )
    run.add_argument("--no-cache", action="store_true", help="do not read or write caches")
    run.add_argument("--overwrite", action="store_true", help="replace an existing run")
    run.add_argument("--quiet", action="store_true", help="no progress bars")
    run.set_defaults(handler=_run)

    config = subparsers.add_parser("config", help="check experiment configs")
    config_sub = config.add_subparsers(dest="config_command", metavar="SUBCOMMAND")
    config_sub.required = True
    check = config_sub.add_parser("check", help="validate a config and print its hash")
    check.add_argument("config")
    check.add_argument("--set", dest="overrides", action="append", default=[])
    check.set_defaults(handler=_check)

    runs = subparsers.add_parser("runs", help="list and compare run folders")
    runs_sub = runs.add_subparsers(dest="runs_command", metavar="SUBCOMMAND")
    runs_sub.required = True
    listing = runs_sub.add_parser("list", help="list complete runs")
    listing.add_argument("--out", default="runs")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_list)
    diff = runs_sub.add_parser("diff", help="differences in config and outputs of two runs")
    diff.add_argument("a")
    diff.add_argument("b")
    diff.add_argument("--json", action="store_true")
    diff.set_defaults(handler=_diff)
    add_figure_commands(runs_sub)


def _run(args: argparse.Namespace) -> int:
    from framing.experiment import run_experiment, run_sweep

    progress = not args.quiet and sys.stderr.isatty()
    if args.seeds:
        try:
            seeds = [int(s) for s in args.seeds.split(",") if s.strip()]
        except ValueError:
            from framing._errors import ConfigError

            raise ConfigError(f"--seeds {args.seeds!r}: expected integers like 1,2,3") from None
        path = run_sweep(
            args.config,
            seeds,
            overrides=args.overrides,
            out_dir=args.out,
            use_cache=not args.no_cache,
            overwrite=args.overwrite,
            progress=progress,
        )
        print(path)
        return 0
    result = run_experiment(
        args.config,
        overrides=args.overrides,
        out_dir=args.out,
        use_cache=not args.no_cache,
        overwrite=args.overwrite,
        progress=progress,
    )
    state = "reused" if result.reused else "written"
    print(f"{result.path} ({state})")
    return 0


def _check(args: argparse.Namespace) -> int:
    from framing.experiment import config_hash, load_config

    config, data = load_config(args.config, args.overrides)
    print(
        f"{args.config}: valid; name {config.name}, seed {config.seed}, hash {config_hash(data)}"
    )
    return 0


def _read_run(path: Path) -> dict[str, Any]:
    from framing._errors import ConfigError

    manifest = path / "manifest.json"
    if not manifest.is_file():
        raise ConfigError(f"{path} is not a complete run folder (no manifest.json)")
    return json.loads(manifest.read_text(encoding="utf-8"))


def _list(args: argparse.Namespace) -> int:
    rows = []
    for manifest in sorted(Path(args.out).glob("*/*/manifest.json")):
        data = json.loads(manifest.read_text(encoding="utf-8"))
        rows.append(
            {
                "path": manifest.parent.as_posix(),
                "name": data.get("name"),
                "config_hash": data.get("config_hash"),
                "seed": data.get("seed"),
                "documents": (data.get("corpus") or {}).get("documents"),
                "outputs": len(data.get("outputs", {})),
            }
        )
    if args.json:
        print(json.dumps(rows, indent=2))
    elif not rows:
        print(f"no complete runs under {args.out}")
    else:
        for row in rows:
            print(
                f"{row['path']}  seed={row['seed']}  documents={row['documents']}  "
                f"outputs={row['outputs']}"
            )
    return 0


def _flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(data, dict):
        out: dict[str, Any] = {}
        for key, value in data.items():
            out.update(_flatten(value, f"{prefix}{key}."))
        return out
    return {prefix.rstrip("."): data}


def run_diff(a: Path, b: Path) -> dict[str, Any]:
    """Config and output differences between two run folders."""
    import yaml

    ma, mb = _read_run(a), _read_run(b)
    ca = _flatten(yaml.safe_load((a / "config.yaml").read_text(encoding="utf-8")))
    cb = _flatten(yaml.safe_load((b / "config.yaml").read_text(encoding="utf-8")))
    config = {
        k: [ca.get(k), cb.get(k)] for k in sorted(set(ca) | set(cb)) if ca.get(k) != cb.get(k)
    }
    oa, ob = ma.get("outputs", {}), mb.get("outputs", {})
    return {
        "config": config,
        "only_in_a": sorted(set(oa) - set(ob)),
        "only_in_b": sorted(set(ob) - set(oa)),
        "changed": sorted(k for k in set(oa) & set(ob) if oa[k] != ob[k]),
        "identical": sorted(k for k in set(oa) & set(ob) if oa[k] == ob[k]),
        "fingerprints": {
            key: [ma.get(key), mb.get(key)]
            for key in ("corpus", "lexicons", "seed", "git", "dependencies")
            if ma.get(key) != mb.get(key)
        },
    }


def _diff(args: argparse.Namespace) -> int:
    result = run_diff(Path(args.a), Path(args.b))
    if args.json:
        print(json.dumps(result, indent=2, sort_keys=True, default=str))
        return 0
    print("config differences:" if result["config"] else "config: identical")
    for key, (va, vb) in result["config"].items():
        print(f"  {key}: {va!r} -> {vb!r}")
    for key in result["fingerprints"]:
        print(f"  manifest {key}: differs")
    for label in ("only_in_a", "only_in_b", "changed"):
        for name in result[label]:
            print(f"  {label.replace('_', ' ')}: {name}")
    print(f"  identical outputs: {len(result['identical'])}")
    return 0
