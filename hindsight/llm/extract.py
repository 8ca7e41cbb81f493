"""The model's forecasts of a seed, united with the rule extractor's.

The model lists forecasts with the rule extractor's fields (an exact quote, who owns the forecast,
its kind, a deadline, the hedge). A quote that is not in the article is dropped (a model that
cannot point at the words made them up); the rest is structured by the same code as a rule
finding (`prediction_fields.describe`), so the quantities, windows and keys are read the same
way, and the model's deadline and hedge fill in only what the rules did not find. Items the rule
extractor also found (most of the quote's words in one rule item) are one item: the rule
reading is kept and its origin says both found it. The result keeps the rule extractor's order,
the model's additions after it, each with `origin` "rules", "llm" or "rules+llm".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, fields, replace
from datetime import date

from hindsight.analysis.hedges import confidence_from_hedges
from hindsight.analysis.prediction_fields import describe
from hindsight.analysis.predictions import extract_predictions, main_subject
from hindsight.domain import Kind, Prediction, SeedArticle
from hindsight.llm.asking import Asker, Outcome
from hindsight.llm.client import Malformed, parse_json_object
from hindsight.llm.judge import normalise
from hindsight.llm.prompts import extract_request

__all__ = ["ModelForecast", "check_forecasts", "extract_with_model", "unite"]

# A model item is the same as a rule item when this share of its words lies in the rule item.
SAME_SHARE = 0.6
_WORD = re.compile(r"[a-z0-9]+")
_PREDICTION_FIELDS = {f.name for f in fields(Prediction)}


@dataclass(frozen=True)
class ModelForecast:
    quote: str
    owner: str
    kind: str
    deadline: date | None
    hedge: str


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


def check_forecasts(text: str) -> list[ModelForecast]:
    """The answer's forecasts (items missing a quote are skipped), else `Malformed`."""
    value = parse_json_object(text)
    items = value.get("forecasts")
    if not isinstance(items, list):
        raise Malformed("no list of forecasts")
    out = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("quote"), str):
            continue
        kind = item.get("kind")
        out.append(
            ModelForecast(
                quote=item["quote"].strip(),
                owner=str(item.get("owner") or "").strip(),
                kind=kind if kind in {k.value for k in Kind} else "",
                deadline=_day(str(item.get("deadline") or "")),
                hedge=str(item.get("hedge") or "").strip(),
            )
        )
    return out


def _find(article: str, quote: str) -> tuple[int, int] | None:
    """Where `quote` is in `article`, ignoring case, spacing and quote marks."""
    wanted = normalise(quote).strip(" .\"'")
    if len(wanted) < 12:
        return None
    at = article.lower().find(quote.strip().lower())
    if at >= 0:
        return at, at + len(quote.strip())
    # Map positions of the normalised article back to the original text.
    positions: list[int] = []
    chars: list[str] = []
    previous_space = True
    for i, ch in enumerate(article):
        norm = normalise(ch) or " "
        if norm == " ":
            if previous_space:
                continue
            previous_space = True
        else:
            previous_space = False
        chars.append(norm)
        positions.append(i)
    flat = "".join(chars)
    at = flat.find(wanted)
    if at < 0:
        return None
    return positions[at], positions[at + len(wanted) - 1] + 1


def _words(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text.lower()))


def _same(model_item: Prediction, rule_item: Prediction) -> bool:
    mine = _words(model_item.text)
    total = sum(mine.values()) or 1
    return sum((mine & _words(rule_item.text)).values()) / total >= SAME_SHARE


def _structure(seed: SeedArticle, forecast: ModelForecast, span: tuple[int, int]) -> Prediction:
    published = seed.published or date.today()
    subject = main_subject(seed.text, seed.author, seed.title)
    found = describe(seed.text, span, span, published, subject, forecast.kind or None)
    updates: dict[str, object] = {"origin": "llm"}
    if found.expectation.window is None and forecast.deadline and forecast.deadline > published:
        updates["deadline"] = forecast.deadline  # the rules only guessed a default horizon
    if found.confidence_cue is None and forecast.hedge:
        confidence, cue = confidence_from_hedges(forecast.hedge)
        if cue is not None:
            updates["confidence"], updates["confidence_cue"] = confidence, cue
    if forecast.owner and "owner" in _PREDICTION_FIELDS:
        updates["owner"] = forecast.owner
    return replace(found, **updates)  # type: ignore[arg-type]


def unite(rule_items: list[Prediction], model_items: list[Prediction]) -> list[Prediction]:
    """Rule items first (marked "rules+llm" when the model found them too), then the model's
    other items, without duplicates."""
    out = [replace(p, origin="rules") for p in rule_items]
    keys = {p.key for p in out}
    for item in model_items:
        twin = next((i for i, p in enumerate(out) if _same(item, p)), None)
        if twin is not None:
            if out[twin].origin == "rules":
                out[twin] = replace(out[twin], origin="rules+llm")
            continue
        if item.key not in keys:
            keys.add(item.key)
            out.append(item)
    return out


@dataclass(frozen=True)
class Extraction:
    predictions: list[Prediction]
    asked: Outcome
    dropped: int = 0  # model quotes not found in the article


def extract_with_model(seed: SeedArticle, asker: Asker) -> Extraction:
    """The rule extractor's predictions united with the model's (the rules' alone when the
    model gives no answer: the seed is asked again the next time it is read)."""
    rule_items = extract_predictions(seed)
    request = extract_request(seed.text, seed.published, seed.title)
    asked = asker.ask(request, check_forecasts)
    if asked.outcome != Outcome.ANSWERED or asked.value is None:
        return Extraction(unite(rule_items, []), asked.outcome)
    model_items: list[Prediction] = []
    dropped = 0
    for forecast in asked.value:
        span = _find(seed.text, forecast.quote)
        if span is None:
            dropped += 1
            continue
        model_items.append(_structure(seed, forecast, span))
    asker.usage.rejected += dropped
    return Extraction(unite(rule_items, model_items), asked.outcome, dropped)
