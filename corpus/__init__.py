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
    MissingInputError,
    ReaderError,
)
from corpus._nlp import (
    load_stopwords,
    make_lemmatizer,
    make_stemmer,
    make_tokenizer,
    nltk_data_path,
    prepare_wordnet,
)
from corpus._preprocess import Recipe, RecipeError, normalize_unicode, read_word_list
from corpus._segment import (
    make_sentence_splitter,
    paragraph_layout,
    split_paragraphs,
    split_sentences,
)
from corpus._tokenize import tokenize
from corpus._tokens import Tokens
from corpus._types import SYSTEM_COLUMNS, Corpus, Document, LazyTexts
from corpus.read import (
    PARTITIONED_READERS,
    READERS,
    Partition,
    PathPattern,
    TextPartition,
    download_ungdc,
    load_frac,
    load_sotu,
    load_ungdc,
    partitions,
    read,
    read_csv,
    read_dataframe,
    read_jsonl,
    read_nltk,
    read_parquet,
    read_texts,
    stream_partitions,
    text_partitions,
)

__all__ = [
    "PARTITIONED_READERS",
    "READERS",
    "SYSTEM_COLUMNS",
    "Corpus",
    "CorpusError",
    "Document",
    "DuplicateIdError",
    "EmptyDocumentError",
    "LazyTexts",
    "MissingComponentError",
    "MissingFieldError",
    "MissingInputError",
    "Partition",
    "PathPattern",
    "ReaderError",
    "Recipe",
    "RecipeError",
    "TextPartition",
    "Tokens",
    "download_ungdc",
    "load_frac",
    "load_sotu",
    "load_stopwords",
    "load_ungdc",
    "make_lemmatizer",
    "make_sentence_splitter",
    "make_stemmer",
    "make_tokenizer",
    "nltk_data_path",
    "normalize_unicode",
    "paragraph_layout",
    "partitions",
    "prepare_wordnet",
    "read",
    "read_csv",
    "read_dataframe",
    "read_jsonl",
    "read_nltk",
    "read_parquet",
    "read_texts",
    "read_word_list",
    "split_paragraphs",
    "split_sentences",
    "stream_partitions",
    "text_partitions",
    "tokenize",
]
