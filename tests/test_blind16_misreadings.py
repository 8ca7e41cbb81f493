"""Wrong verdicts, missed events and a refused seed found on real writing nobody had read
(blind-16: a crypto year-ahead newsletter, an NBA season preview kept as HTML inside Markdown),
each fixed by a general reading and pinned here with a look-alike that keeps its reading.
Firms, people, events and figures are invented for the tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hindsight.analysis.deeds import deeds_in
from hindsight.analysis.horizons import find_horizons
from hindsight.analysis.predictions import describe_prediction
from hindsight.analysis.questions.occurrence import event_of
from hindsight.domain import Prediction, Stance, Subject
from hindsight.reading import read_seed_text
from hindsight.reading.markdown_text import read_markdown
from tests.judge_cases import judged

WRITTEN = date(2031, 1, 6)
SUBJECTS = [Subject(name="Quorra"), Subject(name="Velk Bank", aliases=("Velk",))]


def _forecast(text: str, subject: str, kind: str = "event") -> Prediction:
    return replace(describe_prediction(text, WRITTEN, kind, subject), made=WRITTEN)


def _stances(forecast: Prediction, news: str, day: date) -> list[Stance]:
    return [a.stance for a in judged(forecast, news, day, SUBJECTS) if a.stance.decides]


# --- a named event dated by the forecast, settled by the day it happened -----------------------


def test_the_day_a_named_event_happened_settles_the_window_it_was_given() -> None:
    halving = _forecast("The next halving will occur in May 2034.", "Quorra", "timeline")
    assert event_of(halving.text) == "halving"
    early = "Quorra underwent its fourth halving on April 20, 2034, cutting the block reward."
    assert _stances(halving, early, date(2034, 4, 22)) == [Stance.CONTRADICTS]
    on_time = "Quorra's fourth halving happened on 12 May 2034."
    assert _stances(halving, on_time, date(2034, 5, 13)) == [Stance.SUPPORTS]
    merge = _forecast(
        "Current estimates pin the potential timing of The Fold in Q2 or Q3 of this year",
        "Quorra",
        "timeline",
    )
    assert event_of(merge.text) == "fold"
    done = "After months of waiting, the Fold has officially taken place on Quorra."
    assert _stances(merge, done, date(2031, 9, 15)) == [Stance.SUPPORTS]


def test_an_expected_or_earlier_happening_or_an_unnamed_event_settles_nothing() -> None:
    halving = _forecast("The next halving will occur in May 2034.", "Quorra", "timeline")
    for news, day in (
        ("Quorra's halving is still expected to happen around May 20, 2034.", date(2034, 5, 1)),
        ("Quorra's last halving happened on 11 May 2030.", date(2031, 2, 1)),  # an earlier one
        ("Quorra's upgrade happened on 2 April 2034.", date(2034, 4, 3)),  # another event
    ):
        assert _stances(halving, news, day) == [], news
    assert event_of("It will happen in May 2034.") is None
    assert event_of("Nothing will happen to coins held by users") is None


def test_either_of_two_quarters_of_this_year_is_one_window() -> None:
    windows = find_horizons("the timing of The Fold in Q2 or Q3 of this year", date(2031, 1, 6))
    assert [(w.start, w.end) for w in windows] == [(date(2031, 4, 1), date(2031, 9, 30))]
    windows = find_horizons("in March or April next year", date(2031, 1, 6))
    assert [(w.start, w.end) for w in windows] == [(date(2032, 3, 1), date(2032, 4, 30))]


# --- a deed word that is no act ----------------------------------------------------------------


def test_a_deed_placed_before_or_after_in_time_or_counted_is_no_act() -> None:
    assert deeds_in("the execution layer will remain post-merge") == frozenset()
    assert deeds_in("pre-merger talks will continue") == frozenset()
    assert deeds_in("it will merge with Acme") == {"sell"}
    assert deeds_in("helping propel the Owls to a franchise-record 49 wins") == frozenset()
    assert deeds_in("after two delays the plant opened") == {"open"}
    assert deeds_in("the Owls won 49 games") == {"win"}


def test_an_event_named_like_a_deed_does_not_refute_a_forecast_of_what_follows_it() -> None:
    # The forecast's "post-merge" dates what it says; the Fold's news is no merger it ruled out.
    layer = _forecast(
        "the Quorra engine will not be deprecated and will remain as the execution layer "
        "post-merge",
        "Quorra",
    )
    news = "Quorra merged its proof-of-work chain with the new chain on 15 September 2031."
    assert _stances(layer, news, date(2031, 9, 15)) == []
    merger = _forecast("Quorra will not merge with Velk Bank this year", "Quorra")
    done = "Quorra merged with Velk Bank on 15 September 2031."
    assert _stances(merger, done, date(2032, 1, 15)) == [Stance.CONTRADICTS]


def test_an_award_won_by_someone_named_says_nothing_of_a_forecast_that_he_will_win() -> None:
    # "he" is Tam, whom the seed does not track: any tracked subject's news meets the forecast.
    forecast = _forecast("And speaking of Tam, he will win sixth man this year", "Tam")
    news = "Quorra guard Lou Vance wins the 2031 Sixth Man of the Year award."
    assert _stances(forecast, news, date(2031, 4, 20)) == []
    # The same when "he" fell back on the article's subject, named in the award's title.
    league = _forecast("And speaking of Tam, he will win sixth man this year", "Quorra")
    news = "Owls guard Lou Vance wins the 2031 Quorra Sixth Man of the Year award."
    assert _stances(league, news, date(2031, 4, 20)) == []
    # A forecast naming its winner is still borne out by news of that winner.
    named = _forecast("Quorra will win the Sixth Man of the Year award this year", "Quorra")
    news = "Quorra wins the 2031 Sixth Man of the Year award."
    assert _stances(named, news, date(2031, 4, 20)) == [Stance.SUPPORTS]


# --- a count of changes, against one change --------------------------------------------------


def test_one_rise_reported_settles_no_forecast_of_a_number_of_rises() -> None:
    hikes = _forecast(
        "Projections from Velk Bank indicated three interest-rate hikes in 2031.",
        "Velk Bank",
        "quantity",
    )
    news = "Velk Bank raised interest rates by half a point on 14 December 2031."
    assert _stances(hikes, news, date(2031, 12, 14)) == []
    one = _forecast("Velk Bank will raise interest rates in 2031.", "Velk Bank")
    assert _stances(one, news, date(2031, 12, 14)) == [Stance.SUPPORTS]


# --- a post written as HTML inside Markdown ----------------------------------------------------

HTML_POST = """# Our season preview

