"""The words of claims and predictions: what a statement is about and what a figure measures.

Stems, content words, the words naming a figure's measure, verbs of change and keeping, groups of
words news and forecasts use for the same object, and `Profile`: what a judge knows about a
prediction, read once from its text (`candidates.profile`). The questions themselves (their cues
and comparisons) are in `questions/`; which predictions a claim meets is `candidates`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from hindsight.analysis.alignment import Facts
from hindsight.analysis.caseless import Caseless
from hindsight.analysis.concepts import CONCEPTS, stem
from hindsight.analysis.places import PLACE_PATTERN
from hindsight.analysis.quantities import PHYSICAL_UNITS
from hindsight.domain import Kind, Prediction, Quantity, Subject

__all__ = [
    "ACTIONS",
    "NOT_MEASURE",
    "Profile",
    "action_of",
    "attached_modifiers",
    "common_opener",
    "is_question",
    "measure_words",
    "own_words",
    "same_measure",
    "shared_stems",
    "stem",
    "topic_words",
    "words_before",
    "writes_any",
]

_I = re.IGNORECASE

_QUESTION = re.compile(r"\bwhether\b[^.?]*\bor\b|\?\s*$|\bhas to (?:make a )?decid\w+", _I)


@dataclass(frozen=True)
class Profile:
    """What a judge needs to know about a prediction, derived once from its text."""

    key: str
    questions: frozenset[str]
    expects: bool  # the outcome the prediction expects (False: "slim", "surprised if")
    question_only: bool  # asks a question instead of predicting an outcome
    names: tuple[str, ...]  # capitalised names other than the subject (rivals, references)
    people_quantity: bool  # its quantity counts people (headcount), not products or money
    # What the expected figure measures: stemmed content words before it ("operating margin")
    # and the names among them ("Debrecen": a plant's output is not the company's).
    measure: frozenset[str] = frozenset()
    measure_names: tuple[str, ...] = ()
    # Words attached to the counted noun ("fast" in "fast charging points"): a figure of the
    # same noun without them ("public charging points") counts something else.
    modifiers: frozenset[str] = frozenset()
    # For predictions of a change (or of none): what it is about and which way it goes.
    topic: frozenset[str] = frozenset()
    action: str | None = None  # "down" | "up" | "revise" | "keep" | None
    deeds: frozenset[str] = frozenset()  # the actions it names, by their `deeds` name
    # The expected figure's measure, actor and period, aligned with each news figure before any
    # comparison (`alignment`); `market`: the subject is itself a market (a topic or a place).
    figure: Facts | None = None
    market: bool = False
    # The measure a relayed market forecast is about ("solar capacity"; `topics`): news naming
    # it is proposed for the measure question whoever the forecast is filed under.
    measured: str | None = None
    trend: str | None = None  # "up" | "down": the way a measured topic is forecast to go
    # The countries and releases it names (`places.places_in`, `questions.base.versions`): news
    # naming only others says nothing of it. Read here once, not for every claim it meets.
    places: frozenset[str] = frozenset()
    releases: frozenset[tuple[int, ...]] = frozenset()
    # The names it gives of a product and its parts ("DTK", "A12Z": `questions.makeup`).
    parts: frozenset[str] = frozenset()


def is_question(prediction: Prediction) -> bool:
    """A prediction that asks "whether X or Y" predicts no outcome: no evidence can settle it."""
    return prediction.kind == Kind.OPEN_QUESTION or _QUESTION.search(prediction.text) is not None


# Words that say nothing about what a figure measures: hedges, modals, movement verbs, corporate
# nouns, determiners. What is left ("operating margin", "battery-electric", "deliver") names it.
NOT_MEASURE = frozenset(
    """i we you it its it's they their he she this that these those the a an of to in on at by
    for from with as and or but than then so is are was were be been being will would should
    could may might can must shall do does did has have had not no never think expect expects
    expected believe suspect estimate estimates estimated estimating guess bet predict predicts
    predicted forecast forecasts
    forecasted anticipate anticipates anticipated likely unlikely probably perhaps maybe roughly
    about around approximately nearly almost some just only even still also up down over under
    above below more less fewer most least at-least no-more reach reaches reached hit hits
    pass passes passed dip dips dipped fall falls fell rise rises rose climb climbs climbed drop
    drops dropped stay stays stayed remain remains remained go goes went get gets got make makes
    made come comes came grow grows grew end ends ended said says say told tell report reported
    reports year years month months quarter quarters week weeks day days time first second
    third fourth half next last this company group firm motor motors inc ltd plc corp my our
    your his her them me us well short surprised surprise really if whether""".split()  # noqa: SIM905
)
# Words too general to say what a statement is about.
_NOT_TOPIC = frozenset(
    """one two three four five six seven eight nine ten million billion thousand hundred
    likeliest likely outcome surprised surprise current form way thing things lot part
    per cent percent since ago already yet now there here what which who when where why how
    into onto out off all any each every both either neither such own other another
    without within upon across through throughout toward towards against between among amid
    beyond until unless via whether""".split()  # noqa: SIM905
)
# Heads too common to identify a measure on their own.
_GENERIC_MEASURES = frozenset(
    [
        "share",
        "rate",
        "level",
        "number",
        "total",
        "growth",
        "figure",
        "amount",
        "proportion",
        "final",
    ]
)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z&'’-]*")


# Verbs of change and of keeping, by direction: a prediction that a dividend "will be cut" is
# borne out by "cut its dividend", refuted by "kept its dividend" or "raised its dividend".
ACTIONS: dict[str, Caseless] = {
    "down": Caseless(
        r"\b(?:cut|cuts|cutting|slash\w*|lower(?:s|ed|ing)?|reduc\w+|trim\w*|scrap\w*|"
        r"drop(?:s|ped|ping)?|abandon\w*|cancel\w*|suspend\w*|halt\w*|withdr[ae]w\w*|ditch\w*)\b"
    ),
    # "raises $350 million" is financing, not a rise (see `deeds`: raise_capital).
    "up": Caseless(
        r"\b(?:rais(?:e|es|ed|ing)(?! (?:about |around |some )?(?:\$|€|£|\d|equity|capital|"
        r"funds|money|cash))|lift(?:s|ed|ing)?|increas\w+|boost\w*|hik\w+)\b"
    ),
    "revise": Caseless(
        # "Rust-based replacements installed": a replacement is a thing, replacing (or "a
        # replacement for" the old one) an act
        r"\b(?:replac(?!ements?\b(?!\s+(?:for|of)\b))\w+|restat\w+|revis\w+|rework\w*|overhaul\w*|redesign\w*|revamp\w*|"
        # "being updated to match the guidelines"; not a story "updated on Tuesday"
        r"updat(?:e|es|ed|ing)\s+(?:to|so\s+as\s+to|in\s+line\s+with)\b|"
        r"delay\w*|postpon\w+|push(?:es|ed)? (?:out|back)|slip\w*|"
        # "its most discussed change was the deprecation": the deprecation is the change made;
        # "little changed", "barely changed": about the same, neither a change nor kept as is
        r"(?<!little )(?<!barely )(?<!hardly )(?<!largely )(?<!mostly )(?<!almost )"
        r"(?<!virtually )(?<!essentially )"
        r"chang(?:e|es|ed|ing)\b(?!\s+(?:was|is|were|are|includ\w+)\b))\b"
    ),
    "keep": Caseless(
        # "kept growing", "keeps on rising": going on, not staying as it was.
        r"\b(?:maintain\w*|(?:keep(?:s|ing)?|kept)(?!\s+(?:on\s+)?\w+ing\b)|retain\w*|"
        r"reaffirm\w*|reiterat\w+|"
        r"stick(?:s|ing)? (?:to|with)|stuck (?:to|with)|surviv\w+|unchanged)\b"
    ),
}
_ACTION_WORDS = Caseless("|".join(f"(?:{p.pattern})" for p in ACTIONS.values()))


def action_of(text: str) -> str | None:
    """Which way the text says something goes: the first verb of change or keeping in it."""
    found = [(m.start(), name) for name, p in ACTIONS.items() if (m := p.search(text))]
    return min(found)[1] if found else None


def topic_words(text: str, own: set[str] | None = None) -> frozenset[str]:
    """Stemmed content words of a statement: what it is about, without its verbs of change."""
    own = own or set()
    words: set[str] = set()
    for token in re.findall(
        r"[A-Za-z][A-Za-z0-9'’-]*|(?:19|20)\d\d", _ACTION_WORDS.lowered.sub(" ", text.lower())
    ):
        # A model code ("a330-900") is the most specific object a sentence names: keep it whole.
        parts = [token, *token.split("-")] if "-" in token else [token]
        parts = [p for p in parts if p == token or not p.isdigit()]
        for part in parts:
            bare = re.sub(r"['’]s$", "", part)  # "skylark's" is the subject's name too
            if bare in own or part in NOT_MEASURE or part in _NOT_TOPIC or len(bare) < 3:
                continue
            words.add(stem(part))
    return frozenset(words)


def common_opener(text: str, word: str) -> bool:
    """A capital that only opens the sentence before a noun ("Operating margin will ...") is an
    adjective; before a verb or modal ("Debrecen will be ...") it is a name."""
    m = re.match(rf"\W*{re.escape(word)}\s+([A-Za-z']+)", text)
    return m is not None and m.group(1).lower() not in NOT_MEASURE and not m.group(1).endswith("s")


def own_words(subjects: list[Subject], subject: str) -> set[str]:
    words = {w.lower() for w in subject.split()}
    for s in subjects:
        if s.measured:
            continue  # a measure's words ("solar capacity") are what a figure is about
        for name in (s.name, *s.aliases):
            words.update(w.lower() for w in name.split())
    return words


def words_before(text: str, quantity: Quantity, limit: int = 8) -> list[str]:
    """Up to `limit` words before the figure in its sentence, not reaching back past a number."""
    return _TOKEN.findall(_clause_before(text, quantity))[-limit:]


# Where a figure's clause ends: punctuation, or a word opening another clause or a comparison.
_CLAUSE_END = re.compile(
    r"[,;:.!?()\u2014\u2013]|\s(?:and|but|while|which|who|that|once|when|if|as|because|since|"
    r"until|unless|though|although|after|before|than|compared|up|down|from|versus|vs)\b|\s\d"
)


def words_after(text: str, quantity: Quantity, limit: int = 6) -> list[str]:
    """Up to `limit` words after the figure in its clause, not past a number or a comparison."""
    at = text.find(quantity.text)
    if at < 0:
        return []
    rest = text[at + len(quantity.text) :]
    end = _CLAUSE_END.search(rest)
    return _TOKEN.findall(rest[: end.start() if end else len(rest)])[:limit]


_OF_AFTER = re.compile(r"\s+of\s+")
_PREPOSITIONS = frozenset("in at for from by on to over across during since with within".split())  # noqa: SIM905
_POSSESSIVE = re.compile(r"['’]s$")


def whole_of_share(text: str, quantity: Quantity) -> list[str]:
    """The whole a share is of, named after "of" ("75 percent of the votes", "61% of the
    mine's 2,150 workers"): the noun phrase's lower-case words, without the owner's possessive
    ("the mine's") or a count between, up to a preposition or a name ("in Southern Europe")."""
    at = text.find(quantity.text)
    if at < 0:
        return []
    m = _OF_AFTER.match(text, at + len(quantity.text))
    if m is None:
        return []
    rest = re.sub(r"\s\d[\d,.]*", " ", text[m.end() :])
    end = _CLAUSE_END.search(rest)
    whole: list[str] = []
    for token in _TOKEN.findall(rest[: end.start() if end else len(rest)]):
        if _POSSESSIVE.search(token):
            continue  # the owner ("the mine's"), not the whole
        if token.lower() in _PREPOSITIONS or not token.islower():
            break  # the noun phrase ends: "of heating sales in Southern Europe"
        whole.append(token)
    return whole[:4]


def _clause_before(text: str, quantity: Quantity) -> str:
    """The text before the figure in its sentence, from the last number before it."""
    at = text.find(quantity.text)
    if at < 0:
        return ""
    before = text[:at]
    start = max(before.rfind(m) for m in (". ", "! ", "? ", "; ", "\n")) + 1
    before = before[start:]
    digit = max((i for i, c in enumerate(before) if c.isdigit()), default=-1)
    return before[digit + 1 :]


_MEASURED_AFTER = re.compile(r"\s+(?:of\s+)?([a-z][a-z-]+)")


# A place's name before a word of growth: its economy's growth ("China growth", "euro area
# growth").
_PLACE_GROWTH = re.compile(
    rf"(?<![\w.])(?:{PLACE_PATTERN})(?:['’]s)?\s+(?:growth|grow|grows|grew|grown|expansion)\b"
)


def measure_words(text: str, quantity: Quantity, own: set[str] | None = None) -> frozenset[str]:
    """Stemmed content words naming what `quantity` measures in `text`, with its unit noun.

    A place's rate of growth with no other measure named is its economy's ("China growth
    forecasts of 6.3 percent", "U.S. growth slowed to 1.6%"): "economy" is added, as the news
    that settles it names it ("China's economy grew 6.7%", "GDP")."""
    own = own or set()
    words = [w for w in words_before(text, quantity) if w.lower() not in own]
    if quantity.kind == "percent" and _PLACE_GROWTH.search(_clause_before(text, quantity)):
        words.append("economy")
    if quantity.kind == "money":
        # A sum names no thing: what it is of may follow it in its clause ("$211 million at
        # the domestic box office", "$200 million domestically for the weekend").
        words.extend(w for w in words_after(text, quantity) if w.lower() not in own)
    if quantity.kind == "percent":
        words.extend(w for w in whole_of_share(text, quantity) if w.lower() not in own)
    if quantity.kind == "count" and quantity.unit:
        words.append(quantity.unit)
        if quantity.unit in PHYSICAL_UNITS:
            # A physical unit counts no thing: what it measures follows ("75 GW wind",
            # "93 GW of wind", "a 10 MW solar farm").
            at = text.find(quantity.text)
            after = _MEASURED_AFTER.match(text, at + len(quantity.text)) if at >= 0 else None
            if after and after.group(1).lower() not in own:
                words.append(after.group(1))
    return frozenset(stem(w) for w in words if w.lower() not in NOT_MEASURE and len(w) > 2)


_NOUN_RUN = re.compile(r"((?:[a-z][a-z-]+\s+){0,3})([a-z][a-z-]+)")


def attached_modifiers(text: str, quantity: Quantity) -> frozenset[str]:
    """Stems of the words written straight before the noun a figure counts ("fast charging" in
    "4,000 fast charging points"; "public charging" in "public charging points to reach 40,000").

    The noun is the quantity's unit, else the last plural noun before the figure. Why: two
    figures of the same noun with different modifiers measure different things, and a person
    checks that first.
    """
    at = text.find(quantity.text)
    if at < 0 or quantity.kind != "count":
        return frozenset()
    head = quantity.unit
    if head is None:
        plural = [w for w in words_before(text, quantity) if w.endswith("s") and w.islower()]
        plural = [w for w in plural if w not in NOT_MEASURE]
        if not plural:
            return frozenset()
        head = plural[-1]
    head_stem = stem(head)
    best: frozenset[str] = frozenset()
    for m in _NOUN_RUN.finditer(text.lower()):
        if stem(m.group(2)) != head_stem:
            continue
        words = m.group(1).split()
        kept: list[str] = []
        for word in reversed(words):
            if word in NOT_MEASURE or word in _NOT_TOPIC or word.isdigit():
                break
            kept.append(word)
        if kept and abs(m.start() - at) < 80:
            best = frozenset(stem(w) for w in kept)
    return best


def writes_any(words: Iterable[str], text: str) -> bool:
    """Whether `text` writes any of the words whole, as written ("Suburra", "Flash")."""
    return any(re.search(rf"\b{re.escape(w)}\b", text) for w in words)


def shared_stems(expected: frozenset[str], found: frozenset[str]) -> frozenset[str]:
    """Stems of `expected` that `found` has: equal, or one starting the other (deliver,
    deliveries)."""
    same = expected & found
    rest = expected - same
    if not rest:
        return same
    # The judge's hot loop: set work first, the pairwise prefix test only for long leftovers.
    concepts = {CONCEPTS[f] for f in found if f in CONCEPTS}
    long_found = [f for f in found if len(f) >= 5]
    out = set(same)
    for e in rest:
        if (
            (e in CONCEPTS and CONCEPTS[e] in concepts)
            or (len(e) >= 5 and any(e.startswith(f) or f.startswith(e) for f in long_found))
            # A short word's plural, which `stem` keeps whole ("macs", "mac"; "apps", "app").
            or (e.endswith("s") and e[:-1] in found)
            or (e + "s" in found)
        ):
            out.add(e)
    return frozenset(out)


def same_measure(expected: frozenset[str], found: frozenset[str]) -> frozenset[str]:
    """The words two measures share, when one of them is specific enough to identify it."""
    shared = shared_stems(expected, found)
    if shared - _GENERIC_MEASURES:
        return frozenset(shared)
    return frozenset()
