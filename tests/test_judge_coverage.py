"""Mechanisms that let the judge settle forecasts on real subjects (issue #10, coverage) without
giving up "prefer open to wrong": each case has the deciding comparison and a look-alike that
must stay silent. Cases are written for these tests (an invented scooter maker, Norvik)."""

from __future__ import annotations

from datetime import date

from hindsight.analysis.horizons import find_horizons
from hindsight.analysis.matching import action_of
from hindsight.analysis.periods import find_periods
from hindsight.analysis.predictions import describe_prediction
from hindsight.analysis.subjects import learn_subjects
from hindsight.domain import Assessment, Prediction, SeedArticle, Stance, Subject
from tests.judge_cases import judged

NORVIK = Subject(name="Norvik")
GALE = Subject(name="Gale", aliases=("Norvik Gale",))
SUBJECTS = [NORVIK, GALE]
PUBLISHED = date(2030, 1, 10)


def _forecast(text: str, kind: str = "quantity", subject: str = "Norvik") -> Prediction:
    return describe_prediction(text, PUBLISHED, kind, subject)


def _judge(prediction: Prediction, text: str, published: date) -> list[Assessment]:
    return judged(prediction, text, published, SUBJECTS)


# --- a forecast pace against a total over a period holding its window ---------------------


PACE = "Norvik will build 2,000 scooters per week in March."


def test_a_pace_forecast_reads_a_yearless_month_as_the_next_one() -> None:
    window = _forecast(PACE).expectation.window
    assert window is not None
    assert (window.start, window.end) == (date(2030, 3, 1), date(2030, 3, 31))


def test_a_quarter_total_below_the_weekly_pace_contradicts_it() -> None:
    found = _judge(
        _forecast(PACE), "Norvik built 900 scooters in the first quarter of 2030.", date(2030, 4, 3)
    )
    assert [a.stance for a in found] == [Stance.CONTRADICTS]
    assert "below the forecast pace" in found[0].reason
    assert "900" in found[0].reason and "2,000" in found[0].reason


def test_a_total_above_the_pace_or_of_another_act_or_period_says_nothing() -> None:
    pace = _forecast(PACE)
    # A quarter's total above one week's pace: any week may or may not have reached it.
    assert not _judge(
        pace, "Norvik built 30,000 scooters in the first quarter of 2030.", date(2030, 4, 3)
    )
    # Deliveries lag production: few delivered does not mean few built.
    assert not _judge(
        pace, "Norvik delivered 900 scooters in the first quarter of 2030.", date(2030, 4, 3)
    )
    # A quarter that does not hold March.
    assert not _judge(
        pace, "Norvik built 900 scooters in the second quarter of 2030.", date(2030, 7, 3)
    )


# --- an amount written before the thing it prices -------------------------------------------


def test_an_amount_before_the_product_is_its_price() -> None:
    price = _forecast("The base Gale will cost about $3,000.", "price", "Gale")
    found = _judge(price, "Norvik began selling a $3,000 version of the Gale.", date(2031, 2, 1))
    assert [a.stance for a in found] == [Stance.SUPPORTS]
    assert "price $3,000" in found[0].reason


def test_an_amount_before_a_measure_keeps_that_measure() -> None:
    price = _forecast("The base Gale will cost about $3,000.", "price", "Gale")
    assert not _judge(
        price, "Norvik received a $3,000 grant for the Gale's design.", date(2031, 2, 1)
    )


# --- an undated release of a named product --------------------------------------------------


RELEASE = "The Gale will be part of the first batch of scooters released."


def test_an_undated_release_forecast_is_settled_by_the_first_release_naming_it() -> None:
    release = _forecast(RELEASE, "event", "Gale")
    found = _judge(
        release,
        "Norvik released its first three scooters on 4 May 2031: the Gale, the Breeze and the "
        "Zephyr.",
        date(2031, 5, 4),
    )
    assert [a.stance for a in found] == [Stance.SUPPORTS]
    assert "release of Gale reported 2031-05-04" in found[0].reason


def test_a_later_release_or_the_main_actor_releasing_something_says_nothing() -> None:
    release = _forecast(RELEASE, "event", "Gale")
    assert not _judge(
        release, "Norvik released the Gale in its second batch on 4 May 2032.", date(2032, 5, 4)
    )
    # The main actor releases many things: its release of one says nothing of another.
    tablet = _forecast("Norvik will release a folding tablet.", "event", "Norvik")
    assert not _judge(tablet, "Norvik released a new scooter on 4 May 2031.", date(2031, 5, 4))


# --- a plan reported after the window closed ------------------------------------------------


