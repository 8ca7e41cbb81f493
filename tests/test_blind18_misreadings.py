"""Wrong verdicts found on real writing nobody had read (blind-18: a framework's roadmap, a
railway's opening plan), each fixed by a general reading and pinned here with a look-alike
that keeps its verdict. Firms, projects, lines and figures are invented for the tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hindsight.analysis.predictions import describe_prediction, extract_predictions
from hindsight.domain import Prediction, Stance, Subject
from hindsight.reading import read_seed_text
from tests.judge_cases import judged

WRITTEN = date(2031, 3, 2)
LATER = date(2032, 6, 2)


def _forecast(text: str, subject: str, kind: str) -> Prediction:
    return replace(describe_prediction(text, WRITTEN, kind, subject), made=WRITTEN)


def _stances(forecast: Prediction, news: str, subjects: list[Subject]) -> list[Stance]:
    return [a.stance for a in judged(forecast, news, LATER, subjects) if a.stance.decides]


# --- a change word refutes a commitment only when the changed thing is the commitment's ------
LUMA = [Subject(name="Luma")]
COMPAT = "Luma 4.0 will ship a compat build that emits deprecation warnings for the old API."


def test_a_change_word_about_another_thing_refutes_no_commitment() -> None:
    commitment = _forecast(COMPAT, "Luma", "commitment")
    for news in (
        # "changed" describes the features the build warns about
        "The Luma compat build emits runtime warnings for changed or deprecated features.",
        # the RFC was revised, not the build
        "The Luma API RFC for the compat build, inspired by another framework, caused a heated "
        "debate and was revised.",
        # a change proposed is not yet made
        "The Luma team proposed dropping the planned compat build for Luma 4.0.",
    ):
        assert not _stances(commitment, news, LUMA), news
    # what was dropped is the IE build; the API and the features are another clause's
    features = _forecast(
        "Luma 4.0 will bring a custom renderer API and smaller, faster features.",
        "Luma",
        "commitment",
    )
    news = "The Luma team dropped the IE build and instead ported the renderer API features to 3.x."
    assert not _stances(features, news, LUMA)


def test_a_cut_of_the_commitments_own_thing_still_refutes_it() -> None:
    commitment = _forecast(COMPAT, "Luma", "commitment")
    assert _stances(commitment, "Luma dropped the compat build in 2032.", LUMA) == [
        Stance.CONTRADICTS
    ]
    payout = _forecast("Luma will keep its dividend at the 2030 level.", "Luma", "commitment")
    news = "Luma cut its dividend to 0.40 a share from 0.95, the first cut since 2030."
    assert _stances(payout, news, LUMA) == [Stance.CONTRADICTS]
    listing = _forecast(
        "Luma will list its shares in the first half of 2032.", "Luma", "commitment"
    )
    news = "The ministry said it had postponed the planned listing of Luma's shares."
    assert _stances(listing, news, LUMA) == [Stance.CONTRADICTS]


# --- a forecast of failure hopes for the failure ----------------------------------------------
TRANSIT = [Subject(name="Corvel line")]
SHUTDOWN = "A signalling outage has shut down the core section of the Corvel line for a second day."


def test_a_forecast_of_failures_is_borne_out_by_a_failure() -> None:
    failures = _forecast(
        "From May onwards the Corvel line will have the usual signal failures!",
        "Corvel line",
        "qualitative",
    )
    assert _stances(failures, SHUTDOWN, TRANSIT) == [Stance.SUPPORTS]
    success = _forecast("The Corvel line will be a success.", "Corvel line", "qualitative")
    assert _stances(success, SHUTDOWN, TRANSIT) == [Stance.CONTRADICTS]
    never = _forecast("The Corvel line will not fail.", "Corvel line", "qualitative")
    assert _stances(never, SHUTDOWN, TRANSIT) == [Stance.CONTRADICTS]


# --- a delay misses only a time that was set ---------------------------------------------------
CORVEL = [Subject(name="Corvel")]


def test_a_delay_refutes_no_undated_commitment() -> None:
    fittings = _forecast(
        "The new line will include more standing room, air-conditioning, and a mixture of "
        "seating types.",
        "Corvel",
        "commitment",
    )
    for news in (
        "On the Corvel line's opening day, signal failures caused severe delays on the Circle "
        "and District lines; 130,000 people used the new line in its first hours.",
        "Severe delays hit the new Corvel line on its opening day.",
    ):
        assert not _stances(fittings, news, CORVEL), news
    dated = _forecast("The new Corvel line will open in May 2031.", "Corvel", "commitment")
    news = "The opening of the new Corvel line was delayed to 2032."
    assert _stances(dated, news, CORVEL) == [Stance.CONTRADICTS]


# --- a launch told in retrospect, and a thing brought fully into use ----------------------------


def test_an_opening_named_with_its_day_dates_the_launch() -> None:
    opening = _forecast(
        "From Tuesday 24 May 2031, the long-awaited Corvel line will be open to the public.",
        "Corvel",
        "timeline",
    )
    news = (
        "More than 150 million journeys have been made on the Corvel line in its first year "
        "since its opening on May 24 2031."
    )
    assert _stances(opening, news, CORVEL) == [Stance.SUPPORTS]
    # a date of something else in the sentence dates no opening
    news = "More than 150 million journeys were made on the Corvel line by May 24 2032."
    assert not _stances(opening, news, CORVEL)


def test_a_forecast_of_full_service_is_not_borne_out_by_the_opening() -> None:
    full = _forecast(
        "But by May 2032 the Corvel line will be fully functional", "Corvel", "timeline"
    )
    opened = "The Corvel line opened to passengers on 24 May 2031."
    assert not _stances(full, opened, CORVEL)
    for news in (
        "The Corvel line became fully operational on 21 May 2032.",
        "The full timetable of the Corvel line went live on 21 May 2032, making it fully "
        "operational.",
    ):
        assert _stances(full, news, CORVEL) == [Stance.SUPPORTS], news


# --- speech in single quotes, British style ----------------------------------------------------
LOCAL_NEWS = """# The Corvel line is finally here

