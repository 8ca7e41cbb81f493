"""The placing question: where a picked team finishes in its competition ("Group Winner:
Uruguay" under "Group A"; `analysis.picks` reads both sides).

A pick is borne out when the news says the team finished in the picked place and refuted when
it says the team finished elsewhere. A result naming another competition than the pick's
(another group, a qualifying pool) says nothing; one naming none ("topped the group") is the
team's own, as a team plays in one group of a stage. A result from after the forecast's
deadline is another season's. Prefer open to wrong: a plan, a hope, a live score ("leads the
group") or a table without points settles nothing.
"""

from __future__ import annotations

import re

from hindsight.analysis.caseless import Caseless
from hindsight.analysis.matching import Profile
from hindsight.analysis.picks import LAST, pick_of, placings
from hindsight.analysis.questions.base import Question, Reader, Verdict
from hindsight.domain import Claim, Prediction, Stance

# What a claim must say to speak to this question: a result's words, or a table of points.
CLAIM_CUE = Caseless(
    r"\b(?:won|topped|tops?|clinched|claimed|finished|ended|came|took|were|was|placed)\b"
    r"|\bleaving\b|\bpoints?\b"
)
# What a prediction must say to ask it: a labelled pick ("Group Winner: Uruguay").
PREDICTION_CUE = re.compile(
    r"(?i:winners?|champions?|place|runners?[- ]up|first|second|third|fourth|last|bottom)"
    r"\s*:\s*[A-Z]"
)


def gate(reader: Reader, claim: Claim) -> bool:
    """A stated result: a fact, asserted."""
    return claim.modality == "fact" and claim.polarity


def _place(place: int) -> str:
    return (
        "last" if place == LAST else {1: "first", 2: "second", 3: "third"}.get(place, f"{place}th")
    )


def compare(reader: Reader, claim: Claim, prediction: Prediction, prof: Profile) -> Verdict | None:
    """Where the claim says the picked team finished, against the pick."""
    pick = pick_of(prediction.text, prediction.context)
    if pick is None or claim.modality != "fact" or not claim.polarity:
        return None
    when = claim.event_date or claim.published
    if prediction.deadline is not None and when is not None and when > prediction.deadline:
        return None  # another season's table
    for placing in placings(claim.text, (pick.team,)):
        if placing.competition and pick.competition and placing.competition != pick.competition:
            continue  # another group or division than the picked one
        agrees = placing.bears_out(pick)
        where = f" of {pick.competition}" if pick.competition else ""
        return Verdict(
            Stance.SUPPORTS if agrees else Stance.CONTRADICTS,
            0.9,
            f'"{placing.said}": the pick was {pick.team} {_place(pick.place)}{where}',
        )
    return None


QUESTION = Question("placing", CLAIM_CUE, PREDICTION_CUE, gate, compare)
