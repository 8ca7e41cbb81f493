"""The makeup question: what a product is built from ("the kit will use an A12Z inside a Mac
mini chassis", "the tablet will run on a Z9 chip").

Why: forecasts about a product's parts name them by their proper names and model codes, and
news that describes the product names the same parts ("a transition kit made from a Mac mini
with an A12Z"). When one stated fact names every distinctive name the forecast gives — at least
two, so that one shared name is never enough — and says what the thing is made of, it bears the
forecast out. It never contradicts: a sentence that leaves a part out has not said it is absent.
Forecasts that are negated or hedged as the less likely alternative are left alone (a match
would refute them only through a reading this comparison does not make).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from hindsight.analysis.caseless import Caseless
from hindsight.analysis.matching import Profile
from hindsight.analysis.questions.base import Question, Reader, Verdict, span
from hindsight.domain import Claim, Kind, Prediction, Stance, Subject

_I = re.IGNORECASE

# Words that say what a thing is built from (data: extend here).
COMPOSITION_WORDS = (
    r"use|uses|used|using|powered by|based on|based around|built (?:on|around|from|with)|"
    r"made from|made of|features?|featuring|inside|runs? on|running on|include|includes|"
    r"including|equipped with|fitted with"
)
CLAIM_CUE = Caseless(rf"\b(?:{COMPOSITION_WORDS})\b", _I)
PREDICTION_CUE = re.compile(rf"\b(?:{COMPOSITION_WORDS})\b", _I)
# Forecasts that do not expect the makeup they name.
_NOT_EXPECTED = re.compile(
    r"\bnot\b|n't\b|\bnever\b|\bno\b|\bless likely\b|\bunlikely\b|\bdoubt\w*|\bor\b,", _I
)
# Link targets and asides in parentheses describe a name; they are not part of the forecast.
_LINK = re.compile(r"\]\([^)]*\)")
_ASIDE = re.compile(r"\([^)]*\)")
# A model code ("A12Z", "M1", "Z9"), an acronym ("DTK"), or a capitalised word mid-sentence.
_CODE = re.compile(r"\b(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z\d]{2,}\b")
_ACRONYM = re.compile(r"\b[A-Z]{2,6}s?\b")
_NAME = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]+\b|(?<=\ban )[A-Z][a-z]+\b|(?<=\ba )[A-Z][a-z]+\b")
_MIN_NAMES = 2


def names_in(text: str, own: set[str]) -> frozenset[str]:
    """The distinctive names a forecast gives: model codes, acronyms and capitalised words
    other than the tracked subjects' own names (`own`, lower-cased words)."""
    plain = _ASIDE.sub(" ", _LINK.sub("]", text)).replace("[", " ").replace("]", " ")
    plain = plain.replace("*", "")
    found = {m.group() for m in _CODE.finditer(plain)}
    found |= {m.group().rstrip("s") for m in _ACRONYM.finditer(plain)}
    found |= {m.group() for m in _NAME.finditer(plain)}
    return frozenset(n for n in found if n.lower() not in own and not n.isdigit())


def parts_of(prediction: Prediction, subjects: Sequence[Subject]) -> frozenset[str]:
    """The names a forecast gives of a product and its parts, read once into its profile.

    Only the tracked subjects' names are left out ("Apple"), not the products learned for them
    from news: "Apple's A12Z processor" teaches A12Z as Apple's, and it is still the part the
    forecast names. Leaving learned products in keeps the reading the same however much news was
    read before the forecast's profile was made.
    """
    own = {
        w.lower()
        for s in subjects
        if not s.measured
        for n in (s.name, *s.aliases)
        if n not in s.products
        for w in n.split()
    }
    return names_in(prediction.text, own)


def _named(name: str, text: str) -> bool:
    """The claim names it: as written, or an acronym spelled out ("developer transition kit")."""
    if re.search(rf"\b{re.escape(name)}", text, _I):
        return True
    if not name.isupper():
        return False
    words = r"[\w-]*\s+".join(re.escape(letter) for letter in name)
    return re.search(rf"\b{words}[\w-]*", text, _I) is not None


def gate(reader: Reader, claim: Claim) -> bool:
    """A stated fact, not denied."""
    return claim.modality == "fact" and claim.polarity


def compare(reader: Reader, claim: Claim, prediction: Prediction, prof: Profile) -> Verdict | None:
    if prediction.kind not in (Kind.EVENT, Kind.QUALITATIVE, Kind.COMMITMENT):
        return None
    if not prof.expects or _NOT_EXPECTED.search(prediction.text):
        return None
    names = prof.parts
    if len(names) < _MIN_NAMES:
        return None
    if not all(_named(n, claim.text) for n in names):
        return None
    cue = reader.search(CLAIM_CUE, claim)
    said = f' ("{span(claim.text, cue)}")' if cue else ""
    return Verdict(
        Stance.SUPPORTS,
        0.9,
        f"names {', '.join(sorted(names))} and what it is built from{said}; the prediction "
        "expected that makeup",
    )


def asks(prediction: Prediction, parts: frozenset[str]) -> bool:
    """The forecast says what a product is built from, with enough names (`parts_of`) to check
    it."""
    return bool(PREDICTION_CUE.search(prediction.text)) and len(parts) >= _MIN_NAMES


QUESTION = Question("makeup", CLAIM_CUE, None, gate, compare)
