"""The contest question: who wins a named prize ("the Astros win the AL West", "Trout wins the
AL MVP", "the party wins the election").

A pick names a winner and a prize; the result sentence that settles it names the winner of the
same prize ("Boston clinched the AL East"). It is borne out when the named winner is the pick,
refuted when another party is named as having won that very prize, and left open otherwise:
another prize ("the AL pennant" against "the AL West"), another year, a plan or a hope ("aims
to win"), or a result that names no winner say nothing. The prize is compared by its words,
each of the pick's in the result's (case aside), so "the American League West" is not "the AL
West" (prefer open to wrong). The words that may close a prize's name are data (`PRIZE_NOUNS`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hindsight.analysis.caseless import Caseless
from hindsight.analysis.matching import Profile
from hindsight.analysis.questions.base import Question, Reader, Verdict
from hindsight.domain import Claim, Prediction, Stance

_I = re.IGNORECASE

# Lower-case words that name or close a prize: "the NL pennant", "the league title".
PRIZE_NOUNS = frozenset(
    [
        *("pennant", "title", "titles", "championship", "crown", "cup", "trophy", "award"),
        *("medal", "prize", "series", "division", "league", "election", "primary"),
        *("nomination", "race", "tournament", "final", "finals", "playoff", "playoffs"),
        *("wild", "card"),
    ]
)
# Verbs of winning, in the forecast's tenses and the result's.
_WIN_FUTURE = (
    r"(?:win|wins|winning|take|takes|taking|clinch|clinches|capture|captures|claim|claims)"
)
_WIN_PAST = r"(?:won|wins|clinched|clinches|captured|captures|took|takes|claimed|claims|secured)"

CLAIM_CUE = Caseless(rf"\b{_WIN_PAST}\b", _I)
_NAME = r"[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){0,3}"
_ARTICLE = r"(?:the|a|an|its|their|his|her)\s+"
_YEAR = r"(?:(?:19|20)\d\d\s+)"
# "<Name> will win the <prize>", "<Name> to take the <prize>", "<Name> wins the <prize>".
PREDICTION_CUE = re.compile(
    rf"(?P<who>{_NAME})\s+(?:(?:will|should|would|to|can|could|is going to)\s+)?"
    rf"(?:(?:go on|be able) to\s+)?{_WIN_FUTURE}\s+(?:{_ARTICLE})?{_YEAR}?(?P<prize>[^.;,!?]+)"
)
_RESULT = re.compile(
    rf"(?P<who>{_NAME})\s+(?:(?:has|have|had)\s+)?(?:\w+ly\s+)?{_WIN_PAST}\s+(?:{_ARTICLE})?"
    rf"{_YEAR}?(?P<prize>[^.;,!?]+)"
)
_NOT_A_WINNER = frozenset(["The", "A", "An", "It", "They", "He", "She", "This", "That", "Who"])


@dataclass(frozen=True)
class _Pick:
    who: frozenset[str]  # the winner's name words
    prize: tuple[str, ...]  # the prize's words, lower-cased


def _prize(text: str) -> tuple[str, ...]:
    """The prize's name: capitalised words, codes and prize nouns from the start of `text`."""
    words: list[str] = []
    for token in re.findall(r"[\w.'’&-]+", text):
        if token[:1].isupper() or token.isdigit() or token.lower() in PRIZE_NOUNS:
            words.append(token.lower())
        elif token.lower() in ("of", "the") and words:
            continue
        else:
            break
    return tuple(w for w in words if not re.fullmatch(r"(?:19|20)\d\d", w))


def _who(name: str) -> frozenset[str]:
    return frozenset(w for w in name.split() if w not in _NOT_A_WINNER)


def pick_of(text: str) -> _Pick | None:
    """The winner and the prize a forecast names, or None."""
    m = PREDICTION_CUE.search(text)
    if m is None:
        return None
    who, prize = _who(m.group("who")), _prize(m.group("prize"))
    if not who or not prize:
        return None
    return _Pick(who, prize)


def _one_party(reader: Reader, winner: str, picked: frozenset[str]) -> bool:
    """Whether the winner is the pick under another of its names: names of one tracked subject
    ("GSW" and "the Golden State Warriors", learned from the news), or a name and its initials."""
    said = " ".join(w for w in winner.split() if w not in _NOT_A_WINNER)
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
    if window is not None and claim.event_date is not None and claim.event_date < window.start:
        return None  # a result from before the forecast's window
    for m in _RESULT.finditer(claim.text):
        found = _prize(m.group("prize"))
        if not found or not set(pick.prize) <= set(found) or len(found) > len(pick.prize) + 1:
            continue  # another prize ("AL pennant" against "AL West")
        winner = _who(m.group("who"))
        if not winner:
            continue
        agrees = bool(winner & pick.who) or _one_party(reader, m.group("who"), pick.who)
        return Verdict(
            Stance.SUPPORTS if agrees else Stance.CONTRADICTS,
            0.9,
            f"{m.group('who')} won the {' '.join(found)}; the pick was "
            f"{' '.join(sorted(pick.who))}",
        )
    return None


QUESTION = Question("contest", CLAIM_CUE, PREDICTION_CUE, gate, compare)
