"""Readings missed on real writing nobody had read (blind-25: a streaming guide's premiere
dates, a database's roadmap of tables), each given by a general reading and pinned here with a
look-alike that keeps its old reading. Shows, networks and dates are invented for the tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hindsight.analysis.claims import _sentences
from hindsight.analysis.predictions import describe_prediction
from hindsight.domain import Prediction, Stance, Subject
from hindsight.reading import read_seed_text
from tests.judge_cases import judged

WRITTEN = date(2031, 9, 1)
NETWORK = [Subject(name="Harbour TV", aliases=("Harbour",))]


def _premiere(text: str, subject: str) -> Prediction:
    return replace(describe_prediction(text, WRITTEN, "timeline", subject), made=WRITTEN)


def _decided(forecast: Prediction, news: str, day: date) -> list[Stance]:
    return [a.stance for a in judged(forecast, news, day, NETWORK) if a.stance.decides]


def test_a_two_part_title_keeps_its_sentence_whole() -> None:
    text = "Harbour began airing the first season of Deep Orbit: Exodus on broadcast TV in 2034."
    assert [text[a:b] for a, b in _sentences(text)] == [text]
    # A colon before a sentence's opener still splits two statements.
    two = "Harbour TV confirmed its plans for the autumn schedule: The network will add a show."
    assert len(_sentences(two)) == 2


def test_a_show_premiering_on_its_day_bears_its_date_out() -> None:
    forecast = _premiere(
        "Deep Orbit: Exodus (Harbour TV), Sept. 24 – The first episode will air",
        "Deep Orbit Exodus",
    )
    news = (
        "Harbour TV aired the premiere of Deep Orbit: Exodus on Sunday 24 September 2031 to "
        "9 million viewers."
    )
    assert _decided(forecast, news, date(2031, 9, 25)) == [Stance.SUPPORTS]
    # The Premier League is no premiere.
    league = (
        "Harbour TV won the Premier League rights for Deep Orbit: Exodus fans on 30 September 2031."
    )
    assert _decided(forecast, league, date(2031, 10, 1)) == []


def test_delays_given_as_a_cause_or_another_things_release_date_no_launch() -> None:
    forecast = _premiere(
        "Deep Orbit: Exodus (Harbour TV), Sept. 24 – The first episode will air",
        "Deep Orbit Exodus",
    )
    cause = (
        "Because of production delays on its regular shows, Harbour TV began airing the first "
        "season of Deep Orbit: Exodus on broadcast TV in 2034."
    )
    assert _decided(forecast, cause, date(2034, 9, 25)) == []
    numbers = "Harbour TV Releases Initial Numbers for ‘Deep Orbit: Exodus,’ Projects Big Viewing"
    assert _decided(forecast, numbers, date(2031, 9, 26)) == []


def test_a_forecast_about_an_untracked_name_needs_a_sentence_naming_it() -> None:
    # A show no subject tracks is matched on the network, but only by news naming the show.
    forecast = _premiere(
        "Red Willow – The third season is slated to premiere in October.", "Red Willow"
    )
    other = "Harbour TV premiered the third season of Deep Orbit: Exodus on 12 November 2031."
    assert _decided(forecast, other, date(2031, 11, 12)) == []
    own = "Harbour TV premiered the third season of Red Willow on 12 November 2031."
    assert _decided(forecast, own, date(2031, 11, 12)) == [Stance.CONTRADICTS]


def test_a_roadmap_of_tables_and_bullets_is_read_as_english() -> None:
    rows = "\n".join(
        f"| Query Planning: Better cost estimates {n} | Q{n % 4 + 1} '23 | [#{n}](https://x.t/) |"
        for n in range(40)
    )
    roadmap = (
        "# Dataflow roadmap\n\nThe roadmap is divided in three themes:\n\n"
        "- Workload optimization - features allowing the database to cover every use case.\n"
        "- Cloud native capabilities - features allowing the database to run in any cloud.\n"
        "- Developer productivity - features designed to make it easy for developers to ship.\n"
        "- Autonomous operations - features designed to remove the work of scaling it up.\n\n"
        f"| Feature | Timeline | Issues |\n| --- | --- | --- |\n{rows}\n"
    )
    seed = read_seed_text(roadmap, fmt="markdown", title="Dataflow roadmap", published=WRITTEN)
    assert "Better cost estimates" in seed.text


def test_a_release_number_after_a_quoted_or_camel_cased_name() -> None:
    from hindsight.analysis.questions.base import versions

    assert versions('July 2031: "Rousseau" 11.3') == {(11, 3)}
    assert versions("openQUILL 11.3 was released this weekend") == {(11, 3)}
    # A figure after an ordinary word is no release.
    assert versions("Sales rose 2.5 percent") == frozenset()
    assert versions("the plan runs 11.3 km") == frozenset()


def test_a_schedules_line_is_settled_only_by_news_naming_its_thing() -> None:
    line = _premiere("Suburra, Oct. 6 – A thriller set in Rome, the network's first", "Harbour TV")
    other = "Harbour TV premiered Deep Orbit: Exodus on 3 November 2031."
    assert _decided(line, other, date(2031, 11, 3)) == []
    own = "Harbour TV premiered Suburra on 6 October 2031."
    assert _decided(line, own, date(2031, 10, 6)) == [Stance.SUPPORTS]


GUIDE = """\
# What to stream this fall

Harbour TV has a big slate this fall, and these are the premieres to watch.

Dune Road, Sept. 8 – The comedy is back for a second season.

Deep Orbit, Oct. 6 – A thriller about a crew lost beyond Mars.

Red Willow, Nov. 3 – A mini-series adaptation of a famous novel.
"""

ROADMAP = """\
# Dataflow roadmap

The roadmap is divided in themes, with a target quarter for each feature.

| Feature | Timeline | Issues |
| --- | --- | --- |
| Query Planning: Better cost estimates | Q1 ‘32 | [#11](https://x.t/) |
| Query Optimization: Reverse scan improvement | Q4 '31 | [#12](https://x.t/) |
| Query Optimization: Expression push downs | | [#13](https://x.t/) |
"""


def _extracted(text: str, title: str, published: date) -> dict[str, Prediction]:
    from hindsight.analysis.predictions import extract_predictions

    seed = read_seed_text(text, fmt="markdown", title=title, published=published)
    return {p.text: p for p in extract_predictions(seed)}


def test_a_guides_lines_of_name_and_date_ahead_are_its_schedule() -> None:
    found = _extracted(GUIDE, "What to stream this fall", date(2031, 9, 19))
    deep = next(p for t, p in found.items() if t.startswith("Deep Orbit, Oct. 6"))
    assert deep.subject == "Deep Orbit"
    window = deep.expectation.window
    assert window is not None and window.start == date(2031, 10, 6)
    assert any(t.startswith("Red Willow, Nov. 3") for t in found)
    # A premiere already gone when the guide was written is no forecast.
    assert not any(t.startswith("Dune Road") for t in found)


def test_a_roadmap_tables_rows_with_a_quarter_ahead_are_its_plans() -> None:
    found = _extracted(ROADMAP, "Dataflow roadmap", date(2031, 10, 1))
    cost = next(p for t, p in found.items() if "Better cost estimates" in t)
    window = cost.expectation.window
    assert window is not None and (window.start, window.end) == (
        date(2032, 1, 1),
        date(2032, 3, 31),
    )
    assert any("Reverse scan improvement" in t for t in found)
    # A feature with no quarter in its row is no plan with a date.
    assert not any("Expression push downs" in t for t in found)
