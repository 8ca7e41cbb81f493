"""Judge a claim against a prediction: supports, contradicts, or nothing, with a checkable reason.

Each business question has one comparison a person could redo by hand: a price inside or outside
the expected range, a launch date inside or outside the expected window, a realised volume in the
window, a headcount of the same scope against the pledged number, an event that happened or was
denied against an event predicted or ruled out, a success or failure against the expected
outcome, a realised figure against the predicted figure of the same measure in the same period,
a reported change (a cut, a revision, a reaffirmation) against the change predicted. Plans
("aims to", "will") can support but never contradict: a plan is not an outcome and may change.
Rumours and talks count, with low confidence, so that later facts outweigh them.

`Judge` is a protocol so that another judge (an LLM, a classifier) can replace `RuleJudge`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Protocol

from dateutil.relativedelta import relativedelta

from hindsight.analysis.alignment import (
    MARKET,
    SUBJECT,
    Alignment,
    Facts,
    align,
    expected_facts,
    found_facts,
    outcome,
    subject_words,
)
from hindsight.analysis.caseless import Caseless
from hindsight.analysis.claims import extract_claims
from hindsight.analysis.deeds import (
    DEEDS,
    OPPOSITES,
    deeds_in,
    first_deed,
    goal_outcome,
    numbers_in,
)
from hindsight.analysis.matching import (
    ACTIONS,
    CLAIM_CUES,
    CandidateIndex,
    PredictionIndex,
    Profile,
    action_of,
    claim_questions,
    measure_words,
    profile,
    same_measure,
    shared_stems,
    stem,
    topic_words,
)
from hindsight.analysis.places import places_in
from hindsight.analysis.quantities import find_quantities
from hindsight.analysis.subjects import alias_pattern, sector_pattern
from hindsight.domain import (
    Assessment,
    Claim,
    DateWindow,
    Kind,
    NewsItem,
    Prediction,
    Quantity,
    Stance,
    Subject,
)

__all__ = ["Judge", "RuleJudge", "assess_claims", "assess_item"]

_I = re.IGNORECASE
_BASE_CONFIDENCE = {"fact": 0.8, "plan": 0.45, "rumour": 0.35}
_TIMELINE_TOLERANCE = relativedelta(months=6)
_DEADLINE = re.compile(r"\s*(?:by|before|no later than|not later than|until|till)\b", re.I)
# A window that only sets a deadline for an outcome ("by 2026", "within two to three years"):
# a figure before it is a step on the way, unlike "until"/"through" (a state that must hold).
_BY_DEADLINE = re.compile(
    r"\s*(?:by|before|no later than|not later than|within|in the next)\b", re.I
)


class Judge(Protocol):
    """Anything that can judge one claim against one prediction."""

    def assess(self, claim: Claim, prediction: Prediction) -> Assessment | None:
        """An assessment when the claim bears on the prediction, else None."""
        ...


@dataclass(frozen=True)
class _Verdict:
    stance: Stance
    strength: float  # multiplies the claim's base confidence
    reason: str
    # Stands as a fact even when the sentence reads as a plan (the maker describing a product it
    # has already shown: how it positions it is its decision, not a forecast that may change).
    settled: bool = False


def _fmt_number(value: float) -> str:
    if value >= 1e9 and value % 1e7 == 0:
        return f"{value / 1e9:g} billion"
    if value >= 1e6 and value % 1e4 == 0:
        return f"{value / 1e6:g} million"
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def _fmt_quantity(q: Quantity) -> str:
    unit = f" {q.unit}" if q.unit else ""
    prefix = {"about": "~", "at-least": "at least ", "at-most": "at most "}.get(q.bound, "")
    if q.bound == "range" and q.high != q.low:
        return f"{_fmt_number(q.low)}-{_fmt_number(q.high)}{unit}"
    return f"{prefix}{_fmt_number(q.low)}{unit}"


def _interval(q: Quantity) -> tuple[float, float]:
    """The values a stated quantity allows: "more than 10 million" allows 13 million."""
    if q.bound == "at-least":
        return q.low, float("inf")
    if q.bound == "at-most":
        return 0.0, q.high
    if q.bound == "about":
        return q.low * 0.97, q.high * 1.03  # a reporter's rounding ("around $18,500")
    return q.low, q.high


def _expected_interval(q: Quantity) -> tuple[float, float, str]:
    """Accepted values of a predicted quantity and how the tolerance reads in a reason."""
    if q.bound == "about":
        centre = (q.low + q.high) / 2
        return centre * 0.9, centre * 1.1, f"~{_fmt_number(centre)} {q.unit} (+-10%)"
    if q.bound == "range":
        # The author chose both ends: only rounding is allowed (+-2 %), not a tenth.
        return q.low * 0.98, q.high * 1.02, f"{_fmt_number(q.low)}-{_fmt_number(q.high)} {q.unit}"
    if q.bound == "at-least":
        return q.low, float("inf"), f"at least {_fmt_number(q.low)} {q.unit}"
    if q.bound == "at-most":
        return 0.0, q.high, f"at most {_fmt_number(q.high)} {q.unit}"
    return q.low * 0.9, q.high * 1.1, f"{_fmt_number(q.low)} {q.unit} (+-10%)"


def _compare(value: tuple[float, float], expected: tuple[float, float]) -> bool | None:
    """True inside, False disjoint, None when the claim's interval only overlaps the expected."""
    lo, hi = value
    e_lo, e_hi = expected
    if e_lo <= lo and hi <= e_hi:
        return True
    if hi < e_lo or lo > e_hi:
        return False
    return None


def _span(text: str, match: re.Match[str]) -> str:
    """The words a match covers as written (caseless matches run on lower-cased text)."""
    return text[match.start() : match.end()]


def _comparable(expected: Quantity, found: Quantity) -> bool:
    """Same kind of figure: percent with percent, money in the same currency, counts of the
    same thing (a generic "unit" counts anything)."""
    if expected.kind != found.kind:
        return False
    if expected.kind == "money":
        return expected.unit == found.unit
    if expected.kind == "count":
        generic = {None, "unit", "units"}
        return expected.unit in generic or found.unit in generic or expected.unit == found.unit
    return True


def _window_text(w: DateWindow) -> str:
    return (
        w.start.isoformat() if w.start == w.end else f"{w.start.isoformat()}..{w.end.isoformat()}"
    )


def _claim_period(claim: Claim) -> tuple[date, date] | None:
    if claim.dates:
        return claim.dates[0].start, claim.dates[0].end
    if claim.event_date:
        return claim.event_date, claim.event_date
    return None


# --- event lexicons -------------------------------------------------------------------------

