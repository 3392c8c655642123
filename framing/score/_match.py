"""Matching a lexicon against tokens: the rules every scoring path shares.

Two engines implement the same rules and are tested against each other and
against a slow reference implementation:

* :class:`VocabMatcher` compiles a lexicon against a vocabulary (the token
  types of a :class:`corpus.Tokens` object, or of a chunk of texts) and finds
  matches over integer token ids with numpy.  It gives token positions and
  feeds hit tables and explanations.
* :class:`framing.score._match_text.TextMatcher` finds matches in raw text with an
  Aho-Corasick automaton over a normalized token stream (no Python regex in
  the hot path).

Rules (see ``docs/matching.md``):

1. Tokens are the default recipe's: NFKC, lower case, ``\\w+``.
2. Globs (``*`` any run of word characters, ``?`` one) match whole tokens.
3. A multi-word pattern matches consecutive tokens, whatever separates them.
4. Candidates of a frame that overlap one of the frame's exclusions are
   dropped; the rest are resolved leftmost-longest, so each token counts at
   most once per frame (ties go to the pattern listed first).
5. With a negation window ``N``, a hit with a negator among the ``N`` tokens
   before it (same unit) is negated and counted apart.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from framing.lexicon import Lexicon, Pattern

__all__ = [
    "DEFAULT_NEGATORS",
    "Candidates",
    "VocabMatcher",
    "glob_regex",
    "normalize",
    "resolve",
]

#: Negators checked by the negation window.  The ``\w+`` tokenizer splits
#: "don't" into ``don`` + ``t``, so the contracted stems are listed (``won``
#: and ``can`` are left out: "won the war", "can").
DEFAULT_NEGATORS: tuple[str, ...] = (
    "no", "not", "never", "neither", "nor", "none", "nobody", "nothing", "nowhere",
    "without", "cannot", "lack", "lacks", "lacking",
    "don", "doesn", "didn", "isn", "aren", "wasn", "weren", "hasn", "haven", "hadn",
    "shouldn", "wouldn", "couldn", "mustn", "needn", "ain",
)  # fmt: skip

TOKEN_RE = re.compile(r"\w+")


def normalize(text: str, *, case_sensitive: bool = False) -> str:
    """Normalize text as the default token recipe does: NFKC, then lower case.

    Examples
    --------
    >>> normalize("Self\\u2010Determination \\ufb01nal")
    'self‐determination final'
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return text if case_sensitive else text.lower()


def glob_regex(word: str, *, word_class: str = r"\w") -> str:
    """Translate one glob word into a regular expression (no anchors).

    Examples
    --------
    >>> glob_regex("colon?al*")
    'colon\\\\wal\\\\w*'
    """
    parts = []
    for ch in word:
        if ch == "*":
            parts.append(word_class + "*")
        elif ch == "?":
            parts.append(word_class)
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


def pattern_words(pattern: Pattern, case_sensitive: bool) -> tuple[str, ...]:
    """The words a pattern matches, normalized like the tokens."""
    words = pattern.words_cased() if case_sensitive else pattern.words
    return tuple(normalize(w, case_sensitive=case_sensitive) for w in words)


# ----------------------------------------------------------------- resolution
@dataclass(frozen=True)
class Candidates:
    """Candidate matches of one chunk, as parallel integer arrays.

    ``first`` and ``last`` are the positions of the first and the last token
    of a match (token indices, or character offsets of token starts: any
    coordinate in which tokens are ordered works).  ``prio`` is the pattern's
    index within its frame; ``span`` its number of words.
    """

    frame: np.ndarray
    first: np.ndarray
    last: np.ndarray
    prio: np.ndarray
    xframe: np.ndarray
    xfirst: np.ndarray
    xlast: np.ndarray


def _overlapping(lo: np.ndarray, hi: np.ndarray, span_lo: np.ndarray, span_hi: np.ndarray):
    """Boolean mask: interval ``[lo, hi]`` overlaps one of the spans ``[span_lo, span_hi]``."""
    if not span_lo.size or not lo.size:
        return np.zeros(lo.size, dtype=bool)
    order = np.argsort(span_lo, kind="stable")
    starts = span_lo[order]
    reach = np.maximum.accumulate(span_hi[order])
    idx = np.searchsorted(starts, hi, side="right")
    hit = np.zeros(lo.size, dtype=bool)
    has = idx > 0
    hit[has] = reach[idx[has] - 1] >= lo[has]
    return hit


