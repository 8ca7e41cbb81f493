"""Claims: which sentences of a news item say something checkable about the tracked subject."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from hindsight.analysis.claims import claim_source, extract_claims, modality_of
from hindsight.analysis.subjects import learn_aliases, learn_subjects
from hindsight.domain import Kind, NewsItem, Prediction, SeedArticle, Subject

SEED = SeedArticle(
    title="Acme is plowing $5 billion into electric cars",
    text=(
        "Acme, the phone maker, said it will build electric cars. Founder and CEO Jane Roe said "
        "the car business is her last venture. Roe will also lead the unit, “Acme EV”. "
        "Acme expects its first car in 2024. Analysts doubt Acme can sell many cars. "
        "Roe said the EV will be affordable and the car team will hire engineers."
    ),
    published=date(2021, 3, 31),
)
PREDICTION = Prediction(
    key="k1",
    text="Acme expects its first car in 2024",
    span=(0, 1),
    subject="Acme",
    kind=Kind.TIMELINE,
)


def _subjects() -> list[Subject]:
    return learn_subjects(SEED, [PREDICTION])


def _item(title: str, text: str, when: str = "2024-03-29") -> NewsItem:
    return NewsItem(
        url="https://example.test/a", title=title, text=text, published=datetime.fromisoformat(when)
    )


def test_the_seed_yields_the_subject_its_leader_and_its_unit():
    (subject,) = _subjects()
    assert subject.name == "Acme"
    assert "Jane Roe" in subject.aliases and "Roe" in subject.aliases
    assert "Acme EV" in subject.aliases
    assert "car" in subject.sector_terms and "phone" not in subject.sector_terms


def test_product_names_are_learned_from_news():
    subjects = learn_aliases(_subjects(), _item("Acme unveils the Z9 sedan", "It has 600 km."))
    assert subjects[0].products == ("Z9",)
    claims = extract_claims(_item("Z9 deliveries begin", "The Z9 reached 10,000 orders."), subjects)
    assert claims and all(c.subjects == ("Acme",) for c in claims)


def test_a_part_a_supplier_makes_is_no_product_of_the_subject():
    from hindsight.analysis.subjects import SECTORS

    phones = Subject(name="Quillphone", sector_terms=SECTORS["smartphone"])
    item = _item("Quillphone Air", "The Quillphone Air is powered by the Q19 chip and N1 chip.")
    assert learn_aliases([phones], item)[0].products == ()
    # A chip maker's chip is its product.
    chips = Subject(name="Norchip", sector_terms=SECTORS["semiconductor"])
    item = _item("Norchip ships", "Norchip began shipping its N1 chip to phone makers.")
    assert learn_aliases([chips], item)[0].products == ("N1",)


def test_an_item_that_teaches_no_name_leaves_the_subjects_as_they_were():
    """The same list comes back, so what the judge cached for these subjects stays valid."""
    subjects = _subjects()
    assert learn_aliases(subjects, _item("Acme sales", "Acme sold 10,000 cars.")) is subjects
    learned = learn_aliases(subjects, _item("Acme unveils the Z9 sedan", "It has 600 km."))
    assert learned is not subjects and learned[0].products == ("Z9",)
    assert subjects[0].products == ()  # the caller's list is never changed


def test_pronouns_carry_the_subject_and_other_companies_do_not():
    item = _item(
        "Acme launches its first car",
        "Acme launched the car on 28 Mar 2024 at 215,900 yuan. It took 10,000 orders in 4 "
        "minutes. Rivalco sold 8,740 cars at 119,800 yuan.",
    )
    claims = extract_claims(item, _subjects())
    texts = [c.text for c in claims]
    assert any(t.startswith("It took 10,000 orders") for t in texts)
    assert not any("Rivalco" in t for t in texts)
    launch = next(c for c in claims if "215,900" in c.text)
    assert launch.event_date == date(2024, 3, 28)
    assert launch.quantities[0].unit == "CNY"
    source = claim_source(item)
    assert all(source[c.span[0] : c.span[1]].strip() == c.text for c in claims)


def test_denials_keep_negative_polarity_and_reported_plans_are_plans():
    item = _item(
        "Car news today",
        "Acme denied it would acquire a stake in Oldco's car plant. "
        "Roe said the car business will turn a profit in 2025.",
    )
    denial, plan = extract_claims(item, _subjects())
    assert denial.polarity is False
    assert plan.polarity is True and plan.modality == "plan"


def test_news_about_the_subjects_other_business_yields_no_claims():
    item = _item("Acme passes Fruitco in phones", "Acme sold 40 million phones in Q2 2021.")
    assert extract_claims(item, _subjects()) == []


def test_boilerplate_and_conditionals_are_never_claims():
    item = _item(
        "Car news today",
        "Click here to subscribe to our Acme car newsletter. We use cookies on Acme car pages. "
        "If even 1% of Acme fans buy a car, it will be a fantastic start.",
    )
    assert extract_claims(item, _subjects()) == []


def test_items_not_naming_the_subject_yield_nothing():
    item = _item("Rivalco car prices", "Rivalco priced its car at 119,800 yuan.")
    assert extract_claims(item, _subjects()) == []


def _shared() -> Path:
    return Path(__file__).resolve().parents[1].parent / "shared"


def test_bundled_seed_subject_has_aliases_from_the_text():
    path = _shared() / "seeds" / "xiaomi-ev-2021-03-31.txt"
    if not path.exists():
        pytest.skip("shared seed not present")
    seed = SeedArticle(text=path.read_text(encoding="utf-8"), published=date(2021, 3, 31))
    (subject,) = learn_subjects(seed, [])
    assert subject.name == "Xiaomi"
    assert len(subject.aliases) >= 2
    assert "EV" in subject.sector_terms


def test_headline_infinitives_and_future_dates_are_plans_not_facts():
    subjects = _subjects()
    claims = extract_claims(
        _item(
            "Acme's first car to be a premium sedan",
            "Acme unveiled the Z9 car on 28 Dec 2023. Roe sees the car business in the black in "
            "H2 2025.",
            "2024-06-04",
        ),
        subjects,
    )
    modality = {c.text: c.modality for c in claims}
    assert modality["Acme's first car to be a premium sedan"] == "plan"
    begun = extract_claims(_item("Acme begins to deliver its Z9 cars", "", "2024-06-04"), subjects)
    assert [c.modality for c in begun] == ["fact"]
    # A speaker's label before the headline keeps it one claim, and a plan.
    labelled = extract_claims(
        _item("Jane Roe: Acme's first car to be a premium sedan", "", "2024-06-04"), subjects
    )
    assert [(c.text, c.modality) for c in labelled] == [
        ("Jane Roe: Acme's first car to be a premium sedan", "plan")
    ]
    assert modality["Acme unveiled the Z9 car on 28 Dec 2023."] == "fact"
    assert modality["Roe sees the car business in the black in H2 2025."] == "plan"


def test_a_sentence_carries_its_items_business_until_another_business_is_named():
    claims = extract_claims(
        _item(
            "Acme's car unit raises funds",
            "Acme invested 10 billion yuan in the car unit. The first phase of investment is 2 "
            "billion yuan. Acme also sold 40 million phones in 2023. Acme raised its dividend.",
        ),
        _subjects(),
    )
    in_business = {c.text: c.in_business for c in claims}
    assert in_business["The first phase of investment is 2 billion yuan."] is True
    assert in_business["Acme also sold 40 million phones in 2023."] is False
    assert in_business["Acme raised its dividend."] is False


def test_an_item_naming_no_business_at_all_is_read_and_compounds_are_not_names():
    claims = extract_claims(
        _item(
            "Acme misses its delivery guidance",
            "Acme delivered 431,200 units in 2024. Battery-electric models made up 21.5% of "
            "deliveries. Rivalco said it had a record year.",
        ),
        _subjects(),
    )
    texts = [c.text for c in claims]
    assert "Battery-electric models made up 21.5% of deliveries." in texts  # carried over
    assert not any("Rivalco" in t for t in texts)


def test_a_list_after_a_lead_in_is_about_what_the_lead_in_is_about() -> None:
    item = _item(
        "",
        "Acme gave its car plan today. The milestones it lists: Design Freeze 2024-05-02, "
        "Pilot Build 2024-09-12, Start Of Production 2025-01-15.",
    )
    listed = [c for c in extract_claims(item, _subjects()) if "Design Freeze" in c.text]
    assert [c.subjects for c in listed] == [("Acme",)]
    # Without the lead-in, names of another's stages are another's.
    item = _item(
        "",
        "Acme gave its car plan today. Bolt Motors listed Design Freeze 2024-05-02 and Pilot "
        "Build 2024-09-12.",
    )
    assert not [c for c in extract_claims(item, _subjects()) if "Design Freeze" in c.text]


def test_a_colon_after_a_label_or_a_titles_first_part_joins_one_statement() -> None:
    subjects = [Subject(name="Best Costume Design", aliases=("costume design",))]
    for text in (
        "Best costume design: “Mad Max: Fury Road,” Jenny Beavan",
        "Mad Max: Fury Road won costume design and five other awards.",
        "A running winners list: Spotlight, and Mad Max: Fury Road for costume design.",
    ):
        claims = extract_claims(_item("", text), subjects)
        assert [c.text for c in claims] == [text]
    # A colon between two statements still parts them.
    item = _item("", "Acme confirmed its car plans for next year: Acme will build a plant in 2025.")
    assert [c.text for c in extract_claims(item, _subjects())] == [
        "Acme confirmed its car plans for next year:",
        "Acme will build a plant in 2025.",
    ]


def test_a_rivals_figures_listed_after_a_lead_in_are_theirs() -> None:
    from hindsight.analysis.alignment import actor_of

    text = "Their deliveries: Nio 20,565 cars in 2024, Bolt 229,506 cars in 2024."
    at = text.find("20,565")
    assert actor_of(text, at, at + 6, frozenset({"Acme"})) == "other:Nio"


def test_a_result_clinched_before_a_hedged_clause_is_a_fact() -> None:
    # "had clinched" is done; "could take" in a later clause is about someone else's chances.
    sentence = (
        "Before the final game, the Harbour Hawks had clinched the East and the No. 2 seed; "
        "the Rovers could take the division by beating the Owls."
    )
    assert modality_of(sentence) == "fact"
    assert modality_of("The Rovers could clinch the division on Sunday.") == "plan"
