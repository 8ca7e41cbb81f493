"""Assess stage: claims from new or changed news, judged against every active prediction.

Work is done in batches, each in its own transaction that also marks its documents analysed and
saves the names learned for the subjects, so a run that dies half-way resumes with the next
unanalysed document and never judges one twice. Documents are read oldest first: the first
product news names is the subject's first product.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from hindsight.analysis.claims import extract_claims, names_a_subject
from hindsight.analysis.judge import Judge, RuleJudge, assess_claims
from hindsight.analysis.matching import PredictionIndex
from hindsight.analysis.subjects import learn_aliases, learn_subjects
from hindsight.analysis.verdicts import decide_status
from hindsight.domain import Assessment, Claim, NewsItem, Prediction, SeedArticle, Subject
from hindsight.llm.judge import LLMJudge
from hindsight.pipeline.judging import JudgingPool, Task, start_pool
from storage import models
from storage.convert import claim_from_row, prediction_from_row
from storage.db import Database
from storage.seeds import latest_document
from storage.subjects import load_subjects, save_subjects
from storage.verdicts import (
    PendingDocument,
    active_predictions,
    apply_verdict,
    current_claims,
    evidence_by_prediction,
    insert_new_claims,
    load_documents,
    mark_for_rereading,
    pending_document_ids,
    reopen_analysed_news,
    replace_claims,
    store_assessments,
)

# Below these, worker processes cost more to start and feed than they save (measured with
# benchmarks/assess.py on 2 cores: a pool starts in ~0.3 s, in-process judging runs at
# ~2,000-20,000 documents/s depending on how many are about a tracked subject).
POOL_MIN_DOCUMENTS = 1_000
POOL_MIN_BATCH = 20
# Batches sent to workers ahead of the one being stored.
IN_FLIGHT = 3


@dataclass(frozen=True)
class AssessReport:
    documents: int = 0
    claims: int = 0
    assessments: int = 0
    rejudged_predictions: int = 0
    status_changes: int = 0
    # The model backend's spending (calls, cache hits, tokens, waiting, fallbacks), if used.
    model: dict[str, int] = field(default_factory=dict)


@dataclass
class Tracked:
    """What every batch judges against: the active predictions and their subjects.

    `subjects` grows as news teaches new names; `judge` and `index` are built once per run.
    """

    predictions: list[Prediction]
    subjects: list[Subject]
    # Subjects of the seeds that no earlier run knew: older news must be read again for them.
    new_subjects: tuple[str, ...] = ()
    # Each prediction's seed date (by key): a model judge is told when the forecast was made.
    article_dates: dict[str, date] = field(default_factory=dict)
    judge: RuleJudge = field(init=False)
    index: PredictionIndex = field(init=False)

    def __post_init__(self) -> None:
        self.judge = RuleJudge(self.subjects)
        self.index = PredictionIndex(self.predictions, self.subjects)
        # Each prediction is read once, with the subjects known at the start of the run: the
        # reading must not depend on which news came first, nor on which process judges it.
        for prediction in self.predictions:
            self.judge.profile_of(prediction)

    def learn_from(self, item: NewsItem) -> None:
        self.subjects = learn_aliases(self.subjects, item)
        self.judge.subjects = self.subjects


def _merge(learned: Subject, stored: Subject | None) -> Subject:
    """The seed's reading of a subject plus the names news taught in earlier runs."""
    if stored is None:
        return learned
    return Subject(
        learned.name,
        tuple(dict.fromkeys(learned.aliases + stored.aliases)),
        tuple(dict.fromkeys(stored.products + learned.products)),
        tuple(dict.fromkeys(learned.sector_terms + stored.sector_terms)),
    )


