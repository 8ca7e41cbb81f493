"""Numbers in news prose read the way an analyst would write them down."""

from __future__ import annotations

import pytest

from hindsight.analysis.quantities import find_quantities, singular


def _one(text: str):
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "low", "high", "unit", "bound"),
    [
        ("priced at 215,900 yuan", 215_900, 215_900, "CNY", "exact"),
        ("an initial investment of RMB 10 billion", 1e10, 1e10, "CNY", "exact"),
        ("an initial investment of RMB10 billion;", 1e10, 1e10, "CNY", "exact"),
        ("plowing $10bn into it", 1e10, 1e10, "USD", "exact"),
        ("$10 billion over ten years", 1e10, 1e10, "USD", "exact"),
        ("priced at CNY 100,000-300,000", 100_000, 300_000, "CNY", "range"),
        ("the RMB30,000–40,000 price range", 30_000, 40_000, "CNY", "range"),
        ("but perhaps around RMB100,000.", 100_000, 100_000, "CNY", "about"),
        ("sold at HK$53.25 each", 53.25, 53.25, "HKD", "exact"),
        ("more than 1 billion EUR of R&D", 1e9, 1e9, "EUR", "at-least"),
        ("a hood option costing 42,000 RMB", 42_000, 42_000, "CNY", "exact"),
    ],
)
def test_money_is_scaled_and_has_an_iso_currency(text, low, high, unit, bound):
    q = _one(text)
    assert (q.low, q.high, q.unit, q.kind, q.bound) == (low, high, unit, "money", bound)


@pytest.mark.parametrize(
    ("text", "value", "unit", "bound"),
    [
        ("it took 88,898 orders", 88_898, "order", "exact"),
        ("410,000 deliveries last year", 410_000, "delivery", "exact"),
        ("the project employed 3,400 engineers as well", 3_400, "engineer", "exact"),
        ("a team of more than 10,000 people", 10_000, "person", "at-least"),
        ("196,000 paid pre-orders in two minutes", 196_000, "pre-order", "exact"),
    ],
)
def test_counts_keep_their_noun_in_the_singular(text, value, unit, bound):
    q = _one(text)
    assert (q.low, q.unit, q.kind, q.bound) == (value, unit, "count", bound)


def test_a_number_without_a_noun_is_still_a_count():
    q = find_quantities("plans to add 5,000 more, probably")[0]
    assert (q.low, q.unit, q.kind) == (5_000, None, "count")


def test_percent_and_a_range_of_years():
    pct, years = find_quantities("down 84% after 3–5 years")
    assert (pct.low, pct.unit, pct.kind) == (84, "percent", "percent")
    assert (years.low, years.high, years.unit, years.bound) == (3, 5, "year", "range")


def test_dates_years_and_model_names_are_not_quantities():
    assert find_quantities("On 28 Mar 2024, in Q3 2025, the SU7 and H1 2024 at 10:44 pm") == []


def test_a_release_named_at_a_sentence_start_is_no_quantity():
    # "Quillix 13 codenamed Tern": a coined name's release number, even opening the sentence;
    # an English word opening it leaves the figure a figure.
    assert find_quantities("Quillix 13 codenamed Tern is expected in 2031.") == []
    assert [q.text for q in find_quantities("Around 300 fitters joined.")] == ["300 fitters"]


def test_two_amounts_in_one_sentence_keep_their_own_currencies():
    cny, usd = find_quantities("won the plot for RMB 842 million yuan ($116 million)")
    assert (cny.low, cny.unit) == (842e6, "CNY")
    assert (usd.low, usd.unit) == (116e6, "USD")


@pytest.mark.parametrize(
    ("word", "expected"),
    [("deliveries", "delivery"), ("people", "person"), ("orders", "order"), ("boss", "boss")],
)
def test_singular(word, expected):
    assert singular(word) == expected


def test_the_longest_hedge_decides_the_bound():
    assert _one("builds no more than 120,000 vehicles").bound == "at-most"
    assert _one("no less than 5 cars").bound == "at-least"
    assert _one("more than 1,000 staff").bound == "at-least"


def test_round_figures_written_in_words_are_counts():
    found = find_quantities("it would sell one million vehicles a year, up from 380,000")
    assert [(q.low, q.unit) for q in found] == [(1e6, "vehicle"), (380_000, None)]
    assert _one("dropping the one-million target").low == 1e6
    assert _one("half a million cars").low == 500_000


@pytest.mark.parametrize(
    ("text", "low", "high", "unit", "bound"),
    [
        ("operated six long-haul routes at year-end", 6, 6, "route", "exact"),
        ("five, perhaps six, long-haul routes by 2025", 5, 6, "route", "range"),
        ("two or three plants", 2, 3, "plant", "range"),
        ("launched its sixth long-haul route", 6, 6, "route", "exact"),
        ("twelve new stores", 12, 12, "store", "exact"),
    ],
)
def test_small_counts_in_words_with_their_noun(
    text: str, low: float, high: float, unit: str, bound: str
) -> None:
    (q,) = find_quantities(text)
    assert (q.low, q.high, q.unit, q.kind, q.bound) == (low, high, unit, "count", bound)


@pytest.mark.parametrize(
    "text", ["within two years", "one of the big retailers", "the second part of the decade"]
)
def test_number_words_that_count_nothing_are_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


def test_ordinals_are_ranks_not_amounts():
    # "8th-generation chips" once read as 8 models and settled a forecast of three models.
    found = find_quantities(
        "The 4K models get 8th-generation chips, the 2nd update in its 21st year"
    )
    assert all(q.low not in (8.0, 2.0, 21.0) for q in found)
    assert [q.text for q in find_quantities("it sold 3 models in its 2nd year")] == ["3 models"]


def test_a_unit_written_apart_is_the_unit_and_what_follows_is_measured():
    from hindsight.analysis.matching import measure_words

    text = "Installers added 75 GW wind and a 10 MW solar farm."
    found = find_quantities(text)
    assert [(q.text, q.unit) for q in found] == [("75 GW", "gigawatt"), ("10 MW", "megawatt")]
    assert "wind" in measure_words(text, found[0])
    assert "solar" in measure_words(text, found[1])


def test_a_year_and_month_is_a_date_not_an_amount():
    assert find_quantities("**2016-05** — Feature Complete") == []
    # A range of years runs forward: it stays what it was read as.
    assert [q.text for q in find_quantities("between 2015-2020 it rose 5%")][-1] == "5%"


def test_a_participle_after_a_plural_noun_ends_what_is_counted():
    assert _one("the season produced 30 named storms surpassing the record").unit == "storm"
    # A participle before the noun is part of what is counted.
    assert _one("it opened 3 fast charging stations").unit == "station"
