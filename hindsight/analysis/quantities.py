"""Find numbers in prose and normalise them: money to ISO currency codes, counts to their noun.

Why a small grammar instead of a library: measured on twelve strings news about companies uses
("RMB10 billion", "HK$53.25", "CNY 100,000-300,000", "more than 10,000 people"), price-parser read
4 right (it drops scale words and ranges and keeps "RMB"/"HK$" rather than ISO codes) and
quantulum3 3 (it reads "RMB10 billion" as 1e9 "dimensionless" and "$10bn" as "dollar barn
newton"); this grammar reads all twelve (tests/test_quantities.py).

Conventions of the returned `Quantity`:
- money: `unit` is the ISO code, `kind="money"`, values scaled ("$10bn" -> 1e10);
- counts: `unit` is the following noun in the singular ("orders" -> "order"), or None when the
  number stands alone ("plans to add 5,000 more");
- percents: `unit="percent"`, `kind="percent"`;
- `bound`: "about" (around, roughly, an estimated...), "at-least" (more than, over, +),
  "at-most" (less than, up to...), "range" (a-b, a to b, between a and b), else "exact".
  Bounded values keep low == high == the stated number; readers interpret `bound`.
Bare years ("in 2024"), day numbers of dates ("28 Mar") and digits glued to names ("Q3", "SU7") are
not quantities.
"""

from __future__ import annotations

import re

from hindsight.analysis.caseless import Caseless
from hindsight.analysis.names import is_english_word
from hindsight.analysis.periods import year_and_month
from hindsight.domain import Quantity

__all__ = ["NUMBER_VALUES", "UNITS", "find_quantities", "singular", "unit_name"]

# Currency words and symbols -> ISO 4217. Longest alternatives first in the regex.
_PREFIX_CURRENCY: dict[str, str] = {
    "us$": "USD",
    "usd": "USD",
    "$": "USD",
    "hk$": "HKD",
    "hkd": "HKD",
    "rmb": "CNY",
    "cny": "CNY",
    "cn¥": "CNY",
    "¥": "CNY",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "jpy": "JPY",
    "s$": "SGD",
    "a$": "AUD",
    "c$": "CAD",
    "₩": "KRW",
    "krw": "KRW",
    "₹": "INR",
    "inr": "INR",
}
_SUFFIX_CURRENCY: dict[str, str] = {
    "yuan": "CNY",
    "renminbi": "CNY",
    "rmb": "CNY",
    "cny": "CNY",
    "usd": "USD",
    "us dollars": "USD",
    "dollars": "USD",
    "dollar": "USD",
    "hong kong dollars": "HKD",
    "hk dollars": "HKD",
    "hkd": "HKD",
    "euros": "EUR",
    "euro": "EUR",
    "eur": "EUR",
    "pounds": "GBP",
    "gbp": "GBP",
    "yen": "JPY",
    "jpy": "JPY",
    "won": "KRW",
    "korean won": "KRW",
    "south korean won": "KRW",
    "rupees": "INR",
}
_SCALE: dict[str, float] = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "bln": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
}
_ABOUT = (
    "around",
    "about",
    "approximately",
    "approx.",
    "roughly",
    "nearly",
    "almost",
    "some",
    "an estimated",
    "estimated",
    "close to",
    "circa",
    "c.",
    "~",
)
_AT_LEAST = (
    "more than",
    "over",
    "at least",
    "above",
    "exceeding",
    "exceed",
    "exceeds",
    "exceeded",
    "surpass",
    "surpassing",
    "surpassed",
    "upwards of",
    "in excess of",
    "no less than",
    "no fewer than",
    "north of",
    "greater than",
)
_AT_MOST = (
    "less than",
    "fewer than",
    "under",
    "at most",
    "below",
    "up to",
    "no more than",
    "not more than",
    "as many as",
    "as much as",
)

