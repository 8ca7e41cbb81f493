"""Serve `track` on the configured cron schedule (a long-running process; Ctrl-C stops it).

Run with `hindsight serve`. Schedules fire only with a Prefect server's scheduler: start one with
`prefect server start` and set PREFECT_API_URL; the deployment then shows in its UI and can be
triggered there, or with `prefect deployment run 'track/hindsight-weekly'`.
"""

from __future__ import annotations

from prefect import serve as prefect_serve
from prefect.deployments.runner import RunnerDeployment
from prefect.schedules import Cron

from flows.common import settings
from flows.track import track

DEPLOYMENT = "hindsight-weekly"


def deployment() -> RunnerDeployment:
    """The `track` deployment on the configured schedule, in the configured time zone."""
    config = settings()
    built = track.to_deployment(
        name=DEPLOYMENT,
        schedule=Cron(config.schedule, timezone=config.timezone),
        parameters={"offline": False},
        description="The whole Hindsight pipeline: seeds, feeds, assessment, digest.",
    )
    # Called outside an event loop, Prefect's dispatcher returns the deployment itself.
    assert isinstance(built, RunnerDeployment)
    return built


def serve() -> None:
    prefect_serve(deployment())


if __name__ == "__main__":
    serve()
