"""Flow `render_digest`: write the period's digest (.html, .txt, .eml) and mail it when asked."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.cache_policies import NONE

from flows.common import database, recorded_run, settings
from hindsight.pipeline.digest import DigestOptions, make_digest


@task(cache_policy=NONE)
def write_and_send(db_url: str, out_dir: str, since: date | None, send: bool) -> dict[str, Any]:
    options = DigestOptions.from_settings(settings())
    outcome = make_digest(database(db_url), Path(out_dir), options, since=since, send=send)
    return outcome.summary()


@flow(name="render_digest")
def render_digest(
    out_dir: str | None = None, since: date | None = None, send: bool | None = None
) -> dict[str, Any]:
    """`send`: None (a scheduled run) mails when SMTP is configured; a hand-started run says."""
    config = settings()
    db = database(config.database)
    wanted = bool(config.mail.host) if send is None else send
    with recorded_run(db, "digest") as run:
        run.summary |= write_and_send(
            config.database, out_dir or str(config.reports_dir), since, wanted
        )
    return run.summary


if __name__ == "__main__":
    print(render_digest())
