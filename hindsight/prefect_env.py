"""Prefect defaults for Hindsight, applied before Prefect is first imported.

Without a server, each `hindsight run` starts Prefect's temporary server on a SQLite database.
That server's telemetry service writes to the same database while the flow's API calls do, and
SQLite answers one of them `database is locked`: a traceback at the end of every successful run.
Hindsight turns the telemetry off (and keeps Prefect's state under HINDSIGHT_HOME) unless the
operator set these variables themselves, e.g. to point at a real Prefect server.
"""

from __future__ import annotations

import os
from pathlib import Path


def configure_prefect(home: Path, *, quiet: bool = True) -> None:
    prefect_home = Path(os.environ.setdefault("PREFECT_HOME", str((home / "prefect").resolve())))
    # Prefect creates its home without parents; with the database elsewhere (PostgreSQL),
    # nothing else creates HINDSIGHT_HOME, and the temporary server cannot open its database.
    prefect_home.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_UI_ENABLED", "false")
    # The temporary server migrates its database on first start; on a busy two-core machine that
    # can pass Prefect's 20 s default and fail the run before it begins.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    if quiet:
        # The CLI prints its own summary; Prefect's INFO lines would bury it.
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
