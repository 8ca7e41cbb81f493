"""Read a seed article — a text copied from a page, Markdown, HTML or a URL — into a SeedArticle.

What every reader guarantees:
- `text` is the author's prose only: paragraphs separated by one blank line, page furniture
  (bylines, read times, share rows, author boxes, cookie banners, navigation) removed, the words
  of every sentence exactly as written (quotes, dashes and case untouched; no-break spaces plain).
- `published` is always set: it anchors every relative horizon ("within two years"), so a seed
  whose date is neither given nor found is refused with a message asking for `--published`.
- Explicit arguments (title, author, published, url) win over metadata found in the source.
- Every failure is a `SeedError` with one line the analyst can act on.

Size limit (a decision): seeds over `MAX_SEED_BYTES` (5 MB) are refused, not processed. A long
analyst article is 10-60 kB; 5 MB is a book or a data dump given by mistake, and processing it
would flood the ledger with hundreds of "predictions" nobody will review.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import replace
from datetime import date
from pathlib import Path

from hindsight.domain import SeedArticle
from hindsight.reading.errors import SeedError
from hindsight.reading.fetching import fetch
from hindsight.reading.html_text import read_html
from hindsight.reading.language import looks_english, running_prose
from hindsight.reading.markdown_text import has_front_matter, read_markdown
from hindsight.reading.page_text import clean_page_text

__all__ = ["MAX_SEED_BYTES", "SeedError", "content_hash", "read_seed", "read_seed_text"]

MAX_SEED_BYTES = 5_000_000
# Fewer words than this is a login wall, an index page or a stub, not an article with predictions.
MIN_PROSE_WORDS = 25
_FORMATS = {
    "text": "text",
    "txt": "text",
    "markdown": "markdown",
    "md": "markdown",
    "html": "html",
    "htm": "html",
}
_SUFFIX_FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
_CONTENT_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
}
_HTML_START = re.compile(
    r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_.:-]+)""", re.I)


def read_seed(
    source: str | Path,
    *,
    title: str | None = None,
    author: str | None = None,
    published: date | None = None,
    url: str | None = None,
) -> SeedArticle:
    """Read a seed from a file path or an http(s) URL; the format follows the suffix or content."""
    if isinstance(source, str) and re.match(r"^https?://", source, re.I):
        fetched = fetch(source)
        fmt = _CONTENT_TYPES.get(fetched.content_type)
        if fmt is None and fetched.content_type and not fetched.content_type.startswith("text/"):
            raise SeedError(
                f"{source} is not a web page (it is {fetched.content_type}); "
                "give an HTML page, or save the article as text"
            )
        article = read_seed_text(
            fetched.body,
            fmt=fmt,
            title=title,
            author=author,
            published=published,
            url=url or fetched.url,
            name=source,
            charset=fetched.charset,
        )
        return replace(article, source_format="url")
    path = Path(source)
    if not path.exists():
        raise SeedError(f"seed file not found: {path}")
    if not path.is_file():
        raise SeedError(f"seed path is not a file: {path}")
    size = path.stat().st_size
    if size > MAX_SEED_BYTES:
        raise SeedError(_too_large(path.name, size))
    return read_seed_text(
        path.read_bytes(),
        fmt=_SUFFIX_FORMATS.get(path.suffix.lower()),
        title=title,
        author=author,
        published=published,
        url=url,
        name=str(path),
    )


