"""Property tests: every lexicon survives YAML, and its patterns survive CSV and .dic (#3)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from framing import Frame, Lexicon, Pattern, read_lexicon, write_lexicon
from framing.lexicon import lexicon_from_yaml, lexicon_to_yaml

_word = st.from_regex(r"[a-z\u00e9\u0634][a-z0-9\u00e9\u0634]{0,5}[*?]?", fullmatch=True)
_pattern_text = st.lists(_word, min_size=1, max_size=3).map(" ".join)
_weight = st.sampled_from([1.0, 0.5, 2.0, 0.25, 3.0])
_free_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85")
    | st.sampled_from("\n:'\"#&*!|>-{}[]% "),
    max_size=40,
)


@st.composite
def frames(draw: st.DrawFn, name: str, weighted: bool, excluded: bool) -> Frame:
    texts = draw(
        st.lists(_pattern_text, min_size=1, max_size=6, unique_by=lambda t: Pattern(t).words)
    )
    weights = [draw(_weight) if weighted else 1.0 for _ in texts]
    exclusions = draw(st.lists(_pattern_text, max_size=2)) if excluded else []
    return Frame(
        name,
        patterns=tuple(Pattern(t, w) for t, w in zip(texts, weights, strict=True)),
        exclusions=tuple(exclusions),
        description=draw(_free_text),
    )


@st.composite
def lexicons(draw: st.DrawFn, weighted: bool = True, excluded: bool = True) -> Lexicon:
    names = draw(
        st.lists(
            st.from_regex(r"[a-z][a-z0-9_]{0,7}", fullmatch=True),
            min_size=1,
            max_size=4,
            unique=True,
        )
    )
    return Lexicon(
        name=draw(st.from_regex(r"[a-z][a-z0-9_]{0,7}", fullmatch=True)),
        frames=tuple(draw(frames(n, weighted, excluded)) for n in names),
        version=draw(
            st.sampled_from(["1.10", "no", "0.1.0", "2024-01-01", "1e3", "~"]) | _free_text
        ),
        language=draw(st.sampled_from(["en", "ar", "fr"])),
        description=draw(_free_text),
        citation=draw(_free_text),
        case_sensitive=draw(st.booleans()),
    )


@settings(max_examples=40)
@given(lexicons())
def test_issue3_yaml_round_trip_property(lex: Lexicon) -> None:
    text = lexicon_to_yaml(lex)
    again = lexicon_from_yaml(text)
    assert again == lex
    assert again.fingerprint == lex.fingerprint
    assert lexicon_to_yaml(again) == text


def _pattern_sets(lex: Lexicon) -> dict[str, set[tuple[tuple[str, ...], float]]]:
    return {f.name: {(p.words, p.weight) for p in f.patterns} for f in lex.frames}


@settings(max_examples=25)
@given(lexicons(excluded=False))
def test_issue3_csv_round_trip_property(lex: Lexicon) -> None:
    with tempfile.TemporaryDirectory() as folder:
        again = read_lexicon(write_lexicon(lex, Path(folder) / "x.csv"))
    assert again.frame_names == lex.frame_names
    assert _pattern_sets(again) == _pattern_sets(lex)


@settings(max_examples=25)
@given(lexicons(weighted=False, excluded=False))
def test_issue3_dic_and_quanteda_round_trip_property(lex: Lexicon) -> None:
    with tempfile.TemporaryDirectory() as folder:
        dic = read_lexicon(write_lexicon(lex, Path(folder) / "x.dic"))
        quanteda = read_lexicon(
            write_lexicon(lex, Path(folder) / "q.yml", format="quanteda"), format="quanteda"
        )
    for again in (dic, quanteda):
        assert again.frame_names == lex.frame_names
        assert _pattern_sets(again) == _pattern_sets(lex)
