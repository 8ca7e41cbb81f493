"""One ingest run: fetch due feeds concurrently, parse them in a process pool, store each feed.

The three stages overlap: while one feed is being parsed in another process, others are being
fetched on the event loop and a finished one is being written by the single database thread. A
bounded number of feeds is in flight at once, so memory stays flat however many feeds there are.
Each feed is stored in its own transaction together with its health, so a run that dies part-way
leaves every feed either fully ingested or untouched, and the next run carries on.
"""

from __future__ import annotations

import asyncio
import hashlib
import multiprocessing
import os
import threading
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from typing import Any

from sqlalchemy import select

from hindsight.feeds.dedupe import Keyed, content_hash, parse_keyed
from hindsight.feeds.fetch import Fetcher, FetchResult, FetchSettings
from hindsight.feeds.fulltext import complete, wants_full_text
from hindsight.feeds.health import Outcome
from hindsight.feeds.parse import ParsedEntry, ParsedFeed
from storage import feeds as repo
from storage.db import Database
from storage.models import FeedEntry, Source


@dataclass
class FeedReport:
    """How one feed fared in a run."""

    url: str
    source_id: int | None = None
    status: str = "ok"  # "ok" | "not-modified" | "error"
    http_status: int | None = None
    entries: int = 0  # distinct or not, as parsed
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    new_documents: int = 0
    error: str | None = None
    error_kind: str | None = None
    warning: str | None = None
    parser: str | None = None
    seconds: float = 0.0


@dataclass
class IngestReport:
    """A run's outcome per feed and in total."""

    feeds: list[FeedReport] = field(default_factory=list)
    started: datetime | None = None
    seconds: float = 0.0

    @property
    def new(self) -> int:
        return sum(f.new for f in self.feeds)

    @property
    def updated(self) -> int:
        return sum(f.updated for f in self.feeds)

    @property
    def unchanged(self) -> int:
        return sum(f.unchanged for f in self.feeds)

    @property
    def new_documents(self) -> int:
        return sum(f.new_documents for f in self.feeds)

    @property
    def failures(self) -> list[FeedReport]:
        return [f for f in self.feeds if f.status == "error"]

    @property
    def not_modified(self) -> int:
        return sum(1 for f in self.feeds if f.status == "not-modified")

    def summary(self) -> dict[str, Any]:
        """Totals for a run record or a log line."""
        return {
            "feeds": len(self.feeds),
            "failed": len(self.failures),
            "not_modified": self.not_modified,
            "warnings": sum(1 for f in self.feeds if f.warning),
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "new_documents": self.new_documents,
            "seconds": round(self.seconds, 3),
        }

    def to_dict(self) -> dict[str, Any]:
        return {**self.summary(), "per_feed": [asdict(f) for f in self.feeds]}


@dataclass(frozen=True)
class _Job:
    """A snapshot of what fetching one source needs, taken before the run touches the network."""

    source_id: int
    url: str
    etag: str | None
    last_modified: str | None
    full_text: bool
    body_hash: str | None = None


def ingest(
    db: Database,
    *,
    feeds: Iterable[int | str] | None = None,
    settings: FetchSettings | None = None,
    now: datetime | None = None,
) -> IngestReport:
    """Synchronous `ingest_async`, usable from a Prefect task or the CLI (even inside a loop)."""
    coroutine = ingest_async(db, feeds=feeds, settings=settings, now=now)
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    box: dict[str, Any] = {}

    def runner() -> None:
        try:
            box["report"] = asyncio.run(coroutine)
        except BaseException as exc:
            box["error"] = exc

    thread = threading.Thread(target=runner, name="hindsight-ingest")
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    report: IngestReport = box["report"]
    return report


