"""Fetching feeds politely: bounded concurrency, conditional GET, size and time limits.

One `Fetcher` is shared by every feed of a run so that connections are pooled (HTTP/1.1 keep-alive)
and so that the global and per-host limits hold across feeds. The client is aiohttp: its C HTTP
parser makes a request cost a fifth of the CPU httpx takes, and a run of thousands of 304s is
bound by exactly that per-request cost. Nothing here raises for a bad feed: every failure becomes a
`FetchResult` with `error` set, because one broken feed must never stop a run over thousands.
Redirects are followed by hand so that each hop is recorded and a permanent one (301/308) can
move the stored URL, and so that none leaves http(s) or steps from a public address to a private
one (`hindsight.addresses`): a redirect's name is checked before it is fetched, and the address
every connection reached before a request goes out on it.
"""

from __future__ import annotations

import asyncio
import contextvars
import email.utils
import errno
import os
import re
import socket
import ssl
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import aiohttp

from hindsight.addresses import Resolver, is_private, private_address, system_resolver

# Names the project and what it does; an operator can add a contact URL via `fetch.user_agent`.
DEFAULT_USER_AGENT = "Hindsight/0.1 (feed reader; tracks published predictions)"
ACCEPT = (
    "application/atom+xml, application/rss+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.8, application/feed+json;q=0.8, */*;q=0.5"
)
PERMANENT_REDIRECTS = frozenset({301, 308})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
# Statuses worth another try: the server said "later", or failed in a way that usually passes.
TRANSIENT_STATUSES = frozenset({429, 500, 502, 503, 504})
# Headers feedparser uses to decode and resolve a body; Content-Encoding is left out on purpose:
# the client has already decompressed the body and feedparser must not try again.
PARSER_HEADERS = ("content-type", "content-location", "content-language")
_CONNECTION_SSL = re.compile(r"\bssl:\S+")


@dataclass(frozen=True)
class FetchSettings:
    """How hard and how long to try. Defaults suit a few thousand feeds polled hourly."""

    user_agent: str = DEFAULT_USER_AGENT
    max_concurrency: int = 32  # requests in flight over all hosts
    per_host: int = 4  # requests in flight to one host: politeness
    connect_timeout: float = 10.0
    read_timeout: float = 30.0  # between two reads of the body
    total_timeout: float = 90.0  # one whole fetch, body included: stops slow-drip servers
    max_bytes: int = 16 * 1024 * 1024  # decoded body; larger feeds are refused
    max_redirects: int = 5
    verify_tls: bool = True
    retries: int = 1  # extra tries within a run for transient failures
    retry_delay: float = 1.0  # first wait before a retry, doubled each time
    max_retry_wait: float = 10.0  # a longer Retry-After is honoured by scheduling, not sleeping
    check_interval: float = 3600.0  # seconds between polls of a healthy feed
    max_backoff: float = 7 * 24 * 3600.0  # longest wait after repeated failures
    parser: str = "feedparser"  # "feedparser" (reference) or "fast" (feedparser-rs, verified)
    sanitizer: str = "nh3"  # "nh3" or "feedparser" (its own, slower sanitizer)
    parse_workers: int | None = None  # processes for parsing; None = cores, 0 = no pool
    full_text_per_feed: int = 10  # article pages fetched per feed run when full text is on
    max_in_flight: int | None = None  # feeds between fetch and store; None = 4 x concurrency
    skip_unchanged_body: bool = True  # a body identical to the last one stored is not re-parsed


@dataclass
class FetchResult:
    """What one fetch of one URL came to; `error` is None exactly when a body or a 304 arrived."""

    url: str
    final_url: str
    status: int | None = None
    content: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    redirects: list[tuple[int, str]] = field(default_factory=list)
    permanent_url: str | None = None  # set when every hop to final_url was permanent
    error: str | None = None
    error_kind: str | None = None  # timeout|dns|tls|connect|http|too-large|redirects|io|blocked
    retry_after: float | None = None  # seconds the server asked us to wait
    attempts: int = 0
    elapsed: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def parser_headers(self) -> dict[str, str]:
        """The response headers feedparser needs to pick the right encoding and base URL."""
        return {k: v for k, v in self.headers.items() if k in PARSER_HEADERS}


