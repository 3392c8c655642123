"""Raw-text matching: an Aho-Corasick automaton over normalized token streams.

Consecutive documents (groups of about 128 KB) become one byte string
holding each document's default-recipe tokens (NFKC, lower case, ``\\w+``)
joined by single spaces, documents separated by newlines.  The stream is
built with byte tables and numpy, without a Python regular expression; the
automaton then finds every pattern, exclusion and negator in one pass, and
:func:`framing.score._match.resolve` applies the frame rules to a chunk's hits.
:class:`TextMatcher` gives the same counts as
:class:`framing.score._match.VocabMatcher` over default-recipe tokens.
"""

from __future__ import annotations

import codecs
import itertools
import re
import unicodedata
from collections.abc import Iterator, Sequence

import numpy as np

from framing.lexicon import Lexicon
from framing.score._match import (
    DEFAULT_NEGATORS,
    Candidates,
    _tally,
    negated_mask,
    normalize,
    pattern_words,
    resolve,
)

__all__ = ["TextMatcher"]


def _byte_table(lower: bool) -> bytes:
    out = []
    for c in range(256):
        ch = chr(c)
        if c >= 128:
            out.append(c)
        elif ch.isalnum() or ch == "_":
            out.append(ord(ch.lower()) if lower else c)
        else:
            out.append(32)
    return bytes(out)


#: Byte tables: ASCII word characters (lower-cased or not) and every byte of
#: a multi-byte UTF-8 character stay, other ASCII bytes become spaces.
_TABLES = {True: _byte_table(False), False: _byte_table(True)}
_ASCII_BYTES = bytes(range(128))


def _word_or_space(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch == "_" else " " for ch in text)


def _fix_non_ascii(data: bytes, case_sensitive: bool) -> bytes:
    """Map each distinct non-ASCII character: non-word ones to a space, upper case to lower."""
    specials = data.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
    for ch in set(specials):
        rep = ch if case_sensitive else ch.lower()
        rep = _word_or_space(rep)
        if rep != ch:
            data = data.replace(
                ch.encode("utf-8", "surrogatepass"), rep.encode("utf-8", "surrogatepass")
            )
    return data


def _token_bytes(text: str, case_sensitive: bool) -> bytes:
    """UTF-8 bytes of the normalized text with every non-word character a space."""
    if text.isascii():
        data = text.encode("ascii")
    else:
        text = unicodedata.normalize("NFKC", text)
        if not case_sensitive and "\u03a3" in text:
            text = text.lower()  # capital sigma lowers by context: do the whole text
        data = _fix_non_ascii(text.encode("utf-8", "surrogatepass"), case_sensitive)
    return data.translate(_TABLES[case_sensitive])


#: Texts are turned into streams and scanned in groups of about this many
#: bytes, so the temporaries of one group stay in a core's cache and the
#: allocator reuses memory instead of returning it to the system between
#: chunks (measured on UNGDC: a tenth of the page faults of one stream per
#: chunk of 256 speeches, and better scaling with two processes).
_GROUP_BYTES = 1 << 17


def _collapse(raw: bytes) -> np.ndarray:
    """The bytes with every run of spaces reduced to one space."""
    arr = np.frombuffer(raw, dtype=np.uint8)
    space = arr == 32
    keep = np.empty(arr.size, dtype=bool)
    keep[:1] = True
    np.logical_and(space[1:], space[:-1], out=keep[1:])
    np.logical_not(keep[1:], out=keep[1:])
    return arr[keep]


