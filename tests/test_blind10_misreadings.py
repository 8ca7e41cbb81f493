"""Wrong verdicts and missed subjects found on real writing nobody had read (blind-10: a
central-bank preview, a phone-rumour roundup), each fixed by a general reading and pinned here with
a look-alike that keeps its verdict. Banks, products and figures are invented for the tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hindsight.analysis.prediction_fields import describe
from hindsight.analysis.predictions import describe_prediction
from hindsight.domain import Prediction, Stance, Subject
from tests.judge_cases import judged

NORVIA = [Subject(name="Bank of Norvia", aliases=("Bank",))]
QUILL = [Subject(name="Quillcart", aliases=("Quillphone",))]
WRITTEN = date(2031, 3, 2)


def _forecast(text: str, subject: str, kind: str = "event") -> Prediction:
    return replace(describe_prediction(text, WRITTEN, kind, subject), made=WRITTEN)


def _stances(forecast: Prediction, news: str, day: date, subjects: list[Subject]) -> list[Stance]:
    return [a.stance for a in judged(forecast, news, day, subjects) if a.stance.decides]


def test_the_budget_a_government_delivers_is_no_budget_product() -> None:
    subjects = [Subject(name="Budget"), *NORVIA]
    text = (
        "Policymakers at the Bank of Norvia are widely expected to hold interest rates at 4% "
        "following their final meeting before the chancellor's Budget."
    )
    forecast = replace(describe_prediction(text, WRITTEN), made=WRITTEN)
    for news in (
        "Budget 2031 LIVE: Tess Vane unveils a £26bn tax raid but cuts energy bills.",
        "Vane delivered the Budget on 26 March 2031 after details leaked early.",
        "In the Budget next week, I'll be taking targeted action to bring down inflation.",
    ):
        assert not _stances(forecast, news, date(2031, 3, 27), subjects), news
    # A budget product is still one.
    phone = _forecast("Quillcart will launch a budget phone.", "Quillcart")
    assert _stances(
        phone, "Quillcart launched the Quillphone Go, a budget phone.", date(2031, 6, 1), QUILL
    ) == [Stance.SUPPORTS]


def test_a_set_rate_is_the_figure_and_an_undated_call_is_on_the_next_decision() -> None:
    forecast = _forecast(
        "Policymakers at the Bank of Norvia are widely expected to hold interest rates at 4%.",
        "Bank of Norvia",
    )
    assert _stances(
        forecast,
        "The Bank of Norvia held interest rates at 4% on 5 March 2031.",
        date(2031, 3, 5),
        NORVIA,
    ) == [Stance.SUPPORTS]
    # A quarter point off is another decision, not "about 4%" ...
    assert _stances(
        forecast,
        "The Bank of Norvia cut interest rates to 3.75% on 5 March 2031.",
        date(2031, 3, 5),
        NORVIA,
    ) == [Stance.CONTRADICTS]
    # ... and a decision months later is not the one the forecast called.
    assert not _stances(
        forecast,
        "The Bank of Norvia cut interest rates to 3.75% on 18 June 2031.",
        date(2031, 6, 18),
        NORVIA,
    )
    # A rate nobody sets keeps its tenth of slack.
    inflation = _forecast("The Bank of Norvia expects inflation of 4% in 2031.", "Bank of Norvia")
    assert _stances(
        inflation,
        "The Bank of Norvia said inflation was 3.75% in 2031.",
        date(2032, 2, 1),
        NORVIA,
    ) == [Stance.SUPPORTS]


def test_whose_forecast_a_passive_expectation_states() -> None:
    # "Policymakers at the Bank": a plural noun before "at" makes the bank whose they are, not
    # a place; "are widely expected to" is where the forecast starts, so "their" after it points
    # to nobody before it; and "It has been reported that" points back to nothing.
    for text in (
        "It has been recently reported that Policymakers at the Bank of Norvia are widely "
        "expected to hold interest rates at 4% following their final meeting.",
        "Policymakers at the Bank of Norvia are widely expected to hold interest rates at 4% "
        "following their final meeting.",
        "It is expected that the Bank of Norvia will cut rates.",
    ):
        read = describe(text, (0, len(text)), (0, len(text)), WRITTEN, "Budget")
        assert read.subject == "Norvia", text
    # A place stays a place, and a pronoun still points back to the article's subject.
    for text in ("In Norvia, their shops will open in 2032.", "It will open two stores in 2032."):
        read = describe(text, (0, len(text)), (0, len(text)), WRITTEN, "Budget")
        assert read.subject == "Budget", text


def test_a_forecast_rise_in_price_is_not_a_price() -> None:
    forecast = _forecast(
        "This upgrade could justify a slight price increase, potentially around $50.", "Quillcart"
    )
    # An accessory's price of $59, or the phone's own price, is no rise ...
    for news in (
        "Hands-on review of Quillcart's $59 crossbody strap introduced with the Quillphone.",
        "The Quillphone 17 from Quillcart costs $799.",
    ):
        assert not _stances(forecast, news, date(2031, 9, 20), QUILL), news
    # ... while a rise is measured against the rise.
    assert _stances(
        forecast,
        "The Quillphone 17 from Quillcart costs $50 more than the Quillphone 16.",
        date(2031, 9, 20),
        QUILL,
    ) == [Stance.SUPPORTS]
