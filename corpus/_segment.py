"""Split texts into paragraphs and sentences.

The default sentence splitter is a dependency-free regular expression, so
segmentation works on a machine without NLTK data.  ``make_sentence_splitter``
returns the Punkt splitter when it is installed, and raises a clear error
(never substitutes another splitter) when it is not.
"""

from __future__ import annotations

import re

__all__ = ["split_paragraphs", "split_sentences"]

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_LINE = re.compile(r"\r?\n")
# A sentence ends at . ! or ? (optionally followed by closing quotes or
# brackets), followed by whitespace and then an upper-case letter, a digit or
# an opening quote.  Common abbreviations are protected below.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st mt gen col lt sgt capt gov sen rep pres hon rev "
    "no nos art arts para vol ch fig inc ltd co corp dept univ est approx etc e.g i.e "
    "u.s u.k u.n jan feb mar apr jun jul aug sep sept oct nov dec vs".split()
)


def split_paragraphs(text: str) -> list[str]:
    """Split a text into paragraphs.

    A text that contains blank lines is split on blank lines (its single line
    breaks are kept inside paragraphs); a text without blank lines is split on
    every line break (one paragraph per line, as in the UN General Debate
    Corpus).  Pieces are stripped and empty ones dropped.

    Parameters
    ----------
    text : str
        The text to split.

    Returns
    -------
    list of str

    Examples
    --------
    >>> split_paragraphs("A b.\\nc d.\\n\\nE f.")
    ['A b.\\nc d.', 'E f.']
    >>> split_paragraphs("One.\\nTwo.\\n")
    ['One.', 'Two.']
    """
    pattern = _BLANK_LINE if _BLANK_LINE.search(text) else _LINE
    return [p.strip() for p in pattern.split(text) if p.strip()]


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
