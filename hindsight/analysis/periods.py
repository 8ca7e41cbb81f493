"""Find absolute dates and periods in prose and turn them into inclusive `DateWindow`s.

News states when things happen in many shapes ("on 28 Mar 2024", "in the first quarter of 2024",
"Q3 2025", "H1 2024", "by 2025", "in December 2023", "2025"); judging a timeline prediction needs
them as comparable windows. Relative expressions ("this year", "in April", "the second half of the
year") are resolved only when a reference date (usually the publication date) is given, because
without one they mean nothing checkable. Forecast horizons of the seed ("3-5 years", "mid-decade")
are the prediction extractor's business, not this module's.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from hindsight.analysis.caseless import Caseless
from hindsight.domain import DateWindow

__all__ = [
    "find_periods",
    "month_window",
    "quarter_window",
    "season_window",
    "year_and_month",
    "year_window",
]

_MONTH_NAMES = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_YEAR = r"(?:19|20)\d\d"
# Seasons as the northern hemisphere's meteorologists count them: (first month, last month).
# Winter spans two years, so only a relative winter ("this winter") is read.
_SEASONS: dict[str, tuple[int, int]] = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 14),  # December to the next February
}
_SEASON_NAMES = "|".join(name for name in _SEASONS if name != "winter")
_ORD = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "final": 4,
    "last": 4,
}

_PATTERNS: list[tuple[str, Caseless]] = [
    ("iso", Caseless(rf"\b(?P<y>{_YEAR})-(?P<m>\d\d)-(?P<d>\d\d)\b")),
    # A year and month ("2017-01", a roadmap's milestone), when it cannot be a range of years
    # (`year_and_month`).
    ("isomonth", Caseless(rf"\b(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])\b(?![-/.]\d)")),
    # A day written with slashes ("6/30/2025", "30/6/2025"): read only when the order is plain
    # (`_slash_day`).
    ("slash", Caseless(rf"\b(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>{_YEAR})\b")),
    (
        "dmy",
        Caseless(
            rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH_NAMES})\.?,?"
            rf"\s+(?P<y>{_YEAR})\b",
            re.I,
        ),
    ),
    (
        "mdy",
        Caseless(
            rf"\b(?P<mon>{_MONTH_NAMES})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
            rf"(?P<y>{_YEAR})\b",
            re.I,
        ),
    ),
    (
        "quarter",
        Caseless(
            rf"\b(?:the\s+)?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|"
            rf"4th)\s+quarter\s+(?:of\s+)?(?P<y>{_YEAR}|(?:this|the|next|last)\s+"
            rf"year)\b",
            re.I,
        ),
    ),
    (
        "quarter",
        Caseless(
            rf"\bQ(?P<q>[1-4])\s*(?:of\s+)?(?:(?P<y>{_YEAR})|FY(?P<fy>\d\d)|"
            rf"['‘’](?P<yy>\d\d))?\b",  # "Q1 '23", typographic quotes too ("Q1 ‘23")
            re.I,
        ),
    ),
    ("quarter", Caseless(rf"\b(?P<y>{_YEAR})\s*Q(?P<q>[1-4])\b", re.I)),
    (
        "half",
        Caseless(
            rf"\b(?:the\s+)?(?P<ord>first|second|1st|2nd)\s+half\s+(?:of\s+)?"
            rf"(?P<y>{_YEAR}|(?:this|the|next|last)\s+year)\b",
            re.I,
        ),
    ),
    ("half", Caseless(rf"\bH(?P<h>[12])\s*(?:(?P<y>{_YEAR})|['‘’]?(?P<yy>\d\d)\b)?", re.I)),
    ("half", Caseless(rf"\b(?P<y>{_YEAR})\s*H(?P<h>[12])\b", re.I)),
    (
        "part",
        Caseless(
            rf"\b(?P<part>early|mid|middle\s+of|late|end\s+of|end|start\s+of|beginning\s+of)"
            rf"[\s-]+(?P<y>{_YEAR})\b",
            re.I,
        ),
    ),
    (
        "by",
        Caseless(
            rf"\b(?P<by>by|before|no later than|until)\s+(?:the\s+end\s+of\s+)?"
            rf"(?P<y>{_YEAR})\b",
            re.I,
        ),
    ),
    ("my", Caseless(rf"\b(?P<mon>{_MONTH_NAMES})\.?,?\s+(?P<y>{_YEAR})\b", re.I)),
    # A day without a year ("on 20 February", "by the 18 November action date"): that day in
    # the year nearest the reference ("would launch on March 14" in December is next March).
    (
        "dm",
        Caseless(
            rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH_NAMES})\b"
            rf"(?!\.?,?\s+\d)|\b(?P<mon2>{_MONTH_NAMES})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b"
            r"(?!,?\s+\d)",
            re.I,
        ),
    ),
    # Part of a month without a year ("in late October", "early September"): ten days of it.
    (
        "monthpart",
        Caseless(
            rf"\b(?P<part>early|mid|middle\s+of|late|end\s+of|beginning\s+of|start\s+of)[\s-]+"
            rf"(?P<mon>{_MONTH_NAMES})\b(?!\.?,?\s+\d)",
            re.I,
        ),
    ),
    # A season of a year ("summer 2021", "the spring of 2022", "late autumn 2020").
    (
        "season",
        Caseless(
            rf"\b(?:(?P<part>early|mid|late)[\s-]+)?(?P<season>{_SEASON_NAMES})\s+(?:of\s+)?"
            rf"(?P<y>{_YEAR})\b(?![\d%]|[.,]\d|\s*(?:percent|per\s+cent))",
            re.I,
        ),
    ),
    # "this summer", "next spring", "last fall": the season relative to the reference date.
    (
        "relseason",
        Caseless(
            rf"\b(?P<rel>this|next|last)\s+(?:(?P<part>early|mid|late)[\s-]+)?"
            rf"(?P<season>{_SEASON_NAMES}|winter)\b",
            re.I,
        ),
    ),
    # "the end of the year", "end of this year": the last quarter of the reference year.
    ("yearend", Caseless(r"\bend\s+of\s+(?:the|this)\s+year\b", re.I)),
    # "last quarter", "this quarter": the quarter relative to the reference date.
    ("relquarter", Caseless(r"\b(?P<rel>this|next|last|previous|past)\s+quarter\b", re.I)),
    ("relyear", Caseless(r"\b(?P<rel>this|next|last)\s+year\b", re.I)),
    # "this month", "later this month", "by the end of the month", "next month": the month
    # relative to the reference date (an article's "the month" is the one it was written in).
    (
        "relmonth",
        Caseless(r"\b(?:(?P<rel>this|next|last)\s+month|end\s+of\s+the\s+month)\b", re.I),
    ),
    # "this week", "next week": the week (Monday to Sunday) relative to the reference date.
    ("relweek", Caseless(r"\b(?P<rel>this|next|last)\s+week\b", re.I)),
    (
        "month",
        Caseless(rf"\b(?:in|during|since|by|for)\s+(?P<mon>{_MONTH_NAMES})\b(?!\s+\d)", re.I),
    ),
    (
        "year",
        Caseless(
            rf"(?<![\d,.$€£¥-])\b(?P<y>{_YEAR})\b(?![\d%]|[.,]\d|\s*(?:yuan|cars|units))", re.I
        ),
    ),
]


_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# For each pattern above, words one of which the lower-cased text must contain for the pattern
# to have any chance: most sentences name a year and little else, so most patterns are skipped
# with a substring test instead of a regex scan.
_NEEDS: tuple[tuple[str, ...], ...] = (
    ("-",),  # iso
    ("-",),  # isomonth
    ("/",),  # slash
    _MONTH_STEMS,  # dmy
    _MONTH_STEMS,  # mdy
    ("quarter",),
    ("q1", "q2", "q3", "q4"),
    ("q1", "q2", "q3", "q4"),
    ("half",),
    ("h1", "h2"),
    ("h1", "h2"),
    ("early", "mid", "late", "end", "start", "beginning"),  # part
    ("by", "before", "no later", "until"),
    _MONTH_STEMS,  # my
    _MONTH_STEMS,  # dm
    _MONTH_STEMS,  # monthpart
    ("spring", "summer", "autumn", "fall"),  # season
    ("spring", "summer", "autumn", "fall", "winter"),  # relseason
    ("end",),  # yearend
    ("quarter",),  # relquarter
    ("year",),  # relyear
    ("month",),  # relmonth
    ("week",),  # relweek
    _MONTH_STEMS,  # month
    ("19", "20"),  # year
)
assert len(_NEEDS) == len(_PATTERNS)
_NEEDED = [re.compile("|".join(re.escape(word) for word in needs)) for needs in _NEEDS]

# Without a digit only relative phrases can name a period; this skips most sentences fast.
_DIGIT = re.compile(r"\d")
_RELATIVE = re.compile(
    rf"\b(?:this|next|last|the)\s+(?:year|month)\b|\b(?:this|next|last)\s+(?:\w+\s+)?"
    rf"(?:{_SEASON_NAMES}|winter)\b|\b(?:this|next|last)\s+week\b|\b(?:this|next|last|previous|past)\s+quarter\b|"
    rf"\b(?:{_MONTH_NAMES})\b",
    re.I,
)


# A capitalised word straight before a year, other than a word that dates it ("In 2020", "By
# 2030", "June 2020", "Fiscal 2021").
_DATING_WORDS = (
    r"in|by|since|until|till|from|for|during|before|after|through|to|of|and|or|the|around|"
    r"about|fiscal|fy|early|mid|late|end|spring|summer|autumn|fall|winter|q[1-4]|h[12]|"
    r"year|season|class|circa|ca|vs|versus|between|than|at|on|as|is|was|will|"
    rf"{_MONTH_NAMES}"
)
_NAMED_BEFORE = re.compile(rf"\b(?!(?i:{_DATING_WORDS})\s)[A-Z][A-Za-z]+\s$")


_FAR_YEARS = 20  # a year this far past the reference, written after a name, is the name's


def _name_number(m: re.Match[str], text: str, reference: date | None) -> bool:
    """Whether a bare year is a number in a name ("Cyberpunk 2077", "Blade Runner 2049"): a
    capitalised word that does not date it stands straight before it, and it lies far past the
    reference date. Near years keep their reading: "Tesla 2021 deliveries" are 2021's."""
    if reference is None or int(m.group("y")) <= reference.year + _FAR_YEARS:
        return False
    return _NAMED_BEFORE.search(text, max(0, m.start() - 30), m.start()) is not None


