"""The trend question: which way a market measure went over a forecast's whole period.

"Rising mortgage rates over the next year" (a forecaster's, relayed: `topics.measured_trend`) is
settled by news that states the measure's move over that period ("2022 saw the largest increase
in mortgage rates ever"), and by nothing less: the clause that states the move must name the
measure, one direction, and a period covering the forecast's (a week's or a quarter's move, a
move in the pace of growth, another year or another place says nothing). Prefer open to wrong:
"prices rose" alone decides no price forecast, since it names neither the measure nor the period.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from hindsight.analysis.alignment import part_of_period
from hindsight.analysis.caseless import Caseless
from hindsight.analysis.matching import Profile
from hindsight.analysis.periods import find_periods
from hindsight.analysis.places import places_in
from hindsight.analysis.questions.base import Question, Reader, Verdict
from hindsight.analysis.topics import DIRECTION_RES, DIRECTIONS, RATE_OF_CHANGE, topic_forms
from hindsight.domain import Claim, DateWindow, Prediction, Stance

CLAIM_CUE = Caseless(r"\b(?:" + "|".join(DIRECTIONS.values()) + r")\b")
PREDICTION_CUE = None
_CLAUSES = re.compile(r"[;,:]\s+|\s+(?:while|but|whereas)\s+|\.\s+")
# Periods a move over the forecast's may differ from by this much at either end (a year
# counted December to December, a "next year" read from a late-December article).
_SLACK_DAYS = 31


def gate(reader: Reader, claim: Claim) -> bool:
    """What the claim must be for any prediction of this question (tested once per claim)."""
    return claim.modality == "fact" and claim.polarity


def _covers(found: DateWindow, wanted: DateWindow) -> bool:
    """The found period is the wanted one: the same span, give or take a month at each end."""
    return (
        abs((found.start - wanted.start).days) <= _SLACK_DAYS
        and abs((found.end - wanted.end).days) <= _SLACK_DAYS
    )


def _ways(clause: str) -> set[str]:
    return {way for way, pattern in DIRECTION_RES.items() if pattern.search(clause)}


@lru_cache(maxsize=256)
def _written(measured: str) -> re.Pattern[str]:
    """The measure as news writes it (`topic_forms`); compiled once per measure, not per pair."""
    forms = "|".join(re.escape(f) for f in topic_forms(measured, None))
    return re.compile(rf"(?<![\w-])(?:{forms})s?(?![\w-])", re.IGNORECASE)


def compare(reader: Reader, claim: Claim, prediction: Prediction, prof: Profile) -> Verdict | None:
    """The one move a clause states for the measure over the forecast's period, against the
    way it was forecast to go."""
    window = prediction.expectation.window
    if prof.measured is None or prof.trend is None or window is None:
        return None
    forms = _written(prof.measured)
    published: date | None = claim.published
    wanted_places = places_in(prediction.text)
    for clause in _CLAUSES.split(claim.text):
        if not forms.search(clause) or RATE_OF_CHANGE.search(clause):
            continue
        if part_of_period(clause) or re.search(r"\b(?:week|month|quarter)", clause, re.I):
            continue  # a part of the period moves as it likes
        if places_in(clause) - wanted_places:
            continue  # another place's measure
        ways = _ways(clause)
        periods = find_periods(clause, published)
        if len(ways) != 1 or not any(_covers(p, window) for p in periods):
            continue
        (said,) = ways
        agrees = said == prof.trend
        period = next(p for p in periods if _covers(p, window))
        return Verdict(
            Stance.SUPPORTS if agrees else Stance.CONTRADICTS,
            0.8,
            f'{prof.measured} went {said} over {period.text} ("{clause.strip()}"); the forecast '
            f"expected them to go {prof.trend} ({window.start.isoformat()}.."
            f"{window.end.isoformat()})",
        )
    return None


QUESTION = Question("trend", CLAIM_CUE, PREDICTION_CUE, gate, compare)
