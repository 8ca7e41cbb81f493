"""The model backend's answer cache in the database (`hindsight.llm.cache.AnswerCache`).

Each answer is written in its own short transaction as soon as it arrives: a run that fails
later keeps what it paid for. Lookups read one row by primary key.
"""

from __future__ import annotations

from sqlalchemy import func, select

from hindsight.llm.cache import CachedAnswer
from storage import models
from storage.db import Database

__all__ = ["StoredAnswers"]


class StoredAnswers:
    """Answers kept in the `llm_answers` table of `db`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, key: str) -> CachedAnswer | None:
        with self.db.session() as session:
            row = session.get(models.LLMAnswer, key)
            if row is None:
                return None
            return CachedAnswer(
                row.request_hash,
                row.model,
                row.prompt_version,
                row.kind,
                row.answer,
                row.prompt_tokens,
                row.completion_tokens,
            )

    def put(self, answer: CachedAnswer) -> None:
        with self.db.session() as session:
            row = session.get(models.LLMAnswer, answer.request_hash)
            if row is None:
                row = models.LLMAnswer(request_hash=answer.request_hash)
                session.add(row)
            row.model = answer.model
            row.prompt_version = answer.prompt_version
            row.kind = answer.kind
            row.answer = answer.answer
            row.prompt_tokens = answer.prompt_tokens
            row.completion_tokens = answer.completion_tokens

    def count(self) -> int:
        with self.db.session() as session:
            return int(session.scalar(select(func.count()).select_from(models.LLMAnswer)) or 0)
