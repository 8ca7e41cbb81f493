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
    pending_batches,
    rejudge_changed_predictions,
    update_statuses,
)

BATCH = 500


@task(cache_policy=NONE)
def rejudge(db_url: str, tracked: Tracked) -> int:
    return rejudge_changed_predictions(database(db_url), tracked)


@task(cache_policy=NONE)
def judge_batch(db_url: str, tracked: Tracked, document_ids: list[int]) -> tuple[int, int]:
    return assess_batch(database(db_url), tracked, document_ids)


@task(cache_policy=NONE)
def decide(db_url: str, tracked: Tracked, today: date, run_id: int) -> int:
    return update_statuses(database(db_url), tracked, today=today, run_id=run_id)


@flow(name="assess")
def assess(today: date | None = None) -> dict[str, Any]:
    config = settings()
    db = database(config.database)
    with recorded_run(db, "assess") as run:
        tracked = load_tracked(db)
        run.summary["predictions"] = len(tracked.predictions)
        if tracked.predictions:
            run.summary["rejudged"] = rejudge(config.database, tracked)
            documents = claims = assessments = 0
            for ids in pending_batches(db, BATCH):
                batch_claims, batch_assessments = judge_batch(config.database, tracked, ids)
                documents += len(ids)
                claims += batch_claims
                assessments += batch_assessments
            run.summary |= {"documents": documents, "claims": claims, "assessments": assessments}
            run.summary["status_changes"] = decide(
                config.database, tracked, today or date.today(), run.id
            )
    return run.summary


if __name__ == "__main__":
    print(assess())
