"""Flow `ingest_feeds`: fetch every due feed concurrently, store new and updated entries.

Due feeds are cut into batches (`hindsight.pipeline.stages.FEED_BATCH`), each a mapped task run
of `fetch_feeds`: on a distributed task runner the batches go to different workers.
"""

from __future__ import annotations

from typing import Any

from prefect import flow, task, unmapped
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
from hindsight.pipeline.stages import fetch_feeds, ingest_stage


# Feeds fail one by one inside a batch (recorded, backed off); a retry covers what fails a whole
# batch (the database, the network). Entries are deduplicated: a retry stores nothing twice.
@task(
    cache_policy=NONE,
    retries=TRANSIENT_RETRIES,
    retry_delay_seconds=backoff(),
    retry_jitter_factor=RETRY_JITTER,
    timeout_seconds=STAGE_TIMEOUT["ingest"],
)
def fetch_batch(db_url: str, feeds: list[int]) -> dict[str, Any]:
    return fetch_feeds(database(db_url), settings(), feeds=feeds)


@flow(name="ingest_feeds")
def ingest_feeds(offline: bool = False, seed: int | None = None) -> dict[str, Any]:
    """The ingest stage with its feed batches as mapped tasks (one task run per batch).

    `seed`: the seed group's run this ingest is part of. Feeds are fetched for every seed all
    the same; the run record says the seed so that the next run of that seed can close it as
    interrupted if this process dies (`storage.runs.close_interrupted`).
    """
    config = settings()

    def mapped(batches: list[list[int]]) -> list[dict[str, Any]]:
        return list(fetch_batch.map(unmapped(config.database), batches).result())

    db = database(config.database)
    with recorded_run(db, "ingest", seed=seed) as run:
        run.summary |= ingest_stage(
            db, config, offline=offline, shared_wait=config.lock_wait, map_batches=mapped
        )
    return run.summary


if __name__ == "__main__":
    print(ingest_feeds())
