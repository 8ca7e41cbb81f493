"""Check a feed before subscribing to it: reachable, and a feed rather than a page or an error.

`hindsight feeds add` uses this so that a typo or a dead address is refused in one line at the
moment it is typed, instead of surfacing as a failing feed in next week's run.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from hindsight.feeds.fetch import Fetcher, FetchSettings
from hindsight.feeds.parse import parse_feed


@dataclass(frozen=True)
class Probe:
    """What one fetch and parse of a feed showed; `problem` is None when it is usable."""

    url: str
    title: str | None = None
    entries: int = 0
    problem: str | None = None


async def _probe(url: str, settings: FetchSettings) -> Probe:
    async with Fetcher(settings) as fetcher:
        result = await fetcher.fetch(url)
    if result.error or result.content is None:
        return Probe(url, problem=result.error or f"HTTP {result.status} with no body")
    parsed = parse_feed(result.content, url=result.final_url, headers=result.parser_headers)
    if parsed.error:
        return Probe(url, problem=parsed.error)
    return Probe(url, title=parsed.title, entries=len(parsed.entries))


def probe_feed(url: str, settings: FetchSettings | None = None) -> Probe:
    """Fetch and parse `url` once, with the run's timeouts and limits but no retries."""
    settings = settings or FetchSettings(retries=0, total_timeout=30.0)
    return asyncio.run(_probe(url, settings))
