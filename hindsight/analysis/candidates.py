"""Which predictions a claim bears on: same subject and the same question.

A prediction asks one of a small number of business questions (the price of the product, when it
launches, volumes, where it is built, who is hired, who runs it, how it is funded, whether it
succeeds...), each registered in `questions/` with its cues. A prediction's questions come from
its own text (`profile`), a claim's from its sentence (`claim_questions`). A claim is a candidate
for a prediction only when they share a subject and a question, which an inverted index
(question -> predictions) answers without comparing every claim with every prediction. Whether
the claim then supports or contradicts is the judge's job.

Two questions are not lexicons: "measure" (a prediction's figure and the words naming what it
measures, e.g. "operating margin", compared with a claim's figure of the same measure) and
"event" (what a prediction of a change is about and which way it goes: "the dividend will be
cut"), so that seeds about other businesses than the first one are judged too.

Matching is lexical, with no heavy dependency. Embedding retrieval (all-MiniLM-L6-v2) was
measured against it and lost on both development sets (`benchmarks/semantic_matching.py`);
`CandidateIndex` is the seam another retriever would plug into.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from hindsight.analysis.alignment import MARKET, Facts, expected_facts, market_subject
from hindsight.analysis.awards import is_marked_pick
from hindsight.analysis.context import context_measure, lacks_measure
from hindsight.analysis.deeds import deeds_in
from hindsight.analysis.fixtures import fixture_pick
from hindsight.analysis.matching import (
    NOT_MEASURE,
    Profile,
    action_of,
    attached_modifiers,
    common_opener,
    is_question,
    measure_words,
    own_words,
    topic_words,
    words_before,
    writes_any,
)
from hindsight.analysis.names import MONTHS_AND_DAYS, is_topic
from hindsight.analysis.picks import pick_of
from hindsight.analysis.places import places_in
from hindsight.analysis.quantities import find_quantities
from hindsight.analysis.questions import QUESTIONS
from hindsight.analysis.questions import contest as contest_question
from hindsight.analysis.questions import makeup as makeup_question
from hindsight.analysis.questions import matchup as matchup_question
from hindsight.analysis.questions import occurrence as occurrence_question
from hindsight.analysis.questions import placing as placing_question
from hindsight.analysis.questions import question as registered
from hindsight.analysis.questions import rate as rate_question
from hindsight.analysis.questions.base import versions
from hindsight.analysis.questions.headcount import PERSON_UNITS
from hindsight.analysis.topics import measured_topic, measured_trend
from hindsight.domain import Claim, Kind, Prediction, Quantity, Subject

__all__ = ["CandidateIndex", "PredictionIndex", "claim_questions", "profile"]

_I = re.IGNORECASE
_PREDICTION_CUES = {q.name: q.prediction_cue for q in QUESTIONS if q.prediction_cue is not None}

_NEGATIVE_CUES = re.compile(
    r"\bsurprised if\b|\bunlikely\b|\bdoubt\w*|\bslim\b|\bnot holding\b|\bwon't\b|\bwill not\b|"
    r"\bno chance\b|\bhard to see\b|\bnot expect\b|\bdon't think\b|\bdo not think\b|\bskeptic\w*|"
    r"\b(?:would|will) not need\b|\bno need to\b|\bno plans? to\b|\bnever\b|"
    r"\bnot happening\b",
    _I,
)
_NOT_UNTIL = re.compile(r"\b(?:won['’]t|will not|not)\b(?![^.;]*\bnever\b)[^.;]{0,80}\buntil\b", _I)
_BARRING = re.compile(r"\b(?:barring|short of|save for)\s+[^,.;]*", _I)
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
    questions = {q for q, cue in _PREDICTION_CUES.items() if cue.search(text)}
    if is_marked_pick(prediction.context):
        questions.add("award")  # the nominee a writer marked: a pick of the heading's award
    quantity = prediction.expectation.quantity
    if quantity is not None and _is_odds(text, quantity):
        quantity = None  # "the probability of a recession was as high as 20 percent": no figure
    if quantity is not None and _is_version(text, quantity):
        quantity = None  # "in Ubuntu 25.10": which release, no figure of anything
    people = any(q.unit in PERSON_UNITS for q in find_quantities(text) if q.kind == "count")
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
    own = own_words(subjects or [], prediction.subject)
    measure: frozenset[str] = frozenset()
    measure_names: tuple[str, ...] = ()
    modifiers: frozenset[str] = frozenset()
    figure: Facts | None = None
    if quantity is not None:
        measure = measure_words(text, quantity, own)
        if prediction.context and lacks_measure(prediction):
            # The measure its context names, however far the figure stands from it ("payroll
            # gains: Goldman Sachs, for instance, expects an increase of just 45,000").
            measure |= context_measure(prediction.context, own)
        # The forecaster named before its verb ("Citigroup is projecting a gain of 135,000")
        # says whose forecast it is, not what the figure is of.
        forecaster = {w.lower() for w in (prediction.owner or "").split()}
        measure_names = tuple(
            w
            for w in words_before(text, quantity)
            if w[:1].isupper()
            and w.lower() not in own
            and w.lower() not in forecaster
            and w.lower() not in NOT_MEASURE
            and not common_opener(text, w)
        )
        modifiers = attached_modifiers(text, quantity)
        figure = expected_facts(prediction, quantity, measure, subjects or [])
        if measure:
            questions.add("measure")
    topic = topic_words(text, own)
    # "Barring another delay, it'll come out on ...": the deed it rules out is no deed it
    # forecasts, nor a change of plan it expects.
    unless = _BARRING.sub(" ", text)
    action = action_of(unless)
    if topic and (not questions - {"measure"} or prediction.kind == Kind.COMMITMENT):
        questions.add("event")
    # "We won't see it resolved until the spacecraft begins operations": the negation dates
    # what is expected (when it begins), it does not deny it.
    expects = bool(_NOT_UNTIL.search(text)) or not (
        prediction.kind == Kind.NEGATIVE_EVENT or _NEGATIVE_CUES.search(text)
    )
    # "walked away before it is finished": the clause after "before" dates the deed, it is
    # not one.
    deeds = deeds_in(_TIME_CLAUSE.sub(" ", unless))
    if _NOT_ON_TIME.search(text):
        # "I would be surprised if it arrives on time": the deed is expected, late.
        expects = True
        deeds = deeds | {"delay"}
    if topic and (deeds or prediction.kind in (Kind.COMMITMENT, Kind.TIMELINE)):
        questions.add("deed")  # a commitment or timeline is also refuted by news of its delay
    if occurrence_question.asks(prediction):
        questions.add("occurrence")  # a named event dated: news of when it happened settles it
    if topic:
        questions.add("recalled")  # news recalling the thing forecast and saying it never came
    if matchup_question.asks(prediction):
        questions.add("matchup")  # one side beating another: news of who beat whom settles it
        if fixture_pick(prediction.text, prediction.context) is not None:
            # "a Belgium win" under "Belgium vs Portugal": whose win is the matchup's to say;
            # any "win" in a report of the meeting is not this one's
            questions -= {"deed", "event"}
    if placing_question.asks(prediction):
        questions.add("placing")  # a ranked list's pick says its place in its context line
    parts = makeup_question.parts_of(prediction, subjects or [])
    if makeup_question.asks(prediction, parts):
        questions.add("makeup")  # what a product is built from, by its parts' names
    trend = measured_trend(prediction)
    if trend is not None:
        questions.add("trend")  # a market measure's move over the forecast's period
    if rate_question.asks(prediction):
        questions.add("rate")  # a pace: bounded by any total over a period holding its window
    if (prediction.kind in _GOAL_KINDS or _GOAL_WORD.search(text)) and (
        quantity is not None or any(q.low for q in find_quantities(text))
    ):
        questions.add("goal")  # a figure set as a goal: news of it met or missed settles it
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
        measured=(
            measured_topic(prediction)
            if "measure" in questions
            else (trend[0] if trend is not None else None)
        ),
        trend=trend[1] if trend is not None else None,
        places=places_in(text),
        releases=versions(text),
        parts=parts,
    )


# Words that make a percent the odds of the forecast, not a figure of what it forecasts.
_ODDS_BEFORE = re.compile(
    r"\b(?:probability|odds|chances?|likelihood|risk)\b(?:(?!\d)[^.;])*$", re.IGNORECASE
)


def _is_odds(text: str, quantity: Quantity) -> bool:
    """A percent stated as the chance of the event ("the probability of a global recession was
    as high as 20 percent", "a 30% chance of rain"): how sure the forecast is, not a level."""
    if quantity.kind != "percent":
        return False
    at = text.find(quantity.text)
    if at < 0:
        return False
    after = text[at + len(quantity.text) : at + len(quantity.text) + 16]
    return bool(_ODDS_BEFORE.search(text[max(0, at - 80) : at])) or bool(
        re.match(r"\s+(?:chance|probability|likelihood|odds)\b", after, re.IGNORECASE)
    )


def _is_version(text: str, quantity: Quantity) -> bool:
    """A number the text writes as a release's ("Ubuntu 25.10", "version 2.1"): it names which
    release, no figure to compare."""
    if quantity.kind != "count" or quantity.unit or "." not in quantity.text:
        return False
    parts = tuple(int(p) for p in quantity.text.split(".") if p.isdigit())
    return parts in versions(text)


# Kinds of prediction a report of a goal met or missed settles: a target set, or ruled out.
_GOAL_KINDS = frozenset([Kind.COMMITMENT, Kind.NEGATIVE_EVENT])
# A forecast that names its figure a goal is one, whatever else it is ("a goal for 70% of adults").
_GOAL_WORD = re.compile(r"\b(?:goal|target)s?\b", re.I)


def claim_questions(claim: Claim, asked: Iterable[str] | None = None) -> frozenset[str]:
    """The questions a claim's sentence speaks to (only those in `asked`, when given).

    The sentence is lower-cased once and every cue searched in it (see `caseless`).
    """
    text = claim.text
    lower = text.lower()
    found = set()
    for name in (q.name for q in QUESTIONS) if asked is None else asked:
        asks = registered(name)
        if asks.claim_cue.search(text, lower) and (
            asks.speaks_to is None or asks.speaks_to(claim, lower)
        ):
            found.add(name)
    return frozenset(found)


# The questions a forecast matched by what it measures is asked on: the figure's comparison.
_MEASURED = frozenset(["measure", "trend"])


def _unnamed_market_figure(prediction: Prediction, prof: Profile, subjects: list[Subject]) -> bool:
    """A forecast whose figure has no actor of its own and whose text names neither its subject
    nor any tracked subject: what it forecasts is the market's figure, whoever relayed it."""
    figure = prof.figure
    if figure is None or figure.actor != MARKET or "measure" not in prof.questions:
        return False
    if is_topic(prediction.subject):
        return False  # a topic already is what it forecasts
    text = prediction.text
    named = {
        prediction.subject,
        *(n for s in subjects if not s.measured for n in (s.name, *s.aliases)),
    }
    return not any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text) for n in named if n)


