"""Claims, assessments and status history: what the assess stage reads and writes."""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    DateTime,
    Table,
    and_,
    delete,
    func,
    insert,
    or_,
    select,
    type_coerce,
    update,
)
from sqlalchemy.orm import Session, selectinload

from hindsight.domain import Assessment, Claim, Evidence, Review, Stance, Verdict
from hindsight.faults import checkpoint
from storage import models
from storage.convert import claim_fields


def _pending() -> ColumnElement[bool]:
    return and_(
        models.Document.kind == "news",
        or_(
            models.Document.analysed_hash.is_(None),
            models.Document.analysed_hash != models.Document.content_hash,
        ),
    )


def _reading_order() -> tuple[Any, ...]:
    """The order news is read in: oldest first, undated last, then by content.

    The content hash, not the row id, breaks ties between stories of the same day, so the order
    (and so the names learned and the claims read) depends on the news stored, not on which
    feed or run delivered it first.
    """
    d = models.Document
    return (d.published.is_(None), d.published, d.content_hash, d.id)


def pending_document_ids(session: Session, limit: int | None = None) -> list[int]:
    """News documents whose current text is not analysed yet (new or changed), oldest first."""
    query = select(models.Document.id).where(_pending()).order_by(*_reading_order())
    if limit:
        query = query.limit(limit)
    return list(session.scalars(query))


@dataclass(frozen=True)
class PendingDocument:
    """What the assess stage reads of a document.

    Plain values, not ORM objects: a batch of hundreds of documents is read and marked analysed
    without the unit of work tracking each one.
    """

    id: int
    url: str | None
    title: str | None
    text: str
    published: datetime | None
    content_hash: str
    analysed_hash: str | None


def load_documents(session: Session, ids: Sequence[int]) -> list[PendingDocument]:
    """The documents of `ids`, in that order (callers pass them oldest first)."""
    d = models.Document
    found = {
        row.id: PendingDocument(*row)
        for row in session.execute(
            select(
                d.id, d.url, d.title, d.text, d.published, d.content_hash, d.analysed_hash
            ).where(d.id.in_(ids))
        )
    }
    return [found[i] for i in ids if i in found]


def replace_claims(
    session: Session, document_id: int, claims: Iterable[Claim]
) -> list[models.Claim]:
    """Store the claims of a document's current text; claims of earlier texts stop being current.

    For a document analysed before whose text changed; new documents go through
    `insert_new_claims`.
    """
    document = session.get(models.Document, document_id)
    assert document is not None
    session.execute(
        update(models.Claim)
        .where(
            models.Claim.document_id == document.id,
            models.Claim.content_hash != document.content_hash,
        )
        .values(current=False)
    )
    existing = {
        row.span_start: row
        for row in session.scalars(
            select(models.Claim).where(
                models.Claim.document_id == document.id,
                models.Claim.content_hash == document.content_hash,
            )
        )
    }
    rows = []
    for claim in claims:
        fields = claim_fields(claim)
        row = existing.get(claim.span[0])
        if row is None:
            row = models.Claim(
                document_id=document.id, content_hash=document.content_hash, **fields
            )
            session.add(row)
        else:  # the same sentence read again, perhaps with more subjects known: keep the row
            for name, value in fields.items():
                if getattr(row, name) != value:
                    setattr(row, name, value)
            if not row.current:  # retired by an earlier reading, read as a claim again
                row.current = True
        rows.append(row)
    read = {row.span_start for row in rows}
    for span, row in existing.items():
        # A sentence no longer read as a claim stops being evidence, unless the analyst
        # reviewed a judgement of it.
        if span not in read and row.current and not any(a.review for a in row.assessments):
            row.current = False
    document.analysed_hash = document.content_hash
    session.flush()
    return rows


# Stances of the rows that are evidence; `related` rows are news shown, never counted.
DECIDING = (Stance.SUPPORTS.value, Stance.CONTRADICTS.value)
RELATED = Stance.RELATED.value

# The analyst's word on an evidence item (`assessments.review`).
CONFIRMED = Review.CONFIRMED.value
REJECTED = Review.REJECTED.value

# Marks a document analysed before whose current text must be read again (not None: it keeps
# its claims and judgements; not a content hash: it is pending).
REREAD = "reread"


