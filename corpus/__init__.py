"""Corpus tooling for framing research: documents, metadata, readers, tokens.

The :mod:`corpus` package knows documents, metadata, text and tokens; it knows
nothing of frames and is usable on its own.
"""

from corpus._errors import (
    CorpusError,
    DuplicateIdError,
    EmptyDocumentError,
    MissingComponentError,
    MissingFieldError,
    ReaderError,
)
from corpus._segment import split_paragraphs, split_sentences
from corpus._types import SYSTEM_COLUMNS, Corpus, Document, LazyTexts

__all__ = [
    "SYSTEM_COLUMNS",
    "Corpus",
    "CorpusError",
    "Document",
    "DuplicateIdError",
    "EmptyDocumentError",
    "LazyTexts",
    "MissingComponentError",
    "MissingFieldError",
    "ReaderError",
    "split_paragraphs",
    "split_sentences",
]
