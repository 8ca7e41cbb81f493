"""Two list forms a forecast takes without a word of forecasting (issue #10, generality): a
preview's labelled picks ("Group Winner: Zorland" under "Group A"), settled by where the team
finished, and a schedule's dated entries ("2031-03 — Quill 5: Feature Freeze"), a plan for that
month. Each deciding case has a look-alike that must stay silent.

Teams, products and every result are invented for these tests.
"""

from __future__ import annotations

from datetime import date

from hindsight.analysis.context import as_read
from hindsight.analysis.picks import LAST, pick_of, placings
from hindsight.analysis.predictions import extract_predictions
from hindsight.analysis.subjects import learn_subjects
from hindsight.domain import Kind, Prediction, SeedArticle, Stance, Subject
from hindsight.reading import read_seed_text
from tests.judge_cases import judged

PUBLISHED = date(2030, 6, 1)
PREVIEW = """# Cup group stage preview

My picks for every group, ahead of the first games.

#### Group A

#### Zorland, Ostmark, Pellia, Varn

Zorland have the deepest squad here and Ostmark the best keeper.

##### Group Winner: Zorland

##### Group Second Place: Pellia

#### Group B

Varn are the side nobody wants to draw.

##### Group Winner: Quenia
"""


def _preview() -> tuple[dict[str, Prediction], list[Subject]]:
    seed = read_seed_text(PREVIEW, fmt="md", published=PUBLISHED)
    predictions = extract_predictions(seed)
    return {p.text: as_read(p) for p in predictions}, learn_subjects(seed, predictions)


def test_a_labelled_pick_is_a_forecast_about_the_team_in_its_headings_competition() -> None:
    found, subjects = _preview()
    winner = found["Group Winner: Zorland"]
    assert winner.subject == "Zorland" and winner.kind is Kind.EVENT
    assert winner.context == "Group A"
    assert found["Group Second Place: Pellia"].context == "Group A"
    assert found["Group Winner: Quenia"].context == "Group B"
    assert {"Zorland", "Pellia", "Quenia"} <= {s.name for s in subjects}


def test_picks_are_read_from_the_label_or_the_heading_and_other_labels_are_not_picks() -> None:
    assert pick_of("Group Winner: Zorland", "Group A") == pick_of("Group A winner: Zorland")
    assert pick_of("Last Place: Varn", "Pool C").place == LAST  # type: ignore[union-attr]
    assert pick_of("AL East champion: New York Vexes").competition == "AL East"  # type: ignore[union-attr]
    for line in ("Note: Zorland", "Winner: the team with the best defence", "Key player: Ostmark"):
        assert pick_of(line, "Group A") is None, line


def test_where_the_team_finished_settles_the_pick() -> None:
    found, subjects = _preview()
    winner = found["Group Winner: Zorland"]
    day = date(2030, 6, 28)
    said = judged(winner, "Zorland beat Varn 2-0 and won Group A on Tuesday.", day, subjects)
    assert [a.stance for a in said] == [Stance.SUPPORTS]
    assert "won Group A" in said[0].reason
    table = "Final table: Ostmark 7 points, Zorland 4, Pellia 3, Varn 1."
    said = judged(winner, table, day, subjects)
    assert [a.stance for a in said] == [Stance.CONTRADICTS]
    assert "Zorland second of 4 on points" in said[0].reason
    second = found["Group Second Place: Pellia"]
    said = judged(
        second, "Ostmark topped the group, leaving Pellia last in Group A.", day, subjects
    )
    assert [a.stance for a in said] == [Stance.CONTRADICTS]


def test_another_group_another_teams_result_or_a_hope_says_nothing() -> None:
    found, subjects = _preview()
    winner = found["Group Winner: Zorland"]
    day = date(2030, 6, 28)
    for text in (
        "Zorland won Group C of the qualifiers in 2029.",  # another competition
        "Zorland beat Ostmark, who finished second in Group A.",  # Ostmark's place
        "Zorland hope to top Group A when the games begin.",  # a hope
        "Zorland 3 goals, Ostmark 5 goals, Pellia 1 goal in the opening round.",  # no table
    ):
        assert not judged(winner, text, day, subjects), text