class _Failure(Exception):
    """A fetch that cannot succeed; carries the kind so health and reports can group failures."""

    def __init__(self, kind: str, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.retry_after = retry_after


def is_local(url: str) -> bool:
    """True for `file://` URLs and plain paths, which are read from disk instead of fetched."""
    scheme = urlsplit(url).scheme.lower()
    return scheme == "file" or scheme == "" or (len(scheme) == 1 and os.name == "nt")


def local_path(url: str) -> Path:
    """The filesystem path a `file://` URL or a plain path names."""
    parts = urlsplit(url)
    if parts.scheme.lower() == "file":
        return Path(unquote(parts.path))
    return Path(url).expanduser()


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date); None if absent."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    current = datetime.now(UTC).timestamp() if now is None else now
    return max(0.0, when.timestamp() - current)


def classify_error(exc: BaseException) -> tuple[str, str]:
    """(kind, one-line message) for a transport exception, naming the cause an operator can fix."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and len(chain) < 8:
        chain.append(current)
        current = current.__cause__ or current.__context__
    if any(isinstance(e, TimeoutError) for e in chain):
        return "timeout", f"timed out ({type(exc).__name__})"
    tls = next((e for e in chain if isinstance(e, ssl.SSLError | aiohttp.ClientSSLError)), None)
    if tls is not None:
        return "tls", f"TLS error: {tls}"
    # aiohttp names the connection's TLS setting in every message ("... ssl:default [...]"),
    # plain http too: that is no sign of a TLS failure.
    text = _CONNECTION_SSL.sub("", " ".join(str(e) for e in chain).lower())
    dns_types = socket.gaierror | aiohttp.ClientConnectorDNSError
    if any(isinstance(e, dns_types) for e in chain) or "name or service not known" in text:
        return "dns", f"DNS lookup failed: {exc}"
    if any(isinstance(e, ConnectionRefusedError) for e in chain):
        return "connect", f"connection refused: {exc}"
    if "ssl" in text or "tls" in text or "certificate" in text:
        return "tls", f"TLS error: {exc}"
    if "refused" in text:
        return "connect", f"connection refused: {exc}"
    if isinstance(exc, aiohttp.ClientConnectorError):
        return "connect", f"could not connect: {exc}"
    if isinstance(exc, aiohttp.ClientError):
        return "connect", f"{type(exc).__name__}: {exc}"
    if isinstance(exc, OSError):
        return "io", f"{type(exc).__name__}: {exc}"
    return "error", f"{type(exc).__name__}: {exc}"


class Fetcher:
    """A pooled HTTP client with global and per-host limits; use as an async context manager.

    The limits are the connector's: at most `max_concurrency` connections in all and `per_host`
    to one scheme, host and port, a request holding its connection until its body is read.
    """

    def __init__(
        self, settings: FetchSettings | None = None, *, resolve: Resolver = system_resolver
    ) -> None:
        self.settings = settings or FetchSettings()
        self.resolve = resolve
        self._peers: dict[str, str] = {}  # host -> the address its last connection reached
        self._client: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> Fetcher:
        s = self.settings
        connector = _CheckedConnector(
            limit=s.max_concurrency,
            limit_per_host=s.per_host,
            ssl=bool(s.verify_tls),  # True: the default, verifying context
            keepalive_timeout=30.0,
            ttl_dns_cache=300,
        )
        # No `connect` timeout: it would also count the wait for a free connection in the pool.
        timeout = aiohttp.ClientTimeout(
            total=None, sock_connect=s.connect_timeout, sock_read=s.read_timeout
        )
        self._client = aiohttp.ClientSession(
            connector=connector,
            timeout=timeout,
            headers={"User-Agent": s.user_agent, "Accept": ACCEPT, "Accept-Encoding": _encodings()},
            trust_env=False,
            cookie_jar=aiohttp.DummyCookieJar(),  # feeds are public: no state between them
            auto_decompress=True,
        )
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._client is not None:
            await self._client.close()
            self._client = None

    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str | None = None,
        linked_from: str | None = None,
    ) -> FetchResult:
        """Fetch one URL, retrying transient failures; never raises for network or server faults.

        `linked_from`: the feed that gave this URL (an article link). A link a public feed gave
        may lead to public addresses only, like a redirect from a public address.
        """
        started = time.perf_counter()
        result = FetchResult(url=url, final_url=url)
        public_only = linked_from is not None and not await self._private_origin(linked_from)
        if not url.startswith(("http://", "https://")) and is_local(url):
            await self._read_local(url, result)
            result.elapsed = time.perf_counter() - started
            result.attempts = 1
            return result
        delay = self.settings.retry_delay
        for attempt in range(self.settings.retries + 1):
            result = FetchResult(url=url, final_url=url, attempts=attempt + 1)
            try:
                async with asyncio.timeout(self.settings.total_timeout):
                    await self._fetch_once(url, result, etag, last_modified, accept, public_only)
            except _Failure as failure:
                result.error, result.error_kind = str(failure), failure.kind
                result.retry_after = failure.retry_after or result.retry_after
            except (aiohttp.ClientError, OSError, TimeoutError, ssl.SSLError, ValueError) as exc:
                result.error_kind, result.error = classify_error(exc)
            if not self._should_retry(result, attempt):
                break
            wait = result.retry_after if result.retry_after is not None else delay
            await asyncio.sleep(wait)
            delay *= 2
        result.elapsed = time.perf_counter() - started
        return result

    async def _private_origin(self, url: str) -> bool:
        """True for a local file, or a feed whose address (as last connected, else by its
        name) is private."""
        if not url.startswith(("http://", "https://")) and is_local(url):
            return True
        host = urlsplit(url).hostname or ""
        return await _Hops(self.resolve, host, self._peers).origin_private()

    def _should_retry(self, result: FetchResult, attempt: int) -> bool:
        """Retry timeouts, dropped connections and 429/5xx, unless the wait asked for is long."""
        if result.ok or attempt >= self.settings.retries:
            return False
        if result.retry_after is not None and result.retry_after > self.settings.max_retry_wait:
            return False
        if result.error_kind == "http":
            return result.status in TRANSIENT_STATUSES
        return result.error_kind in {"timeout", "connect"}

    async def _fetch_once(
        self,
        url: str,
        result: FetchResult,
        etag: str | None,
        last_modified: str | None,
        accept: str | None,
        public_only: bool = False,
    ) -> None:
        assert self._client is not None, "use Fetcher as an async context manager"
        headers: dict[str, str] = {}
        if accept:
            headers["Accept"] = accept
        # Validators belong to the URL they were stored for; a moved feed still honours them.
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        host = urlsplit(url).hostname or ""
        hops = _Hops(self.resolve, host, self._peers, public_only=public_only)
        token = _hops.set(hops)  # the connector, awaited in this task, reads it
        try:
            await self._follow(url, result, headers, hops)
        finally:
            _hops.reset(token)

    async def _follow(
        self, url: str, result: FetchResult, headers: dict[str, str], hops: _Hops
    ) -> None:
        """Request `url`, following redirects by hand within the address policy."""
        assert self._client is not None
        current = url
        seen = {url}
        all_permanent = True
        for hop in range(self.settings.max_redirects + 1):
            _check_target(current)
            hops.hop = hop
            if hop or hops.public_only:
                await hops.check_name(urlsplit(current).hostname or "")
            async with self._client.get(
                current, headers=headers, allow_redirects=False, max_line_size=16384
            ) as response:
                status = result.status = response.status
                if status in REDIRECTS and "location" in response.headers:
                    target = urljoin(current, response.headers["location"].strip())
                    result.redirects.append((status, target))
                    all_permanent = all_permanent and status in PERMANENT_REDIRECTS
                    if target in seen:
                        raise _Failure("redirects", f"redirect loop: {target} was visited before")
                    seen.add(target)
                    current = target
                    await _drain(response)
                    continue
                self._record_headers(response, result)
                result.final_url = current
                if status == 304:
                    result.not_modified = True
                    break
                if status >= 400:
                    await _drain(response)
                    reason = response.reason or "error"
                    raise _Failure(
                        "http", f"HTTP {status} {reason}", retry_after=result.retry_after
                    )
                result.content = await self._read_body(response)
                break
        else:
            raise _Failure("redirects", f"more than {self.settings.max_redirects} redirects")
        if result.redirects and all_permanent:
            result.permanent_url = result.final_url

    def _record_headers(self, response: aiohttp.ClientResponse, result: FetchResult) -> None:
        headers = {k.lower(): v for k, v in response.headers.items()}
        result.headers = headers
        result.etag = headers.get("etag")
        result.last_modified = headers.get("last-modified")
        retry_after = headers.get("retry-after")
        result.retry_after = parse_retry_after(retry_after) if retry_after else None

    async def _read_body(self, response: aiohttp.ClientResponse) -> bytes:
        """Read the decoded body, stopping as soon as it passes the size limit."""
        limit = self.settings.max_bytes
        declared = response.content_length
        if declared is not None and declared > limit and "content-encoding" not in response.headers:
            raise _Failure("too-large", f"body of {declared} bytes exceeds {limit}")
        if (
            declared is not None
            and declared <= limit
            and "content-encoding" not in response.headers
        ):
            return await response.read()  # one read: the length is known and within the limit
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.content.iter_chunked(256 * 1024):
            size += len(chunk)
            if size > limit:
                raise _Failure("too-large", f"body exceeds {limit} bytes; stopped reading")
            chunks.append(chunk)
        return b"".join(chunks)

    async def _read_local(self, url: str, result: FetchResult) -> None:
        path = local_path(url)
        try:
            size = path.stat().st_size
            if size > self.settings.max_bytes:
                raise _Failure(
                    "too-large", f"file of {size} bytes exceeds {self.settings.max_bytes}"
                )
            result.content = await asyncio.to_thread(path.read_bytes)
            result.status = 200
        except _Failure as failure:
            result.error, result.error_kind = str(failure), failure.kind
        except OSError as exc:
            kind = "io" if exc.errno != errno.ENOENT else "missing"
            result.error, result.error_kind = f"cannot read {path}: {exc.strerror}", kind


class _Hops:
    """One fetch's chain of redirects, as the address policy sees it.

    The feed's own URL may be private (a local feed); a redirect from a public one may not
    lead to a private address. The origin counts as public when the address it connected to
    is public or its name resolves to public addresses only (worked out at the first redirect,
    so a fetch that is not redirected resolves nothing more). With `public_only` (an article
    link a public feed gave) the first hop is held to that too.
    """

    def __init__(
        self,
        resolve: Resolver,
        origin_host: str,
        peers: dict[str, str],
        *,
        public_only: bool = False,
    ) -> None:
        self.resolve, self.origin_host, self.peers = resolve, origin_host, peers
        self.public_only = public_only
        self.hop = 0
        self._origin_private: bool | None = False if public_only else None

    async def origin_private(self) -> bool:
        if self._origin_private is None:
            peer = self.peers.get(self.origin_host)
            peer_private = peer is None or private_address(peer)
            self._origin_private = peer_private and await asyncio.to_thread(
                is_private, self.origin_host, self.resolve
            )
        return self._origin_private

    def _refusal(self, host: str, address: str | None = None) -> _Failure:
        where = f"{host}, which connected to private address {address}" if address else host
        if self.hop == 0:
            return _Failure("blocked", f"refused a link from a public feed to {where}")
        return _Failure("blocked", f"refused a redirect from a public address to {where}")

    async def check_name(self, host: str) -> None:
        """Before a hop is requested: its name must not resolve to a private address."""
        if await self.origin_private():
            return
        if await asyncio.to_thread(is_private, host, self.resolve):
            raise self._refusal(host)

    async def connected(self, host: str, address: str | None) -> None:
        """On every connection a request goes out on: the address it reached, checked."""
        if self.hop == 0 and not self.public_only:
            if address:
                self.peers[host] = address
        elif address and private_address(address) and not await self.origin_private():
            raise self._refusal(host, address)


# The chain of the fetch running in this task, for the connector (None outside a fetch).
_hops: contextvars.ContextVar[_Hops | None] = contextvars.ContextVar("hops", default=None)


class _CheckedConnector(aiohttp.TCPConnector):
    """A connector that shows each connection's peer address to the running fetch's `_Hops`."""

    async def connect(
        self, req: aiohttp.ClientRequest, traces: list[Any], timeout: aiohttp.ClientTimeout
    ) -> aiohttp.connector.Connection:
        connection = await super().connect(req, traces, timeout)
        hops = _hops.get()
        if hops is not None:
            transport = connection.transport
            peer = transport.get_extra_info("peername") if transport is not None else None
            try:
                await hops.connected(req.url.host or "", str(peer[0]) if peer else None)
            except _Failure:
                connection.close()
                raise
        return connection


async def _drain(response: aiohttp.ClientResponse, limit: int = 64 * 1024) -> None:
    """Read a small body to its end so the connection goes back to the pool instead of closing."""
    declared = response.content_length
    if declared is not None and declared <= limit:
        await response.read()


def _check_target(url: str) -> None:
    """Refuse what must not or cannot be fetched: other schemes, names that never resolve.

    RFC 6761: names under `.invalid` never resolve, so no resolver is asked about them.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise _Failure("blocked", f"unsupported URL scheme {scheme!r} in {url}")
    host = (parts.hostname or "").rstrip(".").lower()
    if host == "invalid" or host.endswith(".invalid"):
        raise _Failure("dns", f"DNS lookup failed: {host} can never resolve (RFC 6761)")


def _encodings() -> str:
    """The content codings aiohttp can decode here (brotli and zstd only when installed)."""
    codings = ["gzip", "deflate"]
    try:
        import brotli  # noqa: F401

        codings.append("br")
    except ImportError:
        pass
    return ", ".join(codings)