DUAL = "The dual-motor Gale will launch toward the end of this year."


def test_a_plan_said_after_the_window_closed_for_a_later_date_contradicts() -> None:
    launch = _forecast(DUAL, "timeline", "Gale")
    text = "Norvik said it would start production of the dual-motor Gale in September 2031."
    found = _judge(launch, text, date(2031, 5, 2))
    assert [a.stance for a in found] == [Stance.CONTRADICTS]
    assert "as of 2031-05-02" in found[0].reason and "still planned" in found[0].reason


def test_the_same_plan_said_while_the_window_is_open_may_still_change() -> None:
    launch = _forecast(DUAL, "timeline", "Gale")
    text = "Norvik said it would start production of the dual-motor Gale in September 2031."
    assert not _judge(launch, text, date(2030, 6, 2))


# --- readings ------------------------------------------------------------------------------


def test_month_parts_and_year_ends_are_periods() -> None:
    late = find_periods("sometime in late October", date(2030, 11, 20))
    assert [(w.start, w.end) for w in late] == [(date(2030, 10, 21), date(2030, 10, 31))]
    end = find_periods("by the end of the year", date(2030, 5, 1))
    assert [(w.start, w.end) for w in end] == [(date(2030, 10, 1), date(2030, 12, 31))]
    last = find_periods("made 260 last quarter", date(2030, 10, 3))
    assert [(w.start, w.end) for w in last] == [(date(2030, 7, 1), date(2030, 9, 30))]
    # In a forecast, a month already past this year is next year's.
    assert [(w.start, w.end) for w in find_horizons("early September", date(2030, 9, 20))] == [
        (date(2031, 9, 1), date(2031, 9, 10))
    ]


def test_a_sector_named_once_in_passing_is_not_the_seeds_business() -> None:
    seed = SeedArticle(
        text="Norvik will move its laptops to its own chips. Norvik laptops will get better "
        "battery life, and Norvik will keep the same design.",
        published=PUBLISHED,
    )
    subjects = learn_subjects(seed, [])
    assert subjects and all(not s.sector_terms for s in subjects)


def test_the_month_may_is_no_modal() -> None:
    from hindsight.analysis.claims import modality_of

    assert modality_of("Norvik released its first scooters on 4 May 2031.") == "fact"
    assert modality_of("Norvik sales rose in May.") == "fact"
    assert modality_of("Norvik may cut its prices.") == "plan"


def test_others_expectations_in_a_comparison_are_no_plan() -> None:
    from hindsight.analysis.claims import modality_of

    # The figure is what happened; the expecting was the analysts'.
    assert modality_of("Norvik's scooter costs $300, more than some analysts expected.") == "fact"
    assert modality_of("Norvik's sales were higher than expected.") == "fact"
    # A forecast reported in the past tense is still one.
    assert modality_of("Norvik expected sales of 30,000 scooters.") == "plan"


# --- what a product is built from -------------------------------------------------------------


MAKEUP = "The GTK will use a Z9 board inside a Breeze frame."


def test_a_fact_naming_every_part_bears_out_a_makeup_forecast() -> None:
    makeup = _forecast(MAKEUP, "event")
    found = _judge(
        makeup,
        "Norvik showed a garden tool kit made from a Breeze frame with a Z9 board.",
        date(2031, 3, 2),
    )
    assert [a.stance for a in found] == [Stance.SUPPORTS]
    assert "Breeze, GTK, Z9" in found[0].reason


def test_a_fact_naming_only_some_parts_or_a_negated_makeup_says_nothing() -> None:
    makeup = _forecast(MAKEUP, "event")
    assert not _judge(
        makeup, "Norvik showed a garden tool kit made from a Z9 board.", date(2031, 3, 2)
    )
    negated = _forecast("The GTK will not use a Z9 board inside a Breeze frame.", "event")
    assert not _judge(
        negated,
        "Norvik showed a garden tool kit made from a Breeze frame with a Z9 board.",
        date(2031, 3, 2),
    )


# --- a product line ended after the deadline ---------------------------------------------------


def test_the_last_one_replaced_after_the_deadline_contradicts_a_no_longer_sold_forecast() -> None:
    ending = _forecast(
        "By March 2032, Norvik will no longer sell petrol mopeds.", "timeline", "Norvik"
    )
    late = _judge(
        ending,
        "On 2 June 2033 Norvik showed an electric moped, replacing the last petrol moped in its "
        "range.",
        date(2033, 6, 2),
    )
    assert [a.stance for a in late] == [Stance.CONTRADICTS]
    assert "after the deadline 2032-03-31" in late[0].reason
    # Another product line ended says nothing of the mopeds.
    assert not _judge(
        ending,
        "On 2 June 2033 Norvik replaced the last petrol lawnmower in its range.",
        date(2033, 6, 2),
    )


