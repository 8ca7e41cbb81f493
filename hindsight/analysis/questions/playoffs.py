"""The playoffs question: whether a team reaches its league's post-season ("1. Jets (Playoffs)",
"the Texans and Jags miss the playoffs").

Why: season previews mark the teams they send to the post-season, and the news settles each
with a few set phrases: a team "clinched a playoff berth" or "clinched the division" (a division
title carries a play-off place), or was "eliminated from playoff contention". Being knocked out
*of* the playoffs means the team was in them, so it is no miss. The team is the one the news
names last before those words in its sentence; a forecast naming several teams that all miss is
refuted by any one of them going through, and one naming several that all go through is borne
out by none alone. Prefer open to wrong: a plan, a denial or a team not named stays silent.
"""

from __future__ import annotations

import re

from hindsight.analysis.caseless import Caseless
from hindsight.analysis.matching import Profile
from hindsight.analysis.questions.base import Question, Reader, Verdict, last_named, span
from hindsight.analysis.subjects import alias_pattern
from hindsight.domain import Claim, Prediction, Stance

_I = re.IGNORECASE
_POSTSEASON = r"(?:play-?offs?|post-?season|wild[- ]card)"

# A team through: a berth clinched, a division or conference title won, the playoffs made.
_MADE = (
    rf"\bclinch(?:es|ed|ing)?\s+(?:a|an|their|its|the)\s+(?:\w+\s+){{0,2}}?{_POSTSEASON}\s+"
    r"(?:berth|spot|place)|"
    r"\bclinch(?:es|ed|ing)?\s+the\s+(?:[A-Z]{2,4}\s+(?:East|West|North|South|Central)|"
    r"division|division\s+title|division\s+crown|conference)\b|"
    r"\b(?:locked|wrapped)\s+(?:up|down)\s+the\s+division\s+(?:title|crown)|"
    rf"\b(?:made|makes|reached|reaches)\s+the\s+{_POSTSEASON}|\bplayoff-bound\b"
)
# A team out before the post-season: eliminated from contention, the playoffs missed.
_MISSED = (
    rf"\beliminated\s+from\s+(?:the\s+)?{_POSTSEASON}\s+(?:contention|race|picture)|"
    rf"\bout\s+of\s+(?:the\s+)?{_POSTSEASON}\s+(?:contention|race|picture)|"
    rf"\bmiss(?:ed|es)\s+the\s+{_POSTSEASON}"
)
MADE = Caseless(_MADE, _I)
MISSED = Caseless(_MISSED, _I)
CLAIM_CUE = Caseless(f"{_MADE}|{_MISSED}", _I)
# A forecast of getting in (or not): "Jets (Playoffs)", "make the playoffs", "a playoff spot";
# not a seed, a round or a title ("AFC Playoff Seeding: 1. Chiefs" forecasts the seed).
PREDICTION_CUE = re.compile(
    rf"\({_POSTSEASON}\)|\b(?:make|makes|making|reach|reaches|miss|misses|missing)\s+(?:the\s+)?"
    rf"{_POSTSEASON}|\b{_POSTSEASON}\s+(?:berth|spot|place|team)s?\b|\bin\s+the\s+{_POSTSEASON}",
    _I,
)
# A forecast that the team stays out: "miss the playoffs", "no playoffs", "won't make them".
_STAYS_OUT = re.compile(
    rf"\bmiss(?:es|ing)?\s+(?:the\s+)?{_POSTSEASON}|\bno\s+{_POSTSEASON}|"
    rf"\b(?:not|n't|never)\s+(?:\w+\s+){{0,2}}(?:make|reach)\s+the\s+{_POSTSEASON}",
    _I,
)


def gate(reader: Reader, claim: Claim) -> bool:
    """A stated result, asserted."""
    return claim.modality == "fact" and claim.polarity


def _teams(reader: Reader, text: str) -> frozenset[str]:
    """The tracked teams a text names."""
    return frozenset(
        s.name for s in reader.subjects if not s.measured and alias_pattern(s).search(text)
    )


def compare(reader: Reader, claim: Claim, prediction: Prediction, prof: Profile) -> Verdict | None:
    """Whether the team the claim puts through (or out) is one the forecast names, against
    what the forecast expected of them."""
    teams = reader.memo(  # with the subjects' names: news teaching one changes the teams
        "playoff teams", (prediction.key, reader.own_key()), lambda: _teams(reader, prediction.text)
    )
    if not teams:
        return None
    made = reader.search(MADE, claim)
    missed = reader.search(MISSED, claim)
    if (made is None) == (missed is None):
        return None  # neither, or both in one sentence: whose is which is not clear
    cue = made or missed
    assert cue is not None
    named = last_named(reader.subjects, claim.text[: cue.start()])
    team = named.name if named else None
    if team not in teams:
        return None
    expects_in = not _STAYS_OUT.search(prediction.text)
    through = made is not None
    if len(teams) > 1 and through == expects_in:
        return None  # one of several forecast through (or out): the others are still open
    agrees = through == expects_in
    return Verdict(
        Stance.SUPPORTS if agrees else Stance.CONTRADICTS,
        0.9,
        f'{team} "{span(claim.text, cue)}": '
        + ("through to the post-season" if through else "out of the post-season")
        + f"; the prediction expected {'it' if agrees else 'otherwise'}",
    )


QUESTION = Question("playoffs", CLAIM_CUE, PREDICTION_CUE, gate, compare)
