"""What every question shares: the verdict a comparison returns, the per-judge reading cache,
the question record, and the small helpers that state figures and windows in a reason.

A question module (`price`, `launch`, ...) holds one business question whole: the words a claim
must say to speak to it (`claim_cue`), the words a prediction must say to ask it
(`prediction_cue`), a `gate` (what a claim must be, whatever the prediction: tested once per
claim and question) and `compare` (the one comparison a person could redo by hand). The
registry in `questions/__init__.py` lists them explicitly.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, TypeVar

from dateutil.relativedelta import relativedelta

from hindsight.analysis.alignment import (
    Alignment,
    Facts,
    expected_facts,
    found_facts,
    outcome,
    subject_words,
)
from hindsight.analysis.caseless import Caseless
from hindsight.analysis.matching import Profile, measure_words, topic_words
from hindsight.analysis.quantities import find_quantities
from hindsight.analysis.subjects import alias_pattern, sector_pattern
from hindsight.domain import Claim, DateWindow, Kind, Prediction, Quantity, Stance, Subject

__all__ = [
    "SHARES",
    "TARGET_BEFORE",
    "Question",
    "Reader",
    "Verdict",
    "another_one",
    "claim_period",
    "comparable",
    "compare_interval",
    "earlier_state",
    "expected_interval",
    "fmt_number",
    "fmt_quantity",
    "held_to",
    "interval",
    "other_version",
    "settle",
    "span",
    "versions",
    "window_text",
]

_I = re.IGNORECASE
T = TypeVar("T")


@dataclass(frozen=True)
class Verdict:
    """What one comparison concludes, before the claim's modality sets its confidence."""

    stance: Stance
    strength: float  # multiplies the claim's base confidence
    reason: str
    # Stands as a fact even when the sentence reads as a plan (the maker describing a product it
    # has already shown: how it positions it is its decision, not a forecast that may change).
    settled: bool = False


@dataclass(frozen=True)
class Question:
    """One business question, whole: its cues, its gate and its comparison.

    `speaks_to` refines the claim cue when words alone over-match ("team" without a count of
    people is no headcount); it sees the claim and its lower-cased sentence.
    """

    name: str
    claim_cue: Caseless
    prediction_cue: re.Pattern[str] | None
    gate: Callable[[Reader, Claim], bool]
    compare: Callable[[Reader, Claim, Prediction, Profile], Verdict | None]
    speaks_to: Callable[[Claim, str], bool] | None = None


# A share, not a product: its price or its move is the market's, not the business's.
SHARES = Caseless(r"\bshares?\b|\bstock\b")
_REFERENCE_BEFORE = Caseless(
    r"\b(?:short of|shy of|against|compared (?:with|to)|versus|vs\.?|from|than|capacity of)"
    r"\s+(?:(?:its|the|a|an|their)\s+)?$"
)
# A figure the clause marks as the state before the news ("before had cost", "previously").
_EARLIER_BEFORE = re.compile(
    r"\b(?:previously|formerly|used to|had (?:cost|been|sold|priced)|originally|initially|"
    # "first announced as an 18-episode series, was overhauled": the plan it replaced
    r"first (?:announced|planned|billed|set|pitched))\b"
    r"[^.;,]{0,30}$",
    _I,
)


def earlier_state(text: str, quantity: Quantity) -> bool:
    """The clause marks the figure as the state before the news ("before had cost $42,900")."""
    at = text.find(quantity.text)
    return at >= 0 and _EARLIER_BEFORE.search(text[:at]) is not None


# A figure named as a goal ("its one-million target", "a 45,000 goal"): not an outcome.
_TARGET_AFTER = re.compile(
    r"[\s-]*(?:\w+[\s-]+)?(?:targets?|goals?|guidance|ambitions?|pledges?|plans?)\b"
    # "above the 745 it had targeted", "double the 70,000 economists had forecast"
    r"|\s+(?:\w+\s+){1,2}(?:had|has|have)\s+(?:\w+ly\s+)?(?:targeted|forecast|expected|"
    r"predicted|planned|estimated|projected|guided)\b",
    _I,
)
TARGET_BEFORE = Caseless(
    r"\b(?:targets?|goals?|aim\w*|expect\w*|plan(?:s|ned|ning)?|guidance|to deliver|"
    r"wants?|forecast\w*|predict\w*|projections?|outlooks?|(?:its|their|the)\s+call)\b"
    r"[^.;]{0,25}$",
    _I,
)


