"""Software releases are told apart by their numbers (issue #10, "prefer open to wrong"): news of
release 4.2.0.3 says nothing of when 4.3.0 ships, a version number is no figure, and one release
does not settle a forecast of several. Each deciding case is paired with a look-alike that must
stay silent. Cases are written for these tests (an invented shop software, Quillcart)."""

from __future__ import annotations

from datetime import date

from hindsight.analysis.claims import modality_of
from hindsight.analysis.predictions import describe_prediction
from hindsight.analysis.quantities import find_quantities
from hindsight.analysis.questions.base import versions
from hindsight.domain import Assessment, Prediction, Stance, Subject
from tests.judge_cases import judged

SUBJECTS = [Subject(name="Quillcart")]
PUBLISHED = date(2030, 1, 10)


def _forecast(text: str, kind: str = "timeline") -> Prediction:
    return describe_prediction(text, PUBLISHED, kind, "Quillcart")


def _judge(prediction: Prediction, text: str, published: date) -> list[Assessment]:
    return judged(prediction, text, published, SUBJECTS)


RELEASE = "Quillcart 4.3.0 should be released in June 2030."


def test_the_release_itself_shipping_late_contradicts_the_date() -> None:
    found = _judge(
        _forecast(RELEASE), "Quillcart 4.3.0 was released on 14 September 2030.", date(2030, 9, 15)
    )
    assert [a.stance for a in found] == [Stance.CONTRADICTS]


def test_another_release_says_nothing_of_its_date() -> None:
    forecast = _forecast(RELEASE)
    # A patch of the release before, and a later release still planned: other releases.
    assert not _judge(
        forecast, "Quillcart 4.2.0.3 was released on 14 September 2030.", date(2030, 9, 15)
    )
    assert not _judge(forecast, "Quillcart 4.4.0 is now planned for March 2031.", date(2031, 1, 5))


def test_release_numbers_and_their_lines() -> None:
    assert versions("Quillcart 4.3.0.0 is out") == {(4, 3)}
    assert versions("version 4.3 and v5.1 too") == {(4, 3), (5, 1)}
    assert versions("sales grew 4.3 percent") == set()


def test_a_version_number_is_no_figure() -> None:
    assert find_quantities("Quillcart 4.2.0.3 is out") == []
    assert find_quantities("a patch version of 4.2 came out") == []
    # A decimal that is an amount stays one.
    assert [q.text for q in find_quantities("sales grew 4.2 percent")] == ["4.2 percent"]


def test_one_release_does_not_settle_a_forecast_of_several() -> None:
    several = _forecast("Quillcart intends to release 4 minor versions in 2030.", "quantity")
    one = "Quillcart released version 4.3 on 2 June 2030."
    assert not [a for a in _judge(several, one, date(2030, 6, 3)) if a.stance != Stance.UNRELATED]
    single = _forecast("Quillcart intends to release its next minor version in 2030.", "event")
    assert [a.stance for a in _judge(single, one, date(2030, 6, 3))] == [Stance.SUPPORTS]


VEXA = [Subject(name="Holm Games", products=("Vexa",))]


def test_a_numbered_successor_says_nothing_of_the_first_ones_launch() -> None:
    forecast = describe_prediction(
        "Holm Games has said the Vexa console will launch in March 2027.",
        date(2026, 1, 10),
        "timeline",
        "Holm Games",
    )

    def stances(text: str, published: date) -> list[Stance]:
        return [a.stance for a in judged(forecast, text, published, VEXA)]

    # The second generation, years later, is no late launch of the first.
    assert stances("Holm Games launched the Vexa 2 on 5 June 2033.", date(2033, 6, 6)) == []
    # The console itself, on time and late; a day of the month is no generation.
    on_time = stances("Holm Games launched the Vexa on March 24, 2027.", date(2027, 3, 25))
    assert on_time == [Stance.SUPPORTS]
    late = stances("Holm Games finally launched the Vexa on 2 October 2028.", date(2028, 10, 3))
    assert late == [Stance.CONTRADICTS]


