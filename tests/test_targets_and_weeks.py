"""Forms met on real forecasts of prices and product events (issue #10, blind-6): a price target
"by" a day, settled by the price on that day and by nothing after it; "next week" as a
deadline; a launch window's own words are no object of the launch; a participle after a counted
noun is no unit; a camel-cased product ("iQuill") is a name, not a topic. Each deciding case has
a look-alike that must stay silent. Sentences and names are written for these tests."""

from __future__ import annotations

from datetime import date

from hindsight.analysis.horizons import find_horizons
from hindsight.analysis.names import is_topic
from hindsight.analysis.periods import find_periods
from hindsight.analysis.predictions import describe_prediction
from hindsight.analysis.quantities import find_quantities
from hindsight.analysis.subjects import learn_subjects
from hindsight.domain import Prediction, SeedArticle, Stance, Subject
from tests.judge_cases import judged

COIN = [Subject(name="Quillcoin")]
WRITTEN = date(2029, 12, 10)


def _target(text: str) -> Prediction:
    return describe_prediction(text, WRITTEN, "quantity", "Quillcoin")


def _stances(prediction: Prediction, news: str, published: date) -> list[Stance]:
    found = judged(prediction, news, published, COIN)
    return [a.stance for a in found if a.stance.decides]


def test_a_forecasters_verb_is_not_what_a_price_target_prices() -> None:
    # "I predict" frames the target; the price is the coin's. Before, "predict" was read as
    # the priced good, and no news of the coin's price ever met the target.
    target = _target("I predict: $20,000 by January 1st 2030")
    assert _stances(target, "Quillcoin traded at $13,624 on 1 January 2030.", date(2030, 1, 2)) == [
        Stance.CONTRADICTS
    ]
    # The price of something else in the same currency stays silent.
    assert not _stances(
        target, "Quillcoin's founder sold a painting for $13,624.", date(2030, 1, 2)
    )


def test_a_price_after_a_by_deadline_says_nothing_of_the_price_then() -> None:
    # A price moves both ways: the year's close is no reading of the price on 1 January.
    early = _target("I predict: $20,000 by January 1st 2030")
    close = "Quillcoin closed 2030 at $3,747, its worst year."
    assert not _stances(early, close, date(2031, 1, 1))
    # The same close settles a target for the end of that year.
    year_end = _target("I predict: $100,000 by the end of December 2030")
    assert _stances(year_end, close, date(2031, 1, 1)) == [Stance.CONTRADICTS]


def test_this_and_next_week_are_periods_and_next_week_a_deadline() -> None:
    monday = date(2029, 9, 10)
    (week,) = find_periods("Sales rose last week.", monday)
    assert (week.start, week.end) == (date(2029, 9, 3), date(2029, 9, 9))
    (ahead,) = find_horizons("Three new phones will be announced next week.", monday)
    # A writer's "next week" runs from the day written to the end of that week: an event a
    # few days early is not early.
    assert (ahead.start, ahead.end) == (monday, date(2029, 9, 23))
    assert find_horizons("He said last week that sales will rise.", monday) == []


QUILL = [Subject(name="Quill")]


def test_the_launch_windows_own_words_name_no_object() -> None:
    # "It will arrive before the end of September": news of another launch that September
    # shares only the month's name, and is not this one's.
    forecast = describe_prediction(
        "It will finally arrive before the end of September.",
        date(2029, 9, 10),
        "timeline",
        "Quill",
    )
    other = "Quill's Mojo software was released to the public on 24 September 2029."
    assert not [a for a in judged(forecast, other, date(2029, 9, 25), QUILL) if a.stance.decides]
    named = describe_prediction(
        "The Mojo software will finally arrive before the end of September.",
        date(2029, 9, 10),
        "timeline",
        "Quill",
    )
    assert [a.stance for a in judged(named, other, date(2029, 9, 25), QUILL)] == [Stance.SUPPORTS]


def test_a_participle_after_the_counted_noun_is_no_unit() -> None:
    (three,) = [q for q in find_quantities("There will be three new phones announced soon.")]
    assert three.unit == "phone"
    (cars,) = find_quantities("It built 5,000 electric cars in May.")
    assert cars.unit == "car"