def test_price_cuts_widened_are_no_cut_of_a_campaign() -> None:
    campaign = _forecast(
        "Norvik has promised that its Low Fare campaign will cover 500 routes.", "commitment"
    )
    widened = "Norvik widens the Low Fare campaign's price cuts across its routes."
    assert not _judge(campaign, widened, date(2031, 1, 5))
    # A cut of the campaign itself is one.
    cut = _judge(campaign, "Norvik cuts its Low Fare campaign on many routes.", date(2031, 1, 5))
    assert [a.stance for a in cut] == [Stance.CONTRADICTS]


# --- a promised change is borne out by the change, not refuted by it -----------------------


def test_a_promised_rework_is_borne_out_by_the_thing_being_replaced() -> None:
    promise = _forecast("Reworked charging dock feature.", "commitment")
    found = _judge(
        promise,
        "Norvik 2.0 has a new charging dock feature, replacing the old charging dock.",
        date(2030, 7, 20),
    )
    assert [a.stance for a in found] == [Stance.SUPPORTS]
    assert "replacing" in found[0].reason


def test_going_on_is_not_staying_the_same() -> None:

    # "kept growing" tells of growth going on: no reaffirmation of a promise.
    assert action_of("Norvik kept on growing both in features and stability.") is None
    assert action_of("Norvik sales kept rising.") is None
    assert action_of("Norvik kept its 2031 target.") == "keep"
    assert not _judge(
        _forecast("General stability and feature improvement.", "commitment"),
        "With each version Norvik kept on growing both in features and stability.",
        date(2030, 7, 20),
    )


def test_a_rate_written_to_tenths_is_held_close() -> None:
    # Real labellers split on a tenth off ("unemployment at 4.4%" against a reported 4.3%).
    forecast = _forecast("Norvik's margin will be 3.4 percent in 2030.")
    # 3.1 is within a tenth of 3.4, but 0.3 points off a figure written to tenths.
    missed = _judge(forecast, "Norvik's margin was 3.1 percent in 2030.", date(2031, 2, 1))
    assert [a.stance for a in missed] == [Stance.CONTRADICTS]
    met = _judge(forecast, "Norvik's margin was 3.4 percent in 2030.", date(2031, 2, 1))
    assert [a.stance for a in met] == [Stance.SUPPORTS]
    assert "3.4 percent (to the tenth)" in met[0].reason
    # A tenth off a figure written to tenths is neither a hit nor a clear miss: left open.
    assert not _judge(forecast, "Norvik's margin was 3.3 percent in 2030.", date(2031, 2, 1))


def test_a_year_figure_beside_a_half_year_cause_is_the_year_s() -> None:
    forecast = _forecast("Norvik's margin will be 3.4 percent in 2030.")
    # "first half" explains the year's figure; it does not make it a part-year one.
    found = _judge(
        forecast,
        "Norvik's margin was 3.1 percent in 2030, the weakest in years, owing to a poor first half",
        date(2031, 2, 1),
    )
    assert [a.stance for a in found] == [Stance.CONTRADICTS]
    # In the figure's own clause it still is one: a half-year margin settles nothing of the year's.
    assert not _judge(
        forecast, "In the first half of 2030, Norvik's margin was 3.1 percent.", date(2030, 8, 1)
    )


def test_the_odds_of_an_event_are_no_figure_of_it() -> None:
    odds = _forecast(
        "Norvik said the probability of a global recession this year was as high as 20 percent.",
        "event",
    )
    # Growth of 3.1 percent is no outcome of a 20 percent chance.
    assert not _judge(
        odds,
        "Norvik estimated that the global economy grew 3.1 percent in 2030.",
        date(2031, 1, 17),
    )


def test_a_part_learned_as_the_makers_product_is_still_a_part_it_names() -> None:
    # News taught "Z9" as Norvik's own product; the forecast about the GTK still names it.
    learned = [Subject(name="Norvik", aliases=("Z9",), products=("Z9",))]
    makeup = describe_prediction(
        "The GTK will use a Z9 board inside a plain frame.", PUBLISHED, "event", "GTK"
    )
    found = judged(
        makeup,
        "Norvik showed a garden tool kit made from a plain frame with its Z9 board.",
        date(2031, 3, 2),
        learned,
    )
    assert [a.stance for a in found] == [Stance.SUPPORTS]
    assert "GTK, Z9" in found[0].reason
    # The kit alone, without the part, is still not enough.
    assert not judged(makeup, "Norvik showed a garden tool kit.", date(2031, 3, 2), learned)


