"""Turn a `DigestContext` into an email: HTML with inline styles, a plain-text twin, and an .eml.

Why this shape: mail clients drop <style> blocks and most CSS, so the HTML is written against a
small stylesheet for readability and then every rule is copied onto the elements (css-inline).
Everything from outside (titles, claims, reasons, URLs) passes through the same two gates: Jinja
autoescaping for text, and `safe_url` for links, so a hostile feed can neither inject markup nor
smuggle a `javascript:` link into the analyst's mailbox.
"""

from __future__ import annotations

import os
import re
import tempfile
import textwrap
from collections import Counter
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import css_inline
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from hindsight.domain import Status

from .context import (
    STATUS_ORDER,
    DigestContext,
    PredictionView,
    SeedSection,
    SeedSummary,
    headline,
)

_KNOWN_STATUSES = {s.value for s in Status}
_KNOWN_STANCES = {"supports", "contradicts", "related", "unrelated"}

# Bidi overrides/embeddings/isolates let a title visually reorder the text around it (the
# "Trojan Source" trick); plain RTL letters need none of them, so they are removed, not escaped.
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


# Unicode's control (Cc) and surrogate (Cs) code points, tab and newline excepted: one regex pass
# instead of a category lookup per character (the archive prints hundreds of thousands).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


@dataclass(frozen=True)
class RenderedDigest:
    """A rendered digest: subject line, inline-styled HTML and the plain-text alternative."""

    subject: str
    html: str
    text: str
    generated: datetime | None = None


@dataclass(frozen=True)
class DigestFiles:
    """Where `write_digest` put the three files of one digest."""

    html: Path
    txt: Path
    eml: Path


def clean_text(value: str) -> str:
    """Drop control characters and bidi overrides; keep newlines, tabs, RTL script, emoji.

    Runs on every string a template prints (as Jinja's `finalize`), before autoescaping.
    """
    return _CONTROLS.sub("", value.translate(_BIDI_CONTROLS))


def safe_url(value: object) -> str | None:
    """The URL if it is a plain absolute http(s) link, else None (the template then shows no link).

    Rejects other schemes (javascript:, data:, file:, mailto: ...), URLs with spaces or control
    characters, no host, credentials in the host part ("https://bank.com@evil.example" misleads the
    eye), and ports that do not parse.
    """
    if not isinstance(value, str):
        return None
    url = value.strip()
    if not url or len(url) > 2048 or any(ch.isspace() or ord(ch) < 0x20 for ch in url):
        return None
    if "\\" in url or url.translate(_BIDI_CONTROLS) != url:
        return None
    try:
        parts = urlsplit(url)
        port_ok = parts.port is None or 0 < parts.port < 65536
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not port_ok:
        return None
    host = parts.hostname
    if not host or "@" in parts.netloc:
        return None
    ipv6 = ":" in host and re.fullmatch(r"[0-9a-f:.]+", host)
    if not (ipv6 or re.fullmatch(r"[\w.\-]+", host)):
        return None
    return url


def _finalize(value: Any) -> Any:
    """Every value a template prints: None prints as nothing, text is cleaned (escaping follows)."""
    if value is None:
        return ""
    if isinstance(value, str) and not isinstance(value, Markup):
        return clean_text(value)
    return value


def _status_class(value: object) -> str:
    """A CSS class suffix for a status; an unknown value gets the neutral look, not a new class."""
    text = str(getattr(value, "value", value))
    return text if text in _KNOWN_STATUSES else "other"


def _stance_class(value: object) -> str:
    text = str(getattr(value, "value", value))
    return text if text in _KNOWN_STANCES else "unrelated"


def _label(value: object) -> str:
    """ "negative-event" -> "NEGATIVE EVENT": badge text that reads as words."""
    return str(getattr(value, "value", value)).replace("-", " ").replace("_", " ").upper()


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0%}"


def _when(value: datetime | date | None) -> str:
    """Dates as ISO; datetimes to the minute with their zone, so no reader guesses the timezone."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        stamp = value.strftime("%Y-%m-%d %H:%M")
        zone = value.tzname()
        return f"{stamp} {zone}" if zone else stamp
    return value.isoformat()


def _wrap(value: object, width: int = 78, indent: str = "", first: str | None = None) -> str:
    """Fill plain text to `width` columns; long words such as URLs are never broken."""
    text = clean_text(str(value)) if value is not None else ""
    return textwrap.fill(
        " ".join(text.split()),
        width=width,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _humanize_key(key: str) -> str:
    return key.replace("_", " ").replace("-", " ")


def _counts_line(counts: dict[str, int]) -> str:
    """{"news_items": 40} -> "News items: 40": the footer's tally of what this run looked at."""
    return ", ".join(f"{_humanize_key(k).capitalize()}: {n}" for k, n in counts.items())


def _status_line(counts: dict[str, int]) -> str:
    """{"supported": 2, "open": 1} -> "2 supported, 1 open"."""
    return ", ".join(f"{n} {status}" for status, n in counts.items() if n)


