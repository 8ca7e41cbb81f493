"""What an operator may give as a feed's address, in the one form Hindsight stores."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse


class FeedAddressError(ValueError):
    """Not a usable feed address; the message says why in one line."""


def feed_address(value: str) -> str:
    """http(s):// and file:// URLs as given; a local path as a file:// URL of its absolute path."""
    value = value.strip()
    parsed = urlparse(value)
    if parsed.scheme in ("http", "https"):
        if not parsed.netloc:
            raise FeedAddressError(f"malformed feed URL {value!r}: no host")
        return value
    if parsed.scheme == "file":
        return value
    if parsed.scheme and len(parsed.scheme) > 1:  # one letter: a Windows drive, i.e. a path
        raise FeedAddressError(
            f"unsupported feed URL {value!r}: use http(s)://, file:// or a local path"
        )
    path = Path(value).expanduser()
    if not path.is_file():
        raise FeedAddressError(f"no such feed file: {value}")
    return path.resolve().as_uri()
