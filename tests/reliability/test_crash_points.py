"""kill -9 at every named checkpoint of a real run, then a normal run: as if it never crashed.

Each case runs the real CLI (`hindsight run --offline --send`: three file:// feeds, the bundled
seed, assess batches of 10 documents, SMTP to a local aiosmtpd with two recipients) with
`HINDSIGHT_FAULT` naming one point (`hindsight.faults`), so the process SIGKILLs itself there;
then a normal run. The database must then hold exactly what one clean run stores (documents,
entries, claims, assessments, statuses, evidence, learned names, the digest and its deliveries;
no ids or timestamps), and every recipient must have had the digest exactly once — except after
a kill between the server's "250" and the commit that records it, where SMTP cannot know: then
a second copy is allowed, with the same Message-ID (mail clients fold the two).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hindsight.faults import POINTS
from storage.runs import INTERRUPTED
from tests.reliability.crash_world import (
    RECIPIENTS,
    dump,
    leftovers,
    make_world,
    message_ids,
    run_states,
)
from tests.smtp import smtp_server

# The n-th time a point is reached, where the first time is not the interesting one.
REPEATED = (
    "assess.before_commit@3",  # two batches stored, the third half-way
    "assess.after_commit@2",  # between two batches
    "send.before_smtp@2",  # the first recipient has it (committed), the second not yet
    "send.after_250@2",
)
# Where the server has the message and the database does not know: that recipient's resend.
UNCONFIRMED = {"send.after_250": RECIPIENTS[0], "send.after_250@2": RECIPIENTS[1]}
# A few points again on PostgreSQL: a killed session's transaction and advisory locks go away.
ON_POSTGRES = ("ingest.before_health", "assess.after_commit@2", "digest.before_commit")


def cases() -> Iterator[Any]:
    for point in (*POINTS, *REPEATED):
        yield pytest.param(point, "sqlite", id=f"{point}-sqlite")
    for point in ON_POSTGRES:
        yield pytest.param(point, "postgresql", id=f"{point}-postgresql")


@pytest.mark.parametrize(("point", "db_url"), list(cases()), indirect=["db_url"])
def test_a_run_killed_at_a_checkpoint_resumes_to_one_clean_run(
    point: str, db_url: str, tmp_path: Path, clean_run: dict[str, Any]
) -> None:
    with smtp_server() as (controller, inbox):
        world = make_world(tmp_path / "world", db_url, controller.port)
        killed = world.run(fault=point)
        assert killed.returncode == -9, (
            f"the run was not killed at {point}: exit {killed.returncode}\n"
            + (killed.stdout + killed.stderr)[-3000:]
        )
        # Its worker processes (and the fork server they hold) end with it.
        assert leftovers(world.root) == []
        resumed = world.run()
        output = resumed.stdout + resumed.stderr
        assert resumed.returncode == 0, output[-3000:]
        assert "Traceback" not in output, output[-3000:]
        received = inbox.by_recipient()

    assert dump(world) == clean_run
    # The killed run is recorded as such, not as one still going.
    states = run_states(world.db_url)
    assert "running" not in states and states.count(INTERRUPTED) >= 1, states
    # Every recipient has the one period's digest, with the Message-ID its delivery records.
    ids = message_ids(world.db_url)
    assert set(received) == set(RECIPIENTS) == set(ids)
    for recipient in RECIPIENTS:
        got = received[recipient]
        assert set(got) == {ids[recipient]}, (recipient, got)
        # The repeat SMTP cannot rule out: a kill after the "250", before the commit, resends
        # to that recipient (the first one, or the second with "@2"); everyone else has one.
        unconfirmed = UNCONFIRMED.get(point) == recipient
        assert len(got) == (2 if unconfirmed else 1), (recipient, got)
    # The files of the one digest are there; the archive lists it.
    html = sorted(world.reports.glob("digest-*.html"))
    assert len(html) == 1, html
    assert html[0].name in (world.reports / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("db_url", ["sqlite", "postgresql"], indirect=True)
def test_a_killed_seed_run_is_marked_failed_by_the_next_seed_run(
    db_url: str, tmp_path: Path
) -> None:
    """A seed run that gets its lock knows no other run of its seed is going (on SQLite, no run
    at all: every run takes the one lock file), so it closes the killed one instead of leaving
    it `running` until a whole-database run."""
    with smtp_server() as (controller, _inbox):
        world = make_world(tmp_path / "world", db_url, controller.port)
        assert world.run("run", "--offline").returncode == 0
        killed = world.run("run", "--offline", "--seed", "1", fault="ingest.after_fetch")
        assert killed.returncode == -9, (killed.stdout + killed.stderr)[-3000:]
        assert "running" in run_states(world.db_url)
        again = world.run("run", "--offline", "--seed", "1")
        assert again.returncode == 0, (again.stdout + again.stderr)[-3000:]
    states = run_states(world.db_url)
    assert "running" not in states and states.count(INTERRUPTED) >= 1, states
