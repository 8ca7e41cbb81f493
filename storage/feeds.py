"""Feeds and their entries in the database: subscriptions, health, and storing parsed entries.

Callers hold the transaction: `store_feeds` records many feeds' entries and health in one
`Database.session()` block (`store_entries` and `apply_outcome` do it for one), so a run that dies
leaves every feed either fully ingested or not touched, and the next run simply continues. Ingest
runs read and write here with plain rows and bulk statements, not ORM objects: at thousands of
feeds the ORM's per-object bookkeeping would cost more than the database. Identity and change
decisions come from the pure `hindsight.feeds.dedupe`; this module only turns them into rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam, func, select
from sqlalchemy.orm import Session

from hindsight.faults import checkpoint
from hindsight.feeds.dedupe import Decision, Keyed, Known, identifying_links, plan
from hindsight.feeds.health import HEALTH_FIELDS, Outcome, updated_health
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


@dataclass(frozen=True)
class FeedWrite:
    """One feed's poll to record: how it went, and its parsed entries when it had some."""

    source_id: int
    outcome: Outcome
    entries: Sequence[ParsedEntry] | Sequence[Keyed] = ()


@dataclass(frozen=True)
class FeedWritten:
    """What recording one `FeedWrite` did; `found` is False for a feed removed meanwhile."""

    counts: StoreCounts | None = None
    move: str | None = None
    found: bool = True


_HEALTH_READ = ("id", "url", *HEALTH_FIELDS)


def store_feeds(
    session: Session,
    writes: Sequence[FeedWrite],
    *,
    now: datetime,
    interval: float,
    max_backoff: float,
) -> list[FeedWritten]:
    """Record many feeds' polls in the caller's transaction: entries, then health, in bulk.

    Each feed is stored exactly as `store_entries` and `apply_outcome` would store it alone, in
    the order given (a story two feeds of the batch carry becomes one document), but with one
    query for what is known of all of them and one statement per table for what is new. The
    transaction is the caller's, so the whole batch lands or none of it: a feed is never half
    stored. A source named twice has its polls applied in turn.
    """
    connection = session.connection()
    table = cast(Table, Source.__table__)
    ids = sorted({w.source_id for w in writes})
    current: dict[int, dict[str, Any]] = {}
    columns = [table.c[name] for name in _HEALTH_READ]
    for chunk in _chunks(ids):
        for row in connection.execute(select(*columns).where(table.c.id.in_(chunk))):
            current[row.id] = dict(row._mapping)
    stored = [(w.source_id, w.entries) for w in writes if w.entries and w.source_id in current]
    counts = iter(_store_entries(session, stored, now=now))
    results = []
    for write in writes:
        state = current.get(write.source_id)
        if state is None:  # removed while the run was fetching it
            results.append(FeedWritten(found=False))
            continue
        feed_counts = next(counts) if write.entries else None
        outcome = write.outcome
        move = None
        if outcome.ok and outcome.permanent_url and outcome.permanent_url != state["url"]:
            move = _move(connection, write.source_id, state, outcome.permanent_url)
        state.update(
            updated_health(
                state,
                outcome,
                now=now,
                interval=interval,
                max_backoff=max_backoff,
                move_warning=move,
            )
        )
        results.append(FeedWritten(feed_counts, move))
    checkpoint("ingest.before_health")  # entries stored, health not yet: one transaction
    touched = {w.source_id for w in writes if w.source_id in current}
    if touched:
        rows = [{"_id": i, **{name: current[i][name] for name in HEALTH_FIELDS}} for i in touched]
        connection.execute(table.update().where(table.c.id == bindparam("_id")), rows)
    return results


def apply_outcome(
    session: Session,
    source: Source,
    outcome: Outcome,
    *,
    now: datetime,
    interval: float,
    max_backoff: float,
) -> str | None:
    """Record one poll on an ORM source's health fields; returns a warning about a move, if any."""
    move = None
    if outcome.ok and outcome.permanent_url and outcome.permanent_url != source.url:
        state = {"url": source.url}
        session.flush()
        move = _move(session.connection(), source.id, state, outcome.permanent_url)
        session.expire(source, ["url"])
    current = {name: getattr(source, name) for name in HEALTH_FIELDS}
    values = updated_health(
        current, outcome, now=now, interval=interval, max_backoff=max_backoff, move_warning=move
    )
    for name, value in values.items():
        setattr(source, name, value)
    return move


def _move(connection: Connection, source_id: int, state: dict[str, Any], new_url: str) -> str:
    """Follow a permanent redirect, unless another subscription already has the new URL."""
    table = cast(Table, Source.__table__)
    taken = connection.execute(
        select(table.c.id).where(table.c.url == new_url, table.c.id != source_id)
    ).scalar()
    if taken is not None:
        return f"moved permanently to {new_url}, already subscribed as feed {taken}"
    old = state["url"]
    connection.execute(table.update().where(table.c.id == source_id).values(url=new_url))
    state["url"] = new_url
    return f"moved permanently from {old} to {new_url}"


def store_entries(
    session: Session,
    source: Source,
    entries: Sequence[ParsedEntry] | Sequence[Keyed],
    *,
    now: datetime,
) -> StoreCounts:
    """Store one feed's parsed entries: new ones added, changed ones updated with history kept."""
    session.flush()
    return _store_entries(session, [(source.id, entries)], now=now)[0]