def _dedupe(c: Candidates, sub: np.ndarray, big: int) -> np.ndarray:
    """Single-token candidates: one per frame and token (the pattern listed first)."""
    key = c.frame[sub] * big + c.first[sub]
    order = np.lexsort((c.prio[sub], key))
    key = key[order]
    first_of_run = np.ones(key.size, dtype=bool)
    first_of_run[1:] = key[1:] != key[:-1]
    return sub[order][first_of_run]


def _greedy(c: Candidates, sub: np.ndarray, big: int) -> np.ndarray:
    """Leftmost-longest selection among candidates that may overlap."""
    order = np.lexsort((c.prio[sub], -c.last[sub], c.first[sub], c.frame[sub]))
    sub = sub[order]
    g, h = c.frame[sub] * big + c.first[sub], c.frame[sub] * big + c.last[sub]
    same_start = np.zeros(sub.size, dtype=bool)
    same_start[1:] = g[1:] == g[:-1]
    sub, g, h = sub[~same_start], g[~same_start], h[~same_start]
    running = np.maximum.accumulate(h)
    new_cluster = np.ones(sub.size, dtype=bool)
    new_cluster[1:] = g[1:] > running[:-1]
    starts = np.flatnonzero(new_cluster)
    sizes = np.diff(np.append(starts, sub.size))
    chosen = np.ones(sub.size, dtype=bool)
    # Most clusters are one match covering the others: only its first member counts.
    covered = np.maximum.reduceat(g, starts) <= h[starts] if starts.size else starts
    simple = (sizes > 1) & covered
    drop = np.repeat(simple, sizes) & ~new_cluster
    chosen[drop] = False
    complex_ = (sizes > 1) & ~covered
    for s, size in zip(starts[complex_].tolist(), sizes[complex_].tolist(), strict=True):
        taken_last = -1
        for i in range(s, s + size):
            if g[i] > taken_last:
                taken_last = int(h[i])
            else:
                chosen[i] = False
    return sub[chosen]


def resolve(c: Candidates, *, unique_singles: bool = False) -> np.ndarray:
    """Indices of the candidates that count, leftmost-longest per frame.

    Candidates overlapping an exclusion of their frame are dropped first.
    Then, per frame, matches are taken from left to right; at one start the
    longest match wins (ties: the pattern listed first); a match that
    overlaps one already taken is skipped.  Only candidates that can overlap
    (multi-word matches and the tokens they cover) go through the sequential
    step, so the cost stays linear in the number of candidates.

    Parameters
    ----------
    c : Candidates
    unique_singles : bool, default=False
        Promise that no two single-token candidates share frame and token.

    Returns
    -------
    array of int
        Indices into the candidate arrays, in no particular order.

    Examples
    --------
    >>> a = lambda *v: np.array(v, dtype=np.int64)
    >>> c = Candidates(frame=a(0, 0, 0, 1), first=a(0, 0, 1, 1), last=a(1, 0, 1, 1),
    ...                prio=a(0, 1, 2, 0), xframe=a(), xfirst=a(), xlast=a())
    >>> sorted(resolve(c).tolist())   # "territorial integrity" once; frame 1 still counts
    [0, 3]
    """
    n = c.frame.size
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    big = int(max(c.last.max(), c.xlast.max() if c.xlast.size else 0)) + 2
    idx = np.arange(n)
    if c.xframe.size:
        # pre-filter on positions alone (any frame's exclusion), then by frame
        near = np.flatnonzero(_overlapping(c.first, c.last, c.xfirst, c.xlast))
        excluded = _overlapping(
            c.frame[near] * big + c.first[near], c.frame[near] * big + c.last[near],
            c.xframe * big + c.xfirst, c.xframe * big + c.xlast,
        )  # fmt: skip
        keep = np.ones(n, dtype=bool)
        keep[near[excluded]] = False
        idx = idx[keep]
    is_multi = c.last[idx] > c.first[idx]
    multi, single = idx[is_multi], idx[~is_multi]
    chosen = []
    if multi.size:
        at = c.first[single]
        near = single[_overlapping(at, at, c.first[multi], c.last[multi])]
        point = c.frame[near] * big + c.first[near]
        inside = _overlapping(
            point, point,
            c.frame[multi] * big + c.first[multi], c.frame[multi] * big + c.last[multi],
        )  # fmt: skip
        chosen.append(_greedy(c, np.concatenate([multi, near[inside]]), big))
        drop = np.zeros(n, dtype=bool)
        drop[near[inside]] = True
        single = single[~drop[single]]
    if not unique_singles and single.size:
        single = _dedupe(c, single, big)
    chosen.append(single)
    return np.concatenate(chosen)


