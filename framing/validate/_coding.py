"""The human-coding workflow: draw a coding sample, and find the terms that err.

``sample_for_coding`` draws a stratified, seeded sample of units and returns a
coding sheet (one row per unit and coder, empty 0/1 columns per frame) that
:func:`framing.read_codes` reads back once coded.  ``term_diagnostics`` shows,
per lexicon pattern, how precise it is on the coded units and how F1 changes
when it is left out, so that a lexicon can be pruned with evidence.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from framing._errors import InvalidParameterError
from framing.lexicon import Frame, Lexicon

if TYPE_CHECKING:
    from corpus import Corpus
    from framing.models import FrameModel

#: Sampling strategies of :func:`sample_for_coding`.
STRATEGIES = ("stratified", "random", "uncertainty", "disagreement")

__all__ = ["allocate", "highlight", "sample_for_coding", "term_diagnostics", "write_sheet"]


def allocate(sizes: Sequence[int], n: int) -> list[int]:
    """Split ``n`` draws over strata as evenly as their sizes allow.

    Each stratum gets an equal share, capped at its size; what a small stratum
    cannot take goes to the others (ties go to the earlier stratum).

    Examples
    --------
    >>> allocate([100, 3, 50], 30)
    [14, 3, 13]
    >>> allocate([1, 3, 2], 5)
    [1, 2, 2]
    """
    sizes = list(sizes)
    if n > sum(sizes):
        raise InvalidParameterError(f"cannot draw {n} units from {sum(sizes)}")
    take = [0] * len(sizes)
    for _ in range(n):  # water-filling: one draw at a time to the emptiest open stratum
        i = min((t, i) for i, (t, s) in enumerate(zip(take, sizes, strict=True)) if t < s)[1]
        take[i] += 1
    return take


def highlight(text: str, hits: pd.DataFrame) -> str:
    """Mark hits in a text as ``[[match]]{frame}`` using their character offsets.

    Examples
    --------
    >>> hits = pd.DataFrame({"char_start": [4], "char_end": [9], "frame": ["war"]})
    >>> highlight("The siege ended.", hits)
    'The [[siege]]{war} ended.'
    """
    spans = hits.dropna(subset=["char_start", "char_end"]).sort_values("char_start")
    out, pos = [], 0
    for (start, end), group in spans.groupby(["char_start", "char_end"], sort=True)["frame"]:
        start, end = int(start), int(end)
        if start < pos:  # overlapping hits of several frames: mark the first span only
            continue
        frames = ",".join(sorted(set(group)))
        out += [text[pos:start], f"[[{text[start:end]}]]{{{frames}}}"]
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _strata(units: Any, scores: Any, by: Sequence[str]) -> pd.Series:
    parts = []
    for name in by:
        if name == "frame":
            counts = scores.counts
            top = counts.idxmax(axis=1).where(counts.max(axis=1) > 0, "none")
            parts.append(top.astype(str))
        else:
            parts.append(units.field(name).astype(str))
    if not parts:
        return pd.Series("all", index=scores.counts.index)
    key = parts[0]
    for part in parts[1:]:
        key = key + "|" + part
    return key


def _priority(strategy: str, model: Any, units: Any, scores: Any, lexicon: Lexicon) -> np.ndarray:
    """Lower draws first: distance to the nearest threshold, or minus disagreements."""
    if tuple(model.frames) != tuple(lexicon.frame_names):
        raise InvalidParameterError(
            f"the model's frames {list(model.frames)} differ from the lexicon's "
            f"{list(lexicon.frame_names)}"
        )
    proba = model.predict_proba(units).to_numpy()
    if strategy == "uncertainty":
        return np.abs(proba - model.thresholds).min(axis=1)
    decided = proba >= model.thresholds
    hits = scores.counts.to_numpy() > 0
    return -(decided != hits).sum(axis=1).astype(np.float64)


def sample_for_coding(
    corpus: Corpus | Sequence[str],
    lexicon: Lexicon,
    *,
    n: int,
    seed: int,
    strata: Sequence[str] = ("frame",),
    unit: str = "document",
    coders: Sequence[str] = ("coder1", "coder2"),
    highlight_hits: bool = True,
    strategy: str = "stratified",
    model: FrameModel | None = None,
    exclude: Sequence[str] = (),
) -> pd.DataFrame:
    """Draw a coding sample and lay it out as a coding sheet.

    Four strategies: ``"random"`` and ``"stratified"`` give samples that
    estimate figures for the corpus (use them for test samples);
    ``"uncertainty"`` and ``"disagreement"`` pick the units that teach a model
    most (active coding: use them for training data only, never to evaluate).

    Parameters
    ----------
    corpus : corpus.Corpus
        The documents.
    lexicon : Lexicon
        Its scores define the ``frame`` stratum (the frame with most hits in
        a unit, or ``none``) and the highlighted hits.
    n : int
        Units to draw.
    seed : int
        Seed of the draw; the same seed redraws the same sample.
    strata : sequence of str, default=("frame",)
        ``"frame"`` and/or docvar names; strata are crossed, and draws are
        spread as evenly as stratum sizes allow (see :func:`allocate`), so rare
        frames and units without hits are both represented.
    unit : {"document", "paragraph", "sentence"}, default="document"
        What a coder reads.
    coders : sequence of str, default=("coder1", "coder2")
        One sheet row per unit and coder.
    highlight_hits : bool, default=True
        Add a ``highlighted`` column with hits marked ``[[match]]{frame}``.
        Leave it out (False) for blind coding.
    strategy : {"stratified", "random", "uncertainty", "disagreement"}, default="stratified"
        ``stratified``: spread over ``strata`` (above); ``random``: uniform;
        ``uncertainty``: the units whose probability lies nearest a frame's
        threshold under ``model`` (least confident first); ``disagreement``:
        units where ``model`` and the lexicon disagree on most frames, drawn
        at random within equal numbers of disagreeing frames, most first.
    model : FrameModel, optional
        Required by ``uncertainty`` and ``disagreement``.
    exclude : sequence of str, default=()
        Unit ids never drawn (units already coded).

    Returns
    -------
    DataFrame
        ``doc_id``, ``coder``, ``stratum``, the unit's docvars, ``text``,
        ``highlighted``, then one empty column per frame for the 0/1 codes.
        ``attrs`` record the seed, strata and allocation.

    Examples
    --------
    >>> from corpus import Corpus
    >>> lex = Lexicon.from_terms("toy", {"war": ["siege", "attack*"]})
    >>> c = Corpus.from_texts(["The siege.", "Peace talks.", "Attacks resumed.", "Rain."])
    >>> sheet = sample_for_coding(c, lex, n=2, seed=1, coders=["ann"])
    >>> sheet[["doc_id", "coder", "stratum", "war"]].to_dict("records")
    [{'doc_id': 'd1', 'coder': 'ann', 'stratum': 'none', 'war': ''}, \
{'doc_id': 'd2', 'coder': 'ann', 'stratum': 'war', 'war': ''}]
    """
    from framing.score import as_corpus, find_hits, score_frames

    if strategy not in STRATEGIES:
        raise InvalidParameterError(f"strategy must be one of {STRATEGIES}, got {strategy!r}")
    if strategy in ("uncertainty", "disagreement") and model is None:
        raise InvalidParameterError(f"strategy={strategy!r} needs a trained model (model=...)")
    units = as_corpus(corpus, unit)
    scores = score_frames(units, lexicon)
    allowed = ~np.isin(np.asarray(units.doc_ids, dtype=object), list(exclude))
    if n > int(allowed.sum()):
        raise InvalidParameterError(f"n={n} but only {int(allowed.sum())} units can be drawn")
    rng = np.random.default_rng(seed)
    if strategy in ("stratified", "random"):
        key = _strata(units, scores, strata if strategy == "stratified" else ())
        key = key.where(allowed, "__excluded__")
        levels = sorted(k for k in key.unique() if k != "__excluded__")
        sizes = [int((key == level).sum()) for level in levels]
        take = allocate(sizes, n)
        chosen: list[int] = []
        for level, k in zip(levels, take, strict=True):
            members = np.flatnonzero((key == level).to_numpy())
            chosen += rng.choice(members, size=k, replace=False).tolist()
    else:
        priority = _priority(strategy, model, units, scores, lexicon)
        key = pd.Series(strategy, index=scores.counts.index)
        levels, take = [strategy], [n]
        noise = rng.random(len(priority))
        order = np.lexsort((noise, priority))
        chosen = [int(i) for i in order if allowed[i]][:n]
    chosen.sort()
    ids = [units.doc_ids[i] for i in chosen]
    sample = units.filter(np.isin(np.arange(len(units)), chosen)).materialize()
    base = sample.docvars.reset_index()
    base.insert(1, "stratum", key.loc[ids].to_numpy())
    base["text"] = sample.texts
    if highlight_hits:
        hits = find_hits(sample, lexicon)
        base["highlighted"] = [
            highlight(t, hits[hits.doc_id == d]) for d, t in zip(ids, base["text"], strict=True)
        ]
    sheet = pd.concat([base.assign(coder=c) for c in coders], ignore_index=True)
    sheet = sheet.sort_values(["doc_id", "coder"], kind="stable").reset_index(drop=True)
    front = ["doc_id", "coder", "stratum"]
    sheet = sheet[front + [c for c in sheet.columns if c not in front]]
    for frame in lexicon.frame_names:
        sheet[frame] = ""
    sheet.attrs.update(
        {
            "seed": seed,
            "strata": list(strata) if strategy == "stratified" else [],
            "strategy": strategy,
            "unit": unit,
            "allocation": dict(zip(levels, take, strict=True)),
        }
    )
    return sheet


def write_sheet(sheet: pd.DataFrame, path: str | os.PathLike[str]) -> None:
    """Write a coding sheet as CSV or XLSX (by extension), atomically.

    Parameters
    ----------
    sheet : DataFrame
        From :func:`sample_for_coding`.
    path : path
        ``.csv`` or ``.xlsx``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "sheet.csv"
    >>> write_sheet(pd.DataFrame({"doc_id": ["a"], "coder": ["x"], "war": [""]}), path)
    >>> path.read_text()
    'doc_id,coder,war\\na,x,\\n'
    """
    from pathlib import Path

    from framing._provenance import atomic_path

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InvalidParameterError(f"{path}: a coding sheet is .csv or .xlsx")
    with atomic_path(path) as tmp:
        if suffix == ".csv":
            sheet.to_csv(tmp, index=False, lineterminator="\n")
        else:
            sheet.to_excel(tmp, index=False, engine="openpyxl")


def _without(lexicon: Lexicon, frame: str, pattern: str | None) -> Lexicon:
    spec = lexicon.frame(frame)
    kept = tuple(p for p in spec.patterns if p.text != pattern)
    if not kept:  # a frame needs a pattern; one that cannot occur stands in
        kept = ("zzzzzzzzzzzzzzzzqqqq",)
    frame_obj = Frame(frame, patterns=kept, exclusions=spec.exclusions)
    return Lexicon(name=lexicon.name, frames=(frame_obj,), case_sensitive=lexicon.case_sensitive)


def _f1(pred: np.ndarray, gold: np.ndarray) -> float:
    tp = float((pred & gold).sum())
    denominator = float(pred.sum() + gold.sum())
    return 2 * tp / denominator if denominator else float("nan")


def term_diagnostics(
    corpus: Corpus | Sequence[str],
    lexicon: Lexicon,
    gold: pd.DataFrame,
    *,
    threshold: int = 1,
    frames: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Per-pattern precision on coded units, and the change in F1 without it.

    Parameters
    ----------
    corpus : corpus.Corpus
        The coded units (ids as in ``gold``); other units are ignored.
    lexicon : Lexicon
        The lexicon under review.
    gold : DataFrame
        ``doc_id`` plus one 0/1 column per frame.
    threshold : int, default=1
        Presence threshold of a frame in a unit.
    frames : sequence of str, optional
        Frames to review; default the gold frames that the lexicon has.

    Returns
    -------
    DataFrame
        ``frame``, ``pattern``, ``hits``, ``units`` (coded units where the
        pattern fired), ``true_units`` (of those, gold positive),
        ``precision`` (true_units / units), ``f1`` (the frame's F1 with the
        whole lexicon), ``f1_without`` (rescored without the pattern, so
        overlaps are resolved anew) and ``delta_f1`` (f1_without - f1: a
        positive value means dropping the pattern helps).

    Examples
    --------
    >>> from corpus import Corpus
    >>> lex = Lexicon.from_terms("toy", {"war": ["siege", "battle*"]})
    >>> c = Corpus.from_texts(["A siege.", "Battles.", "Battle of ideas."], doc_ids=list("abc"))
    >>> gold = pd.DataFrame({"doc_id": list("abc"), "war": [1, 1, 0]})
    >>> d = term_diagnostics(c, lex, gold)
    >>> d[["pattern", "units", "precision", "delta_f1"]].round(3).to_dict("records")
    [{'pattern': 'siege', 'units': 1, 'precision': 1.0, 'delta_f1': -0.3}, \
{'pattern': 'battle*', 'units': 2, 'precision': 0.5, 'delta_f1': -0.133}]
    """
    from framing.score import find_hits, score_frames
    from framing.validate._evaluate import check_binary

    gold = gold.set_index("doc_id") if "doc_id" in gold.columns else gold
    names = [f for f in (frames or gold.columns) if f in lexicon.frame_names]
    if not names:
        raise InvalidParameterError("no gold frame is a frame of this lexicon")
    gold = check_binary(gold.reset_index(), names, "gold").set_index("doc_id")
    coded = corpus.filter(np.isin(np.asarray(corpus.doc_ids), gold.index.to_numpy()))
    hits = find_hits(coded, lexicon)
    hits = hits[~hits["negated"]]
    truth = gold.loc[list(coded.doc_ids)]
    rows = []
    for frame in names:
        g = truth[frame].to_numpy().astype(bool)
        full = score_frames(coded, _without(lexicon, frame, None)).counts[frame]
        base = _f1(full.to_numpy() >= threshold, g)
        fired = hits[hits.frame == frame]
        for pattern in lexicon.frame(frame).patterns:
            own = fired[fired.pattern == pattern.text]
            units = set(own.doc_id)
            true_units = int(truth.loc[sorted(units), frame].sum()) if units else 0
            counts = score_frames(coded, _without(lexicon, frame, pattern.text)).counts[frame]
            without = _f1(counts.to_numpy() >= threshold, g)
            rows.append(
                {
                    "frame": frame,
                    "pattern": pattern.text,
                    "hits": len(own),
                    "units": len(units),
                    "true_units": true_units,
                    "precision": true_units / len(units) if units else float("nan"),
                    "f1": base,
                    "f1_without": without,
                    "delta_f1": without - base,
                }
            )
    table = pd.DataFrame(rows)
    order = table["frame"].map({f: i for i, f in enumerate(names)})
    table = table.assign(_order=order).sort_values(
        ["_order", "delta_f1", "pattern"], kind="stable"
    )
    return table.drop(columns="_order").reset_index(drop=True)
