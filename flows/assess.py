"""Flow `assess`: claims from new news, judged against the predictions; statuses updated."""

from __future__ import annotations

from datetime import date
from typing import Any

from prefect import flow, task
from prefect.cache_policies import NONE

from flows.common import database, recorded_run, settings
from hindsight.analysis.judge import Judge
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
from hindsight.pipeline.model import model_backend

BATCH = 500


@task(cache_policy=NONE)
def rejudge(db_url: str, tracked: Tracked, judge: Judge | None = None) -> int:
    return rejudge_changed_predictions(database(db_url), tracked, judge)


@task(cache_policy=NONE)
def judge_batch(
    db_url: str,
    tracked: Tracked,
    document_ids: list[int],
    pool: JudgingPool | None,
    judge: Judge | None = None,
) -> tuple[int, int]:
    return assess_batch(database(db_url), tracked, document_ids, judge, pool=pool)


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
            backend = model_backend(config, db)
            judge = backend.judge(tracked.judge, tracked.article_dates) if backend else None
            pool = None
            try:
                run.summary["rejudged"] = rejudge(config.database, tracked, judge)
                batches = pending_id_batches(db, BATCH)
                # Worker processes for large runs (the rule judge only); each batch is still
                # one task and one transaction.
                if judge is None:
                    pool = open_pool(tracked, sum(map(len, batches)))
                documents = claims = assessments = 0
                for ids in batches:
                    batch_claims, batch_assessments = judge_batch(
                        config.database, tracked, ids, pool, judge
                    )
                    documents += len(ids)
                    claims += batch_claims
                    assessments += batch_assessments
            finally:
                if pool is not None:
                    pool.close()
                if backend is not None:
                    backend.close()
                    run.summary["model"] = backend.asker.usage.as_dict()
                    run.summary["model_note"] = backend.asker.usage.describe()
            run.summary |= {"documents": documents, "claims": claims, "assessments": assessments}
            run.summary["status_changes"] = decide(
                config.database, tracked, today or date.today(), run.id
            )
    return run.summary


if __name__ == "__main__":
    print(assess())