class CandidateIndex(Protocol):
    """Anything that proposes, for a claim, the predictions it may bear on and on which questions.

    `PredictionIndex` (lexical, the default) is one; an embedding retriever can be another.
    """

    subjects: list[Subject]

    def candidates(self, claim: Claim) -> list[tuple[Prediction, frozenset[str]]]:
        """Candidate predictions with the questions to judge them on."""
        ...


def _before(claim: Claim, prediction: Prediction) -> bool:
    """The news was published before the forecast was written: its writer knew it already, so
    it is background to the forecast, never evidence (an old delay, a rival's earlier launch)."""
    return (
        prediction.made is not None
        and claim.published is not None
        and claim.published < prediction.made
    )


def _title_contested(claim: Claim, prediction: Prediction, questions: frozenset[str]) -> str | None:
    """The question on which a claim that names no picked party meets a pick of a title's
    winner, because it names that title: whoever it says took the title settles the pick. A
    ranked pick to finish first ("1. Falcons" under "## NFC South") or a pick of a prize's
    winner ("San Jose wins the Stanley Cup") against "Detroit ... won the Stanley Cup"."""
    if "placing" in questions:
        pick = pick_of(prediction.text, prediction.context)
        if pick is not None and pick.titled is not None and pick.titled in claim.text:
            return "placing"
    if "contest" in questions:
        prize = contest_question.pick_of(prediction.text)
        if prize is not None and prize.named and _says_all(claim.text, prize.prize):
            return "contest"
    return None


