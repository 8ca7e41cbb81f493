"""`hindsight eval`: the real pipeline — storage, the assess stage, statuses — on labelled news.

Unlike `hindsight.evaluation.verdicts.evaluate` (pure, in memory), this stores the seed, the gold
predictions and the news in a temporary database and runs the same assess stage a scheduled run
does, then scores what was stored. A gap between the two figures is a bug in the plumbing.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import select

from hindsight.domain import Prediction, SeedArticle
from hindsight.evaluation.verdicts import (
    EvalReport,
    case_seed,
    describe_gold,
    load_jsonl,
    news_item,
    score,
)
from hindsight.llm.cache import AnswerCache
from hindsight.pipeline.assess import assess_pending
from hindsight.reading import content_hash
from hindsight.settings import LLMConfig
from storage import models
from storage.db import Database
from storage.seeds import store_predictions, store_seed

STRENGTH = {"supports": 1, "contradicts": 1}


def store_news(db: Database, records: Sequence[Mapping[str, Any]]) -> dict[int, str]:
    """Store each record as a news document; returns document id -> record id."""
    ids: dict[int, str] = {}
    with db.session() as session:
        for position, record in enumerate(records):
            item = news_item(record)
            published = item.published
            if published is not None and published.tzinfo is None:
                published = datetime.combine(published.date(), time(12), UTC)
            text = item.text
            document = models.Document(
                kind="news",
                url=item.url,
                title=item.title,
                text=text,
                published=published,
                content_hash=hashlib.sha256(f"{item.title}\n{text}".encode()).hexdigest(),
            )
            session.add(document)
            session.flush()
            ids[document.id] = str(record.get("id") or record.get("url") or position)
    return ids


def stored_results(
    db: Database, documents: Mapping[int, str], gold_of: Mapping[int, str]
) -> tuple[dict[str, dict[str, str]], dict[str, str], dict[str, str]]:
    """Per item, the strongest stored stance on each prediction; each prediction's status."""
    stances: dict[str, dict[str, tuple[float, str]]] = {}
    with db.session() as session:
        rows = session.execute(
            select(models.Claim.document_id, models.Assessment)
            .join(models.Assessment)
            .where(models.Assessment.stance != "related")  # shown, never scored as evidence
        ).all()
        for document_id, assessment in rows:
            item = documents[document_id]
            gold_id = gold_of[assessment.prediction_id]
            best = stances.setdefault(item, {}).get(gold_id)
            if best is None or assessment.confidence > best[0]:
                stances[item][gold_id] = (assessment.confidence, assessment.stance)
        predictions = list(session.scalars(select(models.Prediction)))
        statuses = {gold_of[p.id]: p.status for p in predictions}
        reasons = {gold_of[p.id]: p.status_reason or "" for p in predictions}
    flat = {item: {pid: stance for pid, (_, stance) in by.items()} for item, by in stances.items()}
    return flat, statuses, reasons


def evaluate_stored(
    news: Path,
    predictions: Path,
    *,
    seed: Path | None = None,
    published: date | None = None,
    runs: int = 1,
    backend: str = "rules",
    llm: LLMConfig | None = None,
    cache: AnswerCache | None = None,
) -> EvalReport:
    """Score the stored pipeline with the judge `backend` names; with `runs` > 1 the news
    arrives in that many chronological batches, one run each dated by the newest news it has
    seen (weekly runs catching up), which must give the same figures as one run.

    `backend="llm"` asks the model backend (`llm` settings), its answers kept in `cache`
    (default: for this evaluation only), one budget for all runs; its calls, cache hits and
    tokens are added to the report."""
    records = load_jsonl(news)
    gold = load_jsonl(predictions)
    article, seed = case_seed(predictions, seed, published)
    described = describe_gold(gold, article)
    dates = [date.fromisoformat(str(r["date"])) for r in records if r.get("date")]
    # The final statuses are as of the newest news; an undated item is known only to exist
    # today, and its evidence is dated by the event it reports (which may be later than every
    # dated item: a release page read after the release), so with one the statuses are today's.
    as_of = max(dates) if dates and len(dates) == len(records) else date.today()
    with tempfile.TemporaryDirectory(prefix="hindsight-eval-") as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'eval.db'}")
        db.migrate()
        gold_of = store_case(db, article, str(seed), described)
        documents: dict[int, str] = {}
        ordered = sorted(records, key=lambda r: (r.get("date") is None, str(r.get("date"))))
        size = -(-len(ordered) // max(1, runs)) or 1
        batches = [ordered[i : i + size] for i in range(0, len(ordered), size)] or [[]]
        seen: list[date] = []
        model = None
        if backend == "llm":
            from hindsight.llm.setup import open_backend

            model = open_backend(llm or LLMConfig(), cache)
        try:
            for position, batch in enumerate(batches):
                documents |= store_news(db, batch)
                seen += [date.fromisoformat(str(r["date"])) for r in batch if r.get("date")]
                last = position == len(batches) - 1
                assess_pending(
                    db,
                    today=as_of if last else max(seen, default=as_of),
                    backend=backend,
                    judge_options={"asker": model.asker} if model else None,
                )
        finally:
            if model is not None:
                model.close()
        stances, statuses, reasons = stored_results(db, documents, gold_of)
        db.dispose()
    result = score(records, gold, stances, statuses, reasons)
    if model is not None:
        result.model = model.asker.usage.describe()
        result.model_usage = model.asker.usage.as_dict()
    return result


def store_case(
    db: Database, article: SeedArticle, origin: str, described: Mapping[str, Prediction]
) -> dict[int, str]:
    """Store the seed and the gold predictions (keyed by gold id); prediction row id -> gold id."""
    with db.session() as session:
        stored = store_seed(session, article, origin=origin, content_hash=content_hash(article))
        # The gold id is the key, so stored rows map back to the gold list.
        store_predictions(
            session, stored.seed_id, [replace(p, key=gid) for gid, p in described.items()]
        )
        return {
            row.id: row.key
            for row in session.scalars(
                select(models.Prediction).where(models.Prediction.seed_id == stored.seed_id)
            )
        }
