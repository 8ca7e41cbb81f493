"""The capacity question."""

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
    r"\bfactor(?:y|ies)\b|\bplants?\b|\bcapacity\b|\bproduction (?:base|line|facilit\w+)\b|"
    r"\bmanufactur\w+\b|\bgreenfield\b|\bstake\b|\bacqui\w+|\btake ?over\b|\bpick up\b|"
    r"\b(?:share)?holding\b",
    _I,
)
# What a prediction must say to ask it (looser: forecasts are phrased vaguely).
PREDICTION_CUE = re.compile(
    r"\bfactor(?:y|ies)\b|\bplants?\b|\bcapacity\b|\bmanufactur\w+|\bgreenfield\b|"
    r"\bcontract[- ]manufactur\w+|\bproduction facilit\w+",
    _I,
)
_BUILD_OWN = Caseless(
    r"\bgreenfield\b|\b(?:build|builds|building|built|construct\w*|complet\w*|finish\w*)\b[^.;]{0,50}"
    r"\b(?:factory|plant|facility|production base)\b|\b(?:its|their) own (?:\w+ )?"
    r"(?:factor(?:y|ies)|plants?)\b|\b(?:its|their) existing (?:factor(?:y|ies)|plants?)\b|"
    r"\b(?:phase two|second phase|phase 2)\b[^.;]{0,40}\b(?:factory|plant)\b|"
    r"\b(?:factory|plant)\b[^.;]{0,40}\b(?:built|constructed|completed)\b|"
    r"\b(?:agreement|deal|contract|land|plot|site)\b[^.;]{0,40}\b(?:factory|plant)\b|"
    r"\b(?:two|three)-phase\b[^.;]{0,30}\b(?:factory|plant)\b|"
    r"\b(?:factor(?:y|ies)|plants?) (?:it|they) already (?:has|have|owns?)\b",
    _I,
)
_USE_EXISTING = Caseless(
    r"\b(?:acqui\w+|buy\w*|purchas\w+|take ?over|pick up|stake in)\b[^.;]{0,60}?\b(?:capacity|"
    r"factor(?:y|ies)|plants?|facilit\w+|carmaker|automaker|NEV|Motors?)\b|"
    r"\bstake in [A-Z]|\bproduction facilities\b|\bavailable capacity\b|"
    r"\b(?:stake|holding|shareholding)s? in [A-Z][\w-]* (?:NEV|EV|Motors?|Auto(?:mobile)?)\b|"
    r"\b[A-Z][\w-]* (?:NEV|EV|Motors?|Auto(?:mobile)?) (?:stake|holding|shareholding)\b|"
    r"\bidl\w+ (?:capacity|plants?|factor\w+)|\bcapacity[^.;]{0,20}\bidl\w+|"
    r"\bcontract[- ]manufactur\w*|(?<!its )(?<!own )\bexisting capacity\b",
    _I,
)
_ACQUIRE = Caseless(r"\b(?:acqui\w+|buy\w*|bought|purchas\w+|take ?over|stake|holding)\b")
_ALTERNATIVE = re.compile(r"\binstead of\b|\brather than\b", _I)
_BUILD_OWN_PRED = re.compile(
    r"\bgreenfield\b|\bbuild (?:its|their) own\b|\bown (?:factory|plant)"
    r"|\bnew (?:factory|plant)\b",
    _I,
)
_USE_EXISTING_PRED = re.compile(
    r"\bavailable capacity\b|\bexisting capacity\b|\bacquire "
    r"(?:\w+ ){0,2}capacity\b|\bidl\w+\b|\bcontract[- ]manufactur\w*"
    r"|\butiliz\w+ (?:\w+ ){0,2}capacity\b",
    _I,
)


def gate(reader: Reader, claim: Claim) -> bool:
    """What the claim must be for any prediction of this question (tested once per claim)."""
    return bool(reader.search(_BUILD_OWN, claim) or reader.search(_USE_EXISTING, claim))


def compare(reader: Reader, claim: Claim, prediction: Prediction, prof: Profile) -> Verdict | None:
    expected = reader.memo(
        "capacity routes", prediction.key, lambda: _expectations(prediction, prof)
    )
    routes = [
        ("building its own plant", _BUILD_OWN),
        ("using existing capacity", _USE_EXISTING),
    ]
    if reader.search(_ACQUIRE, claim):
        routes.reverse()  # "a deal to buy Oldco's plant" is an acquisition, not a build
    for name, pattern in routes:
        if name not in expected:
            continue
        match = reader.search(pattern, claim)
        if match is None or (
            pattern is _USE_EXISTING and reader.names_subject(span(claim.text, match))
        ):
            continue  # a stake in the subject's own unit is not someone else's capacity
        happened = claim.polarity
        wanted_it, implied = expected[name]
        agrees = happened == wanted_it
        said = ("reports" if happened else "denies") + f" {name}"
        if implied:
            other = next(n for n in expected if n != name)
            wanted = f"expected {other} instead"
        else:
            wanted = "expected it" if wanted_it else "ruled it out"
        return Verdict(
            Stance.SUPPORTS if agrees else Stance.CONTRADICTS,
            1.0,
            f"claim {said}; the prediction {wanted}",
        )
    return None


def _expectations(prediction: Prediction, prof: Profile) -> dict[str, tuple[bool, bool]]:
    """Which capacity routes the prediction expects (True) or rules out (False), and whether
    that is only implied.

    Routes named after "instead of"/"rather than" get the opposite of the main expectation.
    The two routes are alternatives: a prediction that names only one expects the other
    not to happen (acquiring capacity is refuted by building one's own plant, and back).
    """
    text = prediction.text
    pivot = _ALTERNATIVE.search(text)
    out: dict[str, tuple[bool, bool]] = {}
    routes = (
        ("building its own plant", _BUILD_OWN_PRED),
        ("using existing capacity", _USE_EXISTING_PRED),
    )
    for name, pattern in routes:
        m = pattern.search(text)
        if m is None:
            continue
        flipped = pivot is not None and m.start() > pivot.start()
        out[name] = (prof.expects != flipped, False)
    if len(out) == 1:
        ((named, (wanted, _)),) = out.items()
        other = next(name for name, _ in routes if name != named)
        out[other] = (not wanted, True)
    return out


QUESTION = Question("capacity", CLAIM_CUE, PREDICTION_CUE, gate, compare)
