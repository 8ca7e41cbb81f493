"""Parsing bytes into safe, plain entries; recovered defects are warnings, non-feeds are errors."""

from __future__ import annotations

import pytest

from hindsight.feeds.parse import count_declared, html_to_text, parse_feed, sanitize

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>urn:feed</id>
<entry><id>urn:1</id><title>First &amp; best</title><link href="http://example.org/1"/>
<updated>2024-03-01T10:00:00Z</updated>
<content type="html">&lt;p&gt;Hello &lt;b&gt;world&lt;/b&gt;&lt;/p&gt;
&lt;script&gt;alert(1)&lt;/script&gt;
&lt;p onclick="steal()"&gt;Second&amp;nbsp;paragraph&lt;/p&gt;</content></entry>
</feed>"""


@pytest.mark.parametrize("parser", ["feedparser", "fast"])
@pytest.mark.parametrize("sanitizer", ["nh3", "feedparser"])
def test_entry_html_is_sanitized_and_text_is_plain(parser: str, sanitizer: str) -> None:
    feed = parse_feed(ATOM, url="http://example.org/feed", parser=parser, sanitizer=sanitizer)
    assert feed.error is None and len(feed.entries) == 1
    entry = feed.entries[0]
    assert entry.guid == "urn:1" and entry.link == "http://example.org/1"
    assert entry.title == "First & best"
    assert entry.published is None and entry.updated is not None
    assert entry.updated.isoformat() == "2024-03-01T10:00:00+00:00"
    assert "script" not in entry.html and "onclick" not in entry.html and "alert" not in entry.html
    assert "<b>world</b>" in entry.html
    assert entry.text == "Hello world\nSecond paragraph"


def test_html_to_text_breaks_blocks_and_decodes_entities() -> None:
    html = "<p>A&amp;B</p><ul><li>one</li><li>two</li></ul>x<br>y <!-- hidden -->"
    assert html_to_text(html) == "A&B\none\ntwo\nx\ny"
    assert sanitize('<a href="javascript:evil()">x</a>') == '<a rel="noopener noreferrer">x</a>'


def test_malformed_feed_with_entries_is_a_warning_not_an_error() -> None:
    broken = b"\n" + ATOM.replace(b"</feed>", b"")  # newline before <?xml, unclosed root
    feed = parse_feed(broken, headers={"content-type": "application/atom+xml"})
    assert feed.error is None and len(feed.entries) == 1
    assert feed.warning and "malformed" in feed.warning


def test_html_page_is_not_a_feed() -> None:
    page = b"<!DOCTYPE html><html><head><title>x</title></head><body>hi</body></html>"
    feed = parse_feed(page, headers={"content-type": "text/html"})
    assert feed.entries == () and feed.error is not None and "HTML page" in feed.error


def test_http_charset_decides_the_encoding() -> None:
    body = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        "<item><guid>g</guid><title>Café crème</title></item></channel></rss>"
    ).encode("cp1252")
    feed = parse_feed(body, headers={"content-type": "application/rss+xml; charset=windows-1252"})
    assert feed.entries[0].title == "Café crème"


def test_fast_parser_defers_to_feedparser_when_unsure() -> None:
    latin = ATOM.replace(b'encoding="utf-8"', b'encoding="iso-8859-1"')
    assert parse_feed(latin, parser="fast").parser == "feedparser"
    with_base = ATOM.replace(b"<feed ", b'<feed xml:base="http://example.org/news/" ')
    relative = with_base.replace(b'href="http://example.org/1"', b'href="1"')
    assert parse_feed(relative, parser="fast").parser == "feedparser"
    assert parse_feed(relative, parser="feedparser").entries[0].link == "http://example.org/news/1"
    # Absolute links mean the same under any base: the fast parser may read that feed.
    assert parse_feed(with_base, parser="fast").parser == "feedparser-rs"
    assert parse_feed(ATOM, parser="fast").parser == "feedparser-rs"


def test_declared_entries_are_counted_from_raw_bytes() -> None:
    assert count_declared(ATOM) == 1
    assert count_declared(b"<rdf:RDF><item rdf:about='x'/><item>y</item></rdf:RDF>") == 2


def test_teaser_detection() -> None:
    short = parse_feed(ATOM).entries[0]
    assert short.is_teaser
    long_text = "<p>" + "Plenty of words here. " * 60 + "</p>"
    full = parse_feed(ATOM.replace(b"&lt;p&gt;Hello", long_text.replace("<", "&lt;").encode()))
    assert not full.entries[0].is_teaser
