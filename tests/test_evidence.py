"""Evidence that decides: a sentence is evidence only when it states the fact that settles the
forecast (same subject, measure and period, a stated comparison); the rest is not counted."""

from __future__ import annotations

from datetime import date

from hindsight.analysis.judge import RuleJudge, assess_claims
from hindsight.analysis.quantities import find_quantities
from hindsight.domain import Kind, Quantity, Stance
from tests.test_judge import SUBJECT, _claim, _prediction

INVEST = _prediction(
    "invest",
    "Acme is committed to investing an estimated $10 billion over the next 10 years.",
    Kind.COMMITMENT,
)
TEAM = _prediction(
    "team",
    "Acme has a R&D team of more than 10,000 people, and plans to add 5,000 more",
    Kind.COMMITMENT,
)
KIT = _prediction("kit", "The kit will use a Z7 chip inside a Mac mini chassis.", Kind.EVENT)
RATE = _prediction(
    "rate",
    "Acme will build 1,000 vehicles per week in July",
    Kind.QUANTITY,
    quantity=Quantity(1000, 1000, "vehicle", "1,000 vehicles", "count", "exact"),
)
VOLUMES = _prediction(
    "volumes",
    "Acme will sell around 80,000 Model 3 cars in 2024",
    Kind.QUANTITY,
    quantity=Quantity(80_000, 80_000, "car", "around 80,000 Model 3 cars", "count", "about"),
)
PRICE = _prediction(
    "price",
    "Its base car will cost around $35,000.",
    Kind.PRICE,
    quantity=Quantity(35_000, 35_000, "USD", "around $35,000", "money", "about"),
)
ALL = [INVEST, TEAM, KIT, RATE, VOLUMES, PRICE]


def _stances(text: str, published: date = date(2024, 3, 29)) -> dict[str, tuple[Stance, str]]:
    claim = _claim(text, published)
    out = assess_claims([claim], ALL, RuleJudge([SUBJECT]), [SUBJECT])
    return {a.prediction_key: (a.stance, a.reason) for a in out}


def test_an_investment_commitment_of_an_amount_is_borne_out_by_money_put_in_only() -> None:
    vague = _stances("Acme had also invested in several autonomous-driving car companies.")
    assert "invest" not in vague
    stated = _stances("Acme put RMB10 billion of R&D investment into its first car.")
    assert stated["invest"][0] == Stance.SUPPORTS
    assert "10 billion CNY" in stated["invest"][1]


def test_a_figure_written_with_its_currency_is_money_not_a_headcount() -> None:
    deposits = find_quantities("100,000 people had placed refundable 5,000-yuan deposits")
    assert [(q.kind, q.unit) for q in deposits] == [("count", "person"), ("money", "CNY")]
    said = _stances("Roe said 100,000 people had placed 5,000-yuan deposits for the Acme car.")
    assert "team" not in said


def test_a_class_word_inside_a_product_name_describes_nothing() -> None:
    said = _stances("Acme released the Mac mini with its new car software.")
    assert "kit" not in said


def test_a_weekly_rate_is_compared_with_a_weekly_rate_only() -> None:
    quarter = _stances("Acme built 4,200 vehicles in the third quarter of 2024.", date(2024, 10, 2))
    assert "rate" not in quarter  # a quarter's output is not a weekly rate
    weekly = _stances(
        "Acme made 260 cars last quarter, an average of just 26 a week.", date(2024, 10, 2)
    )
    stance, reason = weekly["rate"]
    assert stance == Stance.CONTRADICTS and "26" in reason


def test_another_designation_of_the_same_family_does_not_answer() -> None:
    said = _stances("Acme delivered 81,000 Model Y cars in 2024.", date(2025, 1, 2))
    assert "volumes" not in said


def test_a_figure_marked_as_the_earlier_state_is_not_the_outcome() -> None:
    said = _stances(
        "Acme began selling its base car; the cheapest version before had cost $42,900."
    )
    assert "price" not in said


def test_names_codes_and_attached_scales_are_read_as_such() -> None:
    read = find_quantities("Tesla delivered 1,550 Model 3s and an estimate of 100K cars")
    assert [(q.low, q.unit) for q in read] == [(1550.0, None), (100_000.0, "car")]
