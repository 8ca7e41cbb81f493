"""One ingest run: fetch due feeds concurrently, parse them in a process pool, store each feed.

The three stages overlap: while one feed is being parsed in another process, others are being
fetched on the event loop and a finished one is being written by the single database thread. A
bounded number of feeds is in flight at once, so memory stays flat however many feeds there are.
Finished feeds are stored many to a transaction, each with its health, so a run that dies part-way
leaves every feed either fully ingested or untouched, and the next run carries on. A 304 costs a
request and a row in a batched health update: nothing is parsed, no transaction of its own.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import threading
import time
from collections.abc import Coroutine, Iterable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from typing import Any

from sqlalchemy.orm import Session

from hindsight.faults import checkpoint
from hindsight.feeds import update
from hindsight.feeds.dedupe import Keyed, content_hash, parse_keyed
from hindsight.feeds.fetch import Fetcher, FetchResult, FetchSettings
from hindsight.feeds.fulltext import complete, wants_full_text
from hindsight.feeds.health import NOT_A_FEED, Outcome
from hindsight.feeds.parse import ParsedFeed
from hindsight.feeds.update import FeedWrite, FeedWritten
from hindsight.workers import pool_context, watch_parent
from storage import feeds as repo
from storage.db import Database
from storage.feeds import PollTarget


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
        return _run_loop(coroutine)
    box: dict[str, Any] = {}

    def runner() -> None:
        try:
            box["report"] = _run_loop(coroutine)
        except BaseException as exc:
            box["error"] = exc

    thread = threading.Thread(target=runner, name="hindsight-ingest")
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    report: IngestReport = box["report"]
    return report


def _run_loop(coroutine: Coroutine[Any, Any, IngestReport]) -> IngestReport:
    """Run the ingest loop on uvloop where it is installed (a fifth less CPU per request)."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coroutine)
    return uvloop.run(coroutine)


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
    thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hindsight-db")
    loop = asyncio.get_running_loop()
    try:
        refs = None if feeds is None else list(feeds)
        jobs = await loop.run_in_executor(thread, _load_jobs, db, refs, now)
        if not jobs:
            return report
        with _ParsePool(settings, len(jobs)) as pool:
            writer = _BatchWriter(db, settings, now, thread)
            async with Fetcher(settings) as fetcher:
                runner = _Runner(db, settings, fetcher, pool, writer)
                report.feeds = await _run_all(runner, jobs, settings)
    finally:
        thread.shutdown(wait=True)
    report.seconds = time.perf_counter() - started
    return report


async def _run_all(
    runner: _Runner, jobs: list[PollTarget], settings: FetchSettings
) -> list[FeedReport]:
    """Run every job through a fixed number of lanes, keeping their order in the report.

    A lane takes the next job when its last one is stored, which bounds the feeds in flight
    (and so memory) without a waiting task per feed: at thousands of 304s, tasks parked on a
    semaphore would cost as much as the requests.
    """
    lanes = settings.max_in_flight or 4 * settings.max_concurrency
    reports: list[FeedReport | None] = [None] * len(jobs)
    queue = iter(enumerate(jobs))

    async def lane() -> None:
        for index, job in queue:
            reports[index] = await runner.run(job)

    await asyncio.gather(*(lane() for _ in range(max(1, min(lanes, len(jobs))))))
    return [r for r in reports if r is not None]