def safe_href(value: object) -> str | None:
    """A link the archive may use: http(s) (as `safe_url`) or a plain relative file path."""
    plain = isinstance(value, str) and re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._\-/]{0,200}", value)
    if plain and ".." not in str(value):
        return str(value)
    return safe_url(value)


def _shorten(value: object, width: int = 110) -> str:
    """One line of at most `width` characters, cut at a word, with an ellipsis when cut."""
    text = " ".join(clean_text(str(value or "")).split())
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0] or text[: width - 1]
    return cut.rstrip(",;:.") + "\u2026"


def _make_env(autoescape: bool) -> Environment:
    env = Environment(
        loader=PackageLoader("reports", "templates"),
        autoescape=select_autoescape(["html", "html.j2"]) if autoescape else False,
        undefined=StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        safe_url=safe_url,
        safe_href=safe_href,
        shorten=_shorten,
        status_class=_status_class,
        stance_class=_stance_class,
        label=_label,
        pct=_pct,
        when=_when,
        wrap=_wrap,
        humanize=_humanize_key,
        counts_line=_counts_line,
        status_line=_status_line,
    )
    return env


_HTML_ENV = _make_env(autoescape=True)


def html_environment() -> Environment:
    """The autoescaping environment with the digest's filters, for the archive's pages."""
    return _HTML_ENV


_TEXT_ENV = _make_env(autoescape=False)
_INDENT_BETWEEN_TAGS = re.compile(r">[ \t]*\n\s*<")
_INLINER = css_inline.CSSInliner(
    keep_style_tags=False, keep_link_tags=False, load_remote_stylesheets=False
)


def group_by_status(predictions: list[PredictionView]) -> list[tuple[str, list[PredictionView]]]:
    """Predictions in digest order: known statuses first in `STATUS_ORDER`, then any others."""
    groups: dict[str, list[PredictionView]] = {}
    for view in predictions:
        groups.setdefault(str(getattr(view.status, "value", view.status)), []).append(view)
    order = [s.value for s in STATUS_ORDER] + sorted(set(groups) - _KNOWN_STATUSES)
    return [(status, groups[status]) for status in order if status in groups]


def status_counts(predictions: list[PredictionView]) -> dict[str, int]:
    """How many predictions stand in each status, in digest order (zero counts left out)."""
    counts = Counter(str(getattr(v.status, "value", v.status)) for v in predictions)
    return {status: n for status, n in ((s, counts[s]) for s, _ in group_by_status(predictions))}


def digest_subject(ctx: DigestContext) -> str:
    """One line for the inbox: the headline, and the date it was made."""
    day = ctx.generated.date().isoformat()
    return " ".join(clean_text(f"Hindsight {day}: {digest_headline(ctx)}").split())


def digest_headline(ctx: DigestContext) -> str:
    start = ctx.period_start
    if start is None and ctx.since is not None:
        start = datetime.combine(ctx.since, datetime.min.time(), tzinfo=ctx.generated.tzinfo)
    return headline(ctx.changes, start, ctx.generated)


def sections_of(ctx: DigestContext) -> list[SeedSection]:
    """The context's seed sections; one built from its changes and predictions when it has none."""
    if ctx.sections:
        return ctx.sections
    if not ctx.changes and not ctx.predictions:
        return []
    seed = ctx.seeds[0] if len(ctx.seeds) == 1 else SeedSummary(id=0, title="")
    views = {v.id: v for v in ctx.predictions}
    changes = [
        c if c.prediction is not None else replace(c, prediction=views.get(c.prediction_id))
        for c in ctx.changes
    ]
    return [SeedSection(seed=seed, changes=changes, predictions=list(ctx.predictions))]


def _preheader(ctx: DigestContext, line: str) -> str:
    counts = status_counts(ctx.predictions)
    return f"{line}. Standing: {_status_line(counts)}." if counts else f"{line}."


_STYLE_SPACES = re.compile(r'style="([^"]*)"')
_DARK_MODE = """<style>
@media (prefers-color-scheme: dark) {
  .bg { background-color: #111315 !important; }
  .sheet, .card-cell { background-color: #1c1f23 !important; color: #e6e8eb !important; }
  .muted, .small, .foot { color: #a9b1ba !important; }
  a { color: #79b8ff !important; }
}
@media (max-width: 480px) {
  .pad { padding-left: 12px !important; padding-right: 12px !important; }
}
</style>
</head>"""


_CLASSES = re.compile(r' class="([^"]*)"')
# Classes the dark-mode block (kept after inlining) still needs; every other class is dead weight.
_DARK_CLASSES = frozenset({"bg", "sheet", "card-cell", "muted", "small", "foot", "pad"})


def _drop_inlined_classes(html: str) -> str:
    def keep(match: re.Match[str]) -> str:
        wanted = [c for c in match.group(1).split() if c in _DARK_CLASSES]
        return f' class="{" ".join(wanted)}"' if wanted else ""

    return _CLASSES.sub(keep, html)


