"""Readings missed on real writing nobody had read (blind-29: a distribution's plan to change
its default tools; blind-30: a streaming service's month of releases and a studio's slate),
each given by a general reading and pinned here with a look-alike that keeps its old reading.
Products, shows and dates are invented for the tests."""

from __future__ import annotations

from datetime import date

from hindsight.analysis.claims import modality_of
from hindsight.analysis.predictions import describe_prediction, extract_predictions
from hindsight.analysis.quantities import find_quantities
from hindsight.domain import Prediction, Stance, Subject
from hindsight.reading import read_seed_text
from tests.judge_cases import judged

LUMEN = [Subject(name="Lumen"), Subject(name="Night Ferry")]


def _stances(prediction: Prediction, news: str, when: date) -> list[Stance]:
    return [a.stance for a in judged(prediction, news, when, LUMEN) if a.stance.decides]


def _streams() -> Prediction:
    """A streaming guide's line: a show named in quotes, and its day."""
    return describe_prediction(
        'Stream "Night Ferry" season 4 on Lumen starting Feb. 5',
        date(2031, 2, 1),
        "timeline",
        "Lumen",
    )


def test_a_show_named_in_quotes_is_dated_only_by_news_naming_it() -> None:
    streams = _streams()
    late = date(2031, 2, 19)
    # Another of the service's shows came out that day: nothing of this one.
    assert not _stances(
        streams, "Glass Kites season 3 came out on Lumen on 19 February with all 10 episodes.", late
    )
    assert _stances(
        streams, "Night Ferry season 4 came out on Lumen on 19 February with all 10 episodes.", late
    ) == [Stance.CONTRADICTS]


def test_a_quoted_name_is_also_its_number_and_a_quoted_kind_names_no_one_thing() -> None:
    # The release named by its number in the news is the quoted one.
    rousseau = describe_prediction(
        'July 2031: "Rousseau" 11.3', date(2030, 5, 1), "timeline", "Lumen"
    )
    assert _stances(rousseau, "Lumen 11.3 was released on 22 July 2031.", date(2031, 7, 22)) == [
        Stance.SUPPORTS
    ]
    # "a “Lumen Car”" is any car of the kind, not a title the news must write.
    car = describe_prediction(
        "It will take about 3 years before a “Lumen Car” can emerge in any shape or form.",
        date(2030, 5, 1),
        "timeline",
        "Lumen",
    )
    assert _stances(
        car, "Lumen launched its first car, the Glide, on 28 March 2033.", date(2033, 3, 28)
    ) == [Stance.SUPPORTS]


def test_a_release_reported_as_already_done_is_not_dated_on_the_reports_day() -> None:
    streams = _streams()
    late = date(2031, 2, 19)
    assert not _stances(
        streams,
        "Lumen had already released Night Ferry season 4 that month, with the finale still to "
        "come.",
        late,
    )
    assert _stances(streams, "Lumen released Night Ferry season 4 on 19 February.", late) == [
        Stance.CONTRADICTS
    ]


def test_replacements_are_things_and_a_release_number_is_no_figure() -> None:
    plan = describe_prediction(
        "We've got a strategy for migrating the default implementation of coreutils and sudo in "
        "Lumen 25.10",
        date(2030, 5, 6),
        "commitment",
        "Lumen",
    )
    # The Rust-based replacements are what the plan promised, not a revision of it.
    assert not _stances(
        plan,
        "Coverage of Lumen 25.10 documented that the release shipped with Rust-based "
        "replacements installed in place of GNU coreutils and sudo.",
        date(2031, 4, 23),
    )
    # "26.04" names a later release; it is not a figure at least 25.10.
    assert not _stances(
        plan,
        "Already shipped in Lumen 25.10; confirmed as the default in 26.04.",
        date(2031, 4, 16),
    )
    # Replacing the plan itself still revises it.
    assert _stances(
        plan,
        "Lumen replaced its strategy for migrating the default implementation of coreutils and "
        "sudo.",
        date(2031, 4, 23),
    ) == [Stance.CONTRADICTS]


