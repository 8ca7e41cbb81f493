"""The schema: one readable definition; Alembic migrations in `storage/migrations/` follow it.

Every timestamp is stored as UTC. SQLite keeps no zone, so `UTCDateTime` hands back aware datetimes
on both SQLite and PostgreSQL and callers never compare naive with aware values.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    """Now, aware, in UTC: the one clock the schema uses for defaults."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Store naive UTC, return aware UTC (SQLite drops offsets; PostgreSQL keeps them)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


# Constraint names are fixed so that migrations are the same on SQLite (batch mode) and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {  # noqa: RUF012 (read once by SQLAlchemy)
        datetime: UTCDateTime(),
        dict[str, Any]: JSON,
        list[Any]: JSON,
    }


class Source(Base):
    """A feed Hindsight polls, with what it needs to poll politely and to report health."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2048), unique=True)
    name: Mapped[str | None] = mapped_column(String(300))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    full_text: Mapped[bool] = mapped_column(Boolean, default=False)
    title: Mapped[str | None] = mapped_column(String(500))
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    last_status: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    # The kind of the last error (timeout, dns, http, not-a-feed...); "not-a-feed" lets a 304 for
    # the same bad body repeat the error without fetching and parsing it again.
    last_error_kind: Mapped[str | None] = mapped_column(String(30))
    last_warning: Mapped[str | None] = mapped_column(Text)
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    last_fetched_at: Mapped[datetime | None]
    next_check_at: Mapped[datetime | None]
    site_url: Mapped[str | None] = mapped_column(String(2048))  # the feed's web page (OPML htmlUrl)
    # SHA-256 of the last body ingested: an identical body is skipped even without validators.
    body_hash: Mapped[str | None] = mapped_column(String(64))
    category: Mapped[str | None] = mapped_column(String(300))  # OPML folder
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    documents: Mapped[list[Document]] = relationship(back_populates="source")


class Seed(Base):
    """An article whose predictions are tracked; its text is in `documents`, a row per version."""

    __tablename__ = "seeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str | None] = mapped_column(String(500))
    author: Mapped[str | None] = mapped_column(String(300))
    published: Mapped[date | None] = mapped_column(Date)
    url: Mapped[str | None] = mapped_column(String(2048))
    origin: Mapped[str | None] = mapped_column(String(2048))  # the path or URL it was read from
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    predictions: Mapped[list[Prediction]] = relationship(back_populates="seed")
    # Versions of its text, oldest first; the newest is the one predictions are read from.
    documents: Mapped[list[Document]] = relationship(
        order_by="Document.id", foreign_keys="Document.seed_id"
    )


class Document(Base):
    """A seed version or a news item, stored once however many feeds carry it."""

    __tablename__ = "documents"
    __table_args__ = (
        Index("ix_documents_source_guid", "source_id", "guid"),
        Index("ix_documents_link_key", "link_key"),
        Index("ix_documents_content_hash", "content_hash"),
        Index("ix_documents_analysed", "kind", "analysed_hash"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # "seed" | "news"
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))
    seed_id: Mapped[int | None] = mapped_column(ForeignKey("seeds.id", ondelete="CASCADE"))
    url: Mapped[str | None] = mapped_column(String(2048))
    link_key: Mapped[str | None] = mapped_column(String(2048))  # link without tracking params
    guid: Mapped[str | None] = mapped_column(String(2048))
    title: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(String(300))
    published: Mapped[datetime | None]
    text: Mapped[str] = mapped_column(Text, default="")
    content_hash: Mapped[str] = mapped_column(String(64))
    # The content_hash the assess stage last extracted claims from; differs from content_hash
    # exactly when the document is new or its text changed since.
    analysed_hash: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    source: Mapped[Source | None] = relationship(back_populates="documents")
    versions: Mapped[list[DocumentVersion]] = relationship(
        back_populates="document", cascade="all, delete-orphan"
    )


class DocumentVersion(Base):
    """An earlier text of a document, kept when an updated entry replaces it."""

    __tablename__ = "document_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)

    document: Mapped[Document] = relationship(back_populates="versions")


class FeedEntry(Base):
    """One entry as one feed carries it: the feed's identity for it and the story it points to.

    Several feeds may carry one story (syndication): each has its own row here, all pointing at a
    single `Document`. `entry_key` is a hash of the entry's identity (GUID, else link, else title
    and date) so that it fits an index whatever the feed puts in its GUIDs.
    """

    __tablename__ = "feed_entries"
    __table_args__ = (
        UniqueConstraint("source_id", "entry_key", name="uq_feed_entries_source_key"),
        Index("ix_feed_entries_source_link", "source_id", "link_key"),
        Index("ix_feed_entries_document", "document_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    entry_key: Mapped[str] = mapped_column(String(64))
    guid: Mapped[str | None] = mapped_column(String(2048))
    link_key: Mapped[str | None] = mapped_column(String(2048))
    content_hash: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(Text, default="")
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    source: Mapped[Source] = relationship()
    document: Mapped[Document] = relationship()


class Prediction(Base):
    """A checkable statement of a seed, its structured expectation and its current status."""

    __tablename__ = "predictions"
    __table_args__ = (UniqueConstraint("seed_id", "key", name="uq_predictions_seed_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    seed_id: Mapped[int] = mapped_column(ForeignKey("seeds.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)
    subject: Mapped[str] = mapped_column(String(300), default="")
    # Whose forecast: "author", or the party the seed relays (the scorecard keeps them apart).
    owner: Mapped[str] = mapped_column(String(300), default="author", server_default="author")
    kind: Mapped[str] = mapped_column(String(20))
    window_start: Mapped[date | None] = mapped_column(Date)
    window_end: Mapped[date | None] = mapped_column(Date)
    window_text: Mapped[str | None] = mapped_column(String(300))
    low: Mapped[float | None] = mapped_column(Float)
    high: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(40))
    quantity_kind: Mapped[str | None] = mapped_column(String(20))
    quantity_bound: Mapped[str | None] = mapped_column(String(20))
    quantity_text: Mapped[str | None] = mapped_column(String(300))
    polarity: Mapped[bool | None] = mapped_column(Boolean)
    deadline: Mapped[date | None] = mapped_column(Date)
    confidence: Mapped[float] = mapped_column(Float, default=0.5)
    confidence_cue: Mapped[str | None] = mapped_column(String(100))
    keywords: Mapped[list[Any]] = mapped_column(default=list)
    resolution: Mapped[str | None] = mapped_column(Text)
    # Which extractor found it: "rules", "llm" or "rules+llm" (the model backend's union).
    origin: Mapped[str] = mapped_column(String(20), default="rules", server_default="rules")
    # The heading and lead-in a list item leans on, when they gave it what it lacks.
    context: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="open")
    status_reason: Mapped[str | None] = mapped_column(Text)
    status_changed_at: Mapped[datetime | None]
    # The analyst's review wins over re-extraction; inactive rows keep their history and evidence.
    reviewed: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("predictions.id", ondelete="SET NULL")
    )
    # When claims were last judged against this prediction's current definition.
    assessed_at: Mapped[datetime | None]
    # The analyst's status (`hindsight verdicts import`): wins over the judge on every run.
    review_status: Mapped[str | None] = mapped_column(String(20))
    review_note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    seed: Mapped[Seed] = relationship(back_populates="predictions")
    assessments: Mapped[list[Assessment]] = relationship(
        back_populates="prediction", cascade="all, delete-orphan"
    )
    history: Mapped[list[StatusChange]] = relationship(
        back_populates="prediction", cascade="all, delete-orphan", order_by="StatusChange.id"
    )


class Claim(Base):
    """A sentence of a document asserting something about a tracked subject."""

    __tablename__ = "claims"
    __table_args__ = (
        UniqueConstraint(
            "document_id", "content_hash", "span_start", name="uq_claims_doc_hash_span"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    content_hash: Mapped[str] = mapped_column(String(64))  # of the document text it came from
    current: Mapped[bool] = mapped_column(Boolean, default=True)
    text: Mapped[str] = mapped_column(Text)
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    subjects: Mapped[list[Any]] = mapped_column(default=list)
    quantities: Mapped[list[Any]] = mapped_column(default=list)
    dates: Mapped[list[Any]] = mapped_column(default=list)
    event_date: Mapped[date | None] = mapped_column(Date)
    polarity: Mapped[bool] = mapped_column(Boolean, default=True)
    modality: Mapped[str] = mapped_column(String(20), default="fact")  # fact | plan | rumour
    # Whether the sentence is about the tracked business (None: it names no business).
    in_business: Mapped[bool | None] = mapped_column(Boolean)
    checkworthiness: Mapped[float] = mapped_column(Float, default=0.5)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    document: Mapped[Document] = relationship()
    assessments: Mapped[list[Assessment]] = relationship(
        back_populates="claim", cascade="all, delete-orphan"
    )


class Assessment(Base):
    """A claim judged against a prediction: `stance` "supports" / "contradicts" (evidence, weighed
    for the status) or "related" (about its subject, deciding nothing: shown, never counted; a
    few per prediction, `[judge] related`). Unrelated pairs are not stored."""

    __tablename__ = "assessments"
    __table_args__ = (
        UniqueConstraint("claim_id", "prediction_id", name="uq_assessments_claim_prediction"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    prediction_id: Mapped[int] = mapped_column(ForeignKey("predictions.id", ondelete="CASCADE"))
    stance: Mapped[str] = mapped_column(String(20))
    confidence: Mapped[float] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text)
    judge: Mapped[str] = mapped_column(String(50), default="rules")
    # The analyst's word on this item: "confirmed" or "rejected" (None: the judge's alone).
    # A reviewed row is never rewritten or removed by a later run.
    review: Mapped[str | None] = mapped_column(String(20))
    review_note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    claim: Mapped[Claim] = relationship(back_populates="assessments")
    prediction: Mapped[Prediction] = relationship(back_populates="assessments")


class StatusChange(Base):
    """One step of a prediction's status history, with the evidence that caused it."""

    __tablename__ = "status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    prediction_id: Mapped[int] = mapped_column(ForeignKey("predictions.id", ondelete="CASCADE"))
    old_status: Mapped[str] = mapped_column(String(20))
    new_status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    assessment_id: Mapped[int | None] = mapped_column(
        ForeignKey("assessments.id", ondelete="SET NULL")
    )
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Made by the analyst's status (`verdicts import`), not by the judge: kept after the review
    # is withdrawn, so the history still says who decided each move.
    reviewed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    prediction: Mapped[Prediction] = relationship(back_populates="history")
    assessment: Mapped[Assessment | None] = relationship()


