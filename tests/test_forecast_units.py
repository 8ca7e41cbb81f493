"""Forecasts an analyst would track in real writing, and whose forecast each is (issue #9).

Invented sentences in the shapes real articles use: relayed forecasts, list items under a
forecast lead-in, forecast headings, hedged outlooks; and the look-alikes that are not forecasts.
"""

from __future__ import annotations

from datetime import date

import pytest

from hindsight.analysis.predictions import extract_predictions
from hindsight.domain import Prediction, SeedArticle
from hindsight.reading import read_seed_text

PUB = date(2024, 3, 1)


def found_in(text: str, fmt: str = "text") -> list[Prediction]:
    if fmt == "markdown":
        seed = read_seed_text(text, fmt="markdown", published=PUB)
        return extract_predictions(seed)
    return extract_predictions(SeedArticle(text=text, published=PUB))


def texts(text: str, fmt: str = "text") -> list[str]:
    return [p.text for p in found_in(text, fmt)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Shipments are projected to pass 50 million units worldwide by the end of 2026.",
        "The plant is due to start production in the second half of 2025.",
        "Deliveries of the new model are set to begin in July.",
        "Broadband prices should become cheaper as the new cable lands.",
        "The rollout is on track to reach every county by 2027.",
        "We are planning to launch a public mirror of the registry in 2024.",
        "I doubt the merger closes before the summer of 2025.",
        "It is important to bear in mind that higher prices are to be expected next year.",
    ],
)
def test_hedged_and_relayed_outlooks_are_found(sentence: str) -> None:
    assert texts(sentence) == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "Will the regulator approve the deal by 2025?",
        "Now may be a good time to sell some of your shares.",
        "I sincerely hope the new chip ships on time.",
        "Some of this is stuff I plan to blog about next year.",
        "If the town had a bigger budget, it could have built the bridge already.",
        "Three years ago the minister said the line would open in 2022.",
        "Today, I believe the board is weighing a sale.",
        "Time will tell whether the bet pays off.",
        "The expected file format is described in the appendix.",
        "It is important to remember that the fund is closed to new investors.",
        "As always, I will revisit these predictions after the season.",
        # A web address, as a text dump lists a page's links: no statement at all.
        "my.example-broker.com/deposit/?slug=oil-forecast-will-rise&promo_code=BLOG",
    ],
)
def test_look_alikes_are_left_out(sentence: str) -> None:
    assert texts(sentence) == []


def test_list_items_under_a_forecast_lead_in_are_forecasts_without_a_cue() -> None:
    article = (
        "# What the switch means\n\n"
        "The new operating system will look much like the old one. This means:\n\n"
        "- No new touch screens on laptops.\n"
        "- No forced move to the app store.\n\n"
        "The company was founded in 1976.\n"
    )
    found = texts(article, "markdown")
    assert "No new touch screens on laptops." in found
    assert "No forced move to the app store." in found
    assert not any("founded" in t for t in found)


def test_items_under_a_forecast_heading_are_forecasts_and_a_review_is_not() -> None:
    article = (
        "# Predictions for 2024\n\n"
        "## Looking back at 2023\n\n"
        "* **Acme will buy a rival.** +1! It did, in May.\n\n"
        "## My 2024 predictions\n\n"
        "* **Acme starts selling in Brazil.** (0.7) Its partner there is ready.\n"
    )
    found = texts(article, "markdown")
    assert any(t.startswith("Acme starts selling in Brazil") for t in found)
    assert not any("buy a rival" in t for t in found)


def test_owner_is_the_named_party_the_article_relays() -> None:
    article = (
        "Acme forecasts revenue of $2 billion in 2025. "
        "According to Northfield Research, tablet sales will fall by 10% next year. "
        "I think both calls are too cautious and Acme will beat its own number."
    )
    owners = {p.text: p.owner for p in found_in(article)}
    assert owners["Acme forecasts revenue of $2 billion in 2025."] == "Acme"
    relayed = [o for t, o in owners.items() if t.startswith("According to")]
    assert relayed == ["Northfield Research"]
    assert [o for t, o in owners.items() if t.startswith("I think")] == ["author"]


def test_owner_of_direct_speech_is_its_speaker_even_over_paragraphs() -> None:
    article = (
        '"We kept the first version simple. That matters for the ramp.\n\n'
        'We will add the second motor toward the end of this year," said Jane Roe.\n\n'
        "I expect the second motor to slip into 2025."
    )
    owners = {p.text: p.owner for p in found_in(article)}
    speaker = [o for t, o in owners.items() if "second motor toward" in t]
    assert speaker == ["Jane Roe"]
    assert [o for t, o in owners.items() if t.startswith("I expect")] == ["author"]


def test_a_team_writing_as_we_owns_its_plans() -> None:
    article = (
        "We shipped the first release in August. We are aiming to turn the new mode on by "
        "default in version 2.0, scheduled for August 2024. Our tools are ready, and we hope "
        "you like them."
    )
    found = found_in(article)
    assert found and all(p.owner == "author" for p in found)


