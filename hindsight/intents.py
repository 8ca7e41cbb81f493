"""What ingesting feeds decided, as plain data: the contract between deciding and storing.

The ingest stage works in three steps, as lemon24/reader's update does: it reads what storage
knows (`FeedState`, `KnownEntry`, ids of stored documents), decides with pure functions what
changed (`hindsight/feeds/update.py`), then hands storage one `FeedUpdate`, which
`storage.feeds.apply_update` writes in the caller's transaction. The types live here, in a
module that imports only the standard library, so that `hindsight.feeds` may depend on
`storage` and `storage` never on `hindsight.feeds`: storage knows rows, not feeds or parsers.

Each intent carries identities (row ids) for what exists and plain values for what is new, so
applying it is mechanical and a run that dies leaves a batch either fully written or untouched.
Intents are values, never changed once made; the types made once per entry are not declared
frozen only because a frozen dataclass costs three times as much to build.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal


@dataclass(frozen=True, slots=True)
class FeedHealth:
    """A feed's polling state, as `sources` keeps it: the columns one poll rewrites."""

    last_fetched_at: datetime | None = None
    last_status: int | None = None
    consecutive_failures: int = 0
    last_error: str | None = None
    last_error_kind: str | None = None
    last_warning: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    title: str | None = None
    site_url: str | None = None
    next_check_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class FeedState:
    """What storage knows of a subscribed feed before a poll is recorded."""

    source_id: int
    url: str
    health: FeedHealth


@dataclass(slots=True)
class KnownEntry:
    """What storage remembers of an entry a feed carried before.

    `entry_id` (the `feed_entries` row) and `document_id` are set when read from the database,
    so an intent about this entry names its rows instead of finding them again by key.
    """

    key: str
    link_key: str | None
    content_hash: str
    title: str
    entry_id: int | None = None
    document_id: int | None = None


@dataclass(slots=True)
class Content:
    """The values of a story to store: the entry's, already chosen (published, else updated)."""

    title: str
    text: str
    content_hash: str  # of the text stored (the full text when it was fetched)
    url: str | None = None
    guid: str | None = None
    author: str | None = None
    published: datetime | None = None


@dataclass(slots=True)
class NewDocument:
    """A news story no stored document holds yet, first carried by feed `source_id`."""

    source_id: int
    link_key: str | None
    content: Content


EntryAction = Literal["new", "updated", "rekeyed"]


@dataclass(slots=True)
class EntryIntent:
    """One change to one feed's entry.

    - "new": a `feed_entries` row pointing at `document_id` (a stored story another feed or an
      earlier entry carried) or at `new_document`, an index into `FeedUpdate.documents`;
    - "updated": the entry's text or title changed: the document (`document_id`) keeps its old
      text as a version and takes `content`; the entry row (`entry_id`) takes the new hash,
      title and key;
    - "rekeyed": same text under a new GUID: only the entry row's key and GUID change.
    """

    action: EntryAction
    source_id: int
    key: str
    guid: str | None
    link_key: str | None
    content_hash: str  # of the feed's own text: the change detector of the next poll
    title: str
    content: Content | None  # an updated story's new values (a new one's are its NewDocument)
    entry_id: int | None = None
    document_id: int | None = None
    new_document: int | None = None


@dataclass(frozen=True, slots=True)
class FeedIntent:
    """A feed's health after a poll and, for a permanent redirect that is free, its new URL."""

    source_id: int
    health: FeedHealth
    move_to: str | None = None


@dataclass(frozen=True)
class FeedUpdate:
    """Everything one batch of polls changes, applied by storage in one transaction.

    `entries` are applied in order after `documents` are created; `feeds` in order, so a feed
    polled twice in a batch ends with its last health.
    """

    now: datetime
    documents: list[NewDocument] = field(default_factory=list)
    entries: list[EntryIntent] = field(default_factory=list)
    feeds: list[FeedIntent] = field(default_factory=list)