class _Runner:
    """Carries one feed through fetch, parse, optional full text and store."""

    def __init__(
        self,
        db: Database,
        settings: FetchSettings,
        fetcher: Fetcher,
        pool: _ParsePool,
        writer: _BatchWriter,
    ) -> None:
        self.db, self.settings = db, settings
        self.fetcher, self.pool, self.writer = fetcher, pool, writer

    async def run(self, job: PollTarget) -> FeedReport:
        started = time.perf_counter()
        feed = FeedReport(url=job.url, source_id=job.source_id)
        try:
            self.writer.polling += 1
            try:
                write = await self._poll(job, feed)
                stored = self.writer.submit(write)
            finally:
                self.writer.polling -= 1
            written = await stored
            self._report(feed, write, written)
        except Exception as exc:  # one feed's surprise must not end the run
            feed.status, feed.error_kind = "error", "internal"
            feed.error = f"{type(exc).__name__}: {exc}"
            await self._record_failure(job, feed)
        feed.seconds = time.perf_counter() - started
        return feed

    async def _poll(self, job: PollTarget, feed: FeedReport) -> FeedWrite:
        """Fetch and parse one feed: what storing it takes (nothing is parsed for a 304)."""
        loop = asyncio.get_running_loop()
        result = await self.fetcher.fetch(job.url, etag=job.etag, last_modified=job.last_modified)
        checkpoint("ingest.after_fetch")
        feed.http_status = result.status
        body_hash = None
        if result.content is not None:
            body_hash = hashlib.sha256(result.content).hexdigest()
            if self.settings.skip_unchanged_body and body_hash == job.body_hash:
                result.not_modified, result.content = True, None  # same bytes as last time
        if result.ok and result.not_modified and job.last_error_kind == NOT_A_FEED:
            # The body that was not a feed last time has not changed: still not a feed.
            outcome = Outcome(
                status=result.status,
                error=job.last_error or "not a feed",
                error_kind=NOT_A_FEED,
                not_modified=True,
                retry_after=result.retry_after,
            )
            return FeedWrite(job.source_id, outcome)
        if not result.ok or result.not_modified or result.content is None:
            return FeedWrite(job.source_id, _outcome(result, None, None))
        work = partial(
            parse_keyed,
            result.content,
            url=result.final_url,
            headers=result.parser_headers,
            parser=self.settings.parser,
            sanitizer=self.settings.sanitizer,
        )
        result.content = None  # the worker has its copy; this one need not wait for the store
        parsed, items = await loop.run_in_executor(self.pool.get(), work)
        feed.parser, feed.entries = parsed.parser, len(items)
        outcome = _outcome(result, parsed, body_hash)
        if parsed.error or not items:
            return FeedWrite(job.source_id, outcome)
        if job.full_text:
            items = await self._full_text(job, items, feed)
        return FeedWrite(job.source_id, outcome, items)

    def _report(self, feed: FeedReport, write: FeedWrite, written: FeedWritten) -> None:
        outcome = write.outcome
        feed.status = (
            "error" if not outcome.ok else "not-modified" if outcome.not_modified else "ok"
        )
        feed.error, feed.error_kind = outcome.error, outcome.error_kind
        warnings = (outcome.warning, written.move, feed.warning)
        feed.warning = "; ".join(w for w in warnings if w) or None
        if written.counts is not None:
            counts = written.counts
            feed.new, feed.updated = counts.new, counts.updated
            feed.unchanged, feed.new_documents = counts.unchanged, counts.new_documents

    async def _full_text(
        self, job: PollTarget, items: list[Keyed], feed: FeedReport
    ) -> list[Keyed]:
        """Complete the teasers of entries that are new or changed, up to the per-feed limit.

        The feed's own (teaser) hash stays the entry's change detector, so the next poll of an
        unchanged teaser finds it unchanged instead of "updating" the full text back to it.
        """
        loop = asyncio.get_running_loop()
        known = await loop.run_in_executor(
            self.writer.thread, _known_hashes, self.db, job.source_id
        )
        todo = [
            i
            for i, k in enumerate(items)
            if wants_full_text(k.entry) and known.get(k.key) != k.content_hash
        ][: self.settings.full_text_per_feed]
        done = await asyncio.gather(
            *(
                complete(items[i].entry, self.fetcher, executor=self.pool.get(), feed_url=job.url)
                for i in todo
            )
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

    async def _record_failure(self, job: PollTarget, feed: FeedReport) -> None:
        outcome = Outcome(error=feed.error, error_kind=feed.error_kind)
        try:
            await self.writer.submit(FeedWrite(job.source_id, outcome))
        except Exception as exc:
            feed.error = f"{feed.error}; health not recorded: {exc}"


def _outcome(result: FetchResult, parsed: ParsedFeed | None, body_hash: str | None) -> Outcome:
    error, kind, warning = result.error, result.error_kind, None
    if parsed is not None:
        if parsed.error:
            error, kind = parsed.error, NOT_A_FEED
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
        body_hash=body_hash if parsed is not None else None,
    )


