"""Readings missed on real writing nobody had read (blind-23 and blind-24: a government fact
sheet of vaccination goals, a newspaper's weather outlook, a local paper's food-price forecasts),
each given by a general reading and pinned here with a look-alike that keeps its old reading.
Names, dates and figures are invented for the tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hindsight.analysis.horizons import find_horizon
from hindsight.analysis.predictions import describe_prediction, main_subject
from hindsight.analysis.quantities import find_quantities
from hindsight.domain import Prediction, Stance, Subject
from tests.judge_cases import judged

WRITTEN = date(2031, 5, 4)
COUNCIL = [Subject(name="Harlow Council")]


def _forecast(text: str, kind: str = "quantity") -> Prediction:
    return replace(describe_prediction(text, WRITTEN, kind, "Harlow Council"), made=WRITTEN)


# --- a figure the forecast calls a goal: news of that goal met or missed settles it ----------
def test_a_goal_reported_missed_refutes_a_forecast_that_names_its_figure_a_goal() -> None:
    goal = _forecast("a goal for 70% of the town's adults to have one dose")
    missed = (
        "Harlow Council has fallen short of its summer goal to have 70 per cent of adults "
        "at least partly vaccinated."
    )
    found = [a for a in judged(goal, missed, date(2031, 9, 5), COUNCIL) if a.stance.decides]
    assert [a.stance for a in found] == [Stance.CONTRADICTS]
    assert "70" in found[0].reason
    # Another goal missed (60 %) says nothing of this one.
    other = "Harlow Council has fallen short of its goal to have 60 per cent of adults boosted."
    assert [a for a in judged(goal, other, date(2031, 9, 5), COUNCIL) if a.stance.decides] == []


# --- "throughout the next year": twelve months from the day written --------------------------
def test_the_next_year_with_the_is_the_twelve_months_ahead_not_the_calendar_year() -> None:
    written = date(2031, 1, 18)
    window = find_horizon("Food prices could rise throughout the next year", written)
    assert window is not None and (window.start, window.end) == (written, date(2032, 1, 18))
    two = find_horizon("prices could rise in the next year or two", written)
    assert two is not None and two.end == date(2033, 1, 18)
    # "next year" alone is still the next calendar year.
    calendar = find_horizon("Food prices could rise next year", written)
    assert calendar is not None and (calendar.start, calendar.end) == (
        date(2032, 1, 1),
        date(2032, 12, 31),
    )


# --- figures listed as alternatives are one range ---------------------------------------------
def _read(text: str) -> list[tuple[float, float, str | None, str]]:
    return [(q.low, q.high, q.unit, q.bound) for q in find_quantities(text)]


def test_alternatives_listed_before_a_unit_are_one_range() -> None:
    assert _read("an increase of 4, 5 or 6 percent this year") == [(4, 6, "percent", "range")]
    assert _read("one or two major storms are forecast") == [(1, 2, "storm", "range")]
    assert _read("about eight to 13 named storms") == [(8, 13, "storm", "range")]
    # No "or": a list of separate figures, not alternatives; "one" alone counts nothing.
    assert _read("prices rose 4, 5% in the spring") == [
        (4, 4, None, "exact"),
        (5, 5, "percent", "exact"),
    ]
    assert _read("one of the strongest storms") == []


def test_a_places_initials_qualify_the_counted_noun() -> None:
    assert _read("160 million U.S. adults to be fully vaccinated") == [
        (160e6, 160e6, "adult", "exact")
    ]


# --- a name whose first word names nothing alone ----------------------------------------------
def test_a_name_opened_by_an_article_or_a_compass_word_is_kept_whole() -> None:
    text = (
        "El Niño is set to return this year, forecasters said. El Niño brings drought to the "
        "west of the ocean. Farmers fear El Niño more than floods. El Niño last came in 2023."
    )
    assert main_subject(text) == "El Niño"


# --- a piece about a measure: its title's phrase is the subject, not the expert quoted -------
COFFEE = """\
Roasters warned on Monday that coffee prices could keep climbing, and the growers they buy \
from agree.

"Coffee prices will exceed the normal annual inflation of 1 to 2 percent," said Ana Ruiz, an \
economist at Harlow University. Ruiz has tracked coffee prices for twenty years.

