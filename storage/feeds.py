"""Feeds and their entries in the database: subscriptions, health, and storing parsed entries.

Callers hold the transaction: `store_entries` and `apply_outcome` for one feed are meant to run in
one `Database.session()` block, so a run that dies leaves every feed either fully ingested or not
touched, and the next run simply continues. Identity and change decisions come from the pure
`hindsight.feeds.dedupe`; this module only turns them into rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from hindsight.feeds.dedupe import Decision, Keyed, Known, plan
from hindsight.feeds.health import Outcome, next_check
from hindsight.feeds.opml import OpmlFeed, parse_opml, to_opml
from hindsight.feeds.parse import ParsedEntry
from storage.models import Document, DocumentVersion, FeedEntry, Source

_CHUNK = 400  # values per IN (...) clause: well under SQLite's and PostgreSQL's limits


@dataclass(frozen=True)
class StoreCounts:
    """What storing one feed's entries did: per feed entry, and how many documents were created."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    new_documents: int = 0


def add_feed(
    session: Session,
    url: str,
    *,
    name: str | None = None,
    full_text: bool = False,
    enabled: bool = True,
    site_url: str | None = None,
    category: str | None = None,
) -> tuple[Source, bool]:
    """Subscribe to a feed; (source, created). Adding a URL twice returns the existing source."""
    url = url.strip()
    existing = session.scalar(select(Source).where(Source.url == url))
    if existing is not None:
        return existing, False
    source = Source(
        url=url,
        name=name,
        full_text=full_text,
        enabled=enabled,
        site_url=site_url,
        category=category,
        consecutive_failures=0,
    )
    session.add(source)
    session.flush()
    return source, True


def get_feed(session: Session, ref: int | str) -> Source | None:
    """A source by id or by URL."""
    if isinstance(ref, int) or (isinstance(ref, str) and ref.isdigit()):
        return session.get(Source, int(ref))
    return session.scalar(select(Source).where(Source.url == ref.strip()))


def get_feeds(session: Session, refs: Iterable[int | str]) -> dict[int | str, Source]:
    """Sources by id or URL in bulk, keyed by the reference given (URLs stripped)."""
    ids = {int(r) for r in refs if isinstance(r, int) or r.strip().isdigit()}
    urls = {r.strip() for r in refs if isinstance(r, str) and not r.strip().isdigit()}
    found: dict[int | str, Source] = {}
    for chunk in _chunks(sorted(urls)):
        for source in session.scalars(select(Source).where(Source.url.in_(chunk))):
            found[source.url] = source
    for id_chunk in _chunks(sorted(ids)):
        for source in session.scalars(select(Source).where(Source.id.in_(id_chunk))):
            found[source.id] = source
            found[str(source.id)] = source
    return found


def list_feeds(session: Session, *, enabled_only: bool = False) -> list[Source]:
    """All sources, by id."""
    query = select(Source).order_by(Source.id)
    if enabled_only:
        query = query.where(Source.enabled.is_(True))
    return list(session.scalars(query))


def entry_counts(session: Session) -> dict[int, int]:
    """How many entries each source has carried so far, by source id."""
    rows = session.execute(
        select(FeedEntry.source_id, func.count()).group_by(FeedEntry.source_id)
    ).all()
    return {source_id: count for source_id, count in rows}


def remove_feed(session: Session, ref: int | str) -> bool:
    """Unsubscribe. The documents stay (claims may cite them); the feed's entry records go."""
    source = get_feed(session, ref)
    if source is None:
        return False
    for entry in session.scalars(select(FeedEntry).where(FeedEntry.source_id == source.id)):
        session.delete(entry)
    session.delete(source)
    return True


def due_feeds(session: Session, now: datetime) -> list[Source]:
    """Enabled sources never polled or whose next check time has come, oldest due first."""
    query = (
        select(Source)
        .where(Source.enabled.is_(True))
        .where((Source.next_check_at.is_(None)) | (Source.next_check_at <= now))
        .order_by(Source.next_check_at.is_not(None), Source.next_check_at, Source.id)
    )
    return list(session.scalars(query))


