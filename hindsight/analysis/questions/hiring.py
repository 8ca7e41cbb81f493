"""The hiring question."""

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
    r"\bjoin(?:ed|s)\b|\bhir(?:ed|es|ing)\b|\brecruit\w*|\bpoach\w*|\bappointed\b|"
    r"\bformer(?:ly)?\b|\bex-[A-Z]|\bpreviously\b|\bdefect\w*|\blured\b|"
    r"\bonce (?:headed|led|ran|worked)\b|\b(?:taken|took) on\b",
    _I,
)
# What a prediction must say to ask it (looser: forecasts are phrased vaguely).
PREDICTION_CUE = re.compile(r"\bpoach\w*|\bhir(?:e|es|ing)\b|\brecruit\w*|\btalent\b", _I)
_ELSEWHERE = re.compile(
    r"\bformer(?:ly)?\b|\bex-[A-Z][\w-]*|\bpreviously\b|\bonce (?:headed|led|ran|worked)\b|"
    r"\bfrom (?:other|rival|established|"
    r"[A-Z])|\b[A-Z][\w-]*['’]s (?:\w+ ){0,2}(?:chief|head|director|manager|president|"
    r"executive|designer|engineer)\b",
)
_HIRE = Caseless(
    r"\bjoin(?:ed|s)\b|\bhir(?:ed|es|ing)\b|\brecruit\w*|\bpoach\w*|\bappointed\b"
    r"|\blured\b|\b(?:taken|took) on\b",
    _I,
)


def gate(reader: Reader, claim: Claim) -> bool:
    """What the claim must be for any prediction of this question (tested once per claim)."""
    return (
        claim.polarity
        and bool(claim.subjects)
        and bool(reader.search(_HIRE, claim) or reader.search(_ELSEWHERE, claim))
    )


def compare(reader: Reader, claim: Claim, prediction: Prediction, prof: Profile) -> Verdict | None:
    if not claim.polarity or not bool(claim.subjects):
        return None
    hired = reader.search(_HIRE, claim)
    elsewhere = reader.search(_ELSEWHERE, claim)
    if elsewhere and (
        hired
        or re.search(
            r"\b(?:adviser|advisor|consultant|executive|vice "
            r"president|director|chief)\b",
            claim.text,
            _I,
        )
    ):
        return Verdict(
            Stance.SUPPORTS if prof.expects else Stance.CONTRADICTS,
            1.0,
            f'hire from another company reported: "{elsewhere.group(0)}"',
        )
    if hired:
        return Verdict(
            Stance.SUPPORTS if prof.expects else Stance.CONTRADICTS,
            0.5,
            "hiring reported (not shown to come from other companies)",
        )
    return None


QUESTION = Question("hiring", CLAIM_CUE, PREDICTION_CUE, gate, compare)
