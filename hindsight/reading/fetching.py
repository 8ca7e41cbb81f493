"""Fetch a seed page over HTTP(S): polite, bounded in time and size, errors in plain words."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata

import httpx

from hindsight.reading.errors import SeedError


def _version() -> str:
    try:
        return metadata.version("hindsight")
    except metadata.PackageNotFoundError:
        return "0"


USER_AGENT = f"Hindsight/{_version()} (seed reader)"
FETCH_TIMEOUT_S = 20.0
MAX_FETCH_BYTES = 10_000_000


@dataclass(frozen=True)
class Fetched:
    """The body of a page as sent, where it ended up after redirects, and its declared type."""

    body: bytes
    url: str
    content_type: str
    charset: str | None


def fetch(
    url: str, *, timeout: float = FETCH_TIMEOUT_S, max_bytes: int = MAX_FETCH_BYTES
) -> Fetched:
    """GET `url` following redirects; raise SeedError on any failure, with the reason."""
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "text/html, text/markdown;q=0.9, text/plain;q=0.8",
    }
    try:
        with (
            httpx.Client(follow_redirects=True, timeout=timeout, headers=headers) as client,
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
