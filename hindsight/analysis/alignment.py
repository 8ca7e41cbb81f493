"""Align a news figure with a prediction's figure before comparing them.

A number in the news bears on a forecast only when it is the same figure: the same MEASURE (an
installed cost is not a price, orders are not deliveries, paying subscribers are not subscribers),
the same ACTOR (one company's installations are not the market's, a rival's are not the
subject's) and a PERIOD that settles the forecast (a 2024 figure is progress towards a 2026
forecast, not its outcome). Earlier judges compared figures first and checked those ad hoc; the
checks did not transfer to unseen seeds. Here each side is described once as plain data
(`Facts`), `mismatch` says in words why two sides do not align, and `outcome` compares only an
aligned pair, saying nothing when the figure cannot settle the forecast yet.

Everything here is pure: `expected_facts` runs once per prediction (kept in its `Profile`),
`found_facts` once per figure of a claim sentence (the judge caches it per sentence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from hindsight.analysis.caseless import Caseless
from hindsight.analysis.concepts import same_concept
from hindsight.analysis.names import COMMON_OPENERS, is_topic
from hindsight.analysis.places import PLACE_WORDS
from hindsight.analysis.topics import measured_topic
from hindsight.domain import Claim, DateWindow, Prediction, Quantity, Subject

__all__ = [
    "MARKET",
    "SUBJECT",
    "Alignment",
    "Facts",
    "Measure",
    "Period",
    "actor_of",
    "align",
    "expected_facts",
    "figure_mismatch",
    "found_facts",
    "head_of",
    "market_subject",
    "mismatch",
    "outcome",
    "part_of_period",
    "period_of",
    "subject_words",
]

_I = re.IGNORECASE

# --- measure ------------------------------------------------------------------------------

# Head words by the measure they name: two figures whose heads name different measures never
# compare, whatever words they share otherwise.
_HEAD_GROUPS: dict[str, str] = {
    "price": "price prices priced pricing msrp fare fares tariff tariffs",
    "cost": "cost costs",
    "grant": "grant grants subsidy subsidies rebate rebates voucher vouchers incentive incentives",
    "revenue": "revenue revenues turnover",
    "profit": "profit profits earnings ebit ebitda income loss losses",
    "orders": "order orders pre-order pre-orders preorder preorders booking bookings "
    "reservation reservations",
    "sales": "sales sold sell sells selling deliveries delivered delivery deliver delivers "
    "shipments shipped ships",
    "output": "production produced produce produces output built build builds manufactured "
    "completions completed complete completes",
    "capacity": "capacity capacities nameplate",
    "installations": "installations installation installed install installs",
    "subscribers": "subscribers subscriber subscriptions members membership",
    "users": "users user",
    "permits": "permits permit approvals consents",
    "passengers": "passengers passenger travellers travelers journeys journey trips riders "
    "ridership",
    "spending": "spend spends spent spending expenditure expenditures capex",
    "wage": "wage wages salary salaries",
}
# Earnings by the hour or week are what workers are paid, not what a company makes.
_WAGE_EARNINGS = re.compile(r"\b(?:hourly|weekly|average)\s+earnings\b", re.I)
_HEADS: dict[str, str] = {w: group for group, words in _HEAD_GROUPS.items() for w in words.split()}
# Heads that count people or things held (a stock): "new" or "added" ones are a flow instead.
_STOCKS = frozenset(["subscribers", "users"])
_FLOW_WORDS = frozenset(["new", "added", "add", "adds", "additions", "net"])
# Modifiers that make a narrower measure of the same head ("paying subscribers").
_QUALIFIERS = frozenset(
    """paying paid net gross operating adjusted underlying pre-tax average median fast rapid
    ultra-fast home domestic commercial residential used second-hand cumulative active private
    wholesale""".split()  # noqa: SIM905
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_VERB_PRICE = re.compile(
    r"\b(?:costs?|sells? (?:for|at)|sold (?:for|at)|retails? (?:for|at)|priced at|starts? at|"
    r"starting at)\s+(?:(?:about|around|roughly|just|only|under|over|from)\s+)?\S*$",
    _I,
)


# What the seller sets is its price whatever it is called: "set a wholesale acquisition cost of".
_SET_PRICE = re.compile(
    r"\b(?:set|sets|charg(?:e|es|ed|ing)|list(?:s|ed)?)\b[^.;]{0,40}\b(?:cost|fee|tariff|"
    r"rate)\s+of\s*$",
    _I,
)


@dataclass(frozen=True)
class Measure:
    """What a figure measures: its head (a measure group such as "price", "orders"), the
    narrowing qualifiers written with it ("paying", "net") and whether it is a flow of a stock."""

    head: str | None
    qualifiers: frozenset[str] = frozenset()
    flow: bool = False

    def describe(self) -> str:
        words = [*sorted(self.qualifiers), self.head or "figure"]
        return " ".join(words)


def _clause_before(text: str, at: int) -> str:
    start = max(text.rfind(m, 0, at) for m in (";", ":", ". ", " while ", " whereas ", " but "))
    return text[start + 1 if start >= 0 else 0 : at]


def _clause_after(text: str, end: int) -> str:
    rest = text[end:]
    m = re.search(r"[;.]\s|[;.]$|,|\bwhile\b|\bwhereas\b|\bbut\b|\band\b", rest)
    return rest[: m.start()] if m else rest


# An amount written as a product's attribute: "a $35,000 version", "the promised $35,000 Model 3".
_DETERMINER_BEFORE = re.compile(
    r"(?:\b(?:a|an|the|its|their|his|her|our|this|that)|['’]s)\s+(?:[a-z][\w-]*\s+){0,2}$"
)
# Words after an amount that show it is no attribute of a thing ("a $5 billion in", "the $20 it").
_NOT_A_THING = frozenset(
    """in of for to from on at by per a an the and or but it they he she this that which who
    was were is are be been has have had will would can could may might million billion
    trillion thousand bn m k""".split()  # noqa: SIM905
)


def _attributive(before: str, after_words: list[str]) -> bool:
    """The amount stands before the noun it prices, after a determiner: that thing's price.

    Why: news names a product by its price ("began selling a $35,000 version") without the
    word "price"; the noun after the amount must be a thing, not a measure (a "$2,000 grant",
    "a $1 million loss" keep their own heads).
    """
    if not after_words or not _DETERMINER_BEFORE.search(before):
        return False
    noun = after_words[0]
    return noun not in _NOT_A_THING and noun not in _HEADS


_ASIDE_RE = re.compile(
    r",\s*(?:excluding|including|except(?:\s+for)?|net\s+of|not\s+counting)\b[^,]*,", _I
)


def head_of(text: str, quantity: Quantity, at: int | None = None) -> Measure:
    """The measure a figure in `text` names: its unit when that is a measure noun, else the
    nearest measure word before it in its clause, else one just after it ("126,000 heat pumps
    were installed")."""
    at = text.find(quantity.text) if at is None else at
    if at < 0:
        return Measure(_HEADS.get((quantity.unit or "").lower()))
    # An aside of what is left out or in ("core earnings, excluding some pension and other
    # costs, between $8.15 and $8.35") names no measure of the figure.
    before = _ASIDE_RE.sub(",", _clause_before(text, at))
    after = _clause_after(text, at + len(quantity.text))
    before_words = [w.lower() for w in _WORD.findall(before)][-8:]
    after_words = [w.lower() for w in _WORD.findall(after)][:6]
    head: str | None = None
    if quantity.kind == "money" and (
        _VERB_PRICE.search(before) or _SET_PRICE.search(before) or _attributive(before, after_words)
    ):
        head = "price"
    unit = (quantity.unit or "").lower()
    if head is None and quantity.kind == "count" and unit in _HEADS:
        head = _HEADS[unit]
    if head is None:
        head = next((_HEADS[w] for w in reversed(before_words) if w in _HEADS), None)
    if head is None:
        head = next((_HEADS[w] for w in after_words if w in _HEADS), None)
    if head == "capacity" and re.search(r"\bfull capacity\b", before, _I):
        head = "output"  # "at full capacity of 250,000 units": producing that many
    if head == "profit" and _WAGE_EARNINGS.search(before):
        head = "wage"  # "average hourly earnings rose 3.7%"
    if head == "sales" and quantity.kind == "money":
        head = "revenue"  # "sales of EUR 2 billion": money sales are revenue
    # Qualifiers are written before the figure or inside it ("4,000 paying subscribers"), not
    # after it, where a word such as "operating" is a verb.
    near = set(before_words[-3:]) | {w.lower() for w in _WORD.findall(quantity.text)} | {unit}
    return Measure(
        head,
        frozenset(near & _QUALIFIERS),
        flow=head in _STOCKS and bool(near & _FLOW_WORDS),
    )


# --- actor --------------------------------------------------------------------------------

_MARKET = Caseless(
    r"\b(?:industry[- ]wide|nationwide|nationally|countrywide|country-wide|market[- ]wide|"
    r"sector[- ]wide|across the (?:whole |entire )?(?:market|industry|sector|country|nation)|"
    r"(?:whole|entire|overall|total) (?:market|industry|sector)|the (?:market|industry) as a whole|"
    r"all (?:suppliers|installers|makers|manufacturers|carmakers|automakers|companies|brands|"
    r"providers|operators|airlines|carriers|retailers|developers|firms|players|vendors|"
    r"streamers|services)|(?:market|industry|national|sector|country's) totals?|"
    r"national (?:figures?|statistics|data)|industry (?:figures|data))\b"
)
# Reporters of market totals: with no other actor named, their figure is the market's.
# Words for the whole world's figure; a name before them owns it ("Acme's worldwide sales").
_WORLD = Caseless(
    r"\b(?:worldwide|world-wide|globally|global|around the world|across the world|"
    r"the world's)\b"
)
_BODY = Caseless(
    r"\b(?:trade (?:body|association|group)|industry (?:body|association|group)|association|"
    r"federation|statistics (?:office|agency|bureau)|official (?:figures|data|statistics)|"
    r"registration data|regulator)\b"
)
_SPEAKER_AFTER = re.compile(
    r"^(?:'s)?\s*(?:\w+\s+)?(?:said|says|told|reported|reports|estimated|estimates|announced|"
    r"noted|added|forecasts?|predicted|predicts|projects|expects|thinks|counted|counts|"
    # "the World Economic Outlook put global growth at 3.8%": a report's estimate
    r"put|puts|pegged|pegs)\b",
    _I,
)
_PRONOUN_AFTER = re.compile(
    r"^(?:\s+(?:that|on|at|in|its|the|a|\w+)){0,4}?\s+(?:it|its|they|their)\b", _I
)
# A name after a preposition is a place, a platform or an object, not who did it.
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:on|at|in|into|via|from|to|with|for|of|than|over|like|including)\s+(?:the\s+)?$", _I
)
# A name: a run of capitalised words ("Valdane Motor Group"), with its possessive.
_CAPITAL = re.compile(
    r"\b([A-Z][A-Za-z0-9&-]*[A-Za-z0-9](?:\s+[A-Z][A-Za-z0-9&-]*[A-Za-z0-9])*)((?:'s|’s)?)"
)
_NOT_NAMES = frozenset(
    """January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday Q1 Q2 Q3 Q4 H1 H2 FY Mr Ms Mrs Dr CEO CFO Chief Executive Officer Group
    Founder Chairman President Director Vice Senior General Manager The A An In On At By For From
    With After Before During Since As If When While Although But And Or So Yet Also Still Then
    Now However Meanwhile Overall It Its This That These Those There Here Some Most Many Total
    Across All According Industry-wide Nationwide Globally Worldwide
    GW MW GWh MWh kW kWh EUR USD GBP CNY
    RMB GDP GNP CPI PMI EBITDA EPS""".split()  # noqa: SIM905
)
# Places: a country's figure is the market's, never a company's.
_PLACES = PLACE_WORDS
_NOUNISH = re.compile(r"(?:s|ion|ment|ing|ity|ue|ure|ance|ence)$")

