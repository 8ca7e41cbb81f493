"""Whose forecast a prediction is travels from extraction to the database, the ledger, the JSON
list and the scorecard, where the author is credited only with the author's own forecasts."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime

from hindsight.analysis.predictions import extract_predictions
from hindsight.domain import Kind, Prediction, SeedArticle, Status
from hindsight.ledger import dump_ledger, entry_from_prediction, load_ledger
from reports.context import DigestContext, PredictionView, build_scorecards
from reports.render import render_digest
from storage.db import Database
from storage.ledger import apply_ledger, ledger_entries
from storage.seeds import store_predictions, store_seed
from storage.views import prediction_list

ARTICLE = (
    "Northfield Research forecasts that tablet shipments will fall by 10% in 2025. "
    "I expect the decline to be steeper, closer to 15% by the end of 2025."
)


def _seed() -> SeedArticle:
    return SeedArticle(
        text=ARTICLE, title="Tablets", author="Ana Analyst", published=date(2024, 5, 1)
    )


def test_extraction_names_the_relayed_source_and_the_author() -> None:
    owners = {p.owner for p in extract_predictions(_seed())}
    assert owners == {"Northfield Research", "author"}


def test_owner_is_stored_listed_and_editable_in_the_ledger(db: Database) -> None:
    seed = _seed()
    with db.session() as session:
        stored = store_seed(session, seed, origin="test:tablets", content_hash="h1")
        store_predictions(session, stored.seed_id, extract_predictions(seed))
    with db.session() as session:
        rows = prediction_list(session)
        assert sorted(str(r.owner) for r in rows) == ["Northfield Research", "author"]
        entries = ledger_entries(session)
    text = dump_ledger(entries)
    assert "owner: Northfield Research" in text
    relayed = next(e for e in entries if e.owner != "author")
    fixed = text.replace("owner: Northfield Research", "owner: Northfield Research Ltd", 1)
    edits = load_ledger(fixed, original=entries)
    changed = [e for e in edits if e.changed]
    assert [(e.entry.id, e.changed) for e in changed] == [(relayed.id, frozenset({"owner"}))]
    assert not changed[0].needs_rejudging  # whose forecast it is does not change the evidence
    with db.session() as session:
        apply_ledger(session, edits)
    with db.session() as session:
        owners = sorted(str(r.owner) for r in prediction_list(session))
    assert owners == ["Northfield Research Ltd", "author"]


def test_a_ledger_without_owners_reads_them_as_the_authors() -> None:
    prediction = Prediction(
        key="k1", text="Acme will grow.", span=(0, 15), subject="Acme", kind=Kind.EVENT
    )
    entry = entry_from_prediction(prediction, id=1, seed_id=1)
    text = re.sub(r"(?m)^\s*owner: author\n", "", dump_ledger([entry]))
    assert "owner:" not in text.split("predictions:", 1)[1]
    assert [e.entry.owner for e in load_ledger(text)] == ["author"]


def _view(pid: int, status: str, owner: str) -> PredictionView:
    return PredictionView(
        id=pid,
        seed_title="Tablets",
        text=f"Forecast {pid}.",
        kind="quantity",
        subject="tablets",
        expectation="",
        deadline=date(2025, 12, 31),
        confidence=0.7,
        status=status,
        status_reason="",
        author="Ana Analyst",
        seed_id=1,
        owner=owner,
    )


def test_the_scorecard_credits_the_author_only_with_own_forecasts() -> None:
    views = [
        _view(1, "supported", "author"),
        _view(2, "contradicted", "author"),
        _view(3, "supported", "Forrester"),
        _view(4, "supported", "Forrester"),
        _view(5, "contradicted", "Forrester"),
        _view(6, "open", "Acme"),
    ]
    (card,) = build_scorecards(views)
    assert (card.predictions, card.decided, card.hit_rate) == (2, 2, 0.5)
    lines = [source.line for source in card.relayed]
    assert lines == [
        "Forrester’s forecasts relayed here: 2 supported, 1 contradicted, 0 pending",
        "Acme’s forecasts relayed here: 0 supported, 0 contradicted, 1 pending",
    ]
    ctx = DigestContext(
        generated=datetime(2026, 1, 1, tzinfo=UTC),
        since=None,
        predictions=views,
        scorecards=[card],
    )
    rendered = render_digest(ctx)
    assert "Forrester’s forecasts relayed here: 2 supported, 1 contradicted" in rendered.text
    assert "Forrester’s forecasts relayed here: 2 supported, 1 contradicted" in rendered.html


def test_an_author_who_only_relays_has_no_record_of_their_own() -> None:
    (card,) = build_scorecards([replace(_view(1, Status.SUPPORTED.value, "Acme"))])
    assert card.predictions == 0 and card.hit_rate is None
    assert [s.owner for s in card.relayed] == ["Acme"]
