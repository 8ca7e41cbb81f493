"""The measure question."""

from __future__ import annotations

import re

from hindsight.analysis.alignment import Alignment, align
from hindsight.analysis.caseless import Caseless
from hindsight.analysis.matching import (
    Profile,
    same_measure,
)
from hindsight.analysis.questions.base import (
    SHARES,
    Question,
    Reader,
    Verdict,
    other_product,
    rate_of,
    settle,
)
from hindsight.domain import Claim, Prediction

_I = re.IGNORECASE

# What a claim must say to speak to this question.
CLAIM_CUE = Caseless(
    r"\d|\b(?:half a|a|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"[\s-]+(?:million|billion)\b"
)
PREDICTION_CUE = None


def gate(reader: Reader, claim: Claim) -> bool:
    """What the claim must be for any prediction of this question (tested once per claim)."""
    return claim.modality != "plan" and claim.polarity and bool(claim.quantities)


def compare(reader: Reader, claim: Claim, prediction: Prediction, prof: Profile) -> Verdict | None:
    """A realised figure aligned with the prediction's (same measure, same actor, a period
    that can settle it: `alignment`), compared with its figure."""
    expected = prediction.expectation.quantity
    figure = prof.figure
    if expected is None or figure is None or claim.modality == "plan" or not claim.polarity:
        return None
    if expected.kind == "percent" and reader.search(SHARES, claim):
        return None  # a share-price move, not the measure
    if any(name not in claim.text for name in prof.measure_names):
        return None  # the figure is of a named part (a plant, a brand) the claim does not name
    if prof.modifiers and prof.modifiers - reader.words_of(claim):
        return None  # "fast charging points" are not "public charging points"
    if other_product(prediction, claim):
        return None  # "Model 3" output does not answer a forecast of "Model S/X" output
    # Counts per unit of time are their own measure; a price "a month" is the price.
    counted = expected.kind == "count"
    rate = rate_of(prediction.text, expected) if counted else None
    best: tuple[int, Alignment, frozenset[str]] | None = None
    head = figure.measure.head
    before: frozenset[str] = frozenset()
    for q, words in reader.figures(claim):
        if counted and not words and rate is not None:
            words = before  # "260 cars last quarter, just 26 a week": the rate counts cars
        before = words or before
        if counted and rate_of(claim.text, q) != rate:
            continue  # a weekly rate against a quarter's output: another measure
        shared = same_measure(prof.measure, words)
        if not shared and head is None:
            continue
        if not shared or (best is not None and len(shared) <= best[0]):
            facts = reader.facts_of(claim, q, words)
            if not shared and head is not None and facts.measure.head == head:
                shared = frozenset([head])  # "spend", "spent": one measure in other words
            if not shared or (best is not None and len(shared) <= best[0]):
                continue
        aligned = align(figure, reader.facts_of(claim, q, words), prof.market)
        if aligned is not None:
            best = (len(shared), aligned, shared)
    if best is None:
        return None
    _, aligned, shared = best
    return settle(aligned, prediction, expected, " ".join(sorted(shared)))


QUESTION = Question("measure", CLAIM_CUE, PREDICTION_CUE, gate, compare)
