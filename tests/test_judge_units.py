"""Figures on subjects the judge has never seen (issue #10): a unit written as a symbol or a word
is one unit; a quarter's rate is not the year's; a share is not a change; a forecast of a market
figure that names nobody is matched by what it measures, not by the name it was filed under.
Each deciding case is paired with a look-alike that must stay silent. Cases are written for
these tests (an invented scooter maker, Norvik, and an invented analyst firm, Halden Research)."""

from __future__ import annotations

from datetime import date

from hindsight.analysis.candidates import PredictionIndex
from hindsight.analysis.predictions import describe_prediction
from hindsight.analysis.quantities import find_quantities, unit_name
from hindsight.analysis.verdicts import DECISIVE
from hindsight.domain import Assessment, Prediction, Stance, Subject
from tests.judge_cases import judged

NORVIK = [Subject(name="Norvik")]
PUBLISHED = date(2030, 1, 10)
REPORTED = date(2032, 2, 1)


def _forecast(text: str, subject: str = "Norvik") -> Prediction:
    return describe_prediction(text, PUBLISHED, "quantity", subject)


def _judge(prediction: Prediction, text: str, subjects: list[Subject] = NORVIK) -> list[Assessment]:
    return judged(prediction, text, REPORTED, subjects)


# --- one unit, however it is written ----------------------------------------------------------


def test_symbols_words_and_glued_symbols_name_one_unit() -> None:
    units = {q.unit for t in ("12 GW", "12 gigawatts", "12GW", "12 gw") for q in find_quantities(t)}
    assert units == {"gigawatt"}
    assert find_quantities("a 3.5MW turbine")[0].unit == "megawatt"
    assert find_quantities("5 TWh of power")[0].text == "5 TWh"
    # Another scale is another unit; an ordinary noun is left as it is.
    assert unit_name("MW") != unit_name("GW")
    assert unit_name("scooters") == "scooters"


WIND = "Norvik will add 40 gigawatts of wind capacity in 2031."


def test_a_figure_in_the_units_symbol_settles_a_forecast_in_its_name() -> None:
    found = _judge(_forecast(WIND), "Norvik added 12 GW of wind capacity in 2031.")
    assert [a.stance for a in found] == [Stance.CONTRADICTS]
    assert "12 GW" in found[0].reason and "40 gigawatts" in found[0].reason
    glued = _judge(_forecast(WIND), "Norvik added 41GW of wind capacity in 2031.")
    assert [a.stance for a in glued] == [Stance.SUPPORTS]


def test_a_figure_in_another_unit_says_nothing() -> None:
    assert not _judge(_forecast(WIND), "Norvik added 12 MW of wind capacity in 2031.")


def test_a_figure_whose_clause_names_no_kind_takes_its_sentences_kind() -> None:
    # The 9 GW is renewables' (the sentence's kind), not wind's.
    assert not _judge(
        _forecast(WIND), "Norvik added 30 GW of renewables in 2031, with 9 GW in the north."
    )


# --- the part of a year is not the year -------------------------------------------------------

GROWTH = "Norvik's scooter sales will grow 15% in 2031."


def test_the_years_rate_settles_a_forecast_for_the_year() -> None:
    found = _judge(_forecast(GROWTH), "Norvik's scooter sales grew 4% in 2031.")
    assert [a.stance for a in found] == [Stance.CONTRADICTS]


def test_a_closing_quarters_rate_says_nothing_of_the_years() -> None:
    forecast = _forecast(GROWTH)
    assert not _judge(forecast, "Norvik's scooter sales grew 4% in the fourth quarter of 2031.")
    assert not _judge(forecast, "Norvik's scooter sales grew 4% in Q4 2031.")
    # A quarter named without its year, after a sentence about the year.
    assert not _judge(
        forecast, "Norvik reported its 2031 results. Fourth-quarter scooter sales grew 4%."
    )


def test_a_year_written_inside_a_quarters_date_does_not_date_the_figure() -> None:
    # "2031" inside "Q4 2031" is the quarter's; the 4% is dated by the year written beside it.
    found = _judge(
        _forecast(GROWTH),
        "Norvik's Q4 2031 sales lifted its scooter sales growth for calendar 2031 to 4%.",
    )
    assert [a.stance for a in found] == [Stance.CONTRADICTS]
    assert "2031 to" not in found[0].reason  # "2031 to 4%" is a year, then the figure


def test_preliminary_figures_are_reported_facts_hearsay_is_not() -> None:
    forecast = _forecast(GROWTH)
    first = _judge(forecast, "Norvik's preliminary figures show scooter sales grew 4% in 2031.")
    assert [a.stance for a in first] == [Stance.CONTRADICTS]
    assert first[0].confidence >= DECISIVE  # enough to settle the forecast on its own
    heard = _judge(forecast, "Sources say Norvik's scooter sales grew 4% in 2031.")
    assert [a.stance for a in heard] == [Stance.CONTRADICTS]
    assert heard[0].confidence < DECISIVE


def test_a_forecast_reported_in_the_past_tense_is_no_outcome() -> None:
    forecast = _forecast(GROWTH)
    # What someone expected is a forecast, whatever the tense: it cannot refute one.
    assert not _judge(
        forecast, "In 2031 Halden Research expected Norvik's scooter sales to grow 4%."
    )
    assert not _judge(forecast, "Halden Research predicted Norvik's scooter sales grew 4% in 2031.")
    # A result that came "as expected" is still a result.
    found = _judge(forecast, "As expected, Norvik's scooter sales grew 4% in 2031.")
    assert [a.stance for a in found] == [Stance.CONTRADICTS]


