"""What every flow shares: settings, one Database per process, and run records."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from hindsight.settings import Settings, load_settings
from storage.db import Database
from storage.locks import pipeline_lock
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
def recorded_run(db: Database, stage: str) -> Iterator[RunRecord]:
    """Record a run row around a stage: `running`, then `completed` with a summary or `failed`.

    The stage holds the database's pipeline lock throughout (`storage.locks`): a run that
    finds another one in progress raises `RunInProgress` before recording or changing anything.
    """
    with pipeline_lock(db):
        with db.session() as session:
            record = RunRecord(start_run(session, stage, current_flow_run_id()))
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
