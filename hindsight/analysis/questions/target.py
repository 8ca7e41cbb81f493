"""The target question."""

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
    span,
)
from hindsight.domain import Claim, Prediction, Stance

_I = re.IGNORECASE

# What a claim must say to speak to this question.
CLAIM_CUE = Caseless(
    r"\b(?:lower(?:s|ed|ing)?|cut(?:s|ting)?|drop(?:s|ped|ping)?|scrap(?:s|ped|ping)?|"
    r"abandon\w*|scal(?:es|ed|ing) back|reduc\w+|downgrad\w+|water(?:s|ed)? down|ditch\w*|"
    r"giv(?:es|ing) up|gave up)\b[^.;]{0,40}?\b(?:target|goal|ambition|pledge)s?\b"
    r"|\b(?:target|goal|ambition|pledge)s?\b[^.;]{0,30}?\b(?:was |were |has been |is )?"
    r"(?:lowered|cut|dropped|scrapped|abandoned|scaled back|reduced|downgraded)\b",
    _I,
)
# What a prediction must say to ask it (looser: forecasts are phrased vaguely).
PREDICTION_CUE = re.compile(
    r"\b(?:commit\w*|pledg\w+|promis\w+|targets?|goals?|ambition|reach\w*|hit)\b", _I
)


def gate(reader: Reader, claim: Claim) -> bool:
    """What the claim must be for any prediction of this question (tested once per claim)."""
    return claim.polarity and bool(claim.quantities)


def compare(reader: Reader, claim: Claim, prediction: Prediction, prof: Profile) -> Verdict | None:
    """The subject lowers or gives up a target the prediction is about: a commitment to it
    is withdrawn, a forecast that it would not be reached is borne out.

    The target must be the same figure: the claim names a number in the prediction's unit
    (or the very number), so that cutting one target says nothing of another.
    """
    expected = prediction.expectation.quantity
    if expected is None:
        figures = reader.prediction_quantities(prediction)
        expected = figures[0] if figures else None
    if expected is None or not claim.polarity:
        return None
    same = [
        q
        for q in claim.quantities
        if q.low == expected.low or (q.kind == expected.kind and q.unit == expected.unit)
    ]
    if not same:
        return None
    cue = span(claim.text, CLAIM_CUE.search(claim.text))  # type: ignore[arg-type]
    agrees = not prof.expects
    return Verdict(
        Stance.SUPPORTS if agrees else Stance.CONTRADICTS,
        1.0,
        f'target of {fmt_quantity(expected)} lowered or given up ("{cue}"); the prediction '
        + ("expected it missed" if agrees else "expected it met"),
        settled=True,  # the subject's own decision, however its sentence goes on
    )


QUESTION = Question("target", CLAIM_CUE, PREDICTION_CUE, gate, compare)
