"""Flow `ingest_feeds`: fetch every due feed concurrently, store new and updated entries."""

from __future__ import annotations

from typing import Any

from prefect import flow, task
from prefect.cache_policies import NONE

from flows.common import database, recorded_run, settings, shared_stage
from hindsight.feeds.address import FeedAddressError, feed_address
from hindsight.feeds.fetch import FetchSettings
from hindsight.feeds.pipeline import IngestReport, ingest
from hindsight.settings import BUNDLED_ARCHIVE
from storage.feeds import add_feed, list_feeds


def ensure_feeds(db_url: str) -> list[str]:
    """Register configured feeds; with none configured or stored, the bundled news archive.

    Returns the configured feeds that could not be used, each in one line, for the run summary.
    """
    config = settings()
    db = database(db_url)
    problems = []
    with db.session() as session:
        for feed in config.feeds:
            try:
                url = feed_address(feed.url)
            except FeedAddressError as exc:
                problems.append(f"hindsight.toml: {exc}")
                continue
            add_feed(session, url, name=feed.name, full_text=feed.full_text, enabled=feed.enabled)
        if not config.feeds and not list_feeds(session):
            add_feed(session, BUNDLED_ARCHIVE.as_uri(), name="Bundled Xiaomi EV archive")
    return problems


def local_feed_ids(db_url: str) -> list[int]:
    """Feeds that need no network (file:// URLs): what an offline run fetches."""
    with database(db_url).session() as session:
        return [f.id for f in list_feeds(session, enabled_only=True) if f.url.startswith("file:")]


@task(cache_policy=NONE)
def fetch_and_store(db_url: str, offline: bool) -> dict[str, Any]:
    fetch = FetchSettings(**settings().fetch.model_dump(exclude_none=True))
    feeds = local_feed_ids(db_url) if offline else None
    if feeds == []:
        return IngestReport().summary() | {"failures": []}
    report = ingest(database(db_url), feeds=feeds, settings=fetch)
    failures = [f"{f.url}: {f.error}" for f in report.failures]
    return report.summary() | {"failures": failures}


@flow(name="ingest_feeds")
def ingest_feeds(offline: bool = False) -> dict[str, Any]:
    config = settings()
    db = database(config.database)
    with recorded_run(db, "ingest") as run, shared_stage(db):
        problems = ensure_feeds(config.database)
        summary = fetch_and_store(config.database, offline)
        run.summary |= summary | {"failures": problems + summary["failures"]}
    return run.summary


if __name__ == "__main__":
    print(ingest_feeds())
