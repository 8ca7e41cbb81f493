"""Dates and periods in news become inclusive windows a timeline can be compared with."""

from __future__ import annotations

from datetime import date

import pytest

from hindsight.analysis.periods import find_periods


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("in the first quarter of 2024", date(2024, 1, 1), date(2024, 3, 31)),
        ("Q3 2025 results", date(2025, 7, 1), date(2025, 9, 30)),
        ("mass production in H1 2024", date(2024, 1, 1), date(2024, 6, 30)),
        ("in December 2023", date(2023, 12, 1), date(2023, 12, 31)),
        ("launched on 28 Mar 2024", date(2024, 3, 28), date(2024, 3, 28)),
        ("construction began 26 Jul 2024", date(2024, 7, 26), date(2024, 7, 26)),
        ("on March 28, 2024", date(2024, 3, 28), date(2024, 3, 28)),
        ("deliveries in 2025", date(2025, 1, 1), date(2025, 12, 31)),
        ("by mid-2024", date(2024, 4, 1), date(2024, 9, 30)),
        ("in the middle of 2024", date(2024, 4, 1), date(2024, 9, 30)),
    ],
)
def test_absolute_periods(text, start, end):
    (window,) = find_periods(text)
    assert (window.start, window.end) == (start, end)


def test_by_a_year_runs_from_the_reference_to_its_end():
    (window,) = find_periods("profitable by 2025", reference=date(2024, 5, 1))
    assert (window.start, window.end) == (date(2024, 5, 1), date(2025, 12, 31))


def test_relative_periods_need_a_reference_date():
    text = "expects a profit in the second half of the year"
    assert find_periods(text) == []
    (window,) = find_periods(text, reference=date(2025, 6, 4))
    assert (window.start, window.end) == (date(2025, 7, 1), date(2025, 12, 31))


def test_a_bare_month_is_the_latest_such_month_before_publication():
    (window,) = find_periods("delivered 7,058 cars in April", reference=date(2024, 5, 6))
    assert (window.start, window.end) == (date(2024, 4, 1), date(2024, 4, 30))


def test_amounts_are_not_years():
    assert find_periods("aims to build 2,024 units for 2025 yuan") == []


def test_a_year_before_a_comma_is_still_a_year():
    found = find_periods("It delivered 431,200 vehicles in 2024, short of its guidance.")
    assert [(w.start, w.end) for w in found] == [(date(2024, 1, 1), date(2024, 12, 31))]


def test_a_day_without_a_year_is_in_the_year_nearest_the_news():
    from datetime import date as _date

    (past,) = find_periods("took delivery on 20 February", _date(2024, 2, 22))
    (ahead,) = find_periods("would launch on March 14", _date(2022, 12, 8))
    assert past.start == _date(2024, 2, 20) and ahead.start == _date(2023, 3, 14)


def test_a_quarter_named_relative_to_the_news_is_found_without_any_digit():
    (last,) = find_periods("Sales fell last quarter.", reference=date(2030, 5, 10))
    (following,) = find_periods("It will ship next quarter.", reference=date(2030, 5, 10))
    assert (last.start, last.end) == (date(2030, 1, 1), date(2030, 3, 31))
    assert (following.start, following.end) == (date(2030, 7, 1), date(2030, 9, 30))


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # An article's "the month" is the month it was written in.
        ("all three will arrive before the end of the month", date(2030, 9, 1), date(2030, 9, 30)),
        ("shipping later this month", date(2030, 9, 1), date(2030, 9, 30)),
        ("due next month", date(2030, 10, 1), date(2030, 10, 31)),
        ("sales fell 4% last month", date(2030, 8, 1), date(2030, 8, 31)),
    ],
)
def test_months_relative_to_the_reference(text, start, end):
    assert find_periods(text) == []  # without a reference there is no month to name
    (window,) = find_periods(text, reference=date(2030, 9, 10))
    assert (window.start, window.end) == (start, end)


def test_next_month_in_december_is_january():
    (window,) = find_periods("due next month", reference=date(2030, 12, 10))
    assert (window.start, window.end) == (date(2031, 1, 1), date(2031, 1, 31))


def test_a_year_and_month_is_that_month_unless_it_may_be_a_fiscal_year():
    (window,) = find_periods("2017-01 — Final Release Candidate")
    assert (window.start, window.end) == (date(2017, 1, 1), date(2017, 1, 31))
    # "2011-12" runs forward as a range: a fiscal year, not December 2011.
    assert all(w.text != "2011-12" for w in find_periods("fiscal 2011-12 results"))
    (day,) = find_periods("on 2017-01-05")
    assert (day.start, day.end) == (date(2017, 1, 5), date(2017, 1, 5))


def test_the_middle_of_a_month_is_its_middle_ten_days() -> None:
    (window,) = find_periods("the launch slipped from the middle of April", date(2024, 5, 2))
    assert (window.start, window.end) == (date(2024, 4, 11), date(2024, 4, 20))
    assert find_periods("in the middle of the night", date(2023, 11, 21)) == []


@pytest.mark.parametrize(
    ("text", "reference", "start", "end"),
    [
        ("available this summer", date(2030, 6, 12), date(2030, 6, 1), date(2030, 8, 31)),
        ("ships in the summer of 2031", None, date(2031, 6, 1), date(2031, 8, 31)),
        ("due in spring 2032", None, date(2032, 3, 1), date(2032, 5, 31)),
        ("by late autumn 2030", None, date(2030, 11, 1), date(2030, 11, 30)),
        ("the Fall 2030 lineup", None, date(2030, 9, 1), date(2030, 11, 30)),
        # "next": the first such season to start after the news; "last": the last to end before.
        ("next spring", date(2030, 6, 12), date(2031, 3, 1), date(2031, 5, 31)),
        ("next summer", date(2030, 1, 20), date(2030, 6, 1), date(2030, 8, 31)),
        ("last fall", date(2030, 6, 12), date(2029, 9, 1), date(2029, 11, 30)),
        # Winter spans two years: the one under way, or the coming one.
        ("this winter", date(2031, 1, 15), date(2030, 12, 1), date(2031, 2, 28)),
        ("this winter", date(2030, 10, 2), date(2030, 12, 1), date(2031, 2, 28)),
    ],
)
def test_a_season_is_its_three_months(text, reference, start, end) -> None:
    (window,) = find_periods(text, reference)
    assert (window.start, window.end) == (start, end)


def test_a_season_needs_a_year_or_a_reference_and_a_falling_figure_is_no_season() -> None:
    assert find_periods("available this summer") == []
    # Winter spans two years: "winter 2030" is read as the year only.
    assert [w.text for w in find_periods("a winter 2030 storm")] == ["2030"]
    assert [w.text for w in find_periods("Prices will fall 2030 percent")] != ["fall 2030"]


def test_a_far_year_after_a_name_is_part_of_the_name() -> None:
    found = find_periods("Skyfall 2077 will now launch on November 19.", date(2030, 6, 18))
    assert [w.text for w in found] == ["November 19"]
    # A near year after a name is the year of what follows; a far one after a dating word too.
    assert [w.text for w in find_periods("Norvik 2031 deliveries", date(2030, 6, 18))] == ["2031"]
    assert [w.text for w in find_periods("net zero by 2077", date(2030, 6, 18))] == ["by 2077"]
