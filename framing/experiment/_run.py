"""Run an experiment config into one run folder, atomically and reproducibly.

``run_experiment`` builds the run in a temporary folder beside its target and
renames it into ``<out>/<name>/<config-hash>/`` only when every stage has
succeeded, so a failed or killed run never leaves a partial run folder.  An
existing complete run is reused (or, with ``overwrite=True``, replaced in one
rename).  Everything but ``timings.json`` is byte-identical across reruns.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from framing._errors import ConfigError, FramingError, InvalidParameterError
from framing._provenance import environment_record, file_sha256, write_json
from framing.experiment._config import config_hash, load_config
from framing.experiment._context import RunContext

__all__ = ["RunResult", "run_experiment"]

TIMINGS_FILE = "timings.json"
MANIFEST_FILE = "manifest.json"
CONFIG_FILE = "config.yaml"


@dataclass
class RunResult:
    """Where a run went and whether it was reused.

    Parameters
    ----------
    path : Path
        The run folder ``<out>/<name>/<config-hash>``.
    config_hash : str
        First 12 hex digits of the SHA-256 of the resolved config.
    reused : bool, default=False
        True when a complete run with this hash already existed.
    timings : dict, default={}
        Seconds per stage (empty when reused).

    Examples
    --------
    >>> RunResult(Path("runs/x/abc"), "abc").reused
    False
    """

    path: Path
    config_hash: str
    reused: bool = False
    timings: dict[str, float] = field(default_factory=dict)


def _dump_yaml(data: Mapping[str, Any]) -> str:
    return yaml.safe_dump(dict(data), sort_keys=True, allow_unicode=True, default_flow_style=False)


def _clean_stale_temps(parent: Path) -> None:
    """Remove temporary run folders left by killed runs (their pid is gone)."""
    if not parent.is_dir():
        return
    for entry in parent.glob(".tmp-*"):
        try:
            pid = int(entry.name.rsplit("-", 1)[-1])
        except ValueError:
            continue
        alive = True
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            alive = False
        except PermissionError:
            alive = True
        if not alive or pid == os.getpid():
            shutil.rmtree(entry, ignore_errors=True)


def _is_complete(path: Path) -> bool:
    return (path / MANIFEST_FILE).is_file()


def scope_checks(config: Any) -> list[dict[str, Any]]:
    """Check every (lexicon, quantity) use of a config against the validation records.

    Warns once per measure used outside its validated scope, naming every quantity
    concerned (:class:`framing.validate.ScopeWarning`), and returns the checks as the
    manifest records them (``validation_scope``).
    """
    from framing.lexicon import load_lexicon
    from framing.validate import check_scope, warn_scope

    analyses = config.analyses
    used = [a.measure for name in ("aggregate", "compare", "trend")
            for a in (getattr(analyses, name, None) or [])]  # fmt: skip
    quantities = sorted(set(used)) or [None]
    records = []
    for i, source in enumerate(config.lexicons):
        try:
            lexicon = load_lexicon(source)
        except (KeyError, OSError, FramingError) as error:
            message = error.args[0] if error.args else str(error)
            raise ConfigError(f"lexicons.{i}: {message}") from None
        if config.scoring.measure == "model":
            records.append(_model_scope(config, lexicon.name, i))
            continue
        use = {"corpus": config.corpus.source, "unit": config.scoring.unit}
        checks = [check_scope(lexicon, **use, quantity=q) for q in quantities]
        warn_scope(checks, stacklevel=3)
        records.extend(check.to_dict() for check in checks)
    return records


def _model_scope(config: Any, name: str, i: int) -> dict[str, Any]:
    """What the manifest records of a trained model's validated scope (its card)."""
    from framing.models import load_model

    source = config.scoring.models.get(name, name)
    try:
        model = load_model(source)
    except FramingError as error:
        raise ConfigError(f"lexicons.{i}: no model for {name!r}: {error.args[0]}") from None
    return {
        "lexicon": name,
        "measure": "model",
        "model": model.name,
        "model_version": model.version,
        "validated_on": model.card.get("scope", ""),
    }


def _write_manifest(ctx: RunContext, digest: str, scope: list[dict[str, Any]]) -> None:
    outputs = {}
    for path in sorted(ctx.workdir.rglob("*")):
        rel = path.relative_to(ctx.workdir).as_posix()
        if path.is_file() and rel not in (MANIFEST_FILE, TIMINGS_FILE):
            outputs[rel] = file_sha256(path)
    from framing._version import DISTRIBUTION, __version__

    manifest = {
        "distribution": DISTRIBUTION,
        "version": __version__,
        "name": ctx.config.name,
        "config_hash": digest,
        "seed": ctx.config.seed,
        **environment_record(),
        **ctx.fingerprints,
        "validation_scope": scope,
        "outputs": outputs,
    }
    write_json(ctx.workdir / MANIFEST_FILE, manifest)


