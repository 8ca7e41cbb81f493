"""Parsing feed bytes into plain entries: feedparser as the reference, feedparser-rs as a fast path.

feedparser is only ever given bytes (it has no timeout of its own when it fetches) together with the
response headers, so its encoding detection still sees the HTTP charset. Its own HTML sanitizer and
relative-URI resolver are most of its cost; by default they are turned off and the entry HTML is
sanitized with nh3 instead, which is several times faster and at least as strict. Whatever the path,
what leaves this module is sanitized HTML and plain text.

The fast path (feedparser-rs, a Rust parser) is used only where it cannot lose an entry: the feed is
handed to feedparser whenever the fast parser raises, flags the feed as malformed, meets an encoding
other than UTF-8, finds fewer entries than the document has item/entry elements, or would give an
entry another identity (a relative id, a missing link, a relative link under xml:base).

Everything here is picklable and free of I/O so it can run in a process pool.
"""

from __future__ import annotations

import calendar
import functools
import html as html_lib
import re
import time
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser
import nh3

PARSERS = ("feedparser", "fast")
SANITIZERS = ("nh3", "feedparser")
# An entry whose text is shorter than this, or ends like a cut, is a teaser worth a full-text fetch.
TEASER_CHARS = 600
_TEASER_END = re.compile(
    r"(\.\.\.|…|\[\s*(\.\.\.|…)\s*\]|read more|continue reading|weiterlesen|lire la suite)\W*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ParsedEntry:
    """One feed entry as Hindsight stores it: identity, dates, sanitized HTML and plain text."""

    guid: str | None
    link: str | None
    title: str
    text: str
    html: str
    published: datetime | None = None
    updated: datetime | None = None
    author: str | None = None
    has_content: bool = False  # full content element, not only a summary

    @property
    def is_teaser(self) -> bool:
        """True when the entry likely carries only the start of its article."""
        if self.has_content and len(self.text) >= TEASER_CHARS:
            return False
        return len(self.text) < TEASER_CHARS or bool(_TEASER_END.search(self.text[-40:]))


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A parsed feed. `error` means nothing usable was found; `warning` means a recovered defect."""

    title: str | None
    link: str | None
    entries: tuple[ParsedEntry, ...]
    parser: str
    version: str = ""
    warning: str | None = None
    error: str | None = None
    declared: int = 0  # item/entry elements counted in the raw bytes
    seconds: float = 0.0


_BLOCK = re.compile(
    r"<\s*(br|/p|p|/div|div|/li|li|/h[1-6]|h[1-6]|/tr|tr|/blockquote|blockquote|/pre|pre|hr"
    r"|/ul|/ol|/table|/section|/article|/figure|figcaption)\b[^>]*>",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]*>")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_DECLARED = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)[\s>/]")
_IDS = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:guid|id)[\s>]")
# An internal DTD subset is where entity bombs and external entities (file:///etc/passwd) live;
# feeds have no honest use for one, so the whole DOCTYPE is dropped before any parser sees it.
_DOCTYPE = re.compile(rb"<!DOCTYPE\b(?:[^\[>]|\[.*?\])*>", re.IGNORECASE | re.DOTALL)
# C0 controls other than tab and newline: invalid in XML text, refused by PostgreSQL (NUL).
_CONTROLS = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32), 0x7F])
# Deeper HTML than this is flattened before sanitizing: the HTML5 parser's cost grows with the
# square of the depth (50,000 nested <div>s took half a minute), and no article needs it.
MAX_HTML_DEPTH = 256
_HTML_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)[^>]*>")
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


def _memoize_feedparser_uris() -> None:
    """Let feedparser resolve each distinct (base, URI) pair once instead of at every element.

    feedparser works out the base URI again at every start tag (for xml:base), by urljoin, which
    is a tenth of its parse time; the function is pure, so caching it changes no result.
    """
    from feedparser import mixin

    if not hasattr(mixin.make_safe_absolute_uri, "cache_info"):
        mixin.make_safe_absolute_uri = functools.lru_cache(maxsize=4096)(
            mixin.make_safe_absolute_uri
        )
        mixin._urljoin = functools.lru_cache(maxsize=4096)(mixin._urljoin)


_memoize_feedparser_uris()


def sanitize(html: str) -> str:
    """HTML safe to show: nh3 (ammonia) keeps formatting, drops scripts, styles and handlers."""
    return nh3.clean(flatten_deep(html)) if html else ""


def flatten_deep(html: str, max_depth: int = MAX_HTML_DEPTH) -> str:
    """Drop the tags nested deeper than `max_depth` (their text stays), in one linear pass."""
    if html.count("<") <= max_depth:
        return html
    depth, out, last = 0, [], 0
    for match in _HTML_TAG.finditer(html):
        closing, name = match.group(1), match.group(2).lower()
        if name in _VOID or match.group(0).endswith("/>"):
            continue
        if closing:
            drop = depth > max_depth
            depth = max(0, depth - 1)
        else:
            depth += 1
            drop = depth > max_depth
        if drop:
            out.append(html[last : match.start()])
            last = match.end()
    out.append(html[last:])
    return "".join(out)


def strip_doctype(content: bytes) -> bytes:
    """The feed without its DOCTYPE (looked for only before the first element)."""
    head_end = content.find(b"<rss")
    for marker in (b"<feed", b"<rdf:RDF", b"<RDF"):
        at = content.find(marker, 0, head_end if head_end >= 0 else None)
        if at >= 0:
            head_end = at
    head = content[: head_end if head_end >= 0 else 4096]
    if b"<!DOCTYPE" not in head.upper():
        return content
    return _DOCTYPE.sub(b"", head, count=1) + content[len(head) :]


def html_to_text(html: str) -> str:
    """Plain text of (sanitized) HTML: block elements become line breaks, entities are decoded."""
    if not html:
        return ""
    if "<" not in html and "&" not in html:
        return _squash(html)
    text = _COMMENT.sub("", html)
    text = _BLOCK.sub("\n", text)
    text = _TAG.sub("", text)
    return _squash(html_lib.unescape(text))


def _squash(text: str) -> str:
    """Runs of spaces made one, blank lines dropped, each line trimmed (str.split, not regex)."""
    text = text.translate(_CONTROLS)
    return "\n".join(filter(None, (" ".join(line.split()) for line in text.split("\n"))))


def count_declared(content: bytes) -> int:
    """How many item/entry elements the raw bytes hold: what a complete parse must find."""
    return len(_DECLARED.findall(content))


def parse_feed(
    content: bytes,
    *,
    url: str = "",
    headers: Mapping[str, str] | None = None,
    parser: str = "feedparser",
    sanitizer: str = "nh3",
) -> ParsedFeed:
    """Parse feed bytes; never raises for bad input (the problem is returned in `error`)."""
    started = time.perf_counter()
    headers = dict(headers or {})
    if url and "content-location" not in headers:
        headers["content-location"] = url
    content = strip_doctype(content)
    declared = count_declared(content)
    parsed: ParsedFeed | None = None
    if parser == "fast":
        parsed = _parse_fast(content, headers, declared)
    if parsed is None:
        parsed = _parse_reference(content, headers, declared, sanitizer)
    return _with_seconds(parsed, time.perf_counter() - started)


def _with_seconds(feed: ParsedFeed, seconds: float) -> ParsedFeed:
    return ParsedFeed(
        title=feed.title,
        link=feed.link,
        entries=feed.entries,
        parser=feed.parser,
        version=feed.version,
        warning=feed.warning,
        error=feed.error,
        declared=feed.declared,
        seconds=seconds,
    )


def _parse_reference(
    content: bytes, headers: dict[str, str], declared: int, sanitizer: str
) -> ParsedFeed:
    own_sanitizer = sanitizer == "feedparser"
    # feedparser warns on every entry that lacks a published date; that is no news here.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            result = feedparser.parse(
                content,
                response_headers=headers,
                sanitize_html=own_sanitizer,
                resolve_relative_uris=own_sanitizer,
            )
            entries = tuple(_entry(e, clean=not own_sanitizer) for e in result.entries)
        except Exception as exc:  # feedparser rarely raises; a run must survive it if it does
            return ParsedFeed(None, None, (), "feedparser", error=f"parser crashed: {exc!r}")
    feed = result.get("feed", {})
    warning = error = None
    bozo = result.get("bozo")
    if bozo and _only_missing_type(result.get("bozo_exception"), headers):
        bozo = False  # a file read from disk has no Content-Type; that is no defect
    if bozo:
        problem = _describe(result.get("bozo_exception"))
        if entries or result.get("version"):
            warning = f"malformed feed, recovered: {problem}"
        else:
            error = _not_a_feed(content, headers, problem)
    elif not entries and not result.get("version"):
        error = _not_a_feed(content, headers, "no feed elements found")
    return ParsedFeed(
        title=_clean_line(feed.get("title")),
        link=feed.get("link"),
        entries=entries,
        parser="feedparser",
        version=result.get("version") or "",
        warning=warning,
        error=error,
        declared=declared,
    )


def _parse_fast(content: bytes, headers: dict[str, str], declared: int) -> ParsedFeed | None:
    """feedparser-rs, or None whenever its answer could differ from feedparser's."""
    if not _plainly_utf8(content, headers) or declared == 0:
        return None
    if content.lstrip()[:8].lower().startswith((b"http://", b"https://")):
        return None  # feedparser-rs would treat the body as a URL and fetch it
    try:
        import feedparser_rs

        result = feedparser_rs.parse(content, sanitize_html=False, resolve_relative_uris=False)
    except Exception:
        return None
    if result.bozo or len(result.entries) < declared or not result.version:
        return None
    try:
        base = headers.get("content-location", "")
        entries = tuple(_fix_link(_entry(e, clean=True), e, base) for e in result.entries)
        feed = result.feed
        title, link = _clean_line(_get(feed, "title")), _get(feed, "link")
    except Exception:
        return None
    if b"xml:base" in content and not all(_absolute(_raw_link(e)) for e in result.entries):
        return None  # feedparser resolves relative links against xml:base, not the feed's URL
    if not _same_identities(content, entries):
        return None
    return ParsedFeed(
        title=title,
        link=link,
        entries=entries,
        parser="feedparser-rs",
        version=str(result.version),
        declared=declared,
    )


def _same_identities(content: bytes, entries: tuple[ParsedEntry, ...]) -> bool:
    """False where feedparser would derive other ids or links (relative or lost ids, no link).

    A feed's entry identities must not depend on which parser read it, or switching parsers (or a
    fallback on one run and not the next) would store every entry twice.
    """
    with_guid = 0
    for entry in entries:
        if not entry.link:
            return False
        if entry.guid is not None:
            if ":" not in entry.guid:
                return False  # feedparser resolves a relative id against the feed's URL
            with_guid += 1
    return with_guid >= len(_IDS.findall(content)) - 1  # minus an Atom feed's own <id>


def _raw_link(raw: Any) -> str | None:
    """An entry's link as feedparser-rs read it: its link, else its first alternate href."""
    link: str | None = _get(raw, "link")
    if not link:
        for candidate in _get(raw, "links") or []:
            if (_get(candidate, "rel") or "alternate") == "alternate" and _get(candidate, "href"):
                return str(_get(candidate, "href"))
    return link


def _absolute(link: str | None) -> bool:
    return bool(link) and str(link).strip().lower().startswith(("http://", "https://"))


def _fix_link(entry: ParsedEntry, raw: Any, base: str) -> ParsedEntry:
    """feedparser-rs leaves links relative and entity-escaped where feedparser does not."""
    link = entry.link or _raw_link(raw)
    if not link:
        return entry
    joined = urljoin(base, html_lib.unescape(link)) if base else html_lib.unescape(link)
    fixed = _web_link(joined)
    return replace(entry, link=fixed) if fixed != entry.link else entry


def _plainly_utf8(content: bytes, headers: Mapping[str, str]) -> bool:
    """True when both parsers must read the bytes the same way: UTF-8 everywhere, no BOM tricks."""
    match = _CHARSET.search(headers.get("content-type", ""))
    if match and match.group(1).lower().replace("_", "-") not in ("utf-8", "utf8", "us-ascii"):
        return False
    head = content[:200].lower()
    if content[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in content[:200]:
        return False
    if b"encoding=" in head and not re.search(rb"encoding=[\"'](utf-8|utf8|us-ascii)[\"']", head):
        return False
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _get(obj: Any, key: str, default: Any = None) -> Any:
    """Read a field from feedparser's dicts and feedparser-rs's objects alike."""
    getter = getattr(obj, "get", None)
    if getter is not None:
        try:
            value = getter(key, default)
        except TypeError:
            value = default
        if value is not None:
            return value
    return getattr(obj, key, default)


def _entry(raw: Any, *, clean: bool) -> ParsedEntry:
    html, has_content = _entry_html(raw)
    if clean:
        html = sanitize(html)
    title = _clean_line(_get(raw, "title")) or ""
    return ParsedEntry(
        guid=_text_or_none(_get(raw, "id")),
        link=_web_link(_text_or_none(_get(raw, "link"))),
        title=title,
        text=html_to_text(html),
        html=html,
        published=_when(_get(raw, "published_parsed")),
        updated=_when(_get(raw, "updated_parsed")),
        author=_clean_line(_get(raw, "author")),
        has_content=has_content,
    )


def _entry_html(raw: Any) -> tuple[str, bool]:
    """The richest body an entry has as HTML, and whether it came from a content element."""
    best = ""
    for item in _get(raw, "content") or []:
        value = _get(item, "value") or ""
        kind = (_get(item, "type") or "").lower()
        if kind == "text/plain":
            value = html_lib.escape(value)
        if len(value) > len(best):
            best = value
    if best:
        return best, True
    summary = _get(raw, "summary") or ""
    detail = _get(raw, "summary_detail")
    if detail is not None and (_get(detail, "type") or "").lower() == "text/plain":
        summary = html_lib.escape(summary)
    return summary, False


def _when(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(tuple(value)[:9]), UTC)
    except (TypeError, ValueError, OverflowError):
        return None


def _web_link(link: str | None) -> str | None:
    """An entry's link only when it is http(s): javascript:, data: or file: links are dropped."""
    if link and link.split(":", 1)[0].strip().lower() in ("http", "https"):
        return link
    return None


def _text_or_none(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).translate(_CONTROLS).strip()
    return text or None


def _clean_line(value: Any) -> str | None:
    """A one-line label (title, author) as plain text: tags and entities resolved."""
    if not value:
        return None
    text = html_to_text(str(value)) if ("<" in str(value) or "&" in str(value)) else str(value)
    text = text.translate(_CONTROLS)
    return " ".join(text.split()) or None


def _only_missing_type(exc: Any, headers: Mapping[str, str]) -> bool:
    return type(exc).__name__ == "NonXMLContentType" and "content-type" not in headers


def _describe(exc: Any) -> str:
    if exc is None:
        return "unknown problem"
    message = str(exc).strip() or type(exc).__name__
    return f"{type(exc).__name__}: {message}"[:300]


def _not_a_feed(content: bytes, headers: Mapping[str, str], problem: str) -> str:
    head = content[:2048].lstrip().lower()
    content_type = headers.get("content-type", "").split(";")[0].strip() or "unknown type"
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return f"not a feed: the server sent an HTML page ({content_type})"
    if not content.strip():
        return "not a feed: empty body"
    return f"not a feed ({content_type}): {problem}"
