"""The occurrence question: when a named event happens, against the window a forecast gives it.

Why: many forecasts date an event that is neither a product's launch nor a schedule's stage —
"The next halving will occur in May 2024", "the potential timing of The Merge in Q2 or Q3 of
this year", "the referendum will be held in June". The news that settles one says the event
happened, and when: "Bitcoin underwent its fourth halving on April 20, 2024", "the Merge has
officially taken place". The event is matched by its head noun ("halving", "Merge") written
beside the claim's verb of happening; the day inside the window bears the forecast out, a day
outside it refutes it (a month or a part of a year named is as precise as the author chose,
`base.accepted_dates`).

Prefer open to wrong: an expectation ("is still expected to happen around September 13-15"),
a denial, a happening dated before the forecast was written (an earlier one of the same kind),
or a forecast whose event is a pronoun ("it will happen") settles nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache

from hindsight.analysis.caseless import Caseless
from hindsight.analysis.concepts import stem
from hindsight.analysis.matching import Profile
from hindsight.analysis.questions.base import (
    Question,
    Reader,
    Verdict,
    accepted_dates,
    claim_period,
    span,
)
from hindsight.domain import Claim, Prediction, Stance

_I = re.IGNORECASE

# What a forecast says of its event (data: extend here).
_HAPPENS = r"(?:occur|happen|take\s+place|be\s+held)"
# "The next halving will occur", "the vote is expected to take place": the event, then the verb.
_EVENT_BEFORE = re.compile(
    r"(?P<event>[A-Za-z][\w-]*)\s+(?:(?:will|would|should|could|may|might|is|are)\s+"
    r"(?:(?:likely|expected|set|due|scheduled|going)\s+to\s+)?)?" + _HAPPENS + r"\b",
    _I,
)
# "the timing of The Merge", "the date of the referendum": the event named after.
_EVENT_AFTER = re.compile(r"\b(?:timing|date)\s+of\s+(?:the\s+)?(?P<event>[A-Za-z][\w-]*)", _I)
# Words that stand for an event without naming it: nothing to find in the news.
_UNNAMED = re.compile(
    r"it|this|that|these|those|which|what|(?:no|some|any|every)thing|they|there|one|all|each", _I
)

# What a claim says of an event that happened: the event, then the verb ("the halving
# happened"), or the verb, then the event ("underwent its fourth halving").
_HAPPENED = (
    r"(?:occurred|happened|took\s+place|(?:has|have|had)\s+(?:\w+\s+)?taken\s+place|"
    r"was\s+held|were\s+held)"
)
_WENT_THROUGH = r"(?:underwent|went\s+through|complete[sd])"
CLAIM_CUE = Caseless(rf"\b(?:{_HAPPENED}|{_WENT_THROUGH})\b", _I)
_HAPPENED_RE = re.compile(rf"\b{_HAPPENED}\b", _I)
_WENT_THROUGH_RE = re.compile(rf"\b{_WENT_THROUGH}\b", _I)
_WORD = re.compile(r"[A-Za-z][\w-]*")
# How near the event's name stands to the verb, in characters, inside its clause.
_NEAR = 45
_CLAUSE_END = re.compile(r"[.;!?]\s|,\s+(?:and|but|while|which)\b")


@lru_cache(maxsize=4096)
def event_of(text: str) -> str | None:
    """The word naming the event a forecast dates, lower-cased ("halving" of "The next halving
    will occur in May 2024", "merge" of "the timing of The Merge"), or None when it names none."""
    for pattern in (_EVENT_BEFORE, _EVENT_AFTER):
        m = pattern.search(text)
        if m is not None and not _UNNAMED.fullmatch(m.group("event")):
            return m.group("event").lower()
    return None


def _happened(text: str, word: str) -> re.Match[str] | None:
    """The verb saying the event happened, with the event's name beside it in its clause (in
    any of its forms: "halving", "halvings")."""
    event = stem(word)
    for m in _HAPPENED_RE.finditer(text):
        before = _CLAUSE_END.split(text[max(0, m.start() - _NEAR) : m.start()])[-1]
        if any(stem(w.lower()) == event for w in _WORD.findall(before)):
            return m
    for m in _WENT_THROUGH_RE.finditer(text):
        after = _CLAUSE_END.split(text[m.end() : m.end() + _NEAR])[0]
        if any(stem(w.lower()) == event for w in _WORD.findall(after)):
            return m
    return None


def gate(reader: Reader, claim: Claim) -> bool:
    """A stated fact, not denied."""
    return claim.modality == "fact" and claim.polarity


def compare(reader: Reader, claim: Claim, prediction: Prediction, prof: Profile) -> Verdict | None:
    """The day the claim says the forecast's event happened, against the forecast's window."""
    window = prediction.expectation.window
    if window is None or not prof.expects:
        return None
    event = event_of(prediction.text)
    if event is None:
        return None
    verb = _happened(claim.text, event)
    period = claim_period(claim)
    if verb is None or period is None:
        return None
    if prediction.made is not None and period[1] < prediction.made:
        return None  # an earlier one of its kind, before the forecast was written
    lo, hi, shown = accepted_dates(window)
    when = period[0].isoformat() if period[0] == period[1] else f"{period[0]}..{period[1]}"
    said = f'"{span(claim.text, verb)}" {when}'
    if lo <= period[0] and period[1] <= hi:
        return Verdict(Stance.SUPPORTS, 0.9, f"{said}: within the expected window {shown}")
    if period[1] < lo or period[0] > hi:
        side = "before" if period[1] < lo else "after"
        return Verdict(Stance.CONTRADICTS, 0.9, f"{said}: {side} the expected window {shown}")
    return None


def asks(prediction: Prediction) -> bool:
    """The forecast dates an event it names ("The next halving will occur in May 2024")."""
    return prediction.expectation.window is not None and event_of(prediction.text) is not None


QUESTION = Question("occurrence", CLAIM_CUE, None, gate, compare)
