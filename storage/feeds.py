"""Feeds and their entries in the database: subscriptions, what ingest knows, applying its intents.

Ingest reads here as plain values (`poll_targets`, `feed_states`, `known_entries`,
`news_documents`, `sources_by_url`), decides in `hindsight/feeds/update.py` what changed, and
hands back one `FeedUpdate` that `apply_update` writes in the caller's transaction
(`Database.session()`), so a run that dies leaves every batch either fully recorded or not
touched, and the next run simply continues. This module knows rows, not feeds: it imports the
intents' plain types from `hindsight.intents` and nothing from `hindsight.feeds`. Ingest reads
and writes with plain rows and bulk statements, not ORM objects: at thousands of feeds the
ORM's per-object bookkeeping would cost more than the database.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, literal, select
from sqlalchemy.orm import Session

from hindsight.faults import checkpoint
from hindsight.intents import (
    Content,
    EntryIntent,
    FeedHealth,
    FeedState,
    FeedUpdate,
    KnownEntry,
    NewDocument,
)
from storage.models import Document, DocumentVersion, FeedEntry, Source

_CHUNK = 400  # values per IN (...) clause: well under SQLite's and PostgreSQL's limits


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


@dataclass(frozen=True)
class PollTarget:
    """What polling one feed needs to know, read before the run touches the network."""

    source_id: int
    url: str
    etag: str | None = None
    last_modified: str | None = None
    full_text: bool = False
    body_hash: str | None = None
    last_error: str | None = None
    last_error_kind: str | None = None


def poll_targets(
    session: Session, now: datetime, refs: Iterable[int | str] | None = None
) -> list[PollTarget]:
    """The feeds a run polls: `refs` (ids or URLs, unknown URLs subscribed), else the due ones.

    Read as plain rows, not ORM objects: a run over thousands of feeds reads them all.
    """
    table = cast(Table, Source.__table__)
    columns = [table.c[f.name if f.name != "source_id" else "id"] for f in fields(PollTarget)]
    if refs is None:
        query = (
            select(*columns)
            .where(table.c.enabled.is_(True))
            .where(table.c.next_check_at.is_(None) | (table.c.next_check_at <= now))
            .order_by(table.c.next_check_at.is_not(None), table.c.next_check_at, table.c.id)
        )
        return [PollTarget(*row) for row in session.connection().execute(query)]
    wanted = list(refs)
    ids = {int(r) for r in wanted if isinstance(r, int) or r.strip().isdigit()}
    urls = {r.strip() for r in wanted if isinstance(r, str) and not r.strip().isdigit()}
    found: dict[int | str, PollTarget] = {}
    for chunk in _chunks(sorted(urls)):
        query = select(*columns).where(table.c.url.in_(chunk))
        for row in session.connection().execute(query):
            found[row.url] = PollTarget(*row)
    for id_chunk in _chunks(sorted(ids)):
        query = select(*columns).where(table.c.id.in_(id_chunk))
        for row in session.connection().execute(query):
            found[row.id] = found[str(row.id)] = PollTarget(*row)
    targets: dict[int, PollTarget] = {}
    for ref in wanted:
        key = ref if isinstance(ref, int) else ref.strip()
        target = found.get(key)
        if target is None and isinstance(key, str) and not key.isdigit():
            source, _ = add_feed(session, key)
            target = found[key] = PollTarget(source.id, source.url, full_text=source.full_text)
        if target is not None:
            targets.setdefault(target.source_id, target)
    return list(targets.values())


_HEALTH = tuple(f.name for f in fields(FeedHealth))


def feed_states(session: Session, source_ids: Collection[int]) -> dict[int, FeedState]:
    """Each feed's URL and health by id; ids no longer subscribed are left out."""
    session.flush()  # sources added in this session are read like any other
    table = _table(Source)
    columns = [table.c.id, table.c.url, *(table.c[name] for name in _HEALTH)]
    states: dict[int, FeedState] = {}
    for chunk in _chunks(sorted(set(source_ids))):
        query = select(*columns).where(table.c.id.in_(chunk))
        for source_id, url, *health in session.connection().execute(query):
            states[source_id] = FeedState(source_id, url, FeedHealth(*health))
    return states


