"""Related news (issue #10, point 2): news about a prediction's subject that decides nothing is
kept, a few per prediction, and shown — in the digest's watch list, on the archive's page and in
`predictions show` — but never counted toward a status, the evidence or the reviews.

The CLI tests run the real `hindsight run --offline` on the bundled seed and archive twice: with
the default bound and with `[judge] related = 0` (nothing related kept). Everything a status
rests on must be the same in both. The bound is tested through `assess_pending` on the labelled
Xiaomi news, on SQLite and PostgreSQL, with the news arriving in one run or out of order.
"""

from __future__ import annotations

import html
import json
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import select

from hindsight.evaluation.stored import store_case, store_news
from hindsight.evaluation.verdicts import case_seed, describe_gold, load_jsonl
from hindsight.pipeline.assess import assess_pending
from storage import models
from storage.db import Database
from storage.verdicts import evidence_by_prediction, related_rank
from tests.conftest import shared_path

REPO = Path(__file__).resolve().parents[1]


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HINDSIGHT_", "PREFECT_"))}
    env |= {"HINDSIGHT_HOME": str(home), "PYTHONPATH": str(REPO), **extra}
    return env


def _cli(env: dict[str, str], cwd: Path, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "hindsight", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, dict[str, str]]]:
    """The bundled default run with related news kept (the default bound) and with none."""
    root = tmp_path_factory.mktemp("related")
    envs = {
        "kept": _env(root / "kept"),
        "none": _env(root / "none", HINDSIGHT_JUDGE__RELATED="0"),
    }
    for env in envs.values():
        _cli(env, root, "run", "--offline")
    yield envs


