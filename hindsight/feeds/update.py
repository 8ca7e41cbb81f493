"""Deciding what a batch of polls changes, from plain inputs: no I/O, no clock, no database.

The ingest stage records polls in three steps (lemon24/reader's update works the same way):

1. read what storage knows, as plain values (`Knowledge`: each feed's URL and health, the
   entries it carried, the stored stories the new entries may repeat, URLs already subscribed);
   `lookups` says which stories and URLs to read;
2. `decide` turns the polls and that knowledge into intents (`hindsight.intents.FeedUpdate`):
   which entries are new, updated or re-keyed, which stories are new documents and which are
   carried already, each feed's health and whether it follows a permanent redirect;
3. storage applies the `FeedUpdate` in one transaction (`storage.feeds.apply_update`).

Everything here is a function of its arguments, `now` included, so each rule is tested with
plain values (`tests/test_feeds_update.py`) and a crash can only ever leave a batch unapplied.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from hindsight.feeds.dedupe import Decision, Keyed, as_keyed, identifying_links, plan
from hindsight.feeds.health import Outcome, updated_health
from hindsight.feeds.parse import ParsedEntry
from hindsight.intents import (
    Content,
    EntryAction,
    EntryIntent,
    FeedIntent,
    FeedState,
    FeedUpdate,
    KnownEntry,
    NewDocument,
)


@dataclass(frozen=True)
class FeedWrite:
    """One feed's poll to record: how it went, and its parsed entries when it had some."""

    source_id: int
    outcome: Outcome
    entries: Sequence[ParsedEntry] | Sequence[Keyed] = ()


