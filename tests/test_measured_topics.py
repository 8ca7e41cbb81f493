"""A relayed market forecast is about what it forecasts (issue #10): "Halden Research predicts
the growth of tidal capacity will be 12 gigawatts in 2031" is settled by news of the world's tidal
capacity added in 2031, which never names the forecaster. Its measured topic ("tidal capacity")
is tracked as a subject news is searched under; the measure question's gates (unit, kind, place,
period, whose figure) still decide. Each deciding case is paired with look-alikes that must stay
silent. Cases are written for these tests (an invented analyst firm, Halden Research, and an
invented maker, Norvik)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from hindsight.analysis.claims import extract_claims
from hindsight.analysis.judge import assess_claims
from hindsight.analysis.predictions import describe_prediction, extract_predictions
from hindsight.analysis.subjects import learn_subjects, measured_subjects
from hindsight.analysis.topics import measured_topic, measured_trend, topic_forms
from hindsight.domain import Assessment, NewsItem, Prediction, SeedArticle, Stance, Subject
from hindsight.evaluation.stored import evaluate_stored
from tests.judge_cases import judged

PUBLISHED = date(2030, 6, 1)
REPORTED = date(2032, 3, 1)
HALDEN = "Halden Research"


def _forecast(text: str, subject: str = HALDEN, owner: str = HALDEN) -> Prediction:
    return replace(describe_prediction(text, PUBLISHED, "quantity", subject), owner=owner)


def _judge(prediction: Prediction, text: str) -> list[Assessment]:
    subjects = [Subject(name=HALDEN), Subject(name="Norvik")]
    subjects += measured_subjects([prediction], {s.name for s in subjects})
    return judged(prediction, text, REPORTED, subjects)


# --- what a forecast measures ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "subject", "owner", "topic"),
    [
        # The forecaster speaks; the clause's own subject is the measure.
        (
            "Halden Research predicts that scooter prices will rise by 6% in 2031.",
            HALDEN,
            "author",
            "scooter prices",
        ),
        (
            "Halden Research forecasts the 30-year fixed-rate mortgage will average 3.5% in 2031.",
            HALDEN,
            "author",
            "30-year fixed-rate mortgage",
        ),
        (
            "Halden Research expects scooter prices to rise by 6% in 2031.",
            HALDEN,
            "author",
            "scooter prices",
        ),
        # Relayed without naming the forecaster; a change noun leads to the measure.
        (
            "In total, the growth of tidal capacity will be 12 gigawatts or more in 2031",
            HALDEN,
            HALDEN,
            "tidal capacity",
        ),
        (
            "and the increase in energy from tidal power will be 9 gigawatts in 2031",
            HALDEN,
            HALDEN,
            "tidal power",
        ),
    ],
)
def test_a_relayed_market_forecast_is_about_its_measure(
    text: str, subject: str, owner: str, topic: str
) -> None:
    assert measured_topic(_forecast(text, subject, owner)) == topic


@pytest.mark.parametrize(
    ("text", "subject", "owner"),
    [
        # The party acts: its own plan, its own figure.
        ("Norvik expects to deliver 100,000 scooters in 2031.", "Norvik", "Norvik"),
        ("Norvik expects its scooter sales to rise by 6% in 2031.", "Norvik", "Norvik"),
        ("Its scooter sales will reach 100,000 in 2031.", "Norvik", "Norvik"),
        ("Norvik's scooter sales will grow 15% in 2031.", "Norvik", "Norvik"),
        # The author's own forecast filed under a party it does not name: maybe that party's.
        ("Scooter sales will reach 100,000 in 2031.", "Norvik", "author"),
        # One bare word is no measure anyone can find news under.
        ("Halden Research predicts that rates will tick up to 4% in 2031.", HALDEN, "author"),
        # A topic already is what it forecasts.
        ("Tidal capacity will be 12 gigawatts in 2031.", "tidal capacity", "author"),
    ],
)
def test_a_partys_own_forecast_has_no_measured_topic(text: str, subject: str, owner: str) -> None:
    assert measured_topic(_forecast(text, subject, owner)) is None


def test_news_writes_a_topic_in_its_forms_and_a_physical_units_kind_alone() -> None:
    assert set(topic_forms("tidal capacity", "gigawatt")) >= {
        "tidal capacity",
        "Tidal capacity",
        "tidal",
    }
    # A percent says nothing of the measure by itself: "home" alone is no topic.
    assert "home" not in topic_forms("home prices", "percent")
    assert "home price" in topic_forms("home prices", "percent")


# --- news under the topic ----------------------------------------------------------------------

TIDAL = "In total, the growth of tidal capacity will be 12 gigawatts or more in 2031"


def test_the_worlds_figure_settles_a_relayed_forecast_without_naming_its_forecaster() -> None:
    forecast = _forecast(TIDAL)
    found = _judge(forecast, "Globally, 14.2 GW of new tidal capacity was connected in 2031.")
    assert [a.stance for a in found] == [Stance.SUPPORTS]
    assert "14.2 GW" in found[0].reason and "12 gigawatts" in found[0].reason
    short = _judge(forecast, "Globally, 7.5 GW of new tidal capacity was connected in 2031.")
    assert [a.stance for a in short] == [Stance.CONTRADICTS]
    # A reporter counting it does not make it the reporter's figure.
    counted = _judge(forecast, "The trade body counted 14.2 GW of tidal added worldwide in 2031.")
    assert [a.stance for a in counted] == [Stance.SUPPORTS]


@pytest.mark.parametrize(
    "news",
    [
        "Spain connected 14.2 GW of new tidal capacity in 2031.",  # one place, not the world
        "Globally, 14.2 GW of new tidal capacity was connected in 2030.",  # another year
        "Globally, 14.2 GW of new wind capacity was connected in 2031.",  # another kind
        "Norvik installed 14.2 GW of tidal capacity in 2031.",  # a company's own figure
        "Developers are expected to add 14 GW of tidal capacity in 2031.",  # a forecast
        "Total tidal capacity worldwide reached 310 GW in 2031.",  # a stock, not a year's adds
        "New tidal barrages accounted for only 0.2 GW in 2031.",  # a part of it
        "Tidal capacity prices fell 12 percent in 2031.",  # another measure
    ],
)
def test_look_alikes_of_the_measure_stay_silent(news: str) -> None:
    assert not _judge(_forecast(TIDAL), news)


def test_a_forecast_with_no_period_of_its_own_is_settled_by_no_years_figure() -> None:
    forecast = _forecast("and the increase in energy from tidal power will be 9 gigawatts")
    assert not _judge(forecast, "Globally, 9.1 GW of new tidal power was connected in 2031.")


MORTGAGE = "Halden Research forecasts the 30-year fixed-rate mortgage will average 3.5% in 2031."


def test_an_average_for_a_year_is_not_settled_by_one_weeks_rate() -> None:
    forecast = _forecast(MORTGAGE, owner="author")
    week = "In the first week of 2031, the 30-year fixed-rate mortgage averaged 3.42%."
    assert not _judge(forecast, week)
    year = "The 30-year fixed-rate mortgage averaged 5.1% in 2031, the highest in a decade."
    assert [a.stance for a in _judge(forecast, year)] == [Stance.CONTRADICTS]


# --- a measure's move over the forecast's period (the trend question) --------------------------

RISING = "Buyers should expect rising scooter prices over the next year, Halden Research says."


def _trend(text: str = RISING, owner: str = HALDEN) -> Prediction:
    return replace(describe_prediction(text, date(2030, 12, 20), None, HALDEN), owner=owner)


def test_a_relayed_forecast_of_a_move_is_about_its_measure_and_way() -> None:
    assert measured_trend(_trend()) == ("scooter prices", "up")
    falling = "Halden Research expects scooter prices to fall in 2031."
    assert measured_trend(_trend(falling, owner="author")) == ("scooter prices", "down")


@pytest.mark.parametrize(
    "text",
    [
        "Scooter prices will keep rising in 2031, but at a slower pace.",  # the pace moves
        "Halden Research does not expect scooter prices to rise in 2031.",  # a denial
        "Halden Research expects scooter prices to rise.",  # no period to settle it in
        "Halden Research expects Norvik's scooter prices to rise in 2031.",  # a party's own
    ],
)
def test_a_move_of_the_pace_a_denial_or_an_undated_move_has_no_trend(text: str) -> None:
    assert measured_trend(_trend(text)) is None


def test_the_measures_move_over_the_whole_period_settles_the_trend() -> None:
    forecast = _trend()
    up = _judge(forecast, "The year 2031 saw the largest increase in scooter prices on record.")
    assert [a.stance for a in up] == [Stance.SUPPORTS]
    assert "2031" in up[0].reason and "scooter prices" in up[0].reason
    down = _judge(forecast, "Scooter prices fell in 2031 as demand cooled.")
    assert [a.stance for a in down] == [Stance.CONTRADICTS]


@pytest.mark.parametrize(
    "news",
    [
        "Prices rose in 2031.",  # no measure named
        "Scooter rental prices rose in the first half of 2031.",  # a part of the period
        "Scooter prices fell last week, in the middle of 2031.",  # a week's move
        "Scooter prices rose in 2030.",  # another year
        "Scooter prices in Spain rose in 2031.",  # another place
        "Growth in scooter prices slowed in 2031.",  # the pace, not the prices
        "Scooter prices are expected to rise in 2031.",  # a forecast, not a move
    ],
)
def test_look_alikes_of_the_move_stay_silent(news: str) -> None:
    assert not _judge(_trend(), news)


# --- from a seed, as the pipeline reads it -----------------------------------------------------

SEED = SeedArticle(
    title="Tidal power keeps surprising its forecasters",
    author="A. Writer",
    published=date(2030, 6, 1),
    text=(
        "Halden Research raised its outlook for tidal power again this spring. "
        "The firm now predicts that the growth of tidal capacity will be 12 gigawatts or more "
        "in 2031. Norvik, the largest turbine maker, expects to deliver 400 turbines in 2031."
    ),
)


def test_a_seeds_relayed_market_forecast_is_found_under_its_measure() -> None:
    predictions = extract_predictions(SEED)
    subjects = learn_subjects(SEED, predictions)
    measured = [s for s in subjects if s.measured]
    assert [s.name for s in measured] == ["tidal capacity"]
    world = NewsItem(
        url="https://news.example/tidal",
        title="A record year for tidal",
        text="The trade body counted 13.5 GW of new tidal capacity connected worldwide in 2031.",
        published=datetime(2032, 2, 1, 12),
    )
    found = assess_claims(extract_claims(world, subjects), predictions, subjects=subjects)
    decided = [(a.stance, p.text) for a in found for p in predictions if p.key == a.prediction_key]
    assert [stance for stance, _ in decided] == [Stance.SUPPORTS]
    assert "12 gigawatts" in decided[0][1]
    # The maker's own plan is no market forecast: news of the market leaves it alone, and the
    # market's news is no evidence about the maker.
    assert all("Norvik" not in text for _, text in decided)


def test_a_metric_with_no_thing_measured_is_no_market() -> None:
    # Relayed from the maker's chief: its own deliveries, whatever words are left out.
    own = _forecast("Annual deliveries will reach 90,000 in 2031.", "Norvik", "Ola Berg (Norvik)")
    assert measured_topic(own) is None
    assert measured_topic(_forecast("Scooter deliveries will reach 9 million in 2031.")) == (
        "scooter deliveries"
    )


def test_a_person_speaking_for_the_subject_relays_its_own_figure() -> None:
    # An official with no other organisation named may speak for the subject: its own fare.
    fare = "The scooter rental fare will be 2 pounds at launch in 2031."
    assert measured_topic(_forecast(fare, "Norvik", "Ola Berg")) is None
    assert measured_topic(_forecast(fare, "Norvik", "Ola Berg (Norvik)")) is None
    # Someone of another organisation forecasting: the market's, whoever the seed is about.
    assert measured_topic(_forecast(fare, "Norvik", "Ola Berg (Halden Research)")) == (
        "scooter rental fare"
    )


# --- through the stored pipeline ---------------------------------------------------------------

ARTICLE = """# Tidal power keeps surprising its forecasters

