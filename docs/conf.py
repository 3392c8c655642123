"""Sphinx configuration of the documentation site; ``docs/build`` is the command that uses it.

The source tree is staged by ``docs/sitegen.py`` into ``docs/_build/src`` (the user guide,
notebooks, generated API/CLI/config pages, datasheets and the gallery); this file only says
how Sphinx renders it.  Warnings are errors (``-W``).
"""

from __future__ import annotations

import framing

project = "framing"
author = "The framing developers"
copyright = "the framing developers, BSD-3-Clause"
release = version = framing.__version__

extensions = [
    "myst_nb",  # MyST Markdown pages and notebooks (includes myst_parser)
    "numpydoc",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.viewcode",
]
exclude_patterns = ["**/.ipynb_checkpoints"]

# MyST: GitHub-flavoured pages as they are ($math$, ::: fences, links to #heading-anchors).
myst_enable_extensions = ["colon_fence", "dollarmath", "deflist"]
myst_heading_anchors = 3

# myst-nb: run every notebook on each build (never stale outputs from a cache); an error in a
# cell fails the build.  Notebooks that need absent research data are staged with execution
# off and a note (docs/sitegen.py).
nb_execution_mode = "force"
nb_execution_timeout = 600
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_merge_streams = True

# API pages: numpydoc renders the docstrings; members are listed by autodoc on the page.
autosummary_generate = False
autodoc_typehints = "none"
autodoc_member_order = "bysource"
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False

html_theme = "pydata_sphinx_theme"
html_title = f"framing {release}"
html_static_path = ["site/_static"]
html_css_files = ["framing.css"]
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
    "secondary_sidebar_items": ["page-toc", "sourcelink"],
}
html_show_sourcelink = False
# pages without sub-pages get the width of the (empty) section navigation
html_sidebars = {"index": [], "gallery/index": [], "reference/index": [], "data/index": []}
