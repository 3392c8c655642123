"""Frames attached to target mentions, sentence by sentence, with their sources."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from framing._errors import InvalidParameterError
from framing.lexicon import Lexicon, load_lexicon
from framing.score import as_corpus, find_hits
from framing.targets._attribute import attribute_sentences, claim_at
from framing.targets._io import load_targets
from framing.targets._mentions import find_mentions
from framing.targets._scope import SCOPES, scope_mask
from framing.targets._types import TargetList
from framing.targets._words import UNATTRIBUTED

__all__ = ["LINK_COLUMNS", "NONE", "ROW_COLUMNS", "TargetFrames", "frame_targets", "link_rows"]

#: The frame of a mention without a frame hit.
NONE = "none"
#: Columns of :attr:`TargetFrames.rows`.
ROW_COLUMNS = ["doc_id", "sentence_id", "source", "target", "frame", "count"]
#: Columns of :attr:`TargetFrames.links`.
LINK_COLUMNS = ["doc_id", "sentence_id", "source", "rule", "target", "alias", "mention",
                "mention_start", "mention_end", "frame", "pattern", "hit", "hit_start",
                "hit_end"]  # fmt: skip
_Lookup = Callable[[str], Any]


def _lookup(corp: Any, value: Any, what: str) -> _Lookup:
    """doc_id -> value, from a docvar name, a mapping or None."""
    if value is None:
        return lambda _doc_id: None
    if isinstance(value, str):
        if value not in corp.docvars.columns:
            raise InvalidParameterError(
                f"{what} field {value!r} is not a docvar; docvars: {list(corp.docvars.columns)}"
            )
        column = corp.docvars[value]
        return lambda doc_id: None if pd.isna(column.at[doc_id]) else column.at[doc_id]
    if isinstance(value, Mapping | pd.Series):
        return lambda doc_id: value.get(doc_id)
    raise InvalidParameterError(f"{what} must be a docvar name, a mapping of doc_id, or None")


def _claims(sents: Any, speaker: _Lookup, self_names: _Lookup) -> dict[str, list]:
    """Claims per sentence id; each document's sentences are attributed in order."""
    ids, texts = list(sents.doc_ids), sents.texts
    parents = sents.docvars["parent_id"].tolist()
    out: dict[str, list] = {}
    start = 0
    while start < len(ids):
        stop = start
        while stop < len(ids) and parents[stop] == parents[start]:
            stop += 1
        doc = parents[start]
        who = speaker(doc)
        names = self_names(doc)
        names = [names] if isinstance(names, str) else list(names or [])
        claims = attribute_sentences(texts[start:stop], None if who is None else str(who), names)
        out.update(zip(ids[start:stop], claims, strict=True))
        start = stop
    return out


def _attach_sources(mentions: pd.DataFrame, claims: dict[str, list]) -> pd.DataFrame:
    sources, rules = [], []
    for unit, pos in zip(mentions["doc_id"].tolist(), mentions["char_start"].tolist(),
                         strict=True):  # fmt: skip
        claim = claim_at(claims.get(unit, ()), 0 if pd.isna(pos) else int(pos))
        sources.append(claim.source if claim else UNATTRIBUTED)
        rules.append(claim.rule if claim else "none")
    return mentions.assign(source=sources, rule=rules)


def _pairs(
    mentions: pd.DataFrame,
    hits: pd.DataFrame,
    window: int | None,
    name_hits: bool,
    scope: tuple[str, Mapping[str, str], Mapping[str, list]],
) -> pd.DataFrame:
    """Every (mention, linked hit) of a sentence; a mention without a hit gets frame none.

    ``scope`` is the scope's name, the sentences' texts and their claims.
    """
    m = mentions.reset_index(drop=True).assign(_m=lambda t: np.arange(len(t)))
    h = hits[["doc_id", "frame", "pattern", "match", "token_start", "token_end", "char_start",
              "char_end"]].rename(columns={"match": "hit", "token_start": "_hs",
                                           "token_end": "_he", "char_start": "hit_start",
                                           "char_end": "hit_end"})  # fmt: skip
    pairs = m.merge(h, on="doc_id", how="inner")
    gap = np.maximum(pairs["_hs"] - pairs["token_end"], pairs["token_start"] - pairs["_he"])
    keep = np.ones(len(pairs), dtype=bool) if window is None else (gap <= window).to_numpy()
    if not name_hits:
        keep = keep & (gap >= 0).to_numpy()
    if scope[0] == "clause":
        keep = keep & scope_mask(pairs, m, scope[1], scope[2])
    pairs = pairs[keep]
    bare = m[~m["_m"].isin(pairs["_m"])].assign(frame=NONE, pattern="", hit="")
    out = pd.concat([pairs, bare], ignore_index=True)
    return out.sort_values(["_m", "_hs"], kind="stable", na_position="first")


