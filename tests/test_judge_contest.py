"""A pick of a contest's winner ("the Harbour Hawks will win the Coastal League title") is
settled by a result sentence naming the winner of that very prize (issue #10). Each deciding
case is paired with a look-alike that must stay silent: another prize, another season, a hope.
Teams, leagues and people are invented for these tests."""

from __future__ import annotations

from datetime import date, datetime

from hindsight.analysis.candidates import profile
from hindsight.analysis.claims import extract_claims
from hindsight.analysis.judge import RuleJudge
from hindsight.analysis.predictions import describe_prediction
from hindsight.analysis.questions import contest
from hindsight.domain import Assessment, NewsItem, Prediction, Stance, Subject
from tests.judge_cases import judged

SUBJECTS = [Subject(name="Harbour Hawks"), Subject(name="Pine City")]
PICK = "The Harbour Hawks will win the Coastal League title in 2031."


def _pick(text: str = PICK) -> Prediction:
    return describe_prediction(text, date(2031, 3, 1), "event", "Harbour Hawks")


def _item(text: str) -> NewsItem:
    return NewsItem(
        url="https://news.example/1", title="", text=text, published=datetime(2031, 10, 2, 12)
    )


def _judge(prediction: Prediction, text: str) -> list[Assessment]:
    return judged(prediction, text, date(2031, 10, 2), SUBJECTS)


def _contest(prediction: Prediction, text: str) -> list[contest.Verdict]:
    """The contest question's own answers on each claim of `text`."""
    judge = RuleJudge(SUBJECTS, [prediction])
    found = []
    for claim in extract_claims(_item(text), SUBJECTS):
        verdict = contest.compare(judge.reader, claim, prediction, judge.profile_of(prediction))
        if verdict is not None:
            found.append(verdict)
    return found


def test_a_pick_asks_who_wins_which_prize() -> None:
    assert "contest" in profile(_pick(), SUBJECTS).questions
    pick = contest.pick_of("I expect Lena Varga to win the 2031 Golden Boot award.")
    assert pick is not None and pick.who == {"Lena", "Varga"}
    assert pick.prize == ("golden", "boot", "award")
    # A forecast that names no prize asks nothing of the kind.
    assert contest.pick_of("Sales will win back buyers in 2031.") is None


def test_the_pick_named_as_winner_bears_it_out() -> None:
    found = _judge(_pick(), "The Harbour Hawks clinched the Coastal League title on Saturday.")
    assert [a.stance for a in found] == [Stance.SUPPORTS]
    assert "Harbour Hawks clinched the Coastal League title" in found[0].reason


def test_another_winner_of_the_same_prize_refutes_it() -> None:
    found = _judge(
        _pick(), "Pine City won the Coastal League title, finishing ahead of the Harbour Hawks."
    )
    assert [a.stance for a in found] == [Stance.CONTRADICTS]
    assert "Pine City" in found[0].reason


def test_another_prize_another_season_or_a_hope_says_nothing() -> None:
    pick = _pick()
    assert not _judge(pick, "The Harbour Hawks won the Coastal Cup on Saturday.")
    assert not _contest(pick, "Pine City won the Coastal League title in 2029.")
    # An earlier season's title is no outcome of this pick, for any question.
    assert not _judge(pick, "The Harbour Hawks won the Coastal League title in 2029.")
    assert not _contest(pick, "The Harbour Hawks aim to win the Coastal League title.")
    # The league named in other words is not taken for the same prize (prefer open).
    assert not _contest(pick, "Pine City won the Coastal title on Saturday.")


# --- a title taken, as the news of a final says it (found on blind-17's playoff picks) -------
FINAL = "Tarn Bay beats the Harbour Hawks and wins the Meridian Cup."


def _final_judge(text: str) -> list[Stance]:
    pick = describe_prediction(FINAL, date(2031, 3, 1), "event", "Tarn Bay")
    subjects = [Subject(name="Tarn Bay"), Subject(name="Pine City"), Subject(name="Ostvik")]
    found = judged(pick, text, date(2031, 10, 2), subjects)
    return [a.stance for a in found if a.stance.decides]


def test_the_winner_of_a_final_refutes_another_teams_pick_though_the_pick_is_not_named() -> None:
    # The last of the pick's deeds is the prize; the news names only the final's two sides.
    assert contest.pick_of(FINAL) is not None
    assert _final_judge(
        "The Pine City Rovers held off the resilient Ostvik Giants tonight to win their "
        "fourth Meridian Cup in 11 years."
    ) == [Stance.CONTRADICTS]
    assert _final_judge(
        "Pine City beat Ostvik 3-2 in Game 6 of the final to win the 2031 Meridian Cup."
    ) == [Stance.CONTRADICTS]
    assert _final_judge("Tarn Bay beat Pine City 3-2 to win the Meridian Cup.") == [Stance.SUPPORTS]


def test_a_chance_at_the_title_a_side_held_off_or_a_title_without_a_name() -> None:
    assert not _final_judge("Pine City are favoured to win the Meridian Cup this spring.")
    assert not _final_judge("Pine City failed to win the Meridian Cup final on Sunday.")
    # The side held off is no taker of the title: the pick's team is
    assert _final_judge(
        "Tarn Bay held off the resilient Pine City Rovers to win the Meridian Cup."
    ) == [Stance.SUPPORTS]
    series = describe_prediction(
        "Tarn Bay will win their series.", date(2031, 3, 1), "event", "Tarn Bay"
    )
    subjects = [Subject(name="Tarn Bay"), Subject(name="Pine City")]
    # "the series" is perhaps another series than the one picked: only its winner's name decides
    found = judged(series, "Pine City won the series 4-1.", date(2031, 5, 2), subjects)
    assert not [a for a in found if a.stance.decides]
