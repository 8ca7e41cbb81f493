"""The investment question."""

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
    fmt_quantity,
)
from hindsight.domain import Claim, Prediction, Stance

_I = re.IGNORECASE

# What a claim must say to speak to this question.
CLAIM_CUE = Caseless(
    r"\binvest(?:s|ed|ing|ment|ments)?\b|\bR&D (?:funds|spending|investments?|budget)|"
    r"\bspen[dt](?:s|ing)?\b|\bcapex\b|\bcapital expenditure|"
    r"\b(?:billion|million)\b(?: \w+){0,2} (?:of|in) R&D\b|"
    r"\b(?:devot|commit)\w*\b[^.;]{0,40}\b(?:billion|million)\b|"
    r"\bput (?:in|into)?\s*[^.;]{0,25}\b(?:billion|million)\b",
    _I,
)
# What a prediction must say to ask it (looser: forecasts are phrased vaguely).
PREDICTION_CUE = re.compile(r"\binvest(?:s|ed|ing|ment|ments)?\b", _I)
_INVEST = Caseless(
    r"\binvest(?:s|ed|ing|ment|ments)?\b|\bR&D (?:funds|spending|investments?|budget)|"
    r"\b(?:billion|million)\b(?: \w+){0,2} (?:of|in) R&D\b|"
    r"\b(?:devot|commit)\w*\b[^.;]{0,40}\b(?:billion|million)\b|"
    r"\bput (?:in|into)?\s*[^.;]{0,25}\b(?:billion|million)\b",
    _I,
)
_INVEST_CUT = Caseless(r"\b(?:cut|cuts|reduc\w+|scal\w+ back|halt\w*|paus\w+|slash\w*)\b", _I)


def gate(reader: Reader, claim: Claim) -> bool:
    """What the claim must be for any prediction of this question (tested once per claim)."""
    return bool(reader.search(_INVEST, claim)) and reader.claim_in_business(claim)


def compare(reader: Reader, claim: Claim, prediction: Prediction, prof: Profile) -> Verdict | None:
    if not reader.search(_INVEST, claim) or not reader.claim_in_business(claim):
        return None
    if reader.search(_INVEST_CUT, claim) or not claim.polarity:
        return Verdict(
            Stance.CONTRADICTS if prof.expects else Stance.SUPPORTS,
            0.9,
            "investment cut, halted or denied",
        )
    money = [q for q in claim.quantities if q.kind == "money"]
    if not money and any(q.kind == "money" for q in reader.prediction_quantities(prediction)):
        # A commitment of an amount is carried out by money put in: a sentence that states none
        # ("had also invested in several companies") is related news, not the fact that decides.
        return None
    shown = f" of {fmt_quantity(money[0])}" if money else ""
    return Verdict(
        Stance.SUPPORTS if prof.expects else Stance.CONTRADICTS,
        0.9,
        f"investment{shown} in the business reported",
    )


QUESTION = Question("investment", CLAIM_CUE, PREDICTION_CUE, gate, compare)