def load_tracked(db: Database) -> Tracked:
    """Active predictions as the judge sees them, and their subjects with every name learned."""
    with db.session() as session:
        rows = active_predictions(session)
        predictions = [prediction_from_row(row) for row in rows]
        by_seed: dict[int, list[Prediction]] = {}
        for row, prediction in zip(rows, predictions, strict=True):
            by_seed.setdefault(row.seed_id, []).append(prediction)
        stored = load_subjects(session)
        subjects: dict[str, Subject] = {}
        article_dates: dict[str, date] = {}
        for seed_id, seed_predictions in by_seed.items():
            article = seed_article(session, seed_id)
            if article.published:
                article_dates.update((p.key, article.published) for p in seed_predictions)
            for subject in learn_subjects(article, seed_predictions):
                subjects[subject.name] = _merge(
                    _merge(subject, subjects.get(subject.name)), stored.get(subject.name)
                )
    new = tuple(name for name in subjects if name not in stored)
    return Tracked(
        predictions, list(subjects.values()), new_subjects=new, article_dates=article_dates
    )


def seed_article(session: Session, seed_id: int) -> SeedArticle:
    seed = session.get(models.Seed, seed_id)
    assert seed is not None
    document = latest_document(session, seed_id)
    return SeedArticle(
        text=document.text if document else "",
        title=seed.title,
        author=seed.author,
        published=seed.published,
        url=seed.url,
    )


def news_item(document: PendingDocument) -> NewsItem:
    return NewsItem(
        url=document.url or "",
        title=document.title or "",
        text=document.text,
        published=document.published,
    )


def news_item_of(document: models.Document) -> NewsItem:
    return NewsItem(
        url=document.url or "",
        title=document.title or "",
        text=document.text,
        published=document.published,
    )


def open_pool(tracked: Tracked, pending: int) -> JudgingPool | None:
    """Worker processes for a run with `pending` documents, or None when in-process is cheaper.

    Starting workers costs a fraction of a second; below `POOL_MIN_DOCUMENTS` documents that is
    more than they save.
    """
    if pending < POOL_MIN_DOCUMENTS or not tracked.predictions:
        return None
    profiles = {p.key: tracked.judge.profile_of(p) for p in tracked.predictions}
    return start_pool(tracked.predictions, tracked.subjects, profiles)


Results = list[tuple[list[Claim], list[Assessment]]]


@dataclass
class ModelNotes:
    """What a model judge leaves for storing, by position in the batch: items with pairs not
    answered yet (read again next run), and pairs it answered (stale assessments go)."""

    unsettled: set[int] = field(default_factory=set)
    answered: dict[int, set[tuple[int, str, str]]] = field(default_factory=dict)


def _judge_in_process(
    tracked: Tracked, items: list[Task], judge: Judge | None, notes: ModelNotes | None = None
) -> Results:
    out = []
    for position, (item, subjects) in enumerate(items):
        tracked.judge.subjects = subjects
        claims = extract_claims(item, subjects)
        if isinstance(judge, LLMJudge):
            with judge.reading(item):
                assessments = assess_claims(
                    claims, tracked.predictions, judge, subjects, tracked.index
                )
            if notes is not None:
                notes.answered[position] = judge.take_answered()
                if judge.owes_answers:
                    notes.unsettled.add(position)
        else:
            assessments = assess_claims(
                claims, tracked.predictions, judge or tracked.judge, subjects, tracked.index
            )
        out.append((claims, assessments))
    tracked.judge.subjects = tracked.subjects
    return out


@dataclass
class _Batch:
    """A batch read and being judged: its documents, the subjects after it, and its results."""

    documents: list[PendingDocument]
    subjects: list[Subject]
    results: Callable[[], Results]
    # A model judge's notes, by document id: read again next run; pairs it answered.
    unsettled: set[int] = field(default_factory=set)
    answered: dict[int, set[tuple[int, str, str]]] = field(default_factory=dict)


