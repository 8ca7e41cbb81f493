"""Digest stage: one digest per period, written once, mailed to each recipient once.

A period runs from the previous digest of the same scope (its high-water mark in
`status_changes`) to now. Why the pieces are shaped so:

- Files are named by the minute and second they were made (plus a suffix if that name is taken),
  so two digests of one day never overwrite each other, and an empty period writes nothing unless
  `[reports] empty = "note"` asks for a short "nothing changed" digest.
- The digest row, its files and one delivery row per recipient are made in one transaction;
  sending comes after, recipient by recipient, each outcome committed as it happens. So a send
  that fails leaves the delivery "failed" for the next sending run, a refused address is retried
  alone, and a crash between the server's "250" and the commit resends with the same Message-ID
  (mail clients fold the two).
- A period's files are written to `<out>/.staging/` first and moved into place (one rename
  each) only after the transaction recording them commits; the next digest run finishes the
  moves of a committed digest and deletes what an uncommitted one left (`publish_staged`). So a
  crash never leaves a digest on disk that the database does not know, nor the reverse.
- `since` rebuilds the digest of any past period for reading: nothing recorded, nothing sent.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from hindsight.analysis.search_terms import SYNONYMS
from hindsight.domain import Review
from hindsight.faults import checkpoint
from hindsight.settings import MailConfig, ReportsConfig, Settings
from reports.archive import ArchiveEntry, write_archive
from reports.context import (
    AUTHOR_OWNER,
    DigestContext,
    EvidenceView,
    FeedHealth,
    HistoryStep,
    PredictionView,
    SeedSection,
    SeedSummary,
    StatusChangeView,
    build_owner_scorecards,
    build_scorecards,
    expectation_summary,
)
from reports.mail import MailError, RecipientsRefused, SmtpSettings, send_digest
from reports.render import (
    DigestFiles,
    RenderedDigest,
    build_message,
    digest_domain,
    render_digest,
    safe_url,
    write_digest,
)
from storage import models
from storage.convert import prediction_from_row
from storage.db import Database
from storage.digests import (
    EvidenceRow,
    add_delivery,
    archived_digests,
    changes_after,
    digest_predictions,
    evidence_rows,
    feed_health,
    last_digest,
    name_taken,
    record_digest,
    recorded_names,
    undelivered,
    watch_items,
)

DEFAULT_RECIPIENT = "analyst@localhost"
_DECIDED = ("supported", "contradicted")


@dataclass(frozen=True)
class DigestOptions:
    """What the digest stage reads from the settings: mail, report cut, per-seed recipients."""

    mail: MailConfig = field(default_factory=MailConfig)
    reports: ReportsConfig = field(default_factory=ReportsConfig)
    # Seed origin (as `pipeline.seeds.origin_of` spells it) -> that seed's own recipients.
    seed_recipients: Mapping[str, Sequence[str]] = field(default_factory=dict)

    @classmethod
    def from_settings(cls, settings: Settings) -> DigestOptions:
        from hindsight.pipeline.seeds import origin_of

        return cls(
            mail=settings.mail,
            reports=settings.reports,
            seed_recipients={
                origin_of(seed.path): list(seed.recipients)
                for seed in settings.seeds
                if seed.recipients
            },
        )


@dataclass(frozen=True)
class DigestOutcome:
    """One digest of one scope: where it was written, or why nothing was."""

    scope: str
    files: DigestFiles | None
    changes: int
    predictions: int
    subject: str = ""
    skipped: str | None = None


@dataclass(frozen=True)
class DigestRun:
    """What one digest stage did: the digests it wrote (or skipped) and the mail it sent."""

    digests: list[DigestOutcome]
    sent_to: tuple[str, ...] = ()
    refused: dict[str, str] = field(default_factory=dict)
    send_error: str | None = None

    @property
    def files(self) -> DigestFiles | None:
        written = [d.files for d in self.digests if d.files is not None]
        return written[0] if written else None

    @property
    def changes(self) -> int:
        return sum(d.changes for d in self.digests)

    @property
    def predictions(self) -> int:
        return sum(d.predictions for d in self.digests)

    def summary(self) -> dict[str, Any]:
        """Plain data for the run record and the CLI's summary."""
        files = self.files
        return {
            "changes": self.changes,
            "predictions": self.predictions,
            "html": str(files.html) if files else None,
            "eml": str(files.eml) if files else None,
            "written": [str(d.files.html) for d in self.digests if d.files],
            "skipped": [d.skipped for d in self.digests if d.skipped],
            "sent_to": list(self.sent_to),
            "refused": dict(self.refused),
            "send_error": self.send_error,
        }


