"""Relative forecast horizons resolve against the publication date into inclusive windows."""

from datetime import date

import pytest

from hindsight.analysis.horizons import find_horizon, find_horizons

PUBLISHED = date(2021, 3, 31)


def window(text: str, published: date = PUBLISHED) -> tuple[date, date]:
    found = find_horizon(text, published)
    assert found is not None, f"no horizon found in {text!r}"
    return found.start, found.end


@pytest.mark.parametrize("dash", ["-", "–", " to "])
def test_year_range_counts_from_publication(dash: str) -> None:
    text = f"it will take about 3{dash}5 years before a car can emerge"
    assert window(text) == (date(2024, 3, 31), date(2026, 3, 31))


def test_mid_decade_is_the_middle_years_of_the_current_decade() -> None:
    assert window("it will be around mid-decade before we see a car") == (
        date(2024, 1, 1),
        date(2026, 12, 31),
    )


def test_by_mid_decade_starts_at_publication() -> None:
    assert window("by mid-decade the plant will be running") == (PUBLISHED, date(2026, 12, 31))


def test_second_part_of_this_decade() -> None:
    assert window("the second part of this decade to build volumes") == (
        date(2025, 1, 1),
        date(2029, 12, 31),
    )
    assert window("in the second half of the next decade") == (date(2035, 1, 1), date(2039, 12, 31))


def test_coming_weeks_and_months_is_a_short_window_from_publication() -> None:
    start, end = window("In the coming weeks and months, expect hiring")
    assert start == PUBLISHED
    assert date(2021, 6, 30) <= end <= date(2022, 3, 31)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("next year", (date(2022, 1, 1), date(2022, 12, 31))),
        ("by 2025", (PUBLISHED, date(2025, 12, 31))),
        ("by the end of 2024", (PUBLISHED, date(2024, 12, 31))),
        ("before 2027", (PUBLISHED, date(2026, 12, 31))),
        ("within two years", (PUBLISHED, date(2023, 3, 31))),
        ("over the next 10 years", (PUBLISHED, date(2031, 3, 31))),
        ("over the course of the next 10 years", (PUBLISHED, date(2031, 3, 31))),
        ("for the rest of this decade", (PUBLISHED, date(2029, 12, 31))),
        ("in the second half of 2025", (date(2025, 7, 1), date(2025, 12, 31))),
    ],
)
def test_common_horizons(text: str, expected: tuple[date, date]) -> None:
    assert window(text) == expected


def test_horizons_come_in_reading_order() -> None:
    text = "around mid-2026 rather than the second half of 2025"
    starts = [w.start for w in find_horizons(text, PUBLISHED)]
    assert starts == [date(2026, 4, 1), date(2025, 7, 1)]


def test_a_delay_amount_is_not_a_horizon() -> None:
    # "slips by two quarters" says how late, not when; only the date that follows is a horizon.
    assert find_horizons("the node slips by two to three quarters", PUBLISHED) == []


def test_text_without_horizon() -> None:
    assert find_horizon("The company has the money and the team.", PUBLISHED) is None


def test_the_first_of_a_kind_in_n_years_is_a_span_since_not_a_time_ahead() -> None:
    for text in (
        "asking too much to announce the first iPod touch refresh in three years",
        "its best quarter in a decade",
        "the first new model in two years",
    ):
        assert find_horizons(text, PUBLISHED) == [], text
    # A forecast of the first of something, dated ahead, keeps its horizon.
    assert find_horizon("The first cars will arrive in three years", PUBLISHED) is not None
    assert find_horizon("We will launch in three years", PUBLISHED) is not None


def test_a_first_thing_that_comes_in_n_years_keeps_its_horizon() -> None:
    for text in (
        "Its first car goes on sale in three years.",
        "The largest plant opens in two years.",
    ):
        assert find_horizon(text, PUBLISHED) is not None, text


def test_a_season_ends_within_a_year_and_the_next_one_within_two() -> None:
    published = date(2030, 9, 11)
    this = find_horizon("I don't see them becoming champions this season.", published)
    assert this is not None and (this.start, this.end) == (published, date(2031, 9, 11))
    new = find_horizon("They will go down in the new campaign.", published)
    assert new is not None and new.end == date(2031, 9, 11)
    after = find_horizon("They will win the league next season.", published)
    assert after is not None and after.end == date(2032, 9, 11)
    # A season named but not placed in time is no horizon.
    assert find_horizon("This is a season of change for the club.", published) is None


def test_a_date_in_the_sentence_wins_over_its_season() -> None:
    window = find_horizon(
        "Acme expects sales to rise this season, by the end of 2030.", date(2030, 9, 11)
    )
    assert window is not None and window.end == date(2030, 12, 31)


def test_the_middle_of_a_month_is_a_forecasts_mid_month() -> None:
    from hindsight.analysis.horizons import find_horizons

    found = find_horizons("remains on schedule for the middle of April", date(2023, 11, 21))
    assert [(w.start, w.end) for w in found] == [(date(2024, 4, 11), date(2024, 4, 20))]


@pytest.mark.parametrize(
    ("text", "end"),
    [
        # "before" a named period: the period itself is too late.
        ("the line will open before March 2023", date(2023, 2, 28)),
        ("it will ship before the summer of 2022", date(2022, 5, 31)),
        ("not before mid-2023", date(2023, 3, 31)),
        # "by" it, or "before the end of" it: the period is still in time.
        ("the line will open by March 2023", date(2023, 3, 31)),
        ("it will open before the end of March 2023", date(2023, 3, 31)),
        # A year naming an event of that year ("the 2024 election") may mean its last day.
        ("it will pass before the 2024 election", date(2024, 12, 31)),
    ],
)
def test_before_a_period_ends_where_the_period_starts(text: str, end: date) -> None:
    assert window(text) == (PUBLISHED, end)


def test_either_of_two_parts_of_a_year_is_one_window() -> None:
    day = date(2023, 3, 1)
    # "in Spring or Fall of 2024": both seasons of 2024, not autumn alone.
    (both,) = find_horizons("with a release date in Spring or Fall of 2024", day)
    assert (both.start, both.end) == (date(2024, 3, 1), date(2024, 11, 30))
    # Read apart, "in March" lost its year and became the next March (2023).
    (months,) = find_horizons("in March or April 2025", day)
    assert (months.start, months.end) == (date(2025, 3, 1), date(2025, 4, 30))
    (quarters,) = find_horizons("in the first or second quarter of 2025", day)
    assert (quarters.start, quarters.end) == (date(2025, 1, 1), date(2025, 6, 30))
    # One part stays that part.
    (spring,) = find_horizons("in Spring 2024", day)
    assert (spring.start, spring.end) == (date(2024, 3, 1), date(2024, 5, 31))
