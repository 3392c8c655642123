"""Benchmark: scoring raw text with a trained frame model on one core (issue 14).

Reads about ``--mb`` MB of UNGDC speeches (the newest first) into memory, then times, in one
process pinned to one core, side by side and alternating:

* ``lexicon``: :func:`framing.score_frames` with the model's lexicon (the reference);
* ``model``: :meth:`framing.models.FrameModel.score` from raw text (tokenize, lexicon hits,
  n-grams, word vectors, logistic models), for ``--unit`` units.

Prints wall-time medians and MB/s, the median CPU time (robust to a shared machine's load),
and the model/lexicon time ratio measured in the same rounds.  Goal: at least 5 MB/s.

Usage (from the repository root)::

    python benchmarks/bench_models.py --model mideast --mb 25 --repeats 5
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from _common import DATA, cpu_model


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="mideast")
    parser.add_argument("--mb", type=float, default=25.0)
    parser.add_argument("--unit", default="paragraph")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    import corpus
    from framing.models import load_model
    from framing.score import score_frames

    speeches = corpus.read("ungdc", path=DATA / "ungdc" / "UNGDC_1946-2024_TXT.tar.gz")
    order = speeches.docvars.sort_values(["year", "country"], ascending=[False, True]).index
    sizes = {
        i: len(t.encode()) for i, t in zip(speeches.doc_ids, speeches.iter_texts(), strict=True)
    }
    keep, total = set(), 0
    for doc_id in order:
        if total >= args.mb * 1e6:
            break
        keep.add(doc_id)
        total += sizes[doc_id]
    corp = speeches.filter([i in keep for i in speeches.doc_ids]).materialize()
    mb = total / 1e6
    model = load_model(args.model)
    lexicon = model.space.lexicon
    runs: dict[str, list[tuple[float, float]]] = {"lexicon": [], "model": []}
    calls = {
        "lexicon": lambda: score_frames(corp, lexicon, unit=args.unit),
        "model": lambda: model.score(corp, unit=args.unit),
    }
    for _ in range(args.repeats):
        for name, call in calls.items():
            wall, cpu = time.perf_counter(), time.process_time()
            call()
            runs[name].append((time.perf_counter() - wall, time.process_time() - cpu))
    print(f"{args.model} {model.version}, {mb:.1f} MB of UNGDC, unit {args.unit}, "
          f"{args.repeats} rounds, CPU: {cpu_model()}\n")  # fmt: skip
    print("| measure | wall s (median) | MB/s (wall) | CPU s (median) | MB/s (CPU) |")
    print("|---|---|---|---|---|")
    for name, values in runs.items():
        wall = statistics.median(v[0] for v in values)
        cpu = statistics.median(v[1] for v in values)
        print(f"| {name} | {wall:.2f} | {mb / wall:.1f} | {cpu:.2f} | {mb / cpu:.1f} |")
    ratios = [m[1] / lx[1] for m, lx in zip(runs["model"], runs["lexicon"], strict=True)]
    print(f"\nmodel / lexicon CPU time, paired rounds: median {statistics.median(ratios):.2f}")


if __name__ == "__main__":
    main()
