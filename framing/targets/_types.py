"""Target lists: actors and the aliases that name them.

A target list maps each actor (a *target*) to its aliases, written in the
lexicon pattern language (words, globs such as ``popular mobilisation*``,
multi-word expressions), with optional exclusions and a description.  The
aliases are matched exactly as lexicon patterns are: each target becomes one
frame of a :class:`framing.lexicon.Lexicon` (case-insensitive aliases in one
lexicon, case-sensitive ones such as ``US`` in another).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from framing._errors import LexiconError
from framing.lexicon import Frame, Lexicon

__all__ = ["Alias", "Target", "TargetList", "targets_from_dict"]

_META_KEYS = ("name", "version", "language", "description", "citation", "targets")
_TARGET_KEYS = ("description", "aliases", "exclusions")


@dataclass(frozen=True, slots=True)
class Alias:
    """One name of a target: a pattern of the lexicon pattern language.

    Parameters
    ----------
    text : str
        The pattern (``hashd``, ``popular mobilisation*``, ``assad regime``).
    case_sensitive : bool, default=False
        Match the case as written (``US`` but not the pronoun ``us``).

    Examples
    --------
    >>> Alias("US", case_sensitive=True).to_data()
    {'alias': 'US', 'case_sensitive': True}
    >>> Alias("hashd").to_data()
    'hashd'
    """

    text: str
    case_sensitive: bool = False

    def to_data(self) -> str | dict[str, Any]:
        """The YAML form: the pattern, or a mapping when case-sensitive."""
        if self.case_sensitive:
            return {"alias": self.text, "case_sensitive": True}
        return self.text


@dataclass(frozen=True, slots=True)
class Target:
    """An actor: its name, aliases, exclusions and a description.

    Parameters
    ----------
    name : str
        The target's name (letters, digits, ``_``, ``.``, ``-``), e.g. ``pmf``.
    aliases : tuple of Alias
        At least one.
    exclusions : tuple of str, default=()
        Patterns whose matches remove overlapping mentions (``rural damascus``).
    description : str, default=""
        Who the actor is, in plain words.
    """

    name: str
    aliases: tuple[Alias, ...]
    exclusions: tuple[str, ...] = ()
    description: str = ""

    def to_data(self) -> dict[str, Any]:
        """The rich YAML form of this target."""
        data: dict[str, Any] = {"description": self.description} if self.description else {}
        data["aliases"] = [a.to_data() for a in self.aliases]
        if self.exclusions:
            data["exclusions"] = list(self.exclusions)
        return data


@dataclass(frozen=True, slots=True)
class TargetList:
    """Named actors with their aliases, matched like lexicon patterns.

    Parameters
    ----------
    name : str
        Short name, e.g. ``"syria_war"``.
    targets : tuple of Target
        The actors, in the order their rows appear.
    version : str, default="0.1.0"
    description : str, default=""
    citation : str, default=""

    Raises
    ------
    LexiconError
        Invalid names or aliases, a target without aliases, a repeated alias
        or a target defined twice.

    Examples
    --------
    >>> tl = targets_from_dict({"pmf": ["popular mobilization forces", "pmf"],
    ...                         "hezbollah": ["hezbollah", "hizbullah"]}, name="demo")
    >>> tl.names
    ('pmf', 'hezbollah')
    >>> tl.lexicons[0].frame("pmf").patterns[1].text
    'pmf'
    """

    name: str
    targets: tuple[Target, ...]
    version: str = "0.1.0"
    description: str = ""
    citation: str = ""
    _lexicons: tuple[Lexicon, ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "targets", tuple(self.targets))
        names = [t.name for t in self.targets]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise LexiconError(f"target list {self.name!r}: target(s) {dupes} defined twice")
        object.__setattr__(self, "_lexicons", _compile(self))

    @property
    def names(self) -> tuple[str, ...]:
        """Target names, in order."""
        return tuple(t.name for t in self.targets)

    @property
    def lexicons(self) -> tuple[Lexicon, ...]:
        """The aliases as lexicons, one frame per target: case-insensitive aliases
        first, then (when there are any) the case-sensitive ones."""
        return self._lexicons

    @property
    def fingerprint(self) -> str:
        """SHA-256 (hex) of the list's canonical JSON form."""
        canonical = json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def target(self, name: str) -> Target:
        """One target by name; ``KeyError`` lists the targets that exist."""
        for t in self.targets:
            if t.name == name:
                return t
        raise KeyError(f"target list {self.name!r} has no target {name!r}; it has {self.names}")

    def to_dict(self) -> dict[str, Any]:
        """Plain data in the rich form (:func:`targets_from_dict` reads it back)."""
        return {"name": self.name, "version": self.version, "description": self.description,
                "citation": self.citation,
                "targets": {t.name: t.to_data() for t in self.targets}}  # fmt: skip


