"""Feed redirects that try to leave the web or step from a public address to a private one.

Real aiohttp requests to a real HTTP server on 127.0.0.1. The one stub is the resolver the
fetcher is given: no public address exists on this machine, so only a resolver can make the test
server look public (`hindsight.addresses`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Collection
from datetime import UTC, datetime

import pytest

from hindsight.addresses import Resolver
from hindsight.feeds.fetch import Fetcher, FetchResult, FetchSettings
from hindsight.feeds.fulltext import complete
from hindsight.feeds.parse import ParsedEntry
from hindsight.feeds.pipeline import ingest
from storage.db import Database
from tests.feed_server import FeedServer, redirect, rss

SETTINGS = FetchSettings(retries=0, parse_workers=0)
PUBLIC = "93.184.216.34"  # a global address the stub resolver hands out; never contacted
FEED = rss([("1", "http://example.org/1", "Deliveries start in May.")])
PAGE = (
    b"<html><body><article><p>"
    + b"Acme Motors will double its deliveries by 2030, the chief executive said. " * 8
    + b"</p></article></body></html>"
)


def fetch(url: str, resolve: Resolver | None = None) -> FetchResult:
    async def one() -> FetchResult:
        fetcher = Fetcher(SETTINGS) if resolve is None else Fetcher(SETTINGS, resolve=resolve)
        async with fetcher:
            return await fetcher.fetch(url)

    return asyncio.run(one())


def playing_public(rebinding: Collection[str] = ()) -> tuple[Resolver, list[str]]:
    """127.0.0.1 (the test server) plays the public site; names in `rebinding` answer a public
    address once, then loopback (DNS rebinding); other names are loopback."""
    asked: list[str] = []

    def resolve(host: str) -> list[str]:
        asked.append(host)
        first = host in rebinding and asked.count(host) == 1
        return [PUBLIC] if host == "127.0.0.1" or first else ["127.0.0.1"]

    return resolve, asked


@pytest.mark.parametrize(
    "target", ["file:///etc/passwd", "ftp://127.0.0.1/feed.xml", "gopher://127.0.0.1/1"]
)
def test_a_feed_redirect_out_of_the_web_is_refused(target: str) -> None:
    with FeedServer() as server:
        server.routes["/feed"] = redirect(target)
        result = fetch(server.url("/feed"))
    assert result.error_kind == "blocked" and result.content is None
    assert "unsupported URL scheme" in (result.error or "")


def test_a_feed_redirect_from_a_public_address_to_a_private_one_is_refused() -> None:
    with FeedServer() as server:
        server.serve("/private", FEED)
        server.routes["/feed"] = redirect(f"http://localhost:{server.port}/private")
        resolve, _ = playing_public()
        result = fetch(server.url("/feed"), resolve)
        assert result.error_kind == "blocked", result.error
        assert "refused a redirect from a public address" in (result.error or "")
        assert server.hits.get("/private", 0) == 0  # refused before the request was sent
        # The control: from a private origin the same redirect is followed (a local feed may
        # move to another local address), so the refusal above is the policy.
        followed = fetch(server.url("/feed"))
    assert followed.ok and followed.content == FEED
    assert server.hits["/private"] == 1


def test_a_redirect_whose_name_turns_private_at_connection_is_refused() -> None:
    """DNS rebinding: the name passes the check as public, the connection reaches loopback."""
    with FeedServer() as server:
        server.serve("/private", FEED)
        server.routes["/feed"] = redirect(f"http://localhost:{server.port}/private")
        resolve, asked = playing_public(rebinding={"localhost"})
        result = fetch(server.url("/feed"), resolve)
        assert asked.count("localhost") == 1  # the name check passed: it saw a public answer
        assert result.error_kind == "blocked", result.error
        assert "connected to private address 127.0.0.1" in (result.error or "")
        assert server.hits["/feed"] == 1 and server.hits.get("/private", 0) == 0


def test_a_local_feed_that_redirects_locally_is_still_ingested(db: Database) -> None:
    """Local feeds for offline and test use keep working, redirects included."""
    with FeedServer() as server:
        server.serve("/private", FEED)
        url = server.url("/feed")
        server.routes["/feed"] = redirect(f"http://localhost:{server.port}/private")
        report = ingest(db, feeds=[url], settings=SETTINGS, now=datetime(2024, 6, 1, tzinfo=UTC))
    assert report.failures == [] and report.new == 1


@pytest.mark.parametrize("name_answers", ["private", "public, then private"])
def test_a_public_feeds_article_link_to_a_private_address_is_not_fetched(
    name_answers: str,
) -> None:
    """Full text: the link is the feed's content, so a public feed cannot lead inside either."""
    with FeedServer() as server:
        server.serve("/secret", PAGE, "text/html")
        link = f"http://localhost:{server.port}/secret"
        teaser = ParsedEntry(guid="1", link=link, title="Acme", text="Acme will...", html="")
        rebinding = {"localhost"} if name_answers != "private" else set()
        resolve, _ = playing_public(rebinding=rebinding)

        async def completed(resolve: Resolver | None) -> tuple[ParsedEntry, str | None]:
            fetcher = Fetcher(SETTINGS) if resolve is None else Fetcher(SETTINGS, resolve=resolve)
            async with fetcher:
                return await complete(teaser, fetcher, feed_url=server.url("/feed"))

        entry, problem = asyncio.run(completed(resolve))
        assert entry == teaser and "refused a link from a public feed" in (problem or "")
        assert server.hits.get("/secret", 0) == 0
        # The control: a local feed's links to local pages are completed as before.
        entry, problem = asyncio.run(completed(None))
    assert problem is None and "double its deliveries" in entry.text
    assert server.hits["/secret"] == 1
