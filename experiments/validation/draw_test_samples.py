"""Draw the independent test samples of issue 13 and write the blind-coding requests.

Two samples, each drawn at random (seeded) from the population its lexicon's
datasheet validates, after the lexicons' last revision (mideast 0.4.0,
generic_news 0.3.3), stratified by lexicon-INDEPENDENT variables only (never by
lexicon hits), excluding the units of the earlier (development) samples:

* ``mideast-test-2026-12`` (seed 3006): eligible UNGDC paragraphs of
  1970-2024 speeches by Middle-East speakers and the P5.  Paragraphs are cut by
  :func:`corpus.split_paragraphs` in its default ``auto`` mode: one paragraph
  per line for one-paragraph-per-line speeches, rejoined paragraphs for
  hard-wrapped speeches (the ``lines`` and ``rewrapped`` segmentations of the
  earlier samples).  Eligible: 25+ words, not a salutation.  Strata: speaker
  group (Middle East, P5) x speech layout (lines, wrapped); 170 Middle-East and
  70 P5 units, split between layouts in proportion to the population (largest
  remainder); units drawn uniformly within strata.  Design weight of a unit =
  stratum population / stratum sample size.
* ``generic_news-test-2026-12`` (seed 3007): FA-KES pseudo-paragraphs (three
  consecutive sentences of one article, the unit of the generic_news
  datasheet), first row per ``unit_id``.  Strata: outlet, allocation
  proportional to the outlet's units (largest remainder), 200 units.

A unit already in an earlier sample is excluded: by id for FA-KES (same
segmentation), and for UNGDC by text (an earlier unit of any segmentation of the
same speech whose text contains, or is contained in, the candidate's text).

Outputs, per sample: ``<coding>/<id>/units.csv`` (unit_id,text, shuffled with
the seed), ``codebook.md`` (frame meaning, coding rule and example copied from
the datasheet; never the term lists), the empty ``READY`` file, and the design
file ``<design>/<id>.design.csv`` (unit_id, stratum, population, n, weight)
kept away from the coders.

Usage::

    python experiments/validation/draw_test_samples.py \
        --coding CODING_FOLDER --design framing/lexicon/data/validation
"""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

import corpus

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(os.environ.get("FRAMING_DATA", ROOT.parent / "shared" / "data"))
UNGDC = DATA / "ungdc" / "UNGDC_1946-2024_TXT.tar.gz"
FAKES = DATA / "news" / "fa-kes" / "FA-KES-Dataset.csv"

MIDEAST = (
    "ARE",
    "BHR",
    "EGY",
    "IRN",
    "IRQ",
    "ISR",
    "JOR",
    "KWT",
    "LBN",
    "OMN",
    "PSE",
    "QAT",
    "SAU",
    "SYR",
    "TUR",
    "YEM",
)
P5 = ("CHN", "FRA", "GBR", "RUS", "USA")
YEARS = (1970, 2024)
MIN_WORDS = 25
WRAPPED_MEDIAN_WORDS = 20
_SALUTATION = re.compile(
    r"^\W*(\d+\.\s*)?(mr\.?\s|madam|mister|your (excellenc|majest|highness)|"
    r"excellenc|distinguished|ladies and|bismillah|in the name of (god|allah)|thank you)",
    re.IGNORECASE,
)
_WORDS = re.compile(r"\w+")
_LINE = re.compile(r"\r?\n")
_BLANK = re.compile(r"\n[ \t]*\n")

MIDEAST_FRAMES = (
    "resistance",
    "sovereignty",
    "foreign_interference",
    "security_threat",
    "cooperation",
    "legitimacy",
    "humanitarian",
)
NEWS_FRAMES = ("conflict", "human_interest", "economic_consequences", "morality", "responsibility")

SAMPLES = {
    "mideast-test-2026-12": {"seed": 3006, "n": {"mideast": 170, "p5": 70}},
    "generic_news-test-2026-12": {"seed": 3007, "n": 200},
}