_CUES_LONGEST_FIRST = sorted(
    [
        (cue, bound)
        for cues, bound in ((_AT_LEAST, "at-least"), (_AT_MOST, "at-most"), (_ABOUT, "about"))
        for cue in cues
    ],
    key=lambda pair: len(pair[0]),
    reverse=True,
)
# Every cue at once, for `str.endswith`: most figures follow no hedge at all.
_CUE_ENDINGS = tuple(cue for cue, _ in _CUES_LONGEST_FIRST)

_MONTHS = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)

# Words that end the noun run after a count: function words, verbs and time words.
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "and",
        "or",
        "but",
        "as",
        "than",
        "that",
        "which",
        "who",
        "this",
        "these",
        "those",
        "per",
        "each",
        "every",
        "more",
        "less",
        "fewer",
        "extra",
        "additional",
        "other",
        "new",
        "had",
        "has",
        "have",
        "is",
        "are",
        "was",
        "were",
        "will",
        "would",
        "be",
        "been",
        "being",
        "it",
        "its",
        "their",
        "his",
        "her",
        "our",
        "we",
        "they",
        "he",
        "she",
        "i",
        "you",
        "can",
        "could",
        "may",
        "might",
        "should",
        "shall",
        "do",
        "does",
        "did",
        "not",
        "no",
        "so",
        "up",
        "down",
        "last",
        "next",
        "first",
        # prepositions and conjunctions: "748 across its five programmes" counts no "across"
        "across",
        "over",
        "under",
        "into",
        "onto",
        "through",
        "throughout",
        "during",
        "since",
        "until",
        "within",
        "after",
        "before",
        "among",
        "between",
        "against",
        "via",
        "if",
        "when",
        "while",
        "where",
    ]
)
# Time units: a count of them is a duration ("3-5 years"); they end the noun run at once.
_TIME_UNITS = frozenset(
    [
        "year",
        "years",
        "month",
        "months",
        "week",
        "weeks",
        "day",
        "days",
        "hour",
        "hours",
        "minute",
        "minutes",
        "second",
        "seconds",
    ]
)
# Adjectives that can sit between a number and its noun ("10,000 new orders").
_SKIPPABLE = frozenset(
    ["new", "more", "extra", "additional", "other", "paid", "firm", "locked", "total", "annual"]
)

# Units of measure and the ways news writes them: one name per unit, so that "160 gigawatts" and
# "77.6 GW" (or "87.4GW", glued) count the same thing. Knowledge, not code: add a unit or a
# spelling here. Symbols are matched in any case ("GW", "gw"); a symbol may be glued to its
# number. Units of one dimension at other scales stay other units (a figure in MW is not
# compared with one in GW).
_UNIT_SPELLINGS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # unit: (symbols, words and their plurals)
    "kilowatt": (("kw",), ("kilowatt", "kilowatts")),
    "megawatt": (("mw",), ("megawatt", "megawatts")),
    "gigawatt": (("gw",), ("gigawatt", "gigawatts")),
    "terawatt": (("tw",), ("terawatt", "terawatts")),
    "kilowatt-hour": (("kwh",), ("kilowatt-hour", "kilowatt-hours")),
    "megawatt-hour": (("mwh",), ("megawatt-hour", "megawatt-hours")),
    "gigawatt-hour": (("gwh",), ("gigawatt-hour", "gigawatt-hours")),
    "terawatt-hour": (("twh",), ("terawatt-hour", "terawatt-hours")),
    "tonne": ((), ("tonne", "tonnes")),
    "kilometre": (("km",), ("kilometre", "kilometres", "kilometer", "kilometers")),
    "barrel": (("bbl",), ("barrel", "barrels")),
    "kilogram": (("kg",), ("kilogram", "kilograms")),
    "megabyte": (("mb",), ("megabyte", "megabytes")),
    "gigabyte": (("gb",), ("gigabyte", "gigabytes")),
    "terabyte": (("tb",), ("terabyte", "terabytes")),
    "milliamp-hour": (("mah",), ("milliamp-hour", "milliamp-hours")),
}
# The units of measure (not things counted): what they measure is named beside them.
PHYSICAL_UNITS = frozenset(_UNIT_SPELLINGS)
UNITS: dict[str, str] = {
    spelling: unit
    for unit, (symbols, words) in _UNIT_SPELLINGS.items()
    for spelling in (*symbols, *words)
}
_GLUED_UNIT_RE = re.compile(
    r"(?:"
    + "|".join(
        sorted((s for symbols, _ in _UNIT_SPELLINGS.values() for s in symbols), key=len)[::-1]
    )
    + r")\b",
    re.IGNORECASE,
)

