"""Figures in the house style: one plot_* function per figure kind, and save_figure.

Names load on first use (:mod:`lazy_loader`), so that importing this subpackage costs nothing
until a name is used.
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach(
    __name__,
    submod_attrs={
        "_confusion": ["plot_confusion"],
        "_model_plots": ["plot_learning_curve", "plot_measure_comparison"],
        "_plots": [
            "plot_coherence",
            "plot_comparison",
            "plot_keyness",
            "plot_topic_terms",
            "plot_trend",
        ],
        "_groups": ["plot_groups"],
        "_heatmaps": ["color_scale", "plot_cooccurrence", "plot_topic_frames"],
        "_checks": ["figure_problems", "image_problems"],
        "_sheet": ["contact_sheet"],
        "_style": ["OKABE_ITO", "new_figure", "save_figure"],
        "_effects_plots": [
            "plot_effect_continuous",
            "plot_effect_difference",
            "plot_effect_groups",
            "plot_specification_curve",
        ],
        "_target_plots": ["plot_alias_choice", "plot_target_frames"],
    },
)
