"""Clean plain text copied from a blog page (Medium, Substack and the like) into prose.

A copied page carries the site's furniture: a byline, "7 min read" and a date, "Follow", "Listen",
"Share", clap counts, tags, a "Written by ..." box with a bio, "No responses yet", "Subscribe
to ...", like and restack counts, site links. None of it is the author's prose, and some of it (a
bio, a repeated title) would look like statements to the prediction extractor, so it is cut here.
The same furniture tells us the title, the author and the date, which are returned as metadata.

The rules are about page layout, never about a subject: a header block before the first paragraph
and a footer block from the "Written by" box (or the responses section) on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from hindsight.reading.dates import DATE_PATTERN, find_date

# "7 min readMar 31, 2021": Medium glues the date to the read time when copied.
_READ_TIME = re.compile(r"^(?P<n>\d+)\s*min(?:ute)?s?\s+read(?P<rest>.*)$", re.IGNORECASE)
_WRITTEN_BY = re.compile(r"^(?:Written|Published|Posted)\s+by\s+(?P<name>.+?)\s*$", re.IGNORECASE)
# "By Jane Roe", "By Jane Roe, Senior Analyst", "By Jane Roe | Reuters": the name, not the role.
_BY_LINE = re.compile(r"^By\s+(?P<name>[^\d,;:|]{3,60}?)(?:\s*[,|]\s*[^\d,;:|]{2,60})?$")
# A dateline: "Published October 5, 2022, 7:30 a.m. ET", "Updated: 5 Oct 2022 10:00 BST".
_DATE_LINE = re.compile(
    r"^(?:(?:first\s+|last\s+)?(?:published|posted|updated)(?:\s+on)?:?\s+)?"
    rf"(?:{DATE_PATTERN.pattern})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?\s?m\.?)?(?:\s+[A-Z]{2,5})?)?$",
    re.IGNORECASE,
)
# A section line with a read time: "Resources | Opinion | 7 min read".
_READ_TIME_IN_LINE = re.compile(r"(?:^|[|·•]\s*)\d+\s*min(?:ute)?s?\s+read\s*$", re.IGNORECASE)
# A row of share buttons copied as text: "Facebook  Twitter  LinkedIn  Email".
_SHARE_ROW = re.compile(
    r"^(?:(?:share|tweet|facebook|twitter|x|linkedin|email|e-mail|whatsapp|reddit|print|"
    r"pin|copy link)\s*){2,}$",
    re.IGNORECASE,
)
_COUNT = re.compile(
    r"^[\d.,]+\s*[KkMm]?(?:\s+(?:Followers?|claps?|responses?|Following|Likes?|Restacks?))?$"
)

# Whole lines that only pages print (compared case-insensitively, after stripping).
_FURNITURE = frozenset(
    {
        "follow",
        "following",
        "listen",
        "share",
        "·",
        "--",
        "—",
        "member-only story",
        "top highlight",
        "respond",
        "what are your thoughts?",
        "see all responses",
        "no responses yet",
        "help",
        "status",
        "about",
        "careers",
        "press",
        "blog",
        "privacy",
        "terms",
        "text to speech",
        "teams",
        "sign up",
        "sign in",
        "get started",
        "open in app",
        "write",
        "subscribe",
        "like",
        "restack",
        "comments",
        "leave a comment",
        "share this post",
        "share this article",
        "advertisement",
        "share this story",
        "upgrade to paid",
        "published in",
    }
)
# A line that starts the end-of-page section: everything from it on is furniture.
_FOOTER_START = re.compile(
    r"^(?:Written by\b|No responses yet$|Responses \(\d+\)$|More from\b|Recommended from\b"
    r"|See all responses$|Sign up to discover\b|Discussion about this post$|Ready for more\?$"
    r"|Subscribe to\b|Sign up for (?:our|the) newsletter\b|Comments \(\d+\)$|Related:)",
    re.IGNORECASE,
)
_SENTENCE_END = (".", "!", "”.", '."', ".”", "!”", ";")
_HEADER_SCAN_LINES = 30


@dataclass(frozen=True)
class CleanPage:
    """Prose paragraphs and whatever metadata the page furniture revealed."""

    text: str
    title: str | None
    author: str | None
    published: date | None


def clean_page_text(raw: str) -> CleanPage:
    """Split copied page text into body prose and metadata (title, author, date)."""
    lines = [_tidy(line) for line in raw.splitlines()]
    footer_at, footer_author = _find_footer(lines)
    body_lines = lines[:footer_at]
    body_lines, trailing_author = _strip_trailing_furniture(body_lines, footer_author)
    header = _read_header(body_lines)
    body_lines = body_lines[header.end :]
    author = footer_author or header.author or trailing_author
    return CleanPage(
        text=_paragraphs(body_lines),
        title=header.title,
        author=author,
        published=header.published,
    )


def _tidy(line: str) -> str:
    """One line with no-break and odd spaces made plain and runs of blanks collapsed."""
    line = line.replace("\u00a0", " ").replace("\u2009", " ").replace("\u200b", "")
    return re.sub(r"[ \t]+", " ", line).strip()


def _is_furniture(line: str) -> bool:
    low = line.lower()
    return (
        low in _FURNITURE
        or bool(_COUNT.match(line))
        or low.startswith("published in ")
        or bool(_READ_TIME.match(line))
        or _DATE_LINE.match(line.strip("· ")) is not None
        or _SHARE_ROW.match(line.strip()) is not None
        or (len(line) <= 80 and _READ_TIME_IN_LINE.search(line) is not None)
    )


def _looks_like_name(line: str) -> bool:
    """A person's name as a byline prints it: 2-5 capitalised words, no digits or sentence marks."""
    words = line.split()
    if not 1 < len(words) <= 5 or len(line) > 60 or re.search(r"[\d.!?:;,@]", line):
        return False
    return all(
        w[0].isupper() or w.lower() in {"de", "van", "von", "der", "da", "la"} for w in words
    )


