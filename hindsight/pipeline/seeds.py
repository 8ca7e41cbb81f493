"""Seed stage: read an article, extract its predictions, store both in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from hindsight.analysis.predictions import extract_predictions
from hindsight.faults import checkpoint
from hindsight.llm.extract import extract_with_model
from hindsight.pipeline.model import model_backend
from hindsight.reading import content_hash, read_seed
from hindsight.settings import Settings, load_settings
from storage.db import Database
from storage.seeds import PredictionChanges, store_predictions, store_seed


@dataclass(frozen=True)
class SeedOutcome:
    seed_id: int
    title: str | None
    new_seed: bool
    new_version: bool
    predictions: PredictionChanges = field(default_factory=PredictionChanges)
    # With `[extract] backend = "llm"`: the model's calls, cache hits and tokens for this seed.
    model: dict[str, int] = field(default_factory=dict)


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
    settings: Settings | None = None,
) -> SeedOutcome:
    """Read, extract and store a seed; raises `SeedError` (nothing stored) on unusable input.

    Predictions are extracted again even when the text is unchanged, so an improved extractor
    reaches old seeds; upserting by key keeps that idempotent. With `[extract] backend = "llm"`
    the model's forecasts join the rules' (its answer is cached: reading the seed again asks
    nothing; without an answer the rules' list stands and the model is asked next time).
    """
    article = read_seed(source, title=title, author=author, published=published, url=url)
    settings = settings or load_settings()
    model: dict[str, int] = {}
    backend = model_backend(settings, db, for_stage="extract")
    if backend is None:
        predictions = extract_predictions(article)
    else:
        with backend:
            predictions = extract_with_model(article, backend.asker).predictions
        model = backend.asker.usage.as_dict()
    with db.session() as session:
        stored = store_seed(
            session, article, origin=origin_of(source), content_hash=content_hash(article)
        )
        changes = store_predictions(session, stored.seed_id, predictions)
        checkpoint("seed.before_commit")
    return SeedOutcome(
        stored.seed_id, article.title, stored.new_seed, stored.new_version, changes, model
    )