def _says_all(text: str, words: tuple[str, ...]) -> bool:
    """Whether `text` has each of the lower-cased words, case aside."""
    said = set(re.findall(r"[\w'’&-]+", text.lower()))
    return set(words) <= said


# A capitalised name inside a sentence (not its opener), and names of the calendar, which
# name no thing.
_NAME_INSIDE = re.compile(r"(?<=[\w,] )[A-Z][\w&-]{2,}")
_CALENDAR_NAMES = MONTHS_AND_DAYS | frozenset(["EST", "PST", "GMT", "UTC"])


@dataclass(frozen=True)
class _UntrackedNames:
    """The subject's name words, its acronym (lower case) if it is one, and the other names the
    forecast gives: a claim naming any of them speaks of it (`PredictionIndex`)."""

    words: tuple[str, ...]
    acronym: str | None
    inside: tuple[str, ...]


class PredictionIndex:
    """Predictions indexed by subject and question, so each claim meets only its candidates."""

    def __init__(self, predictions: list[Prediction], subjects: list[Subject] | None = None):
        self.subjects = subjects or []
        self.profiles: dict[str, Profile] = {}
        self.predictions: dict[str, Prediction] = {}
        self._by_question: dict[str, list[str]] = defaultdict(list)
        self._names: dict[str, set[str]] = {}
        self._subject_match: dict[tuple[tuple[str, ...], str], bool] = {}
        # The candidates of a set of claim questions, before the subject test: a claim's
        # candidates depend on its questions only, and few sets of questions occur.
        self._groups: dict[frozenset[str], list[tuple[Prediction, frozenset[str]]]] = {}
        for subject in self.subjects:
            names = {subject.name, *subject.aliases}
            self._names[subject.name] = names
        self._measured = {s.name for s in self.subjects if s.measured}
        # Forecasts of a market figure that never name whom they are about ("shipments will
        # grow 10.4% in 2015"): their subject is only the party that relayed them or the
        # article's, so they are matched by what they measure, as a topic's are.
        self.by_measure: set[str] = set()
        # Forecasts about a name no subject tracks, with what a claim must name to speak of them.
        self._untracked: dict[str, _UntrackedNames] = {}
        for prediction in predictions:
            prof = profile(prediction, self.subjects)
            self.profiles[prediction.key] = prof
            self.predictions[prediction.key] = prediction
            untracked = self._untracked_names(prediction)
            if untracked is not None:
                self._untracked[prediction.key] = untracked
            if _unnamed_market_figure(prediction, prof, self.subjects):
                self.by_measure.add(prediction.key)
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
        if claim_subjects and all(name in self._measured for name in claim_subjects):
            return False  # about a measure only: met by the forecasts of that measure alone
        if not subject or not self._names or is_topic(subject):
            return True  # a topic ("heat pumps") is judged by what a claim measures, not by name
        for name in claim_subjects:
            if subject == name or subject in self._names.get(name, ()):
                return True
        # A prediction about a subject we do not track is matched on any tracked subject.
        return not any(subject in names for names in self._names.values())

    def _untracked_names(self, prediction: Prediction) -> _UntrackedNames | None:
        """What a claim must name to speak of a forecast about a name no subject tracks, read
        once per forecast; None for a tracked subject or a topic."""
        subject = prediction.subject
        if not subject or is_topic(subject) or any(subject in n for n in self._names.values()):
            return None
        words = tuple(w for w in subject.split() if len(w) >= 3 and w[:1].isupper())
        if not words:
            return None
        inside = tuple(n for n in _NAME_INSIDE.findall(prediction.text) if n not in _CALENDAR_NAMES)
        return _UntrackedNames(words, subject.lower() if subject.isupper() else None, inside)

    def _named_if_untracked(self, claim: Claim, prediction: Prediction) -> bool:
        """A forecast about a name no subject tracks ("Red Oaks", a show in a list of premieres)
        is matched on any tracked subject, but only by a sentence naming it, or naming another
        name the forecast names too ("NASA, Northrop Grumman, and SpaceX are targeting Jan. 30"
        and "Northrop Grumman's Cygnus lifted off"): a claim about another show of the same
        network says nothing of it. Only the two texts decide, never the names learned so far:
        which news pairs with a forecast must not depend on the order the news came in."""
        wanted = self._untracked.get(prediction.key)
        if wanted is None:
            return True
        text = claim.text
        if writes_any((*wanted.words, *wanted.inside), text):
            return True
        # an acronym spelled out ("DTK": "Developer Transition Kit")
        if wanted.acronym is None:
            return False
        initials = "".join(w[0] for w in re.findall(r"\b[A-Za-z][a-z]+", text)).lower()
        return wanted.acronym in initials

    def candidates(self, claim: Claim) -> list[tuple[Prediction, frozenset[str]]]:
        """Predictions sharing a subject and at least one question with the claim.

        Only the cues of questions some prediction asks are searched for; the predictions
        asking them are gathered once per set of questions, and the subject test is made once
        per subject.
        """
        asked = claim_questions(claim, self._by_question.keys())
        group = self._groups.get(asked)
        if group is None:
            group = self._groups[asked] = self._group(asked)
        same: dict[str, bool] = {}
        out = []
        for prediction, questions in group:
            if _before(claim, prediction):
                continue  # news from before the forecast was written cannot settle it
            if prediction.key in self.by_measure:
                if questions & _MEASURED:
                    out.append((prediction, questions & _MEASURED))
                continue
            match = same.get(prediction.subject)
            if match is None:
                match = same[prediction.subject] = self._same_subject(claim, prediction)
            match = match and self._named_if_untracked(claim, prediction)
            if match:
                out.append((prediction, questions))
                continue
            titled = _title_contested(claim, prediction, questions)
            if titled is not None:
                # "the Buccaneers win the NFC South" names not the Falcons picked to win it,
                # but the title they were picked for
                out.append((prediction, frozenset({titled})))
                continue
            measured = self.profiles[prediction.key].measured
            if measured is not None and measured in claim.subjects and questions & _MEASURED:
                # A relayed market forecast, met under the measure it forecasts ("solar
                # capacity"), not under its forecaster: only its figure can be compared.
                out.append((prediction, questions & _MEASURED))
        return out

    def _group(self, asked: frozenset[str]) -> list[tuple[Prediction, frozenset[str]]]:
        """Predictions asking any of `asked`, each with the questions it shares (in the order
        questions are found, then predictions indexed)."""
        shared: dict[str, set[str]] = defaultdict(set)
        for question in asked:
            for key in self._by_question[question]:
                shared[key].add(question)
        return [(self.predictions[key], frozenset(q)) for key, q in shared.items()]
