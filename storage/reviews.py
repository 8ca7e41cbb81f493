"""The analyst's reviews of statuses and evidence: read for the review file, applied from it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from hindsight.domain import Status
from hindsight.reviews import EvidenceReview, ReviewError, VerdictReview
from storage import models

# News about a prediction's subject that decides nothing: never offered for review.
RELATED = "related"


def verdict_reviews(session: Session, seed_id: int | None = None) -> list[VerdictReview]:
    """Every active prediction with its status and the evidence shown under it, for review."""
    query = (
        select(models.Prediction)
        .where(models.Prediction.active.is_(True))
        .options(
            selectinload(models.Prediction.assessments)
            .selectinload(models.Assessment.claim)
            .selectinload(models.Claim.document)
        )
        .order_by(models.Prediction.id)
    )
    if seed_id is not None:
        query = query.where(models.Prediction.seed_id == seed_id)
    items = []
    for row in session.scalars(query):
        evidence = []
        for a in sorted(row.assessments, key=lambda a: a.id):
            if not a.claim.current or a.stance == RELATED:
                continue  # related news is no evidence: nothing to confirm or reject
            document = a.claim.document
            when = document.published.date().isoformat() if document.published else "undated"
            evidence.append(
                EvidenceReview(
                    id=a.id,
                    stance=a.stance,
                    sentence=a.claim.text,
                    source=f"{document.url or document.title or 'document ' + str(document.id)}"
                    f" ({when})",
                    reason=a.reason,
                    review=a.review,
                )
            )
        items.append(
            VerdictReview(
                id=row.id,
                text=row.text,
                under=row.context,
                judged=row.status,
                why=row.status_reason or "",
                status=Status(row.review_status) if row.review_status else None,
                note=row.review_note,
                evidence=tuple(evidence),
            )
        )
    return items


def apply_reviews(session: Session, reviews: list[VerdictReview]) -> dict[str, int]:
    """Store the analyst's statuses, notes and evidence reviews; counts of what changed.

    Every id must name an active prediction and each evidence id one of its assessments; the
    whole file is refused otherwise (nothing is half-applied).
    """
    problems: list[str] = []
    changed = {"statuses": 0, "evidence": 0}
    for item in reviews:
        row = session.get(models.Prediction, item.id)
        if row is None or not row.active:
            problems.append(f"prediction {item.id}: no such active prediction")
            continue
        status = item.status.value if item.status else None
        if (row.review_status, row.review_note) != (status, item.note):
            row.review_status, row.review_note = status, item.note
            changed["statuses"] += 1
        assessments = {a.id: a for a in row.assessments if a.stance != RELATED}
        for evidence in item.evidence:
            assessment = assessments.get(evidence.id)
            if assessment is None:
                problems.append(
                    f"prediction {item.id}: evidence {evidence.id} is not shown under it"
                )
                continue
            if assessment.review != evidence.review:
                assessment.review = evidence.review
                changed["evidence"] += 1
    if problems:
        session.rollback()
        raise ReviewError(problems)
    session.flush()
    return changed
