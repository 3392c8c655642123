"""Benchmark: lexicon loading, kwic and FrameCounter against score_frames (issue 3).

Measures, side by side in one run, on a seeded sample of UNGDC speeches
(about ``--mb`` MB of text) and the bundled ``--lexicon``:

* ``load_lexicon``: loading and validating the bundled lexicon (ms);
* ``read .dic``: reading the same lexicon exported to a LIWC ``.dic`` (ms);
* ``score_frames``: counts from raw text (MB/s), the reference;
* ``FrameCounter``: the scikit-learn transformer on the same texts (MB/s);
  it calls ``score_frames``, so the ratio shows the estimator's overhead;
* ``find_hits``: the hit table (MB/s);
* ``kwic``: the concordance, i.e. find_hits plus contexts and docvars (MB/s).

Medians of ``--repeats`` runs are printed as a Markdown table.

Usage (from the repository root)::

    python benchmarks/bench_kwic.py --mb 5 --repeats 5
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from _common import ARCHIVE, median_time


def sample_texts(path: Path, mb: float, seed: int) -> list[str]:
    import corpus

    speeches = corpus.read("ungdc", path=path)
    n = len(speeches)
    shuffled = speeches.sample(n, seed=seed)
    texts, size = [], 0
    for text in shuffled.iter_texts():
        texts.append(text)
        size += len(text.encode("utf-8"))
        if size >= mb * 1e6:
            break
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", nargs="?", default=str(ARCHIVE))
    parser.add_argument("--lexicon", default="mideast")
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()

    import framing
    from framing import FrameCounter, find_hits, kwic, load_lexicon, score_frames, write_lexicon

    lex = load_lexicon(args.lexicon)
    texts = sample_texts(Path(args.archive), args.mb, args.seed)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    rows = [("load_lexicon", median_time(lambda: load_lexicon(args.lexicon), args.repeats), "ms")]
    with tempfile.TemporaryDirectory() as folder:
        dic = write_lexicon(lex, Path(folder) / "lex.dic", lossy=True)
        read_dic = median_time(lambda: framing.read_lexicon(dic), args.repeats)
        rows.append(("read .dic", read_dic, "ms"))
    counter = FrameCounter(lexicon=lex).fit(texts)
    for name, fn in [
        ("score_frames", lambda: score_frames(texts, lex)),
        ("FrameCounter", lambda: counter.transform(texts)),
        ("find_hits", lambda: find_hits(texts, lex)),
        ("kwic", lambda: kwic(texts, lex)),
    ]:
        rows.append((name, median_time(fn, args.repeats), "MB/s"))
    base = next(t for n, t, _ in rows if n == "score_frames")
    print(
        f"{len(texts)} speeches, {mb:.1f} MB, lexicon {lex.name} {lex.version}, "
        f"median of {args.repeats}\n"
    )
    print("| what | median | throughput | time / score_frames |")
    print("|---|---|---|---|")
    for name, seconds, unit in rows:
        if unit == "ms":
            print(f"| {name} | {seconds * 1000:.1f} ms | | |")
        else:
            print(f"| {name} | {seconds:.2f} s | {mb / seconds:.1f} MB/s | {seconds / base:.2f} |")


if __name__ == "__main__":
    main()
