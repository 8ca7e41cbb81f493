"""Award picks (blind-6: a season preview's award table): "Most Valuable Player: Ada Quill" under
a heading of picks and a league is a forecast that she wins it there, settled by news naming the
winner of that award in that league. Each deciding case has a look-alike that must stay silent.
Names, leagues and awards are written for these tests."""

from __future__ import annotations

from datetime import date

from hindsight.analysis.awards import award_pick_of, same_person, winners
from hindsight.analysis.predictions import describe_prediction, extract_predictions
from hindsight.analysis.subjects import learn_subjects
from hindsight.domain import Prediction, Stance, Subject
from hindsight.reading import read_seed_text
from tests.judge_cases import judged

MVP = [Subject(name="Most Valuable Player", aliases=("MVP",))]
PUBLISHED = date(2030, 3, 28)


def _pick(line: str, league: str = "American League") -> Prediction:
    from dataclasses import replace

    forecast = describe_prediction(line, PUBLISHED, "event", "Most Valuable Player")
    return replace(forecast, context=league, deadline=date(2030, 12, 31))


def _stances(prediction: Prediction, news: str) -> list[Stance]:
    return [a.stance for a in judged(prediction, news, date(2030, 11, 15), MVP) if a.stance.decides]


def test_a_labelled_line_picks_who_wins_the_award_in_the_headings_league() -> None:
    pick = award_pick_of("Most Valuable Player: Ada Quill (OF, Owls)", "American League")
    assert pick is not None
    assert (pick.award, pick.name, pick.league) == ("Most Valuable Player", "Ada Quill", "AL")
    # A division is a place in a standing, not an award: the placing question's.
    assert award_pick_of("AL East: Owls") is None
    assert award_pick_of("The Owls will win the division.") is None


def test_another_winner_of_the_award_in_the_league_refutes_the_pick() -> None:
    pick = _pick("Most Valuable Player: Ada Quill (OF, Owls)")
    refuted = "Bo Lark of the Larks was named the 2030 American League Most Valuable Player."
    assert _stances(pick, refuted) == [Stance.CONTRADICTS]
    assert _stances(pick, "Ada Quill is the 2030 American League MVP.") == [Stance.SUPPORTS]
    # A name spelled otherwise by a letter is the same person.
    assert _stances(pick, "Quil was named the 2030 American League MVP.") == [Stance.SUPPORTS]


def test_other_leagues_bodies_and_pairings_say_nothing() -> None:
    pick = _pick("Most Valuable Player: Ada Quill (OF, Owls)")
    # The other league's award.
    assert not _stances(pick, "Bo Lark won the 2030 National League MVP.")
    # Another body's award of the same name.
    assert not _stances(pick, "Bo Lark was named Owl Digest's American League MVP on Monday.")
    # Two winners, two leagues, one verb: who won which is not said.
    assert not _stances(
        pick, "Bo Lark and Cy Wren have won the American League and National League MVP awards."
    )
    # A hope is no result.
    assert not _stances(pick, "Bo Lark hopes to be named the American League MVP.")


def test_each_clause_names_its_own_winner() -> None:
    found = winners(
        "Bo Lark of the Larks was named the 2030 American League MVP, while the Owls' Cy Wren"
        " took home the 2030 National League MVP honors."
    )
    assert [(w.name, w.league) for w in found] == [("Bo Lark", "AL"), ("Cy Wren", "NL")]
    assert same_person("Shohei Otani", "Ohtani")
    assert not same_person("Ada Quill", "Bo Lark")


ARTICLE = """# Predicting the 2030 Season

Opening day is tomorrow, and as every spring it is time for the annual fun of guessing how the
long season will go for every club and which players will take home the hardware this year.

## Award Picks

#### American League

| Award | My Pick |
|---|---|
| Most Valuable Player | Ada Quill (OF, Owls) |

#### National League

| Award | My Pick |
|---|---|
| Most Valuable Player | Bo Lark (SS, Larks) |

## Credits

Author: Jane Roe
"""


def test_award_picks_are_read_from_a_table_under_a_heading_of_picks() -> None:
    seed = read_seed_text(ARTICLE, fmt="markdown", published=PUBLISHED)
    found = [p for p in extract_predictions(seed) if ":" in p.text]
    assert [(p.text, p.subject, p.context, p.deadline) for p in found] == [
        (
            "Most Valuable Player: Ada Quill (OF, Owls)",
            "Most Valuable Player",
            "American League",
            date(2030, 12, 31),
        ),
        (
            "Most Valuable Player: Bo Lark (SS, Larks)",
            "Most Valuable Player",
            "National League",
            date(2030, 12, 31),
        ),
    ]  # "Author: Jane Roe" under "Credits" picks nothing
    subjects = learn_subjects(seed, found)
    award = next(s for s in subjects if s.name == "Most Valuable Player")
    assert "MVP" in award.aliases  # news writes the award by its initials


