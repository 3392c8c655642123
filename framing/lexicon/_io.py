"""Reading and writing lexicon files: YAML, LIWC ``.dic``, quanteda YAML, CSV.

Every reader returns a :class:`~framing.Lexicon`; every writer writes to a
temporary file in the target folder and renames it, so a file is never left
half-written.  Errors are :class:`~framing.LexiconError` and name the file, and
where it applies the line, the frame and the pattern.

Formats (``format=``; chosen from the extension when omitted):

``"yaml"``  (``.yaml``/``.yml``)
    The native format (see :mod:`framing.lexicon._types`); lossless.
``"quanteda"``
    A quanteda-style YAML dictionary: ``key: [terms]``, nested keys flatten to
    ``parent.child``.  A ``.yaml`` file without the native ``name``/``frames``
    keys is read as quanteda.
``"dic"``  (``.dic``)
    A LIWC-style dictionary: a ``%`` header block of numbered categories, then
    ``term<TAB>category ids``.
``"csv"``  (``.csv``)
    A table with the header ``term,frame`` or ``term,frame,weight``.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, ClassVar

import yaml

from framing._errors import InvalidParameterError, LexiconError
from framing._provenance import atomic_path
from framing.lexicon._types import Frame, Lexicon, Pattern

__all__ = [
    "FORMATS",
    "lexicon_from_yaml",
    "lexicon_to_yaml",
    "read_lexicon",
    "write_lexicon",
]

#: Formats understood by :func:`read_lexicon` and :func:`write_lexicon`.
FORMATS: tuple[str, ...] = ("yaml", "quanteda", "dic", "csv")

_EXTENSIONS = {".yaml": "yaml", ".yml": "yaml", ".dic": "dic", ".csv": "csv"}
_NATIVE_KEYS = {"name", "frames"}
_BAD_NAME_CHARS = re.compile(r"[^A-Za-z0-9_.\-]+")


# --------------------------------------------------------------------------- YAML


_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe YAML loader: duplicate keys are errors; only true/false are booleans.

    Plain scalars other than ``true``/``false``/``null`` stay strings, so the
    pattern ``no`` is not read as ``False`` and the version ``1.10`` is not
    read as the float ``1.1`` (YAML 1.1 resolves both).
    """

    yaml_implicit_resolvers: ClassVar[dict[str, Any]] = {}

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            line = key_node.start_mark.line + 1
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                continue  # the base constructor reports unhashable keys
            if key in seen:
                raise LexiconError(
                    f"line {line}: key {key!r} appears twice (first at line {seen[key]}); "
                    "merge the two entries"
                )
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


def _parse_yaml(text: str, source: str) -> Any:
    try:
        return yaml.load(text, Loader=_StrictLoader)  # a SafeLoader subclass
    except LexiconError as error:
        raise LexiconError(f"{source}: {error}") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise LexiconError(f"{source}: {where}invalid YAML ({problem})") from None


def lexicon_from_yaml(text: str, *, source: str = "<string>") -> Lexicon:
    """Build a lexicon from the text of a native YAML lexicon.

    Parameters
    ----------
    text : str
        The YAML document.
    source : str, default="<string>"
        Named in error messages (usually the file path).

    Returns
    -------
    Lexicon

    Raises
    ------
    LexiconError
        Invalid YAML, duplicate keys, unknown keys or invalid patterns; the
        message names the source, the frame and the pattern.

    Examples
    --------
    >>> lex = lexicon_from_yaml('''
    ... name: toy
    ... version: 1.10
    ... frames:
    ...   peace: [peace*, "no war", {pattern: truce, weight: 0.5}]
    ... ''')
    >>> lex.version, [p.text for p in lex.frame("peace").patterns]
    ('1.10', ['peace*', 'no war', 'truce'])
    """
    data = _parse_yaml(text, source)
    try:
        return Lexicon.from_dict(data, source=source)
    except LexiconError as error:
        message = str(error)
        if not message.startswith(source):
            message = f"{source}: {message}"
        raise LexiconError(message) from None


