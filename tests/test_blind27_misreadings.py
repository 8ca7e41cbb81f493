"""Readings missed on real writing nobody had read (blind-27: an awards blog marking its picks
in bold among each category's nominees, and a framework's release plan), each given by a
general reading and pinned here with a look-alike that keeps its old reading. Films, people,
awards and products are invented for the tests."""

from __future__ import annotations

from datetime import date

from hindsight.analysis.awards import award_pick_of, is_marked_pick, winners
from hindsight.analysis.predictions import describe_prediction, extract_predictions
from hindsight.analysis.subjects import learn_subjects
from hindsight.domain import Prediction, Stance, Subject
from hindsight.reading import read_seed_text
from tests.judge_cases import judged

WRITTEN = date(2031, 2, 24)

BALLOT = """# Lantern Awards 2031 predictions

For years I have tried to call every category. My predictions are below, in bold.

#### Lead Actor

  - Ada Quill, “Night Ferry” (3%)
  - **Bo Lark, “Storm Road” (95%)**
  - Cy Marsh, “Paper Owls” (2%)

#### Cinematography

  - **Comet Harbour 2049**
  - Night Ferry
  - Storm Road

#### Adapted Screenplay

  - Salt Roads
  - **Call Us by Our Names**
  - Ember Lake

#### Animated Feature

  - Paper Owls
  - **Tin Moon**
  - Glass Kites

#### Live Action Short

  - **Red Gate**
  - The Quiet Child
  - Blue Hour
"""


def _ballot() -> tuple[dict[str, Prediction], list[Subject]]:
    seed = read_seed_text(BALLOT, fmt="markdown", published=WRITTEN)
    found = extract_predictions(seed)
    picks = {p.subject: p for p in found if is_marked_pick(p.context)}
    return picks, learn_subjects(seed, list(picks.values()))


def test_the_nominee_set_in_bold_is_the_pick_and_the_rest_of_the_list_is_no_forecast() -> None:
    seed = read_seed_text(BALLOT, fmt="markdown", published=WRITTEN)
    marked = [seed.text[b.start : b.end] for b in seed.blocks if b.emphasized]
    assert marked == [
        "Bo Lark, “Storm Road” (95%)",
        "Comet Harbour 2049",
        "Call Us by Our Names",
        "Tin Moon",
        "Red Gate",
    ]
    found = extract_predictions(seed)
    picks = [(p.subject, p.text) for p in found if is_marked_pick(p.context)]
    assert picks == [
        ("Lead Actor", "Bo Lark, “Storm Road” (95%)"),
        ("Cinematography", "Comet Harbour 2049"),
        ("Adapted Screenplay", "Call Us by Our Names"),
        ("Animated Feature", "Tin Moon"),
        ("Live Action Short", "Red Gate"),
    ]
    texts = [p.text for p in found]
    assert not any("Ada Quill" in t or t in ("Paper Owls", "Salt Roads") for t in texts)
    lead = next(p for p in found if p.subject == "Lead Actor")
    pick = award_pick_of(lead.text, lead.context)
    assert pick is not None and (pick.award, pick.name) == ("Lead Actor", "Bo Lark")


def test_a_list_with_no_mark_or_two_marks_or_long_lines_picks_nothing() -> None:
    # Look-alikes: nothing set in bold, two items set in bold, a bold line among statements,
    # and a marked item in a piece that announces no predictions.
    for body in (
        "#### Lead Actor\n\n  - Ada Quill\n  - Bo Lark\n  - Cy Marsh\n",
        "#### Lead Actor\n\n  - **Ada Quill**\n  - **Bo Lark**\n  - Cy Marsh\n",
        "#### Lead Actor\n\n  - Ada Quill\n  - **Bo Lark**\n  - Cy Marsh has spent the past "
        "eleven years playing villains in films that nobody in this town went to see at all\n",
    ):
        text = (
            "# Lantern Awards 2031 predictions\n\nFor years I have tried to call every "
            "category of the ceremony, and this year is no different. My predictions are "
            f"below.\n\n{body}"
        )
        seed = read_seed_text(text, fmt="markdown", published=WRITTEN)
        assert not [p for p in extract_predictions(seed) if is_marked_pick(p.context)], body
    plain = (
        "# The nominees\n\nThe academy named its nominees this morning, and members vote in "
        "the final round over the next two weeks.\n\n"
        "#### Lead Actor\n\n  - Ada Quill\n  - **Bo Lark**\n  - Cy Marsh\n"
    )
    seed = read_seed_text(plain, fmt="markdown", published=WRITTEN)
    assert not [p for p in extract_predictions(seed) if is_marked_pick(p.context)]


def _stances(picks: dict[str, Prediction], subjects: list[Subject], award: str, news: str):
    got = judged(picks[award], news, date(2031, 3, 3), subjects)
    return [a.stance for a in got if a.stance.decides]


