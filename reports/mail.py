"""Send a written digest over SMTP, and say in one line what went wrong when it does not go.

Why one line: the weekly run is unattended, and its log (or the CLI) is where an operator looks
first. "SMTP login as 'bot' refused by mail.example:587: 535 5.7.8 bad credentials" says what to
fix; a 40-line traceback from deep in smtplib does not. The original exception is chained for
whoever wants the rest.
"""

from __future__ import annotations

import email
import email.policy
import logging
import smtplib
import socket
import ssl
from collections.abc import Sequence
from dataclasses import KW_ONLY, dataclass, field
from email.message import EmailMessage
from pathlib import Path

log = logging.getLogger(__name__)


class MailError(RuntimeError):
    """Sending failed; `str(err)` is one line naming the server and the reason."""


class RecipientsRefused(MailError):
    """The server refused every recipient (the server itself works); `refused`: address -> why."""

    def __init__(self, message: str, refused: dict[str, str]) -> None:
        super().__init__(message)
        self.refused = refused


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to deliver. `ssl` is implicit TLS (port 465); `starttls` upgrades (port 587).

    `sender` and `recipients` are the SMTP envelope, which decides delivery; the From/To headers of
    the message are what the reader sees and are set when the .eml is written.
    """

    host: str
    port: int = 25
    _: KW_ONLY
    sender: str
    recipients: Sequence[str]
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    starttls: bool = False
    ssl: bool = False
    timeout: float = 30
    # A CA bundle to trust for the server's certificate (an internal CA); None: the system's.
    ca_file: str | None = None

    def __post_init__(self) -> None:
        if self.ssl and self.starttls:
            raise ValueError("choose ssl (implicit TLS) or starttls, not both")
        if isinstance(self.recipients, str):
            raise TypeError("recipients must be a list of addresses, not one string")


@dataclass(frozen=True)
class SendResult:
    """Who the server took the message for, and who it refused (address -> server's answer)."""

    message_id: str | None
    accepted: list[str]
    refused: dict[str, str]


def _one_line(text: object) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return " ".join(str(text).split())


def _load(message: EmailMessage | Path | str | bytes) -> EmailMessage:
    """An EmailMessage as given, or parsed from .eml bytes or from a path to an .eml file."""
    if isinstance(message, EmailMessage):
        return message
    if isinstance(message, str | Path):
        try:
            raw = Path(message).read_bytes()
        except OSError as exc:
            raise MailError(f"cannot read message {message}: {_one_line(exc.strerror)}") from exc
    else:
        raw = message
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)  # guaranteed by policy.default
    return parsed


def _describe(exc: BaseException, smtp: SmtpSettings) -> str:
    """The one-line reason for a failure, most specific first (SMTP errors are OSErrors too)."""
    where = f"{smtp.host}:{smtp.port}"
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        answer = _one_line(exc.smtp_error)
        return f"SMTP login as {smtp.username!r} refused by {where}: {exc.smtp_code} {answer}"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        refused = "; ".join(
            f"{addr} ({code} {_one_line(msg)})" for addr, (code, msg) in exc.recipients.items()
        )
        return f"every recipient refused by {where}: {refused}"
    if isinstance(exc, smtplib.SMTPSenderRefused):
        answer = _one_line(exc.smtp_error)
        return f"sender {exc.sender} refused by {where}: {exc.smtp_code} {answer}"
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return f"{where} does not support what was asked: {_one_line(exc)}"
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return f"{where} closed the connection unexpectedly: {_one_line(exc) or 'no reason given'}"
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{where} answered {exc.smtp_code} {_one_line(exc.smtp_error)}"
    if isinstance(exc, smtplib.SMTPException):
        return f"SMTP error with {where}: {_one_line(exc)}"
    if isinstance(exc, ssl.SSLError | ssl.CertificateError):
        reason = _one_line(getattr(exc, "reason", None) or exc)
        hint = " (does this port speak plain SMTP or STARTTLS instead?)" if smtp.ssl else ""
        return f"TLS with {where} failed: {reason}{hint}"
    if isinstance(exc, ConnectionRefusedError):
        return f"cannot connect to SMTP server {where}: connection refused"
    if isinstance(exc, socket.gaierror):
        return f"cannot resolve SMTP host {smtp.host!r}: {_one_line(exc.strerror)}"
    if isinstance(exc, TimeoutError):
        return f"SMTP server {where} did not answer within {smtp.timeout:g} s"
    if isinstance(exc, OSError):
        return f"cannot talk to SMTP server {where}: {_one_line(exc.strerror or exc)}"
    return f"sending via {where} failed: {type(exc).__name__}: {_one_line(exc)}"


def _connect(smtp: SmtpSettings) -> smtplib.SMTP:
    """An open, greeted, (optionally) encrypted and logged-in connection."""
    context = ssl.create_default_context(cafile=smtp.ca_file)
    conn: smtplib.SMTP
    if smtp.ssl:
        conn = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=smtp.timeout, context=context)
    else:
        conn = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout)
    try:
        conn.ehlo_or_helo_if_needed()
        if smtp.starttls:
            conn.starttls(context=context)
            conn.ehlo()
        if smtp.username:
            conn.login(smtp.username, smtp.password or "")
    except BaseException:
        conn.close()
        raise
    return conn


def send_digest(message: EmailMessage | Path | str | bytes, smtp: SmtpSettings) -> SendResult:
    """Deliver one message (an EmailMessage, .eml bytes, or the path of an .eml file).

    Raises MailError (one line) when nothing was delivered: no connection, TLS or login failure,
    sender refused, or every recipient refused. When the server takes the message for some
    recipients and refuses others, the message has gone out, so this returns normally with the
    refusals in `SendResult.refused` (and logs a warning) rather than invite a resend that would
    duplicate it for those who got it.
    """
    msg = _load(message)
    recipients = [r for r in smtp.recipients if r.strip()]
    if not recipients:
        raise MailError("no recipients configured for the digest")
    try:
        conn = _connect(smtp)
        try:
            refused_raw = conn.send_message(msg, from_addr=smtp.sender, to_addrs=recipients)
        finally:
            try:
                conn.quit()
            except (smtplib.SMTPException, OSError):
                conn.close()
    except smtplib.SMTPRecipientsRefused as exc:
        why = {addr: f"{code} {_one_line(text)}" for addr, (code, text) in exc.recipients.items()}
        raise RecipientsRefused(_describe(exc, smtp), why) from exc
    except (smtplib.SMTPException, OSError) as exc:
        raise MailError(_describe(exc, smtp)) from exc
    refused = {addr: f"{code} {_one_line(text)}" for addr, (code, text) in refused_raw.items()}
    if refused:
        log.warning(
            "digest sent via %s:%s, but refused for %s",
            smtp.host,
            smtp.port,
            "; ".join(f"{a} ({why})" for a, why in refused.items()),
        )
    accepted = [r for r in recipients if r not in refused]
    message_id = msg["Message-ID"]
    return SendResult(
        message_id=str(message_id).strip() if message_id else None,
        accepted=accepted,
        refused=refused,
    )