def test_a_launch_of_something_else_does_not_date_a_forecast_naming_only_its_kind() -> None:
    # "these tablets are launching soon": a story of the maker launching another product shares
    # only the word "launch" with it, which every launch story has.
    forecast = _forecast("Yes, these tablets are almost certainly launching soon.")
    assert forecast.expectation.window is not None
    assert not _judge(
        forecast, "Quillcart launched a new phone on 20 January 2030.", date(2030, 1, 21)
    )
    # The tablets' own launch still dates it.
    found = _judge(
        forecast, "Quillcart launched two new tablets on 20 January 2030.", date(2030, 1, 21)
    )
    assert [a.stance for a in found] == [Stance.SUPPORTS]


def test_a_price_the_seller_announces_for_a_coming_sale_is_set() -> None:
    # The sale is still a plan, its price is not: it refutes a forecast of another price...
    forecast = _forecast("The Quillpad will go on sale at $249.99.", "price")
    found = _judge(
        forecast,
        "Quillcart said the Quillpad goes on sale on 3 March at $299.99.",
        date(2030, 1, 13),
    )
    assert [a.stance for a in found] == [Stance.CONTRADICTS]
    assert "$299.99" in found[0].reason
    # ...while somebody else's word on the price remains a rumour that refutes nothing.
    assert not _judge(
        forecast,
        "Analysts said the Quillpad could go on sale on 3 March at $299.99.",
        date(2030, 1, 13),
    )


def test_a_price_announced_with_a_plain_will_is_set() -> None:
    # "will release ... for $300", "will cost": the seller's announcement fixes the price, and a
    # release "for $X" names it as "at $X" does.
    forecast = _forecast("The Quillpad will cost $249.99.", "price")
    for said in (
        "Quillcart said today that the Quillpad will release on March 3 for $299.99.",
        "Quillcart will release the Quillpad on 3 March at $299.99 in the US.",
        "Quillcart said the Quillpad will cost $299.99 when it goes on sale.",
    ):
        found = _judge(forecast, said, date(2030, 1, 13))
        assert [a.stance for a in found] == [Stance.CONTRADICTS], said
    # A word of intent, a hedge or hearsay beside the "will" leaves it open.
    for said in (
        "Quillcart plans to price the Quillpad at $299.99 and will release it on 3 March.",
        "Quillcart will probably release the Quillpad on 3 March at $299.99.",
        "The Quillpad reportedly will cost $299.99.",
        "Quillcart could release the Quillpad on 3 March at $299.99.",
    ):
        assert not _judge(forecast, said, date(2030, 1, 13)), said


def test_a_thing_pointed_back_to_is_not_any_thing_of_its_kind() -> None:
    # "their game" is the one the article named before: another game's release does not date it.
    forecast = _forecast("I imagine their game will come out in late 2030 or early 2031.")
    assert not _judge(
        forecast,
        "A role-playing game is being released on Quillcart Online in February 2034.",
        date(2034, 2, 22),
    )
    # Named, the game's own release still dates it.
    named = _forecast("I imagine the Quillquest game will come out in late 2030 or early 2031.")
    found = _judge(
        named,
        "The Quillquest game is being released on Quillcart Online in February 2034.",
        date(2034, 2, 22),
    )
    assert [a.stance for a in found] == [Stance.CONTRADICTS]


# --- a release's milestones: general availability is the release, a candidate is not ---------

MILESTONES = "**2030-06** — QCK 5: General Availability"


def test_general_availability_is_the_release_and_a_late_release_contradicts_it() -> None:
    found = _judge(
        _forecast(MILESTONES, "commitment"),
        "Quillcart released the QCK 5 kit on 21 September 2030.",
        date(2030, 9, 22),
    )
    assert [a.stance for a in found] == [Stance.CONTRADICTS]
    assert "2030-09-21" in found[0].reason