# A number joined to the words after it by a hyphen is a compound adjective ("a
# 1,900-square-metre store", "a 12-storey tower"): its unit is those words, not the noun.
_HYPHENED_RE = re.compile(r"-[a-z]+(?:-[a-z]+)*\b")
# A unit written as a word of its own after the number ("75 GW wind", "80 gigawatts of"): the
# unit, whatever nouns follow it (the measured thing, not what is counted).
_UNIT_WORD_RE = re.compile(
    r"\s+(?:" + "|".join(sorted(UNITS, key=len, reverse=True)) + r")\b", re.IGNORECASE
)


def unit_name(unit: str | None) -> str | None:
    """The one name of a unit however it was written ("GW", "gigawatts" -> "gigawatt"); any
    other noun as given."""
    if unit is None:
        return None
    return UNITS.get(unit.lower(), unit)


_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE_RE = r"thousand|million|billion|trillion|mln|bln|trn|mn|bn|tn|k|m|b"
_PREFIX_RE = "|".join(re.escape(k) for k in sorted(_PREFIX_CURRENCY, key=len, reverse=True))
_SUFFIX_RE = "|".join(
    re.escape(k).replace(r"\ ", r"\s+") for k in sorted(_SUFFIX_CURRENCY, key=len, reverse=True)
)
_DASH = r"\s*(?:-|–|—|to)\s*"

_QUANTITY_RE = Caseless(
    rf"""
    (?:(?P<between>between)\s+)?
    (?:(?<![A-Za-z])(?P<cur1>{_PREFIX_RE})(?:\s*(?P<cur1b>\$))?\s?|(?<![A-Za-z0-9.,$€£¥])
    (?!(?:19|20)\d\d\s+to\s))  # "growth for 2015 to 3%": a year, then the figure
    (?P<n1>{_NUM})
    (?:\s?(?P<s1>{_SCALE_RE})\b)?
    (?:
        (?:{_DASH}|(?(between)\s+and\s+|(?!)))
        (?:(?:{_PREFIX_RE})\s?)?
        (?P<n2>{_NUM})
        (?:\s?(?P<s2>{_SCALE_RE})\b)?
    )?
    (?P<pct>\s?%|\s+per\s?cent\b|\s+percent\b)?
    (?:\s*(?P<plus>\+))?
    (?:(?:\s+|-)(?P<cur2>{_SUFFIX_RE})\b)?
    """,
    re.IGNORECASE | re.VERBOSE,
)
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z0-9&'\-]*")
_GAP_RE = re.compile(r"[ \t]+|-(?=[A-Za-z])")
_DIGIT = re.compile(r"\d")


def singular(word: str) -> str:
    """Return a plain singular of an English noun, enough to compare "orders" with "order"."""
    w = word.lower().strip("'")
    irregular = {
        "people": "person",
        "staff": "staff",
        "children": "child",
        "men": "man",
        "women": "woman",
        "series": "series",
        "news": "news",
        "bus": "bus",
    }
    if w in irregular:
        return irregular[w]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 2:
        return w[:-1]
    return w


def _number(text: str, scale: str | None) -> float:
    value = float(text.replace(",", ""))
    if scale:
        value *= _SCALE[scale.lower()]
    return value


def _bound_before(text: str, start: int) -> str | None:
    """The hedge word right before a number ("more than", "around"), if any.

    The longest cue wins, so "no more than" reads as at-most, not as "more than".
    """
    before = text[max(0, start - 25) : start].lower().rstrip()
    if not before.endswith(_CUE_ENDINGS):
        return None
    for cue, bound in _CUES_LONGEST_FIRST:
        if before.endswith(cue) and (
            len(before) == len(cue) or not before[-len(cue) - 1].isalnum()
        ):
            return bound
    return None