def lexicon_to_yaml(lexicon: Lexicon) -> str:
    """Serialize a lexicon to native YAML, deterministically.

    The same lexicon always gives the same text; reading it back with
    :func:`lexicon_from_yaml` gives an equal lexicon (same fingerprint).

    Examples
    --------
    >>> lex = Lexicon.from_terms("toy", {"peace": ["peace*", "no war"]})
    >>> print(lexicon_to_yaml(lex))
    name: toy
    version: 0.1.0
    language: en
    description: ''
    citation: ''
    case_sensitive: false
    frames:
      peace:
        patterns:
        - peace*
        - no war
    <BLANKLINE>
    >>> lexicon_from_yaml(lexicon_to_yaml(lex)) == lex
    True
    """
    return yaml.safe_dump(
        lexicon.to_dict(),
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=99,
    )


# --------------------------------------------------------------------------- quanteda


def _flatten_quanteda(data: Any, prefix: str, source: str, out: dict[str, list[str]]) -> None:
    """Collect ``{key.path: [terms]}`` from a nested quanteda dictionary."""
    if isinstance(data, Mapping):
        items = list(data.items())
        terms: list[Any] = []
    elif isinstance(data, list):
        items = [(k, v) for d in data if isinstance(d, Mapping) for k, v in d.items()]
        terms = [d for d in data if not isinstance(d, Mapping)]
    else:
        raise LexiconError(
            f"{source}: key {prefix!r} must hold a list of terms or nested keys, got {data!r}"
        )
    if terms:
        bad = [t for t in terms if not isinstance(t, str)]
        if bad:
            raise LexiconError(f"{source}: key {prefix!r}: terms must be strings, got {bad[0]!r}")
        out.setdefault(prefix, []).extend(terms)
    for key, value in items:
        name = f"{prefix}.{key}" if prefix else str(key)
        _flatten_quanteda(value, name, source, out)


def _unique_patterns(terms: Iterable[str | Pattern]) -> tuple[Pattern, ...]:
    """Drop repeats of the same words (``a-b`` repeats ``a b``), keeping the first."""
    seen: set[tuple[str, ...]] = set()
    unique = []
    for term in terms:
        pattern = term if isinstance(term, Pattern) else Pattern(term)
        if pattern.words not in seen:
            seen.add(pattern.words)
            unique.append(pattern)
    return tuple(unique)


def _lexicon_from_terms(
    terms: Mapping[str, Iterable[str | Pattern]],
    descriptions: Mapping[str, str],
    name: str,
    source: str,
) -> Lexicon:
    try:
        frames = tuple(
            Frame(f, patterns=_unique_patterns(ts), description=descriptions.get(f, ""))
            for f, ts in terms.items()
        )
        return Lexicon(name=name, frames=frames)
    except LexiconError as error:
        raise LexiconError(f"{source}: {error}") from None


def _read_quanteda(text: str, source: str, name: str) -> Lexicon:
    data = _parse_yaml(text, source)
    if not isinstance(data, Mapping) or not data:
        raise LexiconError(f"{source}: a quanteda dictionary is a mapping of keys to terms")
    terms: dict[str, list[str]] = {}
    _flatten_quanteda(data, "", source, terms)
    return _lexicon_from_terms(terms, {}, name, source)


def _nest(names: Iterable[str]) -> dict[str, Any]:
    tree: dict[str, Any] = {}
    for full in names:
        node = tree
        for part in full.split("."):
            node = node.setdefault(part, {})
    return tree


def _quanteda_text(lexicon: Lexicon) -> str:
    tree = _nest(lexicon.frame_names)

    def fill(node: dict[str, Any], prefix: str) -> Any:
        out: dict[str, Any] = {}
        for key, child in node.items():
            full = f"{prefix}.{key}" if prefix else key
            terms = []
            if full in lexicon.frame_names:
                terms = [p.text for p in lexicon.frame(full).patterns]
            if child:
                out[key] = [*terms, fill(child, full)] if terms else fill(child, full)
            else:
                out[key] = terms
        return out

    return yaml.safe_dump(fill(tree, ""), sort_keys=False, allow_unicode=True, width=99)