async def ingest_async(
    db: Database,
    *,
    feeds: Iterable[int | str] | None = None,
    settings: FetchSettings | None = None,
    now: datetime | None = None,
) -> IngestReport:
    """Poll `feeds` (ids or URLs; URLs not yet subscribed are added), or every enabled due feed."""
    settings = settings or FetchSettings()
    now = now or datetime.now(UTC)
    started = time.perf_counter()
    report = IngestReport(started=now)
    writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hindsight-db")
    loop = asyncio.get_running_loop()
    try:
        jobs = await loop.run_in_executor(writer, _load_jobs, db, feeds, now)
        if not jobs:
            return report
        with _ParsePool(settings, len(jobs)) as pool:
            in_flight = asyncio.Semaphore(settings.max_in_flight or 2 * settings.max_concurrency)
            async with Fetcher(settings) as fetcher:
                runner = _Runner(db, settings, now, fetcher, pool, writer, in_flight)
                report.feeds = list(await asyncio.gather(*(runner.run(job) for job in jobs)))
    finally:
        writer.shutdown(wait=True)
    report.seconds = time.perf_counter() - started
    return report


class _Runner:
    """Carries one feed through fetch, parse, optional full text and store."""

    def __init__(
        self,
        db: Database,
        settings: FetchSettings,
        now: datetime,
        fetcher: Fetcher,
        pool: _ParsePool,
        writer: Executor,
        in_flight: asyncio.Semaphore,
    ) -> None:
        self.db, self.settings, self.now = db, settings, now
        self.fetcher, self.pool, self.writer, self.in_flight = fetcher, pool, writer, in_flight
        self.health = _HealthBatch(db, settings, now, writer)

    async def run(self, job: _Job) -> FeedReport:
        started = time.perf_counter()
        feed = FeedReport(url=job.url, source_id=job.source_id)
        try:
            async with self.in_flight:
                health = await self._run(job, feed)
            # Waiting for a batched health write holds no slot: the batch fills sooner.
            if health is not None:
                move = await health
                feed.warning = "; ".join(w for w in (feed.warning, move) if w) or None
        except Exception as exc:  # one feed's surprise must not end the run
            feed.status, feed.error_kind = "error", "internal"
            feed.error = f"{type(exc).__name__}: {exc}"
            await self._record_failure(job, feed)
        feed.seconds = time.perf_counter() - started
        return feed

    async def _run(self, job: _Job, feed: FeedReport) -> asyncio.Future[str | None] | None:
        """Fetch, parse and store one feed; a health-only outcome is queued, its wait returned."""
        loop = asyncio.get_running_loop()
        result = await self.fetcher.fetch(job.url, etag=job.etag, last_modified=job.last_modified)
        feed.http_status = result.status
        parsed: ParsedFeed | None = None
        items: list[Keyed] = []
        body_hash = None
        if result.content is not None:
            body_hash = hashlib.sha256(result.content).hexdigest()
            if self.settings.skip_unchanged_body and body_hash == job.body_hash:
                result.not_modified, result.content = True, None  # same bytes as last time
        if result.ok and not result.not_modified and result.content is not None:
            work = partial(
                parse_keyed,
                result.content,
                url=result.final_url,
                headers=result.parser_headers,
                parser=self.settings.parser,
                sanitizer=self.settings.sanitizer,
            )
            parsed, items = await loop.run_in_executor(self.pool.get(), work)
            feed.parser, feed.entries = parsed.parser if parsed else None, len(items)
        outcome = _outcome(result, parsed, body_hash)
        entries: Sequence[ParsedEntry] | Sequence[Keyed] = (
            items if parsed and not parsed.error else ()
        )
        if entries and job.full_text:
            entries = await self._full_text(job, items, feed)
        counts: repo.StoreCounts | None = None
        health: asyncio.Future[str | None] | None = None
        move = None
        if entries:
            counts, move = await loop.run_in_executor(
                self.writer,
                _store,
                self.db,
                job.source_id,
                outcome,
                entries,
                self.now,
                self.settings,
            )
        else:  # nothing to store but health: batched with other feeds' into one transaction
            health = self.health.submit(job.source_id, outcome)
        feed.status = "error" if not outcome.ok else "not-modified" if result.not_modified else "ok"
        feed.error, feed.error_kind = outcome.error, outcome.error_kind
        feed.warning = "; ".join(w for w in (outcome.warning, move, feed.warning) if w) or None
        if counts is not None:
            feed.new, feed.updated = counts.new, counts.updated
            feed.unchanged, feed.new_documents = counts.unchanged, counts.new_documents
        return health

    async def _full_text(self, job: _Job, items: list[Keyed], feed: FeedReport) -> list[Keyed]:
        """Complete the teasers of entries that are new or changed, up to the per-feed limit.

        The feed's own (teaser) hash stays the entry's change detector, so the next poll of an
        unchanged teaser finds it unchanged instead of "updating" the full text back to it.
        """
        loop = asyncio.get_running_loop()
        known = await loop.run_in_executor(self.writer, _known_hashes, self.db, job.source_id)
        todo = [
            i
            for i, k in enumerate(items)
            if wants_full_text(k.entry) and known.get(k.key) != k.content_hash
        ][: self.settings.full_text_per_feed]
        done = await asyncio.gather(
            *(complete(items[i].entry, self.fetcher, executor=self.pool.get()) for i in todo)
        )
        result = list(items)
        problems = []
        for i, (entry, problem) in zip(todo, done, strict=True):
            if entry is not items[i].entry:
                result[i] = replace(
                    items[i], entry=entry, text_hash=content_hash(entry.title, entry.text)
                )
            if problem:
                problems.append(problem)
        if problems:
            feed.warning = f"{len(problems)} article page(s) failed, first: {problems[0]}"
        return result

    async def _record_failure(self, job: _Job, feed: FeedReport) -> None:
        outcome = Outcome(error=feed.error, error_kind=feed.error_kind)
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(
                self.writer, _store, self.db, job.source_id, outcome, (), self.now, self.settings
            )
        except Exception as exc:
            feed.error = f"{feed.error}; health not recorded: {exc}"