def held_to(text: str, at: int, quantity: Quantity) -> bool:
    """The figure at `at` is what something was held to, not an outcome: "the target of 745",
    "its one-million goal", "the 745 it had targeted"."""
    return bool(
        TARGET_BEFORE.search(text[:at]) or _TARGET_AFTER.match(text, at + len(quantity.text))
    )


def fmt_number(value: float) -> str:
    if value >= 1e9 and value % 1e7 == 0:
        return f"{value / 1e9:g} billion"
    if value >= 1e6 and value % 1e4 == 0:
        return f"{value / 1e6:g} million"
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def fmt_quantity(q: Quantity) -> str:
    unit = f" {q.unit}" if q.unit else ""
    prefix = {"about": "~", "at-least": "at least ", "at-most": "at most "}.get(q.bound, "")
    if q.bound == "range" and q.high != q.low:
        return f"{fmt_number(q.low)}-{fmt_number(q.high)}{unit}"
    return f"{prefix}{fmt_number(q.low)}{unit}"


def interval(q: Quantity) -> tuple[float, float]:
    """The values a stated quantity allows: "more than 10 million" allows 13 million."""
    if q.bound == "at-least":
        return q.low, float("inf")
    if q.bound == "at-most":
        return 0.0, q.high
    if q.bound == "about":
        return q.low * 0.97, q.high * 1.03  # a reporter's rounding ("around $18,500")
    return q.low, q.high


def expected_interval(q: Quantity, exact: bool = False) -> tuple[float, float, str]:
    """Accepted values of a predicted quantity and how the tolerance reads in a reason;
    `exact` for a figure set in steps (a policy rate: 3.75% is not 4%)."""
    unit = f" {q.unit}" if q.unit else ""  # a count of nothing named shows no unit
    if exact and q.bound == "exact":
        return q.low - 1e-9, q.high + 1e-9, f"{fmt_number(q.low)}{unit} (exactly)"
    if q.bound == "about":
        centre = (q.low + q.high) / 2
        return centre * 0.9, centre * 1.1, f"~{fmt_number(centre)}{unit} (+-10%)"
    if q.bound == "range":
        # The author chose both ends: only rounding is allowed (+-2 %), not a tenth, and no
        # more than half the range's width ("740 to 745 planes": 748 is outside).
        slack_low = min(q.low * 0.02, (q.high - q.low) / 2)
        slack_high = min(q.high * 0.02, (q.high - q.low) / 2)
        shown = f"{fmt_number(q.low)}-{fmt_number(q.high)}{unit}"
        return q.low - slack_low, q.high + slack_high, shown
    if q.bound == "at-least":
        return q.low, float("inf"), f"at least {fmt_number(q.low)}{unit}"
    if q.bound == "at-most":
        return 0.0, q.high, f"at most {fmt_number(q.high)}{unit}"
    if q.kind == "percent" and _DECIMAL.search(q.text):
        # A rate written to tenths ("3.4 percent") is held to half the usual slack, a twentieth
        # of its value, but never to less than a tenth of a point: 3.1 misses 3.4 (though within
        # a tenth of it), 10.1 meets 10.4.
        slack = max(0.1, q.low * 0.05)
        return q.low - slack, q.high + slack, f"{fmt_number(q.low)}{unit} (+-{fmt_number(slack)})"
    return q.low * 0.9, q.high * 1.1, f"{fmt_number(q.low)}{unit} (+-10%)"


_DECIMAL = re.compile(r"\d\.\d")