_GENERIC = frozenset([None, "unit", "units"])
SUBJECT = "subject"
MARKET = "market"
UNNAMED = "other:unnamed"  # a party the forecast does not name ("one of the big suppliers")


def subject_words(subjects: list[Subject], subject: str) -> set[str]:
    """The capitalised words of the subject's names and aliases: a name made of them is the
    subject's (the judge computes them once per subject set)."""
    words = {w for w in subject.split() if w[:1].isupper()}
    for s in subjects:
        if s.measured:
            continue  # "Solar" opening a sentence names a measure, not a party
        for name in (s.name, *s.aliases):
            words.update(w for w in name.split() if w[:1].isupper())
    return words


_VERB_NEXT = re.compile(
    r"\s*,|\s+(?:\w+ly\s+)?(?:\w+ed|sold|built|made|had|has|have|was|were|is|are|will|would|said|"
    r"says|told|won|got|put|took|grew|rose|fell|saw|cut|set|hit|ran|did|does|drew|sent|paid|"
    r"brought|gave|kept|lost|spent|became|began)\b",
    _I,
)


def _name_actor(
    word: str,
    text_after: str,
    own: frozenset[str] | set[str],
    sentence_start: bool,
    possessive: bool,
) -> str | None:
    """Who a capitalised name names: the subject, the market (a place) or another entity."""
    parts = word.split()
    if any(p in own for p in parts):
        return SUBJECT
    if any(p in _PLACES for p in parts):
        return MARKET
    named = [p for p in parts if p not in _NOT_NAMES]
    if not named:
        return None
    if named[0] != parts[0]:
        sentence_start = False  # "The Liberals took": capitalised after an article, a name
    word = " ".join(named)
    if (
        sentence_start
        and not possessive
        and (
            _NOUNISH.search(word.lower())
            or "-" in word
            or word.lower() in COMMON_OPENERS
            or not _VERB_NEXT.match(text_after)
        )
    ):
        # "Installations rose", "Average rents rose": a common word opening the sentence. An
        # opener is a name only before a verb ("Boltco delivered", "Acme has").
        return None
    return f"other:{word}"


