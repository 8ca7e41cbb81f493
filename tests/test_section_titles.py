"""A list of things, one section each under a heading that is the thing's name: a forecast whose
subject is "it" is about the heading's thing, which the sentences around it may not name at all
(issue #10, a games roundup read blind). The article is the team's own, written for these tests.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from hindsight.analysis.judge import assess_item
from hindsight.analysis.predictions import extract_predictions
from hindsight.analysis.subjects import learn_subjects
from hindsight.domain import NewsItem, Prediction, Stance
from hindsight.reading import read_seed

PUBLISHED = date(2031, 1, 6)

ROUNDUP = """\
# Board games to look out for in 2031

2030 was a quiet year for the hobby, and most shelves still hold last year's releases.
Here are the games I am counting down to, each with what the publishers have said.

### Glimmer of Halvard

What a premise. You trade lanterns with your neighbours until someone runs out of light, and
the last lamp decides who wins. I cannot wait to play a full evening of it.

It should come out this summer.

### Release Windows

Publishers keep moving their release windows, so take every date below with some salt.

It will probably slip again before the autumn, as every release of theirs has.
"""


def _seed(tmp_path: Path) -> Path:
    path = tmp_path / "roundup.md"
    path.write_text(ROUNDUP, encoding="utf-8")
    return path


def test_it_under_a_heading_that_is_a_name_is_the_headings_thing(tmp_path: Path) -> None:
    found = {
        p.text: p for p in extract_predictions(read_seed(_seed(tmp_path), published=PUBLISHED))
    }
    assert found["It should come out this summer."].subject == "Glimmer of Halvard"
    # A heading naming a topic ("Release Windows", words the article writes in lower case) is no
    # referent: "it" there is not a thing called "Release Windows".
    slip = next(p for text, p in found.items() if text.startswith("It will probably slip"))
    assert slip.subject != "Release Windows"


def _judged(tmp_path: Path, text: str) -> list[Stance]:
    seed = read_seed(_seed(tmp_path), published=PUBLISHED)
    predictions: list[Prediction] = extract_predictions(seed)
    summer = next(p for p in predictions if p.text.startswith("It should come out"))
    subjects = learn_subjects(seed, predictions)
    # The title reads as ordinary words; written as a section's own line it is still a name.
    assert "Glimmer of Halvard" in [s.name for s in subjects]
    news = NewsItem("https://news.example/glimmer", "", text, published=datetime(2031, 7, 24, 9))
    return [a.stance for a in assess_item(news, subjects, [summer]) if a.stance.decides]


def test_news_of_the_headings_thing_coming_out_settles_the_forecast(tmp_path: Path) -> None:
    sold = "Glimmer of Halvard went on sale a week ago and has sold out at most shops."
    assert _judged(tmp_path, sold) == [Stance.SUPPORTS]
    late = "Glimmer of Halvard finally came out on 2 October 2031, three months late."
    assert _judged(tmp_path, late) == [Stance.CONTRADICTS]
    # Something else the thing's maker brought out, or "came out of" a meeting, is no launch of it.
    assert _judged(tmp_path, "Glimmer of Halvard's publisher launched a card game today.") == []
    assert _judged(tmp_path, "Glimmer of Halvard came out of the fair with three awards.") == []


NOTES = """\
# The state of Quillpad 5.0

Quillpad is the editor most of our readers use, and its next major version is nearly here.

## When will Quillpad 5.0 get released?

The maintainers have not fixed a day. Some say it will be released in September 2032.
"""


def test_the_one_release_a_heading_names_is_what_it_points_to(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text(NOTES, encoding="utf-8")
    seed = read_seed(path, published=date(2031, 6, 1))
    predictions = extract_predictions(seed)
    (september,) = [p for p in predictions if "September 2032" in p.text]
    assert september.subject == "Quillpad 5.0"
    news = NewsItem(
        "https://news.example/quillpad",
        "",
        "Quillpad 5.0 was released on 26 November 2031 after five release candidates.",
        published=datetime(2031, 11, 27, 9),
    )
    subjects = learn_subjects(seed, predictions)
    judged = [a for a in assess_item(news, subjects, [september]) if a.stance.decides]
    # Released before the month forecast: the release candidates it went through are no stage
    # of it released.
    assert [a.stance for a in judged] == [Stance.CONTRADICTS]


LINEUP = """\
# Games coming in 2032

Most of last year's big games slipped, so this year's list is long.

### Lantern Keepers

A cosy trading game about the last lamp in town. It came out in Japan on 3 March 2031.

It comes out on the Switch on 20 March 2032.
"""


def test_a_day_still_ahead_named_in_full_makes_a_present_tense_line_a_forecast(
    tmp_path: Path,
) -> None:
    path = tmp_path / "lineup.md"
    path.write_text(LINEUP, encoding="utf-8")
    found = {p.text: p for p in extract_predictions(read_seed(path, published=date(2032, 1, 5)))}
    ahead = found["It comes out on the Switch on 20 March 2032."]
    assert ahead.subject == "Lantern Keepers"
    assert ahead.expectation.window is not None
    assert ahead.expectation.window.start == date(2032, 3, 20)
    # A day already gone is history, not a forecast.
    assert not any("3 March 2031" in text for text in found)
