"""The evaluation harness: figures computed by hand agree, and the dev set meets its targets."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from hindsight.evaluation.stored import evaluate_stored
from hindsight.evaluation.verdicts import evaluate, load_jsonl, news_item, score

RECORDS = [
    {"id": "a", "date": "2024-01-01", "category": "main", "predictions": {"P1": "supports"}},
    {
        "id": "b",
        "date": "2024-02-01",
        "category": "main",
        "predictions": {"P1": "contradicts", "P2": "not_decisive"},
    },
    {"id": "c", "date": "2024-03-01", "category": "other", "predictions": {}},
]
GOLD = [
    {"id": "P1", "quote": "x", "kind": "event", "status_after_dev_news": "supported"},
    {"id": "P2", "quote": "y", "kind": "event", "status_after_dev_news": "open-question"},
]


def test_score_counts_items_stances_statuses_and_distractors_like_a_person_would():
    stances = {
        "a": {"P1": "supports"},
        "b": {"P1": "supports", "P2": "supports"},
        "c": {"P1": "contradicts"},
    }
    report = score(RECORDS, GOLD, stances, {"P1": "supported", "P2": "open"})
    # supports: tp a/P1; fp b/P1, b/P2 -> precision 1/3, recall 1/1
    assert report.precision["supports"] == pytest.approx(1 / 3)
    assert report.recall["supports"] == 1.0
    # contradicts: fn b/P1, fp c/P1 -> zero
    assert report.f1["contradicts"] == 0.0
    assert report.macro_f1 == pytest.approx((0.5 + 0.0) / 2)
    assert report.status_accuracy == 1.0  # an open-question that stays open is right
    assert report.distractor_evidence == 1
    assert "macro-F1" in report.format()


def test_abstention_figures_count_open_and_expired_as_no_verdict():
    gold = [
        {"id": "P1", "quote": "x", "kind": "event", "status": "supported"},
        {"id": "P2", "quote": "y", "kind": "event", "status": "contradicted"},
        {"id": "P3", "quote": "z", "kind": "event", "status": "contradicted"},
        {"id": "P4", "quote": "w", "kind": "event", "status": "open"},
        {"id": "P5", "quote": "v", "kind": "event", "status": "open"},
    ]
    statuses = {
        "P1": "supported",  # a right verdict
        "P2": "expired",  # no verdict: not wrong, not covering
        "P3": "supported",  # a wrong verdict
        "P4": "expired",  # no verdict where none is due: right
        "P5": "mixed",  # a verdict where the news settles nothing: wrong
    }
    report = score([], gold, {}, statuses)
    assert report.n_verdicts == 3 and report.verdict_precision == pytest.approx(1 / 3)
    assert report.n_settled == 3 and report.coverage == pytest.approx(1 / 3)
    assert report.status_accuracy == pytest.approx(2 / 5)
    assert "verdict precision      0.33  (1 right of 3" in report.format()
    # Abstaining everywhere is never wrong and covers nothing.
    silent = score([], gold, {}, {})
    assert silent.verdict_precision == 1.0 and silent.coverage == 0.0 and silent.n_verdicts == 0
    # ...and the report says no status was given rather than print a perfect-looking 1.00.
    assert "verdict precision      n/a   (0 right of 0 statuses given)" in silent.format()
    assert "evidence precision     n/a   (0 decisive of 0 shown)" in silent.format()


def test_evidence_precision_and_distractors_are_counted_per_item_under_each_prediction():
    records = [
        # Real-seeds format: no category; a distractor is an item labelled for nothing.
        {"id": "A1", "date": "2020-06-22", "predictions": {"P1": "supports", "P2": "not_decisive"}},
        {"id": "A2", "date": None, "predictions": {"P1": "contradicts"}},
        {"id": "D1", "date": "2020-07-01", "predictions": {}},
    ]
    gold = [
        {"id": "P1", "quote": "x", "kind": "event", "status": "supported"},
        {"id": "P2", "quote": "y", "kind": "event", "status": "open"},
        {"id": "P3", "quote": "z", "kind": "event", "status": "open"},
    ]
    stances = {
        "A1": {"P1": "supports", "P2": "supports"},  # right; not decisive for P2
        "A2": {"P1": "supports"},  # the wrong way
        "D1": {"P3": "contradicts"},  # about something else: a distractor
    }
    report = score(records, gold, stances, {"P1": "supported"})
    assert report.n_evidence == 4 and report.evidence_precision == pytest.approx(1 / 4)
    assert report.distractor_evidence == 1
    assert report.status_accuracy == 1.0 and report.coverage == 1.0


def test_evidence_under_a_prediction_labelled_on_no_item_is_counted_apart():
    # Xiaomi's commitments are settled by the gold but labelled on no item: nothing to check.
    gold = [
        *GOLD,
        {"id": "C1", "quote": "z", "kind": "commitment", "status_after_dev_news": "supported"},
    ]
    stances = {"a": {"P1": "supports", "C1": "supports"}, "c": {"C1": "supports"}}
    report = score(RECORDS, gold, stances, {"P1": "supported", "C1": "supported"})
    assert report.n_evidence == 1 and report.evidence_precision == 1.0
    assert report.n_evidence_unchecked == 2
    assert report.distractor_evidence == 1  # item c is about another business all the same
    assert report.verdict_precision == 1.0 and report.coverage == 1.0


def test_stances_on_a_prediction_no_item_is_labelled_for_are_kept_out_of_the_stance_figures():
    gold = [*GOLD, {"id": "C1", "quote": "z", "kind": "commitment", "status_after_dev_news": "x"}]
    stances = {"a": {"P1": "supports", "C1": "supports"}, "b": {"P1": "contradicts"}}
    report = score(RECORDS, gold, stances, {})
    assert report.unlabelled == ("C1",)
    assert report.precision["supports"] == 1.0  # C1 is judged by its status, not its items
    assert report.macro_f1 == 1.0
    assert report.macro_f1_all == pytest.approx((2 * 0.5 * 1 / 1.5 + 1.0) / 2)
    assert "C1" in report.format()


def test_news_item_uses_headline_facts_and_quote():
    item = news_item(
        {
            "url": "u",
            "date": "2024-03-29",
            "headline": None,
            "facts": "Acme did X.",
            "quote": "We did X.",
        }
    )
    assert item.title == "" and "Acme did X." in item.text and "We did X." in item.text
    assert item.published is not None and item.published.date() == date(2024, 3, 29)


def _case() -> Path:
    from tests.conftest import SHARED

    return SHARED


def test_dev_set_meets_the_targets():
    shared = _case()
    case, seed_path = shared / "eval" / "xiaomi", shared / "seeds" / "xiaomi-ev-2021-03-31.txt"
    if not (case / "news-dev.jsonl").exists() or not seed_path.exists():
        pytest.skip("shared evaluation data not present")
    pytest.importorskip("hindsight.analysis.predictions")
    from hindsight.domain import SeedArticle

    seed = SeedArticle(text=seed_path.read_text(encoding="utf-8"), published=date(2021, 3, 31))
    report = evaluate(
        load_jsonl(case / "news-dev.jsonl"), load_jsonl(case / "predictions.jsonl"), seed
    )
    assert report.status_accuracy >= 0.9, report.format(verbose=True)
    assert report.macro_f1 >= 0.8, report.format(verbose=True)
    assert report.distractor_evidence == 0, report.format(verbose=True)


def test_archive_records_carry_the_feed_text_and_the_dev_labels(tmp_path):
    from hindsight.evaluation.archive import archive_records

    labels = tmp_path / "news-dev.jsonl"
    labels.write_text(
        '{"id": "X1", "predictions": {"P1": "supports"}, "category": "main", '
        '"headline": "outlet words", "quote": "outlet quote"}\n',
        encoding="utf-8",
    )
    feed = tmp_path / "archive.xml"
    feed.write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
        "<item><title>Acme ships its first car</title><link>https://news.test/1</link>"
        "<description>Acme delivered 1,000 cars &amp; vans.</description>"
        "<pubDate>Tue, 03 Feb 2026 12:00:00 GMT</pubDate>"
        '<guid isPermaLink="false">hindsight-archive-X1</guid></item>'
        "<item><title>Stray</title><link>https://news.test/2</link><description>x</description>"
        '<guid isPermaLink="false">hindsight-archive-X9</guid></item>'
        "</channel></rss>",
        encoding="utf-8",
    )
    first, stray = archive_records(feed, labels)
    assert first["id"] == "X1" and first["date"] == "2026-02-03"
    assert first["headline"] == "Acme ships its first car" and first["quote"] == ""
    assert first["facts"] == "Acme delivered 1,000 cars & vans."  # plain text, as ingested
    assert first["predictions"] == {"P1": "supports"} and first["category"] == "main"
    assert stray["id"] == "X9" and stray["predictions"] == {} and stray["category"] is None


def test_the_paraphrased_archive_meets_the_targets():
    shared = _case()
    case, seed_path = shared / "eval" / "xiaomi", shared / "seeds" / "xiaomi-ev-2021-03-31.txt"
    archive = Path(__file__).resolve().parents[1] / "seeds" / "xiaomi-news-archive.xml"
    if not (case / "news-dev.jsonl").exists() or not seed_path.exists():
        pytest.skip("shared evaluation data not present")
    pytest.importorskip("hindsight.analysis.predictions")
    from hindsight.domain import SeedArticle
    from hindsight.evaluation.archive import archive_records

    seed = SeedArticle(text=seed_path.read_text(encoding="utf-8"), published=date(2021, 3, 31))
    records = archive_records(archive, case / "news-dev.jsonl")
    assert len(records) == len(load_jsonl(case / "news-dev.jsonl"))
    report = evaluate(records, load_jsonl(case / "predictions.jsonl"), seed)
    # The bundled default run: every status as a careful reader gives it (a regression guard,
    # this is development data).
    assert report.status_accuracy == 1.0, report.format(verbose=True)
    assert report.macro_f1 >= 0.8, report.format(verbose=True)
    assert report.distractor_evidence == 0, report.format(verbose=True)


def test_a_seed_and_news_the_engine_was_not_built_on_meet_the_targets():
    # The team wrote this case after the engine was built (tests/generality/valdane/README.md).
    from hindsight.reading import read_seed

    root = Path(__file__).resolve().parent
    case = root / "generality" / "valdane"
    if not (case / "news.jsonl").exists():
        pytest.skip("generality case not present")
    seed = read_seed(root / "seeds" / "carmaker-volumes.md")
    report = evaluate(load_jsonl(case / "news.jsonl"), load_jsonl(case / "predictions.jsonl"), seed)
    assert report.status_accuracy >= 0.9, report.format(verbose=True)
    assert report.macro_f1 >= 0.8, report.format(verbose=True)
    assert report.distractor_evidence == 0, report.format(verbose=True)


# Sets written before the judge was changed for them (tests/generality/*/README.md). The floors
# are the figures measured after the judge learnt deeds and goals (round 2), rounded down: they
# catch a regression, they do not claim the judge does well on them (see the READMEs).
_GENERALITY = [
    ("kestrel", "chipmaker-roadmap.txt", 0.9, 0.9, 0),
    ("ev-chargers", "ev-chargers-adoption.md", 0.8, 0.8, 0),
    ("city-housing", "city-housing-target.md", 0.9, 0.9, 0),
    # "Spent" sets (tests/generality/README.md): measured blind, then used to find failure kinds.
    ("offshore-wind", "offshore-wind.html", 0.8, 0.65, 0),
    ("airline", "airline-fleet.md", 0.8, 0.75, 0),
    ("streaming", "streaming-service.txt", 0.65, 0.4, 0),
    ("drug-launch", "drug-launch.md", 0.4, 0.55, 0),
    ("grocery-chain", "grocery-chain.html", 0.5, 0.5, 0),
    ("metro-line", "metro-line.txt", 0.6, 0.65, 0),
]


@pytest.mark.parametrize(("name", "seed_file", "status", "macro", "distractors"), _GENERALITY)
def test_generality_sets_hold_their_measured_floors(name, seed_file, status, macro, distractors):
    from hindsight.reading import read_seed

    root = Path(__file__).resolve().parent
    case = root / "generality" / name
    seed = read_seed(root / "seeds" / seed_file)
    report = evaluate(load_jsonl(case / "news.jsonl"), load_jsonl(case / "predictions.jsonl"), seed)
    assert report.status_accuracy >= status, report.format(verbose=True)
    assert report.macro_f1 >= macro, report.format(verbose=True)
    assert report.distractor_evidence <= distractors, report.format(verbose=True)


def test_a_market_seed_tracks_its_topic_place_and_class_actors():
    from hindsight.analysis.predictions import main_subject
    from hindsight.analysis.subjects import learn_subjects
    from hindsight.evaluation.verdicts import describe_gold
    from hindsight.reading import read_seed

    root = Path(__file__).resolve().parent
    seed = read_seed(root / "seeds" / "ev-chargers-adoption.md")
    gold = load_jsonl(root / "generality" / "ev-chargers" / "predictions.jsonl")
    assert main_subject(seed.text, seed.author) == "public charging"
    subjects = learn_subjects(seed, list(describe_gold(gold, seed).values()))
    names = {n for s in subjects for n in (s.name, *s.aliases)}
    assert "Spain" in names  # the headline's place
    assert "fuel retailer" in names  # "one of the big fuel retailers"
    assert "Iberdrola" in names  # an actor a prediction names


def test_an_items_misses_are_listed_in_the_gold_numbering_order_every_run():
    ids = [f"P{n}" for n in range(1, 13)]
    records = [{"id": "A1", "date": "2020-06-22", "predictions": dict.fromkeys(ids, "supports")}]
    gold = [{"id": pid, "quote": pid, "kind": "event", "status": "supported"} for pid in ids]
    report = score(records, gold, {"A1": {}}, {})
    listed = [line.split()[3].rstrip(":") for line in report.errors if line.startswith("item")]
    assert listed == ids  # P2 before P10, whatever the interpreter's hash seed


def test_an_undated_item_reporting_a_later_event_counts_in_the_stored_evaluation(
    tmp_path: Path,
) -> None:
    # A release page read after the release: the only dated item is older than the event the
    # undated item reports. The final statuses are today's, so the release settles the forecast
    # (the dates are in the past on purpose: evidence dated after today is not yet due).
    (tmp_path / "article.md").write_text(
        "# What is coming in Quillix 13\n\nQuillix 13 Tern is expected to be released in the "
        "second half of 2025. The team will publish a freeze timeline first, then a soft "
        "freeze, and then the release candidates. Quillix 12 came out in the summer of 2023 "
        "after a long freeze, and the team says it has learned from that cycle and its testers.\n",
        encoding="utf-8",
    )
    gold = [
        {
            "id": "P1",
            "quote": "Quillix 13 Tern is expected to be released in the second half of 2025.",
            "kind": "timeline",
            "status": "supported",
        }
    ]
    news = [
        {
            "id": "N1",
            "date": "2025-05-17",
            "headline": "Quillix 13 enters hard freeze",
            "facts": "The Quillix 13 release entered its hard freeze on 17 May 2025.",
            "quote": "",
            "predictions": {},
        },
        {
            "id": "N2",
            "date": None,
            "headline": "Quillix 13 is out",
            "facts": "Quillix 13 Tern was released on 9 August 2025, two years after Quillix 12.",
            "quote": "",
            "predictions": {"P1": "supports"},
        },
    ]
    for name, rows in (("predictions.jsonl", gold), ("news.jsonl", news)):
        (tmp_path / name).write_text("\n".join(json.dumps(r) for r in rows) + "\n", "utf-8")
    report = evaluate_stored(
        tmp_path / "news.jsonl",
        tmp_path / "predictions.jsonl",
        seed=tmp_path / "article.md",
        published=date(2025, 1, 10),
    )
    assert report.statuses["P1"][0] == "supported"
