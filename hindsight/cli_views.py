"""How the CLI shows listings and `show` pages: rich renderables and JSON from `storage.views`.

Kept apart from `cli.py` so the command module stays a thin shell. Every string from outside
(article text, news sentences, reasons, feed errors) goes into a `rich.text.Text`, never into
markup, so brackets in a headline cannot restyle the terminal; `Text` also drops control codes.
The JSON of a `show` is the same object the page is drawn from, so the two never disagree.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.style import Style
from rich.table import Table
from rich.text import Text

from reports.context import (
    STATUS_ORDER,
    AuthorScorecard,
    PredictionView,
    build_scorecards,
)
from storage.views import (
    AUTHOR_OWNER,
    EvidenceItem,
    FeedStory,
    Figure,
    PredictionRow,
    PredictionStory,
    SeedStory,
    StatusMove,
    Window,
)

#: Below this many columns `predictions list` draws each prediction as a head line and its
#: wrapped text; from it on, a table whose prediction column wraps.
WIDE = 120

STATUS_STYLE = {
    "supported": "green",
    "contradicted": "red",
    "mixed": "yellow",
    "expired": "dim",
    "open": "cyan",
}


# --- plain values -------------------------------------------------------------------------------


def jsonable(value: Any) -> Any:
    """Dataclasses, dates and datetimes as JSON values (ISO 8601, datetimes with their offset)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def when(value: datetime | None) -> str:
    """A moment as the terminal shows it: UTC to the minute."""
    if value is None:
        return "never"
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def day(value: date | None) -> str:
    return value.isoformat() if value else "undated"


def percent(value: float) -> str:
    return f"{value:.0%}"


def number(value: float) -> str:
    """12000.0 -> "12,000"; 2.5 -> "2.5"."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,}"


def owner_label(owner: str | None, author: str | None) -> str:
    """Whose forecast, in words: the author's own (named), or the party the article relays."""
    if not owner:
        return "not recorded"
    if owner.strip().casefold() == AUTHOR_OWNER:
        return f"the author, {author}" if author else "the author"
    return f"{owner} (relayed by the article)"


def relayed(owner: str | None) -> bool:
    """Whether a forecast is someone else's than the author's (lists name only those)."""
    return bool(owner) and (owner or "").strip().casefold() != AUTHOR_OWNER


def status_text(status: str) -> Text:
    return Text(status, style=STATUS_STYLE.get(status, ""))


def figure_text(q: Figure) -> str:
    """The number a prediction names, read with its bound: "about 100,000 CNY"."""
    unit = f" {q.unit}" if q.unit else ""
    if q.bound == "at-least":
        core = f"at least {number(q.low)}"
    elif q.bound == "at-most":
        core = f"at most {number(q.high)}"
    elif q.low != q.high:
        core = f"{number(q.low)} to {number(q.high)}"
    else:
        core = number(q.low)
    if q.bound == "about":
        core = f"about {core}"
    written = f' (written "{q.text}")' if q.text else ""
    return f"{core}{unit}{written}"


def window_text(w: Window) -> str:
    written = f' (written "{w.text}")' if w.text else ""
    return f"{w.start.isoformat()} to {w.end.isoformat()}{written}"


# --- building blocks ----------------------------------------------------------------------------


