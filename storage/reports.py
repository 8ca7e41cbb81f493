"""Read-only views for the CLI: `status`, `seed list`, `predictions list` as plain dicts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

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
        # Evidence (supports / contradicts) apart from related news, which is never counted.
        "assessments": count(models.Assessment, models.Assessment.stance != "related"),
        "related": count(models.Assessment, models.Assessment.stance == "related"),
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
