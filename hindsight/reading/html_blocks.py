"""Prose written as raw HTML inside a Markdown file, read line by line as Markdown's own.

Why: blog engines (Octopress, Jekyll, Hugo) keep posts as Markdown files whose body is often
HTML written by hand or pasted from an editor: `<h2>The East</h2>`, `<p>1. Bulls (60-22) – I
believe ...</p>`. CommonMark passes such blocks through untouched, so a reader that keeps only
Markdown's paragraphs finds no prose at all in a 1,300-word preview. Each heading, paragraph,
list item and quote of the HTML is one line here, with what it was, as `read_markdown` gives a
Markdown line (see `domain.TextBlock`); tables are `tables`' job, and images, scripts and
styles are no prose. Pure logic: no I/O.
"""

from __future__ import annotations

import re

import lxml.html

__all__ = ["html_prose"]

# One line: its text, what it was, its level, an ordered list item's number.
Line = tuple[str, str, int, int | None]
_SPACE = re.compile(r"\s+")
_HEADING = re.compile(r"h([1-6])")
# Elements whose words are no prose, and tables, which `tables` reads.
_SKIPPED = frozenset({"script", "style", "table", "img", "figure", "pre", "code", "nav"})
# Elements that hold one line each.
_LINES = frozenset({"p", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt"})


def html_prose(html: str) -> list[Line]:
    """The headings, paragraphs, list items and quotes of an HTML fragment, in order."""
    try:
        fragments = lxml.html.fragments_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return []
    out: list[Line] = []
    for fragment in fragments:
        if isinstance(fragment, lxml.html.HtmlElement):
            _walk(fragment, out, depth=0, quote=False)
    return out


def _walk(element: lxml.html.HtmlElement, out: list[Line], depth: int, quote: bool) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _SKIPPED:
        return
    if tag in ("ul", "ol"):
        for position, item in enumerate((c for c in element if c.tag == "li"), start=1):
            number = position if tag == "ol" else None
            _item(item, out, depth + 1, number)
        return
    if tag == "blockquote":
        quote = True
    if tag in _LINES and not _holds_lines(element):
        text = _text(element)
        if text:
            heading = _HEADING.fullmatch(tag)
            if heading:
                out.append((text, "heading", int(heading.group(1)), None))
            elif depth:
                out.append((text, "item-more", depth, None))
            else:
                out.append((text, "quote" if quote else "paragraph", 0, None))
        return
    if tag and not _holds_lines(element):
        text = _text(element)  # a container of words only: `<div>Our picks ...</div>`
        if text:
            out.append((text, "quote" if quote else "paragraph", 0, None))
        return
    for child in element:
        _walk(child, out, depth, quote)


def _item(item: lxml.html.HtmlElement, out: list[Line], depth: int, number: int | None) -> None:
    """A list item: its own words as the item's line, its nested blocks after it."""
    if not _holds_lines(item):
        text = _text(item)
        if text:
            out.append((text, "item", depth, number))
        return
    first = True
    for child in item:
        if first and child.tag in _LINES and not _holds_lines(child):
            text = _text(child)
            if text:
                out.append((text, "item", depth, number))
                first = False
                continue
        _walk(child, out, depth, quote=False)


def _holds_lines(element: lxml.html.HtmlElement) -> bool:
    """Whether the element holds block elements of its own (a `<li>` with `<p>`s in it)."""
    return any(
        isinstance(d.tag, str) and (d.tag in _LINES or d.tag in ("ul", "ol", "table"))
        for d in element.iterdescendants()
    )


def _text(element: lxml.html.HtmlElement) -> str:
    return _SPACE.sub(" ", element.text_content()).strip()