def test_an_episodes_number_counts_no_episodes() -> None:
    episodes = describe_prediction("Will have 18 episodes", date(2030, 9, 10), None, "Lumen")
    assert not _stances(
        episodes,
        "Episode 1 of Lumen Season 2 introduces fans to a new quirky character:",
        date(2031, 10, 6),
    )
    assert _stances(
        episodes,
        "The season from Lumen runs to 9 episodes, Season 2 included.",
        date(2031, 10, 6),
    ) == [Stance.CONTRADICTS]


SLATE = """# Lumen Studios at the Expo: every date

Lumen Studios took the stage for two hours and went through its whole slate of films and
series, with dates for most of them.

## [Glass Kites](https://example.com/glass-kites)

Ada Quill officially confirmed to direct Lumen Studios' Glass Kites.

## [Night Ferry](https://example.com/night-ferry)

The Night Ferry movie brings back most of the first film's cast.

The film is due in theaters on July 26, 2031.
"""


def test_a_heading_written_as_a_link_names_the_film_its_section_is_about() -> None:
    seed = read_seed_text(SLATE, fmt="markdown", published=date(2030, 9, 10))
    headings = [seed.text[b.start : b.end] for b in seed.blocks if b.kind == "heading"]
    assert headings == ["Glass Kites", "Night Ferry"]
    due = next(p for p in extract_predictions(seed) if "July 26" in p.text)
    assert due.subject == "Night Ferry"  # "The film" of its section, not the studio
    # A row of share links is still no prose.
    shared = read_seed_text(
        SLATE + "\n[Twitter](https://t.example) · [Facebook](https://f.example)\n",
        fmt="markdown",
        published=date(2030, 9, 10),
    )
    assert "Twitter" not in shared.text


def test_a_label_or_a_first_announced_figure_is_no_outcome() -> None:
    assert modality_of("The piece still calls it an 18-episode project.") != "fact"
    assert modality_of("The series has 9 episodes.") == "fact"
    price = describe_prediction("The Lumen Pro will cost $999", date(2030, 9, 10), None, "Lumen")
    # $999 was the price first announced; $899 is what it sells for.
    assert _stances(
        price, "The Lumen Pro, first announced at $999, now sells for $899.", date(2031, 4, 5)
    ) == [Stance.CONTRADICTS]


def test_a_statement_naming_nothing_is_about_its_sections_thing() -> None:
    text = SLATE.replace(
        "Ada Quill officially confirmed to direct Lumen Studios' Glass Kites.",
        "Ada Quill officially confirmed to direct. Due in theaters on November 8, 2031, with a "
        "sequel planned for later.",
    )
    seed = read_seed_text(text, fmt="markdown", published=date(2030, 9, 10))
    due = next(p for p in extract_predictions(seed) if "November 8" in p.text)
    assert due.subject == "Glass Kites"


def test_a_season_or_parts_number_counts_nothing() -> None:
    assert not find_quantities('Stream "Night Ferry" season 4 part 2 on Lumen starting Feb. 26')
    assert not find_quantities("Level 3 autonomy is the goal.")
    # A count after such a noun is still a count: "10 episodes in season 2", "2 parts".
    assert [q.text for q in find_quantities("The series will have 10 episodes in season 2")] == [
        "10 episodes"
    ]
    assert [q.text for q in find_quantities("2 parts of the plan")] == ["2 parts"]
    part_two = describe_prediction(
        'Stream "Night Ferry" season 4 part 2 on Lumen starting Feb. 26',
        date(2031, 2, 1),
        "timeline",
        "Lumen",
    )
    assert _stances(
        part_two,
        "Night Ferry season 4 part 2 came out on Lumen on Thursday 26 February at 3 am ET.",
        date(2031, 2, 26),
    ) == [Stance.SUPPORTS]


def test_a_title_in_an_aside_after_the_launch_is_not_what_was_launched() -> None:
    assert not _stances(
        _streams(),
        "Lumen had already released Glass Kites season 3 that month, with Night Ferry's new "
        "episodes still to come.",
        date(2031, 2, 4),
    )
