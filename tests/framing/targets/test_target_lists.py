"""Target lists: the plain and rich YAML forms, bundled lists, errors (#17)."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing import LexiconError
from framing.targets import (
    Alias,
    list_targets,
    load_targets,
    read_targets,
    targets_from_dict,
    targets_from_yaml,
)

PLAIN = """\
pmf: [popular mobilization forces, popular mobilisation*, hashd, al-hashd al-shaabi, pmf]
hezbollah: [hezbollah, hizbullah, hizballah]
"""


def test_plain_form_loads_as_is(tmp_path: Path) -> None:
    path = tmp_path / "iraq actors.yaml"
    path.write_text(PLAIN)
    tl = read_targets(path)
    assert tl.name == "iraq_actors"
    assert tl.names == ("pmf", "hezbollah")
    assert [a.text for a in tl.target("pmf").aliases] == [
        "popular mobilization forces", "popular mobilisation*", "hashd", "al-hashd al-shaabi",
        "pmf"]  # fmt: skip
    assert tl.target("hezbollah").exclusions == ()
    assert len(tl.lexicons) == 1 and tl.lexicons[0].frame_names == ("pmf", "hezbollah")


def test_rich_form_with_exclusions_description_and_case() -> None:
    tl = targets_from_yaml("""
name: demo
version: 1.10
description: A demo.
targets:
  usa:
    description: The United States.
    aliases: [united states, {alias: US, case_sensitive: true}]
    exclusions: [latin america]
  no_party: [no]
""")
    assert tl.version == "1.10"  # not the float 1.1
    assert tl.target("usa").aliases[1] == Alias("US", case_sensitive=True)
    assert tl.target("usa").description == "The United States."
    assert tl.target("no_party").aliases[0].text == "no"  # not the boolean False
    insensitive, sensitive = tl.lexicons
    assert sensitive.case_sensitive and sensitive.frame_names == ("usa",)
    assert insensitive.frame("usa").exclusions[0].text == "latin america"


def test_round_trip_and_fingerprint() -> None:
    tl = load_targets("syria_war")
    again = targets_from_dict(tl.to_dict())
    assert again == tl and again.fingerprint == tl.fingerprint
    assert len(tl.fingerprint) == 64


def test_bundled_lists() -> None:
    assert list_targets() == ["mideast_actors", "syria_war"]
    names = set(load_targets("syria_war").names)
    assert {"syrian_government", "armed_opposition", "russia", "iran", "hezbollah", "turkey",
            "united_states"} <= names  # fmt: skip
    assert {"israel", "iran", "hezbollah"} <= set(load_targets("mideast_actors").names)
    assert load_targets(load_targets("syria_war")).name == "syria_war"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("pmf: [pmf]\npmf: [hashd]\n", "line 2: key 'pmf' appears twice"),
        ("pmf: pmf\n", "must be a list of aliases or a mapping"),
        ("pmf: []\n", "needs a non-empty list of aliases"),
        ("pmf: {aliases: [pmf], colour: red}\n", "unknown key(s) ['colour']"),
        ("pmf: [{alias: PMF, case_sensitive: yes}]\n", "case_sensitive must be true or false"),
        ("pmf: [pmf, PMF]\n", "'PMF' is listed twice"),
        ("pmf: [pmf\n", "invalid YAML"),
        ("name: x\ntargets: {}\nversion: 1\n", "'targets' is empty"),
        ("[a, b]\n", "expected a mapping"),
        ("1pmf: [pmf]\n", "target name"),
    ],
)
def test_errors_name_the_problem(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(LexiconError) as info:
        read_targets(path)
    assert str(path) in str(info.value) and message in str(info.value)


def test_unknown_name_lists_bundled() -> None:
    with pytest.raises(LexiconError, match="bundled: mideast_actors, syria_war"):
        load_targets("syria")
    with pytest.raises(LexiconError, match="cannot read target list"):
        load_targets("missing.yaml")
