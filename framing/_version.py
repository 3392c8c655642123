"""The package's version and distribution name, in one place below every subpackage."""

__version__ = "0.1.0"
DISTRIBUTION = "discourse-framing"
