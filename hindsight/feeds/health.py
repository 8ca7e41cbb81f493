"""Feed health: when to poll a feed next, from how its last fetches went.

Pure arithmetic so it can be tested without a clock or a database. A healthy feed is polled every
`interval`; each consecutive failure doubles the wait (capped), so a dead feed costs one request a
week instead of one an hour; a server's Retry-After is never undercut.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


def next_check(
    now: datetime,
    *,
    failures: int,
    interval: float,
    max_backoff: float,
    retry_after: float | None = None,
) -> datetime:
    """When to fetch next: `interval` when healthy, `interval * 2**failures` (capped) when not."""
    wait = interval if failures <= 0 else min(max_backoff, interval * 2 ** min(failures, 30))
    if retry_after is not None:
        wait = max(wait, min(retry_after, max_backoff))
    return now + timedelta(seconds=wait)


@dataclass(frozen=True)
class Outcome:
    """What one poll of one feed came to, in the terms feed health is kept in."""

    status: int | None = None
    error: str | None = None
    error_kind: str | None = None
    warning: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    permanent_url: str | None = None
    retry_after: float | None = None
    feed_title: str | None = None
    feed_link: str | None = None
    body_hash: str | None = None  # of a body that was parsed and stored

    @property
    def ok(self) -> bool:
        return self.error is None