def _tighten_styles(html: str) -> str:
    """ "color: red; margin: 0;" -> "color:red;margin:0": the same CSS in fewer bytes."""

    def tight(match: re.Match[str]) -> str:
        body = match.group(1).replace(": ", ":").replace("; ", ";").rstrip(";")
        return f'style="{body}"'

    return _STYLE_SPACES.sub(tight, html)


def render_digest(
    ctx: DigestContext,
    *,
    brief: bool = False,
    max_evidence: int | None = 3,
    max_new_evidence: int | None = 25,
) -> RenderedDigest:
    """Render the digest to an inline-styled HTML body and a plain-text twin of the same content.

    What changed is shown in full (one card per prediction); every prediction else is one line,
    so the size grows with the number of predictions, not with the evidence gathered (Gmail clips
    a body past ~102 KB). `brief` (an empty period) leaves out the table of all predictions.
    `max_evidence`/`max_new_evidence` are kept for callers of the earlier layout; unused now.
    """
    line = digest_headline(ctx)
    subject = digest_subject(ctx)
    sections = sections_of(ctx)
    labels = {v.id: v.label or f"#{v.id}" for section in sections for v in section.predictions} | {
        v.id: v.label or f"#{v.id}" for v in ctx.predictions
    }
    values = {
        "ctx": ctx,
        "brief": brief,
        "subject": subject,
        "headline": line,
        "preheader": _preheader(ctx, line),
        "sections": sections,
        "labels": labels,
        "status_counts": status_counts(ctx.predictions),
        "rule": "=" * 78,
        "thin_rule": "-" * 78,
    }
    html = _INLINER.inline(_HTML_ENV.get_template("digest.html.j2").render(values))
    # Template indentation is bytes on the wire and nothing on screen: a newline renders the same.
    html = _INDENT_BETWEEN_TAGS.sub(">\n<", _drop_inlined_classes(_tighten_styles(html)))
    html = html.replace("</head>", _DARK_MODE, 1)
    html = html if html.endswith("\n") else html + "\n"  # as the .eml part will carry it
    text = _TEXT_ENV.get_template("digest.txt.j2").render(values)
    return RenderedDigest(subject=subject, html=html, text=text, generated=ctx.generated)


def build_message(
    rendered: RenderedDigest,
    *,
    sender: str,
    recipients: list[str],
    date_: datetime | None = None,
    message_id: str | None = None,
) -> EmailMessage:
    """An RFC 5322 multipart/alternative message: the text part first, HTML preferred by clients.

    Both parts are quoted-printable UTF-8, which keeps every line under the 998-octet limit that
    inlined HTML would otherwise break, and survives servers without 8BITMIME. `message_id`, when
    given, is kept as is: the digest stage makes one per (period, recipient).
    """
    if not recipients:
        raise ValueError("a digest needs at least one recipient")
    msg = EmailMessage()
    msg["Subject"] = rendered.subject
    msg["From"] = sender
    msg["To"] = ", ".join(recipients)
    when = date_ or rendered.generated or datetime.now(UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = message_id or make_msgid(idstring="hindsight", domain=_domain_of(sender))
    # RFC 3834: an automatic message; vacation responders and the like do not answer it.
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(rendered.text, subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(rendered.html, subtype="html", charset="utf-8", cte="quoted-printable")
    return msg


def digest_domain(sender: str) -> str:
    """The domain Message-IDs are made under: the sender's, else a reserved one."""
    return _domain_of(sender) or "hindsight.invalid"


def _domain_of(sender: str) -> str | None:
    """The sender's domain for the Message-ID, so replies and threading look local to the sender."""
    _, address = parseaddr(sender)
    try:
        domain = Address(addr_spec=address).domain if address else ""
    except (ValueError, IndexError):
        domain = ""
    return domain or None


def _write_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write a temporary file in the same folder, then rename: readers see old or new, not half.

    `durable` syncs to disk before the rename; archive pages, rebuilt by every digest, skip it.
    """
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o644)  # a report to publish, not a secret (mkstemp makes it 0600)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def write_digest(
    rendered: RenderedDigest,
    out_dir: Path,
    name: str | date,
    *,
    sender: str,
    recipients: list[str],
    message_id: str | None = None,
) -> DigestFiles:
    """Write `<name>.{html,txt,eml}` into `out_dir` (made if missing), each atomically.

    `name` is the file stem (a date gives the older `digest-YYYY-MM-DD`). The message is built
    before anything is written, so a bad sender or recipient leaves no files.
    """
    message = build_message(rendered, sender=sender, recipients=recipients, message_id=message_id)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"digest-{name.isoformat()}" if isinstance(name, date) else name
    files = DigestFiles(
        html=out_dir / f"{stem}.html", txt=out_dir / f"{stem}.txt", eml=out_dir / f"{stem}.eml"
    )
    _write_atomic(files.html, rendered.html.encode("utf-8"))
    _write_atomic(files.txt, rendered.text.encode("utf-8"))
    _write_atomic(files.eml, message.as_bytes())
    return files


def write_atomic(path: Path, data: bytes) -> None:
    """The atomic write for the archive's pages: unchanged pages are left alone, none synced."""
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    _write_atomic(path, data, durable=False)
