"""Judging claims against predictions: the stance and a reason a person can check."""

from __future__ import annotations

from datetime import date

from hindsight.analysis.candidates import PredictionIndex
from hindsight.analysis.judge import RuleJudge, assess_claims
from hindsight.analysis.periods import find_periods
from hindsight.analysis.quantities import find_quantities
from hindsight.analysis.questions.deed import deed_reading
from hindsight.domain import (
    Claim,
    DateWindow,
    Expectation,
    Kind,
    Prediction,
    Quantity,
    Stance,
    Subject,
)

SUBJECT = Subject(
    name="Acme",
    aliases=("Jane Roe", "Roe", "Z9"),
    products=("Z9",),
    sector_terms=("car", "cars", "EV", "vehicle", "vehicles", "sedan", "SUV"),
)


def _prediction(key: str, text: str, kind: Kind, **expectation) -> Prediction:
    return Prediction(
        key=key,
        text=text,
        span=(0, len(text)),
        subject="Acme",
        kind=kind,
        expectation=Expectation(**expectation),
    )


PRICE = _prediction(
    "price",
    "Its first car will not cost RMB30,000, but perhaps around RMB100,000.",
    Kind.PRICE,
    quantity=Quantity(100_000, 100_000, "CNY", "around RMB100,000", "money", "about"),
)
LAUNCH = _prediction(
    "launch",
    "It will take about 3 years before an Acme car can emerge.",
    Kind.TIMELINE,
    window=DateWindow(date(2024, 3, 31), date(2024, 3, 31), "about 3 years"),
)
GREENFIELD = _prediction(
    "plant",
    "I would be surprised if Acme decides on a greenfield factory instead of utilizing "
    "available capacity.",
    Kind.NEGATIVE_EVENT,
)
HEADCOUNT = _prediction(
    "team",
    "Acme has a R&D team of more than 10,000 people, and plans to add 5,000 more",
    Kind.COMMITMENT,
)
HOLDING = _prediction(
    "holding",
    "It wouldn't be out of the question for Acme to acquire capacity such as that idling at Oldco",
    Kind.EVENT,
)
LEADER = _prediction("leader", "Roe will serve as the CEO of the car business", Kind.COMMITMENT)
QUESTION = _prediction(
    "platform",
    "Acme has to decide whether to develop its own platform or use an existing one",
    Kind.EVENT,
)
SUCCESS = _prediction("success", "The prospects of success are slim.", Kind.QUALITATIVE)
ALL = [PRICE, LAUNCH, GREENFIELD, HEADCOUNT, QUESTION, SUCCESS, HOLDING, LEADER]


def _claim(
    text: str, published: date = date(2024, 3, 29), modality: str = "fact", polarity: bool = True
) -> Claim:
    windows = tuple(find_periods(text, published))
    return Claim(
        text=text,
        span=(0, len(text)),
        subjects=("Acme",),
        quantities=tuple(find_quantities(text)),
        dates=windows,
        event_date=windows[0].start if windows else published,
        polarity=polarity,
        modality=modality,
    )


def _assess(claim: Claim) -> dict[str, tuple[Stance, str]]:
    out = assess_claims([claim], ALL, RuleJudge([SUBJECT]), [SUBJECT])
    return {a.prediction_key: (a.stance, a.reason) for a in out}


def test_a_price_far_above_the_expected_one_contradicts_with_the_comparison_as_reason():
    got = _assess(_claim("The Z9 sedan launched on 28 Mar 2024 at 215,900 yuan."))
    stance, reason = got["price"]
    assert stance == Stance.CONTRADICTS
    assert reason == (
        "2024-03-28 price 215,900 yuan vs expected around RMB100,000 (any time): outside the "
        "expected ~100,000 CNY (+-10%)"
    )


def test_a_price_near_the_expected_one_supports():
    stance, _ = _assess(_claim("The Z9 car is priced at 109,000 yuan."))["price"]
    assert stance == Stance.SUPPORTS


def test_a_price_range_straddling_the_expectation_decides_nothing():
    got = _assess(_claim("The car will be priced around 100,000 to 300,000 yuan."))
    assert "price" not in got


def test_a_launch_date_is_compared_with_the_window_and_tolerance():
    stance, reason = _assess(_claim("The Z9 sedan launched on 28 Mar 2024."))["launch"]
    assert stance == Stance.SUPPORTS
    assert "2024-03-28 is within the expected window 2024-03-31 +- 6 months" in reason
    early = _assess(_claim("Acme launched its first car on 2 Jan 2022.", date(2022, 1, 3)))
    assert early["launch"][0] == Stance.CONTRADICTS


def test_a_plan_never_contradicts():
    claim = _claim("Acme will start production of its first car in 2030.", modality="plan")
    assert "launch" not in _assess(claim)


