"""Predictions found in a seed article carry the structure a checker needs."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from hindsight import reading
from hindsight.analysis.predictions import describe_prediction, extract_predictions
from hindsight.domain import Kind, Prediction, SeedArticle

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
XIAOMI = SHARED / "seeds" / "xiaomi-ev-2021-03-31.txt"
PUBLISHED = date(2021, 3, 31)


@pytest.fixture(scope="module")
def seed() -> SeedArticle:
    if not XIAOMI.exists():
        pytest.skip("shared Xiaomi seed not present beside the repo")
    return replace(reading.read_seed(XIAOMI), published=PUBLISHED)


@pytest.fixture(scope="module")
def predictions(seed: SeedArticle) -> list[Prediction]:
    return extract_predictions(seed)


def one(predictions: list[Prediction], needle: str) -> Prediction:
    hits = [p for p in predictions if needle in p.text]
    assert len(hits) == 1, f"expected one prediction containing {needle!r}, got {len(hits)}"
    return hits[0]


def test_every_prediction_points_back_into_the_seed(
    seed: SeedArticle, predictions: list[Prediction]
) -> None:
    assert len(predictions) >= 10
    for p in predictions:
        assert seed.text[p.span[0] : p.span[1]] == p.text
        assert 0.0 <= p.confidence <= 1.0
        assert p.resolution and "\n" not in p.resolution
        assert p.deadline is not None and p.deadline > PUBLISHED


def test_keys_are_unique_and_stable(seed: SeedArticle, predictions: list[Prediction]) -> None:
    keys = [p.key for p in predictions]
    assert len(set(keys)) == len(keys)
    assert [p.key for p in extract_predictions(seed)] == keys


def test_year_range_horizon_resolves_against_publication(predictions: list[Prediction]) -> None:
    p = one(predictions, "3–5 years")
    assert p.kind is Kind.TIMELINE
    assert p.expectation.window is not None
    assert (p.expectation.window.start, p.expectation.window.end) == (
        date(2024, 3, 31),
        date(2026, 3, 31),
    )
    assert p.deadline == date(2026, 3, 31)


def test_mid_decade_and_later_volumes_are_two_predictions(predictions: list[Prediction]) -> None:
    car = one(predictions, "mid-decade")
    volumes = one(predictions, "meaningful volumes")
    assert car.key != volumes.key
    assert car.expectation.window is not None and volumes.expectation.window is not None
    assert car.expectation.window.start.year == 2024 and car.expectation.window.end.year == 2026
    assert volumes.expectation.window.start.year == 2025
    assert volumes.expectation.window.end.year == 2029


def test_price_expectation_is_a_cny_range_around_the_positive_guess(
    predictions: list[Prediction],
) -> None:
    p = one(predictions, "RMB100,000")
    assert p.kind is Kind.PRICE
    q = p.expectation.quantity
    assert q is not None and q.unit == "CNY"
    assert q.low < 100_000 < q.high  # the figure bet on, not the range ruled out
    assert q.low > 40_000
    assert {"price", "yuan"} <= {k.lower() for k in p.keywords}


def test_greenfield_doubt_is_a_negative_event(predictions: list[Prediction]) -> None:
    p = one(predictions, "greenfield")
    assert p.kind is Kind.NEGATIVE_EVENT
    assert p.expectation.polarity is False
    assert p.subject == "Xiaomi"
    assert {"factory", "plant"} <= set(p.keywords)


def test_hedged_guesses_are_less_confident_than_plain_plans(
    predictions: list[Prediction],
) -> None:
    plan = one(predictions, "wholly-owned subsidiary")
    assert plan.kind is Kind.COMMITMENT
    for needle, cue in (("mid-decade", "probably"), ("RMB100,000", "perhaps")):
        hedged = one(predictions, needle)
        assert hedged.confidence_cue == cue
        assert hedged.confidence < plan.confidence
    suspected = [p for p in predictions if p.confidence_cue == "I suspect"]
    assert suspected and all(p.confidence < plan.confidence for p in suspected)


def test_reported_commitments_are_structured(predictions: list[Prediction]) -> None:
    investment = one(predictions, "committed to investing")
    assert investment.kind is Kind.COMMITMENT
    q = investment.expectation.quantity
    assert q is not None and q.unit == "USD" and q.low <= 1e10 <= q.high
    assert investment.expectation.window is not None
    assert investment.expectation.window.end == date(2031, 3, 31)
    hiring = one(predictions, "plans to add")
    assert hiring.kind is Kind.COMMITMENT
    assert hiring.expectation.quantity is not None and hiring.expectation.quantity.low == 5000


def test_background_rhetoric_and_quotes_are_left_out(
    seed: SeedArticle, predictions: list[Prediction]
) -> None:
    texts = " ".join(p.text for p in predictions)
    assert "remembered" not in texts  # rhetoric about the announcement day
    assert "Baidu" not in texts  # another company's plan reported as earlier news
    assert "entrepreneurial project" not in texts  # the founder's quoted sentiment
    assert "doesn’t mean" not in texts  # unfalsifiable
    assert all(not p.text.startswith("“") for p in predictions)


def test_text_without_forecasts_gives_nothing() -> None:
    past = "The company was founded in 2010. It sold phones. Revenue rose 20% last year.\n" * 2000
    assert extract_predictions(SeedArticle(text=past, published=PUBLISHED)) == []
    assert extract_predictions(SeedArticle(text="", published=PUBLISHED)) == []


def test_a_short_article_of_other_subject() -> None:
    text = (
        "Northwind Energy reported higher profits in 2023.\n\n"
        "Northwind plans to build a 2 GW wind farm off the coast by 2027.\n\n"
        "I would be surprised if Northwind pays a special dividend before 2026.\n\n"
        "The chief executive said the year had been difficult.\n"
    )
    found = extract_predictions(SeedArticle(text=text, published=date(2024, 5, 1)))
    kinds = {p.kind for p in found}
    assert kinds == {Kind.COMMITMENT, Kind.NEGATIVE_EVENT}
    build = next(p for p in found if p.kind is Kind.COMMITMENT)
    assert build.subject == "Northwind"
    assert build.expectation.window is not None
    assert build.expectation.window.end == date(2027, 12, 31)


def test_describe_one_statement() -> None:
    p = describe_prediction(
        "I expect Acme to announce two, maybe three, new customers by the end of 2024.",
        date(2023, 9, 14),
    )
    assert p.kind is Kind.QUANTITY
    assert p.subject == "Acme"
    assert p.expectation.quantity is not None
    assert (p.expectation.quantity.low, p.expectation.quantity.high) == (2, 3)
    assert p.deadline == date(2024, 12, 31)
    assert p.confidence_cue == "perhaps"  # "maybe" is the weakest hedge in the sentence
    assert p.span == (0, len(p.text))


def test_describe_respects_hints_and_defaults_the_deadline() -> None:
    p = describe_prediction(
        "the company will not reinstate its dividend",
        date(2023, 9, 14),
        kind_hint="negative-event",
        subject_hint="Acme",
    )
    assert p.kind is Kind.NEGATIVE_EVENT and p.subject == "Acme"
    assert p.expectation.polarity is False
    assert p.deadline == date(2026, 9, 14)  # undated: three years after publication