_ASIDE = re.compile(r"\([^()]*\)")


def actor_of(text: str, at: int, end: int, own: frozenset[str] | set[str]) -> str | None:
    """Whose figure the one at text[at:end] is: SUBJECT, MARKET, "other:<Name>", or None
    (unknown: the sentence does not say, and the claim's subject is meant).

    The nearest actor before the figure in its clause decides ("Acme's", "Acme installed",
    "industry-wide", "the UK's"); a speaker ("Acme said") is not the actor unless it goes on
    with "it"/"its". After the figure, a passive agent ("were installed by Acme") or a market
    word ("nationwide") decides. A reporting body ("the trade association said") marks a
    market total when nothing else does.
    """
    before = _clause_before(text, at)
    offset = at - len(before)
    # A closed aside ("(191.6 GW, nearly all PV) and 75 GW wind") owns nothing after it: blanked,
    # so offsets still hold.
    before = _ASIDE.sub(lambda m: " " * len(m.group(0)), before)
    market = [(m.end(), MARKET) for m in _MARKET.finditer(before)]
    names: list[tuple[int, str]] = []
    for m in _CAPITAL.finditer(before):
        word, possessive = m.group(1), bool(m.group(2))
        rest = before[m.end() :]
        start_of_sentence = not text[: offset + m.start()].strip() or bool(
            re.search(r"[.!?:]\s*$", text[: offset + m.start()])
        )
        if _PREPOSITION_BEFORE.search(before[: m.start()]):
            continue
        if (
            not rest.strip(" ")
            and word not in _NOT_NAMES
            and re.search(r"[:;,]\s*$", text[: offset + m.start()])
        ):
            start_of_sentence = False  # a list's item ("their deliveries: Nio 20,565 cars")
        actor = _name_actor(word, rest, own, start_of_sentence, possessive)
        if actor is None:
            continue
        speaker = _SPEAKER_AFTER.match(rest)
        if speaker and not _PRONOUN_AFTER.match(rest[speaker.end() :]):
            continue  # "Acme said 60,000 were installed": Acme reports, it did not install
        names.append((m.end(), actor))
    if not names:
        # "worldwide shipments": the world's, unless a name owns them ("Acme's global sales").
        market += [(m.end(), MARKET) for m in _WORLD.finditer(before)]
    hits = sorted(market + names)
    if hits:
        return hits[-1][1]
    after = _clause_after(text, end)
    agent = re.search(r"\bby (?:the )?([A-Z][A-Za-z0-9&-]+)", after)
    if agent:
        actor = _name_actor(agent.group(1), "", own, False, False)
        if actor is not None:
            return actor
    if _MARKET.search(after) or _WORLD.search(after):
        return MARKET
    if _sentence(text)[2]:
        return MARKET
    return None


