"""Whose forecast it is in news and wire style: a story relays a named organisation's outlook
over several sentences that name it only once ("the cartel", "it said", a second quotation after
"..., the agency said."), by a short form it defines or abbreviates, or through a report that
names its publisher. All articles here are written by the team."""

from __future__ import annotations

from datetime import date

from hindsight.analysis.predictions import extract_predictions
from hindsight.domain import Prediction, SeedArticle
from hindsight.reading import read_seed_text


def _found(text: str, published: date = date(2025, 2, 12)) -> list[Prediction]:
    seed = SeedArticle(text=text, title=text.splitlines()[0], author=None, published=published)
    return extract_predictions(seed)


def _owner_of(found: list[Prediction], words: str) -> str:
    hits = [p for p in found if words in p.text]
    assert hits, f"nothing extracted holds {words!r}: {[p.text for p in found]}"
    return hits[0].owner


WIRE = "\n\n".join(
    [
        "# Grain council keeps harvest outlook",
        "The Council of Grain Exporting Nations on Monday kept its harvest projections unchanged.",
        "The council continues to forecast a 3 million tonne rise in wheat exports for 2025, it "
        "said in a statement.",
        '"Feed grains will lead demand in 2025," the council said. "Freight costs are expected to '
        'ease in the second half."',
        '"Nobody knows yet how the new levies will work out" for trade, the council said. "For '
        'now, the levies are not expected to alter the export outlook."',
        "Carry-over stocks are expected at roughly 40 million tonnes.",
        "CGEN expects rice prices to stay flat through 2026.",
    ]
)


def test_a_wire_story_credits_the_organisation_it_names_once() -> None:
    found = _found(WIRE)
    for words in (
        "continues to forecast a 3 million tonne rise",
        "Feed grains will lead demand",
        "Carry-over stocks are expected",
        "rice prices to stay flat",
    ):
        owner = _owner_of(found, words)
        assert "Council of Grain Exporting Nations" in owner and "CGEN" in owner, (words, owner)


def test_a_second_quotation_after_the_attribution_is_the_same_speakers_forecast() -> None:
    found = _found(WIRE)
    assert "CGEN" in _owner_of(found, "Freight costs are expected to ease")
    assert "CGEN" in _owner_of(found, "the levies are not expected to alter")


def test_a_short_form_defined_in_brackets_joins_the_long_name() -> None:
    text = (
        "# Transit plans\n\n"
        "The Lakeside Transit Authority (LTA) assured that two new tram lines will open by 2027.\n"
    )
    assert _owner_of(_found(text, date(2024, 6, 1)), "two new tram lines") == (
        "Lakeside Transit Authority (LTA)"
    )


def test_a_report_names_its_publisher_inside_the_subject() -> None:
    text = (
        "# Tablet delay\n\n"
        "A note published on Quillnet this month also suggested the tablet could arrive in "
        "March.\n"
    )
    assert _owner_of(_found(text, date(2024, 1, 10)), "could arrive in March") == "Quillnet"


def test_a_framing_of_importance_keeps_the_forecast_it_frames() -> None:
    text = (
        "# Sugar outlook\n\n"
        "Brightfield Sugar forecast lower revenue for next year.\n\n"
        '"It is important to keep in mind that sharper swings in beet costs are to be '
        'expected," it said.\n'
    )
    found = _found(text, date(2025, 2, 11))
    assert _owner_of(found, "sharper swings in beet costs") == "Brightfield Sugar"


def test_in_an_essay_a_quotation_told_by_he_said_stays_colour() -> None:
    # The writer speaks in the first person: a founder's quip after "he said" is no forecast of
    # the article (as before), unlike a named source's dated promise.
    text = (
        "# Why I think the founder is right\n\n"
        "I have followed Arlo Venn for years and I think this is his boldest move. I was there.\n\n"
        '"We argued about it for months, and this will be the last company of my life," he said.\n'
    )
    found = _found(text, date(2024, 3, 1))
    assert not [p for p in found if "last company of my life" in p.text]


def test_a_quotation_framed_by_according_to_is_the_sources_forecast_even_in_an_essay() -> None:
    text = (
        "# My take on the housing market\n\n"
        "I have sold homes for ten years and I think buyers should stay calm. "
        "I watch rates daily.\n\n"
        "According to Dana Reyes, “With more listings coming, we think price growth will keep "
        "cooling.”\n"
    )
    found = _found(text, date(2022, 1, 5))
    assert _owner_of(found, "price growth will keep cooling") == "Dana Reyes"


