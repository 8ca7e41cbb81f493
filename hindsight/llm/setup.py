"""The model backend built from settings: an endpoint (or a local GGUF served in-process), the
answer cache, the run's budget, and the judge and extractor that use them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from hindsight.analysis.judge import Judge
from hindsight.llm.asking import Asker
from hindsight.llm.budget import Budget
from hindsight.llm.cache import AnswerCache, MemoryCache
from hindsight.llm.client import ChatClient
from hindsight.llm.judge import LLMJudge
from hindsight.llm.server import LocalServer
from hindsight.settings import LLMConfig

__all__ = ["Backend", "BackendError", "open_backend"]


class BackendError(ValueError):
    """The model backend is asked for but not configured: one line for the operator."""


@dataclass
class Backend:
    """A model endpoint ready for one run; `close()` stops an embedded server."""

    asker: Asker
    server: LocalServer | None = None
    closed: bool = field(default=False, repr=False)

    def judge(self, fallback: Judge, article_dates: dict[str, date] | None = None) -> LLMJudge:
        return LLMJudge(self.asker, fallback, dict(article_dates or {}))

    def close(self) -> None:
        if self.server is not None and not self.closed:
            self.server.stop()
        self.closed = True

    def __enter__(self) -> Backend:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_backend(config: LLMConfig, cache: AnswerCache | None = None) -> Backend:
    """A backend for `config`: its endpoint, or an in-process llama.cpp server for `gguf`."""
    if not config.configured:
        raise BackendError(
            "the model backend needs [llm] base_url and model (HINDSIGHT_LLM__BASE_URL, "
            "HINDSIGHT_LLM__MODEL), or [llm] gguf = a local model file"
        )
    key = config.api_key.get_secret_value() if config.api_key else None
    server = None
    base_url, model = config.base_url or "", config.model or ""
    if config.gguf:
        server = LocalServer(Path(config.gguf).expanduser(), api_key=key).start()
        base_url, model = server.base_url, config.model or server.model
    client = ChatClient(
        base_url,
        model,
        key,
        timeout=config.timeout,
        attempts=config.attempts,
        backoff=config.backoff,
        max_wait=config.max_wait,
    )
    asker = Asker(client, cache or MemoryCache(), Budget(config.max_calls_per_run))
    return Backend(asker, server)