@dataclass(frozen=True)
class StoreCounts:
    """What recording one feed's entries did: per feed entry, and how many documents it created."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    new_documents: int = 0


@dataclass(frozen=True)
class FeedWritten:
    """What recording one `FeedWrite` did; `found` is False for a feed removed meanwhile."""

    counts: StoreCounts | None = None
    move: str | None = None
    found: bool = True


@dataclass(frozen=True)
class Knowledge:
    """What storage knows that a batch of polls is decided against, as plain values."""

    feeds: Mapping[int, FeedState]
    entries: Mapping[int, Mapping[str, KnownEntry]] = field(default_factory=dict)
    documents_by_link: Mapping[str, int] = field(default_factory=dict)  # news stories, any feed
    documents_by_hash: Mapping[str, int] = field(default_factory=dict)
    sources_by_url: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Lookups:
    """The stored stories (by link key, by text hash) and subscriptions (by URL) to read."""

    links: set[str]
    hashes: set[str]
    urls: set[str]


@dataclass(frozen=True)
class Decided:
    """The intents of a batch, and per poll (in order) what recording it does."""

    update: FeedUpdate
    results: list[FeedWritten]


@dataclass(frozen=True, slots=True)
class _Ref:
    """A story: a stored document's id, or an index into the update's new documents."""

    document_id: int | None = None
    new_document: int | None = None


def lookups(writes: Sequence[FeedWrite], known: Mapping[int, Mapping[str, KnownEntry]]) -> Lookups:
    """What `decide` needs read besides feeds and entries: stories only for unknown entries.

    An entry whose key the feed has not carried is new (or, rarely, re-keyed). Its link is
    read even when `decide` will find that it identifies no story (a home page the feed uses
    for several texts): a few index lookups too many cost less than planning the feed twice.
    """
    links: set[str] = set()
    hashes: set[str] = set()
    for write in writes:
        if not write.entries:
            continue
        seen = known.get(write.source_id, {})
        fresh = [k for k in as_keyed(write.entries) if k.key not in seen]
        links.update(k.link_key for k in fresh if k.link_key)
        hashes.update(k.content_hash for k in fresh if k.story)
    urls = {w.outcome.permanent_url for w in writes if w.outcome.ok and w.outcome.permanent_url}
    return Lookups(links, hashes, urls)


def decide(
    writes: Sequence[FeedWrite],
    knowledge: Knowledge,
    *,
    now: datetime,
    interval: float,
    max_backoff: float,
) -> Decided:
    """The intents that record `writes`, in order, as if each feed were recorded alone.

    A story two feeds of the batch carry becomes one document; a feed removed meanwhile is
    reported not found and changes nothing; a feed polled twice ends with its last health. A
    feed's entries may come once per batch (a second set would be decided against a stale
    picture of its entries): that is refused with ValueError.
    """
    update = FeedUpdate(now)
    by_link = {k: _Ref(document_id=v) for k, v in knowledge.documents_by_link.items()}
    by_hash = {k: _Ref(document_id=v) for k, v in knowledge.documents_by_hash.items()}
    states = dict(knowledge.feeds)
    taken = dict(knowledge.sources_by_url)
    feeds: dict[int, FeedIntent] = {}
    with_entries: set[int] = set()
    results = []
    for write in writes:
        source_id = write.source_id
        state = states.get(source_id)
        if state is None:  # unsubscribed while the run was fetching it
            results.append(FeedWritten(found=False))
            continue
        counts = None
        if write.entries:
            if source_id in with_entries:
                raise ValueError(f"feed {source_id} has entries twice in one batch")
            with_entries.add(source_id)
            known = knowledge.entries.get(source_id, {})
            counts = _decide_entries(write, known, by_link, by_hash, update)
        outcome, move_to, move = write.outcome, None, None
        new_url = outcome.permanent_url
        if outcome.ok and new_url and new_url != state.url:
            other = taken.get(new_url)
            if other is not None and other != source_id:
                move = f"moved permanently to {new_url}, already subscribed as feed {other}"
            else:
                move_to, move = new_url, f"moved permanently from {state.url} to {new_url}"
                taken.pop(state.url, None)
                taken[new_url] = source_id
        health = updated_health(
            state.health,
            outcome,
            now=now,
            interval=interval,
            max_backoff=max_backoff,
            move_warning=move,
        )
        states[source_id] = FeedState(source_id, move_to or state.url, health)
        earlier = feeds.get(source_id)
        if earlier is not None and move_to is None:
            move_to = earlier.move_to
        feeds[source_id] = FeedIntent(source_id, health, move_to)
        results.append(FeedWritten(counts, move))
    update.feeds.extend(feeds.values())
    return Decided(update, results)


def _new_entries(
    decisions: Sequence[Decision], known: Mapping[str, KnownEntry]
) -> list[tuple[Decision, str | None]]:
    """The new entries, each with its link key when that link identifies its story.

    A link the feed uses for entries with different texts (a home page) identifies none of
    them (`dedupe.identifying_links`).
    """
    links = identifying_links(decisions, known)
    return [
        (d, d.link_key if d.link_key in links else None) for d in decisions if d.action == "new"
    ]


def _decide_entries(
    write: FeedWrite,
    known: Mapping[str, KnownEntry],
    by_link: dict[str, _Ref],
    by_hash: dict[str, _Ref],
    update: FeedUpdate,
) -> StoreCounts:
    """Add one feed's entry intents to `update`; what they come to, in counts."""
    source_id = write.source_id
    decisions = plan(write.entries, known)
    tally = Counter(d.action for d in decisions)
    created = len(update.documents)
    for decision, link in _new_entries(decisions, known):
        ref = by_link.get(link) if link else None
        if ref is None and decision.story:
            ref = by_hash.get(decision.content_hash)
        if ref is None:
            update.documents.append(NewDocument(source_id, decision.link_key, _content(decision)))
            ref = _Ref(new_document=len(update.documents) - 1)
            if link:
                by_link[link] = ref
            if decision.story:
                by_hash[decision.content_hash] = ref
        update.entries.append(
            _intent("new", source_id, decision, None, None, ref.document_id, ref.new_document)
        )
    for decision in decisions:
        if decision.action == "new":
            continue
        previous = known[decision.previous_key or decision.key]
        action: EntryAction
        changed: Content | None = None
        if decision.action == "updated":
            action, changed = "updated", _content(decision)
        elif decision.previous_key:
            action = "rekeyed"
        else:
            continue
        update.entries.append(
            _intent(action, source_id, decision, changed, previous.entry_id, previous.document_id)
        )
    return StoreCounts(
        new=tally["new"],
        updated=tally["updated"],
        unchanged=tally["unchanged"],
        new_documents=len(update.documents) - created,
    )


def _intent(
    action: EntryAction,
    source_id: int,
    decision: Decision,
    content: Content | None,
    entry_id: int | None,
    document_id: int | None,
    new_document: int | None = None,
) -> EntryIntent:
    return EntryIntent(
        action,
        source_id,
        decision.key,
        decision.entry.guid,
        decision.link_key,
        decision.content_hash,
        decision.entry.title,
        content,
        entry_id=entry_id,
        document_id=document_id,
        new_document=new_document,
    )


def _content(decision: Decision) -> Content:
    entry = decision.entry
    return Content(
        title=entry.title,
        text=entry.text,
        content_hash=decision.text_hash or decision.content_hash,
        url=entry.link,
        guid=entry.guid,
        author=entry.author,
        published=entry.published or entry.updated,
    )
