"""Tracked subjects and the names learned for them, kept between runs.

Product names arrive in news years after the seed ("SU7"); without keeping them, a later run
would not know that news of the product is news of the subject.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from hindsight.domain import Subject
from storage import models


def load_subjects(session: Session) -> dict[str, Subject]:
    return {
        row.name: Subject(
            row.name, tuple(row.aliases), tuple(row.products), tuple(row.sector_terms)
        )
        for row in session.scalars(select(models.TrackedSubject))
    }


def save_subjects(session: Session, subjects: Iterable[Subject]) -> None:
    rows = {row.name: row for row in session.scalars(select(models.TrackedSubject))}
    for subject in subjects:
        row = rows.get(subject.name)
        if row is None:
            row = models.TrackedSubject(name=subject.name)
            session.add(row)
        if (row.aliases, row.products, row.sector_terms) != (
            list(subject.aliases),
            list(subject.products),
            list(subject.sector_terms),
        ):
            row.aliases = list(subject.aliases)
            row.products = list(subject.products)
            row.sector_terms = list(subject.sector_terms)
    session.flush()
