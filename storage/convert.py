"""Rows to domain objects and back: the one place that knows both shapes."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Row

from hindsight.domain import (
    Claim,
    DateWindow,
    Expectation,
    Kind,
    Quantity,
)
from hindsight.domain import (
    Prediction as PredictionData,
)
from storage import models


def prediction_fields(p: PredictionData) -> dict[str, Any]:
    """Column values for a domain prediction (everything but ids, status and review flags)."""
    e = p.expectation
    q = e.quantity
    w = e.window
    return {
        "key": p.key,
        "text": p.text,
        "span_start": p.span[0],
        "span_end": p.span[1],
        "subject": p.subject,
        "owner": p.owner,
        "kind": str(p.kind),
        "window_start": w.start if w else None,
        "window_end": w.end if w else None,
        "window_text": w.text if w else None,
        "low": q.low if q else None,
        "high": q.high if q else None,
        "unit": q.unit if q else None,
        "quantity_kind": q.kind if q else None,
        "quantity_bound": q.bound if q else None,
        "quantity_text": q.text if q else None,
        "polarity": e.polarity,
        "deadline": p.deadline,
        "confidence": p.confidence,
        "confidence_cue": p.confidence_cue,
        "keywords": list(p.keywords),
        "resolution": p.resolution,
        "origin": p.origin,
        "context": p.context,
    }


def prediction_from_row(row: models.Prediction) -> PredictionData:
    """A stored prediction as the judge sees it; `key` becomes the row id so results map back."""
    window = (
        DateWindow(row.window_start, row.window_end, row.window_text or "")
        if row.window_start and row.window_end
        else None
    )
    quantity = (
        Quantity(
            low=row.low,
            high=row.high,
            unit=row.unit,
            text=row.quantity_text or "",
            kind=row.quantity_kind or "count",
            bound=row.quantity_bound or "exact",
        )
        if row.low is not None and row.high is not None
        else None
    )
    return PredictionData(
        key=str(row.id),
        text=row.text,
        span=(row.span_start or 0, row.span_end or 0),
        subject=row.subject,
        owner=row.owner or "author",
        kind=Kind(row.kind),
        expectation=Expectation(window=window, quantity=quantity, polarity=row.polarity),
        deadline=row.deadline,
        confidence=row.confidence,
        confidence_cue=row.confidence_cue,
        keywords=tuple(row.keywords or ()),
        resolution=row.resolution,
        origin=row.origin or "rules",
        context=row.context,
        made=row.seed.published,
    )


def _quantity_json(q: Quantity) -> dict[str, Any]:
    """Field by field, not `dataclasses.asdict`: the assess stage stores ~10,000 claims a second,
    and asdict's recursive deep copy was a quarter of its storage cost."""
    return {
        "low": q.low,
        "high": q.high,
        "unit": q.unit,
        "text": q.text,
        "kind": q.kind,
        "bound": q.bound,
    }


def _window_json(w: DateWindow) -> dict[str, Any]:
    return {"start": w.start.isoformat(), "end": w.end.isoformat(), "text": w.text}


def claim_fields(claim: Claim) -> dict[str, Any]:
    return {
        "text": claim.text,
        "span_start": claim.span[0],
        "span_end": claim.span[1],
        "subjects": list(claim.subjects),
        "quantities": [_quantity_json(q) for q in claim.quantities],
        "dates": [_window_json(d) for d in claim.dates],
        "event_date": claim.event_date,
        "polarity": claim.polarity,
        "modality": claim.modality,
        "in_business": claim.in_business,
        "checkworthiness": claim.checkworthiness,
    }


def claim_from_row(row: models.Claim | Row[Any]) -> Claim:
    """A stored claim (an ORM row, or a result row with the same column names)."""
    return Claim(
        text=row.text,
        span=(row.span_start, row.span_end),
        subjects=tuple(row.subjects or ()),
        quantities=tuple(Quantity(**q) for q in row.quantities or ()),
        dates=tuple(
            DateWindow(date.fromisoformat(d["start"]), date.fromisoformat(d["end"]), d["text"])
            for d in row.dates or ()
        ),
        event_date=row.event_date,
        polarity=row.polarity,
        modality=row.modality,
        in_business=row.in_business,
        checkworthiness=row.checkworthiness,
    )
