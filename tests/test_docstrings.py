"""Every public function and class is documented, with parameters matching its signature.

Like scikit-learn's ``test_docstring_parameters.py``: the numpydoc ``Parameters``
section of each public callable names exactly the parameters of its signature,
and every public callable has an ``Examples`` section (they run as doctests).
The order of ``__all__`` is checked by ruff (RUF022).
"""

from __future__ import annotations

import inspect
import re

import pytest

import corpus
import framing

_SECTION = re.compile(r"^\s*(\w[\w ]*)\n\s*-{3,}\s*$", re.M)


def _public():
    for package in (corpus, framing):
        for name in package.__all__:
            obj = getattr(package, name)
            if inspect.isclass(obj) or inspect.isfunction(obj):
                if issubclass(obj, BaseException) if inspect.isclass(obj) else False:
                    continue
                yield f"{package.__name__}.{name}", obj


def _sections(doc: str) -> dict[str, str]:
    doc = inspect.cleandoc(doc)
    marks = list(_SECTION.finditer(doc))
    out = {}
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(doc)
        out[mark.group(1).strip()] = doc[mark.end() : end]
    return out


def _documented_params(section: str) -> list[str]:
    names = []
    for line in section.splitlines():
        match = re.match(r"^(\*{0,2}[A-Za-z_]\w*(?:\s*,\s*\*{0,2}[A-Za-z_]\w*)*)\s*(:|$)", line)
        if match and not line.startswith(" "):
            names.extend(n.strip().lstrip("*") for n in match.group(1).split(","))
    return names


PUBLIC = sorted(_public())


@pytest.mark.parametrize("name,obj", PUBLIC, ids=[n for n, _ in PUBLIC])
def test_docstring_documents_signature_issue8(name, obj):
    doc = inspect.getdoc(obj)
    assert doc, f"{name} has no docstring"
    sections = _sections(doc)
    assert "Examples" in sections, f"{name} has no Examples section"
    target = obj.__init__ if inspect.isclass(obj) else obj
    if inspect.isclass(obj) and "Parameters" not in sections:
        try:
            params = [p for p in inspect.signature(obj).parameters if p != "self"]
        except (TypeError, ValueError):
            params = []
        assert not params, f"{name} takes {params} but documents no Parameters"
        return
    try:
        signature = inspect.signature(obj if inspect.isclass(obj) else target)
    except (TypeError, ValueError):
        return
    expected = [
        p.name
        for p in signature.parameters.values()
        if p.name not in ("self", "cls") and not p.name.startswith("_")
    ]
    documented = _documented_params(sections.get("Parameters", ""))
    assert documented == expected, (
        f"{name}: docstring documents {documented}, signature has {expected}"
    )