From Tuesday 24 May 2031, the long-awaited Corvel line will be open to the public.

Once open, TfL announced that travel times between Ardley and Wick will be halved to just 15
minutes. It will stop at 41 accessible stations and will serve 200 million commuters each year.

The announcement has produced mixed reviews. Ana Roe tweeted: ‘Give us back our buses’, in
reference to the halving of buses.

Other Londoners are worried about the technical front. Dan Sohn tweeted: ‘So I’m guessing
from the 24th May onwards there’ll be the usual signal failures! Delays!’.

The line’s new trains will run every five minutes at peak times.
"""


def test_speech_in_single_quotes_is_its_speakers_and_leaves_the_report_a_report() -> None:
    seed = read_seed_text(LOCAL_NEWS, fmt="markdown", published=WRITTEN)
    owners = {p.text: p.owner for p in extract_predictions(seed)}
    assert owners[next(t for t in owners if "signal failures" in t)] == "Dan Sohn"
    # Quoted first person ("our buses", "I’m") is no writer's voice: the report's unattributed
    # forecasts continue the source named before them.
    assert owners[next(t for t in owners if "41 accessible stations" in t)] == "TfL"
    # An apostrophe opens no quotation: the writer's own statement stays the writer's.
    assert owners[next(t for t in owners if "every five minutes" in t)] == "author"


# --- a numbered heading under a title of predictions is the prediction -------------------------
TRENDS = """# Velk’s Predictions and Trends for 2031

If 2030 taught us one thing, it is that making predictions is a tricky business.

## 1. The Rise of Private Ledgers

Private ledgers will gain more momentum in 2031. The ledger market stores a record amount of
data today. Each node keeps an identical copy of the chain, so the idea of storing files on it
does not hold much weight.

## 2. Decentralized and distributed systems enabling a free market

Market forces reward the cheapest storage.

## 3. Sanders

Sanders wins the county by eight points.
"""


def test_the_prose_under_a_numbered_prediction_argues_for_it() -> None:
    seed = read_seed_text(TRENDS, fmt="markdown", published=date(2031, 1, 5))
    found = [p.text for p in extract_predictions(seed)]
    # the headings are the predictions, and a cued sentence under them is one too
    assert any("Rise of Private Ledgers" in t for t in found)
    assert any("enabling a free market" in t for t in found)
    assert any("gain more momentum" in t for t in found)
    # the background argued under them is none
    assert not [t for t in found if "record amount" in t or "identical copy" in t]
    assert not [t for t in found if "cheapest storage" in t]
    # a ranked name is a pick too, and its section states the pick in the present: still
    # framed by the title
    assert any(t.endswith("Sanders") for t in found)
    assert any("wins the county" in t for t in found)