_BUILD_OWN = Caseless(
    r"\bgreenfield\b|\b(?:build|builds|building|built|construct\w*|complet\w*|finish\w*)\b[^.;]{0,50}"
    r"\b(?:factory|plant|facility|production base)\b|\b(?:its|their) own (?:\w+ )?"
    r"(?:factor(?:y|ies)|plants?)\b|\b(?:its|their) existing (?:factor(?:y|ies)|plants?)\b|"
    r"\b(?:phase two|second phase|phase 2)\b[^.;]{0,40}\b(?:factory|plant)\b|"
    r"\b(?:factory|plant)\b[^.;]{0,40}\b(?:built|constructed|completed)\b|"
    r"\b(?:agreement|deal|contract|land|plot|site)\b[^.;]{0,40}\b(?:factory|plant)\b|"
    r"\b(?:two|three)-phase\b[^.;]{0,30}\b(?:factory|plant)\b|"
    r"\b(?:factor(?:y|ies)|plants?) (?:it|they) already (?:has|have|owns?)\b",
    _I,
)
_USE_EXISTING = Caseless(
    r"\b(?:acqui\w+|buy\w*|purchas\w+|take ?over|pick up|stake in)\b[^.;]{0,60}?\b(?:capacity|"
    r"factor(?:y|ies)|plants?|facilit\w+|carmaker|automaker|NEV|Motors?)\b|"
    r"\bstake in [A-Z]|\bproduction facilities\b|\bavailable capacity\b|"
    r"\b(?:stake|holding|shareholding)s? in [A-Z][\w-]* (?:NEV|EV|Motors?|Auto(?:mobile)?)\b|"
    r"\b[A-Z][\w-]* (?:NEV|EV|Motors?|Auto(?:mobile)?) (?:stake|holding|shareholding)\b|"
    r"\bidl\w+ (?:capacity|plants?|factor\w+)|\bcapacity[^.;]{0,20}\bidl\w+|"
    r"\bcontract[- ]manufactur\w*|(?<!its )(?<!own )\bexisting capacity\b",
    _I,
)
_ACQUIRE = Caseless(r"\b(?:acqui\w+|buy\w*|bought|purchas\w+|take ?over|stake|holding)\b")
_ALTERNATIVE = re.compile(r"\binstead of\b|\brather than\b", _I)
_ELSEWHERE = re.compile(
    r"\bformer(?:ly)?\b|\bex-[A-Z][\w-]*|\bpreviously\b|\bonce (?:headed|led|ran|worked)\b|"
    r"\bfrom (?:other|rival|established|"
    r"[A-Z])|\b[A-Z][\w-]*['’]s (?:\w+ ){0,2}(?:chief|head|director|manager|president|"
    r"executive|designer|engineer)\b",
)
_HIRE = Caseless(
    r"\bjoin(?:ed|s)\b|\bhir(?:ed|es|ing)\b|\brecruit\w*|\bpoach\w*|\bappointed\b"
    r"|\blured\b|\b(?:taken|took) on\b",
    _I,
)
_ROLE_OF_BUSINESS = Caseless(
    r"\b(?:CEO|chief executive(?: officer)?|head|president|chairman)\b(?: \w+){0,1} of the "
    r"(?:\w+ ){0,3}?(?:business|unit|division|subsidiary)\b|"
    r"\b(?:lead|leads|head|heads|run|runs|helm|helms|in charge of)\b (?:the )?(?:\w+ ){0,3}?"
    r"(?:business|unit|division|subsidiary|venture)\b|"
    r"\b(?:business|unit|division|subsidiary|venture)\b (?:\w+ ){0,2}?(?:headed|led|run) by\b",
    _I,
)
_INVEST = Caseless(
    r"\binvest(?:s|ed|ing|ment|ments)?\b|\bR&D (?:funds|spending|investments?|budget)|"
    r"\b(?:billion|million)\b(?: \w+){0,2} (?:of|in) R&D\b|"
    r"\b(?:devot|commit)\w*\b[^.;]{0,40}\b(?:billion|million)\b|"
    r"\bput (?:in|into)?\s*[^.;]{0,25}\b(?:billion|million)\b",
    _I,
)
_INVEST_CUT = Caseless(r"\b(?:cut|cuts|reduc\w+|scal\w+ back|halt\w*|paus\w+|slash\w*)\b", _I)
_WHOLLY = Caseless(
    r"\bwholly[- ]own\w*|\bown cash\b|\bfunded entirely\b|\bfully owned\b|\bowned outright\b",
    _I,
)
_OUTSIDE_MONEY = Caseless(
    r"\b(?:outside|external|third-party|strategic) investors?\b|"
    r"\bfunding round\b|\bseries [A-D]\b|\bspin[- ]?off\b",
    _I,
)
_ORDER_UNITS = frozenset(
    ["order", "pre-order", "preorder", "booking", "reservation", "deposit", "lock-in"]
)
_WEAK_DEMAND = Caseless(r"\bweak demand\b|\bpoor sales\b|\bsales slump\w*|\bunsold\b", _I)
_SUCCESS = Caseless(
    r"\b(?:turn\w*|made|make|posted|report\w*|achiev\w+|record\w*)\b (?:\S+ ){0,3}profit\w*|"
    r"\bpositive (?:operating |net )?(?:income|earnings|cash flow)\b|"
    r"\b(?:operating|net|first)(?: [\w-]+){0,2} profit\b|\bprofitab\w+|\bin the black\b|"
    r"\bbr[oe]ak[- ]?even\b|"
    r"\b(?:beat|beating|exceed\w*|surpass\w*) (?:\S+ ){0,4}targets?\b",
    _I,
)
_FAILURE = Caseless(
    r"\bshut (?:down|it down)\b|\bscrap\w*|\babandon\w*|\bbankrupt\w*|"
    r"\bwind(?:s|ing)? down\b|\bexit\w* the\b",
    _I,
)
_RACE = Caseless(
    r"\bbeat\w*|\bahead of\b|\bbefore\b|\bfirst\b|\bfaster\b|\bovertak\w+|\boutpac\w+|"
    r"\bdid what\b|\bspent \S+ (?:\S+ )?years\b|\bwhere \S+ failed\b|\bdelay\w*|\bto the punch\b",
    _I,
)
_BUDGET = Caseless(
    r"\baffordable\b|\bcheap\w*|\bbudget\b|\blow-cost\b|\bentry-level\b|"
    r"\bmini\w*|\bmicro\b",
    _I,
)
_PREMIUM = Caseless(
    r"\bpremium\b|\bluxury\b|\bhigh-end\b|\bhigh-tech\b|\bflagship\b|"
    r"\bhigh-performance\b|\bexpensive\b|\bprice (?:point )?(?:would|will) be "
    r"high\b|\bhigh (?:price|price point|price tag)\b",
    _I,
)
_PEOPLE = frozenset(
    ["person", "employee", "staff", "engineer", "personnel", "worker", "researcher"]
)
_SHARES = Caseless(r"\bshares?\b|\bstock\b")
# A share price moving: "the shares dropped", "its stock rose 4%".
_MARKET_MOVE = re.compile(r"\b(?:shares?|stock|share price)\s+(?:\w+\s+){0,2}$", _I)
_ACCESSORY = Caseless(
    r"\b(?:option|optional|accessor(?:y|ies)|add-ons?|upgrades?|subscriptions?|extras?)\b"
)
_FIRST = Caseless(r"\bfirst\b")
_UNIT_WORD = Caseless(
    r"\b(?:unit|division|business|project|subsidiary|segment|programme|program)\b", _I
)
_VOLUME_UNITS = frozenset(["vehicle", "car", "unit", "delivery", "ev", "suv", "sedan"])
_ACTION_NOUNS = {"down": "a cut", "up": "a rise", "revise": "a revision", "keep": "no change"}
_TIME_UNITS = frozenset(["year", "month", "week", "day", "hour", "minute", "quarter", "time"])
_REFERENCE_BEFORE = Caseless(
    r"\b(?:short of|shy of|against|compared (?:with|to)|versus|vs\.?|from|than|capacity of)"
    r"\s+(?:(?:its|the|a|an|their)\s+)?$"
)
# A figure named as a goal ("its one-million target", "a 45,000 goal"): not an outcome.
_TARGET_AFTER = re.compile(
    r"[\s-]*(?:\w+[\s-]+)?(?:targets?|goals?|guidance|ambitions?|pledges?|plans?)\b", _I
)
_TARGET_BEFORE = Caseless(
    r"\b(?:targets?|goals?|aim\w*|expect\w*|plan(?:s|ned|ning)?|guidance|to deliver|"
    r"wants?|forecast\w*)\b[^.;]{0,25}$",
    _I,
)


def _short_before_deadline(
    window: DateWindow | None, period: tuple[date, date], found: Quantity, low: float
) -> bool:
    """A figure short of a "by <date>" target, reported before the deadline: there is still time."""
    return (
        window is not None
        and _DEADLINE.match(window.text) is not None
        and period[1] < window.end
        and _interval(found)[1] < low
    )