def fields(rows: Iterable[tuple[str, str | Text | None]], indent: int = 2) -> RenderableType:
    """Label/value lines; a long value wraps under itself, never under its label."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(ratio=1, overflow="fold")
    for label, value in rows:
        if value is None or value == "":
            continue
        grid.add_row(label, value if isinstance(value, Text) else Text(value))
    return Padding(grid, (0, 0, 0, indent), expand=False)


def link(url: str | None) -> Text | None:
    """A web address, clickable in terminals that support it even when folded (http(s) only)."""
    if not url:
        return None
    if url.startswith(("http://", "https://")):
        return Text(url, style=Style(link=url))
    return Text(url)


def heading(*parts: str | Text) -> Text:
    line = Text(style="bold")
    for i, part in enumerate(parts):
        if i:
            line.append(" · ")
        line.append(part)
    return line


def paragraph(value: str, indent: int = 2) -> RenderableType:
    return Padding(Text(value), (0, 0, 0, indent), expand=False)


def stance_text(item: EvidenceItem) -> Text:
    stance = Text(item.stance, style="green" if item.stance == "supports" else "red")
    stance.append(f" (confidence {percent(item.confidence)}, judged by {item.judge})", style="")
    return stance


def evidence_rows(item: EvidenceItem) -> list[tuple[str, str | Text | None]]:
    ran = ", ".join(part for part in (item.outlet, day(item.published)) if part)
    return [
        ("outlet", ran),
        ("link", link(item.url)),
        ("headline", item.title),
        ("sentence", item.claim),
        ("reason", item.reason),
        ("found", f"{when(item.found_at)} via {item.feed}" if item.feed else when(item.found_at)),
    ]


# --- predictions list ---------------------------------------------------------------------------


def prediction_list(rows: Sequence[PredictionRow], width: int) -> RenderableType:
    """The listing: a wrapping table from `WIDE` columns, a head line and text below that."""
    if not rows:
        return Text("no predictions match", style="dim")
    owners = any(relayed(row.owner) for row in rows)
    if width >= WIDE:
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=True)
        for name in ("id", "seed", "status", "kind", "deadline", "ev"):
            table.add_column(name, no_wrap=True)
        if owners:
            table.add_column("owner", max_width=24, overflow="fold")
        table.add_column("prediction", ratio=1, overflow="fold")
        for row in rows:
            cells: list[str | Text] = [
                str(row.id),
                str(row.seed),
                status_text(row.status),
                row.kind,
                row.deadline.isoformat() if row.deadline else "",
                str(len(row.evidence)),
            ]
            if owners:
                cells.append(Text((row.owner or "") if relayed(row.owner) else ""))
            table.add_row(*cells, _as_listed(row))
        return table
    parts: list[RenderableType] = []
    for i, row in enumerate(rows):
        head = Text(f"#{row.id}", style="bold")
        head.append("  ")
        head.append_text(status_text(row.status))
        head.append(f"  {row.kind}")
        if row.deadline:
            head.append(f"  by {row.deadline.isoformat()}")
        head.append(f"  {len(row.evidence)} evidence  seed {row.seed}")
        if row.owner and relayed(row.owner):
            head.append("  owner ")
            head.append(row.owner)
        if i:
            parts.append(Text(""))
        parts.append(head)
        parts.append(paragraph(_as_listed(row).plain, indent=4))
    return Group(*parts)


def _as_listed(row: PredictionRow) -> Text:
    """A prediction's text, after the heading it stands under when it leans on one: "Most
    Likely: Mad Max: Fury Road" is six forecasts, one under each award's heading."""
    if not row.context:
        return Text(row.text)
    shown = Text(f"Under “{row.context}”: ", style="dim")
    shown.append(row.text)
    return shown


# --- predictions show ---------------------------------------------------------------------------


def _expectation(story: PredictionStory) -> list[tuple[str, str | Text | None]]:
    happens = {True: "expected to happen", False: "expected NOT to happen", None: None}
    return [
        ("window", window_text(story.window) if story.window else None),
        ("figure", figure_text(story.quantity) if story.quantity else None),
        ("polarity", happens[story.polarity]),
        ("settles when", story.resolution),
        ("keywords", ", ".join(story.keywords) or None),
    ]


def _move(number_: int, move: StatusMove) -> RenderableType:
    head = Text(f"{number_}. {when(move.changed_at)}  ")
    head.append_text(status_text(move.old_status))
    head.append(" -> ")
    head.append_text(status_text(move.new_status))
    who = "reviewed by an analyst" if move.reviewed else "decided by the judge, not reviewed"
    head.append(f"  ({who}{f', run {move.run_id}' if move.run_id else ''})", style="dim")
    rows: list[tuple[str, str | Text | None]] = [("why", move.reason)]
    if move.evidence is None:
        rows.append(("evidence", "none: the date alone moved it"))
    else:
        rows.append(("stance", stance_text(move.evidence)))
        rows.extend(evidence_rows(move.evidence))
    return Group(Padding(head, (0, 0, 0, 2)), fields(rows, indent=5))