def test_a_camel_cased_name_is_a_name_not_a_topic() -> None:
    assert not is_topic("iQuill Mini")
    assert not is_topic("eQuill")
    assert is_topic("heat pumps")
    seed = SeedArticle(
        title="What Quill will show on Tuesday",
        text=(
            "Quill holds its autumn event on Tuesday. The iQuill Mini launched in 2027 and sold "
            "well.\n\nThere will be three new iQuill phones, including the OLED iQuill Max and "
            "the LCD iQuill Lite. The iQuill Mini will not return this year."
        ),
        published=date(2029, 9, 10),
    )
    forecasts = [
        describe_prediction(
            "There will be three new iQuill phones, including the OLED iQuill Max and the LCD "
            "iQuill Lite.",
            date(2029, 9, 10),
            "event",
            "iQuill Mini",
        )
    ]
    subjects = learn_subjects(seed, forecasts)
    named = {n for s in subjects for n in (s.name, *s.aliases)}
    # Before, "iQuill Mini" read as a topic (lower-case first letter) and took every capital of
    # its forecasts as its names: "OLED" and "LCD" were then news of it.
    assert not {"OLED", "LCD"} & named


RUSTY = [Subject(name="Rusty")]


def _release(text: str, kind: str = "timeline") -> Prediction:
    return describe_prediction(text, date(2030, 3, 1), kind, "Rusty")


def test_a_release_number_after_a_name_alone_or_as_a_range() -> None:
    from hindsight.analysis.questions.base import versions

    assert versions("a release (Rusty 1.29 - 1.31) as Rusty 2030") == {(1, 29), (1, 31)}
    assert versions("Stable Rusty 1.31, released today") == {(1, 31)}
    # An amount after a name is no release: a scale, a unit or a percent follows it.
    assert versions("Acme 2.5 million cars") == set()
    assert versions("Acme 4.3 percent") == set()
    assert find_quantities("a release (Rusty 1.29 - 1.31) this year") == []


def test_a_release_the_forecast_names_in_a_range_is_its_release() -> None:
    forecast = _release("We will designate a release this year (Rusty 1.29 - 1.31) as Rusty 2030.")
    same = "Stable Rusty 1.31 was released on 6 December 2030."
    assert [a.stance for a in judged(forecast, same, date(2030, 12, 7), RUSTY)] == [Stance.SUPPORTS]
    other = "Stable Rusty 1.36 was released on 6 December 2030."
    assert not [a for a in judged(forecast, other, date(2030, 12, 7), RUSTY) if a.stance.decides]


def test_delivering_a_named_release_is_bringing_it_out() -> None:
    forecast = _release("This year, we will deliver Rusty 2030, the first new edition.", "event")
    news = "Rusty 1.31 was released on 6 December 2030 and marks the release of the 2030 edition."
    assert [a.stance for a in judged(forecast, news, date(2030, 12, 7), RUSTY)] == [Stance.SUPPORTS]
    # Delivering an amount is no release.
    volume = _release("This year, we will deliver 5,000 cars.", "quantity")
    assert not [a for a in judged(volume, news, date(2030, 12, 7), RUSTY) if a.stance.decides]


def test_a_forecast_about_a_product_line_is_launched_when_the_line_is() -> None:
    # The forecast is filed under the product line itself ("Quill Pads"), whose name is then no
    # word of its topic: the line named in news is what was launched.
    subjects = [Subject(name="Quill"), Subject(name="Pad")]
    forecast = describe_prediction(
        "The first Quill Pads will go on sale in February 2031.",
        date(2030, 6, 1),
        "timeline",
        "Quill Pads",
    )
    news = "Quill releases the first three Pads powered by its new chip."
    found = judged(forecast, news, date(2030, 11, 17), subjects)
    assert [a.stance for a in found] == [Stance.CONTRADICTS]  # earlier than February 2031
    other = "Quill releases the first three watches powered by its new chip."
    assert not [
        a for a in judged(forecast, other, date(2030, 11, 17), subjects) if a.stance.decides
    ]


