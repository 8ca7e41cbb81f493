"""The measure question: a realised figure of the same measure, actor and period as the
forecast's, compared with it.

"Prefer open to wrong": a figure only decides when it measures what the forecast measures. Two
qualifiers of the same family that differ ("wind" against "renewable" or "solar" capacity) make
two measures, however many other words they share; so does a rate of a named place against a
forecast rate that names none or another (a country's growth is not the world's). The families
are data (`KINDS`): add a family or a member there, not a rule in the code.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta
from functools import lru_cache

from hindsight.analysis.alignment import MARKET, SUBJECT, Alignment, align, figure_mismatch
from hindsight.analysis.caseless import Caseless
from hindsight.analysis.claims import announced_spec, modality_of
from hindsight.analysis.concepts import stem
from hindsight.analysis.matching import (
    NOT_MEASURE,
    Profile,
    same_measure,
)
from hindsight.analysis.names import MONTHS_AND_DAYS, is_topic
from hindsight.analysis.places import places_in
from hindsight.analysis.quantities import PHYSICAL_UNITS
from hindsight.analysis.questions.base import (
    SHARES,
    Question,
    Reader,
    Verdict,
    designations,
    last_named,
    other_product,
    rate_of,
    settle,
)
from hindsight.analysis.subjects import alias_pattern
from hindsight.domain import Claim, Prediction, Quantity

_I = re.IGNORECASE

# What a claim must say to speak to this question.
CLAIM_CUE = Caseless(
    r"\d|\b(?:half a|a|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"[\s-]+(?:million|billion)\b"
)
PREDICTION_CUE = None

# Families of qualifiers that split one measure into kinds that never stand for each other: a
# forecast naming one member is settled only by a figure naming it too (or naming none).
KINDS: dict[str, frozenset[str]] = {
    family: frozenset(stem(w) for w in words.split())
    for family, words in {
        "energy source": "wind solar photovoltaic pv hydro hydropower nuclear coal gas "
        "geothermal bioenergy biomass renewable renewables fossil",
        "siting": "offshore onshore rooftop utility-scale",
        # The span a sum or count is taken over: a weekend's takings are not a year's.
        "span": "weekend weekly monthly quarterly full-year annual daily",
    }.items()
}
# Words for one member of a family (the span of a year).
_SAME_KIND = {stem(w): stem("annual") for w in ("annually", "yearly", "full-year")}


def kinds_of(words: frozenset[str]) -> dict[str, frozenset[str]]:
    """The members of each family that stemmed `words` name."""
    words = frozenset(_SAME_KIND.get(w, w) for w in words)
    return {f: members & words for f, members in KINDS.items() if members & words}


@lru_cache(maxsize=8192)
def other_kind(expected: frozenset[str], found: frozenset[str]) -> bool:
    """The two sides name different members of one family ("wind" against "renewable").
    Cached: the same clauses meet again for every figure of every pair."""
    wanted = kinds_of(expected)
    return any(f in wanted and not (wanted[f] & named) for f, named in kinds_of(found).items())


def _words_near(text: str, quantity: Quantity) -> frozenset[str]:
    """Stems of the words of the figure's clause (the qualifiers written around it)."""
    return _clause_stems(text, quantity.text)


_CLAUSE_END_RE = re.compile(r"[;,]|\.\s|\bwhile\b|\bbut\b")
_WORD_RE = re.compile(r"[a-z][a-z-]+")


@lru_cache(maxsize=4096)
def _clause_stems(text: str, figure: str) -> frozenset[str]:
    # Cached: a forecast's own clause is read again for every claim it is compared with.
    clause = _clause_of(text, figure)
    return frozenset(stem(w) for w in _WORD_RE.findall(clause.lower()))


def _clause_of(text: str, figure: str) -> str:
    """The clause the figure is written in (between commas, semicolons, "while", "but")."""
    at = text.find(figure)
    if at < 0:
        return ""
    start = max(text.rfind(m, 0, at) for m in (";", ",", ". ", " while ", " but "))
    rest = text[at + len(figure) :]
    stop = _CLAUSE_END_RE.search(rest)
    return text[start + 1 : at + len(figure) + (stop.start() if stop else len(rest))]


# A market's figure and one this many times apart are different things: a part of it, a stock
# against a flow (a total of 906 GW installed against 80 GW added in a year).
_MARKET_SPREAD = 10.0


