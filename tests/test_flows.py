"""Flows under a real (test-harness) Prefect server: the schedule, and a stage run recorded."""

from __future__ import annotations

import email
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select


@pytest.fixture
def configured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HINDSIGHT_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("HINDSIGHT_DATABASE_URL", raising=False)
    (tmp_path / "hindsight.toml").write_text('timezone = "Europe/Paris"\n')
    yield tmp_path


def schedules_of(deployment: object) -> list[tuple[str | None, str | None, object]]:
    return [
        (
            getattr(s.schedule, "cron", None),
            s.schedule.timezone,
            getattr(s.schedule, "interval", None),
        )
        for s in deployment.schedules  # type: ignore[attr-defined]
    ]


def test_default_deployments_track_hourly_and_digest_on_monday_morning(configured: Path) -> None:
    from flows.serve import deployments

    served = {d.name: d for d in deployments()}
    assert schedules_of(served["track"]) == [("0 * * * *", "Europe/Paris", None)]
    assert served["track"].parameters == {"stages": ["seed", "ingest", "assess"]}
    assert schedules_of(served["digest"]) == [("0 7 * * 1", "Europe/Paris", None)]
    assert schedules_of(served["pipeline"]) == []  # on demand


def test_the_single_legacy_schedule_runs_the_whole_pipeline(configured: Path) -> None:
    from flows.serve import deployments

    (configured / "hindsight.toml").write_text('schedule = "30 6 * * 5"\ntimezone = "Asia/Tokyo"\n')
    served = {d.name: d for d in deployments()}
    assert schedules_of(served["pipeline"]) == [("30 6 * * 5", "Asia/Tokyo", None)]
    assert served["pipeline"].parameters == {"stages": ["seed", "ingest", "assess", "digest"]}
    assert schedules_of(served["track"]) == schedules_of(served["digest"]) == []


def test_seed_flow_records_its_run(configured: Path) -> None:
    from prefect.testing.utilities import prefect_test_harness

    from flows.common import database, settings
    from flows.ingest_seed import ingest_seed
    from storage.runs import latest_runs
    from storage.seeds import list_seeds

    with prefect_test_harness(server_startup_timeout=300):  # a busy 2-core machine is slow
        summary = ingest_seed()
    assert summary["seeds"] == 1 and summary["predictions_added"] >= 8 and not summary["errors"]
    with database(settings().database).session() as session:
        (seed,) = list_seeds(session)
        assert (seed.author, seed.published.isoformat()) == ("Lei Xing", "2021-03-31")
        assert seed.url and seed.url.startswith("https://")  # the original address, recorded
        (run,) = latest_runs(session)
        assert (run.stage, run.state) == ("seed", "completed") and run.finished is not None
        assert run.flow_run_id and os.environ.get("HINDSIGHT_HOME")


def test_a_digest_not_mailed_fails_the_flow_run_and_the_next_run_sends_it(configured: Path) -> None:
    from prefect.testing.utilities import prefect_test_harness

    from flows.common import summary_of
    from flows.render_digest import render_digest
    from flows.track import track
    from tests.smtp import free_port, smtp_server

    port = free_port()  # nothing listens there until the second run
    with (configured / "hindsight.toml").open("a") as config:
        # A seed alone changes no status: "note" writes the period's digest all the same.
        config.write('[reports]\nempty = "note"\n')
        config.write(
            f'[mail]\nhost = "127.0.0.1"\nport = {port}\nrecipients = ["ana@example.com"]\n'
        )
    with prefect_test_harness(server_startup_timeout=300):
        # A scheduled run (send unset) mails because SMTP is configured; the server is down.
        failed = track(stages=["seed", "digest"], return_state=True)
        assert failed.is_failed() and failed.message, failed
        assert failed.message.startswith("digest written but not mailed (owed, retried next run)")
        assert f"127.0.0.1:{port}" in failed.message
        summary = summary_of(failed)  # the run's figures are kept as its result
        assert summary["seed"]["predictions_added"] >= 8
        assert Path(summary["digest"]["html"]).is_file()
        with smtp_server(port=port) as (_, inbox):
            sent = render_digest(return_state=True)
            assert sent.is_completed(), sent
        assert summary_of(sent)["send_error"] is None
        # First the owed digest, the very message the failed run wrote, then this period's note.
        owed = email.message_from_bytes(Path(summary["digest"]["eml"]).read_bytes())
        received = inbox.to("ana@example.com")
        assert [m["Message-ID"] for m in received][:1] == [owed["Message-ID"]]
        assert len(received) == 2


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)  # SQLite closes every run
def test_a_killed_seed_runs_feed_fetch_is_closed_by_the_next_run_of_that_seed(
    configured: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prefect.testing.utilities import prefect_test_harness

    from flows.common import database
    from flows.track import track
    from storage import models
    from storage.runs import INTERRUPTED

    monkeypatch.setenv("HINDSIGHT_DATABASE_URL", db_url)
    with prefect_test_harness(server_startup_timeout=300):
        track(offline=True, stages=["seed"])
        track(offline=True, stages=["ingest"], seed=1)
        with database(db_url).session() as session:
            (fetch,) = session.scalars(select(models.Run).where(models.Run.stage == "ingest"))
            fetch.state, fetch.finished = "running", None  # what a kill -9 mid-fetch leaves
            killed = fetch.id
        track(offline=True, stages=["ingest"], seed=1)
    with database(db_url).session() as session:
        run = session.get(models.Run, killed)
        assert run is not None and (run.state, run.error) == ("failed", INTERRUPTED)
        assert {r.state for r in session.scalars(select(models.Run))} == {"completed", "failed"}
