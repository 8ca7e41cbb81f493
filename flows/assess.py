"""Flow `assess`: claims from new news, judged against the predictions; statuses updated."""

from __future__ import annotations

from datetime import date
from typing import Any

from prefect import flow, task
from prefect.cache_policies import NONE

from flows.common import database, recorded_run, settings
from hindsight.pipeline.assess import (
    Tracked,
    assess_batch,
    load_tracked,
    open_pool,
    pending_id_batches,
    rejudge_changed_predictions,
    update_statuses,
)
from hindsight.pipeline.judging import JudgingPool

BATCH = 500


@task(cache_policy=NONE)
def rejudge(db_url: str, tracked: Tracked) -> int:
    return rejudge_changed_predictions(database(db_url), tracked)


@task(cache_policy=NONE)
def judge_batch(
    db_url: str, tracked: Tracked, document_ids: list[int], pool: JudgingPool | None
) -> tuple[int, int]:
    return assess_batch(database(db_url), tracked, document_ids, pool=pool)


@task(cache_policy=NONE)
def decide(db_url: str, tracked: Tracked, today: date, run_id: int) -> int:
    return update_statuses(database(db_url), tracked, today=today, run_id=run_id)


@flow(name="assess")
def assess(today: date | None = None) -> dict[str, Any]:
    config = settings()
    db = database(config.database)
    with recorded_run(db, "assess") as run:
        tracked = load_tracked(db, config.judge.backend)
        run.summary["predictions"] = len(tracked.predictions)
        if tracked.predictions:
            run.summary["rejudged"] = rejudge(config.database, tracked)
            batches = pending_id_batches(db, BATCH)
            # Worker processes for large runs; each batch is still one task and one transaction.
            pool = open_pool(tracked, sum(map(len, batches)))
            documents = claims = assessments = 0
            try:
                for ids in batches:
                    batch_claims, batch_assessments = judge_batch(
                        config.database, tracked, ids, pool
                    )
                    documents += len(ids)
                    claims += batch_claims
                    assessments += batch_assessments
            finally:
                if pool is not None:
                    pool.close()
            run.summary |= {"documents": documents, "claims": claims, "assessments": assessments}
            run.summary["status_changes"] = decide(
                config.database, tracked, today or date.today(), run.id
            )
    return run.summary


if __name__ == "__main__":
    print(assess())