PANEL = "\n\n".join(
    [
        "# Our pundits preview the new cycling season",
        "Our experts ANNA VOSS and PIETER DAALMAN have their say on the season ahead.",
        "Who wins the spring classics?",
        "VOSS: The cobbles suit him again. I'm tipping Brennick to win Roubaix this April.",
        "He rode well in the winter races.",
        "DAALMAN: I'd be amazed if Tolvik didn't take Flanders. He will win it by a minute.",
        "Brennick and Tolvik have shared the classics for three years",
        "Who wins the Tour?",
        "VOSS: I expect Ramsell to win the Tour in July.",
        "The season starts on 1 March.",
    ]
)


def test_a_panel_speakers_label_owns_their_paragraphs_until_the_next_question() -> None:
    found = _found(PANEL)
    assert _owner_of(found, "win Roubaix") == "Anna Voss"
    assert _owner_of(found, "by a minute") == "Pieter Daalman"
    assert _owner_of(found, "Ramsell to win the Tour") == "Anna Voss"


LABELS_THAT_ARE_NO_ONE = "\n\n".join(
    [
        "# Outlook for the grain trade",
        "I expect wheat exports to rise by 5% in 2025.",
        "Note: I expect rice prices to stay flat through 2026.",
        "Update: I now think maize prices will fall by 10% in 2025.",
        "Tip: Barley will gain 3% in 2025.",
    ]
)


def test_a_label_that_names_nobody_leaves_the_forecast_the_authors() -> None:
    found = _found(LABELS_THAT_ARE_NO_ONE)
    for words in ("rice prices", "maize prices", "Barley will"):
        assert _owner_of(found, words) == "author"


def test_a_tables_labelled_lines_are_nobodys_speech() -> None:
    text = "\n\n".join(
        [
            "# Award picks for 2025",
            "Anna Voss and Pieter Daalman are the favourites this year.",
            "| Award | Pick |\n|---|---|\n| Best Rider | Anna Voss |\n| Best Climber | Pieter "
            "Daalman |",
            "I expect both to win their awards in 2025.",
        ]
    )
    found = _found(text)
    assert all(p.owner == "author" for p in found), [(p.owner, p.text) for p in found]


def test_a_contraction_or_a_sentence_end_is_no_forecaster() -> None:
    text = (
        "# Notes on the next release\n\nI have few predictions about OS X. I think it will be a "
        "quiet release.\n\nTherefore I'll predict that the following things won't be announced: "
        "a new Mac Pro and a new iPod."
    )
    found = _found(text)
    assert _owner_of(found, "quiet release") == "author"
    assert _owner_of(found, "won't be announced") == "author"


def test_a_tipsters_backing_and_seeing_someone_win_are_forecasts() -> None:
    text = "\n\n".join(
        [
            "# Our season preview",
            "The Owls won the cup last year and have kept their squad together.",
            "I'm backing the Larks to win the league this season.",
            "I cannot see the Wrens having the legs to finish in the top four.",
            "I can certainly see Ada Quill winning the golden boot in 2031.",
            # Look-alikes: an argument and support for a proposal forecast nothing.
            "I don't see why the Owls are favourites.",
            "We are backing the council's new stadium.",
        ]
    )
    found = {p.text: p for p in _found(text)}
    assert any("Larks to win the league" in t for t in found)
    wrens = next(p for t, p in found.items() if "Wrens" in t)
    assert wrens.expectation.polarity is False  # the writer expects them not to finish there
    assert any("Quill winning" in t for t in found)
    for words in ("favourites", "council"):
        assert not any(words in t for t in found), [t for t in found]


AMA = "\n\n".join(
    [
        "# What the Lumen team said in their AMA",
        "Ana Vidal (Director, Product) let us know that Lumen is targeting the end of the year for "
        "tab groups.",
        "Piet Brons (VP, Engineering) said that reporting broken sites will get easier.",
        "Piet responded that more languages are being worked on for translation.",
        "Ana confirmed that the team is looking at adding a sidebar.",
        "The team is working on a new website, I hear.",
        # Look-alikes: work done, and someone merely looking at something.
        "The old sidebar was worked on for years.",
        "I am looking at the release notes.",
    ]
)


