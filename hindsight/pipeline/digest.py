"""Digest stage: what changed since the last digest, every prediction's standing, the scorecard.

The digest covers status changes after the last digest's high-water mark, so a digest that fails
to write or send is not recorded and the next run reports the same changes again: nothing lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

from hindsight.domain import Review
from hindsight.settings import MailConfig
from reports.context import (
    AUTHOR_OWNER,
    DigestContext,
    EvidenceView,
    PredictionView,
    SeedSummary,
    StatusChangeView,
    build_scorecards,
    expectation_summary,
)
from reports.mail import MailError, SmtpSettings, send_digest
from reports.render import DigestFiles, render_digest, write_digest
from storage import models
from storage.convert import prediction_from_row
from storage.db import Database
from storage.digests import (
    changes_after,
    digest_predictions,
    last_digest,
    record_digest,
)

DEFAULT_RECIPIENT = "analyst@localhost"


@dataclass(frozen=True)
class DigestOutcome:
    files: DigestFiles
    changes: int
    predictions: int
    sent_to: tuple[str, ...] = ()
    send_error: str | None = None


def evidence_view(assessment: models.Assessment) -> EvidenceView:
    document = assessment.claim.document
    return EvidenceView(
        url=document.url or "",
        title=document.title or "",
        published=document.published.date() if document.published else None,
        claim=assessment.claim.text,
        stance=assessment.stance,
        confidence=assessment.confidence,
        reason=assessment.reason,
        prediction_id=assessment.prediction_id,
        reviewed=assessment.review == Review.CONFIRMED,
    )


def shown(assessment: models.Assessment) -> bool:
    """Evidence the digest shows: on the document's current text, not rejected by the analyst."""
    return assessment.claim.current and assessment.review != Review.REJECTED


def prediction_view(row: models.Prediction) -> PredictionView:
    evidence = [evidence_view(a) for a in sorted(row.assessments, key=lambda a: a.id) if shown(a)]
    evidence.sort(key=lambda e: e.published or date.min)
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
        evidence=evidence,
        author=row.seed.author,
        seed_id=row.seed_id,
        reviewed=bool(row.review_status),
        owner=row.owner or AUTHOR_OWNER,
    )


def change_view(change: models.StatusChange) -> StatusChangeView:
    return StatusChangeView(
        prediction_id=change.prediction_id,
        prediction_text=change.prediction.text,
        old_status=change.old_status,
        new_status=change.new_status,
        changed_at=change.changed_at,
        reason=change.reason,
        evidence=evidence_view(change.assessment) if change.assessment else None,
    )


def build_context(db: Database, *, since: date | None = None) -> tuple[DigestContext, int, int]:
    """The digest's content, the previous digest's mark and the newest status change covered.

    Without `since`, "changed" means after the previous digest; with it, changes from that day on.
    """
    with db.session() as session:
        previous = last_digest(session)
        after = previous.last_change_id if previous and since is None else 0
        changes = [
            c
            for c in changes_after(session, after)
            if since is None or c.changed_at.date() >= since
        ]
        rows = digest_predictions(session)
        predictions = [prediction_view(row) for row in rows]
        seeds: dict[int, SeedSummary] = {}
        for row in rows:
            seed = row.seed
            count = seeds[seed.id].predictions + 1 if seed.id in seeds else 1
            seeds[seed.id] = SeedSummary(
                id=seed.id,
                title=seed.title or seed.origin or "",
                author=seed.author,
                published=seed.published,
                url=seed.url,
                predictions=count,
            )
        covered_since = since or (previous.created_at.date() if previous else None)
        # "New" is when Hindsight found the evidence, not when the story ran: a feed added
        # today brings years-old stories that are news to the reader of this digest.
        found_after = (
            datetime.combine(since, time(), UTC)
            if since
            else previous.created_at
            if previous
            else None
        )
        new_evidence = [
            evidence_view(a)
            for row in rows
            for a in sorted(row.assessments, key=lambda a: a.id)
            if shown(a) and (found_after is None or a.created_at >= found_after)
        ]
        context = DigestContext(
            generated=datetime.now(UTC),
            since=covered_since,
            seeds=list(seeds.values()),
            changes=[change_view(c) for c in changes],
            predictions=predictions,
            new_evidence=new_evidence,
            scorecards=build_scorecards(predictions),
            counts={"changes": len(changes), "predictions": len(predictions)},
        )
        high_water = max((c.id for c in changes), default=after)
    return context, after, high_water


def smtp_settings(mail: MailConfig) -> SmtpSettings:
    assert mail.host is not None
    return SmtpSettings(
        mail.host,
        mail.port,
        sender=mail.sender,
        recipients=mail.recipients,
        username=mail.username,
        password=mail.password,
        starttls=mail.starttls,
        ssl=mail.ssl,
        timeout=mail.timeout,
    )


def make_digest(
    db: Database,
    out_dir: Path,
    mail: MailConfig,
    *,
    since: date | None = None,
    day: date | None = None,
) -> DigestOutcome:
    """Render, write and (when SMTP is configured) send the digest, then record it."""
    context, previous_mark, high_water = build_context(db, since=since)
    rendered = render_digest(context)
    recipients = mail.recipients or [DEFAULT_RECIPIENT]
    files = write_digest(
        rendered, out_dir, day or date.today(), sender=mail.sender, recipients=recipients
    )
    sent_to: tuple[str, ...] = ()
    error = None
    if mail.host and mail.recipients:
        try:
            send_digest(files.eml, smtp_settings(mail))
            sent_to = tuple(mail.recipients)
        except MailError as exc:
            error = str(exc)
    with db.session() as session:
        record_digest(
            session,
            since=datetime.combine(context.since, time(), UTC) if context.since else None,
            # A digest that could not be mailed does not move the mark: the next one repeats it.
            last_change_id=previous_mark if error else high_water,
            html_path=str(files.html),
            text_path=str(files.txt),
            eml_path=str(files.eml),
            recipients=list(mail.recipients),
            sent_at=datetime.now(UTC) if sent_to else None,
            send_error=error,
        )
    return DigestOutcome(files, len(context.changes), len(context.predictions), sent_to, error)
