"""Which addresses are private, for the fetchers' redirect policy (seeds and feeds alike).

A page or feed the operator names may be local (an intranet, a test server); what a public one
redirects to may not be, since that is how an outside page reaches inside (SSRF). Names are
resolved by a `Resolver`, injectable so a test can play a public address, which a machine with
only loopback cannot have. The fetchers also check the address each connection reached, so a
name that answers one address to the check and another to the connection (DNS rebinding) gains
nothing. Standard library only.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable

# Host name -> the IP addresses it resolves to.
Resolver = Callable[[str], list[str]]


def system_resolver(host: str) -> list[str]:
    """The addresses the system resolver gives for `host` (none when it does not resolve)."""
    try:
        return sorted({str(info[4][0]) for info in socket.getaddrinfo(host, None)})
    except (OSError, UnicodeError):
        return []


def private_address(value: str) -> bool:
    """True for a loopback, private, link-local or reserved address; False for a global one or
    for text that is no address."""
    try:
        return not ipaddress.ip_address(value).is_global
    except ValueError:
        return False


def is_private(host: str, resolve: Resolver) -> bool:
    """True when `host` resolves to any address that is not global."""
    return any(private_address(value) for value in resolve(host.strip("[]")))
