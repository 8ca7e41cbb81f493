"""One run over broken feeds and a good one: each failure is recorded, named, and harms no other."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from hindsight.feeds.fetch import FetchSettings
from hindsight.feeds.pipeline import ingest
from storage import feeds as repo
from storage.db import Database
from storage.models import FeedEntry, Source
from tests.feed_server import FeedServer, huge, redirect, rss, sequence, slow

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
GOOD = rss([(str(i), f"http://example.org/{i}", f"story {i}") for i in range(5)])
HTML = b"<!DOCTYPE html><html><head><title>Home</title></head><body><p>Hi</p></body></html>"
SETTINGS = FetchSettings(
    retries=0, read_timeout=0.5, connect_timeout=1, max_bytes=1024 * 1024, parse_workers=0
)


def test_a_run_records_every_fault_and_ingests_the_rest(db: Database) -> None:
    with FeedServer() as server:
        server.routes["/slow"] = slow(2.0, GOOD)
        server.routes["/flaky"] = sequence((500, b"", {}), (200, GOOD, {}))
        server.routes["/huge"] = huge(50)
        server.routes["/loop-a"] = redirect(server.url("/loop-b"))
        server.routes["/loop-b"] = redirect(server.url("/loop-a"))
        server.serve("/page", HTML, "text/html; charset=utf-8")
        good = server.serve("/good", GOOD)
        urls = {
            "timeout": server.url("/slow"),
            "flaky": server.url("/flaky"),
            "huge": server.url("/huge"),
            "loop": server.url("/loop-a"),
            "html": server.url("/page"),
            "tls": f"https://127.0.0.1:{server.port}/good",
            "dns": "http://feeds.example.invalid/rss.xml",
            "refused": "http://127.0.0.1:9/rss.xml",  # nothing listens on the discard port
            "good": good,
        }
        with db.session() as session:
            for url in urls.values():
                repo.add_feed(session, url)
        report = ingest(db, settings=SETTINGS, now=NOW)
        by_url = {f.url: f for f in report.feeds}
        kinds = {name: by_url[url].error_kind for name, url in urls.items()}
        assert kinds == {
            "timeout": "timeout",
            "flaky": "http",
            "huge": "too-large",
            "loop": "redirects",
            "html": "not-a-feed",
            "tls": "tls",
            "dns": "dns",
            "refused": "connect",  # not "tls": aiohttp names "ssl:default" in every message
            "good": None,
        }
        assert "HTTP 500" in (by_url[urls["flaky"]].error or "")
        assert "HTML" in (by_url[urls["html"]].error or "")
        assert {f.url for f in report.failures} == set(urls.values()) - {good}
        assert by_url[good].new == 5 and report.new == 5

        with db.session() as session:
            flaky = repo.get_feed(session, urls["flaky"])
            assert flaky is not None and flaky.consecutive_failures == 1
            assert flaky.last_status == 500 and flaky.next_check_at is not None
            assert flaky.next_check_at > NOW
            ok = repo.get_feed(session, good)
            assert ok is not None and ok.consecutive_failures == 0 and ok.last_error is None

        # The next run (forced, as if the back-off had passed) gets the 200 and resets health.
        again = ingest(db, feeds=[urls["flaky"]], settings=SETTINGS, now=NOW)
    assert again.feeds[0].status == "ok" and again.feeds[0].new == 5
    with db.session() as session:
        flaky = repo.get_feed(session, urls["flaky"])
        assert flaky is not None and flaky.consecutive_failures == 0 and flaky.last_error is None
        stored = session.scalar(select(func.count()).select_from(FeedEntry))
        assert stored == 10  # five from each good feed, nothing from the broken ones


def test_failing_feed_waits_longer_after_each_failure(db: Database) -> None:
    with FeedServer() as server:
        server.routes["/down"] = sequence((503, b"", {}))
        url = server.url("/down")
        with db.session() as session:
            repo.add_feed(session, url)
        waits = []
        for _ in range(3):
            ingest(db, feeds=[url], settings=SETTINGS, now=NOW)
            with db.session() as session:
                source = session.scalar(select(Source))
                assert source is not None and source.next_check_at is not None
                waits.append(source.next_check_at - NOW)
        # Not due until the back-off passes: an ordinary run leaves it alone.
        assert ingest(db, settings=SETTINGS, now=NOW).feeds == []
    assert waits[0] < waits[1] < waits[2]


def test_permanent_redirect_moves_the_stored_url(db: Database) -> None:
    with FeedServer() as server:
        new_url = server.serve("/new.xml", GOOD)
        server.routes["/old.xml"] = redirect(new_url, 301)
        with db.session() as session:
            repo.add_feed(session, server.url("/old.xml"))
        report = ingest(db, settings=SETTINGS, now=NOW)
    assert report.feeds[0].new == 5 and "moved permanently" in (report.feeds[0].warning or "")
    with db.session() as session:
        assert [s.url for s in repo.list_feeds(session)] == [new_url]