def _start_batch(
    db: Database,
    tracked: Tracked,
    document_ids: list[int],
    judge: Judge | None,
    pool: JudgingPool | None,
) -> _Batch:
    """Read a batch and learn names from it, oldest first; judge it (in workers: not waiting)."""
    with db.session() as session:
        documents = load_documents(session, document_ids)
    items: list[Task] = []
    named: list[int] = []  # positions of the items that name a tracked subject
    for position, document in enumerate(documents):
        item = news_item(document)
        # Names are learned only next to a known name: an item naming none teaches nothing.
        if names_a_subject(item, tracked.subjects):
            tracked.learn_from(item)
            named.append(position)
            items.append((item, tracked.subjects))

    def in_place(judged: Results) -> Results:
        """Results for every document: the judged ones where they were, nothing elsewhere."""
        out: Results = [([], []) for _ in documents]
        for position, result in zip(named, judged, strict=True):
            out[position] = result
        return out

    if pool is not None and judge is None and len(items) >= POOL_MIN_BATCH:
        waiting = pool.submit(items)
        return _Batch(
            documents,
            tracked.subjects,
            lambda: in_place([(j.claims, j.assessments) for j in waiting()]),
        )
    notes = ModelNotes()
    results = in_place(_judge_in_process(tracked, items, judge, notes))
    ids = [documents[position].id for position in named]
    return _Batch(
        documents,
        tracked.subjects,
        lambda: results,
        unsettled={ids[i] for i in notes.unsettled},
        answered={ids[i]: pairs for i, pairs in notes.answered.items()},
    )


def _store_batch(db: Database, batch: _Batch) -> tuple[int, int]:
    """Store a judged batch in one transaction: claims, assessments, documents marked, names."""
    claims_total = assessments_total = 0
    fresh: list[tuple[PendingDocument, list[Claim], list[Assessment]]] = []
    results = batch.results()
    with db.session() as session:
        for document, (claims, assessments) in zip(batch.documents, results, strict=True):
            if document.analysed_hash is None:
                fresh.append((document, claims, assessments))
                continue
            rows = replace_claims(session, document.id, claims)
            assessments_total += store_assessments(
                session, rows, assessments, cleared=batch.answered.get(document.id, ())
            )
            claims_total += len(rows)
        new_claims, new_assessments = insert_new_claims(session, fresh)
        if batch.unsettled:  # pairs the model has not answered yet: read again next run
            mark_for_rereading(session, batch.unsettled)
        save_subjects(session, batch.subjects)
    return claims_total + new_claims, assessments_total + new_assessments


def assess_batch(
    db: Database,
    tracked: Tracked,
    document_ids: list[int],
    judge: Judge | None = None,
    pool: JudgingPool | None = None,
) -> tuple[int, int]:
    """Extract, judge and store one batch of documents in one transaction: (claims, assessments).

    Names are learned here, oldest first; extraction and judging go to `pool` when given (and
    no other judge is), small batches stay in-process. Documents never analysed go to storage
    in bulk; a document whose text changed replaces its claims one by one, keeping the
    judgements of claims that are still there.
    """
    return _store_batch(db, _start_batch(db, tracked, document_ids, judge, pool))


def assess_documents(
    db: Database,
    tracked: Tracked,
    batches: Iterable[list[int]],
    judge: Judge | None = None,
    pool: JudgingPool | None = None,
) -> tuple[int, int, int]:
    """Every batch, in order: (documents, claims, assessments).

    With workers, up to `IN_FLIGHT` batches are read and sent to them before the oldest is
    stored, so storing overlaps judging and workers do not wait on the parent; each batch still
    commits whole, in order.
    """
    documents = claims = assessments = 0
    in_flight: deque[_Batch] = deque()
    depth = IN_FLIGHT if pool is not None else 0

    def store_oldest() -> None:
        nonlocal claims, assessments
        batch_claims, batch_assessments = _store_batch(db, in_flight.popleft())
        claims += batch_claims
        assessments += batch_assessments

    try:
        for ids in batches:
            in_flight.append(_start_batch(db, tracked, ids, judge, pool))
            documents += len(ids)
            while len(in_flight) > depth:
                store_oldest()
    finally:  # batches judged before a failure are stored all the same
        while in_flight:
            store_oldest()
    return documents, claims, assessments


def reread_for_new_subjects(db: Database, tracked: Tracked) -> int:
    """Queue every analysed news document again, and record the new subjects, in one transaction.

    A seed about a new subject must be judged against the news already stored, not only what
    arrives after it; the subjects are saved with the queueing so a run that dies half-way
    resumes the re-reading instead of starting it again.
    """
    with db.session() as session:
        reopened = reopen_analysed_news(session)
        save_subjects(session, tracked.subjects)
    return reopened