def prediction_page(story: PredictionStory) -> RenderableType:
    """`predictions show`: the statement, its source, its expectation, then its whole history."""
    seed = story.seed
    source = Text()
    source.append(f'"{seed.title}"' if seed.title else f"seed {seed.id}")
    if seed.author:
        source.append(f" by {seed.author}")
    source.append(f", {day(seed.published)} (seed {seed.id})")
    hedge = f'"{story.hedge}", ' if story.hedge else "no hedge word, "
    state = status_text(story.status)
    if story.status_changed_at:
        state.append(f" since {when(story.status_changed_at)}", style="")
    flags = [
        "edited by an analyst" if story.reviewed else "as extracted",
        "active" if story.active else "retired",
    ]
    if story.merged_into:
        flags.append(f"merged into prediction {story.merged_into}")
    parts: list[RenderableType] = [
        heading(f"Prediction {story.id}", status_text(story.status)),
        paragraph(story.text),
        Text(""),
        fields(
            [
                ("from", source),
                ("link", link(seed.url)),
                ("under", story.context),
                ("owner", owner_label(story.owner, seed.author)),
                ("subject", story.subject),
                ("kind", story.kind),
                *_expectation(story),
                ("deadline", story.deadline.isoformat() if story.deadline else "none"),
                ("hedge", f"{hedge}stated confidence {percent(story.confidence)}"),
                ("status", state),
                ("status reason", story.status_reason),
                ("record", ", ".join(flags) + f", stored {when(story.created_at)}"),
            ]
        ),
        Text(""),
        heading(f"History ({len(story.history)} move{'s' if len(story.history) != 1 else ''})"),
    ]
    if not story.history:
        parts.append(paragraph("open since it was stored: nothing has moved it yet"))
    for i, move in enumerate(story.history, start=1):
        parts.append(_move(i, move))
    parts.append(Text(""))
    parts.append(heading(f"Other evidence, weighed, moved no status ({len(story.other_evidence)})"))
    if not story.other_evidence:
        parts.append(paragraph("none"))
    for i, item in enumerate(story.other_evidence, start=1):
        head = Text(f"{i}. ")
        head.append_text(stance_text(item))
        parts.append(Padding(head, (0, 0, 0, 2), expand=False))
        parts.append(fields(evidence_rows(item), indent=5))
    # News about the subject that decides nothing: apart, so no one mistakes it for evidence.
    parts.append(Text(""))
    parts.append(heading(f"Related news, never counted ({len(story.related)})"))
    if not story.related:
        parts.append(paragraph("none"))
    for i, item in enumerate(story.related, start=1):
        parts.append(Padding(Text(f"{i}. related", style="dim"), (0, 0, 0, 2), expand=False))
        parts.append(fields(evidence_rows(item), indent=5))
    return Group(*parts)


def prediction_json(story: PredictionStory) -> dict[str, Any]:
    return dict(jsonable(story))


# --- seed show ----------------------------------------------------------------------------------


def seed_scorecards(story: SeedStory) -> list[AuthorScorecard]:
    """The seed's scorecard, computed as the digest computes it (`reports.context`)."""
    title = story.title or story.origin or f"seed {story.id}"
    views = []
    for p in story.predictions:
        views.append(
            PredictionView(
                id=p.id,
                seed_title=title,
                text=p.text,
                kind=p.kind,
                subject="",
                expectation="",
                deadline=p.deadline,
                confidence=p.confidence,
                status=p.status,
                status_reason=p.status_reason or "",
                author=story.author,
                seed_id=story.id,
                owner=p.owner or AUTHOR_OWNER,  # the author is scored on their own forecasts only
            )
        )
    return build_scorecards(views)


def _status_order(statuses: Iterable[str]) -> list[str]:
    known = [str(s) for s in STATUS_ORDER]
    return sorted(set(statuses), key=lambda s: (known.index(s) if s in known else len(known), s))


def seed_json(story: SeedStory) -> dict[str, Any]:
    """The seed, its predictions grouped by status (digest order) and its scorecard."""
    data = jsonable(story)
    by_status: dict[str, list[Any]] = {}
    for status in _status_order(p.status for p in story.predictions):
        by_status[status] = [jsonable(p) for p in story.predictions if p.status == status]
    data["predictions"] = by_status
    # The digest's status strip (cell widths for the mail) is drawing data, not a figure.
    data["scorecard"] = [
        {k: v for k, v in card.items() if k != "strip"} for card in jsonable(seed_scorecards(story))
    ]
    return dict(data)


