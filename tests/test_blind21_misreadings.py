"""Wrong verdicts found on real writing nobody had read (blind-21: a space mission's plan, a
phone-price rumour), each fixed by a general reading and pinned here with a look-alike that
keeps its verdict. Missions, phones, firms and figures are invented for the tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hindsight.analysis.deeds import deeds_in
from hindsight.analysis.horizons import find_horizon
from hindsight.analysis.predictions import describe_prediction
from hindsight.analysis.quantities import find_quantities
from hindsight.domain import Prediction, Stance, Subject
from tests.judge_cases import judged

WRITTEN = date(2031, 10, 1)


def _forecast(text: str, subject: str, kind: str) -> Prediction:
    return replace(describe_prediction(text, WRITTEN, kind, subject), made=WRITTEN)


def _stances(forecast: Prediction, news: str, published: date, subjects: list[Subject]) -> list:
    return [a.stance for a in judged(forecast, news, published, subjects) if a.stance.decides]


# --- the Korean won is a currency, not a win ---------------------------------------------------


def test_won_after_an_amount_is_money_and_no_win() -> None:
    [first, *_] = find_quantities("It will cost between 1 million South Korean won and more.")
    assert (first.kind, first.unit, first.low) == ("money", "KRW", 1_000_000)
    assert "win" not in deeds_in("The Fold will cost 1.5 million won in Korea.")
    assert "win" in deeds_in("Norvik won the contract in Korea.")  # the verb is still a win


# --- "between October 22nd and November 4th" is one window ------------------------------------


def test_two_dates_joined_by_between_are_one_window() -> None:
    window = find_horizon(
        "The engine burns will take place between October 22nd and November 4th.", WRITTEN
    )
    assert window is not None
    assert (window.start, window.end) == (date(2031, 10, 22), date(2031, 11, 4))
    alone = find_horizon("The engine burns will take place on October 22nd.", WRITTEN)
    assert alone is not None and alone.end == date(2031, 10, 22)


def test_a_burn_completed_inside_the_span_bears_it_out() -> None:
    probes = [Subject(name="Kestrel Probe")]
    forecast = _forecast(
        "Kestrel Probe's engine burns will take place between October 22nd and November 4th.",
        "Kestrel Probe",
        "commitment",
    )
    news = "Kestrel Probe completed the last of its engine burns on 28 October 2031."
    assert _stances(forecast, news, date(2031, 11, 2), probes) == [Stance.SUPPORTS]


# --- "won't ... until" dates what is expected, it does not deny it -----------------------------


def test_not_until_expects_the_event_it_waits_for() -> None:
    probes = [Subject(name="Kestrel Probe")]
    forecast = _forecast(
        "We won't see the comet's shape until Kestrel Probe begins its close approach.",
        "Kestrel Probe",
        "event",
    )
    news = "Kestrel Probe begins its close approach to the comet, mission control said."
    assert _stances(forecast, news, date(2031, 12, 30), probes) != [Stance.CONTRADICTS]
    denied = _forecast("Kestrel Probe won't begin its close approach.", "Kestrel Probe", "event")
    assert _stances(denied, news, date(2031, 12, 30), probes) == [Stance.CONTRADICTS]


# --- a speed is no distance ---------------------------------------------------------------------


def test_a_distance_says_nothing_of_a_speed_per_second() -> None:
    probes = [Subject(name="Kestrel Probe")]
    forecast = _forecast(
        "Kestrel Probe's flyby speed will be 14.4 km (8.9 miles) per second.",
        "Kestrel Probe",
        "quantity",
    )
    far = "Kestrel Probe's flyby came 6.5 billion kilometres from Earth on 1 January 2032."
    assert _stances(forecast, far, date(2032, 1, 2), probes) == []
    speed = "Kestrel Probe's flyby speed was 14.3 km per second on 1 January 2032."
    assert _stances(forecast, speed, date(2032, 1, 2), probes) == [Stance.SUPPORTS]


# --- a showing is dated by news of the showing, not of the sale after it ----------------------


def test_a_sale_after_the_showing_does_not_refute_the_showing() -> None:
    phones = [Subject(name="Orbis")]
    forecast = _forecast(
        "We'll find out about the Orbis Flip come February 11 at the Orbis showcase.",
        "Orbis",
        "timeline",
    )
    forecast = replace(forecast, made=date(2032, 1, 20))
    sale = "The Orbis Flip went on sale in Korea from 14 February 2032."
    assert _stances(forecast, sale, date(2032, 2, 14), phones) == []
    later = "Orbis released the Orbis Flip 7 in over 100 countries on 25 July 2035."
    assert _stances(forecast, later, date(2035, 7, 25), phones) == []
    shown = "Orbis unveiled the Orbis Flip at its showcase on 11 February 2032."
    assert _stances(forecast, shown, date(2032, 2, 11), phones) == [Stance.SUPPORTS]


# --- an aircraft maker's guidance: model numbers, targets and narrow ranges ------------------
VOLARE = [Subject(name="Volare")]


def test_a_number_written_as_a_model_is_no_amount() -> None:
    assert find_quantities("It will build fewer 747s as it moves that line to the 747 MAX.") == []
    assert find_quantities("Volare would cut 757 production in 2032.") == []
    assert [q.text for q in find_quantities("cutting 767-8 output to six planes a year")] == [
        "six planes"
    ]
    # Amounts stay amounts: a noun in the plural after the noun, a year's decade, round hundreds.
    assert [q.unit for q in find_quantities("It will hire 500 production workers.")] == ["worker"]
    assert [q.low for q in find_quantities("In the 1990s sales rose to 300 a year.")] == [300]


def test_a_preposition_or_a_compound_adjective_is_no_counted_noun() -> None:
    [deliveries, _, _] = find_quantities(
        "It put 2031 deliveries at 748 across its five programmes, above the 745 it had targeted."
    )
    assert (deliveries.low, deliveries.unit) == (748, None)
    [size] = find_quantities("It opened a 1,900-square-metre store in Leiden.")
    assert size.unit == "square-metre"  # the store's size, no count of stores


def test_a_target_missed_by_three_planes_is_missed() -> None:
    forecast = _forecast(
        "Volare expects to deliver 740 to 745 planes in 2031.", "Volare", "quantity"
    )
    news = "Volare's 2031 deliveries came to 748 planes, above the 745 it had targeted."
    assert _stances(forecast, news, date(2032, 1, 9), VOLARE) == [Stance.CONTRADICTS]
    inside = "Volare's 2031 deliveries came to 744 planes, below the 745 it had targeted."
    assert _stances(forecast, inside, date(2032, 1, 9), VOLARE) == [Stance.SUPPORTS]


def test_a_running_total_does_not_settle_a_total_for_the_whole() -> None:
    lines = [Subject(name="Crossbay Line")]
    forecast = _forecast(
        "I think 18 to 22 million journeys in the first twelve months is nearer the mark.",
        "Crossbay Line",
        "quantity",
    )
    so_far = "The Crossbay Line has carried 9.8 million journeys so far, its operator said."
    assert _stances(forecast, so_far, date(2032, 3, 21), lines) == []
    year = "The Crossbay Line carried 21.3 million journeys in its first 12 months."
    assert _stances(forecast, year, date(2032, 10, 2), lines) == [Stance.SUPPORTS]


def test_a_year_heading_a_list_of_figures_dates_each_of_them() -> None:
    news = (
        "Volare's 2032 results table shows the 2031 comparison figures: core earnings per "
        "share of $7.24 and operating cash flow of $10,499 million."
    )
    cash = _forecast(
        "Its forecast for about $10 billion in operating cash flow in 2031", "Volare", "quantity"
    )
    assert _stances(cash, news, date(2033, 1, 31), VOLARE) == [Stance.SUPPORTS]
    # An aside of what is left out names no measure: the forecast is of earnings, not costs.
    earnings = _forecast(
        "Volare forecast 2031 core earnings, excluding some pension and other costs, between "
        "$8.15 and $8.35 per share",
        "Volare",
        "quantity",
    )
    assert _stances(earnings, news, date(2033, 1, 31), VOLARE) == [Stance.CONTRADICTS]
