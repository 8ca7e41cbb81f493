"""What a digest needs from the database, the record of digests written, and their deliveries."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from hindsight.domain import Review, Stance
from storage import models


def last_digest(session: Session, scope: str = "all") -> models.Digest | None:
    """The newest recorded digest of a scope ("all" or "seed:<id>"): its mark starts the period."""
    return session.scalars(
        select(models.Digest)
        .where(models.Digest.scope == scope)
        .order_by(models.Digest.id.desc())
        .limit(1)
    ).first()


def _evidence_options() -> Any:
    return (
        selectinload(models.Assessment.claim)
        .selectinload(models.Claim.document)
        .selectinload(models.Document.source)
    )


def changes_after(
    session: Session,
    change_id: int,
    *,
    seed_ids: Collection[int] | None = None,
    since: datetime | None = None,
) -> list[models.StatusChange]:
    """Status changes after the given one (and from `since` on), oldest first, evidence loaded."""
    query = (
        select(models.StatusChange)
        .join(models.Prediction)
        .where(models.StatusChange.id > change_id, models.Prediction.active.is_(True))
        .options(
            selectinload(models.StatusChange.prediction),
            selectinload(models.StatusChange.assessment).options(_evidence_options()),
        )
        .order_by(models.StatusChange.id)
    )
    if seed_ids is not None:
        query = query.where(models.Prediction.seed_id.in_(list(seed_ids)))
    if since is not None:
        query = query.where(models.StatusChange.changed_at >= since)
    return list(session.scalars(query))


def digest_predictions(
    session: Session, seed_ids: Collection[int] | None = None
) -> Sequence[models.Prediction]:
    """Active predictions with seed and status history loaded (evidence: `evidence_rows`)."""
    query = (
        select(models.Prediction)
        .where(models.Prediction.active.is_(True))
        .options(selectinload(models.Prediction.seed), selectinload(models.Prediction.history))
        .order_by(models.Prediction.seed_id, models.Prediction.id)
    )
    if seed_ids is not None:
        query = query.where(models.Prediction.seed_id.in_(list(seed_ids)))
    return list(session.scalars(query))


@dataclass(frozen=True)
class EvidenceRow:
    """One judged item as the digest and the archive show it: plain columns, no ORM objects."""

    assessment_id: int
    prediction_id: int
    stance: str
    confidence: float
    reason: str
    claim: str
    url: str | None
    title: str | None
    published: datetime | None
    feed: str | None
    reviewed: bool = False


def _not_rejected() -> Any:
    """Items the analyst rejected are not evidence: digests and the archive leave them out."""
    return or_(models.Assessment.review.is_(None), models.Assessment.review != Review.REJECTED)


_DECIDING = (Stance.SUPPORTS.value, Stance.CONTRADICTS.value)


def evidence_rows(
    session: Session, seed_ids: Collection[int] | None = None, *, related: bool = False
) -> dict[int, list[EvidenceRow]]:
    """Every current decisive item of the active predictions, by prediction, in one query; with
    `related`, the related items instead (news about the subject that decides nothing).

    Plain columns rather than ORM objects: 10,000 assessments with their claims and stories load
    as objects in seconds (and the stories' full texts with them); as rows, in a fraction.
    """
    stance = models.Assessment.stance
    which = stance == Stance.RELATED.value if related else stance.in_(_DECIDING)
    columns: list[Any] = [
        models.Assessment.id,
        models.Assessment.prediction_id,
        models.Assessment.stance,
        models.Assessment.confidence,
        models.Assessment.reason,
        models.Claim.text,
        models.Document.url,
        models.Document.title,
        models.Document.published,
        func.coalesce(models.Source.name, models.Source.title),
        models.Assessment.review,
    ]
    query = (
        select(*columns)
        .join(models.Claim, models.Claim.id == models.Assessment.claim_id)
        .join(models.Document, models.Document.id == models.Claim.document_id)
        .outerjoin(models.Source, models.Source.id == models.Document.source_id)
        .join(models.Prediction, models.Prediction.id == models.Assessment.prediction_id)
        .where(
            models.Claim.current.is_(True),
            models.Prediction.active.is_(True),
            which,
            _not_rejected(),
        )
        .order_by(models.Assessment.id)
    )
    if seed_ids is not None:
        query = query.where(models.Prediction.seed_id.in_(list(seed_ids)))
    found: dict[int, list[EvidenceRow]] = {}
    for values in session.execute(query):
        assessment_id, prediction_id, stance, confidence, reason = values[:5]
        claim, url, title, published, feed = values[5:10]
        row = EvidenceRow(
            assessment_id,
            prediction_id,
            stance,
            confidence,
            reason,
            claim,
            url,
            title,
            published,
            feed,
            reviewed=values[10] == Review.CONFIRMED,
        )
        found.setdefault(row.prediction_id, []).append(row)
    return found


def watch_items(
    session: Session,
    *,
    found_after: datetime | None,
    seed_ids: Collection[int] | None = None,
    limit: int = 8,
) -> list[models.Assessment]:
    """Related news found in the period (about a prediction's subject, deciding nothing): the
    watch list, newest story first.

    The one place the digest reads "related, decided nothing" from: the assess stage stores
    such items with stance "related", bounded per prediction; none is ever counted.
    """
    query = (
        select(models.Assessment)
        .join(models.Prediction)
        .join(models.Claim)
        .join(models.Document)
        .where(
            models.Prediction.active.is_(True),
            models.Claim.current.is_(True),
            models.Assessment.stance == Stance.RELATED.value,
        )
        .options(_evidence_options(), selectinload(models.Assessment.prediction))
        .order_by(models.Document.published.desc(), models.Assessment.id.desc())
        .limit(limit)
    )
    if found_after is not None:
        query = query.where(models.Assessment.created_at >= found_after)
    if seed_ids is not None:
        query = query.where(models.Prediction.seed_id.in_(list(seed_ids)))
    return list(session.scalars(query))


def feed_health(session: Session) -> dict[str, Any]:
    """Feeds in a few figures for the digest's footer: how many, which fail, news stored."""
    sources = list(session.scalars(select(models.Source).order_by(models.Source.id)))
    failing = [
        (source.name or source.title or source.url, source.last_error or "")
        for source in sources
        if source.enabled and source.consecutive_failures > 0
    ]
    fetched = [s.last_fetched_at for s in sources if s.last_fetched_at is not None]
    news = session.scalar(
        select(func.count()).select_from(models.Document).where(models.Document.kind == "news")
    )
    return {
        "feeds": sum(1 for s in sources if s.enabled),
        "failing": failing,
        "last_fetched": max(fetched) if fetched else None,
        "documents": news or 0,
    }


def record_digest(session: Session, **fields: Any) -> models.Digest:
    digest = models.Digest(**fields)
    session.add(digest)
    session.flush()
    return digest


def name_taken(session: Session, name: str) -> bool:
    return session.scalar(select(models.Digest.id).where(models.Digest.name == name)) is not None


def recorded_names(session: Session, names: Collection[str]) -> set[str]:
    """Which of these file stems name a recorded digest."""
    if not names:
        return set()
    query = select(models.Digest.name).where(models.Digest.name.in_(list(names)))
    return {name for name in session.scalars(query) if name}


def add_delivery(
    session: Session, digest: models.Digest, recipient: str, message_id: str
) -> models.Delivery:
    delivery = models.Delivery(digest=digest, recipient=recipient, message_id=message_id)
    session.add(delivery)
    return delivery


def undelivered(session: Session) -> list[models.Delivery]:
    """Every delivery not yet made (pending, refused or failed), oldest digest first."""
    return list(
        session.scalars(
            select(models.Delivery)
            .where(models.Delivery.state != "sent")
            .options(selectinload(models.Delivery.digest))
            .order_by(models.Delivery.digest_id, models.Delivery.id)
        )
    )


def archived_digests(session: Session) -> list[models.Digest]:
    """Recorded digests, newest first, for the archive's index."""
    return list(session.scalars(select(models.Digest).order_by(models.Digest.id.desc())))


def last_delivery(session: Session) -> dict[str, Any] | None:
    """The newest successful delivery: when, which digest, everyone it reached (and not yet)."""
    latest = session.scalars(
        select(models.Delivery)
        .where(models.Delivery.state == "sent")
        .order_by(models.Delivery.sent_at.desc(), models.Delivery.id.desc())
        .limit(1)
    ).first()
    if latest is None or latest.sent_at is None:
        return None
    digest = latest.digest
    reached = sorted(d.recipient for d in digest.deliveries if d.state == "sent")
    waiting = sorted(d.recipient for d in digest.deliveries if d.state != "sent")
    return {
        "at": latest.sent_at.isoformat(),
        "digest": digest.name,
        "to": reached,
        "not_yet": waiting,
    }
