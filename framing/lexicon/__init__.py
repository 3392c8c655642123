"""Frame lexicons: the types (Lexicon, Frame, Pattern), reading and writing them, and the bundled
lexicons.

Names load on first use (:mod:`lazy_loader`), so that importing this subpackage costs nothing
until a name is used.
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach(
    __name__,
    submod_attrs={
        "_bundled": ["bundled_path", "list_lexicons", "load_lexicon", "looks_like_path"],
        "_io": ["read_lexicon", "write_lexicon"],
        "_types": ["Frame", "Lexicon", "Pattern", "lexicon_warnings"],
    },
)
