"""A list item leans on its heading and lead-in: what it lacks (subject, region, measure, period)
is taken from them, stored as the prediction's context line, shown by `predictions show`, and
read by the judge, so news about the heading's measure or company settles the item.

The articles below are the team's own words, written for these tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import yaml
from sqlalchemy import select

from hindsight.analysis.context import as_read
from hindsight.analysis.judge import assess_item
from hindsight.analysis.predictions import extract_predictions
from hindsight.analysis.subjects import learn_subjects
from hindsight.domain import NewsItem, Prediction, Stance
from hindsight.evaluation.stored import store_news
from hindsight.pipeline.assess import assess_pending
from hindsight.pipeline.seeds import add_seed
from hindsight.reading import read_seed
from storage import models
from storage.db import Database

REPO = Path(__file__).resolve().parents[1]
PUBLISHED = date(2023, 3, 1)

ARTICLE = """\
# Where heat pumps go next

Heat pumps had a record year, and installers report waiting lists across the continent.

### Heat pump share of heating sales, by region

- Southern Europe: around 30 percent by 2025
- Germany: above 40 percent by 2026

### Brightwell Energy

The company's plans for the next two years:

- 400 more fitters by the end of 2024
- a second assembly plant by 2025
- Coldstream Industries will open a rival plant in Spain by 2026

### Conclusion

- It will be a busy two years for anyone who fits them.
"""

LEAD_IN = """\
# The district heating review

Northgrid Energy runs the city's heat network and published its targets last week.

For connected homes, Northgrid Energy expects the following:

Above 12,000 by the end of 2025, if the new pipes are laid on time.
"""


def _seed(tmp_path: Path, text: str = ARTICLE) -> Path:
    path = tmp_path / "article.md"
    path.write_text(text, encoding="utf-8")
    return path


def _extracted(tmp_path: Path, text: str = ARTICLE) -> dict[str, Prediction]:
    seed = read_seed(_seed(tmp_path, text), published=PUBLISHED)
    return {p.text: p for p in extract_predictions(seed)}


def test_an_item_takes_the_measure_it_lacks_from_its_heading(tmp_path: Path) -> None:
    found = _extracted(tmp_path)
    item = found["Southern Europe: around 30 percent by 2025"]
    assert item.context == "Heat pump share of heating sales, by region"
    # The judge reads the item under its heading; the breakdown ("by region") is the item's own.
    assert as_read(item).text == (
        "Heat pump share of heating sales: Southern Europe: around 30 percent by 2025"
    )
    assert as_read(item).key == item.key and as_read(item).span == item.span
    assert item.expectation.window is not None and item.expectation.window.end.year == 2025


def test_items_under_a_lead_in_take_the_company_named_above(tmp_path: Path) -> None:
    found = _extracted(tmp_path)
    for text in ("400 more fitters by the end of 2024", "a second assembly plant by 2025"):
        assert found[text].subject == "Brightwell Energy"
        assert found[text].keywords[0] == "Brightwell Energy"  # what news must mention
        assert found[text].context == (
            "Brightwell Energy — The company's plans for the next two years"
        )


def test_the_items_own_subject_wins_over_the_heading(tmp_path: Path) -> None:
    item = _extracted(tmp_path)["Coldstream Industries will open a rival plant in Spain by 2026"]
    assert item.subject == "Coldstream Industries"
    assert item.context is None  # the heading gave it nothing: the item stands on its own
    assert as_read(item).text == item.text


def test_a_heading_that_gives_nothing_is_not_context(tmp_path: Path) -> None:
    item = _extracted(tmp_path)["It will be a busy two years for anyone who fits them."]
    assert item.context is None
    assert item.subject != "Conclusion"


def test_an_item_takes_the_region_of_its_heading(tmp_path: Path) -> None:
    article = (
        "# Heating in two markets\n\nInstallers are busy everywhere this spring.\n\n"
        "### Germany\n\n- heat pumps will pass 40 percent of heating sales by 2026\n"
        "- gas boilers in Spain will fall below half of sales by 2027\n"
    )
    found = _extracted(tmp_path, article)
    german = found["heat pumps will pass 40 percent of heating sales by 2026"]
    assert german.context == "Germany"
    assert (
        as_read(german).text == "Germany: heat pumps will pass 40 percent of heating sales by 2026"
    )
    spanish = found["gas boilers in Spain will fall below half of sales by 2027"]
    assert as_read(spanish).text == spanish.text  # its own place wins over the heading's


def test_the_sentence_after_a_lead_in_leans_on_it(tmp_path: Path) -> None:
    found = _extracted(tmp_path, LEAD_IN)
    [item] = [p for p in found.values() if p.text.startswith("Above 12,000")]
    assert item.subject == "Northgrid Energy"
    assert item.context == "For connected homes, Northgrid Energy expects the following"
    assert as_read(item).text.startswith("For connected homes")


def test_the_heading_is_what_lets_the_judge_match_the_news(tmp_path: Path) -> None:
    seed = read_seed(_seed(tmp_path), published=PUBLISHED)
    item = next(p for p in extract_predictions(seed) if p.text.startswith("Southern Europe"))
    news = NewsItem(
        "https://news.example/heat-pumps-south",
        "Heat pumps in Southern Europe",
        "Heat pumps made up 29 percent of heating sales in Southern Europe in 2025, "
        "an industry association said on Tuesday.",
    )
    bare = replace(item, context=None)  # the item without its heading
    alone = [a for a in assess_item(news, learn_subjects(seed, [bare]), [bare]) if a.stance]
    read = as_read(item)
    under = assess_item(news, learn_subjects(seed, [read]), [read])
    assert [a.stance for a in alone if a.stance.decides] == []
    assert [a.stance for a in under] == [Stance.SUPPORTS]


def test_stored_context_reaches_statuses_and_predictions_show(db: Database, tmp_path: Path) -> None:
    add_seed(db, _seed(tmp_path), published=PUBLISHED)
    store_news(
        db,
        [
            {
                "id": "N1",
                "date": "2026-01-20",
                "url": "https://news.example/heat-pumps-south",
                "headline": "Heat pumps in Southern Europe",
                "facts": "Heat pumps made up 29 percent of heating sales in Southern Europe in "
                "2025, an industry association said on Tuesday.",
                "quote": "",
            },
            {
                "id": "N2",
                "date": "2024-12-20",
                "url": "https://news.example/brightwell-fitters",
                "headline": "Brightwell Energy hires",
                "facts": "Brightwell Energy has hired 410 fitters this year, the company said "
                "on 20 December 2024.",
                "quote": "",
            },
        ],
    )
    assess_pending(db, today=date(2026, 2, 1))
    with db.session() as session:
        rows = {p.text: p for p in session.scalars(select(models.Prediction))}
        south = rows["Southern Europe: around 30 percent by 2025"]
        fitters = rows["400 more fitters by the end of 2024"]
        assert (south.status, fitters.status) == ("supported", "supported")
        assert south.context == "Heat pump share of heating sales, by region"
        south_id = south.id
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HINDSIGHT_", "PREFECT_"))}
    env |= {"HINDSIGHT_HOME": str(home), "PYTHONPATH": str(REPO), "HINDSIGHT_DATABASE_URL": db.url}
    env["COLUMNS"] = "200"

    def hindsight(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "hindsight", "predictions", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    heading = "Heat pump share of heating sales, by region"
    page = hindsight("show", str(south_id))
    [under] = [line for line in page.splitlines() if line.strip().startswith("under")]
    assert under.split(None, 1)[1].strip() == heading
    assert json.loads(hindsight("show", str(south_id), "--json"))["context"] == heading
    listed = {p["text"]: p for p in json.loads(hindsight("list", "--json"))}
    assert listed["Southern Europe: around 30 percent by 2025"]["context"] == heading
    assert (
        listed["Coldstream Industries will open a rival plant in Spain by 2026"]["context"] is None
    )
    # The review file shows it too, so the analyst reads the item as the judge did.
    done = subprocess.run(
        [sys.executable, "-m", "hindsight", "verdicts", "export"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    reviews = {v["text"]: v for v in yaml.safe_load(done.stdout)["verdicts"]}
    assert reviews["Southern Europe: around 30 percent by 2025"]["under"] == heading
    assert "under" not in reviews["Coldstream Industries will open a rival plant in Spain by 2026"]


def test_the_digest_card_shows_the_context_escaped() -> None:
    from reports.render import render_digest
    from tests.test_reports import hostile_context, parse, pv

    base = hostile_context()
    heading = "Heat pump <i>share</i> of sales, by region"
    view = pv(1, "supported", 0.9, text="Southern Europe: around 30 percent by 2025")
    view = replace(view, context=heading)
    change = replace(base.changes[0], prediction=view, prediction_text=view.text)
    digest = render_digest(replace(base, changes=[change]))
    page = parse(digest.html)
    assert "i" not in {tag for tag, _ in page.tags}  # the heading's markup is shown as text
    assert f"Under “{heading}”:" in "".join(page.text)
    assert f'Under "{heading}":' in " ".join(digest.text.split())


def test_the_archive_page_shows_the_context_escaped(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from reports.archive import write_archive
    from tests.test_reports import parse, pv

    heading = "Heat pump <i>share</i> of sales, by region"
    view = replace(pv(7, "open", 0.5, text="Germany: above 40 percent by 2026"), context=heading)
    write_archive(tmp_path, [], [view], generated=datetime(2026, 11, 26, tzinfo=UTC))
    page = parse((tmp_path / "predictions" / "7.html").read_text(encoding="utf-8"))
    assert "i" not in {tag for tag, _ in page.tags}
    assert f"Under “{heading}”:" in "".join(page.text)