def eligible(text: str) -> bool:
    """25+ words and not a salutation (the rule of the earlier mideast samples)."""
    return len(_WORDS.findall(text)) >= MIN_WORDS and not _SALUTATION.match(text)


def layout(text: str) -> str:
    """``wrapped`` when the median non-blank line has fewer than 20 words."""
    lines = [ln for ln in _LINE.split(text) if ln.strip()]
    lengths = sorted(len(_WORDS.findall(ln)) for ln in lines)
    median = lengths[len(lengths) // 2] if lengths else 0
    return "wrapped" if median < WRAPPED_MEDIAN_WORDS else "lines"


def _old_splitters() -> dict:
    """The segmentations of the earlier samples (to recover their texts)."""

    def blocks(text: str) -> list[str]:
        pattern = _BLANK if _BLANK.search(text) else _LINE
        return [p.strip() for p in pattern.split(text) if p.strip()]

    return {
        "lines": lambda t: corpus.split_paragraphs(t, mode="lines"),
        "blocks": blocks,
        "rewrapped": lambda t: (
            corpus.split_paragraphs(t, mode="auto") if layout(t) == "wrapped" else []
        ),
    }


def allocate(sizes: pd.Series, total: int) -> pd.Series:
    """Proportional allocation, largest remainder (ties by name)."""
    exact = sizes / sizes.sum() * total
    base = np.floor(exact).astype(int)
    order = sorted(sizes.index, key=lambda k: (-(exact[k] - base[k]), k))
    for k in order[: total - int(base.sum())]:
        base[k] += 1
    return base


def _norm(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))


def mideast_units(old_sample: pd.DataFrame) -> pd.DataFrame:
    """Eligible paragraphs with stratum; units overlapping an earlier unit dropped."""
    speeches = corpus.read("ungdc", path=UNGDC)
    speeches = speeches.filter(
        lambda d: d.country.isin(MIDEAST + P5) & d.year.between(*YEARS)
    ).materialize()
    lay = {i: layout(t) for i, t in zip(speeches.doc_ids, speeches.texts, strict=True)}
    paras = speeches.segment("paragraphs").materialize()
    frame = pd.DataFrame(
        {
            "unit_id": list(paras.doc_ids),
            "text": list(paras.texts),
            "parent": paras.docvars["parent_id"].to_numpy(),
            "country": paras.docvars["country"].to_numpy(),
        }
    )
    frame = frame[[eligible(t) for t in frame["text"]]].reset_index(drop=True)
    old_texts = _earlier_texts(speeches, old_sample)
    clash = [
        any(a in b or b in a for b in old_texts.get(p, ()))
        for p, a in zip(frame["parent"], (_norm(t) for t in frame["text"]), strict=True)
    ]
    frame = frame[~np.array(clash, dtype=bool)].reset_index(drop=True)
    group = np.where(frame["country"].isin(P5), "p5", "mideast")
    frame["stratum"] = [f"{g}:{lay[p]}" for g, p in zip(group, frame["parent"], strict=True)]
    return frame, int(sum(clash))


def _earlier_texts(speeches, old_sample: pd.DataFrame) -> dict[str, list[str]]:
    """Normalised texts of the earlier sample's units, per speech id."""
    splitters = _old_splitters()
    texts = dict(zip(speeches.doc_ids, speeches.texts, strict=True))
    out: dict[str, list[str]] = {}
    for uid, seg in zip(old_sample["unit_id"], old_sample["segmentation"], strict=True):
        parent, no = uid.rsplit(":", 1)
        parts = splitters[seg](texts[parent])
        out.setdefault(parent, []).append(_norm(parts[int(no) - 1]))
    return out