def _group_streams(
    texts: Sequence[str], case_sensitive: bool, group_bytes: int
) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Consecutive groups of texts as streams `` tok tok \n tok `` (uint8 arrays).

    Yields each group's stream (documents separated by newlines, runs of
    spaces collapsed), the offsets of its newlines and its number of tokens
    per text.
    """
    parts: list[bytes] = []
    size = 0
    for i, text in enumerate(texts):
        data = _token_bytes(text, case_sensitive)
        parts.append(data)
        size += len(data)
        if size < group_bytes and i + 1 < len(texts):
            continue
        arr = _collapse(b" " + b" \n ".join(parts) + b" ")
        nl = np.flatnonzero(arr == 10)
        spaces = np.flatnonzero(arr == 32)
        bounds = np.concatenate([[0], nl, [arr.size]])
        yield arr, nl, (np.diff(np.searchsorted(spaces, bounds)) - 1).astype(np.int64)
        parts, size = [], 0


def _latin(text: str) -> str:
    """The UTF-8 bytes of ``text`` seen as Latin-1 characters (one character per byte)."""
    return text.encode("utf-8", "surrogatepass").decode("latin-1")


def _byte_glob(word: str) -> str:
    """Regex for a glob word over a Latin-1 view of UTF-8 (``?`` is one UTF-8 character)."""
    parts = []
    for ch in word:
        if ch == "*":
            parts.append("[^ \n]*")
        elif ch == "?":
            parts.append("(?:[^ \n\x80-\xff]|[\xc0-\xff][\x80-\xbf]*)")
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


_PATTERN, _EXCLUSION, _NEGATOR = 0, 1, 2


def _split_glob(words: tuple[str, ...]) -> tuple[str, bool] | None:
    """Aho-Corasick key for words, or None when the pattern needs a regex."""
    joined = " ".join(words)
    if "*" not in joined and "?" not in joined:
        return " " + joined + " ", False
    if "?" not in joined and joined.count("*") == 1 and joined.endswith("*") and len(joined) > 1:
        return " " + joined[:-1], True
    return None


class TextMatcher:
    """A lexicon compiled into an Aho-Corasick automaton over token streams.

    A group of documents becomes one string: each document's tokens joined
    by single spaces, framed by spaces, documents separated by a newline.  A
    key `` word `` then matches whole tokens only, a multi-word key matches
    consecutive tokens whatever separated them in the text, and a prefix key
    (`` sovereign`` for ``sovereign*``) matches every token that starts so.
    Other globs enter the automaton by their literal prefix (`` coloni`` for
    ``coloni?ation``) and each such hit is checked with a regular expression;
    a glob that starts with a wildcard is searched with a regular expression.

    Parameters
    ----------
    lexicon : Lexicon
    negators : sequence of str, optional
        Negator words (default :data:`DEFAULT_NEGATORS`).
    negation : bool, default=False
        Look for negators (needed for a negation window).

    Examples
    --------
    >>> lex = Lexicon.from_terms("t", {"sov": ["sovereign*", "territorial integrity"]})
    >>> m = TextMatcher(lex)
    >>> counts, weighted, negated, n_tokens = m.count(["Territorial integrity; sovereignty!"])
    >>> counts.tolist(), n_tokens.tolist()
    ([[2]], [3])
    """

    def __init__(
        self, lexicon: Lexicon, negators: Sequence[str] | None = None, *, negation: bool = False
    ) -> None:
        self.lexicon = lexicon
        self.negation = negation
        cs = self.case_sensitive = lexicon.case_sensitive
        self._keys: dict[str, list[tuple[int, int, int, int, int]]] = {}
        self._verify: list[re.Pattern[str]] = []
        self._search: list[tuple[re.Pattern[str], int, int, int]] = []
        for fi, frame in enumerate(lexicon.frames):
            for pi, p in enumerate(frame.patterns):
                self._add(pattern_words(p, cs), fi, pi, _PATTERN)
            for p in frame.exclusions:
                self._add(pattern_words(p, cs), fi, -1, _EXCLUSION)
        if negation:
            for w in negators if negators is not None else DEFAULT_NEGATORS:
                self._add((normalize(w, case_sensitive=cs),), -1, -1, _NEGATOR)
        weights = [[p.weight for p in f.patterns] for f in lexicon.frames]
        self._weight_flat = np.array([w for ws in weights for w in ws], dtype=np.float64)
        self._weight_off = np.cumsum([0] + [len(ws) for ws in weights])[:-1].astype(np.int64)
        self._n_frames = len(lexicon.frames)
        self._build()

    def _add(self, words: tuple[str, ...], frame: int, prio: int, kind: int) -> None:
        words = tuple(_latin(w) for w in words)  # the stream is bytes seen as Latin-1
        last_off = len(" ".join(words[:-1])) + 1 if len(words) > 1 else 0
        split = _split_glob(words)
        if split is not None:
            self._keys.setdefault(split[0], []).append((frame, prio, kind, last_off, -1))
            return
        body = " ".join(_byte_glob(w) for w in words)
        rx = re.compile(" " + body + "(?= )")
        cut = min(p for p in (words[0].find("*"), words[0].find("?"), len(words[0])) if p >= 0)
        if cut == 0:  # a leading wildcard has no literal to anchor on
            self._search.append((rx, frame, prio, kind))
            return
        self._verify.append(rx)
        entry = (frame, prio, kind, 0, len(self._verify) - 1)
        self._keys.setdefault(" " + words[0][:cut], []).append(entry)

    def _build(self) -> None:
        import ahocorasick

        automaton = ahocorasick.Automaton()
        key_len, ptr = [], [0]
        entries: list[tuple[int, int, int, int, int]] = []
        for kid, (key, ents) in enumerate(sorted(self._keys.items())):
            automaton.add_word(key, kid)
            key_len.append(len(key))
            entries.extend(ents)
            ptr.append(len(entries))
        if not entries:  # an automaton needs one key; this one cannot match a stream
            automaton.add_word("\n\n", 0)
            key_len.append(2)
            entries.append((-1, -1, -1, 0, -1))
            ptr.append(1)
        automaton.make_automaton()
        self._automaton = automaton
        self._key_len = np.array(key_len, dtype=np.int64)
        self._ptr = np.array(ptr, dtype=np.int64)
        ent = np.array(entries, dtype=np.int64).reshape(-1, 5)
        names = ("frame", "prio", "kind", "off", "rx")
        self._ent = {name: ent[:, j] for j, name in enumerate(names)}

    def _scan(self, chunk: str) -> tuple[np.ndarray, ...]:
        """All keyword and regex hits: (frame, prio, kind, first, last) arrays."""
        flat = itertools.chain.from_iterable(self._automaton.iter(chunk))
        arr = np.fromiter(flat, dtype=np.int64).reshape(-1, 2)
        end, kid = arr[:, 0], arr[:, 1]
        first = end - self._key_len[kid] + 2
        n_ent = self._ptr[kid + 1] - self._ptr[kid]
        if (n_ent == 1).all():
            e = self._ptr[kid]
        else:
            hit = np.repeat(np.arange(kid.size), n_ent)
            rank = np.arange(hit.size) - np.repeat(np.cumsum(n_ent) - n_ent, n_ent)
            e = self._ptr[kid][hit] + rank
            first = first[hit]
        ent = self._ent
        cols = [ent["frame"][e], ent["prio"][e], ent["kind"][e], first, first + ent["off"][e]]
        extra = self._checked(chunk, e, first)
        for rx, frame, prio, kind in self._search:
            m = rx.search(chunk)
            while m is not None:
                start = m.start()
                extra.append((frame, prio, kind, start + 1, chunk.rfind(" ", start, m.end()) + 1))
                m = rx.search(chunk, start + 1)
        if self._verify:
            plain = ent["rx"][e] < 0
            cols = [c[plain] for c in cols]
        if extra:
            more = np.array(extra, dtype=np.int64)
            cols = [np.concatenate([c, more[:, j]]) for j, c in enumerate(cols)]
        return tuple(cols)

    def _checked(self, chunk: str, e: np.ndarray, first: np.ndarray) -> list[tuple]:
        """Hits of literal-prefix keys that the pattern's full regex confirms."""
        out: list[tuple[int, int, int, int, int]] = []
        if not self._verify:
            return out
        ent = self._ent
        todo = np.flatnonzero(ent["rx"][e] >= 0)
        rows = zip(ent["frame"][e[todo]].tolist(), ent["prio"][e[todo]].tolist(),
                   ent["kind"][e[todo]].tolist(), ent["rx"][e[todo]].tolist(),
                   first[todo].tolist(), strict=True)  # fmt: skip
        for frame, prio, kind, r, start in rows:
            m = self._verify[r].match(chunk, start - 1)
            if m is not None:
                out.append((frame, prio, kind, start, chunk.rfind(" ", start - 1, m.end()) + 1))
        return out

    def count(
        self, texts: Sequence[str], *, negation_window: int | None = None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Count hits per document and frame in a chunk of raw texts.

        Returns
        -------
        counts, weighted, negated, n_tokens : arrays
            ``counts`` and ``negated`` are int64 (documents x frames),
            ``weighted`` float64, ``n_tokens`` int64 (documents).
        """
        if negation_window and not self.negation:
            raise ValueError("this matcher was built without negation=True")
        found, nls, n_tok, starts = [], [], [], []
        base = 0  # a group starts one past the previous group's end (a virtual newline)
        for arr, nl, n in _group_streams(texts, self.case_sensitive, _GROUP_BYTES):
            cols = self._scan(codecs.latin_1_decode(arr)[0])
            found.append(tuple(c + base if j >= 3 else c for j, c in enumerate(cols)))
            nls.append(np.append(nl, arr.size) + base)
            n_tok.append(n)
            if negation_window:
                boundary = arr <= 32
                starts.append(np.flatnonzero(boundary[:-1] & ~boundary[1:]) + 1 + base)
            base += arr.size + 1
        n_tokens = np.concatenate(n_tok) if n_tok else np.zeros(0, dtype=np.int64)
        if not found:  # no texts
            none = np.zeros(0, dtype=np.int64)
            return (*self._tally(0, none, none, none, none.astype(bool)), n_tokens)
        frame, prio, kind, first, last = (np.concatenate(c) for c in zip(*found, strict=True))
        nl = np.concatenate(nls)[:-1]
        negators = np.sort(first[kind == _NEGATOR])
        is_p, is_x = kind == _PATTERN, kind == _EXCLUSION
        chosen = resolve(
            Candidates(frame[is_p], first[is_p], last[is_p], prio[is_p],
                       frame[is_x], first[is_x], last[is_x])
        )  # fmt: skip
        frame, prio, first = frame[is_p][chosen], prio[is_p][chosen], first[is_p][chosen]
        doc = np.searchsorted(nl, first)
        neg = np.zeros(first.size, dtype=bool)
        if negation_window and first.size and negators.size:
            neg = _negated_in_stream(
                np.concatenate(starts), nl, doc, first, negators, int(negation_window)
            )
        counts, weighted, negated = self._tally(len(n_tokens), doc, frame, prio, neg)
        return counts, weighted, negated, n_tokens

    def _tally(
        self, n_docs: int, doc: np.ndarray, frame: np.ndarray, prio: np.ndarray, neg: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        hits = {"doc": doc, "frame": frame, "pattern": prio, "negated": neg}
        return _tally(hits, n_docs, self._n_frames, self._weight_flat, self._weight_off)


def _negated_in_stream(
    token_starts: np.ndarray,
    nl: np.ndarray,
    doc: np.ndarray,
    first: np.ndarray,
    negators: np.ndarray,
    window: int,
) -> np.ndarray:
    """Negation flags for hits found in a chunk's streams (offsets of token starts)."""
    doc_start = np.concatenate([[0], nl + 1])[doc]
    return negated_mask(
        np.searchsorted(token_starts, first),
        np.searchsorted(token_starts, doc_start),
        np.searchsorted(token_starts, negators),
        window,
    )
