"""Keywords in context: every hit of a lexicon with the text around it.

:func:`kwic` builds on :func:`framing.find_hits` (the hits that the counts are
made of), so a concordance shows exactly what :func:`framing.score_frames`
counted; it adds the unit's metadata and slices of the original text to the
left and right of each match.  :func:`write_kwic` writes it as CSV or as a
booktabs LaTeX table.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from corpus import Corpus
from framing._errors import InvalidParameterError
from framing.lexicon import Lexicon

__all__ = ["kwic", "kwic_to_latex", "write_kwic"]

_TOKEN = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
KWIC_COLUMNS = ("frame", "pattern", "left", "match", "right")


def _text_units(source: Corpus | Iterable[str], unit: str) -> Corpus:
    from framing.score._score import as_corpus as units_of

    return units_of(
        source,
        unit,
        "kwic needs raw text: a Corpus or a list of texts (a Tokens object has no text to show)",
    )


def _wanted(value: str | Sequence[str], known: Iterable[str], kind: str, where: str,
            hint: str) -> list[str]:  # fmt: skip
    """The names asked for, each one ``known``; else an InvalidParameterError naming the others."""
    wanted = [value] if isinstance(value, str) else list(value)
    known = set(known)
    unknown = [name for name in wanted if name not in known]
    if unknown or not wanted:
        raise InvalidParameterError(f"{kind} {unknown or wanted!r} {where}; {hint}")
    return wanted


def _select_frames(lexicon: Lexicon, frame: str | Sequence[str] | None) -> Lexicon:
    if frame is None:
        return lexicon
    wanted = _wanted(frame, lexicon.frame_names, "frame", f"is not in lexicon {lexicon.name!r}",
                     f"frames: {', '.join(lexicon.frame_names)}")  # fmt: skip
    frames = tuple(f for f in lexicon.frames if f.name in wanted)
    return dataclasses.replace(lexicon, frames=frames)


def _known_patterns(lexicon: Lexicon, pattern: str | Sequence[str]) -> list[str]:
    return _wanted(
        pattern, (p.text for f in lexicon.frames for p in f.patterns), "pattern",
        f"is not a pattern of the selected frames of lexicon {lexicon.name!r}",
        "write it as the lexicon does (e.g. 'resist*')",
    )  # fmt: skip


def _contexts(text: str, hits: pd.DataFrame, window: int) -> tuple[list, list, list]:
    """Left context, match and right context of each hit, sliced from ``text``.

    Token positions index the ``\\w+`` tokens of the original text; when a
    hit has no character offsets (its text's normalization could not be
    mapped back) or the token count differs, the normalized text is sliced.
    """
    from framing.score._match import normalize

    spans = [m.span() for m in _TOKEN.finditer(text)]
    left, match, right = [], [], []
    for start, end, c0, c1 in zip(
        hits["token_start"],
        hits["token_end"],
        hits["char_start"],
        hits["char_end"],
        strict=True,
    ):
        source, toks = text, spans
        if pd.isna(c0) or pd.isna(c1) or end > len(spans):
            source = normalize(text)
            toks = [m.span() for m in _TOKEN.finditer(source)]
            c0, c1 = toks[start][0], toks[end - 1][1]
        c0, c1 = int(c0), int(c1)
        lo = toks[max(0, start - window)][0] if start > 0 and window > 0 else c0
        hi = toks[min(len(toks), end + window) - 1][1] if end < len(toks) and window > 0 else c1
        left.append(source[lo:c0])
        match.append(source[c0:c1])
        right.append(source[c1:hi])
    return left, match, right


def kwic(
    corpus: Corpus | Iterable[str],
    lexicon: Lexicon | str | os.PathLike[str],
    *,
    frame: str | Sequence[str] | None = None,
    pattern: str | Sequence[str] | None = None,
    window: int = 10,
    unit: str = "document",
    negation_window: int | None = None,
    scheduler: str | None = None,
    cluster: dict[str, Any] | None = None,
) -> pd.DataFrame:
    """A keyword-in-context table of every hit of a lexicon.

    Parameters
    ----------
    corpus : Corpus or iterable of str
        The texts (a list of texts gets ids ``d0, d1, ...``).
    lexicon : Lexicon, str or path-like
        A lexicon, a bundled lexicon's name or a lexicon file.
    frame : str or sequence of str, default=None
        Only these frames (default: all).
    pattern : str or sequence of str, default=None
        Only the hits of these lexicon patterns, written as in the lexicon
        (``"resist*"``), e.g. to read a pattern's false positives.  Matching
        is unchanged: a token claimed by a longer pattern of the frame is not
        shown under a shorter one.
    window : int, default=10
        Tokens of context on each side (never beyond the unit); a context
        runs from the first character of its first token to the last
        character of its last token.
    unit : {"document", "paragraph", "sentence"}, default="document"
        The unit hits are found in; ``doc_id`` is the unit's id and the
        docvars are the unit's (segments add ``parent_id`` and
        ``segment_no``).
    negation_window : int, default=None
        As in :func:`framing.score_frames`; when set, a ``negated`` column
        marks the hits that the counts leave out.
    scheduler : str, default=None
        Where the hits are found, as in :func:`framing.score_frames`
        (``local:N``, ``tcp://HOST:PORT``, ``slurm``, ``pbs``); the table does
        not depend on it.
    cluster : dict, default=None
        dask-jobqueue options for ``slurm`` and ``pbs`` (``docs/cluster.md``).

    Returns
    -------
    DataFrame
        One row per hit: ``doc_id``, the unit's docvars, ``frame``,
        ``pattern`` (as written in the lexicon), ``left``, ``match``,
        ``right`` (slices of the original text, whitespace kept), then
        ``token_start``/``token_end`` (token positions in the unit).  Rows
        follow corpus order, then position, then frame order.

    Raises
    ------
    InvalidParameterError
        An unknown frame, pattern or unit, a negative window, or Tokens input.

    See Also
    --------
    framing.find_hits : the hits without context.
    write_kwic : save the table as CSV or LaTeX.

    Examples
    --------
    >>> from framing import Lexicon
    >>> lex = Lexicon.from_terms("toy", {"sovereignty": ["sovereign*", "territorial integrity"]})
    >>> k = kwic(["We defend the territorial integrity of our sovereign state."], lex, window=2)
    >>> k[["doc_id", "frame", "left", "match", "right"]]
      doc_id        frame         left                  match    right
    0     d0  sovereignty  defend the   territorial integrity   of our
    1     d0  sovereignty      of our               sovereign    state
    """
    if isinstance(window, bool) or not isinstance(window, (int, np.integer)) or window < 0:
        raise InvalidParameterError(f"window must be a non-negative integer, got {window!r}")
    from framing.lexicon import load_lexicon
    from framing.score._score import find_hits

    lex = lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon)
    lex = _select_frames(lex, frame)
    patterns = None if pattern is None else _known_patterns(lex, pattern)  # before matching
    corp = _text_units(corpus, unit)
    docvars = corp.docvars
    clash = sorted(set(docvars.columns) & {"doc_id", *KWIC_COLUMNS, "negated"})
    if clash:
        raise InvalidParameterError(
            f"docvars {clash} clash with kwic's columns; rename them first"
        )
    hits = find_hits(
        corp, lex, negation_window=negation_window, scheduler=scheduler, cluster=cluster
    )
    if patterns is not None:
        hits = hits[hits["pattern"].isin(patterns)]
    hits = _ordered(hits, lex)
    left, match, right = [], [], []
    by_doc = {d: g for d, g in hits.groupby("doc_id", sort=False)} if len(hits) else {}
    for doc_id, text in zip(corp.doc_ids, corp.iter_texts(), strict=True):
        if doc_id in by_doc:
            parts = _contexts(text, by_doc[doc_id], int(window))
            left += parts[0]
            match += parts[1]
            right += parts[2]
    table = hits[["doc_id"]].reset_index(drop=True)
    meta = docvars.loc[table["doc_id"]].reset_index(drop=True)
    table = pd.concat([table, meta], axis=1)
    table["frame"] = hits["frame"].to_numpy()
    table["pattern"] = hits["pattern"].to_numpy()
    table["left"], table["match"], table["right"] = left, match, right
    table["token_start"] = hits["token_start"].to_numpy(np.int64)
    table["token_end"] = hits["token_end"].to_numpy(np.int64)
    if negation_window is not None:
        table["negated"] = hits["negated"].to_numpy(bool)
    return table


def _ordered(hits: pd.DataFrame, lexicon: Lexicon) -> pd.DataFrame:
    """Sort hits by unit (corpus order, as find_hits gives), position, frame."""
    if not len(hits):
        return hits.reset_index(drop=True)
    doc_rank = pd.factorize(hits["doc_id"])[0]
    frame_rank = hits["frame"].map({f: i for i, f in enumerate(lexicon.frame_names)})
    order = np.lexsort((frame_rank.to_numpy(), hits["token_start"].to_numpy(), doc_rank))
    return hits.iloc[order].reset_index(drop=True)


def _one_line(value: Any) -> str:
    return _SPACE.sub(" ", str(value))


def kwic_to_latex(
    table: pd.DataFrame,
    *,
    columns: Sequence[str] = ("doc_id", "frame", "left", "match", "right"),
    caption: str | None = None,
    label: str | None = None,
) -> str:
    r"""A booktabs LaTeX concordance: left context right-aligned, match in bold.

    Every cell is escaped and its whitespace (line breaks included) collapsed
    to single spaces.

    Parameters
    ----------
    table : DataFrame
        A :func:`kwic` table.
    columns : sequence of str, default=("doc_id", "frame", "left", "match", "right")
        Columns to write, in order; any docvar may be added.
    caption, label : str, optional
        Wrap the tabular in a ``table`` float.

    Returns
    -------
    str
        LaTeX source; needs ``\usepackage{booktabs}``.

    Examples
    --------
    >>> t = pd.DataFrame({"doc_id": ["d_1"], "frame": ["war"], "left": ["50% of\nthe "],
    ...                   "match": ["war"], "right": [" & more"]})
    >>> print(kwic_to_latex(t))
    \begin{tabular}{llrcl}
    \toprule
    doc\_id & frame & left & match & right \\
    \midrule
    d\_1 & war & 50\% of the & \textbf{war} & \& more \\
    \bottomrule
    \end{tabular}
    <BLANKLINE>
    """
    from framing._tables import booktabs, escape_latex

    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise InvalidParameterError(f"columns {missing} are not in the kwic table")
    align = "".join({"left": "r", "match": "c"}.get(c, "l") for c in columns)
    rows = []
    for row in table[list(columns)].itertuples(index=False, name=None):
        cells = [escape_latex(_one_line(v).strip()) for v in row]
        rows.append(
            [
                f"\\textbf{{{v}}}" if c == "match" else v
                for c, v in zip(columns, cells, strict=True)
            ]
        )
    return booktabs(list(columns), rows, align, caption=caption, label=label)


def write_kwic(
    table: pd.DataFrame,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    **latex_options: Any,
) -> Path:
    """Write a :func:`kwic` table as CSV or LaTeX; the file appears only when complete.

    Parameters
    ----------
    table : DataFrame
        A :func:`kwic` table.
    path : str or path-like
        ``.csv`` (every column, text as is) or ``.tex`` (see
        :func:`kwic_to_latex`).
    format : {"csv", "tex"}, optional
        Default from the suffix of ``path``.
    **latex_options
        ``columns``, ``caption``, ``label`` for LaTeX.

    Returns
    -------
    Path

    Examples
    --------
    >>> import pathlib, tempfile
    >>> t = pd.DataFrame({"doc_id": ["d0"], "frame": ["war"], "left": ["a "],
    ...                   "match": ["war"], "right": [" b"]})
    >>> out = write_kwic(t, pathlib.Path(tempfile.mkdtemp()) / "kwic.csv")
    >>> out.read_text()
    'doc_id,frame,left,match,right\\nd0,war,a ,war, b\\n'
    """
    from framing._provenance import atomic_path
    from framing._tables import write_table

    path = Path(path)
    fmt = (format or path.suffix.lstrip(".")).lower()
    if fmt == "csv":
        return write_table(table, path, format="csv")
    if fmt != "tex":
        raise InvalidParameterError(
            f"{path}: a kwic table is written as .csv or .tex, not {fmt!r}"
        )
    with atomic_path(path) as tmp:
        tmp.write_text(kwic_to_latex(table, **latex_options), encoding="utf-8")
    return path
