"""Fuzzing the text the outside world hands us: the seed reader, claim extraction, normalisers.

Property: whatever the text, the seed reader returns an article or raises `SeedError` (one line),
and the analysers return results without raising. Example counts stay modest for CI time; every
crash found became a regression case in `REGRESSIONS` below and a fix where it happened.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from hindsight.analysis.claims import extract_claims
from hindsight.analysis.horizons import find_horizons
from hindsight.analysis.periods import find_periods
from hindsight.analysis.predictions import extract_predictions
from hindsight.analysis.quantities import find_quantities
from hindsight.domain import NewsItem, Subject
from hindsight.reading import SeedError, read_seed_text

FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
# Words the analysers react to, so generated text reaches their deeper branches.
WORDS = [
    "by",
    "2030",
    "Q3",
    "in",
    "the",
    "first",
    "half",
    "of",
    "next",
    "year",
    "within",
    "two",
    "years",
    "$5bn",
    "5%",
    "1,000,000",
    "million",
    "units",
    "Acme",
    "will",
    "double",
    "deliveries",
    "end",
    "-",
    "2.5",
    "per",
    "cent",
    "decade",
    "mid-2020s",
    "H2",
    "FY2025",
    "9999",
    "0001",
    "1e308",
    "€",
    "¼",
    "٣",
    "Ⅻ",
    "\u00a0",
    "\u200f",
    ".",
    ",",
    "“",
    "”",
    "(",
    ")",
    "\n\n",
    "billion",
    "trillion",
    "to",
    "from",
    "between",
    "and",
    "March",
    "Sept.",
    "early",
    "late",
]
wordy = st.lists(st.sampled_from(WORDS) | st.text(max_size=8), max_size=60).map(" ".join)
anything = st.text(max_size=400) | wordy
PUBLISHED = date(2024, 5, 1)
SUBJECTS = [Subject(name="Acme", aliases=("Acme Motors",))]
REGRESSIONS = [
    "",
    "\x00",
    "by 9999 and in the year 10000",
    "within 9999999999 years",
    "1e308 billion trillion units",
    "Q9 2030, H3 2031, FY99999",
    "between 5 and 3% by 0001",
    "within 8000 years",  # crashed find_horizons: date arithmetic past year 9999
    "over the next 99999 months, next year, in the coming decade",
    "February 30, 2025 and Q4 next year",
]
# Feeds carry dates in year 1 and 9999 (see test_hostile_feeds): the analysers see them too.
EDGE_DATES = [date(1, 1, 1), date(2024, 5, 1), date(9999, 12, 31)]


@FUZZ
@given(
    raw=anything | st.binary(max_size=400), fmt=st.sampled_from([None, "text", "markdown", "html"])
)
def test_seed_reader_returns_an_article_or_one_line_error(
    raw: str | bytes, fmt: str | None
) -> None:
    try:
        article = read_seed_text(raw, fmt=fmt, published=PUBLISHED, name="fuzz")
    except SeedError as exc:
        assert "\n" not in str(exc).strip() and str(exc).strip()
        return
    assert article.text.strip()


@FUZZ
@given(text=anything)
@example(text=REGRESSIONS[0])
def test_normalisers_never_raise(text: str) -> None:
    for quantity in find_quantities(text):
        assert quantity is not None
    for window in find_periods(text, PUBLISHED) + find_horizons(text, PUBLISHED):
        assert window.start <= window.end


@pytest.mark.parametrize("published", EDGE_DATES)
@pytest.mark.parametrize("text", REGRESSIONS)
def test_regressions_never_raise(text: str, published: date) -> None:
    find_quantities(text)
    find_periods(text, published)
    find_horizons(text, published)
    when = datetime.combine(published, datetime.min.time(), UTC)
    item = NewsItem(url="http://example.org/", title="Acme", text=f"Acme {text}", published=when)
    extract_claims(item, SUBJECTS)


@FUZZ
@given(text=anything, title=st.text(max_size=40))
def test_claim_extractor_never_raises(text: str, title: str) -> None:
    item = NewsItem(
        url="http://example.org/a",
        title=title,
        text=text,
        published=datetime(2024, 5, 2, tzinfo=UTC),
    )
    for claim in extract_claims(item, SUBJECTS):
        start, end = claim.span
        assert 0 <= start <= end


@settings(max_examples=25, deadline=None, derandomize=True)
@given(text=wordy)
def test_prediction_extractor_never_raises_on_a_read_seed(text: str) -> None:
    prose = ("Acme Motors said it will double deliveries by 2030. " * 5) + text
    try:
        article = read_seed_text(prose, fmt="text", published=PUBLISHED, name="fuzz")
    except SeedError:
        return
    extract_predictions(article)
