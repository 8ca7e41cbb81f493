"""The goal question."""

from __future__ import annotations

import re

from dateutil.relativedelta import relativedelta

from hindsight.analysis.deeds import (
    GOAL_CUES,
    goal_outcome,
    numbers_in,
)
from hindsight.analysis.matching import (
    Profile,
)
from hindsight.analysis.questions.base import (
    Question,
    Reader,
    Verdict,
    claim_period,
    fmt_number,
)
from hindsight.domain import Claim, Prediction, Stance

_I = re.IGNORECASE

# What a claim must say to speak to this question.
CLAIM_CUE = GOAL_CUES
PREDICTION_CUE = None


def gate(reader: Reader, claim: Claim) -> bool:
    """What the claim must be for any prediction of this question (tested once per claim)."""
    return goal_outcome(claim.text) is not None


def compare(reader: Reader, claim: Claim, prediction: Prediction, prof: Profile) -> Verdict | None:
    """A goal reported met or missed, when the claim names the prediction's own figure."""
    outcome = goal_outcome(claim.text)
    if outcome is None:
        return None
    met, cue = outcome
    own = [prediction.expectation.quantity] if prediction.expectation.quantity else []
    figures = {
        v
        for q in [*reader.prediction_quantities(prediction), *own]
        for v in (q.low, q.high)
        if v and not (q.kind == "count" and q.unit is None and 1900 <= v <= 2100)
    }
    named = [n for n in numbers_in(claim.text) if any(abs(n - f) <= 0.005 * f for f in figures)]
    if not named:
        return None  # another goal
    if cue.lower().find("against") >= 0 and prof.action == "down":
        met = not met  # a goal of cutting: less than the goal meets it
    when = claim.event_date or (claim_period(claim) or (None, None))[1]
    window = prediction.expectation.window
    if window is not None and (when is None or when < window.end - relativedelta(months=1)):
        return None  # an interim reading: there is still time
    agrees = met == prof.expects
    word = "met" if met else "missed"
    return Verdict(
        Stance.SUPPORTS if agrees else Stance.CONTRADICTS,
        1.0,
        f'goal of {fmt_number(named[0])} reported {word} ("{cue.strip()}"); the prediction '
        + ("expected that" if agrees else "expected otherwise"),
        settled=True,
    )


QUESTION = Question("goal", CLAIM_CUE, PREDICTION_CUE, gate, compare)
