"""A season preview's ranked list (issue #10, generality): "1. Vexes (Playoffs)" under "## AL
East" is the author's pick of who wins that division, settled by news of who took the title —
the picked team or another one ("the Owls won the AL East"). Each deciding case has a
look-alike that must stay silent: a failure or a chance to win, another division, a game named
for the division, a numbered list that ranks nothing.

Teams and every result are invented for these tests.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from hindsight.analysis.context import as_read
from hindsight.analysis.picks import pick_of
from hindsight.analysis.predictions import extract_predictions
from hindsight.analysis.subjects import learn_subjects
from hindsight.analysis.titles import TitleTaken, titles_taken
from hindsight.domain import Prediction, Stance, Subject
from hindsight.evaluation.verdicts import describe_gold
from hindsight.reading import read_seed_text
from hindsight.reading.markdown_text import read_markdown
from tests.judge_cases import judged

PUBLISHED = date(2031, 3, 20)
PREVIEW = """# Season preview

My standings for each division, bold where I could be.

## AL East

1. Vexes (Playoffs)
2. Owls (Playoffs)
3. Herons
4. Larks

The Vexes kept their rotation together, so I have them first.

## AL West

1. Marlins
2. Pikes

## My three hunches

1. Herons
2. Rooks will surprise people
"""
END_OF_SEASON = date(2031, 10, 2)


def _preview() -> tuple[dict[str, Prediction], list[Subject]]:
    seed = read_seed_text(PREVIEW, fmt="md", published=PUBLISHED)
    predictions = extract_predictions(seed)
    found = {f"{p.context}|{p.text}": as_read(p) for p in predictions}
    return found, learn_subjects(seed, predictions)


def test_the_reader_keeps_an_ordered_items_number_and_nothing_else_gets_one() -> None:
    article = read_markdown("## AL East\n\n1. Vexes\n2. Owls\n\n   More on the Owls.\n\n- Larks\n")
    numbered = [(article.text[b.start : b.end], b.kind, b.number) for b in article.blocks]
    assert numbered == [
        ("AL East", "heading", None),
        ("Vexes", "item", 1),
        ("Owls", "item", 2),
        ("More on the Owls.", "item-more", None),
        ("Larks", "item", None),
    ]
    assert "1." not in article.text  # the number is structure, the text stays the words


def test_a_ranked_lists_first_entry_under_a_division_is_a_pick_to_win_it() -> None:
    found, _ = _preview()
    first = found["AL East — ranked 1st|Vexes (Playoffs)"]
    assert first.subject == "Vexes"
    pick = pick_of(first.text, first.context)
    assert pick is not None and (pick.team, pick.place, pick.competition) == ("Vexes", 1, "AL East")
    assert pick_of("Marlins", "AL West — ranked 1st") is not None
    # The second entry, a list under a heading naming no competition, and an entry that is a
    # sentence are no picks to win.
    assert not any("Owls" in key and "ranked" in key for key in found)
    assert not any(key.startswith("My three hunches") for key in found)
    assert pick_of("Rooks will surprise people", "AL East — ranked 1st") is None
    assert pick_of("Vexes (Playoffs)", "AL East") is None


def test_who_took_the_title_settles_the_pick_whichever_team_the_news_names() -> None:
    found, subjects = _preview()
    pick = found["AL East — ranked 1st|Vexes (Playoffs)"]
    said = judged(pick, "The Owls won the AL East on the final day.", END_OF_SEASON, subjects)
    assert [a.stance for a in said if a.stance is not Stance.UNRELATED] == [Stance.CONTRADICTS]
    assert '"Owls won the AL East": the pick was Vexes first of AL East' in said[0].reason
    said = judged(
        pick,
        "The Vexes beat the Owls 4-2 to clinch the AL East on Sunday.",
        END_OF_SEASON,
        subjects,
    )
    assert [a.stance for a in said if a.stance is not Stance.UNRELATED] == [Stance.SUPPORTS]


def test_a_failure_a_chance_another_division_or_a_game_settles_no_pick() -> None:
    found, subjects = _preview()
    pick = found["AL East — ranked 1st|Vexes (Playoffs)"]
    for text in (
        "The Owls failed to clinch the AL East on Sunday.",  # a failure
        "The Owls could win the AL East with a win on Sunday.",  # a chance
        "The Marlins won the AL West on Sunday.",  # another division
        "The Owls won the AL East opener against the Herons.",  # a game, no title
    ):
        assert not [a for a in judged(pick, text, END_OF_SEASON, subjects) if a.stance.decides], (
            text
        )


def test_the_title_taker_is_the_teams_name_before_the_verb_not_the_one_beaten() -> None:
    assert titles_taken("The Tampa Owls beat the Vexes to win the AL East.") == (
        TitleTaken("Tampa Owls", ("al", "east"), "Tampa Owls beat the Vexes to win the AL East"),
    )
    assert titles_taken("The Vexes lost; the Owls clinched the AL East.") == (
        TitleTaken("Owls", ("al", "east"), "Owls clinched the AL East"),
    )
    assert titles_taken("Nobody won the AL East title game.") == ()


def test_the_evaluation_reads_a_gold_quote_with_its_list_marker_as_the_item(
    tmp_path: Path,
) -> None:
    # A quote copied from the Markdown keeps the item's marker; the pipeline's item has none.
    seed = read_seed_text(PREVIEW, fmt="md", published=PUBLISHED)
    gold = [{"id": "P1", "quote": "1. Vexes (Playoffs)", "kind": "event"}]
    (tmp_path / "predictions.jsonl").write_text(json.dumps(gold[0]) + "\n")
    described = describe_gold(gold, seed)["P1"]
    assert described.text == "Vexes (Playoffs)"
    assert described.context == "AL East — ranked 1st"