def _find_footer(lines: list[str]) -> tuple[int, str | None]:
    """Index where the end-of-page section begins (len(lines) if none) and the author it names."""
    for i, line in enumerate(lines):
        if i < _HEADER_SCAN_LINES // 3:
            continue  # a "Written by" at the very top is a byline, handled by the header
        if len(line) <= 80 and _FOOTER_START.match(line):
            author = None
            for later in lines[i:]:
                match = _WRITTEN_BY.match(later)
                if match and _looks_like_name(match.group("name")):
                    author = match.group("name")
                    break
            return i, author
    return len(lines), None


def _strip_trailing_furniture(lines: list[str], author: str | None) -> tuple[list[str], str | None]:
    """Drop the author box, counts and tags that sit between the last paragraph and the footer.

    Tags (short title-case lines) are only dropped when a "--" or count line below them shows we
    are in Medium's end block, so a closing one-line paragraph is not mistaken for a tag.
    """
    end = len(lines)
    names = {author} if author else set()
    seen_end_block = False
    repeated: str | None = None
    while end > 0:
        line = lines[end - 1]
        if not line or _is_furniture(line) or line in names:
            seen_end_block = seen_end_block or line in {"--", "—"} or bool(_COUNT.match(line))
            end -= 1
            continue
        if not names and _looks_like_name(line) and end >= 2 and lines[end - 2] == line:
            names.add(line)  # the author name printed twice above "Written by" (avatar + name)
            repeated = line
            end -= 1
            continue
        if seen_end_block and _looks_like_tag(line):
            end -= 1
            continue
        break
    return lines[:end], repeated


def _looks_like_tag(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= 4 and not line.endswith(_SENTENCE_END) and line[0].isupper()


@dataclass(frozen=True)
class _Header:
    end: int
    title: str | None
    author: str | None
    published: date | None


def _read_header(lines: list[str]) -> _Header:
    """Find the byline block (author, read time, date) at the top, and the title around it."""
    anchor = _find_header_anchor(lines)
    if anchor is None:
        return _Header(0, None, None, None)
    # Walk back from the anchor over furniture to the author name, then the title lines above.
    start = anchor
    author: str | None = None
    while start > 0:
        if not lines[start - 1] or _is_furniture(lines[start - 1]):
            start -= 1
        elif start > 1 and lines[start - 2].lower() == "published in":
            start -= 2  # "Published in" / <publication name>: the publication is not the author
        else:
            break
    if start > 0 and (_looks_like_name(lines[start - 1]) or _BY_LINE.match(lines[start - 1])):
        by = _BY_LINE.match(lines[start - 1])
        author = by.group("name") if by else lines[start - 1]
        start -= 1
    above = [line for line in lines[:start] if line and not _is_furniture(line)]
    title = above[0] if above else None
    # Walk forward over furniture; its dates are the publication date.
    end = anchor
    published: date | None = None
    while end < len(lines) and (not lines[end] or _is_furniture(lines[end])):
        published = published or _date_in(lines[end])
        end += 1
    if title is None:
        # The copy began at the byline: headline-like lines right after it are the title block.
        end, title = _skip_headlines(lines, end)
    return _Header(end, title, author, published)


def _find_header_anchor(lines: list[str]) -> int | None:
    """The read-time line, or failing that a line that is only a date, near the top."""
    top = lines[:_HEADER_SCAN_LINES]
    for i, line in enumerate(top):
        if _READ_TIME.match(line):
            return i
    for i, line in enumerate(top[:12]):
        if line and _DATE_LINE.match(line.strip("· ")):
            return i
    return None


def _date_in(line: str) -> date | None:
    match = _READ_TIME.match(line)
    return find_date(match.group("rest") if match else line)


def _skip_headlines(lines: list[str], start: int) -> tuple[int, str | None]:
    """Skip up to three short lines without a full stop; the last one is the title."""
    i, title, seen = start, None, 0
    while i < len(lines) and seen < 3:
        line = lines[i]
        if not line:
            i += 1
            continue
        if len(line) > 160 or line.endswith(_SENTENCE_END) or len(line.split()) > 25:
            break
        title, seen, i = line, seen + 1, i + 1
    if seen == 0:
        return start, None
    return i, title


def _paragraphs(lines: list[str]) -> str:
    """Paragraphs separated by one blank line.

    A page copy puts each paragraph on one line; a hard-wrapped text (median line under 100
    characters) spreads one over several lines, which are joined with a space.
    """
    lengths = sorted(len(line) for line in lines if line)
    wrapped = bool(lengths) and lengths[len(lengths) // 2] < 100
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if line and not wrapped and current:
            paragraphs.append(" ".join(current))
            current = [line]
        elif line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)
