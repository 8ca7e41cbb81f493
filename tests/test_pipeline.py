"""Stages with storage, no Prefect: resumable, idempotent, nothing decided from the seed alone."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select

import hindsight.pipeline.assess as assess_stage
from hindsight.evaluation.stored import store_news
from hindsight.pipeline.assess import assess_pending
from hindsight.pipeline.digest import make_digest
from hindsight.pipeline.seeds import add_seed
from hindsight.settings import BUNDLED_SEED, MailConfig
from storage import models
from storage.db import Database
from tests.smtp import Mailbox, smtp_server

UNRELATED = [
    {
        "id": "U1",
        "date": "2024-05-02",
        "url": "https://news.example/1",
        "headline": "Bakery chain adds stores",
        "facts": "A bakery chain opened 40 new stores in Ohio and plans 60 more in 2025.",
        "quote": "",
    },
    {
        "id": "U2",
        "date": "2024-06-11",
        "url": "https://news.example/2",
        "headline": "Rain in Lisbon",
        "facts": "Lisbon had its wettest June on record, with 120 mm of rain.",
        "quote": "",
    },
    {
        "id": "U3",
        "date": "2024-07-01",
        "url": "https://news.example/3",
        "headline": "Chip tariffs",
        "facts": "The EU set a 10% tariff on imported memory chips from 1 January 2025.",
        "quote": "",
    },
]

RELATED = [
    {
        "id": f"R{i}",
        "date": f"2024-0{i}-15",
        "url": f"https://news.example/r{i}",
        "headline": f"Xiaomi EV update {i}",
        "facts": text,
        "quote": "",
    }
    for i, text in enumerate(
        [
            "Xiaomi launched its first electric car, the SU7 sedan, on 28 March 2024 "
            "at 215,900 yuan.",
            "Xiaomi said it delivered 7,058 SU7 cars in April 2024.",
            "Xiaomi began building the second phase of its own Beijing car factory in July 2024.",
            "Xiaomi hired a former Great Wall executive to run sales of its car business.",
            "Xiaomi's car business made its first operating profit in the third quarter of 2025.",
        ],
        start=1,
    )
]


@pytest.fixture
def seeded(db: Database) -> Database:
    add_seed(db, BUNDLED_SEED)
    return db


def count(db: Database, model: Any) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_unrelated_news_decides_nothing(seeded: Database) -> None:
    store_news(seeded, UNRELATED)
    assess_pending(seeded, today=date(2021, 4, 1))
    assert count(seeded, models.Assessment) == 0
    with seeded.session() as session:
        statuses = set(session.scalars(select(models.Prediction.status)))
    assert statuses == {"open"}
    # Past every deadline, undecided predictions expire: still nothing decided from the seed.
    assess_pending(seeded, today=date(2031, 1, 1))
    with seeded.session() as session:
        assert set(session.scalars(select(models.Prediction.status))) <= {"open", "expired"}


def test_a_crash_half_way_resumes_without_duplicates(
    seeded: Database, monkeypatch: pytest.MonkeyPatch, db_url: str
) -> None:
    store_news(seeded, RELATED)
    real = assess_stage.extract_claims
    calls = {"n": 0}

    def flaky(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 4:
            raise RuntimeError("killed mid-run")
        return real(*args, **kwargs)

    monkeypatch.setattr(assess_stage, "extract_claims", flaky)
    with pytest.raises(RuntimeError):
        assess_pending(seeded, batch_size=2)
    with seeded.session() as session:
        analysed = session.scalar(
            select(func.count()).where(models.Document.analysed_hash.is_not(None))
        )
    assert analysed == 2  # the first batch is stored whole, the failed one not at all
    monkeypatch.setattr(assess_stage, "extract_claims", real)
    assess_pending(seeded, batch_size=2)
    resumed = (count(seeded, models.Claim), count(seeded, models.Assessment))
    assess_pending(seeded, batch_size=2)  # nothing new: nothing added
    assert (count(seeded, models.Claim), count(seeded, models.Assessment)) == resumed

    fresh = Database(db_url.replace("hindsight.db", "fresh.db")) if "sqlite" in db_url else None
    if fresh is not None:
        fresh.migrate()
        add_seed(fresh, BUNDLED_SEED)
        store_news(fresh, RELATED)
        assess_pending(fresh, batch_size=2)
        assert (count(fresh, models.Claim), count(fresh, models.Assessment)) == resumed
        fresh.dispose()


@pytest.fixture
def smtp() -> Iterator[tuple[Controller, Mailbox]]:
    with smtp_server() as running:
        yield running


def test_digest_is_mailed_and_a_failed_send_is_repeated_next_time(
    seeded: Database, tmp_path: Path, smtp: tuple[Controller, Mailbox]
) -> None:
    controller, inbox = smtp
    store_news(seeded, RELATED)
    assess_pending(seeded)
    mail = MailConfig(
        host="127.0.0.1",
        port=controller.port,
        sender="Hindsight <h@example.com>",
        recipients=["analyst@example.com"],
    )
    down = mail.model_copy(update={"port": 1})
    failed = make_digest(seeded, tmp_path, down, send=True)
    assert failed.send_error and failed.changes > 0
    sent = make_digest(seeded, tmp_path, mail, send=True)
    assert sent.send_error is None and sent.changes == 0  # the owed digest went, nothing new
    assert sent.sent_to == ("analyst@example.com",)
    assert len(inbox.messages()) == 1
    message = inbox.messages()[0]
    assert message["To"] == "analyst@example.com"
    assert {part.get_content_type() for part in message.walk()} >= {"text/plain", "text/html"}
    after = make_digest(seeded, tmp_path, mail, send=True)
    assert after.changes == 0 and len(inbox.messages()) == 1  # reported once, not again


def test_a_seed_added_later_is_judged_against_news_already_read(seeded: Database) -> None:
    """Older news is read again for a new seed's subject, keeping what was stored before."""
    other = [
        {
            "id": "K1",
            "date": "2024-05-02",
            "url": "https://news.example/k1",
            "headline": "Kestrel to run its foundry as a separate subsidiary",
            "facts": "Kestrel will turn its foundry business into a legally independent "
            "subsidiary with its own board of directors, and may raise outside capital for it. "
            "Xiaomi said it delivered 7,058 SU7 cars in April 2024.",
            "quote": "",
        }
    ]
    store_news(seeded, UNRELATED + RELATED + other)
    assess_pending(seeded, today=date(2025, 1, 1))
    claims_before = count(seeded, models.Claim)
    assessments_before = count(seeded, models.Assessment)
    with seeded.session() as session:
        first_ids = set(session.scalars(select(models.Claim.id)))

    add_seed(seeded, Path(__file__).parent / "seeds" / "chipmaker-roadmap.txt")
    report = assess_pending(seeded, today=date(2025, 1, 1))
    assert report.documents == len(UNRELATED + RELATED + other)  # every old item read again

    with seeded.session() as session:
        kestrel = (
            select(models.Prediction.id)
            .join(models.Seed)
            .where(models.Seed.title.contains("Kestrel"))
        )
        judged = session.scalar(
            select(func.count())
            .select_from(models.Assessment)
            .where(models.Assessment.prediction_id.in_(kestrel))
        )
        # What was stored for the first seed is still there, under the same rows.
        assert first_ids <= set(session.scalars(select(models.Claim.id)))
    assert judged and judged > 0
    assert count(seeded, models.Claim) > claims_before
    assert count(seeded, models.Assessment) >= assessments_before + judged

    again = assess_pending(seeded, today=date(2025, 1, 1))
    assert again.documents == 0 and again.claims == 0  # read once, not on every run