def negated_mask(
    starts: np.ndarray, unit_first: np.ndarray, negator_pos: np.ndarray, window: int
) -> np.ndarray:
    """True where a negator lies among the ``window`` tokens before ``starts``.

    All arguments are token indices; ``unit_first`` is the first token of the
    hit's unit, so the window never reaches into the previous unit.

    Examples
    --------
    >>> negated_mask(np.array([3, 9]), np.array([0, 0]), np.array([1]), 2).tolist()
    [True, False]
    """
    if window <= 0 or negator_pos.size == 0 or starts.size == 0:
        return np.zeros(starts.size, dtype=bool)
    lo = np.maximum(starts - window, unit_first)
    return np.searchsorted(negator_pos, starts) > np.searchsorted(negator_pos, lo)


# ---------------------------------------------------------------- vocabulary
class _SortedVocab:
    """A vocabulary sorted once, to expand globs by prefix ranges."""

    def __init__(self, vocab: Sequence[str]) -> None:
        self.vocab = vocab
        self.index = {t: i for i, t in enumerate(vocab)}
        self.order = sorted(range(len(vocab)), key=vocab.__getitem__)
        self.sorted = [vocab[i] for i in self.order]

    def expand(self, word: str) -> np.ndarray:
        """Ids of the types a (glob) word matches, ascending."""
        if "*" not in word and "?" not in word:
            i = self.index.get(word)
            return np.array([] if i is None else [i], dtype=np.int64)
        cut = min(p for p in (word.find("*"), word.find("?")) if p >= 0)
        prefix = word[:cut]
        lo = bisect.bisect_left(self.sorted, prefix) if prefix else 0
        hi = bisect.bisect_left(self.sorted, prefix + "\U0010ffff") if prefix else len(self.sorted)
        if word == prefix + "*":
            ids = self.order[lo:hi]
        else:
            rx = re.compile(glob_regex(word))
            ids = [self.order[k] for k in range(lo, hi) if rx.fullmatch(self.sorted[k])]
        return np.array(sorted(ids), dtype=np.int64)


_EXCLUDE = -1


def _csr(rows: np.ndarray, payload: list[np.ndarray], size: int):
    """Group ``payload`` arrays by ``rows`` (values < size): pointer array and sorted payload."""
    order = np.argsort(rows, kind="stable")
    ptr = np.zeros(size + 1, dtype=np.int64)
    ptr[1:] = np.cumsum(np.bincount(rows, minlength=size))
    return ptr, [p[order] for p in payload]


