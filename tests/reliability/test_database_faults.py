"""The database failing under a real run: PostgreSQL stopped half-way, SQLite locked for a moment.

A run frozen at a checkpoint (`HINDSIGHT_FAULT_ACTION=stop`: it SIGSTOPs itself) lets the test
act at a known moment: stop the PostgreSQL cluster with pg_ctl, or hold SQLite's write lock from
another connection, then let the run go on. A stopped server ends the run with one line on
stderr and a non-zero exit, never a traceback; once the server is back the next run ends with
what one clean run stores and every recipient mailed once. A lock held for a moment is waited
for: the run completes.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest

from tests import postgres
from tests.reliability.crash_world import (
    RECIPIENTS,
    dump,
    make_world,
    resume,
    stopped,
)
from tests.smtp import smtp_server


def one_line_error(stderr: str) -> str:
    """The run's error: the one `error:` line, with no traceback anywhere."""
    assert "Traceback" not in stderr, stderr[-3000:]
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, stderr[-3000:]
    assert stderr.rstrip().splitlines()[-1] == errors[0], stderr[-3000:]
    return errors[0]


def test_postgresql_stopped_mid_run_then_started_again_loses_nothing(
    tmp_path: Path, clean_run: dict[str, Any]
) -> None:
    reason = postgres.why_unavailable()
    if reason or postgres.os.environ.get("HINDSIGHT_TEST_POSTGRES_URL"):
        pytest.skip(reason or "needs a PostgreSQL cluster of its own to stop (not an external one)")
    with postgres.own_cluster() as cluster, smtp_server() as (controller, inbox):
        world = make_world(tmp_path / "world", cluster.url, controller.port)
        run = world.popen(
            "run",
            "--offline",
            "--send",
            HINDSIGHT_FAULT="assess.after_commit@2",
            HINDSIGHT_FAULT_ACTION="stop",
        )
        try:
            assert stopped(run.pid), run.communicate(timeout=60)
            cluster.stop("fast")  # sessions cut, as in a server restart
        finally:
            resume(run.pid)
        _, stderr = run.communicate(timeout=120)
        assert run.returncode == 1, stderr[-3000:]
        line = one_line_error(stderr)
        assert "the database failed during the run" in line, line
        assert not inbox.delivered  # the run never reached the digest

        cluster.start()
        again = world.run()
        assert again.returncode == 0, (again.stdout + again.stderr)[-3000:]
        assert "Traceback" not in again.stderr
        received = inbox.by_recipient()
        assert dump(world) == clean_run
    assert {r: len(ids) for r, ids in received.items()} == dict.fromkeys(RECIPIENTS, 1)


def test_a_stopped_postgresql_fails_a_command_in_one_line(tmp_path: Path) -> None:
    reason = postgres.why_unavailable()
    if reason or postgres.os.environ.get("HINDSIGHT_TEST_POSTGRES_URL"):
        pytest.skip(reason or "needs a PostgreSQL cluster of its own to stop (not an external one)")
    with postgres.own_cluster() as cluster, smtp_server() as (controller, _):
        world = make_world(tmp_path / "world", cluster.url, controller.port)
        assert world.run("status").returncode == 0  # the schema is made
        cluster.stop("fast")
        for command in (("status",), ("run", "--offline")):
            result = world.run(*command)
            assert result.returncode == 1, result.stdout + result.stderr
            line = one_line_error(result.stderr)
            assert "database" in line and "127.0.0.1" in line, line


@pytest.mark.parametrize("point", ["ingest.after_fetch", "assess.before_statuses"])
def test_sqlite_locked_for_a_moment_is_waited_for(
    point: str, tmp_path: Path, clean_run: dict[str, Any]
) -> None:
    """Another connection (an operator's command, say) holds SQLite's write lock for 3 s and
    commits a change while the run is reading: the run waits its turn and completes."""
    with smtp_server() as (controller, inbox):
        world = make_world(
            tmp_path / "world", "sqlite:///" + str(tmp_path / "h.db"), controller.port
        )
        run = world.popen(
            "run", "--offline", "--send", HINDSIGHT_FAULT=point, HINDSIGHT_FAULT_ACTION="stop"
        )
        holder = sqlite3.connect(tmp_path / "h.db", timeout=30, isolation_level=None)
        try:
            assert stopped(run.pid), run.communicate(timeout=60)
            holder.execute("BEGIN IMMEDIATE")
            holder.execute("UPDATE seeds SET author = author")
            resume(run.pid)
            time.sleep(3)
            holder.execute("COMMIT")
        finally:
            resume(run.pid)
            holder.close()
        stdout, stderr = run.communicate(timeout=300)
        assert run.returncode == 0, (stdout + stderr)[-3000:]
        assert "Traceback" not in stderr, stderr[-5000:]
        assert "database is locked" not in stdout + stderr, stderr[-5000:]
        received = inbox.by_recipient()
        assert dump(world) == clean_run
    assert {r: len(ids) for r, ids in received.items()} == dict.fromkeys(RECIPIENTS, 1)
