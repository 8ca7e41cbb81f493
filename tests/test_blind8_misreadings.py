"""Wrong verdicts found on real writing nobody had read (blind-8: a basketball preseason preview
and a game-console event preview), each fixed by a general reading and pinned here with a
look-alike that must keep its verdict. Teams, products and figures are invented for the tests."""

from __future__ import annotations

from datetime import date

from hindsight.analysis.deeds import deeds_in
from hindsight.analysis.predictions import describe_prediction
from hindsight.domain import Stance, Subject
from tests.judge_cases import judged

OWLS = [Subject(name="HCO", aliases=("Harbour City Owls", "Owls"))]


def _stances(text: str, news: str, subject: str = "Owls", kind: str = "event") -> list[Stance]:
    forecast = describe_prediction(text, date(2030, 10, 1), kind, subject)
    return [a.stance for a in judged(forecast, news, date(2031, 6, 20), OWLS) if a.stance.decides]


def test_wont_is_will_not_and_caring_about_winning_is_no_win() -> None:
    assert "win" not in deeds_in("The Owls won't care much about the cup.")
    assert "win" not in deeds_in("The Owls will care less about winning regular-season games.")
    assert "win" in deeds_in("The Owls won the cup.")
    assert "win" in deeds_in("They talked about it, then won the cup.")
    # A forecast about an attitude is not refuted by the team winning.
    assert not _stances(
        "The Owls won't care about winning regular-season games nearly as much.",
        "The Owls won their second title in three seasons with a 112-104 win.",
        kind="qualitative",
    )


def test_a_count_of_wins_is_not_borne_out_by_a_win() -> None:
    assert not _stances(
        "I think the Owls will win 61 games this season.",
        "The Owls won their second title in three seasons with a 112-104 Game 6 win.",
        kind="quantity",
    )
    # The deed itself, forecast without a count, is borne out by it.
    assert _stances(
        "The Owls will win the title this season.",
        "The Owls won their second title in three seasons with a 112-104 Game 6 win.",
    ) == [Stance.SUPPORTS]


def test_a_pick_written_as_initials_is_the_winner_written_in_full() -> None:
    news = "The Harbour City Owls won the 2031 league championship on Monday night."
    assert _stances("The HCO will win a championship this season.", news, "HCO") == [
        Stance.SUPPORTS
    ]
    other = "After the Owls lost, the Pine City Bears won the 2031 league championship."
    assert _stances("The HCO will win a championship this season.", other, "HCO") == [
        Stance.CONTRADICTS
    ]
    # Initials are a whole pick's other name, never one word of a longer one: "TJ" of "TJ
    # Lark" is not "Trey Jackson".
    lark = [Subject(name="TJ Lark", aliases=("Lark",))]
    pick = describe_prediction(
        "TJ Lark will win the Defensive Player of the Year award this season.",
        date(2030, 10, 1),
        "event",
        "TJ Lark",
    )
    news = "Lark finished second as Trey Jackson won the Defensive Player of the Year award."
    got = [a.stance for a in judged(pick, news, date(2031, 2, 8), lark) if a.stance.decides]
    assert got == [Stance.CONTRADICTS]


def test_an_undated_release_is_the_forecasts_own_thing_not_its_filed_subject() -> None:
    subjects = [Subject(name="Nova"), Subject(name="Lumen")]

    def stances(text: str) -> list[Stance]:
        forecast = describe_prediction(text, date(2030, 1, 5), "event", "Lumen")
        news = "The Lumen launches worldwide on 3 March 2030 at a price of $300."
        return [a.stance for a in judged(forecast, news, date(2030, 3, 3), subjects) if a.stance]

    # Filed under the console, but about another thing: the console's launch says nothing of it.
    for other in (
        "A brand new Starfall game will be announced.",
        "A brand new Starfall game for the Lumen will be released.",
        "A Lumen Pro will be announced.",
        "The Lumen's successor will be announced.",
    ):
        assert Stance.SUPPORTS not in stances(other), other
    # The console itself, by name, by what it is or by a pronoun.
    for itself in ("The Lumen will be released.", "The console will be released."):
        assert Stance.SUPPORTS in stances(itself), itself


def test_a_postponed_things_old_date_is_not_its_date() -> None:
    subjects = [Subject(name="Tramway"), Subject(name="Harbour Council", aliases=("Council",))]

    def stances(text: str, news: str, published: date) -> list[Stance]:
        forecast = describe_prediction(text, date(2030, 12, 7), "timeline", "Harbour Council")
        return [a.stance for a in judged(forecast, news, published, subjects) if a.stance.decides]

    vote = "On Tuesday 11th December 2030, the Harbour Council will vote on the tramway budget."
    postponed = (
        "The mayor postponed the Harbour Council vote on the tramway budget, due on Tuesday 11 "
        "December 2030, saying it would be lost."
    )
    assert Stance.SUPPORTS not in stances(vote, postponed, date(2030, 12, 10))
    # Held on the day after a delay: the delay named, the date its own.
    opening = "The Harbour Council will open the tramway in September 2031."
    opened = "The Harbour Council opened the tramway on 17 September 2031 after a two-year delay."
    assert stances(opening, opened, date(2031, 9, 17)) == [Stance.SUPPORTS]


# A maker tracked with its product, the Beacon.
LUMORA = [Subject(name="Lumora", aliases=("Beacon",), products=("Beacon",))]


def _on_sale(text: str, day: date) -> list[Stance]:
    """The stances a forecast written on 5 January 2030 gets from the Beacon going on sale."""
    forecast = describe_prediction(text, date(2030, 1, 5), "timeline", "Lumora")
    news = f"The Beacon went on sale worldwide on {day.day} March {day.year}."
    return [a.stance for a in judged(forecast, news, day, LUMORA) if a.stance]