def _expand(ptr: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each entry of ``rows``, its CSR items: (index into rows, index into payload)."""
    n = ptr[rows + 1] - ptr[rows]
    which = np.repeat(np.arange(rows.size), n)
    shift = np.repeat(ptr[rows] - (np.cumsum(n) - n), n)
    return which, shift + np.arange(which.size)


@dataclass(frozen=True)
class _Compiled:
    frame: int
    prio: int
    words: tuple[np.ndarray, ...]  # per word, the ids of the types it matches


class VocabMatcher:
    """A lexicon compiled against one vocabulary of token types.

    Globs are expanded over the vocabulary once, so matching costs the same
    whatever the number of patterns: single-word patterns become one lookup
    table per frame, multi-word patterns a few vectorized checks.

    Parameters
    ----------
    lexicon : Lexicon
    vocab : sequence of str
        Token types; id ``i`` is ``vocab[i]``.
    negators : sequence of str, optional
        Negator words (default :data:`DEFAULT_NEGATORS`).

    Examples
    --------
    >>> lex = Lexicon.from_terms("t", {"sov": ["sovereign*", "territorial integrity"]})
    >>> m = VocabMatcher(lex, ["territorial", "integrity", "sovereignty", "the"])
    >>> hits = m.match(np.array([3, 0, 1, 2]), np.array([0, 4]))
    >>> hits["start"].tolist(), hits["length"].tolist()
    ([1, 3], [2, 1])
    """

    def __init__(
        self,
        lexicon: Lexicon,
        vocab: Sequence[str],
        negators: Sequence[str] | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.vocab = vocab
        size = len(vocab)
        sv = _SortedVocab(vocab)
        cs = lexicon.case_sensitive
        cache: dict[str, np.ndarray] = {}

        def mask(word: str) -> np.ndarray:
            if word not in cache:
                cache[word] = sv.expand(word)
            return cache[word]

        singles: list[tuple[np.ndarray, int, np.ndarray]] = []
        multi: list[_Compiled] = []
        for fi, frame in enumerate(lexicon.frames):
            table = np.full(size, -1, dtype=np.int64)
            for pi in reversed(range(len(frame.patterns))):  # first listed wins
                words = pattern_words(frame.patterns[pi], cs)
                if len(words) == 1:
                    table[mask(words[0])] = pi
                else:
                    multi.append(_Compiled(fi, pi, tuple(mask(w) for w in words)))
            types = np.flatnonzero(table >= 0)
            singles.append((types, fi, table[types]))
            for p in frame.exclusions:
                words = pattern_words(p, cs)
                multi.append(_Compiled(fi, _EXCLUDE, tuple(mask(w) for w in words)))
        self._build_singles(singles, size)
        self._build_multi(multi, size)
        self.negator_mask = np.zeros(size, dtype=bool)
        for w in negators if negators is not None else DEFAULT_NEGATORS:
            self.negator_mask[sv.expand(normalize(w, case_sensitive=cs))] = True
        weights = [[p.weight for p in f.patterns] for f in lexicon.frames]
        self._weight_flat = np.array([w for ws in weights for w in ws], dtype=np.float64)
        self._weight_off = np.cumsum([0] + [len(ws) for ws in weights])[:-1].astype(np.int64)

    def _build_singles(self, singles: list, size: int) -> None:
        """Type -> (frame, pattern) lists for single-word patterns, as CSR arrays."""
        types = np.concatenate([t for t, _, _ in singles])
        frames = np.concatenate([np.full(t.size, f, dtype=np.int64) for t, f, _ in singles])
        prios = np.concatenate([p for _, _, p in singles])
        self._s_ptr, (self._s_frame, self._s_prio) = _csr(types, [frames, prios], size)
        self._relevant = np.zeros(size, dtype=bool)
        self._relevant[types] = True
        self._has_single = self._relevant.copy()

    def _build_multi(self, multi: list[_Compiled], size: int) -> None:
        """Multi-word patterns and all exclusions: first-word CSR plus keys of later words."""
        self._q_frame = np.array([c.frame for c in multi], dtype=np.int64)
        self._q_prio = np.array([c.prio for c in multi], dtype=np.int64)
        self._q_len = np.array([len(c.words) for c in multi], dtype=np.int64)
        self._width = int(self._q_len.max()) + 1 if multi else 1
        firsts = [c.words[0] for c in multi]
        types = np.concatenate(firsts) if multi else np.zeros(0, dtype=np.int64)
        qs = np.concatenate([np.full(f.size, q, dtype=np.int64) for q, f in enumerate(firsts)]
                            ) if multi else np.zeros(0, dtype=np.int64)  # fmt: skip
        self._m_ptr, (self._m_q,) = _csr(types, [qs], size)
        self._starts = np.zeros(size, dtype=bool)
        self._starts[types] = True
        self._relevant |= self._starts
        self._later = [self._later_words(multi, j, size) for j in range(1, self._width - 1)]
        self._pairs = self._first_pairs(multi, firsts, size)

    @staticmethod
    def _later_words(multi: list[_Compiled], j: int, size: int) -> tuple[np.ndarray, np.ndarray]:
        """Word ``j`` of every item as a dense (item x type) table over the types used there.

        Returns the column of each vocabulary type (-1: no item has it at ``j``) and the
        table, so that checking a candidate is two lookups, not a search.
        """
        used = [c.words[j] for c in multi if len(c.words) > j]
        types = np.unique(np.concatenate([np.zeros(0, dtype=np.int64), *used]))
        column = np.full(size, -1, dtype=np.int64)
        column[types] = np.arange(types.size)
        table = np.zeros((len(multi), max(types.size, 1)), dtype=bool)
        for q, c in enumerate(multi):
            if len(c.words) > j:
                table[q, column[c.words[j]]] = True
        return column, table

    def _first_pairs(self, multi: list[_Compiled], firsts: list[np.ndarray], size: int):
        """(first type, second type) table of every multi-word item, if not too large.

        One-word items (single-word exclusions) mark their types in ``_solo``.
        """
        self._solo = np.zeros(size, dtype=bool)
        for c in multi:
            if len(c.words) == 1:
                self._solo[c.words[0]] = True
        firsts = [f for f, c in zip(firsts, multi, strict=True) if len(c.words) > 1]
        seconds = [c.words[1] for c in multi if len(c.words) > 1]
        self._second = np.zeros(size, dtype=bool)
        for second in seconds:
            self._second[second] = True
        if sum(a.size * b.size for a, b in zip(firsts, seconds, strict=True)) > 5_000_000:
            return None
        # a dense (first type x second type) table: one lookup per position, no search
        first_types = np.unique(np.concatenate([np.zeros(0, dtype=np.int64), *firsts]))
        second_types = np.flatnonzero(self._second)
        if first_types.size * second_types.size > 50_000_000:
            return None
        self._first_row = np.full(size, -1, dtype=np.int64)
        self._first_row[first_types] = np.arange(first_types.size)
        self._second_col = np.full(size, -1, dtype=np.int64)
        self._second_col[second_types] = np.arange(second_types.size)
        table = np.zeros((max(first_types.size, 1), max(second_types.size, 1)), dtype=bool)
        for a, b in zip(firsts, seconds, strict=True):
            table[np.ix_(self._first_row[a], self._second_col[b])] = True
        return table

    def _multi_matches(self, ids: np.ndarray, pos: np.ndarray, offsets: np.ndarray):
        """(q, start) of every multi-word pattern or exclusion match starting at ``pos``."""
        if self._pairs is not None:  # keep positions whose next token can follow
            ok = self._solo[ids[pos]]
            nxt = ids[np.minimum(pos + 1, ids.size - 1)]
            # cheap test first (any pattern's second word), exact pair test on the rest
            todo = np.flatnonzero(~ok & (pos + 1 < ids.size) & self._second[nxt])
            rows = self._first_row[ids[pos[todo]]]
            known = rows >= 0  # single-word exclusions start positions too
            todo, rows = todo[known], rows[known]
            ok[todo[self._pairs[rows, self._second_col[nxt[todo]]]]] = True
            pos = pos[ok]
        row, k = _expand(self._m_ptr, ids[pos])
        q, p = self._m_q[k], pos[row]
        length = self._q_len[q]
        alive = p + length <= ids.size
        for j, (column, table) in enumerate(self._later, start=1):
            sel = np.flatnonzero(alive & (length > j))
            if not sel.size:
                break
            col = column[ids[p[sel] + j]]
            ok = col >= 0
            ok[ok] = table[q[sel][ok], col[ok]]
            alive[sel[~ok]] = False
        q, p = q[alive], p[alive]
        same_unit = np.searchsorted(offsets, p, side="right") == np.searchsorted(
            offsets, p + self._q_len[q] - 1, side="right"
        )  # a match never spans two units: checked on the few survivors only
        return q[same_unit], p[same_unit]

    def _candidates(self, ids: np.ndarray, offsets: np.ndarray) -> Candidates:
        pos = np.flatnonzero(self._relevant[ids])
        types = ids[pos]
        single = self._has_single[types]  # frequent words that only start phrases are skipped
        row, k = _expand(self._s_ptr, types[single])
        s_first, s_frame, s_prio = pos[single][row], self._s_frame[k], self._s_prio[k]
        q, m_first = self._multi_matches(ids, pos[self._starts[types]], offsets)
        m_last = m_first + self._q_len[q] - 1
        is_x = self._q_prio[q] == _EXCLUDE
        pat = ~is_x
        return Candidates(
            np.concatenate([s_frame, self._q_frame[q[pat]]]),
            np.concatenate([s_first, m_first[pat]]),
            np.concatenate([s_first, m_last[pat]]),
            np.concatenate([s_prio, self._q_prio[q[pat]]]),
            self._q_frame[q[is_x]],
            m_first[is_x],
            m_last[is_x],
        )

    def match(
        self,
        ids: np.ndarray,
        offsets: np.ndarray,
        *,
        negation_window: int | None = None,
        ordered: bool = True,
    ) -> dict[str, np.ndarray]:
        """Find the hits in documents given as concatenated token ids.

        Parameters
        ----------
        ids : array of int
            Token ids of all documents, concatenated.
        offsets : array of int
            Document ``i`` is ``ids[offsets[i]:offsets[i+1]]``.
        negation_window : int, optional
            Flag hits preceded by a negator within this many tokens.
        ordered : bool, default=True
            Sort the hits by document, frame and start.

        Returns
        -------
        dict of arrays
            ``doc``, ``frame``, ``pattern`` (index within the frame),
            ``start`` (token index into ``ids``), ``length`` (tokens) and
            ``negated``.
        """
        ids = np.asarray(ids)
        offsets = np.asarray(offsets, dtype=np.int64)
        c = self._candidates(ids, offsets)
        chosen = resolve(c, unique_singles=True)
        f, s, pr = c.frame[chosen], c.first[chosen], c.prio[chosen]
        k = c.last[chosen] - s + 1
        doc = np.searchsorted(offsets, s, side="right") - 1
        if ordered:
            order = np.lexsort((s, f, doc))
            doc, f, s, k, pr = doc[order], f[order], s[order], k[order], pr[order]
        neg = np.zeros(s.size, dtype=bool)
        if negation_window and s.size:
            negpos = np.flatnonzero(self.negator_mask[ids])
            neg = negated_mask(s, offsets[doc], negpos, int(negation_window))
        return {"doc": doc, "frame": f, "pattern": pr, "start": s, "length": k, "negated": neg}

    def count(
        self,
        ids: np.ndarray,
        offsets: np.ndarray,
        *,
        negation_window: int | None = None,
        block_tokens: int = 1 << 20,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Counts, weighted sums and negated counts (documents x frames).

        Documents are matched in blocks of about ``block_tokens`` tokens (never
        splitting one), so the temporaries stay small: on all of UNGDC this
        measured 0.46 s against 0.70-0.85 s for one pass over the 32 M tokens.

        Examples
        --------
        >>> lex = Lexicon.from_terms("t", {"sov": ["sovereign*", "territorial integrity"]})
        >>> m = VocabMatcher(lex, ["integrity", "sovereignty", "territorial"])
        >>> counts, weighted, negated = m.count(np.array([2, 0, 1, 1]), np.array([0, 3, 4]))
        >>> counts.tolist()
        [[2], [1]]
        """
        ids = np.asarray(ids)
        offsets = np.asarray(offsets, dtype=np.int64)
        n_docs = offsets.size - 1
        targets = np.arange(0, offsets[-1], block_tokens)
        edges = np.unique(np.concatenate([[0], np.searchsorted(offsets, targets), [n_docs]]))
        parts = []
        for a, b in itertools.pairwise(edges.tolist()):
            off = offsets[a : b + 1]
            hits = self.match(ids[off[0] : off[-1]], off - off[0],
                              negation_window=negation_window, ordered=False)  # fmt: skip
            parts.append(self.tally(hits, b - a))
        if not parts:
            empty = {k: np.zeros(0, dtype=np.int64) for k in ("doc", "frame", "pattern")}
            return self.tally({**empty, "negated": np.zeros(0, dtype=bool)}, n_docs)
        return tuple(np.concatenate([p[j] for p in parts]) for j in range(3))  # type: ignore[return-value]

    def tally(
        self, hits: dict[str, np.ndarray], n_docs: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Counts, weighted sums and negated counts (documents x frames) of hits."""
        return _tally(hits, n_docs, len(self.lexicon.frames), self._weight_flat, self._weight_off)


def _tally(
    hits: dict[str, np.ndarray], n_docs: int, n_frames: int, wflat: np.ndarray, woff: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    doc, frame, prio, neg = hits["doc"], hits["frame"], hits["pattern"], hits["negated"]
    cell = doc * n_frames + frame
    size = n_docs * n_frames
    weight = wflat[woff[frame] + prio] if frame.size else np.zeros(0)
    ok = ~neg
    counts = np.bincount(cell[ok], minlength=size).astype(np.int64)
    weighted = np.bincount(cell[ok], weights=weight[ok], minlength=size).astype(np.float64)
    negated = np.bincount(cell[neg], minlength=size).astype(np.int64)
    shape = (n_docs, n_frames)
    return counts.reshape(shape), weighted.reshape(shape), negated.reshape(shape)
