"""The package's version and distribution name, in one place below every subpackage."""

#: The version of the package (PEP 440).
__version__ = "0.1.0"
#: The distribution name on PyPI (``pip install discourse-framing``).
DISTRIBUTION = "discourse-framing"