def _version() -> str:
    try:
        return metadata.version("hindsight")
    except metadata.PackageNotFoundError:
        return "(source)"


# --- from rows to views ------------------------------------------------------------------------


def _host(url: str | None) -> str:
    return (urlsplit(url or "").hostname or "").removeprefix("www.")


def evidence_view(assessment: models.Assessment) -> EvidenceView:
    """A judged item from ORM rows (the few a period's changes and watch list cite)."""
    document = assessment.claim.document
    source = document.source
    return EvidenceView(
        url=document.url or "",
        title=document.title or "",
        published=document.published.date() if document.published else None,
        claim=assessment.claim.text,
        stance=assessment.stance,
        confidence=assessment.confidence,
        reason=assessment.reason,
        prediction_id=assessment.prediction_id,
        # Who published it: the link's site (feeds aggregate), else the feed's name.
        outlet=_host(document.url) or ((source.name or source.title or "") if source else ""),
        reviewed=assessment.review == Review.CONFIRMED,
    )


def evidence_row_view(row: EvidenceRow) -> EvidenceView:
    """The same from a plain row (the thousands behind the archive's pages)."""
    return EvidenceView(
        url=row.url or "",
        title=row.title or "",
        published=row.published.date() if row.published else None,
        claim=row.claim,
        stance=row.stance,
        confidence=row.confidence,
        reason=row.reason,
        prediction_id=row.prediction_id,
        outlet=_host(row.url) or (row.feed or ""),
        reviewed=row.reviewed,
    )


_TOPICS = tuple((re.compile(pattern, re.IGNORECASE), words[0]) for pattern, words in SYNONYMS)


def prediction_label(row: models.Prediction) -> str:
    """A word or two for what a prediction is about ("price", "factory"), for the headline.

    The topic table the search terms use (its first news word for the first topic the text
    raises), else the first keyword that is not the subject's name, else the opening words.
    """
    for pattern, word in _TOPICS:
        if pattern.search(row.text):
            return word
    subject = (row.subject or "").casefold()
    for keyword in row.keywords or []:
        word = str(keyword).strip()
        if word and word.casefold() not in subject and subject not in word.casefold():
            return word
    words = row.text.split()
    return " ".join(words[:4]) + ("..." if len(words) > 4 else "")


def _page_url(archive_url: str | None, prediction_id: int) -> str | None:
    """The prediction's archive page when the archive is published over http(s), else None."""
    base = safe_url(archive_url) if archive_url else None
    return f"{base.rstrip('/')}/predictions/{prediction_id}.html" if base else None


def prediction_view(
    row: models.Prediction,
    evidence: Sequence[EvidenceRow] = (),
    archive_url: str | None = None,
    related: Sequence[EvidenceRow] = (),
) -> PredictionView:
    """`evidence`: its decisive items; `related`: news about it that decides nothing."""
    by_id = {e.assessment_id: e for e in evidence}
    views = sorted((evidence_row_view(e) for e in evidence), key=lambda e: e.published or date.min)
    nearby = sorted(
        (evidence_row_view(e) for e in related),
        key=lambda e: e.published or date.min,
        reverse=True,
    )
    settled_on = None
    if row.status in _DECIDED and row.history:
        step = row.history[-1]
        deciding = by_id.get(step.assessment_id) if step.assessment_id else None
        published = deciding.published if deciding else None
        settled_on = published.date() if published else step.changed_at.date()
    return PredictionView(
        id=row.id,
        seed_title=row.seed.title or row.seed.origin or f"seed {row.seed_id}",
        text=row.text,
        kind=row.kind,
        subject=row.subject,
        expectation=expectation_summary(prediction_from_row(row).expectation),
        deadline=row.deadline,
        confidence=row.confidence,
        status=row.status,
        status_reason=row.status_reason or "",
        evidence=views,
        author=row.seed.author,
        seed_id=row.seed_id,
        label=prediction_label(row),
        page_url=_page_url(archive_url, row.id),
        # Edited in the ledger, or its status set by an analyst (`hindsight verdicts import`).
        reviewed=bool(row.reviewed) or bool(row.review_status),
        owner=row.owner or AUTHOR_OWNER,
        settled_on=settled_on,
        history=[
            HistoryStep(step.changed_at, step.old_status, step.new_status, step.reason)
            for step in row.history
        ],
        related=nearby,
        context=row.context,
    )


