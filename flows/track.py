"""Flow `track`: the pipeline's stages in order (`hindsight.pipeline.run.run_stages`).

Each stage is a subflow, so the Prefect UI shows where a run spent its time or failed. The order
and the run record are `run_stages`' own, the same that `hindsight run` uses with no server. A
stage that raises fails the run after recording it; the stages are idempotent, so the next run
picks up where this one stopped.
"""

from __future__ import annotations

from typing import Any

from prefect import flow

from flows.assess import assess
from flows.common import TRACK_TIMEOUT, current_flow_run_id, database, publish_summary, settings
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
) -> dict[str, Any]:
    """`stages`: all by default. `send` None (a schedule) mails the digest when SMTP is set."""
    config = settings()
    steps = {
        "seed": lambda: ingest_seed(),
        "ingest": lambda: ingest_feeds(offline=offline),
        "assess": lambda: assess(),
        "digest": lambda: render_digest(out_dir=out_dir, send=send),
    }
    summary = run_stages(
        database(config.database),
        steps,
        stages,
        flow_run_id=current_flow_run_id(),
        wait=config.lock_wait,
    )
    publish_summary("track", summary)
    return summary


if __name__ == "__main__":
    print(track())