def _plural(word: str) -> bool:
    return word.endswith("s") and not word.endswith("ss")


_INITIALS_RE = re.compile(r"(?:[A-Z]\.){2,}")


def _noun_after(text: str, end: int) -> str | None:
    """The counted noun: last word of the content-word run after the number (max three words)."""
    noun: str | None = None
    pos = end
    for _ in range(3):
        m = _GAP_RE.match(text, pos)
        if not m and noun is None and pos == end:
            return None
        if m:
            pos = m.end()
        initials = _INITIALS_RE.match(text, pos)
        if initials and noun is None:
            pos = initials.end()  # "160 million U.S. adults": a place's initials qualify the noun
            continue
        w = _WORD_RE.match(text, pos)
        if not w:
            break
        word = w.group(0)
        low = word.lower()
        if low in _SKIPPABLE and noun is None:
            pos = w.end()
            continue
        if low in _STOP or low in _MONTHS:
            break
        if noun is not None and low.endswith("ed") and len(low) > 4:
            break  # a participle after the noun opens a clause: "three phones announced"
        if noun is not None and low.endswith("ing") and len(low) > 5 and _plural(noun):
            break  # so does one after a plural noun: "30 named storms surpassing the record"
        if low in _TIME_UNITS:
            noun = noun or word
            break
        noun = word
        pos = w.end()
        if text[pos : pos + 1] != " ":
            break
    return singular(noun) if noun else None


_MONTH_AFTER_RE = re.compile(r"\s*(?:st|nd|rd|th)?\s*(?:" + "|".join(_MONTHS) + r")\b")
_MONTH_BEFORE_RE = re.compile(r"(?:" + "|".join(_MONTHS) + r")\.?\s+$")
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_TIME_RE = re.compile(r"[:/]\d")


# "19.3m passengers", "12.4m subscribers": a short scale right before a plural noun scales it.
_COUNTED_AFTER_SCALE = re.compile(r"\s+(?:new\s+|paid\s+|more\s+)?[a-z][a-z-]*s\b")


# A capitalised word (not opening a sentence, not a month) right before a small number: the
# number is part of a name. And a designation after a count: "1,550 Model 3s" counts Model 3s.
_NAME_BEFORE_CODE = re.compile(r"(?:^|(.)\s|(?P<open>[(\[]))[A-Z][a-z]+\s$")
# A word no sentence opens with in ordinary prose: an acronym or a word capitalised inside
# ("JDK 9", "SE 9", "iPhone 12", "PlayStation 5", "S&P 500").
_CODED_NAME_BEFORE = re.compile(
    r"(?<![\w.&])(?:[A-Z]{2,}|[A-Z]+&[A-Z]+|[a-z]+[A-Z]\w*|[A-Z][a-z]+[A-Z]\w*)\s$"
)
_PLURAL_NOUN_AFTER = re.compile(r"\s+[a-z]+s\b")


def _names_code(before: str) -> bool:
    """The text `before` a number (its last 30 characters) ends in a capitalised word that does
    not open a sentence, or one that opens it but is no English word ("Debian 13 codenamed
    Trixie", not "Around 300 people")."""
    if _CODED_NAME_BEFORE.search(before):
        return True
    m = _NAME_BEFORE_CODE.search(before)
    if m is None:
        return False
    if m.group("open") is not None or (m.group(1) is not None and m.group(1) not in ".!?"):
        return True
    return not is_english_word(before.split()[-1])


_DESIGNATION_AFTER = re.compile(
    r"\s+[A-Z][a-z]+\s+(?:[A-Z](?:/[A-Z])*|\d{1,3}[A-Z]?)(?:['’]?s)?(?:\s+and\s+[A-Z])?\b"
)


