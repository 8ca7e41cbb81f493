"""Forecasts missed on real writing nobody had read (blind-22: a transit group's summary of
its agency's business plan), each found by a general reading and pinned here with a
look-alike that stays out. Routes, places and dates are invented for the tests."""

from __future__ import annotations

from datetime import date

from hindsight.analysis.predictions import extract_predictions
from hindsight.reading import read_seed_text

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
