"""Statuses and evidence depend only on the news stored, never on how many runs it came in or in
which order: the same labelled news replayed in 1, 3 and 10 chronological batches and in shuffled
batches, one `assess_pending` run per batch (each run dated as a weekly run would be), ends in
identical statuses and evidence, and the same related items kept."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from hindsight.evaluation.stored import store_case, store_news
from hindsight.evaluation.verdicts import case_seed, describe_gold, load_jsonl
from hindsight.pipeline.assess import assess_pending
from storage import models
from storage.db import Database
from tests.conftest import shared_path

Outcome = tuple[dict[str, tuple[str, str]], set[tuple[str, str, str, float, str, str]]]


def _day(record: dict[str, Any]) -> date | None:
    return date.fromisoformat(record["date"]) if record.get("date") else None


def _replay(
    tmp: Path,
    name: str,
    case: tuple[Any, ...],
    batches: list[list[dict[str, Any]]],
    db: Database | None = None,
) -> Outcome:
    """Store the seed, then each batch of news followed by one run; the outcome at the end."""
    article, origin, described, final_day = case
    if db is None:
        db = Database(f"sqlite:///{tmp / f'{name}.db'}")
        db.migrate()
    try:
        gold_of = store_case(db, article, origin, described)
        items: dict[int, str] = {}
        seen: list[date] = []
        for batch in batches:
            items |= store_news(db, batch)
            seen += [d for d in map(_day, batch) if d]
            # A run is dated by the newest news it has seen, the last one by all of it.
            today = final_day if batch is batches[-1] else max(seen, default=final_day)
            assess_pending(db, today=today)
        with db.session() as session:
            statuses = {
                gold_of[p.id]: (p.status, p.status_reason or "")
                for p in session.scalars(select(models.Prediction))
            }
            rows = session.execute(
                select(models.Claim.document_id, models.Claim.text, models.Assessment)
                .join(models.Assessment)
                .where(models.Claim.current.is_(True))
            ).all()
            evidence = [
                (
                    items[doc],
                    gold_of[a.prediction_id],
                    a.stance,
                    round(a.confidence, 6),
                    a.reason,
                    sentence,
                )
                for doc, sentence, a in rows
            ]
            assert len(evidence) == len(set(evidence))  # one judgement per sentence and prediction
        return statuses, set(evidence)
    finally:
        db.dispose()


def _chronological(records: list[dict[str, Any]], parts: int) -> list[list[dict[str, Any]]]:
    ordered = sorted(records, key=lambda r: (r.get("date") is None, r.get("date") or ""))
    size = -(-len(ordered) // parts)
    return [ordered[i : i + size] for i in range(0, len(ordered), size)]


def _shuffled(records: list[dict[str, Any]], parts: int, seed: int) -> list[list[dict[str, Any]]]:
    mixed = list(records)
    random.Random(seed).shuffle(mixed)
    size = -(-len(mixed) // parts)
    return [mixed[i : i + size] for i in range(0, len(mixed), size)]


def _case(news: Path, predictions: Path, seed: Path | None = None) -> tuple[Any, ...]:
    records = load_jsonl(news)
    gold = load_jsonl(predictions)
    article, origin = case_seed(predictions, seed, date(2021, 3, 31) if seed else None)
    final_day = max(d for d in map(_day, records) if d)
    return records, (article, str(origin), describe_gold(gold, article), final_day)


def _assert_converges(tmp_path: Path, records: list[dict[str, Any]], case: tuple[Any, ...]) -> None:
    reference = _replay(tmp_path, "one", case, [records])
    statuses, evidence = reference
    assert evidence, "the replay must produce evidence to compare"
    # Related items (news about a subject, deciding nothing) are compared with the evidence:
    # the set kept, bounded per prediction, must not depend on the batching either.
    assert any(stance == "related" for _, _, stance, *_ in evidence)
    assert any(s in {"supported", "contradicted"} for s, _ in statuses.values())
    replays = {
        "3 chronological": _chronological(records, 3),
        "10 chronological": _chronological(records, 10),
        "shuffled in 4": _shuffled(records, 4, seed=7),
        "shuffled in 10": _shuffled(records, 10, seed=11),
    }
    for name, batches in replays.items():
        got_statuses, got_evidence = _replay(tmp_path, name.replace(" ", "-"), case, batches)
        assert got_statuses == statuses, name
        missing, extra = evidence - got_evidence, got_evidence - evidence
        assert not missing and not extra, (name, sorted(missing), sorted(extra))


def test_the_xiaomi_dev_news_ends_the_same_in_any_number_of_runs_and_any_order(tmp_path):
    case_dir = shared_path("eval", "xiaomi")
    seed = shared_path("seeds", "xiaomi-ev-2021-03-31.txt")
    records, case = _case(case_dir / "news-dev.jsonl", case_dir / "predictions.jsonl", seed)
    _assert_converges(tmp_path, records, case)


@pytest.mark.parametrize("name", ["sullins-model3-2017", "shanks-arm-mac-2020"])
def test_a_real_seeds_news_set_ends_the_same_in_any_number_of_runs_and_any_order(tmp_path, name):
    case_dir = shared_path("eval", "real-seeds", name)
    records, case = _case(case_dir / "news.jsonl", case_dir / "predictions.jsonl")
    _assert_converges(tmp_path, records, case)


def test_older_news_arriving_later_is_read_in_its_place_on_either_database(tmp_path, db):
    """The newest half first, the older half a run later: the older half rewinds the reading."""
    case_dir = shared_path("eval", "real-seeds", "sullins-model3-2017")
    records, case = _case(case_dir / "news.jsonl", case_dir / "predictions.jsonl")
    reference = _replay(tmp_path, "reference", case, [records])
    halves = _chronological(records, 2)
    assert _replay(tmp_path, "late", case, [halves[1], halves[0]], db=db) == reference