_ORDINAL_TAIL_RE = re.compile(r"(?:st|nd|rd|th)\b")
# Nouns whose number says which one of a series, not how many: "season 4", "part 2" (data).
_SERIAL_BEFORE = re.compile(
    r"\b(?:season|series|part|episode|chapter|phase|volume|vol\.|game|round|stage|week|book|"
    r"act|gen|generation|level|step|issue|no\.)\s+$",
    re.I,
)
# A currency named in the singular after a number: no amount of 2,016 ("2016 euro area").
_SINGULAR_CURRENCY_RE = re.compile(r"\s*(?:euro|dollar|pound|franc|rupee|peso|ruble|rouble)\b")
_VERSION_TAIL_RE = re.compile(r"\.\d")
_VERSION_BEFORE_RE = re.compile(r"(?:\bv|\bversions?\s+(?:of\s+)?)$", re.I)


def _is_date_or_name(text: str, m: re.Match[str], models: frozenset[str]) -> bool:
    """Numbers that are part of a date or a name rather than a quantity; `models` are the
    numbers the text writes as models' names (`_model_numbers`)."""
    n1 = m.group("n1")
    plain = _plain(m)
    if plain and n1 in models:
        return True  # "737" where the text writes "737s" or "737 MAX": a model, no amount
    after = text[m.end("n1") : m.end("n1") + 12].lower()
    if (
        m.group("cur2")
        and not (m.group("cur1") or m.group("n2") or m.group("s1"))
        and _YEAR_RE.fullmatch(n1)
        and _SINGULAR_CURRENCY_RE.match(after)
    ):
        return True  # "its 2016 euro area growth forecast": a year before a noun, no amount
    if not plain:
        return False
    if _YEAR_RE.fullmatch(n1) and not m.group("n2"):
        return True  # a year
    n2 = m.group("n2")
    if _YEAR_RE.fullmatch(n1) and n2 and len(n2) == 2 and year_and_month(int(n1), int(n2)):
        return True  # a year and month ("2016-05"), as `periods` reads it
    if _MONTH_AFTER_RE.match(after):
        return True  # "28 Mar 2024"
    if _ORDINAL_TAIL_RE.match(after):
        return True  # a rank ("8th-generation chips", "the 21st century"), not an amount
    before = text[max(0, m.start("n1") - 10) : m.start("n1")].lower()
    if _MONTH_BEFORE_RE.search(before):
        return True  # "March 28"
    if _TIME_RE.match(text[m.end("n1") : m.end("n1") + 2]):
        return True  # a time or numeric date
    if m.start("n1") > 1 and text[m.start("n1") - 1] == "-" and text[m.start("n1") - 2].isalnum():
        return True  # the second part of a model code ("A330-900")
    before_code = text[max(0, m.start("n1") - 30) : m.start("n1")]
    if len(n1) <= 3 and _SERIAL_BEFORE.search(before_code):
        return True  # which one of a series: "season 4 part 2", "episode 3", "phase 2"
    if len(n1.replace(".", "")) <= 3 and _names_code(before_code):
        return True  # a name's code or release: "Model 3", "Windows 11", "(Rust 1.29"
    if n1.isdigit() and len(n1) == 4 and _CODED_NAME_BEFORE.search(before_code):
        return True  # a product line's model number ("RTX 3080", "RX 6800"): not an amount
    if _VERSION_TAIL_RE.match(text, m.end("n1")) or _VERSION_BEFORE_RE.search(
        text[max(0, m.start("n1") - 20) : m.start("n1")]
    ):
        return True  # a version number ("1.7.0.5", "version 1.7"): an identifier, not an amount
    return m.start("n1") > 0 and text[m.start("n1") - 1] in ":/"


# A number written as a model's name: with a plural "s" ("fewer 737s"), an "X" or a variant
# number glued on ("777X", "747-8"; not a unit, "256GB"), a capitalised tag ("737 MAX"), or
# before a noun no amount counts, in the singular ("777 production", "787 model", "737
# jetliner"; not "500 production workers").
_MODEL_NUMBER_RE = re.compile(
    r"(?<![\w.,$£€¥₩-])(\d{3,4})(?=s\b|X\b|-\d{1,2}\b|\s+MAX\b|\s+Max\b|"
    r"\s+(?:production|output|program|programme|model|jetliner|airliner|family|variant|fleet)\b"
    r"(?!\s+[a-z]+s\b))"
)


