"""Storage on both backends: migrations, seed versions, prediction upserts keep evidence."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import func, inspect, select, text

from hindsight.domain import Kind, Prediction, SeedArticle
from storage import models
from storage.db import Database, head_revision, normalise_url
from storage.seeds import store_predictions, store_seed


def article(text: str = "Acme will ship a robot by 2027.") -> SeedArticle:
    return SeedArticle(text=text, title="Robots", author="A. Writer", published=date(2024, 1, 2))


def prediction(key: str, text: str = "Acme will ship a robot by 2027.") -> Prediction:
    return Prediction(key=key, text=text, span=(0, len(text)), subject="Acme", kind=Kind.EVENT)


def test_the_head_read_from_the_files_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    from storage.db import alembic_config

    assert head_revision() == ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_a_schema_from_a_newer_version_is_refused_in_one_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'newer.db'}"
    db = Database(url)
    db.migrate()
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'f00dfeed0000'"))
    db.dispose()
    result = subprocess.run(
        [sys.executable, "-m", "hindsight", "status"],
        env={**os.environ, "HINDSIGHT_DATABASE_URL": url, "HINDSIGHT_HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "created by a newer version" in lines[0]


def test_migrations_create_every_table_and_are_idempotent(db: Database) -> None:
    assert db.current_revision() == head_revision()
    db.migrate()  # a second time is a no-op
    tables = set(inspect(db.engine).get_table_names())
    assert {"sources", "seeds", "documents", "predictions", "claims", "assessments"} <= tables
    assert {"status_changes", "digests", "runs", "document_versions"} <= tables


def test_plain_postgresql_url_gets_an_installed_driver() -> None:
    assert normalise_url("postgresql://u@h:5/db").startswith("postgresql+psycopg")
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"


def test_same_seed_twice_is_stored_once_and_an_edit_is_a_new_version(db: Database) -> None:
    with db.session() as s:
        first = store_seed(s, article(), origin="/a.txt", content_hash="h1")
    with db.session() as s:
        again = store_seed(s, article(), origin="/a.txt", content_hash="h1")
    with db.session() as s:
        edited = store_seed(s, article("Acme will ship two."), origin="/a.txt", content_hash="h2")
    assert first.new_seed and not again.new_seed and not again.new_version
    assert edited.new_version and edited.seed_id == first.seed_id
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(models.Seed)) == 1
        assert s.scalar(select(func.count()).select_from(models.Document)) == 2


def test_reextraction_keeps_rows_and_retires_missing_ones(db: Database) -> None:
    with db.session() as s:
        seed_id = store_seed(s, article(), origin="/a.txt", content_hash="h1").seed_id
        store_predictions(s, seed_id, [prediction("k1"), prediction("k2", "Other.")])
    with db.session() as s:
        changes = store_predictions(s, seed_id, [prediction("k1")])
        rows = {r.key: r for r in s.scalars(select(models.Prediction))}
    assert (changes.unchanged, changes.retired) == (1, 1)
    assert rows["k1"].active and not rows["k2"].active


def test_datetimes_come_back_aware_in_utc(db: Database) -> None:
    when = datetime(2024, 3, 28, 10, 30, tzinfo=UTC)
    with db.session() as s:
        s.add(models.Run(stage="track", started=when))
    with db.session() as s:
        run = s.scalars(select(models.Run)).one()
    assert run.started == when and run.started.tzinfo is not None


def test_new_claims_come_back_as_extracted_with_their_judgements(db: Database) -> None:
    """Bulk storage of a new document's claims keeps every parsed field and links assessments."""
    from hindsight.domain import Assessment, Claim, DateWindow, Quantity, Stance
    from storage.convert import claim_from_row
    from storage.verdicts import evidence_by_prediction, insert_new_claims, load_documents

    with db.session() as s:
        seed = store_seed(s, article(), origin="/a.txt", content_hash="h1")
        store_predictions(s, seed.seed_id, [prediction("p1")])
        s.flush()
        prediction_id = s.scalars(select(models.Prediction.id)).one()
        doc = models.Document(kind="news", url="https://n.test/1", text="t", content_hash="c1")
        s.add(doc)
        s.flush()
        document_id = doc.id
    claim = Claim(
        text="Acme shipped 1,200 robots at $9,999 in Q1 2027.",
        span=(0, 47),
        subjects=("Acme",),
        quantities=(
            Quantity(1200, 1200, "robot", "1,200 robots"),
            Quantity(9999, 9999, "USD", "$9,999", "money"),
        ),
        dates=(DateWindow(date(2027, 1, 1), date(2027, 3, 31), "Q1 2027"),),
        event_date=date(2027, 3, 31),
        modality="fact",
        in_business=True,
    )
    judged = Assessment(str(prediction_id), claim, Stance.SUPPORTS, 0.9, "shipped by 2027")
    with db.session() as s:
        (pending,) = load_documents(s, [document_id])
        assert insert_new_claims(s, [(pending, [claim], [judged])]) == (1, 1)
    with db.session() as s:
        stored = s.scalars(select(models.Claim)).one()
        assert claim_from_row(stored) == claim
        assert s.get(models.Document, document_id).analysed_hash == "c1"
        (pair,) = evidence_by_prediction(s)[prediction_id]
        assert pair[1].assessment.stance == Stance.SUPPORTS
        assert pair[1].assessment.reason == "shipped by 2027"
