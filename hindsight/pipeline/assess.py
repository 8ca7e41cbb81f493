"""Assess stage: claims from new or changed news, judged against every active prediction.

Work is done in batches, each in its own transaction that also marks its documents analysed and
saves the names learned for the subjects, so a run that dies half-way resumes with the next
unanalysed document and never judges one twice. Documents are read oldest first: the first
product news names is the subject's first product.

The result depends only on the news stored, never on how many runs it came in or in which
order: reading all of it oldest first in one run is the reference, and each run restores it.
News that sorts before news already read (a backfilled archive, a late feed, an edited story)
rewinds the reading to it: everything after it is read again with the names known at that
point. A new subject or an edited prediction rewinds to the start. Statuses are decided again
from all evidence every run, so a prediction `expired` for lack of evidence is settled by
decisive news whenever it arrives.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy.orm import Session

from hindsight.analysis.candidates import PredictionIndex
from hindsight.analysis.claims import extract_claims, names_a_subject
from hindsight.analysis.context import as_read
from hindsight.analysis.judge import Judge, make_judge
from hindsight.analysis.related import Judgement, judge_claims, judge_items
from hindsight.analysis.subjects import learn_aliases, learn_subjects
from hindsight.analysis.verdicts import decide_status
from hindsight.domain import (
    Assessment,
    Claim,
    NewsItem,
    Prediction,
    SeedArticle,
    Status,
    Subject,
    Verdict,
)
from hindsight.faults import checkpoint
from hindsight.llm.judge import LLMJudge
from hindsight.pipeline.collector import fewer_collections
from hindsight.pipeline.judging import JudgingPool, Task, free_cores, start_pool
from storage import models
from storage.convert import prediction_from_row
from storage.db import Database
from storage.locks import shared_work
from storage.seeds import latest_document
from storage.subjects import load_subjects, save_subjects
from storage.verdicts import (
    RELATED_PER_PREDICTION,
    PendingDocument,
    active_predictions,
    apply_verdict,
    cap_related,
    count_related,
    evidence_by_prediction,
    insert_new_claims,
    load_documents,
    mark_for_rereading,
    pending_document_ids,
    prune_related,
    replace_claims,
    rewind_reading,
    store_assessments,
)

# Worker processes are started only when at least this many items naming a tracked subject (the
# only ones extracted and judged) are expected ahead: starting and feeding two workers costs
# ~1.3 CPU s and ~4 CPU s per 5,000 judged items, judging one item here ~2 ms (measured with
# benchmarks/assess.py on 2 cores). A feed mix of 5,000 documents, one in ten about the subject,
# is judged faster here than by a pool.
POOL_MIN_ITEMS = 1_000
POOL_MIN_BATCH = 20
# Batches sent to workers ahead of the one being stored.
IN_FLIGHT = 3


@dataclass(frozen=True)
class AssessReport:
    documents: int = 0
    claims: int = 0
    assessments: int = 0
    status_changes: int = 0
    reread: int = 0  # documents read again because news arrived out of order or seeds changed
    related: int = 0  # related items kept (news about a prediction's subject, deciding nothing)
    # The model judge's spending (calls, cache hits, tokens, waiting, fallbacks), if it ran.
    model: dict[str, int] = field(default_factory=dict)


@dataclass
class Tracked:
    """What every batch judges against: the active predictions and their subjects.

    `subjects` grows as news teaches new names; `judge` (the `backend` the settings name) and
    `index` are built once per run.
    """

    predictions: list[Prediction]
    subjects: list[Subject]
    # Subjects of the seeds that no earlier run knew: older news must be read again for them.
    new_subjects: tuple[str, ...] = ()
    # The subjects as the seeds alone name them, before any news taught a name.
    seed_subjects: list[Subject] | None = None
    backend: str = "rules"
    # What the judge's factory needs besides subjects and predictions (the model's `asker`).
    judge_options: dict[str, Any] = field(default_factory=dict)
    # Each prediction's seed date (by key): a model judge is told when the forecast was made.
    article_dates: dict[str, date] = field(default_factory=dict)
    # Related items (deciding nothing) kept per prediction: `[judge] related`.
    related_limit: int = RELATED_PER_PREDICTION
    judge: Judge = field(init=False)
    index: PredictionIndex = field(init=False)

    def __post_init__(self) -> None:
        if self.seed_subjects is None:
            self.seed_subjects = list(self.subjects)
        # Each prediction is read once, with the subjects as the seeds name them: the reading
        # must not depend on which news came first or in which run, nor on which process
        # judges it.
        self.judge = make_judge(
            self.backend, self.seed_subjects, self.predictions, **self.judge_options
        )
        self.judge.subjects = self.subjects
        if isinstance(self.judge, LLMJudge):
            self.judge.article_dates.update(self.article_dates)
        self.index = PredictionIndex(self.predictions, self.subjects)

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
        learned.measured,
    )


def load_tracked(
    db: Database, backend: str = "rules", judge_options: dict[str, Any] | None = None
) -> Tracked:
    """Active predictions as the judge sees them, and their subjects with every name learned;
    `backend` names the judge (`judge.make_judge`), built with `judge_options`."""
    with db.session() as session:
        rows = active_predictions(session)
        # A list item is read with what its heading gave it (`analysis.context.as_read`).
        predictions = [as_read(prediction_from_row(row)) for row in rows]
        by_seed: dict[int, list[Prediction]] = {}
        for row, prediction in zip(rows, predictions, strict=True):
            by_seed.setdefault(row.seed_id, []).append(prediction)
        stored = load_subjects(session)
        from_seeds: dict[str, Subject] = {}
        article_dates: dict[str, date] = {}
        for seed_id, seed_predictions in by_seed.items():
            article = seed_article(session, seed_id)
            if article.published:
                article_dates.update((p.key, article.published) for p in seed_predictions)
            for subject in learn_subjects(article, seed_predictions):
                from_seeds[subject.name] = _merge(subject, from_seeds.get(subject.name))
        subjects = {name: _merge(s, stored.get(name)) for name, s in from_seeds.items()}
    new = tuple(name for name in subjects if name not in stored)
    return Tracked(
        predictions,
        list(subjects.values()),
        new_subjects=new,
        seed_subjects=list(from_seeds.values()),
        backend=backend,
        judge_options=dict(judge_options or {}),
        article_dates=article_dates,
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


def open_pool(
    tracked: Tracked,
    pending: int,
    executor: Executor | None = None,
    workers: int | None = None,
) -> JudgingPool | None:
    """Workers for `pending` items still to judge (items naming a tracked subject), or None when
    in-process is cheaper.

    With no `executor`, local worker processes, started only for `POOL_MIN_ITEMS` items or more
    (starting and feeding them costs more than judging a few hundred items here), and, unless
    `workers` says how many, one per idle core (`judging.free_cores`), at least two: with fewer
    idle cores workers cost more CPU than they save time (two busy cores: 30-50 % more CPU and a
    later end), while on two idle cores they cost 2 % more CPU and end 40 % sooner than judging
    here (benchmarks/assess.py, worst case of 5,000 stories). A caller's executor (a
    Dask cluster) is already running, so it is used for any pending work; `workers` is how many
    chunks it runs at once.
    """
    if not pending or not tracked.predictions:
        return None
    if executor is None and pending < POOL_MIN_ITEMS:
        return None
    if isinstance(tracked.judge, LLMJudge):
        return None  # its calls go out one at a time, through one cache and one budget
    if executor is None and workers is None:
        # This process mostly waits on the workers; it reads and stores between their chunks.
        workers = min(os.cpu_count() or 1, round(free_cores()))
        if workers < 2:
            return None  # too few idle cores: judging here costs less and ends no later
    # The workers' index is read with the subjects this process's index was (`Tracked.index`):
    # workers started after some batches must propose the same candidates as this process.
    return start_pool(
        tracked.predictions,
        tracked.index.subjects,
        tracked.judge,
        workers=workers,
        executor=executor,
    )


Results = list[tuple[list[Claim], list[Assessment]]]


def _judge_in_process(
    tracked: Tracked, items: list[Task], owing: set[int] | None = None
) -> Results:
    """Judge `items` here; positions of the items a model judge still owes answers for go to
    `owing` (they are read again on the next run)."""
    read: list[list[Claim]] = []
    judged: list[tuple[datetime | None, Judgement]] = []
    judge = tracked.judge
    for position, (item, subjects) in enumerate(items):
        judge.subjects = subjects
        claims = extract_claims(item, subjects)
        read.append(claims)
        if isinstance(judge, LLMJudge):
            with judge.reading(item):  # the prompt quotes the item and its date
                judged.append((item.published, judge_claims(judge, claims, tracked.index)))
            if judge.owes_answers and owing is not None:
                owing.add(position)
            continue
        judged.append((item.published, judge_claims(judge, claims, tracked.index)))
    judge.subjects = tracked.subjects
    assessments = judge_items(judged, judge.name, tracked.related_limit)
    return list(zip(read, assessments, strict=True))


@dataclass
class _Batch:
    """A batch read and being judged: its documents, the subjects after it, and its results."""

    documents: list[PendingDocument]
    subjects: list[Subject]
    results: Callable[[], Results]
    # Documents a model judge still owes answers for (budget spent, endpoint failing).
    owing: set[int] = field(default_factory=set)
    related_limit: int = RELATED_PER_PREDICTION


# Where a batch is judged, told the batch's size and how many of its items name a subject: a
# pool, or None for this process.
Placement = Callable[[int, int], JudgingPool | None]


def _start_batch(
    db: Database,
    tracked: Tracked,
    document_ids: list[int],
    place: Placement,
) -> _Batch:
    """Read a batch and learn names from it, oldest first; judge it where `place` says (in
    workers: not waiting)."""
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

    # A local pool pays a round trip per chunk, worth it from `POOL_MIN_BATCH` items; a caller's
    # executor (a Dask cluster) was configured to take the judging, so it takes every batch.
    pool = place(len(documents), len(items))
    if pool is not None and items and (len(items) >= POOL_MIN_BATCH or not pool.owned):
        waiting = pool.submit(items, tracked.related_limit)
        return _Batch(
            documents,
            tracked.subjects,
            lambda: in_place([(j.claims, j.assessments) for j in waiting()]),
            related_limit=tracked.related_limit,
        )
    owing: set[int] = set()
    results = in_place(_judge_in_process(tracked, items, owing))
    owed = {documents[named[position]].id for position in owing}
    return _Batch(documents, tracked.subjects, lambda: results, owed, tracked.related_limit)


def _store_batch(db: Database, batch: _Batch) -> tuple[int, int]:
    """Store a judged batch in one transaction: claims, assessments, documents marked, names.

    Related items are cut to the bound per prediction before they are written, and the table's
    are cut to it after (`prune_related`)."""
    claims_total = assessments_total = 0
    fresh: list[tuple[PendingDocument, list[Claim], list[Assessment]]] = []
    results = batch.results()
    capped = cap_related(
        [(d, assessments) for d, (_, assessments) in zip(batch.documents, results, strict=True)],
        batch.related_limit,
    )
    related = {int(a.prediction_key) for kept in capped for a in kept if not a.stance.decides}
    with db.session() as session:
        for document, (claims, _), assessments in zip(
            batch.documents, results, capped, strict=True
        ):
            if document.analysed_hash is None:
                fresh.append((document, claims, assessments))
                continue
            rows = replace_claims(session, document.id, claims)
            assessments_total += store_assessments(session, rows, assessments, replace=True)
            claims_total += len(rows)
        new_claims, new_assessments = insert_new_claims(session, fresh)
        if batch.owing:  # the rule answers stand for now; the model is asked on the next run
            mark_for_rereading(session, batch.owing)
        prune_related(session, related, batch.related_limit)
        save_subjects(session, batch.subjects)
        checkpoint("assess.before_commit")
    checkpoint("assess.after_commit")
    return claims_total + new_claims, assessments_total + new_assessments


def assess_batch(
    db: Database,
    tracked: Tracked,
    document_ids: list[int],
    pool: JudgingPool | None = None,
) -> tuple[int, int]:
    """Extract, judge and store one batch of documents in one transaction: (claims, assessments).

    Names are learned here, oldest first; extraction and judging go to `pool` when given,
    small batches stay in-process. Documents never analysed go to storage
    in bulk; a document whose text changed replaces its claims one by one, keeping the
    judgements of claims that are still there.
    """
    return _store_batch(db, _start_batch(db, tracked, document_ids, lambda *_: pool))


def assess_documents(
    db: Database,
    tracked: Tracked,
    batches: list[list[int]],
    pool: JudgingPool | None = None,
    start_workers: Callable[[int], JudgingPool | None] | None = None,
) -> tuple[int, int, int]:
    """Every batch, in order: (documents, claims, assessments).

    Without `pool`, batches are judged here; as each is read (names learned, before it is
    judged), `start_workers` (when given) is asked for workers with the number of items
    expected to need judging from it on (the share of documents naming a subject so far, times
    the documents left): only a run with much to judge pays for starting them, and a pool
    started so is closed here. With workers, up to `IN_FLIGHT` batches are read and sent to
    them before the oldest is stored, so storing overlaps judging and workers do not wait on
    the parent; each batch still commits whole, in order.
    """
    started: JudgingPool | None = None
    documents = claims = assessments = read = named = 0
    left = sum(map(len, batches))
    in_flight: deque[_Batch] = deque()

    def place(size: int, naming: int) -> JudgingPool | None:
        nonlocal pool, started, read, named, left
        read += size
        named += naming
        if pool is None and start_workers is not None and read:
            pool = started = start_workers(named * left // read)
        left -= size
        return pool

    def store_oldest() -> None:
        nonlocal claims, assessments
        batch_claims, batch_assessments = _store_batch(db, in_flight.popleft())
        claims += batch_claims
        assessments += batch_assessments

    try:
        for ids in batches:
            in_flight.append(_start_batch(db, tracked, ids, place))
            documents += len(ids)
            while len(in_flight) > (IN_FLIGHT if pool is not None else 0):
                store_oldest()
    finally:  # batches judged before a failure are stored all the same
        try:
            while in_flight:
                store_oldest()
        finally:
            if started is not None:
                started.close()
    return documents, claims, assessments


def learn_names(
    session: Session, subjects: list[Subject], document_ids: list[int]
) -> list[Subject]:
    """The subjects after learning names from these documents, read oldest first as a run would.

    Only for a rewind: the names known where the reading restarts are those taught by the news
    before that point, whatever later news taught in earlier runs.
    """
    for start in range(0, len(document_ids), 500):
        for document in load_documents(session, document_ids[start : start + 500]):
            item = news_item(document)
            if names_a_subject(item, subjects):
                subjects = learn_aliases(subjects, item)
    return subjects


def rewind(db: Database, tracked: Tracked) -> int:
    """Put the reading back to where news arrived out of order; returns the documents reopened.

    A new subject or a prediction new or edited since last judged restarts from the first
    story; otherwise the reading restarts at the oldest pending story, and only when news after
    it was read already. The names known at the restart are learned again from the news before
    it and saved with the reopening, in one transaction, so a run that dies half-way resumes
    the re-reading instead of starting it again.
    """
    with db.session() as session:
        stale = [
            row
            for row in active_predictions(session)
            if row.assessed_at is None or row.assessed_at < row.updated_at
        ]
        rewound = rewind_reading(session, from_start=bool(tracked.new_subjects or stale))
        if not rewound.reopened and not tracked.new_subjects and not stale:
            return 0
        assert tracked.seed_subjects is not None
        subjects = learn_names(session, list(tracked.seed_subjects), rewound.before)
        save_subjects(session, subjects)
        now = datetime.now(UTC)
        for row in stale:  # judged against every story on the re-reading
            row.assessed_at = now
    tracked.subjects = subjects
    tracked.judge.subjects = subjects
    return rewound.reopened


def reread_for_new_subjects(db: Database, tracked: Tracked) -> int:
    """Queue every analysed news document again for subjects no earlier run knew."""
    return rewind(db, tracked) if tracked.new_subjects else 0


def pending_id_batches(db: Database, batch_size: int) -> list[list[int]]:
    """Ids of every unanalysed document, oldest first, cut into batches (read ahead of storing)."""
    with db.session() as session:
        ids = pending_document_ids(session)
    return [ids[i : i + batch_size] for i in range(0, len(ids), batch_size)]


def update_statuses(
    db: Database, tracked: Tracked, *, today: date, run_id: int | None, seed: int | None = None
) -> int:
    """Decide every active prediction's status (or seed `seed`'s) from its evidence; record each
    change.

    A status the analyst set wins over the judge's on every run (`hindsight verdicts import`).
    """
    by_key = {p.key: p for p in tracked.predictions}
    changes = 0
    with db.session() as session:
        evidence = evidence_by_prediction(session)
        for row in active_predictions(session):
            if seed is not None and row.seed_id != seed:
                continue
            pairs = evidence.get(row.id, [])
            verdict = decide_status(by_key[str(row.id)], [e for _, e in pairs], today)
            if row.review_status:
                verdict = Verdict(
                    Status(row.review_status), row.review_note or "set by the analyst"
                )
            ids = {id(e): assessment_id for assessment_id, e in pairs}
            if apply_verdict(
                session,
                row,
                verdict,
                assessment_ids=ids,
                run_id=run_id,
                reviewed=bool(row.review_status),
            ):
                changes += 1
                checkpoint("assess.mid_statuses")
    checkpoint("assess.after_statuses")
    return changes


@fewer_collections()  # a judging stage: few cyclic collections (`collector`)
def assess_pending(
    db: Database,
    *,
    batch_size: int = 500,
    today: date | None = None,
    run_id: int | None = None,
    backend: str = "rules",
    judge_options: dict[str, Any] | None = None,
    executor: Executor | None = None,
    workers: int | None = None,
    seed: int | None = None,
    shared_wait: float = 0.0,
    related: int = RELATED_PER_PREDICTION,
) -> AssessReport:
    """The whole stage: rewind if needed, pending documents in batches, then statuses.

    `backend` names the judge (`[judge] backend` in the settings), `judge_options` what its
    factory needs (`hindsight.pipeline.model.judge_options` for the model judge). Extraction and
    judging run on `executor` when given (e.g. a Dask cluster's, running `workers` chunks at
    once), else on local worker processes for large runs. Judging is work every seed shares (a
    document is analysed once, against every seed's predictions), so it holds
    `storage.locks.shared_work`, waiting up to `shared_wait` s for another run's; with `seed`,
    only that seed's statuses are then decided, in parallel with other seeds' runs. At most
    `related` related items (about a prediction's subject, deciding nothing) are kept per
    prediction: the newest.
    """
    with shared_work(db, shared_wait):
        tracked = load_tracked(db, backend, judge_options)
        if not tracked.predictions:
            return AssessReport()
        tracked.related_limit = related
        reread = rewind(db, tracked)
        checkpoint("assess.after_rewind")
        batches = pending_id_batches(db, batch_size)
        # A caller's executor takes every batch; local workers start once the first batches
        # show that enough of the news names a tracked subject to be worth them.
        pool = open_pool(tracked, sum(map(len, batches)), executor, workers) if executor else None
        try:
            documents, claims, assessments = assess_documents(
                db,
                tracked,
                batches,
                pool,
                None if executor else lambda ahead: open_pool(tracked, ahead, None, workers),
            )
        finally:
            if pool is not None:
                pool.close()
    checkpoint("assess.before_statuses")
    changes = update_statuses(db, tracked, today=today or date.today(), run_id=run_id, seed=seed)
    model = tracked.judge.asker.usage.as_dict() if isinstance(tracked.judge, LLMJudge) else {}
    with db.session() as session:
        kept = count_related(session)
    return AssessReport(documents, claims, assessments, changes, reread, kept, model)