def reopen_analysed_news(session: Session) -> int:
    """Make every analysed news document pending again; returns how many.

    For a new tracked subject: claims were extracted with the subjects known then, so older
    news about the new subject was never read as such. Re-reading keeps each document's
    existing claims and their judgements (`replace_claims` matches them by position).
    """
    d = models.Document
    result = session.execute(
        update(d).where(d.kind == "news", d.analysed_hash.is_not(None)).values(analysed_hash=REREAD)
    )
    return int(getattr(result, "rowcount", 0) or 0)


@dataclass(frozen=True)
class Rewind:
    """Where reading must start again so the result is as if all news came in one run.

    `before`: ids of the analysed documents that come before the first pending one, oldest
    first (the names known at the restart are learned from them); `reopened`: how many analysed
    documents were made pending again.
    """

    before: list[int]
    reopened: int


def rewind_reading(session: Session, *, from_start: bool = False) -> Rewind:
    """Make pending again every analysed news document that sorts after the first pending one.

    News read in one run, oldest first, is the reference: a document that arrives after newer
    ones were read (a backfilled archive, a slow feed, an edited story) is read in its place,
    and everything after it again, with the names known at that point. `from_start` re-reads
    all news (a new subject, an edited prediction). Documents before the restart keep their
    claims and judgements; re-read ones keep theirs where the judge says the same again.
    """
    d = models.Document
    rows = session.execute(
        select(d.id, d.content_hash, d.analysed_hash)
        .where(d.kind == "news")
        .order_by(*_reading_order())
    ).all()
    first_pending = (
        0
        if from_start
        else next(
            (i for i, row in enumerate(rows) if row.analysed_hash != row.content_hash),
            len(rows),
        )
    )
    after = [
        row.id
        for row in rows[first_pending:]
        if row.analysed_hash is not None and row.analysed_hash == row.content_hash
    ]
    for start in range(0, len(after), 500):
        session.execute(
            update(d).where(d.id.in_(after[start : start + 500])).values(analysed_hash=REREAD)
        )
    return Rewind([row.id for row in rows[:first_pending]], len(after))


def mark_for_rereading(session: Session, document_ids: Iterable[int]) -> None:
    """Keep these analysed documents pending: a judge still owes answers on some of their
    claims (the model's budget ran out, or its endpoint failed). Claims and judgements stay."""
    d = models.Document
    session.execute(
        update(d)
        .where(d.id.in_(list(document_ids)), d.analysed_hash.is_not(None))
        .values(analysed_hash=REREAD)
    )


def current_claims(session: Session) -> list[models.Claim]:
    """Every current claim, with its document loaded (for re-judging edited predictions)."""
    query = (
        select(models.Claim)
        .where(models.Claim.current.is_(True))
        .options(selectinload(models.Claim.document))
        .order_by(models.Claim.id)
    )
    return list(session.scalars(query))


def store_assessments(
    session: Session,
    claim_rows: Sequence[models.Claim],
    assessments: Iterable[Assessment],
    *,
    judge: str = "rules",
    replace: bool = False,
) -> int:
    """Upsert decisive assessments (supports/contradicts) and related ones; unrelated ones are
    not kept. Each row records the judge that made it (`judge` when the assessment does not name
    one). Returns how many decisive ones were stored (related items are bounded apart:
    `prune_related`).

    The existing rows of these claims are read in one query, so a batch costs one round trip
    however many assessments it has. With `replace` (the claims were read again), judgements
    of these claims that the judge no longer makes are removed, so evidence depends only on the
    news and the judge, not on what an earlier reading said. Rows the analyst reviewed are
    neither rewritten nor removed.
    """
    decisive = _strongest_per_pair(assessments)
    if not decisive and not replace:
        return 0
    by_text = {(row.span_start, row.text): row for row in claim_rows}
    with session.no_autoflush:
        existing = {
            (row.claim_id, row.prediction_id): row
            for row in session.scalars(
                select(models.Assessment).where(
                    models.Assessment.claim_id.in_([row.id for row in claim_rows])
                )
            )
        }
        made: set[tuple[int, int]] = set()
        for assessment in decisive:
            claim_row = by_text[(assessment.claim.span[0], assessment.claim.text)]
            prediction_id = int(assessment.prediction_key)
            made.add((claim_row.id, prediction_id))
            row = existing.get((claim_row.id, prediction_id))
            if row is None:
                row = models.Assessment(claim_id=claim_row.id, prediction_id=prediction_id)
                session.add(row)
                existing[(claim_row.id, prediction_id)] = row
            elif row.review:
                continue  # the analyst has the last word
            row.stance = str(assessment.stance)
            row.confidence = assessment.confidence
            row.reason = assessment.reason
            row.judge = assessment.judge or judge
        if replace:
            for pair, row in existing.items():
                if pair not in made and not row.review and row.id is not None:
                    session.delete(row)
    session.flush()
    return sum(1 for a in decisive if a.stance.decides)


