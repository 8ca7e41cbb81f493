"""The call to an OpenAI-compatible Chat Completions endpoint, with retries and back-off.

The `openai` SDK (the optional extra `hindsight[llm]`) sends the request; its own retries are off
so that one loop here decides: timeouts, connection errors, 429 (waiting what `Retry-After`
says, up to `max_wait`), 5xx and answers that fail validation are retried with exponential
back-off; other HTTP errors (a wrong key, an unknown model) are not, since asking again cannot
help. After the last attempt `ModelUnavailable` says why in one line.

The API key is handed to the SDK and to nothing else: no message, log line or exception text
built here contains it, and text coming from elsewhere (the SDK's errors) is redacted before it
is passed on.
"""

from __future__ import annotations

import email.utils
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from hindsight.llm.prompts import ChatRequest

__all__ = [
    "ChatAnswer",
    "ChatClient",
    "Malformed",
    "ModelUnavailable",
    "Rejected",
    "Truncated",
    "parse_json_object",
    "redact",
    "retry_after",
]

log = logging.getLogger("hindsight.llm")
T = TypeVar("T")


class Malformed(ValueError):
    """An answer that is not what the schema asks for (retried: the next try may be whole)."""


class Rejected(ValueError):
    """A well-formed answer that does not hold up (its quote is not in the text): kept, not
    retried, since the same question at temperature 0 gets the same answer."""


class Truncated(Exception):
    """An answer cut at the token cap: not retried (it would be cut the same way)."""

    def __init__(self, answer: ChatAnswer) -> None:
        super().__init__("the answer was cut at the token cap")
        self.answer = answer


class ModelUnavailable(RuntimeError):
    """The endpoint gave no usable answer after every attempt (the rule judge's answer stands)."""


@dataclass(frozen=True)
class ChatAnswer:
    """The text of an answer and what it cost."""

    content: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    # Cut at the token cap: asking again at temperature 0 would be cut at the same place.
    truncated: bool = False


def redact(text: str, secret: str | None) -> str:
    """`text` with `secret` replaced, for anything that may quote a request back."""
    if secret and len(secret) >= 4:
        text = text.replace(secret, "[key]")
    return text


def retry_after(headers: Any, now: datetime | None = None) -> float | None:
    """Seconds a `Retry-After` header asks to wait (delta-seconds or an HTTP date), else None."""
    value = headers.get("retry-after") if headers is not None else None
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


@dataclass
class ChatClient:
    """Asks one endpoint for schema-constrained answers at temperature 0."""

    base_url: str
    model: str
    api_key: str | None = None
    timeout: float = 60.0
    attempts: int = 3
    backoff: float = 1.0  # seconds before the second attempt; doubles after each
    max_wait: float = 60.0  # a Retry-After longer than this is not waited for
    sleep: Callable[[float], None] = time.sleep
    retries: int = 0  # attempts beyond the first, over the client's life
    http_client: Any = None  # an `openai.DefaultHttpxClient` with hooks or proxies, if wanted

    def __post_init__(self) -> None:
        try:
            from openai import OpenAI
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise ModelUnavailable(
                "the model backend needs the optional extra: pip install 'hindsight[llm]'"
            ) from exc
        # Servers without authentication (llama.cpp, Ollama, vLLM by default) accept any key;
        # the SDK insists on one.
        self._sdk = OpenAI(
            base_url=self.base_url,
            api_key=self.api_key or "no-key",
            timeout=self.timeout,
            max_retries=0,
            http_client=self.http_client,
        )

    def _send(self, request: ChatRequest) -> ChatAnswer:
        arguments: dict[str, Any] = {
            "model": self.model,
            "messages": request.messages(),
            "temperature": 0,
            "max_tokens": request.max_tokens,
            "response_format": request.response_format(),
        }
        response = self._sdk.chat.completions.create(**arguments)
        if not response.choices:
            raise Malformed("the answer has no choices")
        choice = response.choices[0]
        usage = response.usage
        return ChatAnswer(
            choice.message.content or "",
            usage.prompt_tokens if usage else 0,
            usage.completion_tokens if usage else 0,
            choice.finish_reason == "length",
        )

    def ask(self, request: ChatRequest, check: Callable[[str], T]) -> tuple[T, ChatAnswer]:
        """The checked answer to `request` and its raw text; `ModelUnavailable` when none came.

        `check` turns the text into a value or raises `Malformed` (the attempt is retried).
        """
        import openai

        last = "no attempt made"
        delay = self.backoff
        for attempt in range(1, self.attempts + 1):
            wait: float | None = None
            try:
                answer = self._send(request)
                try:
                    return check(answer.content), answer
                except Malformed:
                    if answer.truncated:  # at temperature 0 the next answer is cut the same
                        raise Truncated(answer) from None
                    raise
            except Malformed as exc:
                last = f"malformed answer ({exc})"
            except openai.APITimeoutError:
                last = f"no answer within {self.timeout:g} s"
            except openai.APIConnectionError as exc:
                last = f"cannot connect ({type(exc.__cause__ or exc).__name__})"
            except openai.APIStatusError as exc:
                status = exc.status_code
                last = f"HTTP {status}"
                if status == 429:
                    wait = retry_after(exc.response.headers)
                    if wait is not None and wait > self.max_wait:
                        last += f" (Retry-After {wait:g} s is longer than {self.max_wait:g} s)"
                        break
                elif status < 500 and status != 408:
                    last += f": {redact(_message(exc), self.api_key)}"
                    break  # a wrong key, model or request: asking again cannot help
            if attempt == self.attempts:
                break
            pause = delay if wait is None else max(wait, 0.0)
            log.warning(
                "model %s at %s: %s; attempt %d of %d in %.1f s",
                self.model,
                _origin(self.base_url),
                last,
                attempt + 1,
                self.attempts,
                pause,
            )
            self.retries += 1
            self.sleep(pause)
            delay *= 2
        raise ModelUnavailable(f"model {self.model} at {_origin(self.base_url)}: {last}")


def _message(exc: Any) -> str:
    """The first line of an SDK error's message, without the request echoed back."""
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        error = body.get("error", body)
        if isinstance(error, dict) and error.get("message"):
            return str(error["message"]).splitlines()[0][:200]
    return str(getattr(exc, "message", "") or type(exc).__name__).splitlines()[0][:200]


def _origin(url: str) -> str:
    """Scheme, host and port of `url`: never a user:password part or a query string."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}"


def parse_json_object(text: str) -> dict[str, Any]:
    """A JSON object from an answer's text, else `Malformed`."""
    try:
        value = json.loads(text)
    except (json.JSONDecodeError, TypeError) as exc:
        raise Malformed("not JSON") from exc
    if not isinstance(value, dict):
        raise Malformed("not a JSON object")
    return value
