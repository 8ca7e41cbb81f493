"""Read Markdown with optional YAML front matter into prose and metadata.

Markdown syntax (emphasis, links, headings, lists, quotes) is removed but the words of every
sentence are kept exactly as written, so a quote of the rendered article is a substring of the
text. A table, in pipe syntax or in HTML, is read as labelled lines, each cell with its row's
label and its column's header (`tables`); paragraphs, headings and list items written as raw
HTML are read as Markdown's own (`html_blocks`). Images, scripts, code blocks and paragraphs
made only of links (share / subscribe rows) are not prose and are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from hindsight.domain import TextBlock
from hindsight.reading.dates import parse_date
from hindsight.reading.errors import SeedError
from hindsight.reading.html_blocks import html_prose
from hindsight.reading.tables import Cell, html_tables, table_lines

_FRONT_MATTER = re.compile(
    r"\A\ufeff?---[ \t]*\r?\n(?P<yaml>.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S
)
_DATE_KEYS = ("date", "published", "publishdate", "pubdate", "published_at", "created")
_URL_KEYS = ("url", "canonical_url", "canonical", "link", "permalink")
_LINK_ROW_FILLER = re.compile(r"[\s·|•,/–—-]*")
# An HTML image with its alt text: what it stands for where it fills a table's cell.
IMAGE_ALT = re.compile(r"<img\b[^>]*?\balt\s*=\s*[\"']([^\"']*)[\"'][^>]*>", re.I)


@dataclass(frozen=True)
class MarkdownArticle:
    text: str
    title: str | None
    author: str | None
    published: date | None
    url: str | None
    blocks: tuple[TextBlock, ...] = ()


def has_front_matter(raw: str) -> bool:
    return _FRONT_MATTER.match(raw) is not None


def read_markdown(raw: str) -> MarkdownArticle:
    """Prose paragraphs and metadata (front matter first, else the first level-1 heading)."""
    meta, body = split_front_matter(raw)
    blocks, first_h1 = _prose_blocks(body)
    title = _as_text(meta.get("title")) or first_h1
    if blocks and title and _same(blocks[0][0], title):
        blocks = blocks[1:]  # the title repeated as the first heading is not prose
    structure: list[TextBlock] = []
    at = 0
    for line, kind, level, number, marked in blocks:
        structure.append(TextBlock(at, at + len(line), kind, level, number, marked))
        at += len(line) + 2
    return MarkdownArticle(
        blocks=tuple(structure),
        text="\n\n".join(block[0] for block in blocks),
        title=title,
        author=_author(meta.get("author") or meta.get("authors")),
        published=_first_date(meta),
        url=next((_as_text(meta.get(k)) for k in _URL_KEYS if _as_text(meta.get(k))), None),
    )


def split_front_matter(raw: str) -> tuple[dict[str, Any], str]:
    """The YAML mapping at the top (empty if none) and the Markdown after it."""
    match = _FRONT_MATTER.match(raw)
    if match is None:
        return {}, raw
    try:
        loaded = yaml.safe_load(match.group("yaml"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise SeedError(f"the YAML front matter is not valid YAML{where}") from exc
    if loaded is None:
        loaded = {}
    if not isinstance(loaded, dict):
        raise SeedError("the YAML front matter must be a mapping of keys (title:, author:, date:)")
    return {str(k).lower(): v for k, v in loaded.items()}, raw[match.end() :]


# One line of the article: its plain text, what it was (see `TextBlock`), its level, an
# ordered list item's number, and whether it is set wholly in bold or italics.
_Line = tuple[str, str, int, int | None, bool]


def _prose_blocks(body: str) -> tuple[list[_Line], str | None]:
    """Each paragraph, heading, list item or quote as one line of plain text, with what it was
    (see `TextBlock`), its level and an ordered item's number; a table's cells as labelled lines
    (`tables`), each an item. Also the first level-1 heading."""
    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    tokens = md.parse(body)
    blocks: list[_Line] = []
    first_h1: str | None = None
    depth = quote = 0
    numbers: list[int | None] = []  # the number of each open list item, the innermost last
    item_started = False
    table: list[list[Cell]] | None = None  # the rows of the pipe table being read
    header_cell = False
    for i, token in enumerate(tokens):
        if token.type == "table_open":
            table = []
        elif token.type == "tr_open" and table is not None:
            table.append([])
        elif token.type in ("th_open", "td_open"):
            header_cell = token.type == "th_open"
        elif token.type == "table_close" and table is not None:
            blocks.extend((line, "item", 1, None, False) for line in table_lines(table))
            table = None
        elif token.type == "html_block":
            # a post written as HTML inside Markdown: its paragraphs, headings and list items
            blocks.extend((*line, False) for line in html_prose(token.content))
            if "<table" in token.content.lower():
                for rows in html_tables(token.content):
                    blocks.extend((line, "item", 1, None, False) for line in table_lines(rows))
        if token.type == "inline" and table is not None:
            if table:
                table[-1].append((_inline_text(token.children or [])[0], header_cell))
            continue
        if token.type == "list_item_open":
            depth += 1
            item_started = False
            numbers.append(int(token.info) if token.info.isdigit() else None)  # "3." -> "3"
        elif token.type == "list_item_close":
            depth -= 1
            numbers.pop()
            item_started = True  # what follows in an outer item continues it
        elif token.type == "blockquote_open":
            quote += 1
        elif token.type == "blockquote_close":
            quote -= 1
        if token.type != "inline":
            continue
        text, link_only = _inline_text(token.children or [])
        opener = tokens[i - 1] if i else None
        heading = opener is not None and opener.type == "heading_open"
        if not text or (link_only and not heading):
            continue  # a row of share links is no prose; "## [Thunderbolts](...)" is a heading
        marked = _wholly_emphasized(token.children or [])
        if heading and opener is not None:
            if opener.tag == "h1":
                first_h1 = first_h1 or text
            blocks.append((text, "heading", int(opener.tag[1:]), None, marked))
        elif depth:
            if item_started:
                blocks.append((text, "item-more", depth, None, marked))
            else:
                blocks.append((text, "item", depth, numbers[-1], marked))
            item_started = True
        else:
            blocks.append((text, "quote" if quote else "paragraph", 0, None, marked))
    return blocks, first_h1


_EMPHASIS_OPEN = frozenset({"strong_open", "em_open"})
_EMPHASIS_CLOSE = frozenset({"strong_close", "em_close"})


def _wholly_emphasized(children: list[Token]) -> bool:
    """Whether an inline run is set in bold or italics from its first word to its last
    ("**Gary Oldman (95%)**"), not only in part ("**Oldman** (95%)", "**A** and **B**")."""
    tokens = [c for c in children if not (c.type == "text" and not c.content.strip())]
    if len(tokens) < 3 or tokens[0].type not in _EMPHASIS_OPEN:
        return False
    depth = 0
    for at, token in enumerate(tokens):
        depth += (token.type in _EMPHASIS_OPEN) - (token.type in _EMPHASIS_CLOSE)
        if depth == 0:
            return at == len(tokens) - 1
    return False


def plain_inline(fragment: str) -> str:
    """The words of a Markdown fragment as `read_markdown` renders them: no emphasis, link or
    code syntax, line breaks as spaces ("_Rust 2018_, the first\nedition" -> "Rust 2018, the
    first edition"), an image as its alt text. A quote copied from a Markdown source reads as
    the article's text does."""
    fragment = IMAGE_ALT.sub(r"\1", fragment)  # a table cell's logo stands for its alt text
    tokens = MarkdownIt("commonmark").enable("strikethrough").parseInline(fragment)
    return _inline_text(tokens[0].children or [])[0] if tokens else fragment


def _inline_text(children: list[Token]) -> tuple[str, bool]:
    """Plain text of an inline run, and whether all of its words sat inside links."""
    parts: list[str] = []
    outside_link: list[str] = []
    depth = 0
    for child in children:
        if child.type == "link_open":
            depth += 1
        elif child.type == "link_close":
            depth = max(0, depth - 1)
        elif child.type in {"text", "code_inline"}:
            parts.append(child.content)
            if depth == 0:
                outside_link.append(child.content)
        elif child.type in {"softbreak", "hardbreak"}:
            parts.append(" ")
        # images and inline HTML are not prose
    text = re.sub(r"\s+", " ", "".join(parts)).strip()
    link_only = bool(text) and _LINK_ROW_FILLER.fullmatch("".join(outside_link)) is not None
    has_links = any(c.type == "link_open" for c in children)
    return text, link_only and has_links


def _same(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def _as_text(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _author(value: object) -> str | None:
    """An author given as a string, a list of strings, or a mapping with a name."""
    if isinstance(value, dict):
        return _as_text(value.get("name"))
    if isinstance(value, list):
        names = [name for name in (_author(v) for v in value) if name]
        return ", ".join(names) or None
    return _as_text(value)


def _first_date(meta: dict[str, Any]) -> date | None:
    for key in _DATE_KEYS:
        if key in meta:
            found = parse_date(meta[key])
            if found is not None:
                return found
    return None