def read_seed_text(
    raw: str | bytes,
    *,
    fmt: str | None = None,
    title: str | None = None,
    author: str | None = None,
    published: date | None = None,
    url: str | None = None,
    name: str = "the seed",
    charset: str | None = None,
) -> SeedArticle:
    """Read a seed already in memory. `fmt` is "text", "markdown" or "html" (None: sniff it).

    `name` is how error messages refer to the seed; `charset` is a declared encoding for bytes.
    """
    if len(raw) > MAX_SEED_BYTES:
        raise SeedError(_too_large(name, len(raw)))
    text = raw if isinstance(raw, str) else _decode(raw, name, charset)
    if not text.strip():
        raise SeedError(f"{name} is empty")
    if "\x00" in text:
        raise SeedError(
            f"{name} looks like a binary file (it contains NUL bytes); give text, Markdown or HTML"
        )
    kind = _resolve_format(fmt, text)
    found = _read(kind, text, url)
    words = len(found.text.split())
    # No words at all tell no language (a page of images); a few may be Chinese, unspaced.
    if words and not looks_english(running_prose(found.text, found.blocks)):
        raise SeedError(
            f"{name} looks like it is in another language than English; Hindsight reads "
            "English seeds only (give an English version of the article)"
        )
    if words < MIN_PROSE_WORDS:
        where = "main text" if kind == "html" else "prose"
        raise SeedError(
            f"{name} has no {where} to read ({words} words; is it the article page itself?)"
        )
    when = published or found.published
    if when is None:
        raise SeedError(
            f"no publication date found in {name}; give it with --published YYYY-MM-DD "
            "(it anchors horizons such as 'within two years')"
        )
    return SeedArticle(
        text=found.text,
        title=title or found.title,
        author=author or found.author,
        published=when,
        url=url or found.url,
        source_format=kind,
        blocks=found.blocks,
    )


def content_hash(article: SeedArticle) -> str:
    """sha256 of the article's text with Unicode forms and whitespace normalised.

    The same article read twice (or re-saved with other line endings or spacing) hashes the same;
    any change to the words gives a new hash, i.e. a new version of the seed. Metadata is left out:
    a corrected title is not a new text.
    """
    normal = unicodedata.normalize("NFKC", article.text)
    normal = re.sub(r"\s+", " ", normal).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def _resolve_format(fmt: str | None, text: str) -> str:
    if fmt is not None:
        try:
            return _FORMATS[fmt.lower()]
        except KeyError:
            raise SeedError(
                f"unknown seed format {fmt!r}; use one of text, markdown, html"
            ) from None
    if _HTML_START.match(text):
        return "html"
    if has_front_matter(text):
        return "markdown"
    return "text"


def _read(kind: str, text: str, url: str | None) -> SeedArticle:
    """Dispatch to the reader for `kind`; the result's `published` may still be None."""
    if kind == "html":
        page = read_html(text, url=url)
        return SeedArticle(page.text, page.title, page.author, page.published, page.url, kind)
    if kind == "markdown":
        md = read_markdown(text)
        return SeedArticle(md.text, md.title, md.author, md.published, md.url, kind, md.blocks)
    clean = clean_page_text(text)
    return SeedArticle(clean.text, clean.title, clean.author, clean.published, None, kind)


def _decode(raw: bytes, name: str, charset: str | None) -> str:
    """UTF-8 (with or without BOM), else a declared charset, else Windows-1252; NUL means binary."""
    if b"\x00" in raw[:8192]:
        if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
            return raw.decode("utf-16")
        raise SeedError(
            f"{name} looks like a binary file (it contains NUL bytes); give text, Markdown or HTML"
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    declared = charset or _meta_charset(raw)
    for encoding in (declared, "cp1252"):
        if not encoding:
            continue
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _control_share(text) < 0.01:
            return text
    raise SeedError(
        f"{name} is not readable text (not UTF-8 and no usable charset); save it as UTF-8 text"
    )


def _meta_charset(raw: bytes) -> str | None:
    match = _META_CHARSET.search(raw[:4096])
    return match.group(1).decode("ascii") if match else None


def _control_share(text: str) -> float:
    """Share of control characters other than whitespace: high in binary data decoded as text."""
    if not text:
        return 0.0
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f")
    return controls / len(text)


def _too_large(name: str, size: int) -> str:
    return (
        f"{name} is {size / 1_000_000:.1f} MB; seeds are limited to "
        f"{MAX_SEED_BYTES // 1_000_000} MB (is this one article?)"
    )
