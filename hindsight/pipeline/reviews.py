"""The analyst's review of verdicts applied: stored, then every status decided again at once."""

from __future__ import annotations

from datetime import date

from hindsight.pipeline.assess import load_tracked, update_statuses
from hindsight.reviews import VerdictReview
from storage.db import Database
from storage.reviews import apply_reviews


def import_reviews(db: Database, reviews: list[VerdictReview], *, today: date) -> dict[str, int]:
    """Store the reviews and re-decide statuses now, so the analyst sees the result at once.

    Later runs keep deciding with the reviews in force (`update_statuses`, `store_assessments`).
    """
    with db.session() as session:
        counts = apply_reviews(session, reviews)
    tracked = load_tracked(db)
    counts["status_changes"] = (
        update_statuses(db, tracked, today=today, run_id=None) if tracked.predictions else 0
    )
    return counts
