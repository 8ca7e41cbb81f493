"""Forecasts missed on real writing nobody had read (blind-22: a transit group's summary of
its agency's business plan), each found by a general reading and pinned here with a
look-alike that stays out. Routes, places and dates are invented for the tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hindsight.analysis.predictions import describe_prediction, extract_predictions
from hindsight.domain import Stance, Subject
from hindsight.reading import read_seed_text
from tests.judge_cases import judged

WRITTEN = date(2031, 8, 23)

PLAN = """\
# What is in store for Harbourline Transit?

The agency's interim business plan gives us a glimpse of the next few years of buses and trams
across the region, and there is plenty in it for riders to look forward to.

Plans are afoot to keep growing the express network:

- New 405 Dockside Express (Sept 2032)
- Extension of route 401 to the tram terminus (early 2033)
- The old 12 Mill Street shuttle (March 2029), which we still miss.

You should expect to see some major changes to other bus routes when the tram opens, as well.

You should book your consultation seat early.
"""


def _texts() -> list[str]:
    seed = read_seed_text(PLAN, fmt="markdown", published=WRITTEN, title="Harbourline Transit")
    return [p.text for p in extract_predictions(seed)]


def test_a_list_item_labelled_with_a_date_ahead_in_brackets_is_a_planned_entry() -> None:
    texts = _texts()
    assert any("New 405 Dockside Express" in t for t in texts)
    assert any("Extension of route 401" in t for t in texts)
    # A date gone by labels a history, not a plan.
    assert not any("Mill Street shuttle" in t for t in texts)


def test_what_the_reader_should_expect_is_a_forecast_and_advice_is_not() -> None:
    texts = _texts()
    assert any(t.startswith("You should expect to see some major changes") for t in texts)
    assert not any("book your consultation seat" in t for t in texts)


def test_a_line_that_began_service_is_launched() -> None:
    trams = [Subject(name="Harbourline")]
    forecast = describe_prediction(
        "Harbourline's tram launch in early 2032", WRITTEN, "timeline", "Harbourline"
    )
    forecast = replace(forecast, made=WRITTEN)
    late = "Harbourline began service on its tram line on 21 June 2033."
    stances = [a.stance for a in judged(forecast, late, date(2033, 6, 24), trams)]
    assert [s for s in stances if s.decides] == [Stance.CONTRADICTS]
    on_time = "Harbourline's tram line opens for service on 3 March 2032."
    stances = [a.stance for a in judged(forecast, on_time, date(2032, 3, 3), trams)]
    assert [s for s in stances if s.decides] == [Stance.SUPPORTS]
