"""The shipped question: whether a release came with a feature the forecast named by example.

Why: a release plan says what the release will hold by naming examples of each thing ("React
18 will include out-of-the-box improvements (like automatic batching), new APIs (like
startTransition) ..."), and the news of the release says what it came with: "React 18
launched with automatic batching, new APIs such as startTransition and streaming server-side
rendering". The feature the plan gave as its example, named in a report of the release
shipping with it, bears the forecast out.

Prefer open to wrong:
- the feature is what the forecast gives as an example ("like X", "such as X"), and every
  word of it must be in the claim (a product's own name, "iPhone", is no feature of a
  release, and a maker "introducing" something is no release coming with it);
- the claim must say the release came with it ("launched with", "shipped with", "includes"),
  as a fact, and not leave it out ("without X", "dropped X", "X was postponed");
- it never refutes: a report that does not name a feature has not said it is missing.
"""

from __future__ import annotations

import re
from functools import lru_cache

from hindsight.analysis.caseless import Caseless
from hindsight.analysis.matching import Profile
from hindsight.analysis.questions.base import Question, Reader, Verdict
from hindsight.domain import Claim, Prediction, Stance

_I = re.IGNORECASE

# Words that say a release came with something (data: extend here).
_CAME_WITH = (
    r"(?:launched|launches|shipped|ships|released|arrived|arrives|landed|lands|came|comes|"
    r"debuted|debuts|went\s+live|is\s+out|"
    r"was\s+launched|was\s+released|was\s+shipped|now\s+available)\s+with|includes|included|"
    r"brought|brings|adds|added"  # not "introduced": a maker introduces a product
)
CLAIM_CUE = Caseless(rf"\b(?:{_CAME_WITH})\b", _I)
_CAME_WITH_RE = re.compile(rf"\b(?:{_CAME_WITH})\b", _I)
# An example the forecast gives of what the release will hold: "(like automatic batching)",
# "such as startTransition".
_EXAMPLE = re.compile(r"\b(?:like|such\s+as|e\.g\.,?|including)\s+(?P<feature>[^(),;.]{3,40})", _I)
PREDICTION_CUE = _EXAMPLE  # a forecast asks this question when it gives an example
# What leaves a feature out: "without X", "dropped X", "X was postponed".
_LEFT_OUT = re.compile(
    r"\b(?:without|not|no|dropp\w*|remov\w*|postpon\w*|delay\w*|later|except|minus|pulled)\b",
    _I,
)
# Words of a feature too common to name it.
_PLAIN = frozenset(["the", "a", "an", "new", "and", "of", "for", "with", "to", "in", "on"])


@lru_cache(maxsize=4096)
def features_of(text: str) -> tuple[tuple[str, ...], ...]:
    """The features a forecast names by example, each as its lower-cased words."""
    found: list[tuple[str, ...]] = []
    for m in _EXAMPLE.finditer(text):
        words = tuple(w for w in re.findall(r"[\w.'’-]+", m["feature"].lower()) if w not in _PLAIN)
        if words:
            found.append(words)
    return tuple(dict.fromkeys(found))


def gate(reader: Reader, claim: Claim) -> bool:
    """A release's contents stated as fact."""
    return claim.modality == "fact" and claim.polarity


def compare(reader: Reader, claim: Claim, prediction: Prediction, prof: Profile) -> Verdict | None:
    """A feature the forecast names, reported as part of what the release came with."""
    if not prof.expects:
        return None
    features = features_of(prediction.text)
    if not features:
        return None
    lower = claim.text.lower()
    verbs = list(_CAME_WITH_RE.finditer(claim.text))
    words = set(re.findall(r"[\w.'’-]+", lower))
    for feature in features:
        if not set(feature) <= words:
            continue
        at = lower.find(feature[0])
        verb = next((v for v in reversed(verbs) if v.end() <= at), None)
        if verb is None:
            continue  # named before any word of coming with: not what the release came with
        if _LEFT_OUT.search(lower, verb.end(), at):
            continue  # "launched without automatic batching"
        named = claim.text[at : at + len(" ".join(feature))]  # as the claim writes it
        said = " ".join(claim.text[verb.start() : at + len(named)].split())
        if len(said) > 90:
            said = f"{verb.group()} ... {named}"
        return Verdict(
            Stance.SUPPORTS, 0.8, f'"{said}": the release came with {named}, as forecast'
        )
    return None


QUESTION = Question("shipped", CLAIM_CUE, PREDICTION_CUE, gate, compare)