class Digest(Base):
    """A digest written (and maybe mailed); the last one bounds what the next calls 'changed'."""

    __tablename__ = "digests"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    since: Mapped[datetime | None]
    # Highest status_changes.id the digest covered: the next digest reports the ones after it.
    last_change_id: Mapped[int] = mapped_column(Integer, default=0)
    html_path: Mapped[str] = mapped_column(String(1024))
    text_path: Mapped[str] = mapped_column(String(1024))
    eml_path: Mapped[str] = mapped_column(String(1024))
    sent_at: Mapped[datetime | None]
    recipients: Mapped[list[Any]] = mapped_column(default=list)
    send_error: Mapped[str | None] = mapped_column(Text)
    # "all" (one digest, a section per seed) or "seed:<id>" (one digest per seed): each scope has
    # its own period, so its own high-water mark.
    scope: Mapped[str] = mapped_column(String(40), default="all")
    # The file stem, unique: two digests of one day never share a name.
    name: Mapped[str | None] = mapped_column(String(200), unique=True)
    subject: Mapped[str | None] = mapped_column(Text)
    changes: Mapped[int] = mapped_column(Integer, default=0)

    deliveries: Mapped[list[Delivery]] = relationship(
        back_populates="digest", cascade="all, delete-orphan", order_by="Delivery.id"
    )