def test_another_team_taking_the_title_refutes_a_pick_to_win_it() -> None:
    # Zorland is the one beaten; the title is Ostmark's, so the pick of Zorland first is wrong.
    found, subjects = _preview()
    winner = found["Group Winner: Zorland"]
    said = judged(winner, "Ostmark beat Zorland 1-0 and won Group A.", date(2030, 6, 28), subjects)
    assert [a.stance for a in said] == [Stance.CONTRADICTS]
    assert '"Ostmark beat Zorland 1-0 and won Group A": the pick was Zorland' in said[0].reason
    # A pick of second place is not refuted by who came first.
    second = found["Group Second Place: Pellia"]
    assert not judged(second, "Ostmark won Group A.", date(2030, 6, 28), subjects)


def test_placings_in_a_sentence_are_said_of_their_own_team() -> None:
    said = placings(
        "Sweden beat Mexico 3-0 and finished first; Mexico finished second.", ("Mexico",)
    )
    assert [(p.team, p.place) for p in said] == [("Mexico", 2)]


SCHEDULE = """# Quill 5 slips

The maintainers proposed a new plan for Quill 5 yesterday.

The proposed schedule looks as follows:

- **2031-03** — Quill 5: Feature Freeze
- **2031-09** — Quill 5: General Availability

Quill 4 shipped on time:

- **2029-11** — Quill 4: General Availability
"""


def test_a_list_item_dated_ahead_is_a_scheduled_plan_and_a_dated_past_one_is_not() -> None:
    seed = read_seed_text(SCHEDULE, fmt="md", published=date(2030, 11, 2))
    found = {p.text: p for p in extract_predictions(seed)}
    freeze = found["2031-03 — Quill 5: Feature Freeze"]
    assert freeze.kind is Kind.COMMITMENT
    assert freeze.expectation.window is not None
    assert (freeze.expectation.window.start, freeze.expectation.window.end) == (
        date(2031, 3, 1),
        date(2031, 3, 31),
    )
    assert "2031-09 — Quill 5: General Availability" in found
    assert not any("Quill 4" in text for text in found)


def test_a_scheduled_release_reaching_general_availability_late_contradicts_its_entry() -> None:
    seed = read_seed_text(SCHEDULE, fmt="md", published=date(2030, 11, 2))
    predictions = extract_predictions(seed)
    subjects = learn_subjects(seed, predictions)
    release = next(p for p in predictions if "General Availability" in p.text)
    said = judged(
        release,
        "Quill 5 reached general availability on 2 December 2031.",
        date(2031, 12, 3),
        subjects,
    )
    assert [a.stance for a in said] == [Stance.CONTRADICTS]


def test_a_plain_seed_gets_no_picks() -> None:
    text = "Zorland will probably win the cup.\n\nOstmark: a team to watch.\n"
    found = extract_predictions(SeedArticle(text=text, published=PUBLISHED))
    assert all(p.context is None for p in found)


def test_a_listed_stage_date_settles_the_schedules_entry_for_that_stage_only() -> None:
    seed = read_seed_text(SCHEDULE, fmt="md", published=date(2030, 11, 2))
    predictions = extract_predictions(seed)
    subjects = learn_subjects(seed, predictions)
    freeze = next(p for p in predictions if "Feature Freeze" in p.text)
    news = (
        "Quill 5 finally shipped this week. The schedule it lists: Feature Freeze 2031-03-20, "
        "Release Candidate 2031-08-02, General Availability 2031-12-02."
    )
    said = judged(freeze, news, date(2031, 12, 3), subjects)
    assert [a.stance for a in said] == [Stance.SUPPORTS]
    assert "Feature Freeze 2031-03-20" in said[0].reason
    late = news.replace("Feature Freeze 2031-03-20", "Feature Freeze 2031-06-20")
    said = judged(freeze, late, date(2031, 12, 3), subjects)
    assert [a.stance for a in said] == [Stance.CONTRADICTS]
    # Another stage sharing a word, or the stage come early, says nothing of it.
    other = news.replace("Feature Freeze 2031-03-20", "Feature Review 2031-06-20")
    assert not judged(freeze, other, date(2031, 12, 3), subjects)
    early = news.replace("Feature Freeze 2031-03-20", "Feature Freeze 2031-01-20")
    assert not judged(freeze, early, date(2031, 12, 3), subjects)


