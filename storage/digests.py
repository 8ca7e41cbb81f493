"""What a digest needs from the database, and the record of digests written."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from storage import models


def last_digest(session: Session) -> models.Digest | None:
    return session.scalars(select(models.Digest).order_by(models.Digest.id.desc())).first()


def changes_after(session: Session, change_id: int) -> list[models.StatusChange]:
    """Status changes recorded after the given one, oldest first, with their evidence loaded."""
    return list(
        session.scalars(
            select(models.StatusChange)
            .where(models.StatusChange.id > change_id)
            .options(
                selectinload(models.StatusChange.prediction),
                selectinload(models.StatusChange.assessment)
                .selectinload(models.Assessment.claim)
                .selectinload(models.Claim.document),
            )
            .order_by(models.StatusChange.id)
        )
    )


def digest_predictions(session: Session) -> Sequence[models.Prediction]:
    """Active predictions with seed and evidence loaded, in seed order."""
    return list(
        session.scalars(
            select(models.Prediction)
            .where(models.Prediction.active.is_(True))
            .options(
                selectinload(models.Prediction.seed),
                selectinload(models.Prediction.assessments)
                .selectinload(models.Assessment.claim)
                .selectinload(models.Claim.document),
            )
            .order_by(models.Prediction.seed_id, models.Prediction.id)
        )
    )


def record_digest(session: Session, **fields: Any) -> models.Digest:
    digest = models.Digest(**fields)
    session.add(digest)
    session.flush()
    return digest
