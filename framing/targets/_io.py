"""Reading target lists from YAML, and the bundled target lists."""

from __future__ import annotations

import os
import re
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar

import yaml

from framing._errors import LexiconError
from framing.targets._types import TargetList, targets_from_dict

__all__ = ["list_targets", "load_targets", "read_targets", "targets_from_yaml"]

_SUFFIXES = (".yaml", ".yml")
_NOT_NAME = re.compile(r"[^A-Za-z0-9_.\-]")


_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader: a repeated key is an error; only true/false are booleans, so the
    aliases ``no`` or ``on`` stay strings."""

    yaml_implicit_resolvers: ClassVar[dict[str, Any]] = {}

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, str) and key in seen:
                raise LexiconError(
                    f"line {key_node.start_mark.line + 1}: key {key!r} appears twice "
                    f"(first at line {seen[key]}); one target per key"
                )
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


def targets_from_yaml(text: str, *, name: str = "targets", source: str = "<string>") -> TargetList:
    """A target list from YAML text (plain or rich form, see :func:`targets_from_dict`).

    Examples
    --------
    >>> tl = targets_from_yaml('''
    ... pmf: [popular mobilization forces, popular mobilisation*, hashd,
    ...       al-hashd al-shaabi, pmf]
    ... hezbollah: [hezbollah, hizbullah, hizballah]
    ... ''')
    >>> tl.names, len(tl.target("pmf").aliases)
    (('pmf', 'hezbollah'), 5)
    """
    try:
        data = yaml.load(text, Loader=_StrictLoader)  # a SafeLoader subclass
    except LexiconError as error:
        raise LexiconError(f"{source}: {error}") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise LexiconError(f"{source}: {where}invalid YAML ({problem})") from None
    return targets_from_dict(data, name=name, source=source)


def read_targets(path: str | os.PathLike[str]) -> TargetList:
    """Read a target list from a YAML file; a plain file is named after its stem.

    Raises
    ------
    LexiconError
        The file cannot be read or is not a valid target list (the message
        names the file, and the line for YAML errors).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise LexiconError(f"cannot read target list {path}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise LexiconError(f"{path}: not UTF-8 text") from None
    name = _NOT_NAME.sub("_", path.stem).lstrip(".-0123456789") or "targets"
    return targets_from_yaml(text, name=name, source=str(path))


def _data() -> Any:
    return resources.files("framing.targets").joinpath("data")


def list_targets() -> list[str]:
    """Names of the bundled target lists, sorted.

    Examples
    --------
    >>> list_targets()
    ['mideast_actors', 'syria_war']
    """
    return sorted(
        entry.name[: -len(".yaml")]
        for entry in _data().iterdir()
        if entry.is_file() and entry.name.endswith(".yaml") and entry.name.count(".") == 1
    )


def load_targets(name_or_path: str | os.PathLike[str] | TargetList) -> TargetList:
    """A bundled target list by name, or a target list file by path.

    Parameters
    ----------
    name_or_path : str, path or TargetList
        A bundled name (:func:`list_targets`), a ``.yaml``/``.yml`` file, or a
        target list (returned as it is).

    Raises
    ------
    LexiconError
        No bundled list of that name and not a file name (the message lists
        the bundled lists).

    Examples
    --------
    >>> load_targets("syria_war").names[:3]
    ('syrian_government', 'armed_opposition', 'isis')
    """
    if isinstance(name_or_path, TargetList):
        return name_or_path
    text = os.fspath(name_or_path)
    if not isinstance(name_or_path, os.PathLike) and text in list_targets():
        return read_targets(Path(str(_data().joinpath(f"{text}.yaml"))))
    if isinstance(name_or_path, os.PathLike) or text.lower().endswith(_SUFFIXES) or os.sep in text:
        return read_targets(text)
    raise LexiconError(
        f"no bundled target list named {text!r}; bundled: {', '.join(list_targets())}. "
        "To load a file, give its path with a .yaml or .yml extension"
    )
