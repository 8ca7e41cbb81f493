"""One pipeline run at a time per database.

A cron-scheduled deployment and an operator's `hindsight run` can overlap. The stages are
idempotent, but two runs at once would race on the same rows (the second fails on a unique key
half-way) and could mail the same digest twice. So a run holds a lock for its whole length and a
second one is refused at once, in one line, rather than queued behind it.

The lock lives where the data lives: a PostgreSQL session advisory lock (released by the server
if the process dies), or for SQLite a lock file beside the database file (released by the OS).
Nested holders in one process (the `track` flow and the stage flows it calls) share it.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy import make_url, text

from storage.db import Database

__all__ = ["RunInProgress", "pipeline_lock"]

# How many holders each database's lock has in this process (by URL).
_held: dict[str, int] = {}


class RunInProgress(Exception):
    """Another run holds the pipeline lock of this database."""


# PostgreSQL advisory locks are named by a 64-bit number: this application's, the same everywhere.
_ADVISORY_KEY = zlib.crc32(b"hindsight-pipeline")


@contextmanager
def pipeline_lock(db: Database, *, wait: float = 0) -> Iterator[None]:
    """Hold the database's pipeline lock for the block; `RunInProgress` if another run has it.

    `wait`: seconds to wait for another run to finish first (a scheduled run waits, so a digest
    due while the hourly run works goes on after it; a hand-started run is refused at once).
    """
    if _held.get(db.url):
        _held[db.url] += 1
        try:
            yield
        finally:
            _held[db.url] -= 1
        return
    with _acquire(db, wait):
        _held[db.url] = 1
        try:
            yield
        finally:
            del _held[db.url]


@contextmanager
def _acquire(db: Database, wait: float) -> Iterator[None]:
    if not db.is_sqlite:
        with db.engine.connect() as connection:
            key = {"k": _ADVISORY_KEY}
            deadline = time.monotonic() + wait
            while not connection.execute(text("SELECT pg_try_advisory_lock(:k)"), key).scalar():
                connection.commit()
                if time.monotonic() >= deadline:
                    raise RunInProgress(_refusal())
                time.sleep(min(1.0, max(0.0, deadline - time.monotonic())))
            connection.commit()
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:k)"), key)
                connection.commit()
        return
    database = make_url(db.url).database
    if not database or database == ":memory:":
        yield  # a private in-memory database: no other process can reach it
        return
    lock = FileLock(str(Path(database).expanduser()) + ".lock")
    try:
        lock.acquire(timeout=wait)
    except Timeout:
        raise RunInProgress(_refusal()) from None
    try:
        yield
    finally:
        lock.release()


def _refusal() -> str:
    return (
        "another Hindsight run is using this database right now; "
        "this one stopped before changing anything (run it again when that one has finished)"
    )
