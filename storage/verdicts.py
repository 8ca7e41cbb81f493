"""Claims, assessments and status history: what the assess stage reads and writes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import cast

from sqlalchemy import ColumnElement, Table, and_, insert, or_, select, update
from sqlalchemy.orm import Session, selectinload

from hindsight.domain import Assessment, Claim, Evidence, Stance, Verdict
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


def pending_document_ids(session: Session, limit: int | None = None) -> list[int]:
    """News documents whose current text is not analysed yet (new or changed), oldest first."""
    query = (
        select(models.Document.id)
        .where(_pending())
        .order_by(
            models.Document.published.is_(None), models.Document.published, models.Document.id
        )
    )
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
        rows.append(row)
    document.analysed_hash = document.content_hash
    session.flush()
    return rows


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
    cleared: Iterable[tuple[int, str, str]] = (),
) -> int:
    """Upsert decisive assessments (supports/contradicts); unrelated ones are not kept.

    `cleared`: pairs (claim span start, claim text, prediction id) a judge has now found not
    decisive; a stored assessment of such a pair (made earlier by a judge standing in, such as
    the rules while the model was not reachable) is removed, so the statuses come out as if the
    judge had answered the first time.

    The existing rows of these claims are read in one query, so a batch costs one round trip
    however many assessments it has.
    """
    decisive = _strongest_per_pair(assessments)
    cleared = set(cleared)
    if not decisive and not cleared:
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
        for assessment in decisive:
            claim_row = by_text[(assessment.claim.span[0], assessment.claim.text)]
            prediction_id = int(assessment.prediction_key)
            row = existing.get((claim_row.id, prediction_id))
            if row is None:
                row = models.Assessment(claim_id=claim_row.id, prediction_id=prediction_id)
                session.add(row)
                existing[(claim_row.id, prediction_id)] = row
            row.stance = str(assessment.stance)
            row.confidence = assessment.confidence
            row.reason = assessment.reason
            row.judge = assessment.judge
        kept = {(a.claim.span[0], a.claim.text, a.prediction_key) for a in decisive}
        for span_start, text, key in cleared - kept:
            cleared_row = by_text.get((span_start, text))
            if cleared_row is None:
                continue
            stale = existing.pop((cleared_row.id, int(key)), None)
            if stale is not None:
                session.delete(stale)
    session.flush()
    return len(decisive)


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
    rows = session.execute(
        select(a.id, a.prediction_id, a.stance, a.confidence, a.reason, c.event_date, d.published)
        .join(c, a.claim_id == c.id)
        .join(d, c.document_id == d.id)
        .where(c.current.is_(True))
    ).all()
    result: dict[int, list[EvidencePair]] = {}
    stances = {str(stance): stance for stance in Stance}
    unread = Claim(text="", span=(0, 0), subjects=())
    for row in rows:
        assessment = Assessment(
            prediction_key=str(row.prediction_id),
            claim=unread,
            stance=stances[row.stance],
            confidence=row.confidence,
            reason=row.reason,
        )
        published = row.published.date() if row.published is not None else row.event_date
        evidence = Evidence(assessment, url="", title="", published=published)
        result.setdefault(row.prediction_id, []).append((row.id, evidence))
    for pairs in result.values():
        pairs.sort(key=lambda pair: (pair[1].published or date.min, pair[0]))
    return result


def insert_new_claims(
    session: Session, batch: Sequence[tuple[PendingDocument, list[Claim], list[Assessment]]]
) -> tuple[int, int]:
    """Store claims and decisive assessments of documents never analysed before, in bulk.

    New documents have nothing to retire or update, so rows go in with two multi-row INSERTs
    instead of one ORM object each: the assess stage's storage cost is a few statements a batch.
    """
    claim_values = [
        {"document_id": d.id, "content_hash": d.content_hash, "current": True, **claim_fields(c)}
        for d, claims, _ in batch
        for c in claims
    ]
    claim_ids: dict[tuple[int, int, str], int] = {}
    if claim_values:
        # Core statements on the tables, not ORM bulk ones: same SQL, ~40 % less per row.
        claims = _table(models.Claim)
        ids = (
            session.execute(
                insert(claims).returning(claims.c.id, sort_by_parameter_order=True), claim_values
            )
            .scalars()
            .all()
        )
        for values, claim_id in zip(claim_values, ids, strict=True):
            claim_ids[(values["document_id"], values["span_start"], values["text"])] = claim_id
    assessment_values = [
        {
            "claim_id": claim_ids[(d.id, a.claim.span[0], a.claim.text)],
            "prediction_id": int(a.prediction_key),
            "stance": str(a.stance),
            "confidence": a.confidence,
            "reason": a.reason,
            "judge": a.judge,
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
    return len(claim_values), len(assessment_values)


def _table(model: type[models.Base]) -> Table:
    """A mapped class's table, for Core statements (bulk writes skip the ORM's per-row work)."""
    return cast(Table, model.__table__)


def _strongest_per_pair(assessments: Iterable[Assessment]) -> list[Assessment]:
    """One decisive assessment per (claim, prediction): the table's unique key."""
    best: dict[tuple[int, str, str], Assessment] = {}
    for a in assessments:
        if a.stance == Stance.UNRELATED:
            continue
        key = (a.claim.span[0], a.claim.text, a.prediction_key)
        if key not in best or a.confidence > best[key].confidence:
            best[key] = a
    return list(best.values())


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
) -> models.StatusChange | None:
    """Record a new status with the evidence that decided it; the same status again is a no-op.

    `assessment_ids` maps id(Evidence) to its assessment row, so the change can point at it.
    """
    if prediction.status == str(verdict.status) and prediction.status_reason == verdict.reason:
        return None
    changed = prediction.status != str(verdict.status)
    now = datetime.now(UTC)
    prediction.status_reason = verdict.reason
    if not changed:
        return None
    decisive = verdict.decisive[-1] if verdict.decisive else None
    change = models.StatusChange(
        prediction_id=prediction.id,
        old_status=prediction.status,
        new_status=str(verdict.status),
        reason=verdict.reason,
        assessment_id=assessment_ids.get(id(decisive)) if decisive else None,
        run_id=run_id,
        changed_at=now,
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
