"""Predictions found in a seed article carry the structure a checker needs."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from hindsight import reading
from hindsight.analysis.predictions import describe_prediction, extract_predictions
from hindsight.domain import Kind, Prediction, SeedArticle
from tests.conftest import SHARED

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


# ---------------------------------------------------------------------------------------------
# General cues, on invented sentences from other domains (none of them from a bundled seed).

PUB = date(2023, 6, 1)


def found_in(text: str, published: date = PUB) -> list[Prediction]:
    return extract_predictions(SeedArticle(text=text, published=published))


def only(text: str, published: date = PUB) -> Prediction:
    found = found_in(text, published)
    assert len(found) == 1, [p.text for p in found]
    return found[0]


@pytest.mark.parametrize(
    "sentence",
    [
        "I'd bet the brewery is sold to a larger rival before the end of 2025.",
        "I would wager that the stadium opens a season late, in 2026.",
        "We're betting the ferry link closes within two years.",
        "My bet is that the museum extension slips into 2025.",
    ],
)
def test_betting_cues_make_a_forecast_read_as_likely(sentence: str) -> None:
    p = only(sentence)
    assert p.text.rstrip(".") == sentence.rstrip(".")
    assert p.confidence_cue == "I would bet"
    assert 0.6 <= p.confidence <= 0.75  # "likely", below a plain "will"
    assert p.expectation.window is not None


@pytest.mark.parametrize(
    "sentence",
    [
        "Last spring I bet a colleague that the ferry would be late, and it was.",  # a past bet
        "Would you bet on the ferry arriving before 2025?",  # a question
        "Bookmakers bet heavily on the favourite last season.",  # other people, past
    ],
)
def test_bets_that_are_not_the_authors_forecast_are_left_out(sentence: str) -> None:
    assert found_in(sentence) == []


def test_belief_with_present_tense_for_the_future() -> None:
    p = only("In the long run I suspect the start-up ends up inside one of the big insurers.")
    assert p.confidence_cue == "I suspect"
    assert found_in("I suspect the start-up was short of cash when it raised money.") == []
    assert found_in("I think the orchestra plays better in the old hall.") == []


def test_negated_seeing_is_a_negative_forecast() -> None:
    p = only("I don't see the new tram line opening before 2027.")
    assert p.kind is Kind.NEGATIVE_EVENT
    assert p.expectation.polarity is False
    assert p.confidence_cue == "I don't see"
    assert p.expectation.window is not None and p.expectation.window.end.year == 2026
    # arguments and opinions about the present are not forecasts
    assert found_in("I don't see why the council objected to the tram line.") == []
    assert found_in("I can't see the point of a second depot.") == []


def test_doubt_is_a_negative_forecast() -> None:
    p = only("I doubt the vineyard turns a profit before 2026.")
    assert p.kind is Kind.NEGATIVE_EVENT and p.expectation.polarity is False
    assert p.confidence_cue == "I doubt"


def test_litotes_forecasts_a_possibility() -> None:
    p = only("I would not be shocked to see a second hospital trust merge by 2025.")
    assert p.kind is not Kind.NEGATIVE_EVENT  # "not shocked" forecasts that it happens
    assert p.expectation.polarity is not False
    assert p.confidence_cue == "wouldn't be surprised"
    assert 0.3 <= p.confidence < 0.5  # a possibility, weaker than "probably"
    q = only("It wouldn't surprise me if the league expanded to twenty clubs by 2026.")
    assert q.confidence < 0.5
    shocked = only("I would be shocked if the league expanded before 2026.")
    assert shocked.kind is Kind.NEGATIVE_EVENT and shocked.confidence >= 0.75


def test_pledges_by_management_or_ministers_are_commitments() -> None:
    board = only("The board has pledged a dividend of at least 40 cents a share for 2024.")
    assert board.kind is Kind.COMMITMENT
    assert board.confidence_cue == "promised"
    minister = only("The health minister has promised 40 new clinics by the end of 2026.")
    assert minister.kind is Kind.COMMITMENT
    assert minister.expectation.window is not None
    assert minister.expectation.window.end == date(2026, 12, 31)


@pytest.mark.parametrize(
    "sentence",
    [
        "The board had pledged a dividend for 2019, then cancelled it.",  # history
        "The minister has promised a review.",  # undated: nothing to check
        "Fans have promised a warm welcome, the club said.",  # undated colour
    ],
)
def test_pledges_that_are_history_or_undated_are_left_out(sentence: str) -> None:
    assert found_in(sentence) == []


def test_second_clause_that_only_completes_the_first_stays_with_it() -> None:
    text = "I expect the bridge repairs to overrun, and I don't see them finished before 2026."
    p = only(text)
    assert p.text == text.rstrip(".") or p.text == text
    semicolon = "I would be surprised if the new terminal opens on time; my bet is that it slips."
    assert [p.text for p in found_in(semicolon)] == [semicolon]
    bare = (
        "I expect bookings to weaken once the summer is over, and I would not be shocked to "
        "see a hotel close."
    )
    assert len(found_in(bare)) == 1


def test_second_clause_with_its_own_subject_is_its_own_forecast() -> None:
    text = (
        "Ticket sales will fall below 2 million in 2024, in my view, and I think the fee will rise."
    )
    found = found_in(text)
    assert len(found) == 2
    assert "the fee will rise" in found[1].text and "Ticket sales" not in found[1].text


ARTICLE_WITH_FORECASTS = """Harbourline ferries: a quiet year

What happened

Harbourline carried 4.1 million passengers in 2022. Average punctuality was 91%, and fuel costs
rose by a third. The weather was unusually calm.

My forecasts

Passengers. Punctuality will slip as the older boats spend more time in dock, but not by much.
Weather. The weather will be rough next winter.
Harbourline plans to add two routes by 2025.

The bottom line

Punctuality will matter more than speed.
"""


def test_measure_forecast_in_the_authors_forecast_section() -> None:
    found = [p.text for p in found_in(ARTICLE_WITH_FORECASTS)]
    assert any(t.startswith("Punctuality will slip") for t in found)
    # A plain "X will ..." in the author's voice is a forecast in any section (issue #9: recall
    # first; the article's own statements about the future are what an analyst tracks).
    assert any(t.startswith("Punctuality will matter") for t in found)


def test_a_dated_forecast_about_a_measure_never_reported_before_is_still_found() -> None:
    # Issue #9: the recall-first pass keeps every dated expectation; "next winter" is checkable.
    text = ARTICLE_WITH_FORECASTS.replace("The weather was unusually calm.", "")
    found = [p.text for p in found_in(text)]
    assert any(t.startswith("The weather will be rough next winter") for t in found)
    assert any(t.startswith("Punctuality will slip") for t in found)


@pytest.mark.parametrize(
    "sentence",
    [
        "The company said last year it will open a plant in Ohio in 2026.",
        "Will the airport open its third runway by 2026?",
        "“We hope to double our exports by 2027,” the winery's owner said.",
        "The factory opened in 2019 and employs 2,000 people.",
        "Revenue rose 12% in 2022, as the chief executive had promised.",
    ],
)
def test_near_misses_are_not_predictions(sentence: str) -> None:
    text = f"Ortolan Foods has had a busy year.\n\n{sentence}\n\nOrtolan Foods is based in Lyon.\n"
    assert found_in(text) == []


def test_a_past_year_as_baseline_does_not_make_a_forecast_retrospective() -> None:
    p = only("Up from last year, I expect enrolments to reach 5,000 by 2025.")
    assert p.confidence_cue == "expect"
    recent = only("Last month the library board said it would open on Sundays by March 2024.")
    assert recent.expectation.window is not None
