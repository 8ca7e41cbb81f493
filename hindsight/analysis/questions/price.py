"""The price question."""

from __future__ import annotations

import re

from hindsight.analysis.alignment import align, outcome
from hindsight.analysis.caseless import Caseless
from hindsight.analysis.claims import announced_spec, modality_of
from hindsight.analysis.matching import (
    Profile,
    measure_words,
    shared_stems,
    stem,
)
from hindsight.analysis.questions.base import (
    SHARES,
    Question,
    Reader,
    Verdict,
    compare_interval,
    earlier_state,
    expected_interval,
    interval,
)
from hindsight.domain import Claim, Prediction, Quantity, Stance

_I = re.IGNORECASE

# What a claim must say to speak to this question.
CLAIM_CUE = Caseless(
    r"\bpric(?:e|es|ed|ing)\b|\bcosts?\b|\bfares?\b|\btariffs?\b"
    r"|\bstart(?:s|ing)? (?:at|from)\b|\bsells? for\b"
    r"|\bretails? (?:at|for)\b|\bMSRP\b|\b(?:launch(?:es|ed)?|available|on sale|starts?|sold|"
    r"releas(?:e|es|ed)|unveiled|ships?)\b[^.;]{0,30}\b(?:at|from|for) "
    r"(?:RMB|CNY|¥|US\$|HK\$|\$|€|£)?\s?\d"
    # What a traded thing fetched: "traded at $13,624", "closed the year at $3,747".
    r"|\b(?:trad|clos|end|open)(?:e|es|ed|ing)\b[^.;]{0,30}\bat "
    r"(?:RMB|CNY|¥|US\$|HK\$|\$|€|£)\s?\d",
    _I,
)
# What a prediction must say to ask it (looser: forecasts are phrased vaguely).
PREDICTION_CUE = re.compile(r"\bpric\w+|\bcosts?\b|\baffordab\w+|\bfares?\b|\btariffs?\b", _I)
_ACCESSORY = Caseless(
    r"\b(?:option|optional|accessor(?:y|ies)|add-ons?|upgrades?|subscriptions?|extras?)\b"
)
# Words that say a figure is a price or an amount, not what is priced.
_PRICE_WORDS = frozenset(
    """price priced pric cost costs quoted quot each apiece somewhere between range start
    starting sell sold retail top topp revenue base basic entry list sticker estimat
    estimate""".split()  # noqa: SIM905
)


def _priced_goods(text: str, expected: Quantity, own: set[str]) -> frozenset[str]:
    """What a forecast figure is the price or amount of: the nouns before it, less price words.

    Why: a figure in the same currency about another good or measure (a laptop chip's price
    against a wafer's, a product's price against a unit's revenue) does not bear on it.
    """
    words = measure_words(text, expected, own)
    named = {stem(w) for w in re.findall(r"\b[A-Z][\w-]*", text)}  # a reference product's name
    return frozenset(
        w for w in words if w not in _PRICE_WORDS and w not in named and not w.isdigit()
    )


def gate(reader: Reader, claim: Claim) -> bool:
    """What the claim must be for any prediction of this question (tested once per claim)."""
    return (
        any(q.kind == "money" for q in claim.quantities)
        and not reader.search(SHARES, claim)
        and not reader.search(_ACCESSORY, claim)
    )


def compare(reader: Reader, claim: Claim, prediction: Prediction, prof: Profile) -> Verdict | None:
    expected = prediction.expectation.quantity
    if expected is None or expected.kind != "money":
        money = [q for q in reader.prediction_quantities(prediction) if q.kind == "money"]
        expected = money[-1] if money else None
    if expected is None or reader.search(SHARES, claim) or reader.search(_ACCESSORY, claim):
        return None  # a share price, or the price of an option rather than the product
    amounts = [
        q
        for q in claim.quantities
        if q.kind == "money" and q.unit == expected.unit and not earlier_state(claim.text, q)
    ]
    if not amounts:
        return None
    own = reader.own_words()
    goods = reader.memo(  # once per forecast and subjects' names, not per pair
        "priced goods",
        (prediction.text, expected, reader.own_key()),
        lambda: _priced_goods(prediction.text, expected, own),
    )
    if goods and not shared_stems(goods, reader.words_of(claim)):
        return None  # the price of something else (a laptop chip is not a wafer)
    amount = amounts[0]
    aligned = align(
        reader.expected_facts(prediction, prof, expected),
        reader.facts_of(claim, amount),
        prof.market,
    )
    if aligned is None:
        return None  # another measure (a grant, an installed cost), actor or period
    if aligned.timing == "after":
        return None  # a price moves both ways: one after the deadline says nothing of it then
    lo, hi, shown = expected_interval(expected)
    inside = compare_interval(interval(amount), (lo, hi))
    if inside is None or not outcome(aligned, inside, lo, hi):
        return None
    word = "within" if inside else "outside"
    return Verdict(
        Stance.SUPPORTS if inside else Stance.CONTRADICTS,
        1.1,
        f"{aligned.describe('price')}: {word} the expected {shown}",
        # A price stated as it stands is set, even for a sale still to come: only its date
        # makes the sentence a plan ("goes on sale on 3 March at $299.99"), or a plain "will"
        # announcing it ("will cost $299.99"); no word of intent or hearsay ("plans to price
        # it at", "could cost").
        settled=claim.modality == "plan"
        and (modality_of(claim.text) == "fact" or announced_spec(claim.text)),
    )


QUESTION = Question("price", CLAIM_CUE, PREDICTION_CUE, gate, compare)
