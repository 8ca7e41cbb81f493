"""Fetching against a real HTTP server on 127.0.0.1: validators, redirects, limits, politeness."""

from __future__ import annotations

import asyncio
import gzip
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from hindsight.feeds.fetch import DEFAULT_USER_AGENT, Fetcher, FetchSettings, parse_retry_after
from hindsight.feeds.health import next_check
from tests.feed_server import FeedServer, redirect, rss, send, sequence

FEED = rss([("1", "http://example.org/1", "one"), ("2", "http://example.org/2", "two")])


def fetch(url: str, settings: FetchSettings | None = None, **kwargs: str | None):
    async def go():
        async with Fetcher(settings or FetchSettings(retries=0)) as fetcher:
            return await fetcher.fetch(url, **kwargs)

    return asyncio.run(go())


def test_conditional_get_returns_304_without_a_body() -> None:
    with FeedServer() as server:
        url = server.serve("/feed.xml", FEED)
        first = fetch(url)
        assert first.ok and first.status == 200 and first.content == FEED
        assert first.etag and first.last_modified
        second = fetch(url, etag=first.etag, last_modified=first.last_modified)
    assert second.ok and second.not_modified and second.status == 304
    assert second.content is None


def test_user_agent_names_the_project_and_gzip_is_decoded() -> None:
    seen: dict[str, str] = {}

    def handle(handler: BaseHTTPRequestHandler) -> None:
        seen.update({k.lower(): v for k, v in handler.headers.items()})
        send(handler, 200, gzip.compress(FEED), "application/rss+xml", {"Content-Encoding": "gzip"})

    with FeedServer() as server:
        server.routes["/gz"] = handle
        result = fetch(server.url("/gz"))
    assert result.content == FEED
    assert seen["user-agent"] == DEFAULT_USER_AGENT and "Hindsight/" in seen["user-agent"]
    assert "gzip" in seen["accept-encoding"]


def test_permanent_redirect_is_recorded_and_temporary_one_is_not() -> None:
    with FeedServer() as server:
        target = server.serve("/new.xml", FEED)
        server.routes["/moved"] = redirect(target, 301)
        server.routes["/temp"] = redirect(target, 302)
        moved = fetch(server.url("/moved"))
        temp = fetch(server.url("/temp"))
    assert moved.ok and moved.permanent_url == target and moved.redirects == [(301, target)]
    assert temp.ok and temp.permanent_url is None and temp.final_url == target


def test_body_larger_than_limit_is_refused_while_streaming() -> None:
    from tests.feed_server import huge

    with FeedServer() as server:
        server.routes["/big"] = huge(8, declare_length=False)
        started = time.perf_counter()
        result = fetch(server.url("/big"), FetchSettings(retries=0, max_bytes=256 * 1024))
        elapsed = time.perf_counter() - started
    assert result.error_kind == "too-large" and result.content is None
    assert elapsed < 5


def test_429_with_retry_after_is_reported_not_slept_on() -> None:
    with FeedServer() as server:
        server.routes["/busy"] = sequence((429, b"", {"Retry-After": "3600"}))
        started = time.perf_counter()
        result = fetch(server.url("/busy"), FetchSettings(retries=2, max_retry_wait=5))
        elapsed = time.perf_counter() - started
        hits = server.hits["/busy"]
    assert result.status == 429 and result.error_kind == "http"
    assert result.retry_after == 3600
    assert hits == 1 and elapsed < 3  # a long Retry-After is honoured by scheduling, not retrying


def test_transient_503_is_retried_within_the_run() -> None:
    with FeedServer() as server:
        server.routes["/flaky"] = sequence((503, b"", {"Retry-After": "0"}), (200, FEED, {}))
        result = fetch(server.url("/flaky"), FetchSettings(retries=1, retry_delay=0.05))
    assert result.ok and result.content == FEED and result.attempts == 2


def test_per_host_limit_bounds_concurrent_requests() -> None:
    lock = threading.Lock()
    state = {"now": 0, "max": 0}

    def handle(handler: BaseHTTPRequestHandler) -> None:
        with lock:
            state["now"] += 1
            state["max"] = max(state["max"], state["now"])
        time.sleep(0.15)
        with lock:
            state["now"] -= 1
        send(handler, 200, FEED, "application/rss+xml")

    async def go(urls: list[str]):
        async with Fetcher(FetchSettings(per_host=2, max_concurrency=10, retries=0)) as f:
            return await asyncio.gather(*(f.fetch(u) for u in urls))

    with FeedServer() as server:
        for i in range(6):
            server.routes[f"/f{i}"] = handle
        results = asyncio.run(go([server.url(f"/f{i}") for i in range(6)]))
    assert all(r.ok for r in results)
    assert state["max"] == 2


def test_local_paths_and_file_urls_are_read_from_disk(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(FEED)
    assert fetch(str(path)).content == FEED
    assert fetch(path.as_uri()).content == FEED
    missing = fetch(str(tmp_path / "absent.xml"))
    assert not missing.ok and missing.error_kind == "missing"


def test_retry_after_accepts_seconds_and_http_dates() -> None:
    now = datetime(2024, 1, 1, tzinfo=UTC)
    assert parse_retry_after("120") == 120
    assert parse_retry_after("Mon, 01 Jan 2024 00:10:00 GMT", now=now.timestamp()) == 600
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


def test_failing_feeds_back_off_exponentially_up_to_a_cap() -> None:
    now = datetime(2024, 1, 1, tzinfo=UTC)
    waits = [
        next_check(now, failures=n, interval=3600, max_backoff=86400) - now for n in range(0, 8)
    ]
    assert waits[0] == timedelta(hours=1)
    assert waits[1] == timedelta(hours=2) and waits[2] == timedelta(hours=4)
    assert waits[-1] == timedelta(days=1)
    later = next_check(now, failures=0, interval=60, max_backoff=86400, retry_after=7200)
    assert later - now == timedelta(hours=2)
