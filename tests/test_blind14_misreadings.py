"""Wrong verdicts and missed subjects found on real writing nobody had read (blind-14: a GPU
rumour piece, a special-election preview; blind-11: a box-office preview), each fixed by a
general reading and pinned here with a look-alike that keeps its reading. Firms, people,
products and figures are invented for the tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hindsight.analysis.deeds import deeds_in
from hindsight.analysis.predictions import describe_prediction, extract_predictions, main_subject
from hindsight.analysis.quantities import find_quantities
from hindsight.analysis.search_terms import entities
from hindsight.analysis.subjects import learn_subjects
from hindsight.domain import Prediction, SeedArticle, Stance, Subject
from tests.judge_cases import judged

WRITTEN = date(2031, 3, 2)
LATER = date(2031, 11, 2)


def _forecast(text: str, subject: str, kind: str = "event") -> Prediction:
    return replace(describe_prediction(text, WRITTEN, kind, subject), made=WRITTEN)


def _stances(forecast: Prediction, news: str, subjects: list[Subject]) -> list[Stance]:
    return [a.stance for a in judged(forecast, news, LATER, subjects) if a.stance.decides]


# --- a product line's model number is no figure -----------------------------------------------


def test_a_model_number_after_a_code_is_no_amount() -> None:
    assert find_quantities("Velk could end up facing off against the QTX 4070 instead") == []
    assert [q.text for q in find_quantities("The ZR 6900 has 72 compute units")] == [
        "72 compute units"
    ]
    # A resolution is no amount of thousands; a glued "K" before a counted noun still is.
    assert find_quantities("Velk is aiming to disrupt 4K gaming with a 4K-capable card") == []
    assert [q.low for q in find_quantities("Velk gained 30K subscribers")] == [30_000]
    # A count is still a count, and four digits after an ordinary word are an amount.
    assert [q.low for q in find_quantities("Velk sold 1500 cards in March")] == [1500]


def test_an_index_name_and_a_month_before_a_name_are_read_as_names() -> None:
    assert find_quantities("derivatives that pay out if the S&P 500 falls by March") == []
    assert entities("In October Paul Tudor Jones of Tudor Investment said so") == [
        "Paul Tudor Jones",
        "Tudor Investment",
    ]
    # A month alone is still read, and "May" may be a name's first word.
    assert entities("Theresa May spoke in October") == ["Theresa May", "October"]


# --- a deed's word inside a name is no deed ---------------------------------------------------


def test_a_deed_word_ending_a_name_is_no_deed() -> None:
    assert deeds_in("In the 2031 Norland Open draw Vex was the top seed.") == frozenset()
    assert "launch" not in deeds_in("Tickets for the Harbour Grand Launch party sold out.")
    # "Starting with" names the first of a series, not a start.
    assert "begin" not in deeds_in("Vex may gain ground in 2031, starting with the Norland Open.")
    assert "begin" in deeds_in("Production is starting in May.")
    # The verb is still a deed, in a sentence or a title-case headline.
    assert "open" in deeds_in("The line will open in March.")
    assert "win" in deeds_in("Republican Wins Arizona Special Election for Congress")


def test_a_shared_final_is_no_shared_measure() -> None:
    total = _forecast(
        "another two seasons at the top could give Vex a final total of 17 or 18 titles",
        "Vex",
        "quantity",
    )
    news = "Vex, after an exceptional final and after saving two match points, won his 16th title."
    assert not _stances(total, news, [Subject(name="Vex")])


# --- a class of product: not a comparative, not a contest's field -----------------------------

VELK = [Subject(name="Velk", aliases=("GPU",), products=("GPU",)), Subject(name="Norda")]
CHEAPER = "Velk's new Zephyr 68 will battle the Norda X with 16GB of RAM, and $50 cheaper price."
HIGH_END = "Velk finally has a high-end graphics card."


def test_a_cheaper_price_than_a_rivals_is_no_budget_class() -> None:
    tracing = _forecast(
        "speculation about incoming hardware acceleration for ray tracing in the high-end Velk GPU",
        "Velk",
    )
    assert not _stances(tracing, CHEAPER, VELK)
    # A high-end card is still one.
    assert _stances(tracing, HIGH_END, VELK) == [Stance.SUPPORTS]


def test_a_class_word_before_a_contest_names_no_product_class() -> None:
    contest = _forecast("Velk reckons it can win the high-end GPU battle", "Velk", "qualitative")
    assert not _stances(contest, HIGH_END, VELK)
    assert not _stances(contest, CHEAPER, VELK)


# --- a deed done by someone else -------------------------------------------------------------

RACE = [
    Subject(name="Vale"),
    Subject(name="Arizona"),
    Subject(name="Democrats"),
    Subject(name="Republicans"),
]


def test_another_name_doing_the_deed_says_nothing_of_the_forecasts_subject() -> None:
    forecast = _forecast(
        "Tamsin Vale is unlikely to win a special congressional election in Arizona", "Tamsin Vale"
    )
    assert not _stances(forecast, "Republican Wins Arizona Special Election for Congress", RACE)
    # The forecast's doer is who it names before its deed, whatever subject it is filed under.
    filed = replace(forecast, subject="Arizona")
    assert not _stances(filed, "Republican Wins Arizona Special Election for Congress", RACE)
    # The subject's own win still refutes it.
    assert _stances(forecast, "Tamsin Vale won the Arizona special election.", RACE) == [
        Stance.CONTRADICTS
    ]


def test_a_deed_whose_clause_names_the_subject_after_its_verb_is_the_subjects() -> None:
    subjects = [Subject(name="Tidewell"), Subject(name="Halden")]
    rights = _forecast(
        "I would be surprised if Tidewell wins the CSL rights", "Tidewell", "negative-event"
    )
    news = "The CSL awarded its exclusive streaming rights to Tidewell Media in a six-season deal."
    assert _stances(rights, news, subjects) == [Stance.CONTRADICTS]


def test_a_deed_done_to_the_subject_is_done_by_another() -> None:
    bought = _forecast("Ardent will be acquired by a larger rival.", "Ardent")
    subjects = [Subject(name="Ardent"), Subject(name="Brightwell")]
    for news in (
        "Brightwell completed its acquisition of Ardent.",
        "Ardent was acquired by Brightwell.",
    ):
        assert _stances(bought, news, subjects) == [Stance.SUPPORTS], news


# --- names joined by "&", and a figure's source -----------------------------------------------

SEED = (
    "# ‘Marlow & Finch’ opens at $40 million\n\n"
    "“Marlow & Finch” took $40 million on its opening night, according to Tallyhouse data. "
    "The studio behind “Marlow & Finch” expects a strong weekend. "
    "The film is on track to exceed $90 million domestically for the weekend, say analysts. "
    "Both earlier films pale beside the sequel's anticipated $95 to $110 million, according to "
    "Ivo Renn."
)


def test_a_name_joined_by_an_ampersand_is_one_subject() -> None:
    title = "‘Marlow & Finch’ opens at $40 million"
    assert main_subject(SEED, None, title) == "Marlow & Finch"
    seed = SeedArticle(title=title, text=SEED, published=WRITTEN)
    subjects = learn_subjects(seed, [])
    assert subjects[0].name == "Marlow & Finch"
    # A name that is not joined keeps its first word ("Xiaomi Corp" is Xiaomi).
    assert main_subject("Xiaomi Corp said. Xiaomi will. Xiaomi may.", None, "Xiaomi Corp") == (
        "Xiaomi"
    )


def test_the_source_of_a_relayed_figure_is_not_its_subject() -> None:
    seed = SeedArticle(title="‘Marlow & Finch’ opens at $40 million", text=SEED, published=WRITTEN)
    found = {p.text: p for p in extract_predictions(seed)}
    relayed = next(p for text, p in found.items() if "according to Ivo Renn" in text)
    assert relayed.subject == "Marlow & Finch"
    assert "Ivo Renn" in relayed.owner
