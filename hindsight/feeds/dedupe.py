"""Entry identity and change detection, free of I/O: what is new, what changed, what is the same.

Feeds are sloppy about identity. An entry is known by its GUID when it has one, else by its link,
else by title and date, else by its text. Links are compared without tracking parameters, so the
same article reached through a newsletter or a social share is one article. A publisher that
changes an entry's GUID while keeping its link (a CMS migration) gets the old entry re-keyed, not
a duplicate. The same story syndicated by several feeds is recognised by a hash of its normalised
text, so it is stored once however many feeds carry it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from hindsight.feeds.parse import ParsedEntry, ParsedFeed, parse_feed
from hindsight.intents import KnownEntry

# Query parameters that identify a campaign or a click, never the article.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "oly_anon_id",
        "oly_enc_id",
        "vero_id",
        "rb_clickid",
        "s_cid",
        "cmpid",
        "ocid",
        "ito",
        "ref_src",
        "ref_url",
        "sr_share",
        "spm",
        "feature",
        "at_medium",
        "at_campaign",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "__s", "_ga", "_gl", "hsa_", "ga_")
# Below this many characters a text is too generic ("Comments", "Read more") to identify a story.
MIN_STORY_CHARS = 200
_WORDS = re.compile(r"\w+", re.UNICODE)
DEFAULT_PORTS = {"http": 80, "https": 443}


def is_tracking_param(name: str) -> bool:
    """True for query parameters that only track a click or campaign."""
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def strip_tracking(url: str) -> str:
    """The URL without tracking parameters or fragment; everything else kept as written."""
    parts = urlsplit(url.strip())
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not is_tracking_param(k)
    ]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query, doseq=True), ""))


def link_key(url: str | None, *, fragment: bool = False) -> str | None:
    """A comparison key for a link: no tracking, lower-case host, no default port, sorted query.

    The fragment is dropped unless asked for: it names a place in a page, not another article,
    except in feeds of comments, whose entries differ only by it (`#comment-123`).
    """
    if not url or not url.strip():
        return None
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    query = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not is_tracking_param(k)
    )
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, urlencode(query), parts.fragment if fragment else ""))


def normalise_text(text: str) -> str:
    """Text reduced to its words: case, accents' composition, punctuation and spacing ignored."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_WORDS.findall(folded))


def content_hash(title: str, text: str) -> str:
    """Hash of an entry's normalised text (its title when it has no text): the change detector."""
    return _sha(normalise_text(text) or normalise_text(title))


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def story_hash(text: str) -> str | None:
    """Hash for recognising one story in several feeds; None when the text is too short to tell."""
    basis = normalise_text(text)
    return _sha(basis) if len(basis) >= MIN_STORY_CHARS else None


def identity(entry: ParsedEntry) -> str:
    """How a feed knows an entry: GUID, else link, else title and date, else text."""
    if entry.guid:
        return f"guid:{entry.guid}"
    key = link_key(entry.link, fragment=True)
    if key:
        return f"link:{key}"
    when = entry.published or entry.updated
    if entry.title and when:
        return f"title:{normalise_text(entry.title)}|{when.isoformat()}"
    return f"text:{content_hash(entry.title, entry.text)}"


def entry_key(entry: ParsedEntry) -> str:
    """A fixed-size key for `identity(entry)`, fit for an indexed column."""
    return hashlib.sha256(identity(entry).encode("utf-8")).hexdigest()


# What storage remembers of an entry a feed carried before (a plain type storage also knows).
Known = KnownEntry


@dataclass(frozen=True, slots=True)
class Decision:
    """What to do with one parsed entry. `previous_key` is set when its GUID changed."""

    entry: ParsedEntry
    key: str
    link_key: str | None
    content_hash: str
    action: str  # "new" | "updated" | "unchanged"
    previous_key: str | None = None
    story: bool = False  # text long enough for its hash to identify the story across feeds
    text_hash: str | None = None  # of the text to store, when it is not the feed's own


@dataclass(frozen=True, slots=True)
class Keyed:
    """An entry with its identity and hashes worked out (in a parse worker, off the event loop)."""

    entry: ParsedEntry
    key: str
    link_key: str | None
    content_hash: str
    story: bool  # text long enough for its hash to identify the story across feeds
    text_hash: str | None = None  # of the stored text when it is not the feed's (full text)


