"""Schedules as `hindsight.toml` writes them, and when the next digest is due (no Prefect)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from flows.common import summary_markdown
from hindsight.schedules import ScheduleError, next_digest, parse_schedule
from hindsight.settings import Settings


def test_next_digest_is_monday_seven_in_the_configured_zone() -> None:
    config = Settings(timezone="Europe/Paris")
    thursday = datetime(2026, 12, 3, 22, 0, tzinfo=UTC)
    at, deployment = next_digest(config, thursday) or (None, None)
    assert deployment == "digest"
    assert at is not None and at.isoformat() == "2026-12-07T07:00:00+01:00"


def test_with_the_legacy_schedule_the_pipeline_writes_the_digest() -> None:
    config = Settings(schedule="0 18 * * *")
    due = next_digest(config, datetime(2026, 12, 3, 17, 0, tzinfo=UTC))
    assert due == (datetime(2026, 12, 3, 18, 0, tzinfo=UTC), "pipeline")
    assert next_digest(Settings(digest_schedule="")) is None


def test_intervals_are_anchored_so_their_times_are_known() -> None:
    every = parse_schedule("every 15 minutes", "UTC")
    assert every is not None and every.every == timedelta(minutes=15)
    assert every.next_after(datetime(2026, 12, 3, 10, 7, tzinfo=UTC)).minute == 15
    assert parse_schedule("", "UTC") is None


@pytest.mark.parametrize(
    ("text", "zone", "expected"),
    [
        ("every week", "UTC", "neither a cron expression"),
        ("61 * * * *", "UTC", "neither a cron expression"),
        ("every 0 seconds", "UTC", "positive"),
        ("0 7 * * 1", "Mars/Olympus", "unknown time zone"),
    ],
)
def test_bad_schedules_are_named_in_one_line(text: str, zone: str, expected: str) -> None:
    with pytest.raises(ScheduleError, match=expected):
        parse_schedule(text, zone, "digest")


def test_summary_artifact_escapes_untrusted_text() -> None:
    summary = {
        "feeds": 2,
        "failures": ["http://x/feed: <script>alert(1)</script> [click](javascript:alert(1))"],
        "html": "/reports/digest-2026-12-03.html",
    }
    markdown = summary_markdown("ingest", summary)
    assert "<script>" not in markdown and "](javascript" not in markdown
    assert "| feeds | 2 |" in markdown and "`/reports/digest-2026-12-03.html`" in markdown
    assert "failed" in summary_markdown("digest", {}, error="SMTP down")


def test_prefect_yaml_deploys_the_served_deployments() -> None:
    """`prefect deploy --all` and `hindsight serve` must offer the same flows, stages, schedules."""
    from pathlib import Path

    import yaml

    from hindsight.schedules import deployment_plans

    root = Path(__file__).resolve().parents[1]
    config = yaml.safe_load((root / "prefect.yaml").read_text(encoding="utf-8"))
    declared = {d["name"]: d for d in config["deployments"]}
    for plan in deployment_plans(Settings()):
        entry = declared[plan.name]
        path, function = entry["entrypoint"].split(":")
        assert (root / path).is_file() and f"def {function}(" in (root / path).read_text()
        assert Path(path).stem == {"track": "track", "render_digest": "render_digest"}[plan.flow]
        assert entry.get("parameters", {}) == plan.parameters
        crons = [s["cron"] for s in entry.get("schedules", [])]
        assert crons == ([plan.schedule.cron] if plan.schedule else [])
        assert entry["work_pool"]["name"] == "hindsight"
