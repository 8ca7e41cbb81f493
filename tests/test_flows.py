"""Flows under a real (test-harness) Prefect server: the schedule, and a stage run recorded."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def configured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HINDSIGHT_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("HINDSIGHT_DATABASE_URL", raising=False)
    (tmp_path / "hindsight.toml").write_text('schedule = "30 6 * * 5"\ntimezone = "Europe/Paris"\n')
    yield tmp_path


def test_deployment_uses_the_configured_cron_schedule(configured: Path) -> None:
    from flows.serve import DEPLOYMENT, deployment

    built = deployment()
    assert built.name == DEPLOYMENT
    (schedule,) = built.schedules
    assert schedule.schedule.cron == "30 6 * * 5"
    assert schedule.schedule.timezone == "Europe/Paris"


def test_seed_flow_records_its_run(configured: Path) -> None:
    from prefect.testing.utilities import prefect_test_harness

    from flows.common import database, settings
    from flows.ingest_seed import ingest_seed
    from storage.runs import latest_runs
    from storage.seeds import list_seeds

    with prefect_test_harness():
        summary = ingest_seed()
    assert summary["seeds"] == 1 and summary["predictions_added"] >= 8 and not summary["errors"]
    with database(settings().database).session() as session:
        (seed,) = list_seeds(session)
        assert (seed.author, seed.published.isoformat()) == ("Lei Xing", "2021-03-31")
        assert seed.url and seed.url.startswith("https://")  # the original address, recorded
        (run,) = latest_runs(session)
        assert (run.stage, run.state) == ("seed", "completed") and run.finished is not None
        assert run.flow_run_id and os.environ.get("HINDSIGHT_HOME")
