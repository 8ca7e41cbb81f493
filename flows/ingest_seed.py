"""Flow `ingest_seed`: read each configured seed, extract its predictions, store them."""

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
from hindsight.pipeline.stages import seed_stage
from hindsight.settings import SeedConfig


# A seed given as a URL is fetched: transient, retried. Unreadable seeds are reported, not raised.
@task(
    cache_policy=NONE,
    retries=TRANSIENT_RETRIES,
    retry_delay_seconds=backoff(),
    retry_jitter_factor=RETRY_JITTER,
    timeout_seconds=STAGE_TIMEOUT["seed"],
)
def load_seeds(db_url: str, seeds: list[SeedConfig] | None) -> dict[str, Any]:
    return seed_stage(database(db_url), settings(), seeds)


@flow(name="ingest_seed")
def ingest_seed(seeds: list[SeedConfig] | None = None) -> dict[str, Any]:
    config = settings()
    with recorded_run(database(config.database), "seed") as run:
        run.summary |= load_seeds(config.database, seeds)
    return run.summary


if __name__ == "__main__":
    print(ingest_seed())