def year_and_month(year: int, month: int) -> bool:
    """Whether "<year>-<nn>" is a month ("2017-01") rather than a range of years ("2011-12",
    "2016-17", a fiscal year or a season): a range runs forward, so a month number no greater
    than the year's last two digits cannot end one."""
    return 1 <= month <= min(12, year % 100)


def year_window(year: int, text: str) -> DateWindow:
    """The whole calendar year."""
    return DateWindow(date(year, 1, 1), date(year, 12, 31), text)


def month_window(year: int, month: int, text: str) -> DateWindow:
    """The whole calendar month."""
    return DateWindow(
        date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), text
    )


def quarter_window(year: int, quarter: int, text: str) -> DateWindow:
    """The calendar quarter 1..4 of `year`."""
    start = month_window(year, 3 * quarter - 2, text).start
    return DateWindow(start, month_window(year, 3 * quarter, text).end, text)


# Days of a month its parts name: (first day, last day or None for the month's end).
_MONTH_PARTS: dict[str, tuple[int, int | None]] = {
    "early": (1, 10),
    "beginning": (1, 10),
    "start": (1, 10),
    "mid": (11, 20),
    "middle": (11, 20),
    "late": (21, None),
    "end": (21, None),
}
# Months of a year its parts name: (first month, last month).
_YEAR_PARTS: dict[str, tuple[int, int]] = {
    "early": (1, 4),
    "start": (1, 3),
    "beginning": (1, 3),
    "mid": (4, 9),
    "middle": (4, 9),
    "late": (9, 12),
    "end": (10, 12),
}
_MONTHS = {name: i for i, name in enumerate(calendar.month_abbr) if name}