It's our (belated) preview!

<hr />

<img src="https://example.org/cover.jpg" />

<h2>The East</h2>

<p>1. Owls (60-22) – I believe the Owls will win the East. Their new coach will change
everything, and he will win coach of the year.</p>

<p>2. Herons (52-30) - The Herons will need time to build chemistry.</p>

<ol><li>Larks</li><li><p>Rooks</p><p>More on the Rooks.</p></li></ol>

<blockquote><p>We will be back in April.</p></blockquote>

<script>var x = "no prose";</script>
"""


def test_a_markdown_post_written_as_html_is_read_as_its_paragraphs_and_headings() -> None:
    article = read_markdown(HTML_POST)
    lines = [
        (article.text[b.start : b.end][:22], b.kind, b.level, b.number) for b in article.blocks
    ]
    assert lines == [
        ("It's our (belated) pre", "paragraph", 0, None),
        ("The East", "heading", 2, None),
        ("1. Owls (60-22) – I be", "paragraph", 0, None),
        ("2. Herons (52-30) - Th", "paragraph", 0, None),
        ("Larks", "item", 1, 1),
        ("Rooks", "item", 1, 2),
        ("More on the Rooks.", "item-more", 1, None),
        ("We will be back in Apr", "quote", 0, None),
    ]
    assert "no prose" not in article.text and "cover.jpg" not in article.text
    seed = read_seed_text(HTML_POST, fmt="md", published=WRITTEN)  # not refused as empty
    assert "will win the East" in seed.text


# --- a shared byline ---------------------------------------------------------------------------


def test_a_writer_of_a_shared_byline_is_not_the_articles_subject() -> None:
    from hindsight.analysis.predictions import main_subject

    text = (
        "It's Tomas and Ilse's (belated) league preview! Tomas picks the East, Ilse the West. "
        "The Owls will win the East. Tomas thinks the Herons will be second. The Owls have the "
        "best roster in the league, and the Owls' coach is the best around."
    )
    byline = "Ilse Marr and Tomas (signed 'I.M. & T.')"
    assert main_subject(text, byline, "Tomas and Ilse's League Preview 2031") == "Owls"
    # A name that is no writer's still gives the subject from the title, and an organisation
    # signing its own release is its subject.
    assert main_subject(text, "Kai Berg", "The Owls' Season Preview 2031") == "Owls"
    release = "ORBX will launch the Vela probe on 3 May. ORBX says the Vela will reach orbit."
    assert main_subject(release, "ORBX (media advisory)", "ORBX Sets Launch Date") == "ORBX"
