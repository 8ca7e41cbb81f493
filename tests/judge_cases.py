"""The judge's case tests in one call: a sentence of news, as an item published on a day, read
for claims about the tracked subjects and judged against one forecast (what `assess` does for
one item and one prediction)."""

from __future__ import annotations

from datetime import date, datetime

from hindsight.analysis.claims import extract_claims
from hindsight.analysis.judge import assess_claims
from hindsight.domain import Assessment, NewsItem, Prediction, Subject


def judged(
    prediction: Prediction, text: str, published: date, subjects: list[Subject]
) -> list[Assessment]:
    """The assessments of `prediction` that news `text`, published at noon on `published`, gets."""
    item = NewsItem(
        url="https://news.example/1",
        title="",
        text=text,
        published=datetime(published.year, published.month, published.day, 12),
    )
    return assess_claims(extract_claims(item, subjects), [prediction], subjects=subjects)