@lru_cache(maxsize=8192)
def _sentence(text: str) -> tuple[frozenset[str], bool, bool]:
    """Per-sentence facts every figure of it shares: its words, whether it gives a figure for
    part of a period, whether a reporting body speaks. Cached: a sentence has several figures."""
    return (
        frozenset(w.lower() for w in _WORD.findall(text)),
        _PART_OF_PERIOD.search(text) is not None,
        _BODY.search(text) is not None,
    )


# --- period -------------------------------------------------------------------------------

_BY = re.compile(r"\s*(?:by|before|no later than|not later than|within|in the next)\b", _I)
_HOLD = re.compile(r"\s*(?:through|throughout|until|till|over)\b", _I)
_SOME_MONTHS = (
    r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|[1-9]|1[01]) (?:months|weeks)|"
    r"(?:1[2-9]|[2-4]\d|5[01]) weeks"
)
_PART_OF_PERIOD = Caseless(
    # A year's twelve months, or 52 weeks, are the whole year: no part of it. "Last quarter"
    # alone is the quarter before this one, a whole period; "the last quarter of 2024" is part
    # of the year.
    rf"\b(?:first|second) (?:half|quarter|week|month|{_SOME_MONTHS})\b|"
    rf"\blast (?:half|{_SOME_MONTHS})\b|\blast (?:quarter|month|week) of\b|"
    r"\b(?:to date|year[- ]to[- ]date|at mid-year|mid-year|at the end of "
    r"(?:january|february|march|april|may|june|july|august|september|october|"
    r"november)|since (?:january|the start of the year))\b|"
    # a running total since a thing began: "9.8 million journeys between its opening and ..."
    r"\b(?:since|between|from)\s+(?:its|their|the)\s+(?:opening|launch|start|debut|"
    r"first\s+day)\b|\bso\s+far\b",
    _I,
)


def part_of_period(text: str) -> bool:
    """Whether the text gives its figure or move for part of a period ("first half", "to date")."""
    return _PART_OF_PERIOD.search(text) is not None


# A part of a year named without its year: the period carried over from the sentence before
# is the whole the part belongs to, not the figure's.
_UNDATED_PART = Caseless(
    r"\b(?:first|second|third|fourth|final|last)[- ](?:quarter|half)\b|\b[QH][1-4]\b", _I
)


@dataclass(frozen=True)
class Period:
    """When a figure holds. `mode` for a forecast: "in" (the figure for that period), "by" (a
    deadline: reached at some point up to its end) or "hold" (a state through the period);
    for a news figure, "in". `partial`: the figure covers only part of the period named."""

    start: date
    end: date
    mode: str = "in"
    partial: bool = False

    def describe(self) -> str:
        if self.start.year == self.end.year and (self.start.month, self.end.month) == (1, 12):
            span = str(self.start.year)
        elif self.start == self.end:
            span = self.start.isoformat()
        else:
            span = f"{self.start.isoformat()}..{self.end.isoformat()}"
        if self.mode == "by":
            return f"by {self.end.isoformat()}" + (" (part)" if self.partial else "")
        prefix = {"hold": "through "}.get(self.mode, "")
        return f"{prefix}{span}" + (" (part)" if self.partial else "")


