"""Storing entries: updated in place with history, syndication stored once, a transaction a feed."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from hindsight.feeds.fetch import FetchSettings
from hindsight.feeds.health import Outcome
from hindsight.feeds.parse import parse_feed
from hindsight.feeds.pipeline import _BatchWriter, ingest, store_feeds
from hindsight.feeds.update import FeedWrite, FeedWritten, StoreCounts
from storage import feeds as repo
from storage.db import Database
from storage.models import Document, DocumentVersion, FeedEntry, Source
from tests.feed_server import FeedServer, rss

NOW = datetime(2024, 6, 1, tzinfo=UTC)
SETTINGS = FetchSettings(retries=0, parse_workers=0)
STORY = "Shares of the carmaker rose after it said deliveries would double next year. " * 4


def count(db: Database, model: type) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_add_list_get_and_remove_feeds(db: Database) -> None:
    with db.session() as session:
        source, created = repo.add_feed(session, " http://a.example/rss ", name="A", full_text=True)
        again, created_again = repo.add_feed(session, "http://a.example/rss")
        repo.add_feed(session, "http://b.example/rss", enabled=False)
        assert created and not created_again and again.id == source.id
        assert [s.url for s in repo.list_feeds(session)] == [
            "http://a.example/rss",
            "http://b.example/rss",
        ]
        assert [s.url for s in repo.list_feeds(session, enabled_only=True)] == [
            "http://a.example/rss"
        ]
        assert repo.get_feed(session, source.id) is source
        assert [s.url for s in repo.due_feeds(session, NOW)] == ["http://a.example/rss"]
        assert repo.remove_feed(session, "http://a.example/rss")
        assert not repo.remove_feed(session, "http://a.example/rss")
    assert count(db, Source) == 1


def test_changed_entry_is_updated_in_place_and_its_old_text_kept(db: Database) -> None:
    with FeedServer() as server:
        url = server.serve("/f", rss([("1", "http://n.example/1", "Deliveries start in May.")]))
        ingest(db, feeds=[url], settings=SETTINGS, now=NOW)
        server.serve("/f", rss([("1", "http://n.example/1", "Deliveries start in June.")]))
        report = ingest(db, feeds=[url], settings=SETTINGS, now=NOW)
    assert (report.new, report.updated, report.unchanged) == (0, 1, 0)
    with db.session() as session:
        (document,) = session.scalars(select(Document)).all()
        assert document.text == "Deliveries start in June."
        (version,) = session.scalars(select(DocumentVersion)).all()
        assert version.text == "Deliveries start in May." and version.document_id == document.id
        assert version.content_hash != document.content_hash


def test_syndicated_story_is_one_document_carried_by_two_feeds(db: Database) -> None:
    with FeedServer() as server:
        a = server.serve("/a", rss([("a-1", "http://wire.example/s?utm_source=a", STORY)]))
        b = server.serve("/b", rss([("b-9", "http://wire.example/s?utm_source=b", STORY)]))
        c = server.serve("/c", rss([("c-3", "http://other.example/copy", STORY.upper())]))
        report = ingest(db, feeds=[a, b, c], settings=SETTINGS, now=NOW)
    assert report.new == 3 and report.new_documents == 1
    assert count(db, FeedEntry) == 3 and count(db, Document) == 1


def test_a_feed_is_stored_whole_or_not_at_all(db: Database) -> None:
    body = rss([(str(i), f"http://n.example/{i}", f"item {i}") for i in range(50)])
    entries = parse_feed(body).entries
    with db.session() as session:
        source, _ = repo.add_feed(session, "http://n.example/rss")
        write = FeedWrite(source.id, Outcome(status=200), entries)
    with pytest.raises(RuntimeError), db.session() as session:
        store_feeds(session, [write], now=NOW, interval=3600, max_backoff=86400)
        raise RuntimeError("the run dies here, before the transaction ends")
    assert count(db, FeedEntry) == 0 and count(db, Document) == 0
    with db.session() as session:
        assert session.scalars(select(Source.last_status)).one() is None
        (written,) = store_feeds(session, [write], now=NOW, interval=3600, max_backoff=86400)
    assert written.counts is not None and written.counts.new == 50
    assert count(db, FeedEntry) == 50


def test_teasers_are_completed_from_the_article_page(db: Database) -> None:
    article = (
        "<html><head><title>Plant opens</title></head><body><nav>Home | World | Sport</nav>"
        "<article><h1>Plant opens</h1>"
        + "".join(
            f"<p>Paragraph {i}: the new plant will build cars for export markets.</p>"
            for i in range(12)
        )
        + "</article><footer>Copyright</footer></body></html>"
    ).encode()
    with FeedServer() as server:
        page = server.serve("/story", article, "text/html; charset=utf-8")
        url = server.serve("/f", rss([("1", page, "The new plant opens today [...]")]))
        with db.session() as session:
            repo.add_feed(session, url, full_text=True)
        report = ingest(db, settings=SETTINGS, now=NOW)
        # The feed changes elsewhere (its title) but the teaser does not: nothing to re-fetch.
        server.serve("/f", rss([("1", page, "The new plant opens today [...]")], title="Renamed"))
        again = ingest(db, feeds=[url], settings=SETTINGS, now=NOW)
        hits = server.hits.get("/story", 0)
    assert report.new == 1 and hits == 1
    assert (again.new, again.updated, again.unchanged) == (0, 0, 1)
    with db.session() as session:
        document = session.scalars(select(Document)).one()
    assert "Paragraph 11: the new plant will build cars" in document.text
    assert "Copyright" not in document.text and "Sport" not in document.text


def test_identical_body_without_validators_is_not_parsed_again(db: Database) -> None:
    with FeedServer() as server:
        server.validators = False  # no ETag, no Last-Modified: every poll gets a 200
        url = server.serve("/f", rss([("1", "http://n.example/1", "text")]))
        first = ingest(db, feeds=[url], settings=SETTINGS, now=NOW)
        second = ingest(db, feeds=[url], settings=SETTINGS, now=NOW)
        server.serve(
            "/f", rss([("1", "http://n.example/1", "text"), ("2", "http://n.example/2", "more")])
        )
        third = ingest(db, feeds=[url], settings=SETTINGS, now=NOW)
    assert first.new == 1 and first.feeds[0].http_status == 200
    assert second.feeds[0].status == "not-modified" and second.feeds[0].http_status == 200
    assert second.new == second.unchanged == 0
    assert third.new == 1 and third.unchanged == 1


def test_page_that_is_not_a_feed_is_not_parsed_again_until_it_changes(db: Database) -> None:
    page = b"<!DOCTYPE html><html><body><p>Our feed moved. Sorry!</p></body></html>"
    with FeedServer() as server:
        url = server.serve("/f", page, "text/html; charset=utf-8")
        first = ingest(db, feeds=[url], settings=SETTINGS, now=NOW)
        second = ingest(db, feeds=[url], settings=SETTINGS, now=NOW)
        with db.session() as session:
            failures = session.scalars(select(Source.consecutive_failures)).one()
        server.serve("/f", rss([("1", "http://n.example/1", "Back as a feed.")]))
        third = ingest(db, feeds=[url], settings=SETTINGS, now=NOW)
    (a,), (b,), (c,) = first.feeds, second.feeds, third.feeds
    assert a.error_kind == "not-a-feed" and a.parser == "feedparser" and "HTML" in (a.error or "")
    # The same page again: answered by a 304 and known to be no feed without parsing it.
    assert (b.http_status, b.error_kind, b.error, b.parser) == (304, "not-a-feed", a.error, None)
    assert failures == 2
    assert c.status == "ok" and c.new == 1
    with db.session() as session:
        source = session.scalars(select(Source)).one()
        assert source.consecutive_failures == 0 and source.last_error_kind is None


def test_feeds_stored_together_are_stored_as_if_one_by_one(db: Database) -> None:
    entry = parse_feed(rss([("a-1", "http://wire.example/s", STORY)])).entries[0]
    copy = parse_feed(rss([("b-7", "http://elsewhere.example/s", STORY)])).entries[0]
    with db.session() as session:
        a, _ = repo.add_feed(session, "http://a.example/rss")
        b, _ = repo.add_feed(session, "http://b.example/rss")
        ids = (a.id, b.id)
    moved = Outcome(status=200, permanent_url="http://b.example/new-rss")
    writes = [
        FeedWrite(ids[0], Outcome(status=200, feed_title="A"), [entry]),
        FeedWrite(ids[1], moved, [copy]),
        FeedWrite(ids[1] + 100, Outcome(status=200), [entry]),  # unsubscribed meanwhile
        FeedWrite(ids[0], Outcome(status=500, error="HTTP 500", error_kind="http")),
    ]
    with db.session() as session:
        done = store_feeds(session, writes, now=NOW, interval=3600, max_backoff=86400)
    assert [w.counts.new if w.counts else None for w in done] == [1, 1, None, None]
    assert [w.found for w in done] == [True, True, False, True]
    assert done[1].move == "moved permanently from http://b.example/rss to http://b.example/new-rss"
    assert count(db, Document) == 1 and count(db, FeedEntry) == 2  # one story, two feeds
    with db.session() as session:
        first, second = session.scalars(select(Source).order_by(Source.id)).all()
    # Polls of one source in one batch apply in turn: A's success, then its failure.
    assert (first.title, first.consecutive_failures, first.last_error) == ("A", 1, "HTTP 500")
    assert second.url == "http://b.example/new-rss" and second.consecutive_failures == 0


def test_a_feed_the_database_refuses_does_not_take_its_batch_down(db: Database) -> None:
    good = parse_feed(rss([("1", "http://n.example/1", "fine")])).entries
    bad = [replace(good[0], guid="x", link="http://n.example/x", text="broken \ud800 text")]
    with db.session() as session:
        ids = [repo.add_feed(session, f"http://{n}.example/rss")[0].id for n in "abc"]
    writes = [
        FeedWrite(ids[0], Outcome(status=200), good),
        FeedWrite(ids[1], Outcome(status=200), bad),
        FeedWrite(ids[2], Outcome(status=304, not_modified=True)),
    ]

    async def store_all() -> list[FeedWritten | BaseException]:
        with ThreadPoolExecutor(1) as thread:
            writer = _BatchWriter(db, SETTINGS, NOW, thread)
            futures = [writer.submit(w) for w in writes]
            return await asyncio.gather(*futures, return_exceptions=True)

    results = asyncio.run(store_all())
    assert isinstance(results[1], Exception)
    first, third = results[0], results[2]
    assert isinstance(first, FeedWritten) and first.counts == StoreCounts(new=1, new_documents=1)
    assert isinstance(third, FeedWritten) and third.found
    assert count(db, FeedEntry) == 1
    with db.session() as session:
        polled = session.scalars(select(Source.last_status).order_by(Source.id)).all()
    assert polled == [200, None, 304]


def test_updates_and_new_guids_are_applied_to_the_rows_they_name(db: Database) -> None:
    published = datetime(2024, 5, 1, tzinfo=UTC)
    story = parse_feed(rss([("w", "http://wire.example/s", STORY)])).entries[0]
    story = replace(story, published=published)
    other = replace(story, guid="w-copy", link="http://copy.example/s")
    moved = parse_feed(rss([("m", "http://n.example/m", "Moved entry.")])).entries[0]
    with db.session() as session:
        ids = [repo.add_feed(session, f"http://{n}.example/rss")[0].id for n in "ab"]

    def store(*writes: FeedWrite) -> list[FeedWritten]:
        with db.session() as session:
            return store_feeds(session, list(writes), now=NOW, interval=3600, max_backoff=86400)

    ok = Outcome(status=200)
    store(FeedWrite(ids[0], ok, [story, moved]), FeedWrite(ids[1], ok, [other]))
    with db.session() as session:
        row_ids = dict(session.execute(select(FeedEntry.guid, FeedEntry.id)).all())
    corrected = story.text + " Corrected."
    # Both feeds correct the story they share (without a date); the first re-keys an entry.
    done = store(
        FeedWrite(
            ids[0], ok, [replace(story, text=corrected, published=None), replace(moved, guid="m2")]
        ),
        FeedWrite(ids[1], ok, [replace(other, text=corrected + " Again.", published=None)]),
    )
    assert [(w.counts.updated, w.counts.unchanged) for w in done if w.counts] == [(1, 1), (1, 0)]
    with db.session() as session:
        document = session.scalars(select(Document).where(Document.guid == "w")).one()
        versions = session.scalars(select(DocumentVersion.text).order_by(DocumentVersion.id)).all()
        rows = dict(session.execute(select(FeedEntry.guid, FeedEntry.id)).all())
    assert document.text == corrected + " Again." and document.published == published
    assert versions == [story.text, corrected]  # each text it had, in turn
    assert rows == {"w": row_ids["w"], "w-copy": row_ids["w-copy"], "m2": row_ids["m"]}
    assert count(db, FeedEntry) == 3 and count(db, Document) == 2