def _stage_bar(total: int, name: str, progress: bool) -> Any:
    """One progress bar over the stages (on stderr; silent unless asked for)."""
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=f"run {name}", unit="stage", disable=not progress, leave=True)


def _make_folders(parent: Path) -> list[Path]:
    """Create ``parent`` and its missing ancestors; return the ones made, outermost first.

    A path in the way that is a file is an error naming it (not the OS's "Not a directory").
    """
    missing = []
    for folder in (parent, *parent.parents):
        if folder.is_dir():
            break
        if folder.exists():
            raise InvalidParameterError(
                f"--out/out_dir: {folder} is a file, not a folder; give a folder for run folders"
            )
        missing.append(folder)
    for folder in reversed(missing):
        folder.mkdir()
    return list(reversed(missing))


def run_experiment(
    config_path: str | Path,
    *,
    overrides: Sequence[str] = (),
    out_dir: str | Path = "runs",
    use_cache: bool = True,
    cache_dir: str | Path | None = None,
    overwrite: bool = False,
    progress: bool = False,
    stages: Sequence[tuple[str, Callable[[RunContext], None]]] | None = None,
) -> RunResult:
    """Run one experiment config into ``<out_dir>/<name>/<config-hash>/``.

    Parameters
    ----------
    config_path : path
        The YAML config.
    overrides : sequence of str
        ``key.path=value`` overrides applied before validation (they change
        the config hash).
    out_dir : path, default="runs"
        Root folder of run folders.
    use_cache : bool, default=True
        Reuse cached tokens keyed by fingerprints.
    cache_dir : path, optional
        Cache folder; default ``$FRAMING_CACHE`` or ``<out_dir>/.cache``.
    overwrite : bool, default=False
        Replace an existing complete run instead of reusing it.
    progress : bool, default=False
        Show a progress bar per stage on stderr.
    stages : sequence of (name, callable), optional
        Replace the standard stages (for tests and extensions); each callable
        takes the run context.

    Returns
    -------
    RunResult

    Raises
    ------
    ConfigError
        On an invalid config (exit code 2 on the command line).

    Examples
    --------
    >>> import tempfile
    >>> out = tempfile.mkdtemp()
    >>> def count(ctx):
    ...     ctx.table_path("n", "csv").write_text("n\\n1\\n")
    >>> result = run_experiment("experiments/sotu.yaml", out_dir=out, stages=[("n", count)])
    >>> sorted(p.name for p in result.path.iterdir())
    ['config.yaml', 'manifest.json', 'tables', 'timings.json']
    >>> run_experiment("experiments/sotu.yaml", out_dir=out, stages=[("n", count)]).reused
    True
    """
    from framing.experiment._stages import STAGES

    config, data = load_config(config_path, overrides)
    compute = data.pop("compute", None)  # where it ran changes no byte of the run folder
    digest = config_hash(data)
    scope = scope_checks(config)
    parent = Path(out_dir) / config.name
    final = parent / digest
    if final.exists() and _is_complete(final) and not overwrite:
        return RunResult(final, digest, reused=True)
    if final.exists() and not _is_complete(final):
        raise ConfigError(f"{final} exists but is not a complete run; remove it and rerun")
    created = _make_folders(parent)
    _clean_stale_temps(parent)
    workdir = parent / f".tmp-{digest}-{os.getpid()}"
    if cache_dir is None and use_cache:
        cache_dir = os.environ.get("FRAMING_CACHE") or Path(out_dir) / ".cache"
    ctx = RunContext(
        config=config,
        data=data,
        workdir=workdir,
        cache_dir=Path(cache_dir) if use_cache and cache_dir else None,
        progress=progress,
    )
    timings: dict[str, float] = {}
    try:
        workdir.mkdir()
        (workdir / CONFIG_FILE).write_text(_dump_yaml(data), encoding="utf-8")
        plan = list(stages or STAGES)
        bar = _stage_bar(len(plan), config.name, progress)
        for name, stage in plan:
            bar.set_postfix_str(name)
            started = time.perf_counter()
            stage(ctx)
            timings[name] = round(time.perf_counter() - started, 3)
            bar.update(1)
        bar.close()
        _write_manifest(ctx, digest, scope)
        write_json(
            workdir / TIMINGS_FILE,
            {
                "stages_seconds": timings,
                "compute": compute,
                "finished_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            },
        )
        if final.exists():
            trash = parent / f".tmp-old-{digest}-{os.getpid()}"
            os.replace(final, trash)
            os.replace(workdir, final)
            shutil.rmtree(trash, ignore_errors=True)
        else:
            os.replace(workdir, final)
    except BaseException:
        shutil.rmtree(workdir, ignore_errors=True)
        for folder in reversed(created):  # a failed run leaves no folder it made behind
            with contextlib.suppress(OSError):
                folder.rmdir()  # only if empty
        raise
    return RunResult(final, digest, reused=False, timings=timings)
