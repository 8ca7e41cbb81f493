"""The served deployments (`hindsight.schedules.deployment_plans`) as Prefect deployments.

`hindsight serve` serves them in one process (`prefect.serve`): `track` hourly, `digest` weekly,
`pipeline` on demand (or on the single legacy `schedule`). Schedules fire only with a Prefect
server's scheduler, which `hindsight serve` starts unless PREFECT_API_URL names one.
"""

from __future__ import annotations

import sys
from typing import Any

from prefect import serve as prefect_serve
from prefect.deployments.runner import RunnerDeployment
from prefect.schedules import Cron, Interval
from prefect.schedules import Schedule as PrefectSchedule

from flows.common import settings
from flows.render_digest import render_digest
from flows.track import track
from hindsight.schedules import INTERVAL_ANCHOR, DeploymentPlan, Schedule, deployment_plans

FLOWS: dict[str, Any] = {"track": track, "render_digest": render_digest}


def prefect_schedule(schedule: Schedule) -> PrefectSchedule:
    if schedule.every is not None:
        return Interval(schedule.every, anchor_date=INTERVAL_ANCHOR, timezone=schedule.timezone)
    assert schedule.cron is not None
    return Cron(schedule.cron, timezone=schedule.timezone)


def to_deployment(plan: DeploymentPlan) -> RunnerDeployment:
    built = FLOWS[plan.flow].to_deployment(
        name=plan.name,
        schedules=[prefect_schedule(plan.schedule)] if plan.schedule else [],
        parameters=plan.parameters,
        description=plan.description,
        tags=["hindsight"],
    )
    # Called outside an event loop, Prefect's dispatcher returns the deployment itself.
    assert isinstance(built, RunnerDeployment)
    return built


def deployments() -> list[RunnerDeployment]:
    """Every served deployment, on the schedules and time zone of `hindsight.toml`."""
    return [to_deployment(plan) for plan in deployment_plans(settings())]


def serve(limit: int = 1) -> None:
    """Serve the deployments until SIGTERM or Ctrl-C.

    One flow run at a time by default: Hindsight's runs take the database's pipeline lock anyway,
    and more at once only queue on it while they load Prefect's SQLite database.
    """
    prefect_serve(*deployments(), print_starting_message=False, limit=limit)


if __name__ == "__main__":
    # `hindsight serve` runs this in a child process: python -m flows.serve [LIMIT]
    serve(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
