"""A figure in prose that names no measure leans on the last figure of its kind that does: a
preview states the measure once ("the survey calls for factory orders of 2,400") and then
relays other forecasts of it ("Harlow Bank expects an increase of just 1,900"). The figure is
read with that measure, its forecaster stays its owner and is not what it is about, and news
of the measure settles it.

The articles and news below are the team's own words, written for these tests.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hindsight.analysis.context import as_read
from hindsight.analysis.judge import assess_item
from hindsight.analysis.predictions import extract_predictions
from hindsight.analysis.subjects import learn_subjects
from hindsight.domain import NewsItem, Prediction, Stance
from hindsight.reading import read_seed

PUBLISHED = date(2031, 4, 2)

PREVIEW = """\
# What to expect from Thursday's factory report

Norvale Bureau publishes its monthly factory report on Thursday.

The consensus forecast is calling for factory orders of 2,400, a figure that would come after
a March increase of 2,100.

Not everyone agrees. Harlow Bank, for instance, expects an increase of just 1,900. On the other
side, Corvane Capital is projecting a gain of 3,000.

## Prices

Harlow Bank also expects a rise of 4,000.
"""

ORDERS = NewsItem(
    "https://news.example/factory-orders-april",
    "Factory orders",
    "Factory orders rose by 2,950 in April 2031, Norvale Bureau said on Thursday.",
)


def _extracted(tmp_path: Path, text: str = PREVIEW) -> list[Prediction]:
    path = tmp_path / "article.md"
    path.write_text(text, encoding="utf-8")
    return extract_predictions(read_seed(path, published=PUBLISHED))


def _one(found: list[Prediction], words: str) -> Prediction:
    [prediction] = [p for p in found if words in p.text]
    return prediction


def test_a_bare_figure_takes_the_measure_of_the_last_figure_that_names_one(
    tmp_path: Path,
) -> None:
    found = _extracted(tmp_path)
    harlow = _one(found, "increase of just 1,900")
    corvane = _one(found, "gain of 3,000")
    # "a March increase of 2,100" names no measure either: the one before it gives it.
    assert harlow.context == corvane.context == "factory orders"
    assert harlow.owner == "Harlow Bank" and corvane.owner == "Corvane Capital"
    # The bank forecasts the orders; they are not the bank's own.
    assert harlow.subject != "Harlow Bank"


def test_a_figure_with_its_own_measure_or_past_a_heading_takes_nothing(tmp_path: Path) -> None:
    found = _extracted(tmp_path)
    assert _one(found, "factory orders of 2,400").context is None  # it names its own
    assert _one(found, "rise of 4,000").context is None  # a heading starts another subject


def test_news_of_the_measure_settles_the_relayed_forecasts(tmp_path: Path) -> None:
    found = _extracted(tmp_path)
    seed = read_seed(tmp_path / "article.md", published=PUBLISHED)
    # As the assess stage reads them (`pipeline.assess`): each with its context.
    chosen = [as_read(_one(found, "increase of just 1,900")), as_read(_one(found, "gain of 3,000"))]
    verdicts = {
        a.prediction_key: a.stance
        for a in assess_item(ORDERS, learn_subjects(seed, chosen), chosen)
    }
    assert verdicts[chosen[0].key] == Stance.CONTRADICTS  # 2,950 is not "just 1,900"
    assert verdicts[chosen[1].key] == Stance.SUPPORTS  # within a tenth of 3,000
