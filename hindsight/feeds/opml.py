"""OPML 1.0/2.0 subscription lists: tolerant import, well-formed export.

Real exports are often not well-formed XML (a raw `&` in a title or URL, a stray control character),
so the import parses with lxml's recovering parser after repairing bare ampersands. An outline is a
feed when it has an `xmlUrl` (any capitalisation, surrounding spaces ignored); the titles of its
enclosing outlines become its categories.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import TYPE_CHECKING
from urllib.parse import urljoin
from xml.sax.saxutils import quoteattr

if TYPE_CHECKING:
    from lxml import etree

_BARE_AMP = re.compile(rb"&(?!(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#x[0-9A-Fa-f]+);)")
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# A tag ends at the `>` that is followed by the next tag, so `<` or `>` inside values do no harm.
_OUTLINE = re.compile(
    r"<outline\b(.*?)(/?)>"
    r"(?=\s*(?:<outline\b|</outline\s*>|</body\s*>|<!--|</[\w:]+\s*>\s*(?:<|$)|$))"
    r"|</outline\s*>",
    re.IGNORECASE | re.DOTALL,
)
# A value ends at the quote that is followed by another attribute or the end of the tag, so a
# title with unescaped quotes inside it is still read whole.
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(["'])(.*?)\2(?=\s+[\w:.-]+\s*=|\s*/?\s*$)""", re.DOTALL)


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    """One subscription found in an OPML file."""

    url: str
    title: str | None = None
    html_url: str | None = None
    categories: tuple[str, ...] = ()


class OpmlError(ValueError):
    """The file is not OPML at all (no <opml> or <body> to recover)."""


def parse_opml(data: bytes | str, *, base_url: str | None = None) -> list[OpmlFeed]:
    """The feeds an OPML document lists, in document order, each URL once.

    Well-formed documents are read by lxml; others by a tolerant scan of their outline tags that
    survives raw `&` and unescaped quotes inside attribute values. Relative feed URLs are resolved
    against `base_url` when one is given.
    """
    # Imported here: lxml costs every command (storage imports this module) a tenth of a second.
    from lxml import etree

    raw = data.encode("utf-8") if isinstance(data, str) else data
    repaired = _CONTROL.sub(b"", _BARE_AMP.sub(b"&amp;", raw))
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    feeds: list[OpmlFeed] = []
    seen: set[str] = set()
    try:
        root = etree.fromstring(repaired, parser)
    except etree.XMLSyntaxError:
        _scan(_decode(repaired), feeds, seen)
        if not feeds and b"<opml" not in raw[:4096].lower():
            raise OpmlError("not OPML: no <opml> element") from None
    else:
        if _local(root.tag) != "opml":
            raise OpmlError("not OPML: no <opml> root element")
        body = next((c for c in root if _local(c.tag) == "body"), None)
        if body is not None:
            _walk(body, (), feeds, seen)
    if base_url:
        feeds = [replace(f, url=urljoin(base_url, f.url)) for f in feeds]
    return feeds


def _decode(raw: bytes) -> str:
    match = re.search(rb"encoding\s*=\s*[\"']([\w.:-]+)", raw[:200])
    encoding = match.group(1).decode("ascii") if match else "utf-8"
    try:
        return raw.decode(encoding, errors="replace")
    except LookupError:
        return raw.decode("utf-8", errors="replace")


def _scan(text: str, out: list[OpmlFeed], seen: set[str]) -> None:
    """Outline tags of a broken document, nesting tracked by hand for the categories."""
    path: list[str | None] = []
    for match in _OUTLINE.finditer(text):
        if match.group(0).startswith("</"):
            if path:
                path.pop()
            continue
        attrs = {
            k.lower(): html_lib.unescape(v).strip() for k, _, v in _ATTR.findall(match.group(1))
        }
        _add(attrs, tuple(p for p in path if p), out, seen)
        if not match.group(2) and not attrs.get("xmlurl"):
            path.append(attrs.get("title") or attrs.get("text") or None)


def _add(attrs: dict[str, str], path: tuple[str, ...], out: list[OpmlFeed], seen: set[str]) -> None:
    url = attrs.get("xmlurl")
    if url and url not in seen:
        seen.add(url)
        title = attrs.get("title") or attrs.get("text") or None
        out.append(OpmlFeed(url, title, attrs.get("htmlurl") or None, _categories(path, attrs)))


def _walk(node: etree._Element, path: tuple[str, ...], out: list[OpmlFeed], seen: set[str]) -> None:
    for child in node:
        if not isinstance(child.tag, str) or _local(child.tag) != "outline":
            continue
        attrs = {str(k).lower(): (v or "").strip() for k, v in child.attrib.items()}
        if attrs.get("xmlurl"):
            _add(attrs, path, out, seen)
        else:
            title = attrs.get("title") or attrs.get("text") or None
            _walk(child, (*path, title) if title else path, out, seen)


def _categories(path: tuple[str, ...], attrs: dict[str, str]) -> tuple[str, ...]:
    extra = tuple(c.strip().strip("/") for c in attrs.get("category", "").split(",") if c.strip())
    return tuple(dict.fromkeys((*path, *(c for c in extra if c))))


def _local(tag: object) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def to_opml(feeds: Iterable[OpmlFeed], *, title: str = "Hindsight subscriptions") -> str:
    """An OPML 2.0 document listing `feeds`, grouped under their first category."""
    groups: dict[str | None, list[OpmlFeed]] = {}
    for feed in feeds:
        groups.setdefault(feed.categories[0] if feed.categories else None, []).append(feed)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head>",
        f"    <title>{_text(title)}</title>",
        f"    <dateCreated>{format_datetime(datetime.now(UTC), usegmt=True)}</dateCreated>",
        "  </head>",
        "  <body>",
    ]
    for category, members in groups.items():
        indent = "    "
        if category is not None:
            lines.append(f"    <outline text={quoteattr(category)}>")
            indent = "      "
        lines.extend(indent + _outline(feed) for feed in members)
        if category is not None:
            lines.append("    </outline>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


def _outline(feed: OpmlFeed) -> str:
    name = feed.title or feed.url
    attrs = (
        f'type="rss" text={quoteattr(name)} title={quoteattr(name)} xmlUrl={quoteattr(feed.url)}'
    )
    if feed.html_url:
        attrs += f" htmlUrl={quoteattr(feed.html_url)}"
    return f"<outline {attrs}/>"


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