def fold_changes(
    changes: Sequence[models.StatusChange], views: Mapping[int, PredictionView]
) -> list[StatusChangeView]:
    """One card per prediction: a prediction that moved twice in a period shows first -> last."""
    folded: dict[int, StatusChangeView] = {}
    for change in changes:
        first = folded.get(change.prediction_id)
        folded[change.prediction_id] = StatusChangeView(
            prediction_id=change.prediction_id,
            prediction_text=change.prediction.text,
            old_status=first.old_status if first else change.old_status,
            new_status=change.new_status,
            changed_at=change.changed_at,
            reason=change.reason,
            evidence=evidence_view(change.assessment) if change.assessment else None,
            prediction=views.get(change.prediction_id),
        )
    return list(folded.values())


def _watch_list(items: Sequence[models.Assessment], limit: int) -> list[EvidenceView]:
    """At most `limit` lines, newest first: one per story, naming every prediction its sentences
    are related to (a story about the subject often touches several), by number, with the
    sentence and reason of the lowest-numbered one: the order the rows were stored in varies
    with how the news was judged, the digest must not."""
    lines: dict[str, EvidenceView] = {}
    for item in items:
        story = item.claim.document.url or str(item.claim.document_id)
        line = lines.get(story)
        if line is None:
            if len(lines) == limit:
                continue
            view = evidence_view(item)
            lines[story] = replace(view, prediction_ids=(item.prediction_id,))
        elif item.prediction_id not in line.prediction_ids:
            ids = (*line.prediction_ids, item.prediction_id)
            shown = line.prediction_id if line.prediction_id is not None else ids[0]
            if _by_number(item.prediction_id) < _by_number(shown):
                # The line shows the sentence and reason of its lowest-numbered prediction.
                line = evidence_view(item)
            lines[story] = replace(line, prediction_ids=ids)
    return [
        replace(line, prediction_ids=tuple(sorted(line.prediction_ids, key=_by_number)))
        for line in lines.values()
    ]


def _by_number(item_id: int | str) -> tuple[int, str]:
    """Prediction numbers in numeric order ("#2" before "#10"), whatever their type."""
    text = str(item_id)
    return (int(text), "") if text.isdigit() else (1 << 62, text)


def _seed_summary(seed: models.Seed, count: int) -> SeedSummary:
    return SeedSummary(
        id=seed.id,
        title=seed.title or seed.origin or "",
        author=seed.author,
        published=seed.published,
        url=seed.url,
        predictions=count,
    )


@dataclass(frozen=True)
class Scope:
    """A digest's reach: every seed ("all"), or one seed with its own recipients."""

    name: str
    seed_ids: list[int] | None
    recipients: list[str]


def scopes(session: Any, options: DigestOptions) -> list[Scope]:
    mail = options.mail
    if not options.reports.per_seed:
        return [Scope("all", None, list(mail.recipients))]
    seeds = session.query(models.Seed).order_by(models.Seed.id).all()
    return [
        Scope(
            f"seed:{seed.id}",
            [seed.id],
            list(options.seed_recipients.get(seed.origin or "", ()) or mail.recipients),
        )
        for seed in seeds
    ]


