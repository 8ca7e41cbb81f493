"""The extraction eval scores as the issue's held-out checks do, and extraction meets its targets.

The development articles of `../shared/eval/real-seeds/` are read as data: one test case per
folder, so adding an article is adding a folder. The blind folders are never read here.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from hindsight.evaluation.predictions import (
    BLIND_REAL_SEEDS,
    Case,
    Gold,
    default_cases,
    load_gold,
    main,
    naive_predictions,
    owner_matches,
    read_seed,
    real_seed_cases,
    score_article,
    score_case,
    score_extraction,
)
from tests.conftest import SHARED

XIAOMI_SEED = SHARED / "seeds" / "xiaomi-ev-2021-03-31.txt"
XIAOMI_GOLD = SHARED / "eval" / "xiaomi" / "predictions.jsonl"
REAL_SEEDS = SHARED / "eval" / "real-seeds"
DEVELOPMENT = real_seed_cases(REAL_SEEDS, blind=False)


def test_exact_extraction_scores_full_marks() -> None:
    gold = ["Acme will open a plant in 2025.", "Prices will fall below $100."]
    recall, precision, _ = score_extraction(list(gold), gold)
    assert (recall, precision) == (1.0, 1.0)


def test_words_must_come_in_order_to_cover_a_quote() -> None:
    gold = ["Acme will open a plant in Texas in 2025"]
    scrambled = "2025 in Texas in plant a open will Acme"
    recall, precision, _ = score_extraction([scrambled], gold)
    assert recall == 0.0 and precision == 0.0


def test_an_extraction_holding_the_whole_quote_is_real_either_way() -> None:
    gold = ["Acme will open a plant in 2025."]
    long = "Acme will open a plant in 2025, " + "and many unrelated words follow here " * 5
    recall, precision, _ = score_extraction([long], gold)
    assert (recall, precision) == (1.0, 1.0)


def test_a_fragment_below_sixty_percent_is_not_found_but_is_real() -> None:
    gold = ["Acme will open a large new plant in Texas in 2025 with 2,000 workers."]
    recall, precision, _ = score_extraction(["a large new plant"], gold)
    assert recall == 0.0 and precision == 1.0


def test_an_alternative_quote_finds_the_item() -> None:
    gold = [Gold("Sales reach 83,000 in 2017.", ("Prediction: 83K deliveries in 2017",))]
    recall, precision, _ = score_extraction(["Prediction: 83K deliveries in 2017"], gold)
    assert (recall, precision) == (1.0, 1.0)


def test_link_targets_in_a_gold_quote_are_not_words_of_the_article() -> None:
    gold = ["supports the [language server protocol](https://langserver.org/very/long/path) now"]
    recall, _, _ = score_extraction(["supports the language server protocol now"], gold)
    assert recall == 1.0


def test_nothing_extracted_from_an_article_with_gold_scores_zero_precision() -> None:
    assert score_extraction([], ["Acme will grow."])[:2] == (0.0, 0.0)


def test_owners_match_by_a_shared_name_word_and_author_only_with_author() -> None:
    assert owner_matches("Tesla", "Elon Musk (Tesla)")
    assert owner_matches("author", "author")
    assert owner_matches("FORRESTER", "Thomas Husson (Forrester Research)")
    assert not owner_matches("author", "Tesla")
    assert not owner_matches("Tesla", "author")
    assert not owner_matches("the company", "the analysts' consensus")
    # An advisory a party issued speaks as that party: "author" is NASA there, not elsewhere,
    # and not the experts the author relays.
    advisory = "NASA (media advisory; contacts J. Roe)"
    assert owner_matches("author", "NASA / Northrop Grumman", advisory)
    assert not owner_matches("author", "NASA / Northrop Grumman", "Jeff Foust")
    assert not owner_matches("author", "experts (as summarised by Reuters)", "Reuters")
    # One word however spelled: British or American, one or many.
    assert owner_matches("rumors", "rumours (unnamed)")
    assert owner_matches("analysts", "many analysts (unnamed)")
    assert not owner_matches("rumors", "analysts")


def test_the_naive_filter_takes_cued_units_of_four_words_or_more() -> None:
    text = (
        "Acme grew fast. Acme will open a plant in 2025! It may.\n"
        "Shipments are projected to pass 50 million\n"
        "\n"
        "What a year it was."
    )
    assert naive_predictions(text) == [
        "Acme will open a plant in 2025!",
        "Shipments are projected to pass 50 million",
    ]


def test_targets_on_the_shared_xiaomi_seed() -> None:
    if not (XIAOMI_SEED.exists() and XIAOMI_GOLD.exists()):
        pytest.skip("shared Xiaomi seed and gold not present beside the repo")
    seed = read_seed(XIAOMI_SEED, date(2021, 3, 31))
    score = score_article("xiaomi", seed, load_gold(XIAOMI_GOLD))
    assert (score.recall, score.precision) == (1.0, 1.0), (score.misses, score.false_positives)


def test_no_blind_article_is_read_by_the_tests() -> None:
    assert not {c.name for c in DEVELOPMENT} & BLIND_REAL_SEEDS


def _development_or_skip() -> list[Case]:
    if not DEVELOPMENT:
        pytest.skip(f"real-seeds development set not present: {REAL_SEEDS}")
    return DEVELOPMENT


@pytest.mark.parametrize(
    "case", DEVELOPMENT or [None], ids=lambda c: c.name if c else "real-seeds-absent"
)
def test_each_development_article_beats_the_naive_floor(case: Case | None) -> None:
    """No article's recall more than 0.05 below the naive filter's; one look-alike at most."""
    if case is None:
        pytest.skip(f"real-seeds development set not present: {REAL_SEEDS}")
    ours, naive = score_case(case)
    assert ours.recall >= naive.recall - 0.05, ours.misses
    assert len(ours.taken) <= 1, ours.taken
    assert ours.precision >= naive.precision, ours.false_positives


def test_pooled_development_targets() -> None:
    """Found / all gold items over the development articles, as the issue measures them."""
    scores = [score_case(case) for case in _development_or_skip()]
    gold = sum(o.gold for o, _ in scores)
    found = sum(o.found for o, _ in scores)
    naive_found = sum(n.found for _, n in scores)
    extracted = sum(o.extracted for o, _ in scores)
    real = sum(o.real for o, _ in scores)
    owners_right = sum(o.owners_right or 0 for o, _ in scores)
    recall = found / gold
    assert recall >= RECALL_FLOOR
    assert recall >= naive_found / gold + RECALL_LEAD
    assert real / extracted >= 0.7
    assert owners_right / found >= 0.9


# The targets (#9): recall 0.9 and 0.1 above the naive filter's, pooled over the
# development articles (tests/generality/README.md lists which are development, which blind).
RECALL_FLOOR = 0.9
RECALL_LEAD = 0.1


def test_bundled_seeds_of_other_subjects_stay_near_the_targets() -> None:
    cases = [c for c in default_cases(blind=False) if c.group == "synthetic"]
    if not cases:
        pytest.skip("no bundled seeds with gold lists")
    for case in cases:
        score = score_article(case.name, read_seed(case.seed, case.published), load_gold(case.gold))
        assert score.recall >= 0.9, (case.name, score.misses)
        assert score.precision >= 0.55, (case.name, score.false_positives)


def test_command_line_prints_one_line_per_article(capsys: pytest.CaptureFixture[str]) -> None:
    cases = default_cases(blind=False)
    if not cases:
        pytest.skip("no seed/gold pairs")
    case = cases[0]
    args = ["--seed", str(case.seed), "--gold", str(case.gold)]
    if case.published:
        args += ["--published", case.published.isoformat()]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert case.seed.stem in out and "recall" in out and "naive R" in out


def _article_folder(root: Path, name: str) -> None:
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "article.md").write_text(
        "# Tablet outlook\n\nNorthfield Research forecasts that tablet shipments will fall by "
        "10% in 2025. The company was founded in 1990 and has offices in three cities, where "
        "its analysts survey buyers every quarter.\n",
        encoding="utf-8",
    )
    gold = '{"quote": "tablet shipments will fall by 10% in 2025", "owner": "Northfield Research"}'
    (folder / "predictions.jsonl").write_text(gold + "\n", encoding="utf-8")
    nots = '{"quote": "The company was founded in 1990"}'
    (folder / "not_predictions.jsonl").write_text(nots + "\n", encoding="utf-8")
    (folder / "meta.json").write_text('{"published": "2024-05-01"}', encoding="utf-8")


def test_articles_option_scores_a_set_or_single_article_folders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _article_folder(tmp_path / "set", "tablets-2024")
    _article_folder(tmp_path / "set", "phones-2024")
    assert main(["--articles", str(tmp_path / "set")]) == 0
    out = capsys.readouterr().out
    assert "phones-2024" in out and "tablets-2024" in out and "articles given" in out
    assert main(["--articles", str(tmp_path / "set" / "phones-2024")]) == 0
    out = capsys.readouterr().out
    assert "phones-2024" in out and "tablets-2024" not in out
    row = next(line for line in out.splitlines() if line.startswith("phones-2024"))
    assert row.split()[1:4] == ["1", "1", "1.00"]  # gold, found, recall
    assert main(["--articles", str(tmp_path / "absent")]) == 1
    assert "not a folder" in capsys.readouterr().err


def test_an_article_the_reader_refuses_is_reported_and_the_others_still_scored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _article_folder(tmp_path / "set", "tablets-2024")
    _article_folder(tmp_path / "set", "images-2024")
    (tmp_path / "set" / "images-2024" / "article.md").write_text(
        '<img src="https://example.org/chart.png" />\n', encoding="utf-8"
    )
    assert main(["--articles", str(tmp_path / "set")]) == 0
    out = capsys.readouterr().out
    refused = next(line for line in out.splitlines() if line.startswith("images-2024"))
    assert "REFUSED" in refused and "no prose to read" in refused
    assert any(line.startswith("tablets-2024") and "1.00" in line for line in out.splitlines())
