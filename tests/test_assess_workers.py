"""Where the assess stage judges: worker processes only when the judging ahead is worth them.

The bundled seed and its news archive, read in small batches: the stage counts the items that
name a tracked subject as it reads them and starts workers only when enough are expected ahead;
whatever it chooses, the stored judgements and statuses are the same.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import hindsight.pipeline.assess as assess_stage
from hindsight.pipeline.assess import assess_pending
from storage.db import Database
from tests.test_scale_out import Judgements, assessed, tracked_database


def _assess(base: Path, name: str) -> tuple[Judgements, dict[str, str]]:
    """Judgements and statuses of a copy of `base` assessed twenty stories a batch."""
    return assessed(base, name, batch_size=20, workers=2)


def test_workers_start_only_when_enough_news_names_the_subject(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = tracked_database(tmp_path)
    started: list[int] = []
    real_start = assess_stage.start_pool

    def recording_start(*args: object, **options: object) -> object:
        started.append(len(started))
        return real_start(*args, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(assess_stage, "start_pool", recording_start)
    monkeypatch.setattr(assess_stage, "POOL_MIN_BATCH", 1)
    # The archive's 39 stories are fewer than the items that make workers worth starting.
    in_process = _assess(base, "in-process")
    assert started == []
    # A run expecting more items to judge than the threshold starts them once, after reading
    # the first batch (names learned from it), and they judge exactly as this process does.
    monkeypatch.setattr(assess_stage, "POOL_MIN_ITEMS", 15)
    in_workers = _assess(base, "workers")
    assert started == [0]
    assert in_workers == in_process


def test_a_database_with_no_pending_news_starts_no_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = tracked_database(tmp_path)
    monkeypatch.setattr(assess_stage, "POOL_MIN_ITEMS", 15)
    db = Database(f"sqlite:///{base}")
    assess_pending(db)
    monkeypatch.setattr(
        assess_stage, "start_pool", lambda *a, **k: pytest.fail("workers started for nothing")
    )
    report = assess_pending(db)
    db.dispose()
    assert report.documents == 0


def test_workers_start_only_on_idle_cores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With no number of workers asked for, one per idle core, two at least: none on busy
    cores."""
    base = tracked_database(tmp_path)
    started: list[object] = []
    real_start = assess_stage.start_pool

    def recording_start(*args: object, **options: object) -> object:
        started.append(options.get("workers"))
        return real_start(*args, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(assess_stage, "start_pool", recording_start)
    monkeypatch.setattr(assess_stage, "POOL_MIN_BATCH", 1)
    monkeypatch.setattr(assess_stage, "POOL_MIN_ITEMS", 15)
    monkeypatch.setattr(assess_stage.os, "cpu_count", lambda: 4)
    # Other jobs keep the cores busy (one and a bit idle): judged here, as judged anywhere.
    monkeypatch.setattr(assess_stage, "free_cores", lambda: 1.4)
    busy = assessed(base, "busy", batch_size=20)
    assert started == []
    # Two cores idle (a quiet two-core machine): two workers.
    monkeypatch.setattr(assess_stage, "free_cores", lambda: 2.2)
    idle = assessed(base, "idle", batch_size=20)
    assert started == [2]
    assert idle == busy


def test_idle_cores_are_measured_over_the_batch_just_judged(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Asked again soon, `free_cores` reads the cores over the time since it last asked (the
    batch judged meanwhile), this thread's own work counted as free; it sleeps to sample only
    on a first or stale reading."""
    from hindsight.pipeline import judging

    clock = {"ticks": (0, 0), "at": 100.0, "cpu": 0.0}
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock["at"] += seconds  # type: ignore[operator]
        clock["ticks"] = (clock["ticks"][0] + 10, clock["ticks"][1] + 10)  # type: ignore[index]

    monkeypatch.setattr(judging, "_readings", judging.threading.local())
    monkeypatch.setattr(judging.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(judging, "_busy_times", lambda: clock["ticks"])
    monkeypatch.setattr(judging.time, "monotonic", lambda: clock["at"])
    monkeypatch.setattr(judging.time, "thread_time", lambda: clock["cpu"])
    monkeypatch.setattr(judging.time, "sleep", sleep)
    assert judging.free_cores() == 2.0 and slept == [0.05]  # first: sampled, all idle
    # One second judging here while another job keeps the other core busy: no core idle.
    clock.update(at=101.05, cpu=1.0, ticks=(10, 210))
    assert judging.free_cores() == pytest.approx(1.0) and slept == [0.05]
    # Asked again a minute later: that interval says nothing of now, so it samples again.
    clock.update(at=161.05)
    assert judging.free_cores() == 2.0 and slept == [0.05, 0.05]
