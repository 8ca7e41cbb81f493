"""What every flow shares: settings, one Database per process, and run records."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from hindsight.settings import Settings, load_settings
from storage.db import Database
from storage.locks import pipeline_lock, shared_work
from storage.runs import finish_run, start_run


@functools.cache
def database(url: str) -> Database:
    db = Database(url)
    db.migrate()
    return db


def settings() -> Settings:
    return load_settings()


def current_flow_run_id() -> str | None:
    from prefect.runtime import flow_run

    value = flow_run.id
    return str(value) if value else None


@dataclass
class RunRecord:
    """The run row of a stage in progress; the stage fills `summary` as it goes."""

    id: int
    summary: dict[str, Any] = field(default_factory=dict)


@contextmanager
def recorded_run(db: Database, stage: str, seed: int | None = None) -> Iterator[RunRecord]:
    """Record a run row around a stage: `running`, then `completed` with a summary or `failed`.

    The stage holds the run lock of the database, or of seed `seed`'s group, throughout
    (`storage.locks`): a run that finds a colliding one waits `[locks] wait` seconds, then raises
    `RunInProgress` before recording or changing anything.
    """
    with pipeline_lock(db, seed=seed, wait=settings().locks.wait):
        with db.session() as session:
            record = RunRecord(start_run(session, stage, current_flow_run_id()))
        if seed is not None:
            record.summary["seed_id"] = seed
        try:
            yield record
        except BaseException as exc:
            with db.session() as session:
                finish_run(
                    session,
                    record.id,
                    state="failed",
                    summary=record.summary,
                    error=str(exc)[:2000],
                )
            raise
        with db.session() as session:
            finish_run(session, record.id, state="completed", summary=record.summary)


@contextmanager
def shared_stage(db: Database) -> Iterator[None]:
    """The work every seed group shares, one run at a time (`storage.locks.shared_work`)."""
    with shared_work(db, settings().locks.shared_wait):
        yield
