"""Picks of where a team finishes in a competition, and the results that settle them.

A preview of a tournament or a season lists its calls as labelled picks: "Group Winner:
Uruguay", "Second Place: Egypt", "AL East champion: Yankees", under a heading that names the
competition ("Group A"). Each is a forecast that this team finishes in this place of this
competition. The news that settles it says where the team finished: "Brazil won Group E",
"France topped the group with seven points", "leaving Germany last in Group F", "England were
second with 6 points", or a table of points ("Uruguay 9 points, Russia 6, Saudi Arabia 3,
Egypt 0").

The words that name a place are data (`PLACES`); a competition is read by its kind and its
letter or name ("Group A", "Pool B", "AL East"). Pure logic: no database, no Prefect.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

__all__ = [
    "LAST",
    "PICK_LABELS",
    "PLACES",
    "Pick",
    "Placing",
    "competition_in",
    "pick_of",
    "placings",
    "ranked_context",
    "same_team",
]

LAST = 99  # the place of the last team, whatever the number of teams

# Words naming a finishing place, lower-cased -> the place (1 = first).
PLACES: dict[str, int] = {
    **dict.fromkeys(("winner", "winners", "champion", "champions", "first place", "top"), 1),
    **dict.fromkeys(("first", "1st", "top spot", "first-place"), 1),
    **dict.fromkeys(("second place", "second", "2nd", "runner-up", "runners-up"), 2),
    **dict.fromkeys(("runner up", "runners up", "second-place"), 2),
    **dict.fromkeys(("third place", "third", "3rd", "third-place"), 3),
    **dict.fromkeys(("fourth place", "fourth", "4th", "fourth-place"), 4),
    **dict.fromkeys(("last place", "last", "bottom", "last-place"), LAST),
}
_PLACE_WORDS = "|".join(re.escape(p) for p in sorted(PLACES, key=len, reverse=True))

# A competition: a group or pool with its letter, a league's division, a conference.
_COMPETITION = re.compile(
    r"\b(?P<kind>Group|Pool|Bracket)\s+(?P<name>[A-Z0-9])\b"
    r"|\b(?P<league>(?:AL|NL|AFC|NFC|American League|National League)\s+(?:East|West|Central|"
    r"North|South)|(?:Eastern|Western|Northern|Southern) Conference)\b"
)
_NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
# "Group Winner: Uruguay", "Second Place: Egypt", "AL East champion: New York Yankees".
_PICK_LINE = re.compile(
    rf"^\s*(?P<label>[A-Z][\w '’-]{{0,40}}?)\s*:\s*(?P<team>{_NAME})\s*[.!]?\s*$"
)
# The words that make a label a pick: a bare "top" or "first" labels other things ("Top pick:
# Nvidia", "First impressions: ..."), so a label names a place in full.
PICK_LABELS = frozenset(
    p for p in PLACES if p not in ("top", "first", "second", "third", "fourth", "last", "bottom")
)
_LABEL_PLACE = re.compile(
    r"\b(?P<place>"
    + "|".join(re.escape(p) for p in sorted(PICK_LABELS, key=len, reverse=True))
    + r")\b",
    re.I,
)


@dataclass(frozen=True)
class Pick:
    """A forecast that `team` finishes `place` in `competition` (None: the heading's)."""

    team: str
    place: int
    competition: str | None

    @property
    def titled(self) -> str | None:
        """The named competition the pick says the team wins, whose title's winner settles it
        whoever that is ("the Buccaneers win the NFC South"); None for any other pick."""
        return self.competition if self.place == 1 else None


@dataclass(frozen=True)
class Placing:
    """A result: `team` finished `place`, in `competition` when the sentence names one."""

    team: str
    place: int  # LAST when only "last" is said
    competition: str | None
    said: str  # the words that say it, for the reason line
    last: bool = False  # at the bottom (a table's last row, "finished last")

    def bears_out(self, pick: Pick) -> bool:
        """Whether this placing is the picked one."""
        if pick.place == LAST:
            return self.last
        return self.place == pick.place


def competition_in(text: str) -> str | None:
    """The competition `text` names ("Group A", "AL East"), normalised, or None."""
    m = _COMPETITION.search(text)
    if m is None:
        return None
    if m.group("league"):
        return " ".join(m.group("league").split())
    return f"{m.group('kind')} {m.group('name')}"


# A ranked list's entry: the team and, in parentheses, what else the author says of it ("Jets
# (Playoffs)").
_RANKED_LINE = re.compile(rf"^\s*(?P<team>{_NAME})\s*(?:\([^()]*\))?\s*[.!]?\s*$")
# How a ranked pick's context line says its place, after the competition: "AFC East — ranked
# 1st". The reader sees it; `pick_of` reads it back.
_RANKED_CONTEXT = re.compile(r" — ranked (?P<place>\d+)(?:st|nd|rd|th)$")


def ranked_context(line: str, number: int | None, heading: str) -> str | None:
    """The context line of a ranked list's first entry under a competition's heading ("## AFC
    East", then "1. Jets (Playoffs)"): the author's pick of who finishes first, or None.

    Only the first entry is read as a pick. A later number is a place too, but the author
    usually tags it with what it means ("2. Bills (Playoffs)": through to the post-season), and
    the news that settles it says that, not "finished second"; an ordered list anywhere else
    ("1. Google pivoting") only counts its points."""
    if number != 1 or competition_in(heading) is None or not _RANKED_LINE.match(line):
        return None
    return f"{heading.strip('# ')} — ranked 1st"


@lru_cache(maxsize=4096)
def pick_of(line: str, context: str | None = None) -> Pick | None:
    """The pick a labelled line makes ("Group Winner: Uruguay"), its competition read from the
    label or else from `context` (the heading above it), or the pick of a ranked list's entry
    whose context says its place (`ranked_context`); None for any other line."""
    m = _PICK_LINE.match(line)
    if m is None:
        ranked = _RANKED_CONTEXT.search(context or "")
        entry = _RANKED_LINE.match(line)
        if ranked is None or entry is None:
            return None
        return Pick(entry.group("team"), int(ranked.group("place")), competition_in(context or ""))
    label = m.group("label").rstrip()
    place = next((p for p in _LABEL_PLACE.finditer(label) if p.end() == len(label)), None)
    if place is None:
        return None  # "Champions League: Real Madrid": a place word inside another name
    competition = competition_in(m.group("label")) or (competition_in(context) if context else None)
    return Pick(m.group("team"), PLACES[place.group("place").lower()], competition)


_ORDINAL = rf"(?P<place>{_PLACE_WORDS})"
# A group named with its letter, as results write it ("Group E", "Pool B").
_GROUP = r"(?:Group|Pool|Division|Conference)\s+[A-Z0-9]\b"
_IN_COMPETITION = (
    rf"\s+(?:in|of)\s+(?:the\s+)?(?P<comp>{_GROUP}|group|pool|table|standings|division)"
)
# What may follow a finishing place: the clause's end, or how and where it was won ("won Group
# G with 9 points", "second on fewer yellow cards", "third behind Switzerland"); anything else
# makes the words another thing ("second best", "the Group E opener", "first team to qualify").
_PLACE_END = r"(?=\s*(?:[,.;:)]|$)|\s+(?:with|on|behind|ahead|and|at|overall)\b)"
# Where a bare place ends: the clause, how or where, or the competition it was in.
_PLACE_ENDS = rf"(?:{_PLACE_END}|{_IN_COMPETITION})"
# Sentences that say where a team finished. `{team}` is filled with the team's name.
_RESULT_FORMS = (
    # "Brazil ... won Group E", "Spain ... top Group B", "France topped the group"
    r"\b{team}\b[^.;]{{0,90}}?\b(?:won|wins|topped|tops|top|clinched|claimed)\s+(?:the\s+)?"
    rf"(?P<comp>{_GROUP}|group|pool|division)" + _PLACE_END,
    # "Sweden finished first", "Japan took second place", "England were second with 6"
    r"\b{team}\b[^.;]{{0,80}}?\s+(?:finished|ended|came|take|takes|took|were|was|placed)\s+"
    r"(?:in\s+)?"
    # ("second place" says a place whatever follows; a bare "second" only where the clause
    # ends or says how or where)
    rf"(?:the\s+)?{_ORDINAL}(?:\s+(?:place|spot)\b|\b{_PLACE_ENDS})",
    # "leaving Germany last in Group F", "leaving Denmark runners-up"
    rf"\bleaving\s+{{team}}\s+{_ORDINAL}\b{_PLACE_ENDS}",
    # "Belgium, as Group G winner"
    r"\b{team}\b[^.;]{{0,60}}?\bas\s+(?P<comp>(?:Group|Pool)\s+[A-Z0-9])\s+"
    rf"{_ORDINAL}\b",
)
# A team written after these is the object of another's result ("Belgium beat England 1-0 and
# won Group G": Belgium won it), not its subject.
_OBJECT = re.compile(
    r"\b(?:beat|beats|beating|defeated|defeats|over|against|to|with|and|drew|draw|v|vs)\.?\s+$"
)
# Another actor between the team and the result's verb: "Uruguay beat Russia, who finished
# second" says where Russia finished.
_OTHER_ACTOR = re.compile(
    r"\b(?:who|which|while|whereas|but|as|after|before|when|because|since|though|although|until"
    r"|whom|whose)\b|[,;]\s+(?:and\s+)?[A-Z]"
)


def _says_of(team: str, sentence: str, m: re.Match[str]) -> bool:
    """Whether the result `m` is said of `team` (its subject), not of another."""
    if _OBJECT.search(sentence[: m.start()]):
        return False
    at = m.group().find(team)
    return at < 0 or not _OTHER_ACTOR.search(m.group()[at + len(team) :])


# A table of points: "Uruguay 9 points, Russia 6 (both through), Saudi Arabia 3, Egypt 0".
_ROW = re.compile(rf"(?P<team>{_NAME})\s+(?P<points>\d{{1,3}})\b(?:\s+points?)?")


@lru_cache(maxsize=1024)
def _forms(team: str) -> tuple[re.Pattern[str], ...]:
    name = re.escape(team)
    return tuple(re.compile(form.format(team=name)) for form in _RESULT_FORMS)


def _table(sentence: str) -> list[str] | None:
    """The teams of a table of points, in its order, when the sentence is one: three rows or
    more, the word "points" written, and the points never rising down the table."""
    if "point" not in sentence:
        return None
    rows: list[tuple[str, int]] = []
    first_in_points = False
    for part in re.split(r",\s*|;\s*", sentence):
        part = re.sub(r"\([^)]*\)", "", part).rsplit(": ", 1)[-1].strip()  # "Final table: ..."
        m = _ROW.match(part)
        if m is None:
            continue
        if not rows:
            first_in_points = "point" in m.group()  # "Uruguay 9 points, ...": a table of points
        rows.append((m.group("team"), int(m.group("points"))))
    if len(rows) < 3 or any(a[1] < b[1] for a, b in pairwise(rows)) or not first_in_points:
        return None
    return [team for team, _ in rows]


# A standing before the end: "after two games", "after matchday two", "so far", "leads".
_NOT_FINAL = re.compile(
    r"\bafter\s+(?:\w+\s+){0,2}(?:games?|matches|matchdays?|rounds?|weeks?)\b|\bmatchday\b"
    r"|\bso far\b|\bwith\s+(?:\w+\s+){0,2}(?:games?|matches)\s+(?:left|to play|remaining)\b"
    r"|\b(?:leads?|leading)\b|\bhalf-?time\b|\bon the pitch\b",
    re.I,
)


def placings(sentence: str, teams: tuple[str, ...]) -> list[Placing]:
    """Where the sentence says each of `teams` finished (nothing from a standing before the
    end: "top after two games", "standings after matchday two")."""
    out: list[Placing] = []
    if _NOT_FINAL.search(sentence):
        return out
    table = _table(sentence)
    for team in teams:
        if table is not None and team in table:
            at = table.index(team) + 1
            said = f"{team} {_ordinal(at)} of {len(table)} on points"
            out.append(Placing(team, at, None, said, last=at == len(table)))
            continue
        for form in _forms(team):
            m = next((m for m in form.finditer(sentence) if _says_of(team, sentence, m)), None)
            if m is None:
                continue
            groups = m.groupdict()
            word = (groups.get("place") or "first").lower()
            comp = groups.get("comp")
            named = competition_in(comp) if comp else None
            place = PLACES.get(word, 1)
            said = " ".join(m.group().split())
            out.append(Placing(team, place, named, said, last=place == LAST))
            break
    return out


# Words of a name that name no team: an article, a game's number, a weekday.
_NOT_TEAM = frozenset({"the", "game", *(d.lower() for d in calendar.day_name)})


def same_team(a: str, b: str) -> bool:
    """Two names of one team or side: the words of one are all in the other ("Buccaneers" and
    "Tampa Bay Buccaneers", "Philadelphia" and "the Philadelphia Eagles")."""
    x, y = _team_words(a), _team_words(b)
    return bool(x) and bool(y) and (x <= y or y <= x)


def _team_words(name: str) -> frozenset[str]:
    words = (w.strip(".,'’").casefold() for w in name.split())
    return frozenset(w for w in words if w and w not in _NOT_TEAM)


def _ordinal(n: int) -> str:
    return {1: "first", 2: "second", 3: "third", 4: "fourth"}.get(n, f"{n}th")