def _month_number(name: str) -> int:
    return _MONTHS[name[:3].title()]


def _year(m: re.Match[str], reference: date | None) -> int | None:
    """The year a match names, resolving "this/next/last year" and two-digit years."""
    groups = m.groupdict()
    y = groups.get("y")
    if y and y[:2].isdigit() and len(y) == 4:
        return int(y)
    if groups.get("yy"):
        return 2000 + int(groups["yy"])
    if groups.get("fy"):
        return 2000 + int(groups["fy"])
    if reference is None:
        return None
    word = (y or groups.get("rel") or "this").lower().split()[0]
    return reference.year + {"next": 1, "last": -1}.get(word, 0)


def _recent_month(month: int, reference: date, text: str) -> DateWindow:
    """The most recent such month not after the reference ("in May" read in June: this May)."""
    return month_window(
        reference.year if month <= reference.month else reference.year - 1, month, text
    )


# Kinds that name no year and are read against the reference date (skipped without one).
_REFERENCED = frozenset(
    {"dm", "monthpart", "yearend", "relquarter", "relmonth", "relweek", "relseason", "month"}
)


def season_window(year: int, season: str, part: str | None, text: str) -> DateWindow:
    """A season of `year` (winter: from its December), or its early, mid or late month."""
    first, last = _SEASONS[season.lower()]
    if part:
        first = last = first + {"early": 0, "mid": 1, "late": 2}[part.lower()]
    start = date(year + (first - 1) // 12, (first - 1) % 12 + 1, 1)
    return DateWindow(
        start, month_window(year + (last - 1) // 12, (last - 1) % 12 + 1, text).end, text
    )


def _relative_season(m: re.Match[str], reference: date, text: str) -> DateWindow:
    """ "this summer": the reference year's (this winter: the one under way or next); "next
    summer": the first to start after the reference; "last summer": the last to end before it."""
    season, part, rel = m.group("season"), m.group("part"), m.group("rel").lower()
    year = reference.year - (1 if season.lower() == "winter" and reference.month <= 2 else 0)
    if rel == "next":
        while season_window(year, season, part, text).start <= reference:
            year += 1
    elif rel == "last":
        while season_window(year, season, part, text).end >= reference:
            year -= 1
    return season_window(year, season, part, text)


def _referenced(kind: str, m: re.Match[str], reference: date, text: str) -> DateWindow | None:
    """The window a phrase without a year names, read against `reference`."""
    if kind == "dm":  # a day without a year: that day in the year nearest the reference
        month = _month_number(m.group("mon") or m.group("mon2"))
        try:
            days = [
                date(reference.year + k, month, int(m.group("d") or m.group("d2")))
                for k in (-1, 0, 1)
            ]
        except ValueError:
            return None
        day = min(days, key=lambda d: abs((d - reference).days))
        return DateWindow(day, day, text)
    if kind == "monthpart":  # part of the most recent such month
        whole = _recent_month(_month_number(m.group("mon")), reference, text)
        first, last = _MONTH_PARTS[m.group("part").lower().split()[0]]
        end = whole.end if last is None else whole.start.replace(day=last)
        return DateWindow(whole.start.replace(day=first), end, text)
    if kind == "relseason":
        return _relative_season(m, reference, text)
    if kind == "yearend":
        return DateWindow(date(reference.year, 10, 1), date(reference.year, 12, 31), text)
    if kind == "relquarter":
        shift = {"next": 1, "last": -1, "previous": -1, "past": -1}.get(m.group("rel").lower(), 0)
        index = reference.year * 4 + (reference.month - 1) // 3 + shift
        return quarter_window(index // 4, index % 4 + 1, text)
    if kind == "relmonth":
        shift = {"next": 1, "last": -1}.get((m.group("rel") or "this").lower(), 0)
        index = reference.year * 12 + reference.month - 1 + shift
        return month_window(index // 12, index % 12 + 1, text)
    if kind == "relweek":
        shift = {"next": 1, "last": -1}.get(m.group("rel").lower(), 0)
        monday = reference - timedelta(days=reference.weekday() - 7 * shift)
        return DateWindow(monday, monday + timedelta(days=6), text)
    return _recent_month(_month_number(m.group("mon")), reference, text)  # a bare month name


def _slash_day(year: int, first: int, second: int) -> date | None:
    """The day "first/second/year" names, or None when it is no day or its order is unknown.

    Why: American writing puts the month first ("6/30/2025"), most other writing the day
    ("30/6/2025"); a number over 12 says which is the day. "6/7/2025" is June or July, and a
    deadline a month off is worse than the year alone, which the year pattern still reads.
    """
    if first == second or (first <= 12) == (second <= 12):
        month, day = (first, second) if first == second else (0, 0)
    elif first <= 12:
        month, day = first, second
    else:
        month, day = second, first
    try:
        return date(year, month, day) if month else None
    except ValueError:  # "2/30/2025"
        return None


def _window(kind: str, m: re.Match[str], reference: date | None, text: str) -> DateWindow | None:
    """The window match `m` names; `text` is the match as written."""
    if kind in _REFERENCED:
        return None if reference is None else _referenced(kind, m, reference, text)
    year = _year(m, reference)
    if year is None:
        return None
    if kind == "slash":
        day = _slash_day(year, int(m.group("a")), int(m.group("b")))
        return None if day is None else DateWindow(day, day, text)
    if kind in {"iso", "dmy", "mdy"}:
        month = int(m.group("m")) if kind == "iso" else _month_number(m.group("mon"))
        try:
            day = date(year, month, int(m.group("d")))
        except ValueError:
            return None
        return DateWindow(day, day, text)
    if kind == "my":
        return month_window(year, _month_number(m.group("mon")), text)
    if kind == "isomonth":
        month = int(m.group("m"))
        return month_window(year, month, text) if year_and_month(year, month) else None
    if kind == "quarter":
        q = int(m.group("q")) if m.groupdict().get("q") else _ORD[m.group("ord").lower()]
        return quarter_window(year, q, text)
    if kind == "half":
        h = int(m.group("h")) if m.groupdict().get("h") else _ORD[m.group("ord").lower()]
        return DateWindow(date(year, 6 * h - 5, 1), month_window(year, 6 * h, text).end, text)
    if kind == "part":
        months = _YEAR_PARTS[m.group("part").lower().split()[0]]
        return DateWindow(date(year, months[0], 1), month_window(year, months[1], text).end, text)
    if kind == "season":
        return season_window(year, m.group("season"), m.group("part"), text)
    if kind == "by":
        last = year - 1 if m.group("by").lower() == "before" else year
        start = reference if reference and reference.year <= last else date(last, 1, 1)
        return DateWindow(start, date(last, 12, 31), text)
    return year_window(year, text)  # "year" and "relyear"


def find_periods(text: str, reference: date | None = None) -> list[DateWindow]:
    """Dates and periods in `text`, most specific reading first at each place, in text order.

    `reference` (a publication date) resolves relative phrases; without it they are skipped.
    """
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, DateWindow]] = []
    if _DIGIT.search(text) is None and (reference is None or not _RELATIVE.search(text)):
        return []
    lower = text.lower()
    for (kind, pattern), needed in zip(_PATTERNS, _NEEDED, strict=True):
        if needed.search(lower) is None:
            continue
        for m in pattern.finditer(text, lower):
            start, end = m.span()
            if any(start < e and s < end for s, e in taken):
                continue
            if kind == "year" and _name_number(m, text, reference):
                continue  # "Cyberpunk 2077": a number in a name, no year
            try:
                window = _window(kind, m, reference, text[start:end])
            except (ValueError, OverflowError):  # "next year" in 9999, "Feb 30": no such date
                window = None
            if window is None:
                continue
            taken.append((start, end))
            found.append((start, window))
    return [w for _, w in sorted(found, key=lambda pair: pair[0])]
