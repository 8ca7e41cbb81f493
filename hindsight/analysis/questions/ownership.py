"""The ownership question."""

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
)
from hindsight.domain import Claim, Prediction, Stance

_I = re.IGNORECASE

# What a claim must say to speak to this question.
CLAIM_CUE = Caseless(
    r"\bwholly[- ]own\w*|\bowned outright\b|\bsubsidiar\w+|"
    r"\b(?:outside|external|third-party) investors?\b|"
    r"\bfunding round\b|\bseries [A-D]\b|\bspin[- ]?off\b|\bown cash\b",
    _I,
)
# What a prediction must say to ask it (looser: forecasts are phrased vaguely).
PREDICTION_CUE = re.compile(
    r"\bwholly[- ]owned\b|\bsubsidiar\w+|\boutside investors\b|"
    r"\bown cash\b|\bfunded entirely\b|\bspin[- ]?off\b",
    _I,
)
_WHOLLY = Caseless(
    r"\bwholly[- ]own\w*|\bown cash\b|\bfunded entirely\b|\bfully owned\b|\bowned outright\b",
    _I,
)
_OUTSIDE_MONEY = Caseless(
    r"\b(?:outside|external|third-party|strategic) investors?\b|"
    r"\bfunding round\b|\bseries [A-D]\b|\bspin[- ]?off\b",
    _I,
)


def gate(reader: Reader, claim: Claim) -> bool:
    """What the claim must be for any prediction of this question (tested once per claim)."""
    return claim.polarity and bool(
        reader.search(_WHOLLY, claim) or reader.search(_OUTSIDE_MONEY, claim)
    )


def compare(reader: Reader, claim: Claim, prediction: Prediction, prof: Profile) -> Verdict | None:
    if not _WHOLLY.search(prediction.text):
        return None
    if reader.search(_WHOLLY, claim) and claim.polarity:
        return Verdict(
            Stance.SUPPORTS if prof.expects else Stance.CONTRADICTS,
            1.0,
            "the business is reported wholly owned by the subject",
        )
    if (
        reader.search(_OUTSIDE_MONEY, claim)
        and claim.polarity
        and reader.claim_in_business(claim)
        and claim.modality != "plan"
    ):
        return Verdict(
            Stance.CONTRADICTS if prof.expects else Stance.SUPPORTS,
            1.0,
            "outside investors in the business reported",
        )
    return None


QUESTION = Question("ownership", CLAIM_CUE, PREDICTION_CUE, gate, compare)
