"""Deciding what a batch of polls changes, from plain values: no database, no network, a set clock.

Each scenario is data: the polls, what storage knows, and the intents expected, written the way
a reader checks them (entries by GUID, stories as "doc 7" for a stored one or "new 0" for the
first document the batch creates).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from hindsight.feeds.dedupe import content_hash, entry_key, link_key, story_hash
from hindsight.feeds.health import Outcome
from hindsight.feeds.parse import ParsedEntry
from hindsight.feeds.update import Decided, FeedWrite, Knowledge, decide, lookups
from hindsight.intents import FeedHealth, FeedState, KnownEntry

NOW = datetime(2025, 3, 1, 12, tzinfo=UTC)
HOUR, WEEK = 3600.0, 7 * 86400.0
OK = Outcome(status=200)
STORY = "The carmaker said deliveries of the new sedan would double next year in Europe. " * 4


def entry(guid: str | None, link: str | None, text: str = "short", title: str = "T") -> ParsedEntry:
    return ParsedEntry(guid=guid, link=link, title=title, text=text, html=text)


def known(e: ParsedEntry, entry_id: int, document_id: int) -> KnownEntry:
    digest = content_hash(e.title, e.text)
    return KnownEntry(entry_key(e), link_key(e.link), digest, e.title, entry_id, document_id)


def feeds(*ids: int) -> dict[int, FeedState]:
    return {i: FeedState(i, f"http://f{i}.example/rss", FeedHealth()) for i in ids}


A = entry("a", "http://n.example/a", "Deliveries start in May.")
A_EDITED = replace(A, text="Deliveries start in June.")
A_NEW_GUID = replace(A, guid="a-v2")  # a CMS migration: same link, same text, another GUID
B = entry("b", "http://n.example/b", "Another story.")
WIRE_1 = entry("w1", "http://wire.example/s?utm_source=one", STORY)
WIRE_2 = entry("w2", "http://elsewhere.example/copy", STORY.upper())
HOME_1 = entry("h1", "http://site.example/", "First post on the home page.")
HOME_2 = entry("h2", "http://site.example/", "Second post on the home page.")


@dataclass(frozen=True)
class Scenario:
    name: str
    writes: list[FeedWrite]
    knowledge: Knowledge
    documents: list[str]  # new documents, by GUID of the entry that brought them
    entries: list[tuple[str, int, str | None, str]]  # action, feed, GUID, story or row
    counts: list[tuple[int, int, int, int] | None]  # new, updated, unchanged, new documents
    extra: dict[str, Any] = field(default_factory=dict)


SCENARIOS = [
    Scenario(
        "a new entry is a new story",
        [FeedWrite(1, OK, [A])],
        Knowledge(feeds(1)),
        documents=["a"],
        entries=[("new", 1, "a", "new 0")],
        counts=[(1, 0, 0, 1)],
    ),
    Scenario(
        "an entry seen before with the same text changes nothing",
        [FeedWrite(1, OK, [A])],
        Knowledge(feeds(1), {1: {known(A, 10, 20).key: known(A, 10, 20)}}),
        documents=[],
        entries=[],
        counts=[(0, 0, 1, 0)],
    ),
    Scenario(
        "a changed text updates the stored row and story, named by their ids",
        [FeedWrite(1, OK, [A_EDITED, B])],
        Knowledge(feeds(1), {1: {known(A, 10, 20).key: known(A, 10, 20)}}),
        documents=["b"],
        entries=[("new", 1, "b", "new 0"), ("updated", 1, "a", "row 10 doc 20")],
        counts=[(1, 1, 0, 1)],
    ),
    Scenario(
        "a new GUID on the same link and text re-keys the row instead of adding one",
        [FeedWrite(1, OK, [A_NEW_GUID])],
        Knowledge(feeds(1), {1: {known(A, 10, 20).key: known(A, 10, 20)}}),
        documents=[],
        entries=[("rekeyed", 1, "a-v2", "row 10 doc 20")],
        counts=[(0, 0, 1, 0)],
    ),
    Scenario(
        "a story another feed brought earlier is carried, not stored again",
        [FeedWrite(2, OK, [WIRE_2])],
        Knowledge(feeds(2), documents_by_hash={content_hash("", STORY): 7}),
        documents=[],
        entries=[("new", 2, "w2", "doc 7")],
        counts=[(1, 0, 0, 0)],
    ),
    Scenario(
        "a link stored earlier (tracking parameters aside) is the same story",
        [FeedWrite(2, OK, [replace(A, guid="other", link="http://n.example/a?utm_medium=x")])],
        Knowledge(feeds(2), documents_by_link={"http://n.example/a": 5}),
        documents=[],
        entries=[("new", 2, "other", "doc 5")],
        counts=[(1, 0, 0, 0)],
    ),
    Scenario(
        "two feeds of one batch carrying one story make one document",
        [FeedWrite(1, OK, [WIRE_1]), FeedWrite(2, OK, [WIRE_2])],
        Knowledge(feeds(1, 2)),
        documents=["w1"],
        entries=[("new", 1, "w1", "new 0"), ("new", 2, "w2", "new 0")],
        counts=[(1, 0, 0, 1), (1, 0, 0, 0)],
    ),
    Scenario(
        "a link several new entries share (a home page) identifies none of them",
        [FeedWrite(1, OK, [HOME_1, HOME_2])],
        Knowledge(feeds(1), documents_by_link={"http://site.example/": 3}),
        documents=["h1", "h2"],
        entries=[("new", 1, "h1", "new 0"), ("new", 1, "h2", "new 1")],
        counts=[(2, 0, 0, 2)],
    ),
    Scenario(
        "a repost of a stored entry under a new GUID (same link, same text) is its story",
        [FeedWrite(1, OK, [A, replace(A, guid="a-again")])],
        Knowledge(
            feeds(1),
            {1: {known(A, 10, 20).key: known(A, 10, 20)}},
            documents_by_link={"http://n.example/a": 20},
        ),
        documents=[],
        entries=[("new", 1, "a-again", "doc 20")],
        counts=[(1, 0, 1, 0)],
    ),
    Scenario(
        "a feed unsubscribed while it was fetched is reported and left alone",
        [FeedWrite(9, OK, [A]), FeedWrite(1, OK, [B])],
        Knowledge(feeds(1)),
        documents=["b"],
        entries=[("new", 1, "b", "new 0")],
        counts=[None, (1, 0, 0, 1)],
        extra={"found": [False, True], "feeds": [1]},
    ),
]


def target(intent: Any) -> str:
    if intent.action == "new":
        if intent.new_document is not None:
            return f"new {intent.new_document}"
        return f"doc {intent.document_id}"
    return f"row {intent.entry_id} doc {intent.document_id}"


def run(writes: list[FeedWrite], knowledge: Knowledge) -> Decided:
    return decide(writes, knowledge, now=NOW, interval=HOUR, max_backoff=WEEK)


@pytest.mark.parametrize("case", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_entries_are_decided_from_what_storage_knows(case: Scenario) -> None:
    decided = run(case.writes, case.knowledge)
    update = decided.update
    assert [d.content.guid for d in update.documents] == case.documents
    assert [(e.action, e.source_id, e.guid, target(e)) for e in update.entries] == case.entries
    counts = [
        (c.new, c.updated, c.unchanged, c.new_documents) if (c := r.counts) else None
        for r in decided.results
    ]
    assert counts == case.counts
    assert [r.found for r in decided.results] == case.extra.get("found", [True] * len(counts))
    polled = case.extra.get("feeds", sorted({w.source_id for w in case.writes}))
    assert [f.source_id for f in update.feeds] == polled
    assert all(f.health.last_fetched_at == NOW for f in update.feeds)


def test_an_updated_story_carries_its_new_text_and_keeps_its_date_when_the_feed_has_none() -> None:
    (intent,) = run(
        [FeedWrite(1, OK, [A_EDITED])],
        Knowledge(feeds(1), {1: {known(A, 10, 20).key: known(A, 10, 20)}}),
    ).update.entries
    assert intent.content is not None and intent.content.text == "Deliveries start in June."
    assert intent.content_hash == content_hash("T", "Deliveries start in June.")
    assert intent.content.published is None  # storage keeps the date it has


def test_what_to_read_is_only_what_new_entries_could_repeat() -> None:
    writes = [
        FeedWrite(1, OK, [A, WIRE_1, HOME_1, HOME_2]),
        FeedWrite(2, Outcome(status=200, permanent_url="http://f2.example/new")),
    ]
    wanted = lookups(writes, {1: {known(A, 10, 20).key: known(A, 10, 20)}})
    # Not A's (known); the shared home page's too, though it may turn out to identify nothing.
    assert wanted.links == {"http://wire.example/s", "http://site.example/"}
    assert wanted.hashes == {story_hash(STORY)}  # the only text long enough to be a story
    assert wanted.urls == {"http://f2.example/new"}


# Feed health: (outcomes of successive polls, hours between them) -> what the last one leaves.
HEALTH = [
    ("a success is polled again after the interval", [OK], dict(failures=0, wait=HOUR)),
    (
        "each failure doubles the wait",
        [Outcome(status=500, error="HTTP 500", error_kind="http")] * 3,
        dict(failures=3, wait=8 * HOUR, error="HTTP 500"),
    ),
    (
        "the wait is capped at the maximum back-off",
        [Outcome(error="timed out", error_kind="timeout")] * 12,
        dict(failures=12, wait=WEEK),
    ),
    (
        "a server's Retry-After is never undercut",
        [Outcome(status=429, error="HTTP 429", error_kind="http", retry_after=5 * HOUR)],
        dict(failures=1, wait=5 * HOUR),
    ),
    (
        "a success after failures clears them and keeps the new validators",
        [Outcome(status=500, error="HTTP 500", error_kind="http"), Outcome(200, etag='"v2"')],
        dict(failures=0, wait=HOUR, etag='"v2"', error=None),
    ),
    (
        "a 304 keeps the validators it was asked with",
        [Outcome(200, etag='"v1"'), Outcome(304, not_modified=True)],
        dict(failures=0, wait=HOUR, etag='"v1"'),
    ),
]


@pytest.mark.parametrize("outcomes, expected", [h[1:] for h in HEALTH], ids=[h[0] for h in HEALTH])
def test_feed_health_is_decided_from_the_polls_and_the_clock(
    outcomes: list[Outcome], expected: dict[str, Any]
) -> None:
    knowledge, when = Knowledge(feeds(1)), NOW
    for outcome in outcomes:  # one batch per poll, the clock moved on by an hour each time
        when += timedelta(hours=1)
        decided = decide(
            [FeedWrite(1, outcome)], knowledge, now=when, interval=HOUR, max_backoff=WEEK
        )
        (feed,) = decided.update.feeds
        knowledge = Knowledge({1: FeedState(1, knowledge.feeds[1].url, feed.health)})
    health = feed.health
    assert health.consecutive_failures == expected["failures"]
    assert health.next_check_at == when + timedelta(seconds=expected["wait"])
    assert health.last_fetched_at == when
    if "etag" in expected:
        assert health.etag == expected["etag"]
    if "error" in expected:
        assert health.last_error == expected["error"]


def test_a_permanent_redirect_is_followed_unless_another_feed_has_the_address() -> None:
    moved = Outcome(status=200, permanent_url="http://f1.example/new")
    free = run([FeedWrite(1, moved)], Knowledge(feeds(1)))
    assert [f.move_to for f in free.update.feeds] == ["http://f1.example/new"]
    assert free.results[0].move == (
        "moved permanently from http://f1.example/rss to http://f1.example/new"
    )
    taken = run([FeedWrite(1, moved)], Knowledge(feeds(1), sources_by_url={moved.permanent_url: 4}))
    (feed,) = taken.update.feeds
    assert feed.move_to is None
    assert feed.health.last_warning == "moved permanently to http://f1.example/new, " + (
        "already subscribed as feed 4"
    )


def test_a_feed_polled_twice_in_a_batch_ends_with_its_last_poll() -> None:
    failed = Outcome(status=500, error="HTTP 500", error_kind="http")
    moved = Outcome(status=200, permanent_url="http://f1.example/new", feed_title="A")
    decided = run([FeedWrite(1, moved, [A]), FeedWrite(1, failed)], Knowledge(feeds(1)))
    (feed,) = decided.update.feeds
    assert (feed.move_to, feed.health.title) == ("http://f1.example/new", "A")
    assert (feed.health.consecutive_failures, feed.health.last_error) == (1, "HTTP 500")


def test_a_feed_whose_entries_come_twice_in_one_batch_is_refused() -> None:
    with pytest.raises(ValueError, match="feed 1 has entries twice"):
        run([FeedWrite(1, OK, [A]), FeedWrite(1, OK, [B])], Knowledge(feeds(1)))
