"""Feed health: when to poll a feed next, from how its last fetches went.

Pure arithmetic so it can be tested without a clock or a database. A healthy feed is polled every
`interval`; each consecutive failure doubles the wait (capped), so a dead feed costs one request a
week instead of one an hour; a server's Retry-After is never undercut.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from hindsight.intents import FeedHealth

# The error kind of a body that was fetched but is not a feed (an HTML page, an empty body).
NOT_A_FEED = "not-a-feed"


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
    body_hash: str | None = None  # of a body that was parsed (a feed, or not one)

    @property
    def ok(self) -> bool:
        return self.error is None


def updated_health(
    current: FeedHealth,
    outcome: Outcome,
    *,
    now: datetime,
    interval: float,
    max_backoff: float,
    move_warning: str | None = None,
) -> FeedHealth:
    """A feed's health after one poll, from its health before it.

    A success clears the failure count and keeps the validators that let the next poll be a
    304. A body that was not a feed keeps its validators too: the next 304 (or identical body)
    then repeats the same error without the body being fetched or parsed again.
    """
    etag, last_modified = current.etag, current.last_modified
    body_hash = current.body_hash
    failures = current.consecutive_failures or 0
    title, site_url = current.title, current.site_url
    if outcome.ok:
        failures, error, error_kind = 0, None, None
        if not outcome.not_modified:
            etag, last_modified = outcome.etag, outcome.last_modified
        if outcome.body_hash:
            body_hash = outcome.body_hash
        elif outcome.etag or outcome.last_modified:
            etag = outcome.etag or etag
            last_modified = outcome.last_modified or last_modified
        if outcome.feed_title:
            title = outcome.feed_title[:500]
        if outcome.feed_link and not site_url:
            site_url = outcome.feed_link[:2048]
    else:
        failures, error, error_kind = failures + 1, outcome.error, outcome.error_kind
        if outcome.error_kind == NOT_A_FEED and not outcome.not_modified:
            etag, last_modified = outcome.etag, outcome.last_modified
            body_hash = outcome.body_hash
    warnings = [w for w in (outcome.warning, move_warning) if w]
    return FeedHealth(
        last_fetched_at=now,
        last_status=outcome.status,
        consecutive_failures=failures,
        last_error=error,
        last_error_kind=error_kind,
        last_warning="; ".join(warnings) if warnings else None,
        etag=etag,
        last_modified=last_modified,
        body_hash=body_hash,
        title=title,
        site_url=site_url,
        next_check_at=next_check(
            now,
            failures=failures,
            interval=interval,
            max_backoff=max_backoff,
            retry_after=outcome.retry_after,
        ),
    )
