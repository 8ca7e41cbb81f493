"""The matchup question: who wins a named meeting of two sides ("Washington will lose to
Philadelphia", "Pittsburgh will beat Philadelphia", "(6) Packers defeat (3) Eagles").

Why: playoff brackets, election head-to-heads and court fights are forecast as one side beating
another, and the news that settles one says who beat whom: "to lift Philadelphia past ...
Washington 3-2 in Game 7 of their first-round series", "the Philadelphia Eagles beat the
visiting Green Bay Packers 22-10 in a wild-card playoff game". The forecast's winner beating
its loser bears it out; the loser beating the winner refutes it. A side is matched by its
name's words, either way round ("Philadelphia" and "the Philadelphia Eagles").

Prefer open to wrong: one game of a series ("Game 3") is no result of the series unless the
sentence says the series ended ("swept", "eliminated", "Game 7", "to reach the final"); a
meeting of other sides, a plan or a hope, or a result from after the forecast's deadline
settles nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache

from hindsight.analysis.caseless import Caseless
from hindsight.analysis.fixtures import fixture_pick
from hindsight.analysis.matching import Profile
from hindsight.analysis.picks import same_team
from hindsight.analysis.questions.base import Question, Reader, Verdict
from hindsight.domain import Claim, Prediction, Stance

_I = re.IGNORECASE
# A side's name, after an optional seed in parentheses ("(6) Packers"), "the" and a word of
# where it played or what it holds ("the visiting Green Bay Packers", "defending champion
# Anaheim").
_SIDE = (
    r"(?:\(\d{{1,2}}\)\s*)?(?:the\s+)?(?:(?:visiting|host|home|defending|reigning|holders|"
    r"rivals|world|[\w-]+-seeded|\d+-man)\s+)*(?:champions?\s+)?"
    r"(?P<{}>[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){{0,3}})"
)
_BEAT_NOW = r"(?:beat|beats|defeat|defeats|eliminate|eliminates|knock\s+out|knocks\s+out|sweep)"
_MODAL = r"(?:(?:will|should|would|can|could|to|is\s+going\s+to)\s+)?(?:\w+ly\s+)?"
# "<A> will beat <B>", "(6) Packers defeat (3) Eagles", "<B> will lose to <A>".
_FORECAST = (
    re.compile(_SIDE.format("a") + rf"\s+{_MODAL}{_BEAT_NOW}\s+" + _SIDE.format("b")),
    re.compile(_SIDE.format("b") + rf"\s+{_MODAL}(?:lose|loses)\s+to\s+" + _SIDE.format("a")),
)
_BEAT_PAST = (
    r"(?:beat|beats|defeated|routed|edged|swept|eliminated|ousted|knocked\s+out|downed|topped|"
    r"outlasted|dispatched|held\s+off|stunned|hammered|thrashed|overcame|(?:squeezed|edged|"
    r"eased|swept)\s+past)"
)
# "<A> beat <B>", "lift(ed) <A> past <B>", "<B> lost to <A>".
_RESULTS = (
    re.compile(_SIDE.format("a") + rf"\s+(?:\w+ly\s+)?{_BEAT_PAST}\s+" + _SIDE.format("b")),
    re.compile(r"\blift(?:s|ed)?\s+" + _SIDE.format("a") + r"\s+past\s+" + _SIDE.format("b")),
    re.compile(_SIDE.format("b") + r"\s+(?:lost|fell)\s+to\s+" + _SIDE.format("a")),
    # "Belgium knocked holders Portugal out", "a shock defeat at the hands of the Czech Republic",
    # "reached the quarter-finals with a 2-0 win over rivals Germany"
    re.compile(
        _SIDE.format("a") + r"\s+(?:have\s+|has\s+)?knocked\s+" + _SIDE.format("b") + r"\s+out\b"
    ),
    re.compile(
        _SIDE.format("b")
        + r"\s+suffered\s+[^.;]{0,40}?\bdefeat\s+at\s+the\s+hands\s+of\s+"
        + _SIDE.format("a")
    ),
    re.compile(
        _SIDE.format("a")
        + r"\s+(?:\w+\s+){0,10}?with\s+an?\s+(?:\d+-\d+\s+)?(?:win|victory)\s+over\s+"
        + _SIDE.format("b")
    ),
)
CLAIM_CUE = Caseless(
    rf"\b{_BEAT_PAST}\b|\blift\w*\b[^.;]*\bpast\b|\b(?:lost|fell) to\b|\bknocked\b[^.;]*\bout\b"
    r"|\bdefeat at the hands of\b|\b(?:win|victory) over\b",
    _I,
)
# One game of a series, and the words that make it the series' end.
_ONE_GAME = re.compile(r"\bGame\s+[1-6]\b")
_SERIES_OVER = re.compile(
    r"\b(?:swept|sweep\w*|eliminat\w*|advanc\w*|to reach|clinch\w*|knock\w* out|ousted|"
    r"(?:won|wins|win|took|takes|take)\s+(?:(?:the|their|its)\s+)?(?:\w+-round\s+)?series)\b",
    _I,
)


@lru_cache(maxsize=4096)
def sides_of(text: str) -> tuple[str, str] | None:
    """The winner and the loser a forecast names ("Pittsburgh", "Philadelphia"), or None."""
    for pattern in _FORECAST:
        m = pattern.search(text)
        if m is not None:
            return m.group("a"), m.group("b")
    return None


def gate(reader: Reader, claim: Claim) -> bool:
    """A stated result: a fact, asserted."""
    return claim.modality == "fact" and claim.polarity


def compare(reader: Reader, claim: Claim, prediction: Prediction, prof: Profile) -> Verdict | None:
    """Who the claim says beat whom, against the forecast's winner and loser. A call under a
    fixture's heading that says more than who wins (a score, a margin: `fixtures`) is only
    refuted, by the other side's win."""
    sides = sides_of(prediction.text)
    qualified = False
    if sides is None:
        called = fixture_pick(prediction.text, prediction.context)
        if called is not None:
            sides, qualified = (called.winner, called.loser), called.qualified
    if sides is None or not prof.expects:
        return None
    when = claim.event_date
    if prediction.deadline is not None and when is not None and when > prediction.deadline:
        return None  # another season's meeting
    if _ONE_GAME.search(claim.text) and not _SERIES_OVER.search(claim.text):
        return None  # one game of a series: the series goes on
    winner, loser = sides
    for pattern in _RESULTS:
        for m in pattern.finditer(claim.text):
            won, beaten = m.group("a"), _beaten(claim.text, m)
            said = " ".join(claim.text[m.start() : m.end()].split())
            if same_team(won, winner) and any(same_team(b, loser) for b in beaten):
                if qualified:
                    return None  # "a 2-1 win after extra time": the win is not all it said
                return Verdict(Stance.SUPPORTS, 0.9, f'"{said}": the pick was {winner}')
            if same_team(won, loser) and any(same_team(b, winner) for b in beaten):
                return Verdict(Stance.CONTRADICTS, 0.9, f'"{said}": the pick was {winner}')
    return None


_AND_NAME = re.compile(r"\s+and\s+(?:the\s+)?(?P<n>[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){0,3})")


def _beaten(text: str, m: re.Match[str]) -> list[str]:
    """The beaten side's names: the one matched and one joined to it by "and" ("past Alex
    Ovechkin and Washington": a player and his team)."""
    names = [m.group("b")]
    more = _AND_NAME.match(text, m.end("b"))
    if more is not None:
        names.append(more.group("n"))
    return names


def asks(prediction: Prediction) -> bool:
    """The forecast names a winner and a loser of one meeting, or calls the one its heading
    names."""
    return (
        sides_of(prediction.text) is not None
        or fixture_pick(prediction.text, prediction.context) is not None
    )


QUESTION = Question("matchup", CLAIM_CUE, None, gate, compare)
