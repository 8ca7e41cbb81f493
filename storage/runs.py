"""Pipeline runs as the operator sees them: started, finished, state, and a summary."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage import models


def start_run(
    session: Session,
    stage: str,
    flow_run_id: str | None = None,
    summary: dict[str, Any] | None = None,
) -> int:
    """Record a run as `running` with what it knows from the start: a seed group's run says
    its `seed_id`, so a later run of that seed can close it if its process dies
    (`close_interrupted`)."""
    run = models.Run(
        stage=stage, flow_run_id=flow_run_id, state="running", summary=dict(summary or {})
    )
    session.add(run)
    session.flush()
    return run.id


def finish_run(
    session: Session, run_id: int, *, state: str, summary: dict[str, Any], error: str | None = None
) -> None:
    run = session.get(models.Run, run_id)
    if run is None:
        return
    run.state = state
    run.summary = summary
    run.error = error
    run.finished = datetime.now(UTC)


INTERRUPTED = "interrupted: the process ended before recording how the run went (killed?)"


def close_interrupted(session: Session, seed: int | None = None) -> int:
    """Mark runs still `running` as `failed`: called by a run holding the whole database (or,
    with `seed`, that seed's lock, for that seed's runs), so none of them can still be going
    (their process died without a word, as with kill -9)."""
    runs = list(session.scalars(select(models.Run).where(models.Run.state == "running")))
    if seed is not None:
        runs = [run for run in runs if (run.summary or {}).get("seed_id") == seed]
    for run in runs:
        run.state, run.error = "failed", INTERRUPTED
    return len(runs)


def latest_runs(session: Session, limit: int = 10) -> list[models.Run]:
    return list(session.scalars(select(models.Run).order_by(models.Run.id.desc()).limit(limit)))


def runs_of_flow_run(session: Session, flow_run_id: str) -> list[tuple[str, dict[str, Any]]]:
    """The stage and summary of each run a Prefect flow run recorded (its own, not subflows')."""
    rows = session.scalars(
        select(models.Run).where(models.Run.flow_run_id == flow_run_id).order_by(models.Run.id)
    )
    return [(row.stage, dict(row.summary or {})) for row in rows]