def _links_table(pairs: pd.DataFrame, sents: Any) -> pd.DataFrame:
    parent = sents.docvars["parent_id"].reindex(pairs["doc_id"]).to_numpy()
    number = sents.docvars["segment_no"].reindex(pairs["doc_id"]).to_numpy()
    out = pairs.rename(
        columns={"match": "mention", "char_start": "mention_start", "char_end": "mention_end"}
    ).assign(doc_id=parent, sentence_id=number)
    types = {"sentence_id": "int64", "mention_start": "Int64", "mention_end": "Int64",
             "hit_start": "Int64", "hit_end": "Int64"}  # fmt: skip
    return out[LINK_COLUMNS].astype(types).reset_index(drop=True)


def link_rows(links: pd.DataFrame) -> pd.DataFrame:
    """The rows ``doc_id, sentence_id, source, target, frame, count`` of a link table.

    A frame's count is the number of its distinct hits linked to the target's
    mentions by that source in that sentence.  Frame ``none`` appears only when
    none of those mentions has a linked hit; it counts the mentions.

    Examples
    --------
    >>> links = pd.DataFrame({"doc_id": ["d"] * 3, "sentence_id": [1, 1, 2],
    ...     "source": ["X", "X", "Y"], "target": ["pmf"] * 3, "mention_start": [0, 0, 5],
    ...     "mention_end": [3, 3, 8], "frame": ["resistance", "sovereignty", "none"],
    ...     "pattern": ["resistance", "independen*", ""], "hit_start": [9, 30, None],
    ...     "hit_end": [19, 41, None]})
    >>> link_rows(links)
      doc_id  sentence_id source target        frame  count
    0      d            1      X    pmf   resistance      1
    1      d            1      X    pmf  sovereignty      1
    2      d            2      Y    pmf         none      1
    """
    keys = ["doc_id", "sentence_id", "source", "target"]
    framed = links[links["frame"] != NONE]
    hits = framed.drop_duplicates([*keys, "frame", "pattern", "hit_start", "hit_end"])
    counts = hits.groupby([*keys, "frame"], sort=False).size().rename("count").reset_index()
    bare = links[links["frame"] == NONE].drop_duplicates([*keys, "mention_start", "mention_end"])
    bare = bare.groupby(keys, sort=False).size().rename("count").reset_index()
    seen = pd.MultiIndex.from_frame(counts[keys])
    bare = bare[~pd.MultiIndex.from_frame(bare[keys]).isin(seen)].assign(frame=NONE)
    rows = pd.concat([counts, bare], ignore_index=True)[ROW_COLUMNS]
    order = {d: i for i, d in enumerate(pd.unique(links["doc_id"]))}
    rows = rows.assign(_d=rows["doc_id"].map(order), _none=rows["frame"] == NONE)
    rows = rows.sort_values(["_d", "sentence_id", "source", "target", "_none", "frame"],
                            kind="stable")  # fmt: skip
    return rows.drop(columns=["_d", "_none"]).reset_index(drop=True).astype({"count": "int64"})


