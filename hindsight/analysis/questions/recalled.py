"""The recalled question: news that recalls a forecast and says it did not come true.

Why: reporting that holds a prediction to account writes the forecast and its fate in one
sentence — "Musk stated in 2019 that the robotaxi would be available in 2020, which clearly
never materialized", "An expected El Niño weather pattern ... has failed to eventuate". The
failure settles a forecast of the same thing: against one that expected it, for one that did
not ("not happening").

Prefer open to wrong:
- the sentence must recall an expectation (a verb of promising or saying with "would" or
  "will", or "an expected ..." before the thing) and then state its failure as done ("never
  materialized", "didn't happen", "failed to eventuate"); a failure only pending ("has yet to",
  "not yet") or only possible ("may never happen") settles nothing;
- what it recalls must name a word of the forecast's own beside its subject (its thing:
  "robotaxi", "weather"), not a year or a word of forecasting;
- the news must come after the forecast's window closed, unless it says "never".
"""

from __future__ import annotations

import re
from functools import lru_cache

from hindsight.analysis.caseless import Caseless
from hindsight.analysis.concepts import stem
from hindsight.analysis.matching import Profile, topic_words
from hindsight.analysis.questions.base import Question, Reader, Verdict, span
from hindsight.domain import Claim, Prediction, Stance

_I = re.IGNORECASE

# A failure stated as done (data: extend here).
_FAILED = (
    r"never\s+(?:materiali[sz]ed|happened|came\s+(?:true|to\s+pass)|arrived|eventuated)|"
    r"(?:did\s+not|didn['’]t)\s+(?:happen|materiali[sz]e|come\s+true|come\s+to\s+pass|"
    r"eventuate|arrive|pan\s+out)|"
    r"failed\s+to\s+(?:eventuate|materiali[sz]e|happen|come\s+true|arrive|develop)|"
    r"fell\s+through"
)
CLAIM_CUE = Caseless(rf"\b(?:{_FAILED})\b", _I)
_FAILED_RE = re.compile(rf"\b(?:{_FAILED})\b", _I)
# "may never happen": possible, not done.
_MAYBE_BEFORE = re.compile(r"\b(?:may|might|could|would|will)\s+$", _I)
# What recalls an expectation, in the clause that runs up to the failure: a verb of promising
# or saying with the modal of the thing it expected, an adjective of expectation before the
# thing, or a noun of promise before it ("Musk's 2019 promise of robotaxis in 2020").
_RECALL_RE = re.compile(
    r"\b(?:said|stated|promised|predicted|claimed|pledged|forecast|vowed|insisted|projected|"
    r"announced|expected)\b(?P<content>[^.;]*?\b(?:would|will|was\s+going\s+to|were\s+going\s+"
    r"to)\b[^.;]*)$"
    r"|\b(?:an?|the)\s+(?:long-)?(?:expected|predicted|promised|forecast|anticipated|touted)\s+"
    r"(?P<thing>[^.;]*)$"
    r"|\b(?:promise|prediction|forecast|pledge|vow)s?\s+(?:of|that)\s+(?P<promised>[^.;]*)$",
    _I,
)
# A negation in a forecast of the thing: which way it expected is not read here.
_NEGATED = re.compile(r"\b(?:not|never|no)\b|n['’]t\b", _I)
# Words of forecasting, not of the thing forecast.
_NOT_THING = frozenset({"predict", "prediction", "expect", "forecast", "promise", "say", "said"})


@lru_cache(maxsize=1024)
def recalled_failure(text: str) -> tuple[re.Match[str], re.Match[str]] | None:
    """The words recalling what was expected ("promised in 2019 that ... would be on the
    road"), and the words stating it failed ("but it didn't happen"), or None. Cached: the
    gate and every forecast paired with the claim ask again."""
    for failed in _FAILED_RE.finditer(text):
        before = text[: failed.start()]
        if _MAYBE_BEFORE.search(before):
            continue
        recall = _RECALL_RE.search(before)
        if recall is not None:
            return recall, failed
    return None


def _expected(recall: re.Match[str]) -> str:
    """What a recall says was expected: the clause after its verb, or the thing named."""
    return recall.group("content") or recall.group("thing") or recall.group("promised") or ""


def _heads(content: str, word: str) -> bool:
    """Whether the recalled words use the stem `word` as a noun phrase's last word, the thing
    itself ("robotaxis would be on the road"), not as a modifier of another ("El Niño weather
    pattern": no weather was expected)."""
    tokens = _TOKEN.findall(content.lower())
    for at, token in enumerate(tokens):
        if stem(token) != word:
            continue
        after = tokens[at + 1] if at + 1 < len(tokens) else ""
        if not after.isalpha() or after in _FUNCTION_WORDS:
            return True
    return False


_TOKEN = re.compile(r"[a-z][a-z'’-]*|[^\sa-z]")
# Words after a noun phrase's last word: a verb of the clause, a preposition, a conjunction.
_FUNCTION_WORDS_TEXT = """
    would will could can may might should must was were is are be been being has have had
    to on in at by of for from with and or but which that who as than into onto over under
    not never
"""
_FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())


def gate(reader: Reader, claim: Claim) -> bool:
    """What the claim must be for any prediction of this question (tested once per claim)."""
    return recalled_failure(claim.text) is not None


def compare(reader: Reader, claim: Claim, prediction: Prediction, prof: Profile) -> Verdict | None:
    """The recalled thing's failure, against a forecast naming the same thing."""
    found = recalled_failure(claim.text)
    if found is None:
        return None
    recall, failed = found
    content = _expected(recall)
    shared = {
        w
        for w in prof.topic & topic_words(content)
        if not w.isdigit() and w not in _NOT_THING and _heads(content, w)
    }
    if not shared:
        return None  # another thing recalled
    if prof.expects and _NEGATED.search(prediction.text):
        return None  # "that Tesla would not succeed in its plan to ...": which way is unclear
    window = prediction.expectation.window
    never = failed.group().lower().startswith("never")
    if not never and (window is None or claim.published is None or claim.published <= window.end):
        return None  # its time may not be over
    said = " ".join(re.sub(r"''|[“”]", '"', recall.group()).replace('"', "").split())
    said = said if len(said) <= 80 else said[:77].rsplit(" ", 1)[0] + "..."
    return Verdict(
        Stance.CONTRADICTS if prof.expects else Stance.SUPPORTS,
        0.9,
        f'recalled ("{said}") as "{span(claim.text, failed)}"; the prediction '
        + ("expected it" if prof.expects else "expected it would not come"),
        settled=True,
    )


QUESTION = Question("recalled", CLAIM_CUE, None, gate, compare)
