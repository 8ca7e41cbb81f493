"""Each stage as one plain function of the settings: what a run does, with or without Prefect.

The `flows/` wrap these in Prefect tasks (retries, timeouts, the UI); `hindsight run` with no
Prefect server calls them directly (`hindsight.pipeline.run`). Either way the work is the same
code, so a run tracked in Prefect and one that is not cannot drift apart. Each returns the summary
the CLI prints and the run record keeps, with `seconds`: the stage's own work, which `--verbose`
sets against what orchestration cost.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import asdict
from datetime import date
from functools import wraps
from pathlib import Path
from typing import Any, ParamSpec

from hindsight.settings import BUNDLED_ARCHIVE, SeedConfig, Settings, bundled_seed
from storage.db import Database

P = ParamSpec("P")
Summary = dict[str, Any]


def timed(stage: Callable[P, Summary]) -> Callable[P, Summary]:
    """Add the stage's own wall time to its summary as `seconds`."""

    @wraps(stage)
    def measured(*args: P.args, **kwargs: P.kwargs) -> Summary:
        started = time.perf_counter()
        summary = stage(*args, **kwargs)
        return summary | {"seconds": round(time.perf_counter() - started, 3)}

    return measured


# --- seed --------------------------------------------------------------------------------------


def configured_seeds(config: Settings) -> list[SeedConfig]:
    """The seeds of `hindsight.toml`; with none configured, the bundled Xiaomi seed."""
    return config.seeds or [bundled_seed()]


def load_seed(db: Database, seed: SeedConfig) -> Summary:
    """One seed; a seed that cannot be read is reported, not fatal, so the others still load."""
    from hindsight.pipeline.seeds import add_seed
    from hindsight.reading import SeedError

    try:
        outcome = add_seed(
            db,
            seed.path,
            title=seed.title,
            author=seed.author,
            published=seed.published,
            url=seed.url,
        )
    except SeedError as exc:
        return {"path": seed.path, "error": str(exc)}
    return {"path": seed.path, **asdict(outcome)}


class SeedNotFound(LookupError):
    """A seed id that names no stored seed (or one that cannot be read again)."""


def seed_to_read(db: Database, config: Settings, seed_id: int) -> SeedConfig:
    """Stored seed `seed_id` as it is to be read again: its configured entry, else its origin.

    A seed added with `hindsight seed add` is not in `hindsight.toml`: it is read again from
    where it was first read, with the metadata stored for it.
    """
    from hindsight.pipeline.seeds import origin_of
    from storage.models import Seed

    with db.session() as session:
        seed = session.get(Seed, seed_id)
        if seed is None:
            raise SeedNotFound(f"no seed with id {seed_id} (see `hindsight seed list`)")
        for configured in configured_seeds(config):
            if origin_of(configured.path) == seed.origin:
                return configured
        if not seed.origin:
            raise SeedNotFound(f"seed {seed_id} records no origin to read it again from")
        return SeedConfig(
            path=seed.origin,
            title=seed.title,
            author=seed.author,
            published=seed.published,
            url=seed.url,
        )


@timed
def seed_stage(
    db: Database,
    config: Settings,
    seeds: list[SeedConfig] | None = None,
    seed_id: int | None = None,
) -> Summary:
    """Read every configured seed (or `seeds`, or stored seed `seed_id` only); store predictions.

    Idempotent: seeds and predictions are keyed by content.
    """
    if seed_id is not None:
        seeds = [seed_to_read(db, config, seed_id)]
    results = [load_seed(db, seed) for seed in seeds or configured_seeds(config)]
    return {
        "seeds": len(results),
        "predictions_added": sum(r.get("predictions", {}).get("added", 0) for r in results),
        "errors": [f"{r['path']}: {r['error']}" for r in results if "error" in r],
    }


# --- ingest ------------------------------------------------------------------------------------


def ensure_feeds(db: Database, config: Settings) -> list[str]:
    """Register configured feeds; with none configured or stored, the bundled news archive.

    Returns the configured feeds that could not be used, each in one line, for the run summary.
    """
    from hindsight.feeds.address import FeedAddressError, feed_address
    from storage.feeds import add_feed, list_feeds

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


def local_feed_ids(db: Database) -> list[int]:
    """Feeds that need no network (file:// URLs): what an offline run fetches."""
    from storage.feeds import list_feeds

    with db.session() as session:
        return [f.id for f in list_feeds(session, enabled_only=True) if f.url.startswith("file:")]


def fetch_feeds(
    db: Database, config: Settings, *, offline: bool = False, feeds: list[int] | None = None
) -> Summary:
    """Fetch the due feeds (all, or `feeds`; file:// ones only when offline) and store entries."""
    from hindsight.feeds.fetch import FetchSettings
    from hindsight.feeds.pipeline import IngestReport, ingest

    fetch = FetchSettings(**config.fetch.model_dump(exclude_none=True))
    if offline:
        local = local_feed_ids(db)
        feeds = [f for f in feeds if f in local] if feeds is not None else local
    if feeds == []:
        return IngestReport().summary() | {"failures": []}
    report = ingest(db, feeds=feeds, settings=fetch)
    return report.summary() | {"failures": [f"{f.url}: {f.error}" for f in report.failures]}


