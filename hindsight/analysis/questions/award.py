"""The award question: who wins an award a preview picked ("Most Valuable Player: Mike Trout"
under "Award Picks" and "American League"; `analysis.awards` reads both sides).

A pick is borne out when the news names the picked one the award's winner, in the pick's league,
and refuted when it names another. A result after the forecast's deadline is another season's;
a plan, a hope or a denial settles nothing.
"""

from __future__ import annotations

import re
from datetime import date

from hindsight.analysis.awards import award_pick_of, same_award, winners
from hindsight.analysis.caseless import Caseless
from hindsight.analysis.matching import Profile
from hindsight.analysis.questions.base import Question, Reader, Verdict
from hindsight.domain import Claim, Prediction, Stance

# What a claim must say to speak to this question: a winner named.
CLAIM_CUE = Caseless(
    r"\b(?:named|won|wins|took home|took|scooped|picked up|captured|claimed|is the|was the|"
    r"lost)\b"
)
# What a prediction must say to ask it: a labelled line (`award_pick_of` reads the rest).
PREDICTION_CUE = re.compile(r"^\s*[A-Z][\w '’-]{1,40}?\s*:\s*[\"“‘']?[A-Z]")  # a title quoted too


def gate(reader: Reader, claim: Claim) -> bool:
    """A stated result: a fact, asserted."""
    return claim.modality == "fact" and claim.polarity


def compare(reader: Reader, claim: Claim, prediction: Prediction, prof: Profile) -> Verdict | None:
    """The winner the claim names for the picked award and league, against the pick."""
    pick = award_pick_of(prediction.text, prediction.context)
    if pick is None or claim.modality != "fact" or not claim.polarity:
        return None
    deadline = prediction.deadline
    when = claim.published or claim.event_date
    if deadline is not None and when is not None and when > deadline:
        return None  # another season's award
    for winner in winners(claim.text):
        if not same_award(pick.award, winner.award):
            continue
        if winner.year is not None and deadline is not None and not _season(winner.year, deadline):
            continue  # "won the 2029 MVP": another season's award
        if pick.league != winner.league:
            continue  # another league's award, or a league only one of them names
        agrees = winner.names(pick.name)
        return Verdict(
            Stance.SUPPORTS if agrees else Stance.CONTRADICTS,
            0.9,
            f'"{winner.name} {winner.said}": the pick was {pick.name}',
        )
    return None


def _season(year: int, deadline: date) -> bool:
    """Whether an award named for `year` can be the forecast's: the deadline's year, or the
    year before it when the deadline falls early in the next (a season ending in spring)."""
    return year == deadline.year or (year == deadline.year - 1 and deadline.month < 12)


QUESTION = Question("award", CLAIM_CUE, PREDICTION_CUE, gate, compare)
