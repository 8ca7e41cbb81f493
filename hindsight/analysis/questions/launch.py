"""The launch question."""

from __future__ import annotations

import re
from datetime import date

from dateutil.relativedelta import relativedelta

from hindsight.analysis.caseless import Caseless
from hindsight.analysis.matching import (
    Profile,
    shared_stems,
)
from hindsight.analysis.questions.base import (
    Question,
    Reader,
    Verdict,
    another_one,
    claim_period,
    window_text,
)
from hindsight.domain import Claim, Prediction, Stance

_I = re.IGNORECASE

# What a claim must say to speak to this question.
CLAIM_CUE = Caseless(
    r"\blaunch(?:es|ed|ing)?\b|\bunveil\w*|\bdebut\w*|\bmass[- ]produc\w+|"
    r"\b(?:start|begin|began|started|starts|commence\w*) (?:of )?(?:mass )?production|"
    r"\bproduction (?:start|begin)\w*|"
    r"\bgo(?:es)? on sale|\bwent on sale|\bhit the (?:market|road)|\breleas(?:ed|es)\b|"
    r"\bdelay(?:s|ed)?\b|\bpostpon\w+|\bpush(?:es|ed)? back\b",
    _I,
)
# What a prediction must say to ask it (looser: forecasts are phrased vaguely).
PREDICTION_CUE = re.compile(
    r"\blaunch\w*|\bunveil\w*|\bdebut\w*|\bemerge\b|\bsee an? (?:actual|first|real)\b|"
    r"\bmass[- ]produc\w+|\bstart production\b|\bon sale\b|\bhit the (?:market|road)\b|"
    r"\brelease\w*|\barriv\w+",
    _I,
)
_TIMELINE_TOLERANCE = relativedelta(months=6)
_DEADLINE = re.compile(r"\s*(?:by|before|no later than|not later than|until|till)\b", re.I)
# A window the forecast names by its month ("February 2021", "in March"): a precise date.
_NAMED_MONTH = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b", _I
)
_FIRST = Caseless(r"\bfirst\b")


def gate(reader: Reader, claim: Claim) -> bool:
    """What the claim must be for any prediction of this question (tested once per claim)."""
    return claim_period(claim) is not None


def compare(reader: Reader, claim: Claim, prediction: Prediction, prof: Profile) -> Verdict | None:
    window = prediction.expectation.window
    period = claim_period(claim)
    if window is None or period is None:
        return None
    products = [p for s in reader.subjects for p in s.products]
    first_named = bool(products) and re.search(rf"\b{re.escape(products[0])}\b", claim.text)
    if products and not first_named and not reader.search(_FIRST, claim):
        # Once a product exists, only the first product's launch dates the first arrival.
        return None
    objects = {w for w in shared_stems(prof.topic, reader.words_of(claim)) if not w.isdigit()}
    if not first_named and not objects:
        return None  # the launch of something else (a listing, a route, a rival's car)
    if another_one(prediction, claim):
        return None  # "its sixth aircraft" is not the first one the prediction dates
    if not claim.polarity:
        # "has not launched yet": before the window closes there is still time; after it,
        # the launch expected in the window did not come.
        if period[1] <= window.end:
            return None
        return Verdict(
            Stance.CONTRADICTS,
            1.0,
            f"no launch reported by {period[1].isoformat()}, after the expected window "
            f"{window_text(window)}",
        )
    if window.text.startswith("not before"):
        # "I don't see it launched before 2026": up to the window's end is ruled out.
        when = f"{period[0].isoformat()}..{period[1].isoformat()}"
        if period[1] <= window.end:
            return Verdict(
                Stance.CONTRADICTS,
                1.0,
                f"launch {when} is inside {window.text}, which the prediction ruled out",
            )
        if period[0] > window.end:
            return Verdict(Stance.SUPPORTS, 1.0, f"launch {when} is after {window.end.isoformat()}")
        return None
    if _DEADLINE.match(window.text):
        # "before the end of 2026" is a deadline: any time up to it, not a day after.
        lo, hi = date.min, window.end
        shown = f"by {window.end.isoformat()}"
    elif _NAMED_MONTH.search(window.text) and (window.end - window.start).days <= 31:
        # "in February 2021" is as precise as the author chose to be: that month, no slack.
        lo, hi = window.start, window.end
        shown = window_text(window)
    else:
        lo = window.start - _TIMELINE_TOLERANCE
        hi = window.end + _TIMELINE_TOLERANCE
        shown = (
            f"{window_text(window)} +- 6 months"
            if window.start != window.end
            else f"{window.start.isoformat()} +- 6 months"
        )
    when = (
        period[0].isoformat()
        if period[0] == period[1]
        else f"{period[0].isoformat()}..{period[1].isoformat()}"
    )
    if lo <= period[0] and period[1] <= hi:
        return Verdict(Stance.SUPPORTS, 1.0, f"launch {when} is within the expected window {shown}")
    if period[1] < lo or period[0] > hi:
        side = "before" if period[1] < lo else "after"
        return Verdict(
            Stance.CONTRADICTS, 1.0, f"launch {when} is {side} the expected window {shown}"
        )
    return None


QUESTION = Question("launch", CLAIM_CUE, PREDICTION_CUE, gate, compare)