# --------------------------------------------------------------------------- LIWC .dic


def _dic_categories(lines: list[str], source: str) -> tuple[dict[str, str], dict[str, str], int]:
    """Parse the header; return ``{id: name}``, ``{name: description}``, first entry line."""
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None or lines[start].strip() != "%":
        raise LexiconError(
            f"{source}: line {1 if start is None else start + 1}: a .dic file "
            "starts with a line holding only '%' that opens the category header"
        )
    categories: dict[str, str] = {}
    descriptions: dict[str, str] = {}
    for i in range(start + 1, len(lines)):
        line = lines[i].strip()
        if line == "%":
            return categories, descriptions, i + 1
        if not line:
            continue
        parts = line.split(None, 2)
        if len(parts) < 2 or not parts[0].isdigit():
            raise LexiconError(
                f"{source}: line {i + 1}: expected 'number<TAB>category' in the header, got "
                f"{line!r} (is the '%' line that ends the header missing?)"
            )
        cat_id, cat_name = str(int(parts[0])), _BAD_NAME_CHARS.sub("_", parts[1])
        if cat_id in categories:
            raise LexiconError(f"{source}: line {i + 1}: category number {cat_id} defined twice")
        categories[cat_id] = cat_name
        descriptions[cat_name] = parts[2].strip().strip("()") if len(parts) > 2 else ""
    raise LexiconError(
        f"{source}: the category header opened at line {start + 1} is never closed; add a "
        "line holding only '%' after the last category"
    )


def _dic_entry(line: str) -> tuple[str, list[str]]:
    """Split an entry line into its term and category ids."""
    if "\t" in line:
        term, _, rest = line.partition("\t")
        return term.strip(), rest.split()
    parts = line.split()
    n = 1
    while n < len(parts) and not parts[n].isdigit():
        n += 1
    return " ".join(parts[:n]), parts[n:]


def _read_dic(text: str, source: str, name: str) -> Lexicon:
    lines = text.splitlines()
    categories, descriptions, first = _dic_categories(lines, source)
    terms: dict[str, list[Pattern]] = {c: [] for c in categories.values()}
    for i in range(first, len(lines)):
        line = lines[i].strip()
        if not line:
            continue
        term, ids = _dic_entry(line)
        if not ids:
            raise LexiconError(f"{source}: line {i + 1}: term {term!r} has no category numbers")
        for cat in ids:
            if "(" in cat or "/" in cat:
                raise LexiconError(
                    f"{source}: line {i + 1}: term {term!r} has a conditional category entry "
                    f"({' '.join(ids)!r}, LIWC 2007 style), which is not supported; list the "
                    "plain category numbers instead"
                )
            key = str(int(cat)) if cat.isdigit() else cat
            if key not in categories:
                raise LexiconError(
                    f"{source}: line {i + 1}: term {term!r} uses category {cat!r}, which the "
                    f"header does not define (defined: {', '.join(categories)})"
                )
            pattern = Pattern(term)
            try:
                pattern.check(categories[key])
            except LexiconError as error:
                raise LexiconError(f"{source}: line {i + 1}: {error}") from None
            terms[categories[key]].append(pattern)
    empty = [c for c, ts in terms.items() if not ts]
    for cat in empty:
        del terms[cat]
    return _lexicon_from_terms(terms, descriptions, name, source)


def _check_lossless(lexicon: Lexicon, fmt: str, lossy: bool) -> None:
    if lossy:
        return
    weights_ok = fmt == "csv"
    for frame in lexicon.frames:
        if frame.exclusions:
            raise LexiconError(
                f"frame {frame.name!r} has exclusions, which the {fmt} format cannot hold; "
                "write YAML, or pass lossy=True (--lossy) to drop them"
            )
        if not weights_ok and any(p.weight != 1.0 for p in frame.patterns):
            raise LexiconError(
                f"frame {frame.name!r} has weighted patterns, which the {fmt} format cannot "
                "hold; "
                "write YAML or CSV, or pass lossy=True (--lossy) to drop the weights"
            )
        if any(p.provenance for p in frame.patterns):
            raise LexiconError(
                f"frame {frame.name!r} has patterns with provenance, which the {fmt} format "
                "cannot hold; write YAML, or pass lossy=True (--lossy) to drop it"
            )


