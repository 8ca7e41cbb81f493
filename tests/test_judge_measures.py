"""A figure or a trend decides a forecast only when it measures what the forecast measures
(issue #10, "prefer open to wrong"): another kind of the same family (wind against renewable
capacity), the rate of a named place against the forecast's whole, or a rise of something that
shares only the year with the forecast leave the pair undecided. Each deciding case is paired
with a look-alike that must stay silent. Cases are written for these tests (an invented scooter
maker, Norvik, as in `test_judge_coverage`)."""

from __future__ import annotations

from datetime import date

from hindsight.analysis.predictions import describe_prediction
from hindsight.analysis.questions.measure import other_kind
from hindsight.domain import Assessment, Prediction, Stance, Subject
from tests.judge_cases import judged

SUBJECTS = [Subject(name="Norvik")]
PUBLISHED = date(2030, 1, 10)
REPORTED = date(2032, 2, 1)


def _forecast(text: str, kind: str = "quantity") -> Prediction:
    return describe_prediction(text, PUBLISHED, kind, "Norvik")


def _judge(prediction: Prediction, text: str, published: date) -> list[Assessment]:
    return judged(prediction, text, published, SUBJECTS)


# --- qualifiers of one family that differ make two measures -----------------------------------

WIND = "Norvik will add 40 gigawatts of wind capacity in 2031."


def test_the_same_kind_of_capacity_below_the_forecast_contradicts_it() -> None:
    found = _judge(_forecast(WIND), "Norvik added 12 gigawatts of wind capacity in 2031.", REPORTED)
    assert [a.stance for a in found] == [Stance.CONTRADICTS]
    assert "12 gigawatts" in found[0].reason and "40 gigawatts" in found[0].reason


def test_capacity_of_another_or_a_wider_kind_says_nothing() -> None:
    wind = _forecast(WIND)
    # All renewables together are not the wind share of them.
    assert not _judge(wind, "Norvik added 12 gigawatts of renewable capacity in 2031.", REPORTED)
    # Another source of the same family.
    assert not _judge(wind, "Norvik added 12 gigawatts of solar capacity in 2031.", REPORTED)


def test_kinds_conflict_only_when_both_sides_name_one() -> None:
    assert other_kind(frozenset({"wind", "capac"}), frozenset({"solar", "capac"}))
    assert not other_kind(frozenset({"wind", "capac"}), frozenset({"wind", "offshore"}))
    # A figure naming no kind is not ruled out by this check (other checks apply).
    assert not other_kind(frozenset({"wind", "capac"}), frozenset({"capac"}))


# --- a rate of a named place is not the rate of the whole -------------------------------------

GROWTH = "Norvik's scooter sales will grow 15% in 2031."


def test_the_whole_growth_rate_below_the_forecast_contradicts_it() -> None:
    found = _judge(_forecast(GROWTH), "Norvik's scooter sales grew 4% in 2031.", REPORTED)
    assert [a.stance for a in found] == [Stance.CONTRADICTS]
    assert "4%" in found[0].reason and "15%" in found[0].reason


def test_one_countrys_growth_rate_says_nothing_of_the_whole() -> None:
    assert not _judge(
        _forecast(GROWTH), "Norvik's scooter sales in Germany grew 4% in 2031.", REPORTED
    )


# --- a rise of something else that shares only the year ---------------------------------------

FRAMES = (
    "Shipments of Norvik scooters with frames measuring 20 inches to 24 inches are predicted to "
    "increase in 2031."
)


def test_a_rise_of_the_forecasts_own_measure_bears_it_out() -> None:
    found = _judge(
        _forecast(FRAMES),
        "Shipments of Norvik scooters with frames measuring 20 inches increased in 2031.",
        REPORTED,
    )
    assert [a.stance for a in found] == [Stance.SUPPORTS]


def test_a_rise_sharing_only_the_year_and_the_product_says_nothing() -> None:
    frames = _forecast(FRAMES)
    assert not _judge(
        frames,
        "Norvik shipped 90,000 scooters to Spain in 2031, up 8%, which lifted Spain's growth "
        "for 2031 to 3%.",
        REPORTED,
    )
    assert not _judge(
        frames, "Norvik said higher demand lifted its 2031 scooter revenue.", REPORTED
    )


def test_a_promises_year_is_part_of_the_promise() -> None:
    # "its 2035 target" is the target itself, not the period of a figure.
    found = _judge(
        _forecast("Norvik will raise its 2035 scooter target.", "commitment"),
        "Norvik raised its 2035 scooter target.",
        REPORTED,
    )
    assert [a.stance for a in found] == [Stance.SUPPORTS]


# --- an amount of money is what a deed cost, not its object ------------------------------------


def test_a_sum_of_money_is_no_object_of_a_deed() -> None:
    """The commitment is borne out, and the reason says so with the amount read as money: the
    sum "EUR2 billion" is not the thing committed ("of eur2") as a model code would be."""
    forecast = _forecast(
        "Norvik is committed to investing an estimated $3 billion over the next 10 years "
        "with an initial investment of EUR2 billion",
        "commitment",
    )
    found = _judge(
        forecast,
        "A report says Norvik committed 300 engineers and EUR2 billion of R&D to its first "
        "scooter.",
        REPORTED,
    )
    assert [a.stance for a in found] == [Stance.SUPPORTS]
    assert "eur2" not in found[0].reason.lower()
    assert "2 billion EUR" in found[0].reason