@dataclass
class RuleJudge:
    """The built-in judge: one defensible comparison per question (see the module docstring)."""

    subjects: list[Subject] = field(default_factory=list)
    _profiles: dict[str, Profile] = field(default_factory=dict, repr=False)
    # Per-prediction and per-sentence facts are computed once: judging is the hot loop.
    _quantities: dict[str, list[Quantity]] = field(default_factory=dict, repr=False)
    _business: dict[str, bool] = field(default_factory=dict, repr=False)
    _business_for: int = field(default=0, repr=False)
    # Cue matches per sentence: one claim meets every prediction of its questions, and the same
    # cue would otherwise be searched once per prediction.
    _matches: dict[tuple[int, str], re.Match[str] | None] = field(default_factory=dict, repr=False)
    _routes: dict[str, dict[str, tuple[bool, bool]]] = field(default_factory=dict, repr=False)
    _scopes: dict[tuple[str, str], bool] = field(default_factory=dict, repr=False)
    _measures: dict[str, list[tuple[Quantity, frozenset[str]]]] = field(
        default_factory=dict, repr=False
    )
    _actors: dict[tuple[str, ...], frozenset[str]] = field(default_factory=dict, repr=False)
    _actors_for: int = field(default=0, repr=False)
    _other_facts: dict[tuple[str, str], Facts] = field(default_factory=dict, repr=False)
    _expected: dict[tuple[str, str], Facts] = field(default_factory=dict, repr=False)
    _own: set[str] = field(default_factory=set, repr=False)
    _words: dict[tuple[int, str], frozenset[str]] = field(default_factory=dict, repr=False)
    _own_for: int = field(default=0, repr=False)

    def _search(self, pattern: Caseless | re.Pattern[str], claim: Claim) -> re.Match[str] | None:
        """`pattern` searched in the claim's sentence, once per sentence and pattern."""
        key = (id(pattern), claim.text)
        try:
            return self._matches[key]
        except KeyError:
            pass
        found = pattern.search(claim.text)
        if len(self._matches) > 100_000:
            self._matches.clear()
        self._matches[key] = found
        return found

    def _prediction_quantities(self, prediction: Prediction) -> list[Quantity]:
        found = self._quantities.get(prediction.key)
        if found is None:
            found = find_quantities(prediction.text)
            self._quantities[prediction.key] = found
        return found

    def profile_of(self, prediction: Prediction) -> Profile:
        prof = self._profiles.get(prediction.key)
        if prof is None:
            prof = profile(prediction, self.subjects)
            self._profiles[prediction.key] = prof
        return prof

    def assess(self, claim: Claim, prediction: Prediction) -> Assessment | None:
        """Judge `claim` on every question it shares with `prediction`; keep the strongest."""
        prof = self.profile_of(prediction)
        if prof.question_only:
            return None
        shared = prof.questions & claim_questions(claim)
        return self.assess_on(claim, prediction, shared)

    def assess_on(
        self, claim: Claim, prediction: Prediction, questions: Iterable[str]
    ) -> Assessment | None:
        """Judge on the given shared questions (the index already knows them)."""
        prof = self.profile_of(prediction)
        if _elsewhere(claim, prediction):
            return None  # the news is about other countries than the prediction's
        best: _Verdict | None = None
        for question in sorted(questions):
            method = _METHODS.get(question)
            verdict = method(self, claim, prediction, prof) if method else None
            if verdict is None:
                continue
            if (
                verdict.stance == Stance.CONTRADICTS
                and claim.modality == "plan"
                and not verdict.settled
            ):
                continue  # a plan may change: it can agree with a forecast, not refute it
            if best is None or verdict.strength > best.strength:
                best = verdict
        if best is None:
            return None
        base = _BASE_CONFIDENCE.get("fact" if best.settled else claim.modality, 0.5)
        if claim.modality == "plan" and prediction.kind == Kind.COMMITMENT:
            base = _BASE_CONFIDENCE["fact"] * 0.7  # the subject restating its own commitment
        if not claim.polarity:
            base = max(base, 0.7)  # a denial is the subject's own word
        confidence = round(min(0.95, base * best.strength), 2)
        return Assessment(prediction.key, claim, best.stance, confidence, best.reason)

    # --- one method per question ---------------------------------------------------------

    def _in_business(self, text: str) -> bool:
        """Whether the sentence names the tracked business (its sector terms or products)."""
        if not self.subjects or not any(s.sector_terms for s in self.subjects):
            return True
        if id(self.subjects) != self._business_for:  # subjects replaced: products may be new
            self._business_for = id(self.subjects)
            self._business.clear()
        known = self._business.get(text)
        if known is None:
            known = any(sector_pattern(s).search(text) for s in self.subjects if s.sector_terms)
            if len(self._business) > 10_000:
                self._business.clear()
            self._business[text] = known
        return known

    def could_bear(self, claim: Claim, question: str) -> bool:
        """Whether the claim passes the checks of `question` that do not depend on a prediction.

        These are exact necessary conditions of each method below: `assess_claims` tests them
        once per claim and question instead of once per prediction, and a claim failing them
        bears on no prediction of that question.
        """
        search = self._search
        counts = any(q.kind == "count" for q in claim.quantities)
        if question == "price":
            return (
                any(q.kind == "money" for q in claim.quantities)
                and not search(_SHARES, claim)
                and not search(_ACCESSORY, claim)
            )
        if question == "launch":
            return _claim_period(claim) is not None
        if question == "volume":
            return claim.modality != "plan" and claim.polarity and counts
        if question == "capacity":
            return bool(search(_BUILD_OWN, claim) or search(_USE_EXISTING, claim))
        if question == "hiring":
            return (
                claim.polarity
                and bool(claim.subjects)
                and bool(search(_HIRE, claim) or search(_ELSEWHERE, claim))
            )
        if question == "leadership":
            return bool(search(_ROLE_OF_BUSINESS, claim)) and claim.polarity
        if question == "investment":
            return bool(search(_INVEST, claim)) and self._claim_in_business(claim)
        if question == "ownership":
            return claim.polarity and bool(search(_WHOLLY, claim) or search(_OUTSIDE_MONEY, claim))
        if question == "headcount":
            return counts
        if question == "demand":
            return claim.polarity and claim.modality != "plan"
        if question == "success":
            return claim.polarity and bool(search(_SUCCESS, claim) or search(_FAILURE, claim))
        if question == "race":
            return claim.polarity and bool(search(_RACE, claim))
        if question == "measure":
            return claim.modality != "plan" and claim.polarity and bool(claim.quantities)
        if question == "event":
            return claim.modality != "plan" and claim.polarity
        if question == "product_class":
            return bool(search(_BUDGET, claim)) != bool(search(_PREMIUM, claim))
        if question == "deed":
            return bool(self._deed_reading(claim)[0])
        if question == "goal":
            return goal_outcome(claim.text) is not None
        if question == "target":
            return claim.polarity and bool(claim.quantities)
        return True

    def _claim_in_business(self, claim: Claim) -> bool:
        """The claim's own reading (its item's context) when known, else its sentence's."""
        if claim.in_business is not None:
            return claim.in_business
        return self._in_business(claim.text)

    def _price(self, claim: Claim, prediction: Prediction, prof: Profile) -> _Verdict | None:
        expected = prediction.expectation.quantity
        if expected is None or expected.kind != "money":
            money = [q for q in self._prediction_quantities(prediction) if q.kind == "money"]
            expected = money[-1] if money else None
        if expected is None or self._search(_SHARES, claim) or self._search(_ACCESSORY, claim):
            return None  # a share price, or the price of an option rather than the product
        amounts = [q for q in claim.quantities if q.kind == "money" and q.unit == expected.unit]
        if not amounts:
            return None
        goods = _priced_goods(prediction.text, expected, self._own_words())
        if goods and not shared_stems(goods, self._words_of(claim)):
            return None  # the price of something else (a laptop chip is not a wafer)
        amount = amounts[0]
        aligned = align(
            self._expected_facts(prediction, prof, expected),
            self._facts_of(claim, amount),
            prof.market,
        )
        if aligned is None:
            return None  # another measure (a grant, an installed cost), actor or period
        lo, hi, shown = _expected_interval(expected)
        inside = _compare(_interval(amount), (lo, hi))
        if inside is None or not outcome(aligned, inside, lo, hi):
            return None
        word = "within" if inside else "outside"
        return _Verdict(
            Stance.SUPPORTS if inside else Stance.CONTRADICTS,
            1.1,
            f"{aligned.describe('price')}: {word} the expected {shown}",
        )

    def _launch(self, claim: Claim, prediction: Prediction, prof: Profile) -> _Verdict | None:
        window = prediction.expectation.window
        period = _claim_period(claim)
        if window is None or period is None:
            return None
        products = [p for s in self.subjects for p in s.products]
        first_named = bool(products) and re.search(rf"\b{re.escape(products[0])}\b", claim.text)
        if products and not first_named and not self._search(_FIRST, claim):
            # Once a product exists, only the first product's launch dates the first arrival.
            return None
        objects = {w for w in shared_stems(prof.topic, self._words_of(claim)) if not w.isdigit()}
        if not first_named and not objects:
            return None  # the launch of something else (a listing, a route, a rival's car)
        if _another_one(prediction, claim):
            return None  # "its sixth aircraft" is not the first one the prediction dates
        if not claim.polarity:
            # "has not launched yet": before the window closes there is still time; after it,
            # the launch expected in the window did not come.
            if period[1] <= window.end:
                return None
            return _Verdict(
                Stance.CONTRADICTS,
                1.0,
                f"no launch reported by {period[1].isoformat()}, after the expected window "
                f"{_window_text(window)}",
            )
        if window.text.startswith("not before"):
            # "I don't see it launched before 2026": up to the window's end is ruled out.
            when = f"{period[0].isoformat()}..{period[1].isoformat()}"
            if period[1] <= window.end:
                return _Verdict(
                    Stance.CONTRADICTS,
                    1.0,
                    f"launch {when} is inside {window.text}, which the prediction ruled out",
                )
            if period[0] > window.end:
                return _Verdict(
                    Stance.SUPPORTS, 1.0, f"launch {when} is after {window.end.isoformat()}"
                )
            return None
        if _DEADLINE.match(window.text):
            # "before the end of 2026" is a deadline: any time up to it, not a day after.
            lo, hi = date.min, window.end
            shown = f"by {window.end.isoformat()}"
        else:
            lo = window.start - _TIMELINE_TOLERANCE
            hi = window.end + _TIMELINE_TOLERANCE
            shown = (
                f"{_window_text(window)} +- 6 months"
                if window.start != window.end
                else f"{window.start.isoformat()} +- 6 months"
            )
        when = (
            period[0].isoformat()
            if period[0] == period[1]
            else f"{period[0].isoformat()}..{period[1].isoformat()}"
        )
        if lo <= period[0] and period[1] <= hi:
            return _Verdict(
                Stance.SUPPORTS, 1.0, f"launch {when} is within the expected window {shown}"
            )
        if period[1] < lo or period[0] > hi:
            side = "before" if period[1] < lo else "after"
            return _Verdict(
                Stance.CONTRADICTS, 1.0, f"launch {when} is {side} the expected window {shown}"
            )
        return None

    def _volume(self, claim: Claim, prediction: Prediction, prof: Profile) -> _Verdict | None:
        if claim.modality == "plan" or not claim.polarity:
            return None
        window = prediction.expectation.window
        products = {p.lower() for s in self.subjects for p in s.products}
        realised: Quantity | None = None
        for q in claim.quantities:
            if q.kind != "count" or (q.unit and q.unit not in _VOLUME_UNITS | products):
                continue
            at = claim.text.find(q.text)
            if at >= 0 and _TARGET_BEFORE.search(claim.text[:at]):
                continue
            realised = q
            break
        period = _claim_period(claim)
        if realised is None or period is None:
            return None
        when = (
            period[0].isoformat()
            if period[0] == period[1]
            else f"{period[0].isoformat()}..{period[1].isoformat()}"
        )
        if window is not None and period[1] < window.start:
            return None  # too early to say anything about volumes expected later
        if window is not None and period[0] > window.end:
            return None
        if any(name not in claim.text for name in prof.measure_names):
            return None  # the prediction counts a named part (a plant): not the company's volume
        expected = prediction.expectation.quantity
        where = f"within the expected window {_window_text(window)}" if window else ""
        facts = self._facts_of(claim, realised)
        if expected is not None and expected.kind == "count" and prof.figure is not None:
            aligned = align(prof.figure, facts, prof.market)
            if aligned is None:
                return None
            return self._settle(aligned, prediction, expected, "volume")
        if facts.actor not in (None, SUBJECT) and not (facts.actor == MARKET and prof.market):
            return None  # another company's or the market's volume, not the subject's
        if any(
            q.kind == "count" and q.unit not in _TIME_UNITS
            for q in self._prediction_quantities(prediction)
        ):
            return None  # it names a figure (not the one parsed as its expectation): not any volume
        stance = Stance.SUPPORTS if prof.expects else Stance.CONTRADICTS
        return _Verdict(
            stance, 0.95, f"realised volume {_fmt_quantity(realised)} in {when} {where}".strip()
        )

    def _capacity(self, claim: Claim, prediction: Prediction, prof: Profile) -> _Verdict | None:
        expected = self._routes.get(prediction.key)
        if expected is None:
            expected = self._capacity_expectations(prediction, prof)
            self._routes[prediction.key] = expected
        routes = [
            ("building its own plant", _BUILD_OWN),
            ("using existing capacity", _USE_EXISTING),
        ]
        if self._search(_ACQUIRE, claim):
            routes.reverse()  # "a deal to buy Oldco's plant" is an acquisition, not a build
        for name, pattern in routes:
            if name not in expected:
                continue
            match = self._search(pattern, claim)
            if match is None or (
                pattern is _USE_EXISTING and self._names_subject(_span(claim.text, match))
            ):
                continue  # a stake in the subject's own unit is not someone else's capacity
            happened = claim.polarity
            wanted_it, implied = expected[name]
            agrees = happened == wanted_it
            said = ("reports" if happened else "denies") + f" {name}"
            if implied:
                other = next(n for n in expected if n != name)
                wanted = f"expected {other} instead"
            else:
                wanted = "expected it" if wanted_it else "ruled it out"
            return _Verdict(
                Stance.SUPPORTS if agrees else Stance.CONTRADICTS,
                1.0,
                f"claim {said}; the prediction {wanted}",
            )
        return None

    def _names_subject(self, text: str) -> bool:
        return any(alias_pattern(s).search(text) for s in self.subjects)

    @staticmethod
    def _capacity_expectations(
        prediction: Prediction, prof: Profile
    ) -> dict[str, tuple[bool, bool]]:
        """Which capacity routes the prediction expects (True) or rules out (False), and whether
        that is only implied.

        Routes named after "instead of"/"rather than" get the opposite of the main expectation.
        The two routes are alternatives: a prediction that names only one expects the other
        not to happen (acquiring capacity is refuted by building one's own plant, and back).
        """
        text = prediction.text
        pivot = _ALTERNATIVE.search(text)
        out: dict[str, tuple[bool, bool]] = {}
        routes = (
            ("building its own plant", _BUILD_OWN_PRED),
            ("using existing capacity", _USE_EXISTING_PRED),
        )
        for name, pattern in routes:
            m = pattern.search(text)
            if m is None:
                continue
            flipped = pivot is not None and m.start() > pivot.start()
            out[name] = (prof.expects != flipped, False)
        if len(out) == 1:
            ((named, (wanted, _)),) = out.items()
            other = next(name for name, _ in routes if name != named)
            out[other] = (not wanted, True)
        return out

    def _hiring(self, claim: Claim, prediction: Prediction, prof: Profile) -> _Verdict | None:
        if not claim.polarity or not self._in_business_or_subject(claim):
            return None
        hired = self._search(_HIRE, claim)
        elsewhere = self._search(_ELSEWHERE, claim)
        if elsewhere and (
            hired
            or re.search(
                r"\b(?:adviser|advisor|consultant|executive|vice "
                r"president|director|chief)\b",
                claim.text,
                _I,
            )
        ):
            return _Verdict(
                Stance.SUPPORTS if prof.expects else Stance.CONTRADICTS,
                1.0,
                f'hire from another company reported: "{elsewhere.group(0)}"',
            )
        if hired:
            return _Verdict(
                Stance.SUPPORTS if prof.expects else Stance.CONTRADICTS,
                0.5,
                "hiring reported (not shown to come from other companies)",
            )
        return None

    def _in_business_or_subject(self, claim: Claim) -> bool:
        return bool(claim.subjects)

    def _leadership(self, claim: Claim, prediction: Prediction, prof: Profile) -> _Verdict | None:
        products = {p for s in self.subjects for p in s.products}
        people = [
            a
            for s in self.subjects
            for a in s.aliases
            if a not in products and re.search(rf"\b{re.escape(a)}\b", prediction.text)
        ]
        role = self._search(_ROLE_OF_BUSINESS, claim)
        if role is None or not self._claim_in_business(claim):
            return None
        named = [p for p in people if re.search(rf"\b{re.escape(p)}\b", claim.text)]
        if named and claim.polarity:
            return _Verdict(
                Stance.SUPPORTS if prof.expects else Stance.CONTRADICTS,
                1.0,
                f'{named[0]} is named in the role: "{_span(claim.text, role)}"',
            )
        return None

    def _investment(self, claim: Claim, prediction: Prediction, prof: Profile) -> _Verdict | None:
        if not self._search(_INVEST, claim) or not self._claim_in_business(claim):
            return None
        if self._search(_INVEST_CUT, claim) or not claim.polarity:
            return _Verdict(
                Stance.CONTRADICTS if prof.expects else Stance.SUPPORTS,
                0.9,
                "investment cut, halted or denied",
            )
        money = [q for q in claim.quantities if q.kind == "money"]
        shown = f" of {_fmt_quantity(money[0])}" if money else ""
        return _Verdict(
            Stance.SUPPORTS if prof.expects else Stance.CONTRADICTS,
            0.9,
            f"investment{shown} in the business reported",
        )

    def _ownership(self, claim: Claim, prediction: Prediction, prof: Profile) -> _Verdict | None:
        if not _WHOLLY.search(prediction.text):
            return None
        if self._search(_WHOLLY, claim) and claim.polarity:
            return _Verdict(
                Stance.SUPPORTS if prof.expects else Stance.CONTRADICTS,
                1.0,
                "the business is reported wholly owned by the subject",
            )
        if (
            self._search(_OUTSIDE_MONEY, claim)
            and claim.polarity
            and self._claim_in_business(claim)
            and claim.modality != "plan"
        ):
            return _Verdict(
                Stance.CONTRADICTS if prof.expects else Stance.SUPPORTS,
                1.0,
                "outside investors in the business reported",
            )
        return None

    def _headcount(self, claim: Claim, prediction: Prediction, prof: Profile) -> _Verdict | None:
        people = [
            q
            for q in self._prediction_quantities(prediction)
            if q.kind == "count" and q.unit in _PEOPLE
        ]
        if not people:
            return None
        expected = people[0]
        target = expected.low
        extra = re.search(r"\badd (?:another |a further )?(\d[\d,]*)(?: more)?\b", prediction.text)
        if extra:
            target += float(extra.group(1).replace(",", ""))
        if "R&D" in prediction.text and "R&D" not in claim.text:
            return None  # a different measure: R&D staff is not all staff
        generic = {"person", "staff", "personnel", "employee", None}
        comparable = generic if expected.unit in generic else {expected.unit}
        pred_scope = self._scope(prediction.text, expected)
        counts = [
            q
            for q in claim.quantities
            if q.kind == "count"
            and q.unit in comparable
            and self._scope(claim.text, q) == pred_scope
        ]
        if not counts:
            return None  # none of the same scope: a unit's team is not the company's, nor back
        count = max(counts, key=lambda q: q.low)
        shown = f"at least {_fmt_number(target)}"
        low, high = _interval(count)
        if low >= target:
            return _Verdict(
                Stance.SUPPORTS, 1.0, f"headcount {_fmt_quantity(count)} meets the expected {shown}"
            )
        named = any(alias_pattern(s).search(claim.text) for s in self.subjects)
        # Only a figure bounded from above can fall short: "more than 1,000" may be 20,000.
        if high < target * 0.9 and claim.modality == "fact" and named:
            return _Verdict(
                Stance.CONTRADICTS,
                0.8,
                f"headcount {_fmt_quantity(count)} is below the expected {shown}",
            )
        return None

    def _scope(self, text: str, quantity: Quantity) -> bool:
        """`_unit_scoped`, once per sentence and figure."""
        key = (quantity.text, text)
        known = self._scopes.get(key)
        if known is None:
            known = self._unit_scoped(text, quantity)
            if len(self._scopes) > 100_000:
                self._scopes.clear()
            self._scopes[key] = known
        return known

    def _unit_scoped(self, text: str, quantity: Quantity) -> bool:
        """Whether a headcount counts one unit's people (a car team) rather than the company's.

        It does when the tracked business or a unit word is named before the figure in its
        sentence, or after it within the same clause ("3,400 engineers worked on the car project").
        """
        at = text.find(quantity.text)
        if at < 0:
            return self._in_business(text) or _UNIT_WORD.search(text) is not None
        start = max(text.rfind(m, 0, at) for m in ".!?\n") + 1
        after = re.split(r"[,;.]|\band\b", text[at + len(quantity.text) :], maxsplit=1)[0]
        scope = f"{text[start:at]} {after}"
        return self._in_business(scope) or _UNIT_WORD.search(scope) is not None

    def _measure(self, claim: Claim, prediction: Prediction, prof: Profile) -> _Verdict | None:
        """A realised figure aligned with the prediction's (same measure, same actor, a period
        that can settle it: `alignment`), compared with its figure."""
        expected = prediction.expectation.quantity
        figure = prof.figure
        if expected is None or figure is None or claim.modality == "plan" or not claim.polarity:
            return None
        if expected.kind == "percent" and self._search(_SHARES, claim):
            return None  # a share-price move, not the measure
        if any(name not in claim.text for name in prof.measure_names):
            return None  # the figure is of a named part (a plant, a brand) the claim does not name
        if prof.modifiers and prof.modifiers - self._words_of(claim):
            return None  # "fast charging points" are not "public charging points"
        best: tuple[int, Alignment, frozenset[str]] | None = None
        head = figure.measure.head
        for q, words in self._figures(claim):
            shared = same_measure(prof.measure, words)
            if not shared and head is None:
                continue
            if not shared or (best is not None and len(shared) <= best[0]):
                facts = self._facts_of(claim, q, words)
                if not shared and head is not None and facts.measure.head == head:
                    shared = frozenset([head])  # "spend", "spent": one measure in other words
                if not shared or (best is not None and len(shared) <= best[0]):
                    continue
            aligned = align(figure, self._facts_of(claim, q, words), prof.market)
            if aligned is not None:
                best = (len(shared), aligned, shared)
        if best is None:
            return None
        _, aligned, shared = best
        return self._settle(aligned, prediction, expected, " ".join(sorted(shared)))

    def _settle(
        self, aligned: Alignment, prediction: Prediction, expected: Quantity, label: str = ""
    ) -> _Verdict | None:
        """The verdict on an aligned figure, when it settles the forecast (`outcome`)."""
        found = aligned.found.quantity
        lo, hi, shown = _expected_interval(expected)
        inside = _compare(_interval(found), (lo, hi))
        if inside is None or not outcome(aligned, inside, lo, hi):
            return None
        negative = prediction.kind == Kind.NEGATIVE_EVENT
        agrees = inside != negative
        word = "within" if inside else "outside"
        ruled_out = " the prediction ruled out" if negative else ""
        return _Verdict(
            Stance.SUPPORTS if agrees else Stance.CONTRADICTS,
            1.0,
            f"{aligned.describe(label)}: {word}{ruled_out} the expected {shown}",
        )

    def _event(self, claim: Claim, prediction: Prediction, prof: Profile) -> _Verdict | None:
        """A reported change (or reaffirmation) of what the prediction is about, against the way
        it expected it to go. A commitment named without a verb of change is refuted by a cut
        or a revision of it and borne out by its reaffirmation."""
        if claim.modality == "plan" or not claim.polarity:
            return None
        said = action_of(claim.text)
        if said is None:
            return None
        verb = ACTIONS[said].search(claim.text)
        if verb and _MARKET_MOVE.search(claim.text[max(0, verb.start() - 25) : verb.start()]):
            return None  # "the shares dropped 5.3%": the market's mood, not the business
        shared = shared_stems(prof.topic, topic_words(claim.text, self._own_words()))
        if len(shared) < min(2, len(prof.topic)) or all(w.isdigit() for w in shared):
            return None  # not clearly the same thing
        wanted = prof.action
        if wanted is None:
            if prediction.kind != Kind.COMMITMENT:
                return None  # no verb of change to compare with
            if said in ("down", "revise"):
                agrees = not prof.expects
            elif said == "keep":
                agrees = prof.expects
            else:
                return None
        elif wanted == "keep":
            agrees = (said == "keep") == prof.expects
        elif said == "keep" or {said, wanted} == {"up", "down"}:
            agrees = not prof.expects
        elif said == wanted or (wanted == "revise" and said == "down"):
            agrees = prof.expects
        else:
            return None
        verb = ACTIONS[said].search(claim.text)
        cue = f' ("{_span(claim.text, verb)}")' if verb else ""
        return _Verdict(
            Stance.SUPPORTS if agrees else Stance.CONTRADICTS,
            0.9,
            f"{_ACTION_NOUNS[said]}{cue} of {', '.join(sorted(shared))} reported; the prediction "
            + ("expected it" if agrees else "expected otherwise"),
        )

    def _deed(self, claim: Claim, prediction: Prediction, prof: Profile) -> _Verdict | None:
        """News of the action the prediction names, in any of its words, on the same object.

        A delay of the same object refutes a commitment or dated forecast (and bears out a
        forecast of a delay); the opposite deed, or the deed denied after the deadline, refutes
        it. A plan weighs as a plan (`assess_on`): it never refutes on its own.
        """
        said, objects_said = self._deed_reading(claim)
        if not said:
            return None
        deed_words = self._words.get((2, claim.text), frozenset())
        shared = shared_stems(prof.topic, objects_said)
        shared = (
            frozenset(w for w in shared if not w.isdigit())
            | _acronyms_spelled_out(prediction.text, claim.text)
            | self._same_product(prediction, claim)
            | frozenset(p.lower() for p in places_in(prediction.text) & places_in(claim.text))
        )
        content = {w for w in prof.topic - deed_words - _DEED_FILLER if not w.isdigit()}
        content -= {w for d in prof.deeds for w in topic_words(d)}
        content -= self._deed_verbs(prediction)  # "walked away", "finished": verbs, no object
        if _another_one(prediction, claim):
            return None  # the prediction's first one, the news a later one
        coded = any(any(c.isdigit() for c in w) and w[:1].isalpha() for w in shared)
        itself = bool(prof.deeds & _DEEDS_ON_THE_SUBJECT)  # "sold", "merged": the subject is it
        if not itself and (not shared or (len(shared) < min(2, len(content)) and not coded)):
            return None  # not clearly the same object (one model code is clear enough)
        if itself and not shared:
            shared = frozenset(["the company"])
        when = claim.event_date or (_claim_period(claim) or (None, None))[1]
        window = prediction.expectation.window
        after_deadline = window is None or (when is not None and when > window.end)
        objects = ", ".join(sorted(shared))
        if "delay" in said and (
            "delay" in prof.deeds or prediction.kind in (Kind.COMMITMENT, Kind.TIMELINE)
        ):
            agrees = ("delay" in prof.deeds or prof.action == "revise") == prof.expects
            cue = _span(claim.text, _DELAY.search(claim.text))  # type: ignore[arg-type]
            return _Verdict(
                Stance.SUPPORTS if agrees else Stance.CONTRADICTS,
                0.9,
                f'a delay ("{cue}") of {objects} reported; the prediction '
                + ("expected one" if agrees else "expected it on time"),
                settled=True,  # announcing a delay is itself the news, not a plan
            )
        wanted = prof.deeds - {"delay"}
        found = first_deed(claim.text, wanted)
        opposite = first_deed(claim.text, frozenset(OPPOSITES[d] for d in wanted if d in OPPOSITES))
        if opposite is not None:  # "ended talks about a combination": the opposite is the news
            name, match = opposite
            denied = True
            undone = f'"{_span(claim.text, match)}" ({name}, the opposite) reported'
        elif found is not None:
            name, match = found
            undone = ""
            if _ONLY_DISCUSSED.search(claim.text[: match.start()]):
                return None  # "talks about a possible acquisition": discussed, not done
            denied = not claim.polarity or bool(_NOT_BEFORE.search(claim.text[: match.start()]))
        else:
            return None
        cue = _span(claim.text, match)
        if denied:
            if not after_deadline:
                return None  # not done yet: there is still time
            agrees = not prof.expects
            what = undone or f'"{cue}": {name} not done by the deadline'
        elif window is not None and when is not None and _rules_out_until(window, prof):
            inside = when <= window.end  # done where the prediction ruled it out
            return _Verdict(
                Stance.CONTRADICTS if inside else Stance.SUPPORTS,
                0.9,
                f'"{cue}" of {objects} reported on {when.isoformat()}, '
                + ("inside" if inside else "after")
                + f" {window.text} the prediction expected",
            )
        else:
            if (
                window is not None
                and when is not None
                and when > window.end + relativedelta(months=1)
            ):
                if prof.expects and prediction.kind in (Kind.COMMITMENT, Kind.TIMELINE):
                    return _Verdict(
                        Stance.CONTRADICTS,
                        0.9,
                        f'"{cue}" of {objects} reported on {when.isoformat()}, after the '
                        f"deadline {window.end.isoformat()}; the prediction expected it by then",
                    )
                return None  # done, but after the prediction's window
            expected = prediction.expectation.quantity
            figures = [n for n in numbers_in(claim.text) if not 1900 <= n <= 2100]
            if (
                expected is not None
                and figures
                and expected.bound == "at-least"
                and max(figures) < expected.low
            ):
                return None  # done, but on a smaller scale than forecast
            sized = [q for q in claim.quantities if _comparable(expected, q)] if expected else []
            if expected is not None and sized and all(q.high < expected.low for q in sized):
                return None  # done on a smaller scale: the figure is the measure's to judge
            agrees = prof.expects
            what = f'"{cue}" of {objects} reported'
        return _Verdict(
            Stance.SUPPORTS if agrees else Stance.CONTRADICTS,
            0.9,
            f"{what}; the prediction " + ("expected it" if agrees else "expected otherwise"),
        )

    def _deed_verbs(self, prediction: Prediction) -> frozenset[str]:
        """The words of the deeds a prediction names, once per prediction."""
        key = (4, prediction.text)
        found = self._words.get(key)
        if found is None:
            verbs = " ".join(m.group(0) for m in _deed_matches(prediction.text))
            found = self._words[key] = topic_words(verbs, self._own_words())
        return found

    def _same_product(self, prediction: Prediction, claim: Claim) -> frozenset[str]:
        """A product of a subject named by both (under any of its names: the generic name in
        the forecast, the brand in the news): the product is the object they share. Product
        names are the subject's names, so the object comparison would not see them."""
        for subject in self.subjects:
            named = [p for p in subject.products if p in prediction.text]
            if named and any(p in claim.text for p in subject.products):
                return frozenset([named[0].lower()])
        return frozenset()

    def _deed_reading(self, claim: Claim) -> tuple[frozenset[str], frozenset[str]]:
        """The deeds a sentence names and its object words (without the deed's), once each."""
        key = (1, claim.text)
        said = self._words.get(key)
        if said is None:
            if len(self._words) > 100_000:
                self._words.clear()
            said = self._words[key] = deeds_in(claim.text)
            own = self._own_words()
            verbs = " ".join(m.group(0) for m in _deed_matches(claim.text)) if said else ""
            deed_words = self._words[(2, claim.text)] = topic_words(verbs, own)
            self._words[(3, claim.text)] = topic_words(claim.text, own) - deed_words
        return said, self._words[(3, claim.text)]

    def _target(self, claim: Claim, prediction: Prediction, prof: Profile) -> _Verdict | None:
        """The subject lowers or gives up a target the prediction is about: a commitment to it
        is withdrawn, a forecast that it would not be reached is borne out.

        The target must be the same figure: the claim names a number in the prediction's unit
        (or the very number), so that cutting one target says nothing of another.
        """
        expected = prediction.expectation.quantity
        if expected is None:
            figures = self._prediction_quantities(prediction)
            expected = figures[0] if figures else None
        if expected is None or not claim.polarity:
            return None
        same = [
            q
            for q in claim.quantities
            if q.low == expected.low or (q.kind == expected.kind and q.unit == expected.unit)
        ]
        if not same:
            return None
        cue = _span(claim.text, CLAIM_CUES["target"].search(claim.text))  # type: ignore[arg-type]
        agrees = not prof.expects
        return _Verdict(
            Stance.SUPPORTS if agrees else Stance.CONTRADICTS,
            1.0,
            f'target of {_fmt_quantity(expected)} lowered or given up ("{cue}"); the prediction '
            + ("expected it missed" if agrees else "expected it met"),
            settled=True,  # the subject's own decision, however its sentence goes on
        )

    def _goal(self, claim: Claim, prediction: Prediction, prof: Profile) -> _Verdict | None:
        """A goal reported met or missed, when the claim names the prediction's own figure."""
        outcome = goal_outcome(claim.text)
        if outcome is None:
            return None
        met, cue = outcome
        own = [prediction.expectation.quantity] if prediction.expectation.quantity else []
        figures = {
            v
            for q in [*self._prediction_quantities(prediction), *own]
            for v in (q.low, q.high)
            if v and not (q.kind == "count" and q.unit is None and 1900 <= v <= 2100)
        }
        named = [n for n in numbers_in(claim.text) if any(abs(n - f) <= 0.005 * f for f in figures)]
        if not named:
            return None  # another goal
        if cue.lower().find("against") >= 0 and prof.action == "down":
            met = not met  # a goal of cutting: less than the goal meets it
        when = claim.event_date or (_claim_period(claim) or (None, None))[1]
        window = prediction.expectation.window
        if window is not None and (when is None or when < window.end - relativedelta(months=1)):
            return None  # an interim reading: there is still time
        agrees = met == prof.expects
        word = "met" if met else "missed"
        return _Verdict(
            Stance.SUPPORTS if agrees else Stance.CONTRADICTS,
            1.0,
            f'goal of {_fmt_number(named[0])} reported {word} ("{cue.strip()}"); the prediction '
            + ("expected that" if agrees else "expected otherwise"),
            settled=True,
        )

    def _words_of(self, claim: Claim) -> frozenset[str]:
        """The sentence's stemmed content words, once per sentence (the measure rule's hot path)."""
        key = (0, claim.text)
        found = self._words.get(key)
        if found is None:
            if len(self._words) > 100_000:
                self._words.clear()
            found = self._words[key] = topic_words(claim.text)
        return found

    def _own_words(self) -> set[str]:
        """Lower-cased words of the subjects' names: never what a figure or event is about."""
        if self._own_for != id(self.subjects):
            self._own_for = id(self.subjects)
            self._own = {
                w.lower() for s in self.subjects for n in (s.name, *s.aliases) for w in n.split()
            }
        return self._own

    def _figures(self, claim: Claim) -> list[tuple[Quantity, frozenset[str]]]:
        """The claim's realised figures with the words naming what each measures, once per
        sentence. Their alignment facts (`_facts_of`) are computed only for figures that share
        a measure word with some forecast: most never do.

        Figures after "target", "short of", "against" or before "target" are what the realised
        one is compared with, not outcomes, and are left out.
        """
        known = self._measures.get(claim.text)
        if known is None:
            known = []
            own = self._own_words()
            for q in claim.quantities:
                at = claim.text.find(q.text)
                before = claim.text[:at] if at >= 0 else ""
                if at >= 0 and (
                    _TARGET_BEFORE.search(before)
                    or _REFERENCE_BEFORE.search(before)
                    or _TARGET_AFTER.match(claim.text, at + len(q.text))
                ):
                    continue
                known.append((q, measure_words(claim.text, q, own)))
            if len(self._measures) > 100_000:
                self._measures.clear()
            self._measures[claim.text] = known
        return known

    def _facts_of(
        self, claim: Claim, quantity: Quantity, words: frozenset[str] | None = None
    ) -> Facts:
        """The alignment facts of one figure of the claim, once per sentence and figure."""
        key = (quantity.text, claim.text)
        known = self._other_facts.get(key)
        if known is None:
            if len(self._other_facts) > 100_000:
                self._other_facts.clear()
            if words is None:
                words = measure_words(claim.text, quantity, self._own_words())
            known = self._other_facts[key] = found_facts(
                claim, quantity, words, self._actor_names(claim.subjects)
            )
        return known

    def _actor_names(self, names: tuple[str, ...]) -> frozenset[str]:
        """Capitalised words naming the subject (`alignment.actor_of`), once per subject set."""
        if self._actors_for != id(self.subjects):
            self._actors_for = id(self.subjects)
            self._actors.clear()
        known = self._actors.get(names)
        if known is None:
            known = self._actors[names] = frozenset(
                subject_words(self.subjects, names[0] if names else "")
                | {w for n in names for w in n.split() if w[:1].isupper()}
            )
        return known

    def _expected_facts(self, prediction: Prediction, prof: Profile, q: Quantity) -> Facts:
        """The prediction's facts for figure `q`: its profile's when `q` is its expectation."""
        if prof.figure is not None and prof.figure.quantity == q:
            return prof.figure
        key = (prediction.key, q.text)
        known = self._expected.get(key)
        if known is None:
            words = measure_words(prediction.text, q, self._own_words())
            known = self._expected[key] = expected_facts(prediction, q, words, self.subjects)
        return known

    def _demand(self, claim: Claim, prediction: Prediction, prof: Profile) -> _Verdict | None:
        if not claim.polarity or claim.modality == "plan":
            return None
        if self._search(_WEAK_DEMAND, claim):
            return _Verdict(
                Stance.CONTRADICTS if prof.expects else Stance.SUPPORTS, 0.9, "weak demand reported"
            )
        orders = [q for q in claim.quantities if q.kind == "count" and q.unit in _ORDER_UNITS]
        if not orders:
            return None
        top = max(orders, key=lambda q: q.low)
        return _Verdict(
            Stance.SUPPORTS if prof.expects else Stance.CONTRADICTS,
            1.0,
            f"buyers placed {_fmt_quantity(top)}s",
        )

    def _success(self, claim: Claim, prediction: Prediction, prof: Profile) -> _Verdict | None:
        if not claim.polarity or not self._claim_in_business(claim):
            return None
        success = self._search(_SUCCESS, claim)
        failure = self._search(_FAILURE, claim)
        if success and not failure:
            agrees = prof.expects
            cue = _span(claim.text, success)
        elif failure and not success:
            agrees = not prof.expects
            cue = _span(claim.text, failure)
        else:
            return None
        window = prediction.expectation.window
        period = _claim_period(claim)
        if window is not None and period is not None and period[0] > window.end:
            return None  # a result for a later period than the prediction's
        outcome = "success" if success else "failure"
        wanted = "expected success" if prof.expects else "expected success to be unlikely"
        return _Verdict(
            Stance.SUPPORTS if agrees else Stance.CONTRADICTS,
            1.0,
            f'{outcome} reported ("{cue}"); the prediction {wanted}',
        )

    def _race(self, claim: Claim, prediction: Prediction, prof: Profile) -> _Verdict | None:
        rivals = [n for n in prof.names if re.search(rf"\b{re.escape(n)}\b", claim.text)]
        if not rivals or not claim.polarity or not self._search(_RACE, claim):
            return None
        if not self._claim_in_business(claim) and not self._in_business_item(claim):
            return None
        return _Verdict(
            Stance.SUPPORTS if prof.expects else Stance.CONTRADICTS,
            0.8,
            f"the subject is reported ahead of {rivals[0]}",
        )

    def _in_business_item(self, claim: Claim) -> bool:
        return bool(claim.subjects)

    def _product_class(
        self, claim: Claim, prediction: Prediction, prof: Profile
    ) -> _Verdict | None:
        if any(re.search(rf"\b{re.escape(n)}", claim.text, _I) for n in prof.names):
            return None  # the claim is about the reference product itself, not the subject's
        expected_budget = bool(_BUDGET.search(prediction.text))
        expected_premium = bool(_PREMIUM.search(prediction.text))
        if expected_budget == expected_premium:
            return None
        budget = self._search(_BUDGET, claim)
        premium = self._search(_PREMIUM, claim)
        if bool(budget) == bool(premium) or not self._claim_in_business(claim):
            return None
        claimed = "budget" if budget else "premium"
        cue = _span(claim.text, budget or premium)  # type: ignore[arg-type]
        agrees = (claimed == "budget") == expected_budget
        wanted = "a budget product" if expected_budget else "a premium product"
        shown = any(s.products for s in self.subjects)
        return _Verdict(
            Stance.SUPPORTS if agrees else Stance.CONTRADICTS,
            0.9,
            f'product described as {claimed} ("{cue}"); the prediction expected {wanted}'
            + (" (said of a product already shown)" if shown and claim.modality == "plan" else ""),
            settled=shown and claim.polarity,
        )


