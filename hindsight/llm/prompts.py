"""What the model is asked, and the JSON schemas its answers must follow. Pure.

The prompts are versioned: a cached answer is reused only for the same model, the same prompt
version and the same messages, so changing a prompt here means bumping its version (and paying
for the calls again). Prompts restate a forecast as a question about the past, with every date
the model needs to judge it: the article's, the deadline and the news item's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from hindsight.domain import Claim, Kind, NewsItem, Prediction

__all__ = [
    "CONFIDENCE",
    "EXTRACT_PROMPT_VERSION",
    "EXTRACT_SCHEMA",
    "JUDGE_PROMPT_VERSION",
    "JUDGE_SCHEMA",
    "ChatRequest",
    "extract_request",
    "judge_request",
    "past_question",
]

JUDGE_PROMPT_VERSION = "judge-2"
EXTRACT_PROMPT_VERSION = "extract-1"

# A named level rather than a free number: small models otherwise spend tokens on "0.00000...",
# and a level is what a reader can check against the reason anyway.
CONFIDENCE = {"low": 0.4, "medium": 0.6, "high": 0.8}

# How much of a news document goes into a prompt, centred on the flagged sentence: long feed
# items (full text of a page) would otherwise cost thousands of tokens per pair.
DOCUMENT_CHARS = 3000
ARTICLE_CHARS = 12000

JUDGE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "stance": {"type": "string", "enum": ["supports", "contradicts", "not_decisive"]},
        "confidence": {"type": "string", "enum": list(CONFIDENCE)},
        "reason": {"type": "string"},
        "decisive_sentence": {"type": "string"},
    },
    "required": ["stance", "confidence", "reason", "decisive_sentence"],
    "additionalProperties": False,
}

EXTRACT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "forecasts": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "quote": {"type": "string"},
                    "owner": {"type": "string"},
                    "kind": {"type": "string", "enum": [k.value for k in Kind]},
                    "deadline": {"type": "string"},
                    "hedge": {"type": "string"},
                },
                "required": ["quote", "owner", "kind", "deadline", "hedge"],
                "additionalProperties": False,
            },
        }
    },
    "required": ["forecasts"],
    "additionalProperties": False,
}


@dataclass(frozen=True)
class ChatRequest:
    """One chat completion to ask: messages, the schema of the answer, and a token cap."""

    kind: str  # "judge" | "extract"
    prompt_version: str
    system: str
    user: str
    schema_name: str
    schema: dict[str, Any]
    max_tokens: int

    def messages(self) -> list[dict[str, str]]:
        return [{"role": "system", "content": self.system}, {"role": "user", "content": self.user}]

    def response_format(self) -> dict[str, Any]:
        return {
            "type": "json_schema",
            "json_schema": {"name": self.schema_name, "schema": self.schema, "strict": True},
        }


def _day(value: date | None) -> str:
    return value.isoformat() if value else "not stated"


_FUTURE = re.compile(r"\b(?:will|would|shall|is going to|are going to)\s+", re.I)


def past_question(prediction: Prediction) -> str:
    """The forecast as a question about the past: "did X happen by D?".

    Only the tense cue is changed ("will launch" -> "launch"), so the question keeps the
    forecast's own words; hedges stay, since the model is told to judge the claim, not the hedge.
    """
    statement = _FUTURE.sub("", prediction.text.strip().rstrip(".")).strip()
    when = f" by {prediction.deadline.isoformat()}" if prediction.deadline else ""
    return f'Did this happen{when}: "{statement}"?'


def _excerpt(text: str, around: tuple[int, int] | None, limit: int) -> str:
    """At most `limit` characters of `text`, centred on `around` when the text is longer."""
    if len(text) <= limit:
        return text
    middle = (around[0] + around[1]) // 2 if around else 0
    start = max(0, min(len(text) - limit, middle - limit // 2))
    return text[start : start + limit]


_JUDGE_SYSTEM = (
    "You check published forecasts against later news, using only the news text you are given. "
    "Say supports when the news shows the forecast came true (or is coming true as forecast, "
    "by its deadline), contradicts when it shows the forecast did not or cannot come true, and "
    "not_decisive when the news does not settle it (another subject, another measure, only a "
    "plan or a rumour). Give your confidence as low, medium or high, a reason in one short line "
    "of your own words, and as decisive_sentence the sentence of the news that settles it, "
    "copied word for word from the news."
)


def judge_request(
    prediction: Prediction,
    claim: Claim,
    news: NewsItem | None,
    article_date: date | None,
) -> ChatRequest:
    """Ask whether one news item settles one forecast, quoting the sentence that decides it.

    The instructions are in the system message and the data in the user's: small models copy
    instructions that sit next to the data into their answer."""
    document = news.text if news is not None else claim.text
    title = news.title if news is not None else ""
    published = news.published.date() if news is not None and news.published else None
    span = claim.span if news is not None and news.text[claim.span[0] : claim.span[1]] else None
    user = "\n".join(
        [
            f'Forecast, published {_day(article_date)}: "{prediction.text.strip()}"',
            f"Deadline: {_day(prediction.deadline)}",
            f"Question: {past_question(prediction)}",
            "",
            f"News item, published {_day(published)}" + (f": {title}" if title else ""),
            '"""',
            _excerpt(document, span, DOCUMENT_CHARS),
            '"""',
            f'The sentence of the news that may settle it: "{claim.text.strip()}"',
        ]
    )
    return ChatRequest(
        kind="judge",
        prompt_version=JUDGE_PROMPT_VERSION,
        system=_JUDGE_SYSTEM,
        user=user,
        schema_name="judgement",
        schema=JUDGE_SCHEMA,
        max_tokens=160,
    )


_EXTRACT_SYSTEM = (
    "You list the forecasts an article makes: statements about what will or will not happen "
    "after the article's date that a later reader could check. Answer in JSON."
)


def extract_request(text: str, published: date | None, title: str | None) -> ChatRequest:
    """Ask for the article's forecasts, each as an exact quote with its owner, kind and hedge."""
    user = "\n".join(
        [
            f"Article, published {_day(published)}" + (f": {title}" if title else ""),
            '"""',
            _excerpt(text, None, ARTICLE_CHARS),
            '"""',
            "For each checkable forecast give: quote (the words of the article, copied exactly, "
            "one sentence or clause); owner (who makes the forecast: the author or the person "
            "or company quoted); kind (one of the listed kinds); deadline (YYYY-MM-DD by which "
            "it should have happened, empty if none); hedge (the words that say how sure it "
            "is, such as 'likely' or 'may', empty if none).",
        ]
    )
    return ChatRequest(
        kind="extract",
        prompt_version=EXTRACT_PROMPT_VERSION,
        system=_EXTRACT_SYSTEM,
        user=user,
        schema_name="forecasts",
        schema=EXTRACT_SCHEMA,
        max_tokens=1500,
    )