def period_of(window: DateWindow | None) -> Period | None:
    """A forecast's window as a period with its mode, read from how the window was written."""
    if window is None:
        return None
    mode = "by" if _BY.match(window.text) else "hold" if _HOLD.match(window.text) else "in"
    return Period(window.start, window.end, mode)


def _date_places(claim: Claim) -> dict[str, list[int]]:
    """Where each date of the claim is written: every occurrence of its text that is not part
    of a longer date's ("2015" inside "Q4 2015" or "2015Q4" is the quarter's, not the year's)."""
    text = claim.text
    spans: dict[str, list[int]] = {}
    for w in claim.dates:
        if w.text and w.text not in spans:
            spans[w.text] = [m.start() for m in re.finditer(re.escape(w.text), text)]
    taken = [(start, start + len(longer)) for longer, starts in spans.items() for start in starts]
    return {
        t: [
            s
            for s in starts
            if not any(a <= s and s + len(t) <= b and b - a > len(t) for a, b in taken)
        ]
        for t, starts in spans.items()
        if starts  # a period the sentence before named is not written here
    }


def _found_period(claim: Claim, at: int) -> Period | None:
    """The period the figure at `at` is for: the stated date nearest it, else the event date.

    A date with another figure between it and this one is that figure's ("49.80 euros, down
    from 58 euros in 2019": 2019 dates the 58, not the 49.80).
    """
    others = [
        where for q in claim.quantities if (where := claim.text.find(q.text)) >= 0 and where != at
    ]
    best: tuple[int, DateWindow] | None = None
    written = _date_places(claim)
    for w in claim.dates:
        places = written.get(w.text)
        if places == []:
            continue  # written only inside a longer date: that date's
        if not places:
            # A period the sentence before named (`claims.extract_claims`): every figure's.
            best = best or (10_000, w)
            continue
        for where in places:
            low, high = sorted((where, at))
            # A period heading a list ("the 2016 comparison figures: $7.24 a share and $10.5
            # billion of cash") dates every figure after its colon, whatever stands between.
            heads = where < at and ":" in claim.text[where:at]
            if not heads and any(low < other < high for other in others):
                continue
            distance = abs(where - at)
            if best is None or distance < best[0]:
                best = (distance, w)
    # A part of the period qualifies the figure only in the figure's own clause: "grew 3.1
    # percent in 2016, owing to a challenging first half" is the year's figure.
    end = next((at + len(q.text) for q in claim.quantities if claim.text.find(q.text) == at), at)
    partial = _sentence(claim.text)[1] and part_of_period(
        _clause_before(claim.text, at) + _clause_after(claim.text, end)
    )
    if best is not None:
        if best[0] == 10_000 and _UNDATED_PART.search(claim.text):
            partial = True  # "Fourth-quarter shipments ..." after a sentence about the year
        return Period(best[1].start, best[1].end, "in", partial)
    if claim.event_date is not None:
        return Period(claim.event_date, claim.event_date, "in", partial)
    return None


# --- facts and alignment ------------------------------------------------------------------


@dataclass(frozen=True)
class Facts:
    """One side of a comparison: a figure, what it measures, whose it is and when it holds."""

    quantity: Quantity
    measure: Measure
    actor: str | None  # SUBJECT | MARKET | "other:<Name>" | None (unknown)
    period: Period | None
    words: frozenset[str] = frozenset()  # stemmed words naming the measure (`measure_words`)
    # Every word of the sentence, lower-cased (a forecast's qualifier used anywhere in it is not
    # narrower; a news figure without a unit counts the forecast's noun only when it names it).
    vocabulary: frozenset[str] = frozenset()
    # A percent is a share of a whole ("71 percent of all shipments") or a change ("down 1.1%",
    # "grew 10.4 percent"); None when its words say neither. A sum of money is a change ("a
    # price increase of about $50", "$100 more") or a level, a price or amount (`figure_sort`).
    sort: str | None = None

    def describe(self) -> str:
        return f"{self.actor or '?'} {self.measure.describe()} {self.quantity.text!r}" + (
            f" {self.period.describe()}" if self.period else ""
        )


def expected_facts(
    prediction: Prediction,
    quantity: Quantity,
    words: frozenset[str],
    subjects: list[Subject],
) -> Facts:
    """The facts of a prediction's figure: computed once, kept in its `Profile`.

    A prediction with no actor in words is about its subject; a subject written in lower case
    (a topic, "heat pumps") or a place is a market.
    """
    text = prediction.text
    at = text.find(quantity.text)
    own = subject_words(subjects, prediction.subject)
    actor = actor_of(text, at, at + len(quantity.text), own) if at >= 0 else None
    if actor is None and at >= 0 and _SOME_PARTY_COMMITS.search(text[:at]):
        actor = UNNAMED  # "one of the big suppliers has committed to fitting 50,000"
    if actor is None:
        actor = MARKET if market_subject(prediction) else SUBJECT
    vocabulary = frozenset(w.lower() for w in _WORD.findall(text))
    period = period_of(prediction.expectation.window)
    if period is not None and period.mode == "in" and at >= 0 and _TOUCH.search(text[:at]):
        period = replace(period, mode="touch")
    measure = head_of(text, quantity, at)
    if measure.head is None and is_topic(prediction.subject):
        # "An increase of 4, 5 or 6 percent" in a piece about food prices: a figure naming no
        # measure of a topic that is one is a figure of the topic itself.
        last = prediction.subject.split()[-1].lower() if prediction.subject.split() else ""
        head = _HEADS.get(last) or _HEADS.get(f"{last}s")
        if head is not None:
            measure = replace(measure, head=head)
    return Facts(
        quantity,
        measure,
        actor,
        period,
        words,
        vocabulary,
        figure_sort(text, quantity, at),
    )


