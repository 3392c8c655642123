"""Scoring with several processes and in small groups gives the one-process counts (issue 3)."""

from __future__ import annotations

import multiprocessing
import os
import time

import numpy as np
import pytest

import framing.score._match_text as match_text
import framing.score._parallel as parallel
from corpus import Corpus, read_texts
from framing import InvalidParameterError, Lexicon, score_frames

LEXICON = Lexicon.from_dict({"name": "toy", "frames": {
    "sovereignty": {"patterns": ["sovereign*", "territorial integrity", "self determination"]},
    "resistance": {"patterns": [{"pattern": "resist*", "weight": 0.5}, "axis of resistance"],
                   "exclusions": ["antimicrobial resistance"]},
}})  # fmt: skip
TEXTS = [
    "Sovereignty first.\n\nThe axis of resistance resists. Territorial integrity!",
    "Antimicrobial resistance is not resistance; we never resist.",
    "Self-\ndetermination,   sovereign  rights — and no sovereignty.",
    "",
    "Ça résiste: RESISTANCE, not territorial\nintegrity.",
] * 7


def corpus() -> Corpus:
    return Corpus.from_texts(TEXTS, docvars={"k": list(range(len(TEXTS)))})


def test_issue3_processes_and_chunk_sizes_do_not_change_scores():
    one = score_frames(corpus(), LEXICON, negation_window=3)
    assert one.negated.to_numpy().sum() > 0 and one.counts.to_numpy().sum() > 0
    for n_jobs, chunk_size in [(2, 1), (2, 3), (3, 2), (2, 1000)]:
        many = score_frames(corpus(), LEXICON, negation_window=3, n_jobs=n_jobs,
                            chunk_size=chunk_size)  # fmt: skip
        assert many.equals(one), (n_jobs, chunk_size)
    assert multiprocessing.active_children() == []


def test_issue3_streamed_corpus_with_workers_matches(tmp_path):
    for i, text in enumerate(TEXTS):
        (tmp_path / f"doc_{i:02d}.txt").write_text(text, encoding="utf-8")
    streamed = read_texts(tmp_path, pattern="doc_{n}.txt")
    assert streamed.is_lazy
    one = score_frames(streamed, LEXICON, negation_window=3)
    two = score_frames(streamed, LEXICON, negation_window=3, n_jobs=2, chunk_size=2)
    assert two.equals(one)
    in_memory = score_frames(corpus(), LEXICON, negation_window=3)
    assert (two.counts.to_numpy() == in_memory.counts.to_numpy()).all()


def test_issue3_small_groups_give_the_same_counts(monkeypatch):
    whole = score_frames(corpus(), LEXICON, negation_window=3)
    monkeypatch.setattr(match_text, "_GROUP_BYTES", 1)  # every text its own group
    grouped = score_frames(corpus(), LEXICON, negation_window=3)
    assert grouped.equals(whole)


def test_issue3_progress_bar_counts_every_unit(capsys):
    score_frames(corpus(), LEXICON, n_jobs=2, chunk_size=2, progress=True)
    err = capsys.readouterr().err
    assert "scoring toy" in err and f"{len(TEXTS)}/{len(TEXTS)}" in err


class _FailsInWorker(match_text.TextMatcher):
    parent = os.getpid()

    def count(self, texts, *, negation_window=None):
        if os.getpid() != self.parent:
            raise ValueError("broken chunk in a worker")
        time.sleep(0.05)  # the parent is slow, so the worker surely claims a chunk
        return super().count(texts, negation_window=negation_window)


def test_issue3_worker_failure_raises_and_leaves_no_process(monkeypatch):
    monkeypatch.setattr(parallel, "TextMatcher", _FailsInWorker)
    with pytest.raises(ValueError, match="broken chunk in a worker"):
        score_frames(corpus(), LEXICON, n_jobs=2, chunk_size=1)
    assert multiprocessing.active_children() == []


def test_issue3_tokens_blocks_give_the_same_counts():
    from corpus import tokenize
    from framing.score import VocabMatcher

    toks = tokenize(corpus(), progress=False)
    matcher = VocabMatcher(LEXICON, toks.vocab)
    offsets = np.asarray(toks.offsets, dtype=np.int64)
    hits = matcher.match(toks.ids, offsets, negation_window=3, ordered=False)
    whole = matcher.tally(hits, offsets.size - 1)
    assert whole[2].sum() > 0  # negated hits exist
    for block in (1, 5, 40, 10**9):  # one document per block ... everything in one
        blocked = matcher.count(toks.ids, offsets, negation_window=3, block_tokens=block)
        for a, b in zip(whole, blocked, strict=True):
            np.testing.assert_array_equal(a, b)
    empty = matcher.count(np.zeros(0, dtype=np.int64), np.zeros(1, dtype=np.int64))
    assert [a.shape for a in empty] == [(0, 2)] * 3


def _score_with_workers(_: int) -> int:
    return int(score_frames(TEXTS, LEXICON, n_jobs=2).counts.to_numpy().sum())


def test_issue3_workers_inside_a_daemonic_process_give_a_clear_error():
    with multiprocessing.get_context("fork").Pool(1) as pool:
        with pytest.raises(InvalidParameterError, match=r"daemonic process .* \(n_jobs=1\) here"):
            pool.map(_score_with_workers, [0])
