"""Flow `assess`: claims from new news, judged against the predictions; statuses updated.

The flow wraps `hindsight.pipeline.assess.assess_pending` and nothing else: the rewinding for
news that arrived out of order or seeds about new subjects, the batches, the worker pool and
the statuses are the pipeline's, so `hindsight run` and the plain function cannot drift apart.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from prefect import flow, task
from prefect.cache_policies import NONE

from flows.common import database, recorded_run, settings
from hindsight.pipeline.assess import assess_pending
from hindsight.pipeline.model import model_backend

BATCH = 500


@task(cache_policy=NONE)
def assess_stage(db_url: str, today: date, run_id: int, backend: str = "rules") -> dict[str, Any]:
    """The whole stage as one task: each batch inside is still its own transaction.

    With the model judge (`[judge] backend = "llm"`) the summary says what it spent, and how
    many pairs wait for the next run or fell back to the rules (`model`, `model_note`)."""
    db = database(db_url)
    model = model_backend(settings(), db) if backend == "llm" else None
    try:
        report = assess_pending(
            db,
            batch_size=BATCH,
            today=today,
            run_id=run_id,
            backend=backend,
            judge_options={"asker": model.asker} if model else None,
        )
    finally:
        if model is not None:
            model.close()
    summary = asdict(report)
    if model is not None:
        summary["model_note"] = model.asker.usage.describe()
    return summary


@flow(name="assess")
def assess(today: date | None = None) -> dict[str, Any]:
    config = settings()
    db = database(config.database)
    with recorded_run(db, "assess") as run:
        run.summary |= assess_stage(
            config.database, today or date.today(), run.id, config.judge.backend
        )
    return run.summary


if __name__ == "__main__":
    print(assess())
