"""Property tests of scoring (issue 3): permutations, segment roll-up, hits vs counts."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus import Corpus, tokenize
from framing import Lexicon, explain, find_hits, score_frames

WORDS = ["war", "warfare", "peace", "not", "sovereignty", "sovereign", "aid", "the", "axis",
         "of", "resistance", "Resist", "no", "territorial", "integrity", "x"]  # fmt: skip
SEPARATORS = [" ", "  ", "-", ", ", "\n", "; "]

LEXICON = Lexicon.from_dict({"name": "p", "frames": {
    "conflict": {"patterns": ["war*", "resist*", "axis of resistance"]},
    "sovereignty": {"patterns": ["sovereign*", "territorial integrity", "integrity"]},
    "humanitarian": {"patterns": ["aid", "peace"], "exclusions": ["no aid"]},
}})  # fmt: skip
SINGLE_WORD = Lexicon.from_dict({"name": "s", "frames": {
    "conflict": {"patterns": ["war*", "resist*"]},
    "sovereignty": {"patterns": ["sovereign*", "integrity"]},
}})  # fmt: skip

paragraph = st.lists(
    st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), min_size=1, max_size=12
).map(lambda ws: "".join(w + s for w, s in ws))
document = st.lists(paragraph, min_size=1, max_size=4).map("\n\n".join)
documents = st.lists(document, min_size=1, max_size=6)


@settings(max_examples=40)
@given(documents, st.randoms(use_true_random=False))
def test_issue3_permuting_documents_permutes_rows(texts, rnd):
    ids = [f"doc{i}" for i in range(len(texts))]
    order = list(range(len(texts)))
    rnd.shuffle(order)
    base = score_frames(Corpus.from_texts(texts, doc_ids=ids), LEXICON, negation_window=2)
    perm = score_frames(Corpus.from_texts([texts[i] for i in order],
                                          doc_ids=[ids[i] for i in order]),
                        LEXICON, negation_window=2)  # fmt: skip
    assert perm.counts.equals(base.counts.loc[[ids[i] for i in order]])
    assert perm.negated.equals(base.negated.loc[[ids[i] for i in order]])
    assert perm.n_tokens.equals(base.n_tokens.loc[[ids[i] for i in order]])


@settings(max_examples=40)
@given(documents, st.sampled_from(["paragraph", "sentence"]))
def test_issue3_segment_scores_sum_to_the_document(texts, unit):
    corp = Corpus.from_texts(texts, docvars={"year": list(range(len(texts)))})
    whole = score_frames(corp, SINGLE_WORD)
    rolled = score_frames(corp, SINGLE_WORD, unit=unit).rollup()
    kept = list(rolled.counts.index)  # a document without tokens may have no segment
    assert rolled.counts.equals(whole.counts.loc[kept])
    assert rolled.n_tokens.tolist() == whole.n_tokens.loc[kept].tolist()
    assert rolled.docvars["year"].tolist() == whole.docvars.loc[kept, "year"].tolist()
    assert whole.counts.drop(index=kept).to_numpy().sum() == 0


@settings(max_examples=40)
@given(documents, st.sampled_from([None, 1, 3]))
def test_issue3_hits_and_explanations_agree_with_counts(texts, window):
    corp = Corpus.from_texts(texts)
    scores = score_frames(corp, LEXICON, negation_window=window)
    from_tokens = score_frames(tokenize(corp, progress=False), LEXICON, negation_window=window)
    assert from_tokens.counts.equals(scores.counts)
    hits = find_hits(corp, LEXICON, negation_window=window)
    for doc_id in corp.doc_ids:
        table = explain(hits, doc_id, LEXICON)
        per_frame = table.groupby("frame")["count"].sum()
        negated = table.groupby("frame")["negated"].sum()
        for frame in LEXICON.frame_names:
            assert per_frame.get(frame, 0) == scores.counts.loc[doc_id, frame]
            assert negated.get(frame, 0) == scores.negated.loc[doc_id, frame]
    weights = hits[~hits["negated"]].groupby(["doc_id", "frame"])["weight"].sum()
    for (doc_id, frame), total in weights.items():
        assert np.isclose(scores.weighted.loc[doc_id, frame], total)
