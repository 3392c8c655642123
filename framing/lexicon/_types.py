"""Frame lexicons: frames defined by patterns and exclusions.

A :class:`Lexicon` is plain, immutable data.  Reading and writing files lives
in :mod:`framing.lexicon._io`; matching lives in the scoring engine.

Pattern syntax
--------------
* A pattern is one or more words separated by spaces or hyphens:
  ``sovereignty``, ``axis of resistance``, ``self-determination``.  Words are
  the runs of letters, digits and underscores that the default tokenizer
  (``\\w+``) produces, so a hyphen or apostrophe inside a pattern separates
  words exactly as it separates tokens in the text.
* Each word may be a glob: ``*`` matches any run of word characters (also
  none) and ``?`` exactly one: ``sovereign*``, ``occup*``, ``axis of resist*``.
  A word that is only wildcards is refused (it would match every token).
* Matching is case-insensitive unless the lexicon sets ``case_sensitive``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from framing._errors import LexiconError

__all__ = ["Frame", "Lexicon", "Pattern"]

_WORD = re.compile(r"[\w*?]+")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")


@dataclass(frozen=True, slots=True)
class Pattern:
    """One lexicon entry: a word, glob or multi-word expression, with a weight.

    Parameters
    ----------
    text : str
        The pattern as written, e.g. ``"axis of resist*"``.
    weight : float, default=1.0
        Weight used by weighted scores; counts ignore it.
    provenance : mapping of str to str, int, float or bool, default={}
        Where the pattern came from, e.g. the review that accepted a term
        proposed by ``framing lexicon expand``.  Values are kept as text (the
        YAML reader reads every scalar as text).  Kept on YAML round trips and
        part of the lexicon's fingerprint; equality and matching ignore it.

    Examples
    --------
    >>> Pattern("Self-Determination").words
    ('self', 'determination')
    >>> Pattern("sovereign*").is_glob, Pattern("axis of resistance").is_multiword
    (True, True)
    >>> Pattern("uprising", provenance={"source": "neighbour", "similarity": 0.75}).to_data()
    {'pattern': 'uprising', 'provenance': {'source': 'neighbour', 'similarity': '0.75'}}
    """

    text: str
    weight: float = 1.0
    provenance: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.provenance, Mapping):
            raise LexiconError(
                f"pattern {self.text!r}: provenance must be a mapping, got {self.provenance!r}"
            )
        bad = {
            k: v
            for k, v in self.provenance.items()
            if not isinstance(k, str) or not isinstance(v, (str, int, float, bool))
        }
        if bad:
            raise LexiconError(
                f"pattern {self.text!r}: provenance keys are strings and "
                f"values plain strings or numbers; got {bad!r}"
            )
        object.__setattr__(self, "provenance", {k: str(v) for k, v in self.provenance.items()})

    @property
    def words(self) -> tuple[str, ...]:
        """The pattern's words, lower-cased (case folding is the matcher's choice)."""
        return tuple(w.lower() for w in _WORD.findall(self.text))

    def words_cased(self) -> tuple[str, ...]:
        """The pattern's words with their case as written."""
        return tuple(_WORD.findall(self.text))

    @property
    def is_glob(self) -> bool:
        """True when any word contains ``*`` or ``?``."""
        return any(("*" in w or "?" in w) for w in self.words)

    @property
    def is_multiword(self) -> bool:
        """True for a pattern of two or more words."""
        return len(self.words) > 1

    def check(self, frame: str, role: str = "pattern") -> None:
        """Raise :class:`LexiconError` naming frame and pattern when invalid."""
        where = f"frame {frame!r}, {role} {self.text!r}"
        if not isinstance(self.text, str) or not self.text.strip():
            raise LexiconError(f"{where}: empty pattern")
        words = _WORD.findall(self.text)
        if not words:
            raise LexiconError(f"{where}: no word characters (letters, digits) in pattern")
        leftover = _WORD.sub(" ", self.text).replace("-", " ").replace("'", " ").strip()
        if leftover.replace("\u2019", "").strip():
            raise LexiconError(
                f"{where}: unsupported character(s) {sorted(set(leftover.split()))!r}; "
                "patterns are words, globs (* and ?) and spaces or hyphens between words"
            )
        for word in words:
            if not word.strip("*?"):
                raise LexiconError(
                    f"{where}: the word {word!r} is only wildcards and would match every token"
                )
        if not isinstance(self.weight, (int, float)) or self.weight != self.weight:
            raise LexiconError(f"{where}: weight must be a number, got {self.weight!r}")

    def to_data(self) -> str | dict[str, Any]:
        """Plain data for YAML: the text alone, or a mapping when weighted or sourced."""
        if self.weight == 1.0 and not self.provenance:
            return self.text
        data: dict[str, Any] = {"pattern": self.text}
        if self.weight != 1.0:
            data["weight"] = float(self.weight)
        if self.provenance:
            data["provenance"] = dict(self.provenance)
        return data


