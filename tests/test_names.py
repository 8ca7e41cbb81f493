"""Names and actors: who a seed's forecasts are about, so that news about each can be found.

Invented texts only; each rule is checked both ways.
"""

from __future__ import annotations

from datetime import date

from hindsight.analysis.names import NameReader
from hindsight.analysis.predictions import describe_prediction, extract_predictions
from hindsight.analysis.search_terms import entities
from hindsight.analysis.subjects import learn_subjects
from hindsight.domain import SeedArticle

DOC = (
    "Management at Harbourline said little. Churn rose in March, and management blamed prices "
    "for the churn. "
    "Today Harbourline flies to Oslo. Harbourline expects 3 GW of orders and an IPO in 2026. "
    "The Velmar Bay terminal opens next year, and Quaymark Logistics will run it."
)


def test_openers_months_units_and_kinds_of_things_are_not_names() -> None:
    reader = NameReader(DOC)
    assert reader.names("Management has promised a profit.") == []
    assert reader.names("Churn will tick up.") == []
    assert reader.names("Today Harbourline flies to Oslo in March.") == ["Harbourline", "Oslo"]
    assert reader.names("It expects 3 GW and an IPO.") == []


def test_names_of_several_words_are_kept_whole() -> None:
    reader = NameReader(DOC)
    assert reader.names("The Velmar Bay terminal opens.") == ["Velmar Bay"]
    assert reader.names("Quaymark Logistics will run it.") == ["Quaymark Logistics"]


SEED = """The Velmar Bay programme, two years on

Velmar has promised 4 GW of tidal power by 2030, and the government says it will hold two
auctions a year. Velmar Bay is the first site. Quaymark Logistics builds the cable ship.

The port operator, Quaymark Logistics, has promised to deliver the cable ship by the end of 2025.
I expect the Harrow Point link to slip, and I don't see it being finished before 2027.
In the US, tidal tariffs will probably stay above $200 per megawatt-hour.
I expect Velmar to fall behind Norland, which has moved faster on every site.
"""


def test_every_actor_a_forecast_is_about_is_tracked_with_its_short_name() -> None:
    article = SeedArticle(text=SEED, title="Velmar tidal", published=date(2024, 5, 1))
    subjects = learn_subjects(article, extract_predictions(article))
    by_name = {s.name: s.aliases for s in subjects}
    assert subjects[0].name == "Velmar"
    assert by_name.get("Quaymark Logistics") == ("Quaymark",)
    assert "Harrow Point" in by_name
    # Where something happens and whom it is compared with are not actors.
    assert "US" not in by_name and "Norland" not in by_name


def test_the_subject_of_a_forecast_is_the_name_doing_it() -> None:
    day = date(2024, 5, 1)
    appositive = "Velmar's port operator, Quaymark Logistics, has promised to deliver by 2025."
    assert describe_prediction(appositive, day, "commitment", None).subject == (
        "Quaymark Logistics"
    )
    named_first = "I expect the Harrow Point link to slip, and I don't see it finished in 2026."
    assert describe_prediction(named_first, day).subject == "Harrow Point"
    located = "In the US, the tier will probably be priced at $6.99."
    assert describe_prediction(located, day).subject != "US"


def test_the_writer_saying_i_is_no_part_of_a_name() -> None:
    # "on TV I would": the pronoun after a name begins the writer's own clause.
    assert entities("If I were on TV I would need a bold pick: Colts win") == ["TV", "Colts"]
    assert entities("At Nintendo I think they will wait") == ["Nintendo"]
    # A numeral "I" after a name is the name's own.
    assert entities("After World War I ended, Henry I had a plan") == ["World War I", "Henry I"]
