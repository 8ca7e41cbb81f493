"""Flow `ingest_seed`: read each configured seed, extract its predictions, store them."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from prefect import flow, task
from prefect.cache_policies import NONE

from flows.common import database, recorded_run, settings
from hindsight.pipeline.seeds import add_seed, origin_of
from hindsight.reading import SeedError
from hindsight.settings import SeedConfig, bundled_seed
from storage.models import Seed


def configured_seeds() -> list[SeedConfig]:
    """The seeds of `hindsight.toml`; with none configured, the bundled Xiaomi seed."""
    return settings().seeds or [bundled_seed()]


def seed_to_read(db_url: str, seed_id: int) -> SeedConfig:
    """Stored seed `seed_id` as it is to be read again: its configured entry, else its origin.

    A seed added with `hindsight seed add` is not in `hindsight.toml`: it is read again from
    where it was first read, with the metadata stored for it.
    """
    with database(db_url).session() as session:
        seed = session.get(Seed, seed_id)
        if seed is None:
            raise SeedNotFound(f"no seed with id {seed_id} (see `hindsight seed list`)")
        for config in configured_seeds():
            if origin_of(config.path) == seed.origin:
                return config
        if not seed.origin:
            raise SeedNotFound(f"seed {seed_id} records no origin to read it again from")
        return SeedConfig(
            path=seed.origin,
            title=seed.title,
            author=seed.author,
            published=seed.published,
            url=seed.url,
        )


class SeedNotFound(LookupError):
    """`--seed` names no stored seed."""


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
def ingest_seed(seeds: list[SeedConfig] | None = None, seed: int | None = None) -> dict[str, Any]:
    """Read the configured seeds (or `seeds`), or with `seed` only that stored seed's group."""
    config = settings()
    db = database(config.database)
    with recorded_run(db, "seed", seed=seed) as run:
        if seed is not None:
            seeds = [seed_to_read(config.database, seed)]
        results = [load_seed(config.database, one) for one in seeds or configured_seeds()]
        summary = {
            "seeds": len(results),
            "predictions_added": sum(r.get("predictions", {}).get("added", 0) for r in results),
            "errors": [f"{r['path']}: {r['error']}" for r in results if "error" in r],
        }
        run.summary |= summary
    return run.summary


if __name__ == "__main__":
    print(ingest_seed())
