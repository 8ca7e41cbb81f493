"""Picks of who wins a fixture a preview heads a section with ("### Match 1: Wales vs Denmark").

A tournament preview gives each meeting its own section and makes its calls in prose under it:
"Denmark are clearly the favourites", "we will go for a Belgium win", "Gerald's model puts
Spain as 2-0 winners", "We are backing the Germans to dump the English out", or a score line
("Belgium 2-1 Portugal"). Each is a forecast that one side of the heading's two beats the
other, which the matchup question settles with the news of who beat whom.

A side is named by its name or its people ("a Danish win", "the Swedes"): the heading leaves
only two to choose from, so a shared stem of four letters, or a place the word names, is
enough. Prefer open to wrong: a call that says more than who wins (a score, "a comfortable
win", "after extra time", "on penalties") is borne out only when all of it is, which this
reading cannot check, so only the other side's win settles it (it refutes). A sentence naming
both sides as winners, a negated call, or one naming neither side picks nobody. Pure logic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from hindsight.analysis.places import places_in

__all__ = ["FixturePick", "fixture_of", "fixture_pick", "side_named"]

_SIDE = r"[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){0,3}"
# "RO16 Match 1: Wales vs Denmark", "Italy v Austria (Neutral ground)". Not a dash: "Apple –
# Looking Ahead" is a heading's two parts, no meeting.
_FIXTURE = re.compile(
    rf"(?:^|:\s*)(?P<a>{_SIDE})\s+(?:vs\.?|v\.?|versus)\s+(?P<b>{_SIDE})\s*(?:\(|$)"
)
# What names the winner of a call: "<side> are the favourites", "a <side> win", "<side> to
# win", "<side> as 1-0 victors", "tipping <side> to edge", "backing <side> to dump ... out".
_WINNER_AFTER = re.compile(
    r"\s*(?:(?:are|is)\s+(?:clearly\s+|the\s+|big\s+|strong\s+)*favou?rites?|favou?rites?"
    r"|as\s+(?:the\s+)?(?:\d+-\d+\s+)?(?:favou?rites?|winners|victors)"
    r"|(?:will|should|to|can)\s+(?:\w+ly\s+)?(?:win|edge|beat|dump|knock|see\s+off|progress|"
    r"go\s+through|advance)\b|win(?:s|ning)?\b|victory\b)",
    re.I,
)
_WINNER_BEFORE = re.compile(
    r"\b(?:tipping|backing|backs?|tip|fancy|go\s+for|going\s+for)\s+(?:the\s+)?$", re.I
)
# A score line: "Belgium 2-1 Portugal", "Sweden 1-1 Ukraine (Sweden to win on penalties)".
_SCORE_LINE = re.compile(rf"^\W*(?P<a>{_SIDE})\s+(?P<x>\d+)\s*[-–]\s*(?P<y>\d+)\s+(?P<b>{_SIDE})")
# What a call says beyond who wins.
_QUALIFIED = re.compile(
    r"\b\d+\s*[-–]\s*\d+\b|\bcomfortabl[ey]\b|\bconvincing\w*|\beasil?y\b|\bextra[ -]time\b|"
    r"\bpenalt|\bshoot-?out\b|\bclean sheet\b|\bby\s+(?:two|three|\d+)\s+goals?\b|\bscoreline\b|"
    r"\brout\b|\bthrash",
    re.I,
)
_NEGATED = re.compile(r"\b(?:not|n[’']t|never|no\s+way|doubt)\b", re.I)


@dataclass(frozen=True)
class FixturePick:
    """A call that `winner` beats `loser`; `qualified` when it says more (a score, a margin)."""

    winner: str
    loser: str
    qualified: bool


@lru_cache(maxsize=1024)
def fixture_of(heading: str | None) -> tuple[str, str] | None:
    """The two sides a heading names as one meeting ("Match 1: Wales vs Denmark"), or None."""
    if not heading:
        return None
    m = _FIXTURE.search(" ".join(heading.strip("#*_ \t").split()))
    if m is None or m["a"] == m["b"]:
        return None
    return m["a"], m["b"]


def side_named(word: str, sides: tuple[str, str]) -> str | None:
    """The side of the two a word names ("Danish", "Swedes", "the English"), or None."""
    lower = word.lower().removeprefix("the ")
    found = {side for side in sides if side.lower() == lower or side.lower() in lower}
    if len(found) != 1:
        places = places_in(word)
        found = {side for side in sides if places and places_in(side) == places}
    if len(found) != 1:
        found = {side for side in sides if _stem_shared(lower, side.lower())}
    return found.pop() if len(found) == 1 else None


def _stem_shared(word: str, side: str) -> bool:
    """A people's name and its place's share their first four letters ("Swedes", "Sweden")."""
    first = side.split()[0]
    return len(word) >= 4 and len(first) >= 4 and word[:4] == first[:4]


@lru_cache(maxsize=4096)
def fixture_pick(text: str, heading: str | None) -> FixturePick | None:
    """Who the call under a fixture's heading picks to win, or None (see the module)."""
    sides = fixture_of(heading)
    if sides is None:
        return None
    score = _SCORE_LINE.match(text)
    if score is not None:
        a, b = side_named(score["a"], sides), side_named(score["b"], sides)
        after = text[score.end() :]
        if a is None or b is None or a == b:
            return None
        x, y = int(score["x"]), int(score["y"])
        if x == y:  # a draw, then "(Sweden to win on penalties)"
            return _called(after, sides, qualified=True)
        winner = a if x > y else b
        return FixturePick(winner, a if winner == b else b, qualified=True)
    if _NEGATED.search(text):
        return None
    return _called(text, sides, qualified=bool(_QUALIFIED.search(text)))


_WORD = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")


def _called(text: str, sides: tuple[str, str], qualified: bool) -> FixturePick | None:
    """The one side the text names as the winner of its call."""
    winners = set()
    for m in _WORD.finditer(text):
        side = side_named(m.group(), sides)
        if side is None:
            continue
        if _WINNER_AFTER.match(text, m.end()) or _WINNER_BEFORE.search(text, 0, m.start()):
            winners.add(side)
    if len(winners) != 1:
        return None
    winner = winners.pop()
    loser = sides[1] if winner == sides[0] else sides[0]
    return FixturePick(winner, loser, qualified)