# A party the forecast leaves unnamed, committing to the figure: its own, not the market's.
_SOME_PARTY_COMMITS = re.compile(
    r"\b(?:one of the|an?)\s+(?:[a-z-]+\s+){0,3}[a-z]+\s+(?:has\s+|have\s+)?(?:also\s+)?"
    r"(?:committed|pledged|promised|vowed|agreed)\s+to\b[^.;]*$",
    _I,
)
# "Will dip below 5% this year", "will top $5 billion": reached at some point in the window.
_TOUCH = re.compile(
    r"\b(?:dips?|fall|falls|drops?|slips?|sinks?|rises?|climbs?|reach(?:es)?|hits?|tops?|"
    r"exceeds?|pass(?:es)?|breaks?|surpass(?:es)?)\b[^.;]{0,25}$",
    _I,
)


def found_facts(
    claim: Claim, quantity: Quantity, words: frozenset[str], own: frozenset[str] | set[str]
) -> Facts:
    """The facts of one figure of a claim sentence (the judge caches them per sentence);
    `own`: the capitalised words naming the subject (`subject_words`)."""
    text = claim.text
    at = text.find(quantity.text)
    actor = actor_of(text, at, at + len(quantity.text), own) if at >= 0 else None
    period = _found_period(claim, max(at, 0))
    return Facts(
        quantity,
        head_of(text, quantity, at),
        actor,
        period,
        words,
        _sentence(text)[0],
        figure_sort(text, quantity, at),
    )


# The words that make a percent a change or a share: "up 5%", "a 59% increase", "grew by 3%"
# against "71 percent of shipments", "accounting for 60%". Vocabulary, as data.
_CHANGE_BEFORE = Caseless(
    r"\b(?:up|down|rise|rises|rose|risen|fall|falls|fell|fallen|grow|grows|grew|grown|growth|"
    r"increase|increases|increased|decrease|decreases|decreased|decline|declines|declined|"
    r"drop|drops|dropped|gain|gains|gained|jump|jumped|climb|climbed|slip|slipped|shrank|"
    r"shrunk|shrink|by)\s+(?:by\s+|of\s+|about\s+|around\s+|nearly\s+|almost\s+|some\s+|"
    r"-)?$",
    _I,
)
_CHANGE_AFTER = Caseless(
    r"^\s*(?:year[- ]on[- ]year|y-?o-?y|yoy|increase|decrease|rise|fall|growth|gain|drop|"
    r"decline|jump|more|less|higher|lower|up|down)\b",
    _I,
)
_SHARE_BEFORE = Caseless(
    r"\b(?:account(?:s|ed|ing)? for|make(?:s)? up|made up|making up|represent(?:s|ed|ing)?|"
    r"share of|(?:a|its|the) share)\s+(?:of\s+)?(?:about\s+|around\s+|over\s+|nearly\s+|"
    r"almost\s+|some\s+|more than\s+|less than\s+)?$",
    _I,
)
_SHARE_AFTER = Caseless(r"^\s*(?:of|share)\b", _I)


# A sum that is a change, not the amount itself: "a slight price increase, potentially around
# $50", "cut by $2,000", "$100 more". "rise to $50" names the amount.
_MONEY_CHANGE_BEFORE = re.compile(
    r"\b(?:increase|increases|increased|rise|rises|rose|hike|hikes|hiked|bump|jump|cut|cuts|"
    r"drop|drops|dropped|decrease|decreased|reduction)\b(?:\s+(?:by|of))?[^$€£¥\d.;]{0,30}$",
    _I,
)
_MONEY_CHANGE_AFTER = re.compile(
    r"\s*(?:more|less|higher|lower|cheaper|dearer|extra|increase|rise)\b", _I
)
_TO_LEVEL = re.compile(r"\bto\s+(?:about\s+|around\s+|roughly\s+)?$", _I)