def test_a_marked_pick_is_settled_by_the_winner_however_the_news_writes_it() -> None:
    picks, subjects = _ballot()
    # "Lead Actor" is the award news calls best actor; two winners and two awards in one
    # clause are each the one in its place.
    pair = "Ada Quill and Bo Lark won best actress and actor at the 90th Lanterns."
    assert _stances(picks, subjects, "Lead Actor", "Bo Lark won best actor Sunday night.") == [
        Stance.SUPPORTS
    ]
    assert [(w.name, w.award) for w in winners(pair)] == [
        ("Ada Quill", "best actress"),
        ("Bo Lark", "best actor"),
    ]
    # A work's award is won by its maker "for" it.
    assert _stances(
        picks,
        subjects,
        "Adapted Screenplay",
        "Dee Roe won adapted screenplay for Call Us by Our Names.",
    ) == [Stance.SUPPORTS]
    # "lost <award> to <winner>" names the winner.
    assert _stances(
        picks, subjects, "Animated Feature", "Paper Owls lost best animated feature to Tin Moon."
    ) == [Stance.SUPPORTS]
    assert _stances(
        picks,
        subjects,
        "Animated Feature",
        "Paper Owls lost best animated feature to the studio's popular Glass Kites.",
    ) == [Stance.CONTRADICTS]
    # "won for <award>", and two awards after one verb.
    assert _stances(
        picks, subjects, "Live Action Short", "The Quiet Child won for best live action short."
    ) == [Stance.CONTRADICTS]
    assert _stances(
        picks,
        subjects,
        "Cinematography",
        "Comet Harbour 2049 won best cinematography and visual effects.",
    ) == [Stance.SUPPORTS]


def test_awards_named_without_their_winner_or_counted_say_nothing() -> None:
    picks, subjects = _ballot()
    # Two winners and one award word: which won which is not said.
    assert not _stances(
        picks, subjects, "Lead Actor", "Ada Quill and Bo Lark won the acting awards."
    )
    # Another category's result.
    assert not _stances(
        picks, subjects, "Animated Feature", "Paper Owls lost best animated short to Red Gate."
    )
    listed = "Storm Road won three awards: sound editing, sound mixing and film editing."
    awards = [w.award for w in winners(listed)]
    assert {"sound editing", "sound mixing", "film editing"} <= set(awards)
    assert not any("three" in award or "awards" in award for award in awards)


PLAN_WRITTEN = date(2031, 6, 8)
LANTERN = [Subject(name="Lantern")]


def test_a_document_described_as_revised_revises_no_promise_of_its_owner() -> None:
    posted = describe_prediction(
        "As the stable release gets closer, any important information will also be posted on "
        "this blog.",
        PLAN_WRITTEN,
        "commitment",
        "Lantern",
    )

    def stances(news: str) -> list[Stance]:
        got = judged(posted, news, date(2032, 4, 1), LANTERN)
        return [a.stance for a in got if a.stance.decides]

    # The guide is what was revised; the blog is only whose guide it is.
    assert not stances(
        "The Lantern blog's upgrade guide, revised after the stable release and linking the "
        "release post, describes a gradual adoption strategy."
    )
    # The blog itself revised is still a revision of what the forecast promised.
    assert stances("The Lantern blog was revised after the stable release.") == [Stance.CONTRADICTS]


def test_a_preposition_is_no_topic_a_forecast_and_a_claim_share() -> None:
    adopt = describe_prediction(
        "you will be able to adopt Lantern 18 without rewrites and try the new features at "
        "your own pace.",
        PLAN_WRITTEN,
        None,
        "Lantern",
    )
    got = judged(
        adopt,
        "Installing Lantern 18 without switching to the new root API leaves an app behaving as "
        "if it ran Lantern 17, with a console warning.",
        date(2032, 4, 1),
        LANTERN,
    )
    assert not [a for a in got if a.stance.decides]


def test_a_release_named_as_coming_with_the_forecasts_example_bears_it_out() -> None:
    batching = describe_prediction(
        "When it's released, Lantern 18 will include out-of-the-box improvements (like "
        "automatic batching)",
        PLAN_WRITTEN,
        "commitment",
        "Lantern",
    )
    apis = describe_prediction("new APIs (like startRoute)", PLAN_WRITTEN, "commitment", "Lantern")
    launched = (
        "Lantern 18 launched with automatic batching, new APIs such as startRoute and streaming "
        "server rendering."
    )

    def stances(prediction: Prediction, news: str) -> list[Stance]:
        return [
            a.stance
            for a in judged(prediction, news, date(2032, 3, 29), LANTERN)
            if a.stance.decides
        ]

    assert stances(batching, launched) == [Stance.SUPPORTS]
    assert stances(apis, launched) == [Stance.SUPPORTS]
    # Left out, put off, or another feature named: nothing either way.
    assert not stances(batching, "Lantern 18 launched without automatic batching.")
    assert not stances(
        batching, "Automatic batching was postponed; Lantern 18 launched with new APIs."
    )
    assert not stances(batching, "Lantern 18 launched with new APIs such as startRoute.")