def known_entries(
    session: Session, source_ids: Collection[int]
) -> dict[int, dict[str, KnownEntry]]:
    """The entries these feeds carried before, per feed by entry key, with their row ids."""
    table = _table(FeedEntry)
    columns = (
        table.c.source_id,
        table.c.entry_key,
        table.c.link_key,
        table.c.content_hash,
        table.c.title,
        table.c.id,
        table.c.document_id,
    )
    known: dict[int, dict[str, KnownEntry]] = {}
    for chunk in _chunks(sorted(set(source_ids))):
        query = select(*columns).where(table.c.source_id.in_(chunk))
        for source_id, *values in session.connection().execute(query):
            known.setdefault(source_id, {})[values[0]] = KnownEntry(*values)
    return known


def entry_hashes(session: Session, source_id: int) -> dict[str, str]:
    """Content hash of each entry a feed carried before, by entry key."""
    table = _table(FeedEntry)
    query = select(table.c.entry_key, table.c.content_hash).where(table.c.source_id == source_id)
    return {key: digest for key, digest in session.connection().execute(query)}


def news_documents(
    session: Session, links: Collection[str], hashes: Collection[str]
) -> tuple[dict[str, int], dict[str, int]]:
    """Ids of news documents stored earlier (by any feed) under these link keys or text hashes."""
    connection = session.connection()
    table = _table(Document)
    by_link: dict[str, int] = {}
    by_hash: dict[str, int] = {}
    for chunk in _chunks(sorted(links)):
        # `kind` is checked here, not in SQL, so the planner cannot pick the (kind, ...) index.
        query = select(table.c.id, table.c.link_key, table.c.kind).where(
            table.c.link_key.in_(chunk)
        )
        for document_id, key, kind in connection.execute(query):
            if kind == "news":
                by_link.setdefault(key or "", document_id)
    for chunk in _chunks(sorted(hashes)):
        query = select(table.c.id, table.c.content_hash, table.c.kind).where(
            table.c.content_hash.in_(chunk)
        )
        for document_id, digest, kind in connection.execute(query):
            if kind == "news":
                by_hash.setdefault(digest, document_id)
    return by_link, by_hash


def sources_by_url(session: Session, urls: Collection[str]) -> dict[str, int]:
    """Ids of the subscriptions with these URLs."""
    table = _table(Source)
    found: dict[str, int] = {}
    for chunk in _chunks(sorted(urls)):
        query = select(table.c.url, table.c.id).where(table.c.url.in_(chunk))
        found.update({url: source_id for url, source_id in session.connection().execute(query)})
    return found


def apply_update(session: Session, update: FeedUpdate) -> None:
    """Write a batch's intents in the caller's transaction: moves, changed entries, new stories
    and entries, then every feed's health, with one statement per table where rows are many.

    Nothing is decided here: each intent names the rows it changes or carries the values of the
    rows it adds. The transaction is the caller's, so the whole batch lands or none of it.
    """
    session.flush()
    connection = session.connection()
    now = update.now
    sources = _table(Source)
    for feed in update.feeds:
        if feed.move_to:
            connection.execute(
                sources.update().where(sources.c.id == feed.source_id).values(url=feed.move_to)
            )
    _change_entries(session, [e for e in update.entries if e.action != "new"], now)
    created = _insert_documents(session, [_document_values(d, now) for d in update.documents])
    rows = [_entry_values(e, created, now) for e in update.entries if e.action == "new"]
    if rows:
        connection.execute(_table(FeedEntry).insert(), rows)
    checkpoint("ingest.before_health")  # entries stored, health not yet: one transaction
    if update.feeds:
        health = [
            {"_id": feed.source_id, **{name: getattr(feed.health, name) for name in _HEALTH}}
            for feed in update.feeds
        ]
        connection.execute(sources.update().where(sources.c.id == bindparam("_id")), health)