def test_a_blogs_summary_of_a_teams_answers_credits_each_named_speaker() -> None:
    found = _found(AMA)
    assert _owner_of(found, "tab groups") == "Ana Vidal"
    assert _owner_of(found, "more languages") == "Piet Brons"
    assert _owner_of(found, "adding a sidebar") == "Ana Vidal"
    texts = [p.text for p in found]
    assert not any("worked on for years" in t or "release notes" in t for t in texts), texts


def test_labels_of_a_preview_and_narration_after_an_interview_are_the_authors() -> None:
    preview = "\n\n".join(
        [
            "# Our league preview: every team's prospects",
            "The Harbour City Owls are the champions, and the Pine City Larks pushed them hard.",
            "Owls: Quill is fit again. They will win the league again this season.",
            "Larks: The new coach needs time. They will finish fourth this season.",
            "Wrens: They will be relegated this season.",
        ]
    )
    assert {p.owner for p in _found(preview)} == {"author"}
    interview = "\n\n".join(
        [
            "# Ten minutes with Owls coach Mara Lind",
            "We sat down with Owls head coach Mara Lind before the new season.",
            "What are your goals?",
            "LIND: We want to win the league. I think we will finish in the top two this season.",
            "How is Ada Quill?",
            "LIND: She is fit again. She will play on Saturday.",
            "Lind has been in charge since 2027.",
            "My own view is different. I think Lind will be sacked by Christmas.",
        ]
    )
    found = _found(interview)
    assert _owner_of(found, "top two") == "Mara Lind"
    assert _owner_of(found, "sacked by Christmas") == "author"


def test_a_first_name_two_people_share_is_neither_of_theirs() -> None:
    text = "\n\n".join(
        [
            "# What the Lumen team said",
            "Ana Vidal (Director, Product) said tab groups will ship in 2031.",
            "Ana Lopez, an analyst at Gartner, was less sure. Ana said sales will fall in 2031.",
        ]
    )
    found = _found(text)
    assert _owner_of(found, "tab groups") == "Ana Vidal"
    assert _owner_of(found, "sales will fall") != "Ana Vidal"


def test_opinions_of_an_act_and_other_targets_are_no_forecasts() -> None:
    text = "\n\n".join(
        [
            "# Notes from the ground",
            "I can't see anything wrong with the Owls selling Quill.",
            "I don't see the point in the Owls spending a fortune on a striker.",
            "I fancy a trip to see the Owls at their new ground.",
            "The regulator is looking into trading in Acme shares.",
            "The new fund is targeting early-stage startups.",
            "The ad campaign is targeting late-night viewers and the end users.",
        ]
    )
    assert _found(text) == []


LISTED = """# Predictions on a winter night

I have always liked making predictions at the end of the year, and I keep mine in a drawer.

And here is

the Harbour Futures Institute's top five forecasts for 2031 and beyond

:

1. Every tram in the city will run without a driver by 2040.
2. Harbour City's population will pass two million by 2035.

My own calls are simpler:

1. I think the Owls will win the cup in 2031.
"""


def test_a_list_after_a_lead_in_giving_it_to_a_party_is_that_partys() -> None:
    found = extract_predictions(
        read_seed_text(LISTED, fmt="markdown", published=date(2030, 12, 31))
    )
    assert _owner_of(found, "without a driver") == "Harbour Futures Institute"
    assert _owner_of(found, "two million") == "Harbour Futures Institute"
    # A list the writer gives as their own stays the author's.
    assert _owner_of(found, "win the cup") == "author"


def test_a_forecast_relayed_from_people_or_hearsay_not_named_is_theirs() -> None:
    text = "\n\n".join(
        [
            "# What to expect from the Quillphone 3",
            "I have followed the Quillphone for years and I write about it every autumn.",
            "Rumors point to a thinner model called the Quillphone 3 Air in 2031.",
            "A leak suggests that the Quillphone 3 Pro will have an aluminium body.",
            "The Quillphone 3 Pro is rumored to get a wider camera bar in 2031.",
            "Most commentators think a price rise is more likely in 2032.",
            "Analysts at Harbour Research predict 40 million sales in 2031.",
            "I think the Quillphone 3 will sell out in a week.",
        ]
    )
    found = _found(text)
    assert _owner_of(found, "thinner model") == "rumors"
    assert _owner_of(found, "aluminium body") == "leak"
    assert _owner_of(found, "wider camera bar") == "rumours"
    assert _owner_of(found, "price rise") == "commentators"
    # A named party stays named, and the writer's own call stays the writer's.
    assert _owner_of(found, "40 million") == "Harbour Research"
    assert _owner_of(found, "sell out") == "author"