def test_a_denied_a_shortlisted_or_a_favoured_winner_is_no_winner() -> None:
    # Found by a review of the first version: each of these gave a verdict.
    pick = _pick("Most Valuable Player: Ada Quill (OF, Owls)")
    for news in (
        "Ada Quill was not named the 2030 American League MVP.",
        "Bo Lark was not named the 2030 American League MVP.",
        "Bo Lark was named a finalist for the 2030 American League MVP.",
        "Bo Lark is the 2030 American League MVP favorite, oddsmakers say.",
        "Bo Lark won the 2029 American League MVP.",  # another season
    ):
        assert not _stances(pick, news), news


def test_the_winner_is_the_one_the_sentence_names_not_an_aside_or_the_voters() -> None:
    pick = _pick("Most Valuable Player: Bo Lark (SS, Larks)")
    named = "Bo Lark, the Owls shortstop, was named the 2030 American League MVP."
    assert _stances(pick, named) == [Stance.SUPPORTS]
    assert _stances(pick, "Voters named Bo Lark the 2030 American League MVP.") == [Stance.SUPPORTS]


def test_one_shared_name_is_not_the_same_person() -> None:
    assert not same_person("Ada Quill", "Ada Lark")
    assert not same_person("Ada Quill", "Bo Quill")
    assert same_person("Shohei Otani", "Shohei Ohtani")
    pick = _pick("Most Valuable Player: Ada Quill (OF, Owls)")
    assert _stances(pick, "Ada Lark was named the 2030 American League MVP.") == [
        Stance.CONTRADICTS
    ]


def test_a_narrower_award_or_another_bodys_is_not_the_pick() -> None:
    pick = _pick("Player of the Year: Ada Quill (OF, Owls)", league="")
    assert not _stances(pick, "Bo Lark was named Defensive Player of the Year.")
    assert not _stances(pick, "Bo Lark was named Young Player of the Year.")
    actor = _pick("Best Actor: Ada Quill", league="")
    assert not _stances(actor, "Bo Lark won Best Actor in a Comedy at the Globes.")
    assert not _stances(actor, "Bo Lark won the Best Actor award at Cannes.")


def test_labelled_lines_that_pick_no_award() -> None:
    assert award_pick_of("Apple ships a foldable: High") is None  # a statement and a rating
    assert award_pick_of("AL Pick: Ada Quill") is None  # "Pick" names no award
    assert award_pick_of("Confidence: High") is None
    # A long run of spaces is no trap for the line's pattern (it was cubic).
    assert award_pick_of("Award: Bo" + " " * 5000 + "x") is None


CATEGORIES = """# 50th Lantern Film Awards — Predictions

Here are my calls for this year's ceremony, category by category, with what I would like to see.

## BEST PICTURE

Film|
----|
Harbour Lights|
The Quiet Field|
Night Ferry|

Most Deserving: Night Ferry

Most Likely: The Quiet Field

Why: it has won every guild award this season and the voters love a slow epic.

## BEST SOUND MIXING

Most Deserving: N/A

Most Likely: Storm Road: The Long Night

## BEST FILM EDITING

Most Likely: Storm Road: The Long Night
"""


def _category_picks() -> list[Prediction]:
    seed = read_seed_text(CATEGORIES, fmt="markdown", published=date(2030, 2, 20))
    return extract_predictions(seed)


def test_under_an_awards_heading_most_likely_picks_and_the_rest_is_no_forecast() -> None:
    found = _category_picks()
    picks = [(p.subject, p.text) for p in found if p.context]
    assert picks == [
        ("Best Picture", "Most Likely: The Quiet Field"),
        ("Best Sound Mixing", "Most Likely: Storm Road: The Long Night"),
        ("Best Film Editing", "Most Likely: Storm Road: The Long Night"),
    ]  # the same line under two awards is two forecasts
    # An award is given once a year: a pick naming no time is due by the next ceremony.
    assert {p.deadline for p in found if p.context} == {date(2031, 2, 20)}
    texts = [p.text for p in found]
    # The nominees and the wish ("Most Deserving") are no forecasts.
    assert not any("Harbour Lights" in t or "Deserving" in t for t in texts), texts