def seed_page(story: SeedStory) -> RenderableType:
    parts: list[RenderableType] = [
        heading(f"Seed {story.id}", story.title or story.origin or "untitled"),
        fields(
            [
                ("title", story.title),
                ("author", story.author or "unknown"),
                ("published", day(story.published)),
                ("link", link(story.url)),
                ("read from", story.origin),
                ("stored", when(story.created_at)),
                ("updated", when(story.updated_at)),
            ]
        ),
        Text(""),
        heading(f"Versions ({len(story.versions)})"),
    ]
    for v in story.versions:
        parts.append(
            paragraph(
                f"document {v.document_id}: {v.words:,} words, stored {when(v.stored_at)}, "
                f"hash {v.content_hash}"
            )
        )
    for status in _status_order(p.status for p in story.predictions):
        group = [p for p in story.predictions if p.status == status]
        parts.append(Text(""))
        parts.append(
            heading(
                Text(status.capitalize(), style=STATUS_STYLE.get(status, "")),
                f"{len(group)} prediction{'s' if len(group) != 1 else ''}",
            )
        )
        for p in group:
            head = Text(f"#{p.id}", style="bold")
            head.append(f"  {p.kind}")
            if p.deadline:
                head.append(f"  by {p.deadline.isoformat()}")
            head.append(f"  confidence {percent(p.confidence)}")
            if p.hedge:
                head.append(f' ("{p.hedge}")')
            head.append(f"  {p.evidence} evidence")
            if relayed(p.owner):
                head.append(f"  owner {owner_label(p.owner, story.author)}")
            parts.append(Padding(head, (0, 0, 0, 2)))
            parts.append(paragraph(p.text, indent=4))
            if p.status_reason:
                parts.append(Padding(Text(p.status_reason, style="dim"), (0, 0, 0, 4)))
    if not story.predictions:
        parts.append(Text(""))
        parts.append(paragraph("no active predictions"))
    parts.append(Text(""))
    parts.append(heading("Scorecard"))
    for card in seed_scorecards(story):
        counts = ", ".join(f"{status} {n}" for status, n in card.by_status.items())
        parts.append(
            fields(
                [
                    ("author", card.author),
                    ("summary", card.summary),
                    ("statuses", f"{counts} ({card.predictions} in all, {card.decided} decided)"),
                    ("hit rate", percent(card.hit_rate) if card.hit_rate is not None else "none"),
                    ("Brier", f"{card.brier:.2f}" if card.brier is not None else "none"),
                    ("seeds", str(card.seeds)),
                    *[("relayed", r.line) for r in card.relayed],
                ]
            )
        )
    return Group(*parts)


# --- feeds show ---------------------------------------------------------------------------------


def _next_check(feed: FeedStory, now: datetime) -> str:
    if not feed.enabled:
        return "never (disabled)"
    if feed.next_check_at is None or feed.next_check_at <= now:
        return f"due now ({when(feed.next_check_at)})" if feed.next_check_at else "due now"
    return when(feed.next_check_at)


def feed_json(feed: FeedStory) -> dict[str, Any]:
    return dict(jsonable(feed))


def feed_page(feed: FeedStory, now: datetime | None = None) -> RenderableType:
    now = now or datetime.now(UTC)
    style = "green" if feed.health == "healthy" else "red" if "failing" in feed.health else ""
    fetched = (
        f"HTTP {feed.last_status}, {when(feed.last_fetched_at)}"
        if feed.last_status
        else when(feed.last_fetched_at)
    )
    error = feed.last_error
    if error and feed.last_error_kind:
        error = f"{error} ({feed.last_error_kind})"
    parts: list[RenderableType] = [
        heading(f"Feed {feed.id}", Text(feed.health, style=style)),
        fields(
            [
                ("url", link(feed.url)),
                ("name", feed.name),
                ("title", feed.title),
                ("site", link(feed.site_url)),
                ("category", feed.category),
                ("polled", "yes" if feed.enabled else "no (disabled)"),
                ("full text", "fetched for teasers" if feed.full_text else "no"),
                ("last fetch", fetched),
                ("failures", f"{feed.consecutive_failures} in a row"),
                ("last error", error or "none"),
                ("warning", feed.last_warning),
                ("next check", _next_check(feed, now)),
                ("added", when(feed.created_at)),
                ("entries", f"{feed.entries:,}"),
            ]
        ),
        Text(""),
        heading(f"Latest entries ({len(feed.latest)} of {feed.entries:,})"),
    ]
    for entry in feed.latest:
        published = entry.published.date().isoformat() if entry.published else "undated"
        parts.append(
            fields(
                [
                    (published, entry.title or "(untitled)"),
                    ("", link(entry.url)),
                    ("", f"document {entry.document_id}, seen {when(entry.first_seen_at)}"),
                ]
            )
        )
    return Group(*parts)
