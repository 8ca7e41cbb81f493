"""Seed stage: read an article, extract its predictions, store both in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from hindsight.analysis.predictions import extract_predictions
from hindsight.reading import content_hash, read_seed
from storage.db import Database
from storage.seeds import PredictionChanges, store_predictions, store_seed


@dataclass(frozen=True)
class SeedOutcome:
    seed_id: int
    title: str | None
    new_seed: bool
    new_version: bool
    predictions: PredictionChanges = field(default_factory=PredictionChanges)


def origin_of(source: str | Path) -> str:
    """Where a seed was read from, in a form that is the same however it was typed."""
    text = str(source)
    if text.startswith(("http://", "https://")):
        return text
    return str(Path(text).expanduser().resolve())


def add_seed(
    db: Database,
    source: str | Path,
    *,
    title: str | None = None,
    author: str | None = None,
    published: date | None = None,
    url: str | None = None,
) -> SeedOutcome:
    """Read, extract and store a seed; raises `SeedError` (nothing stored) on unusable input.

    Predictions are extracted again even when the text is unchanged, so an improved extractor
    reaches old seeds; upserting by key keeps that idempotent.
    """
    article = read_seed(source, title=title, author=author, published=published, url=url)
    predictions = extract_predictions(article)
    with db.session() as session:
        stored = store_seed(
            session, article, origin=origin_of(source), content_hash=content_hash(article)
        )
        changes = store_predictions(session, stored.seed_id, predictions)
    return SeedOutcome(stored.seed_id, article.title, stored.new_seed, stored.new_version, changes)
