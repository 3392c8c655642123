"""Benchmark: frame scoring against the usual alternatives, side by side (issue 3).

Draws a seeded sample of UNGDC speeches (about ``--mb`` MB of text) and
measures, in one run, the throughput (MB of raw text per second, median of
``--repeats``) of:

* ``naive loop``: one compiled regex per pattern, run over every document
  (the loop research code usually writes; on a smaller sub-sample);
* ``alternation regex``: one big ``\\b(?:p1|p2|...)\\b`` regex per frame;
* ``CountVectorizer n-grams``: scikit-learn, 1- to 3-grams (vectorizing only);
* ``bare lower+findall``: ``re.findall(r"\\w+", text.lower())``, no matching;
* ``Aho-Corasick raw``: pyahocorasick over lower-cased text, no word
  boundaries, no resolution (an upper bound for keyword search);
* ``ours, 1 core`` / ``ours, 2 workers``: :func:`framing.score_frames` on raw
  text (``n_jobs=1`` / ``2``);
* ``ours, from Tokens``: :func:`framing.score_frames` on cached default-recipe
  Tokens, as MB of the original text per second.

Then, as whole processes (start-up and imports included), the naive loop
against ``framing score`` over the same sample written to a temporary
folder outside the repository (deleted afterwards), and the peak memory of
``framing score`` over the whole UNGDC archive.

Usage (from the repository root)::

    python benchmarks/bench_score.py --lexicon bench --mb 25 --repeats 5
    python benchmarks/bench_score.py --lexicon mideast --mb 25 --repeats 5 --processes

``--lexicon bench`` is a realistic lexicon generated here (7 frames, ~370
patterns with globs and multi-word expressions, like the bundled ``mideast``).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from _common import ARCHIVE, cpu_model

BENCH_TERMS: dict[str, list[str]] = {
    "resistance": [
        "resist*", "resistance", "axis of resistance", "resistance movement*", "liberation",
        "liberat*", "struggle*", "freedom fighter*", "armed struggle", "intifada", "uprising*",
        "martyr*", "steadfast*", "sumud", "defiance", "defy*", "oppress*", "occupation",
        "occupying power*", "occupied territor*", "colonial*", "coloni?ation", "imperialis*",
        "self-determination", "national liberation", "popular resistance", "jihad*",
        "revolution*", "revolt*", "insurgen*", "guerrilla*", "fight* against", "rise up",
        "throw off", "yoke", "persecut*", "subjugat*", "domination", "dominat*", "usurp*",
        "zionis*", "apartheid", "racist regime*", "settler*", "expansionis*", "annex*",
        "emancipat*", "independence struggle", "heroic*", "sacrifice*", "bloodshed",
        "people's struggle", "just struggle", "legitimate struggle", "right to resist",
    ],
    "sovereignty": [
        "sovereign*", "sovereignty", "territorial integrity", "integrity", "territorial",
        "non-interference", "noninterference", "non-intervention", "internal affairs",
        "independence", "independent state*", "national unity", "unity of", "borders",
        "border*", "frontier*", "state sovereignty", "national sovereignty",
        "political independence", "self-rule", "autonomy", "autonom*", "homeland*",
        "nation-state*", "statehood", "jurisdiction*", "domestic affairs", "inviolab*",
        "sovereign equality", "sovereign rights", "sovereign state*", "national interest*",
        "national territory", "territor*", "partition*", "secession*", "separatis*",
        "dismember*", "self-government", "free will", "permanent sovereignty",
        "natural resources", "own affairs", "own destiny", "choose their own", "decolonization",
        "decoloni*", "nation*", "national identity", "patriot*", "countr?", "land",
    ],
    "foreign_interference": [
        "interfer*", "interference", "intervention", "intervene*", "meddl*", "foreign forces",
        "foreign troops", "foreign presence", "foreign power*", "foreign intervention",
        "foreign interference", "outside powers", "external forces", "external interference",
        "external pressure*", "great powers", "superpower*", "hegemon*", "hegemony",
        "neo-colonial*", "neocolonial*", "puppet*", "proxy", "proxies", "proxy war*",
        "military bases", "base*", "sanction*", "blockade*", "embargo*", "pressure*",
        "coercion", "coerc*", "dictat*", "imposed", "impose*", "imposition", "conspir*",
        "plot*", "destabili?*", "regime change", "covert*", "espionage", "spy*",
        "mercenar*", "arms sales", "arms supplies", "military aid", "occupying forces",
        "aggression", "aggressor*", "aggressive",
    ],
    "security_threat": [
        "terror*", "terrorism", "terrorist*", "extremis*", "extremist*", "radical*",
        "weapons of mass destruction", "mass destruction", "nuclear weapon*", "nuclear",
        "chemical weapon*", "biological weapon*", "missile*", "ballistic missile*", "threat*",
        "threaten*", "danger*", "menace", "attack*", "bomb*", "suicide bomb*", "explosi*",
        "armed group*", "militia*", "insurgent*", "violence", "violent*", "kill*", "assassin*",
        "hostage*", "hijack*", "arms race", "proliferation", "non-proliferation",
        "security", "insecurity", "instability", "unstable", "destabiliz*", "war*", "warfare",
        "conflict*", "hostilit*", "military", "militar*", "army", "armies", "troops", "invasion",
        "invad*", "cross-border", "infiltrat*", "smuggl*", "traffick*",
    ],
    "cooperation": [
        "cooperat*", "co-operat*", "cooperation", "collaborat*", "partner*", "partnership",
        "dialogue", "negotiat*", "diplomac*", "diplomatic", "agreement*", "accord*", "treat*",
        "alliance*", "allied", "allies", "friendship", "friendly", "good-neighbourl*",
        "good-neighborl*", "neighbourly relations", "mutual*",
        "mutual respect", "mutual benefit", "mutual interest*", "common interest*",
        "shared interest*", "work together", "working together", "joint*", "multilateral*",
        "bilateral*", "regional cooperation", "international cooperation", "solidarity",
        "consensus", "compromis*", "reconcil*", "rapprochement", "confidence-building",
        "peace process", "peace talks", "peaceful settlement",
        "peaceful solution*", "peaceful coexistence", "coexist*", "integration", "trade",
        "investment*", "exchange*", "assist*",
    ],
    "legitimacy": [
        "international law", "law", "laws", "lawful", "unlawful", "illegal*", "illegitima*",
        "legitima*", "legitimacy", "legal*", "charter", "united nations charter",
        "charter of the united nations", "un charter", "security council resolution*",
        "resolution*", "general assembly resolution*", "principles of the charter",
        "purposes and principles", "rule of law", "international legitimacy", "justice",
        "unjust*", "just", "rights", "right*", "human rights", "violation*", "violat*",
        "breach*", "comply", "complian*", "obligation*", "binding", "geneva convention*",
        "fourth geneva convention", "hague", "international court of justice",
        "international criminal court", "icj", "icc", "tribunal*", "accountab*", "impunity",
        "war crime*", "crimes against humanity", "genocide", "legal obligation*",
        "treaty obligation*", "norms", "international norms", "customary", "jus cogens",
    ],
    "humanitarian": [
        "humanitarian*", "humanitarian aid", "humanitarian assistance", "humanitarian crisis",
        "humanitarian situation", "refugee*", "displaced", "displacement",
        "internally displaced persons", "idps", "asylum*", "migrant*", "civilian*",
        "civilian population*", "casualt*", "wounded", "injured", "suffer*", "suffering",
        "famine*", "hunger", "starv*", "malnutrition", "malnourish*", "food insecurity",
        "relief", "aid", "aid workers", "aid convoy*", "medical", "hospital*", "health care",
        "healthcare", "disease*", "epidemic*", "cholera", "children", "women and children",
        "orphan*", "widow*", "homeless*", "shelter*", "camps", "refugee camp*", "unrwa",
        "unhcr", "red cross", "red crescent", "icrc", "tragedy", "tragic", "misery",
        "plight", "poverty",
    ],
}  # fmt: skip
BENCH_EXCLUSIONS = {
    "resistance": ["antimicrobial resistance", "drug resistance", "insulin resistance"],
    "humanitarian": ["aid memoire", "hearing aid"],
    "legitimacy": ["just as", "just now"],
}


def bench_lexicon() -> Any:
    from framing import Lexicon

    frames = {
        name: {"patterns": terms, "exclusions": BENCH_EXCLUSIONS.get(name, [])}
        for name, terms in BENCH_TERMS.items()
    }
    return Lexicon.from_dict({"name": "bench", "version": "1.0", "frames": frames})


def load_sample(mb: float, seed: int) -> tuple[list[str], list[str]]:
    """A seeded sample of whole speeches totalling about ``mb`` MB of text, in archive order."""
    with tarfile.open(ARCHIVE) as tar:
        members = [m for m in tar.getmembers() if m.isfile() and m.name.endswith(".txt")]
        order = np.random.default_rng(seed).permutation(len(members)).tolist()
        chosen, size = set(), 0
        for i in order:  # member sizes are bytes of UTF-8 text
            chosen.add(members[i].name)
            size += members[i].size
            if size >= mb * 1e6:
                break
    names, texts = [], []
    with tarfile.open(ARCHIVE) as tar:  # one sequential pass: no seeking in the gzip stream
        for member in tar:
            if member.name in chosen:
                names.append(Path(member.name).name)
                texts.append(tar.extractfile(member).read().decode("utf-8"))
    return names, texts


def megabytes(texts: list[str]) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


# -------------------------------------------------------------- baselines
def glob_to_regex(pattern: str) -> str:
    words = re.findall(r"[\w*?]+", pattern.lower())
    parts = [re.escape(w).replace(r"\*", r"\w*").replace(r"\?", r"\w") for w in words]
    return r"\b" + r"\W+".join(parts) + r"\b"


def naive_loop(texts: list[str], lexicon: Any) -> int:
    """One compiled regex per pattern over every document (summing all matches)."""
    compiled = [re.compile(glob_to_regex(p.text), re.IGNORECASE)
                for f in lexicon.frames for p in f.patterns]  # fmt: skip
    return sum(len(rx.findall(text)) for text in texts for rx in compiled)


def alternation(texts: list[str], lexicon: Any) -> int:
    compiled = [
        re.compile(r"\b(?:" + "|".join(glob_to_regex(p.text)[2:-2] for p in sorted(
            f.patterns, key=lambda p: -len(p.text))) + r")\b", re.IGNORECASE)
        for f in lexicon.frames
    ]  # fmt: skip
    return sum(len(rx.findall(text)) for text in texts for rx in compiled)


def count_vectorizer(texts: list[str], lexicon: Any) -> int:
    from sklearn.feature_extraction.text import CountVectorizer

    return int(CountVectorizer(ngram_range=(1, 3)).fit_transform(texts).sum())


def bare_findall(texts: list[str], lexicon: Any) -> int:
    word = re.compile(r"\w+")
    return sum(len(word.findall(t.lower())) for t in texts)


def aho_raw(texts: list[str], lexicon: Any) -> int:
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for f in lexicon.frames:
        for p in f.patterns:
            key = p.text.lower().replace("*", "").replace("?", "")
            automaton.add_word(key, key)
    automaton.make_automaton()
    return sum(1 for t in texts for _ in automaton.iter(t.lower()))


def ours(n_jobs: int):
    def run(texts: list[str], lexicon: Any) -> int:
        from framing import score_frames

        return int(score_frames(texts, lexicon, n_jobs=n_jobs).counts.to_numpy().sum())

    return run


def median_rate(func: Any, data: Any, lexicon: Any, mb: float, repeats: int) -> tuple[float, int]:
    times, result = [], 0
    for _ in range(repeats):
        start = time.perf_counter()
        result = func(data, lexicon)
        times.append(time.perf_counter() - start)
    return mb / statistics.median(times), result


def load_lexicon_arg(name: str) -> Any:
    if name == "bench":
        return bench_lexicon()
    from framing import load_lexicon

    return load_lexicon(name)


def in_process(args: argparse.Namespace, texts: list[str], lexicon: Any) -> list[tuple]:
    from corpus import Corpus, tokenize

    mb = megabytes(texts)
    small = texts[: max(1, int(len(texts) * args.naive_mb / mb))]
    rows = []
    cases = [
        ("naive loop (regex per pattern)", naive_loop, small, 1),
        ("alternation regex per frame", alternation, small, 1),
        ("CountVectorizer 1-3-grams", count_vectorizer, small, 1),
        ("bare lower + findall", bare_findall, texts, args.repeats),
        ("Aho-Corasick raw (no rules)", aho_raw, texts, args.repeats),
        ("ours, 1 core", ours(1), texts, args.repeats),
        ("ours, 2 workers", ours(2), texts, args.repeats),
    ]
    for label, func, data, repeats in cases:
        rate, result = median_rate(func, data, lexicon, megabytes(data), repeats)
        rows.append((label, megabytes(data), repeats, rate, result))
        print(f"{label:34s} {rows[-1][1]:7.1f} MB  {rate:8.2f} MB/s  ({result} hits)",
              file=sys.stderr, flush=True)  # fmt: skip
    tokens = tokenize(Corpus.from_texts(texts), progress=False)
    rate, result = median_rate(ours(1), tokens, lexicon, mb, args.repeats)
    rows.append(("ours, from Tokens", mb, args.repeats, rate, result))
    print(f"ours, from Tokens: {rate:.1f} MB/s", file=sys.stderr)
    return rows


def naive_process_main(folder: str, lexicon_file: str) -> None:
    """The naive loop as a whole program: read files, one regex per pattern, write CSV."""
    import yaml

    data = yaml.safe_load(Path(lexicon_file).read_text(encoding="utf-8"))
    compiled = [(frame, re.compile(glob_to_regex(p if isinstance(p, str) else p["pattern"]),
                                   re.IGNORECASE))
                for frame, spec in data["frames"].items() for p in spec["patterns"]]  # fmt: skip
    frames = list(data["frames"])
    with open(Path(folder) / "naive.csv", "w", encoding="utf-8") as out:
        out.write("doc_id," + ",".join(frames) + "\n")
        for path in sorted(Path(folder).glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            counts = dict.fromkeys(frames, 0)
            for frame, rx in compiled:
                counts[frame] += len(rx.findall(text))
            out.write(path.stem + "," + ",".join(str(counts[f]) for f in frames) + "\n")


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


# A fresh wrapper process, so that the peak is the command's own and not that of
# a child forked earlier from this (large) benchmark process.
PEAK = (
    "import resource, subprocess, sys; "
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def peak_kb(cmd: list[str]) -> int:
    """Peak resident memory (KB) of ``cmd`` and the processes it waited for."""
    out = subprocess.run([sys.executable, "-c", PEAK, *cmd], check=True,
                         capture_output=True, text=True)  # fmt: skip
    return int(out.stdout)


def processes(args: argparse.Namespace, names: list[str], texts: list[str], lexicon: Any) -> dict:
    import yaml

    framing_cmd = str(Path(sys.executable).with_name("framing"))
    tmp = Path(tempfile.mkdtemp(prefix="bench_score_"))
    try:
        for name, text in zip(names, texts, strict=True):
            (tmp / name).write_text(text, encoding="utf-8")
        lexfile = tmp / "lexicon.yaml"
        lexfile.write_text(yaml.safe_dump(lexicon.to_dict(), sort_keys=False), encoding="utf-8")
        whole = [framing_cmd, "score", "ungdc", "--path", str(ARCHIVE), "--lexicon",
                 str(lexfile), "--out", str(tmp / "all.parquet"), "--quiet"]  # fmt: skip
        whole_time, whole_kb = timed(whole), peak_kb(whole)
        ours_cmd = [framing_cmd, "score", str(tmp), "--lexicon", str(lexfile),
                    "--out", str(tmp / "ours.parquet"), "--quiet"]  # fmt: skip
        ours_times = [timed(ours_cmd) for _ in range(args.repeats)]
        ours2_times = [timed([*ours_cmd, "--jobs", "2"]) for _ in range(args.repeats)]
        naive_cmd = [sys.executable, __file__, "--naive-process", str(tmp), str(lexfile)]
        naive_time = timed(naive_cmd)
    finally:
        shutil.rmtree(tmp)
    return {"ours_s": statistics.median(ours_times), "naive_s": naive_time,
            "ours2_s": statistics.median(ours2_times),
            "whole_s": whole_time, "whole_peak_mb": whole_kb / 1024}  # fmt: skip


def tokens_all(args: argparse.Namespace, lexicon: Any) -> None:
    """Score all of UNGDC from cached default-recipe Tokens (the 'revised lexicon' loop)."""
    from corpus import read, tokenize

    tokens = tokenize(read("ungdc", path=ARCHIVE), cache_dir=args.tokens_cache, progress=False)
    with tarfile.open(ARCHIVE) as tar:
        mb = sum(m.size for m in tar if m.isfile() and m.name.endswith(".txt")) / 1e6
    rate, hits = median_rate(ours(1), tokens, lexicon, mb, args.repeats)
    print(
        f"\nall of UNGDC from cached Tokens ({tokens.ids.size:,} tokens): "
        f"{mb / rate:.2f} s, {rate:.0f} MB/s of text (median of {args.repeats}; {hits:,} hits)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lexicon", default="bench", help="bench, mideast, or a lexicon file")
    parser.add_argument("--mb", type=float, default=25.0, help="sample size in MB of text")
    parser.add_argument("--naive-mb", type=float, default=2.0,
                        help="sub-sample for the three slow baselines")  # fmt: skip
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--processes",
        action="store_true",
        help="also time whole processes and peak memory on all of UNGDC",
    )
    parser.add_argument("--tokens-cache", metavar="DIR",
                        help="also score all of UNGDC from Tokens cached in DIR")  # fmt: skip
    parser.add_argument("--naive-process", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.naive_process:
        naive_process_main(*args.naive_process)
        return
    lexicon = load_lexicon_arg(args.lexicon)
    if args.tokens_cache:
        tokens_all(args, lexicon)
    names, texts = load_sample(args.mb, args.seed)
    n_patterns = sum(len(f.patterns) for f in lexicon.frames)
    print(f"machine: {os.cpu_count()} cores, {cpu_model()}; python {platform.python_version()}")
    print(
        f"sample: {len(texts)} speeches, {megabytes(texts):.1f} MB, seed {args.seed}; "
        f"lexicon {lexicon.name} ({len(lexicon.frames)} frames, {n_patterns} patterns)\n"
    )
    rows = in_process(args, texts, lexicon)
    base = next(r[3] for r in rows if r[0].startswith("bare"))
    print("| method | MB | runs | MB/s (median) | vs bare findall |")
    print("|---|---:|---:|---:|---:|")
    for label, mb, runs, rate, _ in rows:
        print(f"| {label} | {mb:.1f} | {runs} | {rate:.2f} | {rate / base:.2f}x |")
    if args.processes:
        res = processes(args, names, texts, lexicon)
        print(
            f"\nwhole processes over {megabytes(texts):.1f} MB: "
            f"naive loop {res['naive_s']:.1f} s, "
            f"framing score {res['ours_s']:.2f} s (median of {args.repeats}): "
            f"{res['naive_s'] / res['ours_s']:.0f}x; with --jobs 2 {res['ours2_s']:.2f} s: "
            f"{res['naive_s'] / res['ours2_s']:.0f}x"
        )
        print(
            f"framing score over all of UNGDC (archive): {res['whole_s']:.1f} s, "
            f"peak RSS {res['whole_peak_mb']:.0f} MB"
        )


if __name__ == "__main__":
    main()
