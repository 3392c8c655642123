"""Coding units for validating the ``generic_news`` lexicon on FA-KES.

FA-KES articles (``article_content``) contain no line breaks at all, so they
have no paragraphs to split on.  A coding unit is therefore a *pseudo-paragraph*:
three consecutive sentences of one article, as cut by the project's rule-based
sentence splitter (:func:`corpus.split_sentences`); the last unit of an article
holds the one to three sentences left over.  Unit ids are
``"<unit_id>:<segment_no>"`` (:meth:`corpus.Corpus.segment`), with ``unit_id``
the FA-KES column and ``segment_no`` counted from 1 within the article.

``unit_id`` is not unique in the file (804 rows, 792 distinct ids): eight ids
repeat an identical article and one (1926479112) labels two different texts.
The first row of each ``unit_id`` is kept and later rows are dropped, which
keeps the ids stable and never codes the same text twice.

The ``labels`` column (credibility) is never read.
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from collections.abc import Sequence
from fnmatch import translate
from pathlib import Path

import pandas as pd

import corpus
from corpus import Corpus, split_paragraphs, split_sentences
from framing import Frame, Lexicon

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DATA = Path(os.environ.get("FRAMING_DATA", ROOT.parent / "shared" / "data"))
FAKES = DATA / "news" / "fa-kes" / "FA-KES-Dataset.csv"
LEXICON = ROOT / "framing" / "lexicon" / "data" / "generic_news.yaml"
VALIDATION = ROOT / "framing" / "lexicon" / "data" / "validation"
SAMPLE = VALIDATION / "generic_news_sample.csv"
GOLD = VALIDATION / "generic_news_gold.csv"
FRAMES = ("conflict", "human_interest", "economic_consequences", "morality", "responsibility")
SENTENCES_PER_UNIT = 3


def group_sentences(text: str, size: int = SENTENCES_PER_UNIT) -> list[str]:
    """Split ``text`` into sentences and join them in groups of ``size``."""
    sentences = split_sentences(text)
    return [" ".join(sentences[i : i + size]) for i in range(0, len(sentences), size)]


def read_articles(path: Path = FAKES) -> Corpus:
    """FA-KES articles as a corpus: first row per ``unit_id``; docvars source, date."""
    frame = pd.read_csv(path, dtype={"unit_id": str})
    frame = frame.drop_duplicates("unit_id", keep="first").reset_index(drop=True)
    return corpus.read(
        frame[["unit_id", "article_content", "source", "date"]],
        text_col="article_content",
        id_col="unit_id",
        meta_cols=["source", "date"],
    )


def read_units(path: Path = FAKES) -> Corpus:
    """All coding units (pseudo-paragraphs of three sentences) of FA-KES."""
    return read_articles(path).segment("paragraphs", splitter=group_sentences)


#: Supplementary out-of-domain check: State of the Union paragraphs since 1946.
SOTU_FIRST_YEAR = 1946
SOTU_MIN_WORDS = 25


def read_sotu_units() -> Corpus:
    """SOTU paragraphs (``<speech id>:<paragraph no>``) from 1946 on, of 25+ words."""
    speeches = corpus.read("sotu")
    speeches = speeches.filter(speeches.docvars["year"] >= SOTU_FIRST_YEAR)
    # blank-line paragraphs: the rule these units were drawn and coded with (the
    # layout-based default of corpus.split_paragraphs came later and cuts some
    # SOTU speeches differently)
    paragraphs = speeches.segment(
        "paragraphs", splitter=functools.partial(split_paragraphs, mode="blank")
    )
    long_enough = [len(t.split()) >= SOTU_MIN_WORDS for t in paragraphs.texts]
    return paragraphs.filter(long_enough)


def read_any_units() -> Corpus:
    """FA-KES units and SOTU units together (ids never collide: digits vs names)."""
    fakes, sotu = read_units(), read_sotu_units()
    texts = [*fakes.texts, *sotu.texts]
    return Corpus.from_texts(texts, doc_ids=[*fakes.doc_ids, *sotu.doc_ids])


def load_lexicon(path: Path = LEXICON) -> Lexicon:
    """Read a lexicon YAML file (the package loader may not be committed yet)."""
    import yaml

    with open(path, encoding="utf-8") as handle:
        return Lexicon.from_dict(yaml.safe_load(handle), source=str(path))


# ---------------------------------------------------------------- simple matcher
# A plain re-implementation of the DESIGN.md matching rules, used only to draw
# the sample (strata) and to inspect hits; the datasheet's figures come from
# ``framing.score_frames`` once it is committed (see generic_news_figures.py).


def tokenize(text: str) -> list[str]:
    """The default recipe: NFKC, lower case, ``\\w+`` runs."""
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text).lower())


class SimpleMatcher:
    """Match one lexicon's frames in token lists; first words indexed per token type."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._compiled = {
            f.name: (
                [[re.compile(translate(w)) for w in p.words] for p in f.patterns],
                [[re.compile(translate(w)) for w in p.words] for p in f.exclusions],
            )
            for f in lexicon.frames
        }
        self._first: dict[tuple[str, str, int], list[int]] = {}

    def _starts(self, frame: str, role: int, token: str) -> list[int]:
        key = (frame, token, role)
        if key not in self._first:
            regexes = self._compiled[frame][role]
            self._first[key] = [i for i, rx in enumerate(regexes) if rx[0].match(token)]
        return self._first[key]

    def _spans(self, frame: Frame, role: int, tokens: list[str]) -> list[tuple[int, int, str]]:
        regexes = self._compiled[frame.name][role]
        entries = frame.patterns if role == 0 else frame.exclusions
        found = []
        for i, token in enumerate(tokens):
            for j in self._starts(frame.name, role, token):
                words = regexes[j]
                n = len(words)
                if i + n <= len(tokens) and all(
                    rx.match(tokens[i + k]) for k, rx in enumerate(words[1:], 1)
                ):
                    found.append((i, i + n, entries[j].text))
        return found

    def frame_hits(self, frame: Frame, tokens: list[str]) -> list[tuple[int, int, str]]:
        """Matches of one frame: exclusions drop overlapping matches, longest first."""
        excluded = self._spans(frame, 1, tokens)
        candidates = [
            s
            for s in self._spans(frame, 0, tokens)
            if not any(s[0] < e[1] and e[0] < s[1] for e in excluded)
        ]
        candidates.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
        taken: list[tuple[int, int, str]] = []
        for s in candidates:
            if not any(s[0] < t[1] and t[0] < s[1] for t in taken):
                taken.append(s)
        return sorted(taken)

    def hits(self, text: str) -> dict[str, list[tuple[int, int, str]]]:
        """Every frame's matches in one text."""
        tokens = tokenize(text)
        return {f.name: self.frame_hits(f, tokens) for f in self.lexicon.frames}


def simple_counts(lexicon: Lexicon, texts: Sequence[str], ids: Sequence[str]) -> pd.DataFrame:
    """Unit x frame counts from the simple matcher."""
    matcher = SimpleMatcher(lexicon)
    rows = []
    for text in texts:
        hits = matcher.hits(text)
        rows.append([len(hits[f]) for f in lexicon.frame_names])
    return pd.DataFrame(
        rows, index=pd.Index(list(ids), name="doc_id"), columns=list(lexicon.frame_names)
    )
