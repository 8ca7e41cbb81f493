"""The headcount question."""

from __future__ import annotations

import re

from hindsight.analysis.caseless import Caseless
from hindsight.analysis.matching import (
    Profile,
)
from hindsight.analysis.questions.base import (
    Question,
    Reader,
    Verdict,
    fmt_number,
    fmt_quantity,
    interval,
)
from hindsight.analysis.subjects import alias_pattern
from hindsight.domain import Claim, Prediction, Quantity, Stance

_I = re.IGNORECASE

# What a claim must say to speak to this question.
CLAIM_CUE = Caseless(
    r"\b(?:staff|employees?|engineers?|people|personnel|workers?|headcount|researchers?|"
    r"team)\b",
    _I,
)
# What a prediction must say to ask it (looser: forecasts are phrased vaguely).
PREDICTION_CUE = re.compile(
    r"\b(?:team|staff|employees|engineers|people|personnel|workforce)\b", _I
)
_PEOPLE = frozenset(
    ["person", "employee", "staff", "engineer", "personnel", "worker", "researcher"]
)
_UNIT_WORD = Caseless(
    r"\b(?:unit|division|business|project|subsidiary|segment|programme|program)\b", _I
)


def gate(reader: Reader, claim: Claim) -> bool:
    """What the claim must be for any prediction of this question (tested once per claim)."""
    return any(q.kind == "count" for q in claim.quantities)


def compare(reader: Reader, claim: Claim, prediction: Prediction, prof: Profile) -> Verdict | None:
    people = [
        q
        for q in reader.prediction_quantities(prediction)
        if q.kind == "count" and q.unit in _PEOPLE
    ]
    if not people:
        return None
    expected = people[0]
    target = expected.low
    extra = re.search(r"\badd (?:another |a further )?(\d[\d,]*)(?: more)?\b", prediction.text)
    if extra:
        target += float(extra.group(1).replace(",", ""))
    if "R&D" in prediction.text and "R&D" not in claim.text:
        return None  # a different measure: R&D staff is not all staff
    generic = {"person", "staff", "personnel", "employee", None}
    comparable = generic if expected.unit in generic else {expected.unit}
    pred_scope = _scope(reader, prediction.text, expected)
    counts = [
        q
        for q in claim.quantities
        if q.kind == "count"
        and q.unit in comparable
        and _scope(reader, claim.text, q) == pred_scope
    ]
    if not counts:
        return None  # none of the same scope: a unit's team is not the company's, nor back
    count = max(counts, key=lambda q: q.low)
    shown = f"at least {fmt_number(target)}"
    low, high = interval(count)
    if low >= target:
        return Verdict(
            Stance.SUPPORTS, 1.0, f"headcount {fmt_quantity(count)} meets the expected {shown}"
        )
    named = any(alias_pattern(s).search(claim.text) for s in reader.subjects)
    # Only a figure bounded from above can fall short: "more than 1,000" may be 20,000.
    if high < target * 0.9 and claim.modality == "fact" and named:
        return Verdict(
            Stance.CONTRADICTS,
            0.8,
            f"headcount {fmt_quantity(count)} is below the expected {shown}",
        )
    return None


def _scope(reader: Reader, text: str, quantity: Quantity) -> bool:
    """`_unit_scoped`, once per sentence and figure."""
    return reader.memo(
        "headcount scope", (quantity.text, text), lambda: _unit_scoped(reader, text, quantity)
    )


def _unit_scoped(reader: Reader, text: str, quantity: Quantity) -> bool:
    """Whether a headcount counts one unit's people (a car team) rather than the company's.

    It does when the tracked business or a unit word is named before the figure in its
    sentence, or after it within the same clause ("3,400 engineers worked on the car project").
    """
    at = text.find(quantity.text)
    if at < 0:
        return reader.in_business(text) or _UNIT_WORD.search(text) is not None
    start = max(text.rfind(m, 0, at) for m in ".!?\n") + 1
    after = re.split(r"[,;.]|\band\b", text[at + len(quantity.text) :], maxsplit=1)[0]
    scope = f"{text[start:at]} {after}"
    return reader.in_business(scope) or _UNIT_WORD.search(scope) is not None


# Units that count people, and words that name a headcount without a count of people.
PERSON_UNITS = frozenset(
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
_HEADCOUNT_WORDS = Caseless(r"\b(?:staff|personnel|headcount)\b")


def speaks_to(claim: Claim, lower: str) -> bool:
    """ "Team" or "people" without a count of people or a word for headcount is no headcount."""
    return any(q.unit in PERSON_UNITS for q in claim.quantities) or bool(
        _HEADCOUNT_WORDS.search(claim.text, lower)
    )


QUESTION = Question("headcount", CLAIM_CUE, PREDICTION_CUE, gate, compare, speaks_to)
