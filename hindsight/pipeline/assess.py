"""Assess stage: claims from new or changed news, judged against every active prediction.

Work is done in batches, each in its own transaction that also marks its documents analysed, so
a run that dies half-way resumes with the next unanalysed document and never judges one twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

from hindsight.analysis.claims import extract_claims
from hindsight.analysis.judge import Judge, RuleJudge, assess_claims
from hindsight.analysis.subjects import learn_subjects
from hindsight.analysis.verdicts import decide_status
from hindsight.domain import NewsItem, Prediction, SeedArticle, Subject
from storage import models
from storage.convert import claim_from_row, prediction_from_row
from storage.db import Database
from storage.seeds import latest_document
from storage.verdicts import (
    active_predictions,
    apply_verdict,
    current_claims,
    evidence_of,
    load_documents,
    pending_document_ids,
    replace_claims,
    store_assessments,
)


@dataclass(frozen=True)
class AssessReport:
    documents: int = 0
    claims: int = 0
    assessments: int = 0
    rejudged_predictions: int = 0
    status_changes: int = 0


@dataclass(frozen=True)
class Tracked:
    """What every batch judges against: the active predictions and the subjects they are about."""

    predictions: list[Prediction]
    subjects: list[Subject]


def load_tracked(db: Database) -> Tracked:
    with db.session() as session:
        rows = active_predictions(session)
        predictions = [prediction_from_row(row) for row in rows]
        subjects: dict[str, Subject] = {}
        by_seed: dict[int, list[Prediction]] = {}
        for row, prediction in zip(rows, predictions, strict=True):
            by_seed.setdefault(row.seed_id, []).append(prediction)
        for seed_id, seed_predictions in by_seed.items():
            document = latest_document(session, seed_id)
            seed = session.get(models.Seed, seed_id)
            assert seed is not None
            article = SeedArticle(
                text=document.text if document else "",
                title=seed.title,
                author=seed.author,
                published=seed.published,
                url=seed.url,
            )
            for subject in learn_subjects(article, seed_predictions):
                known = subjects.get(subject.name)
                aliases = (known.aliases if known else ()) + subject.aliases
                subjects[subject.name] = Subject(subject.name, tuple(dict.fromkeys(aliases)))
    return Tracked(predictions, list(subjects.values()))


def news_item(document: models.Document) -> NewsItem:
    return NewsItem(
        url=document.url or "",
        title=document.title or "",
        text=document.text,
        published=document.published,
    )


def assess_batch(
    db: Database, tracked: Tracked, document_ids: list[int], judge: Judge
) -> tuple[int, int]:
    """Extract, judge and store one batch of documents in one transaction: (claims, assessments)."""
    claims_total = assessments_total = 0
    with db.session() as session:
        for document in load_documents(session, document_ids):
            claims = extract_claims(news_item(document), tracked.subjects)
            rows = replace_claims(session, document, claims)
            assessments = assess_claims(claims, tracked.predictions, judge)
            assessments_total += store_assessments(session, rows, assessments)
            claims_total += len(rows)
    return claims_total, assessments_total


def rejudge_changed_predictions(db: Database, tracked: Tracked, judge: Judge) -> int:
    """Judge every current claim again against predictions edited since they were last judged.

    Evidence already linked is kept (an analyst's edit must not lose it); new judgements are
    added and existing ones updated.
    """
    with db.session() as session:
        stale = [
            row
            for row in active_predictions(session)
            if row.assessed_at is None or row.assessed_at < row.updated_at
        ]
        if not stale:
            return 0
        wanted = {str(row.id) for row in stale}
        predictions = [p for p in tracked.predictions if p.key in wanted]
        by_document: dict[int, list[models.Claim]] = {}
        for claim_row in current_claims(session):
            by_document.setdefault(claim_row.document_id, []).append(claim_row)
        for rows in by_document.values():
            claims = [claim_from_row(row) for row in rows]
            store_assessments(session, rows, assess_claims(claims, predictions, judge))
        now = datetime.now(UTC)
        for row in stale:
            row.assessed_at = now
        return len(stale)


def update_statuses(db: Database, tracked: Tracked, *, today: date, run_id: int | None) -> int:
    """Decide every active prediction's status from its evidence; record each change."""
    by_key = {p.key: p for p in tracked.predictions}
    changes = 0
    with db.session() as session:
        for row in active_predictions(session):
            pairs = evidence_of(session, row.id)
            verdict = decide_status(by_key[str(row.id)], [e for _, e in pairs], today)
            ids = {id(evidence): assessment.id for assessment, evidence in pairs}
            if apply_verdict(session, row, verdict, assessment_ids=ids, run_id=run_id):
                changes += 1
    return changes


def pending_batches(db: Database, batch_size: int) -> Iterator[list[int]]:
    """Ids of unanalysed documents, a batch at a time, until none is left.

    Each batch is marked analysed when it is stored, so the next query moves on by itself.
    """
    while True:
        with db.session() as session:
            ids = pending_document_ids(session, limit=batch_size)
        if not ids:
            return
        yield ids


def assess_pending(
    db: Database,
    *,
    batch_size: int = 500,
    today: date | None = None,
    run_id: int | None = None,
    judge: Judge | None = None,
) -> AssessReport:
    """The whole stage: new documents in batches, edited predictions, then statuses."""
    judge = judge or RuleJudge()
    tracked = load_tracked(db)
    if not tracked.predictions:
        return AssessReport()
    rejudged = rejudge_changed_predictions(db, tracked, judge)
    documents = claims = assessments = 0
    for ids in pending_batches(db, batch_size):
        batch_claims, batch_assessments = assess_batch(db, tracked, ids, judge)
        documents += len(ids)
        claims += batch_claims
        assessments += batch_assessments
    changes = update_statuses(db, tracked, today=today or date.today(), run_id=run_id)
    return AssessReport(documents, claims, assessments, rejudged, changes)