def keyed(entries: Iterable[ParsedEntry]) -> list[Keyed]:
    """Distinct entries with keys and hashes, keeping the first of several with one identity."""
    seen: set[str] = set()
    result: list[Keyed] = []
    for entry in entries:
        key = entry_key(entry)
        if key in seen:
            continue
        seen.add(key)
        basis = normalise_text(entry.text)
        digest = _sha(basis or normalise_text(entry.title))
        story = len(basis) >= MIN_STORY_CHARS
        result.append(Keyed(entry, key, link_key(entry.link), digest, story))
    return result


def unique(entries: Iterable[ParsedEntry]) -> list[tuple[str, ParsedEntry]]:
    """Entries keyed, keeping the first of several with the same identity (feed order: newest)."""
    return [(k.key, k.entry) for k in keyed(entries)]


def parse_keyed(content: bytes, **options: Any) -> tuple[ParsedFeed, list[Keyed]]:
    """Parse and key a feed in one call, for a worker process: the costly part of storing it.

    Sanitized HTML is dropped from what is sent back: only the text is stored, and pickling
    every entry's HTML back to the parent would cost more than it is worth.
    """
    feed = parse_feed(content, **options)
    lean = [replace(e, html="") for e in feed.entries]
    return replace(feed, entries=()), keyed(lean)


def as_keyed(entries: Sequence[ParsedEntry] | Sequence[Keyed]) -> list[Keyed]:
    """Entries with their keys: as given when a parse worker keyed them, else keyed here."""
    items: list[Keyed] = [e for e in entries if isinstance(e, Keyed)]
    if len(items) != len(entries):
        items = keyed(e for e in entries if isinstance(e, ParsedEntry))
    return items


def identifying_links(
    decisions: Sequence[Decision], known: Mapping[str, Known] | None = None
) -> set[str]:
    """The links that identify the story of the new entries carrying them.

    A link is the story's unless the feed uses it for entries with different texts (a home
    page): those are stories of their own, whether they arrive together or one poll after
    another. Entries sharing a link and their text are one story posted twice (a repost under
    a new GUID), which the link identifies like any other. `known`: the feed's stored entries,
    judged by their text as stored when the feed no longer carries them, else as carried now.
    """
    texts: dict[str, set[str]] = {}
    for decision in decisions:
        if decision.link_key:
            texts.setdefault(decision.link_key, set()).add(decision.content_hash)
    carried = {d.previous_key or d.key for d in decisions}
    for old in (known or {}).values():
        if old.link_key in texts and old.key not in carried:
            texts[old.link_key].add(old.content_hash)
    new = {d.link_key for d in decisions if d.action == "new" and d.link_key}
    return {link for link in new if len(texts[link]) == 1}


def plan(
    entries: Sequence[ParsedEntry] | Sequence[Keyed], known: Mapping[str, Known]
) -> list[Decision]:
    """Decide, for each distinct entry of a feed, whether it is new, updated or unchanged."""
    items = as_keyed(entries)
    current = {k.key for k in items}
    # Known entries that vanished from the feed may reappear under a new GUID with the same link.
    orphans: dict[str, Known] = {}
    for old in known.values():
        if old.key not in current and old.link_key and old.link_key not in orphans:
            orphans[old.link_key] = old
    links_in_feed = Counter(k.link_key for k in items)
    decisions = []
    for item in items:
        entry, lk = item.entry, item.link_key
        previous = known.get(item.key)
        previous_key = None
        if previous is None and lk and links_in_feed[lk] == 1 and entry.guid:
            previous = orphans.pop(lk, None)
            previous_key = previous.key if previous else None
        if previous is None:
            action = "new"
        elif previous.content_hash != item.content_hash or previous.title != entry.title:
            action = "updated"
        else:
            action = "unchanged"
        decisions.append(
            Decision(
                entry,
                item.key,
                lk,
                item.content_hash,
                action,
                previous_key,
                item.story,
                item.text_hash,
            )
        )
    return decisions