def pending_id_batches(db: Database, batch_size: int) -> list[list[int]]:
    """Ids of every unanalysed document, oldest first, cut into batches (read ahead of storing)."""
    with db.session() as session:
        ids = pending_document_ids(session)
    return [ids[i : i + batch_size] for i in range(0, len(ids), batch_size)]


def rejudge_changed_predictions(db: Database, tracked: Tracked, judge: Judge | None = None) -> int:
    """Judge every current claim again against predictions new or edited since last judged.

    Evidence already linked is kept (an analyst's edit must not lose it); new judgements are
    added and existing ones updated.
    """
    with db.session() as session:
        stale = [
            row
            for row in active_predictions(session)
            if row.assessed_at is None or row.assessed_at < row.updated_at
        ]
        if not stale:
            return 0
        wanted = {str(row.id) for row in stale}
        predictions = [p for p in tracked.predictions if p.key in wanted]
        index = PredictionIndex(predictions, tracked.subjects)
        by_document: dict[int, list[models.Claim]] = {}
        for claim_row in current_claims(session):
            by_document.setdefault(claim_row.document_id, []).append(claim_row)
        unsettled: set[int] = set()
        for document_id, rows in by_document.items():
            claims = [claim_from_row(row) for row in rows]
            if isinstance(judge, LLMJudge):
                item = news_item_of(rows[0].document)
                with judge.reading(item):
                    assessments = assess_claims(claims, predictions, judge, tracked.subjects, index)
                if judge.owes_answers:
                    unsettled.add(document_id)
                store_assessments(session, rows, assessments, cleared=judge.take_answered())
                continue
            assessments = assess_claims(
                claims, predictions, judge or tracked.judge, tracked.subjects, index
            )
            store_assessments(session, rows, assessments)
        if unsettled:
            mark_for_rereading(session, unsettled)
        now = datetime.now(UTC)
        for row in stale:
            row.assessed_at = now
        return len(stale)


def update_statuses(db: Database, tracked: Tracked, *, today: date, run_id: int | None) -> int:
    """Decide every active prediction's status from its evidence; record each change."""
    by_key = {p.key: p for p in tracked.predictions}
    changes = 0
    with db.session() as session:
        evidence = evidence_by_prediction(session)
        for row in active_predictions(session):
            pairs = evidence.get(row.id, [])
            verdict = decide_status(by_key[str(row.id)], [e for _, e in pairs], today)
            ids = {id(e): assessment_id for assessment_id, e in pairs}
            if apply_verdict(session, row, verdict, assessment_ids=ids, run_id=run_id):
                changes += 1
    return changes


def assess_pending(
    db: Database,
    *,
    batch_size: int = 500,
    today: date | None = None,
    run_id: int | None = None,
    judge: Judge | None = None,
    make_judge: Callable[[Tracked], Judge] | None = None,
) -> AssessReport:
    """The whole stage: edited predictions, new documents in batches, then statuses.

    `make_judge` builds a judge from what is tracked (the model judge needs the rule judge to
    stand in for it, and each forecast's date).
    """
    tracked = load_tracked(db)
    if not tracked.predictions:
        return AssessReport()
    if judge is None and make_judge is not None:
        judge = make_judge(tracked)
    if tracked.new_subjects:
        reread_for_new_subjects(db, tracked)
    batches = pending_id_batches(db, batch_size)
    pool = open_pool(tracked, sum(map(len, batches))) if judge is None else None
    try:
        rejudged = rejudge_changed_predictions(db, tracked, judge)
        documents, claims, assessments = assess_documents(db, tracked, batches, judge, pool)
    finally:
        if pool is not None:
            pool.close()
    changes = update_statuses(db, tracked, today=today or date.today(), run_id=run_id)
    model = judge.asker.usage.as_dict() if isinstance(judge, LLMJudge) else {}
    return AssessReport(documents, claims, assessments, rejudged, changes, model)
