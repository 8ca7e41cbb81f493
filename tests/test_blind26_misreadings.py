"""Readings missed on real writing nobody had read (blind-26: a blog relaying an election
model's table of seat ranges), each given by a general reading and pinned here with a look-alike
that keeps its old reading. Parties, seats and dates are invented for the tests."""

from __future__ import annotations

from datetime import date

from hindsight.analysis.horizons import title_year
from hindsight.analysis.predictions import extract_predictions
from hindsight.domain import Prediction, Stance, Subject
from hindsight.reading import read_seed_text
from hindsight.reading.tables import table_lines
from tests.judge_cases import judged

WRITTEN = date(2030, 12, 8)

MODEL = """\
# Cast the 2031 election runes

Worth following the Forecast Lab, a website that crunches the numbers and spits out a regular \
prediction of the 2031 general election results.

The Greens have won the last byelections, and they will win more seats than ever.

Today, here's how the prediction looks:

<table>
<thead><tr><th>Party</th><th>Lo</th><th>Seats</th><th>Hi</th><th>Swing</th></tr></thead>
<tbody>
<tr><td>Whigs</td><td>234</td><td><strong>280</strong></td><td>321</td><td>-26</td></tr>
<tr><td>Greens</td><td>24</td><td><strong>35</strong></td><td>46</td><td>29</td></tr>
<tr><td>Labourites</td><td>241</td><td><strong>282</strong></td><td>328</td><td>24</td></tr>
</tbody>
</table>

The Greens will be major players, and the Labourites know it.
"""
PARTIES = [Subject(name="Greens"), Subject(name="Labourites")]


def _model() -> dict[str, Prediction]:
    seed = read_seed_text(
        MODEL, fmt="markdown", title="Cast the 2031 election runes", published=WRITTEN
    )
    return {p.subject: p for p in extract_predictions(seed) if " to " in p.text}


def test_a_row_between_low_and_high_columns_is_one_range() -> None:
    header = [("Party", True), ("Lo", True), ("Seats", True), ("Hi", True), ("Swing", True)]
    row = [("Whigs", False), ("234", False), ("280", False), ("321", False), ("-26", False)]
    assert table_lines([header, row]) == [
        "Whigs: 234 to 321 seats, 280 central",
        "Whigs Swing: -26",
    ]
    # Without low and high columns, each cell is its own labelled line as before.
    plain = [("Party", True), ("Seats", True), ("Swing", True)]
    assert table_lines([plain, [("Whigs", False), ("280", False), ("-26", False)]]) == [
        "Whigs Seats: 280",
        "Whigs Swing: -26",
    ]


def test_an_election_named_with_its_year_in_a_title_dates_its_forecasts() -> None:
    assert title_year("Cast the 2031 election runes", WRITTEN) == 2031
    assert title_year("Cast the runes", WRITTEN) is None
    rows = _model()
    assert set(rows) >= {"Whigs", "Greens", "Labourites"}  # a row's label is its subject
    window = rows["Whigs"].expectation.window
    assert window is not None and (window.start, window.end) == (
        date(2031, 1, 1),
        date(2031, 12, 31),
    )


def _decided(forecast: Prediction, news: str, day: date) -> list[Stance]:
    return [a.stance for a in judged(forecast, news, day, PARTIES) if a.stance.decides]


def test_each_partys_seats_settle_its_own_row() -> None:
    rows = _model()
    result = "The Whigs won 330 seats, the Labourites won 232, and the Greens won 56."
    day = date(2031, 5, 8)
    assert _decided(rows["Whigs"], result, day) == [Stance.CONTRADICTS]  # an untracked name's
    assert _decided(rows["Labourites"], result, day) == [Stance.CONTRADICTS]  # 232 < 241
    assert _decided(rows["Greens"], result, day) == [Stance.CONTRADICTS]  # 56 > 46
    inside = "The Whigs won 300 seats, the Labourites won 300, and the Greens won 40."
    assert _decided(rows["Greens"], inside, day) == [Stance.SUPPORTS]
    # A later election's seats are no outcome of this one; a whole is no party's count.
    assert _decided(rows["Greens"], "The Greens are on 35 seats.", date(2033, 6, 9)) == []
    whole = "The Greens took 20 of Northland's 40 seats."
    assert _decided(rows["Greens"], whole, day) == []  # 40 is the whole, inside 24-46 or not


def test_a_gold_quote_copied_from_a_tables_html_is_judged_as_its_row() -> None:
    from hindsight.evaluation.verdicts import describe_gold

    seed = read_seed_text(
        MODEL, fmt="markdown", title="Cast the 2031 election runes", published=WRITTEN
    )
    quote = "<td>Greens</td><td>24</td><td><strong>35</strong></td><td>46</td>"
    (described,) = describe_gold([{"id": "P1", "quote": quote}], seed).values()
    assert described.text == "Greens: 24 to 46 seats, 35 central"
    assert described.subject == "Greens"


def test_only_a_titles_event_bounds_the_window_of_its_undated_figures() -> None:
    from dataclasses import replace as with_

    from hindsight.analysis.predictions import describe_prediction, in_title_year

    price = describe_prediction("The car will cost $35,000.", WRITTEN, "price", "Valdane")
    assert price.expectation.window is None
    # A piece's year alone: its deadline only; the price counts whenever it came.
    plain = in_title_year(price, 2031)
    assert plain.deadline == date(2031, 12, 31) and plain.expectation.window is None
    event = in_title_year(with_(price, deadline=None), 2031, event=True)
    window = event.expectation.window
    assert window is not None and window.end == date(2031, 12, 31)
