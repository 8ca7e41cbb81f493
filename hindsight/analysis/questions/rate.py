"""The rate question: a forecast pace ("5,000 cars per week in late October") against a total
reported for a period that holds the moment it names.

Why: news rarely states a weekly rate for the exact week a forecast names, but it does state
totals ("built 2,425 in the fourth quarter"). A total for a period bounds every rate inside it:
if the whole quarter produced fewer cars than the forecast says a single week of it would, no
week of that quarter reached the pace. The comparison can therefore only contradict (a total
above the rate says nothing about any one week), and only when

- the forecast is a count per unit of time with a window, and the claim's period holds the
  window (or, for a "by" window, its end: the pace the forecast says will be reached by then),
- the period is at least one unit long (a week's pace needs a week or more of output),
- the claim's figure is a plain total (no "a week" of its own) of the same kind of output: the
  same counted noun when the forecast names one, and the same act — a pace of deliveries is
  bounded by deliveries, a pace of output (or one naming no act) by production.
"""

from __future__ import annotations

import re
from datetime import date

from hindsight.analysis.caseless import Caseless
from hindsight.analysis.concepts import same_concept
from hindsight.analysis.matching import Profile
from hindsight.analysis.questions.base import (
    Question,
    Reader,
    Verdict,
    claim_period,
    expected_interval,
    fmt_number,
    other_product,
    rate_of,
    window_text,
)
from hindsight.analysis.questions.headcount import PERSON_UNITS
from hindsight.domain import Claim, Prediction, Quantity, Stance

_I = re.IGNORECASE

# Verbs that report output, by the act they count (data: add words here, not in the code).
OUTPUT_VERBS: dict[str, tuple[str, ...]] = {
    "production": (
        "produced",
        "produces",
        "built",
        "builds",
        "made",
        "makes",
        "manufactured",
        "assembled",
        "rolled off",
        "came off",
        "output",
        "production",
    ),
    "delivery": ("delivered", "delivers", "deliveries", "shipped", "ships", "shipments", "sold"),
}
# The act a forecast's pace counts, from its own words; none named means production.
_FORECAST_ACT: dict[str, re.Pattern[str]] = {
    "delivery": re.compile(r"\b(?:deliver\w*|ship\w*|sell\w*|sold|sales)\b", _I),
}
# Days in one unit of a pace.
UNIT_DAYS = {"hour": 1, "day": 1, "week": 7, "month": 28}

_VERB_RE = {
    act: re.compile(r"\b(?:" + "|".join(re.escape(v) for v in verbs) + r")\b", _I)
    for act, verbs in OUTPUT_VERBS.items()
}
CLAIM_CUE = Caseless(
    r"\b(?:" + "|".join(re.escape(v) for verbs in OUTPUT_VERBS.values() for v in verbs) + r")\b",
    _I,
)
_BY = re.compile(r"\s*(?:by|before|no later than|until)\b", _I)
_NEAR = 60  # characters around a figure in which the verb counting it is looked for


def gate(reader: Reader, claim: Claim) -> bool:
    """A stated fact with a count and a period of at least a day."""
    return (
        claim.modality != "plan"
        and claim.polarity
        and any(q.kind == "count" for q in claim.quantities)
        and claim_period(claim) is not None
    )


def asks(prediction: Prediction) -> bool:
    """The forecast is a count per unit of time, dated by a window."""
    q = prediction.expectation.quantity
    return (
        q is not None
        and q.kind == "count"
        and prediction.expectation.window is not None
        and rate_of(prediction.text, q) in UNIT_DAYS
    )


def _act_of(text: str, quantity: Quantity) -> str | None:
    """The act that counts a figure: the output verb nearest to it (before or after)."""
    at = text.find(quantity.text)
    if at < 0:
        return None
    end = at + len(quantity.text)
    best: tuple[int, str] | None = None
    for act, pattern in _VERB_RE.items():
        for m in pattern.finditer(text, max(0, at - _NEAR), min(len(text), end + _NEAR)):
            gap = at - m.end() if m.end() <= at else m.start() - end
            if gap < 0 or re.search(r"[;:]", text[min(m.end(), end) : max(m.start(), at)]):
                continue  # inside the figure, or across a clause break
            if best is None or gap < best[0]:
                best = (gap, act)
    return best[1] if best else None


def _period_of(claim: Claim, quantity: Quantity) -> tuple[date, date] | None:
    """The period a figure is counted over: the period the sentence names nearest to it, else
    the claim's own (its item's context)."""
    at = claim.text.find(quantity.text)
    named = [(abs(claim.text.find(w.text) - at), w) for w in claim.dates if w.text in claim.text]
    if named and at >= 0:
        window = min(named, key=lambda pair: pair[0])[1]
        return window.start, window.end
    return claim_period(claim)


def compare(reader: Reader, claim: Claim, prediction: Prediction, prof: Profile) -> Verdict | None:
    expected = prediction.expectation.quantity
    window = prediction.expectation.window
    if expected is None or expected.kind != "count" or window is None:
        return None
    unit = rate_of(prediction.text, expected)
    if unit not in UNIT_DAYS:
        return None  # no pace (what `asks` tells the index; read once here, not twice)
    if other_product(prediction, claim):
        return None  # another designation's output ("Model S/X" against "Model 3")
    floor, _, shown = expected_interval(expected)
    if floor <= 0:
        return None  # "at most N a week": a low total agrees, it never refutes
    wanted = "delivery" if _FORECAST_ACT["delivery"].search(prediction.text) else "production"
    by_window = bool(_BY.match(window.text))
    for q, _ in reader.figures(claim):
        if q.kind != "count" or q.unit in PERSON_UNITS or rate_of(claim.text, q) is not None:
            continue
        if expected.unit and q.unit and not same_concept(expected.unit, q.unit):
            continue  # a total of another noun
        if _act_of(claim.text, q) != wanted:
            continue
        period = _period_of(claim, q)
        if period is None or (period[1] - period[0]).days + 1 < UNIT_DAYS[unit]:
            continue
        holds = period[0] <= window.end <= period[1] and (by_window or period[0] <= window.start)
        if not holds or q.high >= floor:
            continue
        when = f"{period[0].isoformat()}..{period[1].isoformat()}"
        return Verdict(
            Stance.CONTRADICTS,
            1.0,
            f"{when} total {fmt_number(q.high)}{' ' + q.unit if q.unit else ''} ({wanted}) is "
            f"below the forecast pace {shown} per {unit} ({window_text(window)}): no {unit} "
            "of that period reached it",
        )
    return None


QUESTION = Question("rate", CLAIM_CUE, None, gate, compare)