def _outcome(result: FetchResult, parsed: ParsedFeed | None, body_hash: str | None) -> Outcome:
    error, kind, warning = result.error, result.error_kind, None
    if parsed is not None:
        if parsed.error:
            error, kind = parsed.error, "not-a-feed"
        warning = parsed.warning
    return Outcome(
        status=result.status,
        error=error,
        error_kind=kind,
        warning=warning,
        etag=result.etag,
        last_modified=result.last_modified,
        not_modified=result.not_modified,
        permanent_url=result.permanent_url,
        retry_after=result.retry_after,
        feed_title=parsed.title if parsed else None,
        feed_link=parsed.link if parsed else None,
        body_hash=body_hash if parsed is not None and not parsed.error else None,
    )


def _store(
    db: Database,
    source_id: int,
    outcome: Outcome,
    entries: Sequence[ParsedEntry] | Sequence[Keyed],
    now: datetime,
    settings: FetchSettings,
) -> tuple[repo.StoreCounts | None, str | None]:
    """One transaction: the feed's entries and its health, together or not at all."""
    with db.session() as session:
        source = session.get(Source, source_id)
        if source is None:  # removed while the run was fetching it
            return None, None
        counts = repo.store_entries(session, source, entries, now=now) if entries else None
        move = repo.apply_outcome(
            session,
            source,
            outcome,
            now=now,
            interval=settings.check_interval,
            max_backoff=settings.max_backoff,
        )
    return counts, move


