"""The product_class question."""

from __future__ import annotations

import re

from hindsight.analysis.caseless import Caseless
from hindsight.analysis.matching import (
    Profile,
)
from hindsight.analysis.questions.base import (
    Question,
    Reader,
    Verdict,
    span,
)
from hindsight.domain import Claim, Prediction, Stance

_I = re.IGNORECASE

# What a claim must say to speak to this question.
CLAIM_CUE = Caseless(
    r"\baffordable\b|\bcheap(?!er\b)\w*|\bbudget\b|\blow-cost\b|\bentry-level\b|\bmini\w*|\bmicro\b|"
    r"\bpremium\b|\bluxury\b|\bhigh-end\b|\bhigh-tech\b|\bflagship\b|\bhigh-performance\b|"
    r"\bexpensive\b|\bprice (?:point )?(?:would|will) be high\b|\bhigh price\b",
    _I,
)
# What a prediction must say to ask it (looser: forecasts are phrased vaguely).
PREDICTION_CUE = re.compile(
    r"\baffordable\b|\bcheap(?!er\b)\w*|\bbudget\b|\bmini\w*|\bmicro\b|"
    r"\bpremium\b|\bluxury\b|\bhigh-end\b|\balong the lines of\b",
    _I,
)
_BUDGET = Caseless(
    r"\baffordable\b|\bcheap(?!er\b)\w*|\bbudget\b|\blow-cost\b|\bentry-level\b|"
    r"\bmini\w*|\bmicro\b",
    _I,
)
_PREMIUM = Caseless(
    r"\bpremium\b|\bluxury\b|\bhigh-end\b|\bhigh-tech\b|\bflagship\b|"
    r"\bhigh-performance\b|\bexpensive\b|\bprice (?:point )?(?:would|will) be "
    r"high\b|\bhigh (?:price|price point|price tag)\b",
    _I,
)


# A class word written as part of a product's name ("Mac mini", "Hongguang MINIEV") names the
# product; it does not describe it.
_NAME_BEFORE = re.compile(r"(?<![.!?:]\s)(?<!^)\b[A-Z][\w-]*\s+$")


# "Budget" the noun: a government's or a company's spending plan ("the chancellor's Budget",
# "its budget of $5m", "Budget 2025"), not a class of product ("a budget phone").
_SPENDING_PLAN = re.compile(
    r"(?:\b(?:the|its|their|his|her|our|this|next|last|annual|autumn|spring|federal|national|"
    r"state|city|defen[cs]e)|['’]s)\s+$"
)
_SPENDING_PLAN_AFTER = re.compile(
    r"\s+(?:of|for|to|is|was|will|would|which|that|includ\w*|deficit|surplus|statement|day|"
    r"(?:19|20)\d\d)\b|\s*[,.;:!?)]|\s*$",
    _I,
)


# A class word before a contest names the field of the contest, not a product's class ("win
# the high-end GPU battle").
_CONTEST_AFTER = re.compile(
    r"(?:\s+[\w-]+){0,2}?\s+(?:battles?|wars?|race|fight|contest|showdown)\b"
)


def _described(pattern: Caseless, text: str) -> re.Match[str] | None:
    """The first class word of `pattern` in `text` that is not part of a name, a noun of
    spending ("the Budget") nor a contest's field. A comparative ("$50 cheaper") is no class
    at all: it compares two products and leaves each one's class unsaid."""
    for m in pattern.finditer(text):
        if _NAME_BEFORE.search(text[: m.start()]) or text[m.start() : m.end()].isupper():
            continue
        if _CONTEST_AFTER.match(text, m.end()):
            continue
        if m.group().lower() == "budget" and (
            _SPENDING_PLAN.search(text[: m.start()]) or _SPENDING_PLAN_AFTER.match(text, m.end())
        ):
            continue
        return m
    return None


def gate(reader: Reader, claim: Claim) -> bool:
    """What the claim must be for any prediction of this question (tested once per claim)."""
    return bool(reader.search(_BUDGET, claim)) != bool(reader.search(_PREMIUM, claim))


def compare(reader: Reader, claim: Claim, prediction: Prediction, prof: Profile) -> Verdict | None:
    if any(re.search(rf"\b{re.escape(n)}", claim.text, _I) for n in prof.names):
        return None  # the claim is about the reference product itself, not the subject's
    expected_budget = bool(_described(_BUDGET, prediction.text))
    expected_premium = bool(_described(_PREMIUM, prediction.text))
    if "along the lines of" in prediction.text.lower():
        expected_budget = expected_budget or bool(_BUDGET.search(prediction.text))
    if expected_budget == expected_premium:
        return None
    budget = _described(_BUDGET, claim.text) if reader.search(_BUDGET, claim) else None
    premium = _described(_PREMIUM, claim.text) if reader.search(_PREMIUM, claim) else None
    if bool(budget) == bool(premium) or not reader.claim_in_business(claim):
        return None
    claimed = "budget" if budget else "premium"
    cue = span(claim.text, budget or premium)  # type: ignore[arg-type]
    agrees = (claimed == "budget") == expected_budget
    wanted = "a budget product" if expected_budget else "a premium product"
    shown = any(s.products for s in reader.subjects)
    return Verdict(
        Stance.SUPPORTS if agrees else Stance.CONTRADICTS,
        0.9,
        f'product described as {claimed} ("{cue}"); the prediction expected {wanted}'
        + (" (said of a product already shown)" if shown and claim.modality == "plan" else ""),
        settled=shown and claim.polarity,
    )


QUESTION = Question("product_class", CLAIM_CUE, PREDICTION_CUE, gate, compare)