def _rows(env: dict[str, str], query: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(Path(env["HINDSIGHT_HOME"]) / "hindsight.db") as connection:
        return connection.execute(query).fetchall()


def _judged(predictions: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """What a reader checks of each listed prediction: status, reason and evidence (row ids and
    the time of the run aside)."""
    return [
        (
            p["id"],
            p["status"],
            p["status_reason"],
            [
                (e["stance"], e["confidence"], e["reason"], e["claim"], e["url"])
                for e in p["evidence"]
            ],
        )
        for p in predictions
    ]


def _text(page: str) -> str:
    """What a reader sees of an HTML page: its text, entities read, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def _related(env: dict[str, str]) -> list[tuple[Any, ...]]:
    """(assessment id, prediction id, sentence, reason, headline) of every related item."""
    return _rows(
        env,
        "SELECT a.id, a.prediction_id, c.text, a.reason, d.title FROM assessments a "
        "JOIN claims c ON c.id = a.claim_id JOIN documents d ON d.id = c.document_id "
        "WHERE a.stance = 'related' AND c.current ORDER BY a.id",
    )


def test_related_news_is_kept_within_the_bound_and_counts_for_nothing(runs, tmp_path) -> None:
    kept, none = runs["kept"], runs["none"]
    related = _related(kept)
    assert related and not _related(none)
    per_prediction: dict[int, int] = {}
    for _, prediction, sentence, reason, _ in related:
        per_prediction[prediction] = per_prediction.get(prediction, 0) + 1
        assert sentence and "states nothing that settles" in reason
    assert max(per_prediction.values()) == 5  # the default bound, reached on the bundled news
    status = json.loads(_cli(kept, tmp_path, "status", "--json"))
    assert status["related"] == len(related)
    # Statuses, their reasons, the evidence under each prediction and the history: the same
    # whether related news was kept or not.
    listed = {
        name: json.loads(_cli(env, tmp_path, "predictions", "list", "--json"))
        for name, env in runs.items()
    }
    assert _judged(listed["kept"]) == _judged(listed["none"])
    assert all(e["stance"] != "related" for p in listed["kept"] for e in p["evidence"])
    moves = "SELECT prediction_id, old_status, new_status, reason FROM status_changes ORDER BY id"
    assert _rows(kept, moves) == _rows(none, moves)
    # The analyst is never asked to confirm or reject related news.
    exported = yaml.safe_load(_cli(kept, tmp_path, "verdicts", "export"))
    offered = {e["id"] for item in exported["verdicts"] for e in item["evidence"] or []}
    assert offered and not offered & {row[0] for row in related}


def test_the_watch_list_and_the_archive_show_related_news(runs) -> None:
    """Outlet, date, headline, sentence and why; hostile text in these lines is tested with the
    rest of the digest's escaping (`test_reports.hostile_context`)."""
    kept, none = runs["kept"], runs["none"]
    reports = Path(kept["HINDSIGHT_HOME"]) / "reports"
    page = next(reports.glob("digest-*.html")).read_text()
    watch = _text(page[page.index("Watch list") :])
    shown = [row for row in _related(kept) if " ".join(row[2].split()) in watch]
    assert shown, "no related sentence in the watch list"
    _, prediction, sentence, reason, title = shown[0]
    assert f"#{prediction} " in watch and " ".join(title.split()) in watch
    assert "states nothing that settles the forecast" in watch
    text = next(reports.glob("digest-*.txt")).read_text()
    assert "WATCH LIST" in text and " ".join(sentence.split()[:6]) in " ".join(text.split())
    # Each story names its predictions by number: the order rows were stored in (it varies with
    # how the news was judged) never reaches the digest, so two runs write the same lines.
    named = re.findall(r"on ((?:#\d+ [^,:#]*,?\s*)+):", " ".join(text.split()))
    assert named
    for line in named:
        numbers = [int(n) for n in re.findall(r"#(\d+)", line)]
        assert numbers == sorted(numbers), line
    # Without related news there is nothing to watch.
    plain = next((Path(none["HINDSIGHT_HOME"]) / "reports").glob("digest-*.html")).read_text()
    assert "Watch list" not in plain
    archived = _text((reports / "predictions" / f"{prediction}.html").read_text())
    related_part = archived[archived.index("Related news") :]
    assert " ".join(sentence.split()) in related_part and " ".join(reason.split()) in related_part


def test_predictions_show_lists_related_news_apart(runs, tmp_path) -> None:
    kept = runs["kept"]
    _, prediction, sentence, reason, _ = _related(kept)[0]
    ids = {row[0] for row in _related(kept) if row[1] == prediction}
    page = " ".join(_cli(kept, tmp_path, "predictions", "show", str(prediction)).split())
    section = page[page.index(f"Related news, never counted ({len(ids)})") :]
    assert " ".join(sentence.split()) in section and " ".join(reason.split()) in section
    story = json.loads(_cli(kept, tmp_path, "predictions", "show", str(prediction), "--json"))
    assert {item["assessment_id"] for item in story["related"]} == ids
    assert all(item["stance"] == "related" for item in story["related"])
    counted = {e["assessment_id"] for e in story["other_evidence"]} | {
        move["evidence"]["assessment_id"] for move in story["history"] if move["evidence"]
    }
    assert not counted & ids
    dates = [item["published"] for item in story["related"] if item["published"]]
    assert dates == sorted(dates, reverse=True)  # newest first


# --- the bound, through the stage itself ---------------------------------------------------------


def _xiaomi() -> tuple[list[dict[str, Any]], tuple[Any, ...]]:
    case_dir = shared_path("eval", "xiaomi")
    seed = shared_path("seeds", "xiaomi-ev-2021-03-31.txt")
    records = load_jsonl(case_dir / "news-dev.jsonl")
    gold = load_jsonl(case_dir / "predictions.jsonl")
    article, origin = case_seed(case_dir / "predictions.jsonl", seed, date(2021, 3, 31))
    return records, (article, str(origin), describe_gold(gold, article))


Related = dict[str, list[tuple[str, str]]]


def _replay(
    db: Database, batches: list[list[dict[str, Any]]], limit: int, batch_size: int = 500
) -> tuple[Related, Any]:
    """Each batch stored then one run; related items (story, sentence) per prediction, newest
    first by the stage's own order, and everything statuses rest on."""
    _, (article, origin, described) = _xiaomi()
    gold_of = store_case(db, article, origin, described)
    items: dict[int, str] = {}
    for batch in batches:
        items |= store_news(db, batch)
        assess_pending(db, today=date(2026, 1, 1), related=limit, batch_size=batch_size)
    with db.session() as session:
        rows = session.execute(
            select(
                models.Assessment.prediction_id,
                models.Document.id,
                models.Document.published,
                models.Document.content_hash,
                models.Claim.span_start,
                models.Claim.text,
            )
            .join(models.Claim, models.Claim.id == models.Assessment.claim_id)
            .join(models.Document, models.Document.id == models.Claim.document_id)
            .where(models.Assessment.stance == "related", models.Claim.current.is_(True))
        ).all()
        ranked: dict[str, list[tuple[Any, str, str]]] = {}
        for prediction, document, published, content_hash, span, text in rows:
            rank = related_rank(published, content_hash, span)
            ranked.setdefault(gold_of[prediction], []).append((rank, items[document], text))
        related = {key: [(i, t) for _, i, t in sorted(found)] for key, found in ranked.items()}
        evidence = {
            gold_of[pid]: sorted((e.assessment.stance, e.assessment.reason) for _, e in pairs)
            for pid, pairs in evidence_by_prediction(session).items()
        }
        statuses = {
            gold_of[p.id]: (p.status, p.status_reason)
            for p in session.scalars(select(models.Prediction))
        }
    return related, (statuses, evidence)


def _fresh(tmp_path: Path, name: str) -> Database:
    db = Database(f"sqlite:///{tmp_path / f'{name}.db'}")
    db.migrate()
    return db


def test_the_newest_related_items_are_kept_whatever_the_runs(tmp_path: Path, db: Database) -> None:
    records, _ = _xiaomi()
    ordered = sorted(records, key=lambda r: str(r.get("date") or ""))
    half = len(ordered) // 2
    unbounded = _fresh(tmp_path, "unbounded")
    try:
        everything, decided = _replay(unbounded, [ordered], limit=1000)
    finally:
        unbounded.dispose()
    assert any(len(found) > 2 for found in everything.values()), "the bound must bite"
    newest_two = {key: found[:2] for key, found in everything.items()}
    # Weekly runs in order: each run's items join those kept before, and the bound holds.
    third = -(-len(ordered) // 3)
    weekly = [ordered[i : i + third] for i in range(0, len(ordered), third)]
    bounded, decided_bounded = _replay(db, weekly, limit=2)
    assert bounded == newest_two
    assert decided_bounded == decided  # the bound changes no status, reason or evidence
    # The newer half first, the older half a run later: it rewinds the reading, which then goes
    # over the stored news again in several transactions (batches of 5 stories).
    late = _fresh(tmp_path, "late")
    try:
        replayed = _replay(late, [ordered[half:], ordered[:half]], limit=2, batch_size=5)
        assert replayed == (newest_two, decided)
    finally:
        late.dispose()
