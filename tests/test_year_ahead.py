"""A December piece about the coming year means that year by "this year" (issue #10, part 2)."""

from __future__ import annotations

from datetime import date

from hindsight.analysis.horizons import find_horizon, into_year, year_ahead
from hindsight.analysis.predictions import extract_predictions
from hindsight.domain import SeedArticle

DECEMBER = date(2024, 12, 20)
TEXT = (
    "Harbour fees rose sharply in 2024. Brokers expect fees to rise again this year, and "
    "Quaymark predicts that fees will reach 40 euros by the end of the year. Most brokers "
    "also expect Quaymark to add two routes next year."
)


def _deadlines(title: str, published: date) -> dict[str, date | None]:
    seed = SeedArticle(text=TEXT, title=title, published=published)
    found = extract_predictions(seed)
    return {
        window.text: p.deadline
        for p in found
        if (window := p.expectation.window) is not None and "year" in window.text
    }


def test_a_december_outlook_for_the_coming_year_means_that_year_by_this_year() -> None:
    deadlines = _deadlines("Ferry fares outlook 2025", DECEMBER)
    assert deadlines["this year"] == date(2025, 12, 31)
    assert deadlines["end of the year"] == date(2025, 12, 31)
    assert deadlines["next year"] == date(2025, 12, 31)  # already the coming year


def test_the_same_piece_published_mid_year_or_titled_with_this_year_keeps_its_year() -> None:
    assert _deadlines("Ferry fares outlook 2025", date(2024, 6, 20))["this year"] == date(
        2024, 12, 31
    )
    assert _deadlines("Ferry fares: 2024 in review, 2025 ahead", DECEMBER)["this year"] == date(
        2024, 12, 31
    )
    assert _deadlines("Ferry fares outlook", DECEMBER)["this year"] == date(2024, 12, 31)


def test_only_this_year_windows_move_into_the_year_ahead() -> None:
    assert year_ahead("Outlook 2025", DECEMBER) == 2025
    assert year_ahead("Outlook 2025", date(2024, 11, 30)) is None
    this_year = find_horizon("fees will rise this year", DECEMBER)
    dated = find_horizon("fees will rise in 2024", DECEMBER)
    assert this_year is not None and dated is not None
    moved = into_year(this_year, DECEMBER, 2025)
    assert (moved.start, moved.end) == (date(2025, 1, 1), date(2025, 12, 31))
    assert into_year(dated, DECEMBER, 2025) == dated  # a year written out stays that year
