"""Flow `render_digest`: write the period's digest (.html, .txt, .eml) and mail it when asked."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.cache_policies import NONE
from prefect.client.schemas.objects import State

from flows.common import STAGE_TIMEOUT, database, outcome, recorded_run, settings
from hindsight.pipeline.stages import digest_stage


# No retry here: a send that fails is recorded and repeated by the next digest, never twice.
@task(cache_policy=NONE, timeout_seconds=STAGE_TIMEOUT["digest"])
def write_and_send(
    db_url: str, out_dir: str | None, since: date | None, send: bool | None
) -> dict[str, Any]:
    config = settings()
    return digest_stage(
        database(db_url),
        config,
        out_dir=Path(out_dir) if out_dir else None,
        since=since,
        send=send,
        shared_wait=config.lock_wait,
    )


@flow(name="render_digest")
def render_digest(
    out_dir: str | None = None, since: date | None = None, send: bool | None = None
) -> dict[str, Any] | State:
    """`send`: None (a scheduled run) mails when SMTP is configured; a hand-started run says.

    A digest written but not mailed ends the flow run Failed, with the summary as its result.
    """
    config = settings()
    with recorded_run(database(config.database), "digest") as run:
        run.summary |= write_and_send(config.database, out_dir, since, send)
    return outcome(run.summary)


if __name__ == "__main__":
    print(render_digest())
