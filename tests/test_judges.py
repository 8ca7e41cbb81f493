"""The judge is chosen in settings, any `Judge` runs the stage, each assessment names its judge."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pytest
from sqlalchemy import select

from hindsight.analysis.candidates import CandidateIndex
from hindsight.analysis.judge import JUDGES, RuleJudge, judge_each_candidate, make_judge
from hindsight.analysis.questions import QUESTIONS
from hindsight.domain import Assessment, Claim, Prediction, Stance, Subject
from hindsight.evaluation.stored import store_news
from hindsight.pipeline.assess import assess_pending
from hindsight.settings import load_settings
from storage import models
from storage.db import Database
from tests.test_pipeline import RELATED, seeded  # noqa: F401 - the fixture


def test_every_question_is_registered_once_with_its_parts() -> None:
    import pkgutil

    from hindsight.analysis import questions

    names = [q.name for q in QUESTIONS]
    modules = {m.name for m in pkgutil.iter_modules(questions.__path__)} - {"base"}
    # One question per module, each listed once: a module written and not listed is no question.
    assert len(names) == len(set(names)) and set(names) == modules
    for q in QUESTIONS:
        assert callable(q.gate) and callable(q.compare) and q.claim_cue.pattern


def test_the_backend_comes_from_settings_and_an_unknown_one_is_one_clear_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert load_settings().judge.backend == "rules"
    monkeypatch.setenv("HINDSIGHT_JUDGE__BACKEND", "oracle")
    backend = load_settings().judge.backend
    assert backend == "oracle"
    with pytest.raises(ValueError, match=r"unknown judge backend 'oracle' \(known: .*rules"):
        make_judge(backend, [])
    assert isinstance(make_judge("rules", []), RuleJudge)


class Contrarian:
    """Another judge: contradicts every candidate pair (to see the stage uses whatever is named)."""

    name = "contrarian"

    def __init__(self, subjects: list[Subject], predictions: Iterable[Prediction] = ()) -> None:
        self.subjects = subjects

    def assess(self, claim: Claim, prediction: Prediction) -> Assessment | None:
        return Assessment(prediction.key, claim, Stance.CONTRADICTS, 0.9, "no", judge=self.name)

    def assess_claims(self, claims: Iterable[Claim], index: CandidateIndex) -> list[Assessment]:
        return judge_each_candidate(self, claims, index)


def test_the_stage_runs_the_named_judge_and_stores_its_name(
    seeded: Database,  # noqa: F811 - the fixture
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store_news(seeded, RELATED)
    monkeypatch.setitem(JUDGES, "contrarian", Contrarian)
    assess_pending(seeded, today=date(2025, 1, 1), backend="contrarian")
    with seeded.session() as session:
        rows = list(session.scalars(select(models.Assessment)))
    assert rows and {(r.judge, r.stance) for r in rows} == {("contrarian", "contradicts")}


def test_rule_assessments_are_stored_as_the_rules_judges(
    seeded: Database,  # noqa: F811 - the fixture
) -> None:
    store_news(seeded, RELATED)
    assess_pending(seeded, today=date(2025, 1, 1))
    with seeded.session() as session:
        judges = set(session.scalars(select(models.Assessment.judge)))
    assert judges == {"rules"}
