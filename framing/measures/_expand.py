"""Lexicon expansion with a human in the loop: candidates for review.

:func:`expand_lexicon` proposes, per frame, words the lexicon does not match
yet: the nearest neighbours of the frame's centroid in a word-vector space
and the words over-represented in windows around the frame's hits.  Each
candidate comes with the evidence a researcher needs to decide: its
similarity, corpus frequency, document share, the frames it is near and
three keyword-in-context lines.  The researcher fills the ``decision``
column; :func:`framing.measures.apply_review` turns the accepted rows into a
new lexicon version.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from framing._errors import InvalidParameterError
from framing.lexicon import Lexicon
from framing.score import glob_regex

if TYPE_CHECKING:
    from corpus import Tokens
    from framing.embed import WordVectors

__all__ = ["REVIEW_COLUMNS", "expand_lexicon"]

#: Columns of a review table, in order.
REVIEW_COLUMNS = (
    "frame",
    "term",
    "source",
    "similarity",
    "cooccurrence",
    "frequency",
    "doc_share",
    "near_frames",
    "kwic_1",
    "kwic_2",
    "kwic_3",
    "decision",
    "note",
    "lexicon",
    "lexicon_version",
    "lexicon_fingerprint",
    "tokens",
    "vectors",
)
_MIN_LENGTH = 3


def _frame_words(frame: Any, vocab: Sequence[str], single_only: bool) -> np.ndarray:
    """Ids of the vocabulary types that the frame's one-word patterns match.

    With ``single_only=False`` every word of a multi-word pattern counts too.
    """
    words = {w for p in frame.patterns if (not single_only or not p.is_multiword) for w in p.words}
    if not words:
        return np.zeros(0, dtype=np.int64)
    regex = re.compile("(?:" + "|".join(sorted(glob_regex(w) for w in words)) + ")")
    return np.array([i for i, t in enumerate(vocab) if regex.fullmatch(t)], dtype=np.int64)


def _eligible(vocab: Sequence[str], counts: np.ndarray, min_count: int) -> np.ndarray:
    """Types worth proposing: frequent, alphabetic, not stop words."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    ok = np.array(
        [len(t) >= _MIN_LENGTH and t.isalpha() and t not in ENGLISH_STOP_WORDS for t in vocab],
        dtype=bool,
    )
    return ok & (counts >= min_count)


def _centroids(
    lexicon: Lexicon, vocab: Sequence[str], rows: np.ndarray, unit: np.ndarray
) -> dict[str, np.ndarray | None]:
    """Each frame's unit-length mean of its seed words' unit vectors (None: no seed)."""
    out: dict[str, np.ndarray | None] = {}
    for frame in lexicon.frames:
        ids = _frame_words(frame, vocab, single_only=True)
        ids = ids[rows[ids] >= 0]
        if not ids.size:
            out[frame.name] = None
            continue
        mean = unit[rows[ids]].mean(axis=0)
        out[frame.name] = mean / max(float(np.linalg.norm(mean)), 1e-12)
    return out


def _vector_rows(vocab: Sequence[str], vectors: WordVectors) -> np.ndarray:
    """Row of each vocabulary type in the vector matrix, -1 when it has none."""
    index = vectors.keyed.key_to_index
    return np.array([index.get(t, -1) for t in vocab], dtype=np.int64)


def _window_counts(tokens: Tokens, seed_ids: np.ndarray, window: int) -> tuple[np.ndarray, int]:
    """Counts of each type within ``window`` tokens of a seed hit (same document)."""
    ids, offsets = tokens.ids, tokens.offsets
    lookup = np.zeros(len(tokens.vocab), dtype=bool)
    lookup[seed_ids] = True
    hits = np.flatnonzero(lookup[ids])
    if not hits.size:
        return np.zeros(len(tokens.vocab), dtype=np.int64), 0
    doc = np.searchsorted(offsets, hits, side="right") - 1
    shifts = np.concatenate([np.arange(-window, 0), np.arange(1, window + 1)])
    ctx = hits[:, None] + shifts[None, :]
    inside = (ctx >= offsets[doc][:, None]) & (ctx < offsets[doc + 1][:, None])
    ctx = np.unique(ctx[inside])
    ctx = ctx[~lookup[ids[ctx]]]
    return np.bincount(ids[ctx], minlength=len(tokens.vocab)), int(ctx.size)


