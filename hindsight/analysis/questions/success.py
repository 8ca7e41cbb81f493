"""The success question: whether a venture succeeds (turns a profit, beats its targets) or
fails (is shut down, scrapped, goes bankrupt). A forecast may hope for either: "will turn a
profit" expects success, "will fail" and "the usual signal failures" expect failure."""

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
    claim_period,
    span,
)
from hindsight.domain import Claim, Prediction, Stance

_I = re.IGNORECASE

# What a claim must say to speak to this question.
CLAIM_CUE = Caseless(
    r"\bprofit\w*|\bin the black\b|\bbreak[- ]?even\b|\b(?:beat|beating|exceed\w*|surpass\w*) "
    r"(?:\S+ ){0,4}targets?\b|\bshut (?:down|it down)\b|\bscrap\w*|\babandon\w*|\bbankrupt\w*|"
    r"\bwind(?:s|ing)? down\b|\bexit\w* the\b",
    _I,
)
# What a prediction must say to ask it (looser: forecasts are phrased vaguely).
PREDICTION_CUE = re.compile(
    r"\bsuccess\w*|\bsucceed\w*|\bfail\w*|\bprofit\w*|\bviab\w+|"
    r"\bpositive (?:operating |net )?(?:income|earnings|cash flow)\b|\bin the black\b|"
    r"\bbreak[- ]?even\b",
    _I,
)
_SUCCESS = Caseless(
    r"\b(?:turn\w*|made|make|posted|report\w*|achiev\w+|record\w*)\b (?:\S+ ){0,3}profit\w*|"
    r"\bpositive (?:operating |net )?(?:income|earnings|cash flow)\b|"
    r"\b(?:operating|net|first)(?: [\w-]+){0,2} profit\b|\bprofitab\w+|\bin the black\b|"
    r"\bbr[oe]ak[- ]?even\b|"
    r"\b(?:beat|beating|exceed\w*|surpass\w*) (?:\S+ ){0,4}targets?\b",
    _I,
)
_FAILURE = Caseless(
    r"\bshut (?:down|it down)\b|\bscrap\w*|\babandon\w*|\bbankrupt\w*|"
    r"\bwind(?:s|ing)? down\b|\bexit\w* the\b",
    _I,
)


# A forecast of failure, not of success: "the venture will fail", "signal failures", "will fail
# to turn a profit". Its outcome hoped for is the failure.
_FORECAST_FAILURE = re.compile(r"\bfail\w*", _I)


def gate(reader: Reader, claim: Claim) -> bool:
    """What the claim must be for any prediction of this question (tested once per claim)."""
    return claim.polarity and bool(reader.search(_SUCCESS, claim) or reader.search(_FAILURE, claim))


def compare(reader: Reader, claim: Claim, prediction: Prediction, prof: Profile) -> Verdict | None:
    if not claim.polarity or not reader.claim_in_business(claim):
        return None
    success = reader.search(_SUCCESS, claim)
    failure = reader.search(_FAILURE, claim)
    # "will fail" expects failure; "will not fail", success
    of_failure = bool(_FORECAST_FAILURE.search(prediction.text))
    expects_success = prof.expects != of_failure
    if success and not failure:
        agrees = expects_success
        cue = span(claim.text, success)
    elif failure and not success:
        agrees = not expects_success
        cue = span(claim.text, failure)
    else:
        return None
    window = prediction.expectation.window
    period = claim_period(claim)
    if window is not None and period is not None and period[0] > window.end:
        return None  # a result for a later period than the prediction's
    outcome = "success" if success else "failure"
    wanted = (
        "expected success"
        if expects_success
        else "expected failure"
        if of_failure
        else "expected success to be unlikely"
    )
    return Verdict(
        Stance.SUPPORTS if agrees else Stance.CONTRADICTS,
        1.0,
        f'{outcome} reported ("{cue}"); the prediction {wanted}',
    )


QUESTION = Question("success", CLAIM_CUE, PREDICTION_CUE, gate, compare)
