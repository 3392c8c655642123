"""framing: discourse-framing analysis for political communication research.

Frame lexicons, scoring, topic models, statistics with uncertainty, figures and
reproducible experiments.  Corpus tooling lives in the sister package
:mod:`corpus`, which :mod:`framing` imports (never the reverse).
"""

from framing._errors import ConfigError, FramingError, LexiconError

__version__ = "0.1.0"
DISTRIBUTION = "discourse-framing"

__all__ = [
    "DISTRIBUTION",
    "ConfigError",
    "FramingError",
    "LexiconError",
    "__version__",
]
