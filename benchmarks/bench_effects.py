"""Benchmark covariate effects on UNGDC: estimate_effect, PPI++, topic_effects, a multiverse (15).

Run:  python benchmarks/bench_effects.py [--repeats 5] [--start 1970] [--end 2024]

Reads the UN General Debate archive in place (``$FRAMING_DATA/ungdc``), keeps the speeches of
the 21 states of ``experiments/ungdc.yaml`` in the years asked, scores them with ``mideast``
(speeches and paragraphs, untimed) and times, as medians of ``--repeats`` calls:

- ``estimate_effect``: the negative binomial of ``experiments/ungdc.yaml`` (resistance ~
  bloc x B-spline of the year, log(tokens) offset, errors clustered by country) on speeches,
  and a logit of presence on paragraphs;
- PPI++: the paragraph logit with ``gold=`` 240 paragraphs drawn at random (seeded); their
  "codes" are the measure's presence with 15% of them flipped (made up, for timing only:
  the cost does not depend on the codes).  ppi-python compiles its kernels with numba on
  the first call in a process; that first call is reported apart;
- ``topic_effects`` on a scikit-learn LDA with K=15 fitted on the speeches (fit untimed):
  25 posterior draws, 15 topics, errors clustered by country;
- the frame multiverse of ``experiments/ungdc.yaml`` (1 lexicon x 2 units x 3 measures,
  presence at 2 thresholds: 8 specifications x 3 claims = 24 fits, scores reused) and a
  topic multiverse (2 recipes x K in {10, 15} x 1 seed, one claim), each through the run
  stage on a prepared run context.  The multiverse is timed twice: cold (tokens, scores and
  topic fits computed) and warm (the run context already holds them: what a second grid
  over the same choices costs).
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
from pathlib import Path

import numpy as np
import pandas as pd
from _common import ARCHIVE, cpu_model, median_time

STATES = {
    "middle_east": "IRN IRQ LBN SYR ISR PSE JOR SAU YEM OMN ARE QAT BHR KWT TUR EGY".split(),
    "permanent_five": "USA RUS CHN GBR FRA".split(),
}
BLOC = {iso: bloc for bloc, states in STATES.items() for iso in states}
FORMULA = "resistance ~ C(bloc) * bs(year, df=4)"


def _corpus(archive: Path, start: int, end: int):
    from corpus import load_ungdc

    corpus = load_ungdc(archive).filter(
        lambda d: d.year.between(start, end) & d.country.isin(list(BLOC))
    )
    return corpus.assign(bloc=corpus.docvars["country"].map(BLOC).tolist())


def _context(corpus, config_text: str, workdir: Path):
    import yaml

    from framing.experiment import ExperimentConfig, RunContext

    config = ExperimentConfig.model_validate(yaml.safe_load(config_text))
    return RunContext(
        config=config, data={}, workdir=workdir, cache_dir=None, progress=False, corpus=corpus
    )


MULTIVERSE = """
name: bench
seed: 1970
corpus: {source: ungdc}
lexicons: [mideast]
preprocessing: {stopwords: sklearn, min_length: 3}
multiverse:
  claims:
    - "resistance: middle_east > permanent_five"
    - "resistance: middle_east > permanent_five after 2003"
    - "foreign_interference: middle_east > permanent_five"
  by: bloc
  controls: "bs(year, df=4)"
  lexicons: [mideast]
  units: [document, paragraph]
  measures: [presence, count, rate]
  thresholds: [1, 2]
  cluster: {document: country, paragraph: country}
  TOPICS