def _dic_text(lexicon: Lexicon) -> str:
    out = ["%"]
    ids = {f.name: i for i, f in enumerate(lexicon.frames, start=1)}
    for f in lexicon.frames:
        out.append(f"{ids[f.name]}\t{f.name}")
    out.append("%")
    entries: dict[str, list[int]] = {}
    for f in lexicon.frames:
        for p in f.patterns:
            entries.setdefault(" ".join(p.words_cased()), []).append(ids[f.name])
    for term, cats in entries.items():
        out.append("\t".join([term, *map(str, cats)]))
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- CSV


def _read_csv(text: str, source: str, name: str) -> Lexicon:
    rows = csv.reader(io.StringIO(text))
    header = next(rows, None)
    norm = [h.strip().lower() for h in header or []]
    if norm not in (["term", "frame"], ["term", "frame", "weight"]):
        raise LexiconError(
            f"{source}: line 1: the header must be 'term,frame' or 'term,frame,weight', "
            f"got {','.join(header or [])!r}"
        )
    terms: dict[str, list[Pattern]] = {}
    seen: dict[tuple[str, tuple[str, ...]], tuple[float, int]] = {}
    for row in rows:
        line = rows.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(norm):
            raise LexiconError(
                f"{source}: line {line}: expected {len(norm)} fields ({','.join(norm)}), "
                f"got {len(row)}: {row!r}"
            )
        term, frame = row[0].strip(), row[1].strip()
        weight = _csv_weight(row, source, line)
        pattern = Pattern(term, weight)
        try:
            Frame(frame, patterns=(pattern,))
        except LexiconError as error:
            raise LexiconError(f"{source}: line {line}: {error}") from None
        key = (frame, pattern.words)
        if key in seen:
            if seen[key][0] != weight:
                raise LexiconError(
                    f"{source}: line {line}: frame {frame!r}, pattern {term!r} repeats line "
                    f"{seen[key][1]} with another weight"
                )
            continue
        seen[key] = (weight, line)
        terms.setdefault(frame, []).append(pattern)
    if not terms:
        raise LexiconError(f"{source}: no rows after the header")
    return _lexicon_from_terms(terms, {}, name, source)


def _csv_weight(row: list[str], source: str, line: int) -> float:
    if len(row) < 3 or not row[2].strip():
        return 1.0
    try:
        weight = float(row[2])
    except ValueError:
        raise LexiconError(
            f"{source}: line {line}: weight {row[2]!r} of pattern {row[0]!r} is not a number"
        ) from None
    if weight != weight or weight in (float("inf"), float("-inf")):
        raise LexiconError(f"{source}: line {line}: weight {row[2]!r} must be finite")
    return weight


def _csv_text(lexicon: Lexicon) -> str:
    weighted = any(p.weight != 1.0 for f in lexicon.frames for p in f.patterns)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["term", "frame", "weight"] if weighted else ["term", "frame"])
    for f in lexicon.frames:
        for p in f.patterns:
            row = [p.text, f.name, repr(float(p.weight))] if weighted else [p.text, f.name]
            writer.writerow(row)
    return buffer.getvalue()


# --------------------------------------------------------------------------- dispatch


def _format_of(path: Path, fmt: str | None) -> str:
    if fmt is not None:
        if fmt not in FORMATS:
            raise InvalidParameterError(
                f"unknown lexicon format {fmt!r}; choose one of {list(FORMATS)}"
            )
        return fmt
    found = _EXTENSIONS.get(path.suffix.lower())
    if found is None:
        raise InvalidParameterError(
            f"{path}: cannot tell the lexicon format from the extension {path.suffix!r}; use "
            ".yaml/.yml, .dic or .csv, or pass format= (one of " + ", ".join(FORMATS) + ")"
        )
    return found