def _change_entries(session: Session, intents: Sequence[EntryIntent], now: datetime) -> None:
    """Re-key and update entry rows; an updated story keeps the text it had as a version.

    One statement per table for all rows, in rounds where a story appears once, so a story two
    feeds of the batch both updated keeps each text it had, as if they were stored in turn.
    """
    if not intents:
        return
    connection = session.connection()
    entries, documents, versions = _table(FeedEntry), _table(Document), _table(DocumentVersion)
    pending = [i for i in intents if i.action == "updated" and i.content is not None]
    keep = versions.insert().from_select(
        ["document_id", "title", "text", "content_hash", "recorded_at"],
        select(
            documents.c.id,
            documents.c.title,
            documents.c.text,
            documents.c.content_hash,
            literal(now, versions.c.recorded_at.type),
        ).where(documents.c.id == bindparam("_doc")),
    )
    replace = (
        documents.update()
        .where(documents.c.id == bindparam("_doc"))
        .values(
            title=bindparam("_title", type_=documents.c.title.type),
            text=bindparam("_text", type_=documents.c.text.type),
            content_hash=bindparam("_hash", type_=documents.c.content_hash.type),
            updated_at=literal(now, documents.c.updated_at.type),
            published=func.coalesce(
                bindparam("_published", type_=documents.c.published.type),
                documents.c.published,
            ),
        )
    )
    while pending:
        round_: list[EntryIntent] = []
        later: list[EntryIntent] = []
        stories: set[int | None] = set()
        for intent in pending:
            (later if intent.document_id in stories else round_).append(intent)
            stories.add(intent.document_id)
        connection.execute(keep, [{"_doc": i.document_id} for i in round_])
        rows = []
        for intent in round_:
            content = cast(Content, intent.content)
            rows.append(
                {
                    "_doc": intent.document_id,
                    "_title": content.title,
                    "_text": content.text,
                    "_hash": content.content_hash,
                    "_published": content.published,
                }
            )
        connection.execute(replace, rows)
        pending = later
    # A re-keyed entry's hash and title are the ones stored (its text did not change).
    connection.execute(
        entries.update()
        .where(entries.c.id == bindparam("_id"))
        .values(
            entry_key=bindparam("_key"),
            guid=bindparam("_guid"),
            content_hash=bindparam("_hash"),
            title=bindparam("_title"),
            updated_at=literal(now, entries.c.updated_at.type),
        ),
        [
            {
                "_id": i.entry_id,
                "_key": i.key,
                "_guid": _cut(i.guid),
                "_hash": i.content_hash,
                "_title": i.title,
            }
            for i in intents
        ],
    )


def _insert_documents(session: Session, rows: list[dict[str, Any]]) -> list[int]:
    """Insert documents, returning their ids in the order given.

    SQLite cannot return ids from a batched insert in a guaranteed order, so SQLAlchemy would
    insert row by row; instead the rows go in as one executemany and the ids are read back: this
    transaction holds SQLite's single write lock, so the newest len(rows) ids are exactly ours, in
    insertion order. Other databases use INSERT ... RETURNING in batches.
    """
    if not rows:
        return []
    connection = session.connection()
    table = _table(Document)
    if connection.dialect.name == "sqlite":
        connection.execute(table.insert(), rows)
        newest = select(table.c.id).order_by(table.c.id.desc()).limit(len(rows))
        return list(reversed(connection.execute(newest).scalars().all()))
    statement = table.insert().returning(table.c.id, sort_by_parameter_order=True)
    return list(connection.execute(statement, rows).scalars())


def _document_values(document: NewDocument, now: datetime) -> dict[str, Any]:
    content = document.content
    return {
        "kind": "news",
        "source_id": document.source_id,
        "seed_id": None,
        "url": _cut(content.url),
        "link_key": _cut(document.link_key),
        "guid": _cut(content.guid),
        "title": content.title,
        "author": _cut(content.author, 300),
        "published": content.published,
        "text": content.text,
        "content_hash": content.content_hash,
        "analysed_hash": None,
        "created_at": now,
        "updated_at": now,
    }


def _entry_values(intent: EntryIntent, created: Sequence[int], now: datetime) -> dict[str, Any]:
    document_id = (
        intent.document_id if intent.new_document is None else created[intent.new_document]
    )
    return {
        "source_id": intent.source_id,
        "document_id": document_id,
        "entry_key": intent.key,
        "guid": _cut(intent.guid),
        "link_key": _cut(intent.link_key),
        "content_hash": intent.content_hash,
        "title": intent.title,
        "first_seen_at": now,
        "updated_at": now,
    }


def _table(model: type[Any]) -> Table:
    return cast(Table, model.__table__)


def _chunks(values: Sequence[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(values), _CHUNK):
        yield list(values[start : start + _CHUNK])


def _cut(value: str | None, size: int = 2048) -> str | None:
    return value[:size] if value else value
