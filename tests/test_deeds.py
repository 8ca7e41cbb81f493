"""Deeds told in other words, and goals reported met or missed, read as a person would."""

from __future__ import annotations

from hindsight.analysis.deeds import deeds_in, goal_outcome, numbers_in


def test_the_same_action_in_other_words_is_the_same_deed():
    assert "withdraw" in deeds_in("Harbour Homes pulled out of the council's scheme")
    assert "withdraw" in deeds_in("Housing association quits the scheme")
    assert "separate" in deeds_in("It will run its foundry as a legally independent subsidiary")
    assert "delay" in deeds_in("Acme pushes volume production into 2026")
    assert "delay" in deeds_in("residents will move in during 2027, not by 2025 as promised")
    assert "convert" in deeds_in("It has converted 620 of its stations into hubs")
    assert not deeds_in("Average rents rose 7.2% in 2024")


def test_a_goal_met_or_missed_is_read_from_the_words_or_from_the_figures():
    assert goal_outcome("Acme installed 6,400 chargers, passing its goal of 6,000")[0] is True
    assert goal_outcome("three customers signed, short of the five it had targeted")[0] is False
    assert goal_outcome("social homes made up 24% of them, against the plan's 30%")[0] is False
    assert goal_outcome("sales came to 120 units, against a target of 100")[0] is True
    assert goal_outcome("Acme sold 120 units in 2024") is None


def test_numbers_are_read_in_digits_and_small_words():
    assert numbers_in("three customers, not five, and 6,400 chargers") == [3.0, 5.0, 6400.0]