def as_written(q: Quantity) -> tuple[float, float] | None:
    """The values that round to a rate written to tenths ("4.4%": 4.35 to 4.45), or None for
    any other figure.

    Why: a rate written to tenths is met only by a figure that reads the same at that precision.
    One a tenth or two off is inside the slack of `expected_interval` but no hit: labellers of
    real news split on it ("unemployment at 4.4%" against a reported 4.3%: "unexpectedly
    fell"), so it settles nothing either way (prefer open to wrong).
    """
    if q.kind != "percent" or q.bound != "exact" or not _DECIMAL.search(q.text):
        return None
    return q.low - 0.05 - 1e-9, q.high + 0.05 + 1e-9


def compare_interval(value: tuple[float, float], expected: tuple[float, float]) -> bool | None:
    """True inside, False disjoint, None when the claim's interval only overlaps the expected."""
    lo, hi = value
    e_lo, e_hi = expected
    if e_lo <= lo and hi <= e_hi:
        return True
    if hi < e_lo or lo > e_hi:
        return False
    return None


def last_named(subjects: list[Subject], text: str) -> Subject | None:
    """The subject `text` names last, by any of its names (measured topics are no parties):
    whose a figure or a result is, when it follows in the sentence."""
    nearest: tuple[int, Subject] | None = None
    for subject in subjects:
        if subject.measured:
            continue
        for m in alias_pattern(subject).finditer(text):
            if nearest is None or m.start() > nearest[0]:
                nearest = (m.start(), subject)
    return nearest[1] if nearest else None


def span(text: str, match: re.Match[str]) -> str:
    """The words a match covers as written (caseless matches run on lower-cased text)."""
    return text[match.start() : match.end()]


def comparable(expected: Quantity, found: Quantity) -> bool:
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


def window_text(w: DateWindow) -> str:
    return (
        w.start.isoformat() if w.start == w.end else f"{w.start.isoformat()}..{w.end.isoformat()}"
    )


_TIMELINE_TOLERANCE = relativedelta(months=6)
_DEADLINE = re.compile(r"\s*(?:by|before|no later than|not later than|until|till)\b", re.I)
# A window the forecast names by its month ("February 2021", "in March", "2017-01"): a precise
# date.
_NAMED_MONTH = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b|^\d{4}-\d\d$", _I
)
# A part of a named year: "late 2017", "early 2018", "the second half of 2025", "Q3 2024",
# "Q2 or Q3 of this year", "this summer".
_CALENDAR_PART = re.compile(
    r"\b(?:early|mid|late|end|first|second|third|fourth|last|h[12]|q[1-4])\b[\w\s-]{0,16}?"
    r"\b(?:(?:19|20)\d\d|this\s+year|next\s+year)\b|"
    r"\b(?:end|start|beginning|middle)\s+of\s+(?:the|this|next)\s+year\b|"
    r"\b(?:spring|summer|autumn|fall|winter)\b",  # a season: "this summer", "spring 2022"
    _I,
)


@lru_cache(maxsize=4096)
def accepted_dates(window: DateWindow) -> tuple[date, date, str]:
    """The dates of a happening a forecast's window accepts, and how a reason shows them: a
    deadline accepts any day up to it, a named month or part of a year that period alone, a
    looser window ("in about three years") six months either side. Cached: a forecast meets
    every story of its kind, and the window's tolerance is the same each time."""
    if _DEADLINE.match(window.text):
        # "before the end of 2026" is a deadline: any time up to it, not a day after.
        return date.min, window.end, f"by {window.end.isoformat()}"
    if (_NAMED_MONTH.search(window.text) and (window.end - window.start).days <= 31) or (
        _CALENDAR_PART.search(window.text)
    ):
        # "in February 2021", "late 2017", "the second half of 2025" are as precise as the
        # author chose to be: that period, no slack ("in about three years" keeps its slack).
        return window.start, window.end, window_text(window)
    shown = (
        f"{window_text(window)} +- 6 months"
        if window.start != window.end
        else f"{window.start.isoformat()} +- 6 months"
    )
    return window.start - _TIMELINE_TOLERANCE, window.end + _TIMELINE_TOLERANCE, shown


