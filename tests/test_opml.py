"""OPML import from real (often broken) exports, and export that imports back unchanged."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from hindsight.feeds.opml import OpmlError, OpmlFeed, parse_opml, to_opml
from tests.conftest import shared_path

_XMLURL = re.compile(rb"""xmlurl\s*=\s*["']([^"']*)""", re.IGNORECASE)


def _real_lists() -> list[Path]:
    folder = shared_path("corpora", "opml")
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and p.suffix != ".md" and "listparser" not in str(p)
    )


def test_every_real_list_yields_every_feed_url_it_names() -> None:
    broken = 0
    for path in _real_lists():
        data = path.read_bytes()
        named = {u.strip().decode("utf-8", "replace") for u in _XMLURL.findall(data) if u.strip()}
        try:
            etree.fromstring(data)
        except etree.XMLSyntaxError:
            broken += 1
        found = {f.url for f in parse_opml(data)}
        # Entity-escaped URLs (&amp;) are decoded by the parser; compare them decoded too.
        named = {u.replace("&amp;", "&") for u in named}
        assert found == named, path.name
    assert broken >= 10  # the corpus really does hold malformed exports


def test_unescaped_quotes_and_ampersands_in_attributes_are_recovered() -> None:
    data = b"""<?xml version="1.0"?><opml version="2.0"><body>
    <outline text="News & Views">
      <outline text="The "Daily" Paper" title="The "Daily" Paper" xmlUrl="http://a.example/rss?x=1&y=2"/>
      <outline text="B" description="<p>html</p><p>inside</p>" xmlUrl="http://b.example/feed"/>
    </outline></body></opml>"""
    feeds = parse_opml(data)
    assert [f.url for f in feeds] == ["http://a.example/rss?x=1&y=2", "http://b.example/feed"]
    assert feeds[0].title == 'The "Daily" Paper'
    assert feeds[0].categories == ("News & Views",)


def test_relative_urls_resolve_against_a_base() -> None:
    data = b'<opml version="2.0"><body><outline text="x" xmlUrl="feeds/a.xml"/></body></opml>'
    assert parse_opml(data, base_url="https://example.org/lists/")[0].url == (
        "https://example.org/lists/feeds/a.xml"
    )


def test_export_round_trips_and_escapes() -> None:
    feeds = [
        OpmlFeed(
            "http://a.example/rss?x=1&y=2", 'Tom & "Jerry" <news>', "http://a.example/", ("Tech",)
        ),
        OpmlFeed("http://b.example/feed", None, None, ()),
    ]
    document = to_opml(feeds)
    etree.fromstring(document.encode())  # well-formed
    back = parse_opml(document)
    assert [(f.url, f.html_url, f.categories) for f in back] == [
        (f.url, f.html_url, f.categories) for f in feeds
    ]
    assert back[0].title == 'Tom & "Jerry" <news>' and back[1].title == "http://b.example/feed"


def test_a_non_opml_document_is_refused() -> None:
    with pytest.raises(OpmlError):
        parse_opml(b"<rss version='2.0'><channel/></rss>")
