"""Flow `assess`: claims from new news, judged against the predictions; statuses updated.

The flow wraps `assess_pending` and only chooses where it judges: local worker processes by
default, or with `[dask]` configured a Dask cluster that prefect-dask's `DaskTaskRunner` starts
(a `LocalCluster`) or connects to (`[dask] address`) for the length of the flow run; the stage
gets that cluster's `concurrent.futures` executor.
"""

from __future__ import annotations

import os
from concurrent.futures import Executor
from dataclasses import asdict
from datetime import date
from typing import Any

from prefect import Flow, flow, task
from prefect.cache_policies import NONE
from prefect.context import FlowRunContext

from flows.common import database, recorded_run, settings
from hindsight.pipeline.assess import assess_pending
from hindsight.settings import DaskConfig

BATCH = 500


class DaskMissing(RuntimeError):
    """`[dask]` is configured but the `dask` extra is not installed."""


@task(cache_policy=NONE)
def assess_stage(
    db_url: str,
    today: date,
    run_id: int,
    executor: Executor | None,
    workers: int | None,
    seed: int | None,
) -> dict[str, Any]:
    report = assess_pending(
        database(db_url),
        batch_size=BATCH,
        today=today,
        run_id=run_id,
        executor=executor,
        workers=workers,
        seed=seed,
        shared_wait=settings().locks.shared_wait,
    )
    return asdict(report)


def cluster_executor() -> tuple[Executor | None, int | None]:
    """The executor of this flow run's Dask cluster and its thread count; (None, None) without."""
    context = FlowRunContext.get()
    runner = context.task_runner if context else None
    if type(runner).__name__ != "DaskTaskRunner":  # prefect-dask may not be installed
        return None, None
    client = runner.client  # type: ignore[union-attr]
    return client.get_executor(), sum(client.nthreads().values())


@flow(name="assess")
def assess(today: date | None = None, seed: int | None = None) -> dict[str, Any]:
    """Judge new documents for every seed; decide the statuses of all (or of seed `seed`)."""
    config = settings()
    db = database(config.database)
    with recorded_run(db, "assess", seed=seed) as run:
        executor, workers = cluster_executor()
        if workers:
            run.summary["dask_workers"] = workers
        run.summary |= assess_stage(
            config.database, today or date.today(), run.id, executor, workers, seed
        )
    return run.summary


def dask_task_runner(config: DaskConfig) -> Any:
    """prefect-dask's runner for `config`: a running cluster's address, else a LocalCluster.

    The LocalCluster has one single-threaded process per worker (judging is pure Python, so
    threads would only share one core) and binds 127.0.0.1 only, its dashboard on a free port.
    """
    try:
        from prefect_dask import DaskTaskRunner
    except ImportError:
        raise DaskMissing(
            "[dask] is configured but Dask is not installed: pip install 'hindsight[dask]'"
        ) from None
    if config.address:
        return DaskTaskRunner(address=config.address)
    return DaskTaskRunner(
        cluster_kwargs={
            "n_workers": config.workers or os.cpu_count() or 1,
            "threads_per_worker": 1,
            "processes": True,
            "host": "127.0.0.1",
            "dashboard_address": "127.0.0.1:0",
        }
    )


def assess_flow() -> Flow[..., dict[str, Any]]:
    """The `assess` flow as configured: on a Dask cluster when `[dask]` says so."""
    config = settings().dask
    if not config.active:
        return assess
    return assess.with_options(task_runner=dask_task_runner(config))


if __name__ == "__main__":
    print(assess_flow()())