@dataclass(frozen=True)
class TargetFrames:
    """Who frames whom in a corpus: the result of :func:`frame_targets`.

    Parameters
    ----------
    rows : DataFrame
        ``doc_id, sentence_id, source, target, frame, count`` (see :func:`link_rows`).
    links : DataFrame
        One row per (mention, linked frame hit), for KWIC and checks
        (:data:`LINK_COLUMNS`): the source and the rule that found it, the
        target, its alias and matched words with character offsets in the
        sentence, and the frame, pattern and matched words of the hit (frame
        ``none`` and no hit for a mention without one).
    docvars : DataFrame
        The documents' metadata (index ``doc_id``), for grouping.
    sentences : Series
        The text of every sentence with a mention (index: sentence unit id
        ``"{doc_id}:{sentence_id}"``).
    meta : dict
        Target list, lexicon (name, version, fingerprint) and options.

    Examples
    --------
    >>> from framing.targets import targets_from_dict
    >>> result = frame_targets(["Iran said Hezbollah is a resistance movement."],
    ...                        targets_from_dict({"hezbollah": ["hezbollah"]}), "mideast")
    >>> result.kwic()[["source", "target", "frame", "sentence"]].values.tolist()
    [['Iran', 'hezbollah', 'resistance', 'Iran said [[Hezbollah]] is a <<resistance>> movement.']]
    >>> result.shares(n_boot=0, seed=1)[["target", "frame", "occasions", "share"]]
          target       frame  occasions  share
    0  hezbollah  resistance          1    1.0
    """

    rows: pd.DataFrame
    links: pd.DataFrame
    docvars: pd.DataFrame
    sentences: pd.Series
    meta: dict[str, Any] = field(default_factory=dict)

    def shares(self, by: str | Sequence[str] = (), **options: Any) -> pd.DataFrame:
        """:func:`framing.targets.target_frame_shares` of these rows."""
        from framing.targets._summary import target_frame_shares

        return target_frame_shares(self.rows, self.docvars, by, **options)

    def aliases(self, by: str | Sequence[str] = (), **options: Any) -> pd.DataFrame:
        """:func:`framing.targets.alias_choice` of these mentions."""
        from framing.targets._summary import alias_choice

        return alias_choice(self.links, self.docvars, by, **options)

    def kwic(self) -> pd.DataFrame:
        """The links with their sentence, the mention in ``[[...]]`` and the hit in ``<<...>>``."""
        keys = self.links["doc_id"].astype(str) + ":" + self.links["sentence_id"].astype(str)
        texts = self.sentences.reindex(keys).tolist()
        marked = [_mark(t, r) for t, r in zip(texts, self.links.itertuples(), strict=True)]
        return self.links.assign(sentence=marked)


def _mark(text: str, row: Any) -> str:
    spans = [(row.mention_start, row.mention_end, "[[", "]]")]
    if not pd.isna(row.hit_start) and row.frame != NONE:
        spans.append((row.hit_start, row.hit_end, "<<", ">>"))
    if any(pd.isna(s) for s, *_ in spans):
        return text
    for start, end, left, right in sorted(spans, key=lambda s: -int(s[0])):
        if (start, end) != spans[0][:2] and start < spans[0][1] and end > spans[0][0]:
            continue  # the hit is (part of) the name itself: the mention's brackets show it
        text = f"{text[: int(start)]}{left}{text[int(start) : int(end)]}{right}{text[int(end) :]}"
    return text


def _check_options(window: int | None, scope: str) -> None:
    if window is not None and (isinstance(window, bool) or not isinstance(window, int)
                               or window < 0):  # fmt: skip
        raise InvalidParameterError(
            f"window must be a non-negative integer or None, got {window!r}"
        )
    if scope not in SCOPES:
        raise InvalidParameterError(f"scope must be one of {list(SCOPES)}, got {scope!r}")


def _meta(targets: TargetList, lexicon: Lexicon, **options: Any) -> dict[str, Any]:
    return {"targets": {"name": targets.name, "version": targets.version,
                        "fingerprint": targets.fingerprint},
            "lexicon": {"name": lexicon.name, "version": lexicon.version,
                        "fingerprint": lexicon.fingerprint}, **options}  # fmt: skip


def _check_model(model: Any, lexicon: Lexicon, window: int | None) -> Any:
    from framing.models import load_model

    model = model if hasattr(model, "decision_tokens") else load_model(model)
    if model.frames != lexicon.frame_names:
        raise InvalidParameterError(
            f"model {model.name!r} decides frames {list(model.frames)}, lexicon "
            f"{lexicon.name!r} has {list(lexicon.frame_names)}"
        )
    if window is not None:
        raise InvalidParameterError("window needs hit positions; a model decides whole sentences")
    return model


def _model_hits(sents: Any, model: Any) -> pd.DataFrame:
    """One pseudo-hit per (sentence, frame the model decides), without a position."""
    decided = model.predict(sents)
    doc, frame = np.nonzero(decided.to_numpy())
    n = len(doc)
    return pd.DataFrame({
        "doc_id": decided.index.to_numpy()[doc], "frame": np.asarray(model.frames)[frame],
        "pattern": f"model:{model.name}", "match": "", "token_start": np.zeros(n, np.int64),
        "token_end": np.zeros(n, np.int64), "char_start": pd.array([pd.NA] * n, "Int64"),
        "char_end": pd.array([pd.NA] * n, "Int64"),
    })  # fmt: skip


