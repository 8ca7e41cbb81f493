"""Flow `assess`: claims from new news, judged against the predictions; statuses updated."""

from __future__ import annotations

from datetime import date
from typing import Any

from prefect import flow, task
from prefect.cache_policies import NONE

from flows.common import STAGE_TIMEOUT, database, recorded_run, settings
from hindsight.pipeline.stages import assess_stage


# Deterministic CPU work: a retry would fail the same way, so none; batches already judged stay
# stored and the next run carries on from the first unfinished one.
@task(cache_policy=NONE, timeout_seconds=STAGE_TIMEOUT["assess"])
def judge_pending(db_url: str, today: date | None, run_id: int) -> dict[str, Any]:
    return assess_stage(database(db_url), today=today, run_id=run_id)


@flow(name="assess")
def assess(today: date | None = None) -> dict[str, Any]:
    config = settings()
    with recorded_run(database(config.database), "assess") as run:
        run.summary |= judge_pending(config.database, today, run.id)
    return run.summary


if __name__ == "__main__":
    print(assess())
