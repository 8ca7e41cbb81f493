"""The contest question: who wins a named prize ("the Astros win the AL West", "Trout wins the
AL MVP", "the party wins the election").

A pick names a winner and a prize; the result sentence that settles it names the winner of the
same prize ("Boston clinched the AL East"). It is borne out when the named winner is the pick,
refuted when another party is named as having won that very prize, and left open otherwise:
another prize ("the AL pennant" against "the AL West"), another year, a plan or a hope ("aims
to win"), or a result that names no winner say nothing. The prize is compared by its words,
each of the pick's in the result's (case aside), so "the American League West" is not "the AL
West" (prefer open to wrong). The result sentence is read by `titles.titles_taken`, which the
placing question's ranked picks share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from hindsight.analysis.caseless import Caseless
from hindsight.analysis.matching import Profile
from hindsight.analysis.questions.base import Question, Reader, Verdict
from hindsight.analysis.titles import (
    ONE_OF_MANY,
    PRIZE_NOUNS,
    bare_name,
    names_title,
    title_words,
    titles_taken,
)
from hindsight.domain import Claim, Prediction, Stance

_I = re.IGNORECASE

# Verbs of winning, in the forecast's tenses and the result's.
_WIN_FUTURE = (
    r"(?:win|wins|winning|take|takes|taking|clinch|clinches|capture|captures|claim|claims)"
)
# A result's verb of winning, any tense: "won", "clinched", "held off Pittsburgh to win".
CLAIM_CUE = Caseless(
    r"\b(?:won|wins?|clinch\w*|captured|captures|took|takes|claimed|claims|secured)\b", _I
)
_NAME = r"[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){0,3}"
_ARTICLE = r"(?:the|a|an|its|their|his|her)\s+"
_YEAR = r"(?:(?:19|20)\d\d\s+)"
_MODAL = r"(?:(?:will|should|would|to|can|could|is going to)\s+)?"
# "<Name> will win the <prize>", "<Name> to take the <prize>", "<Name> wins the <prize>", and
# the last of a pick's deeds: "<Name> beats the Rangers and wins the <prize>".
PREDICTION_CUE = re.compile(
    rf"(?P<who>{_NAME})\s+{_MODAL}(?:(?:beat|beats|defeat|defeats)\s+(?:the\s+)?{_NAME}\s+"
    rf"and\s+{_MODAL})?(?:(?:go on|be able) to\s+)?{_WIN_FUTURE}\s+(?:{_ARTICLE})?{_YEAR}?"
    r"(?P<prize>[^.;,!?]+)"
)


@dataclass(frozen=True)
class _Pick:
    name: str  # the winner as the forecast names it
    who: frozenset[str]  # the winner's name words
    prize: tuple[str, ...]  # the prize's words, lower-cased

    @property
    def named(self) -> bool:
        """Whether the prize has a name ("the Stanley Cup", "the AL West"), not only common
        nouns ("a championship", "their series")."""
        return any(word not in PRIZE_NOUNS for word in self.prize)

    @property
    def one_of_many(self) -> bool:
        """Whether the prize is only a common noun of which a season has many ("their series",
        "an award"): another's win of one is perhaps not the one picked, so refutes nothing."""
        return all(word in ONE_OF_MANY for word in self.prize)


def _who(name: str) -> frozenset[str]:
    return frozenset(bare_name(name).split())


@lru_cache(maxsize=4096)
def pick_of(text: str) -> _Pick | None:
    """The winner and the prize a forecast names, or None."""
    m = PREDICTION_CUE.search(text)
    if m is None:
        return None
    who, prize = _who(m.group("who")), title_words(m.group("prize"))[0]
    if not who or not prize:
        return None
    return _Pick(bare_name(m.group("who")), who, prize)


def _one_party(reader: Reader, winner: str, picked: frozenset[str]) -> bool:
    """Whether the winner is the pick under another of its names: names of one tracked subject
    ("GSW" and "the Golden State Warriors", learned from the news), or a name and its initials."""
    said = bare_name(winner)
    for subject in reader.subjects:
        names = {subject.name, *subject.aliases}
        if said in names and any(frozenset(n.split()) == picked for n in names):
            return True
    initials = "".join(w[0] for w in said.split() if w[:1].isupper())
    return len(picked) == 1 and len(initials) >= 2 and initials in picked  # "GSW" alone


def _years(text: str) -> set[str]:
    return set(re.findall(r"\b(?:19|20)\d\d\b", text))


def gate(reader: Reader, claim: Claim) -> bool:
    """A stated result: a fact, asserted."""
    return claim.modality == "fact" and claim.polarity


def compare(reader: Reader, claim: Claim, prediction: Prediction, prof: Profile) -> Verdict | None:
    """The result sentence's winner of the pick's prize against the pick."""
    pick = pick_of(prediction.text)
    if pick is None or claim.modality != "fact" or not claim.polarity:
        return None
    years = {int(y) for y in _years(claim.text)}
    window = prediction.expectation.window
    if window is not None and any(not window.start.year <= y <= window.end.year for y in years):
        return None  # another season's result
    when = claim.event_date
    if window is not None and when is not None and when < window.start:
        return None  # a result from before the forecast's window
    if prediction.deadline is not None and when is not None and when > prediction.deadline:
        return None  # a later season's result
    for taken in titles_taken(claim.text):
        if not names_title(taken.title, pick.prize):
            continue  # another prize ("AL pennant" against "AL West")
        winner = _who(taken.taker)
        if not winner:
            continue
        agrees = bool(winner & pick.who) or _one_party(reader, taken.taker, pick.who)
        if not agrees and pick.one_of_many:
            continue  # "won the series": perhaps another series than the one picked
        return Verdict(
            Stance.SUPPORTS if agrees else Stance.CONTRADICTS,
            0.9,
            f'"{taken.said}": the pick was {pick.name}',
        )
    return None


QUESTION = Question("contest", CLAIM_CUE, PREDICTION_CUE, gate, compare)