class _BatchWriter:
    """Writes feeds many to a transaction on the one database thread, as they come.

    Whatever finished while the thread was busy goes into the next batch, so the batches grow
    with the load: at thousands of feeds a run is not bound by one commit (and one round of
    queries) per feed. Each feed is still stored whole or not at all, and if a batch fails its
    feeds are retried one by one, so one feed's problem cannot take others down with it.
    """

    MAX_FEEDS = 200
    MAX_ENTRIES = 5000
    MIN_FEEDS = 32  # a smaller batch waits up to GATHER seconds for more feeds to join it
    GATHER = 0.05

    def __init__(
        self, db: Database, settings: FetchSettings, now: datetime, thread: Executor
    ) -> None:
        self.db, self.settings, self.now, self.thread = db, settings, now, thread
        self.pending: list[tuple[FeedWrite, asyncio.Future[FeedWritten]]] = []
        self.task: asyncio.Task[None] | None = None
        self.polling = 0  # feeds being fetched or parsed: writes that may still join a batch

    def submit(self, write: FeedWrite) -> asyncio.Future[FeedWritten]:
        """Queue one feed's write; the future gives what storing it did."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[FeedWritten] = loop.create_future()
        self.pending.append((write, future))
        if self.task is None or self.task.done():
            self.task = loop.create_task(self._drain())
        return future

    async def _drain(self) -> None:
        loop = asyncio.get_running_loop()
        while self.pending:
            waited = 0.0
            while self.polling and len(self.pending) < self.MIN_FEEDS and waited < self.GATHER:
                await asyncio.sleep(0.005)  # a transaction costs more than a few ms of waiting
                waited += 0.005
            batch = self._take()
            writes = [w for w, _ in batch]
            try:
                results = await loop.run_in_executor(self.thread, self._write, writes)
            except Exception as exc:  # the thread itself failed: nothing was written
                results = [exc] * len(batch)
            for (_, future), outcome in zip(batch, results, strict=True):
                if isinstance(outcome, BaseException):
                    future.set_exception(outcome)
                else:
                    future.set_result(outcome)

    def _take(self) -> list[tuple[FeedWrite, asyncio.Future[FeedWritten]]]:
        """The oldest pending writes, within the batch limits and each source at most once."""
        taken: list[tuple[FeedWrite, asyncio.Future[FeedWritten]]] = []
        rest: list[tuple[FeedWrite, asyncio.Future[FeedWritten]]] = []
        sources: set[int] = set()
        entries = 0
        for item in self.pending:
            write = item[0]
            full = len(taken) >= self.MAX_FEEDS or (taken and entries >= self.MAX_ENTRIES)
            if full or write.source_id in sources:
                rest.append(item)
                continue
            taken.append(item)
            sources.add(write.source_id)
            entries += len(write.entries)
        self.pending = rest
        return taken

    def _write(self, writes: list[FeedWrite]) -> list[FeedWritten | BaseException]:
        try:
            return list(self._transaction(writes))
        except Exception as exc:
            if len(writes) == 1:
                return [exc]
        results: list[FeedWritten | BaseException] = []
        for write in writes:  # find the culprit: every other feed still gets stored
            try:
                results.extend(self._transaction([write]))
            except Exception as exc:
                results.append(exc)
        return results

    def _transaction(self, writes: list[FeedWrite]) -> list[FeedWritten]:
        with self.db.session() as session:
            written = store_feeds(
                session,
                writes,
                now=self.now,
                interval=self.settings.check_interval,
                max_backoff=self.settings.max_backoff,
            )
            checkpoint("ingest.before_commit")
        checkpoint("ingest.after_commit")
        return written


def store_feeds(
    session: Session,
    writes: list[FeedWrite],
    *,
    now: datetime,
    interval: float,
    max_backoff: float,
) -> list[FeedWritten]:
    """Record a batch of polls in the caller's transaction: read, decide, then apply.

    What storage knows is read as plain values, `update.decide` works out the intents without
    touching the database, and `apply_update` writes them, so the whole batch lands or none of
    it. Each feed is recorded exactly as it would be alone, in the order given (a story two
    feeds of the batch carry becomes one document).
    """
    states = repo.feed_states(session, {w.source_id for w in writes})
    subscribed = [w for w in writes if w.source_id in states]
    known = repo.known_entries(session, {w.source_id for w in subscribed if w.entries})
    wanted = update.lookups(subscribed, known)
    by_link, by_hash = repo.news_documents(session, wanted.links, wanted.hashes)
    taken = repo.sources_by_url(session, wanted.urls)
    knowledge = update.Knowledge(states, known, by_link, by_hash, taken)
    decided = update.decide(writes, knowledge, now=now, interval=interval, max_backoff=max_backoff)
    repo.apply_update(session, decided.update)
    return decided.results


def _known_hashes(db: Database, source_id: int) -> dict[str, str]:
    with db.session() as session:
        return repo.entry_hashes(session, source_id)


def _load_jobs(db: Database, refs: list[int | str] | None, now: datetime) -> list[repo.PollTarget]:
    with db.session() as session:
        return repo.poll_targets(session, now, refs)


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
            self.pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=pool_context(),  # the parser imported once, not in every worker
                initializer=watch_parent,  # a killed run leaves no parser behind
                initargs=(os.getpid(),),
            )
        return self.pool

    def __enter__(self) -> _ParsePool:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