def _model_numbers(text: str) -> frozenset[str]:
    """The numbers `text` writes as models' names (`_MODEL_NUMBER_RE`), none a year, a decade
    ("1990s") or a round hundred ("the 100s"): wherever else the text writes them bare, they
    are the model too."""
    return frozenset(
        n
        for n in _MODEL_NUMBER_RE.findall(text)
        if not (len(n) == 4 and _YEAR_RE.fullmatch(n)) and int(n) % 100
    )


def _plain(m: re.Match[str]) -> bool:
    """A bare number: no currency, scale or percent sign."""
    return not (m.group("cur1") or m.group("cur2") or m.group("s1") or m.group("pct"))


def find_quantities(text: str) -> list[Quantity]:
    """Every money amount, count and percent in `text`, in order of appearance."""
    found: list[Quantity] = []
    words = sorted(_word_numbers(text), key=lambda pair: pair[0])
    if _DIGIT.search(text) is None:
        return [q for _, q in words]
    starts: list[int] = []
    models = _model_numbers(text)
    for m in _QUANTITY_RE.finditer(text):
        written = text[m.start() : m.end()]  # the match runs on lower-cased text
        if _is_date_or_name(text, m, models):
            continue
        n1, n2 = m.group("n1"), m.group("n2")
        s1, s2 = m.group("s1"), m.group("s2")
        # A lone "m"/"b"/"k" scale only counts right after a number with a currency ("$5m").
        currency = None
        if m.group("cur1"):
            currency = _PREFIX_CURRENCY[m.group("cur1").lower()]
            if m.group("cur1b") and currency not in {"USD", "HKD"}:
                currency = "USD"
        if m.group("cur2"):
            currency = _SUFFIX_CURRENCY[re.sub(r"\s+", " ", m.group("cur2").lower())]
        attached_k = s1 == "k" and text[m.end("n1") : m.end("n1") + 1] == "K"
        if attached_k and currency is None and not _COUNTED_AFTER_SCALE.match(text, m.end()):
            continue  # "4K gaming", "a 4K-capable GPU", "8K TVs": a resolution, not thousands
        if currency is None and not _COUNTED_AFTER_SCALE.match(text, m.end()) and not attached_k:
            s1 = s1 if s1 and len(s1) > 2 else None
            s2 = s2 if s2 and len(s2) > 2 else None
        if n2 is not None and s2 and not s1:
            s1 = s2  # "$10-12 billion": the scale belongs to both ends
        low = _number(n1, s1)
        high = _number(n2, s2 or s1) if n2 is not None else low
        if high < low:
            if n2 is not None and written.find("-") >= 0 and not m.group("between"):
                # "2023-24" style or a descending dash: not a range we understand.
                high = low
            else:
                low, high = high, low
        end = m.end()
        # Trim the match to what we used (the regex may have swallowed an unused scale letter).
        span_text = written.strip()
        unit: str | None
        if m.group("pct"):
            kind, unit = "percent", "percent"
        elif currency:
            kind, unit = "money", currency
        else:
            counted = _end_without_scale(m, s1, s2)
            designated = _DESIGNATION_AFTER.match(text, counted)
            glued = (
                _GLUED_UNIT_RE.match(text, counted)
                or _UNIT_WORD_RE.match(text, counted)
                # "a 1,900-square-metre store": the figure measures the store, counts none
                or _HYPHENED_RE.match(text, counted)
            )
            noun = glued.group(0).strip(" -") if glued else _noun_after(text, counted)
            kind, unit = "count", unit_name(noun)
            if designated:  # "1,550 Model 3s", "260 Model 3 cars": a noun after the name, if any
                plural = _PLURAL_NOUN_AFTER.match(text, designated.end())
                unit = singular(plural.group(0).strip()) if plural else None
            if glued:
                end = glued.end()
                span_text = text[m.start() : end].strip()
            elif noun and unit:
                end = _extend_to_noun(text, end, noun)
                span_text = text[m.start() : end].strip()
        bound = "range" if n2 is not None and high != low else "exact"
        hedge = _bound_before(text, m.start())
        if bound == "exact" and hedge:
            bound = hedge
        elif bound == "exact" and (m.group("plus") or re.match(r"\s+or\s+more\b", text[end:])):
            bound = "at-least"
        if bound != "range" and n2 is not None:
            high = low
        found.append(
            Quantity(low=low, high=high, unit=unit, text=span_text, kind=kind, bound=bound)
        )
        starts.append(m.start())
    found, starts = _alternatives(text, found, starts)
    if words:  # merge in reading order
        # "eight to 13 named storms" is one range in words: its "13 named storms" is no other
        spans = [(at, at + len(q.text)) for at, q in words]
        digits = [
            (at, q)
            for at, q in zip(starts, found, strict=True)
            if not any(lo < at < hi for lo, hi in spans)
        ]
        merged = sorted([*digits, *words], key=lambda pair: pair[0])
        return [q for _, q in merged]
    return found


