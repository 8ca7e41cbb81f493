"""A pipeline run, once: which stages, in what order, each recorded in the `runs` table.

`run_stages` is the only place the stage order lives. The `track` flow calls it with the stage
flows as its steps (a tracked flow run on a Prefect server); `hindsight run` with no server calls
it with `local_steps`, the plain stage functions, and never imports Prefect (start-up is the
cost: Prefect's import alone takes 2-4 s here, its temporary server 15-25 s more).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from hindsight.faults import checkpoint
from hindsight.pipeline import stages as stage_functions
from hindsight.settings import Settings
from storage.db import Database
from storage.locks import pipeline_lock
from storage.runs import finish_run, start_run

STAGES = ("seed", "ingest", "assess", "digest")
# What the hourly `track` deployment does: everything but the digest, which has its own schedule.
TRACK_STAGES = ("seed", "ingest", "assess")

Summary = dict[str, Any]
Step = Callable[[], Summary]


class UnknownStage(ValueError):
    """A stage name that is not one of `STAGES`."""


def chosen_stages(stages: Iterable[str] | None) -> list[str]:
    """The stages asked for, in pipeline order; all of them when none are named."""
    wanted = list(stages or STAGES)
    unknown = [s for s in wanted if s not in STAGES]
    if unknown:
        raise UnknownStage(f"unknown stage {unknown[0]!r}: choose from {', '.join(STAGES)}")
    return [s for s in STAGES if s in wanted]


# --- progress ----------------------------------------------------------------------------------


class StageObserver(Protocol):
    """Told when each stage starts and ends (the CLI's progress display)."""

    def started(self, stage: str) -> None: ...

    def finished(self, stage: str, summary: Summary, seconds: float) -> None: ...


class _Silent:
    def started(self, stage: str) -> None:
        pass

    def finished(self, stage: str, summary: Summary, seconds: float) -> None:
        pass


# The observer of runs in this process. A module global, not a flow parameter: the `track` flow
# runs in the CLI's process when started by hand, and parameters must be serialisable.
_observer: StageObserver = _Silent()


@contextmanager
def observed(observer: StageObserver) -> Iterator[None]:
    """Report the stages of runs in this block to `observer`."""
    global _observer
    previous, _observer = _observer, observer
    try:
        yield
    finally:
        _observer = previous


# --- run records -------------------------------------------------------------------------------


@dataclass
class RunRecord:
    """The run row of a stage in progress; the stage fills `summary` as it goes."""

    id: int
    stage: str
    summary: dict[str, Any] = field(default_factory=dict)


@contextmanager
def recorded_run(
    db: Database,
    stage: str,
    flow_run_id: str | None = None,
    *,
    wait: float = 0,
    seed: int | None = None,
) -> Iterator[RunRecord]:
    """Record a run row around a stage: `running`, then `completed` with a summary or `failed`.

    The stage holds the run lock of the database, or with `seed` of that seed's group only,
    throughout (`storage.locks`): a run that finds a colliding one waits up to `wait` seconds,
    then raises `RunInProgress` before recording or changing anything.
    """
    with pipeline_lock(db, seed=seed, wait=wait):
        known: dict[str, Any] = {"seed_id": seed} if seed is not None else {}
        with db.session() as session:
            record = RunRecord(start_run(session, stage, flow_run_id, known), stage, dict(known))
        try:
            yield record
        except BaseException as exc:
            # The database itself may have failed: then the next whole run closes the row.
            with suppress(Exception), db.session() as session:
                error = str(exc)[:2000]
                finish_run(session, record.id, state="failed", summary=record.summary, error=error)
            raise
        checkpoint("run.before_finish")
        with db.session() as session:
            finish_run(session, record.id, state="completed", summary=record.summary)


# --- the sequence ------------------------------------------------------------------------------


def run_stages(
    db: Database,
    steps: Mapping[str, Step],
    stages: Iterable[str] | None = None,
    *,
    flow_run_id: str | None = None,
    wait: float = 0,
    seed: int | None = None,
) -> Summary:
    """Run the chosen stages in pipeline order as one `track` run; a stage that raises stops it.

    The stages are idempotent, so the next run picks up where a failed one stopped. With `seed`,
    the run is that seed group's (`TRACK_STAGES` unless told): runs of other seeds may go on in
    parallel (`storage.locks`).
    """
    chosen = chosen_stages(stages or (TRACK_STAGES if seed is not None else None))
    with recorded_run(db, "track", flow_run_id, wait=wait, seed=seed) as run:
        for name in chosen:
            _observer.started(name)
            started = time.perf_counter()
            run.summary[name] = steps[name]()
            _observer.finished(name, run.summary[name], time.perf_counter() - started)
    return run.summary


@dataclass(frozen=True)
class RunOptions:
    """What a run was asked for, beyond which stages."""

    offline: bool = False
    out_dir: Path | None = None
    since: date | None = None
    # None: mail the digest when SMTP is configured (schedules); a hand-started run says.
    send: bool | None = None
    today: date | None = None
    # One seed group's run (`hindsight run --seed N`): its seed and statuses only.
    seed: int | None = None


def local_steps(db: Database, config: Settings, options: RunOptions) -> dict[str, Step]:
    """The stage functions themselves, each recorded as its own run: the path without Prefect."""

    def recorded(stage: str, work: Callable[[RunRecord], Summary]) -> Step:
        def step() -> Summary:
            with recorded_run(db, stage, seed=options.seed) as run:
                run.summary |= work(run)
            return run.summary

        return step

    wait = config.lock_wait  # for the shared work, inside a run that holds its own lock

    def assess(run: RunRecord) -> Summary:
        from hindsight.pipeline.cluster import dask_executor

        with dask_executor(config.dask) as (executor, workers):
            if workers:
                run.summary["dask_workers"] = workers
            return stage_functions.assess_stage(
                db,
                today=options.today,
                run_id=run.id,
                config=config,
                executor=executor,
                workers=workers,
                seed_id=options.seed,
                shared_wait=wait,
            )

    return {
        "seed": recorded(
            "seed", lambda run: stage_functions.seed_stage(db, config, seed_id=options.seed)
        ),
        "ingest": recorded(
            "ingest",
            lambda run: stage_functions.ingest_stage(
                db, config, offline=options.offline, shared_wait=wait
            ),
        ),
        "assess": recorded("assess", assess),
        "digest": recorded(
            "digest",
            lambda run: stage_functions.digest_stage(
                db,
                config,
                out_dir=options.out_dir,
                since=options.since,
                send=options.send,
                shared_wait=wait,
            ),
        ),
    }


def stage_seconds(summary: Summary) -> dict[str, float]:
    """Each stage's own work time from a run summary (see `stages.timed`)."""
    return {
        name: float(part["seconds"])
        for name, part in summary.items()
        if isinstance(part, dict) and "seconds" in part
    }
