"""Tests of the on-disk token cache (issue 2): keys, reuse, atomic writes, damage."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import numpy as np
import pandas as pd
import pytest

from corpus import Corpus, LazyTexts, Recipe, tokenize
from corpus._cache import cache_key, cache_path

TEXTS = ["The axis of resistance.", "Sovereignty first."]


def _counting_corpus(passes, texts=TEXTS):
    def opener():
        passes.append(1)
        return iter(texts)

    docvars = pd.DataFrame(
        {"year": list(range(len(texts)))}, index=[f"d{i}" for i in range(len(texts))]
    )
    return Corpus(LazyTexts(opener, len(texts)), docvars)


def _entries(folder):
    return sorted(p.name for p in folder.iterdir())


def test_second_call_reuses_the_entry_issue2(tmp_path):
    passes = []
    first = tokenize(_counting_corpus(passes), cache_dir=tmp_path)
    # A miss reads the texts twice: once for the fingerprint (the key), once to tokenize.
    assert len(passes) == 2
    again = tokenize(_counting_corpus(passes), cache_dir=tmp_path)
    assert len(passes) == 3  # the hit only fingerprints the corpus: no tokenizing pass
    assert again.fingerprint == first.fingerprint
    assert again.recipe == first.recipe and dict(again.components) == dict(first.components)
    key = cache_key(first.corpus_fingerprint, Recipe(), first.components)
    assert _entries(tmp_path) == [cache_path(tmp_path, key).name]


def test_key_follows_corpus_recipe_and_components_issue2(tmp_path):
    c = Corpus.from_texts(TEXTS)
    tokenize(c, cache_dir=tmp_path)
    tokenize(c, Recipe(min_length=3), cache_dir=tmp_path)
    tokenize(Corpus.from_texts(TEXTS[:1]), cache_dir=tmp_path)
    tokenize(c, cache_dir=tmp_path)  # a hit: no new entry
    assert len(_entries(tmp_path)) == 3
    base = cache_key("c", Recipe(), {"stopwords": "sklearn 1.0"})
    assert base != cache_key("c", Recipe(), {"stopwords": "sklearn 2.0"})
    assert base != cache_key("d", Recipe(), {"stopwords": "sklearn 1.0"})
    assert base != cache_key("c", Recipe(min_length=2), {"stopwords": "sklearn 1.0"})


def test_a_failed_write_leaves_no_entry_and_no_temporary_file_issue2(tmp_path, monkeypatch):
    def broken_savez(handle, **arrays):
        handle.write(b"PK\x03\x04 partial")
        raise OSError("disk full")

    monkeypatch.setattr(np, "savez", broken_savez)
    with pytest.raises(OSError, match="disk full"):
        tokenize(Corpus.from_texts(TEXTS), cache_dir=tmp_path)
    assert _entries(tmp_path) == []


def test_a_killed_process_never_leaves_a_corrupt_entry_issue2(tmp_path):
    script = textwrap.dedent(f"""
        import os, signal
        import numpy as np
        from corpus import Corpus, tokenize

        def savez_then_die(handle, **arrays):
            handle.write(b"PK\\x03\\x04 half of a file")
            handle.flush()
            os.kill(os.getpid(), signal.SIGKILL)

        np.savez = savez_then_die
        tokenize(Corpus.from_texts({TEXTS!r}), cache_dir={str(tmp_path)!r})
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, check=False)
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()
    # Only a temporary file is left, never a file under an entry's name...
    assert all(name.startswith(".") and name.endswith(".tmp") for name in _entries(tmp_path))
    assert _entries(tmp_path), "the child should have died mid-write"
    # ... so the next run misses, rebuilds and stores a good entry.
    toks = tokenize(Corpus.from_texts(TEXTS), cache_dir=tmp_path)
    assert tokenize(Corpus.from_texts(TEXTS), cache_dir=tmp_path).fingerprint == toks.fingerprint
    assert sum(not name.startswith(".") for name in _entries(tmp_path)) == 1


def test_a_damaged_entry_is_reported_and_rebuilt_issue2(tmp_path):
    c = Corpus.from_texts(TEXTS)
    good = tokenize(c, cache_dir=tmp_path)
    [entry] = [tmp_path / name for name in _entries(tmp_path)]
    entry.write_bytes(entry.read_bytes()[:100])  # truncated outside the package
    with pytest.warns(RuntimeWarning, match="unreadable and is rebuilt"):
        rebuilt = tokenize(c, cache_dir=tmp_path)
    assert rebuilt.fingerprint == good.fingerprint
    assert tokenize(c, cache_dir=tmp_path).fingerprint == good.fingerprint
    assert os.path.getsize(entry) > 100


def test_docvars_that_cannot_be_stored_warn_and_still_tokenize_issue2(tmp_path):
    mixed = Corpus.from_texts(TEXTS, docvars={"x": [1, "two"]})
    with pytest.warns(RuntimeWarning, match="tokens not cached: cannot store the docvars"):
        toks = tokenize(mixed, cache_dir=tmp_path)
    assert toks.vocab[:2] == ("the", "axis")
    assert _entries(tmp_path) == []