def claim_period(claim: Claim) -> tuple[date, date] | None:
    if claim.dates:
        return claim.dates[0].start, claim.dates[0].end
    if claim.event_date:
        return claim.event_date, claim.event_date
    return None


# --- event lexicons -------------------------------------------------------------------------


@dataclass
class Reader:
    """The readings of sentences and predictions every question uses, each computed once.

    Judging is the hot loop: one claim meets every prediction of its questions, so cue matches,
    figures and their alignment facts are kept per sentence, and a prediction's figures per
    prediction. `subjects` is replaced (never mutated) as news teaches names; caches that depend
    on it notice the new list.
    """

    subjects: list[Subject] = field(default_factory=list)
    _matches: dict[tuple[int, str], re.Match[str] | None] = field(default_factory=dict, repr=False)
    _quantities: dict[str, list[Quantity]] = field(default_factory=dict, repr=False)
    _business: dict[str, bool] = field(default_factory=dict, repr=False)
    _business_for: int = field(default=0, repr=False)
    _words: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    _own: set[str] = field(default_factory=set, repr=False)
    _own_key: frozenset[str] = field(default=frozenset(), repr=False)
    _own_for: int = field(default=0, repr=False)
    _measures: dict[str, list[tuple[Quantity, frozenset[str]]]] = field(
        default_factory=dict, repr=False
    )
    _facts: dict[tuple[str, str], Facts] = field(default_factory=dict, repr=False)
    _expected: dict[tuple[str, str], Facts] = field(default_factory=dict, repr=False)
    _actors: dict[tuple[str, ...], frozenset[str]] = field(default_factory=dict, repr=False)
    _actors_for: int = field(default=0, repr=False)
    _memo: dict[tuple[str, Hashable], Any] = field(default_factory=dict, repr=False)

    def memo(self, kind: str, key: Hashable, compute: Callable[[], T]) -> T:
        """`compute()` once per `kind` and `key`: a question's own per-sentence readings."""
        slot = (kind, key)
        try:
            return self._memo[slot]
        except KeyError:
            pass
        if len(self._memo) > 200_000:
            self._memo.clear()
        value = self._memo[slot] = compute()
        return value

    def search(self, pattern: Caseless | re.Pattern[str], claim: Claim) -> re.Match[str] | None:
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

    def prediction_quantities(self, prediction: Prediction) -> list[Quantity]:
        """Every figure the prediction's text states (its expectation holds only one)."""
        found = self._quantities.get(prediction.key)
        if found is None:
            found = self._quantities[prediction.key] = find_quantities(prediction.text)
        return found

    def in_business(self, text: str) -> bool:
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

    def claim_in_business(self, claim: Claim) -> bool:
        """The claim's own reading (its item's context) when known, else its sentence's."""
        if claim.in_business is not None:
            return claim.in_business
        return self.in_business(claim.text)

    def names_subject(self, text: str) -> bool:
        return any(alias_pattern(s).search(text) for s in self.subjects)

    def words_of(self, claim: Claim) -> frozenset[str]:
        """The sentence's stemmed content words, once per sentence (the measure rule's hot path)."""
        found = self._words.get(claim.text)
        if found is None:
            if len(self._words) > 100_000:
                self._words.clear()
            found = self._words[claim.text] = topic_words(claim.text)
        return found

    def own_words(self) -> set[str]:
        """Lower-cased words of the subjects' names: never what a figure or event is about."""
        if self._own_for != id(self.subjects):
            self._own_for = id(self.subjects)
            self._own = {
                w.lower()
                for s in self.subjects
                if not s.measured  # a measure's words are what figures are about
                for n in (s.name, *s.aliases)
                for w in n.split()
            }
            self._own_key = frozenset(self._own)
        return self._own

    def own_key(self) -> frozenset[str]:
        """`own_words` as a key for `memo`: a reading that depends on them is cached with them."""
        self.own_words()
        return self._own_key

    def figures(self, claim: Claim) -> list[tuple[Quantity, frozenset[str]]]:
        """The claim's realised figures with the words naming what each measures, once per
        sentence. Their alignment facts (`facts_of`) are computed only for figures that share
        a measure word with some forecast: most never do.

        Figures after "target", "short of", "against" or before "target" are what the realised
        one is compared with, not outcomes, and are left out; so are figures the clause marks as
        earlier ("the cheapest version before had cost $42,900": the state the news changed).
        """
        known = self._measures.get(claim.text)
        if known is None:
            known = []
            own = self.own_words()
            for q in claim.quantities:
                at = claim.text.find(q.text)
                before = claim.text[:at] if at >= 0 else ""
                if at >= 0 and (
                    held_to(claim.text, at, q)
                    or _REFERENCE_BEFORE.search(before)
                    or _EARLIER_BEFORE.search(before)
                ):
                    continue
                known.append((q, measure_words(claim.text, q, own)))
            if len(self._measures) > 100_000:
                self._measures.clear()
            self._measures[claim.text] = known
        return known

    def facts_of(
        self, claim: Claim, quantity: Quantity, words: frozenset[str] | None = None
    ) -> Facts:
        """The alignment facts of one figure of the claim, once per sentence and figure."""
        key = (quantity.text, claim.text)
        known = self._facts.get(key)
        if known is None:
            if len(self._facts) > 100_000:
                self._facts.clear()
            if words is None:
                words = measure_words(claim.text, quantity, self.own_words())
            known = self._facts[key] = found_facts(
                claim, quantity, words, self.actor_names(claim.subjects)
            )
        return known

    def actor_names(self, names: tuple[str, ...]) -> frozenset[str]:
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

    def expected_facts(self, prediction: Prediction, prof: Profile, q: Quantity) -> Facts:
        """The prediction's facts for figure `q`: its profile's when `q` is its expectation."""
        if prof.figure is not None and prof.figure.quantity == q:
            return prof.figure
        key = (prediction.key, q.text)
        known = self._expected.get(key)
        if known is None:
            words = measure_words(prediction.text, q, self.own_words())
            known = self._expected[key] = expected_facts(prediction, q, words, self.subjects)
        return known

    def fresh(self) -> Reader:
        """A reader with the same subjects and no cached readings (for sending to a worker)."""
        return Reader(self.subjects)


