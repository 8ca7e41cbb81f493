"""The extractor's recall floor (issue #9): every unit the naive cue rule takes is found, unless a
general grammatical rejection says why it is no forecast."""

from __future__ import annotations

from datetime import date

import pytest

from hindsight.analysis.cue_units import cue_spans, cue_units
from hindsight.analysis.predictions import extract_predictions, floor_candidates
from hindsight.analysis.recall_floor import Place, rejection
from hindsight.domain import SeedArticle
from hindsight.evaluation.predictions import default_cases, read_seed
from hindsight.reading import read_seed_text

PUB = date(2024, 3, 1)


def test_cue_spans_point_at_the_naive_units_in_the_text() -> None:
    text = (
        "Acme grew fast. Acme will open a plant in 2025! It may.\n"
        "  - Shipments are projected to pass 50 million\n"
    )
    spans = list(cue_spans(text))
    assert [text[lo:hi] for lo, hi in spans] == cue_units(text)
    assert cue_units(text) == [
        "Acme will open a plant in 2025!",
        "- Shipments are projected to pass 50 million",
    ]


def test_a_long_heading_stating_a_forecast_is_found_with_its_fields() -> None:
    """The finders skip headings; a heading of eight words or more with a cue states a forecast
    (an outlook's deck), and the floor keeps it as a full prediction."""
    article = (
        "# Markets outlook\n\n"
        "### Bond markets have reasons for optimism in 2025: rates are easing and inflation is"
        " receding.\n\n"
        "## Background\n\n"
        "Yields fell in the autumn as the central bank paused, and the dollar weakened against "
        "most currencies. Investors moved money from cash into long-dated government paper "
        "through the final quarter, and corporate issuance picked up after a quiet summer.\n"
    )
    [found] = extract_predictions(read_seed_text(article, fmt="markdown", published=PUB))
    assert found.text.startswith("Bond markets have reasons for optimism in 2025")
    assert (found.deadline, found.owner) == (date(2025, 12, 31), "author")


@pytest.mark.parametrize(
    ("unit", "why"),
    [
        ("The old plant closed in 2019 after the strike.", "past"),
        ("The merger was expected to close in the spring.", "past"),
        ("Analysts half expected the drop in margins.", "past"),
        ("The board could have sold the unit for more.", "past"),
        ("She said last year that the line would reopen.", "past"),
        ("The regional planet observatory employs forty people.", "no_cue"),
        ("Ticket sales started on 3 May in Lisbon.", "no_cue"),
        ("Our forecasts are published every quarter.", "noun_cue"),
        ("So, here are my predictions for the new decade.", "noun_cue"),
        ("The mirrors serve the same bits the origin servers would.", "ellipsis"),
        ("Will the airport open before the winter of 2026?", "unit_pass"),
        ("I sincerely hope the new bridge will be finished soon.", "unit_pass"),
    ],
)
def test_a_look_alike_is_rejected_for_a_grammatical_reason(unit: str, why: str) -> None:
    assert rejection(unit, Place(PUB)) == why


@pytest.mark.parametrize(
    "unit",
    [
        "The IEA predicts the greatest growth in photovoltaics in the next few years.",
        "Our aim is for Go 1.13, scheduled for August 2024, to enable module mode by default.",
        "Google will have launched about 100 new services by the end of the decade.",
        "My core prediction: the Mac is getting a new engine, not a new look.",
        "Shipments are expected to grow by a tenth next year.",
        "Acme said it would cut 500 jobs by the end of 2025.",
        "The ministry is planning a second tender in 2025.",
    ],
)
def test_a_forecast_passes_every_rejection(unit: str) -> None:
    assert rejection(unit, Place(PUB)) is None


def test_a_heading_of_few_words_is_rejected_and_a_quote_without_a_dated_promise_too() -> None:
    assert rejection("Sales will double in 2025", Place(PUB, heading=True)) == "short_heading"
    assert rejection("Sales will double in 2025", Place(PUB)) is None
    # "what to expect" asks; it is no heading's privilege to forecast nothing
    assert rejection("What to expect in 2025", Place(PUB)) == "unit_pass"
    assert (
        rejection(
            'She put it: "EVs are the opportunity of the next decade."', Place(PUB, speech=True)
        )
        == "speech"
    )


def _floor_articles() -> list[tuple[str, SeedArticle]]:
    cases = [c for c in default_cases(blind=False) if c.group in ("xiaomi", "development")]
    return [(c.name, read_seed(c.seed, c.published, c.author)) for c in cases]


_NO_SHARED = pytest.mark.skip(reason="../shared real seeds not present beside the repo")


@pytest.mark.parametrize(
    ("name", "seed"), _floor_articles() or [pytest.param("", None, marks=_NO_SHARED)]
)
def test_every_naive_unit_is_found_or_rejected_for_a_reason(name: str, seed: SeedArticle) -> None:
    """The floor guarantee on the development articles: a unit the naive cue rule takes is in
    a prediction, or the floor names the rejection that applies; nothing falls through (a
    duplicate key, a unit lost between finders)."""
    spans = sorted(p.span for p in extract_predictions(seed))
    reasons = dict(floor_candidates(seed, spans))
    for lo, hi in cue_spans(seed.text):
        found = any(a < hi and b > lo for a, b in spans)
        assert found or reasons.get((lo, hi)), (name, seed.text[lo:hi])
