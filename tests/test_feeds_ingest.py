"""Storing entries: updates in place with history, syndication stored once, whole-feed transactions."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from hindsight.feeds.fetch import FetchSettings
from hindsight.feeds.parse import parse_feed
from hindsight.feeds.pipeline import ingest
from storage import feeds as repo
from storage.models import Document, DocumentVersion, FeedEntry, Source
from tests.feed_server import FeedServer, make_db, rss

NOW = datetime(2024, 6, 1, tzinfo=UTC)
SETTINGS = FetchSettings(retries=0, parse_workers=0)
STORY = "Shares of the carmaker rose after it said deliveries would double next year. " * 4


def count(db, model) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_add_list_get_and_remove_feeds(tmp_path: Path) -> None:
    db = make_db(tmp_path)
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


def test_changed_entry_is_updated_in_place_and_its_old_text_kept(tmp_path: Path) -> None:
    db = make_db(tmp_path)
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


def test_syndicated_story_is_one_document_carried_by_two_feeds(tmp_path: Path) -> None:
    db = make_db(tmp_path)
    with FeedServer() as server:
        a = server.serve("/a", rss([("a-1", "http://wire.example/s?utm_source=a", STORY)]))
        b = server.serve("/b", rss([("b-9", "http://wire.example/s?utm_source=b", STORY)]))
        c = server.serve("/c", rss([("c-3", "http://other.example/copy", STORY.upper())]))
        report = ingest(db, feeds=[a, b, c], settings=SETTINGS, now=NOW)
    assert report.new == 3 and report.new_documents == 1
    assert count(db, FeedEntry) == 3 and count(db, Document) == 1


def test_a_feed_is_stored_whole_or_not_at_all(tmp_path: Path) -> None:
    db = make_db(tmp_path)
    body = rss([(str(i), f"http://n.example/{i}", f"item {i}") for i in range(50)])
    entries = parse_feed(body).entries
    with db.session() as session:
        source, _ = repo.add_feed(session, "http://n.example/rss")
        source_id = source.id
    with pytest.raises(RuntimeError), db.session() as session:
        source = session.get(Source, source_id)
        assert source is not None
        repo.store_entries(session, source, entries, now=NOW)
        raise RuntimeError("the run dies here, before the transaction ends")
    assert count(db, FeedEntry) == 0 and count(db, Document) == 0
    with db.session() as session:
        source = session.get(Source, source_id)
        assert source is not None
        counts = repo.store_entries(session, source, entries, now=NOW)
    assert counts.new == 50 and count(db, FeedEntry) == 50


def test_teasers_are_completed_from_the_article_page(tmp_path: Path) -> None:
    db = make_db(tmp_path)
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
        hits = server.hits.get("/story", 0)
    assert report.new == 1 and hits == 1
    with db.session() as session:
        document = session.scalars(select(Document)).one()
    assert "Paragraph 11: the new plant will build cars" in document.text
    assert "Copyright" not in document.text and "Sport" not in document.text
