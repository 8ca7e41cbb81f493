"""Which names a seed's forecasts are about become tracked subjects (issues #9/#10).

Each case pairs a junk name with a look-alike that is a real actor: shouted headings, datelines,
capitalised common words, names cut inside longer ones, plurals, a product line's model word,
an officer written after their organisation, classes of actors.
"""

from __future__ import annotations

from datetime import date

from hindsight.analysis.names import NameReader
from hindsight.analysis.subjects import learn_subjects
from hindsight.domain import Kind, Prediction, SeedArticle, Subject

DAY = date(2024, 5, 1)


def _learn(text: str, subjects: list[str], title: str = "Ferry notes") -> dict[str, Subject]:
    """Subjects learned when the seed's forecasts are about `subjects`, one forecast each."""
    seed = SeedArticle(text=text, title=title, published=DAY)
    predictions = [
        Prediction(f"k{i}", f"{name} will grow.", (0, 1), name, Kind.EVENT)
        for i, name in enumerate(subjects)
    ]
    return {s.name: s for s in learn_subjects(seed, predictions)}


def test_a_shouted_heading_or_a_dateline_is_no_name_but_an_acronym_is() -> None:
    text = (
        "OSLOVIK (Wire)--Orex said on Monday that ferry fares will rise.\n"
        "FARES WILL KEEP CLIMBING, BUT AT A SLOWER PACE\n"
        "Analysts at OREX expect fares to rise 4% in 2025, and OREX will publish its outlook."
    )
    learned = _learn(text, ["OREX", "SLOWER PACE", "OSLOVIK", "OREX"])
    assert "OREX" in learned
    assert "SLOWER PACE" not in learned and "OSLOVIK" not in learned


def test_a_capitalised_common_word_is_a_name_only_when_written_so_on_its_own() -> None:
    text = (
        "Ferry fares will rise. The Ferry Pilots Guild said so, and The Ferry Gazette agreed that "
        "the ferry trade is strong. "
        "Shares of Anchor rose after the report, and analysts expect Anchor to add routes."
    )
    learned = _learn(text, ["Ferry", "Ferry", "Anchor"])
    assert "Anchor" in learned
    assert "Ferry" not in learned


def test_a_name_cut_inside_a_longer_name_is_the_longer_name() -> None:
    text = (
        "The Coastal Association of Ferry Operators expects fares to rise. A report by the "
        "Coastal Association of Ferry Operators said more. Economists at Ferrylink.com agree, "
        "and Ferrylink.com expects 5% growth. Lena Moe of Ferrylink.com spoke."
    )
    learned = _learn(text, ["Coastal Association", "Ferrylink", "Coastal Association"])
    full = learned["Coastal Association of Ferry Operators"]
    assert "Coastal Association" in full.aliases  # the forecasts' name for it still meets it
    assert "Ferrylink.com" in learned and "Ferrylink" not in learned
    assert NameReader(text).full_name("Coastal") == "Coastal Association of Ferry Operators"


def test_a_plural_of_a_subject_is_its_alias() -> None:
    text = "Sales of Kestra boats will grow. Buyers of Kestras expect more, and Kestra agrees."
    learned = _learn(text, ["Kestra", "Kestra", "Kestras"])
    assert "Kestras" not in learned
    assert "Kestras" in learned["Kestra"].aliases


def test_a_plural_acronym_is_a_kind_of_thing_not_an_actor() -> None:
    text = "Faster CPUs will arrive, says Norvex. Buyers of CPUs at Norvex expect more from Norvex."
    learned = _learn(text, ["Norvex", "CPUs"])
    assert "Norvex" in learned and "CPUs" not in learned


def test_a_product_lines_model_word_alone_is_no_actor_but_its_model_is_tracked() -> None:
    text = (
        "Orbis will ship the Model 7 in July. The Model 7 is cheaper than the Model 5. "
        "Model 7 orders will grow, my forecast model says, and the plant will assemble the Model 7."
    )
    seed = SeedArticle(text=text, title="Orbis Model 7", published=DAY)
    predictions = [
        Prediction("a", "Orbis will ship the Model 7 in July.", (0, 1), "Orbis", Kind.EVENT),
        Prediction("b", "The plant will assemble the Model 7.", (0, 1), "Model", Kind.EVENT),
    ]
    learned = {s.name: s for s in learn_subjects(seed, predictions)}
    assert "Model" not in learned
    assert "Model 7" in learned and "Model 5" not in learned


