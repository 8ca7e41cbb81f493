"""The placing question: where a picked team finishes in its competition ("Group Winner:
Uruguay" under "Group A"; `analysis.picks` reads both sides).

A pick is borne out when the news says the team finished in the picked place and refuted when
it says the team finished elsewhere, or, for a pick to finish first, that another team took
the competition's title ("the Buccaneers win the NFC South" against "1. Falcons" under "## NFC
South"). A result naming another competition than the pick's (another group, a qualifying
pool) says nothing; one naming none ("topped the group") is the team's own, as a team plays in
one group of a stage. A result from after the forecast's
deadline is another season's. Prefer open to wrong: a plan, a hope, a live score ("leads the
group") or a table without points settles nothing.
"""

from __future__ import annotations

import re

from dateutil.relativedelta import relativedelta

from hindsight.analysis.caseless import Caseless
from hindsight.analysis.matching import Profile
from hindsight.analysis.picks import LAST, pick_of, placings, same_team
from hindsight.analysis.prediction_fields import DEFAULT_HORIZON_YEARS
from hindsight.analysis.questions.base import Question, Reader, Verdict
from hindsight.analysis.titles import names_title, titles_taken
from hindsight.domain import Claim, Prediction, Stance

# How far back from its deadline an undated pick reaches: the default horizon of a forecast.
DEFAULT_HORIZON = relativedelta(years=DEFAULT_HORIZON_YEARS)

# What a claim must say to speak to this question: a result's words, or a table of points.
CLAIM_CUE = Caseless(
    r"\b(?:won|wins?|topped|tops?|clinch\w*|claimed|captured|finished|ended|came|took|were|was"
    r"|placed)\b"
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
    # When the news came: a period it carries from its headline ("2018 World Cup") is no day.
    when = claim.published or claim.event_date
    deadline = prediction.deadline
    window = prediction.expectation.window
    start = window.start if window else deadline - DEFAULT_HORIZON if deadline else None
    if when is not None and (
        (deadline is not None and when > deadline) or (start is not None and when < start)
    ):
        return None  # another season's table
    if start is not None and deadline is not None:
        named = {int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", claim.text)}
        if any(not start.year <= year <= deadline.year for year in named):
            return None  # "finished third at the 2010 World Cup": another edition
    if pick.titled is not None:
        # "the Buccaneers win the NFC South": the title's winner, whoever the news names
        wanted = tuple(pick.titled.lower().split())
        for taken in titles_taken(claim.text):
            if names_title(taken.title, wanted):
                agrees = same_team(taken.taker, pick.team)
                return Verdict(
                    Stance.SUPPORTS if agrees else Stance.CONTRADICTS,
                    0.9,
                    f'"{taken.said}": the pick was {pick.team} first of {pick.competition}',
                )
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


def asks(prediction: Prediction) -> bool:
    """The forecast is a pick: a labelled line ("Group Winner: Uruguay") or a ranked list's
    entry whose context says its place ("AFC East — ranked 1st")."""
    return pick_of(prediction.text, prediction.context) is not None


QUESTION = Question("placing", CLAIM_CUE, PREDICTION_CUE, gate, compare)
