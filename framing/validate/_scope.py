"""Validation records of measures and the scope check that travels with every number.

A measure's record (``<name>.scope.yaml`` beside the measure, see ``docs/validation.md``)
says what was validated: corpus, unit, quantity (presence or rate), sample design, coders
and their independence, the version and the figures.  :func:`check_scope` compares a use
with the records; :func:`warn_scope` warns once per use and process; :func:`scope_caption`
writes the sentence a figure caption needs.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from framing._errors import InvalidParameterError
from framing.lexicon import Lexicon

__all__ = [
    "ScopeCheck",
    "ScopeRecord",
    "ScopeWarning",
    "ValidationScope",
    "check_scope",
    "read_scope",
    "scope_caption",
    "validation_scope",
    "warn_scope",
]

UNITS = ("document", "paragraph", "sentence")
QUANTITIES = ("presence", "rate")
_KINDS = ("lexicon", "model")
_DATA_PACKAGES = (("framing.lexicon", "lexicon"), ("framing.measures", "model"))
_WARNED: set[tuple[Any, ...]] = set()


class ScopeWarning(UserWarning):
    """A measure is used outside the scope its validation records cover."""


@dataclass(frozen=True)
class ScopeRecord:
    """One validation record: what was validated and how well.

    ``independent`` is True when every coder of the record was blind (never saw the
    measure's terms or outputs) and did not write the measure, and the sample's role is
    ``test``: only such records support a headline claim.
    """

    id: str
    corpus: str
    population: str
    unit: str
    quantity: str
    frames: tuple[str, ...]
    sample: dict[str, Any]
    coders: tuple[dict[str, Any], ...]
    figures: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    corpus_files: tuple[str, ...] = ()

    @property
    def role(self) -> str:
        """``test`` or ``development`` (from the sample)."""
        return str(self.sample.get("role", "development"))

    @property
    def independent(self) -> bool:
        """Blind coders who did not write the measure, on a test sample."""
        return (
            self.role == "test"
            and bool(self.coders)
            and all(
                c.get("blind") is True
                and c.get("saw_term_lists") is False
                and c.get("wrote_measure") is False
                for c in self.coders
            )
        )

    def describe(self) -> str:
        """``"<corpus> <unit>s (<quantity>), record <id>"``."""
        return f"{self.corpus} {self.unit}s ({self.quantity}), record {self.id}"


@dataclass(frozen=True)
class ValidationScope:
    """All validation records of one measure at one version."""

    measure: str
    kind: str
    version: str
    records: tuple[ScopeRecord, ...]
    source: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form (records as mappings, ``independent`` added)."""
        from dataclasses import asdict

        records = [{**asdict(r), "independent": r.independent} for r in self.records]
        return {"measure": self.measure, "kind": self.kind, "version": self.version,
                "records": records}  # fmt: skip

    def summary(self) -> str:
        """Multi-line text: one line per record, independent test records first.

        Examples
        --------
        >>> ValidationScope("x", "lexicon", "1.0", ()).summary()
        'x 1.0: no validation record; every use is unvalidated'
        """
        if not self.records:
            return f"{self.measure} {self.version}: no validation record; every use is unvalidated"
        lines = [
            f"{self.measure} {self.version} ({self.kind}) validation records "
            "(only an independent test record supports a headline figure):"
        ]
        for rec in sorted(self.records, key=lambda r: (not r.independent, r.id)):
            kind = "independent test" if rec.independent else f"{rec.role} (not independent)"
            macro = rec.figures.get("macro_f1")
            fig = f"; macro-F1 {_fmt(macro)}" if macro is not None else ""
            lines.append(f"  - {rec.describe()}: {kind}; {rec.population}{fig}")
        return "\n".join(lines)


def _fmt(value: Any) -> str:
    if isinstance(value, (list, tuple)) and len(value) == 3:
        return f"{value[0]:.2f} [{value[1]:.2f}, {value[2]:.2f}]"
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def _need(mapping: dict[str, Any], key: str, where: str) -> Any:
    if key not in mapping:
        raise InvalidParameterError(f"{where}: missing key {key!r}")
    return mapping[key]


def _record(raw: Any, where: str) -> ScopeRecord:
    if not isinstance(raw, dict):
        raise InvalidParameterError(f"{where}: a record must be a mapping")
    unit, quantity = _need(raw, "unit", where), _need(raw, "quantity", where)
    if unit not in UNITS:
        raise InvalidParameterError(f"{where}.unit: {unit!r} is not one of {UNITS}")
    if quantity not in QUANTITIES:
        raise InvalidParameterError(f"{where}.quantity: {quantity!r} is not one of {QUANTITIES}")
    sample = _need(raw, "sample", where)
    if sample.get("role") not in ("development", "test"):
        raise InvalidParameterError(f"{where}.sample.role must be development or test")
    return ScopeRecord(
        id=str(_need(raw, "id", where)), corpus=str(_need(raw, "corpus", where)),
        population=str(_need(raw, "population", where)), unit=unit, quantity=quantity,
        frames=tuple(_need(raw, "frames", where)), sample=dict(sample),
        coders=tuple(dict(c) for c in _need(raw, "coders", where)),
        figures=dict(raw.get("figures") or {}), note=str(raw.get("note", "")).strip(),
        corpus_files=tuple(str(f) for f in raw.get("corpus_files") or ()),
    )  # fmt: skip


def read_scope(path: str | Path) -> ValidationScope:
    """Read a ``<name>.scope.yaml`` file.

    Raises
    ------
    InvalidParameterError
        A missing key or a bad value; the message names the file and key.
    """
    import yaml

    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InvalidParameterError(f"{path}: cannot read scope file ({exc})") from exc
    where = str(path)
    if not isinstance(raw, dict):
        raise InvalidParameterError(f"{where}: a scope file must be a mapping")
    kind = _need(raw, "kind", where)
    if kind not in _KINDS:
        raise InvalidParameterError(f"{where}: kind {kind!r} is not one of {_KINDS}")
    records = tuple(
        _record(r, f"{where}: records[{i}]") for i, r in enumerate(raw.get("records") or [])
    )
    return ValidationScope(
        measure=str(_need(raw, "measure", where)), kind=kind,
        version=str(_need(raw, "version", where)), records=records, source=where,
    )  # fmt: skip


def _bundled_scope_file(name: str) -> Path | None:
    for package, _kind in _DATA_PACKAGES:
        try:
            entry = resources.files(package).joinpath("data", f"{name}.scope.yaml")
        except ModuleNotFoundError:
            continue
        if entry.is_file():
            return Path(str(entry))
    return None


def validation_scope(measure: str | Lexicon) -> ValidationScope:
    """The validation records of a measure (empty for a measure without records).

    Parameters
    ----------
    measure : str or Lexicon
        A bundled measure name (``"mideast"``) or a loaded lexicon.

    Notes
    -----
    A loaded lexicon gets its bundled records only when its name *and* version equal
    the bundled record's; an edited copy is a different measure.

    Examples
    --------
    >>> scope = validation_scope("mideast")
    >>> scope.measure, scope.kind
    ('mideast', 'lexicon')
    """
    name = measure.name if isinstance(measure, Lexicon) else str(measure)
    path = _bundled_scope_file(name)
    version = measure.version if isinstance(measure, Lexicon) else ""
    if path is None:
        return ValidationScope(name, "lexicon", version or "?", ())
    scope = read_scope(path)
    if isinstance(measure, Lexicon) and measure.version != scope.version:
        return ValidationScope(name, scope.kind, measure.version, ())
    return scope


@dataclass(frozen=True)
class ScopeCheck:
    """The result of :func:`check_scope`.

    ``status`` is ``"validated"`` (an independent test record covers the use),
    ``"development"`` (only development records cover it: the coders were not
    independent of the measure) or ``"unvalidated"`` (no record covers it).
    """

    measure: str
    version: str
    corpus: str | None
    unit: str | None
    quantity: str | None
    status: str
    records: tuple[ScopeRecord, ...]
    scope: ValidationScope

    @property
    def in_scope(self) -> bool:
        """True only when an independent test record covers the use."""
        return self.status == "validated"

    def message(self, quantity: str | None = None) -> str:
        """One sentence naming the use and the validated scope.

        ``quantity`` overrides the quantity named (e.g. ``"rate and presence"``).
        """
        use = _use_text(self.corpus, self.unit, quantity or self.quantity)
        name = f"{self.measure} {self.version}"
        if self.status == "validated":
            return f"{name}: {use} is validated on {self.records[0].describe()}"
        valid = [r.describe() for r in self.scope.records if r.independent]
        dev = [r.describe() for r in self.scope.records if not r.independent]
        where = "; ".join(valid) if valid else "no independent test record"
        text = f"{name}: {use} is outside its validated scope (validated on: {where})"
        if self.status == "development":
            text += "; only development evidence covers this use (coders not independent)"
        elif dev and not valid:
            text += f"; development evidence only on: {'; '.join(dev)}"
        return text + ". See `framing lexicon show " + self.measure + "`."

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary for run manifests."""
        return {"measure": self.measure, "version": self.version, "corpus": self.corpus,
                "unit": self.unit, "quantity": self.quantity, "status": self.status,
                "records": [r.id for r in self.records], "message": self.message()}  # fmt: skip


def _use_text(corpus: str | None, unit: str | None, quantity: str | None) -> str:
    where = corpus if corpus else "an unnamed corpus"
    return f"{quantity or 'counts'} per {unit or 'unit'} in {where}"


def _norm(name: str | None) -> str:
    return "".join(ch for ch in (name or "").lower() if ch.isalnum())


def _covers(record: ScopeRecord, corpus: str | None) -> bool:
    """The record's corpus, by name or (for a path) by one of its file names."""
    if corpus is None:
        return False
    if _norm(record.corpus) == _norm(corpus):
        return True
    base = Path(corpus.rstrip("/\\")).name
    return any(base == name for name in record.corpus_files)


def check_scope(
    measure: str | Lexicon,
    *,
    corpus: str | None,
    unit: str | None,
    quantity: str | None = None,
) -> ScopeCheck:
    """Compare a use of a measure with its validation records.

    Parameters
    ----------
    measure : str or Lexicon
        A bundled measure name or a loaded lexicon.
    corpus : str or None
        The corpus name as in :func:`corpus.read` (``"ungdc"``, ``"sotu"``,
        ``"fa-kes"``); None or a file path counts as an unknown corpus.
    unit : {"document", "paragraph", "sentence"} or None
    quantity : {"presence", "rate"} or None
        None matches either (raw counts: the user derives the quantity later).

    Returns
    -------
    ScopeCheck

    Examples
    --------
    >>> check_scope("mideast", corpus="sotu", unit="document").status
    'unvalidated'
    """
    if unit is not None and unit not in UNITS:
        raise InvalidParameterError(f"unit {unit!r} is not one of {UNITS}")
    if quantity is not None and quantity not in QUANTITIES:
        raise InvalidParameterError(f"quantity {quantity!r} is not one of {QUANTITIES}")
    scope = validation_scope(measure)
    version = measure.version if isinstance(measure, Lexicon) else scope.version
    hits = tuple(
        r for r in scope.records
        if _covers(r, corpus) and r.unit == unit
        and (quantity is None or r.quantity == quantity)
    )  # fmt: skip
    independent = tuple(r for r in hits if r.independent)
    status = "validated" if independent else ("development" if hits else "unvalidated")
    return ScopeCheck(scope.measure, version, corpus, unit, quantity, status,
                      independent or hits, scope)  # fmt: skip


def warn_scope(check: ScopeCheck | Sequence[ScopeCheck], *, stacklevel: int = 2) -> bool:
    """Warn (:class:`ScopeWarning`) once per process for a use outside the validated scope.

    ``check`` may be several checks of one measure (one per quantity): they give one
    warning that names every quantity outside the scope.  Returns True when a warning was
    issued now.

    Examples
    --------
    >>> import warnings
    >>> chk = check_scope("mideast", corpus="sotu", unit="document")
    >>> with warnings.catch_warnings(record=True) as seen:
    ...     warnings.simplefilter("always")
    ...     first, second = warn_scope(chk), warn_scope(chk)
    >>> (first, second) in [(True, False), (False, False)]
    True
    """
    checks = [check] if isinstance(check, ScopeCheck) else list(check)
    out = [c for c in checks if not c.in_scope]
    if not out:
        return False
    key = tuple((c.measure, c.version, _norm(c.corpus), c.unit, c.quantity) for c in out)
    if key in _WARNED:
        return False
    _WARNED.add(key)
    quantities = " and ".join(dict.fromkeys(c.quantity or "counts" for c in out))
    warnings.warn(out[0].message(quantities), ScopeWarning, stacklevel=stacklevel + 1)
    return True


def scope_caption(
    measure: str | Lexicon,
    *,
    corpus: str | None,
    unit: str | None,
    quantity: str | None,
) -> str:
    """The scope sentence for a figure caption (and a warning when out of scope).

    Parameters
    ----------
    measure : str or Lexicon
        A bundled measure name or a loaded lexicon.
    corpus : str or None
        The corpus of the figure (a name as in :func:`corpus.read`, or a path).
    unit : {"document", "paragraph", "sentence"} or None
        The scoring unit.
    quantity : {"presence", "rate"} or None
        What the figure shows.

    Returns
    -------
    str
        "... validated on ..." for an independently validated use, else a sentence that
        starts "Development evidence only:" or "Unvalidated use:".

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     text = scope_caption("mideast", corpus="sotu", unit="document", quantity="rate")
    >>> text.startswith("Unvalidated use: mideast")
    True
    """
    check = check_scope(measure, corpus=corpus, unit=unit, quantity=quantity)
    warn_scope(check)
    use = _use_text(corpus, unit, quantity)
    name = f"{check.measure} {check.version}"
    if check.in_scope:
        rec = check.records[0]
        macro = rec.figures.get("macro_f1")
        figure = f", macro-F1 {_fmt(macro)}" if macro is not None else ""
        return f"{name} {use}: validated on {rec.describe()}{figure}."
    if check.status == "development":
        return (f"Development evidence only: {name} {use} was checked by coders who were "
                f"not independent of the measure (record {check.records[0].id}).")  # fmt: skip
    return f"Unvalidated use: {name} {use} (no validation record covers it)."