def _default_name(path: Path) -> str:
    name = _BAD_NAME_CHARS.sub("_", path.stem).strip("_.-") or "lexicon"
    return name if re.match(r"[A-Za-z_]", name) else f"_{name}"


def read_lexicon(
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    name: str | None = None,
    encoding: str = "utf-8",
) -> Lexicon:
    """Read a lexicon file in any supported format.

    Parameters
    ----------
    path : str or path-like
        The file.
    format : {"yaml", "quanteda", "dic", "csv"}, default=None
        The format; by default chosen from the extension.  A ``.yaml`` file
        without top-level ``name`` and ``frames`` keys is read as a quanteda
        dictionary.
    name : str, default=None
        The lexicon's name for formats that carry none (dic, csv, quanteda);
        by default the file name without its extension.
    encoding : str, default="utf-8"
        Text encoding of the file (a UTF-8 byte-order mark is skipped); older
        LIWC dictionaries are often ``"latin-1"``.

    Returns
    -------
    Lexicon

    Raises
    ------
    LexiconError
        The file is malformed; the message names the file, and the line,
        frame and pattern where they apply.
    InvalidParameterError
        The format is unknown.
    FileNotFoundError
        The file does not exist.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "toy.csv").write_text("term,frame\\nsovereign*,sovereignty\\n")
    >>> read_lexicon(folder / "toy.csv").frame("sovereignty").patterns[0].text
    'sovereign*'
    """
    path = Path(path)
    fmt = _format_of(path, format)
    source = str(path)
    codec = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
    try:
        text = path.read_text(encoding=codec)
    except UnicodeDecodeError as error:
        raise LexiconError(
            f"{source}: byte {error.start} is not valid {encoding}; pass encoding= "
            "(e.g. 'latin-1') or re-save the file as UTF-8"
        ) from None
    lex_name = name or _default_name(path)
    if fmt == "yaml":
        data = _parse_yaml(text, source)
        if format is None and isinstance(data, Mapping) and not (_NATIVE_KEYS & set(data)):
            return _read_quanteda(text, source, lex_name)
        return lexicon_from_yaml(text, source=source)
    if fmt == "quanteda":
        return _read_quanteda(text, source, lex_name)
    if fmt == "dic":
        return _read_dic(text, source, lex_name)
    return _read_csv(text, source, lex_name)


def write_lexicon(
    lexicon: Lexicon,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    lossy: bool = False,
) -> Path:
    """Write a lexicon atomically; return the path written.

    Parameters
    ----------
    lexicon : Lexicon
    path : str or path-like
    format : {"yaml", "quanteda", "dic", "csv"}, default=None
        By default chosen from the extension (``.yaml`` writes native YAML).
    lossy : bool, default=False
        Formats other than native YAML cannot hold exclusions (nor, for dic and
        quanteda, weights), nor the metadata.  By default losing exclusions or
        weights is an error; ``lossy=True`` drops them.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    LexiconError
        The format cannot hold the lexicon's exclusions or weights.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> lex = Lexicon.from_terms("toy", {"peace": ["peace*", "no war"]})
    >>> out = write_lexicon(lex, pathlib.Path(tempfile.mkdtemp()) / "toy.dic")
    >>> print(out.read_text())
    %
    1	peace
    %
    peace*	1
    no war	1
    <BLANKLINE>
    """
    path = Path(path)
    fmt = _format_of(path, format)
    try:
        text = _serialize(lexicon, fmt, lossy)
    except LexiconError as error:
        raise LexiconError(f"{path}: {error}") from None
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="")
    return path


def _serialize(lexicon: Lexicon, fmt: str, lossy: bool) -> str:
    if fmt == "yaml":
        text = lexicon_to_yaml(lexicon)
    elif fmt == "dic":
        _check_lossless(lexicon, "dic", lossy)
        text = _dic_text(lexicon)
    elif fmt == "csv":
        _check_lossless(lexicon, "csv", lossy)
        text = _csv_text(lexicon)
    else:
        _check_lossless(lexicon, "quanteda", lossy)
        text = _quanteda_text(lexicon)
    return text