# Bare numbers listed before a figure with its unit share it: "4, 5 or 6 percent", "4 or 5%"
# (the last joined by "or": "rose 4, 5%" is no list).
_ALTERNATIVE_GAP = re.compile(r"\s*,\s*(?:or\s+)?|\s+or\s+")


def _alternatives(
    text: str, found: list[Quantity], starts: list[int]
) -> tuple[list[Quantity], list[int]]:
    """Figures listed as alternatives, read as one range from the least to the most."""
    out: list[Quantity] = []
    at: list[int] = []
    run: list[tuple[int, Quantity]] = []
    for start, q in zip(starts, found, strict=True):
        if run:
            last_start, last = run[-1]
            gap = text[last_start + len(last.text) : start]
            if (
                last.kind == "count"
                and last.unit is None
                and last.bound == "exact"
                and _ALTERNATIVE_GAP.fullmatch(gap)
            ):
                run.append((start, q))
                if (q.unit is not None or q.kind != "count") and "or" in gap:
                    first_start = run[0][0]
                    low = min(r.low for _, r in run)
                    high = max(r.high for _, r in run)
                    written = text[first_start : start + len(q.text)]
                    out.append(Quantity(low, high, q.unit, written, q.kind, "range"))
                    at.append(first_start)
                    run = []
                continue
            out.extend(r for _, r in run)
            at.extend(s for s, _ in run)
            run = []
        run.append((start, q))
    out.extend(r for _, r in run)
    at.extend(s for s, _ in run)
    return out, at


_WORD_VALUES = {
    "a": 1.0,
    "one": 1.0,
    "two": 2.0,
    "three": 3.0,
    "four": 4.0,
    "five": 5.0,
    "six": 6.0,
    "seven": 7.0,
    "eight": 8.0,
    "nine": 9.0,
    "ten": 10.0,
    "half a": 0.5,
}
_WORD_NUMBER_RE = Caseless(
    r"(?<![\w-])(?P<w>half a|a|one|two|three|four|five|six|seven|eight|nine|ten)[\s-]+"
    r"(?P<sc>million|billion)\b"
)


