"""Figures in the house style: one plot_* function per figure kind, and save_figure.

Names load on first use (:mod:`lazy_loader`), so that importing this subpackage costs nothing
until a name is used.
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach(
    __name__,
    submod_attrs={
        "_plots": [
            "plot_coherence",
            "plot_comparison",
            "plot_cooccurrence",
            "plot_groups",
            "plot_keyness",
            "plot_topic_frames",
            "plot_topic_terms",
            "plot_trend",
        ],
        "_style": ["save_figure"],
        "_target_plots": ["plot_alias_choice", "plot_target_frames"],
    },
)