def build_context(
    session: Any,
    scope: Scope,
    options: DigestOptions,
    *,
    after: int,
    period_start: datetime | None,
    now: datetime,
    since: datetime | None = None,
) -> tuple[DigestContext, int]:
    """The digest of one scope and period, and the newest status change it covers."""
    archive_url = options.reports.archive_url
    changes = changes_after(session, after, seed_ids=scope.seed_ids, since=since)
    rows = digest_predictions(session, scope.seed_ids)
    evidence = evidence_rows(session, scope.seed_ids)
    related = evidence_rows(session, scope.seed_ids, related=True)
    views = {
        row.id: prediction_view(row, evidence.get(row.id, ()), archive_url, related.get(row.id, ()))
        for row in rows
    }
    cards = fold_changes(changes, views)
    sections: dict[int, SeedSection] = {}
    counts: dict[int, int] = {}
    for row in rows:
        counts[row.seed_id] = counts.get(row.seed_id, 0) + 1
    for row in rows:
        if row.seed_id not in sections:
            sections[row.seed_id] = SeedSection(_seed_summary(row.seed, counts[row.seed_id]))
        sections[row.seed_id].predictions.append(views[row.id])
    for card in cards:
        view = views.get(int(card.prediction_id))
        if view is not None and view.seed_id is not None:
            sections[int(view.seed_id)].changes.append(card)
    watch = _watch_list(
        watch_items(
            session,
            found_after=period_start,
            seed_ids=scope.seed_ids,
            limit=options.reports.watch_items * 10,
        ),
        options.reports.watch_items,
    )
    health = feed_health(session)
    predictions = list(views.values())
    assessments = sum(len(v.evidence) for v in predictions)
    made = [
        f"Made by Hindsight {_version()} at {now:%Y-%m-%d %H:%M} UTC from "
        f"{health['documents']} stored news stories: each sentence about a tracked subject is "
        "judged against each prediction by rules, and a status moves on the weighed evidence.",
        f"{assessments} judged items bear on {len(predictions)} predictions; the watch list "
        f"shows {len(watch)} related items found this period, about a prediction's subject "
        "but deciding nothing (never counted).",
    ]
    context = DigestContext(
        generated=now,
        since=period_start.date() if period_start else None,
        seeds=[s.seed for s in sections.values()],
        changes=cards,
        predictions=predictions,
        scorecards=build_scorecards(predictions),
        owner_scorecards=build_owner_scorecards(predictions),
        counts={"changes": len(cards), "predictions": len(predictions)},
        sections=list(sections.values()),
        watch=watch,
        health=FeedHealth(
            feeds=health["feeds"],
            documents=health["documents"],
            failing=health["failing"],
            last_fetched=health["last_fetched"],
        ),
        period_start=period_start,
        made=made,
        archive_url=safe_url(archive_url) if archive_url else None,
    )
    return context, max((c.id for c in changes), default=after)


# --- writing -----------------------------------------------------------------------------------


def _stem(session: Any, out_dir: Path, base: str) -> str:
    """`base`, or `base-2`, `base-3`...: the first name no digest and no file already has."""
    name, n = base, 1
    while name_taken(session, name) or any(out_dir.glob(f"{name}.*")):
        n += 1
        name = f"{base}-{n}"
    return name


STAGING = ".staging"


def _moved(files: DigestFiles, out_dir: Path) -> DigestFiles:
    """Where the staged `files` go: the same names in `out_dir`."""
    return DigestFiles(
        html=out_dir / files.html.name, txt=out_dir / files.txt.name, eml=out_dir / files.eml.name
    )


def publish_staged(db: Database, out_dir: Path) -> None:
    """Move the staged files of recorded digests into `out_dir`; delete those of unrecorded ones.

    Files are staged before the transaction recording their digest and moved after it commits,
    so whatever is left here was cut short by a crash: a recorded digest's files are finished
    (a rename each), an unrecorded one's are the debris of a transaction that never committed.
    """
    staging = out_dir / STAGING
    left = [p for p in staging.iterdir() if p.is_file()] if staging.is_dir() else []
    if not left:
        return
    with db.session() as session:
        recorded = recorded_names(session, {p.stem for p in left})
    for path in left:
        if path.stem in recorded:
            os.replace(path, out_dir / path.name)
        else:
            path.unlink(missing_ok=True)