# Feeds per batch: one batch is one `ingest` call (its own fetch concurrency and parse pool) and,
# under Prefect, one mapped task run; a task run costs 16-90 ms, a batch of feeds seconds.
FEED_BATCH = 500

FeedBatches = Callable[[list[list[int]]], list[Summary]]


def due_feed_batches(
    db: Database, *, offline: bool = False, size: int = FEED_BATCH
) -> list[list[int]]:
    """Ids of the feeds to fetch now, in batches: the due ones, oldest due first; offline, every
    file:// feed (reading a local file costs nothing, so it is not held to the poll interval)."""
    from datetime import UTC, datetime

    from storage.feeds import due_feeds

    if offline:
        due = local_feed_ids(db)
    else:
        with db.session() as session:
            due = [f.id for f in due_feeds(session, datetime.now(UTC))]
    return [due[i : i + size] for i in range(0, len(due), size)]


def merge_ingest(summaries: list[Summary]) -> Summary:
    """One summary of several batches: counts added up, failures listed together."""
    from hindsight.feeds.pipeline import IngestReport

    merged: Summary = IngestReport().summary() | {"failures": []}
    for summary in summaries:
        for key, value in summary.items():
            merged[key] = merged.get(key, 0) + value if key != "seconds" else merged[key]
    return merged


@timed
def ingest_stage(
    db: Database,
    config: Settings,
    *,
    offline: bool = False,
    shared_wait: float = 0,
    map_batches: FeedBatches | None = None,
) -> Summary:
    """Register the configured feeds, then fetch every due one (conditional GETs, dedupe).

    Due feeds go in batches of `FEED_BATCH`, each fetched by `fetch_feeds`; `map_batches` runs
    them (the flow maps them as Prefect tasks), else one after another here. Feeds are every
    seed's: one run at a time fetches them (`storage.locks.shared_work`; a run of another seed
    waits up to `shared_wait` s, then finds them fetched).
    """
    from storage.locks import shared_work

    def one_by_one(batches: list[list[int]]) -> list[Summary]:
        return [fetch_feeds(db, config, feeds=batch) for batch in batches]

    with shared_work(db, shared_wait):
        problems = ensure_feeds(db, config)
        batches = due_feed_batches(db, offline=offline)
        summary = merge_ingest((map_batches or one_by_one)(batches))
    return summary | {"failures": problems + summary["failures"]}


# --- assess ------------------------------------------------------------------------------------


@timed
def assess_stage(
    db: Database,
    *,
    today: date | None = None,
    run_id: int | None = None,
    config: Settings | None = None,
    executor: Executor | None = None,
    workers: int | None = None,
    seed_id: int | None = None,
    shared_wait: float = 0,
) -> Summary:
    """Claims from new news judged against every active prediction; statuses decided.

    The judge is `[judge] backend`; with "llm" the summary says what the model spent and how
    many pairs wait for the next run or fell back to the rules (`model`, `model_note`).
    Judging runs on `executor` when given (a Dask cluster's, `workers` chunks at once); with
    `seed_id`, only that seed's statuses are decided (see `assess_pending`).
    """
    from hindsight.pipeline.assess import assess_pending
    from hindsight.pipeline.model import model_backend
    from hindsight.settings import load_settings

    config = config or load_settings()
    backend = config.judge.backend
    model = model_backend(config, db) if backend == "llm" else None
    try:
        report = assess_pending(
            db,
            batch_size=config.judge.batch_size,
            today=today,
            run_id=run_id,
            backend=backend,
            judge_options={"asker": model.asker} if model else None,
            executor=executor,
            workers=workers,
            seed=seed_id,
            shared_wait=shared_wait,
            related=config.judge.related,
        )
    finally:
        if model is not None:
            model.close()
    summary: Summary = {
        "documents": report.documents,
        "claims": report.claims,
        "assessments": report.assessments,
        "reread": report.reread,
        "related": report.related,
        "status_changes": report.status_changes,
    }
    if model is not None:
        summary["model"] = report.model
        summary["model_note"] = model.asker.usage.describe()
    return summary


# --- digest ------------------------------------------------------------------------------------


@timed
def digest_stage(
    db: Database,
    config: Settings,
    *,
    out_dir: Path | None = None,
    since: date | None = None,
    send: bool | None = None,
    shared_wait: float = 0,
) -> Summary:
    """Write the digest; mail it when `send` (None: when SMTP is configured, as schedules do).

    The digest covers every seed: one run at a time writes it (`storage.locks.shared_work`).
    """
    from hindsight.pipeline.digest import DigestOptions, make_digest
    from storage.locks import shared_work

    wanted = bool(config.mail.host) if send is None else send
    options = DigestOptions.from_settings(config)
    with shared_work(db, shared_wait):
        outcome = make_digest(db, out_dir or config.reports_dir, options, since=since, send=wanted)
    return outcome.summary()