def settle(
    aligned: Alignment,
    prediction: Prediction,
    expected: Quantity,
    label: str = "",
    exact: bool = False,
) -> Verdict | None:
    """The verdict on an aligned figure, when it settles the forecast (`alignment.outcome`)."""
    found = aligned.found.quantity
    lo, hi, shown = expected_interval(expected, exact)
    inside = compare_interval(interval(found), (lo, hi))
    if inside is None or not outcome(aligned, inside, lo, hi):
        return None
    written = as_written(expected) if inside and not exact else None
    if written is not None:
        if compare_interval(interval(found), written) is not True:
            return None  # near, not the figure as written: neither met nor missed
        shown = f"{expected.text} (to the tenth)"
    negative = prediction.kind == Kind.NEGATIVE_EVENT
    agrees = inside != negative
    word = "within" if inside else "outside"
    ruled_out = " the prediction ruled out" if negative else ""
    return Verdict(
        Stance.SUPPORTS if agrees else Stance.CONTRADICTS,
        1.0,
        f"{aligned.describe(label)}: {word}{ruled_out} the expected {shown}",
    )


# A release number: three or four parts ("1.7.1.0", "3.11.2"), or two after "v"/"version" or
# right after a capitalised name, alone or as a range ("Rust 1.29 - 1.31", "Python 3.12"), but
# not before a unit or scale ("Acme 2.5 million" is an amount).
_VERSION_RE = re.compile(
    r"(?<![\w.])(?:v|version\s+)?(\d+(?:\.\d+){2,3})(?![\w.]*\d)|\b(?:v|version\s+)(\d+\.\d+)\b"
    r"|(?-i:\b(?!(?:In|On|At|By|For|From|About|Over|Under|Figure|Fig|Table|Section|Chapter|"
    r"Step|Phase|Appendix|Equation|Eq|Rose|Fell|Grew|Up|Down)\b)"
    # a name, also in quotes ('"Rousseau" 11.3') or in camel case ("openSUSE 11.3")
    r"(?:[A-Z][A-Za-z]+|[a-z]+[A-Z]+[A-Za-z]*)[\"”’']?)\s+(\d+\.\d+)"
    r"(?:\s*[-–]\s*(\d+\.\d+))?\b(?!\.\d|\d|\s*(?:%|percent|per\s+cent|[mb]illion|trillion|"
    r"thousand|times|x\b|points?|years?|months?|weeks?|days?|hours?|minutes?|seconds?)\b)",
    re.I,
)