def test_another_partys_thing_is_not_the_subjects_first_product() -> None:
    # "their game": the studio's, named before; the console's launch does not date it.
    on_sale = date(2030, 3, 3)
    assert Stance.SUPPORTS not in _on_sale(
        "I imagine their game will come out in late 2030.", on_sale
    )
    assert Stance.SUPPORTS in _on_sale("The Beacon will go on sale in March 2030.", on_sale)


def test_support_extended_bears_out_a_forecast_of_its_extension() -> None:
    subjects = LUMORA

    def stances(text: str, news: str) -> list[Stance]:
        forecast = describe_prediction(text, date(2030, 6, 1), "commitment", "Lumora")
        return [a.stance for a in judged(forecast, news, date(2030, 9, 26), subjects) if a.stance]

    forecast = "Support for the Beacon 2 on older systems will be extended past its end date."
    assert Stance.SUPPORTS in stances(
        forecast, "Lumora extended support for the Beacon 2 on older systems by six months."
    )
    # Another thing extended is not it.
    assert not stances(forecast, "Lumora extended its lead in the console market this quarter.")


def test_a_commitment_is_reaffirmed_only_by_its_party() -> None:
    subjects = [Subject(name="Lumora", aliases=("Beacon",))]
    forecast = describe_prediction(
        "Lumora is looking at adding the ability to hide the toolbar for users.",
        date(2030, 6, 1),
        "commitment",
        "Lumora",
    )

    def stances(news: str) -> list[Stance]:
        return [a.stance for a in judged(forecast, news, date(2030, 9, 26), subjects) if a.stance]

    assert not stances("In the new release, web apps keep the Beacon's main toolbar for users.")
    assert Stance.SUPPORTS in stances("Lumora retained the ability to hide the toolbar for users.")


def test_a_part_of_a_named_year_has_no_six_months_slack() -> None:
    on_sale = date(2031, 3, 3)
    # Launched in March 2031 against "late 2030": not within it, whatever the slack elsewhere.
    assert Stance.SUPPORTS not in _on_sale("The Beacon will go on sale in late 2030.", on_sale)
    # A horizon counted from the day written keeps its slack: "in about a year" is vague.
    assert _on_sale("The Beacon will go on sale in about a year.", on_sale) == [Stance.SUPPORTS]


def test_a_launch_dates_no_arrival_and_letting_go_is_no_release() -> None:
    subjects = [Subject(name="Wren"), Subject(name="Skylab Nine", aliases=("station",))]

    def stances(text: str, news: str, published: date) -> list[Stance]:
        forecast = describe_prediction(text, date(2030, 1, 20), "timeline", "Wren")
        return [a.stance for a in judged(forecast, news, published, subjects) if a.stance]

    launched = "The uncrewed Wren cargo craft launched on a heavy rocket on 30 Jan 2030."
    # Launched two days before the arrival it forecast: no verdict on the arrival.
    assert not stances(
        "It will arrive at the station on Feb. 1, 2030.", launched, date(2030, 1, 30)
    )
    # The launch forecast itself is settled by it.
    assert stances(
        "The Wren cargo craft will launch on Jan. 30, 2030.", launched, date(2030, 1, 30)
    ) == [Stance.SUPPORTS]
    # The arm "released the Wren from the station" in July: no launch in July.
    let_go = "The robotic arm released the Wren cargo craft from the station on 12 July 2030."
    assert not stances(
        "The Wren cargo craft will launch on Jan. 30, 2030.", let_go, date(2030, 7, 12)
    )


def test_news_older_than_the_forecast_is_no_evidence_for_it() -> None:
    from dataclasses import replace

    subjects = [Subject(name="Wren"), Subject(name="Skylab Nine", aliases=("station",))]
    forecast = describe_prediction(
        "The Wren cargo craft will launch on Jan. 30, 2030.", date(2029, 11, 20), "timeline", "Wren"
    )
    news = "The Wren cargo craft launch was delayed again, the latest of many delays."
    written = replace(forecast, made=date(2029, 11, 20))
    # Told before the forecast was written: its writer knew it.
    assert not [a for a in judged(written, news, date(2029, 5, 20), subjects) if a.stance.decides]
    # Told after: the delay refutes the date.
    after = [a.stance for a in judged(written, news, date(2030, 1, 20), subjects)]
    assert Stance.CONTRADICTS in after


def test_a_feature_rolled_out_after_the_end_of_the_year_it_was_targeted_for_is_late() -> None:
    subjects = [Subject(name="Lumora", aliases=("Beacon",), products=("Beacon",))]
    forecast = describe_prediction(
        "Lumora is targeting the end of the year for the release of tab groups in Beacon.",
        date(2030, 6, 24),
        "timeline",
        "Lumora",
    )

    def stances(news: str, day: date) -> list[Stance]:
        return [a.stance for a in judged(forecast, news, day, subjects) if a.stance.decides]

    # Four months late: no six months' slack for "the end of the year".
    assert stances("Beacon rolled out tab groups on 29 April 2031.", date(2031, 4, 29)) == [
        Stance.CONTRADICTS
    ]
    assert stances("Beacon rolled out tab groups on 2 December 2030.", date(2030, 12, 2)) == [
        Stance.SUPPORTS
    ]
    # A rocket rolled out to its pad, or atop its booster, is not yet launched.
    assert not stances("Beacon rolled out to the pad on 29 April 2031.", date(2031, 4, 29))
    assert not stances(
        "Beacon rolled out again atop its booster on 29 April 2031.", date(2031, 4, 29)
    )
