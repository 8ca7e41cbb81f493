"""Main text and metadata of an HTML page, via trafilatura.

trafilatura separates an article from navigation, cookie banners, sidebars and footers, and reads
the page's own metadata (<meta>, Open Graph, JSON-LD) for title, author and date. Its plain-text
output puts one paragraph per line; we separate paragraphs with a blank line like the other
readers, and drop the title when it is repeated as the first line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import trafilatura

from hindsight.reading.dates import parse_date


@dataclass(frozen=True)
class HtmlArticle:
    text: str
    title: str | None
    author: str | None
    published: date | None
    url: str | None


def read_html(html: str, *, url: str | None = None) -> HtmlArticle:
    """The page's main text (empty if it has none) and its title, author, date and canonical URL."""
    text = trafilatura.extract(
        html,
        url=url,
        output_format="txt",
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
    )
    meta = trafilatura.extract_metadata(html, default_url=url)
    title = (meta.title or None) if meta else None
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if lines and title and lines[0].casefold() == title.casefold():
        lines = lines[1:]
    return HtmlArticle(
        text="\n\n".join(lines),
        title=title,
        author=(meta.author or None) if meta else None,
        published=parse_date(meta.date) if meta and meta.date else None,
        url=(meta.url or None) if meta else None,
    )
