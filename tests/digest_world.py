"""A database with a seed, its predictions, judged news and status moves, written row by row.

The digest reads only what the judge left behind, so these tests make that state directly (the
judge's own tests cover how it gets there): N predictions, M evidence items spread over them, and
status changes for the ones that "changed this period".
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta

from storage import models
from storage.db import Database

HOSTILE_TITLE = 'Plant news <script>alert("x")</script> today'
HOSTILE_LINK = "javascript:alert(document.cookie)"


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def add_seed(
    db: Database,
    *,
    predictions: int,
    evidence: int,
    title: str = "Acme will change cars",
    author: str = "Ana Analyst",
    origin: str = "/seeds/acme.md",
) -> tuple[int, list[int]]:
    """A seed with `predictions` open predictions and `evidence` supporting items among them."""
    with db.session() as session:
        seed = models.Seed(
            title=title,
            author=author,
            published=date(2021, 3, 31),
            url="https://blog.example/acme",
            origin=origin,
        )
        session.add(seed)
        session.flush()
        topics = ["price", "factory", "launch", "deliveries", "platform", "investment"]
        rows = []
        for i in range(predictions):
            topic = topics[i % len(topics)]
            row = models.Prediction(
                seed=seed,
                key=f"{seed.id}-{i}",
                text=f"Acme's {topic} forecast number {i}: the {topic} will move as the author "
                "expects within three years, and rivals will follow soon after that.",
                subject="Acme",
                kind="price" if topic == "price" else "event",
                window_start=date(2024, 3, 31),
                window_end=date(2026, 3, 31),
                deadline=date(2026, 3, 31),
                confidence=0.5 + (i % 5) / 10,
                keywords=["Acme", topic],
            )
            session.add(row)
            rows.append(row)
        session.flush()
        source = session.query(models.Source).filter_by(url="https://news.example/feed").first()
        if source is None:
            source = models.Source(url="https://news.example/feed", name="News Example")
            session.add(source)
            session.flush()
        for j in range(evidence):
            target = rows[j % len(rows)]
            doc = models.Document(
                kind="news",
                source=source,
                url=f"https://news.example/{seed.id}/story-{j}",
                title=f"Acme story {j} about the {target.keywords[1]}",
                published=datetime(2024, 1, 1, tzinfo=UTC) + timedelta(days=j % 700),
                text="x",
                content_hash=_hash(f"{seed.id}-{j}"),
            )
            claim = models.Claim(
                document=doc,
                content_hash=doc.content_hash,
                text=f"Acme said something about its {target.keywords[1]} in story {j}.",
                span_start=0,
                span_end=10,
            )
            session.add(
                models.Assessment(
                    claim=claim,
                    prediction=target,
                    stance="supports",
                    confidence=0.7,
                    reason=f"the {target.keywords[1]} figure is within the expected range",
                )
            )
        session.flush()
        return seed.id, [row.id for row in rows]


def settle(
    db: Database,
    prediction_ids: list[int],
    *,
    status: str = "contradicted",
    hostile: bool = False,
    at: datetime | None = None,
) -> None:
    """Move these predictions to `status`, each with a fresh deciding story (hostile if asked)."""
    with db.session() as session:
        for pid in prediction_ids:
            row = session.get(models.Prediction, pid)
            assert row is not None
            stamp = f"{pid}-{status}-{len(row.history)}-{at}"
            doc = models.Document(
                kind="news",
                url=HOSTILE_LINK if hostile else f"https://news.example/decides/{stamp}",
                title=HOSTILE_TITLE if hostile else f"Acme decides #{pid}",
                published=datetime(2025, 6, 1, tzinfo=UTC),
                text="x",
                content_hash=_hash(stamp),
            )
            claim = models.Claim(
                document=doc,
                content_hash=doc.content_hash,
                text=f"Acme's news that settles #{pid}.",
                span_start=0,
                span_end=10,
            )
            assessment = models.Assessment(
                claim=claim,
                prediction=row,
                stance="contradicts" if status == "contradicted" else "supports",
                confidence=0.9,
                reason=f"the news is {status} for #{pid}",
            )
            session.add(assessment)
            session.flush()
            session.add(
                models.StatusChange(
                    prediction=row,
                    old_status=row.status,
                    new_status=status,
                    reason=f"{status} (0.9 vs 0.0) for #{pid}",
                    assessment_id=assessment.id,
                    changed_at=at or datetime.now(UTC),
                )
            )
            row.status = status
            row.status_reason = f"{status} by the news"
