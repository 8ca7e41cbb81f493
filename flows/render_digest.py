"""Flow `render_digest`: write the digest (.html, .txt, .eml) and mail it when SMTP is set."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.cache_policies import NONE

from flows.common import database, recorded_run, settings, shared_stage
from hindsight.pipeline.digest import make_digest


@task(cache_policy=NONE)
def write_and_send(db_url: str, out_dir: str, since: date | None) -> dict[str, Any]:
    outcome = make_digest(database(db_url), Path(out_dir), settings().mail, since=since)
    return {
        "html": str(outcome.files.html),
        "eml": str(outcome.files.eml),
        "changes": outcome.changes,
        "predictions": outcome.predictions,
        "sent_to": list(outcome.sent_to),
        "send_error": outcome.send_error,
    }


@flow(name="render_digest")
def render_digest(out_dir: str | None = None, since: date | None = None) -> dict[str, Any]:
    config = settings()
    db = database(config.database)
    with recorded_run(db, "digest") as run, shared_stage(db):
        run.summary |= write_and_send(config.database, out_dir or str(config.reports_dir), since)
    return run.summary


if __name__ == "__main__":
    print(render_digest())
