"""Shared helpers for validating the bundled ``mideast`` lexicon on UNGDC paragraphs.

Reads the UN General Debate Corpus archive in place (never copies text into
the repository), splits speeches into paragraphs with
:func:`corpus.split_paragraphs` (one paragraph per line, ids
``ISO_SS_YYYY:N`` as :meth:`corpus.Corpus.segment` makes them), and offers a
small reference matcher used only before :func:`framing.score_frames` exists.
"""

from __future__ import annotations

import csv
import fnmatch
import os
import re
import tarfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from corpus import split_paragraphs

REPO = Path(__file__).resolve().parents[2]
DATA = Path(os.environ.get("FRAMING_DATA", REPO.parent / "shared" / "data"))
ARCHIVE = DATA / "ungdc" / "UNGDC_1946-2024_TXT.tar.gz"
LEXICON = REPO / "framing" / "lexicons" / "mideast.yaml"
VALIDATION = REPO / "framing" / "lexicons" / "validation"
SAMPLE_CSV = VALIDATION / "mideast_sample.csv"
GOLD_CSV = VALIDATION / "mideast_gold.csv"
HOLDOUT_SAMPLE_CSV = VALIDATION / "mideast_holdout_sample.csv"
HOLDOUT_GOLD_CSV = VALIDATION / "mideast_holdout_gold.csv"

FRAMES = (
    "resistance",
    "sovereignty",
    "foreign_interference",
    "security_threat",
    "cooperation",
    "legitimacy",
    "humanitarian",
)
#: Middle-East speakers (Arab League members in West Asia, plus Iran, Israel, Turkey,
#: Palestine) and the five permanent members of the Security Council.
MIDEAST = ("IRN", "IRQ", "LBN", "SYR", "ISR", "SAU", "JOR", "EGY", "YEM", "KWT", "ARE",
           "QAT", "BHR", "OMN", "TUR", "PSE")
P5 = ("USA", "RUS", "CHN", "GBR", "FRA")
YEARS = (1970, 2024)
MIN_WORDS = 25
_SALUTATION = re.compile(
    r"^\W*(\d+\.\s*)?(mr\.?|madam|mister|your|excellenc|distinguished|ladies|"
    r"bismillah|in the name of god|thank you)",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"\w+")


def iter_speeches(archive: Path = ARCHIVE) -> Iterator[tuple[str, str]]:
    """Yield ``(doc_id, text)`` for every speech in the archive, sorted by id."""
    speeches: dict[str, str] = {}
    # Read members in archive order (random access into a .tar.gz re-decompresses).
    with tarfile.open(archive) as tar:
        for member in tar:
            if member.isfile() and member.name.endswith(".txt") and "/TXT/" in member.name:
                raw = tar.extractfile(member).read()  # type: ignore[union-attr]
                speeches[Path(member.name).stem] = raw.decode("utf-8", errors="replace")
    for doc_id in sorted(speeches):
        yield doc_id, speeches[doc_id]


def doc_meta(doc_id: str) -> tuple[str, int, int]:
    """``(iso3, session, year)`` from a speech id such as ``IRN_79_2024``."""
    iso, session, year = doc_id.split("_")
    return iso, int(session), int(year)


def eligible(text: str) -> bool:
    """A paragraph worth coding: at least MIN_WORDS words and not a salutation."""
    return len(_TOKEN.findall(text)) >= MIN_WORDS and not _SALUTATION.match(text)


def iter_paragraphs(countries: tuple[str, ...] | None = None) -> Iterator[tuple[str, str]]:
    """Yield ``(unit_id, text)`` for eligible paragraphs of 1970-2024 speeches."""
    for doc_id, text in iter_speeches():
        iso, _, year = doc_meta(doc_id)
        if not YEARS[0] <= year <= YEARS[1]:
            continue
        if countries is not None and iso not in countries:
            continue
        for no, para in enumerate(split_paragraphs(text), start=1):
            if eligible(para):
                yield f"{doc_id}:{no}", para


def tokens(text: str) -> list[str]:
    """The default recipe: NFKC, lower case, ``\\w+`` runs."""
    return _TOKEN.findall(unicodedata.normalize("NFKC", text).lower())


def _spans(toks: list[str], words: tuple[str, ...]) -> list[tuple[int, int]]:
    n = len(words)
    out = []
    for i in range(len(toks) - n + 1):
        if all(fnmatch.fnmatchcase(toks[i + k], words[k]) for k in range(n)):
            out.append((i, i + n))
    return out


def simple_hits(text: str, lexicon) -> dict[str, list[str]]:
    """Reference matcher (pre-engine): matched strings per frame.

    Longest match first within a frame, each token counted once, and any match
    overlapping an exclusion removed -- the rules of docs/matching.md.
    """
    toks = tokens(text)
    result: dict[str, list[str]] = {}
    for frame in lexicon.frames:
        excl = [s for p in frame.exclusions for s in _spans(toks, p.words)]
        cands = [s for p in frame.patterns for s in _spans(toks, p.words)]
        cands = [s for s in cands if not any(s[0] < e[1] and e[0] < s[1] for e in excl)]
        cands.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
        used: set[int] = set()
        kept = []
        for a, b in cands:
            if used.isdisjoint(range(a, b)):
                used.update(range(a, b))
                kept.append((a, b))
        result[frame.name] = [" ".join(toks[a:b]) for a, b in sorted(kept)]
    return result


def load_lexicon_file():
    """The mideast lexicon, via framing.load_lexicon when available."""
    try:
        from framing import load_lexicon  # type: ignore[attr-defined]

        return load_lexicon(str(LEXICON))
    except ImportError:
        import yaml

        from framing._lexicon import Lexicon

        with open(LEXICON, encoding="utf-8") as fh:
            return Lexicon.from_dict(yaml.safe_load(fh), source=str(LEXICON))


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a CSV as dicts."""
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def write_csv(path: Path, header: list[str], rows: list[list[object]]) -> None:
    """Write a CSV atomically (temporary file, then rename)."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    os.replace(tmp, path)