def test_building_its_own_factory_contradicts_a_predicted_use_of_existing_capacity():
    stance, _ = _assess(_claim("Acme completed building its first car factory in Springfield."))[
        "plant"
    ]
    assert stance == Stance.CONTRADICTS
    talks = _claim(
        "Acme is in talks to acquire a stake in Oldco's idle car plant.", modality="rumour"
    )
    assert _assess(talks)["plant"][0] == Stance.SUPPORTS


def test_headcount_of_the_car_team_is_not_the_company_r_and_d_team():
    assert "team" not in _assess(_claim("The car project employed 3,400 R&D staff."))
    stance, reason = _assess(_claim("Acme's R&D staff reached a record 24,871."))["team"]
    assert stance == Stance.SUPPORTS
    assert "at least 15,000" in reason


def test_success_contradicts_a_pessimistic_prediction():
    claim = _claim("The EV segment made an operating profit of RMB700 million in Q3 2025.")
    assert _assess(claim)["success"][0] == Stance.CONTRADICTS
    loss = _claim("The EV business lost 6.2 billion yuan in 2024.")
    assert "success" not in _assess(loss)


def test_questions_are_never_assessed_and_index_skips_them():
    index = PredictionIndex(ALL, [SUBJECT])
    claim = _claim("Acme developed its own platform for its car.")
    assert all(p.key != "platform" for p, _ in index.candidates(claim))
    assert RuleJudge([SUBJECT]).assess(claim, QUESTION) is None


def test_claims_about_another_subject_do_not_reach_its_predictions():
    other = Claim(
        text="Rivalco priced its car at 215,900 yuan.",
        span=(0, 1),
        subjects=("Rivalco",),
        quantities=tuple(find_quantities("215,900 yuan")),
    )
    assert assess_claims([other], ALL, RuleJudge([SUBJECT]), [SUBJECT]) == []


def test_assess_item_runs_extraction_and_judging_for_one_entry():
    from datetime import datetime

    from hindsight.analysis.judge import assess_item
    from hindsight.domain import NewsItem

    item = NewsItem(
        url="https://x.test/1",
        title="Acme Z9 priced",
        text="The Z9 sedan launched on 28 Mar 2024 at 215,900 yuan.",
        published=datetime(2024, 3, 29),
    )
    keys = {a.prediction_key: a.stance for a in assess_item(item, [SUBJECT], ALL)}
    assert keys == {"price": Stance.CONTRADICTS, "launch": Stance.SUPPORTS}


def test_a_lower_bound_below_the_expected_headcount_does_not_contradict_it():
    # "more than 1,000" may be 20,000: only a figure bounded from above can fall short.
    assert "team" not in _assess(_claim("Acme's R&D staff now number more than 1,000."))
    stance, reason = _assess(_claim("Acme's R&D staff numbered 1,000 at the end of 2021."))["team"]
    assert stance == Stance.CONTRADICTS and "below the expected at least 15,000" in reason


def test_a_headcount_is_compared_only_with_one_of_the_same_scope():
    # The unit named before the figure, or after it in its clause, makes it the unit's team.
    assert "team" not in _assess(_claim("Acme said its car business had 12,000 R&D staff."))
    assert "team" not in _assess(_claim("Acme said 3,400 R&D engineers worked on the car project."))
    stance, _ = _assess(_claim("Acme said it had 16,000 R&D staff; its car unit is new."))["team"]
    assert stance == Stance.SUPPORTS


def test_a_predicted_acquisition_of_capacity_is_refuted_by_building_its_own_plant():
    stance, reason = _assess(_claim("Acme completed building its car factory in Springfield."))[
        "holding"
    ]
    assert stance == Stance.CONTRADICTS
    assert reason == (
        "claim reports building its own plant; the prediction expected using existing capacity "
        "instead"
    )
    stake = _claim(
        "Oldco is selling part of its holding in Oldco Motors to Acme.", modality="rumour"
    )
    assert _assess(stake)["holding"][0] == Stance.SUPPORTS


def test_a_deal_to_buy_another_makers_plant_is_an_acquisition_not_a_build():
    claim = _claim("Acme signed a deal to buy Oldco's idle car plant in Springfield.")
    stance, reason = _assess(claim)["holding"]
    assert stance == Stance.SUPPORTS and "reports using existing capacity" in reason


def test_a_stake_in_the_subjects_own_unit_is_not_existing_capacity():
    claim = _claim("Investors are buying a stake in Acme Motors, its car unit.")
    assert "holding" not in _assess(claim)