def _as_pattern(item: Any, frame: str, role: str) -> Pattern:
    if isinstance(item, Pattern):
        pattern = item
    elif isinstance(item, str):
        pattern = Pattern(item)
    elif isinstance(item, Mapping):
        unknown = set(item) - {"pattern", "weight", "provenance"}
        if unknown or "pattern" not in item:
            raise LexiconError(
                f"frame {frame!r}: a {role} entry must be a string or a mapping with "
                f"'pattern' and optional 'weight' and 'provenance'; got keys {sorted(item)}"
            )
        weight = item.get("weight", 1.0)
        try:
            weight = float(weight)
        except (TypeError, ValueError):
            raise LexiconError(
                f"frame {frame!r}, {role} {item['pattern']!r}: weight must be a number, "
                f"got {weight!r}"
            ) from None
        pattern = Pattern(str(item["pattern"]), weight, item.get("provenance") or {})
    else:
        raise LexiconError(f"frame {frame!r}: cannot read {role} {item!r}")
    pattern.check(frame, role)
    return pattern


@dataclass(frozen=True, slots=True)
class Frame:
    """A frame: a name, a description, patterns and exclusions.

    Parameters
    ----------
    name : str
        Frame name (letters, digits, ``_``, ``.``, ``-``); the score column.
    patterns : tuple of Pattern, str or mapping, default=()
        At least one; strings and ``{"pattern": ..., "weight": ...}``
        mappings are converted to :class:`Pattern`.  A pattern listed twice
        is an error.
    exclusions : tuple of Pattern, str or mapping, default=()
        Patterns whose matches remove the frame's overlapping matches.
    description : str, default=""
        What the frame means.

    Raises
    ------
    LexiconError
        Invalid name or pattern, no patterns, or a repeated pattern.

    Examples
    --------
    >>> f = Frame("sovereignty", patterns=("sovereign*", "territorial integrity"))
    >>> [p.text for p in f.patterns]
    ['sovereign*', 'territorial integrity']
    """

    name: str
    patterns: tuple[Pattern, ...] = ()
    exclusions: tuple[Pattern, ...] = ()
    description: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not _NAME.match(self.name):
            raise LexiconError(
                f"frame name {self.name!r} must start with a letter or underscore and "
                "contain only letters, digits, '_', '.', '-'"
            )
        pats = tuple(_as_pattern(p, self.name, "pattern") for p in self.patterns)
        excl = tuple(_as_pattern(p, self.name, "exclusion") for p in self.exclusions)
        if not pats:
            raise LexiconError(f"frame {self.name!r} has no patterns")
        _check_repeats(self.name, pats, case_sensitive=True)
        object.__setattr__(self, "patterns", pats)
        object.__setattr__(self, "exclusions", excl)

    def to_data(self) -> dict[str, Any]:
        """Plain data for YAML."""
        data: dict[str, Any] = {}
        if self.description:
            data["description"] = self.description
        data["patterns"] = [p.to_data() for p in self.patterns]
        if self.exclusions:
            data["exclusions"] = [p.to_data() for p in self.exclusions]
        return data


def _check_repeats(frame: str, patterns: tuple[Pattern, ...], *, case_sensitive: bool) -> None:
    """A pattern listed twice (same words; case counts only when case-sensitive) is an error."""
    seen: set[tuple[str, ...]] = set()
    for p in patterns:
        words = _words_of(p, case_sensitive)
        if words in seen:
            hint = "" if case_sensitive else " (patterns ignore case in this lexicon)"
            raise LexiconError(f"frame {frame!r}: pattern {p.text!r} is listed twice{hint}")
        seen.add(words)


