"""The demand question."""

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
    r"\b(?:pre-?orders?|orders?|bookings?|reservations?|deposits?|lock-in|sold out|"
    r"waiting list|backlog|weak demand|poor sales|unsold)\b",
    _I,
)
# What a prediction must say to ask it (looser: forecasts are phrased vaguely).
PREDICTION_CUE = re.compile(r"\bbuy\b|\bdemand\b|\border\w*|\bfan base\b|\bcustomers will\b", _I)
_ORDER_UNITS = frozenset(
    ["order", "pre-order", "preorder", "booking", "reservation", "deposit", "lock-in"]
)
_WEAK_DEMAND = Caseless(r"\bweak demand\b|\bpoor sales\b|\bsales slump\w*|\bunsold\b", _I)


def gate(reader: Reader, claim: Claim) -> bool:
    """What the claim must be for any prediction of this question (tested once per claim)."""
    return claim.polarity and claim.modality != "plan"


def compare(reader: Reader, claim: Claim, prediction: Prediction, prof: Profile) -> Verdict | None:
    if not claim.polarity or claim.modality == "plan":
        return None
    if reader.search(_WEAK_DEMAND, claim):
        return Verdict(
            Stance.CONTRADICTS if prof.expects else Stance.SUPPORTS, 0.9, "weak demand reported"
        )
    orders = [q for q in claim.quantities if q.kind == "count" and q.unit in _ORDER_UNITS]
    if not orders:
        return None
    top = max(orders, key=lambda q: q.low)
    return Verdict(
        Stance.SUPPORTS if prof.expects else Stance.CONTRADICTS,
        1.0,
        f"buyers placed {fmt_quantity(top)}s",
    )


QUESTION = Question("demand", CLAIM_CUE, PREDICTION_CUE, gate, compare)
