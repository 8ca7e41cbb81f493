"""The answer cache: what was asked (by hash), of which model, with which prompt version.

A repeated run asks the cache first and makes no call; changing the model or a prompt's version
changes the hash, so the model is asked again. `storage.llm_cache.StoredAnswers` keeps answers in
the database; `MemoryCache` serves one process (evaluation runs, tests).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Protocol

from hindsight.llm.prompts import ChatRequest

__all__ = ["AnswerCache", "CachedAnswer", "MemoryCache", "request_hash"]


@dataclass(frozen=True)
class CachedAnswer:
    """One answer as stored: never the key, never the endpoint's address."""

    request_hash: str
    model: str
    prompt_version: str
    kind: str
    answer: str
    prompt_tokens: int = 0
    completion_tokens: int = 0


def request_hash(model: str, request: ChatRequest) -> str:
    """SHA-256 of everything that decides the answer: model, prompt version, messages, schema,
    the token cap (temperature is always 0)."""
    canonical = json.dumps(
        {
            "model": model,
            "prompt_version": request.prompt_version,
            "messages": request.messages(),
            "schema": request.schema,
            "max_tokens": request.max_tokens,
        },
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class AnswerCache(Protocol):
    """Anything that keeps answers by request hash."""

    def get(self, key: str) -> CachedAnswer | None: ...

    def put(self, answer: CachedAnswer) -> None: ...


class MemoryCache:
    """Answers kept in a dict for the life of the process."""

    def __init__(self) -> None:
        self.answers: dict[str, CachedAnswer] = {}

    def get(self, key: str) -> CachedAnswer | None:
        return self.answers.get(key)

    def put(self, answer: CachedAnswer) -> None:
        self.answers[answer.request_hash] = answer
