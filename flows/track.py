"""Flow `track`: the pipeline's stages in order (`hindsight.pipeline.run.run_stages`).

Each stage is a subflow, so the Prefect UI shows where a run spent its time or failed. The order
and the run record are `run_stages`' own, the same that `hindsight run` uses with no server. A
stage that raises fails the run after recording it; the stages are idempotent, so the next run
picks up where this one stopped.
"""

from __future__ import annotations

from typing import Any

from prefect import flow
from prefect.client.schemas.objects import State

from flows.assess import assess_flow
from flows.common import (
    TRACK_TIMEOUT,
    current_flow_run_id,
    database,
    outcome,
    publish_summary,
    settings,
    summary_of,
)
from flows.ingest_feeds import ingest_feeds
from flows.ingest_seed import ingest_seed
from flows.render_digest import render_digest
from hindsight.pipeline.run import STAGES, run_stages

__all__ = ["STAGES", "track"]


@flow(name="track", timeout_seconds=TRACK_TIMEOUT)
def track(
    offline: bool = False,
    stages: list[str] | None = None,
    out_dir: str | None = None,
    send: bool | None = None,
    seed: int | None = None,
) -> dict[str, Any] | State:
    """`stages`: all by default. `send` None (a schedule) mails the digest when SMTP is set.

    `seed`: one seed group's run (seed, ingest, assess unless told), in parallel with runs of
    other seeds on PostgreSQL; assess judges on a Dask cluster when `[dask]` is configured.
    A digest written but not mailed ends the run Failed, with the summary as its result.
    """
    config = settings()
    steps = {
        "seed": lambda: ingest_seed(seed=seed),
        "ingest": lambda: ingest_feeds(offline=offline, seed=seed),
        "assess": lambda: assess_flow()(seed=seed),
        "digest": lambda: summary_of(render_digest(out_dir=out_dir, send=send, return_state=True)),
    }
    summary = run_stages(
        database(config.database),
        steps,
        stages,
        flow_run_id=current_flow_run_id(),
        wait=config.lock_wait,
        seed=seed,
    )
    publish_summary("track", summary)
    return outcome(summary)


if __name__ == "__main__":
    print(track())