def message_id(digest_name: str, recipient: str, sender: str) -> str:
    """Stable per (period, recipient): a resend after a crash is the same message to a client."""
    who = hashlib.sha256(recipient.strip().lower().encode()).hexdigest()[:16]
    return f"<{digest_name}.{who}@{digest_domain(sender)}>"


def _archive(session: Any, out_dir: Path, context: DigestContext, now: datetime) -> None:
    entries = [
        ArchiveEntry(
            name=d.name or Path(d.html_path).stem,
            created=d.created_at,
            subject=d.subject or "",
            changes=d.changes,
            href=f"{Path(d.html_path).name}",
            scope=d.scope,
        )
        for d in archived_digests(session)
    ]
    write_archive(out_dir, entries, context.predictions, generated=now)


def _write_period(
    db: Database, out_dir: Path, scope: Scope, options: DigestOptions, now: datetime
) -> DigestOutcome:
    mail = options.mail
    with db.session() as session:
        previous = last_digest(session, scope.name)
        after = previous.last_change_id if previous else 0
        start = previous.created_at if previous else None
        context, high_water = build_context(
            session, scope, options, after=after, period_start=start, now=now
        )
        if not context.changes and options.reports.empty == "skip":
            why = (
                f"nothing changed since {start:%Y-%m-%d %H:%M} UTC" if start else "nothing changed"
            )
            return DigestOutcome(scope.name, None, 0, len(context.predictions), skipped=why)
        rendered = render_digest(context, brief=not context.changes)
        suffix = "" if scope.name == "all" else "-" + scope.name.replace(":", "")
        name = _stem(session, out_dir, f"digest-{now:%Y-%m-%d-%H%M%S}{suffix}")
        recipients = scope.recipients or [DEFAULT_RECIPIENT]
        checkpoint("digest.before_files")
        staged = write_digest(
            rendered,
            out_dir / STAGING,
            name,
            sender=mail.sender,
            recipients=recipients,
            message_id=message_id(name, ",".join(recipients), mail.sender),
        )
        files = _moved(staged, out_dir)
        checkpoint("digest.after_files")
        digest = record_digest(
            session,
            created_at=now,
            since=start,
            last_change_id=high_water,
            html_path=str(files.html.resolve()),
            text_path=str(files.txt.resolve()),
            eml_path=str(files.eml.resolve()),
            recipients=list(scope.recipients),
            scope=scope.name,
            name=name,
            subject=rendered.subject,
            changes=len(context.changes),
        )
        if mail.host:  # deliveries are owed only where mail can go
            for recipient in dict.fromkeys(r.strip() for r in scope.recipients if r.strip()):
                add_delivery(session, digest, recipient, message_id(name, recipient, mail.sender))
        session.flush()
        _archive(session, out_dir, context, now)
        checkpoint("digest.before_commit")
    checkpoint("digest.after_commit")
    for path in (staged.html, staged.txt, staged.eml):
        os.replace(path, out_dir / path.name)
    return DigestOutcome(
        scope.name, files, len(context.changes), len(context.predictions), rendered.subject
    )


def rebuild(
    db: Database, out_dir: Path, options: DigestOptions, since: date, now: datetime
) -> list[DigestOutcome]:
    """The digest of the changes from `since` on, for reading: not recorded, never sent."""
    outcomes = []
    start = datetime.combine(since, time(), UTC)
    with db.session() as session:
        for scope in scopes(session, options):
            context, _ = build_context(
                session, scope, options, after=0, period_start=start, now=now, since=start
            )
            rendered = render_digest(context, brief=not context.changes)
            suffix = "" if scope.name == "all" else "-" + scope.name.replace(":", "")
            name = _stem(
                session, out_dir, f"digest-since-{since.isoformat()}-{now:%Y-%m-%d-%H%M%S}{suffix}"
            )
            recipients = scope.recipients or [DEFAULT_RECIPIENT]
            files = write_digest(
                rendered, out_dir, name, sender=options.mail.sender, recipients=recipients
            )
            outcomes.append(
                DigestOutcome(
                    scope.name,
                    files,
                    len(context.changes),
                    len(context.predictions),
                    rendered.subject,
                )
            )
    return outcomes


# --- sending -----------------------------------------------------------------------------------