def _apart(expected: Quantity, found: Quantity) -> bool:
    """Whether two counts are too far apart to be one market's figure for one period."""
    if expected.kind != "count" or found.kind != "count" or expected.low <= 0 or found.low <= 0:
        return False
    return max(found.low / expected.high, expected.low / found.high) > _MARKET_SPREAD


def other_place(claim: Claim, prediction: Prediction) -> bool:
    """A rate of a named place against a forecast rate of no place or of others."""
    found = places_in(claim.text)
    return bool(found - places_in(prediction.text))


def _stated_spec(claim: Claim) -> bool:
    """A product's figure in a unit of measure, stated as it stands ("the Switch has 32 GB of
    storage, and launches on 3 March") or announced with a plain "will" ("will ship with 32 GB
    of storage"): only the date to come made the sentence a plan, so the figure is set, as an
    announced price is (`price`)."""
    return (
        claim.modality == "plan"
        and any(q.unit in PHYSICAL_UNITS for q in claim.quantities)
        and (modality_of(claim.text) == "fact" or announced_spec(claim.text))
    )


# A rate a body sets ("interest rates", "Bank Rate", "the policy rate") moves in steps of a
# quarter point: the figure forecast is the figure (3.75% is not "about 4%"). A call on it that
# names no date is a call on the next decision, weeks away, not on whatever level the rate has
# later: news more than `_NEXT_DECISION` after the forecast says nothing of it.
_SET_RATE = Caseless(
    r"\b(?:interest|bank|base|policy|benchmark|cash|repo|deposit|discount|lending|"
    r"(?:federal|fed)\s+funds)\s+rates?\b",
    _I,
)
_NEXT_DECISION = timedelta(days=35)  # central banks decide every six weeks or so


# Where a figure's own item of a list starts: "won 144 seats, the Bloc 22 seats, the NDP seven".
_LIST_ITEM_START = re.compile(r"[,;]|\band\b|\bwhile\b")


_DIGIT = re.compile(r"\d")


def _another_tracked(reader: Reader, text: str, q: Quantity, prediction: Prediction) -> bool:
    """The figure is another tracked subject's: in a seed that tracks several parties, teams or
    firms, a figure counts as "the subject's" for any of them (`alignment.actor_of`), so the
    one named last before it in its own list item decides whose forecast it can answer: only
    the forecast's own subject's (a forecast for a party not tracked answers to none), unless
    the figure is of a thing the own subject is named after, with no figure of its own."""
    tracked = [s for s in reader.subjects if not s.measured]
    if len(tracked) < 2 or not prediction.subject[:1].isupper():
        return False
    own = next((s for s in tracked if prediction.subject in (s.name, *s.aliases)), None)
    at = text.find(q.text)
    if at < 0:
        return False
    item = _LIST_ITEM_START.split(text[:at])[-1]
    rest = _LIST_ITEM_START.split(text[at + len(q.text) :])[0]
    after = alias_pattern(own).search(rest) if own is not None else None
    if after is not None and not _DIGIT.search(rest, after.end()):
        # "Norvik began selling a $3,000 version of the Gale": the Gale's price; but in "the
        # Liberals took 169 seats, the Conservatives 144" the Conservatives have their own.
        return False
    # The name in the figure's own item, else the last one before it in the sentence: "The
    # Liberals took 43.7% of the vote and 169 seats" (the clause's subject carries on).
    nearest = last_named(tracked, item) or last_named(tracked, text[:at])
    return nearest is not None and nearest is not own


# Words that name no measure of a thing but its own level: an index's points, a close, a
# record close, its price target.
_LEVEL_WORDS = (
    "index level value close closing point points mark finish end trade record price target"
)
_LEVEL = frozenset(stem(w) for w in _LEVEL_WORDS.split())
_CAPITALISED = re.compile(r"\b[A-Z][\w&]*")
_NO_NAME = frozenset({"The", "A", "An", "On", "In", "At", "By"})


