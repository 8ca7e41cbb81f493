"""The model backend's client, cache, budget, judge and extractor against a scripted endpoint.

The endpoint (tests/llm_fake.py) is a real HTTP server on 127.0.0.1 that returns exactly the
faults a real model server cannot produce on demand; the real llama.cpp server is exercised in
tests/test_llm_server.py.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from hindsight.analysis.claims import extract_claims
from hindsight.analysis.judge import RuleJudge
from hindsight.analysis.predictions import describe_prediction, extract_predictions
from hindsight.analysis.subjects import learn_subjects
from hindsight.domain import Claim, NewsItem, Prediction, SeedArticle, Stance
from hindsight.llm.asking import Asker
from hindsight.llm.budget import Budget
from hindsight.llm.cache import MemoryCache
from hindsight.llm.client import ChatClient, retry_after
from hindsight.llm.extract import extract_with_model
from hindsight.llm.judge import LLMJudge
from hindsight.llm.prompts import JUDGE_SCHEMA, judge_request
from tests.llm_fake import Reply, completion, judgement, scripted_endpoint

KEY = "sk-hindsight-test-0123456789abcdef"
SEED = SeedArticle(
    "Acme will launch its first electric car in 2024. Acme expects to sell 100,000 cars in 2025.",
    published=date(2023, 1, 5),
)
NEWS = NewsItem(
    "https://example.com/acme-one",
    "Acme launches its first electric car",
    "Acme launched its first electric car, the Acme One, on 12 March 2024. Deliveries start "
    "in May.",
    datetime(2024, 3, 12, tzinfo=UTC),
)
DECISIVE = "Acme launched its first electric car, the Acme One, on 12 March 2024."


def _pair() -> tuple[Claim, Prediction, RuleJudge]:
    prediction = describe_prediction(
        "Acme will launch its first electric car in 2024.", SEED.published or date.today()
    )
    subjects = learn_subjects(SEED, [prediction])
    claim = next(c for c in extract_claims(NEWS, subjects) if c.text == DECISIVE)
    return claim, prediction, RuleJudge(subjects)


def _judge(base_url: str, **client: object) -> LLMJudge:
    _, prediction, rules = _pair()
    options: dict[str, object] = {"timeout": 5.0, "attempts": 3, "backoff": 0.0}
    options.update(client)
    chat = ChatClient(base_url, "scripted-model", KEY, **options)  # type: ignore[arg-type]
    return LLMJudge(
        Asker(chat, MemoryCache(), Budget(10)), rules, {prediction.key: date(2023, 1, 5)}
    )


def _assess(judge: LLMJudge):  # type: ignore[no-untyped-def]
    claim, prediction, _ = _pair()
    with judge.reading(NEWS):
        return judge.assess(claim, prediction)


def test_a_500_is_retried_and_the_answer_carries_schema_dates_and_temperature_zero() -> None:
    with scripted_endpoint(
        Reply(500, {"error": {"message": "overloaded"}}), judgement("supports", DECISIVE)
    ) as endpoint:
        judge = _judge(endpoint.base_url)
        assessment = _assess(judge)
    assert assessment is not None and assessment.stance == Stance.SUPPORTS
    assert assessment.judge == "llm" and DECISIVE in assessment.reason
    assert judge.asker.usage.calls == 1 and judge.asker.usage.retries == 1
    sent = endpoint.requests[-1]
    assert sent["temperature"] == 0
    assert sent["response_format"]["json_schema"]["schema"] == JUDGE_SCHEMA
    prompt = sent["messages"][1]["content"]
    assert "Acme will launch its first electric car in 2024." in prompt  # the prediction
    assert DECISIVE in prompt  # the claim
    assert "2023-01-05" in prompt and "2024-12-31" in prompt and "2024-03-12" in prompt
    assert 'Did this happen by 2024-12-31: "Acme launch its first electric car in 2024"?' in prompt


def test_a_429_waits_what_retry_after_says() -> None:
    waits: list[float] = []
    with scripted_endpoint(
        Reply(429, {"error": {"message": "slow down"}}, {"Retry-After": "7"}),
        judgement("supports", DECISIVE),
    ) as endpoint:
        judge = _judge(endpoint.base_url, sleep=waits.append, backoff=0.5)
        assessment = _assess(judge)
    assert waits == [7.0]
    assert assessment is not None and assessment.judge == "llm"


def test_retry_after_as_a_date() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    header = {"retry-after": format_datetime(now + timedelta(seconds=30), usegmt=True)}
    assert retry_after(header, now) == 30.0
    assert retry_after({"retry-after": "soon"}, now) is None


def test_a_timeout_falls_back_to_the_rules_and_the_item_owes_an_answer() -> None:
    claim, prediction, rules = _pair()
    with scripted_endpoint(Reply(delay=2.0, body={}), Reply(delay=2.0, body={})) as endpoint:
        judge = _judge(endpoint.base_url, timeout=0.5, attempts=2)
        assessment = _assess(judge)
        owes = judge.owes_answers
    expected = rules.assess(claim, prediction)
    assert expected is not None  # the rules read this launch as support
    assert assessment == expected and assessment.judge == "rules"
    assert owes and judge.asker.usage.fallbacks == 1 and len(endpoint.requests) == 2
    assert judge.asker.cache.get  # nothing was cached for a failed call
    assert isinstance(judge.asker.cache, MemoryCache) and not judge.asker.cache.answers


def test_a_garbage_answer_is_retried_then_the_rules_stand() -> None:
    with scripted_endpoint(*(completion("The forecast came true!") for _ in range(3))) as endpoint:
        judge = _judge(endpoint.base_url)
        assessment = _assess(judge)
    assert len(endpoint.requests) == 3
    assert assessment is not None and assessment.judge == "rules"
    assert judge.asker.usage.fallbacks == 1 and judge.asker.usage.retries == 2


def test_an_answer_quoting_a_sentence_not_in_the_news_is_rejected_once() -> None:
    invented = "Acme sold a million cars in its first week."
    with scripted_endpoint(judgement("contradicts", invented)) as endpoint:
        judge = _judge(endpoint.base_url)
        first = _assess(judge)
        again = _assess(judge)  # the same question: answered from the cache, rejected again
    assert len(endpoint.requests) == 1  # not retried: at temperature 0 it would say the same
    assert first is not None and first.stance == Stance.SUPPORTS and first.judge == "rules"
    assert again == first
    assert judge.asker.usage.rejected == 2 and judge.asker.usage.cache_hits == 1
    assert not judge.owes_answers  # a rejected answer is an answer: not asked again


def test_the_key_is_sent_but_never_logged_nor_in_errors(caplog: pytest.LogCaptureFixture) -> None:
    echoed = {"error": {"message": f"Incorrect API key provided: {KEY}. Check it."}}
    caplog.set_level(logging.DEBUG)
    with scripted_endpoint(Reply(500, echoed), Reply(401, echoed)) as endpoint:
        judge = _judge(endpoint.base_url)
        claim, prediction, _ = _pair()
        request = judge_request(prediction, claim, NEWS, None)
        asked = judge.asker.ask(request, lambda text: text)
    sent = {name.lower(): value for name, value in endpoint.headers[0].items()}
    assert sent["authorization"] == f"Bearer {KEY}"  # the key reached the endpoint
    assert len(endpoint.requests) == 2  # the 401 was not retried
    assert KEY not in asked.why and "401" in asked.why
    assert KEY not in caplog.text


def test_a_spent_budget_leaves_pairs_waiting_for_the_next_run() -> None:
    claim, prediction, _ = _pair()
    other = describe_prediction("Acme will open a factory in 2024.", date(2023, 1, 5))
    with scripted_endpoint(judgement("supports", DECISIVE)) as endpoint:
        judge = _judge(endpoint.base_url)
        judge.asker.budget = Budget(1)
        with judge.reading(NEWS):
            judge.assess(claim, prediction)
            assert not judge.owes_answers
            judge.assess(claim, other)
            assert judge.owes_answers
    assert len(endpoint.requests) == 1
    assert judge.asker.usage.waiting == 1 and "1 waiting" in judge.asker.usage.describe()


def test_the_extractor_unites_model_and_rule_forecasts() -> None:
    text = (
        "Acme will launch its first electric car in 2024. Analysts think Acme could double its "
        "dealer network by 2026. The weather was fine."
    )
    seed = SeedArticle(text, published=date(2023, 1, 5))
    rule_texts = [p.text for p in extract_predictions(seed)]
    answer = {
        "forecasts": [
            {
                "quote": "Acme will launch its first electric car in 2024",
                "owner": "Acme",
                "kind": "timeline",
                "deadline": "2024-12-31",
                "hedge": "",
            },
            {
                "quote": "Acme could double its dealer network by 2026",
                "owner": "Analysts",
                "kind": "quantity",
                "deadline": "2026-12-31",
                "hedge": "could",
            },
            {
                "quote": "Acme will build a rocket",
                "owner": "Acme",
                "kind": "event",
                "deadline": "",
                "hedge": "",
            },
        ]
    }
    with scripted_endpoint(completion(json.dumps(answer))) as endpoint:
        chat = ChatClient(endpoint.base_url, "scripted-model", KEY, timeout=5.0)
        asker = Asker(chat, MemoryCache(), Budget(5))
        result = extract_with_model(seed, asker)
        again = extract_with_model(seed, asker)
    assert len(endpoint.requests) == 1 and asker.usage.cache_hits == 1
    origins = {p.text: p.origin for p in result.predictions}
    launch = next(t for t in origins if t.startswith("Acme will launch"))
    assert origins[launch] == "rules+llm"
    assert result.dropped == 1  # the rocket is not in the article
    assert [p.text for p in result.predictions][: len(rule_texts)] == rule_texts
    if not any("dealer network" in t for t in rule_texts):
        assert origins["Acme could double its dealer network by 2026"] == "llm"
    assert again.predictions == result.predictions


def test_settings_from_the_environment_keep_the_key_secret(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    from hindsight.settings import load_settings

    monkeypatch.setenv("HINDSIGHT_CONFIG", str(tmp_path) + "/none.toml")
    monkeypatch.setenv("HINDSIGHT_JUDGE__BACKEND", "llm")
    monkeypatch.setenv("HINDSIGHT_EXTRACT__BACKEND", "llm")
    monkeypatch.setenv("HINDSIGHT_LLM__BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("HINDSIGHT_LLM__MODEL", "some-model")
    monkeypatch.setenv("HINDSIGHT_LLM__API_KEY", KEY)
    monkeypatch.setenv("HINDSIGHT_LLM__MAX_CALLS_PER_RUN", "7")
    settings = load_settings()
    assert settings.judge.backend == "llm" and settings.extract.backend == "llm"
    assert settings.llm.configured and settings.llm.max_calls_per_run == 7
    assert settings.llm.api_key is not None and settings.llm.api_key.get_secret_value() == KEY
    assert KEY not in repr(settings) and KEY not in settings.model_dump_json()


def test_an_unconfigured_backend_is_one_clear_line() -> None:
    from hindsight.llm.setup import BackendError, open_backend
    from hindsight.settings import LLMConfig

    with pytest.raises(BackendError, match="HINDSIGHT_LLM__BASE_URL"):
        open_backend(LLMConfig())


def test_the_seed_stage_stores_the_union_with_origins_and_asks_once(tmp_path: Path) -> None:
    from sqlalchemy import select

    from hindsight.pipeline.seeds import add_seed
    from hindsight.settings import ExtractConfig, LLMConfig, Settings
    from storage import models
    from storage.db import Database

    article = tmp_path / "acme.txt"
    article.write_text(
        "Acme will launch its first electric car in 2024. Analysts think Acme could double "
        "its dealer network by 2026.\n\n"
        + "Acme makes washing machines in three towns and sells them in shops across the "
        "region, where its service vans are a familiar sight on weekday mornings. " * 4 + "\n",
        encoding="utf-8",
    )
    answer = {
        "forecasts": [
            {
                "quote": "Acme could double its dealer network by 2026",
                "owner": "Analysts",
                "kind": "quantity",
                "deadline": "2026-12-31",
                "hedge": "could",
            },
        ]
    }
    db = Database(f"sqlite:///{tmp_path / 'h.db'}")
    db.migrate()
    with scripted_endpoint(completion(json.dumps(answer))) as endpoint:
        settings = Settings(
            extract=ExtractConfig(backend="llm"),
            llm=LLMConfig(base_url=endpoint.base_url, model="scripted-model", timeout=5),
        )
        first = add_seed(db, article, published=date(2023, 1, 5), settings=settings)
        again = add_seed(db, article, published=date(2023, 1, 5), settings=settings)
    assert first.model["calls"] == 1 and again.model["calls"] == 0
    assert again.model["cache_hits"] == 1
    with db.session() as session:
        rows = session.execute(select(models.Prediction.text, models.Prediction.origin)).all()
    origins = {text: origin for text, origin in rows}
    db.dispose()
    dealer = [origin for text, origin in origins.items() if "dealer network" in text]
    assert dealer and dealer[0] in ("llm", "rules+llm")  # the model's finding is recorded
    launch = [origin for text, origin in origins.items() if "launch" in text]
    assert launch == ["rules"]  # found by the rules alone
    assert len(origins) == len(set(origins))
