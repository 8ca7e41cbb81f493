"""Entry identity: GUIDs, link fallbacks, tracking parameters, changed GUIDs, changed text."""

from __future__ import annotations

from datetime import UTC, datetime

from hindsight.feeds.dedupe import (
    Known,
    content_hash,
    entry_key,
    identity,
    link_key,
    plan,
    story_hash,
    strip_tracking,
)
from hindsight.feeds.parse import ParsedEntry

WHEN = datetime(2024, 1, 2, tzinfo=UTC)


def entry(guid: str | None = None, link: str | None = None, title: str = "T", text: str = "x"):
    return ParsedEntry(guid=guid, link=link, title=title, text=text, html=text, published=WHEN)


def known_from(e: ParsedEntry) -> Known:
    return Known(entry_key(e), link_key(e.link), content_hash(e.title, e.text), e.title)


def test_tracking_parameters_are_stripped_and_the_rest_kept() -> None:
    url = "https://news.example.com/a?id=7&utm_source=x&utm_medium=y&fbclid=abc&gclid=1#top"
    assert strip_tracking(url) == "https://news.example.com/a?id=7"
    assert link_key("HTTPS://News.Example.com:443/a?utm_campaign=z&b=2&a=1") == (
        "https://news.example.com/a?a=1&b=2"
    )
    assert link_key("http://example.com") == "http://example.com/"
    assert link_key("") is None


def test_identity_falls_back_from_guid_to_link_to_title_and_date() -> None:
    assert identity(entry(guid="g1", link="http://a/1")) == "guid:g1"
    assert identity(entry(link="http://a/1?utm_source=rss")) == "link:http://a/1"
    assert identity(entry(title="Big News")).startswith("title:big news|2024-01-02")
    untitled = ParsedEntry(guid=None, link=None, title="", text="body", html="body")
    assert identity(untitled).startswith("text:")


def test_text_hash_ignores_case_spacing_and_punctuation() -> None:
    assert content_hash("t", "Hello,  World!") == content_hash("t", "hello world")
    assert content_hash("t", "Hello world") != content_hash("t", "Hello there")
    assert story_hash("too short") is None
    long_text = "A story told at some length. " * 10
    assert story_hash(long_text) == story_hash(long_text.upper())


def test_plan_tells_new_updated_and_unchanged() -> None:
    a, b = entry("a", "http://x/a", text="first"), entry("b", "http://x/b", text="second")
    known = {k.key: k for k in (known_from(a), known_from(b))}
    b_edited = entry("b", "http://x/b", text="second, corrected")
    c = entry("c", "http://x/c")
    actions = {d.entry.guid: d.action for d in plan([a, b_edited, c], known)}
    assert actions == {"a": "unchanged", "b": "updated", "c": "new"}


def test_duplicate_entries_within_a_feed_count_once() -> None:
    a = entry("a", "http://x/a")
    assert len(plan([a, a, entry("a", "http://x/a", text="later copy")], {})) == 1


def test_changed_guid_with_the_same_link_rekeys_instead_of_duplicating() -> None:
    old = entry("http://blog/?p=1", "http://blog/2024/post", text="body")
    known = {known_from(old).key: known_from(old)}
    moved = entry("tag:blog,2024:1", "http://blog/2024/post?utm_source=feed", text="body")
    (decision,) = plan([moved], known)
    assert decision.previous_key == known_from(old).key and decision.action == "unchanged"


def test_shared_link_does_not_merge_distinct_guids() -> None:
    # Some feeds point every entry at their home page; distinct GUIDs stay distinct entries.
    old = entry("g1", "http://site/", text="one")
    known = {known_from(old).key: known_from(old)}
    decisions = plan([entry("g2", "http://site/", text="two"), entry("g3", "http://site/")], known)
    assert [d.action for d in decisions] == ["new", "new"]
    assert all(d.previous_key is None for d in decisions)
