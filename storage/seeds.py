"""Seeds and their predictions: store an article once, version its edits, keep evidence attached."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from hindsight.domain import Prediction as PredictionData
from hindsight.domain import SeedArticle
from storage import models
from storage.convert import prediction_fields


@dataclass(frozen=True)
class StoredSeed:
    seed_id: int
    document_id: int
    new_seed: bool
    new_version: bool


@dataclass(frozen=True)
class PredictionChanges:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: int = 0


def find_seed(session: Session, article: SeedArticle, origin: str) -> models.Seed | None:
    """The seed this article is a version of: same address, else same file it was read from."""
    if article.url:
        found = session.scalars(select(models.Seed).where(models.Seed.url == article.url)).first()
        if found:
            return found
    return session.scalars(select(models.Seed).where(models.Seed.origin == origin)).first()


def store_seed(
    session: Session, article: SeedArticle, *, origin: str, content_hash: str
) -> StoredSeed:
    """Store an article as a seed; the same text again is a no-op, an edited text a new version."""
    seed = find_seed(session, article, origin)
    if seed is None:
        same_text = session.scalars(
            select(models.Document).where(
                models.Document.kind == "seed", models.Document.content_hash == content_hash
            )
        ).first()
        if same_text is not None and same_text.seed_id is not None:
            return StoredSeed(same_text.seed_id, same_text.id, False, False)
        seed = models.Seed(origin=origin)
        session.add(seed)
        new_seed = True
    else:
        new_seed = False
        latest = latest_document(session, seed.id)
        if latest is not None and latest.content_hash == content_hash:
            return StoredSeed(seed.id, latest.id, False, False)
    seed.title = article.title
    seed.author = article.author
    seed.published = article.published
    seed.url = article.url
    seed.updated_at = datetime.now(UTC)
    session.flush()
    published = (
        datetime.combine(article.published, time(12), tzinfo=UTC) if article.published else None
    )
    document = models.Document(
        kind="seed",
        seed_id=seed.id,
        url=article.url,
        title=article.title,
        author=article.author,
        published=published,
        text=article.text,
        content_hash=content_hash,
    )
    session.add(document)
    session.flush()
    return StoredSeed(seed.id, document.id, new_seed, not new_seed)


def latest_document(session: Session, seed_id: int) -> models.Document | None:
    return session.scalars(
        select(models.Document)
        .where(models.Document.seed_id == seed_id)
        .order_by(models.Document.id.desc())
    ).first()


def store_predictions(
    session: Session, seed_id: int, predictions: list[PredictionData]
) -> PredictionChanges:
    """Upsert a seed's extracted predictions by key.

    Rows the analyst reviewed are left as they are; extracted rows missing from the new list are
    retired (inactive), not deleted, so their history and evidence stay readable.
    """
    rows = {
        row.key: row
        for row in session.scalars(
            select(models.Prediction).where(models.Prediction.seed_id == seed_id)
        )
    }
    now = datetime.now(UTC)
    added = updated = unchanged = retired = 0
    for prediction in predictions:
        fields = prediction_fields(prediction)
        row = rows.pop(prediction.key, None)
        if row is None:
            session.add(models.Prediction(seed_id=seed_id, status="open", **fields))
            added += 1
        elif row.reviewed:
            unchanged += 1
        elif any(getattr(row, name) != value for name, value in fields.items()) or not row.active:
            for name, value in fields.items():
                setattr(row, name, value)
            row.active = True
            row.updated_at = now
            updated += 1
        else:
            unchanged += 1
    for row in rows.values():
        if row.active and not row.reviewed:
            row.active = False
            row.updated_at = now
            retired += 1
    session.flush()
    return PredictionChanges(added, updated, unchanged, retired)


def list_seeds(session: Session) -> list[models.Seed]:
    return list(session.scalars(select(models.Seed).order_by(models.Seed.id)))