EvidencePair = tuple[int, Evidence]  # (assessment id, evidence)


def evidence_by_prediction(session: Session) -> dict[int, list[EvidencePair]]:
    """Every decisive assessment on a current claim, as evidence, oldest first, by prediction.

    One query for all predictions: the status step reads every prediction's evidence each run
    (a status also moves with the date alone: evidence dated later becomes due, deadlines
    pass). Deciding a status weighs stance, confidence, reason and date only, so the evidence
    carries no sentence, address or title (its claim's text is empty): reading and building
    those for tens of thousands of assessments was most of this step's cost. Callers map a
    verdict's evidence back to its assessment row through the pair's id.
    """
    a, c, d = models.Assessment, models.Claim, models.Document
    # Plain rows through the connection (no ORM loading per row), and the publication time as
    # stored (naive UTC): only its date is read, so the aware conversion per row is skipped.
    rows = (
        session.connection()
        .execute(
            select(
                a.id,
                a.prediction_id,
                a.stance,
                a.confidence,
                a.reason,
                a.review,
                c.event_date,
                type_coerce(d.published, DateTime()),
            )
            .join(c, a.claim_id == c.id)
            .join(d, c.document_id == d.id)
            .where(
                c.current.is_(True),
                a.stance.in_(DECIDING),  # related news is shown, never weighed
                or_(a.review.is_(None), a.review != REJECTED),
            )
        )
        .all()
    )
    result: dict[int, list[EvidencePair]] = {}
    stances = {str(stance): stance for stance in Stance}
    unread = Claim(text="", span=(0, 0), subjects=())
    for row_id, prediction_id, stance, confidence, reason, review, event_date, published in rows:
        assessment = Assessment(
            prediction_key=str(prediction_id),
            claim=unread,
            stance=stances[stance],
            # An item the analyst confirmed decides as surely as any can.
            confidence=1.0 if review == CONFIRMED else confidence,
            reason=reason,
        )
        day = published.date() if published is not None else event_date
        evidence = Evidence(assessment, url="", title="", published=day)
        result.setdefault(prediction_id, []).append((row_id, evidence))
    for pairs in result.values():
        # By what the items say, not by row id: ids depend on the order news was read in.
        pairs.sort(
            key=lambda pair: (
                pair[1].published or date.min,
                pair[1].assessment.reason,
                -pair[1].assessment.confidence,
                pair[0],
            )
        )
    return result


