"""Word lists of the pattern-based attribution rules (English news and speeches).

Every list is lower case.  They are public so that a study can read exactly what the
rules look for; :func:`framing.targets.attribute_sentences` documents how they are used.
"""

from __future__ import annotations

import re

#: The source of a mention no attribution rule applies to.
UNATTRIBUTED = "unattributed"

#: Verbs of saying, claiming, demanding and believing (lower-case forms).
SPEECH_VERBS: frozenset[str] = frozenset(
    """
say says said saying states stated declare declares declared add adds added
insist insists insisted reject rejects rejected deny denies denied accuse accuses accused
warn warns warned urge urges urged argue argues argued believe believes believed claim
claims claimed stress stresses stressed emphasize emphasizes emphasized emphasise
emphasises emphasised note notes noted tell tells told announce announces announced
affirm affirms affirmed assert asserts asserted confirm confirms confirmed condemn condemns
condemned describe describes described label labels labeled labelled underline underlines
underlined explain explains explained reiterate reiterates reiterated demand demands
demanded oppose opposes opposed blame blames blamed welcome welcomes welcomed denounce
denounces denounced allege alleges alleged maintain maintains maintained stressing adding
noting warning urging claiming accusing denying insisting describing calling arguing
referenced cited mentioned highlighted praised criticized criticised hailed expressed voiced
vow vows vowed pledge pledges pledged threaten threatens threatened acknowledge acknowledges
acknowledged admit admits admitted suggest suggests suggested reported
""".split()
)
#: Verbs that report speech only with a particle: "call for/on", "point out", "push ... to".
PARTICLE_VERBS: dict[str, tuple[str, ...]] = {
    "call": ("for", "on", "upon"),
    "calls": ("for", "on", "upon"),
    "called": ("for", "on", "upon"),
    "point": ("out",),
    "points": ("out",),
    "pointed": ("out",),
    "push": ("to", "for"),
    "pushes": ("to", "for"),
    "pushed": ("to", "for"),
    "press": ("to", "for"),
    "presses": ("to", "for"),
    "pressed": ("to", "for"),
}
_SKIP = frozenset(
    """always often now just long also further repeatedly strongly reportedly later
previously earlier
publicly again recently has have had will would could may might did does do not never
continue continues continued to is was were are been be once then still already
quoted as in a statement like want wants wanted wish wishes wished need needs needed try tries
tried decided refused refuses seem seems seemed appear appears appeared going""".split()
)
#: Verbs that may follow what was said, their subject after them ("..., said the minister").
_INVERTIBLE = frozenset("said says added adds noted notes stated reported explained".split())
_BOUNDARY = frozenset(
    """that which who whom whose when while whilst as after before because
if although though since where whereas but so meanwhile however also""".split()
)
_DETERMINERS = frozenset("the a an".split())
#: Words before a verb form that make it a noun ("the claims", "these claims").
_NOUN_MARKERS = frozenset("the a an these those such his her its their our my your this".split())
_LINKS = frozenset("of for".split())
_PREPOSITIONS = frozenset(
    """in on at from to by with into near over under against after
during since outside inside across between about amid amidst via within without toward
towards upon""".split()
)
_TIME_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday today
yesterday tonight overnight morning evening night week month year january february march april
may june july august september october november december""".split()
)
_AUXILIARIES = frozenset(
    """has have had is was were are be been being will would could
should can may might must do does did not""".split()
)
#: Lower-case head nouns that can name a source ("officials said", "the ministry said").
SOURCE_NOUNS: frozenset[str] = frozenset(
    """official officials source sources spokesman
spokesmen spokeswoman spokesperson minister ministers ministry government governments leader
leaders president activist activists monitor observatory agency army military command
witness witnesses resident residents analyst analysts expert experts diplomat diplomats envoy
commander commanders group groups coalition opposition rebels militants authorities council
committee organization organisation media correspondent reporter reporters officer officers
website newspaper channel broadcaster television ambassador representative representatives
delegation secretary chief head director doctor doctors medic medics volunteer volunteers
administration regime forces states nations countries parties party movement faction factions
office department embassy parliament lawmaker lawmakers senator general king emir prince cleric
sheikh imam statement communique declaration""".split()
)
#: Capitalised words that do not make a sentence-initial phrase a name.
_COMMON_START = frozenset(
    """this that these those some many all such no one every each other
another any both either neither most few several much more it its there here what which""".split()
)
_BE = frozenset("is was were are been be being".split())
_NP_WORDS = frozenset("informed unnamed armed united".split())
_SINGULAR = frozenset("he she it him her his its".split())
_PLURAL = frozenset("they them their".split())
_FIRST = frozenset("i we me us my our".split())
_PRONOUNS = _SINGULAR | _PLURAL | _FIRST
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[\w'’\-]+|[^\w\s]")
_PUNCT = re.compile(r"^[^\w]+$")
_QUOTES = frozenset('"“”«»')
MAX_PHRASE = 10
#: A pronoun refers back to a source named at most this many sentences before.
CARRY_SENTENCES = 3