"We might be looking at an increase of 4, 5 or 6 percent this year," Ruiz said. Ruiz added \
that frost in the growing regions was the main cause, and Ruiz expects no quick relief.
"""
COFFEE_TITLE = "Coffee prices could rise throughout the next year"


def _coffee() -> list[Prediction]:
    from hindsight.analysis.predictions import extract_predictions
    from hindsight.reading import read_seed_text

    seed = read_seed_text(COFFEE, published=date(2031, 1, 18), title=COFFEE_TITLE)
    return extract_predictions(seed)


def test_a_titles_phrase_the_text_repeats_is_the_subject_over_the_expert_it_quotes() -> None:
    assert main_subject(COFFEE, None, COFFEE_TITLE) == "coffee price"
    # A title naming something the text writes with capitals leaves the names to decide.
    capitals = COFFEE.replace("coffee prices", "Coffee Prices")
    assert main_subject(capitals, None, COFFEE_TITLE) != "coffee price"


def test_figures_of_a_measure_a_piece_is_about_are_settled_by_that_measure() -> None:
    found = {p.text: p for p in _coffee()}
    past = next(p for t, p in found.items() if "exceed" in t)
    quantity = past.expectation.quantity
    # "exceed ... of 1 to 2 percent": past the top of the range
    assert quantity is not None and (quantity.low, quantity.bound) == (2, "at-least")
    increase = next(p for t, p in found.items() if "4, 5 or 6" in t)
    # The speaker tagged after a quotation is whose forecast it is, not what it is about.
    assert (increase.subject, past.subject) == ("coffee price", "coffee price")
    assert "Ana Ruiz" in (increase.owner or "")
    subjects = [Subject(name="coffee price", aliases=("coffee prices",))]
    news = "Supermarket coffee prices were up 4.8 percent in 2031, the most since 2022."
    day = date(2032, 2, 2)
    assert [a.stance for a in judged(increase, news, day, subjects) if a.stance.decides] == [
        Stance.SUPPORTS
    ]
    assert [a.stance for a in judged(past, news, day, subjects) if a.stance.decides] == [
        Stance.SUPPORTS
    ]
    # Another measure's figure (tea) says nothing of coffee's.
    tea = "Supermarket tea prices were up 4.8 percent in 2031, the most since 2022."
    assert [a for a in judged(increase, tea, day, subjects) if a.stance.decides] == []


def test_a_forecast_move_of_the_measure_is_settled_by_its_move_over_the_period() -> None:
    written = date(2031, 1, 18)
    rise = describe_prediction(
        "Coffee prices could rise throughout the next year", written, "event", "coffee price"
    )
    rise = replace(rise, made=written)
    subjects = [Subject(name="coffee price", aliases=("coffee prices",))]
    up = "Frost and strong demand led a coffee price increase in 2031."
    assert [a.stance for a in judged(rise, up, date(2032, 2, 2), subjects) if a.stance.decides] == [
        Stance.SUPPORTS
    ]
    # A move over a quarter is no move over the year the forecast gives.
    quarter = "Coffee prices rose in the first quarter of 2031."
    assert [a for a in judged(rise, quarter, date(2031, 4, 2), subjects) if a.stance.decides] == []


# --- news that recalls a forecast and says it never came -------------------------------------
def _trams(text: str) -> Prediction:
    written = date(2031, 3, 1)
    return replace(describe_prediction(text, written, "event", "Harlow Council"), made=written)


RECALLED = (
    "Harlow Council promised in 2031 that trams would run on Riverside Road by 2032, which "
    "never materialized."
)


def _decided(forecast: Prediction, news: str, day: date) -> list[Stance]:
    return [a.stance for a in judged(forecast, news, day, COUNCIL) if a.stance.decides]


def test_a_recalled_forecast_said_never_to_have_come_settles_forecasts_of_the_same_thing() -> None:
    day = date(2034, 5, 1)
    expected = _trams("Harlow Council says trams will run on Riverside Road next year.")
    assert _decided(expected, RECALLED, day) == [Stance.CONTRADICTS]
    doubted = _trams("Trams on Riverside Road next year? Not happening, says Harlow Council.")
    assert _decided(doubted, RECALLED, day) == [Stance.SUPPORTS]


def test_a_failure_of_another_thing_or_one_only_possible_settles_nothing() -> None:
    day = date(2034, 5, 1)
    expected = _trams("Harlow Council says trams will run on Riverside Road next year.")
    depot = (
        "Harlow Council promised in 2031 that a tram depot would open in 2032, which never "
        "materialized."
    )
    assert _decided(expected, depot, day) == []  # "tram" only qualifies the depot
    maybe = (
        "Harlow Council promised that trams would run on Riverside Road, which may never happen."
    )
    assert _decided(expected, maybe, day) == []
    # "didn't happen" before the forecast's year is over: there was still time.
    early = "Harlow Council said trams would run on Riverside Road, but it didn't happen."
    assert _decided(expected, early, date(2032, 6, 1)) == []


def test_a_figure_an_unnamed_party_commits_to_is_not_the_markets_total() -> None:
    written = date(2031, 3, 1)
    pumps = [Subject(name="heat pumps")]
    pledge = describe_prediction(
        "One of the big energy suppliers has also committed to fitting 50,000 heat pumps a year "
        "by the end of 2032",
        written,
        "commitment",
        "heat pumps",
    )
    pledge = replace(pledge, made=written)
    total = "Industry figures showed 98,000 heat pumps were installed in homes in 2032."
    assert [a for a in judged(pledge, total, date(2033, 2, 1), pumps) if a.stance.decides] == []
    # The same total answers a forecast of the market's own figure.
    market = replace(
        describe_prediction(
            "About 100,000 heat pumps will be installed in 2032", written, "quantity", "heat pumps"
        ),
        made=written,
    )
    assert [
        a.stance for a in judged(market, total, date(2033, 2, 1), pumps) if a.stance.decides
    ] == [Stance.SUPPORTS]