def apply_outcome(
    session: Session,
    source: Source,
    outcome: Outcome,
    *,
    now: datetime,
    interval: float,
    max_backoff: float,
) -> str | None:
    """Record a poll on the source's health fields; returns a warning about a move, if any."""
    source.last_fetched_at = now
    source.last_status = outcome.status
    move_warning = None
    if outcome.ok:
        source.consecutive_failures = 0
        source.last_error = None
        if not outcome.not_modified:
            source.etag = outcome.etag
            source.last_modified = outcome.last_modified
        if outcome.body_hash:
            source.body_hash = outcome.body_hash
        elif outcome.etag or outcome.last_modified:
            source.etag = outcome.etag or source.etag
            source.last_modified = outcome.last_modified or source.last_modified
        if outcome.feed_title:
            source.title = outcome.feed_title[:500]
        if outcome.feed_link and not source.site_url:
            source.site_url = outcome.feed_link[:2048]
        if outcome.permanent_url and outcome.permanent_url != source.url:
            move_warning = _move(session, source, outcome.permanent_url)
    else:
        source.consecutive_failures = (source.consecutive_failures or 0) + 1
        source.last_error = outcome.error
    warnings = [w for w in (outcome.warning, move_warning) if w]
    source.last_warning = "; ".join(warnings) if warnings else None
    source.next_check_at = next_check(
        now,
        failures=source.consecutive_failures,
        interval=interval,
        max_backoff=max_backoff,
        retry_after=outcome.retry_after,
    )
    return move_warning


def _move(session: Session, source: Source, new_url: str) -> str:
    """Follow a permanent redirect, unless another subscription already has the new URL."""
    taken = session.scalar(select(Source.id).where(Source.url == new_url, Source.id != source.id))
    if taken is not None:
        return f"moved permanently to {new_url}, already subscribed as feed {taken}"
    old = source.url
    source.url = new_url
    return f"moved permanently from {old} to {new_url}"


def store_entries(
    session: Session,
    source: Source,
    entries: Sequence[ParsedEntry] | Sequence[Keyed],
    *,
    now: datetime,
) -> StoreCounts:
    """Store a feed's parsed entries: new ones added, changed ones updated with history kept.

    New rows go in as bulk inserts (the ORM's one-object-at-a-time bookkeeping costs more than
    the database work at thousands of entries per run); the rare updates use the ORM.
    """
    known_rows = (
        session.connection()
        .execute(
            select(
                FeedEntry.id,
                FeedEntry.entry_key,
                FeedEntry.link_key,
                FeedEntry.content_hash,
                FeedEntry.title,
            ).where(FeedEntry.source_id == source.id)
        )
        .all()
    )
    row_ids = {r.entry_key: r.id for r in known_rows}
    known = {
        r.entry_key: Known(r.entry_key, r.link_key, r.content_hash, r.title) for r in known_rows
    }
    decisions = plan(entries, known)
    fresh = [d for d in decisions if d.action == "new"]
    shared = Counter(d.link_key for d in fresh)
    # A link several entries of one feed share (a home page) identifies none of them.
    unique_links: set[str | None] = {link for link, n in shared.items() if link and n == 1}
    by_link, by_hash = _existing_documents(session, fresh, unique_links)
    counts = {"new": 0, "updated": 0, "unchanged": 0, "new_documents": 0}
    new_documents: list[dict[str, Any]] = []
    # For each new entry: the id of an existing document, or -(1 + index) into new_documents.
    targets: list[tuple[Decision, int]] = []
    for decision in decisions:
        counts[decision.action] += 1
        if decision.action == "new":
            target = None
            if decision.link_key in unique_links:
                target = by_link.get(decision.link_key or "")
            if target is None and decision.story:
                target = by_hash.get(decision.content_hash)
            if target is None:
                new_documents.append(_document_values(decision, source, now))
                target = -len(new_documents)
                if decision.link_key in unique_links:
                    by_link[decision.link_key or ""] = target
                if decision.story:
                    by_hash[decision.content_hash] = target
            targets.append((decision, target))
            continue
        row = session.get(FeedEntry, row_ids[decision.previous_key or decision.key])
        assert row is not None
        if decision.previous_key:
            row.entry_key = decision.key
            row.guid = _cut(decision.entry.guid)
            row.updated_at = now
        if decision.action == "updated":
            _update(session, row, decision, now)
    created = _insert_documents(session, new_documents)
    if targets:
        values = [
            _entry_values(d, source, created[-t - 1] if t < 0 else t, now) for d, t in targets
        ]
        session.connection().execute(cast(Table, FeedEntry.__table__).insert(), values)
    session.flush()
    counts["new_documents"] = len(new_documents)
    return StoreCounts(**counts)


