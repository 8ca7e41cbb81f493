"""Hostile feeds over real HTTP through the real ingest stage: nothing expanded, nothing executed.

Each feed is served by a real HTTP server on 127.0.0.1 and ingested by `ingest` into a real
database (SQLite and PostgreSQL). The stored text is then checked for what must never be there
(an expanded entity, /etc/passwd, active HTML), and a digest rendered over the stored documents
is checked for anything unescaped.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from hindsight.feeds.fetch import FetchSettings
from hindsight.feeds.pipeline import ingest
from reports.context import DigestContext, EvidenceView
from reports.render import render_digest
from storage.db import Database
from storage.models import Document, FeedEntry
from tests.feed_server import FeedServer

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
SETTINGS = FetchSettings(retries=0, parse_workers=0, max_bytes=64 * 1024 * 1024)
PASSWD = Path("/etc/passwd")
LOL = "lol" * 3  # the text an expanded entity would carry


def rss_doc(items: str, prolog: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>{prolog}<rss version="2.0"><channel>'
        f"<title>Hostile</title><link>http://example.org/</link>{items}</channel></rss>"
    ).encode()


def item(guid: str, title: str, description: str, extra: str = "") -> str:
    return (
        f"<item><guid>{guid}</guid><link>http://example.org/{guid}</link>"
        f"<title>{title}</title><description>{description}</description>{extra}</item>"
    )


BILLION_LAUGHS = rss_doc(
    item("laughs", "Laughs &lol9;", "Shares rose &lol9; today."),
    prolog=(
        '<!DOCTYPE rss [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
            for i in range(1, 10)
        )
        + "]>"
    ),
)
EXTERNAL = rss_doc(
    item("xxe", "Secret &xxe;", "Leak: &xxe;"),
    prolog='<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
)
ACTIVE_HTML = (
    "&lt;p&gt;Deliveries rose.&lt;/p&gt;"
    "&lt;script&gt;alert('pwned')&lt;/script&gt;"
    "&lt;img src=x onerror=\"alert('img')\"&gt;"
    "&lt;a href=\"javascript:alert('js')\"&gt;click&lt;/a&gt;"
    '&lt;a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="&gt;data&lt;/a&gt;'
    "&lt;p style=\"background:url(javascript:alert('css'))\"&gt;styled&lt;/p&gt;"
)
SCRIPT_TITLE = "&lt;script&gt;alert('title')&lt;/script&gt;Carmaker doubles output"


def hostile_feeds() -> dict[str, bytes]:
    deep = "<div>" * 50_000 + "deep" + "</div>" * 50_000
    big = "Output rose. " * (10 * 1024 * 1024 // 13)
    return {
        "/laughs": BILLION_LAUGHS,
        "/xxe": EXTERNAL,
        "/html": rss_doc(item("html", SCRIPT_TITLE, ACTIVE_HTML)),
        "/nested-xml": rss_doc(item("nest", "Nested", "x", extra="<x>" * 20_000 + "</x>" * 20_000)),
        "/nested-html": rss_doc(item("nesthtml", "Nested HTML", deep.replace("<", "&lt;"))),
        "/big-entry": rss_doc(item("big", "Big", big)),
        "/nul": rss_doc(item("nul", "Nul\x00title", "Before\x00after")),
        "/invalid-utf8": rss_doc(item("utf", "Bad BYTES", "more BYTES")).replace(
            b"BYTES", b"\xff\xfe\xc3("
        ),
        "/dates": rss_doc(
            item("y1", "Year one", "old", "<pubDate>Mon, 01 Jan 0001 00:00:00 GMT</pubDate>")
            + item("y9999", "Year 9999", "far", "<pubDate>Fri, 31 Dec 9999 23:59:59 GMT</pubDate>")
            + item("atom", "ISO", "iso", "<pubDate>9999-12-31T23:59:59+14:00</pubDate>")
        ),
        "/links": rss_doc(
            "<item><guid>jslink</guid><link>javascript:alert(1)</link><title>JS link</title>"
            "<description>x</description></item>"
            "<item><guid>datalink</guid><link>data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"
            "</link><title>Data link</title><description>y</description></item>"
        ),
    }


def stored(db: Database) -> tuple[list[Document], list[FeedEntry]]:
    with db.session() as session:
        docs = list(session.scalars(select(Document)).all())
        entries = list(session.scalars(select(FeedEntry)).all())
        session.expunge_all()
    return docs, entries


def digest_over(docs: list[Document]) -> tuple[str, str]:
    """Render a digest whose evidence is every stored document, as the digest would quote it."""
    evidence = [
        EvidenceView(
            url=d.url or "",
            title=d.title or "",
            published=d.published.date() if d.published else None,
            claim=(d.text or "")[:2000],
            stance="supports",
            confidence=0.9,
            reason=(d.title or "") + " " + (d.text or "")[:200],
        )
        for d in docs
    ]
    context = DigestContext(generated=NOW, since=None, new_evidence=evidence)
    rendered = render_digest(context)
    return rendered.html, rendered.text


def test_hostile_feeds_store_nothing_expanded_or_active(db: Database) -> None:
    with FeedServer() as server:
        urls = {path: server.serve(path, body) for path, body in hostile_feeds().items()}
        report = ingest(db, feeds=list(urls.values()), settings=SETTINGS, now=NOW)
    by_url = {f.url: f for f in report.feeds}
    internal = [f for f in report.feeds if f.error_kind == "internal"]
    assert not internal, [(f.url, f.error) for f in internal]
    # Every feed with a usable entry was stored; nothing that crashed the run.
    docs, entries = stored(db)
    titles = {d.title for d in docs}
    assert {"Big", "Year one", "Year 9999", "Nested HTML"} <= titles, titles
    assert by_url[urls["/big-entry"]].new == 1

    passwd = PASSWD.read_text().splitlines()[0] if PASSWD.exists() else "root:x:0:0"
    everything = "\n".join(f"{d.title}\n{d.text}\n{d.url}" for d in docs) + "\n".join(
        e.title for e in entries
    )
    assert passwd not in everything
    assert "root:x:0" not in everything
    assert LOL * 3 not in everything  # one level of expansion would already give lollollol...
    assert "\x00" not in everything
    assert "<script" not in everything.lower()
    for d in docs:
        assert d.url is None or d.url.startswith("http"), d.url
        if d.published is not None:
            assert 1 <= d.published.year <= 9999

    html, text = digest_over(docs)
    lowered = html.lower()
    assert "<script" not in lowered
    assert not re.search(r"<[^>]+\son\w+\s*=", lowered)  # no event-handler attribute
    assert not re.search(r"<[^>]*(javascript|data):", lowered)  # no active URL in a tag
    # The digest styles itself inline (mail clients drop <style>); no feed CSS may join it.
    assert not re.search(r"<[^>]*(alert\(|url\(|expression\()", lowered)
    assert passwd not in html and passwd not in text


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_second_run_over_the_hostile_feeds_changes_nothing(db: Database) -> None:
    with FeedServer() as server:
        urls = [server.serve(path, body) for path, body in hostile_feeds().items()]
        ingest(db, feeds=urls, settings=SETTINGS, now=NOW)
        first = stored(db)[0]
        again = ingest(db, feeds=urls, settings=SETTINGS, now=NOW)
    assert again.new == 0 and again.updated == 0
    assert len(stored(db)[0]) == len(first)
