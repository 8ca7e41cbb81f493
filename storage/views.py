"""Read-only views for the analyst at the terminal: a prediction's story, a seed, a feed.

Each function answers one `hindsight ... list/show` command with plain frozen dataclasses, so the
CLI renders them (and prints them as JSON) without touching the ORM, and tests compare the human
and JSON forms field by field. Nothing here writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import ColumnElement, and_, exists, func, or_, select
from sqlalchemy.orm import Session, selectinload

from hindsight.domain import Review
from storage import models
from storage.feeds import get_feed


class ViewError(ValueError):
    """A question the database cannot answer as asked (an unknown filter); one line for the CLI."""


# --- the pieces ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SeedRef:
    """The article a prediction comes from, as a citation."""

    id: int
    title: str | None
    author: str | None
    published: date | None
    url: str | None


@dataclass(frozen=True)
class Window:
    start: date
    end: date
    text: str | None


@dataclass(frozen=True)
class Figure:
    """The number a prediction names; `bound` says how to read it (about, at least...)."""

    low: float
    high: float
    unit: str | None
    kind: str | None
    bound: str | None
    text: str | None


@dataclass(frozen=True)
class EvidenceItem:
    """A judged news sentence and where it ran: outlet, date, link, the sentence, the reason."""

    assessment_id: int
    stance: str
    confidence: float
    reason: str
    claim: str
    outlet: str | None
    feed: str | None
    published: date | None
    url: str | None
    title: str | None
    judge: str
    found_at: datetime
    review: str | None = None  # the analyst's: confirmed, rejected or None


@dataclass(frozen=True)
class StatusMove:
    """One step of the status history; `evidence` is the item that decided it (None: the date)."""

    id: int
    changed_at: datetime
    old_status: str
    new_status: str
    reason: str
    reviewed: bool
    run_id: int | None
    evidence: EvidenceItem | None


@dataclass(frozen=True)
class PredictionRow:
    """One row of `predictions list`: the prediction, its status and all its evidence."""

    id: int
    seed: int
    key: str
    text: str
    owner: str | None
    subject: str
    kind: str
    window: Window | None
    quantity: Figure | None
    polarity: bool | None
    deadline: date | None
    confidence: float
    confidence_cue: str | None
    keywords: list[str]
    resolution: str | None
    status: str
    status_reason: str | None
    status_changed_at: datetime | None
    reviewed: bool
    evidence: list[EvidenceItem] = field(default_factory=list)
    review_status: str | None = None  # the analyst's status, winning over the judge's
    review_note: str | None = None
    # The heading / lead-in a list item leans on (`Prediction.context`), None for prose.
    context: str | None = None


@dataclass(frozen=True)
class PredictionStory:
    """Everything known about one prediction, in the order an analyst reads it.

    `history` holds every status move, oldest first, each with the evidence that decided it;
    `other_evidence` the decisive items that decided no move (they still weigh on the status);
    `related` the news about its subject that decides nothing (never weighed), newest first.
    """

    id: int
    text: str
    seed: SeedRef
    owner: str | None
    subject: str
    kind: str
    window: Window | None
    quantity: Figure | None
    polarity: bool | None
    resolution: str | None
    keywords: list[str]
    deadline: date | None
    hedge: str | None
    confidence: float
    status: str
    status_reason: str | None
    status_changed_at: datetime | None
    reviewed: bool
    active: bool
    merged_into: int | None
    created_at: datetime
    history: list[StatusMove]
    other_evidence: list[EvidenceItem]
    related: list[EvidenceItem] = field(default_factory=list)
    # The heading / lead-in a list item leans on (`Prediction.context`), None for prose.
    context: str | None = None


@dataclass(frozen=True)
class PredictionBrief:
    """A prediction as a seed's page lists it."""

    id: int
    text: str
    owner: str | None
    kind: str
    deadline: date | None
    confidence: float
    hedge: str | None
    status: str
    status_reason: str | None
    evidence: int


@dataclass(frozen=True)
class SeedVersion:
    document_id: int
    stored_at: datetime
    words: int
    content_hash: str