_NUMBER_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
_ORDINALS = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
]
# Number words and their values ("twelve" -> 12.0), for every reader of numbers in words.
NUMBER_VALUES = {w: float(i) for i, w in enumerate(_NUMBER_WORDS)}
_SMALL_WORDS = {w: v for w, v in NUMBER_VALUES.items() if v >= 2} | {
    "dozen": 12.0,
    "a dozen": 12.0,
}
_ORDINAL_WORDS = {w: float(i) for i, w in enumerate(_ORDINALS) if i >= 2}
_SMALL = "|".join(sorted(_SMALL_WORDS, key=len, reverse=True))
# "six long-haul routes", "five, perhaps six, routes", "two or three plants"; and "its sixth
# route" (a count the subject reached: its sixth route means six of them; "the second part
# of the decade" is not a count).
# "One" counts only as the low end of a range ("one or two major hurricanes"): alone it is
# mostly a pronoun. The high end may be in digits ("eight to 13 named storms").
_SMALL_COUNT_RE = Caseless(
    rf"(?<![\w-])(?P<a>one(?=,?\s+(?:or|to)\s+(?:{_SMALL})\b)|{_SMALL})(?:,?\s+(?:or|to|perhaps|"
    rf"maybe|possibly|probably)\s+(?P<b>{_SMALL}|\d{{1,3}}(?![\d,.%])),?)?(?=\s)"
)
_ORDINAL_COUNT_RE = Caseless(rf"\b(?:its|their)\s+(?P<o>{'|'.join(_ORDINAL_WORDS)})(?=\s)")


def _small_counts(text: str, lower: str | None = None) -> list[tuple[int, Quantity]]:
    """Small counts written in words, with the noun they count; a count of time units is a
    duration, not a count ("two years"), and a number word without a noun is left alone.
    `lower` is `text.lower()` if already made."""
    out: list[tuple[int, Quantity]] = []
    lower = text.lower() if lower is None else lower
    for m in _SMALL_COUNT_RE.finditer(text, lower):
        unit = _noun_after(text, m.end())
        if unit is None or unit in _TIME_UNITS or unit.lower() in _STOP:
            continue
        a = m.group("a").lower()
        low = _SMALL_WORDS.get(a) or NUMBER_VALUES[a]  # "one" is only ever a range's low end
        b = m.group("b")
        high = (float(b) if b[0].isdigit() else _SMALL_WORDS[b.lower()]) if b else low
        end = _extend_to_noun(text, m.end(), unit)
        bound = "range" if high != low else _bound_before(text, m.start()) or "exact"
        out.append(
            (m.start(), Quantity(low, max(low, high), unit, text[m.start() : end], "count", bound))
        )
    for m in _ORDINAL_COUNT_RE.finditer(text, lower):
        unit = _noun_after(text, m.end())
        if unit is None or unit in _TIME_UNITS:
            continue
        value = _ORDINAL_WORDS[m.group("o").lower()]
        end = _extend_to_noun(text, m.end(), unit)
        out.append(
            (m.start("o"), Quantity(value, value, unit, text[m.start("o") : end], "count", "exact"))
        )
    return out


def _word_numbers(text: str) -> list[tuple[int, Quantity]]:
    """Counts written in words ("one million vehicles", "the one-million target", "six
    routes")."""
    out: list[tuple[int, Quantity]] = []
    lower = text.lower()
    scaling = _WORD_NUMBER_RE.finditer(text, lower)
    scaled = [m.span() for m in scaling]
    for start, q in _small_counts(text, lower):
        if not any(lo <= start < hi for lo, hi in scaled):
            out.append((start, q))
    for m in scaling:
        value = _WORD_VALUES[m.group("w").lower()] * _SCALE[m.group("sc").lower()]
        noun = _noun_after(text, m.end())
        end = _extend_to_noun(text, m.end(), noun) if noun else m.end()
        unit = unit_name(noun)
        bound = _bound_before(text, m.start()) or "exact"
        out.append(
            (m.start(), Quantity(value, value, unit, text[m.start() : end].strip(), "count", bound))
        )
    return out


def _end_without_scale(m: re.Match[str], s1: str | None, s2: str | None) -> int:
    """End of the numeric part, without a one-letter scale the regex took but we dropped."""
    if m.group("n2"):
        return m.end("s2") if s2 else m.end("n2")
    return m.end("s1") if s1 else m.end("n1")


def _extend_to_noun(text: str, end: int, noun: str) -> int:
    """Offset just after the noun that `_noun_after` found, for the quantity's text."""
    idx = text.lower().find(noun[:-1] if len(noun) > 3 else noun, end)
    if idx < 0 or idx - end > 30:
        return end
    w = _WORD_RE.match(text, idx)
    return w.end() if w else end
