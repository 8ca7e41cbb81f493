"""Fetch a seed page over HTTP(S): polite, bounded in time and size, errors in plain words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.request import getproxies, proxy_bypass

import httpx

from hindsight.addresses import Resolver, is_private, private_address, system_resolver
from hindsight.reading.errors import SeedError


def _version() -> str:
    try:
        return metadata.version("hindsight")
    except metadata.PackageNotFoundError:
        return "0"


USER_AGENT = f"Hindsight/{_version()} (seed reader)"
FETCH_TIMEOUT_S = 20.0
MAX_FETCH_BYTES = 10_000_000


def _proxied(url: httpx.URL) -> bool:
    """True when the environment sends this request through a proxy (which then connects)."""
    proxies = getproxies()
    return bool(proxies.get(url.scheme) or proxies.get("all")) and not proxy_bypass(url.host)


class _RedirectGuard:
    """Refuses a redirect to another scheme, or from a public address to a private one.

    A seed URL given by the analyst may be local (a page on the intranet, a test server); what a
    public page redirects to may not be: that is how an outside page reaches inside (SSRF).
    Each hop is checked twice: its name with `resolve` before anything is sent, and the address
    the connection actually reached before the request goes out on it. The second check closes
    DNS rebinding: a name that answers a public address to the check and a private one to the
    HTTP client's own lookup. The origin counts as public when either check says so. Through a
    proxy (HTTP(S)_PROXY) the proxy connects, so only the name is checked.
    """

    def __init__(self, url: str, resolve: Resolver) -> None:
        self.url, self.resolve = url, resolve
        self.origin_private: bool | None = None

    def request(self, request: httpx.Request) -> None:
        private = is_private(request.url.host, self.resolve)
        origin = self.origin_private is None
        if origin:
            self.origin_private = private
        elif private and not self.origin_private:
            raise self._refusal(request.url.host)
        if not _proxied(request.url):
            host = request.url.host
            request.extensions["trace"] = lambda event, info: self._connected(
                event, info, host, origin
            )

    def _connected(self, event: str, info: dict[str, Any], host: str, origin: bool) -> None:
        """On each new connection: the address reached, before a request is sent on it."""
        if not event.endswith("connect_tcp.complete"):
            return
        stream = info.get("return_value")
        peer = stream.get_extra_info("server_addr") if stream is not None else None
        if stream is None or not peer:
            return
        private = private_address(str(peer[0]))
        if origin:
            self.origin_private = bool(self.origin_private) and private
        elif private and not self.origin_private:
            stream.close()
            raise self._refusal(f"{host}, which connected to {peer[0]}")

    def _refusal(self, where: str) -> SeedError:
        return SeedError(
            f"could not fetch {self.url}: refused a redirect from a public address to "
            f"a private one ({where})"
        )

    def response(self, response: httpx.Response) -> None:
        location = response.headers.get("location")
        if response.is_redirect and location:
            scheme = urlsplit(urljoin(str(response.url), location)).scheme.lower()
            if scheme not in ("http", "https"):
                raise SeedError(
                    f"could not fetch {self.url}: refused a redirect to a {scheme or 'schemeless'}:"
                    " URL (only http and https are followed)"
                )


@dataclass(frozen=True)
class Fetched:
    """The body of a page as sent, where it ended up after redirects, and its declared type."""

    body: bytes
    url: str
    content_type: str
    charset: str | None


def fetch(
    url: str,
    *,
    timeout: float = FETCH_TIMEOUT_S,
    max_bytes: int = MAX_FETCH_BYTES,
    resolve: Resolver = system_resolver,
) -> Fetched:
    """GET `url` following http(s) redirects; raise SeedError on any failure, with the reason."""
    guard = _RedirectGuard(url, resolve)
    hooks: dict[str, list[Callable[..., Any]]] = {
        "request": [guard.request],
        "response": [guard.response],
    }
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "text/html, text/markdown;q=0.9, text/plain;q=0.8",
    }
    try:
        with (
            httpx.Client(
                follow_redirects=True, timeout=timeout, headers=headers, event_hooks=hooks
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                reason = response.reason_phrase or "error"
                raise SeedError(f"could not fetch {url}: HTTP {response.status_code} {reason}")
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > max_bytes:
                    limit = f"{max_bytes / 1_000_000:g} MB"
                    raise SeedError(f"could not fetch {url}: the page is larger than {limit}")
            ctype = response.headers.get("content-type", "")
            return Fetched(
                body=bytes(body),
                url=str(response.url),
                content_type=ctype.split(";")[0].strip().lower(),
                charset=response.charset_encoding,
            )
    except httpx.TimeoutException as exc:
        raise SeedError(f"could not fetch {url}: no answer within {timeout:g} s") from exc
    except httpx.ConnectError as exc:
        raise SeedError(f"could not fetch {url}: cannot connect ({_short(exc)})") from exc
    except httpx.TooManyRedirects as exc:
        raise SeedError(f"could not fetch {url}: too many redirects") from exc
    except httpx.HTTPError as exc:
        raise SeedError(f"could not fetch {url}: {_short(exc)}") from exc


def _short(exc: Exception) -> str:
    """The first line of an exception's message, or its class name when it has none."""
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
