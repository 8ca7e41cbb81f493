"""Claims, assessments and status history: what the assess stage reads and writes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session, selectinload

from hindsight.domain import Assessment, Claim, Evidence, Stance, Verdict
from storage import models
from storage.convert import claim_fields, claim_from_row


def pending_document_ids(session: Session, limit: int | None = None) -> list[int]:
    """News documents whose current text is not analysed yet (new or changed), oldest first."""
    query = (
        select(models.Document.id)
        .where(
            models.Document.kind == "news",
            or_(
                models.Document.analysed_hash.is_(None),
                models.Document.analysed_hash != models.Document.content_hash,
            ),
        )
        .order_by(
            models.Document.published.is_(None), models.Document.published, models.Document.id
        )
    )
    if limit:
        query = query.limit(limit)
    return list(session.scalars(query))


def load_documents(session: Session, ids: Sequence[int]) -> list[models.Document]:
    return list(
        session.scalars(
            select(models.Document).where(models.Document.id.in_(ids)).order_by(models.Document.id)
        )
    )


def replace_claims(
    session: Session, document: models.Document, claims: Iterable[Claim]
) -> list[models.Claim]:
    """Store the claims of a document's current text; claims of earlier texts stop being current."""
    session.execute(
        update(models.Claim)
        .where(
            models.Claim.document_id == document.id,
            models.Claim.content_hash != document.content_hash,
        )
        .values(current=False)
    )
    existing = {
        row.span_start: row
        for row in session.scalars(
            select(models.Claim).where(
                models.Claim.document_id == document.id,
                models.Claim.content_hash == document.content_hash,
            )
        )
    }
    rows = []
    for claim in claims:
        row = existing.get(claim.span[0])
        if row is None:
            row = models.Claim(
                document_id=document.id, content_hash=document.content_hash, **claim_fields(claim)
            )
            session.add(row)
        rows.append(row)
    document.analysed_hash = document.content_hash
    session.flush()
    return rows


def current_claims(
    session: Session, *, subjects: Iterable[str] | None = None
) -> list[models.Claim]:
    """Every current claim, with its document loaded (for re-judging edited predictions)."""
    query = (
        select(models.Claim)
        .where(models.Claim.current.is_(True))
        .options(selectinload(models.Claim.document))
        .order_by(models.Claim.id)
    )
    return list(session.scalars(query))


def store_assessments(
    session: Session,
    claim_rows: Sequence[models.Claim],
    assessments: Iterable[Assessment],
    *,
    judge: str = "rules",
) -> int:
    """Upsert decisive assessments (supports/contradicts); unrelated ones are not kept."""
    by_text = {(row.span_start, row.text): row for row in claim_rows}
    stored = 0
    for assessment in assessments:
        if assessment.stance == Stance.UNRELATED:
            continue
        claim_row = by_text[(assessment.claim.span[0], assessment.claim.text)]
        prediction_id = int(assessment.prediction_key)
        row = session.scalars(
            select(models.Assessment).where(
                models.Assessment.claim_id == claim_row.id,
                models.Assessment.prediction_id == prediction_id,
            )
        ).first()
        if row is None:
            row = models.Assessment(claim_id=claim_row.id, prediction_id=prediction_id)
            session.add(row)
        row.stance = str(assessment.stance)
        row.confidence = assessment.confidence
        row.reason = assessment.reason
        row.judge = judge
        stored += 1
    session.flush()
    return stored


def evidence_of(session: Session, prediction_id: int) -> list[tuple[models.Assessment, Evidence]]:
    """The decisive assessments on a prediction's current claims, as evidence, oldest first."""
    rows = session.scalars(
        select(models.Assessment)
        .join(models.Claim)
        .where(models.Assessment.prediction_id == prediction_id, models.Claim.current.is_(True))
        .options(selectinload(models.Assessment.claim).selectinload(models.Claim.document))
        .order_by(models.Assessment.id)
    )
    result = []
    for row in rows:
        document = row.claim.document
        published = _event_day(row.claim, document)
        assessment = Assessment(
            prediction_key=str(prediction_id),
            claim=claim_from_row(row.claim),
            stance=Stance(row.stance),
            confidence=row.confidence,
            reason=row.reason,
        )
        evidence = Evidence(
            assessment=assessment,
            url=document.url or "",
            title=document.title or "",
            published=published,
        )
        result.append((row, evidence))
    result.sort(key=lambda pair: (pair[1].published or date.min, pair[0].id))
    return result


def _event_day(claim: models.Claim, document: models.Document) -> date | None:
    if document.published is not None:
        return document.published.date()
    return claim.event_date


def apply_verdict(
    session: Session,
    prediction: models.Prediction,
    verdict: Verdict,
    *,
    assessment_ids: dict[int, int],
    run_id: int | None,
) -> models.StatusChange | None:
    """Record a new status with the evidence that decided it; the same status again is a no-op.

    `assessment_ids` maps id(Evidence) to its assessment row, so the change can point at it.
    """
    if prediction.status == str(verdict.status) and prediction.status_reason == verdict.reason:
        return None
    changed = prediction.status != str(verdict.status)
    now = datetime.now(UTC)
    prediction.status_reason = verdict.reason
    if not changed:
        return None
    decisive = verdict.decisive[-1] if verdict.decisive else None
    change = models.StatusChange(
        prediction_id=prediction.id,
        old_status=prediction.status,
        new_status=str(verdict.status),
        reason=verdict.reason,
        assessment_id=assessment_ids.get(id(decisive)) if decisive else None,
        run_id=run_id,
        changed_at=now,
    )
    prediction.status = str(verdict.status)
    prediction.status_changed_at = now
    session.add(change)
    session.flush()
    return change


def active_predictions(session: Session) -> list[models.Prediction]:
    return list(
        session.scalars(
            select(models.Prediction)
            .where(models.Prediction.active.is_(True))
            .options(selectinload(models.Prediction.seed))
            .order_by(models.Prediction.id)
        )
    )
