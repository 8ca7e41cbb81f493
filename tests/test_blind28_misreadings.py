"""Readings missed on real writing nobody had read (blind-28: a football blog's knockout-round
tips, one section per match with the calls made in prose under it), given by a general reading
and pinned here with look-alikes that keep their old reading. Sides, scores and dates are
invented for the tests."""

from __future__ import annotations

from datetime import date

from hindsight.analysis.fixtures import fixture_of, fixture_pick
from hindsight.analysis.predictions import extract_predictions
from hindsight.analysis.subjects import learn_subjects
from hindsight.domain import Prediction, Stance, Subject
from hindsight.reading import read_seed_text
from tests.judge_cases import judged

WRITTEN = date(2031, 6, 25)

TIPS = """# Our Cup 2031 predictions: round of 16

Knockout football is where the tournament comes alive, and our tips follow the same model we
used for the group stage.

### Match 1: Arland vs Borvia

Weighted xG (1.13 - 2.09) / Weighted xGA (2.12 - 0.95)

The data shows that Borvia are clearly the favourites. Arland have proven to be a tough outfit,
and will pose a stern challenge for a Borvian team who did well to get out of the group.

### Match 2: Cestria vs Dunmark (Neutral Ground)

The model puts 1-1 as the most probable result, with Dunmark favourites to win the game at 44%.
Conversely, Gerald's model puts Cestria as favourites to win at a 40% probability. We are
tipping the Cestrians to edge this cagey affair. **Cestria 2-1 Dunmark**

### Match 3: Elvia vs Fennland

Fennland have struggled for goals all tournament, and their midfield looks tired after three
tough group games. Elvia will control the game and get a comfortable win. **Elvia 2-0 Fennland**
"""


def _calls() -> tuple[list[Prediction], list[Subject]]:
    seed = read_seed_text(TIPS, fmt="markdown", published=WRITTEN)
    found = extract_predictions(seed)
    return found, learn_subjects(seed, found)


def test_a_call_under_a_fixtures_heading_picks_one_of_its_two_sides() -> None:
    assert fixture_of("Match 2: Cestria vs Dunmark (Neutral Ground)") == ("Cestria", "Dunmark")
    assert fixture_of("Weighted xG (1.13 - 2.09)") is None
    assert fixture_of("Apple – Looking Ahead") is None  # a heading's two parts, no meeting
    heading = "Match 2: Cestria vs Dunmark (Neutral Ground)"
    edge = fixture_pick("We are tipping the Cestrians to edge this cagey affair.", heading)
    assert edge is not None and (edge.winner, edge.loser, edge.qualified) == (
        "Cestria",
        "Dunmark",
        False,
    )
    score = fixture_pick("Cestria 2-1 Dunmark", heading)
    assert score is not None and (score.winner, score.qualified) == ("Cestria", True)
    # A side named in passing, a negated call or none at all picks nobody.
    assert fixture_pick("Dunmark have disappointed us in terms of results.", heading) is None
    assert fixture_pick("There is no way Cestria win this one.", heading) is None
    assert fixture_pick("We are tipping Cestria to win.", "Match 2: a preview") is None
    found, _ = _calls()
    calls = {p.text: (p.subject, p.context) for p in found if p.context}
    assert calls["The data shows that Borvia are clearly the favourites."] == (
        "Borvia",
        "Match 1: Arland vs Borvia",
    )
    assert calls["Cestria 2-1 Dunmark"][0] == "Cestria"
    # A model's call is its maker's forecast, the writer's own is the author's.
    owners = {p.text: p.owner for p in found}
    assert (
        owners["Conversely, Gerald's model puts Cestria as favourites to win at a 40% probability."]
        == "Gerald"
    )
    assert owners["We are tipping the Cestrians to edge this cagey affair."] == "author"
    # "a stern challenge for a Borvian team" calls nothing.
    assert not any("stern challenge" in text for text in calls)


def _stances(found: list[Prediction], subjects: list[Subject], text: str, news: str):
    prediction = next(p for p in found if p.text == text)
    got = judged(prediction, news, date(2031, 6, 28), subjects)
    return [a.stance for a in got if a.stance.decides]


def test_the_news_of_who_beat_whom_settles_a_call_and_a_score_only_when_refuted() -> None:
    found, subjects = _calls()
    favourites = "The data shows that Borvia are clearly the favourites."
    assert _stances(found, subjects, favourites, "Borvia hammered Arland 4-0 on Saturday.") == [
        Stance.SUPPORTS
    ]
    assert _stances(
        found,
        subjects,
        favourites,
        "Borvia suffered a shock 0-2 defeat at the hands of Arland in Budapest.",
    ) == [Stance.CONTRADICTS]
    edge = "We are tipping the Cestrians to edge this cagey affair."
    assert _stances(
        found, subjects, edge, "Cestria knocked holders Dunmark out with a 1-0 win."
    ) == [Stance.SUPPORTS]
    # A score or a margin is more than the win: the win alone bears none of it out, the other
    # side's win refutes it.
    comfortable = "Elvia will control the game and get a comfortable win."
    assert not _stances(
        found, subjects, "Elvia 2-0 Fennland", "Elvia beat Fennland 2-1 after extra time."
    )
    assert _stances(
        found, subjects, "Elvia 2-0 Fennland", "Fennland squeezed past 10-man Elvia 2-1."
    ) == [Stance.CONTRADICTS]
    assert not [p for p in found if p.text == comfortable and p.context]
    # Another meeting's result says nothing of this one.
    assert not _stances(
        found, subjects, favourites, "Borvia beat Cestria 2-0 in the quarter-final."
    )
