"""Pattern-based attribution: who says what a sentence says.

The rules work on each sentence's own words, in document order (no parser, no model):

1. **Reported speech.**  A verb of saying, claiming, demanding or believing
   (:data:`SPEECH_VERBS`; "call for", "point out" and "push ... to" with their particle,
   :data:`PARTICLE_VERBS`) gives a *claim*.  Its source is the noun phrase before the verb
   (skipping auxiliaries and adverbs: "Larijani also rejected"), else the phrase before a
   comma-enclosed apposition ("X, a spokesman, said"), else for "said", "added" and the like
   the phrase after it ("..., said Observatory head Rami Abdel Rahman"); a passive verb takes
   the agent after "by".  The phrase must look like a source: a pronoun, a capitalised name
   or a source noun (:data:`SOURCE_NOUNS`: "officials", "the ministry", "activists").
2. **"According to X".**  The phrase after it.
3. **Pronouns.**  "He", "she", "it" refer to the last singular source named at most
   :data:`CARRY_SENTENCES` sentences before; "they" to the last plural one ("Western
   governments"); "I", "we", "my ..." and "our ..." to the speaker of an open quotation or of
   the speech.  A surname alone ("Larijani") is the full name given earlier ("Ali Larijani").
4. **Quotations.**  A sentence that opens a quotation without closing it passes the claim's
   source to the following sentences until the quotation closes, a sentence has a claim of
   its own, or :data:`CARRY_SENTENCES` sentences have passed.  Within a sentence, "it" or
   "they" after a claim is that claim's source ("The U.S. says it believes ...").
5. **Speeches.**  With a document ``speaker`` every sentence without a claim is the
   speaker's, and so is a claim whose source names the speaker's country (``self_names``).

A claim covers the sentence from where its source phrase starts; a mention before the first
claim belongs to the first claim.  Everything else is ``unattributed``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

__all__ = ["Claim", "attribute_sentences", "claim_at"]

from framing.targets._words import (
    _AUXILIARIES,
    _BE,
    _BOUNDARY,
    _COMMON_START,
    _DETERMINERS,
    _FIRST,
    _INVERTIBLE,
    _LINKS,
    _NOUN_MARKERS,
    _NP_WORDS,
    _PLURAL,
    _PREPOSITIONS,
    _PRONOUNS,
    _PUNCT,
    _SINGULAR,
    _SKIP,
    _TIME_WORDS,
    _TOKEN,
    CARRY_SENTENCES,
    MAX_PHRASE,
    PARTICLE_VERBS,
    SOURCE_NOUNS,
    SPEECH_VERBS,
)


@dataclass
class _State:
    """What the previous sentences of a document established."""

    singular: str | None = None
    plural: str | None = None
    quote_source: str | None = None
    speaker: str | None = None
    names: list[str] = field(default_factory=list)
    self_names: tuple[str, ...] = ()
    sentence: int = 0
    named_at: int = -(10**9)
    quoted_at: int = -(10**9)


@dataclass(frozen=True, slots=True)
class Claim:
    """A source found in a sentence.

    Parameters
    ----------
    start : int
        Character offset in the sentence from which the claim covers the text.
    source : str
        The source as the text names it ("Ali Larijani", "Western governments").
    rule : str
        The rule that found it: ``speech_verb``, ``according_to`` (``+pronoun``
        when a pronoun was resolved), ``quotation`` or ``speaker``.
    span : tuple of int, optional
        Character span ``(start, end)`` of the source phrase in this sentence
        (None when the source is carried from elsewhere: a quotation, the
        speech's speaker).  A target named inside it is the one speaking.
    """

    start: int
    source: str
    rule: str
    span: tuple[int, int] | None = None


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _is_punct(tok: str) -> bool:
    return bool(_PUNCT.match(tok))


def _is_pronoun(word: str) -> bool:
    return word.lower() in _PRONOUNS and (not word.isupper() or word == "I")


def _adverb(word: str) -> bool:
    return word.islower() and word.endswith("ly") and len(word) > 4


def _stops(word: str) -> bool:
    """Words that cannot be inside a source's noun phrase (scanning leftwards)."""
    low = word.lower()
    return (
        _is_punct(word)
        or low in _BOUNDARY
        or (word.islower() and low in SPEECH_VERBS)
        or low in _PREPOSITIONS
        or low in _TIME_WORDS
        or low in _AUXILIARIES
        or word[:1].isdigit()
        or (word.islower() and low.endswith(("ed", "ing")) and low not in _NP_WORDS)
    )


def _np_left(toks: list, i: int) -> tuple[int, int]:
    """Token span [a, b) of the noun phrase ending just before position ``i``."""
    j = i - 1
    while j >= 0 and (toks[j][0].lower() in _SKIP or _adverb(toks[j][0])):
        j -= 1
    b = j + 1
    if j >= 0 and _is_pronoun(toks[j][0]):
        return j, b
    while j >= 0 and b - j <= MAX_PHRASE:
        word, low = toks[j][0], toks[j][0].lower()
        if low in _LINKS:
            nxt = [t[0] for t in toks[j + 1 : j + 3]] + [""]
            if not (
                nxt[0][:1].isupper() or (nxt[0].lower() in _DETERMINERS and nxt[1][:1].isupper())
            ):
                break
        elif low == "and":
            if not (j > 0 and toks[j - 1][0][:1].isupper() and toks[j + 1][0][:1].isupper()):
                break
        elif low in _DETERMINERS:
            j -= 1
            if not (j >= 0 and toks[j][0].lower() in _LINKS):
                break
            continue
        elif low in ("my", "our"):
            j -= 1
            break
        elif low in _PREPOSITIONS and j > 0 and toks[j - 1][0].lower() in SOURCE_NOUNS:
            j -= 1  # "a source at Aleppo province", "officials in Damascus"
            continue
        elif _stops(word) or _is_pronoun(word):
            break
        j -= 1
    a = j + 1
    while a < b and toks[a][0].lower() in _LINKS | {"and"}:
        a += 1
    return a, b


def _np_right(toks: list, i: int) -> tuple[int, int]:
    """Token span of the noun phrase right after position ``i`` (inverted "said X")."""
    a = i + 1
    if a >= len(toks) or not (toks[a][0][:1].isupper() or toks[a][0].lower() in _DETERMINERS):
        return a, a
    b = a
    while b < len(toks) and b - a < MAX_PHRASE:
        if _stops(toks[b][0]):
            break
        b += 1
    return a, b


def _appositive(toks: list, i: int) -> tuple[int, int]:
    """ "X, a spokesman, said": the phrase before a comma-enclosed apposition."""
    if i < 2 or toks[i - 1][0] != ",":
        return i, i
    for k in range(i - 2, max(-1, i - 14), -1):
        if toks[k][0] == ",":
            return _np_left(toks, k)
        if _is_punct(toks[k][0]):
            break
    return i, i


def _particle_ok(toks: list, i: int) -> bool:
    low = toks[i][0].lower()
    if low in SPEECH_VERBS:
        return True
    particles = PARTICLE_VERBS.get(low)
    if not particles:
        return False
    reach = 1 if particles[0] in ("for", "out") else 4
    return any(t[0].lower() in particles for t in toks[i + 1 : i + 1 + reach])


def _noun_use(toks: list, i: int) -> bool:
    """A verb form used as a noun ("these claims") or with a count ("claimed 17 lives")."""
    before = toks[i - 1][0].lower() if i > 0 else ""
    after = toks[i + 1][0] if i + 1 < len(toks) else ""
    counted = toks[i][0].lower().startswith("claim") and (
        after[:1].isdigit() or after.lower() == "lives"
    )
    return before in _NOUN_MARKERS or counted


def _trim(toks: list, a: int, b: int) -> tuple[int, int]:
    while a < b and toks[a][0].lower() in _DETERMINERS:
        a += 1
    while b > a and toks[b - 1][0].lower() in _LINKS | _DETERMINERS | {"and"}:
        b -= 1
    return a, b


def _label(text: str, toks: list, a: int, b: int) -> str:
    a, b = _trim(toks, a, b)
    return text[toks[a][1] : toks[b - 1][2]] if a < b else ""


def _span(toks: list, a: int, b: int) -> tuple[int, int] | None:
    """Character span of the phrase ``_label`` names (None when empty)."""
    a, b = _trim(toks, a, b)
    return (toks[a][1], toks[b - 1][2]) if a < b else None


def _is_plural(label: str) -> bool:
    words = label.split()
    last = words[-1] if words else ""
    lowered = last.islower() and last.endswith("s") and not last.endswith(("ss", "us", "is"))
    return lowered or " and " in f" {label} "


def _is_name(label: str) -> bool:
    """A proper name: every word capitalized except linking words."""
    return all(
        w[:1].isupper() or w.lower() in _LINKS | _DETERMINERS | {"and"} for w in label.split()
    )


def _resolve(label: str, state: _State) -> str | None:
    """A pronoun source resolved from the state; a name as it is; None when unresolved."""
    low = label.lower() if _is_pronoun(label) else ""
    recent = state.sentence - state.named_at <= CARRY_SENTENCES
    if low in _SINGULAR:
        return state.singular if recent else None
    if low in _PLURAL:
        return state.plural if recent else None
    if low in _FIRST or label.lower().startswith(("my ", "our ")):
        return state.quote_source or state.speaker
    if state.speaker and any(name in label for name in state.self_names):
        return state.speaker
    words = label.split()
    for known in reversed(state.names):
        if words == known.split()[-len(words) :] and _is_name(known) and label[:1].isupper():
            return known
    return label


def _valid(toks: list, a: int, b: int) -> bool:
    """A phrase that can name a source: a pronoun, a name or a source noun."""
    if b - a == 1 and _is_pronoun(toks[a][0]):
        return True
    for k in range(a, b):
        word = toks[k][0]
        if word.lower() in SOURCE_NOUNS:
            return True
        if word[:1].isupper() and (k > 0 or word.lower() not in _COMMON_START):
            if word.lower() not in _DETERMINERS and word.lower() not in _PRONOUNS:
                return True
    return False


_Found = tuple[int, str, tuple[int, int] | None]


def _phrase(text: str, toks: list, a: int, b: int, pos: int) -> _Found:
    """A source phrase found at tokens [a, b): (claim start, label, span); empty if invalid."""
    if a < b and _valid(toks, a, b):
        return pos, _label(text, toks, a, b), _span(toks, a, b)
    return 0, "", None


def _passive(text: str, toks: list, i: int) -> _Found | None:
    """ "was stated by X": the agent after "by" (None when the verb is not passive)."""
    if i == 0 or toks[i - 1][0].lower() not in _BE:
        return None
    for k in range(i + 1, min(i + 8, len(toks) - 1)):
        if toks[k][0].lower() == "by":
            a, b = _np_right(toks, k)
            return _phrase(text, toks, a, b, 0)
        if _is_punct(toks[k][0]):
            break
    return 0, "", None


def _subject(text: str, toks: list, i: int) -> _Found:
    passive = _passive(text, toks, i)
    if passive is not None:
        return passive
    a, b = _np_left(toks, i)
    if a == b:
        a, b = _appositive(toks, i)
    if a < b:
        return _phrase(text, toks, a, b, toks[a][1])
    if toks[i][0].lower() not in _INVERTIBLE:
        return 0, "", None
    a, b = _np_right(toks, i)
    return _phrase(text, toks, a, b, 0)


def _according(text: str, toks: list, i: int) -> _Found:
    """The phrase after "according to", up to punctuation or a clause-like word."""
    a = b = i + 2
    while b < len(toks) and toks[b][0].lower() in _DETERMINERS:
        b += 1
    while b < len(toks) and b - a < MAX_PHRASE:
        word = toks[b][0]
        if _stops(word) or (b > a and word.lower() in _DETERMINERS):
            break
        b += 1
    return _phrase(text, toks, a, b, toks[i][1])


def _sentence_claims(text: str, state: _State) -> list[Claim]:
    """Sources found in one sentence, in text order (the state gives pronoun referents)."""
    toks = _tokens(text)
    claims = []
    for i, (word, _, _) in enumerate(toks):
        low = word.lower()
        if low == "according" and i + 1 < len(toks) and toks[i + 1][0].lower() == "to":
            (pos, label, span), rule = _according(text, toks, i), "according_to"
        elif word.islower() and _particle_ok(toks, i) and not _noun_use(toks, i):
            (pos, label, span), rule = _subject(text, toks, i), "speech_verb"
        else:
            continue
        if claims and label.lower() in _SINGULAR | _PLURAL and _is_pronoun(label):
            source = claims[-1].source  # "The U.S. says it believes ..."
        else:
            source = _resolve(label, state) if label else None
        if source:
            resolved = f"{rule}+pronoun" if _is_pronoun(label) else rule
            claims.append(Claim(pos, source, resolved, span))
    return sorted(claims, key=lambda c: c.start)


def _update(state: _State, claims: Sequence[Claim], text: str) -> None:
    for claim in claims:
        if claim.source == state.speaker:
            continue
        state.named_at = state.sentence
        if claim.rule.endswith("pronoun"):
            continue
        if claim.source not in state.names:
            state.names.append(claim.source)
        if _is_plural(claim.source):
            state.plural = claim.source
        else:
            state.singular = claim.source
    opens = text.count("“") + text.count("«")
    closes = text.count("”") + text.count("»")
    straight = text.count('"') % 2 == 1
    if (opens > closes or (straight and state.quote_source is None)) and claims:
        state.quote_source, state.quoted_at = claims[-1].source, state.sentence
    elif (
        closes > opens
        or (straight and state.quote_source is not None)
        or claims
        or state.sentence - state.quoted_at >= CARRY_SENTENCES
    ):
        state.quote_source = None


def attribute_sentences(
    sentences: Sequence[str], speaker: str | None = None, self_names: Sequence[str] = ()
) -> list[list[Claim]]:
    """The claims of every sentence of one document, sources carried across sentences.

    Parameters
    ----------
    sentences : sequence of str
        One document's sentences, in order.
    speaker : str, optional
        The document's speaker (speeches): the source of every sentence without
        a claim of its own, and of "I", "we", "my ..." and "our ...".
    self_names : sequence of str, default=()
        Names of the speaker's own country or office: a claim whose source
        contains one of them is the speaker's.

    Returns
    -------
    list of list of Claim
        Per sentence, its claims in text order; empty when nothing applies
        (the sentence is ``unattributed``).  The rules are in the module
        documentation (:mod:`framing.targets._attribute`).

    Examples
    --------
    >>> claims = attribute_sentences([
    ...     "Ali Larijani declared that resistance groups operate independently.",
    ...     "He emphasized that Iran does not control them.",
    ...     "Western governments push Iraq to dismantle the PMF.",
    ...     "They also call for the disarmament of Hezbollah."])
    >>> [(c[0].source, c[0].rule) for c in claims]
    [('Ali Larijani', 'speech_verb'), ('Ali Larijani', 'speech_verb+pronoun'), \
('Western governments', 'speech_verb'), ('Western governments', 'speech_verb+pronoun')]
    >>> attribute_sentences(["Peace is near.", "We believe it."], speaker="IRN")[0][0].rule
    'speaker'
    """
    state = _State(speaker=speaker, self_names=tuple(n for n in self_names if n))
    out = []
    for number, text in enumerate(sentences):
        state.sentence = number
        claims = _sentence_claims(text, state)
        if not claims and (state.quote_source or speaker):
            rule = "quotation" if state.quote_source else "speaker"
            claims = [Claim(0, state.quote_source or str(speaker), rule)]
        _update(state, [c for c in claims if c.rule not in ("quotation", "speaker")], text)
        out.append(claims)
    return out


def claim_at(claims: Sequence[Claim], position: int) -> Claim | None:
    """The claim covering a character position: the last one starting at or before it
    (the first claim for text before every claim); None when there is no claim."""
    if not claims:
        return None
    chosen = claims[0]
    for claim in claims:
        if claim.start <= position:
            chosen = claim
    return chosen
