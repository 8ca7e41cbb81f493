"""Whether a team reaches its league's post-season (issue #10: an NFL preview read blind): the
news settles it with set phrases, and being knocked out *of* the playoffs is no miss. Teams and
results are invented for these tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hindsight.analysis.predictions import describe_prediction
from hindsight.domain import Prediction, Stance, Subject
from tests.judge_cases import judged

TEAMS = [
    Subject(name="Hawks"),
    Subject(name="Lions"),
    Subject(name="Otters"),
]
WRITTEN = date(2031, 9, 1)


def _forecast(text: str, team: str) -> Prediction:
    return replace(describe_prediction(text, WRITTEN, "event", team), made=WRITTEN)


def _stances(forecast: Prediction, news: str) -> list[Stance]:
    got = judged(forecast, news, date(2031, 12, 20), TEAMS)
    return [a.stance for a in got if a.stance.decides]


def test_a_berth_or_a_division_title_puts_a_team_through() -> None:
    hawks = _forecast("1. Hawks (Playoffs)", "Hawks")
    assert _stances(hawks, "The Hawks clinched a playoff berth with a win on Sunday.") == [
        Stance.SUPPORTS
    ]
    assert _stances(hawks, "The Hawks (10-2) clinched the NFC North on Sunday.") == [
        Stance.SUPPORTS
    ]
    assert _stances(hawks, "The Hawks were eliminated from playoff contention on Sunday.") == [
        Stance.CONTRADICTS
    ]


def test_knocked_out_of_the_playoffs_is_no_miss_and_another_teams_berth_says_nothing() -> None:
    hawks = _forecast("1. Hawks (Playoffs)", "Hawks")
    # Beaten in the playoffs: they were in them.
    assert not _stances(hawks, "The Otters beat the Hawks, eliminating them from the playoffs.")
    # The team named before the words is the one through.
    assert not _stances(hawks, "The Hawks lost, and the Otters clinched a playoff berth.")


def test_several_teams_forecast_out_are_refuted_by_any_one_going_through() -> None:
    both_out = _forecast("the Hawks and Otters miss the playoffs", "Hawks")
    assert _stances(both_out, "The Otters clinched a playoff berth, with the Hawks 9-3.") == [
        Stance.CONTRADICTS
    ]
    # One of them out leaves the other open.
    assert not _stances(
        both_out, "The Otters were eliminated from playoff contention, unlike the Hawks."
    )


def test_a_seed_or_a_ranking_is_no_forecast_of_getting_in() -> None:
    seeded = _forecast("Playoff Seeding: 1. Hawks", "Hawks")
    assert not _stances(seeded, "The Hawks clinched a playoff berth with a win on Sunday.")