def test_an_officer_after_their_organisation_is_the_officer_and_not_anothers_alias() -> None:
    text = (
        "Norcoast CEO Per Holm said fares will rise. Quaymark will add two ferries, and "
        "Quaymark expects more. Quaymark founder and CEO Lise Berg said Quaymark will grow."
    )
    learned = _learn(text, ["Quaymark", "Quaymark", "Norcoast CEO Per Holm"])
    assert "Per Holm" in learned and "Norcoast CEO Per Holm" not in learned
    assert "Lise Berg" in learned["Quaymark"].aliases
    assert "Per Holm" not in learned["Quaymark"].aliases


def test_a_place_yields_the_main_subject_to_the_actor_it_names() -> None:
    text = "Quaymark expects Norway to buy ferries. Norway will grow, and Quaymark will sell more."
    seed = SeedArticle(text=text, title="Ferries shipped", published=DAY)
    predictions = [
        Prediction(str(i), f"{name} will grow.", (0, 1), name, Kind.EVENT)
        for i, name in enumerate(["Norway", "Norway", "Norway", "Quaymark", "Quaymark"])
    ]
    subjects = learn_subjects(seed, predictions)
    assert [s.name for s in subjects[:2]] == ["Quaymark", "Norway"]


def test_a_class_of_actors_needs_an_actor_noun() -> None:
    text = (
        "Velmar will grow. I expect one of the big ferry operators to buy a stake in Velmar, "
        "which would be a big step forward for Velmar."
    )
    seed = SeedArticle(text=text, title="Velmar", published=DAY)
    predictions = [
        Prediction(
            "a",
            "I expect one of the big ferry operators to buy a stake in Velmar.",
            (0, 1),
            "Velmar",
            Kind.EVENT,
        ),
        Prediction("b", "It would be a big step forward for Velmar.", (0, 1), "Velmar", Kind.EVENT),
    ]
    main = learn_subjects(seed, predictions)[0]
    assert "ferry operator" in main.aliases
    assert not any("step" in alias for alias in main.aliases)


def test_a_dictionary_word_the_text_never_lowercases_and_repeats_alone_is_a_name() -> None:
    text = "Acme will launch a ferry in 2024. Acme expects to sell 100 ferries in 2025."
    assert "Acme" in _learn(text, ["Acme", "Acme"])
    once = "Acme Ferry Works will launch a ferry. The acme of design, it says."
    assert "Acme" not in _learn(once, ["Acme"])


def test_an_acronym_written_as_a_thing_one_has_is_no_actor_but_a_modifier_use_is_no_sign() -> None:
    text = (
        "Tools will live in your IDE and suggest fixes, says Norvex. Norvex expects an OPEC "
        "meeting to cut output, and OPEC will decide in June."
    )
    learned = _learn(text, ["Norvex", "IDE", "OPEC"])
    assert "OPEC" in learned
    assert "IDE" not in learned


def test_the_makers_name_before_a_name_written_alone_makes_a_product() -> None:
    text = (
        "Lumora has worked on the Lumora Beacon for two years. The first look at the Beacon "
        "came in October, and since then the Beacon has been everywhere. Lumora News covered it."
    )
    learned = _learn(text, ["Lumora"], title="Lumora Beacon event predictions")
    assert "Beacon" in learned["Lumora"].products
    # An outlet named after the maker, never written alone, is no product of it.
    assert "News" not in learned["Lumora"].products


def test_a_name_the_headline_gives_the_subject_by_a_possessive_is_its_product() -> None:
    text = (
        "Lumora answered questions. Beacon users asked about Beacon tabs and the Beacon store, "
        "and Lumora replied to most of them."
    )
    learned = _learn(text, ["Lumora"], title="Lumora Held an AMA About Their 2030 Beacon Plans")
    assert "Beacon" in learned["Lumora"].products
    # Named in the headline but not as the subject's: no product.
    other = _learn(text, ["Lumora"], title="Lumora and Beacon users disagree")
    assert "Beacon" not in other["Lumora"].products


def test_a_headings_contracted_phrase_is_no_name() -> None:
    # "What's New in Quillix 13": the title's phrase "What's New" (what is new) names nothing;
    # the release after it is the subject.
    text = (
        "## What's New\n\nQuillix 13 is expected in the second half of 2031. "
        "Quillix 13 ships a new installer. What's New covers the changes."
    )
    seed = SeedArticle(text=text, title="What's New in Quillix 13", published=DAY)
    predictions = [Prediction("k0", "Quillix 13 will ship.", (0, 1), "Quillix", Kind.EVENT)]
    names = [s.name for s in learn_subjects(seed, predictions)]
    assert names[0] == "Quillix"
    assert "What's New" not in names
