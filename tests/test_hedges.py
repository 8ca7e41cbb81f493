"""Hedge words set a confidence; stronger commitments score higher than hedged guesses."""

from datetime import date

import pytest

from hindsight.analysis.hedges import DEFAULT_CONFIDENCE, confidence_from_hedges


def value(text: str) -> float:
    return confidence_from_hedges(text)[0]


def test_documented_order_of_strength() -> None:
    committed = value("The company is committed to investing in the plant.")
    will = value("The business will be run by a new subsidiary.")
    expect = value("Expect the company to start hiring engineers.")
    probably = value("It will probably be a few years before we see a car.")
    suspect = value("I suspect the car would be small and cheap.")
    perhaps = value("Not the cheapest segment, but perhaps the middle one.")
    remote = value("It wouldn't be out of the question for them to buy a plant.")
    could = value("A joint venture could be a partner.")
    assert committed >= will > expect > probably > suspect >= perhaps > could >= remote
    assert all(0.0 <= v <= 1.0 for v in (committed, will, expect, probably, suspect, remote))


def test_weakest_hedge_wins_and_is_reported() -> None:
    conf, cue = confidence_from_hedges("So it will probably be around mid-decade.")
    assert cue == "probably"
    assert conf < value("So it will be around mid-decade.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("maybe one chance in three by the end of the decade", 0.33), ("a 70% chance of a deal", 0.7)],
)
def test_explicit_odds_override_words(text: str, expected: float) -> None:
    assert value(text) == pytest.approx(expected, abs=0.01)


def test_no_hedge_gives_the_default_and_no_cue() -> None:
    assert confidence_from_hedges("The plant opened in 2019.") == (DEFAULT_CONFIDENCE, None)


def test_month_and_noun_are_not_hedges() -> None:
    assert confidence_from_hedges("Results came out on 28 May 2024.")[1] is None
    assert confidence_from_hedges("It was an act of good will.")[1] is None


def test_new_belief_cues_sit_where_their_meaning_puts_them() -> None:
    bet = confidence_from_hedges("I'd bet the mill closes before 2026.")
    assert bet[1] == "I would bet" and bet[0] == value("The mill will likely close.")
    # a bet on "will" is only as sure as the bet
    assert value("I'd bet that by 2026 the mill will be closed.") == bet[0]
    litotes = confidence_from_hedges("I would not be shocked to see the mill close.")
    assert litotes[1] == "wouldn't be surprised"
    assert value("It will probably close.") > litotes[0] > value("It could close.")
    assert value("I wouldn't rule out a closure.") == litotes[0]
    # "would be shocked if" rules the event out, firmly; its negation only allows it
    assert value("I would be shocked if the mill closed.") > value("I think the mill closes.")
    doubt = confidence_from_hedges("I don't see the mill closing before 2026.")
    assert doubt[1] == "I don't see"
    assert value("I doubt the mill closes.") == doubt[0]
    assert value("I think it closes.") < doubt[0] < value("It will close.")


def test_pledges_read_like_plans() -> None:
    assert confidence_from_hedges("The board has pledged a dividend for 2025.") == (
        0.80,
        "promised",
    )
    assert value("Management has promised a profit in 2025.") == value("It plans to cut costs.")


def test_a_line_of_odds_scores_the_forecasts_before_it_and_forecasts_nothing() -> None:
    from hindsight.analysis.hedges import odds_line
    from hindsight.analysis.predictions import extract_predictions
    from hindsight.reading import read_seed_text

    assert odds_line("Chance of seeing this week: 9 out of 10.") == (
        0.9,
        "Chance of seeing this week: 9 out of 10.",
    )
    assert odds_line("Probability: 60%") == (0.6, "Probability: 60%")
    assert odds_line("Sales grew in 9 out of 10 months.") is None  # a share, no odds
    seed = read_seed_text(
        "# What to expect at the Quill event\n\nQuill holds its autumn event on Wednesday and"
        " the rumours have been loud all summer, so here is what we expect to see there.\n\n"
        "## Phones\n\nQuill will announce three new phones.\n\nChance of seeing this week:"
        " 9 out of 10.\n\n## Tablets\n\nQuill will probably wait until October for tablets.\n\n"
        "Chance of seeing this week: 2 out of 10.\n",
        fmt="markdown",
        published=date(2030, 9, 9),
    )
    found = {p.text: p.confidence for p in extract_predictions(seed)}
    assert not [t for t in found if t.startswith("Chance")]
    assert found["Quill will announce three new phones."] == 0.9
    assert found["Quill will probably wait until October for tablets."] == 0.2


def test_odds_of_an_event_of_its_own_or_of_being_wrong_score_nothing() -> None:
    from hindsight.analysis.hedges import odds_line

    assert odds_line("Probability of a recession in 2030: 40%") is None  # a forecast itself
    assert odds_line("Chances I am wrong: 90%") is None  # the odds against


def test_a_line_of_odds_in_plain_text_scores_the_forecast_before_it() -> None:
    from hindsight.analysis.predictions import extract_predictions
    from hindsight.domain import SeedArticle

    seed = SeedArticle(
        text=(
            "Quill holds its autumn event on Wednesday and the rumours have been loud.\n\n"
            "Quill will announce three new phones.\n\nChance of seeing this week: 9 out of 10\n\n"
            "Quill will probably wait until October for tablets.\n\n"
            "Chance of seeing this week: 2 out of 10\n"
        ),
        published=date(2030, 9, 9),
    )
    assert [(p.text, p.confidence) for p in extract_predictions(seed)] == [
        ("Quill will announce three new phones.", 0.9),
        ("Quill will probably wait until October for tablets.", 0.2),
    ]