def _frame_from_spec(fname: Any, spec: Any, source: str) -> Frame:
    """One frame from its YAML value: a list of patterns or a mapping."""
    spec = {"patterns": spec} if isinstance(spec, list) else spec
    if not isinstance(spec, Mapping):
        raise LexiconError(f"{source}: frame {fname!r} must be a mapping or a list")
    extra = sorted(set(spec) - {"description", "patterns", "exclusions"})
    if extra:
        raise LexiconError(
            f"{source}: frame {fname!r} has unknown key(s) {extra}; "
            "allowed: description, patterns, exclusions"
        )
    for key in ("patterns", "exclusions"):
        if spec.get(key) is not None and not isinstance(spec[key], list):
            raise LexiconError(
                f"{source}: frame {fname!r}: {key} must be a list, got {spec[key]!r} "
                f"(write {key}: [{spec[key]}])"
            )
    return Frame(
        str(fname),
        patterns=tuple(spec.get("patterns") or ()),
        exclusions=tuple(spec.get("exclusions") or ()),
        description=str(spec.get("description") or ""),
    )


_LEXICON_KEYS = (
    "name",
    "version",
    "language",
    "description",
    "citation",
    "case_sensitive",
    "frames",
)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """A versioned frame lexicon.

    Parameters
    ----------
    name : str
        Short name, e.g. ``"mideast"``.
    frames : tuple of Frame
        The frames, in the order their score columns appear.
    version : str, default="0.1.0"
    language : str, default="en"
    description : str, default=""
    citation : str, default=""
    case_sensitive : bool, default=False

    Examples
    --------
    >>> lex = Lexicon.from_dict({
    ...     "name": "toy", "version": "1.0",
    ...     "frames": {"sovereignty": {"patterns": ["sovereign*"]},
    ...                "resistance": {"patterns": ["resistance"],
    ...                               "exclusions": ["antimicrobial resistance"]}}})
    >>> lex.frame_names
    ('sovereignty', 'resistance')
    >>> Lexicon.from_dict(lex.to_dict()) == lex
    True
    >>> len(lex.fingerprint)
    64
    """

    name: str
    frames: tuple[Frame, ...]
    version: str = "0.1.0"
    language: str = "en"
    description: str = ""
    citation: str = ""
    case_sensitive: bool = False
    _fingerprint: str = field(default="", compare=False, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not _NAME.match(self.name):
            raise LexiconError(f"lexicon name {self.name!r} is not a valid name")
        frames = tuple(self.frames)
        if not frames:
            raise LexiconError(f"lexicon {self.name!r} has no frames")
        names = [f.name for f in frames]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise LexiconError(f"lexicon {self.name!r}: frame(s) {dupes} defined twice")
        if not self.case_sensitive:
            for f in frames:
                _check_repeats(f.name, f.patterns, case_sensitive=False)
        object.__setattr__(self, "frames", frames)
        object.__setattr__(self, "version", str(self.version))
        canonical = json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False)
        digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
        object.__setattr__(self, "_fingerprint", digest)

    @property
    def frame_names(self) -> tuple[str, ...]:
        """Frame names in column order."""
        return tuple(f.name for f in self.frames)

    @property
    def fingerprint(self) -> str:
        """SHA-256 (hex) of the lexicon's canonical JSON form."""
        return self._fingerprint

    def frame(self, name: str) -> Frame:
        """Return one frame by name; ``KeyError`` lists the frames that exist."""
        for f in self.frames:
            if f.name == name:
                return f
        raise KeyError(f"lexicon {self.name!r} has no frame {name!r}; frames: {self.frame_names}")

    def to_dict(self) -> dict[str, Any]:
        """Plain data, the canonical form that YAML files hold."""
        return {
            "name": self.name,
            "version": self.version,
            "language": self.language,
            "description": self.description,
            "citation": self.citation,
            "case_sensitive": bool(self.case_sensitive),
            "frames": {f.name: f.to_data() for f in self.frames},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, source: str = "lexicon") -> Lexicon:
        """Build a lexicon from plain data; errors name the key and frame.

        Raises
        ------
        LexiconError
            On unknown keys, missing frames or invalid patterns.
        """
        if not isinstance(data, Mapping):
            raise LexiconError(f"{source}: expected a mapping at the top level")
        unknown = sorted(set(data) - set(_LEXICON_KEYS))
        if unknown:
            raise LexiconError(
                f"{source}: unknown key(s) {unknown}; allowed keys are {list(_LEXICON_KEYS)}"
            )
        if "name" not in data or "frames" not in data:
            raise LexiconError(f"{source}: 'name' and 'frames' are required")
        if not isinstance(data.get("case_sensitive", False), bool):
            raise LexiconError(
                f"{source}: 'case_sensitive' must be true or false, got {data['case_sensitive']!r}"
            )
        raw_frames = data["frames"]
        if not isinstance(raw_frames, Mapping) or not raw_frames:
            raise LexiconError(f"{source}: 'frames' must be a non-empty mapping of frame names")
        frames = [_frame_from_spec(fname, spec, source) for fname, spec in raw_frames.items()]
        return cls(
            name=str(data["name"]),
            frames=tuple(frames),
            version=str(data.get("version", "0.1.0")),
            language=str(data.get("language", "en")),
            description=str(data.get("description") or ""),
            citation=str(data.get("citation") or ""),
            case_sensitive=bool(data.get("case_sensitive", False)),
        )

    @classmethod
    def from_terms(cls, name: str, terms: Mapping[str, Iterable[str]], **kwargs: Any) -> Lexicon:
        """Build a lexicon from ``{frame: [patterns]}``.

        Examples
        --------
        >>> Lexicon.from_terms("toy", {"a": ["x", "y*"]}).frame("a").patterns[1].text
        'y*'
        """
        frames = tuple(Frame(f, patterns=tuple(p)) for f, p in terms.items())
        return cls(name=name, frames=frames, **kwargs)