def _g2(a: np.ndarray, b: int, total: np.ndarray, n: int) -> np.ndarray:
    """Signed log-likelihood G2 of a type's window count ``a`` (of ``b``) against the rest."""
    c, d = total - a, n - b
    e1 = b * total / n
    e2 = d * total / n
    with np.errstate(divide="ignore", invalid="ignore"):
        t1 = np.where(a > 0, a * np.log(a / e1), 0.0)
        t2 = np.where(c > 0, c * np.log(c / e2), 0.0)
    g2 = 2 * (t1 + t2)
    return np.where(a / max(b, 1) > total / n, g2, -g2)


def _occurrences(tokens: Tokens, cand: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Positions of every occurrence of the candidate types, grouped by type."""
    lookup = np.zeros(len(tokens.vocab), dtype=bool)
    lookup[cand] = True
    pos = np.flatnonzero(lookup[tokens.ids])
    which = tokens.ids[pos]
    order = np.argsort(which, kind="stable")
    pos, which = pos[order], which[order]
    doc = np.searchsorted(tokens.offsets, pos, side="right") - 1
    return pos, which, doc


def _kwic_lines(
    tokens: Tokens, positions: np.ndarray, docs: np.ndarray, n: int, width: int
) -> list[str]:
    """``n`` token-window lines from distinct documents spread over the corpus."""
    first = np.unique(docs, return_index=True)[1]
    picks = first if first.size >= n else np.arange(positions.size)
    chosen = picks[np.unique(np.linspace(0, picks.size - 1, n).round().astype(int))]
    lines = []
    vocab = tokens.vocab
    for k in chosen:
        p, d = int(positions[k]), int(docs[k])
        lo, hi = (
            max(int(tokens.offsets[d]), p - width),
            min(int(tokens.offsets[d + 1]), p + width + 1),
        )
        left = " ".join(vocab[i] for i in tokens.ids[lo:p])
        right = " ".join(vocab[i] for i in tokens.ids[p + 1 : hi])
        lines.append(f"{left} [{vocab[tokens.ids[p]]}] {right}".strip())
    return lines + [""] * (n - len(lines))


def _near(vec: np.ndarray | None, centroids: dict[str, np.ndarray | None], k: int = 3) -> str:
    if vec is None:
        return ""
    sims = [(float(vec @ c), f) for f, c in centroids.items() if c is not None]
    sims.sort(key=lambda s: (-s[0], s[1]))
    return "; ".join(f"{f} {s:.2f}" for s, f in sims[:k])


def _check_expand(frames: Sequence[str], lexicon: Lexicon, ints: dict[str, int]) -> None:
    unknown = [f for f in frames if f not in lexicon.frame_names]
    if unknown:
        raise InvalidParameterError(
            f"unknown frame(s) {unknown}; the lexicon "
            f"{lexicon.name!r} has {list(lexicon.frame_names)}"
        )
    for name, value in ints.items():
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0:
            raise InvalidParameterError(f"{name} must be a non-negative integer, got {value!r}")


def _frame_candidates(
    frame: Any, ctx: dict[str, Any], n_neighbors: int, n_cooccurring: int, window: int
) -> pd.DataFrame:
    """Scored candidates of one frame (no KWIC yet)."""
    tokens, vocab, rows, unit = ctx["tokens"], ctx["vocab"], ctx["rows"], ctx["unit"]
    taken = np.zeros(len(vocab), dtype=bool)
    taken[_frame_words(frame, vocab, single_only=False)] = True
    free = ctx["eligible"] & ~taken
    centroid = ctx["centroids"][frame.name]
    sims = np.full(len(vocab), np.nan)
    if centroid is not None:
        has = rows >= 0
        sims[has] = unit[rows[has]] @ centroid
    seeds = _frame_words(frame, vocab, single_only=True)
    window_counts, n_window = _window_counts(tokens, seeds, window)
    g2 = _g2(window_counts, n_window, ctx["counts"], int(tokens.ids.size))
    by_sim = np.where(free & ~np.isnan(sims), sims, -np.inf)
    neighbours = [
        i for i in np.argsort(-by_sim, kind="stable")[:n_neighbors] if np.isfinite(by_sim[i])
    ]
    by_g2 = np.where(free & (window_counts > 0), g2, -np.inf)
    cooccurring = [i for i in np.argsort(-by_g2, kind="stable")[:n_cooccurring] if by_g2[i] > 0]
    ids = list(dict.fromkeys(neighbours + cooccurring))
    source = [
        "neighbour+cooccurrence"
        if i in neighbours and i in cooccurring
        else "neighbour"
        if i in neighbours
        else "cooccurrence"
        for i in ids
    ]
    return pd.DataFrame(
        {
            "frame": frame.name,
            "term": [vocab[i] for i in ids],
            "source": source,
            "similarity": [round(float(sims[i]), 4) for i in ids],
            "cooccurrence": [round(float(g2[i]), 1) for i in ids],
            "frequency": [int(ctx["counts"][i]) for i in ids],
            "id": ids,
        }
    )


def _add_evidence(
    table: pd.DataFrame, ctx: dict[str, Any], n_kwic: int, kwic_window: int
) -> pd.DataFrame:
    """Document share, nearby frames and KWIC lines of every candidate."""
    tokens, rows, unit = ctx["tokens"], ctx["rows"], ctx["unit"]
    cand = np.unique(table["id"].to_numpy(np.int64))
    pos, which, doc = _occurrences(tokens, cand)
    bounds = np.searchsorted(which, cand, side="left"), np.searchsorted(which, cand, "right")
    share, kwics = {}, {}
    for c, lo, hi in zip(cand, *bounds, strict=True):
        share[c] = round(np.unique(doc[lo:hi]).size / max(len(tokens), 1), 4)
        kwics[c] = _kwic_lines(tokens, pos[lo:hi], doc[lo:hi], n_kwic, kwic_window)
    table["doc_share"] = table["id"].map(share)
    table["near_frames"] = [
        _near(unit[rows[i]] if rows[i] >= 0 else None, ctx["centroids"]) for i in table["id"]
    ]
    for k in range(n_kwic):
        table[f"kwic_{k + 1}"] = [kwics[i][k] for i in table["id"]]
    return table.drop(columns="id")


def expand_lexicon(
    tokens: Tokens,
    lexicon: Lexicon,
    vectors: WordVectors,
    *,
    frames: str | Sequence[str] | None = None,
    n_neighbors: int = 25,
    n_cooccurring: int = 25,
    window: int = 5,
    min_count: int = 10,
    kwic_window: int = 6,
    lexicon_ref: str | None = None,
) -> pd.DataFrame:
    """Candidate terms per frame, with evidence, for a researcher to review.

    Parameters
    ----------
    tokens : corpus.Tokens
        The corpus the candidates come from (frequencies, windows, KWIC).
    lexicon : Lexicon
        The lexicon to expand.
    vectors : WordVectors
        Word vectors, e.g. :func:`framing.embed.train_vectors` on ``tokens``.
    frames : str or sequence of str, optional
        Frames to expand (default: all).
    n_neighbors : int, default=25
        Nearest neighbours of the frame centroid to propose.
    n_cooccurring : int, default=25
        Words most over-represented near the frame's hits to propose.
    window : int, default=5
        Tokens on each side of a hit that count as "near".
    min_count : int, default=10
        A candidate occurs at least this often in ``tokens``.
    kwic_window : int, default=6
        Tokens of context on each side in the KWIC lines.
    lexicon_ref : str, optional
        How :func:`apply_review` finds the lexicon again (a bundled name or a
        path); default the lexicon's name.

    Returns
    -------
    DataFrame
        Columns :data:`REVIEW_COLUMNS`, one row per (frame, candidate), frames
        in lexicon order, neighbours first.  ``similarity`` is the cosine with
        the frame centroid, ``cooccurrence`` the signed log-likelihood G2 of
        the word's count near hits against its count elsewhere, ``doc_share``
        the share of documents it occurs in, ``near_frames`` the three frames
        with the closest centroids, ``kwic_1..3`` token windows (lower-cased,
        as tokenized) from three documents spread over the corpus;
        ``decision`` and ``note`` are empty for the reviewer.

    Raises
    ------
    InvalidParameterError
        An unknown frame or a negative count.

    Notes
    -----
    A frame's centroid is the normalised mean of the unit vectors of the
    vocabulary words its one-word patterns match (globs expanded over the
    vocabulary, as in scoring); multi-word patterns and exclusions are not
    used as seeds.  Words any pattern of the frame already matches, words of
    fewer than three letters, non-alphabetic tokens and scikit-learn's
    English stop words are never proposed.  Windows do not cross documents.
    The result is deterministic: ties are broken by vocabulary order.

    References
    ----------
    Rice, D. R. & Zorn, C. (2021). Corpus-based dictionaries for sentiment
    analysis of specialized vocabularies. Political Science Research and
    Methods 9(1), 20-35.  Watanabe, K. (2021). Latent Semantic Scaling.
    Communication Methods and Measures 15(2), 81-102.

    Examples
    --------
    >>> from corpus import Corpus, tokenize
    >>> from framing.embed import WordVectors
    >>> toks = tokenize(Corpus.from_texts(["the uprising and the resistance grew",
    ...                                    "an uprising grew"] * 10))
    >>> lex = Lexicon.from_terms("toy", {"resistance": ["resistance"]})
    >>> vecs = WordVectors.from_arrays(["resistance", "uprising", "grew"],
    ...                                np.array([[1, 0], [0.9, 0.1], [0, 1]]))
    >>> table = expand_lexicon(toks, lex, vecs, n_neighbors=1, n_cooccurring=1)
    >>> table[["term", "source", "similarity", "frequency", "doc_share"]]
           term     source  similarity  frequency  doc_share
    0  uprising  neighbour      0.9939         20        1.0
    >>> table.loc[0, "kwic_1"]
    'the [uprising] and the resistance grew'
    """
    chosen = [frames] if isinstance(frames, str) else list(frames or lexicon.frame_names)
    _check_expand(
        chosen,
        lexicon,
        {
            "n_neighbors": n_neighbors,
            "n_cooccurring": n_cooccurring,
            "window": window,
            "min_count": min_count,
            "kwic_window": kwic_window,
        },
    )
    vocab = tokens.vocab
    counts = np.bincount(tokens.ids, minlength=len(vocab))
    rows, unit = _vector_rows(vocab, vectors), vectors.unit_matrix()
    ctx = {
        "tokens": tokens,
        "vocab": vocab,
        "counts": counts,
        "rows": rows,
        "unit": unit,
        "eligible": _eligible(vocab, counts, min_count),
        "centroids": _centroids(lexicon, vocab, rows, unit),
    }
    parts = [
        _frame_candidates(lexicon.frame(f), ctx, n_neighbors, n_cooccurring, window)
        for f in lexicon.frame_names
        if f in chosen
    ]
    table = pd.concat(parts, ignore_index=True)
    table = _add_evidence(table, ctx, 3, kwic_window)
    table["decision"], table["note"] = "", ""
    table["lexicon"] = lexicon_ref or lexicon.name
    table["lexicon_version"] = lexicon.version
    table["lexicon_fingerprint"] = lexicon.fingerprint
    table["tokens"] = tokens.fingerprint
    table["vectors"] = f"{vectors.method}:{vectors.fingerprint[:16]}"
    return table[list(REVIEW_COLUMNS)]