class Delivery(Base):
    """One digest to one recipient: a period reaches each recipient once, a refusal is retried.

    `state`: "pending" (not tried yet), "sent", "refused" (the server refused this address), or
    "failed" (no connection, TLS, login...). Anything but "sent" is tried again by the next sending
    run; `message_id` is fixed when the row is made, so a resend after a crash threads as one mail.
    """

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("digest_id", "recipient", name="uq_deliveries_digest_recipient"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    digest_id: Mapped[int] = mapped_column(ForeignKey("digests.id", ondelete="CASCADE"))
    recipient: Mapped[str] = mapped_column(String(320))
    message_id: Mapped[str] = mapped_column(String(400))
    state: Mapped[str] = mapped_column(String(12), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    digest: Mapped[Digest] = relationship(back_populates="deliveries")


class TrackedSubject(Base):
    """A tracked entity with the names learned for it from news (products appear over years)."""

    __tablename__ = "subjects"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    aliases: Mapped[list[Any]] = mapped_column(default=list)
    products: Mapped[list[Any]] = mapped_column(default=list)
    sector_terms: Mapped[list[Any]] = mapped_column(default=list)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class LLMAnswer(Base):
    """A model's answer to one request, by the request's hash: a repeated run makes no call.

    The hash covers the model, the prompt version and the messages, so a new model or prompt
    asks again. Neither the API key nor the endpoint's address is stored.
    """

    __tablename__ = "llm_answers"

    request_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    model: Mapped[str] = mapped_column(String(200))
    prompt_version: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20))  # "judge" | "extract"
    answer: Mapped[str] = mapped_column(Text)
    prompt_tokens: Mapped[int] = mapped_column(Integer, default=0)
    completion_tokens: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Run(Base):
    """A pipeline run or a single stage run, as the operator sees it in `hindsight status`."""

    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    stage: Mapped[str] = mapped_column(String(20))  # "track" | "ingest" | "assess" | "digest" ...
    flow_run_id: Mapped[str | None] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(20), default="running")
    started: Mapped[datetime] = mapped_column(default=utcnow)
    finished: Mapped[datetime | None]
    summary: Mapped[dict[str, Any]] = mapped_column(default=dict)
    error: Mapped[str | None] = mapped_column(Text)
