"""The volume question."""

from __future__ import annotations

import re

from hindsight.analysis.alignment import MARKET, SUBJECT, align
from hindsight.analysis.caseless import Caseless
from hindsight.analysis.matching import (
    Profile,
)
from hindsight.analysis.questions.base import (
    Question,
    Reader,
    Verdict,
    claim_period,
    fmt_quantity,
    held_to,
    other_product,
    rate_of,
    settle,
    window_text,
)
from hindsight.domain import Claim, Kind, Prediction, Quantity, Stance

_I = re.IGNORECASE

# What a claim must say to speak to this question.
CLAIM_CUE = Caseless(
    r"\bdeliver(?:ed|ies|y|s|ing)?\b|\bsold\b|\bsales\b|\bshipp?(?:ed|ments?)\b|"
    r"\brolled off\b|\bcame off\b|\broll(?:s)? off\b|\bunits? (?:produced|built)\b|\boutput\b",
    _I,
)
# What a prediction must say to ask it (looser: forecasts are phrased vaguely).
PREDICTION_CUE = re.compile(
    r"\bvolumes?\b|\bsales\b|\bdeliver\w*|\bsell\b|\bunits\b|\bmarket share\b", _I
)
_VOLUME_UNITS = frozenset(["vehicle", "car", "unit", "delivery", "ev", "suv", "sedan"])
_TIME_UNITS = frozenset(["year", "month", "week", "day", "hour", "minute", "quarter", "time"])


def gate(reader: Reader, claim: Claim) -> bool:
    """What the claim must be for any prediction of this question (tested once per claim)."""
    return (
        claim.modality != "plan"
        and claim.polarity
        and any(q.kind == "count" for q in claim.quantities)
    )


def compare(reader: Reader, claim: Claim, prediction: Prediction, prof: Profile) -> Verdict | None:
    if claim.modality == "plan" or not claim.polarity:
        return None
    window = prediction.expectation.window
    products = {p.lower() for s in reader.subjects for p in s.products}
    if other_product(prediction, claim):
        return None  # "Model 3" deliveries do not answer a forecast of "Model S/X" ones
    expected_figure = prediction.expectation.quantity
    rate = rate_of(prediction.text, expected_figure) if expected_figure is not None else None
    realised: Quantity | None = None
    for q in claim.quantities:
        if q.kind != "count" or (q.unit and q.unit not in _VOLUME_UNITS | products):
            continue
        if rate_of(claim.text, q) != rate:
            continue  # a weekly rate against a quarter's output: another measure
        at = claim.text.find(q.text)
        if at >= 0 and held_to(claim.text, at, q):
            continue  # "the target of 745", "the 745 it had targeted": what it was held to
        realised = q
        break
    period = claim_period(claim)
    if realised is None or period is None:
        return None
    when = (
        period[0].isoformat()
        if period[0] == period[1]
        else f"{period[0].isoformat()}..{period[1].isoformat()}"
    )
    if window is not None and period[1] < window.start:
        return None  # too early to say anything about volumes expected later
    if window is not None and period[0] > window.end:
        return None
    if any(name not in claim.text for name in prof.measure_names):
        return None  # the prediction counts a named part (a plant): not the company's volume
    expected = prediction.expectation.quantity
    where = f"within the expected window {window_text(window)}" if window else ""
    facts = reader.facts_of(claim, realised)
    if expected is not None and expected.kind == "count" and prof.figure is not None:
        aligned = align(prof.figure, facts, prof.market)
        if aligned is None:
            return None
        return settle(aligned, prediction, expected, "volume")
    if prediction.kind != Kind.QUANTITY:
        return None  # "deliveries begin in July" forecasts a start, not volumes: a deed's news
    if facts.actor not in (None, SUBJECT) and not (facts.actor == MARKET and prof.market):
        return None  # another company's or the market's volume, not the subject's
    if any(
        q.kind == "count" and q.unit not in _TIME_UNITS
        for q in reader.prediction_quantities(prediction)
    ):
        return None  # it names a figure (not the one parsed as its expectation): not any volume
    stance = Stance.SUPPORTS if prof.expects else Stance.CONTRADICTS
    return Verdict(
        stance, 0.95, f"realised volume {fmt_quantity(realised)} in {when} {where}".strip()
    )


QUESTION = Question("volume", CLAIM_CUE, PREDICTION_CUE, gate, compare)
