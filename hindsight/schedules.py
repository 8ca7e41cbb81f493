"""What `hindsight serve` serves, and when: the deployments and their schedules, as plain data.

`flows/serve.py` turns these plans into Prefect deployments; `hindsight status` reads them to say
when the next digest is due without importing Prefect. A schedule is a cron expression or
"every N seconds|minutes|hours|days" (Prefect's interval schedule, anchored at a fixed instant so
its times are known in advance); "" means none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from hindsight.settings import Settings

# Interval schedules count from this instant (in the configured time zone).
INTERVAL_ANCHOR = datetime(2026, 1, 1)
_EVERY = re.compile(r"^every\s+(\d+)\s*(s|sec|seconds?|m|min|minutes?|h|hours?|d|days?)$")
_UNIT = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


class ScheduleError(ValueError):
    """A schedule setting that is neither a cron expression nor "every N unit"."""


@dataclass(frozen=True)
class Schedule:
    timezone: str
    cron: str | None = None
    every: timedelta | None = None

    def next_after(self, moment: datetime) -> datetime:
        """The first time this schedule fires after `moment` (aware), in its time zone."""
        zone = ZoneInfo(self.timezone)
        local = moment.astimezone(zone)
        if self.every is not None:
            anchor = INTERVAL_ANCHOR.replace(tzinfo=zone)
            steps = (local - anchor) // self.every + 1
            return anchor + steps * self.every
        from cronsim import CronSim

        assert self.cron is not None
        return next(CronSim(self.cron, local))

    def describe(self) -> str:
        when = f"cron {self.cron!r}" if self.cron else f"every {self.every}"
        return f"{when} ({self.timezone})"


def parse_schedule(text: str | None, timezone: str, setting: str = "schedule") -> Schedule | None:
    """A schedule setting, checked; None when it is empty (that deployment runs on demand)."""
    value = (text or "").strip()
    if not value:
        return None
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ScheduleError(f"timezone: unknown time zone {timezone!r}") from None
    every = _EVERY.match(value.lower())
    if every:
        amount = int(every.group(1))
        if amount <= 0:
            raise ScheduleError(f"{setting}: an interval must be positive, not {value!r}")
        return Schedule(timezone, every=timedelta(**{_UNIT[every.group(2)[0]]: amount}))
    from cronsim import CronSim, CronSimError

    try:
        CronSim(value, datetime.now(UTC))
    except CronSimError as exc:
        raise ScheduleError(
            f"{setting}: {value!r} is neither a cron expression nor 'every N minutes' ({exc})"
        ) from None
    return Schedule(timezone, cron=value)


@dataclass(frozen=True)
class DeploymentPlan:
    """One served deployment: its name, the flow it runs, with what, and when."""

    name: str
    flow: str  # "track" or "render_digest"
    description: str
    parameters: dict[str, Any] = field(default_factory=dict)
    schedule: Schedule | None = None
    writes_digest: bool = False


def deployment_plans(config: Settings) -> list[DeploymentPlan]:
    """`track` (seeds, feeds, assessment), `digest`, and `pipeline` (everything, in order).

    With the single `schedule` of earlier versions set, `pipeline` runs on it and the other two
    only on demand; otherwise `track` and `digest` run on their own schedules.
    """
    from hindsight.pipeline.run import STAGES, TRACK_STAGES

    legacy = parse_schedule(config.schedule, config.timezone, "schedule")
    track = None if legacy else parse_schedule(config.track_schedule, config.timezone, "track")
    digest = None if legacy else parse_schedule(config.digest_schedule, config.timezone, "digest")
    return [
        DeploymentPlan(
            "track",
            "track",
            "Seeds, feeds and assessment (no digest): the hourly work.",
            {"stages": list(TRACK_STAGES)},
            track,
        ),
        DeploymentPlan(
            "digest",
            "render_digest",
            "The digest of the period since the last one; mailed when SMTP is configured.",
            {},
            digest,
            writes_digest=True,
        ),
        DeploymentPlan(
            "pipeline",
            "track",
            "The whole pipeline in order: seeds, feeds, assessment, digest (mailed if set up).",
            {"stages": list(STAGES)},
            legacy,
            writes_digest=True,
        ),
    ]


def next_digest(config: Settings, now: datetime | None = None) -> tuple[datetime, str] | None:
    """When `hindsight serve` next writes a digest on its own, and which deployment does."""
    moment = now or datetime.now(UTC)
    due = [
        (plan.schedule.next_after(moment), plan.name)
        for plan in deployment_plans(config)
        if plan.writes_digest and plan.schedule is not None
    ]
    return min(due) if due else None
