"""Coding units for validating the bundled ``mideast`` lexicon on UNGDC paragraphs.

A coding unit is a paragraph of a UN General Debate speech, cut from
``corpus.read("ungdc", path=...)`` by :meth:`corpus.Corpus.segment` with one
of two explicit splitters (:data:`SEGMENTATIONS`); unit ids are
``ISO_SS_YYYY:N`` (``N`` counted from 1 within the speech):

* ``lines``: one paragraph per non-blank line, the corpus's published layout.
  The test sample uses it.
* ``blocks``: the rule of :func:`corpus.split_paragraphs` when the development
  sample was drawn (git commit 9e67a9a): split on blank lines when the text has
  any, else on line breaks.  In 606 of the 1,096 Middle-East and P5 speeches of
  1970-2024 a stray or trailing blank line makes this rule return a few
  multi-line blocks (sometimes the whole speech) instead of lines.  The rule is
  copied here so that the development sample's ids keep their meaning.

* ``rewrapped``: for hard-wrapped speeches, lines are joined into paragraphs;
  a paragraph ends at a blank line, before a numbered line ("76.<tab>") and
  after a line that ends a sentence and is shorter than 80% of the speech's
  90th-percentile line width (:func:`split_rewrapped`).

Speeches come in two layouts (:func:`layout`): ``lines`` (one paragraph per
line; 609 speeches, 1970-1994 and 2015-2024) and ``wrapped`` (lines
hard-wrapped at about ten words; 487 speeches, mostly 1992-2014).  Neither
``lines`` nor ``blocks`` recovers the paragraphs of most ``wrapped`` speeches
(310 of them yield no eligible unit under either), so the ``wrapped`` sample
uses ``rewrapped`` on ``wrapped`` speeches only.

The archive is read in place; no text is written to the repository.

The population is the *eligible* paragraphs of 1970-2024 speeches by the
Middle-East speakers in :data:`MIDEAST` and the five permanent members of the
Security Council (:data:`P5`): paragraphs of at least :data:`MIN_WORDS` words
that do not open with a salutation ("Mr. President", "Excellencies", ...).
Lexicon hits always come from :func:`framing.score_frames`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd

import corpus
from corpus import Corpus, paragraph_layout, split_paragraphs
from framing import Lexicon, load_lexicon, score_frames

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(os.environ.get("FRAMING_DATA", ROOT.parent / "shared" / "data"))
ARCHIVE = DATA / "ungdc" / "UNGDC_1946-2024_TXT.tar.gz"
LEXICON = ROOT / "framing" / "lexicon" / "data" / "mideast.yaml"
VALIDATION = ROOT / "framing" / "lexicon" / "data" / "validation"
SAMPLE = VALIDATION / "mideast_sample.csv"
GOLD = VALIDATION / "mideast_gold.csv"

FRAMES = (
    "resistance",
    "sovereignty",
    "foreign_interference",
    "security_threat",
    "cooperation",
    "legitimacy",
    "humanitarian",
)
#: Middle-East speakers: Iran, Israel, Turkey, Palestine and the Arab states of West
#: Asia and Egypt.
MIDEAST = (
    "ARE",
    "BHR",
    "EGY",
    "IRN",
    "IRQ",
    "ISR",
    "JOR",
    "KWT",
    "LBN",
    "OMN",
    "PSE",
    "QAT",
    "SAU",
    "SYR",
    "TUR",
    "YEM",
)
#: The five permanent members of the Security Council.
P5 = ("CHN", "FRA", "GBR", "RUS", "USA")
YEARS = (1970, 2024)
MIN_WORDS = 25
_SALUTATION = re.compile(
    r"^\W*(\d+\.\s*)?(mr\.?\s|madam|mister|your (excellenc|majest|highness)|"
    r"excellenc|distinguished|ladies and|bismillah|in the name of (god|allah)|thank you)",
    re.IGNORECASE,
)
_WORDS = re.compile(r"\w+")
_LINE = re.compile(r"\r?\n")
#: A blank line (the rule of split_paragraphs(mode="blank")).
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


def eligible(text: str) -> bool:
    """A paragraph worth coding: MIN_WORDS words or more, not a salutation.

    Examples
    --------
    >>> eligible("Mr. President, " + "word " * 30)
    False
    >>> eligible("Lebanon " * 30)
    True
    """
    return len(_WORDS.findall(text)) >= MIN_WORDS and not _SALUTATION.match(text)


def split_lines(text: str) -> list[str]:
    """One paragraph per non-blank line, stripped.

    Examples
    --------
    >>> split_lines("A b.\\nC d.\\n\\n")
    ['A b.', 'C d.']
    """
    return corpus.split_paragraphs(text, mode="lines")


def split_blocks(text: str) -> list[str]:
    """Blank-line blocks when the text has a blank line, else lines (the 9e67a9a rule).

    Examples
    --------
    >>> split_blocks("A b.\\nC d.\\n\\n")
    ['A b.\\nC d.']
    >>> split_blocks("A b.\\nC d.")
    ['A b.', 'C d.']
    """
    pattern = _BLANK_LINE if _BLANK_LINE.search(text) else _LINE
    return [p.strip() for p in pattern.split(text) if p.strip()]


def split_rewrapped(text: str) -> list[str]:
    """Rejoin hard-wrapped lines into paragraphs (see the module docstring).

    Examples
    --------
    >>> text = "The first sentence is long enough here.\\nIt ends.\\nA new one starts.\\n"
    >>> split_rewrapped(text)  # the full-width first line does not end a paragraph
    ['The first sentence is long enough here. It ends.', 'A new one starts.']
    >>> split_rewrapped("A line that wraps\\nin the middle.\\n\\nNext.")
    ['A line that wraps in the middle.', 'Next.']
    """
    return split_paragraphs(text, mode="rewrap")


SEGMENTATIONS = {"lines": split_lines, "blocks": split_blocks, "rewrapped": split_rewrapped}


def layout(text: str) -> str:
    """``"wrapped"`` when the median non-blank line is short, else ``"lines"``.

    Examples
    --------
    >>> layout("a b c\\nd e\\n\\nf g h")
    'wrapped'
    """
    return paragraph_layout(text)


def read_units(
    segmentation: str = "lines", archive: Path = ARCHIVE, *, only_layout: str | None = None
) -> Corpus:
    """The eligible paragraphs (docvars country, session, year, parent_id, segment_no).

    ``only_layout`` keeps only speeches of that :func:`layout`.
    """
    speeches = corpus.read("ungdc", path=archive)
    speeches = speeches.filter(
        lambda d: d.country.isin(MIDEAST + P5) & d.year.between(*YEARS)
    ).materialize()
    if only_layout is not None:
        speeches = speeches.filter([layout(t) == only_layout for t in speeches.texts])
    splitter = SEGMENTATIONS[segmentation]
    paragraphs = speeches.segment("paragraphs", splitter=splitter).materialize()
    return paragraphs.filter([eligible(t) for t in paragraphs.texts])


def group_of(country: str) -> str:
    """``"mideast"`` or ``"p5"``."""
    return "p5" if country in P5 else "mideast"


def hit_counts(units: Corpus, lexicon: Lexicon | Path = LEXICON) -> pd.DataFrame:
    """Counts per unit and frame from :func:`framing.score_frames` (index unit id)."""
    lex = lexicon if isinstance(lexicon, Lexicon) else load_lexicon(Path(lexicon))
    counts = score_frames(units, lex).counts
    return counts.loc[list(units.doc_ids), list(FRAMES)]
