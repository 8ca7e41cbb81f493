"""A prediction's status follows its evidence: later, firmer evidence outweighs early talk."""

from __future__ import annotations

from datetime import date

from hindsight.analysis.verdicts import decide_status
from hindsight.domain import Assessment, Claim, Evidence, Kind, Prediction, Stance, Status

PREDICTION = Prediction(
    key="p",
    text="Acme will not build its own plant.",
    span=(0, 1),
    subject="Acme",
    kind=Kind.NEGATIVE_EVENT,
    deadline=date(2024, 3, 31),
)


def _evidence(stance: Stance, confidence: float, when: date, reason: str = "r") -> Evidence:
    claim = Claim(text=reason, span=(0, 1), subjects=("Acme",))
    return Evidence(Assessment("p", claim, stance, confidence, reason), "https://x.test", "t", when)


def test_no_evidence_is_open_before_the_deadline_and_expired_after():
    assert decide_status(PREDICTION, [], date(2023, 1, 1)).status == Status.OPEN
    assert decide_status(PREDICTION, [], date(2025, 1, 1)).status == Status.EXPIRED


def test_weak_evidence_alone_decides_nothing():
    weak = [_evidence(Stance.SUPPORTS, 0.3, date(2022, 1, 1))]
    assert decide_status(PREDICTION, weak, date(2023, 1, 1)).status == Status.OPEN


def test_later_official_evidence_outweighs_early_rumours():
    evidence = [
        _evidence(Stance.SUPPORTS, 0.35, date(2021, 4, 8), "talks to buy a plant"),
        _evidence(Stance.SUPPORTS, 0.35, date(2021, 9, 10), "talks to buy a stake"),
        _evidence(Stance.CONTRADICTS, 0.8, date(2023, 8, 24), "own factory finished"),
    ]
    verdict = decide_status(PREDICTION, evidence, date(2024, 1, 1))
    assert verdict.status == Status.CONTRADICTED
    assert "own factory finished" in verdict.reason
    assert verdict.decisive[0].published == date(2023, 8, 24)


def test_strong_evidence_both_ways_at_the_same_time_is_mixed():
    evidence = [
        _evidence(Stance.SUPPORTS, 0.8, date(2024, 1, 1)),
        _evidence(Stance.CONTRADICTS, 0.8, date(2024, 1, 2)),
    ]
    assert decide_status(PREDICTION, evidence, date(2024, 6, 1)).status == Status.MIXED


def test_evidence_after_today_is_ignored():
    future = [_evidence(Stance.SUPPORTS, 0.9, date(2030, 1, 1))]
    assert decide_status(PREDICTION, future, date(2023, 1, 1)).status == Status.OPEN


def test_a_question_stays_open_whatever_the_evidence():
    question = Prediction(
        key="q",
        text="whether to build a plant or buy one",
        span=(0, 1),
        subject="Acme",
        kind=Kind.EVENT,
        deadline=date(2022, 1, 1),
    )
    evidence = [_evidence(Stance.SUPPORTS, 0.9, date(2023, 1, 1))]
    assert decide_status(question, evidence, date(2024, 1, 1)).status == Status.OPEN


def test_an_expired_prediction_is_settled_by_decisive_news_stored_later():
    # Expired on a run with no evidence; the next run has the news, dated before the deadline
    # (a story found late) or after it: either settles it.
    today = date(2025, 1, 1)
    assert decide_status(PREDICTION, [], today).status == Status.EXPIRED
    for when in (date(2024, 2, 1), date(2024, 9, 1)):
        found = [_evidence(Stance.CONTRADICTS, 0.8, when, "own factory finished")]
        assert decide_status(PREDICTION, found, today).status == Status.CONTRADICTED


def test_more_items_do_not_settle_it_against_one_as_sure_the_other_way():
    evidence = [
        _evidence(Stance.SUPPORTS, 0.8, date(2024, 1, 1), "no plant, says the maker"),
        _evidence(Stance.SUPPORTS, 0.8, date(2024, 1, 1), "no plant, says a rival paper"),
        _evidence(Stance.CONTRADICTS, 0.8, date(2024, 1, 1), "plant opened"),
    ]
    verdict = decide_status(PREDICTION, evidence, date(2024, 6, 1))
    assert verdict.status == Status.MIXED and "both ways" in verdict.reason
    # An older item against it, superseded by later ones, no longer holds it back.
    evidence[2] = _evidence(Stance.CONTRADICTS, 0.8, date(2021, 1, 1), "plant planned")
    assert decide_status(PREDICTION, evidence, date(2024, 6, 1)).status == Status.SUPPORTED
