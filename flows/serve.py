"""Serve `track` on the configured cron schedule (a long-running process; Ctrl-C stops it).

Run with `hindsight serve`. Against a Prefect server (PREFECT_API_URL), the deployment appears
in its UI and can be triggered from there as well.
"""

from __future__ import annotations

from flows.common import settings
from flows.track import track


def serve(name: str = "hindsight-weekly") -> None:
    config = settings()
    track.serve(name=name, cron=config.schedule, parameters={"offline": False})


if __name__ == "__main__":
    serve()
