"""Flow `track`: the whole pipeline once — seeds, feeds, assessment, digest — in that order.

Each stage is a subflow, so the Prefect UI shows where a run spent its time or failed. A stage
that raises fails the run after recording it; the stages are idempotent, so the next run picks up
where this one stopped.
"""

from __future__ import annotations

from typing import Any

from prefect import flow

from flows.assess import assess
from flows.common import database, recorded_run, settings
from flows.ingest_feeds import ingest_feeds
from flows.ingest_seed import ingest_seed
from flows.render_digest import render_digest

STAGES = ("seed", "ingest", "assess", "digest")


@flow(name="track")
def track(
    offline: bool = False,
    stages: list[str] | None = None,
    out_dir: str | None = None,
    send: bool | None = None,
) -> dict[str, Any]:
    """`send` None (the schedule) mails the digest when SMTP is configured; the CLI passes it."""
    chosen = stages or list(STAGES)
    config = settings()
    db = database(config.database)
    with recorded_run(db, "track") as run:
        if "seed" in chosen:
            run.summary["seed"] = ingest_seed()
        if "ingest" in chosen:
            run.summary["ingest"] = ingest_feeds(offline=offline)
        if "assess" in chosen:
            run.summary["assess"] = assess()
        if "digest" in chosen:
            run.summary["digest"] = render_digest(out_dir=out_dir, send=send)
    return run.summary


if __name__ == "__main__":
    print(track())