def smtp_settings(mail: MailConfig, recipients: Sequence[str] | None = None) -> SmtpSettings:
    assert mail.host is not None
    return SmtpSettings(
        mail.host,
        mail.port,
        sender=mail.sender,
        recipients=list(recipients if recipients is not None else mail.recipients),
        username=mail.username,
        password=mail.password,
        starttls=mail.starttls,
        ssl=mail.ssl,
        timeout=mail.timeout,
        ca_file=mail.ca_file,
    )


@dataclass
class _Sent:
    sent: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)
    error: str | None = None


def _rendered_from_disk(digest: models.Digest) -> RenderedDigest:
    return RenderedDigest(
        subject=digest.subject or "Hindsight digest",
        html=Path(digest.html_path).read_text(encoding="utf-8"),
        text=Path(digest.text_path).read_text(encoding="utf-8"),
        generated=digest.created_at,
    )


def deliver_pending(db: Database, options: DigestOptions, now: datetime | None = None) -> _Sent:
    """Send every delivery still owed, oldest digest first, one recipient at a time.

    A recipient no longer configured for its digest's scope is left alone (not sent, not
    dropped). A connection-level failure stops the round: the server is down for everyone.
    """
    mail = options.mail
    result = _Sent()
    if not mail.host:
        result.error = "no SMTP server configured: set [mail] host (and recipients)"
        return result
    with db.session() as session:
        wanted = {scope.name: set(scope.recipients) for scope in scopes(session, options)}
        owed = [
            (d.id, d.recipient, d.message_id, d.digest_id)
            for d in undelivered(session)
            if d.recipient in wanted.get(d.digest.scope, set())
        ]
    rendered: dict[int, RenderedDigest] = {}
    for delivery_id, recipient, msg_id, digest_id in owed:
        with db.session() as session:
            delivery = session.get(models.Delivery, delivery_id)
            assert delivery is not None
            delivery.attempts += 1
            try:
                if digest_id not in rendered:
                    rendered[digest_id] = _rendered_from_disk(delivery.digest)
                message = build_message(
                    rendered[digest_id],
                    sender=mail.sender,
                    recipients=[recipient],
                    message_id=msg_id,
                )
                checkpoint("send.before_smtp")
                send_digest(message, smtp_settings(mail, [recipient]))
            except OSError as exc:
                delivery.state, delivery.last_error = "failed", f"digest file unreadable: {exc}"
                result.error = delivery.last_error
                continue
            except RecipientsRefused as exc:
                delivery.state = "refused"
                delivery.last_error = exc.refused.get(recipient, str(exc))
                result.refused[recipient] = delivery.last_error
                continue
            except MailError as exc:
                delivery.state, delivery.last_error = "failed", str(exc)
                delivery.digest.send_error = str(exc)
                result.error = str(exc)
                break
            delivery.state, delivery.last_error = "sent", None
            delivery.sent_at = now or datetime.now(UTC)
            delivery.digest.sent_at = delivery.digest.sent_at or delivery.sent_at
            result.sent.append(recipient)
            checkpoint("send.after_250")  # the server has it; the delivery row is not committed
        checkpoint("send.after_commit")
    return result


def make_digest(
    db: Database,
    out_dir: Path,
    options: DigestOptions | MailConfig,
    *,
    since: date | None = None,
    send: bool = False,
    now: datetime | None = None,
) -> DigestRun:
    """Write the digest of each scope's new period (or rebuild one from `since`), then, with
    `send`, mail every delivery still owed (this period's and any earlier one's)."""
    if isinstance(options, MailConfig):
        options = DigestOptions(mail=options)
    now = now or datetime.now(UTC)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if since is not None:
        return DigestRun(rebuild(db, out_dir, options, since, now))
    publish_staged(db, out_dir)  # what a crashed run left half-way
    with db.session() as session:
        chosen = scopes(session, options)
    outcomes = [_write_period(db, out_dir, scope, options, now) for scope in chosen]
    if not send:
        return DigestRun(outcomes)
    sent = deliver_pending(db, options, now)
    return DigestRun(outcomes, tuple(sent.sent), sent.refused, sent.error)