def insert_new_claims(
    session: Session, batch: Sequence[tuple[PendingDocument, list[Claim], list[Assessment]]]
) -> tuple[int, int]:
    """Store claims and assessments (decisive and related) of documents never analysed before, in
    bulk; returns (claims, decisive assessments).

    New documents have nothing to retire or update, so rows go in with two multi-row INSERTs
    instead of one ORM object each: the assess stage's storage cost is a few statements a batch.
    """
    # One creation time for the batch, given: a column default is a Python call per row.
    now = datetime.now(UTC)
    claim_values = [
        {
            "document_id": d.id,
            "content_hash": d.content_hash,
            "current": True,
            "created_at": now,
            **claim_fields(c),
        }
        for d, claims, _ in batch
        for c in claims
    ]
    claim_ids: dict[tuple[int, int, str], int] = {}
    if claim_values:
        # Core statements on the tables, not ORM bulk ones: same SQL, ~40 % less per row. No
        # RETURNING in parameter order: SQLite has no sentinel for it, and SQLAlchemy then sends
        # one INSERT per row (most of this stage's storage cost); the new rows' ids are read back
        # in one query instead (the documents were never analysed: these are all their claims).
        claims = _table(models.Claim)
        session.execute(insert(claims), claim_values)
        rows = session.execute(
            select(claims.c.id, claims.c.document_id, claims.c.span_start, claims.c.text)
            .where(
                claims.c.document_id.in_({d.id for d, _, _ in batch}),
                claims.c.current.is_(True),
            )
            .order_by(claims.c.id)  # were a claim stored twice, the row just added wins
        )
        for claim_id, document_id, span_start, text in rows:
            claim_ids[(document_id, span_start, text)] = claim_id
    checkpoint("assess.mid_batch")  # claims inserted, their assessments not yet
    assessment_values = [
        {
            "claim_id": claim_ids[(d.id, a.claim.span[0], a.claim.text)],
            "prediction_id": int(a.prediction_key),
            "stance": str(a.stance),
            "confidence": a.confidence,
            "reason": a.reason,
            "judge": a.judge or "rules",
            "created_at": now,
        }
        for d, _, assessments in batch
        for a in _strongest_per_pair(assessments)
    ]
    if assessment_values:
        session.execute(insert(_table(models.Assessment)), assessment_values)
    if batch:
        # One statement for the batch. The hash guard keeps a text that changed after it was
        # read (a concurrent ingest) pending: it is marked only if it still has a hash read here.
        documents = _table(models.Document)
        session.execute(
            update(documents)
            .where(
                documents.c.id.in_([d.id for d, _, _ in batch]),
                documents.c.content_hash.in_({d.content_hash for d, _, _ in batch}),
            )
            .values(analysed_hash=documents.c.content_hash)
        )
    decisive = sum(1 for values in assessment_values if values["stance"] in DECIDING)
    return len(claim_values), decisive


def _table(model: type[models.Base]) -> Table:
    """A mapped class's table, for Core statements (bulk writes skip the ORM's per-row work)."""
    return cast(Table, model.__table__)


def _strongest_per_pair(assessments: Iterable[Assessment]) -> list[Assessment]:
    """One assessment per (claim, prediction), the table's unique key: the surest decisive one,
    else a related one."""
    best: dict[tuple[int, str, str], Assessment] = {}
    for a in assessments:
        if a.stance == Stance.UNRELATED:
            continue
        key = (a.claim.span[0], a.claim.text, a.prediction_key)
        if key not in best or (a.stance.decides, a.confidence) > (
            best[key].stance.decides,
            best[key].confidence,
        ):
            best[key] = a
    return list(best.values())


# --- related news: kept to show, bounded, never counted ------------------------------------------

# Related items kept per prediction (`[judge] related`): the newest, so the watch list shows
# what is new and the table does not grow with every mention.
RELATED_PER_PREDICTION = 5

RelatedRank = tuple[bool, float, str, int]


def related_rank(published: datetime | None, content_hash: str, span_start: int) -> RelatedRank:
    """The order related items are kept in: newest story first, undated last, then by content.

    Only what the news says orders them (never row ids), and the newest `limit` of all news are
    the newest `limit` of any split of it, so the items kept do not depend on how many runs the
    news came in.
    """
    when = -published.timestamp() if published is not None else 0.0
    return (published is None, when, content_hash, span_start)


def cap_related(
    judged: Sequence[tuple[PendingDocument, list[Assessment]]], limit: int
) -> list[list[Assessment]]:
    """Each document's assessments with its related ones cut to the `limit` best per prediction
    over the batch (`related_rank`); decisive ones untouched. Cuts what a batch writes: items
    past the bound here are past it in the table too."""
    ranked: dict[str, list[tuple[RelatedRank, int]]] = {}
    related = Stance.RELATED
    for document, assessments in judged:
        story: RelatedRank | None = None
        for a in assessments:
            if a.stance is related:
                if story is None:  # one per story; its sentences then go by position
                    story = related_rank(document.published, document.content_hash, 0)
                rank = (story[0], story[1], story[2], a.claim.span[0])
                ranked.setdefault(a.prediction_key, []).append((rank, id(a)))
    kept = {
        identity
        for items in ranked.values()
        for _, identity in heapq.nsmallest(max(0, limit), items, key=lambda item: item[0])
    }
    return [
        [a for a in assessments if a.stance is not related or id(a) in kept]
        for _, assessments in judged
    ]


