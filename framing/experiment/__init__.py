"""Experiments: the YAML config schema, the run context and its stages, sweeps, and run_experiment.

Names load on first use (:mod:`lazy_loader`), so that importing this subpackage costs nothing
until a name is used.
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach(
    __name__,
    submod_attrs={
        "_analyses": ["stage_validation"],
        "_config": [
            "ExperimentConfig",
            "apply_overrides",
            "config_hash",
            "config_reference",
            "expand_env",
            "load_config",
        ],
        "_context": ["LexiconTable", "RunContext", "SpecTable", "TopicLinks"],
        "_multiverse": ["stage_multiverse"],
        "_run": ["RunResult", "run_experiment"],
        "_stages": ["stage_corpus", "stage_scoring"],
        "_sweep": ["run_sweep"],
    },
)
