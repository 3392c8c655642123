"""Bundled frame lexicons and the loader that finds them.

Each bundled lexicon is a YAML file in this folder, ``<name>.yaml``, with a
datasheet ``<name>.md`` next to it (what each frame means, how its terms were
chosen, known false positives, validation figures).
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from framing._errors import LexiconError
from framing.lexicon._io import lexicon_from_yaml, read_lexicon
from framing.lexicon._types import Lexicon

__all__ = ["bundled_path", "list_lexicons", "load_lexicon"]

_FILE_SUFFIXES = (".yaml", ".yml", ".dic", ".csv")


def list_lexicons() -> list[str]:
    """Names of the bundled lexicons, sorted.

    Examples
    --------
    >>> "generic_news" in list_lexicons()
    True
    """
    folder = resources.files("framing.lexicon").joinpath("data")
    return sorted(
        entry.name[: -len(".yaml")]
        for entry in folder.iterdir()
        if entry.is_file()
        and entry.name.endswith(".yaml")
        and not entry.name.endswith(".scope.yaml")
        and not entry.name.startswith(".")
    )


def bundled_path(name: str) -> Path:
    """The file of the bundled lexicon ``name``.

    Raises
    ------
    LexiconError
        No bundled lexicon has that name; the message lists those that exist.
    """
    entry = resources.files("framing.lexicon").joinpath("data").joinpath(f"{name}.yaml")
    if not entry.is_file():
        raise LexiconError(
            f"no bundled lexicon named {name!r}; bundled: {', '.join(list_lexicons()) or 'none'}. "
            "To load a file, give its path with a .yaml, .yml, .dic or .csv extension"
        )
    return Path(str(entry))


def looks_like_path(value: str | os.PathLike[str]) -> bool:
    if isinstance(value, os.PathLike):
        return True
    return value.lower().endswith(_FILE_SUFFIXES) or "/" in value or os.sep in value


def load_lexicon(name_or_path: str | os.PathLike[str]) -> Lexicon:
    """Load a bundled lexicon by name, or a lexicon file by path.

    Parameters
    ----------
    name_or_path : str or path-like
        A bundled name (see :func:`list_lexicons`), e.g. ``"mideast"`` or
        ``"generic_news"``; or the path of a ``.yaml``/``.yml`` (native or
        quanteda-style), ``.dic`` (LIWC-style) or ``.csv`` (``term,frame[,weight]``)
        file.

    Returns
    -------
    Lexicon

    Raises
    ------
    LexiconError
        Unknown name, or a malformed file (the message names file, frame and
        pattern).
    FileNotFoundError
        A path that does not exist.

    See Also
    --------
    read_lexicon : read a file with an explicit format.

    Examples
    --------
    >>> lex = load_lexicon("generic_news")
    >>> "conflict" in lex.frame_names
    True
    """
    if looks_like_path(name_or_path):
        path = Path(name_or_path)
        if not path.exists():
            raise FileNotFoundError(f"lexicon file {path} does not exist")
        return read_lexicon(path)
    name = str(name_or_path)
    path = bundled_path(name)
    return lexicon_from_yaml(path.read_text(encoding="utf-8"), source=f"bundled lexicon {name}")
