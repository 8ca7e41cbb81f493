"""The leadership question."""

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
    span,
)
from hindsight.domain import Claim, Prediction, Stance

_I = re.IGNORECASE

# What a claim must say to speak to this question.
CLAIM_CUE = Caseless(
    r"\bCEO\b|\bchief executive\b|\bchairman\b|\bpresident\b|\bhead(?:s|ed)? (?:of|the)\b|"
    r"\bin charge of\b|\bleads? the\b|\bruns? the\b|\b(?:headed|led|run) by\b|\bhelm\w*",
    _I,
)
# What a prediction must say to ask it (looser: forecasts are phrased vaguely).
PREDICTION_CUE = re.compile(
    r"\bCEO\b|\bchief executive\b|\bchairman\b|\bhead of\b|"
    r"\bin charge\b|\brun by\b",
    _I,
)
_ROLE_OF_BUSINESS = Caseless(
    r"\b(?:CEO|chief executive(?: officer)?|head|president|chairman)\b(?: \w+){0,1} of the "
    r"(?:\w+ ){0,3}?(?:business|unit|division|subsidiary)\b|"
    r"\b(?:lead|leads|head|heads|run|runs|helm|helms|in charge of)\b (?:the )?(?:\w+ ){0,3}?"
    r"(?:business|unit|division|subsidiary|venture)\b|"
    r"\b(?:business|unit|division|subsidiary|venture)\b (?:\w+ ){0,2}?(?:headed|led|run) by\b",
    _I,
)


def gate(reader: Reader, claim: Claim) -> bool:
    """What the claim must be for any prediction of this question (tested once per claim)."""
    return bool(reader.search(_ROLE_OF_BUSINESS, claim)) and claim.polarity


def compare(reader: Reader, claim: Claim, prediction: Prediction, prof: Profile) -> Verdict | None:
    products = {p for s in reader.subjects for p in s.products}
    people = [
        a
        for s in reader.subjects
        for a in s.aliases
        if a not in products and re.search(rf"\b{re.escape(a)}\b", prediction.text)
    ]
    role = reader.search(_ROLE_OF_BUSINESS, claim)
    if role is None or not reader.claim_in_business(claim):
        return None
    named = [p for p in people if re.search(rf"\b{re.escape(p)}\b", claim.text)]
    if named and claim.polarity:
        return Verdict(
            Stance.SUPPORTS if prof.expects else Stance.CONTRADICTS,
            1.0,
            f'{named[0]} is named in the role: "{span(claim.text, role)}"',
        )
    return None


QUESTION = Question("leadership", CLAIM_CUE, PREDICTION_CUE, gate, compare)
