"""Verdicts missed on real writing nobody had read (blind-20: a weekly digest of bank and
broker outlooks), each given by a general reading and pinned here with a look-alike that
stays open. Banks, dates and figures are invented for the tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hindsight.analysis.predictions import describe_prediction, extract_predictions
from hindsight.domain import Prediction, Stance, Subject
from hindsight.reading import read_seed_text
from tests.judge_cases import judged

WRITTEN = date(2031, 2, 10)
KESTREL = [Subject(name="Kestrel Bank")]


def _forecast(text: str) -> Prediction:
    forecast = describe_prediction(text, WRITTEN, "event", "Kestrel Bank")
    return replace(forecast, made=WRITTEN)


def _stances(forecast: Prediction, news: str, published: date) -> list[Stance]:
    return [a.stance for a in judged(forecast, news, published, KESTREL) if a.stance.decides]


# --- a change with its object left to the sentences before: "they cut in March" ------------
CUT = "They will cut in March."


def test_the_partys_own_cut_in_the_month_bears_out_a_cut_naming_no_object() -> None:
    forecast = _forecast(CUT)
    found = judged(
        forecast,
        "On 19 March 2031 Kestrel Bank cut rates by a quarter point to 3.5%.",
        date(2031, 3, 19),
        KESTREL,
    )
    assert [a.stance for a in found] == [Stance.SUPPORTS]
    assert "2031-03-19" in found[0].reason  # the reason says when the cut came
    held = "On 19 March 2031 Kestrel Bank kept rates at 3.75%, unchanged."
    assert _stances(forecast, held, date(2031, 3, 19)) == [Stance.CONTRADICTS]


def test_a_cut_by_another_or_in_another_month_says_nothing() -> None:
    forecast = _forecast(CUT)
    # Another party's cut, in the month.
    other = "On 19 March 2031 Harlow Bank cut rates by a quarter point, unlike Kestrel Bank."
    assert _stances(forecast, other, date(2031, 3, 19)) == []
    # The party's cut, but in June: not the one forecast for March.
    later = "On 18 June 2031 Kestrel Bank cut rates by a quarter point to 3.25%."
    assert _stances(forecast, later, date(2031, 6, 18)) == []


# --- a digest of signed contributions: each "we expect" is its signer's ---------------------
DIGEST = """\
# What the money managers say this week

### Rates on hold

Harbour Research

We expect the Kestrel Bank to hold rates at its March meeting. Inflation has cooled enough.

Maria Okafor

### Miners to lead

Tallis Partners

We expect mining shares to outperform in 2031. Our preferred sectors are materials and energy.

Jonas Veldt and team

To be considered for this section, send your commentary to the editors.
"""


def test_each_signed_contribution_is_its_signers() -> None:
    seed = read_seed_text(DIGEST, published=WRITTEN, title="What the money managers say")
    owners = {p.text: p.owner for p in extract_predictions(seed)}
    rates = next(o for t, o in owners.items() if "hold rates" in t)
    mining = next(o for t, o in owners.items() if "mining shares" in t)
    assert "Maria Okafor" in rates
    assert "Jonas Veldt" in mining


OPENING = (
    "# Outlook\n\nMining had a hard year, and the managers we asked are split on what comes "
    "next for the sector and for the metals it digs out of the ground.\n\n"
)


def test_one_closing_name_or_a_heading_in_capitals_is_no_signature() -> None:
    # One name closing the piece is a byline: the writer's "we" stays the author's.
    single = (
        OPENING + "We expect mining shares to outperform in 2031. Costs fall.\n\nMaria Okafor\n"
    )
    seed = read_seed_text(single, published=WRITTEN, title="Outlook")
    assert {p.owner for p in extract_predictions(seed)} == {"author"}
    capitals = (
        OPENING + "We expect mining shares to outperform in 2031. Costs are falling.\n\n"
        "MINING SHARES\n\nWe expect copper to pass $12,000 a tonne in 2031. Demand is rising.\n\n"
        "COPPER PRICES\n\nThe editors.\n"
    )
    seed = read_seed_text(capitals, published=WRITTEN, title="Outlook")
    assert {p.owner for p in extract_predictions(seed)} == {"author"}


# --- an index's price target, dated with slashes: a level to reach by that day -------------
TARGET_NOTE = (
    "# Strategy note\n\nEquities rallied after the vote, and Kestrel Bank's strategists see "
    "room for more as earnings recover. Kestrel Bank raised its own outlook this week.\n\n"
    "We introduce a 6/30/2031 Tasman 200 price target of 6,600. Earnings should carry it.\n\n"
    "We will open 40 branches in 2031, Kestrel Bank said.\n"
)
TASMAN = [Subject(name="Tasman")]


def _target() -> Prediction:
    seed = read_seed_text(TARGET_NOTE, published=WRITTEN, title="Strategy note")
    return next(p for p in extract_predictions(seed) if "6,600" in p.text)


def test_a_day_written_with_slashes_is_that_day_when_its_order_is_plain() -> None:
    from hindsight.analysis.periods import find_periods

    day = date(2031, 6, 30)
    assert [(w.start, w.end) for w in find_periods("a 6/30/2031 target")] == [(day, day)]
    assert [(w.start, w.end) for w in find_periods("a 30/6/2031 target")] == [(day, day)]
    # June 7 or July 6: the year alone is read, never a day a month off.
    assert [(w.start, w.end) for w in find_periods("a 6/7/2031 target")] == [
        (date(2031, 1, 1), date(2031, 12, 31))
    ]


def test_a_price_target_is_the_named_index_level_to_reach_by_its_day() -> None:
    target = _target()
    assert target.subject == "Tasman"  # "we" is the forecaster; the index is what it is about
    # "We" naming nothing before its forecast word stays the article's subject.
    seed = read_seed_text(TARGET_NOTE, published=WRITTEN, title="Strategy note")
    branches = next(p for p in extract_predictions(seed) if "branches" in p.text)
    assert branches.subject.startswith("Kestrel")
    window = target.expectation.window
    assert window is not None and window.end == date(2031, 6, 30)
    quantity = target.expectation.quantity
    assert quantity is not None and quantity.bound == "at-least"


def test_a_close_on_the_day_below_the_target_refutes_it_and_one_above_bears_it_out() -> None:
    target = _target()
    day = date(2031, 6, 30)
    # 6% short: inside a tenth of the figure, but the level was not reached.
    below = "The Tasman 200 gained 0.5% and ended at 6,204.95."
    assert [a.stance for a in judged(target, below, day, TASMAN)] == [Stance.CONTRADICTS]
    above = "The Tasman 200 ended the quarter at a record close of 6,845.50."
    assert [a.stance for a in judged(target, above, day, TASMAN)] == [Stance.SUPPORTS]
    # Another index's close on the day says nothing of this one.
    other = "The Tasman 200 slipped, and the Harbour 50 ended at 6,204.95."
    assert [a.stance for a in judged(target, other, day, TASMAN) if a.stance.decides] == []
