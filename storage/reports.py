"""Read-only views for the CLI: `status`, `seed list`, `predictions list` as plain dicts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from storage import models
from storage.digests import last_delivery
from storage.feeds import entry_counts
from storage.runs import latest_runs


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def status_summary(session: Session) -> dict[str, Any]:
    """One object with counts, prediction statuses, feed health and the latest runs."""

    def count(model: Any, *where: Any) -> int:
        return session.scalar(select(func.count()).select_from(model).where(*where)) or 0

    statuses = dict(
        session.execute(
            select(models.Prediction.status, func.count())
            .where(models.Prediction.active.is_(True))
            .group_by(models.Prediction.status)
        ).all()
    )
    entries = entry_counts(session)
    feeds = [
        {
            "id": source.id,
            "url": source.url,
            "name": source.name,
            "enabled": source.enabled,
            "last_status": source.last_status,
            "last_error": source.last_error,
            "last_warning": source.last_warning,
            "consecutive_failures": source.consecutive_failures,
            "last_fetched_at": _iso(source.last_fetched_at),
            "next_check_at": _iso(source.next_check_at),
            "entries": entries.get(source.id, 0),
        }
        for source in session.scalars(select(models.Source).order_by(models.Source.id))
    ]
    runs = [
        {
            "id": run.id,
            "stage": run.stage,
            "state": run.state,
            "started": _iso(run.started),
            "finished": _iso(run.finished),
            "summary": run.summary,
            "error": run.error,
        }
        for run in latest_runs(session)
    ]
    return {
        "seeds": count(models.Seed),
        "documents": count(models.Document, models.Document.kind == "news"),
        "claims": count(models.Claim, models.Claim.current.is_(True)),
        "assessments": count(models.Assessment),
        "predictions": {status: statuses.get(status, 0) for status in sorted(statuses)},
        "feeds": feeds,
        "runs": runs,
        # When the last digest was mailed and to whom (None: never), for `status`.
        "last_delivery": last_delivery(session),
    }


def seed_rows(session: Session) -> list[dict[str, Any]]:
    counts = dict(
        session.execute(
            select(models.Prediction.seed_id, func.count())
            .where(models.Prediction.active.is_(True))
            .group_by(models.Prediction.seed_id)
        ).all()
    )
    versions = dict(
        session.execute(
            select(models.Document.seed_id, func.count())
            .where(models.Document.kind == "seed")
            .group_by(models.Document.seed_id)
        ).all()
    )
    return [
        {
            "id": seed.id,
            "title": seed.title,
            "author": seed.author,
            "published": _iso(seed.published),
            "url": seed.url,
            "origin": seed.origin,
            "versions": versions.get(seed.id, 0),
            "predictions": counts.get(seed.id, 0),
        }
        for seed in session.scalars(select(models.Seed).order_by(models.Seed.id))
    ]


def prediction_rows(session: Session, seed_id: int | None = None) -> list[dict[str, Any]]:
    """Active predictions with their evidence, in the shape `predictions list --json` promises."""
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
    rows = []
    for p in session.scalars(query):
        evidence = []
        for a in sorted(p.assessments, key=lambda a: a.id):
            if not a.claim.current:
                continue
            doc = a.claim.document
            evidence.append(
                {
                    "id": a.id,
                    "url": doc.url,
                    "title": doc.title,
                    "published": _iso(doc.published.date() if doc.published else None),
                    "claim": a.claim.text,
                    "stance": a.stance,
                    "confidence": round(a.confidence, 3),
                    "reason": a.reason,
                    "review": a.review,  # the analyst's: confirmed, rejected or None
                }
            )
        rows.append(
            {
                "id": p.id,
                "seed": p.seed_id,
                "key": p.key,
                "text": p.text,
                "subject": p.subject,
                "owner": p.owner,
                "kind": p.kind,
                "window": (
                    {"start": _iso(p.window_start), "end": _iso(p.window_end)}
                    if p.window_start
                    else None
                ),
                "quantity": (
                    {"low": p.low, "high": p.high, "unit": p.unit, "bound": p.quantity_bound}
                    if p.low is not None
                    else None
                ),
                "polarity": p.polarity,
                "deadline": _iso(p.deadline),
                "confidence": p.confidence,
                "confidence_cue": p.confidence_cue,
                "keywords": p.keywords,
                "resolution": p.resolution,
                "status": p.status,
                "status_reason": p.status_reason,
                "reviewed": p.reviewed,
                "review_status": p.review_status,  # the analyst's status, winning over the judge
                "review_note": p.review_note,
                "evidence": evidence,
            }
        )
    return rows
