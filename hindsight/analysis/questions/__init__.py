"""The registry of business questions a forecast can ask and news can answer.

Each module holds one question whole — the words a claim must say to speak to it, the words a
prediction must say to ask it, a gate every claim passes before any prediction is compared, and
the comparison itself — so that changing how prices are judged means reading `price.py` only.
The list below is explicit: a question exists when it is listed here, nothing is found by name.
To add one: write a module with a `QUESTION` (see `base.Question`) and list it.
"""

from __future__ import annotations

from hindsight.analysis.questions import (
    award,
    capacity,
    contest,
    deed,
    demand,
    event,
    goal,
    headcount,
    hiring,
    investment,
    launch,
    leadership,
    makeup,
    matchup,
    measure,
    milestone,
    occurrence,
    ownership,
    placing,
    playoffs,
    price,
    product_class,
    race,
    rate,
    recalled,
    shipped,
    success,
    target,
    trend,
    volume,
)
from hindsight.analysis.questions.base import Question, Reader, Verdict

__all__ = ["QUESTIONS", "Question", "Reader", "Verdict", "question"]

QUESTIONS: tuple[Question, ...] = (
    price.QUESTION,
    launch.QUESTION,
    volume.QUESTION,
    rate.QUESTION,
    capacity.QUESTION,
    hiring.QUESTION,
    leadership.QUESTION,
    investment.QUESTION,
    ownership.QUESTION,
    headcount.QUESTION,
    demand.QUESTION,
    success.QUESTION,
    race.QUESTION,
    measure.QUESTION,
    trend.QUESTION,
    event.QUESTION,
    contest.QUESTION,
    matchup.QUESTION,
    placing.QUESTION,
    playoffs.QUESTION,
    award.QUESTION,
    milestone.QUESTION,
    occurrence.QUESTION,
    recalled.QUESTION,
    deed.QUESTION,
    goal.QUESTION,
    target.QUESTION,
    product_class.QUESTION,
    makeup.QUESTION,
    shipped.QUESTION,
)
_BY_NAME = {q.name: q for q in QUESTIONS}


def question(name: str) -> Question:
    """The registered question called `name` (KeyError for an unknown one)."""
    return _BY_NAME[name]