Halden Research raised its outlook for tidal power again this spring. The firm now predicts
that the growth of tidal capacity will be 12 gigawatts or more in 2031. Norvik, the largest
turbine maker, expects to deliver 400 turbines in 2031.
"""
GOLD = [
    {
        "id": "P1",
        "quote": "The firm now predicts\nthat the growth of tidal capacity will be 12 gigawatts or "
        "more in 2031.",
        "kind": "quantity",
        "status": "supported",
    },
    {
        "id": "P2",
        "quote": "Norvik, the largest turbine maker, expects to deliver 400 turbines in 2031",
        "kind": "quantity",
        "status": "open",
    },
]
NEWS = [
    {
        "id": "N1",
        "date": "2032-02-01",
        "headline": "A record year for tidal",
        "facts": "The trade body counted 13.5 GW of new tidal capacity added worldwide in 2031.",
        "quote": "",
        "predictions": {"P1": "supports"},
    },
    {
        "id": "N2",
        "date": "2032-02-03",
        "headline": "Spain's tidal year",
        "facts": "Spain connected 4.1 GW of new tidal capacity in 2031, a national record.",
        "quote": "",
        "predictions": {},
    },
]


def test_the_stored_pipeline_settles_a_relayed_forecast_by_its_measures_news(
    tmp_path: Path,
) -> None:
    (tmp_path / "article.md").write_text(ARTICLE, encoding="utf-8")
    for name, rows in (("predictions.jsonl", GOLD), ("news.jsonl", NEWS)):
        lines = (json.dumps(row) for row in rows)
        (tmp_path / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = evaluate_stored(
        tmp_path / "news.jsonl",
        tmp_path / "predictions.jsonl",
        seed=tmp_path / "article.md",
        published=date(2030, 6, 1),
    )
    assert report.statuses["P1"][0] == "supported"
    # The maker's plan: the market's news says nothing of it (no verdict: its date has passed).
    assert report.statuses["P2"][0] == "expired"
    assert report.n_evidence == 1 and report.evidence_precision == 1.0  # Spain's is no evidence
