"""Flow `ingest_seed`: read each configured seed, extract its predictions, store them."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from prefect import flow, task
from prefect.cache_policies import NONE

from flows.common import database, recorded_run, settings
from hindsight.pipeline.seeds import add_seed
from hindsight.reading import SeedError
from hindsight.settings import SeedConfig, bundled_seed


def configured_seeds() -> list[SeedConfig]:
    """The seeds of `hindsight.toml`; with none configured, the bundled Xiaomi seed."""
    return settings().seeds or [bundled_seed()]


@task(cache_policy=NONE, retries=0)
def load_seed(db_url: str, seed: SeedConfig) -> dict[str, Any]:
    """One seed; a seed that cannot be read is reported, not fatal, so the others still load."""
    try:
        outcome = add_seed(
            database(db_url),
            seed.path,
            title=seed.title,
            author=seed.author,
            published=seed.published,
            url=seed.url,
        )
    except SeedError as exc:
        return {"path": seed.path, "error": str(exc)}
    return {"path": seed.path, **asdict(outcome)}


@flow(name="ingest_seed")
def ingest_seed(seeds: list[SeedConfig] | None = None) -> dict[str, Any]:
    config = settings()
    db = database(config.database)
    with recorded_run(db, "seed") as run:
        results = [load_seed(config.database, seed) for seed in seeds or configured_seeds()]
        summary = {
            "seeds": len(results),
            "predictions_added": sum(r.get("predictions", {}).get("added", 0) for r in results),
            "errors": [f"{r['path']}: {r['error']}" for r in results if "error" in r],
        }
        run.summary |= summary
    return run.summary


if __name__ == "__main__":
    print(ingest_seed())