def fakes_units(old_sample: pd.DataFrame) -> pd.DataFrame:
    """FA-KES pseudo-paragraphs (three sentences), outlet as stratum, earlier ids dropped."""
    raw = pd.read_csv(FAKES, dtype={"unit_id": str})
    raw = raw.drop_duplicates("unit_id", keep="first").reset_index(drop=True)
    arts = corpus.read(
        raw[["unit_id", "article_content", "source", "date"]],
        text_col="article_content",
        id_col="unit_id",
        meta_cols=["source", "date"],
    )

    def group3(text: str) -> list[str]:
        s = corpus.split_sentences(text)
        return [" ".join(s[i : i + 3]) for i in range(0, len(s), 3)]

    units = arts.segment("paragraphs", splitter=group3).materialize()
    frame = pd.DataFrame(
        {
            "unit_id": list(units.doc_ids),
            "text": list(units.texts),
            "stratum": units.docvars["source"].to_numpy(),
        }
    )
    taken = frame["unit_id"].isin(set(old_sample["unit_id"]))
    return frame[~taken].reset_index(drop=True), int(taken.sum())


def draw(frame: pd.DataFrame, quota: pd.Series, seed: int) -> pd.DataFrame:
    """Uniform draws within strata, then one shuffle (coding order)."""
    rng = np.random.default_rng(seed)
    sizes = frame["stratum"].value_counts()
    parts = []
    for stratum in sorted(quota.index):
        pool = frame[frame["stratum"] == stratum]
        pick = rng.choice(len(pool), size=int(quota[stratum]), replace=False)
        part = pool.iloc[np.sort(pick)].assign(
            population=int(sizes[stratum]), n=int(quota[stratum])
        )
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    out["weight"] = out["population"] / out["n"]
    return out.iloc[rng.permutation(len(out))].reset_index(drop=True)


def mideast_quota(frame: pd.DataFrame, n: dict[str, int]) -> pd.Series:
    """Group totals fixed; within a group, layouts in proportion to the population."""
    sizes = frame["stratum"].value_counts()
    quotas = []
    for group, total in n.items():
        sub = sizes[[s for s in sizes.index if s.startswith(group + ":")]].sort_index()
        quotas.append(allocate(sub, total))
    return pd.concat(quotas)


_LABEL = re.compile(r"^\*(Meaning|Coding rule|Example|Terms)\.\*\s*")


