"""Flow `assess`: claims from new news, judged against the predictions; statuses updated.

The flow wraps the stage function and only chooses where it judges: local worker processes by
default, or with `[dask]` configured a Dask cluster that prefect-dask's `DaskTaskRunner` starts
(a `LocalCluster`) or connects to (`[dask] address`) for the length of the flow run; the stage
gets that cluster's `concurrent.futures` executor.
"""

from __future__ import annotations

from concurrent.futures import Executor
from datetime import date
from typing import Any

from prefect import Flow, flow, task
from prefect.cache_policies import NONE
from prefect.context import FlowRunContext

from flows.common import STAGE_TIMEOUT, database, recorded_run, settings
from hindsight.pipeline.cluster import DaskMissing, local_cluster_options
from hindsight.pipeline.stages import assess_stage
from hindsight.settings import DaskConfig


# Deterministic CPU work: a retry would fail the same way, so none; batches already judged stay
# stored and the next run carries on from the first unfinished one.
@task(cache_policy=NONE, timeout_seconds=STAGE_TIMEOUT["assess"])
def judge_pending(
    db_url: str,
    today: date | None,
    run_id: int,
    executor: Executor | None = None,
    workers: int | None = None,
    seed: int | None = None,
) -> dict[str, Any]:
    config = settings()
    return assess_stage(
        database(db_url),
        today=today,
        run_id=run_id,
        config=config,
        executor=executor,
        workers=workers,
        seed_id=seed,
        shared_wait=config.lock_wait,
    )


def cluster_executor() -> tuple[Executor | None, int | None]:
    """This flow run's Dask cluster's executor and thread count; (None, None) without one."""
    context = FlowRunContext.get()
    runner = context.task_runner if context else None
    if type(runner).__name__ != "DaskTaskRunner":  # prefect-dask may not be installed
        return None, None
    client = runner.client  # type: ignore[union-attr]  # starts or connects to the cluster
    return client.get_executor(), sum(client.nthreads().values())


@flow(name="assess")
def assess(today: date | None = None, seed: int | None = None) -> dict[str, Any]:
    """Judge new documents for every seed; decide the statuses of all (or of seed `seed`)."""
    config = settings()
    with recorded_run(database(config.database), "assess", seed=seed) as run:
        executor, workers = cluster_executor()
        if workers:
            run.summary["dask_workers"] = workers
        run.summary |= judge_pending(config.database, today, run.id, executor, workers, seed)
    return run.summary


def dask_task_runner(config: DaskConfig) -> Any:
    """prefect-dask's runner for `config`: a running cluster's address, else a LocalCluster."""
    try:
        from prefect_dask import DaskTaskRunner
    except ImportError:
        raise DaskMissing() from None
    if config.address:
        return DaskTaskRunner(address=config.address)
    return DaskTaskRunner(cluster_kwargs=local_cluster_options(config))


def assess_flow() -> Flow[..., dict[str, Any]]:
    """The `assess` flow as configured: on a Dask cluster when `[dask]` says so."""
    config = settings().dask
    if not config.active:
        return assess
    return assess.with_options(task_runner=dask_task_runner(config))


if __name__ == "__main__":
    print(assess_flow()())
