"""A real SMTP server for tests: aiosmtpd on 127.0.0.1, keeping what it accepts.

One handler serves every mail test (digest sending, the pipeline, mail faults, crash points): it
refuses the addresses a test names (a whole domain with "@domain"), keeps each accepted message
with its envelope, and reads them back the ways tests check them — the messages one recipient got,
or the Message-IDs per recipient (how "sent exactly once" is counted).
"""

from __future__ import annotations

import email
import email.policy
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class Received:
    mail_from: str
    recipients: tuple[str, ...]
    content: bytes

    @property
    def message(self) -> EmailMessage:
        msg = email.message_from_bytes(self.content, policy=email.policy.default)
        assert isinstance(msg, EmailMessage)
        return msg


@dataclass
class Mailbox:
    """An aiosmtpd handler: refuses the addresses (or "@domain"s) in `refuse`, keeps the rest."""

    refuse: set[str] = field(default_factory=set)
    received: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def refuses(self, address: str) -> bool:
        return address in self.refuse or any(
            r.startswith("@") and address.endswith(r) for r in self.refuse
        )

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        if self.refuses(address):
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.received.append(
                Received(envelope.mail_from, tuple(envelope.rcpt_tos), envelope.content)
            )
        return "250 Message accepted"

    def messages(self) -> list[EmailMessage]:
        with self.lock:
            return [r.message for r in self.received]

    def to(self, address: str) -> list[EmailMessage]:
        """The messages `address` was a recipient of, oldest first."""
        with self.lock:
            return [r.message for r in self.received if address in r.recipients]

    def by_recipient(self) -> dict[str, list[str]]:
        """Each recipient's Message-IDs, one per delivery: a repeat shows as a second entry."""
        found: dict[str, list[str]] = {}
        with self.lock:
            for r in self.received:
                for rcpt in r.recipients:
                    found.setdefault(rcpt, []).append(str(r.message["Message-ID"]))
        return found

    @property
    def delivered(self) -> bool:
        with self.lock:
            return bool(self.received)


@dataclass
class Credentials:
    """What the server's authenticator accepts; a test changes it to refuse, then to accept."""

    user: str
    password: str

    def __call__(
        self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> AuthResult:
        ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
            self.user.encode(),
            self.password.encode(),
        )
        return AuthResult(success=ok, handled=False)  # the server answers 535 itself


@contextmanager
def smtp_server(
    credentials: Credentials | None = None,
    port: int | None = None,
    mailbox: Mailbox | None = None,
    **options: Any,
) -> Iterator[tuple[Controller, Mailbox]]:
    """A running server on 127.0.0.1 (`controller.port`), stopped when the block ends.

    With `credentials` it requires AUTH (without TLS: loopback only, what the tests need);
    `options` go to aiosmtpd's Controller (TLS contexts, for instance)."""
    mailbox = mailbox if mailbox is not None else Mailbox()
    if credentials is not None:
        options = {
            "authenticator": credentials,
            "auth_require_tls": False,
            "auth_required": True,
            **options,
        }
    controller = Controller(mailbox, hostname="127.0.0.1", port=port or free_port(), **options)
    controller.start()
    try:
        yield controller, mailbox
    finally:
        controller.stop()