def test_a_gold_quote_reads_as_the_article_without_its_markdown() -> None:
    from hindsight.reading.markdown_text import plain_inline

    assert plain_inline("we will deliver _Rusty 2030_, the first\nedition") == (
        "we will deliver Rusty 2030, the first edition"
    )
    assert plain_inline("[deprecating Docker](https://example.org/x) after **v1.20**") == (
        "deprecating Docker after v1.20"
    )


def test_a_word_of_a_longer_name_is_not_that_name() -> None:
    # "the Rusty language" is not the "Rusty Language Server": the shared word "language" is a
    # modifier of the forecast's name, which the news never writes whole.
    forecast = _release(
        "Rusty 2030 will see a high quality 1.0 release of the Rusty Language Server.", "event"
    )
    other = "A new version of the Rusty language and its compiler was released on 6 December 2030."
    assert not [a for a in judged(forecast, other, date(2030, 12, 7), RUSTY) if a.stance.decides]
    same = "The Rusty Language Server was released as 1.0 on 6 December 2030."
    assert [a.stance for a in judged(forecast, same, date(2030, 12, 7), RUSTY)] == [Stance.SUPPORTS]


def test_an_ordinary_word_of_a_products_name_is_no_short_name_for_it() -> None:
    published = date(2029, 6, 1)
    seed = SeedArticle(
        title="What to expect at WWDC",
        text=(
            "WWDC starts on Monday, and WWDC is where the big news lands. I expect that we will"
            " see some improvements to Orange Pay at WWDC. Last year Orange shipped Orange Pay,"
            " and the new Pad Pro came out; reviewers said the Pro was fast. Orange will ship the"
            " Pad Pro again."
        ),
        published=published,
    )
    forecasts = [
        describe_prediction(
            "I expect that we will see some improvements to Orange Pay.",
            published,
            "event",
            "Orange Pay",
        ),
        describe_prediction("Orange will ship the Pad Pro again.", published, "event", "Pad Pro"),
    ]
    names = {s.name: s.aliases for s in learn_subjects(seed, forecasts)}
    # "Pro" alone is a word, and "Orange" the maker of Orange Pay, not a short name of it:
    # before, every story about Orange was read as one about Orange Pay.
    assert "Pro" not in names["Pad Pro"]
    assert "Orange" not in names["Orange Pay"]


def test_numbers_after_a_capital_that_are_no_releases() -> None:
    from hindsight.analysis.questions.base import versions

    assert versions("We will deliver Rusty 1.31.") == {(1, 31)}  # before a full stop
    assert versions("Rusty 1.29 - 1.31.") == {(1, 29), (1, 31)}
    for text in (
        "In 2.5 years it will",
        "Figure 3.2 shows",
        "Table 1.2",
        "Revenue Rose 2.5 points",
    ):
        assert versions(text) == set(), text
    assert is_topic("3D printers")  # a code opening a kind of thing is no name


def test_a_camel_cased_name_is_read_whole() -> None:
    from hindsight.analysis.search_terms import entities

    # Before, "iQuill SE" was read as "SE" and "qOS Mojo" as "Mojo".
    assert entities("It came with the iQuill SE and qOS Mojo, sold on eQuill.") == [
        "iQuill SE",
        "qOS Mojo",
        "eQuill",
    ]


def test_another_things_launch_is_no_release_of_the_named_product() -> None:
    # Found on blind-7 after the camel-case reading made "iPad Pro" a forecast's subject: "With
    # iOS 9's launch, ... iPad Pro" supported "the iPad Pro will be announced".
    subjects = [Subject(name="Quill"), Subject(name="Quill Pad")]
    forecast = describe_prediction(
        "I expect the Quill Pad to be announced at the October event.",
        date(2030, 6, 1),
        "event",
        "Quill Pad",
    )
    other = "With Quill OS 9's launch, the new typeface arrived on every Quill Pad."
    assert not [a for a in judged(forecast, other, date(2030, 9, 20), subjects) if a.stance.decides]
    own = "Quill released the Quill Pad in October."
    assert [a.stance for a in judged(forecast, own, date(2030, 10, 20), subjects)] == [
        Stance.SUPPORTS
    ]