outputs: {tables: [csv], figures: []}
"""
TOPICS = """topics:
    claims: ["topic(resistance): middle_east > permanent_five"]
    model: {engine: sklearn-lda, min_df: 5, max_df: 0.5, max_features: 8000, passes: 10}
    k: [10, 15]
    seeds: [1]
    recipes: {default: {}, stemmed: {stemmer: snowball}}
    n_draws: 10
    cluster: country"""


def _time_multiverse(corpus, repeats: int, workdir: Path, topics: bool) -> tuple[float, float]:
    """(cold, warm median) seconds of the multiverse stage."""
    from framing.experiment import stage_multiverse

    text = MULTIVERSE.replace("TOPICS", TOPICS if topics else "")
    ctx = _context(corpus, text, workdir)
    start = time.perf_counter()
    stage_multiverse(ctx)
    cold = time.perf_counter() - start
    return cold, median_time(lambda: stage_multiverse(ctx), repeats)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ARCHIVE, help="UNGDC archive or folder")
    parser.add_argument("--start", type=int, default=1970)
    parser.add_argument("--end", type=int, default=2024)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/bench_effects"))
    args = parser.parse_args()

    import framing
    from corpus import Recipe, tokenize
    from framing.lexicon import load_lexicon
    from framing.topics import fit_topics

    print(f"# {platform.node()} {cpu_model()} python {platform.python_version()}")
    corpus = _corpus(args.data, args.start, args.end).materialize()
    lexicon = load_lexicon("mideast")
    speeches = framing.score_frames(corpus, lexicon).to_frame()
    paragraphs = framing.score_frames(corpus, lexicon, unit="paragraph").to_frame()
    paragraphs = paragraphs[paragraphs["n_tokens"] >= 25].reset_index(drop=True)
    print(f"# {len(speeches)} speeches, {len(paragraphs)} paragraphs (>= 25 tokens)")
    rows = []

    def record(name: str, seconds: float, note: str = "") -> None:
        rows.append({"what": name, "median_s": round(seconds, 3), "note": note})
        print(f"{name:55s} {seconds:8.3f} s  {note}")

    negbin = {"family": "negbin", "offset": "n_tokens", "cluster": "country"}
    record(
        "estimate_effect negbin, speeches (clustered)",
        median_time(lambda: framing.estimate_effect(speeches, FORMULA, **negbin), args.repeats),
        f"n={len(speeches)}",
    )
    logit = "resistance ~ C(bloc) + bs(year, df=4)"
    record(
        "estimate_effect logit, paragraphs (HC1)",
        median_time(
            lambda: framing.estimate_effect(paragraphs, logit, family="logit"), args.repeats
        ),
        f"n={len(paragraphs)}",
    )
    rng = np.random.default_rng(3006)
    coded = paragraphs.iloc[rng.choice(len(paragraphs), 240, replace=False)]
    flip = rng.random(240) < 0.15
    gold = pd.DataFrame(
        {"doc_id": coded["doc_id"], "resistance": (coded["resistance"] >= 1) ^ flip}
    ).astype({"resistance": int})
    start = time.perf_counter()
    framing.estimate_effect(paragraphs, logit, family="logit", gold=gold)
    record(
        "estimate_effect logit + gold (PPI++), first call",
        time.perf_counter() - start,
        "includes numba compilation",
    )
    record(
        "estimate_effect logit + gold (PPI++)",
        median_time(
            lambda: framing.estimate_effect(paragraphs, logit, family="logit", gold=gold),
            args.repeats,
        ),
        "n_gold=240",
    )
    tokens = tokenize(corpus, Recipe(stopwords="sklearn", min_length=3))
    model = fit_topics(
        tokens,
        k=15,
        seed=1,
        engine="sklearn-lda",
        min_df=5,
        max_df=0.5,
        max_features=8000,
        passes=10,
    )
    record(
        "topic_effects K=15, 25 draws (clustered)",
        median_time(
            lambda: framing.topic_effects(
                model,
                "~ C(bloc) + bs(year, df=4)",
                tokens=tokens,
                seed=1,
                n_draws=25,
                cluster="country",
            ),
            args.repeats,
        ),
        f"{len(tokens)} speeches",
    )
    args.workdir.mkdir(parents=True, exist_ok=True)
    cold, warm = _time_multiverse(corpus, args.repeats, args.workdir, topics=False)
    record("multiverse, frames: 8 specs x 3 claims, cold", cold, "scores paragraphs once")
    record("multiverse, frames: 8 specs x 3 claims, warm", warm, "scores reused")
    cold, warm = _time_multiverse(corpus, max(1, args.repeats // 2), args.workdir, topics=True)
    record("multiverse, frames + topics (2 recipes x 2 K), cold", cold, "tokens, fits, draws")
    record("multiverse, frames + topics (2 recipes x 2 K), warm", warm, "tokens + fits reused")
    print(pd.DataFrame(rows).to_markdown(index=False))
    print(f"# load average at the end: {statistics.fmean(__import__('os').getloadavg()):.1f}")


if __name__ == "__main__":
    main()
