"""``framing lexicon list | show NAME | validate FILE``."""

from __future__ import annotations

import argparse
import json
from typing import Any

from framing.cli._lexicon_expand import register_expand

__all__ = ["register"]

_FORMAT_HELP = "file format (yaml, quanteda, dic, csv); by default from the extension"


def register(subparsers: Any) -> None:
    """Add the ``lexicon`` command group."""
    lexicon = subparsers.add_parser(
        "lexicon",
        help="list, show and validate frame lexicons",
        description="Bundled frame lexicons and lexicon files (.yaml/.yml, .dic, .csv).",
    )
    sub = lexicon.add_subparsers(dest="lexicon_command", metavar="SUBCOMMAND")
    sub.required = True

    listing = sub.add_parser("list", help="list the bundled lexicons")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=_list)

    show = sub.add_parser(
        "show", help="print a lexicon's validation scope, frames, patterns and fingerprint"
    )
    show.add_argument("lexicon", metavar="NAME", help="a bundled name or a lexicon file")
    show.add_argument("--format", help=_FORMAT_HELP)
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(handler=_show)

    validate = sub.add_parser(
        "validate",
        help="check a lexicon file; exit 0 with a summary, 1 naming the frame and pattern",
    )
    validate.add_argument("file", metavar="FILE", help="a .yaml/.yml, .dic or .csv file")
    validate.add_argument("--format", help=_FORMAT_HELP)
    validate.add_argument(
        "--strict",
        action="store_true",
        help="treat warnings (redundant patterns, idle exclusions) as errors",
    )
    validate.set_defaults(handler=_validate)

    convert = sub.add_parser(
        "convert", help="convert a lexicon between YAML, quanteda YAML, LIWC .dic and CSV"
    )
    convert.add_argument("source", metavar="SOURCE", help="a bundled name or a lexicon file")
    convert.add_argument("dest", metavar="DEST", help="the file to write (.yaml, .dic, .csv)")
    convert.add_argument("--from", dest="from_format", help=_FORMAT_HELP + " of SOURCE")
    convert.add_argument("--to", dest="to_format", help=_FORMAT_HELP + " of DEST")
    convert.add_argument("--name", help="lexicon name when SOURCE carries none (dic, csv)")
    convert.add_argument("--encoding", default="utf-8", help="encoding of SOURCE")
    convert.add_argument(
        "--lossy",
        action="store_true",
        help="drop exclusions/weights that the DEST format cannot hold",
    )
    convert.set_defaults(handler=_convert)
    register_expand(sub)


def _read_file(path: str, **options: Any) -> Any:
    """A lexicon file (``read_lexicon`` options), or FileNotFoundError naming it."""
    from pathlib import Path

    from framing.lexicon import read_lexicon

    if not Path(path).is_file():
        raise FileNotFoundError(f"lexicon file {path} does not exist")
    return read_lexicon(path, **options)


def _load(source: str, fmt: str | None, *, name: str | None = None,
          encoding: str = "utf-8") -> Any:  # fmt: skip
    """A bundled lexicon by name, or a file (always a file when read options are given)."""
    from framing.lexicon import load_lexicon, looks_like_path

    if fmt is not None or name is not None or looks_like_path(source):
        return _read_file(source, format=fmt, name=name, encoding=encoding)
    return load_lexicon(source)


def _summary(lex: Any) -> dict[str, Any]:
    return {
        "name": lex.name,
        "version": lex.version,
        "n_frames": len(lex.frames),
        "n_patterns": sum(len(f.patterns) for f in lex.frames),
        "n_exclusions": sum(len(f.exclusions) for f in lex.frames),
        "frames": list(lex.frame_names),
        "fingerprint": lex.fingerprint,
    }


def _list(args: argparse.Namespace) -> int:
    from framing.lexicon import list_lexicons, load_lexicon

    rows = [_summary(load_lexicon(name)) for name in list_lexicons()]
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    if not rows:
        print("no bundled lexicons")
        return 0
    width = max(len("name"), *(len(r["name"]) for r in rows))
    print(f"{'name':<{width}}  {'version':<9} {'patterns':>8}  frames")
    for r in rows:
        print(
            f"{r['name']:<{width}}  {r['version']:<9} {r['n_patterns']:>8}  "
            + ", ".join(r["frames"])
        )
    return 0


def _show(args: argparse.Namespace) -> int:
    from framing.validate import validation_scope

    lex = _load(args.lexicon, args.format)
    scope = validation_scope(lex)
    if args.json:
        data = lex.to_dict()
        data["fingerprint"] = lex.fingerprint
        data["validation_scope"] = scope.to_dict()
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    import textwrap

    def block(label: str, text: str, indent: str = "") -> None:
        if text:
            print(
                textwrap.fill(
                    text,
                    width=99,
                    initial_indent=f"{indent}{label}",
                    subsequent_indent=indent + "    ",
                    break_on_hyphens=False,
                )
            )

    case = ", case-sensitive" if lex.case_sensitive else ""
    print(f"{lex.name} {lex.version} ({lex.language}{case})")
    print(f"fingerprint: {lex.fingerprint}")
    print(scope.summary())
    block("description: ", lex.description)
    block("citation: ", lex.citation)
    for frame in lex.frames:
        n_pat, n_excl = len(frame.patterns), len(frame.exclusions)
        print(f"\n[{frame.name}] {n_pat} patterns, {n_excl} exclusions")
        block("", frame.description, "  ")
        block("patterns: ", "; ".join(_pattern_label(p) for p in frame.patterns), "  ")
        block("exclusions: ", "; ".join(_pattern_label(p) for p in frame.exclusions), "  ")
    return 0


def _pattern_label(pattern: Any) -> str:
    return pattern.text if pattern.weight == 1.0 else f"{pattern.text} (weight {pattern.weight:g})"


def _validate(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from framing.lexicon import lexicon_warnings

    path = Path(args.file)
    lex = _read_file(args.file, format=args.format)
    warnings = lexicon_warnings(lex)
    for warning in warnings:
        print(f"{path}: warning: {warning}", file=sys.stderr)
    s = _summary(lex)
    print(
        f"{path}: OK: lexicon {s['name']} {s['version']}, {s['n_frames']} frames, "
        f"{s['n_patterns']} patterns, {s['n_exclusions']} exclusions, "
        f"{len(warnings)} warning(s); fingerprint {s['fingerprint'][:16]}"
    )
    return 1 if warnings and args.strict else 0


def _convert(args: argparse.Namespace) -> int:
    from framing.lexicon import write_lexicon

    lex = _load(args.source, args.from_format, name=args.name, encoding=args.encoding)
    out = write_lexicon(lex, args.dest, format=args.to_format, lossy=args.lossy)
    s = _summary(lex)
    print(
        f"{out}: lexicon {s['name']} {s['version']}, {s['n_frames']} frames, "
        f"{s['n_patterns']} patterns"
    )
    return 0