def test_a_line_named_only_by_tracked_names_ends_when_its_last_one_is_replaced() -> None:
    ending = _forecast("By March 2032, Norvik will no longer sell Gales.", "timeline")
    late = _judge(
        ending,
        "On 2 June 2033 Norvik showed the Breeze, replacing the last Gale in its range.",
        date(2033, 6, 2),
    )
    assert [a.stance for a in late] == [Stance.CONTRADICTS]
    assert "gale" in late[0].reason and "after the deadline 2032-03-31" in late[0].reason
    # A longer name that only starts with the tracked one is another thing.
    assert not _judge(
        ending,
        "On 2 June 2033 Norvik replaced the last Gale Breeze Trophy in its range.",
        date(2033, 6, 2),
    )
    # The tracked name must be the deed's object in the news too.
    assert not _judge(
        ending,
        "On 2 June 2033 Norvik, maker of the Gale, replaced the last petrol mower in its range.",
        date(2033, 6, 2),
    )


# --- a thing that comes out, or is delayed, itself -----------------------------------------


def test_coming_out_is_a_launch_and_coming_out_of_something_is_not() -> None:
    forecast = _forecast("The Breeze will come out in March 2031.", "timeline")
    found = _judge(forecast, "Norvik's Breeze came out on 3 March 2031.", date(2031, 3, 4))
    assert [a.stance for a in found] == [Stance.SUPPORTS]
    assert not _judge(
        forecast, "Norvik's Breeze came out of testing on 3 March 2031.", date(2031, 3, 4)
    )
    assert not _judge(
        forecast, "Norvik's Breeze came out top in a survey on 3 March 2031.", date(2031, 3, 4)
    )


def test_a_delay_from_the_forecast_date_refutes_it_and_never_dates_the_launch() -> None:
    forecast = _forecast(
        "Barring another delay, the Breeze will go on sale on 17 September 2031.", "timeline"
    )
    found = _judge(
        forecast,
        "Norvik delayed the Breeze a second time, from 17 September to 19 November 2031.",
        date(2031, 6, 18),
    )
    # "Barring another delay": the forecast expects none, so the delay refutes it; the date the
    # delay gives up is no launch on the forecast day.
    assert [a.stance for a in found] == [Stance.CONTRADICTS]
    assert "delay" in found[0].reason


def test_a_delay_of_the_forecasts_own_subject_refutes_its_date() -> None:
    forecast = _forecast("It will go on sale on 17 September 2031.", "timeline", "Gale")
    found = _judge(forecast, "Norvik delayed Gale a second time.", date(2031, 6, 18))
    assert [a.stance for a in found] == [Stance.CONTRADICTS]
    # The maker delaying something else is no delay of it.
    assert not _judge(forecast, "Gale's maker delayed its phone.", date(2031, 6, 18))


def test_a_line_opening_to_passengers_is_its_launch() -> None:
    forecast = _forecast("The Gale line will open in September 2031.", "timeline", "Gale")
    found = _judge(
        forecast, "The Gale line opened to passengers on 17 September 2031.", date(2031, 9, 18)
    )
    assert [a.stance for a in found] == [Stance.SUPPORTS]
    # Opening something else (talks, an office) is no opening of the line.
    assert not _judge(
        forecast,
        "Gale's builder opened talks with the city on 17 September 2031.",
        date(2031, 9, 18),
    )


def test_a_promised_update_is_borne_out_by_the_change_not_refuted_by_it() -> None:
    promise = _forecast(
        "Norvik's repair manuals are being updated to match the new safety rules.", "commitment"
    )
    found = _judge(
        promise,
        "Norvik changed its repair manuals for the new safety rules.",
        date(2031, 5, 2),
    )
    assert [a.stance for a in found] == [Stance.SUPPORTS]
    # A story "updated on Tuesday" is no update of anything.
    assert not _judge(
        _forecast("Norvik will keep its repair manuals as they are.", "commitment"),
        "Norvik's repair manuals page was updated on Tuesday.",
        date(2031, 5, 2),
    )


def test_little_changed_is_neither_a_change_nor_kept() -> None:
    # "4.3%, little changed on the month" against a forecast that the rate stays at 4.4%: the
    # figure decides, not the words; "little changed" says no change was made.
    assert action_of("the jobless rate was 4.3%, little changed on the month") is None
    assert action_of("prices were barely changed in March") is None
    assert action_of("Norvik changed its pricing in March") == "revise"