def test_the_evidence_a_move_shows_is_the_one_its_reason_describes(seeded: Database) -> None:
    """Three reports of the same launch, weeks apart: the status reason quotes the weightiest
    (the newest), and the move must point at that same item — a reader sees one story as the
    deciding evidence and a reason about it, never a reason about another story."""
    store_news(
        seeded,
        [
            {
                "id": f"L{i}",
                "date": day,
                "url": f"https://news.example/launch{i}",
                "headline": f"Xiaomi SU7 launch report {i}",
                "facts": "Xiaomi launched its first electric car, the SU7 sedan, on 28 March 2024.",
                "quote": "",
            }
            for i, day in enumerate(["2024-03-29", "2024-04-20", "2024-05-30"], start=1)
        ],
    )
    assess_pending(seeded)
    with seeded.session() as session:
        moves = list(
            session.scalars(
                select(models.StatusChange).where(models.StatusChange.assessment_id.is_not(None))
            )
        )
        assert moves
        for move in moves:
            assert move.assessment is not None
            shown = move.assessment
            day = shown.claim.document.published.date().isoformat()
            assert move.reason.endswith(f"{shown.reason} ({day})"), (move.reason, shown.reason, day)


def test_news_from_before_the_seed_was_written_settles_none_of_its_forecasts(
    seeded: Database,
) -> None:
    """The seed is dated 31 March 2021: a story from before then was known to its writer, so
    it is background, never evidence; the same story a week later is evidence."""
    story = {
        "headline": "Xiaomi bets on cars",
        "facts": "Xiaomi launched its first electric car, the SU7 sedan, on 28 March 2024 at "
        "215,900 yuan.",
        "quote": "",
    }
    store_news(seeded, [{**story, "id": "E1", "date": "2021-03-01", "url": "https://n.test/e1"}])
    assess_pending(seeded, today=date(2025, 1, 1))
    assert count(seeded, models.Assessment) == 0
    store_news(seeded, [{**story, "id": "E2", "date": "2024-03-29", "url": "https://n.test/e2"}])
    assess_pending(seeded, today=date(2025, 1, 1))
    with seeded.session() as session:
        urls = set(
            session.scalars(
                select(models.Document.url)
                .join(models.Claim)
                .join(models.Assessment)
                .where(models.Assessment.stance != "unrelated")
            )
        )
    assert urls == {"https://n.test/e2"}
