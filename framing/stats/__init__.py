"""Statistics on frame scores: shares and rates with bootstrap intervals, group comparisons and
trends, co-occurrence and keyness; regression effects of covariates on frames and topics, with
prediction-powered corrections from a coded sample.

Names load on first use (:mod:`lazy_loader`), so that importing this subpackage costs nothing
until a name is used.
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach(
    __name__,
    submod_attrs={
        "_aggregate": [
            "acceleration",
            "aggregate",
            "column_quantiles",
            "estimate_group",
            "interval",
            "jackknife_ratio",
        ],
        "_compare": ["compare_groups", "lowess_kernel", "smooth", "trend"],
        "_cooccur": ["cooccurrence"],
        "_effects": ["estimate_effect", "marginal_effects"],
        "_ppi": ["check_gold", "gold_randomness"],
        "_topic_effects": ["rubin_combine", "topic_effects"],
        "_keyness": ["adjust_pvalues", "context_counts", "keyness", "keyness_near"],
    },
)
