"""An outlook that relays a forecaster's figures for countries (issue #10, generality): each
figure is a forecast about the place, owned by the forecaster; a series of figures by year is a
forecast per year; the news that settles one names the place, in any of its forms, and states
the year's figure in its own clause. Each deciding case has a look-alike that must stay silent.

The forecaster (the Ostara Institute) and every figure are invented for these tests.
"""

from __future__ import annotations

from datetime import date

from hindsight.analysis.alignment import SUBJECT, actor_of
from hindsight.analysis.context import as_read
from hindsight.analysis.predictions import extract_predictions
from hindsight.analysis.quantities import find_quantities
from hindsight.analysis.search_terms import entities
from hindsight.analysis.series import later_members
from hindsight.analysis.subjects import learn_subjects
from hindsight.domain import Kind, Prediction, SeedArticle, Stance, Subject
from tests.judge_cases import judged

PUBLISHED = date(2031, 1, 20)
OUTLOOK = (
    "# Ostara Institute trims its outlook\n\n"
    "The Ostara Institute cut its forecasts on Tuesday, citing weak trade.\n\n"
    "The Institute kept its China growth forecasts of 5.2 percent in 2031 and 4.9 percent in "
    "2032, well below recent years.\n\n"
    "It now projects U.S. economic growth at 2.1 percent in 2031.\n\n"
    "It also raised its 2031 euro area growth forecast, bringing it to 1.4 percent.\n"
)


def _outlook() -> tuple[list[Prediction], list[Subject]]:
    seed = SeedArticle(
        text=OUTLOOK, title="Ostara Institute trims its outlook", published=PUBLISHED
    )
    predictions = extract_predictions(seed)
    return predictions, learn_subjects(seed, predictions)


def _with(predictions: list[Prediction], figure: str) -> Prediction:
    """The forecast of `figure`, as the judge reads it (`as_read`, as `assess` does)."""
    return as_read(
        next(
            p
            for p in predictions
            if p.expectation.quantity is not None and p.expectation.quantity.text == figure
        )
    )


def test_a_relayed_forecast_of_a_country_is_about_the_country_and_owned_by_the_forecaster() -> None:
    predictions, subjects = _outlook()
    china = _with(predictions, "5.2 percent")
    assert china.subject == "China"
    assert "Ostara" in china.owner or china.owner == "Institute"
    assert _with(predictions, "2.1 percent").subject == "U.S."
    assert _with(predictions, "1.4 percent").subject == "Euro area"
    # News names a country in any form: the tracked place carries its other forms.
    tracked = {s.name: s for s in subjects}
    assert {"US", "United States"} <= set(tracked["U.S."].aliases)
    assert "eurozone" in tracked["Euro area"].aliases


def test_a_forecast_of_the_forecasters_own_doing_stays_its_own() -> None:
    seed = SeedArticle(
        text="The Ostara Institute expects to publish 12 reports in 2031, most on Asia.\n",
        title="Plans",
        published=PUBLISHED,
    )
    (found,) = extract_predictions(seed)
    assert "Ostara" in found.subject


def test_each_figure_of_a_series_by_year_is_a_forecast_of_its_own() -> None:
    predictions, _ = _outlook()
    later = _with(predictions, "4.9 percent")
    assert later.text.endswith(": 4.9 percent in 2032")  # read after the words before it
    assert later.subject == "China"
    assert later.expectation.window is not None and later.expectation.window.start.year == 2032
    assert later.context is not None and "China growth forecasts" in later.context


def test_a_change_between_two_figures_or_one_figure_for_two_years_is_no_series() -> None:
    for text in (
        "Sales will rise from 2 million in 2030 to 5 million in 2035.",
        "It projects growth at 2.6 percent for both 2031 and 2032.",
        "It sees revenue of $4 billion in 2031 and a 5 percent margin in 2032.",
        "Output will reach 3 million in 2031, up 4 percent in 2031.",
    ):
        assert later_members(text, (0, len(text))) == [], text


def test_the_places_own_figure_for_the_year_settles_the_forecast() -> None:
    predictions, subjects = _outlook()
    china = _with(predictions, "5.2 percent")
    found = judged(
        china,
        "China's economy grew 6.1% in 2031, official data showed.",
        date(2032, 1, 18),
        subjects,
    )
    assert [a.stance for a in found] == [Stance.CONTRADICTS]
    assert "6.1%" in found[0].reason and "5.2 percent" in found[0].reason
    # The later figure of the series is settled by the later year alone.
    later = _with(predictions, "4.9 percent")
    found = judged(later, "China's economy grew 4.9% in 2032.", date(2033, 1, 17), subjects)
    assert [a.stance for a in found] == [Stance.SUPPORTS]
    # A tenth off a rate written to tenths settles nothing (`questions.base.as_written`).
    assert not judged(later, "China's economy grew 4.8% in 2032.", date(2033, 1, 17), subjects)
    assert not judged(later, "China's economy grew 6.1% in 2031.", date(2032, 1, 18), subjects)


