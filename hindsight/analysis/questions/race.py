"""The race question."""

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
    r"\bbeat\w*|\bahead of\b|\bbefore\b|\bfirst\b|\bfaster\b|\bovertak\w+|\boutpac\w+|"
    r"\bdid what\b|\bspent \S+ (?:\S+ )?years\b|\bwhere \S+ failed\b|\bdelay\w*|"
    r"\bto the punch\b",
    _I,
)
# What a prediction must say to ask it (looser: forecasts are phrased vaguely).
PREDICTION_CUE = re.compile(
    r"\b[Bb]eat(?:ing)?\b.*\bto the punch\b|\b[Aa]head of [A-Z]|"
    r"\b[Bb]efore [A-Z]\w+ (?:does|did|can|could)\b|\b[Ff]irst to\b|"
    r"\b[Oo]utpac\w+ [A-Z]|\b[Oo]vertak\w+ [A-Z]"
)
_RACE = Caseless(
    r"\bbeat\w*|\bahead of\b|\bbefore\b|\bfirst\b|\bfaster\b|\bovertak\w+|\boutpac\w+|"
    r"\bdid what\b|\bspent \S+ (?:\S+ )?years\b|\bwhere \S+ failed\b|\bdelay\w*|\bto the punch\b",
    _I,
)


def gate(reader: Reader, claim: Claim) -> bool:
    """What the claim must be for any prediction of this question (tested once per claim)."""
    return claim.polarity and bool(reader.search(_RACE, claim))


def compare(reader: Reader, claim: Claim, prediction: Prediction, prof: Profile) -> Verdict | None:
    rivals = [n for n in prof.names if re.search(rf"\b{re.escape(n)}\b", claim.text)]
    if not rivals or not claim.polarity or not reader.search(_RACE, claim):
        return None
    if not reader.claim_in_business(claim) and not bool(claim.subjects):
        return None
    return Verdict(
        Stance.SUPPORTS if prof.expects else Stance.CONTRADICTS,
        0.8,
        f"the subject is reported ahead of {rivals[0]}",
    )


QUESTION = Question("race", CLAIM_CUE, PREDICTION_CUE, gate, compare)
