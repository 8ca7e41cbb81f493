"""The bundled seed and offline news archive are what a first-time user runs Hindsight on.

These tests check what such a user would rely on: the feed parses cleanly, its entries are
distinct and dated, the seed text is the article as published, and its metadata is complete.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import feedparser
import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"
ARCHIVE = SEEDS / "xiaomi-news-archive.xml"
SEED_TEXT = SEEDS / "xiaomi-ev-2021-03-31.txt"
SEED_META = SEEDS / "xiaomi-ev-2021-03-31.yaml"
GUID_PREFIX = "hindsight-archive-"


@pytest.fixture(scope="module")
def feed() -> Any:
    """The archive as feedparser (the ingester's parser) reads it."""
    return feedparser.parse(ARCHIVE.read_bytes())


@pytest.fixture(scope="module")
def meta() -> dict[str, Any]:
    """The seed's metadata as YAML loads it."""
    loaded = yaml.safe_load(SEED_META.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def shared_or_skip(relative: str) -> Path:
    """A file of the shared development data, or skip: it lives beside the repo, not in it."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"shared data not present: {path}")
    return path


def test_archive_parses_without_errors(feed: Any) -> None:
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    assert feed.encoding.lower() == "utf-8"
    assert feed.feed.title == "Hindsight bundled archive: Xiaomi EV news 2021-2026"
    assert "offline" in feed.feed.description.lower()


def test_archive_has_39_entries_with_unique_stable_guids(feed: Any) -> None:
    ids = [entry.id for entry in feed.entries]
    assert len(ids) == 39
    assert len(set(ids)) == 39
    assert all(i.startswith(GUID_PREFIX) and len(i) > len(GUID_PREFIX) for i in ids)
    assert all(entry.guidislink is False for entry in feed.entries)


def test_archive_entries_link_to_http_pages(feed: Any) -> None:
    for entry in feed.entries:
        parts = urlsplit(entry.link)
        assert parts.scheme in {"http", "https"} and parts.netloc, entry.link


def test_archive_entries_are_dated_noon_utc_within_2021_to_2026(feed: Any) -> None:
    for entry in feed.entries:
        published = datetime(*entry.published_parsed[:6]).replace(tzinfo=UTC)
        assert date(2021, 1, 1) <= published.date() <= date(2026, 12, 31), entry.id
        assert (published.hour, published.minute) == (12, 0), entry.id


def test_archive_entries_have_readable_title_and_summary(feed: Any) -> None:
    for entry in feed.entries:
        assert 6 <= len(entry.title.split()) <= 14, entry.title
        assert entry.summary.strip() and entry.summary != entry.title, entry.id
        assert entry.source.title.strip(), entry.id


def test_archive_is_what_build_script_writes() -> None:
    result = subprocess.run(
        [sys.executable, str(SEEDS / "build_archive.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_archive_matches_dev_items_by_id(feed: Any) -> None:
    """The evaluation joins archive entries to labelled items by id: links and days must agree."""
    dev = shared_or_skip("eval/xiaomi/news-dev.jsonl")
    items = [json.loads(line) for line in dev.read_text(encoding="utf-8").splitlines() if line]
    expected = {GUID_PREFIX + item["id"]: (item["url"], item["date"]) for item in items}
    actual = {
        entry.id: (entry.link, datetime(*entry.published_parsed[:3]).date().isoformat())
        for entry in feed.entries
    }
    assert actual == expected


def test_seed_copy_is_byte_identical_to_shared_seed() -> None:
    shared_seed = shared_or_skip("seeds/xiaomi-ev-2021-03-31.txt")
    assert SEED_TEXT.read_bytes() == shared_seed.read_bytes()


def test_seed_metadata_is_complete(meta: dict[str, Any]) -> None:
    assert meta["title"] == "Xiaomi smart EV is “ALIVE”: what’s next?"
    assert meta["author"] == "Lei Xing"
    assert meta["published"] == date(2021, 3, 31)
    assert meta["file"] == SEED_TEXT.name
    assert meta["url"] is None or urlsplit(meta["url"]).scheme == "https"


def test_seed_metadata_agrees_with_the_text(meta: dict[str, Any]) -> None:
    text = (SEEDS / meta["file"]).read_text(encoding="utf-8")
    assert meta["title"] in text
    assert text.startswith(meta["author"])
    assert "Mar 31, 2021" in text.splitlines()[1]