@lru_cache(maxsize=8192)
def versions(text: str) -> frozenset[tuple[int, ...]]:
    """The release numbers a text names, without trailing zero parts ("1.7.1.0" is 1.7.1).
    Cached: every pair a claim or a forecast is in asks again."""
    found = set()
    for m in _VERSION_RE.finditer(text):
        for number in (m.group(1) or m.group(2) or m.group(3), m.group(4)):
            if number is None:
                continue
            parts = [int(p) for p in number.split(".")]
            while len(parts) > 2 and parts[-1] == 0:
                parts.pop()
            found.add(tuple(parts))
    return frozenset(found)


def another_one(prediction: Prediction, claim: Claim) -> bool:
    """The prediction dates the first of something and the news a later one ("its sixth")."""
    return bool(_FIRST_WORD.search(prediction.text) and _LATER_ORDINAL.search(claim.text))


def successor(prediction: Prediction, claim: Claim) -> bool:
    """The news names a numbered generation of a product the prediction names bare ("the Vexa 2
    launched in 2033" against "the Vexa will launch in March 2027"): a later generation's
    launch dates nothing of the first's. A month and its day ("March 24") are no generation."""
    wanted = {d.split()[0] for d in designations(prediction.text)}
    for found in designations(claim.text):
        family, code = found.split()
        if family in wanted or family.lower() in _MONTHS or not code[:1].isdigit():
            continue
        if re.search(rf"\b{re.escape(family)}\b(?!\s+[A-Z0-9])", prediction.text):
            return True
    return False


# A numbered product or release: "Quill 5", "JDK 9", "Java SE 9", "PrestaShop 1.7".
_NUMBERED = re.compile(r"\b([A-Z][\w-]*)\s+(\d+(?:\.\d+)*)[a-z]{0,2}\b")  # "JDK 8u"


def other_version(prediction: Prediction, claim: Claim) -> bool:
    """The news names the forecast's numbered product by another number only ("Quill 6
    reached general availability" against "Quill 5 ... general availability"): another
    release, which dates nothing of the forecast's. A release the forecast itself names, one of
    a range ("Rust 1.29 - 1.31") or a patch of one, is the same."""
    wanted = _numbered(prediction.text)
    if not wanted:
        return False  # the forecast numbers nothing: no other release of it to name
    releases, found_versions = versions(prediction.text), versions(claim.text)
    if any(a[: len(b)] == b or b[: len(a)] == a for a in releases for b in found_versions):
        return False
    named = _numbered(claim.text)
    for name, number, year in wanted:
        found = {n for other, n, is_year in named if other == name and is_year == year}
        if found and number not in found:
            return True
    return False


@lru_cache(maxsize=8192)
def _numbered(text: str) -> tuple[tuple[str, str, bool], ...]:
    """The numbered products a text names ("Quill 5"), each with whether its number is a year
    (an edition, "Rust 2018") or not (a build, "Rust 1.31"): two ways of numbering, so only
    numbers of the same way can be other releases. Months ("March 24") and one-letter names are
    left out. Cached: `other_version` asks for every pair a forecast or a sentence is in."""
    return tuple(
        (name, number, _YEAR_NUMBER.fullmatch(number) is not None)
        for name, number in _NUMBERED.findall(text)
        if name.lower() not in _MONTHS and len(name) >= 2
    )


