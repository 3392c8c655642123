"""A LIWC-style .dic imported by framing counts as the `liwc` package does (#3).

`liwc` (PyPI) gives each token the categories of one dictionary entry (its
trie returns the first trailing-`*` entry met along the token's spelling, or
the exact entry) and never matches multi-word terms.  `framing` counts a
token once for every frame with a matching pattern.  The two agree whenever no
token matches two entries with different category lists and the entries are
single words with trailing wildcards: the dictionary below is written so.
"""

from __future__ import annotations

import collections
import re
import unicodedata
from pathlib import Path

import numpy as np
import pytest

from framing import read_lexicon, score_frames

liwc = pytest.importorskip("liwc", reason="the liwc package (dev extra) is needed")

# categories 1-6; wildcards; terms in two categories; exact terms next to
# longer wildcards (war / warm*), which the trie keeps apart
DIC = """\
%
1\tposemo
2\tnegemo
3\tsocial
4\tconflict
5\tgovern
6\tmoney
%
happ*\t1
love*\t1
good\t1
great*\t1
hope*\t1
peace*\t1\t4
prosper*\t1\t6
hate*\t2
fear*\t2
sad\t2
hurt*\t2
danger*\t2\t4
threat*\t2\t4
friend*\t1\t3
people\t3
citizen*\t3\t5
famil*\t3
neighbo*\t3
war\t4
wars\t4
warm*\t1
battle*\t4
army\t4
armies\t4
soldier*\t4\t3
enem*\t4\t2
govern*\t5
congress*\t5
law\t5
laws\t5
president*\t5
nation*\t5
tax*\t6\t5
dollar*\t6
money\t6
debt*\t6\t2
trade*\t6
"""

TEXTS = [
    "War, wars and warm hopes: the warmest friends of peace hate war.",
    "Our citizens fear debt; taxation and tax laws govern the nation's trade.",
    "Happy families, happiness, a good president and Congress. Dollars? Money!",
    "Nothing at all matches here, except people.",
    "",
    "The enemy's armies, soldiers and battles: danger, threats, hurt and sadness (not sad?).",
]


def tokens_of(text: str) -> list[str]:
    """The default recipe's tokens: NFKC, lower case, \\w+ (what scoring uses)."""
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text).lower())


def liwc_counts(dic_path: Path, texts: list[str], categories: list[str]) -> np.ndarray:
    parse, _ = liwc.load_token_parser(str(dic_path))
    out = np.zeros((len(texts), len(categories)), dtype=np.int64)
    column = {c: j for j, c in enumerate(categories)}
    for i, text in enumerate(texts):
        tally = collections.Counter(c for tok in tokens_of(text) for c in parse(tok))
        for cat, n in tally.items():
            out[i, column[cat]] = n
    return out


@pytest.fixture
def dic_path(tmp_path: Path) -> Path:
    path = tmp_path / "mini.dic"
    path.write_text(DIC, encoding="utf-8")
    return path


def test_issue3_liwc_import_counts_like_the_liwc_package(dic_path: Path) -> None:
    lex = read_lexicon(dic_path)
    ours = score_frames(TEXTS, lex).counts
    theirs = liwc_counts(dic_path, TEXTS, list(lex.frame_names))
    assert ours.to_numpy().sum() > 40  # the fixture exercises the dictionary
    for j, frame in enumerate(lex.frame_names):
        assert ours[frame].tolist() == theirs[:, j].tolist(), frame
    # by hand for the first text: war, wars, war (conflict); warm, hopes, warmest,
    # friends, peace (posemo); friends (social); peace (conflict); hate (negemo)
    assert ours.iloc[0].to_dict() == {
        "posemo": 5,
        "negemo": 1,
        "social": 1,
        "conflict": 4,
        "govern": 0,
        "money": 0,
    }


def test_issue3_liwc_agrees_on_state_of_the_union_speeches(dic_path: Path) -> None:
    import corpus

    sotu = corpus.read("sotu")
    texts = list(sotu.iter_texts())[-40:]
    lex = read_lexicon(dic_path)
    ours = score_frames(texts, lex).counts.to_numpy()
    theirs = liwc_counts(dic_path, texts, list(lex.frame_names))
    assert (ours.sum(axis=0) > 0).all()  # every category fires somewhere
    np.testing.assert_array_equal(ours, theirs)


def test_issue3_liwc_differences_are_as_documented(tmp_path: Path) -> None:
    # docs/lexicons.md: with care* (posemo) and career* (work) LIWC's trie stops at
    # the first wildcard on the spelling, framing lets every frame's pattern match
    path = tmp_path / "diff.dic"
    path.write_text("%\n1\tposemo\n2\twork\n%\ncare*\t1\ncareer*\t2\nkind of\t1\n")
    lex = read_lexicon(path)
    text = ["my career, kind of"]
    ours = score_frames(text, lex).counts.iloc[0].to_dict()
    theirs = liwc_counts(path, text, ["posemo", "work"])[0].tolist()
    assert ours == {"posemo": 2, "work": 1}  # career (care*) + "kind of"; career (career*)
    assert theirs == [1, 0]  # career -> care* only; multi-word terms never match
