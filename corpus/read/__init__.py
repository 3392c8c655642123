"""Readers: every way into a :class:`~corpus.Corpus`, and the registry behind :func:`read`.

Tables (CSV/TSV, JSONL, Parquet, pandas), folders and archives of ``.txt`` files with metadata
in their paths, NLTK corpus readers, and the named corpora (``sotu``, ``ungdc``, ``frac``).
"""

from corpus.read._frac import FRAC_LABELS, load_frac
from corpus.read._named import (
    UNGDC_SHA256,
    UNGDC_SIZE,
    download_ungdc,
    load_sotu,
    load_ungdc,
    resolve_dataverse_url,
)
from corpus.read._nltk import read_nltk
from corpus.read._partitions import PARTITIONED_READERS, Partition, partitions
from corpus.read._registry import NAMED_CORPORA, READERS, read, reader_for, reader_options
from corpus.read._table import read_csv, read_dataframe, read_jsonl, read_parquet
from corpus.read._text import PathPattern, read_texts
from corpus.read._text_partitions import (
    TEXT_PARTITIONS,
    TextPartition,
    stream_partitions,
    text_partitions,
    ungdc_partitions,
)

__all__ = [
    "FRAC_LABELS",
    "NAMED_CORPORA",
    "PARTITIONED_READERS",
    "READERS",
    "TEXT_PARTITIONS",
    "UNGDC_SHA256",
    "UNGDC_SIZE",
    "Partition",
    "PathPattern",
    "TextPartition",
    "download_ungdc",
    "load_frac",
    "load_sotu",
    "load_ungdc",
    "partitions",
    "read",
    "read_csv",
    "read_dataframe",
    "read_jsonl",
    "read_nltk",
    "read_parquet",
    "read_texts",
    "reader_for",
    "reader_options",
    "resolve_dataverse_url",
    "stream_partitions",
    "text_partitions",
    "ungdc_partitions",
]