# --- a share is not a change ------------------------------------------------------------------

SHARE = "Norvik expects e-scooters to account for over 60 percent of all its sales by 2031."


def test_a_share_settles_a_share_forecast() -> None:
    found = _judge(_forecast(SHARE), "E-scooters accounted for 35% of Norvik's sales in 2031.")
    assert [a.stance for a in found] == [Stance.CONTRADICTS]


def test_a_change_says_nothing_of_a_share() -> None:
    forecast = _forecast(SHARE)
    assert not _judge(forecast, "Norvik's sales were down 35% in 2031.")
    assert not _judge(forecast, "Norvik said its sales fell by 65% in 2031.")


# --- a market forecast is about the market, not the name it was filed under --------------------

# The forecast's sentence names no one; the seed filed it under a place it discussed nearby.
TRACKED = [Subject(name="Halden Research"), Subject(name="Europe")]
MARKET = "Worldwide scooter shipments will grow 8 percent in 2031."


def _market_forecast() -> Prediction:
    return _forecast(MARKET, "Europe")


def test_a_market_forecast_naming_nobody_is_matched_by_its_measure() -> None:
    forecast = _market_forecast()
    assert forecast.key in PredictionIndex([forecast], TRACKED).by_measure
    found = _judge(
        forecast,
        "Halden Research said worldwide scooter shipments grew 2.5 percent in 2031.",
        TRACKED,
    )
    assert [a.stance for a in found] == [Stance.CONTRADICTS]


def test_a_market_forecast_is_not_settled_by_another_measure_or_a_place() -> None:
    forecast = _market_forecast()
    # Another measure of the same market.
    prices = "Halden Research said scooter prices fell 2.5 percent in 2031."
    assert not _judge(forecast, prices, TRACKED)
    # One country's rate is not the world's.
    spain = "Halden Research said scooter shipments in Spain grew 2.5 percent in 2031."
    assert not _judge(forecast, spain, TRACKED)


VOLUME = "Worldwide scooter shipments will reach 90 million units in 2031."


def test_a_market_count_is_answered_by_the_worlds_count_not_a_companys() -> None:
    forecast = _forecast(VOLUME, "Europe")
    world = "Halden Research said worldwide scooter shipments reached 70 million units in 2031."
    assert [a.stance for a in _judge(forecast, world, TRACKED)] == [Stance.CONTRADICTS]
    # One maker's shipments are part of the market, not its figure.
    tracked = [*TRACKED, Subject(name="Norvik")]
    assert not _judge(forecast, "Norvik shipped 12 million scooters in 2031.", tracked)
    assert not _judge(
        forecast, "Norvik's global scooter shipments were 12 million units in 2031.", tracked
    )


def test_a_forecast_of_a_subjects_own_figure_is_still_matched_by_name() -> None:
    forecast = _forecast(GROWTH)
    assert forecast.key not in PredictionIndex([forecast], NORVIK).by_measure
    # The subject's own forecast that does not repeat its name is still its own.
    own = _forecast("Scooter sales will grow 15% in 2031.")
    assert own.key not in PredictionIndex([own], NORVIK).by_measure


# --- a product's stated measure, and units of storage, mass and charge --------------------------


def test_units_of_storage_mass_and_charge_glued_or_not_are_one_unit() -> None:
    assert {q.unit for t in ("128GB", "128 GB", "128 gigabytes") for q in find_quantities(t)} == {
        "gigabyte"
    }
    assert find_quantities("a 4,000mAh battery")[0].unit == "milliamp-hour"
    assert find_quantities("a 1.2kg frame")[0].unit == "kilogram"


def test_a_products_stated_measure_is_set_though_its_sale_is_to_come() -> None:
    forecast = _forecast("The Norvik scooter will ship with 128GB of storage.")
    day = date(2030, 1, 20)
    said = judged(
        forecast,
        "Norvik said the scooter has 32 GB of storage and goes on sale on 3 March 2030.",
        day,
        NORVIK,
    )
    assert [a.stance for a in said] == [Stance.CONTRADICTS]
    # A figure promised for later stays a plan; so does a count of things in a plan.
    assert not judged(
        forecast, "Norvik will give the scooter 32 GB of storage in 2031.", day, NORVIK
    )
    # Announced with a plain "will" and a verb of what it comes with, it is set too...
    for announced in (
        "The Norvik scooter will ship with 32 GB of internal storage.",
        "Norvik's scooter will come with 32GB of space built in.",
    ):
        found = judged(forecast, announced, day, NORVIK)
        assert [a.stance for a in found] == [Stance.CONTRADICTS], announced
    # ... but not as a hope, a guess or a figure it will only reach.
    for open_ in (
        "Norvik hopes the scooter will ship with 32 GB of storage.",
        "The Norvik scooter could ship with 32 GB of storage.",
        "The Norvik scooter will reach 32 GB of storage after an update.",
    ):
        assert not judged(forecast, open_, day, NORVIK), open_
    sales = _forecast("Norvik will sell 50,000 scooters in 2030.")
    assert not judged(
        sales,
        "Norvik said it sells 20,000 scooters a year and opens a store on 3 March 2030.",
        day,
        NORVIK,
    )
