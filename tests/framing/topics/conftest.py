"""Fixtures shared by the topic-model tests: two well separated themes, tokenized once."""

from __future__ import annotations

import pytest

from corpus import Corpus, Tokens, tokenize

#: Two well separated themes; every document is in one of them.
ENERGY = ["oil gas pipeline oil price", "gas oil price market energy", "energy oil gas export"]
WAR = ["war army troops war attack", "army troops soldiers war", "attack war army peace"]
DOCS = (ENERGY + WAR) * 4
#: Vocabulary filter that keeps every term of the tiny corpus.
LOOSE = {"min_df": 1, "max_df": 1.0}


@pytest.fixture(scope="package")
def tokens() -> Tokens:
    """DOCS tokenized with the default recipe (ids d0, d1, ...)."""
    return tokenize(Corpus.from_texts(DOCS, doc_ids=[f"d{i}" for i in range(len(DOCS))]))