@dataclass(frozen=True)
class SeedStory:
    """A seed article, its stored versions and its active predictions (by id)."""

    id: int
    title: str | None
    author: str | None
    published: date | None
    url: str | None
    origin: str | None
    created_at: datetime
    updated_at: datetime
    versions: list[SeedVersion]
    predictions: list[PredictionBrief]


@dataclass(frozen=True)
class EntryBrief:
    """A story as one feed carried it."""

    document_id: int
    title: str
    url: str | None
    published: datetime | None
    first_seen_at: datetime


@dataclass(frozen=True)
class FeedStory:
    """A feed's settings, health and latest entries."""

    id: int
    url: str
    name: str | None
    title: str | None
    site_url: str | None
    category: str | None
    enabled: bool
    full_text: bool
    health: str
    last_status: int | None
    last_error: str | None
    last_error_kind: str | None
    last_warning: str | None
    consecutive_failures: int
    last_fetched_at: datetime | None
    next_check_at: datetime | None
    created_at: datetime
    entries: int
    latest: list[EntryBrief]


# --- shared helpers -----------------------------------------------------------------------------


def owner_of(row: models.Prediction) -> str | None:
    """Whose forecast it is: "author" for the author's own, else the party the seed relays."""
    return row.owner or None


def _reviewed(change: models.StatusChange) -> bool:
    """Whether an analyst made this move: set the status, or confirmed the item that decided it."""
    confirmed = change.assessment is not None and change.assessment.review == Review.CONFIRMED
    return change.reviewed or confirmed


def outlet_of(document: models.Document) -> str | None:
    """Where a story ran: the host of its link (a feed may gather many outlets), else its feed."""
    host = urlsplit(document.url or "").hostname
    if host:
        return host.removeprefix("www.")
    return feed_name(document)


def feed_name(document: models.Document) -> str | None:
    """The feed that brought a story in, by the name shown for it."""
    source = document.source
    return (source.name or source.title or source.url) if source is not None else None


def _evidence(assessment: models.Assessment) -> EvidenceItem:
    claim = assessment.claim
    document = claim.document
    return EvidenceItem(
        assessment_id=assessment.id,
        stance=assessment.stance,
        confidence=round(assessment.confidence, 3),
        reason=assessment.reason,
        claim=claim.text,
        outlet=outlet_of(document),
        feed=feed_name(document),
        published=document.published.date() if document.published else claim.event_date,
        url=document.url,
        title=document.title,
        judge=assessment.judge,
        found_at=assessment.created_at,
        review=assessment.review,
    )


def _window(row: models.Prediction) -> Window | None:
    if row.window_start is None or row.window_end is None:
        return None
    return Window(row.window_start, row.window_end, row.window_text)


def _figure(row: models.Prediction) -> Figure | None:
    if row.low is None or row.high is None:
        return None
    return Figure(
        row.low, row.high, row.unit, row.quantity_kind, row.quantity_bound, row.quantity_text
    )


# The stance of news about a prediction's subject that decides nothing: shown, never counted.
RELATED = "related"


def _current_evidence(assessments: Iterable[models.Assessment]) -> list[EvidenceItem]:
    """Decisive items on current claims, by publication date (undated last), then id."""
    items = [_evidence(a) for a in assessments if a.claim.current and a.stance != RELATED]
    return sorted(items, key=lambda e: (e.published or date.max, e.assessment_id))


def _current_related(assessments: Iterable[models.Assessment]) -> list[EvidenceItem]:
    """Related items on current claims, newest first (undated last), then id."""
    items = [_evidence(a) for a in assessments if a.claim.current and a.stance == RELATED]
    items.sort(key=lambda e: e.assessment_id)
    items.sort(key=lambda e: (e.published is None, -(e.published or date.min).toordinal()))
    return items


_EVIDENCE_LOAD = (
    selectinload(models.Prediction.assessments)
    .selectinload(models.Assessment.claim)
    .selectinload(models.Claim.document)
    .selectinload(models.Document.source)
)


# --- predictions --------------------------------------------------------------------------------


#: The owner of the author's own forecasts; any other owner is a party the seed relays.
AUTHOR_OWNER = "author"


