"""The registry of coded samples and the headline tables generated from it.

The registry (``framing/lexicon/data/validation/registry.yaml``) lists every coded sample
with its role (``development`` or ``test``), the version it was drawn after, how it was
drawn, and each coder's file, kind and independence.  :func:`sample_figures` scores a test
sample against each coder and the adjudicated codes, with Krippendorff's alpha between
coders; :func:`figures_markdown` writes the datasheet table.  Only ``test`` samples whose
coders are all independent carry headline figures, so roles cannot be mixed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from framing._conventions import N_BOOT
from framing._errors import InvalidParameterError

__all__ = ["SampleFigures", "figures_markdown", "read_registry", "sample_figures"]

_REQUIRED = ("id", "measures", "role", "drawn_after_version", "corpus", "unit", "quantity",
             "draw", "units", "codes")  # fmt: skip
_CODER_KEYS = ("file", "kind", "blind", "saw_term_lists", "wrote_measure")


def _check_entry(entry: Any, where: str) -> dict[str, Any]:
    if not isinstance(entry, dict):
        raise InvalidParameterError(f"{where}: an entry must be a mapping")
    for key in _REQUIRED:
        if key not in entry:
            raise InvalidParameterError(f"{where}: missing key {key!r}")
    if entry["role"] not in ("development", "test"):
        raise InvalidParameterError(f"{where}.role: {entry['role']!r} is not development|test")
    for name, coder in entry["codes"].items():
        missing = [k for k in _CODER_KEYS if k not in coder]
        if missing:
            raise InvalidParameterError(f"{where}.codes.{name}: missing key(s) {missing}")
    return entry


def read_registry(path: str | Path) -> list[dict[str, Any]]:
    """Read and check a registry; file paths become absolute (relative to the registry).

    Raises
    ------
    InvalidParameterError
        A missing key, a bad role, a duplicate id or a missing codes file (named).
    """
    import yaml

    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InvalidParameterError(f"{path}: cannot read the registry ({exc})") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("samples"), list):
        raise InvalidParameterError(f"{path}: expected a mapping with a 'samples' list")
    entries, seen = [], set()
    for i, entry in enumerate(raw["samples"]):
        entry = _check_entry(entry, f"{path}: samples[{i}]")
        if entry["id"] in seen:
            raise InvalidParameterError(f"{path}: duplicate sample id {entry['id']!r}")
        seen.add(entry["id"])
        entry = {**entry, "units": path.parent / entry["units"]}
        entry["codes"] = {n: {**c, "file": path.parent / c["file"]}
                          for n, c in entry["codes"].items()}  # fmt: skip
        adjudicated = entry.get("adjudicated")
        if adjudicated:
            entry["adjudicated"] = {**adjudicated, "file": path.parent / adjudicated["file"]}
        for coder in [*entry["codes"].values(), entry.get("adjudicated") or {}]:
            if coder and not Path(coder["file"]).is_file():
                raise InvalidParameterError(f"{path}: {entry['id']}: no file {coder['file']}")
        entries.append(entry)
    return entries


def independent(entry: Mapping[str, Any]) -> bool:
    """A test sample whose every coder was blind, never saw the terms, did not write them."""
    return entry["role"] == "test" and all(
        c["blind"] is True and c["saw_term_lists"] is False and c["wrote_measure"] is False
        for c in entry["codes"].values()
    )


@dataclass(frozen=True)
class SampleFigures:
    """Evaluation of one measure on one coded sample."""

    sample: str
    measure: str
    role: str
    independent: bool
    per_coder: dict[str, pd.DataFrame]
    adjudicated: pd.DataFrame | None
    alpha: pd.DataFrame | None
    n_units: int


def _codes(file: Path, frames: list[str]) -> pd.DataFrame:
    table = pd.read_csv(file, dtype={"unit_id": str})
    missing = [f for f in ["unit_id", *frames] if f not in table.columns]
    if missing:
        raise InvalidParameterError(f"{file}: missing column(s) {missing}")
    return table.rename(columns={"unit_id": "doc_id"})[["doc_id", *frames]]


def sample_figures(
    entry: Mapping[str, Any],
    predicted: pd.DataFrame,
    *,
    measure: str,
    n_boot: int = N_BOOT,
    seed: int,
) -> SampleFigures:
    """P/R/F1 (bootstrap CIs) against each coder and the adjudicated codes; alpha.

    Parameters
    ----------
    entry : mapping
        One registry entry (from :func:`read_registry`).
    predicted : DataFrame
        ``doc_id`` plus one count or 0/1 column per frame (present when >= 1).
    measure : str
        The measure evaluated (must be in the entry's ``measures``).
    """
    from framing.validate._evaluate import evaluate, reliability

    if measure not in entry["measures"]:
        raise InvalidParameterError(f"{entry['id']}: measure {measure!r} is not registered")
    frames = [c for c in predicted.columns if c != "doc_id"]
    per_coder, long = {}, []
    for name, coder in entry["codes"].items():
        codes = _codes(Path(coder["file"]), frames)
        per_coder[name] = evaluate(predicted, codes, frames=frames, n_boot=n_boot, seed=seed)
        long.append(codes.assign(coder=name))
    adjudicated = None
    if entry.get("adjudicated"):
        codes = _codes(Path(entry["adjudicated"]["file"]), frames)
        adjudicated = evaluate(predicted, codes, frames=frames, n_boot=n_boot, seed=seed)
    alpha = reliability(pd.concat(long), frames=frames) if len(long) > 1 else None
    return SampleFigures(entry["id"], measure, entry["role"], independent(entry), per_coder,
                         adjudicated, alpha, len(predicted))  # fmt: skip


def _ci(row: pd.Series, name: str) -> str:
    value, low, high = row[name], row[f"{name}_ci_low"], row[f"{name}_ci_high"]
    if pd.isna(value):
        return "n/a"
    return f"{value:.2f}" if pd.isna(low) else f"{value:.2f} [{low:.2f}, {high:.2f}]"


def _versions(versions: Any) -> str:
    if isinstance(versions, Mapping):
        return ", ".join(f"{k} {v}" for k, v in versions.items())
    return f"version {versions}"


def figures_markdown(figures: SampleFigures, entry: Mapping[str, Any]) -> str:
    """The datasheet block of one sample: who coded, F1 per coder, adjudicated table, alpha."""
    coders = ", ".join(
        f"{n} ({c['kind']}, {'blind' if c['blind'] else 'not blind'}, "
        f"{'never saw' if not c['saw_term_lists'] else 'saw'} the term lists, "
        f"{'did not write' if not c['wrote_measure'] else 'wrote'} the measure)"
        for n, c in entry["codes"].items()
    )
    kind = "independent test sample" if figures.independent else f"{figures.role} sample"
    lines = [
        f"*Generated from the registry (`{entry['id']}`, {kind}) by "
        "`python experiments/validation/tables.py`; do not edit by hand.*",
        "",
        f"- Sample: {figures.n_units} {entry['unit']}s of {entry['corpus']}, drawn after "
        f"{_versions(entry['drawn_after_version'])} with seed {entry['draw'].get('seed')}; "
        f"{entry.get('design', '').strip()}",
        f"- Coders: {coders}.",
    ]
    if entry.get("adjudicated"):
        lines.append(f"- Adjudicated by {entry['adjudicated'].get('by', 'unknown')}.")
    if entry.get("blinding"):
        lines.append(f"- Blinding: {entry['blinding'].strip()}")
    lines += ["", "| frame | F1 vs " + " | F1 vs ".join(figures.per_coder) + " |"
              + (" α (Krippendorff) |" if figures.alpha is not None else ""),
              "|---|" + "---|" * len(figures.per_coder)
              + ("---:|" if figures.alpha is not None else "")]  # fmt: skip
    alpha = figures.alpha.set_index("frame") if figures.alpha is not None else None
    tables = {n: t.set_index("frame") for n, t in figures.per_coder.items()}
    for frame in next(iter(tables.values())).index:
        cells = [_ci(t.loc[frame], "f1") for t in tables.values()]
        a = ""
        if alpha is not None:
            known = frame in alpha.index
            a = f" {alpha.loc[frame, 'krippendorff_alpha']:.2f} |" if known else " |"
        lines.append(f"| {frame} | " + " | ".join(cells) + " |" + a)
    if figures.adjudicated is not None:
        lines += ["", "Against the adjudicated codes (the headline; 95% percentile bootstrap "
                  "intervals over units):", "",
                  "| frame | support | TP | FP | FN | precision [95% CI] | recall [95% CI] "
                  "| F1 [95% CI] |", "|---|---:|---:|---:|---:|---|---|---|"]  # fmt: skip
        for _, row in figures.adjudicated.iterrows():
            lines.append(
                f"| {row['frame']} | {row['support']} | {row['tp']} | {row['fp']} | "
                f"{row['fn']} | {_ci(row, 'precision')} | {_ci(row, 'recall')} | "
                f"{_ci(row, 'f1')} |"
            )
    return "\n".join(lines) + "\n"
