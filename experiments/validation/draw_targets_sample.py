"""Draw the blind-coding sample for target attribution and target-frame links.

Population: sentences (``corpus.split_sentences``) of FA-KES articles that
mention at least one target of the bundled ``syria_war`` list, and of UN
General Debate speeches that mention at least one target of the bundled
``mideast_actors`` list (mentions as found by the target lists at version
0.1.0).  Design: a simple random draw of ``N_PER_CORPUS`` mention-bearing
sentences per corpus (stratified by corpus), seed ``SEED``; units are then
shuffled together and numbered.  Each unit carries its previous two sentences
of the same document as context; UNGDC units also carry the speech's speaker
(name, post and country from ``Speakers_by_session.xlsx``).

Later samples are drawn by the same script with their own seed, size and unit-id
prefix, and ``--exclude`` names the ``units_key.csv`` files of every earlier sample so
that no sentence is drawn twice (the excluded sentences leave the population before the
draw).  The defaults reproduce ``targets-test-2026-12``.

Writes ``units.csv`` (unit_id, corpus, context, sentence) and
``units_key.csv`` (unit_id, corpus, doc_id, sentence_id) into OUT.

Usage::

    python experiments/validation/draw_targets_sample.py \
        --data ../shared/data --out CODING_FOLDER/targets-test-2026-12

Samples drawn so far (seed, units per corpus, prefix, excluded samples)::

    targets-test-2026-12   1717  90  t  -                        (lists 0.1.0)
    targets-dev-2026-12    1718  30  d  targets-test-2026-12     (lists 0.1.0)
      second draw          1720  25  e  targets-test-2026-12, the draw above
    targets-test-2026-12b  1719  80  u  targets-test-2026-12, targets-dev-2026-12
                                                                 (syria_war 0.2.0)
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np

SEED = 1717
N_PER_CORPUS = 90
CONTEXT_SENTENCES = 2


def _mentioning(texts: list[str], targets) -> set[int]:
    from framing.targets import find_mentions

    hits = find_mentions(texts, targets)
    return {int(d[1:]) for d in hits["doc_id"].unique()}


def _sentences(corp) -> list[tuple[str, int, list[str]]]:
    from corpus import split_sentences

    return [
        (doc.doc_id, i, sents)
        for doc in corp
        for sents in [split_sentences(doc.text)]
        for i in range(len(sents))
    ]


def _population(corp, targets) -> list[tuple[str, int, list[str]]]:
    rows = _sentences(corp)
    keep = _mentioning([r[2][r[1]] for r in rows], targets)
    return [rows[i] for i in sorted(keep)]


def _speakers(data: Path) -> dict[tuple[str, int], str]:
    from framing.targets import read_ungdc_speakers

    table = read_ungdc_speakers(data / "ungdc" / "Speakers_by_session.xlsx")
    return {
        (r.country, r.session): f"{r.source}, {r.post or 'delegate'} of {r.country_name}"
        for r in table.itertuples()
    }


def _draw(pop: list, rng: np.random.Generator, n: int, skip: set[tuple[str, int]]) -> list:
    """``n`` sentences at random from ``pop`` less the (doc_id, sentence_id) pairs in ``skip``."""
    pop = [r for r in pop if (r[0], r[1] + 1) not in skip]
    picks = rng.choice(len(pop), size=n, replace=False)
    return [pop[i] for i in picks.tolist()]


def _excluded(paths: list[Path]) -> set[tuple[str, int]]:
    """(doc_id, sentence_id) of every unit of the earlier samples' ``units_key.csv``."""
    out: set[tuple[str, int]] = set()
    for path in paths:
        with open(path, newline="", encoding="utf-8") as fh:
            out |= {(r["doc_id"], int(r["sentence_id"])) for r in csv.DictReader(fh)}
    return out


def _unit(corpus_name: str, row, header: str) -> dict[str, str]:
    doc_id, i, sents = row
    context = " ".join(sents[max(0, i - CONTEXT_SENTENCES) : i])
    if header:
        context = f"[{header}] {context}".strip()
    return {
        "corpus": corpus_name,
        "doc_id": doc_id,
        "sentence_id": str(i + 1),
        "context": context,
        "sentence": sents[i],
    }


def main() -> None:
    import corpus
    from framing.targets import load_targets

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--n-per-corpus", type=int, default=N_PER_CORPUS)
    parser.add_argument("--prefix", default="t", help="unit id prefix")
    parser.add_argument(
        "--exclude", type=Path, nargs="*", default=[], help="units_key.csv of earlier samples"
    )
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    skip = _excluded(args.exclude)
    n = args.n_per_corpus
    fakes = corpus.read(
        args.data / "news" / "fa-kes" / "FA-KES-Dataset.csv",
        text_col="article_content",
        meta_cols=["source"],
    )
    units = [
        _unit("fakes", r, "")
        for r in _draw(_population(fakes, load_targets("syria_war")), rng, n, skip)
    ]
    speakers = _speakers(args.data)
    ungdc = corpus.load_ungdc(args.data / "ungdc" / "UNGDC_1946-2024_TXT.tar.gz")
    meta = {d.doc_id: d.meta for d in ungdc}
    for r in _draw(_population(ungdc, load_targets("mideast_actors")), rng, n, skip):
        m = meta[r[0]]
        who = speakers.get((m["country"], int(m["session"])), m["country"])
        header = f"UN General Debate speech, session {m['session']} ({m['year']}); speaker: {who}"
        units.append(_unit("ungdc", r, header))
    order = rng.permutation(len(units)).tolist()
    units = [dict(units[j], unit_id=f"{args.prefix}{k + 1:03d}") for k, j in enumerate(order)]
    args.out.mkdir(parents=True, exist_ok=True)
    _write(args.out / "units.csv", units, ["unit_id", "corpus", "context", "sentence"])
    _write(args.out / "units_key.csv", units, ["unit_id", "corpus", "doc_id", "sentence_id"])


def _write(path: Path, rows: list[dict], columns: list[str]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    main()
