"""A meeting of two sides forecast as one beating the other (issue #10, generality; found on
blind-17's playoff picks and blind-13's bracket): "Washington will lose to Philadelphia",
"(6) Packers defeat (3) Eagles", settled by news of who beat whom. Each deciding case has a
look-alike that must stay silent: one game of a series, a meeting of other sides, a hope.

Teams and every result are invented for these tests.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hindsight.analysis.predictions import describe_prediction
from hindsight.analysis.questions.matchup import sides_of
from hindsight.domain import Prediction, Stance, Subject
from tests.judge_cases import judged

WRITTEN = date(2031, 4, 8)
PLAYED = date(2031, 4, 24)
SUBJECTS = [Subject(name="Larkton"), Subject(name="Owls"), Subject(name="Herons")]


def _forecast(text: str, subject: str) -> Prediction:
    return replace(describe_prediction(text, WRITTEN, "event", subject), made=WRITTEN)


def _stances(forecast: Prediction, news: str) -> list[Stance]:
    return [a.stance for a in judged(forecast, news, PLAYED, SUBJECTS) if a.stance.decides]


def test_a_forecast_names_its_winner_and_loser_whichever_way_it_is_written() -> None:
    assert sides_of("Larkton will lose to Fenmoor because Larkton is over-rated.") == (
        "Fenmoor",
        "Larkton",
    )
    assert sides_of("(6) Owls defeat (3) Herons.") == ("Owls", "Herons.")
    assert sides_of("Larkton will beat Fenmoor in an epic battle") == ("Larkton", "Fenmoor")
    assert sides_of("We can never beat them.") is None


def test_who_beat_whom_settles_the_meeting_either_way() -> None:
    lose = _forecast("Larkton will lose to Fenmoor because Larkton is over-rated.", "Larkton")
    news = (
        "A goal 6:06 into overtime in Game 7 lifted Fenmoor past Tam Reyes and Larkton 3-2 in "
        "their first-round series."
    )
    assert _stances(lose, news) == [Stance.SUPPORTS]
    bracket = _forecast("(6) Owls defeat (3) Herons.", "Owls")
    news = "The second-seeded Herons beat the visiting Owls 22-10 in the wild-card round."
    assert _stances(bracket, news) == [Stance.CONTRADICTS]
    news = "The Owls beat the Herons 24-20 in the wild-card round on Sunday."
    assert _stances(bracket, news) == [Stance.SUPPORTS]


def test_one_game_of_a_series_another_meeting_or_a_hope_settles_nothing() -> None:
    beat = _forecast("Larkton will beat Fenmoor in an epic battle", "Larkton")
    for news in (
        "Fenmoor beat Larkton 4-1 in Game 3 of their series on Tuesday.",  # one game of seven
        "Larkton beat Owls 5-2 in their second-round series.",  # another side
        "Larkton hope to beat Fenmoor in Game 7 on Thursday.",  # a hope
    ):
        assert _stances(beat, news) == [], news
    # The series' last game says it ended.
    news = "Larkton beat Fenmoor 6-0 in Game 5 of the conference final to reach the Cup final."
    assert _stances(beat, news) == [Stance.SUPPORTS]


def test_a_side_called_defending_champion_and_a_series_won_in_game_six() -> None:
    beat = _forecast("Larkton will beat Fenmoor in their series", "Larkton")
    news = "Fenmoor beat defending champion Larkton 4-1 in Game 6 to win the first-round series."
    assert _stances(beat, news) == [Stance.CONTRADICTS]
    news = "Fenmoor beat Larkton 2-1 in Game 6 in Denver to win their first-round series."
    assert _stances(beat, news) == [Stance.CONTRADICTS]
    # the same game without the series' end: the series goes on
    news = "Fenmoor beat defending champion Larkton 4-1 in Game 6 on Saturday."
    assert not _stances(beat, news)
