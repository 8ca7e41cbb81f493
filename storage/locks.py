"""Which runs may work on a database at the same time: one per seed group, shared work in turn.

A cron-scheduled deployment and an operator's `hindsight run` can overlap; a newsroom runs one
`track` per seed group in parallel against one PostgreSQL. Two runs on the same rows would race
(the second fails on a unique key half-way) and could mail the same digest twice, so:

- A run of the whole database (`pipeline_lock(db)`) excludes every other run.
- A run of one seed (`pipeline_lock(db, seed=N)`, `hindsight run --seed N`) excludes a whole run
  and another run of the same seed, and goes in parallel with runs of other seeds: its seed
  stage and its prediction statuses touch that seed's rows only.
- Work every seed shares — fetching feeds, judging new documents (a document is analysed once,
  against every seed's predictions), the digest — is done under `shared_work(db)`, one run at a
  time; a run of another seed waits for it, up to a timeout, then finds nothing left to do.

A collision either waits (`wait` seconds) or stops the run with `RunInProgress`, whose message is
one line, before the stage changes anything. A run that takes the whole database (on SQLite: any
run) marks the runs still recorded as `running` failed ("interrupted"): none can be going, so
their process died. A seed run on PostgreSQL does the same for the runs of its own seed: every
record a seed run makes says its seed from the start, the shared work it did included.

The locks live where the data lives: PostgreSQL session advisory locks (released by the server
if the process dies) — the whole-database key taken exclusively by a whole run and shared by seed
runs, one key per seed, one for the shared work. SQLite has one writer anyway: every run takes
the same lock file beside the database file (released by the OS), so SQLite runs go one at a
time whatever their seed, and `shared_work` has nothing left to exclude. Nested holders in one
process (the `track` flow and the stage flows it calls) share the outermost run's lock.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy import Connection, make_url, text

from storage.db import Database
from storage.runs import close_interrupted

__all__ = ["RunInProgress", "pipeline_lock", "shared_work"]


class RunInProgress(Exception):
    """Another run holds a lock this one needs (its message is one line)."""


def _key(name: bytes) -> int:
    """A stable signed 32-bit advisory-lock key (PostgreSQL's two-key form takes int4)."""
    value = zlib.crc32(name)
    return value - 2**32 if value >= 2**31 else value


# The one-key (bigint) form: the whole database, the same key as before seed groups existed.
_WHOLE = zlib.crc32(b"hindsight-pipeline")
_SHARED = zlib.crc32(b"hindsight-shared-work")
# The two-key form (a separate key space in PostgreSQL): (this namespace, seed id).
_SEEDS = _key(b"hindsight-seed")

# What this process holds, by database URL: the run lock's depth and scope, the shared depth.
_runs: dict[str, tuple[int, int | None]] = {}
_shared: dict[str, int] = {}


@contextmanager
def pipeline_lock(db: Database, seed: int | None = None, wait: float = 0.0) -> Iterator[None]:
    """Hold a run's lock for the block: the whole database, or only seed `seed`'s group.

    Waits up to `wait` seconds for a colliding run, then raises `RunInProgress`. Inside a run
    already holding a lock in this process, the outer run's lock covers the block.
    """
    held = _runs.get(db.url)
    if held:
        depth, scope = held
        if seed is not None and scope is not None and seed != scope:
            raise RunInProgress(f"this run works on seed {scope} only, not on seed {seed}")
        _runs[db.url] = (depth + 1, scope)
        try:
            yield
        finally:
            _runs[db.url] = (_runs[db.url][0] - 1, scope)
        return
    with _acquire_run(db, seed, wait):
        # No other run can be going (a whole run; on SQLite any run, all take one lock file):
        # any still `running` was killed. On PostgreSQL a seed run knows this of its seed's runs.
        with db.session() as session:
            close_interrupted(session, None if seed is None or db.is_sqlite else seed)
        _runs[db.url] = (1, seed)
        try:
            yield
        finally:
            del _runs[db.url]


@contextmanager
def shared_work(db: Database, wait: float = 0.0) -> Iterator[None]:
    """Hold the lock of the work all seeds share (feeds, documents, digest) for the block."""
    if _shared.get(db.url) or db.is_sqlite:
        _shared[db.url] = _shared.get(db.url, 0) + 1
        try:
            yield
        finally:
            _shared[db.url] -= 1
            if not _shared[db.url]:
                del _shared[db.url]
        return
    with _advisory(db, [("SELECT pg_try_advisory_lock(:a)", {"a": _SHARED})], wait) as ok:
        if not ok:
            raise RunInProgress(
                f"another Hindsight run kept the shared work (feeds, new documents, digest) "
                f"for more than {wait:.0f} s; this run stopped there (what it did before is "
                "saved; run it again later)"
            )
        _shared[db.url] = 1
        try:
            yield
        finally:
            del _shared[db.url]


@contextmanager
def _acquire_run(db: Database, seed: int | None, wait: float) -> Iterator[None]:
    if not db.is_sqlite:
        if seed is None:
            steps = [("SELECT pg_try_advisory_lock(:a)", {"a": _WHOLE})]
        else:
            steps = [
                ("SELECT pg_try_advisory_lock_shared(:a)", {"a": _WHOLE}),
                ("SELECT pg_try_advisory_lock(:a, :b)", {"a": _SEEDS, "b": seed}),
            ]
        with _advisory(db, steps, wait) as ok:
            if not ok:
                raise RunInProgress(_refusal(seed))
            yield
        return
    database = make_url(db.url).database
    if not database or database == ":memory:":
        yield  # a private in-memory database: no other process can reach it
        return
    lock = FileLock(str(Path(database).expanduser()) + ".lock")
    try:
        lock.acquire(timeout=wait)
    except Timeout:
        raise RunInProgress(_refusal(None)) from None
    try:
        yield
    finally:
        lock.release()


Step = tuple[str, dict[str, int]]


@contextmanager
def _advisory(db: Database, steps: list[Step], wait: float) -> Iterator[bool]:
    """Take every advisory lock of `steps` on one connection (all or none), polling up to `wait`.

    Yields whether they were taken; they are released when the block ends.
    """
    with db.engine.connect() as connection:

        def attempt() -> bool:
            taken: list[Step] = []
            for statement, keys in steps:
                if not connection.execute(text(statement), keys).scalar():
                    _release(connection, taken)
                    return False
                taken.append((statement, keys))
            return True

        ok = _poll(attempt, wait)
        connection.commit()
        try:
            yield ok
        finally:
            if ok:
                _release(connection, steps)


def _release(connection: Connection, steps: list[Step]) -> None:
    for statement, keys in reversed(steps):
        unlock = statement.replace("pg_try_advisory_lock", "pg_advisory_unlock")
        connection.execute(text(unlock), keys)
    connection.commit()


def _poll(attempt: Callable[[], bool], wait: float) -> bool:
    """True as soon as `attempt` succeeds; False when `wait` seconds pass without success."""
    deadline = time.monotonic() + wait
    while not attempt():
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        time.sleep(min(0.25, left))
    return True


def _refusal(seed: int | None) -> str:
    what = "this database" if seed is None else f"seed {seed} (or the whole database)"
    return (
        f"another Hindsight run is using {what} right now; "
        "this one stopped before changing anything (run it again when that one has finished)"
    )