def figure_sort(text: str, quantity: Quantity, at: int) -> str | None:
    """Whether the percent at `at` is a "change" or a "share" of a whole, and whether the sum of
    money there is a "change" or a "level", by the words around it; None for another figure or
    when a percent's words say neither."""
    if quantity.kind == "money" and at >= 0:
        before = text[max(0, at - 60) : at]
        after = text[at + len(quantity.text) : at + len(quantity.text) + 20]
        if not _TO_LEVEL.search(before) and (
            _MONEY_CHANGE_BEFORE.search(before) or _MONEY_CHANGE_AFTER.match(after)
        ):
            return "change"
        return "level"
    if quantity.kind != "percent" or at < 0:
        return None
    end = at + len(quantity.text)
    before, after = text[max(0, at - 30) : at], text[end : end + 25]
    if _CHANGE_BEFORE.search(before) or _CHANGE_AFTER.search(after):
        return "change"
    if _SHARE_BEFORE.search(before) or _SHARE_AFTER.search(after):
        return "share"
    return None


@dataclass(frozen=True)
class Alignment:
    """Two figures found to be the same figure; `timing` says whether the found one can settle
    the forecast: "target" (its period), "interim" (an earlier part), "after" (a later one)."""

    expected: Facts
    found: Facts
    timing: str

    def describe(self, label: str = "") -> str:
        """The aligned comparison in words; `label` names the measure when no head word does."""
        period = self.found.period.describe() + " " if self.found.period else ""
        goal = self.expected.period.describe() if self.expected.period else "any time"
        what = self.found.measure.describe() if self.found.measure.head else label or "figure"
        return (
            f"{period}{what} {self.found.quantity.text} vs expected "
            f"{self.expected.quantity.text} ({goal})"
        )


def _same_actor(expected: str | None, found: str | None, market_subject: bool) -> bool:
    if found is None or expected is None or expected == found:
        return True
    if expected == UNNAMED:
        return found != MARKET  # some party's own figure, whoever it turns out to be
    if {expected, found} == {SUBJECT, MARKET}:
        return market_subject  # the subject is itself a market (a topic or a place)
    return False


def _timing(expected: Period | None, found: Period | None) -> str | None:
    """Where the found period sits against the forecast's; None when it cannot bear at all."""
    if expected is None:
        # A forecast naming no period takes any figure as its outcome, but a running total
        # ("so far", "since its opening") is only a step on the way.
        return "interim" if found is not None and found.partial else "target"
    if found is None:
        return None
    if found.start > expected.end:
        return "after"
    if expected.mode == "by" and found.end > expected.end and found.start < found.end:
        return "after"  # a span closing past a "by X" deadline: its figure is of a later day
    if found.end < expected.start:
        return "before"
    if found.start < expected.start and expected.mode == "in":
        return None  # straddles: another period ("2023-2025" against "2025")
    if found.partial:
        return "interim"  # "the first six months of 2024": part of the period named
    if found.end < expected.end:
        if expected.mode == "in" and found.end >= expected.end:
            return "target"
        return "interim"
    return "target"


# Money figures this many times apart measure different things (a £2.60 fare, a £61m budget).
_MAGNITUDE = 50.0


def figure_mismatch(e: Quantity, f: Quantity) -> str | None:
    """Why figure `f` cannot be the figure `e` forecasts, by the two figures alone (kind,
    currency, order of money, unit), whatever their sentences say; None when it can be.

    The first test of `mismatch`, and a pre-filter: a sentence none of whose figures passes it
    aligns with nothing."""
    if e.kind != f.kind:
        return f"kind: {e.kind} vs {f.kind}"
    if e.kind == "money" and e.unit != f.unit:
        return f"currency: {e.unit} vs {f.unit}"
    if e.kind == "money" and e.high > 0 and f.low > 0:
        ratio = f.low / e.high if f.low > e.high else e.low / f.high
        if ratio > _MAGNITUDE:
            return "magnitude: another order of money (a budget is not a fare)"
    if (
        e.kind == "count"
        and e.unit not in _GENERIC
        and f.unit not in _GENERIC
        and not same_concept(e.unit, f.unit)
    ):
        return f"unit: {f.unit} vs {e.unit}"
    return None


def mismatch(expected: Facts, found: Facts, market_subject: bool = False) -> str | None:
    """Why `found` is not the figure `expected` forecasts, in words; None when it is."""
    e, f = expected.quantity, found.quantity
    figure = figure_mismatch(e, f)
    if figure is not None:
        return figure
    if expected.sort and found.sort and expected.sort != found.sort:
        return f"measure: a {found.sort} vs a {expected.sort}"
    em, fm = expected.measure, found.measure
    if (
        e.kind == "count"
        and e.unit not in _GENERIC
        and f.unit in _GENERIC
        and not (em.head and em.head == fm.head)
        and not any(w.startswith(e.unit or "") or same_concept(w, e.unit) for w in found.vocabulary)
    ):
        return f"measure: the sentence counts no {e.unit}"
    same_base = {em.head, fm.head} == {"sales", "revenue"}  # "% of sales" is "% of revenue"
    if em.head and fm.head and em.head != fm.head and not same_base:
        return f"measure: {em.head} vs {fm.head}"
    if em.head and fm.head == em.head and em.flow != fm.flow:
        return f"measure: {'added' if fm.flow else 'total'} {fm.head} vs expected " + (
            "added" if em.flow else "total"
        )
    extra = fm.qualifiers - em.qualifiers - expected.vocabulary
    if fm.head in ("sales", "revenue"):
        extra -= {"net"}  # "net sales" is what a company reports as its sales
    if extra:
        return f"measure: {' '.join(sorted(extra))} {fm.head or 'figure'} is narrower"
    if not _same_actor(expected.actor, found.actor, market_subject):
        return f"actor: {found.actor} vs {expected.actor}"
    timing = _timing(expected.period, found.period)
    if timing is None:
        return "period: not the forecast's"
    if timing == "before":
        return "period: before the forecast's window"
    return None


