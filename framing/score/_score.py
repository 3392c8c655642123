"""Scoring: frame counts per unit, hit tables and explanations.

:func:`score_frames` counts, for every unit (document, paragraph or
sentence) and every frame of a lexicon, how many matches the frame has under
the rules of :mod:`framing.score._match` (``docs/matching.md``).  From raw text it
uses the Aho-Corasick engine chunk by chunk (optionally in worker processes);
from :class:`corpus.Tokens` it counts over integer ids with numpy.
:func:`find_hits` returns the matches themselves, :func:`explain` the terms
that fired in one unit; both agree with the counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from corpus import Corpus
from framing._conventions import SEGMENTS, UNITS
from framing._errors import InvalidParameterError
from framing.compute import open_executor, parse_scheduler
from framing.lexicon import Lexicon
from framing.score._frame_scores import FrameScores
from framing.score._match import DEFAULT_NEGATORS, TOKEN_RE, VocabMatcher, normalize
from framing.score._parallel import chunks, count_texts
from framing.score._partitioned import is_partitions, score_partitions

__all__ = ["explain", "find_hits", "score_frames"]

_DEFAULT_CHUNK = 256


def _is_tokens(obj: Any) -> bool:
    return all(hasattr(obj, a) for a in ("vocab", "ids", "offsets", "docvars"))


def as_corpus(
    source: Any,
    unit: str,
    needs: str = "score a Corpus, a corpus.Tokens object or a list of texts",
) -> Corpus:
    """The units to score: a corpus (segmented for paragraph and sentence units)."""
    if unit not in SEGMENTS:
        raise InvalidParameterError(f"unit must be one of {list(UNITS)}, got {unit!r}")
    if isinstance(source, Corpus):
        corp = source
    elif isinstance(source, str) or not isinstance(source, Iterable):
        raise InvalidParameterError(f"{needs}; got {type(source).__name__}")
    else:
        corp = Corpus.from_texts(list(source))
    return corp if SEGMENTS[unit] is None else corp.segment(SEGMENTS[unit])


def _check_options(negation_window: int | None, n_jobs: int, chunk_size: int) -> None:
    if negation_window is not None and (
        not isinstance(negation_window, int) or negation_window < 0
    ):
        raise InvalidParameterError(
            f"negation_window must be a non-negative integer, got {negation_window!r}"
        )
    if not isinstance(n_jobs, int) or n_jobs < 1:
        raise InvalidParameterError(f"n_jobs must be a positive integer, got {n_jobs!r}")
    if not isinstance(chunk_size, int) or chunk_size < 1:
        raise InvalidParameterError(f"chunk_size must be a positive integer, got {chunk_size!r}")


def _meta(lexicon: Lexicon, source: Any, unit: str, engine: str, **options: Any) -> dict:
    fingerprint = None
    if _is_tokens(source):
        fingerprint = getattr(source, "corpus_fingerprint", None)
    elif isinstance(source, Corpus) and not source.is_lazy:
        fingerprint = source.fingerprint
    elif isinstance(source, Corpus):
        fingerprint = source._fingerprint  # only when already computed: no second pass
    # a plain list of texts is no corpus: it has no fingerprint to record
    return {
        "lexicon": {
            "name": lexicon.name,
            "version": lexicon.version,
            "fingerprint": lexicon.fingerprint,
        },
        "corpus_fingerprint": fingerprint,
        # what the reader replaced or skipped travels with the scores (Parquet metadata)
        "input_counts": source.input_counts() if isinstance(source, Corpus) else {},
        "unit": unit,
        "engine": engine,
        "options": options,
    }


def _frames(values: np.ndarray, index: pd.Index, lexicon: Lexicon) -> pd.DataFrame:
    return pd.DataFrame(values, index=index, columns=list(lexicon.frame_names))


def score_frames(
    corpus_or_tokens: Corpus | Any | Sequence[str],
    lexicon: Lexicon,
    *,
    unit: str = "document",
    negation_window: int | None = None,
    negators: Sequence[str] | None = None,
    n_jobs: int = 1,
    progress: bool = False,
    chunk_size: int = _DEFAULT_CHUNK,
    scheduler: str | Any | None = None,
    cluster: Mapping[str, Any] | None = None,
) -> FrameScores:
    """Count each frame's matches in every unit of a corpus.

    Parameters
    ----------
    corpus_or_tokens : Corpus, corpus.Tokens, list of corpus.Partition or sequence of str
        Raw texts (a corpus, streamed or in memory, or a list of texts with
        ids ``d0, d1, ...``), a tokenized corpus, or the partitions of a dataset
        folder (:func:`corpus.partitions`), which the workers read and score
        one by one so that this process never holds the texts.  Scoring raw
        text and scoring default-recipe tokens give identical counts.
    lexicon : Lexicon
        The frames and their patterns.
    unit : {"document", "paragraph", "sentence"}, default="document"
        Segments are made with :meth:`corpus.Corpus.segment`; their rows
        carry ``parent_id`` and ``segment_no``, and
        :meth:`FrameScores.rollup` sums them back to documents.  Tokens
        objects are scored as they are (tokenize a segmented corpus to score
        segments).
    negation_window : int, optional
        When set, a hit with a negator among the ``negation_window`` tokens
        before it is counted in ``negated`` and not in ``counts``.
    negators : sequence of str, optional
        Negator words; default :data:`framing.DEFAULT_NEGATORS`.
    n_jobs : int, default=1
        Processes counting raw text: the same as ``scheduler=f"local:{n_jobs}"``.
    progress : bool, default=False
        Show a progress bar (tqdm) on standard error.
    chunk_size : int, default=256
        Units per chunk; a streamed corpus holds a few chunks per worker in
        memory at a time.
    scheduler : str, optional
        Where the chunks run (:func:`framing.compute.parse_scheduler`):
        ``"local:N"`` (``N`` processes here; workers forked with a corpus in
        memory share it), ``"tcp://HOST:PORT"`` (a Dask scheduler), ``"slurm"``
        or ``"pbs"`` (Dask workers as batch jobs).  Default: this process.
        The result is the same, to the byte, on every scheduler.
    cluster : mapping, optional
        dask-jobqueue options for ``slurm`` and ``pbs`` (``docs/cluster.md``).

    Returns
    -------
    FrameScores
        Integer ``counts`` (unit x frame), ``n_tokens``, ``docvars``,
        ``weighted`` (sums of the weights of the patterns that matched),
        ``negated`` and ``meta`` (lexicon name, version and fingerprint,
        corpus fingerprint, options).

    Raises
    ------
    InvalidParameterError
        On an unknown unit or invalid options.
    InvalidParameterError
        ``n_jobs`` and ``scheduler`` both given, a bad scheduler, or more than one
        process asked for inside a daemonic process (a ``multiprocessing.Pool``
        worker may not start workers).

    See Also
    --------
    find_hits : the matches themselves.
    explain : the terms that fired in one unit.

    Notes
    -----
    Within a frame each token counts at most once: overlapping matches are
    resolved leftmost-longest, after dropping matches that overlap one of the
    frame's exclusions.  See ``docs/matching.md`` for every rule.

    Examples
    --------
    >>> lex = Lexicon.from_dict({"name": "toy", "frames": {
    ...     "sovereignty": {"patterns": ["sovereign*", "territorial integrity"]},
    ...     "resistance": {"patterns": ["resist*"],
    ...                    "exclusions": ["antimicrobial resistance"]}}})
    >>> s = score_frames(["Territorial integrity and sovereignty.",
    ...                   "We resist antimicrobial resistance."], lex)
    >>> s.counts
            sovereignty  resistance
    doc_id
    d0                2           0
    d1                0           1
    >>> s.n_tokens.tolist()
    [4, 4]
    """
    _check_options(negation_window, n_jobs, chunk_size)
    spec = _scheduler(n_jobs, scheduler)
    neg = tuple(negators) if negators is not None else None
    options = {"negation_window": negation_window, "negators": list(neg or DEFAULT_NEGATORS)}
    label = f"scoring {lexicon.name}" if progress else None
    if _is_tokens(corpus_or_tokens):
        if unit != "document":
            raise InvalidParameterError(
                "a Tokens object is scored as it is: tokenize the segmented corpus "
                "(corpus.segment('paragraphs')) and score it with unit='document'"
            )
        return _score_tokens(corpus_or_tokens, lexicon, negation_window, neg, options)
    if is_partitions(corpus_or_tokens):
        in_worker = {"unit": unit, "negation_window": negation_window, "negators": neg,
                     "chunk_size": chunk_size}  # fmt: skip
        with open_executor(spec, cluster=cluster) as executor:
            return score_partitions(
                corpus_or_tokens, lexicon, score_frames, executor=executor, options=in_worker,
                label=label,
            )  # fmt: skip
    corp = as_corpus(corpus_or_tokens, unit)
    with open_executor(spec, cluster=cluster) as executor:
        counts, weighted, negated, n_tokens = count_texts(
            _texts(corp, hash_them=corp is corpus_or_tokens), len(corp), lexicon, neg,
            negation_window, executor=executor, chunk_size=chunk_size, label=label,
        )  # fmt: skip
    index = pd.Index(corp.doc_ids, name="doc_id")
    return FrameScores(
        counts=_frames(counts, index, lexicon),
        n_tokens=pd.Series(n_tokens, index=index, name="n_tokens"),
        docvars=_docvars(corp.docvars, index),
        unit=unit,
        weighted=_frames(weighted, index, lexicon),
        negated=_frames(negated, index, lexicon),
        meta=_meta(lexicon, corpus_or_tokens, unit, "text", **options),
    )


def _texts(corp: Corpus, *, hash_them: bool) -> Any:
    """The texts: a list in memory, or a stream hashed as it passes (fingerprint, no re-read)."""
    return corp.texts if not corp.is_lazy else corp.iter_texts(fingerprint=hash_them)


def _scheduler(n_jobs: int, scheduler: Any) -> Any:
    """The scheduler spec: ``scheduler``, or ``local:n_jobs`` (never both)."""
    if scheduler is not None and n_jobs != 1:
        raise InvalidParameterError(
            f"give n_jobs or scheduler, not both (n_jobs={n_jobs}, scheduler={scheduler!r})"
        )
    return parse_scheduler(scheduler if scheduler is not None else n_jobs)


def _docvars(docvars: pd.DataFrame, index: pd.Index) -> pd.DataFrame:
    docvars = docvars.copy()
    docvars.index = index
    return docvars


def _check_recipe(tokens: Any, lexicon: Lexicon) -> None:
    recipe = getattr(tokens, "recipe", None)
    if lexicon.case_sensitive and getattr(recipe, "lowercase", False):
        raise InvalidParameterError(
            f"lexicon {lexicon.name!r} is case-sensitive but these Tokens were lower-cased; "
            "tokenize with Recipe(lowercase=False) or score the raw corpus"
        )


def _score_tokens(
    tokens: Any,
    lexicon: Lexicon,
    negation_window: int | None,
    negators: tuple[str, ...] | None,
    options: dict,
) -> FrameScores:
    _check_recipe(tokens, lexicon)
    matcher = VocabMatcher(lexicon, tokens.vocab, negators)
    offsets = np.asarray(tokens.offsets, dtype=np.int64)
    counts, weighted, negated = matcher.count(tokens.ids, offsets, negation_window=negation_window)
    index = pd.Index(list(tokens.docvars.index), name="doc_id")
    recipe = getattr(tokens, "recipe", None)
    recipe_data = recipe.to_dict() if hasattr(recipe, "to_dict") else None
    return FrameScores(
        counts=_frames(counts, index, lexicon),
        n_tokens=pd.Series(np.diff(offsets), index=index, name="n_tokens"),
        docvars=_docvars(tokens.docvars, index),
        unit="document",
        weighted=_frames(weighted, index, lexicon),
        negated=_frames(negated, index, lexicon),
        meta=_meta(lexicon, tokens, "document", "tokens", recipe=recipe_data, **options),
    )


# ------------------------------------------------------------------- hits
_HIT_COLUMNS = [
    "doc_id", "frame", "pattern", "match", "token_start", "token_end",
    "char_start", "char_end", "negated", "weight",
]  # fmt: skip


def _char_map(text: str, norm: str, case_sensitive: bool) -> np.ndarray | None:
    """Offsets in ``text`` of each offset of ``norm`` (its normalized form), if exact."""
    if len(norm) == len(text) and text.isascii():
        return None
    pieces = [normalize(ch, case_sensitive=case_sensitive) for ch in text]
    if "".join(pieces) != norm:
        return np.full(len(norm) + 1, -1, dtype=np.int64)
    mapping = np.repeat(np.arange(len(text)), [len(p) for p in pieces])
    return np.append(mapping, len(text)).astype(np.int64)


def _tokenize_chunk(texts: list[str], case_sensitive: bool):
    vocab: dict[str, int] = {}
    ids: list[int] = []
    offsets = [0]
    spans: list[tuple[int, int]] = []
    maps: list[np.ndarray | None] = []
    for text in texts:
        norm = normalize(text, case_sensitive=case_sensitive)
        for m in TOKEN_RE.finditer(norm):
            ids.append(vocab.setdefault(m.group(), len(vocab)))
            spans.append(m.span())
        offsets.append(len(ids))
        maps.append(_char_map(text, norm, case_sensitive))
    return list(vocab), np.array(ids, dtype=np.int64), np.array(offsets), spans, maps


def _hit_rows(
    hits: dict[str, np.ndarray],
    lexicon: Lexicon,
    vocab: Sequence[str],
    ids: np.ndarray,
    offsets: np.ndarray,
    doc_ids: Sequence[str],
    weights: np.ndarray,
) -> dict[str, list]:
    rows: dict[str, list] = {c: [] for c in _HIT_COLUMNS}
    frames = lexicon.frames
    for d, f, p, s, k, n, w in zip(
        hits["doc"].tolist(), hits["frame"].tolist(), hits["pattern"].tolist(),
        hits["start"].tolist(), hits["length"].tolist(), hits["negated"].tolist(),
        weights.tolist(), strict=True,
    ):  # fmt: skip
        rows["doc_id"].append(doc_ids[d])
        rows["frame"].append(frames[f].name)
        rows["pattern"].append(frames[f].patterns[p].text)
        rows["match"].append(" ".join(vocab[i] for i in ids[s : s + k].tolist()))
        rows["token_start"].append(s - int(offsets[d]))
        rows["token_end"].append(s + k - int(offsets[d]))
        rows["negated"].append(bool(n))
        rows["weight"].append(w)
    return rows


def find_hits(
    corpus_or_tokens: Corpus | Any | Sequence[str],
    lexicon: Lexicon,
    *,
    unit: str = "document",
    negation_window: int | None = None,
    negators: Sequence[str] | None = None,
    chunk_size: int = _DEFAULT_CHUNK,
    scheduler: str | Any | None = None,
    cluster: Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """Every match that counts, one row per hit.

    Parameters
    ----------
    corpus_or_tokens, lexicon, unit, negation_window, negators, chunk_size
        As in :func:`score_frames`.
    scheduler, cluster
        As in :func:`score_frames`: where the chunks are matched; the table is the
        same on every scheduler.

    Returns
    -------
    DataFrame
        Columns ``doc_id`` (the unit), ``frame``, ``pattern`` (as written in
        the lexicon), ``match`` (the matched tokens, normalized, joined by
        spaces), ``token_start`` and ``token_end`` (token positions in the
        unit, end exclusive), ``char_start`` and ``char_end`` (offsets in the
        unit's original text; missing for Tokens input and for the rare text
        whose normalization cannot be mapped back character by character),
        ``negated`` and ``weight``.  Rows follow corpus order, then frame
        order, then position.  The non-negated rows of a unit and frame
        number exactly ``score_frames(...).counts``.

    Examples
    --------
    >>> lex = Lexicon.from_terms("toy", {"sovereignty": ["sovereign*", "territorial integrity"]})
    >>> hits = find_hits(["Its territorial\\nintegrity is sovereign."], lex)
    >>> hits[["frame", "match", "token_start", "char_start", "char_end"]]
             frame                  match  token_start  char_start  char_end
    0  sovereignty  territorial integrity            1           4        25
    1  sovereignty              sovereign            4          29        38
    """
    _check_options(negation_window, 1, chunk_size)
    neg = tuple(negators) if negators is not None else None
    if _is_tokens(corpus_or_tokens):
        if unit != "document":
            raise InvalidParameterError("a Tokens object is scored as it is; use unit='document'")
        return _token_hits(corpus_or_tokens, lexicon, negation_window, neg)
    corp = as_corpus(corpus_or_tokens, unit)
    texts, ids = chunks(corp.iter_texts(), chunk_size), chunks(corp.doc_ids, chunk_size)
    items = zip(texts, ids, strict=True)
    with open_executor(parse_scheduler(scheduler), cluster=cluster) as executor:
        tables = list(executor.map(_HitsChunk(lexicon, neg, negation_window), items))
    return _hit_table(tables)


class _HitsChunk:
    """The hit table of one chunk of (texts, doc_ids): a picklable chunk function."""

    def __init__(self, lexicon: Lexicon, negators: Any, negation_window: int | None) -> None:
        self.lexicon, self.negators, self.window = lexicon, negators, negation_window

    def __call__(self, item: tuple[list[str], list[str]]) -> pd.DataFrame:
        texts, doc_ids = item
        lexicon = self.lexicon
        vocab, ids, offsets, spans, maps = _tokenize_chunk(texts, lexicon.case_sensitive)
        matcher = VocabMatcher(lexicon, vocab, self.negators)
        hits = matcher.match(ids, offsets, negation_window=self.window)
        weights = matcher._weight_flat[matcher._weight_off[hits["frame"]] + hits["pattern"]]
        rows = _hit_rows(hits, lexicon, vocab, ids, offsets, doc_ids, weights)
        rows["char_start"], rows["char_end"] = _char_spans(hits, spans, maps)
        return pd.DataFrame(rows, columns=_HIT_COLUMNS)


def _char_spans(hits: dict[str, np.ndarray], spans: list, maps: list) -> tuple[list, list]:
    starts, ends = [], []
    for d, s, k in zip(hits["doc"].tolist(), hits["start"].tolist(), hits["length"].tolist(),
                       strict=True):  # fmt: skip
        a, b = spans[s][0], spans[s + k - 1][1]
        mapping = maps[d]
        if mapping is not None:
            a, b = int(mapping[a]), int(mapping[b])
            a, b = (None, None) if a < 0 or b < 0 else (a, b)
        starts.append(a)
        ends.append(b)
    return starts, ends


def _hit_table(tables: list[pd.DataFrame]) -> pd.DataFrame:
    table = pd.concat(tables, ignore_index=True) if tables else pd.DataFrame(columns=_HIT_COLUMNS)
    types = {"token_start": "int64", "token_end": "int64", "char_start": "Int64",
             "char_end": "Int64", "negated": "bool", "weight": "float64"}  # fmt: skip
    return table.astype(types)


def _token_hits(
    tokens: Any, lexicon: Lexicon, negation_window: int | None, negators: Any
) -> pd.DataFrame:
    _check_recipe(tokens, lexicon)
    matcher = VocabMatcher(lexicon, tokens.vocab, negators)
    offsets = np.asarray(tokens.offsets, dtype=np.int64)
    ids = np.asarray(tokens.ids)
    hits = matcher.match(ids, offsets, negation_window=negation_window)
    weights = matcher._weight_flat[matcher._weight_off[hits["frame"]] + hits["pattern"]]
    doc_ids = list(tokens.docvars.index)
    rows = _hit_rows(hits, lexicon, tokens.vocab, ids, offsets, doc_ids, weights)
    rows["char_start"] = rows["char_end"] = [None] * len(rows["doc_id"])
    return _hit_table([pd.DataFrame(rows, columns=_HIT_COLUMNS)])


def explain(
    source: pd.DataFrame | Corpus | Any | Sequence[str],
    doc_id: str,
    lexicon: Lexicon | None = None,
    **options: Any,
) -> pd.DataFrame:
    """The terms that fired in one unit, with how often each counted.

    Parameters
    ----------
    source : DataFrame, Corpus, corpus.Tokens or sequence of str
        A hit table from :func:`find_hits`, or what :func:`find_hits` takes
        (then ``lexicon`` is required and only ``doc_id`` is matched).
    doc_id : str
        The unit to explain.
    lexicon : Lexicon, optional
        Needed when ``source`` is not a hit table.
    **options
        Passed to :func:`find_hits` (``unit``, ``negation_window``, ...).

    Returns
    -------
    DataFrame
        Columns ``frame``, ``pattern``, ``match``, ``count`` (hits counted)
        and ``negated`` (hits counted apart), sorted by frame order then by
        count.  ``count`` summed per frame equals the unit's row of
        ``score_frames(...).counts``.

    Examples
    --------
    >>> lex = Lexicon.from_terms("toy", {"sovereignty": ["sovereign*", "territorial integrity"]})
    >>> explain(["Sovereignty, sovereign rights and territorial integrity."], "d0", lex)
             frame                pattern                  match  count  negated
    0  sovereignty             sovereign*            sovereignty      1        0
    1  sovereignty             sovereign*              sovereign      1        0
    2  sovereignty  territorial integrity  territorial integrity      1        0
    """
    if isinstance(source, FrameScores):
        raise InvalidParameterError(
            "FrameScores hold counts only: pass find_hits(corpus, lexicon) or the corpus "
            "and the lexicon to explain a unit"
        )
    if isinstance(source, pd.DataFrame):
        hits = source[source["doc_id"] == doc_id]
    else:
        if lexicon is None:
            raise InvalidParameterError(
                "explain needs the lexicon when given a corpus, not a hit table"
            )
        if _is_tokens(source):
            hits = find_hits(source, lexicon, **options)
            hits = hits[hits["doc_id"] == doc_id]
        else:
            unit_corpus = as_corpus(source, options.get("unit", "document"))
            one = unit_corpus.filter(lambda d: d.index == doc_id)
            if len(one) == 0:
                raise KeyError(f"no unit with doc_id {doc_id!r}")
            hits = find_hits(one, lexicon, **{**options, "unit": "document"})
    frame_order = {f: i for i, f in enumerate(dict.fromkeys(hits["frame"]))}
    if lexicon is not None:
        frame_order = {f: i for i, f in enumerate(lexicon.frame_names)}
    table = (
        hits.assign(count=~hits["negated"], neg=hits["negated"])
        .groupby(["frame", "pattern", "match"], sort=False)[["count", "neg"]]
        .sum()
        .reset_index()
        .rename(columns={"neg": "negated"})
    )
    table = table.astype({"count": "int64", "negated": "int64"})
    table["_f"] = table["frame"].map(frame_order)
    table = table.sort_values(["_f", "count"], ascending=[True, False], kind="stable")
    return table.drop(columns="_f").reset_index(drop=True)