_DELAY = DEEDS["delay"]
# Words of a forecast that name no object of its deed.
_DEED_FILLER = frozenset(
    """before after within through until plan aim aims i'd i'm bet
    promis pledg commit work""".split()  # noqa: SIM905 - "has promised that work on X will start": X
)
# What only talks about a deed: "in talks about a possible acquisition", "is weighing a sale".
_ONLY_DISCUSSED = re.compile(
    r"\b(?:talks?|discussions?|negotiations?|possible|potential|proposed|considering|exploring|"
    r"weighing|mulling|plans? to|bid for|offer for|approach(?:ed)? about|recommend\w*)\b"
    r"[^.;]{0,30}$",
    _I,
)
# Deeds whose object is the subject itself: news of them names the subject, not an object.
_DEEDS_ON_THE_SUBJECT = frozenset(["sell", "stay_independent", "raise_capital"])


def _acronyms_spelled_out(prediction: str, claim: str) -> frozenset[str]:
    """Acronyms of the prediction that the claim writes out ("CSL" and "Continental Soccer
    League"), as shared object words."""
    return frozenset(a.lower() for a, spelled in _acronyms(prediction) if spelled.search(claim))


@lru_cache(maxsize=4096)
def _acronyms(text: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """A text's acronyms, each with the pattern of its words written out (once per text)."""
    return tuple(
        (a, re.compile(r"\b" + r"\s+".join(rf"{c}[a-z]+" for c in a) + r"\b"))
        for a in sorted(set(re.findall(r"\b[A-Z]{2,5}\b", text)))
    )


def _rules_out_until(window: DateWindow, prof: Profile) -> bool:
    """The prediction rules its deed out up to the window's end and bets on it later: "I don't
    see it done before 2026", or "I would be surprised if it were approved before 2024"."""
    return window.text.startswith("not before") or (
        not prof.expects and window.text.lower().startswith("before")
    )


def _elsewhere(claim: Claim, prediction: Prediction) -> bool:
    """The prediction is about some countries and the news names only others ("the tier in the
    US" against its launch "in the UK and Germany")."""
    wanted = places_in(prediction.text)
    if not wanted:
        return False
    found = places_in(claim.text)
    return bool(found) and not found & wanted


def _another_one(prediction: Prediction, claim: Claim) -> bool:
    """The prediction dates the first of something and the news a later one ("its sixth")."""
    return bool(_FIRST_WORD.search(prediction.text) and _LATER_ORDINAL.search(claim.text))


_FIRST_WORD = re.compile(r"\bfirst\b", _I)
_LATER_ORDINAL = re.compile(
    r"\b(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|remaining)\b"
    r"(?!\s+(?:half|quarter|part|phase|round|time|largest|biggest|week|month|year))",
    _I,
)
_NOT_BEFORE = re.compile(r"\b(?:not|never|no longer|yet to|failed to|no)\s+(?:\w+\s+)?$", _I)


# Words that say a figure is a price or an amount, not what is priced.
_PRICE_WORDS = frozenset(
    """price priced pric cost costs quoted quot each apiece somewhere between range start
    starting sell sold retail top topp revenue""".split()  # noqa: SIM905
)


def _priced_goods(text: str, expected: Quantity, own: set[str]) -> frozenset[str]:
    """What a forecast figure is the price or amount of: the nouns before it, less price words.

    Why: a figure in the same currency about another good or measure (a laptop chip's price
    against a wafer's, a product's price against a unit's revenue) does not bear on it.
    """
    words = measure_words(text, expected, own)
    named = {stem(w) for w in re.findall(r"\b[A-Z][\w-]*", text)}  # a reference product's name
    return frozenset(
        w for w in words if w not in _PRICE_WORDS and w not in named and not w.isdigit()
    )


def _deed_matches(text: str) -> list[re.Match[str]]:
    return [m for p in DEEDS.values() for m in p.finditer(text)]


_METHODS = {
    name.removeprefix("_"): method
    for name, method in vars(RuleJudge).items()
    if name.removeprefix("_") in CLAIM_CUES and callable(method)
}

_BUILD_OWN_PRED = re.compile(
    r"\bgreenfield\b|\bbuild (?:its|their) own\b|\bown (?:factory|plant)"
    r"|\bnew (?:factory|plant)\b",
    _I,
)
_USE_EXISTING_PRED = re.compile(
    r"\bavailable capacity\b|\bexisting capacity\b|\bacquire "
    r"(?:\w+ ){0,2}capacity\b|\bidl\w+\b|\bcontract[- ]manufactur\w*"
    r"|\butiliz\w+ (?:\w+ ){0,2}capacity\b",
    _I,
)


def assess_claims(
    claims: Iterable[Claim],
    predictions: list[Prediction],
    judge: Judge | None = None,
    subjects: list[Subject] | None = None,
    index: CandidateIndex | None = None,
) -> list[Assessment]:
    """Every non-trivial assessment of `claims` against `predictions`.

    Candidates come from the question index; with the built-in judge only shared questions are
    judged, another judge sees every candidate pair the index proposes.
    """
    index = index or PredictionIndex(predictions, subjects)
    judge = judge or RuleJudge(list(subjects or index.subjects))
    out: list[Assessment] = []
    rule = judge if isinstance(judge, RuleJudge) else None
    for claim in claims:
        gates: dict[str, bool] = {}
        for prediction, questions in index.candidates(claim):
            if rule is not None:
                for q in questions - gates.keys():
                    gates[q] = rule.could_bear(claim, q)
                live = [q for q in questions if gates[q]]
                if not live:
                    continue
                assessment = rule.assess_on(claim, prediction, live)
            else:
                assessment = judge.assess(claim, prediction)
            if assessment is not None and assessment.stance != Stance.UNRELATED:
                out.append(assessment)
    return out


def assess_item(
    item: NewsItem,
    subjects: list[Subject],
    predictions: list[Prediction],
    judge: Judge | None = None,
    index: PredictionIndex | None = None,
) -> list[Assessment]:
    """Extract one news item's claims and assess them: the whole stage for one feed entry.

    Learn aliases first (`subjects.learn_aliases`) when items are processed in date order.
    """
    return assess_claims(extract_claims(item, subjects), predictions, judge, subjects, index)
