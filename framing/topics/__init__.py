"""Topic models behind one interface (gensim, scikit-learn, tomotopy), their quality measures and
their links to frames.

Names load on first use (:mod:`lazy_loader`), so that importing this subpackage costs nothing
until a name is used.
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach(
    __name__,
    submod_attrs={
        "_engines": ["engine_defaults"],
        "_fit": ["filter_vocabulary", "TopicResult", "fit_topics", "transform_topics"],
        "_links": ["frame_carriers", "topic_frame_links"],
        "_posterior": ["draw_doc_topics"],
        "_quality": ["coherence", "exclusivity", "select_k", "topic_stability"],
    },
)