def test_a_leader_named_as_head_of_the_business_supports_the_commitment():
    claim = _claim("Acme will form a car subsidiary headed by Jane Roe.", modality="plan")
    stance, reason = _assess(claim)["leader"]
    assert stance == Stance.SUPPORTS and "headed by" in reason
    other = _claim("Acme will form a car subsidiary headed by John Doe.", modality="plan")
    assert "leader" not in _assess(other)


MARGIN = _prediction(
    "margin",
    "Operating margin will dip below 5% this year",
    Kind.QUANTITY,
    window=DateWindow(date(2024, 1, 1), date(2024, 12, 31), "this year"),
    quantity=Quantity(5, 5, "percent", "5%", "percent", "at-most"),
)
PLANT = _prediction(
    "plant",
    "Springfield will be at full capacity of 250,000 units by the end of 2026",
    Kind.COMMITMENT,
    window=DateWindow(date(2024, 2, 8), date(2026, 12, 31), "by the end of 2026"),
    quantity=Quantity(250_000, 250_000, "unit", "250,000 units", "count", "exact"),
)
DIVIDEND = _prediction("dividend", "I think the dividend will be cut this year.", Kind.EVENT)
TARGET = _prediction(
    "target",
    "Acme told investors it would sell one million cars a year by 2030.",
    Kind.COMMITMENT,
    window=DateWindow(date(2024, 2, 8), date(2030, 12, 31), "by 2030"),
)
MORE = [MARGIN, PLANT, DIVIDEND, TARGET]


def _judge(claim: Claim, predictions: list[Prediction]) -> dict[str, tuple[Stance, str]]:
    out = assess_claims([claim], predictions, RuleJudge([SUBJECT]), [SUBJECT])
    return {a.prediction_key: (a.stance, a.reason) for a in out}


def test_a_figure_of_the_same_measure_in_the_window_is_compared_with_the_expected_one():
    claim = _claim("Acme said its operating margin fell to 4.1% in the third quarter of 2024.")
    stance, reason = _judge(claim, MORE)["margin"]
    assert (
        stance == Stance.SUPPORTS and "4.1% vs expected" in reason and "at most 5 percent" in reason
    )
    other = _claim("Acme said its gross margin rose to 7% in the third quarter of 2023.")
    assert "margin" not in _judge(other, MORE)  # another year
    shares = _claim("Acme shares fell 4% in the third quarter of 2024.")
    assert "margin" not in _judge(shares, MORE)


def test_a_figure_for_a_named_part_needs_that_part_named():
    plant = _claim("Acme's Springfield plant built 104,000 cars in 2026.", date(2027, 1, 12))
    stance, _ = _judge(plant, MORE)["plant"]
    assert stance == Stance.CONTRADICTS
    group = _claim("Acme delivered 431,200 cars in 2026.", date(2027, 1, 12))
    assert "plant" not in _judge(group, MORE)  # the company's volume is not the plant's


def test_a_reported_change_is_judged_against_the_expected_one():
    cut = _claim("Acme cut its dividend to EUR 0.40 a share.", date(2025, 3, 5))
    assert _judge(cut, MORE)["dividend"][0] == Stance.SUPPORTS
    kept = _claim("Acme kept its dividend at EUR 0.95 a share.", date(2025, 3, 5))
    assert _judge(kept, MORE)["dividend"][0] == Stance.CONTRADICTS
    restated = _claim("Acme restated its 2030 goal as 750,000 cars a year.", date(2025, 9, 30))
    stance, reason = _judge(restated, MORE)["target"]
    assert stance == Stance.CONTRADICTS and "restated" in reason


def test_a_deadline_has_no_tolerance_after_it():
    on_sale = _prediction(
        "entry",
        "Our entry model will be on sale before the end of 2026",
        Kind.COMMITMENT,
        window=DateWindow(date(2024, 2, 8), date(2026, 12, 31), "before the end of 2026"),
    )
    late = _claim("The Z9 entry model went on sale on 15 March 2027.", date(2027, 3, 15))
    stance, reason = _judge(late, [on_sale])["entry"]
    assert stance == Stance.CONTRADICTS and "by 2026-12-31" in reason
    early = _claim("The Z9 entry model went on sale on 15 March 2025.", date(2025, 3, 15))
    assert _judge(early, [on_sale])["entry"][0] == Stance.SUPPORTS


def test_a_change_that_was_the_thing_or_a_deed_in_an_aside_is_no_revision_of_it():
    from hindsight.analysis.matching import action_of

    assert action_of("Its most discussed change was the deprecation of the old runtime.") is None
    assert action_of("The company changed its plan.") == "revise"
    assert action_of("A delay was announced.") == "revise"
    aside = _claim(
        "Acme's dividend cut (with a buyback first planned for 2025, then delayed to 2026) went "
        "ahead.",
        date(2025, 3, 5),
    )
    assert "delay" not in deed_reading(RuleJudge([SUBJECT]).reader, aside)[0]