def _last_part_rate(expected: Facts, found: Facts) -> bool:
    """A rate (a growth, a share, a margin) stated for the closing part of the forecast's
    period: "fourth-quarter shipments up 5.7%" is the quarter's rate, not the year's, though
    the quarter ends with the year. (A count for the closing part keeps its reading: it is part
    of the year's total, compared by `outcome`.)"""
    e, f = expected.period, found.period
    return (
        expected.quantity.kind == "percent"
        and e is not None
        and f is not None
        and e.mode == "in"
        and f.start > e.start
        and f.start != f.end
    )


def align(expected: Facts, found: Facts, market_subject: bool = False) -> Alignment | None:
    """The alignment of a news figure with a forecast figure, or None (see `mismatch`)."""
    if mismatch(expected, found, market_subject) is not None:
        return None
    timing = _timing(expected.period, found.period)
    assert timing is not None
    if timing == "target" and _last_part_rate(expected, found):
        timing = "interim"
    if timing == "interim" and _level_at_a_day(expected, found):
        timing = "target"
    return Alignment(expected, found, timing)


# Measures whose value on one day is their value for the period around it (a price, a level
# held), unlike flows that add up over it (sales, installations in a year).
_LEVELS = frozenset(["price", "cost", "capacity", *_STOCKS])
# Things counted as held, not added up over a period: the seats a party wins on election day are
# its seats that year.
_HELD_UNITS = frozenset(["seat", "member", "employee", "subscriber", "user"])


def _level_at_a_day(expected: Facts, found: Facts) -> bool:
    """A price or level reported on a day inside an "in <period>" forecast's period: its value
    in that period ("an auction cleared at 49.80 euros" in June answers "prices in 2022")."""
    period, at = expected.period, found.period
    if period is None or at is None or period.mode != "in" or at.partial or at.start != at.end:
        return False
    if "average" in expected.measure.qualifiers:
        return False  # "will average 3.5% in 2022": one week's rate is not the year's average
    level = (
        found.measure.head in _LEVELS
        or expected.measure.head in _LEVELS
        or expected.quantity.unit in _HELD_UNITS
    )
    return level and not found.measure.flow


def outcome(
    alignment: Alignment, inside: bool, expected_low: float, expected_high: float
) -> bool | None:
    """Whether an aligned figure settles the forecast: True when it does as compared (`inside`
    the expected values or not), None when it is only a step on the way.

    A figure for the target period decides. One for an earlier part decides only what it already
    settles for good: a level reached (an at-least or exact "reach N by X" forecast) or a ceiling
    broken (an at-most one); a later figure decides a "by X" forecast only.
    """
    q = alignment.expected.quantity
    found = alignment.found.quantity
    period = alignment.expected.period
    found_low = found.low if found.bound != "at-most" else 0.0
    if alignment.timing == "target":
        return True
    if alignment.timing == "after":
        # Still short after a "by X" deadline: it was short at X too. A later figure at or
        # above the goal does not show the goal was met in time.
        short = found.high < expected_low and found.bound != "at-least"
        return True if period is not None and period.mode == "by" and short else None
    # interim
    if period is not None and period.mode == "touch" and inside:
        return True  # "will dip below 5% this year": a quarter below 5% shows it did
    # Reached means the figure itself: 6,144 in June is near "6,600 by the end of 2025", and
    # within its tolerance, but the level is not reached yet; only the target period's figure
    # is held to the tolerance.
    reached = found_low >= (q.low if q.bound == "exact" else expected_low)
    # An average over the period ("will average 3.5% in 2022") is known only at its end.
    average = "average" in alignment.expected.measure.qualifiers
    if reached and q.bound in ("at-least", "exact") and inside and not average:
        return True
    broken = found_low > expected_high
    if broken and q.bound == "at-most" and period is not None and period.mode != "in":
        return True
    found_period = alignment.found.period
    if (
        q.kind == "percent"
        and period is not None
        and period.mode == "hold"
        and found_period is not None
        and not found_period.partial
        and found_period.start != found_period.end
    ):
        # A level forecast to hold through a window: any stated period inside it shows it.
        # A rate for part of an "in 2025" year (a half-year margin) is not the year's.
        return True
    return None


def market_subject(prediction: Prediction) -> bool:
    """Whether a prediction's subject is itself a market: a topic in lower case or a place, or
    a measure a forecaster forecasts (`topics.measured_topic`: "home prices will rise")."""
    subject = prediction.subject
    return is_topic(subject) or subject in _PLACES or measured_topic(prediction) is not None