def test_a_compound_forecast_is_split_into_parts_settled_one_by_one() -> None:
    sentence = (
        "Norvik is projecting output of 1,000 units a week in July, 4,000 a week in August "
        "and 5,000 a week in September."
    )
    found = found_in(sentence)
    assert [p.text for p in found] == [
        "Norvik is projecting output of 1,000 units a week in July",
        "4,000 a week in August",
        "5,000 a week in September.",
    ]
    assert {p.owner for p in found} == {"Norvik"}
    assert [p.expectation.quantity.low for p in found if p.expectation.quantity] == [
        1000,
        4000,
        5000,
    ]


def test_a_list_item_takes_its_period_from_the_heading() -> None:
    article = (
        "# Tech predictions\n\n"
        "## My predictions for 2025\n\n"
        "* **Acme starts selling in Brazil.** (0.7) Its partner there is ready, its prices are "
        "set and its first shop has been leased in the centre of the capital city.\n"
    )
    (item,) = [p for p in found_in(article, "markdown") if p.text.startswith("Acme starts")]
    assert item.deadline == date(2025, 12, 31)


@pytest.mark.parametrize(
    "sentence",
    [
        "Other vendors, like Norcom and Velta, are planning cheaper models too.",
        "Northwind Telecom said it would cut 500 jobs.",
        "The merger talks are not wrapping up any time soon.",
    ],
)
def test_plans_and_progressives_with_a_time_ahead_are_found(sentence: str) -> None:
    assert texts(sentence) == [sentence]


def test_a_clause_cut_into_fragments_is_found_whole() -> None:
    sentence = "Version 5 of the compiler will come out, and it will break older plugins."
    found = texts(sentence)
    assert found == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "Before the scandal, the senator was poised to win the primary easily.",
        "By the afternoon both indexes were on track to end their losing streaks.",
        "I find it super exciting to think about what could become true.",
    ],
)
def test_past_expectations_and_the_writers_delight_are_left_out(sentence: str) -> None:
    assert texts(sentence) == []


def test_under_a_list_of_predictions_present_tense_claims_are_predictions() -> None:
    article = (
        "# My predictions for the decade\n\n"
        "## Hardware\n\n"
        "Docker was the big thing of the last decade, and it changed how every team ships. "
        "Cheap chips will flood the market. "
        "Twelve-core processors become the standard for desktop machines.\n"
    )
    found = texts(article, "markdown")
    assert "Twelve-core processors become the standard for desktop machines." in found
    assert not any("Docker" in t for t in found)


def test_a_section_titled_by_a_topic_only_does_not_frame_plain_statements() -> None:
    article = (
        "# Notes on hardware\n\n"
        "## Processors\n\n"
        "Twelve-core processors become the standard for desktop machines. Most buyers never "
        "notice the difference, and the shops sell them at the same prices as before.\n"
    )
    assert texts(article, "markdown") == []


def test_a_report_relayed_over_several_sentences_keeps_its_source() -> None:
    article = (
        "Global solar capacity grew by a record amount last year. The Energy Agency predicts "
        "the fastest growth in the next few years.\n\n"
        "China is the only country where growth will slow down. Other countries will absorb "
        "the slack. Installations are predicted to rise by 20 percent in 2025, the agency "
        "says.\n"
    )
    owners = {p.text: p.owner for p in found_in(article)}
    assert owners, "no forecast found"
    assert set(owners.values()) == {"Energy Agency"}, owners


def test_an_essay_in_the_first_person_keeps_its_own_unattributed_forecasts() -> None:
    article = (
        "I have followed this market for years. Acme predicts strong growth in 2025. "
        "My view is different. Prices will fall. I think I know why, and I will explain it."
    )
    owners = {p.text: p.owner for p in found_in(article)}
    assert owners.get("Prices will fall.") == "author", owners


def test_people_are_named_with_their_organisation_and_block_quotes_with_the_speaker() -> None:
    article = (
        "Sales will slow, said Tom Smith, an analyst at Forrester Research.\n\n"
        "According to Northfield program director Ana Ruiz, prices will rise in 2025.\n\n"
        "In a press release, she said:\n\n"
        "> The focus will be more on exports than on the home market.\n"
    )
    owners = {p.text: p.owner for p in found_in(article, "markdown")}
    assert owners["Sales will slow, said Tom Smith, an analyst at Forrester Research."] == (
        "Tom Smith (Forrester Research)"
    )
    quoted = [o for t, o in owners.items() if t.startswith("The focus")]
    assert quoted == ["Ana Ruiz (Northfield)"], owners


def test_a_compound_sentence_opening_on_background_keeps_only_the_forecast() -> None:
    article = (
        "In 2022, the region was responsible for a third of all sales, the report said, and "
        "while growth there is only predicted to be 1.2 percent in 2025, it remains large. "
        "It should be noted that shipments are not sales and the report notes that ownership "
        "is likely to level off soon."
    )
    found = texts(article)
    assert any(t.startswith("while growth there is only predicted") for t in found), found
    assert any("ownership is likely to level off" in t for t in found), found
    assert not any("responsible for a third" in t or "should be noted" in t for t in found)
