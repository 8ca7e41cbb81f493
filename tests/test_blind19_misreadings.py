"""Misreadings found on real writing nobody had read (blind-19: a science blog's mission
preview, an economics preview's release time), each fixed by a general reading and pinned here
with a look-alike that keeps its reading. Missions, places and figures are invented."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hindsight.analysis.predictions import describe_prediction, main_subject
from hindsight.analysis.search_terms import entities
from hindsight.domain import Stance, Subject
from tests.judge_cases import judged

MISSION = """# Vexa-2 : A 14 day lunar cruise

Vexa-2 is the planned second lunar mission of the Norland Space Agency. The Lander carries the
Rover. The Lander will touch down near the pole; the Lander then opens its ramp.

The launch of Vexa-2 has been scheduled for July 14, 2031, at 2:35 pm NST from the Tarn Space
Centre. The Lander is expected to reach the moon by 23 August, and the Lander will deploy the
Rover. Vexa-2 will be the first mission to land there.
"""


def test_a_clock_times_zone_is_no_name() -> None:
    assert entities("scheduled for July 14, 2031, at 2:35 pm NST from the Tarn Space Centre") == [
        "Tarn Space Centre"
    ]
    assert entities("The report comes out at 8:30 a.m. ET.") == []
    # A capitalised code after a year, or after a name's number, is still read
    assert entities("the 2031 NST budget") == ["NST"]
    assert entities("At 10 a.m. Apple will speak") == ["Apple"]


def test_the_titles_thing_with_a_number_is_the_subject() -> None:
    # The text names "Lander" more often, but the title names the mission, again in the text
    assert main_subject(MISSION, None, "Vexa-2 : A 14 day lunar cruise") == "Vexa-2"
    # A title's number that the text never names again is no subject
    assert main_subject(MISSION, None, "Top 5 moments of 2031") != "5"


def test_a_plan_to_do_the_deed_is_no_evidence_of_the_event() -> None:
    subjects = [Subject(name="Norland")]
    first = replace(
        describe_prediction(
            "Norland will be the first country to land near the south pole of the Moon",
            date(2031, 7, 13),
            "event",
            "Norland",
        ),
        made=date(2031, 7, 13),
    )
    planned = "Norland's Vexa-2 was scheduled to land near the south pole the following week."
    assert not [a for a in judged(first, planned, date(2031, 8, 20), subjects) if a.stance.decides]
    landed = "Norland's Vexa-2 landed near the south pole on 23 August 2031."
    assert [a.stance for a in judged(first, landed, date(2031, 8, 23), subjects)] == [
        Stance.SUPPORTS
    ]
    # A plan still agrees with a commitment: the party restating what it promised
    promise = replace(
        describe_prediction(
            "Norland will land a probe near the south pole in 2031", date(2031, 1, 5), "commitment"
        ),
        made=date(2031, 1, 5),
    )
    found = judged(promise, planned, date(2031, 8, 20), subjects)
    assert [a.stance for a in found if a.stance.decides] == [Stance.SUPPORTS]