def _insert_documents(session: Session, rows: list[dict[str, Any]]) -> list[int]:
    """Insert documents, returning their ids in the order given.

    SQLite cannot return ids from a batched insert in a guaranteed order, so SQLAlchemy would
    insert row by row; instead the rows go in as one executemany and the ids are read back: this
    transaction holds SQLite's single write lock, so the newest len(rows) ids are exactly ours, in
    insertion order. Other databases use INSERT ... RETURNING in batches.
    """
    if not rows:
        return []
    connection = session.connection()  # Core, not the ORM's bulk path: a third of the cost
    table = cast(Table, Document.__table__)
    if connection.dialect.name == "sqlite":
        connection.execute(table.insert(), rows)
        newest = select(table.c.id).order_by(table.c.id.desc()).limit(len(rows))
        return list(reversed(connection.execute(newest).scalars().all()))
    statement = table.insert().returning(table.c.id, sort_by_parameter_order=True)
    return list(connection.execute(statement, rows).scalars())


def _existing_documents(
    session: Session, fresh: list[Decision], unique_links: set[str | None]
) -> tuple[dict[str, int], dict[str, int]]:
    """Ids of news documents stored earlier (by any feed) under the same link or story text."""
    links = sorted(link for link in unique_links if link)
    hashes = sorted({d.content_hash for d in fresh if d.story})
    by_link: dict[str, int] = {}
    by_hash: dict[str, int] = {}
    for chunk in _chunks(links):
        # `kind` is checked here, not in SQL, so the planner cannot pick the (kind, ...) index.
        query = select(Document.id, Document.link_key, Document.kind).where(
            Document.link_key.in_(chunk)
        )
        for document_id, key, kind in session.connection().execute(query):
            if kind == "news":
                by_link.setdefault(key or "", document_id)
    for chunk in _chunks(hashes):
        query = select(Document.id, Document.content_hash, Document.kind).where(
            Document.content_hash.in_(chunk)
        )
        for document_id, digest, kind in session.connection().execute(query):
            if kind == "news":
                by_hash.setdefault(digest, document_id)
    return by_link, by_hash


def _document_values(decision: Decision, source: Source, now: datetime) -> dict[str, Any]:
    entry = decision.entry
    return {
        "kind": "news",
        "source_id": source.id,
        "seed_id": None,
        "url": _cut(entry.link),
        "link_key": _cut(decision.link_key),
        "guid": _cut(entry.guid),
        "title": entry.title,
        "author": _cut(entry.author, 300),
        "published": entry.published or entry.updated,
        "text": entry.text,
        "content_hash": decision.text_hash or decision.content_hash,
        "analysed_hash": None,
        "created_at": now,
        "updated_at": now,
    }


def _entry_values(
    decision: Decision, source: Source, document_id: int, now: datetime
) -> dict[str, Any]:
    return {
        "source_id": source.id,
        "document_id": document_id,
        "entry_key": decision.key,
        "guid": _cut(decision.entry.guid),
        "link_key": _cut(decision.link_key),
        "content_hash": decision.content_hash,
        "title": decision.entry.title,
        "first_seen_at": now,
        "updated_at": now,
    }


def _update(session: Session, row: FeedEntry, decision: Decision, now: datetime) -> None:
    """Replace a changed entry's text in place, keeping the text it had as a version."""
    entry = decision.entry
    document = row.document
    session.add(
        DocumentVersion(
            document=document,
            title=document.title,
            text=document.text,
            content_hash=document.content_hash,
            recorded_at=now,
        )
    )
    document.title = entry.title
    document.text = entry.text
    document.content_hash = decision.text_hash or decision.content_hash
    document.updated_at = now
    if entry.published or entry.updated:
        document.published = entry.published or entry.updated
    row.content_hash = decision.content_hash
    row.title = entry.title
    row.updated_at = now


def _chunks(values: Sequence[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(values), _CHUNK):
        yield list(values[start : start + _CHUNK])


def _cut(value: str | None, size: int = 2048) -> str | None:
    return value[:size] if value else value


def import_opml(
    session: Session, data: bytes | str, *, base_url: str | None = None
) -> list[Source]:
    """Subscribe to every feed an OPML list names; returns the sources that were new."""
    added = []
    for item in parse_opml(data, base_url=base_url):
        source, created = add_feed(
            session,
            item.url,
            name=item.title,
            site_url=item.html_url,
            category=item.categories[0] if item.categories else None,
        )
        if created:
            added.append(source)
    return added


def export_opml(session: Session) -> str:
    """All subscriptions as an OPML 2.0 document, grouped by category."""
    return to_opml(
        OpmlFeed(
            s.url,
            s.name or s.title,
            s.site_url,
            (s.category,) if s.category else (),
        )
        for s in list_feeds(session)
    )