def _frames(targets: TargetList, sensitive: bool) -> tuple[Frame, ...]:
    out = []
    for t in targets.targets:
        patterns = tuple(a.text for a in t.aliases if a.case_sensitive == sensitive)
        if patterns:
            out.append(Frame(t.name, patterns=patterns, exclusions=t.exclusions))
    return tuple(out)


def _compile(targets: TargetList) -> tuple[Lexicon, ...]:
    """One lexicon per case mode in use (each target a frame)."""
    try:
        plain, cased = _frames(targets, False), _frames(targets, True)
        out = [Lexicon(targets.name, plain)] if plain else []
        if cased:
            out.append(Lexicon(targets.name, cased, case_sensitive=True))
    except LexiconError as error:
        message = str(error).replace("frame ", "target ")
        raise LexiconError(f"target list {targets.name!r}: {message}") from None
    if not out:
        raise LexiconError(f"target list {targets.name!r} has no targets")
    return tuple(out)


def _alias(item: Any, target: str, source: str) -> Alias:
    if isinstance(item, str) and item.strip():
        return Alias(item.strip())
    if isinstance(item, Mapping) and "alias" in item and set(item) <= {"alias", "case_sensitive"}:
        sensitive = item.get("case_sensitive", False)
        if not isinstance(sensitive, bool):
            raise LexiconError(
                f"{source}: target {target!r}: case_sensitive must be true or false"
            )
        return Alias(str(item["alias"]).strip(), sensitive)
    raise LexiconError(
        f"{source}: target {target!r}: alias {item!r} must be a pattern or "
        "{alias: PATTERN, case_sensitive: true}"
    )


def _target(name: Any, spec: Any, source: str) -> Target:
    spec = {"aliases": spec} if isinstance(spec, list) else spec
    if not isinstance(name, str) or not isinstance(spec, Mapping):
        raise LexiconError(
            f"{source}: target {name!r} must be a list of aliases or a mapping "
            "with aliases (and optionally exclusions and description)"
        )
    extra = sorted(set(spec) - set(_TARGET_KEYS))
    if extra:
        raise LexiconError(
            f"{source}: target {name!r} has unknown key(s) {extra}; allowed: {list(_TARGET_KEYS)}"
        )
    aliases, exclusions = spec.get("aliases"), spec.get("exclusions") or []
    if not isinstance(aliases, list) or not aliases:
        raise LexiconError(f"{source}: target {name!r} needs a non-empty list of aliases")
    if not isinstance(exclusions, list) or not all(isinstance(e, str) for e in exclusions):
        raise LexiconError(f"{source}: target {name!r}: exclusions must be a list of patterns")
    return Target(
        name,
        tuple(_alias(a, name, source) for a in aliases),
        tuple(e.strip() for e in exclusions),
        str(spec.get("description") or ""),
    )


def targets_from_dict(data: Any, *, name: str = "targets", source: str = "targets") -> TargetList:
    """Build a target list from plain data, in the plain or the rich form.

    Parameters
    ----------
    data : mapping
        Plain form: ``{target: [alias, ...]}``, one actor per key.  Rich form:
        ``{name, version, description, citation, targets: {target:
        {description, aliases, exclusions}}}``; a top-level ``targets`` key
        holding a mapping selects the rich form.  An alias is a pattern or
        ``{alias: PATTERN, case_sensitive: true}``.
    name : str, default="targets"
        The list's name when the data gives none.
    source : str, default="targets"
        Where the data came from, for error messages.

    Returns
    -------
    TargetList

    Raises
    ------
    LexiconError
        Naming the source, the target and the problem.

    Examples
    --------
    >>> tl = targets_from_dict({"name": "demo", "targets": {"regime": {
    ...     "description": "The Syrian government.", "aliases": ["assad regime", "the regime"],
    ...     "exclusions": ["iranian regime"]}}})
    >>> tl.target("regime").exclusions
    ('iranian regime',)
    """
    if not isinstance(data, Mapping) or not data:
        raise LexiconError(f"{source}: expected a mapping of target names to aliases")
    if not isinstance(data.get("targets"), Mapping):
        data = {"name": name, "targets": data}
    unknown = sorted(set(data) - set(_META_KEYS))
    if unknown:
        raise LexiconError(f"{source}: unknown key(s) {unknown}; allowed: {list(_META_KEYS)}")
    if not data["targets"]:
        raise LexiconError(f"{source}: 'targets' is empty")
    targets = tuple(_target(k, v, source) for k, v in data["targets"].items())
    try:
        return TargetList(
            str(data.get("name") or name),
            targets,
            version=str(data.get("version", "0.1.0")),
            description=str(data.get("description") or ""),
            citation=str(data.get("citation") or ""),
        )
    except LexiconError as error:
        raise LexiconError(f"{source}: {error}") from None
