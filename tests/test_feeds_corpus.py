"""The whole shared feed corpus, served over real HTTP and ingested: nothing lost, nothing twice.

Also proves the fast parser's safety rule on every corpus file: whatever it accepts carries the
same entries, with the same identities, as feedparser finds.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import feedparser
import pytest
from sqlalchemy import func, select

from hindsight.feeds.dedupe import entry_key
from hindsight.feeds.fetch import FetchSettings
from hindsight.feeds.parse import parse_feed
from hindsight.feeds.pipeline import ingest
from storage import feeds as repo
from storage.models import FeedEntry
from tests.conftest import shared_path
from tests.feed_server import FeedServer, make_db

HEADERS = {"content-type": "application/xml"}


@pytest.fixture(scope="module")
def corpus() -> list[tuple[str, bytes]]:
    folder = shared_path("corpora", "feeds")
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix != ".md")
    return [(p.relative_to(folder).as_posix(), p.read_bytes()) for p in files]


def _feedparser_count(data: bytes, url: str) -> int:
    """Entries feedparser itself reads from the bytes, a repeated id/link counted once."""
    parsed = feedparser.parse(
        data,
        response_headers={**HEADERS, "content-location": url},
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    seen = set()
    for e in parsed.entries:
        when = e.get("published") or e.get("updated")
        dated_title = (e.get("title"), when) if e.get("title") and when else None
        seen.add(e.get("id") or e.get("link") or dated_title or e.get("summary", ""))
    return len(seen)


def test_fast_parser_keeps_every_entry_feedparser_finds(corpus: list[tuple[str, bytes]]) -> None:
    used = 0
    for name, data in corpus:
        url = f"http://127.0.0.1/{name}"
        reference = parse_feed(data, url=url, headers=HEADERS, parser="feedparser")
        fast = parse_feed(data, url=url, headers=HEADERS, parser="fast")
        used += fast.parser == "feedparser-rs"
        assert [entry_key(e) for e in fast.entries] == [entry_key(e) for e in reference.entries], (
            name
        )
        assert [e.link for e in fast.entries] == [e.link for e in reference.entries], name
    assert used > len(corpus) // 3  # the fast path is really taken on most ordinary feeds


def test_corpus_ingests_completely_and_a_second_run_is_all_304(
    corpus: list[tuple[str, bytes]], tmp_path: Path
) -> None:
    db = make_db(tmp_path)
    with FeedServer(lifetime=300) as server:
        for name, data in corpus:
            server.serve(f"/corpus/{name}", data, HEADERS["content-type"])
        urls = [server.url(f"/corpus/{name}") for name, _ in corpus]
        with db.session() as session:
            for url in urls:
                repo.add_feed(session, url)
        settings = FetchSettings(retries=0, parser="fast")
        first = ingest(db, settings=settings)
        second = ingest(db, feeds=urls, settings=settings)

    expected = {
        server.url(f"/corpus/{n}"): _feedparser_count(d, server.url(f"/corpus/{n}"))
        for n, d in corpus
    }
    with db.session() as session:
        ids = {s.id: s.url for s in repo.list_feeds(session)}
        stored = Counter(
            {
                ids[source]: n
                for source, n in session.execute(
                    select(FeedEntry.source_id, func.count()).group_by(FeedEntry.source_id)
                )
            }
        )
    ok = [f for f in first.feeds if f.status == "ok"]
    assert len(ok) >= len(corpus) - 15  # the corpus holds a few HTML pages and fragments
    assert all(f.error_kind == "not-a-feed" for f in first.failures)
    missing = {url: (stored[url], n) for url, n in expected.items() if stored[url] != n}
    assert not missing
    assert first.new == sum(expected.values())
    assert second.new == 0 and second.updated == 0
    assert second.not_modified == len(ok)