def test_a_country_named_in_another_form_settles_it_and_another_country_does_not() -> None:
    predictions, subjects = _outlook()
    us = _with(predictions, "2.1 percent")
    found = judged(
        us, "US GDP grew 1.2% in 2031, the weakest in years.", date(2032, 1, 28), subjects
    )
    assert [a.stance for a in found] == [Stance.CONTRADICTS]
    assert not judged(us, "Japan's GDP grew 1.2% in 2031.", date(2032, 1, 28), subjects)


def test_a_sentence_of_two_places_is_read_clause_by_clause() -> None:
    predictions, subjects = _outlook()
    euro = _with(predictions, "1.4 percent")
    both = "The eurozone economy grew 1.4% in 2031, more than the 1.2% of the United States."
    found = judged(euro, both, date(2032, 2, 1), subjects)
    assert [a.stance for a in found] == [Stance.SUPPORTS]
    assert "1.4%" in found[0].reason
    # The other place's figure alone, in a sentence naming the euro area only as a comparison.
    other = "The United States grew 1.2% in 2031, less than the eurozone."
    assert not judged(euro, other, date(2032, 2, 1), subjects)


def test_a_year_before_a_currency_word_used_as_a_noun_is_no_amount() -> None:
    assert [q.text for q in find_quantities("its 2031 euro area growth forecast")] == []
    assert [q.text for q in find_quantities("the 2031 dollar index")] == []
    # Amounts stay amounts: a plural currency word, or a number that is no year.
    assert [q.text for q in find_quantities("it paid 2031 euros")] == ["2031 euros"]
    assert [q.text for q in find_quantities("a fee of 500 euro")] == ["500 euro"]


def test_an_initialism_with_stops_is_one_name() -> None:
    assert entities("It now projects U.S. economic growth at 2 percent") == ["U.S."]
    assert "J.P. Morgan" in entities("Analysts at J.P. Morgan expect a cut")


def test_an_acronym_its_full_name_and_its_short_form_are_one_subject() -> None:
    text = (
        "The International Ostara Fund cut its forecasts on Tuesday. The IOF said trade was "
        "weak. Obstfeld said the Fund was encouraging spending.\n"
    )
    seed = SeedArticle(text=text, title="Outlook", published=PUBLISHED)
    predictions = [
        Prediction("k1", "The IOF expects 3 percent growth in 2031.", (0, 1), "IOF", Kind.QUANTITY),
        Prediction("k2", "The Fund sees 2 percent in 2032.", (0, 1), "Fund", Kind.QUANTITY),
    ]
    tracked = {s.name: s for s in learn_subjects(seed, predictions)}
    assert "Fund" not in tracked
    assert {"International Ostara Fund", "Fund"} <= set(tracked["IOF"].aliases)
    # An acronym the text never writes out stays as it is.
    seed = SeedArticle(text="The OECD said trade was weak.\n", title="Outlook", published=PUBLISHED)
    plain = [Prediction("k1", "The OECD expects growth.", (0, 1), "OECD", Kind.EVENT)]
    assert {s.name: s.aliases for s in learn_subjects(seed, plain)}["OECD"] == ()


def test_a_report_that_puts_a_figure_at_a_level_is_its_speaker_not_its_actor() -> None:
    text = "The IOF's World Outlook put global growth at 3.8% in 2031."
    at = text.find("3.8%")
    assert actor_of(text, at, at + 4, frozenset({"IOF"})) == SUBJECT
    # A named part of the subject that does the thing stays the actor.
    plant = "IOF's Springfield plant built 104,000 cars in 2031."
    at = plant.find("104,000")
    assert actor_of(plant, at, at + 7, frozenset({"IOF"})) == "other:Springfield"
    # A rival named after a possessive and a common word is another actor.
    rival = "IOF's rival Halden sold 5,000 reports in 2031."
    at = rival.find("5,000")
    assert actor_of(rival, at, at + 5, frozenset({"IOF"})) == "other:Halden"


def test_a_makers_count_in_a_place_or_a_comparison_year_is_no_country_outlook() -> None:
    seed = SeedArticle(
        text="Tesla expects China output of 500,000 cars in 2031.\n",
        title="Plans",
        published=PUBLISHED,
    )
    (found,) = extract_predictions(seed)
    assert found.subject == "Tesla"
    text = "The Institute expects growth of 3.4 percent in 2032, compared with 3.1 percent in 2031."
    assert later_members(text, (0, len(text))) == []


def test_a_measures_acronym_is_no_actor() -> None:
    text = "Brazil's GDP contracted 3.6% in 2031."
    at = text.find("3.6%")
    assert actor_of(text, at, at + 4, frozenset({"Brazil"})) != "other:GDP"
