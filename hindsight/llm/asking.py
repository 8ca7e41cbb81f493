"""Cache, budget and client together: one question asked at most once per model and prompt.

`Asker.ask` answers from the cache when it can; otherwise it spends one call of the budget, or
says the question must wait for the next run. Answers are cached as soon as they arrive (before
anything is stored for the run), so a run that dies later does not pay for them again. A failed
call is not cached: it is asked again on a later run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Generic, TypeVar

from hindsight.llm.budget import Budget, Usage
from hindsight.llm.cache import AnswerCache, CachedAnswer, MemoryCache, request_hash
from hindsight.llm.client import ChatClient, Malformed, ModelUnavailable, Rejected, Truncated
from hindsight.llm.prompts import ChatRequest

__all__ = ["Asked", "Asker", "Outcome"]

T = TypeVar("T")


class Outcome(StrEnum):
    ANSWERED = "answered"  # a checked answer (from the model or the cache)
    WAITING = "waiting"  # the budget is spent: ask on a later run
    FAILED = "failed"  # the endpoint failed after every retry: ask on a later run
    REJECTED = "rejected"  # answered, but the answer does not hold up: not asked again


@dataclass(frozen=True)
class Asked(Generic[T]):
    outcome: Outcome
    value: T | None = None
    why: str = ""


@dataclass
class Asker:
    """Asks `client` through `cache` within `budget`, counting everything in `usage`."""

    client: ChatClient
    cache: AnswerCache = field(default_factory=MemoryCache)
    budget: Budget = field(default_factory=Budget)
    usage: Usage = field(default_factory=Usage)

    @property
    def model(self) -> str:
        return self.client.model

    def ask(self, request: ChatRequest, check: Callable[[str], T]) -> Asked[T]:
        """The checked answer to `request`, or why there is none.

        `check` parses an answer and raises `Malformed` when it does not follow the schema
        (retried) or `Rejected` when it does but cannot be verified (kept, not retried).
        """
        key = request_hash(self.model, request)
        cached = self.cache.get(key)
        if cached is not None:
            self.usage.cache_hits += 1
            return self._checked(cached.answer, check)
        if not self.budget.take():
            self.usage.waiting += 1
            return Asked(Outcome.WAITING, why="budget spent")
        retries_before = self.client.retries
        rejected: list[str] = []

        def first_check(text: str) -> str:
            try:
                check(text)
            except Rejected as exc:
                rejected.append(str(exc))  # a verifiable answer that does not hold: keep it
            return text

        try:
            text, answer = self.client.ask(request, first_check)
        except ModelUnavailable as exc:
            self.usage.calls += 1
            self.usage.retries += self.client.retries - retries_before
            self.usage.fallbacks += 1
            return Asked(Outcome.FAILED, why=str(exc))
        except Truncated as exc:
            text, answer = exc.answer.content, exc.answer
        self.usage.calls += 1
        self.usage.retries += self.client.retries - retries_before
        self.usage.prompt_tokens += answer.prompt_tokens
        self.usage.completion_tokens += answer.completion_tokens
        self.cache.put(
            CachedAnswer(
                key,
                self.model,
                request.prompt_version,
                request.kind,
                text,
                answer.prompt_tokens,
                answer.completion_tokens,
            )
        )
        return self._checked(text, check)

    def _checked(self, text: str, check: Callable[[str], T]) -> Asked[T]:
        try:
            return Asked(Outcome.ANSWERED, check(text))
        except Rejected as exc:
            self.usage.rejected += 1
            return Asked(Outcome.REJECTED, why=str(exc))
        except Malformed as exc:  # a cached answer checked by an older, laxer check
            self.usage.rejected += 1
            return Asked(Outcome.REJECTED, why=str(exc))