def test_a_label_naming_no_finishing_place_in_full_is_no_pick() -> None:
    for line in ("Top pick: Nvidia", "First impressions: Zorland", "Second opinion: Ostmark"):
        assert pick_of(line, "Group A") is None, line
    assert pick_of("Runner-up: Ostmark", "Group A") is not None
    # Being first to do something is no finishing place.
    assert placings("Zorland was first to qualify for the cup.", ("Zorland",)) == []


def test_words_that_name_no_finishing_place_are_no_result() -> None:
    for sentence, team in (
        ("Serbia lost as Brazil won Group E.", "Serbia"),  # another team's result
        ("Serbia were second best for most of the game.", "Serbia"),
        ("Serbia took 3rd minute lead.", "Serbia"),
        ("Brazil were the first team to qualify.", "Brazil"),
        ("Brazil came second in the vote for the best kit.", "Brazil"),
        ("Serbia won the Group E opener against Costa Rica.", "Serbia"),
        ("Spain were last seen winning.", "Spain"),
        (
            "Brazil 5, Germany 4, Italy 4 and Argentina 2 titles, with 3 points for a win.",
            "Germany",
        ),
    ):
        assert placings(sentence, (team,)) == [], sentence
    for label in ("Champions League: Real Madrid", "Winners Circle: Zorland"):
        assert pick_of(label, "Group A") is None, label


def test_another_releases_schedule_or_general_availability_says_nothing() -> None:
    seed = read_seed_text(SCHEDULE, fmt="md", published=date(2030, 11, 2))
    predictions = extract_predictions(seed)
    subjects = learn_subjects(seed, predictions)
    freeze = next(p for p in predictions if "Feature Freeze" in p.text)
    later = "The Quill 6 schedule: Feature Freeze 2031-06-20, General Availability 2031-12-02."
    assert not judged(freeze, later, date(2031, 12, 3), subjects)
    release = next(p for p in predictions if "General Availability" in p.text)
    said = "Quill 6 reached general availability on 2 December 2031."
    assert not judged(release, said, date(2031, 12, 3), subjects)


def test_a_standing_before_the_end_another_edition_or_a_later_section_settles_no_pick() -> None:
    found, subjects = _preview()
    winner = found["Group Winner: Zorland"]
    day = date(2030, 6, 20)
    for news in (
        "Zorland top Group A after two games with six points.",
        "Standings after matchday two: Ostmark 6 points, Zorland 3, Pellia 0, Varn 0.",
        "Zorland were first on the pitch at the new stadium.",
        "Zorland finished third at the 2026 cup in Varnia.",
    ):
        assert not judged(winner, news, day, subjects), news
    later = PREVIEW + "\n#### Knockout rounds\n\n##### Runner-up: Quenia\n"
    seed = read_seed_text(later, fmt="md", published=PUBLISHED)
    runner = next(p for p in extract_predictions(seed) if p.text == "Runner-up: Quenia")
    assert runner.context is None


def test_a_revised_schedules_dates_still_ahead_are_a_plan_not_what_happened() -> None:
    seed = read_seed_text(SCHEDULE, fmt="md", published=date(2030, 11, 2))
    predictions = extract_predictions(seed)
    subjects = learn_subjects(seed, predictions)
    freeze = next(p for p in predictions if "Feature Freeze" in p.text)
    revised = (
        "The revised Quill 5 schedule: Feature Freeze 2031-06-20, Release Candidate 2031-08-02."
    )
    assert not judged(freeze, revised, date(2031, 2, 1), subjects)
    other = "Quill 4u: Feature Freeze 2031-06-20, General Availability 2031-08-02."
    assert not judged(freeze, other, date(2031, 9, 1), subjects)