def frame_definitions(datasheet: Path, frames: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """Meaning, coding rule and example of each frame; the *Terms* lines are dropped."""
    lines = datasheet.read_text(encoding="utf-8").splitlines()
    out: dict[str, dict[str, str]] = {}
    current, label = None, None
    for line in lines:
        head = re.match(r"^### `(\w+)`", line)
        if head:
            current, label = head.group(1), None
            continue
        if line.startswith("#"):
            current = None
            continue
        if current not in frames:
            continue
        m = _LABEL.match(line)
        if m:
            label = m.group(1)
            line = line[m.end() :]
        if label is None or label == "Terms":
            continue
        out.setdefault(current, {}).setdefault(label, [])
        out[current][label].append(line)
    missing = [f for f in frames if f not in out or "Meaning" not in out[f]]
    if missing:
        raise SystemExit(f"{datasheet}: no definition for frames {missing}")
    return {f: {k: "\n".join(v).strip() for k, v in d.items()} for f, d in out.items()}


def codebook(title: str, unit: str, frames: tuple[str, ...], defs: dict, extra: str) -> str:
    """The coding instructions: definitions and output format only."""
    parts = [
        f"# Codebook: {title}\n",
        "## Your task\n",
        f"Each row of `units.csv` is one coding unit: {unit}. Read each unit and decide, "
        "for EACH of the frames below, whether the unit uses that frame (1) or not (0). "
        "A unit can use several frames, one, or none (multi-label). Judge only the text "
        "of the unit itself: not what you know about the speaker, outlet or event, and "
        "not neighbouring units. Apply the meaning and the coding rule of each frame; "
        "the examples are made up and only illustrate. Code every unit; when unsure, "
        "decide by the definition (is the frame's idea actually expressed in the unit?).\n",
        extra,
        "## Output\n",
        "Write one CSV file (UTF-8, comma-separated, header row) with exactly one row per "
        "unit of `units.csv`, in any order, and these columns:\n",
        "```\nunit_id," + ",".join(frames) + "\n```\n",
        "`unit_id` is copied unchanged from `units.csv`; every frame column holds 0 or 1. "
        "No other columns, no comments, no empty cells.\n",
        "## Frames\n",
    ]
    for f in frames:
        d = defs[f]
        parts.append(f"### `{f}`\n")
        parts.append(f"*Meaning.* {d['Meaning']}\n")
        if d.get("Coding rule"):
            parts.append(f"*Coding rule.* {d['Coding rule']}\n")
        if d.get("Example"):
            parts.append(f"*Example (made up).* {d['Example']}\n")
    return "\n".join(parts)


def write_request(folder: Path, units: pd.DataFrame, book: str) -> None:
    """units.csv, codebook.md, then READY (written last)."""
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / "units.csv.tmp"
    units[["unit_id", "text"]].to_csv(tmp, index=False, lineterminator="\n")
    os.replace(tmp, folder / "units.csv")
    (folder / "codebook.md").write_text(book, encoding="utf-8")
    (folder / "READY").touch()


def write_design(path: Path, sample: pd.DataFrame) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    sample[["unit_id", "stratum", "population", "n", "weight"]].to_csv(
        tmp, index=False, lineterminator="\n", float_format="%.6g"
    )
    os.replace(tmp, path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--coding", type=Path, required=True, help="coding-request root")
    parser.add_argument("--design", type=Path, required=True, help="design-file folder")
    parser.add_argument(
        "--lexicons",
        type=Path,
        default=ROOT / "framing/lexicon/data",
        help="folder of the datasheets and earlier samples",
    )
    parser.add_argument(
        "--earlier",
        type=Path,
        default=None,
        help="folder of the earlier sample CSVs (default LEXICONS/validation)",
    )
    parser.add_argument("--only", choices=sorted(SAMPLES), default=None)
    args = parser.parse_args()
    earlier = args.earlier or args.lexicons / "validation"
    todo = [args.only] if args.only else list(SAMPLES)
    for sid in todo:
        spec = SAMPLES[sid]
        if sid.startswith("mideast"):
            old = pd.read_csv(earlier / "mideast_sample.csv", dtype=str)
            frame, dropped = mideast_units(old)
            quota = mideast_quota(frame, spec["n"])
            frames, sheet = MIDEAST_FRAMES, args.lexicons / "mideast.md"
            unit = (
                "one paragraph of a speech given in the General Debate of the United "
                "Nations General Assembly (1970-2024)"
            )
            extra = (
                "The speakers are heads of state or government, ministers or "
                "ambassadors. Code the frames the paragraph itself uses, whoever "
                "the speaker is.\n"
            )
            title = "discourse frames of Middle-East politics (UN General Debate paragraphs)"
        else:
            old = pd.read_csv(earlier / "generic_news_sample.csv", dtype=str)
            frame, dropped = fakes_units(old)
            quota = allocate(frame["stratum"].value_counts().sort_index(), spec["n"])
            frames, sheet = NEWS_FRAMES, args.lexicons / "generic_news.md"
            unit = (
                "a passage of three consecutive sentences (or fewer, at an article's "
                "end) from an English news article about the Syrian war (2011-2018)"
            )
            extra = (
                "A passage may start or end in the middle of a story; code only what "
                "the passage itself says.\n"
            )
            title = "the five generic news frames (Semetko & Valkenburg 2000)"
        sample = draw(frame, quota, spec["seed"])
        defs = frame_definitions(sheet, frames)
        write_request(args.coding / sid, sample, codebook(title, unit, frames, defs, extra))
        write_design(args.design / f"{sid}.design.csv", sample)
        print(
            f"{sid}: population {len(frame)} units ({dropped} earlier units excluded); "
            f"drew {len(sample)}"
        )
        print(quota.to_string())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
