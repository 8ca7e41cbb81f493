"""Full article text for entries that carry only a teaser.

Some feeds publish the first lines of an article and a link. For those (a per-feed setting), the
article page is fetched with the same fetcher, limits and politeness as feeds, and its main text is
extracted with trafilatura, which drops navigation, ads and comments. Extraction is CPU work and is
a top-level function so it can run in the parsing process pool.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import replace
from typing import Any

from hindsight.feeds.fetch import Fetcher
from hindsight.feeds.parse import ParsedEntry

HTML_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"


def extract_main_text(content: bytes, url: str) -> str | None:
    """The main text of an article page, or None when trafilatura finds none."""
    import trafilatura

    try:
        text = trafilatura.extract(
            content,
            url=url,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
        )
    except Exception:  # a hostile page must not end the run
        return None
    return text.strip() if text and text.strip() else None


def wants_full_text(entry: ParsedEntry) -> bool:
    """An entry worth completing: it has a web link and its text looks cut short."""
    return bool(entry.link and entry.link.startswith(("http://", "https://")) and entry.is_teaser)


async def complete(
    entry: ParsedEntry,
    fetcher: Fetcher,
    *,
    executor: Executor | None = None,
    extract: Callable[[bytes, str], str | None] = extract_main_text,
    feed_url: str | None = None,
) -> tuple[ParsedEntry, str | None]:
    """The entry with its article's text when that is longer than the teaser; and any error.

    `feed_url`: the feed the entry came from. A public feed's links may not lead the fetcher to
    a private address (the link is the feed's content, not the operator's choice).
    """
    assert entry.link is not None
    result = await fetcher.fetch(entry.link, accept=HTML_ACCEPT, linked_from=feed_url)
    if not result.ok or not result.content:
        return entry, f"full text of {entry.link}: {result.error or 'empty page'}"
    loop = asyncio.get_running_loop()
    args: tuple[Any, ...] = (result.content, result.final_url)
    text = await loop.run_in_executor(executor, extract, *args)
    if not text or len(text) <= len(entry.text):
        return entry, None
    return replace(entry, text=text, has_content=True), None
