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


@timed
def seed_stage(db: Database, config: Settings, seeds: list[SeedConfig] | None = None) -> Summary:
    """Read every configured seed and store its predictions (idempotent: keyed by content)."""
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


@timed
def ingest_stage(db: Database, config: Settings, *, offline: bool = False) -> Summary:
    """Register the configured feeds, then fetch every due one (conditional GETs, dedupe)."""
    problems = ensure_feeds(db, config)
    summary = fetch_feeds(db, config, offline=offline)
    return summary | {"failures": problems + summary["failures"]}


# --- assess ------------------------------------------------------------------------------------


@timed
def assess_stage(
    db: Database,
    *,
    today: date | None = None,
    run_id: int | None = None,
    config: Settings | None = None,
) -> Summary:
    """Claims from new news judged against every active prediction; statuses decided.

    The judge is `[judge] backend`; with "llm" the summary says what the model spent and how
    many pairs wait for the next run or fell back to the rules (`model`, `model_note`)."""
    from hindsight.pipeline.assess import assess_pending
    from hindsight.pipeline.model import model_backend
    from hindsight.settings import load_settings

    config = config or load_settings()
    backend = config.judge.backend
    model = model_backend(config, db) if backend == "llm" else None
    try:
        report = assess_pending(
            db,
            today=today,
            run_id=run_id,
            backend=backend,
            judge_options={"asker": model.asker} if model else None,
        )
    finally:
        if model is not None:
            model.close()
    summary: Summary = {
        "documents": report.documents,
        "claims": report.claims,
        "assessments": report.assessments,
        "reread": report.reread,
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
) -> Summary:
    """Write the digest; mail it when `send` (None: when SMTP is configured, as schedules do)."""
    from hindsight.pipeline.digest import DigestOptions, make_digest

    wanted = bool(config.mail.host) if send is None else send
    options = DigestOptions.from_settings(config)
    outcome = make_digest(db, out_dir or config.reports_dir, options, since=since, send=wanted)
    return outcome.summary()