def test_a_release_candidate_and_the_release_are_different_launches() -> None:
    candidate = _forecast("**2030-04** — QCK 5: Final Release Candidate", "commitment")
    # The release itself does not date its candidate ...
    assert not _judge(
        candidate, "Quillcart released the QCK 5 kit on 21 September 2030.", date(2030, 9, 22)
    )
    # ... nor a beta the release.
    release = _forecast("Quillcart 4.3.0 should be released in June 2030.")
    assert not _judge(
        release, "Quillcart 4.3.0 beta was released on 14 September 2030.", date(2030, 9, 15)
    )
    # A candidate's own date does.
    found = _judge(
        candidate,
        "Quillcart released the final release candidate of QCK 5 on 2 August 2030.",
        date(2030, 8, 3),
    )
    assert [a.stance for a in found] == [Stance.CONTRADICTS]


def test_a_number_after_an_acronym_or_a_camel_cased_name_is_part_of_the_name() -> None:
    for text in ("JDK 9: Feature Complete", "the Java SE 9 kit", "the iPhone 12 sold well"):
        assert find_quantities(text) == [], text
    # A figure after an ordinary word is still a figure.
    assert [q.text for q in find_quantities("Sales of 9 cars")] == ["9 cars"]


def test_a_date_set_or_scheduled_is_a_plan_and_an_old_plan_settles_nothing() -> None:
    assert modality_of(
        "In May 2030 Quillcart set 22 September 2030 as the QCK 5 release date."
    ) == ("plan")
    assert modality_of("The QCK 5 launch was scheduled for March.") == "plan"
    # Not every "set" sets a date.
    assert (
        modality_of("Quillcart set a record in 2029 as the date of its IPO approached.") == "fact"
    )
    said = _judge(
        _forecast(MILESTONES, "commitment"),
        "In May 2029 Quillcart set 22 September 2029 as the QCK 5 general availability date.",
        date(2029, 5, 8),
    )
    assert not said


# --- an undated forecast that named products come out -------------------------------------------


def test_an_announced_or_updated_product_bears_out_a_forecast_of_its_coming() -> None:
    forecast = _forecast("Quillcart is also expected to reveal a new Quill Pad mini.", "event")
    day = date(2030, 10, 30)
    said = _judge(forecast, "Quillcart announced the new Quill Pad mini and Quill Desk.", day)
    assert [a.stance for a in said] == [Stance.SUPPORTS]
    assert "Quill Pad mini" in said[0].reason
    update = _forecast("There is probably a modest update for Quill Desk being prepared.", "event")
    said = _judge(update, "In March 2031 Quillcart updated the Quill Desk.", date(2031, 3, 20))
    assert [a.stance for a in said] == [Stance.SUPPORTS]


def test_a_longer_name_another_product_or_news_of_money_says_nothing_of_its_coming() -> None:
    forecast = _forecast("Quillcart plans on updating the Quill Pad and Quill Pad Air.", "event")
    day = date(2030, 10, 30)
    # Only the longer name came: the Quill Pad itself was not updated.
    assert not _judge(forecast, "Quillcart updated the Quill Pad Air on Tuesday.", day)
    # A dated launch forecast is not dated by a reveal of money.
    dated = _forecast("Quillcart will launch its first terminal in 2030.")
    assert not _judge(dated, "Quillcart revealed a huge investment in its first terminal.", day)


def test_a_product_named_beside_an_announcement_of_something_else_is_not_announced() -> None:
    forecast = _forecast("Quillcart plans on updating the Quill Pad and Quill Pad Air.", "event")
    day = date(2030, 10, 30)
    for news in (
        "Quillcart announced it has no plans for the Quill Pad and Quill Pad Air this year.",
        "Quillcart updated its repair program for the Quill Pad and Quill Pad Air.",
    ):
        assert not _judge(forecast, news, day), news