def _store_entries(
    session: Session,
    feeds: Sequence[tuple[int, Sequence[ParsedEntry] | Sequence[Keyed]]],
    *,
    now: datetime,
) -> list[StoreCounts]:
    """Store several feeds' entries with one query per table for what is known.

    New rows go in as bulk inserts (the ORM's one-object-at-a-time bookkeeping costs more than
    the database work at thousands of entries per run); the rare updates use the ORM.
    """
    if not feeds:
        return []
    connection = session.connection()
    known, row_ids = _known_entries(connection, sorted({source_id for source_id, _ in feeds}))
    plans = [(source_id, plan(entries, known.get(source_id, {}))) for source_id, entries in feeds]
    # A link a feed uses for entries with different texts (a home page) identifies none of
    # them; shared with the same text, it is one story posted twice.
    unique_links = [
        identifying_links(decisions, known.get(source_id, {})) for source_id, decisions in plans
    ]
    hashes = {d.content_hash for _, ds in plans for d in ds if d.action == "new" and d.story}
    by_link, by_hash = _existing_documents(connection, set().union(*unique_links), hashes)
    new_documents: list[dict[str, Any]] = []
    # For each new entry: the id of an existing document, or -(1 + index) into new_documents.
    targets: list[tuple[int, Decision, int]] = []
    results = []
    for (source_id, decisions), links in zip(plans, unique_links, strict=True):
        tally = {"new": 0, "updated": 0, "unchanged": 0}
        created_before = len(new_documents)
        for decision in decisions:
            tally[decision.action] += 1
            if decision.action == "new":
                link = decision.link_key if decision.link_key in links else None
                target = by_link.get(link) if link else None
                if target is None and decision.story:
                    target = by_hash.get(decision.content_hash)
                if target is None:
                    new_documents.append(_document_values(decision, source_id, now))
                    target = -len(new_documents)
                    if link:
                        by_link[link] = target
                    if decision.story:
                        by_hash[decision.content_hash] = target
                targets.append((source_id, decision, target))
                continue
            row = session.get(
                FeedEntry, row_ids[(source_id, decision.previous_key or decision.key)]
            )
            assert row is not None
            if decision.previous_key:
                row.entry_key = decision.key
                row.guid = _cut(decision.entry.guid)
                row.updated_at = now
            if decision.action == "updated":
                _update(session, row, decision, now)
        results.append(StoreCounts(**tally, new_documents=len(new_documents) - created_before))
    created = _insert_documents(connection, new_documents)
    if targets:
        values = [
            _entry_values(d, source_id, created[-t - 1] if t < 0 else t, now)
            for source_id, d, t in targets
        ]
        connection.execute(cast(Table, FeedEntry.__table__).insert(), values)
    session.flush()
    return results


def _known_entries(
    connection: Connection, source_ids: Sequence[int]
) -> tuple[dict[int, dict[str, Known]], dict[tuple[int, str], int]]:
    """What is stored of these feeds' entries: per feed by key, and row ids by (feed, key)."""
    table = cast(Table, FeedEntry.__table__)
    known: dict[int, dict[str, Known]] = {}
    row_ids: dict[tuple[int, str], int] = {}
    columns = (table.c.source_id, table.c.id, table.c.entry_key, table.c.link_key)
    for chunk in _chunks(source_ids):
        query = select(*columns, table.c.content_hash, table.c.title).where(
            table.c.source_id.in_(chunk)
        )
        for source_id, row_id, key, link, digest, title in connection.execute(query):
            known.setdefault(source_id, {})[key] = Known(key, link, digest, title)
            row_ids[(source_id, key)] = row_id
    return known, row_ids


def _insert_documents(connection: Connection, rows: list[dict[str, Any]]) -> list[int]:
    """Insert documents, returning their ids in the order given.

    SQLite cannot return ids from a batched insert in a guaranteed order, so SQLAlchemy would
    insert row by row; instead the rows go in as one executemany and the ids are read back: this
    transaction holds SQLite's single write lock, so the newest len(rows) ids are exactly ours, in
    insertion order. Other databases use INSERT ... RETURNING in batches.
    """
    if not rows:
        return []
    table = cast(Table, Document.__table__)
    if connection.dialect.name == "sqlite":
        connection.execute(table.insert(), rows)
        newest = select(table.c.id).order_by(table.c.id.desc()).limit(len(rows))
        return list(reversed(connection.execute(newest).scalars().all()))
    statement = table.insert().returning(table.c.id, sort_by_parameter_order=True)
    return list(connection.execute(statement, rows).scalars())


def _existing_documents(
    connection: Connection, links: set[str], hashes: set[str]
) -> tuple[dict[str, int], dict[str, int]]:
    """Ids of news documents stored earlier (by any feed) under the same link or story text."""
    table = cast(Table, Document.__table__)
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


def _document_values(decision: Decision, source_id: int, now: datetime) -> dict[str, Any]:
    entry = decision.entry
    return {
        "kind": "news",
        "source_id": source_id,
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
    decision: Decision, source_id: int, document_id: int, now: datetime
) -> dict[str, Any]:
    return {
        "source_id": source_id,
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