def test_a_category_pick_is_settled_by_the_winner_however_the_news_writes_the_award() -> None:
    by_award = {p.subject: p for p in _category_picks() if p.context}
    subjects = learn_subjects(
        read_seed_text(CATEGORIES, fmt="markdown", published=date(2030, 2, 20)),
        list(by_award.values()),
    )

    def stances(award: str, news: str) -> list[Stance]:
        got = judged(by_award[award], news, date(2030, 3, 2), subjects)
        return [a.stance for a in got if a.stance.decides]

    assert stances("Best Picture", "Night Ferry was named best picture at the ceremony.") == [
        Stance.CONTRADICTS
    ]
    assert stances("Best Picture", "The Quiet Field won the Lantern Award for Best Picture.") == [
        Stance.SUPPORTS
    ]
    listed = "Storm Road: The Long Night won film editing, sound mixing and production design."
    assert stances("Best Sound Mixing", listed) == [Stance.SUPPORTS]
    # Another category's winner says nothing of this one.
    assert not stances("Best Sound Mixing", "Night Ferry won film editing on Sunday.")
    assert same_person("Storm Road: The Long Night", "The Long Night")
    assert not same_person("Storm Road: The Long Night", "Night Ferry")


GAPPED = """# 51st Lantern Film Awards — Predictions

## BEST VISUAL EFFECTS

Most Likely: Comet Harbour

## BEST ANIMATED FEATURE FILM

Most Likely: Paper Owls

## BEST DOCUMENTARY (SHORT)

Most Likely: Salt Roads

## BEST MAKEUP AND HAIRSTYLING

Most Likely: Storm Road: The Long Night
"""


def test_a_results_list_with_the_verb_left_out_names_each_winner() -> None:
    seed = read_seed_text(GAPPED, fmt="markdown", published=date(2031, 2, 20))
    by_award = {p.subject: p for p in extract_predictions(seed) if p.context}
    subjects = learn_subjects(seed, list(by_award.values()))

    def stances(award: str, news: str) -> list[Stance]:
        got = judged(by_award[award], news, date(2031, 3, 2), subjects)
        return [a.stance for a in got if a.stance.decides]

    results = (
        "Night Ferry won the screenplay awards, Ember Lake visual effects, A Girl in the "
        "Reeds documentary short and Paper Owls animated feature."
    )
    assert stances("Best Visual Effects", results) == [Stance.CONTRADICTS]
    assert stances("Best Documentary (Short)", results) == [Stance.CONTRADICTS]
    assert stances("Best Animated Feature Film", results) == [Stance.SUPPORTS]
    assert stances(
        "Best Makeup And Hairstyling",
        "Storm Road: The Long Night won film editing, sound mixing and makeup and hairstyling.",
    ) == [Stance.SUPPORTS]
    # A list item with a verb of its own is no gapped result, and "animated short" is not the
    # animated feature.
    assert not stances(
        "Best Visual Effects", "Night Ferry won editing, and Ember Lake beat Comet Harbour."
    )
    assert not stances(
        "Best Animated Feature Film", "Night Ferry won editing, Ember Lake animated short."
    )
    assert [w.name for w in winners("Night Ferry won editing, Ember Lake visual effects.")] == [
        "Night Ferry",
        "Ember Lake",
    ]


QUOTED = """# 51st Lantern Film Awards — Predictions

Here are my calls for this year's ceremony, with the songs I expect the voters to favour.

## BEST ORIGINAL SONG

Most Likely: “Harbour of Glass"
"""


def test_a_quoted_title_is_picked_and_took_names_a_winner() -> None:
    seed = read_seed_text(QUOTED, fmt="markdown", published=date(2031, 2, 20))
    picks = [p for p in extract_predictions(seed) if p.context]
    subjects = learn_subjects(seed, picks)

    def stances(news: str) -> list[Stance]:
        got = judged(picks[0], news, date(2031, 3, 2), subjects)
        return [a.stance for a in got if a.stance.decides]

    assert [p.subject for p in picks] == ["Best Original Song"]
    assert stances("Ada Lark took Best Original Song for “Salt and Iron”.") == [Stance.CONTRADICTS]
    # "took" a part, or the stage, names no award.
    assert not stances("Ada Lark took the stage to sing the original song.")
    assert [w.name for w in winners("Night Ferry took Best Picture.")] == ["Night Ferry"]