def test_a_product_named_as_a_modifier_is_not_what_was_brought_out() -> None:
    forecast = _forecast(
        "Quillcart plans on updating the Quill Pad Air and the Quill Desk.", "event"
    )
    day = date(2030, 10, 30)
    news = "Quillcart updated the Quill Pad Air, Quill Desk and Quill Mini repair program."
    assert not _judge(forecast, news, day)


def test_where_a_thing_comes_out_is_no_shared_object() -> None:
    # "It comes out on the Switch": the platform is where, not what; another game released for
    # the platform does not date this one (the seed's subject is the platform's maker here).
    platform = [Subject(name="Quillstation")]

    def judge(text: str, news: str) -> list[Assessment]:
        forecast = describe_prediction(text, PUBLISHED, "timeline", "Quillstation")
        return judged(forecast, news, date(2030, 10, 31), platform)

    other_game = "The game was released for Quillstation 4, Windows and Xbox One in October 2030."
    assert not judge("It comes out on the Switch and Xbox One on March 20, 2030.", other_game)
    assert not judge(
        "Look for it this year on Quillstation 4, Xbox One, PC, and Switch.", other_game
    )
    assert not judge("It comes to Quillstation 4, Xbox One, and PC on April 3, 2030.", other_game)
    # A thing named outside where it comes out still dates its launch.
    named = judge(
        "The Quillstation Portal will come out on Xbox One in March 2030.",
        "The Quillstation Portal was released on 14 September 2030.",
    )
    assert [a.stance for a in named] == [Stance.CONTRADICTS]


def test_a_release_given_up_refutes_its_date_and_nothing_else() -> None:
    # Written for this test on the shape of a browser's release calendar ("Quill 7 (stable in
    # June 2031)"); the news gives the release up.
    forecast = describe_prediction("Quill 7 (stable in June 2031)", PUBLISHED, "timeline", "Quill")
    subjects = [Subject(name="Quill")]
    for news in (
        "The Quill 7 release was cancelled altogether, its features moved to Quill 8.",
        "Quill's makers scrapped Quill 7 and moved its features to Quill 8.",
    ):
        found = judged(forecast, news, date(2031, 3, 2), subjects)
        assert [a.stance for a in found] == [Stance.CONTRADICTS], news
        assert "Quill 7 will not come out" in found[0].reason
    # Another release given up, an event called off, or a plan to give it up: nothing settled.
    for news in (
        "Quill 8 was cancelled and Quill 7 keeps its date.",
        "The Quill 7 launch event was cancelled because of the storm.",
        "Its makers may scrap Quill 7 if testing goes badly.",
    ):
        assert not judged(forecast, news, date(2031, 3, 2), subjects), news


def test_a_variant_the_forecast_never_names_settles_nothing() -> None:
    # Written for this test on the shape of a console rumour piece and a mid-generation model.
    subjects = [Subject(name="Norvik")]
    arrives = describe_prediction(
        "The Norvik QS5 console could arrive around 2030.", PUBLISHED, "timeline", "Norvik"
    )
    variant = "The Norvik QS5 Pro console launched on 7 November 2034, a mid-generation upgrade."
    assert not judged(arrives, variant, date(2034, 11, 8), subjects)
    # The model itself, and news naming it beside the variant, still settle the forecast.
    for news in (
        "The Norvik QS5 console launched on 12 November 2030.",
        "The Norvik QS5 console launched on 12 November 2030, and the QS5 Pro console in 2034.",
    ):
        found = judged(arrives, news, date(2030, 11, 13), subjects)
        assert [a.stance for a in found] == [Stance.SUPPORTS], news
    # A forecast that names the variant is settled by it.
    pro = describe_prediction(
        "The Norvik QS5 Pro console will launch in November 2034.", PUBLISHED, "timeline", "Norvik"
    )
    found = judged(pro, variant, date(2034, 11, 8), subjects)
    assert [a.stance for a in found] == [Stance.SUPPORTS]
