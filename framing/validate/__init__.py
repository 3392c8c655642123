"""Validation against human coding: reading codes, evaluation, reliability and the coding workflow.

Names load on first use (:mod:`lazy_loader`), so that importing this subpackage costs nothing
until a name is used.
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach(
    __name__,
    submod_attrs={
        "_coding": [
            "STRATEGIES",
            "allocate",
            "sample_for_coding",
            "term_diagnostics",
            "write_sheet",
        ],
        "_active": ["learning_curve"],
        "_benchmark": [
            "FRAC_CATEGORIES",
            "FRAC_MAPPINGS",
            "BenchmarkResult",
            "benchmark_frac",
            "frac_measure",
            "predict_single_label",
        ],
        "_registry": ["SampleFigures", "figures_markdown", "read_registry", "sample_figures"],
        "_scope": [
            "ScopeCheck",
            "ScopeRecord",
            "ScopeWarning",
            "ValidationScope",
            "check_scope",
            "read_scope",
            "scope_caption",
            "validation_scope",
            "warn_scope",
        ],
        "_evaluate": [
            "ValidationDataError",
            "disagreements",
            "evaluate",
            "read_codes",
            "reliability",
        ],
    },
)