def _subject_level(
    prediction: Prediction, wanted: frozenset[str], text: str, q: Quantity, words: frozenset[str]
) -> bool:
    """A bare number forecast for a thing that is itself a measure, against a bare number
    written straight after that thing's name: its level ("the S&P 500 index to reach 6,600"
    and "the S&P 500 ended 2025 at 6,845.50"; "the Dow will close above 12,000" and "the Dow
    gained 98 points to 10,759"). Neither side names any other measure, and the last name
    before the figure is the forecast's subject: "... the Dow was down 0.6% to 48,063" is
    not the S&P 500's level."""
    expected = prediction.expectation.quantity
    if expected is None or expected.kind != "count" or expected.unit or q.kind != "count":
        return False
    if q.unit not in (None, "points", "point") or not (wanted <= _LEVEL and words <= _LEVEL):
        return False
    at = text.find(q.text)
    names = [n for n in _CAPITALISED.findall(text[: max(at, 0)]) if n not in _NO_NAME]
    return bool(names) and names[-1] in prediction.subject.split()


# A figure that is the whole of a part named before it ("56 of Scotland's 59 seats", "all but
# one of its 40 seats").
_WHOLE_BEFORE = re.compile(
    r"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|all|most|half|none)"
    r"(?:\s+but\s+\w+)?\s+of\s+(?:the\s+|its\s+|their\s+|[A-Z][\w-]*['’]s\s+)?$"
)


def _designated(text: str, q: Quantity) -> bool:
    """The bare number is the code of a designation ("Episode 1 of Loki", "Season 2."): it
    names one thing of a series, and counts nothing. The name is a noun ("Around 300 were
    hired", "March 5" count or date), and nothing but a name, "of" or the clause's end follows
    the code."""
    for found in designations(text):
        name, code = found.rsplit(" ", 1)
        if code != q.text or name.lower() in NOT_MEASURE or name in MONTHS_AND_DAYS:
            continue
        if re.search(rf"\b{re.escape(found)}(?=\s*(?:$|[.,;:!?)]|of\b|[A-Z]))", text):
            return True
    return False


def gate(reader: Reader, claim: Claim) -> bool:
    """What the claim must be for any prediction of this question (tested once per claim)."""
    return (
        (claim.modality != "plan" or _stated_spec(claim))
        and claim.polarity
        and bool(claim.quantities)
    )


