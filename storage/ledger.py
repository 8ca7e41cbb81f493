"""Apply the analyst's reviewed ledger to the database without losing linked evidence.

Every touched prediction becomes `reviewed`, so re-extracting its seed never overwrites the
analyst's reading. Dropped and merged rows are made inactive, not deleted: their history stays.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from hindsight.analysis.predictions import prediction_key
from hindsight.domain import Kind, Status
from hindsight.ledger import Action, LedgerEdit, LedgerEntry
from storage import models

# Ledger fields that are plain columns of the same name.
_COLUMNS = (
    "text",
    "subject",
    "owner",
    "deadline",
    "confidence",
    "resolution",
    "window_start",
    "window_end",
    "low",
    "high",
    "unit",
    "polarity",
)


def ledger_entries(session: Session, seed_id: int | None = None) -> list[LedgerEntry]:
    """The active predictions as ledger entries, by seed and id."""
    query = (
        select(models.Prediction)
        .where(models.Prediction.active.is_(True))
        .order_by(models.Prediction.seed_id, models.Prediction.id)
    )
    if seed_id is not None:
        query = query.where(models.Prediction.seed_id == seed_id)
    return [
        LedgerEntry(
            id=row.id,
            key=row.key,
            seed_id=row.seed_id,
            kind=Kind(row.kind),
            keywords=tuple(row.keywords or ()),
            status=Status(row.status),
            **{name: getattr(row, name) for name in _COLUMNS},
        )
        for row in session.scalars(query)
    ]


def seeds_of(edits: list[LedgerEdit]) -> set[int]:
    return {e.entry.seed_id for e in edits if e.entry.seed_id is not None}


def apply_ledger(session: Session, edits: list[LedgerEdit]) -> dict[str, int]:
    """Apply loaded edits in one transaction; returns how many of each action were applied."""
    now = datetime.now(UTC)
    done: Counter[str] = Counter()
    for edit in edits:
        if edit.action is Action.KEEP:
            continue
        if edit.action is Action.ADD:
            _add(session, edit.entry, now)
        else:
            row = session.get(models.Prediction, edit.entry.id)
            if row is None:
                raise ValueError(f"prediction {edit.entry.id} is not in this database")
            if edit.action is Action.UPDATE:
                _update(row, edit, now)
            elif edit.action is Action.DROP:
                row.active = False
            elif edit.action is Action.MERGE:
                assert edit.merge_into is not None
                _merge(session, row, edit.merge_into)
            row.reviewed = True
            row.updated_at = now
        done[str(edit.action)] += 1
    session.flush()
    return dict(done)


def _add(session: Session, entry: LedgerEntry, now: datetime) -> None:
    if entry.seed_id is None:
        raise ValueError(f"new prediction {entry.text[:40]!r} needs a seed_id")
    session.add(
        models.Prediction(
            seed_id=entry.seed_id,
            key=prediction_key(entry.text),
            kind=str(entry.kind),
            keywords=list(entry.keywords),
            status=str(Status.OPEN),
            reviewed=True,
            created_at=now,
            updated_at=now,
            **{name: getattr(entry, name) for name in _COLUMNS},
        )
    )


def _update(row: models.Prediction, edit: LedgerEdit, now: datetime) -> None:
    for name in edit.changed:
        value = getattr(edit.entry, name)
        if name == "kind":
            row.kind = str(value)
        elif name == "keywords":
            row.keywords = list(value)
        elif name in _COLUMNS:
            setattr(row, name, value)


def _merge(session: Session, row: models.Prediction, target_id: int) -> None:
    """Move the evidence of `row` to the target (one assessment per claim), then retire `row`.

    Evidence wins over the target's related item on the same claim; `row`'s related items stay
    with it (the next run reads the news again for the edited target)."""
    target = session.get(models.Prediction, target_id)
    if target is None:
        raise ValueError(f"merge_into {target_id}: no such prediction")
    have = {a.claim_id: a for a in target.assessments}
    for assessment in list(row.assessments):
        if assessment.stance == "related":
            continue
        held = have.get(assessment.claim_id)
        if held is not None and held.stance != "related":
            continue
        if held is not None:
            session.delete(held)
            session.flush()  # the pair (claim, target) is unique: free it first
        assessment.prediction_id = target.id
        have[assessment.claim_id] = assessment
    row.active = False
    row.merged_into_id = target.id
