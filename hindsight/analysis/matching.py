"""Which predictions a claim bears on: same subject and the same question.

A prediction asks one of a small number of business questions (the price of the product, when it
launches, volumes, where it is built, who is hired, who runs it, how it is funded, whether it
succeeds...). Each question has a lexicon; a prediction's questions come from its own text, a
claim's from its sentence. A claim is a candidate for a prediction only when they share a subject
and a question, which an inverted index (question -> predictions) answers without comparing every
claim with every prediction. Whether the claim then supports or contradicts is `judge.py`'s job.

Two questions are not lexicons: "measure" (a prediction's figure and the words naming what it
measures, e.g. "operating margin", compared with a claim's figure of the same measure) and
"event" (what a prediction of a change is about and which way it goes: "the dividend will be
cut"), so that seeds about other businesses than the first one are judged too.

Matching is lexical, with no heavy dependency. Embedding retrieval (all-MiniLM-L6-v2) was
measured against it and lost on both development sets (`benchmarks/semantic_matching.py`);
`CandidateIndex` is the seam another retriever would plug into.
`python -m hindsight.evaluation.verdicts [--archive]` prints the dev figures.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from hindsight.analysis.alignment import Facts, expected_facts, market_subject
from hindsight.analysis.caseless import Caseless
from hindsight.analysis.deeds import DEED_CUES, GOAL_CUES, deeds_in
from hindsight.analysis.quantities import find_quantities
from hindsight.domain import Claim, Kind, Prediction, Quantity, Subject

__all__ = [
    "ACTIONS",
    "CLAIM_CUES",
    "PREDICTION_CUES",
    "CandidateIndex",
    "PredictionIndex",
    "Profile",
    "action_of",
    "attached_modifiers",
    "claim_questions",
    "is_question",
    "measure_words",
    "profile",
    "same_measure",
    "shared_stems",
    "topic_words",
]

_I = re.IGNORECASE

# What a claim must say to be about each question.
CLAIM_CUES: dict[str, Caseless] = {
    "price": Caseless(
        r"\bpric(?:e|es|ed|ing)\b|\bcosts?\b|\bfares?\b|\btariffs?\b"
        r"|\bstart(?:s|ing)? (?:at|from)\b|\bsells? for\b"
        r"|\bretails? (?:at|for)\b|\bMSRP\b|\b(?:launched|available|on sale|starts?|sold|"
        r"released|unveiled)\b[^.;]{0,30}\b(?:at|from) (?:RMB|CNY|¥|US\$|HK\$|\$|€|£)?\s?\d",
        _I,
    ),
    "launch": Caseless(
        r"\blaunch(?:es|ed|ing)?\b|\bunveil\w*|\bdebut\w*|\bmass[- ]produc\w+|"
        r"\b(?:start|begin|began|started|starts|commence\w*) (?:of )?(?:mass )?production|"
        r"\bproduction (?:start|begin)\w*|"
        r"\bgo(?:es)? on sale|\bwent on sale|\bhit the (?:market|road)|\bofficially released|"
        r"\bdelay(?:s|ed)?\b|\bpostpon\w+|\bpush(?:es|ed)? back\b",
        _I,
    ),
    "volume": Caseless(
        r"\bdeliver(?:ed|ies|y|s|ing)?\b|\bsold\b|\bsales\b|\bshipp?(?:ed|ments?)\b|"
        r"\brolled off\b|\bcame off\b|\broll(?:s)? off\b|\bunits? (?:produced|built)\b|\boutput\b",
        _I,
    ),
    "capacity": Caseless(
        r"\bfactor(?:y|ies)\b|\bplants?\b|\bcapacity\b|\bproduction (?:base|line|facilit\w+)\b|"
        r"\bmanufactur\w+\b|\bgreenfield\b|\bstake\b|\bacqui\w+|\btake ?over\b|\bpick up\b|"
        r"\b(?:share)?holding\b",
        _I,
    ),
    "hiring": Caseless(
        r"\bjoin(?:ed|s)\b|\bhir(?:ed|es|ing)\b|\brecruit\w*|\bpoach\w*|\bappointed\b|"
        r"\bformer(?:ly)?\b|\bex-[A-Z]|\bpreviously\b|\bdefect\w*|\blured\b|"
        r"\bonce (?:headed|led|ran|worked)\b|\b(?:taken|took) on\b",
        _I,
    ),
    "leadership": Caseless(
        r"\bCEO\b|\bchief executive\b|\bchairman\b|\bpresident\b|\bhead(?:s|ed)? (?:of|the)\b|"
        r"\bin charge of\b|\bleads? the\b|\bruns? the\b|\b(?:headed|led|run) by\b|\bhelm\w*",
        _I,
    ),
    "investment": Caseless(
        r"\binvest(?:s|ed|ing|ment|ments)?\b|\bR&D (?:funds|spending|investments?|budget)|"
        r"\bspen[dt](?:s|ing)?\b|\bcapex\b|\bcapital expenditure|"
        r"\b(?:billion|million)\b(?: \w+){0,2} (?:of|in) R&D\b|"
        r"\b(?:devot|commit)\w*\b[^.;]{0,40}\b(?:billion|million)\b|"
        r"\bput (?:in|into)?\s*[^.;]{0,25}\b(?:billion|million)\b",
        _I,
    ),
    "ownership": Caseless(
        r"\bwholly[- ]own\w*|\bowned outright\b|\bsubsidiar\w+|"
        r"\b(?:outside|external|third-party) investors?\b|"
        r"\bfunding round\b|\bseries [A-D]\b|\bspin[- ]?off\b|\bown cash\b",
        _I,
    ),
    "headcount": Caseless(
        r"\b(?:staff|employees?|engineers?|people|personnel|workers?|headcount|researchers?|"
        r"team)\b",
        _I,
    ),
    "demand": Caseless(
        r"\b(?:pre-?orders?|orders?|bookings?|reservations?|deposits?|lock-in|sold out|"
        r"waiting list|backlog|weak demand|poor sales|unsold)\b",
        _I,
    ),
    "success": Caseless(
        r"\bprofit\w*|\bin the black\b|\bbreak[- ]?even\b|\b(?:beat|beating|exceed\w*|surpass\w*) "
        r"(?:\S+ ){0,4}targets?\b|\bshut (?:down|it down)\b|\bscrap\w*|\babandon\w*|\bbankrupt\w*|"
        r"\bwind(?:s|ing)? down\b|\bexit\w* the\b",
        _I,
    ),
    "race": Caseless(
        r"\bbeat\w*|\bahead of\b|\bbefore\b|\bfirst\b|\bfaster\b|\bovertak\w+|\boutpac\w+|"
        r"\bdid what\b|\bspent \S+ (?:\S+ )?years\b|\bwhere \S+ failed\b|\bdelay\w*|"
        r"\bto the punch\b",
        _I,
    ),
    # Any figure: whether it measures what a prediction's figure measures is the judge's call.
    "measure": Caseless(
        r"\d|\b(?:half a|a|one|two|three|four|five|six|seven|eight|nine|ten)"
        r"[\s-]+(?:million|billion)\b"
    ),
    "event": Caseless(
        "|".join(
            [
                r"\b(?:cut|cuts|slash\w*|lower(?:s|ed)|reduc\w+|trim\w*|scrap\w*|drop(?:s|ped|ping)",
                r"abandon\w*|cancel\w*|suspend\w*|halt\w*|withdr[ae]w\w*|ditch\w*|rais(?:es|ed)",
                r"lift(?:s|ed)|increas\w+|boost\w*|hik\w+|replac\w+|restat\w+|revis\w+|delay\w*",
                r"postpon\w+|push(?:es|ed)? (?:out|back)|slip\w*|chang(?:es|ed)|maintain\w*",
                r"keep(?:s|ing)?|kept|retain\w*|reaffirm\w*|reiterat\w+|surviv\w+|unchanged)\b",
            ]
        )
    ),
    # An action told in any of its common words (see `deeds`), and a goal reported met or missed.
    "deed": DEED_CUES,
    "goal": GOAL_CUES,
    # A target lowered or given up: "drops its 15 GW goal", "lowered its target to 11 GW".
    "target": Caseless(
        r"\b(?:lower(?:s|ed|ing)?|cut(?:s|ting)?|drop(?:s|ped|ping)?|scrap(?:s|ped|ping)?|"
        r"abandon\w*|scal(?:es|ed|ing) back|reduc\w+|downgrad\w+|water(?:s|ed)? down|ditch\w*|"
        r"giv(?:es|ing) up|gave up)\b[^.;]{0,40}?\b(?:target|goal|ambition|pledge)s?\b"
        r"|\b(?:target|goal|ambition|pledge)s?\b[^.;]{0,30}?\b(?:was |were |has been |is )?"
        r"(?:lowered|cut|dropped|scrapped|abandoned|scaled back|reduced|downgraded)\b",
        _I,
    ),
    "product_class": Caseless(
        r"\baffordable\b|\bcheap\w*|\bbudget\b|\blow-cost\b|\bentry-level\b|\bmini\w*|\bmicro\b|"
        r"\bpremium\b|\bluxury\b|\bhigh-end\b|\bhigh-tech\b|\bflagship\b|\bhigh-performance\b|"
        r"\bexpensive\b|\bprice (?:point )?(?:would|will) be high\b|\bhigh price\b",
        _I,
    ),
}

# What a prediction must say to ask each question (looser: forecasts are phrased vaguely).
PREDICTION_CUES: dict[str, re.Pattern[str]] = {
    "price": re.compile(r"\bpric\w+|\bcosts?\b|\baffordab\w+|\bfares?\b|\btariffs?\b", _I),
    "launch": re.compile(
        r"\blaunch\w*|\bunveil\w*|\bdebut\w*|\bemerge\b|\bsee an? (?:actual|first|real)\b|"
        r"\bmass[- ]produc\w+|\bstart production\b|\bon sale\b|\bhit the (?:market|road)\b|"
        r"\brelease\w*|\barriv\w+",
        _I,
    ),
    "volume": re.compile(
        r"\bvolumes?\b|\bsales\b|\bdeliver\w*|\bsell\b|\bunits\b|\bmarket share\b", _I
    ),
    "capacity": re.compile(
        r"\bfactor(?:y|ies)\b|\bplants?\b|\bcapacity\b|\bmanufactur\w+|\bgreenfield\b|"
        r"\bcontract[- ]manufactur\w+|\bproduction facilit\w+",
        _I,
    ),
    "hiring": re.compile(r"\bpoach\w*|\bhir(?:e|es|ing)\b|\brecruit\w*|\btalent\b", _I),
    "leadership": re.compile(
        r"\bCEO\b|\bchief executive\b|\bchairman\b|\bhead of\b|"
        r"\bin charge\b|\brun by\b",
        _I,
    ),
    "investment": re.compile(r"\binvest(?:s|ed|ing|ment|ments)?\b", _I),
    "ownership": re.compile(
        r"\bwholly[- ]owned\b|\bsubsidiar\w+|\boutside investors\b|"
        r"\bown cash\b|\bfunded entirely\b|\bspin[- ]?off\b",
        _I,
    ),
    "headcount": re.compile(
        r"\b(?:team|staff|employees|engineers|people|personnel|workforce)\b", _I
    ),
    "demand": re.compile(r"\bbuy\b|\bdemand\b|\border\w*|\bfan base\b|\bcustomers will\b", _I),
    "success": re.compile(
        r"\bsuccess\w*|\bsucceed\w*|\bfail\w*|\bprofit\w*|\bviab\w+|"
        r"\bpositive (?:operating |net )?(?:income|earnings|cash flow)\b|\bin the black\b|"
        r"\bbreak[- ]?even\b",
        _I,
    ),
    "race": re.compile(
        r"\b[Bb]eat(?:ing)?\b.*\bto the punch\b|\b[Aa]head of [A-Z]|"
        r"\b[Bb]efore [A-Z]\w+ (?:does|did|can|could)\b|\b[Ff]irst to\b|"
        r"\b[Oo]utpac\w+ [A-Z]|\b[Oo]vertak\w+ [A-Z]"
    ),
    # A figure the subject committed to, or a forecast that it will (not) reach one.
    "target": re.compile(
        r"\b(?:commit\w*|pledg\w+|promis\w+|targets?|goals?|ambition|reach\w*|hit)\b", _I
    ),
    "product_class": re.compile(
        r"\baffordable\b|\bcheap\w*|\bbudget\b|\bmini\w*|\bmicro\b|"
        r"\bpremium\b|\bluxury\b|\bhigh-end\b|\balong the lines of\b",
        _I,
    ),
}

_PERSON_UNITS = frozenset(
    [
        "person",
        "people",
        "employee",
        "staff",
        "engineer",
        "personnel",
        "worker",
        "researcher",
        "hire",
        "member",
    ]
)
_NEGATIVE_CUES = re.compile(
    r"\bsurprised if\b|\bunlikely\b|\bdoubt\w*|\bslim\b|\bnot holding\b|\bwon't\b|\bwill not\b|"
    r"\bno chance\b|\bhard to see\b|\bnot expect\b|\bdon't think\b|\bdo not think\b|\bskeptic\w*|"
    r"\b(?:would|will) not need\b|\bno need to\b|\bno plans? to\b|\bnever\b",
    _I,
)
_TIME_CLAUSE = re.compile(
    r"\b(?:before|until|till|once|after)\s+(?:it|they|the \w+|this|that)\s+(?:is|are|was|were|"
    r"has|have|had)\b[^,.;]*",
    _I,
)
_NOT_ON_TIME = re.compile(
    r"\bsurprised if\b[^.;]*\bon (?:time|schedule)\b|\b(?:not|n't) (?:be |arrive |come )?"
    r"on (?:time|schedule)\b",
    _I,
)
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


def is_question(prediction: Prediction) -> bool:
    """A prediction that asks "whether X or Y" predicts no outcome: no evidence can settle it."""
    return prediction.kind == Kind.OPEN_QUESTION or _QUESTION.search(prediction.text) is not None


def _names(prediction: Prediction, subjects: list[Subject]) -> tuple[str, ...]:
    known = {prediction.subject}
    for subject in subjects:
        known.update((subject.name, *subject.aliases))
    out: list[str] = []
    for m in re.finditer(
        r"(?<![.!?]\s)(?<!^)\b([A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+)*)", prediction.text
    ):
        words = [w for w in m.group(1).split() if w not in known and len(w) > 2]
        for word in words:
            if (word not in out and word.upper() != word[:1] + word[1:].upper()) or (
                word not in out and len(word) > 3
            ):
                out.append(word)
    return tuple(w for w in out if w.lower() not in {"the", "chinese", "personally"})


def profile(prediction: Prediction, subjects: list[Subject] | None = None) -> Profile:
    """The questions a prediction asks, the outcome it expects and the names it compares with."""
    text = prediction.text
    questions = {q for q, cue in PREDICTION_CUES.items() if cue.search(text)}
    quantity = prediction.expectation.quantity
    people = any(q.unit in _PERSON_UNITS for q in find_quantities(text) if q.kind == "count")
    if not people:
        questions.discard("headcount")
    if prediction.kind == Kind.PRICE or (
        quantity is not None and quantity.kind == "money" and "invest" not in text.lower()
    ):
        questions.add("price")
    if prediction.kind == Kind.TIMELINE and not questions & {"launch", "volume"}:
        questions.add("launch")
    if "price" in questions:
        questions.discard("product_class")
    own = _own_words(subjects or [], prediction.subject)
    measure: frozenset[str] = frozenset()
    measure_names: tuple[str, ...] = ()
    modifiers: frozenset[str] = frozenset()
    figure: Facts | None = None
    if quantity is not None:
        measure = measure_words(text, quantity, own)
        measure_names = tuple(
            w
            for w in _words_before(text, quantity)
            if w[:1].isupper()
            and w.lower() not in own
            and w.lower() not in _NOT_MEASURE
            and not _common_opener(text, w)
        )
        modifiers = attached_modifiers(text, quantity)
        figure = expected_facts(prediction, quantity, measure, subjects or [])
        if measure:
            questions.add("measure")
    topic = topic_words(text, own)
    action = action_of(text)
    if topic and (not questions - {"measure"} or prediction.kind == Kind.COMMITMENT):
        questions.add("event")
    expects = not (prediction.kind == Kind.NEGATIVE_EVENT or _NEGATIVE_CUES.search(text))
    # "walked away before it is finished": the clause after "before" dates the deed, it is
    # not one.
    deeds = deeds_in(_TIME_CLAUSE.sub(" ", text))
    if _NOT_ON_TIME.search(text):
        # "I would be surprised if it arrives on time": the deed is expected, late.
        expects = True
        deeds = deeds | {"delay"}
    if topic and (deeds or prediction.kind in (Kind.COMMITMENT, Kind.TIMELINE)):
        questions.add("deed")  # a commitment or timeline is also refuted by news of its delay
    if prediction.kind in _GOAL_KINDS and (
        quantity is not None or any(q.low for q in find_quantities(text))
    ):
        questions.add("goal")
    return Profile(
        key=prediction.key,
        questions=frozenset(questions),
        expects=expects,
        question_only=is_question(prediction),
        names=_names(prediction, subjects or []),
        people_quantity=people,
        measure=measure,
        measure_names=measure_names,
        modifiers=modifiers,
        topic=topic,
        action=action,
        deeds=deeds,
        figure=figure,
        market=market_subject(prediction),
    )


# Kinds of prediction a report of a goal met or missed settles: a target set, or ruled out.
_GOAL_KINDS = frozenset([Kind.COMMITMENT, Kind.NEGATIVE_EVENT])


# Words that say nothing about what a figure measures: hedges, modals, movement verbs, corporate
# nouns, determiners. What is left ("operating margin", "battery-electric", "deliver") names it.
_NOT_MEASURE = frozenset(
    """i we you it its it's they their he she this that these those the a an of to in on at by
    for from with as and or but than then so is are was were be been being will would should
    could may might can must shall do does did has have had not no never think expect expects
    expected believe suspect estimate guess bet likely unlikely probably perhaps maybe roughly
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
    into onto out off all any each every both either neither such own other another""".split()  # noqa: SIM905
)
# Heads too common to identify a measure on their own.
_GENERIC_MEASURES = frozenset(
    ["share", "rate", "level", "number", "total", "growth", "figure", "amount", "proportion"]
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
        r"\b(?:replac\w+|restat\w+|revis\w+|delay\w*|postpon\w+|push(?:es|ed)? (?:out|back)|"
        r"slip\w*|chang(?:e|es|ed|ing))\b"
    ),
    "keep": Caseless(
        r"\b(?:maintain\w*|keep(?:s|ing)?|kept|retain\w*|reaffirm\w*|reiterat\w+|"
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
            if bare in own or part in _NOT_MEASURE or part in _NOT_TOPIC or len(bare) < 3:
                continue
            words.add(stem(part))
    return frozenset(words)


def _common_opener(text: str, word: str) -> bool:
    """A capital that only opens the sentence before a noun ("Operating margin will ...") is an
    adjective; before a verb or modal ("Debrecen will be ...") it is a name."""
    m = re.match(rf"\W*{re.escape(word)}\s+([A-Za-z']+)", text)
    return m is not None and m.group(1).lower() not in _NOT_MEASURE and not m.group(1).endswith("s")


def _own_words(subjects: list[Subject], subject: str) -> set[str]:
    words = {w.lower() for w in subject.split()}
    for s in subjects:
        for name in (s.name, *s.aliases):
            words.update(w.lower() for w in name.split())
    return words


def _words_before(text: str, quantity: Quantity, limit: int = 8) -> list[str]:
    """Up to `limit` words before the figure in its sentence, not reaching back past a number."""
    at = text.find(quantity.text)
    if at < 0:
        return []
    before = text[:at]
    start = max(before.rfind(m) for m in (". ", "! ", "? ", "; ", "\n")) + 1
    before = before[start:]
    digit = max((i for i, c in enumerate(before) if c.isdigit()), default=-1)
    return _TOKEN.findall(before[digit + 1 :])[-limit:]


def stem(word: str) -> str:
    word = word.lower().replace("’", "'").removesuffix("'s").strip("'-")
    for suffix in ("ies", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def measure_words(text: str, quantity: Quantity, own: set[str] | None = None) -> frozenset[str]:
    """Stemmed content words naming what `quantity` measures in `text`, with its unit noun."""
    own = own or set()
    words = [w for w in _words_before(text, quantity) if w.lower() not in own]
    if quantity.kind == "count" and quantity.unit:
        words.append(quantity.unit)
    return frozenset(stem(w) for w in words if w.lower() not in _NOT_MEASURE and len(w) > 2)


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
        plural = [w for w in _words_before(text, quantity) if w.endswith("s") and w.islower()]
        plural = [w for w in plural if w not in _NOT_MEASURE]
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
            if word in _NOT_MEASURE or word in _NOT_TOPIC or word.isdigit():
                break
            kept.append(word)
        if kept and abs(m.start() - at) < 80:
            best = frozenset(stem(w) for w in kept)
    return best


# Words news and forecasts use for the same object, by stem (`stem`): "the IPO" is "the
# listing" and "the debut"; "the plant" is "the factory". Only objects of business and policy
# news, each group one thing a person would call the same.
_CONCEPT_GROUPS = {
    "listing": "ipo listing list flotation float debut debuts",
    "aircraft": "aircraft jet jets plane airliner airplane widebody narrowbody",
    "factory": "factory plant plants facility facilities fab fabs",
    "vehicle": "car cars vehicle vehicles sedan sedans suv suvs",
    "route": "route routes flight flights",
    "connection": "connection connections link links interconnector cable",
    "chief": "ceo boss chief",
    "staff": "staff employee employees worker workers personnel headcount",
    "store": "store stores shop shops outlet outlets supermarket supermarkets",
    "home": "home homes dwelling dwellings apartment apartments",
    "stake": "stake stakes equity",
}
CONCEPTS: dict[str, str] = {
    stem(word): group for group, words in _CONCEPT_GROUPS.items() for word in words.split()
}  # (plural stems that are other words, "planes" -> "plan", are left out of the groups)


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
        if (e in CONCEPTS and CONCEPTS[e] in concepts) or (
            len(e) >= 5 and any(e.startswith(f) or f.startswith(e) for f in long_found)
        ):
            out.add(e)
    return frozenset(out)


def same_measure(expected: frozenset[str], found: frozenset[str]) -> frozenset[str]:
    """The words two measures share, when one of them is specific enough to identify it."""
    shared = shared_stems(expected, found)
    if shared - _GENERIC_MEASURES:
        return frozenset(shared)
    return frozenset()


def claim_questions(claim: Claim, asked: Iterable[str] | None = None) -> frozenset[str]:
    """The questions a claim's sentence speaks to (only those in `asked`, when given).

    The sentence is lower-cased once and every cue searched in it (see `caseless`).
    """
    text = claim.text
    lower = text.lower()
    wanted = CLAIM_CUES.keys() if asked is None else asked
    found = {q for q in wanted if CLAIM_CUES[q].search(text, lower)}
    if (
        "headcount" in found
        and not any(q.unit in _PERSON_UNITS for q in claim.quantities)
        and not _HEADCOUNT_WORDS.search(text, lower)
    ):
        found.discard("headcount")
    return frozenset(found)


_HEADCOUNT_WORDS = Caseless(r"\b(?:staff|personnel|headcount)\b")


class CandidateIndex(Protocol):
    """Anything that proposes, for a claim, the predictions it may bear on and on which questions.

    `PredictionIndex` (lexical, the default) is one; an embedding retriever can be another.
    """

    subjects: list[Subject]

    def candidates(self, claim: Claim) -> list[tuple[Prediction, frozenset[str]]]:
        """Candidate predictions with the questions to judge them on."""
        ...


class PredictionIndex:
    """Predictions indexed by subject and question, so each claim meets only its candidates."""

    def __init__(self, predictions: list[Prediction], subjects: list[Subject] | None = None):
        self.subjects = subjects or []
        self.profiles: dict[str, Profile] = {}
        self.predictions: dict[str, Prediction] = {}
        self._by_question: dict[str, list[str]] = defaultdict(list)
        self._names: dict[str, set[str]] = {}
        self._subject_match: dict[tuple[tuple[str, ...], str], bool] = {}
        for subject in self.subjects:
            names = {subject.name, *subject.aliases}
            self._names[subject.name] = names
        for prediction in predictions:
            prof = profile(prediction, self.subjects)
            self.profiles[prediction.key] = prof
            self.predictions[prediction.key] = prediction
            if prof.question_only:
                continue
            for question in sorted(prof.questions):
                self._by_question[question].append(prediction.key)

    def _same_subject(self, claim: Claim, prediction: Prediction) -> bool:
        cache_key = (claim.subjects, prediction.subject)
        known = self._subject_match.get(cache_key)
        if known is None:
            known = self._subject_matches(claim.subjects, prediction.subject)
            self._subject_match[cache_key] = known
        return known

    def _subject_matches(self, claim_subjects: tuple[str, ...], subject: str) -> bool:
        if not subject or not self._names or not subject[:1].isupper():
            return True  # a topic ("heat pumps") is judged by what a claim measures, not by name
        for name in claim_subjects:
            if subject == name or subject in self._names.get(name, ()):
                return True
        # A prediction about a subject we do not track is matched on any tracked subject.
        return not any(subject in names for names in self._names.values())

    def candidates(self, claim: Claim) -> list[tuple[Prediction, frozenset[str]]]:
        """Predictions sharing a subject and at least one question with the claim.

        Only the cues of questions some prediction asks are searched for.
        """
        shared: dict[str, set[str]] = defaultdict(set)
        for question in claim_questions(claim, self._by_question.keys()):
            for key in self._by_question[question]:
                shared[key].add(question)
        out = []
        for key, questions in shared.items():
            prediction = self.predictions[key]
            if self._same_subject(claim, prediction):
                out.append((prediction, frozenset(questions)))
        return out
