"""Mail faults through the real CLI: SMTP down, then a login the server refuses, then the right one.

The digest is written once and stays owed until it can go: each failed sending run says why in
one line and delivers nothing; the run with the right credentials mails it to every recipient
exactly once (the same Message-ID its delivery row fixed). The SMTP password — the wrong one and
the right one — never appears in any output, file, archive page, .eml or the database.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reliability.crash_world import (
    PASSWORD,
    RECIPIENTS,
    USER,
    make_world,
    message_ids,
)
from tests.smtp import Credentials, Mailbox, free_port, smtp_server

WRONG = "wr0ng-Passw0rd-also-secret"
# Loopback only: AUTH without TLS is what the test needs, not a setting to copy.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


def not_mailed(stdout: str) -> str:
    (line,) = [line for line in stdout.splitlines() if "not mailed" in line]
    return line.strip()


def test_smtp_down_then_a_refused_login_keep_the_digest_owed_until_it_goes_once(
    tmp_path: Path,
) -> None:
    port = free_port()
    world = make_world(tmp_path / "world", f"sqlite:///{tmp_path / 'h.db'}", port, username=USER)
    outputs: list[str] = []

    down = world.run(HINDSIGHT_MAIL__PASSWORD=WRONG)  # nothing listens on the port
    outputs.append(down.stdout + down.stderr)
    # Every stage ran and the digest is written, but the run fails so cron reports it.
    assert down.returncode == 1 and "Traceback" not in outputs[-1], outputs[-1][-3000:]
    assert f"127.0.0.1:{port}" in not_mailed(down.stdout)
    (error,) = [ln for ln in down.stderr.splitlines() if ln.startswith("error:")]
    assert error.startswith("error: digest written but not mailed (owed, retried next run)")
    assert len(list(world.reports.glob("digest-*.html"))) == 1

    inbox = Mailbox()
    with smtp_server(Credentials(USER, PASSWORD), port=port, mailbox=inbox):
        refused = world.run(HINDSIGHT_MAIL__PASSWORD=WRONG)
        outputs.append(refused.stdout + refused.stderr)
        assert refused.returncode == 1 and "Traceback" not in outputs[-1], outputs[-1][-3000:]
        line = not_mailed(refused.stdout)
        assert f"SMTP login as '{USER}' refused by 127.0.0.1:{port}: 535" in line, line
        assert not inbox.delivered
        # The digest command says the same in one line on stderr, with a failing exit.
        digest = world.run("digest", "--send", HINDSIGHT_MAIL__PASSWORD=WRONG)
        outputs.append(digest.stdout + digest.stderr)
        assert digest.returncode == 1 and "Traceback" not in outputs[-1], outputs[-1]
        (error,) = [ln for ln in digest.stderr.splitlines() if ln.strip()]
        assert error.startswith("error: digest written but not mailed: SMTP login as 'bot'")
        assert not inbox.delivered

        right = world.run(HINDSIGHT_MAIL__PASSWORD=PASSWORD)
        outputs.append(right.stdout + right.stderr)
        assert right.returncode == 0 and "not mailed" not in right.stdout, outputs[-1][-3000:]
        again = world.run(HINDSIGHT_MAIL__PASSWORD=PASSWORD)  # nothing owed: nothing sent
        outputs.append(again.stdout + again.stderr)
        assert again.returncode == 0, outputs[-1][-3000:]

    ids = message_ids(world.db_url)
    assert inbox.by_recipient() == {r: [ids[r]] for r in RECIPIENTS}
    assert len(list(world.reports.glob("digest-*.html"))) == 1  # written once, sent later
    for secret in (PASSWORD, WRONG):
        for output in outputs:
            assert secret not in output
        for path in tmp_path.rglob("*"):  # reports, archive, .eml, the database and its WAL
            if path.is_file():
                assert secret.encode() not in path.read_bytes(), path