_YEAR_NUMBER = re.compile(r"(?:19|20)\d\d")


_MONTHS = frozenset(m.lower() for m in calendar.month_name[1:])
_FIRST_WORD = re.compile(r"\bfirst\b", _I)
_LATER_ORDINAL = re.compile(
    r"\b(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|remaining)\b"
    r"(?!\s+(?:half|quarter|part|phase|round|time|largest|biggest|week|month|year))",
    _I,
)


# A figure counted per unit of time: "1,000 vehicles per week", "26 a week", "5,000 during the
# last week of June". A yearly rate is a year's total, as a bare figure for a year is.
_RATE_AFTER = re.compile(
    # "14.4 km (8.9 miles) per second": a speed, its conversion in brackets between
    r"\s*(?:\([^)]{0,40}\)\s*)?(?:per\s+|/\s*)(second|minute)\b"
    r"|\s*(?:[\w'’-]+\s+){0,2}?(?:(?:per|a|an|each|every)\s+|/\s*)(week|month|day|hour)\b"
    r"|\s*(?:[\w'’-]+\s+){0,2}?(weekly|monthly|daily)\b"
    r"|\s*(?:[\w'’-]+\s+){0,3}?(?:in|during|over) (?:the|its|a) (?:\w+ )?(week|month|day)\b",
    _I,
)
_RATE_WORDS = {"weekly": "week", "monthly": "month", "daily": "day"}


def _word_char(char: str) -> bool:
    """What `\\w` matches (a Unicode letter or digit, or "_")."""
    return char.isalnum() or char == "_"


def _standalone_end(text: str, figure: str) -> int | None:
    """Where the first `figure` written on its own ends in `text` (no word character, "." or ","
    before it, no word character after it), as `(?<![\\w.,])figure(?!\\w)` would find it; None
    when it is not there. A plain scan: a pattern per figure compiled for every pair judged
    cost more than the rest of the comparison, and pushed the patterns used everywhere else
    out of `re`'s cache."""
    at = text.find(figure)
    while at >= 0:
        end = at + len(figure)
        if (at == 0 or not (_word_char(text[at - 1]) or text[at - 1] in ".,")) and (
            end == len(text) or not _word_char(text[end])
        ):
            return end
        at = text.find(figure, at + 1)
    return None


def rate_of(text: str, quantity: Quantity) -> str | None:
    """The time unit a figure is counted per ("week"), or None for a plain amount.

    Why: a weekly production rate and a quarter's output are different measures; comparing
    one with the other says nothing about the forecast.
    """
    end = _standalone_end(text, quantity.text)
    if end is None:
        return None
    m = _RATE_AFTER.match(text, end)
    if m is None:
        return None
    unit = next(g for g in m.groups() if g)
    return _RATE_WORDS.get(unit.lower(), unit.lower())


# A product designation: a name and its model code ("Model 3", "Model S/X", "A330-900").
_DESIGNATION = re.compile(r"\b([A-Z][a-z]+)\s+([A-Z](?:/[A-Z])*|\d{1,3}[A-Z]?)(?:['’]?s)?\b")


@lru_cache(maxsize=8192)
def designations(text: str) -> frozenset[str]:
    """The product designations a text names, as "Name code" ("Model 3", "Model S/X").
    Cached: every pair a forecast or a sentence is in asks again (`other_product`,
    `successor`)."""
    return frozenset(f"{m.group(1)} {m.group(2)}" for m in _DESIGNATION.finditer(text))


def other_product(prediction: Prediction, claim: Claim) -> bool:
    """The prediction's figure is about designated products ("Model S/X") and the claim names
    designations of the same family, none of them the prediction's ("Model 3"): the claim's
    figures count another product."""
    wanted = designations(prediction.text)
    if not wanted:
        return False
    found = designations(claim.text)
    families = {d.split()[0] for d in wanted}
    same_family = {d for d in found if d.split()[0] in families}
    return bool(same_family) and not same_family & wanted