def frame_targets(
    source: Any,
    targets: str | os.PathLike[str] | TargetList,
    lexicon: str | os.PathLike[str] | Lexicon,
    *,
    window: int | None = None,
    name_hits: bool = True,
    scope: str = "clause",
    speaker: str | Mapping[str, str] | None = None,
    self_names: str | Mapping[str, Any] | None = None,
    model: Any = None,
) -> TargetFrames:
    """Frames attached to target mentions, sentence by sentence, attributed to sources.

    Each document is split into sentences (:func:`corpus.split_sentences`).  In
    every sentence each target mention (:func:`find_mentions`) is linked to the
    lexicon's frame hits of its clause (``scope``; within ``window`` tokens of
    the mention when set), and attributed to the source of the claim that
    covers it (:func:`attribute_sentences`).

    Parameters
    ----------
    source : Corpus or sequence of str
        The documents.
    targets : str, path or TargetList
        A bundled target list (``syria_war``, ``mideast_actors``) or a file.
    lexicon : str, path or Lexicon
        A bundled lexicon (``mideast``) or a lexicon file.
    window : int, optional
        Link only hits at most this many tokens away from the mention (0:
        adjacent or overlapping); default: the whole sentence.
    name_hits : bool, default=True
        Whether a hit inside the mention itself counts ("the Lebanese
        resistance" names Hezbollah *and* frames it as resistance; naming is
        framing).  False links only hits outside the name.
    scope : {"clause", "sentence"}, default="clause"
        ``"sentence"`` links every hit of a sentence to every target mentioned
        in it.  ``"clause"`` links no hit to a target named
        in the source phrase of reported speech ("*Russian* spokeswoman Maria
        Zakharova said ...") when the sentence names another target, and
        links a hit to the targets of its own clause (cut at ``;``, ``:``,
        "while", "whereas", "but", "although", "though"), or to all of them
        when its clause names none (:mod:`framing.targets._scope`).
    speaker : str or mapping, optional
        The document's speaker (speeches): a docvar name or ``{doc_id:
        label}``.  It is the source of every sentence without reported speech.
    self_names : str or mapping, optional
        Names of the speaker's own country (a docvar or ``{doc_id: name or
        [names]}``): a claim whose source contains one is the speaker's.
    model : str, path or FrameModel, optional
        A trained frame model (:func:`framing.models.load_model`) that decides
        each sentence's frames instead of the lexicon's hits; it must decide
        the lexicon's frames.  A decided frame links to every target of the
        sentence (the model has no positions: ``scope`` and ``name_hits`` do
        not apply and ``window`` must be unset); the link's pattern is
        ``model:<name>``.

    Returns
    -------
    TargetFrames
        ``rows`` (``doc_id, sentence_id, source, target, frame, count``),
        ``links`` (mention and hit for KWIC), ``docvars``, ``sentences``, ``meta``.
        No negation window is applied: every hit counts.

    Examples
    --------
    >>> from framing.targets import targets_from_dict
    >>> tl = targets_from_dict({"hezbollah": ["hezbollah"], "pmf": ["pmf"]})
    >>> text = ("Ali Larijani declared that Hezbollah and other resistance groups operate "
    ...         "independently. Western governments push Iraq to dismantle the PMF.")
    >>> frame_targets([text], tl, "mideast").rows
      doc_id  sentence_id               source     target       frame  count
    0     d0            1         Ali Larijani  hezbollah  resistance      1
    1     d0            2  Western governments        pmf        none      1
    """
    _check_options(window, scope)
    targets = load_targets(targets)
    lexicon = lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon)
    if model is not None:
        model = _check_model(model, lexicon, window)
        scope = "sentence"
    corp = as_corpus(source, "document", "frame_targets needs a Corpus or a list of texts")
    sents = corp.segment("sentences")
    mentions = find_mentions(sents, targets)
    hits = find_hits(sents, lexicon) if model is None else _model_hits(sents, model)
    claims = _claims(sents, _lookup(corp, speaker, "speaker"),
                     _lookup(corp, self_names, "self_names"))  # fmt: skip
    by_unit = dict(zip(sents.doc_ids, sents.texts, strict=True))
    pairs = _pairs(_attach_sources(mentions, claims), hits, window, name_hits,
                   (scope, by_unit, claims))  # fmt: skip
    links = _links_table(pairs, sents)
    with_mentions = pd.unique(mentions["doc_id"])
    texts = pd.Series(sents.texts, index=list(sents.doc_ids), dtype=object).reindex(with_mentions)
    meta = _meta(
        targets,
        lexicon,
        window=window,
        name_hits=name_hits,
        scope=scope,
        speaker=speaker if isinstance(speaker, str) or speaker is None else "mapping",
    )
    if model is not None:
        meta["model"] = {"name": model.name, "version": model.version,
                         "fingerprint": model.fingerprint}  # fmt: skip
    return TargetFrames(link_rows(links), links, corp.docvars, texts, meta)