def _owner_filter(owner: str) -> ColumnElement[bool]:
    """Part of the owner's name, ignoring case; the author's own forecasts match the author's name
    (from the seed) as well as the word "author"."""
    column = models.Prediction.owner
    wanted = owner.strip().lower()
    own = and_(
        func.lower(column) == AUTHOR_OWNER,
        models.Prediction.seed_id.in_(
            select(models.Seed.id).where(
                func.lower(models.Seed.author).contains(wanted, autoescape=True)
            )
        ),
    )
    return or_(func.lower(column).contains(wanted, autoescape=True), own)


def prediction_list(
    session: Session,
    *,
    seed_id: int | None = None,
    statuses: Sequence[str] = (),
    owner: str | None = None,
    changed_since: date | None = None,
) -> list[PredictionRow]:
    """Active predictions with their evidence, by id, narrowed by the given filters.

    `owner` matches part of the owner's name, ignoring case; `changed_since` keeps predictions
    whose status moved on or after that day (UTC), as recorded by a run or a review.
    """
    p = models.Prediction
    query = select(p).where(p.active.is_(True)).options(_EVIDENCE_LOAD).order_by(p.id)
    if seed_id is not None:
        query = query.where(p.seed_id == seed_id)
    if statuses:
        query = query.where(p.status.in_(list(statuses)))
    if owner is not None:
        query = query.where(_owner_filter(owner))
    if changed_since is not None:
        since = datetime.combine(changed_since, time(), UTC)
        moved = exists().where(
            models.StatusChange.prediction_id == p.id, models.StatusChange.changed_at >= since
        )
        query = query.where(moved)
    return [
        PredictionRow(
            id=row.id,
            seed=row.seed_id,
            key=row.key,
            text=row.text,
            owner=owner_of(row),
            subject=row.subject,
            kind=row.kind,
            window=_window(row),
            quantity=_figure(row),
            polarity=row.polarity,
            deadline=row.deadline,
            confidence=row.confidence,
            confidence_cue=row.confidence_cue,
            keywords=list(row.keywords or ()),
            resolution=row.resolution,
            status=row.status,
            status_reason=row.status_reason,
            status_changed_at=row.status_changed_at,
            reviewed=row.reviewed,
            evidence=_current_evidence(row.assessments),
            review_status=row.review_status,
            review_note=row.review_note,
            context=row.context,
        )
        for row in session.scalars(query)
    ]


def prediction_story(session: Session, prediction_id: int) -> PredictionStory | None:
    """One prediction (active or retired) with its whole history; None when there is no such id."""
    row = session.scalars(
        select(models.Prediction)
        .where(models.Prediction.id == prediction_id)
        .options(
            selectinload(models.Prediction.seed),
            _EVIDENCE_LOAD,
            selectinload(models.Prediction.history)
            .selectinload(models.StatusChange.assessment)
            .selectinload(models.Assessment.claim)
            .selectinload(models.Claim.document)
            .selectinload(models.Document.source),
        )
    ).first()
    if row is None:
        return None
    history = [
        StatusMove(
            id=change.id,
            changed_at=change.changed_at,
            old_status=change.old_status,
            new_status=change.new_status,
            reason=change.reason,
            reviewed=_reviewed(change),
            run_id=change.run_id,
            evidence=_evidence(change.assessment) if change.assessment is not None else None,
        )
        for change in row.history
    ]
    deciding = {move.evidence.assessment_id for move in history if move.evidence}
    seed = row.seed
    return PredictionStory(
        id=row.id,
        text=row.text,
        seed=SeedRef(seed.id, seed.title, seed.author, seed.published, seed.url),
        owner=owner_of(row),
        subject=row.subject,
        kind=row.kind,
        window=_window(row),
        quantity=_figure(row),
        polarity=row.polarity,
        resolution=row.resolution,
        keywords=list(row.keywords or ()),
        deadline=row.deadline,
        hedge=row.confidence_cue,
        confidence=row.confidence,
        status=row.status,
        status_reason=row.status_reason,
        status_changed_at=row.status_changed_at,
        reviewed=row.reviewed,
        active=row.active,
        merged_into=row.merged_into_id,
        created_at=row.created_at,
        history=history,
        other_evidence=[
            e for e in _current_evidence(row.assessments) if e.assessment_id not in deciding
        ],
        related=_current_related(row.assessments),
        context=row.context,
    )