def prune_related(session: Session, prediction_ids: Iterable[int], limit: int) -> int:
    """Keep the `limit` best related items of each of these predictions on current claims
    (`related_rank`); delete the rest and those of retired claims. Returns how many were deleted.

    Only items of documents as analysed now are ranked: a story waiting to be read again (a
    rewind, a model still owing answers) keeps its items until its new reading replaces them,
    and cannot push out an item its new reading would not outrank.
    """
    ids = sorted(set(prediction_ids))
    if not ids:
        return 0
    a, c, d = models.Assessment, models.Claim, models.Document
    by_prediction: dict[int, list[tuple[RelatedRank, int]]] = {}
    doomed: list[int] = []
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(
                a.id,
                a.prediction_id,
                c.current,
                d.published,
                d.content_hash,
                d.analysed_hash,
                c.span_start,
            )
            .join(c, a.claim_id == c.id)
            .join(d, c.document_id == d.id)
            .where(
                a.stance == RELATED,
                a.review.is_(None),
                a.prediction_id.in_(ids[start : start + 500]),
            )
        ).all()
        for row in rows:
            if not row.current:
                doomed.append(row.id)
                continue
            if row.analysed_hash != row.content_hash:
                continue  # to be read again: its new reading decides
            rank = related_rank(row.published, row.content_hash, row.span_start)
            by_prediction.setdefault(row.prediction_id, []).append((rank, row.id))
    for items in by_prediction.values():
        items.sort()
        doomed.extend(row_id for _, row_id in items[max(0, limit) :])
    for start in range(0, len(doomed), 500):
        session.execute(
            delete(a).where(a.id.in_(doomed[start : start + 500])),
            execution_options={"synchronize_session": False},
        )
    return len(doomed)


def count_related(session: Session) -> int:
    """Related items kept for active predictions on current claims."""
    a, c, p = models.Assessment, models.Claim, models.Prediction
    return int(
        session.scalar(
            select(func.count())
            .select_from(a)
            .join(c, a.claim_id == c.id)
            .join(p, a.prediction_id == p.id)
            .where(a.stance == RELATED, c.current.is_(True), p.active.is_(True))
        )
        or 0
    )


def _event_day(claim: models.Claim, document: models.Document) -> date | None:
    if document.published is not None:
        return document.published.date()
    return claim.event_date


def apply_verdict(
    session: Session,
    prediction: models.Prediction,
    verdict: Verdict,
    *,
    assessment_ids: dict[int, int],
    run_id: int | None,
    reviewed: bool = False,
) -> models.StatusChange | None:
    """Record a new status with the evidence that decided it; the same status again is a no-op.

    `assessment_ids` maps id(Evidence) to its assessment row, so the change can point at it;
    `reviewed` marks a move the analyst's status made rather than the judge.
    """
    if prediction.status == str(verdict.status) and prediction.status_reason == verdict.reason:
        return None
    changed = prediction.status != str(verdict.status)
    now = datetime.now(UTC)
    prediction.status_reason = verdict.reason
    if not changed:
        return None
    # The item the reason describes (the weightiest): the one a reader sees as deciding it.
    decisive = verdict.decisive[0] if verdict.decisive else None
    change = models.StatusChange(
        prediction_id=prediction.id,
        old_status=prediction.status,
        new_status=str(verdict.status),
        reason=verdict.reason,
        assessment_id=assessment_ids.get(id(decisive)) if decisive else None,
        run_id=run_id,
        changed_at=now,
        reviewed=reviewed,
    )
    prediction.status = str(verdict.status)
    prediction.status_changed_at = now
    session.add(change)
    session.flush()
    return change


def active_predictions(session: Session) -> list[models.Prediction]:
    return list(
        session.scalars(
            select(models.Prediction)
            .where(models.Prediction.active.is_(True))
            .options(selectinload(models.Prediction.seed))
            .order_by(models.Prediction.id)
        )
    )