class _HealthBatch:
    """Health-only updates (304s, failures, empty feeds) written many feeds per transaction.

    At thousands of feeds a run of 304s would otherwise be bound by one commit per feed. Entries
    never go through here, so a feed's entries and health still share one transaction.
    """

    SIZE = 100
    DELAY = 0.05

    def __init__(self, db: Database, settings: FetchSettings, now: datetime, writer: Executor):
        self.db, self.settings, self.now, self.writer = db, settings, now, writer
        self.pending: list[tuple[int, Outcome, asyncio.Future[str | None]]] = []
        self.timer: asyncio.TimerHandle | None = None
        self.tasks: set[asyncio.Future[None]] = set()

    def submit(self, source_id: int, outcome: Outcome) -> asyncio.Future[str | None]:
        """Queue a health update; the future gives the move warning once it is written."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[str | None] = loop.create_future()
        self.pending.append((source_id, outcome, future))
        if len(self.pending) >= self.SIZE:
            self._flush()
        elif self.timer is None:
            self.timer = loop.call_later(self.DELAY, self._flush)
        return future

    def _flush(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        batch, self.pending = self.pending, []
        if batch:
            task = asyncio.ensure_future(self._write(batch))
            self.tasks.add(task)
            task.add_done_callback(self.tasks.discard)

    async def _write(self, batch: list[tuple[int, Outcome, asyncio.Future[str | None]]]) -> None:
        loop = asyncio.get_running_loop()
        items = [(source_id, outcome) for source_id, outcome, _ in batch]
        try:
            moves = await loop.run_in_executor(
                self.writer, _store_health, self.db, items, self.now, self.settings
            )
        except Exception as exc:
            for *_, future in batch:
                future.set_exception(exc)
            return
        for (*_, future), move in zip(batch, moves, strict=True):
            future.set_result(move)


def _store_health(
    db: Database, items: list[tuple[int, Outcome]], now: datetime, settings: FetchSettings
) -> list[str | None]:
    with db.session() as session:
        ids = [source_id for source_id, _ in items]
        sources = {s.id: s for s in session.scalars(select(Source).where(Source.id.in_(ids)))}
        moves = []
        for source_id, outcome in items:
            source = sources.get(source_id)
            moves.append(
                None
                if source is None
                else repo.apply_outcome(
                    session,
                    source,
                    outcome,
                    now=now,
                    interval=settings.check_interval,
                    max_backoff=settings.max_backoff,
                )
            )
        return moves


def _known_hashes(db: Database, source_id: int) -> dict[str, str]:
    with db.session() as session:
        query = select(FeedEntry.entry_key, FeedEntry.content_hash).where(
            FeedEntry.source_id == source_id
        )
        return {key: digest for key, digest in session.execute(query)}


def _load_jobs(db: Database, feeds: Iterable[int | str] | None, now: datetime) -> list[_Job]:
    with db.session() as session:
        if feeds is None:
            sources = repo.due_feeds(session, now)
        else:
            refs = list(feeds)
            found = repo.get_feeds(session, refs)
            sources = []
            for ref in refs:
                source = found.get(ref if isinstance(ref, int) else ref.strip())
                if source is None and isinstance(ref, str) and not ref.strip().isdigit():
                    source, _ = repo.add_feed(session, ref)
                if source is not None:
                    sources.append(source)
        return [
            _Job(s.id, s.url, s.etag, s.last_modified, bool(s.full_text), s.body_hash)
            for s in dict.fromkeys(sources)
        ]


class _ParsePool:
    """A process pool sized to the cores, started on first use (a run of 304s never needs it).

    Workers import only `hindsight.feeds.parse` (feedparser, nh3), not the database stack. With
    `parse_workers=0` parsing runs on the loop's default thread pool instead.
    """

    def __init__(self, settings: FetchSettings, jobs: int) -> None:
        workers = settings.parse_workers
        if workers is None:
            workers = os.cpu_count() or 1
        self.workers = max(0, min(workers, jobs))
        self.pool: ProcessPoolExecutor | None = None

    def get(self) -> Executor | None:
        if self.workers and self.pool is None:
            methods = multiprocessing.get_all_start_methods()
            method = "forkserver" if "forkserver" in methods else "spawn"
            context = multiprocessing.get_context(method)
            if method == "forkserver":
                # Workers fork from a server that has imported the parser once, instead of each
                # importing feedparser and nh3 again. (Never "fork": this process has threads.)
                context.set_forkserver_preload(["hindsight.feeds.dedupe"])
            self.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=context)
        return self.pool

    def __enter__(self) -> _ParsePool:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