# --- a sum names what it is of after it, and the span it is taken over ------------------------

WEEKEND = "Norvik's new film is on track to exceed $90 million domestically for the weekend."


def test_a_sum_named_after_its_figure_answers_the_forecast_naming_it_so() -> None:
    found = _judge(
        _forecast(WEEKEND),
        "Norvik's new film earned $96 million at the domestic box office this weekend.",
        REPORTED,
    )
    assert [a.stance for a in found] == [Stance.SUPPORTS]
    assert "$96 million" in found[0].reason and "at least" in found[0].reason


def test_a_sum_below_an_exceed_forecast_contradicts_it() -> None:
    found = _judge(
        _forecast(WEEKEND),
        "Norvik's new film earned $71 million at the domestic box office this weekend.",
        REPORTED,
    )
    assert [a.stance for a in found] == [Stance.CONTRADICTS]


def test_a_weekends_takings_say_nothing_of_a_full_years() -> None:
    year = _forecast(
        "Norvik's full-year box office will land between $800 million and $900 million."
    )
    assert not _judge(
        year,
        "Norvik's new film earned $96 million at the domestic box office this weekend.",
        REPORTED,
    )
    assert other_kind(frozenset({"full-year", "box"}), frozenset({"weekend", "box"}))
    assert not other_kind(frozenset({"annual", "box"}), frozenset({"full-year", "box"}))


def test_words_of_another_clause_after_a_sum_name_nothing_it_measures() -> None:
    bill = _forecast(
        "Norvik expects the final bill to land between $2.1 billion and $2.3 billion once the "
        "contractor's claims are settled."
    )
    assert not _judge(
        bill, "Norvik's contractor lodged a claim for $180 million in extra costs.", REPORTED
    )


# --- a share names its whole after "of" -------------------------------------------------------

HIRING = "Norvik has promised to hire 70% of its plant's workforce from Dalby province."


def test_a_share_of_the_same_whole_answers_the_forecast_of_it() -> None:
    found = _judge(
        _forecast(HIRING, "commitment"),
        "Norvik's report shows that 61% of the plant's 2,150 workers came from Dalby province.",
        REPORTED,
    )
    assert [a.stance for a in found] == [Stance.CONTRADICTS]
    assert "61%" in found[0].reason


def test_a_share_of_another_whole_says_nothing() -> None:
    assert not _judge(
        _forecast(HIRING, "commitment"),
        "Norvik's report shows that 61% of the plant's output was sold in Dalby province.",
        REPORTED,
    )


# --- a thing that is itself a measure: an index's level ---------------------------------------

HARBOUR = [Subject(name="Harbour")]
INDEX = "We expect the Harbour 40 index to reach 8,200 by the end of 2031 from 7,100 at present."


def _index_forecast() -> Prediction:
    return describe_prediction(INDEX, PUBLISHED, "quantity", "Harbour")


def test_the_index_level_written_after_its_name_settles_a_target_for_it() -> None:
    found = judged(
        _index_forecast(),
        "The Harbour 40 ended 2031 at 8,450.20, up 19% for the year.",
        date(2032, 1, 2),
        HARBOUR,
    )
    assert [a.stance for a in found] == [Stance.SUPPORTS]
    assert "8,450.20" in found[0].reason and "8,200" in found[0].reason
    missed = judged(
        _index_forecast(), "The Harbour 40 ended 2031 at 6,100.", date(2032, 1, 2), HARBOUR
    )
    assert [a.stance for a in missed] == [Stance.CONTRADICTS]


def test_another_index_level_in_the_same_sentence_says_nothing() -> None:
    # The last name before the figure is whose level it is: the Kestrel Composite's.
    found = judged(
        _index_forecast(),
        "The Harbour 40 fell 0.4% while the Kestrel Composite was down 0.6% to 8,300.",
        date(2032, 1, 2),
        HARBOUR,
    )
    assert not [a for a in found if a.stance.decides]


def test_a_level_near_the_target_halfway_through_is_not_the_target_reached() -> None:
    # Within a tenth of 8,200 in June, but not at it: the year's end decides, not June.
    found = judged(
        _index_forecast(),
        "The Harbour 40 closed at 7,700 on 26 June 2031.",
        date(2031, 6, 27),
        HARBOUR,
    )
    assert not [a for a in found if a.stance.decides]
    reached = judged(
        _index_forecast(),
        "The Harbour 40 closed at 8,210 on 26 June 2031.",
        date(2031, 6, 27),
        HARBOUR,
    )
    assert [a.stance for a in reached] == [Stance.SUPPORTS]


# --- what workers are paid: wages are hourly earnings, not a company's earnings ---------------

WAGES = "Norvik expects annual wage gains of 3.7% in 2031."


def test_hourly_earnings_are_the_wages_a_forecast_names() -> None:
    found = _judge(
        _forecast(WAGES),
        "At Norvik, average hourly earnings rose 3.7% over the year to December 2031.",
        REPORTED,
    )
    assert [a.stance for a in found] == [Stance.SUPPORTS]
    assert "wage 3.7%" in found[0].reason  # the reason names the measure compared


def test_a_companys_earnings_are_no_wages() -> None:
    found = _judge(_forecast(WAGES), "Norvik's earnings rose 3.7% in 2031.", REPORTED)
    assert not [a for a in found if a.stance.decides]
