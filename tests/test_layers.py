"""The layers of DESIGN.md hold: imports point down, no cycles, no private reach-ins (issue 12).

Every import of the package's own modules counts, those inside functions too; only imports
under ``if TYPE_CHECKING:`` are left out.  The rank of a module is that of its subpackage.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: Subpackage -> rank; a module may import its own rank or lower.  Base modules (``corpus._x``,
#: ``framing._x``) are the lowest layer of their package; the package roots and ``__main__``
#: only re-export, above everything.
RANKS = {"corpus": -2, "corpus.read": -1, "framing": 0, "compute": 1, "lexicon": 2, "embed": 2,
         "score": 3, "measures": 4, "models": 4,
         "stats": 5, "topics": 5, "validate": 5, "targets": 5,
         "figures": 6, "experiment": 7, "cli": 8, "root": 9}  # fmt: skip
ROOTS = {"corpus", "framing", "framing.__main__"}


def _module(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, module: str) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = {id(n) for i in ast.walk(tree) if isinstance(i, ast.If) and "TYPE_CHECKING" in
            ast.unparse(i.test) for n in ast.walk(i)}  # fmt: skip
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            name = ".".join([*base, node.module or ""] if node.level else [node.module or ""])
            found |= {f"{name.strip('.')}.{a.name}" for a in node.names}
    return {m for m in found if m.split(".")[0] in ("corpus", "framing")}


def _owner(module: str) -> str:
    if module in ROOTS:
        return "root"
    parts = module.split(".")
    if parts[0] == "corpus":
        return "corpus.read" if parts[1:2] == ["read"] else "corpus"
    return parts[1] if len(parts) > 1 and not parts[1].startswith("_") else "framing"


def graph(root: Path = ROOT) -> dict[str, set[str]]:
    """Module -> the package modules it imports (names resolved to the deepest module file)."""
    files = {
        _module(p, root): p for pkg in ("corpus", "framing") for p in (root / pkg).rglob("*.py")
    }
    edges = {}
    for module, path in files.items():
        targets = set()
        for name in _imports(path, module):
            while name not in files and "." in name:
                name = name.rpartition(".")[0]
            if name in files and name != module:
                targets.add(name)
        edges[module] = targets
    return edges


def problems(edges: dict[str, set[str]]) -> list[str]:
    """Upward, root and private cross-subpackage imports, and cycles."""
    found = []
    for module, targets in edges.items():
        for target in targets:
            own, their = _owner(module), _owner(target)
            base = their in ("corpus", "framing")  # a base module: open to its whole package
            if their == "root" and own != "root" and target.split(".")[0] == module.split(".")[0]:
                found.append(f"{module} imports the package root {target}")
            elif RANKS[their] > RANKS[own] and their != "root":
                found.append(f"{module} (layer {own}) imports upward {target} (layer {their})")
            elif (
                own not in (their, "root")
                and not base
                and any(p.startswith("_") for p in target.split(".")[1:])
            ):
                found.append(f"{module} imports {target}, a private module of {their}")
    return found + [" -> ".join(c) for c in _cycles(edges)]


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    sys.setrecursionlimit(10_000)
    state, cycles = {}, []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    return cycles


def test_layers_hold_issue_12() -> None:
    assert problems(graph()) == []


def test_checker_finds_an_upward_import_and_a_cycle_issue_12(tmp_path: Path) -> None:
    for rel, text in {"framing/__init__.py": "", "framing/score/__init__.py": "",
                      "framing/score/_a.py": "def f():\n    from framing.figures import plot\n",
                      "framing/figures/__init__.py": "from framing.figures._b import plot\n",
                      "framing/figures/_b.py": "from framing.score._a import f\nplot = f\n",
                      "corpus/__init__.py": ""}.items():  # fmt: skip
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    found = problems(graph(tmp_path))
    assert any("imports upward framing.figures" in p for p in found)
    assert any("private module of score" in p for p in found)
    assert any(p.startswith("framing.figures") and "->" in p for p in found)


@pytest.mark.parametrize("folder", ["experiments", "benchmarks", "notebooks"])
def test_scripts_use_public_names_issue_12(folder: str) -> None:
    private = []
    for path in sorted((ROOT / folder).rglob("*.py")) + sorted((ROOT / folder).rglob("*.ipynb")):
        text = path.read_text(encoding="utf-8")
        for line in text.splitlines():
            words = line.replace('"', " ").replace("\\n", " ").split()
            if words[:1] in (["from"], ["import"]) and len(words) > 1 and \
                    words[1].split(".")[0] in ("corpus", "framing") and \
                    any(p.startswith("_") for p in words[1].split(".")[1:]):  # fmt: skip
                private.append(f"{path.relative_to(ROOT)}: {line.strip()}")
    assert private == []
