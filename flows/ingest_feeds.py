"""Flow `ingest_feeds`: fetch every due feed concurrently, store new and updated entries."""

from __future__ import annotations

from typing import Any

from prefect import flow, task
from prefect.cache_policies import NONE

from flows.common import (
    RETRY_JITTER,
    STAGE_TIMEOUT,
    TRANSIENT_RETRIES,
    backoff,
    database,
    recorded_run,
    settings,
)
from hindsight.pipeline.stages import ingest_stage


# Feeds fail one by one inside the stage (recorded, backed off); a retry covers what fails the
# whole stage (the database, the network). Entries are deduplicated: a retry stores nothing twice.
@task(
    cache_policy=NONE,
    retries=TRANSIENT_RETRIES,
    retry_delay_seconds=backoff(),
    retry_jitter_factor=RETRY_JITTER,
    timeout_seconds=STAGE_TIMEOUT["ingest"],
)
def fetch_and_store(db_url: str, offline: bool) -> dict[str, Any]:
    return ingest_stage(database(db_url), settings(), offline=offline)


@flow(name="ingest_feeds")
def ingest_feeds(offline: bool = False) -> dict[str, Any]:
    config = settings()
    with recorded_run(database(config.database), "ingest") as run:
        run.summary |= fetch_and_store(config.database, offline)
    return run.summary


if __name__ == "__main__":
    print(ingest_feeds())