# --- seeds --------------------------------------------------------------------------------------


def seed_story(session: Session, seed_id: int) -> SeedStory | None:
    """A seed with its versions and its active predictions; None when there is no such id."""
    seed = session.get(models.Seed, seed_id)
    if seed is None:
        return None
    d = models.Document
    versions = [
        SeedVersion(
            document_id=row.id,
            stored_at=row.created_at,
            words=len(row.text.split()),
            content_hash=row.content_hash[:12],
        )
        for row in session.execute(
            select(d.id, d.created_at, d.text, d.content_hash)
            .where(d.kind == "seed", d.seed_id == seed.id)
            .order_by(d.id)
        )
    ]
    a, c = models.Assessment, models.Claim
    evidence = dict(
        session.execute(
            select(a.prediction_id, func.count())
            .join(c, a.claim_id == c.id)
            .where(c.current.is_(True), a.stance != RELATED)
            .group_by(a.prediction_id)
        ).all()
    )
    rows = session.scalars(
        select(models.Prediction)
        .where(models.Prediction.seed_id == seed.id, models.Prediction.active.is_(True))
        .order_by(models.Prediction.id)
    )
    predictions = [
        PredictionBrief(
            id=row.id,
            text=row.text,
            owner=owner_of(row),
            kind=row.kind,
            deadline=row.deadline,
            confidence=row.confidence,
            hedge=row.confidence_cue,
            status=row.status,
            status_reason=row.status_reason,
            evidence=evidence.get(row.id, 0),
        )
        for row in rows
    ]
    return SeedStory(
        id=seed.id,
        title=seed.title,
        author=seed.author,
        published=seed.published,
        url=seed.url,
        origin=seed.origin,
        created_at=seed.created_at,
        updated_at=seed.updated_at,
        versions=versions,
        predictions=predictions,
    )


# --- feeds --------------------------------------------------------------------------------------


def feed_health(source: models.Source) -> str:
    """One word or phrase for a feed's state, as `feeds show` heads it."""
    if not source.enabled:
        return "disabled"
    if source.last_fetched_at is None:
        return "never fetched"
    if source.consecutive_failures:
        n = source.consecutive_failures
        return f"failing ({n} time{'s' if n != 1 else ''} in a row)"
    if source.last_warning:
        return "healthy, with a warning"
    return "healthy"


def feed_story(session: Session, ref: int | str, *, latest: int = 10) -> FeedStory | None:
    """A feed by id or URL with its health and its `latest` newest entries; None if unknown."""
    source = get_feed(session, ref)
    if source is None:
        return None
    e, d = models.FeedEntry, models.Document
    entries = (
        session.scalar(select(func.count()).select_from(e).where(e.source_id == source.id)) or 0
    )
    newest: list[Any] = []
    if latest > 0:
        newest = list(
            session.execute(
                select(e.document_id, e.title, d.title, d.url, d.published, e.first_seen_at)
                .join(d, e.document_id == d.id)
                .where(e.source_id == source.id)
                .order_by(d.published.is_(None), d.published.desc(), e.id.desc())
                .limit(latest)
            )
        )
    return FeedStory(
        id=source.id,
        url=source.url,
        name=source.name,
        title=source.title,
        site_url=source.site_url,
        category=source.category,
        enabled=source.enabled,
        full_text=source.full_text,
        health=feed_health(source),
        last_status=source.last_status,
        last_error=source.last_error,
        last_error_kind=source.last_error_kind,
        last_warning=source.last_warning,
        consecutive_failures=source.consecutive_failures,
        last_fetched_at=source.last_fetched_at,
        next_check_at=source.next_check_at,
        created_at=source.created_at,
        entries=entries,
        latest=[
            EntryBrief(
                document_id=row[0],
                title=row[1] or row[2] or "",
                url=row[3],
                published=row[4],
                first_seen_at=row[5],
            )
            for row in newest
        ],
    )
