"""Which predictions a claim bears on: same subject and the same question.

A prediction asks one of a small number of business questions (the price of the product, when it
launches, volumes, where it is built, who is hired, who runs it, how it is funded, whether it
succeeds...). Each question has a lexicon; a prediction's questions come from its own text, a
claim's from its sentence. A claim is a candidate for a prediction only when they share a subject
and a question, which an inverted index (question -> predictions) answers without comparing every
claim with every prediction. Whether the claim then supports or contradicts is `judge.py`'s job.

Matching is lexical (question lexicons), with no heavy dependency; an embedding matcher has not
been measured against it yet. `python -m hindsight.evaluation.verdicts` prints the dev figures.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from hindsight.analysis.caseless import Caseless
from hindsight.analysis.quantities import find_quantities
from hindsight.domain import Claim, Kind, Prediction, Subject

__all__ = [
    "CLAIM_CUES",
    "PREDICTION_CUES",
    "CandidateIndex",
    "PredictionIndex",
    "Profile",
    "claim_questions",
    "is_question",
    "profile",
]

_I = re.IGNORECASE

# What a claim must say to be about each question.
CLAIM_CUES: dict[str, Caseless] = {
    "price": Caseless(
        r"\bpric(?:e|es|ed|ing)\b|\bcosts?\b|\bstart(?:s|ing)? (?:at|from)\b|\bsells? for\b"
        r"|\bretails? (?:at|for)\b|\bMSRP\b|\b(?:launched|available|on sale|starts?|sold|"
        r"released|unveiled)\b[^.;]{0,30}\b(?:at|from) (?:RMB|CNY|¥|US\$|HK\$|\$|€|£)?\s?\d",
        _I,
    ),
    "launch": Caseless(
        r"\blaunch(?:es|ed|ing)?\b|\bunveil\w*|\bdebut\w*|\bmass[- ]produc\w+|"
        r"\b(?:start|begin|began|started|starts|commence\w*) (?:of )?(?:mass )?production|"
        r"\bproduction (?:start|begin)\w*|"
        r"\bgo(?:es)? on sale|\bwent on sale|\bhit the (?:market|road)|\bofficially released",
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
    "product_class": Caseless(
        r"\baffordable\b|\bcheap\w*|\bbudget\b|\blow-cost\b|\bentry-level\b|\bmini\w*|\bmicro\b|"
        r"\bpremium\b|\bluxury\b|\bhigh-end\b|\bhigh-tech\b|\bflagship\b|\bhigh-performance\b|"
        r"\bexpensive\b|\bprice (?:point )?(?:would|will) be high\b|\bhigh price\b",
        _I,
    ),
}

# What a prediction must say to ask each question (looser: forecasts are phrased vaguely).
PREDICTION_CUES: dict[str, re.Pattern[str]] = {
    "price": re.compile(r"\bpric\w+|\bcosts?\b|\baffordab\w+", _I),
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
    "success": re.compile(r"\bsuccess\w*|\bsucceed\w*|\bfail\w*|\bprofit\w*|\bviab\w+", _I),
    "race": re.compile(
        r"\b[Bb]eat(?:ing)?\b.*\bto the punch\b|\b[Aa]head of [A-Z]|"
        r"\b[Bb]efore [A-Z]\w+ (?:does|did|can|could)\b|\b[Ff]irst to\b|"
        r"\b[Oo]utpac\w+ [A-Z]|\b[Oo]vertak\w+ [A-Z]"
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
    r"\bno chance\b|\bhard to see\b|\bnot expect\b|\bdon't think\b|\bdo not think\b|\bskeptic\w*",
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
    expects = not (prediction.kind == Kind.NEGATIVE_EVENT or _NEGATIVE_CUES.search(text))
    return Profile(
        key=prediction.key,
        questions=frozenset(questions),
        expects=expects,
        question_only=is_question(prediction),
        names=_names(prediction, subjects or []),
        people_quantity=people,
    )


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
        if not subject or not self._names:
            return True
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