def compare(reader: Reader, claim: Claim, prediction: Prediction, prof: Profile) -> Verdict | None:
    """A realised figure aligned with the prediction's (same measure, same actor, a period
    that can settle it: `alignment`), compared with its figure."""
    expected = prediction.expectation.quantity
    figure = prof.figure
    if expected is None or figure is None or not claim.polarity:
        return None
    spec = _stated_spec(claim)
    if claim.modality == "plan" and not spec:
        return None
    if all(figure_mismatch(figure.quantity, q) is not None for q in claim.quantities):
        return None  # no figure of the sentence can be this one (kind, currency, unit): cheap
    if expected.kind == "percent" and reader.search(SHARES, claim):
        return None  # a share-price move, not the measure
    if any(name not in claim.text for name in prof.measure_names):
        return None  # the figure is of a named part (a plant, a brand) the claim does not name
    if prof.modifiers and prof.modifiers - reader.words_of(claim):
        return None  # "fast charging points" are not "public charging points"
    if other_product(prediction, claim):
        return None  # "Model 3" output does not answer a forecast of "Model S/X" output
    # A rate of another place does not answer a forecast of the world's or of this place's
    # ("China's growth"); a sentence naming this place and others is read clause by clause
    # ("the eurozone economy grew 1.7%, more than the 1.6% of the United States").
    own_places = places_in(prediction.text)
    by_clause = False
    if expected.kind == "percent" and other_place(claim, prediction):
        if not own_places & places_in(claim.text):
            return None
        by_clause = True
    wanted_words = _words_near(prediction.text, expected)
    # A market's figure, forecast under a name this claim does not give (the index proposes
    # such forecasts on their measure alone): only a figure of the market itself answers it.
    elsewhere = (
        figure.actor == MARKET
        and not is_topic(prediction.subject)
        and prediction.subject not in claim.subjects
    )
    # A claim naming the measure a relayed forecast is about ("solar power accounted for ...
    # 191.6 GW"): a figure no one owns is the market's; one of another place is not.
    topical = prof.measured is not None and prof.measured in claim.subjects
    if prof.measured is not None and figure.period is None:
        return None  # a market's figure changes every period: one never named settles nothing
    # Counts per unit of time are their own measure; a price "a month" is the price.
    counted = expected.kind == "count"
    rate = rate_of(prediction.text, expected) if counted else None
    best: tuple[int, Alignment, frozenset[str]] | None = None
    head = figure.measure.head
    before: frozenset[str] = frozenset()
    unit_words: frozenset[str] | None = None  # the words of the last figure of the expected unit
    for q, words in reader.figures(claim):
        if _WHOLE_BEFORE.search(claim.text[: max(0, claim.text.find(q.text))]):
            continue  # "took 56 of Scotland's 59 seats": 59 is the whole, no one's count
        if q.unit is None and _designated(claim.text, q):
            continue  # "Episode 1 of Loki Season 2": which episode, no count of episodes
        if spec and q.unit not in PHYSICAL_UNITS:
            continue  # in a plan, only a product's stated measure is set
        if counted and not words and rate is not None:
            words = before  # "260 cars last quarter, just 26 a week": the rate counts cars
        if counted and q.unit is None and expected.unit and unit_words is not None:
            # "the Conservatives won 330 seats, Labour won 232, and the SNP won 56": a bare
            # figure in a list counts what the list's first figure counts
            words = words | unit_words
        if counted and q.unit is not None and q.unit == expected.unit:
            unit_words = words
        before = words or before
        if counted and rate_of(claim.text, q) != rate:
            continue  # a weekly rate against a quarter's output: another measure
        if by_clause and places_in(_clause_of(claim.text, q.text)) - own_places:
            continue
        near = _words_near(claim.text, q)
        if other_kind(wanted_words, near) or (
            not kinds_of(near) and other_kind(wanted_words, reader.words_of(claim))
        ):
            # "renewable" (or "solar") capacity against a forecast of "wind" capacity; a
            # figure whose clause names no kind counts the kind its sentence names ("320 GW of
            # renewables ..., with China over 140 GW").
            continue
        shared = same_measure(prof.measure, words)
        if not shared and _subject_level(prediction, prof.measure, claim.text, q, words):
            shared = frozenset(["level"])
        if not shared and head is None:
            continue
        if not shared or (best is not None and len(shared) <= best[0]):
            facts = reader.facts_of(claim, q, words)
            if not shared and head is not None and facts.measure.head == head:
                shared = frozenset([head])  # "spend", "spent": one measure in other words
            if not shared or (best is not None and len(shared) <= best[0]):
                continue
        facts = reader.facts_of(claim, q, words)
        if facts.actor is not None and facts.actor.removeprefix("other:") in (
            prediction.subject.split()
        ):
            # a forecast's own subject that no subject tracks ("the Conservatives won 330
            # seats" for "Conservatives: 234 to 321 seats"): the figure is its own
            facts = replace(facts, actor=SUBJECT)
        if facts.actor in (SUBJECT, None) and _another_tracked(reader, claim.text, q, prediction):
            # "the NDP seven seats" against a forecast of the Green Party's seats; "the Liberals
            # ... leading in 164 seats" (no actor read) against the Conservatives'
            continue
        if elsewhere and facts.actor != MARKET and not (topical and facts.actor is None):
            continue  # a company's own figure does not answer a forecast of the market's
        if prof.measured is not None and places_in(_clause_of(claim.text, q.text)) - places_in(
            prediction.text
        ):
            continue  # "US onshore installations dropped to 8.6 GW": not the world's figure
        if prof.measured is not None and _apart(expected, q):
            continue  # a part ("solar thermal ... 0.125 GW") or a total, not the market's flow
        aligned = align(figure, facts, prof.market)
        if aligned is not None:
            best = (len(shared), aligned, shared)
    if best is None:
        return None
    _, aligned, shared = best
    set_rate = expected.kind == "percent" and bool(_SET_RATE.search(prediction.text))
    when = claim.published or claim.event_date
    if (
        set_rate
        and prediction.expectation.window is None
        and prediction.made is not None
        and when is not None
        and when > prediction.made + _NEXT_DECISION
    ):
        return None  # a later decision's rate, not the one the forecast called
    verdict = settle(aligned, prediction, expected, " ".join(sorted(shared)), exact=set_rate)
    return replace(verdict, settled=True) if verdict is not None and spec else verdict


QUESTION = Question("measure", CLAIM_CUE, PREDICTION_CUE, gate, compare)
