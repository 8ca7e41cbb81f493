"""Sending the digest to a real SMTP server (aiosmtpd on 127.0.0.1); failing in one clear line."""

from __future__ import annotations

import email
import email.policy
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from reports.context import DigestContext, PredictionView
from reports.mail import MailError, SmtpSettings, send_digest
from reports.render import DigestFiles, render_digest, write_digest
from tests.smtp import Mailbox, free_port
from tests.smtp import smtp_server as serve_smtp

SENDER = "digest@hindsight.example"
REFUSED_DOMAIN = "@nowhere.example"


def only_bot_with_secret(
    server: Any, session: Any, envelope: Any, mechanism: str, data: Any
) -> AuthResult:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (b"bot", b"secret")
    return AuthResult(success=ok, handled=False)  # handled=False: the server answers 535 itself


@pytest.fixture
def smtp_server() -> Iterator[tuple[Controller, Mailbox]]:
    # AUTH offered without TLS: loopback only; TLS would need a certificate in the test.
    mailbox = Mailbox(refuse={REFUSED_DOMAIN})
    with serve_smtp(
        mailbox=mailbox, authenticator=only_bot_with_secret, auth_require_tls=False
    ) as running:
        yield running


@pytest.fixture
def digest_files(tmp_path: Path) -> DigestFiles:
    prediction = PredictionView(
        id=1,
        seed_title="Seed",
        text="Acme will ship its first car within three years.",
        kind="timeline",
        subject="Acme",
        expectation="window 2021-03-31..2024-03-31",
        deadline=date(2024, 3, 31),
        confidence=0.8,
        status="supported",
        status_reason="Deliveries began on 2024-03-28, inside the window.",
        author="Ana Analyst",
    )
    ctx = DigestContext(
        generated=datetime(2026, 11, 26, 7, tzinfo=UTC),
        since=date(2026, 11, 19),
        predictions=[prediction],
    )
    return write_digest(
        render_digest(ctx),
        tmp_path,
        date(2026, 11, 26),
        sender=f"Hindsight <{SENDER}>",
        recipients=["ana@example.com", "bö@example.org"],
    )


def settings(controller: Controller, **overrides: Any) -> SmtpSettings:
    values: dict[str, Any] = {
        "sender": SENDER,
        "recipients": ["ana@example.com", "bo@example.org"],
        "timeout": 5,
    }
    values.update(overrides)
    return SmtpSettings(controller.hostname, controller.port, **values)


def test_digest_arrives_with_both_parts(
    smtp_server: tuple[Controller, Mailbox], digest_files: DigestFiles
) -> None:
    controller, recorder = smtp_server
    result = send_digest(digest_files.eml, settings(controller))

    (got,) = recorder.received
    assert got.mail_from == SENDER
    assert list(got.recipients) == ["ana@example.com", "bo@example.org"]
    assert result.accepted == list(got.recipients) and result.refused == {}

    msg = got.message
    original = email.message_from_bytes(digest_files.eml.read_bytes(), policy=email.policy.default)
    assert msg["Subject"] == original["Subject"]
    assert msg["Subject"].strip().startswith("Hindsight 2026-11-26: Nothing changed this week")
    assert msg["Message-ID"] == original["Message-ID"] and result.message_id
    assert "bö@example.org" in str(msg["To"])  # header the reader sees, non-ASCII intact
    # SMTP carries CRLF line ends; compare the text a reader sees.
    parts = {p.get_content_type(): p.get_content().replace("\r\n", "\n") for p in msg.iter_parts()}
    assert set(parts) == {"text/plain", "text/html"}
    assert parts["text/plain"] == digest_files.txt.read_text("utf-8")
    assert parts["text/html"] == digest_files.html.read_text("utf-8")
    assert "Acme will ship its first car within three years." in parts["text/plain"]


def test_login_then_send(
    smtp_server: tuple[Controller, Mailbox], digest_files: DigestFiles
) -> None:
    controller, recorder = smtp_server
    send_digest(
        digest_files.eml.read_bytes(), settings(controller, username="bot", password="secret")
    )
    assert len(recorder.received) == 1


def test_auth_failure_is_one_clear_line(
    smtp_server: tuple[Controller, Mailbox], digest_files: DigestFiles
) -> None:
    controller, recorder = smtp_server
    with pytest.raises(MailError) as err:
        send_digest(digest_files.eml, settings(controller, username="bot", password="wrong"))
    text = str(err.value)
    assert "\n" not in text
    assert "login as 'bot' refused" in text and "535" in text
    assert f"{controller.hostname}:{controller.port}" in text
    assert "wrong" not in text  # the password is never echoed
    assert recorder.received == []


def test_all_recipients_refused_is_an_error(
    smtp_server: tuple[Controller, Mailbox], digest_files: DigestFiles
) -> None:
    controller, recorder = smtp_server
    with pytest.raises(MailError) as err:
        send_digest(digest_files.eml, settings(controller, recipients=[f"x{REFUSED_DOMAIN}"]))
    text = str(err.value)
    assert "\n" not in text
    assert f"every recipient refused by 127.0.0.1:{controller.port}" in text
    assert f"x{REFUSED_DOMAIN} (550" in text
    assert recorder.received == []


def test_some_recipients_refused_is_reported_not_raised(
    smtp_server: tuple[Controller, Mailbox], digest_files: DigestFiles
) -> None:
    controller, recorder = smtp_server
    recipients = ["ana@example.com", f"ghost{REFUSED_DOMAIN}"]
    result = send_digest(digest_files.eml, settings(controller, recipients=recipients))
    assert result.accepted == ["ana@example.com"]
    assert list(result.refused) == [f"ghost{REFUSED_DOMAIN}"]
    assert result.refused[f"ghost{REFUSED_DOMAIN}"].startswith("550")
    assert [r.recipients for r in recorder.received] == [("ana@example.com",)]


def test_refused_connection_is_one_clear_line(digest_files: DigestFiles) -> None:
    port = free_port()  # nothing listens here once the probe socket is closed
    smtp = SmtpSettings("127.0.0.1", port, sender=SENDER, recipients=["a@example.com"], timeout=5)
    with pytest.raises(MailError) as err:
        send_digest(digest_files.eml, smtp)
    assert str(err.value) == f"cannot connect to SMTP server 127.0.0.1:{port}: connection refused"


def test_missing_eml_and_bad_settings(tmp_path: Path) -> None:
    smtp = SmtpSettings("127.0.0.1", 25, sender=SENDER, recipients=["a@example.com"])
    with pytest.raises(MailError, match="cannot read message"):
        send_digest(tmp_path / "nope.eml", smtp)
    with pytest.raises(ValueError):
        SmtpSettings("h", 465, sender=SENDER, recipients=["a@b.c"], ssl=True, starttls=True)
    assert "hunter2" not in repr(
        SmtpSettings("h", 25, sender=SENDER, recipients=["a@b.c"], password="hunter2")
    )