def _word_matches(glob: str, word: str) -> bool:
    """True when the glob word matches the plain word (``*`` any run, ``?`` one char)."""
    regex = "".join(r"\w*" if c == "*" else r"\w" if c == "?" else re.escape(c) for c in glob)
    return re.fullmatch(regex, word) is not None


def _words_compatible(a: str, b: str) -> bool:
    """Could one token match both words?  Two globs count as compatible."""
    a_glob, b_glob = ("*" in a or "?" in a), ("*" in b or "?" in b)
    if a_glob and b_glob:
        return True
    if a_glob:
        return _word_matches(a, b)
    if b_glob:
        return _word_matches(b, a)
    return a == b


def _words_of(pattern: Pattern, case_sensitive: bool) -> tuple[str, ...]:
    return tuple(pattern.words_cased()) if case_sensitive else pattern.words


def lexicon_warnings(lexicon: Lexicon) -> list[str]:
    """Problems that do not make a lexicon invalid but deserve a look.

    * A fixed pattern that a glob of the same frame already matches word for
      word is redundant (within a frame a token counts once anyway).
    * An exclusion none of whose words can match a token that a pattern of
      its frame matches never removes anything.

    Examples
    --------
    >>> lex = Lexicon.from_dict({"name": "t", "frames": {"s": {
    ...     "patterns": ["sovereign*", "sovereignty"], "exclusions": ["bond market"]}}})
    >>> for w in lexicon_warnings(lex): print(w)
    frame 's': pattern 'sovereignty' is already matched by 'sovereign*'
    frame 's': exclusion 'bond market' shares no word with any pattern, so it removes nothing
    """
    found = []
    cs = lexicon.case_sensitive
    for frame in lexicon.frames:
        globs = [p for p in frame.patterns if p.is_glob]
        for p in frame.patterns:
            if p.is_glob:
                continue
            words = _words_of(p, cs)
            for g in globs:
                gw = _words_of(g, cs)
                if len(gw) == len(words) and all(map(_word_matches, gw, words)):
                    found.append(
                        f"frame {frame.name!r}: pattern {p.text!r} "
                        f"is already matched by {g.text!r}"
                    )
                    break
        pattern_words = {w for p in frame.patterns for w in _words_of(p, cs)}
        for e in frame.exclusions:
            if not any(_words_compatible(w, pw) for w in _words_of(e, cs) for pw in pattern_words):
                found.append(
                    f"frame {frame.name!r}: exclusion {e.text!r} shares no word with any "
                    "pattern, so it removes nothing"
                )
    return found
