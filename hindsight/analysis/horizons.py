"""Forecast horizons ("in 3-5 years", "by mid-decade", "in the coming months") as date windows.

A forecast's horizon is relative to when it was written, so every expression is resolved against
the publication date. Absolute periods ("by the end of 2024", "in the second half of 2025") are
read by `hindsight.analysis.periods`; this module adds the relative ones and turns a leading
"by"/"before"/"within"/"through" into a window that starts at publication, since such a forecast is
already met by an early outcome.

Conventions (inclusive windows, `P` = publication date):
- "N years" after take/in/about: P+N years (ranges "3-5 years": P+3y .. P+5y).
- "within N years", "over the next N years", "by/before ...": P .. end.
- "mid-decade": years 4-6 of the decade of P; "first half of this decade": years 0-4;
  "second part/half": years 5-9; "end of the decade"/"late this decade": years 7-9.
- "in the coming weeks": P .. P+2 months; "coming (weeks and) months": P .. P+6 months;
  "coming years": P .. P+3 years; "soon", "shortly": P .. P+6 months.
- "this season", "the new season", "this campaign": P .. P+1 year (a season of any sport ends
  within a year of any day in it); "next season": P .. P+2 years.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from dateutil.relativedelta import relativedelta

from hindsight.analysis.periods import find_periods
from hindsight.domain import DateWindow

__all__ = ["find_horizon", "find_horizons", "into_year", "year_ahead"]

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "eighteen": 18, "twenty": 20, "thirty": 30, "a couple of": 2, "a few": 3, "several": 4,
}  # fmt: skip
_NUM = (
    r"(?:\d+(?:\.\d+)?|a couple of|a few|several|"
    + "|".join(sorted((k for k in _NUMBER_WORDS if " " not in k), key=len, reverse=True))
    + ")"
)
_UNIT = r"(?P<unit>years?|months?|quarters?|weeks?|days?|decades?)"
_LEAD = (
    r"(?P<lead>within|over the (?:course of the )?(?:next|coming)|over|for (?:at least )?the next|"
    r"in the next|the next|next|in|after|takes?|taking|took|about|around|roughly|some)"
)
_DURATION_RE = re.compile(
    rf"\b{_LEAD}\s+(?:about\s+|around\s+|roughly\s+|some\s+|another\s+)?"
    rf"(?P<a>{_NUM})(?:\s*(?:-|–|—|to|or)\s*(?P<b>{_NUM}))?[\s-]+{_UNIT}\b",
    re.I,
)
_ORDINAL_DECADE_RE = re.compile(
    r"\b(?P<by>by\s+|before\s+)?(?:(?:around|about|by|in)\s+)?(?:the\s+)?"
    r"(?P<part>mid|middle|early|late|end|(?:first|second|latter)\s+(?:half|part))"
    r"(?:[\s-]+(?:of\s+)?)(?:this\s+|the\s+)?(?P<which>next\s+)?decade\b",
    re.I,
)
_COMING_RE = re.compile(
    r"\b(?:in\s+|during\s+|within\s+)?(?:this|the\s+current)\s+(?P<this>decade)\b|"
    r"\b(?:for\s+|through\s+|over\s+)?the\s+rest\s+of\s+(?:this|the)\s+(?P<rest>decade|year)\b|"
    r"\b(?:in\s+)?the\s+(?:coming|next\s+few)\s+(?P<what>days|weeks(?:\s+(?:and|or)\s+months)?|"
    r"months|years)\b|(?<!\bas\s)\b(?P<soon>soon|shortly|imminently)\b(?!\s+as\b)|"
    # "throughout the next year", "over the coming year": the twelve months from the day written,
    # not the next calendar year ("next year" alone).
    r"\b(?:over|in|within|during|throughout|for)\s+the\s+(?:next|coming)\s+(?P<twelve>year)\b"
    r"(?:\s+or\s+(?:(?P<two>two)|so)\b)?",
    re.I,
)
_SEASON_RE = re.compile(
    r"\b(?:(?P<this>this|the\s+(?:new|coming|upcoming|current))|(?P<next>next))\s+"
    r"(?:season|campaign)\b",
    re.I,
)
_BY_LEAD_RE = re.compile(
    r"\b(?:by|before|within|through|until|no later than)\s+(?:at least\s+)?"
    r"(?:the\s+)?(?:end\s+of\s+)?$",
    re.I,
)
# "before March 2023", "before the summer of 2023": the period itself is too late (unlike "by",
# or "before the end of").
# Not "before the 2024 election": a year naming an event of that year, which may be at its end.
_BEFORE_LEAD_RE = re.compile(r"before\s+(?!(?:the\s+)?end\b)(?!the\s+(?:19|20)\d\d\s+[a-z])", re.I)
_YEAR_IN = re.compile(r"\b(?:19|20)\d\d\b")
_PAST_LEAD_RE = re.compile(r"\b(?:since|from|ago|past)\s+(?:the\s+)?$", re.I)
_RELATIVE_WEEK_RE = re.compile(r"(?:this|next|last)\s+week\b", re.I)
_YEAR_COMMA_RE = re.compile(r"\b((?:19|20)\d\d),")
_DECADE_PARTS = {
    "mid": (4, 6), "middle": (4, 6), "early": (0, 3), "late": (7, 9), "end": (7, 9),
    "first half": (0, 4), "first part": (0, 4), "second half": (5, 9), "second part": (5, 9),
    "latter half": (5, 9), "latter part": (5, 9),
}  # fmt: skip
_COMING = {
    "days": relativedelta(weeks=2),
    "weeks": relativedelta(months=2),
    "months": relativedelta(months=6),
    "years": relativedelta(years=3),
}


def _number(word: str) -> float:
    word = word.lower()
    return float(word) if word[0].isdigit() else float(_NUMBER_WORDS[word])


def _offset(amount: float, unit: str) -> relativedelta:
    unit = unit.lower().rstrip("s")
    months = {"year": 12.0, "decade": 120.0, "quarter": 3.0, "month": 1.0}.get(unit)
    if months is not None:
        return relativedelta(months=round(amount * months))
    return relativedelta(days=round(amount * (7 if unit == "week" else 1)))


# "The first refresh in three years", "its best quarter in a decade": the span since the last
# one, not a time ahead.
_FIRST_SINCE_RE = re.compile(
    r"\b(?:first|only|best|worst|biggest|largest|highest|lowest)\b"
    # the noun phrase it heads, with no verb in it: no auxiliary, and no word ending in "s"
    # ("its first car goes on sale in three years" is a time ahead)
    r"(?:\s+(?!(?:will|would|could|should|can|may|might|shall|must|to|is|are|be|was|were)\b)"
    r"[\w’'-]*[^\Ws]){0,3}\s*$",
    re.I,
)


def _durations(text: str, published: date) -> list[tuple[int, DateWindow]]:
    found = []
    for m in _DURATION_RE.finditer(text):
        lead = m.group("lead").lower()
        if lead == "in" and _FIRST_SINCE_RE.search(text[max(0, m.start() - 60) : m.start()]):
            continue
        a = _number(m.group("a"))
        b = _number(m.group("b")) if m.group("b") else a
        end = published + _offset(b, m.group("unit"))
        from_start = lead.startswith(("within", "over", "for", "in the next", "the next", "next"))
        start = published if from_start else published + _offset(a, m.group("unit"))
        found.append((m.start(), DateWindow(start, end, m.group().strip())))
    return found


def _decade_parts(text: str, published: date) -> list[tuple[int, DateWindow]]:
    found = []
    for m in _ORDINAL_DECADE_RE.finditer(text):
        base = published.year // 10 * 10 + (10 if m.group("which") else 0)
        first, last = _DECADE_PARTS[" ".join(m.group("part").lower().split())]
        start = date(base + first, 1, 1)
        if m.group("by") or (m.group("part").lower() == "end" and "by" in m.group().lower()):
            start = published
        found.append((m.start(), DateWindow(start, date(base + last, 12, 31), m.group().strip())))
    return found


def _coming(text: str, published: date) -> list[tuple[int, DateWindow]]:
    found = []
    for m in _COMING_RE.finditer(text):
        if m.group("this"):
            end = date(published.year // 10 * 10 + 9, 12, 31)
            found.append((m.start(), DateWindow(published, end, m.group().strip())))
            continue
        if m.group("rest"):
            years = 1 if m.group("rest").lower() == "year" else 10 - published.year % 10
            end = date(published.year + years - 1, 12, 31)
            found.append((m.start(), DateWindow(published, end, m.group().strip())))
            continue
        if m.group("twelve"):
            end = published + relativedelta(years=2 if m.group("two") else 1)
            found.append((m.start(), DateWindow(published, end, m.group().strip())))
            continue
        what = (m.group("what") or "months").lower()
        key = "months" if "months" in what else what
        end = published + _COMING[key]
        found.append((m.start(), DateWindow(published, end, m.group().strip())))
    return found


def _seasons(text: str, published: date) -> list[tuple[int, DateWindow]]:
    """ "this season" (within a year of the day written), "next season" (within two): the
    horizon of a sentence that names no date of its own."""
    return [
        (
            m.start(),
            DateWindow(
                published,
                published + relativedelta(years=1 if m.group("this") else 2),
                m.group().strip(),
            ),
        )
        for m in _SEASON_RE.finditer(text)
    ]


def _absolute(text: str, published: date) -> list[tuple[int, DateWindow]]:
    found = []
    cursor = 0
    # Workaround: periods.find_periods misses a year followed by a comma ("in 2026, about half");
    # a space keeps every offset the same.
    for window in find_periods(_YEAR_COMMA_RE.sub(r"\1 ", text), published):
        pos = text.find(window.text, cursor)
        if pos < 0:
            pos = cursor
        cursor = pos + len(window.text)
        if _PAST_LEAD_RE.search(text[max(0, pos - 20) : pos]):
            continue  # "since 2020", "in the past year": history, not a horizon
        if _RELATIVE_WEEK_RE.match(window.text):
            if window.end < published:
                continue  # "last week": history
            # "next week" as a writer dates it: an article goes out days after it is written,
            # so the deadline is the end of that week, and no earlier day is too early.
            window = DateWindow(published, window.end, window.text)
        if window.end < published and not _YEAR_IN.search(window.text):
            # "by 18 November", "in July", "late October" in a forecast: the next such day or
            # month, not the last one (a forecast is about what has not happened yet).
            window = DateWindow(
                window.start + relativedelta(years=1),
                window.end + relativedelta(years=1),
                window.text,
            )
        lead = _BY_LEAD_RE.search(text[max(0, pos - 40) : pos])
        if lead and window.start > published:
            end = window.end
            if _BEFORE_LEAD_RE.match(text, pos - len(lead.group())):
                end = window.start - relativedelta(days=1)  # "before March": up to February's end
            window = DateWindow(published, end, text[pos - len(lead.group()) : cursor])
        found.append((pos, window))
    return found


# Two parts of one year, either of which the forecast allows: "in Spring or Fall of 2024", "in
# March or April 2025", "in Q2 or Q3 of this year", "in the first or second quarter of 2025".
_PART = (
    r"(?:spring|summer|fall|autumn|winter|january|february|march|april|may|june|july|august|"
    r"september|october|november|december|early|mid|late|q[1-4]|h[12])"
)
_PART_YEAR = r"(?:19|20)\d\d|this\s+year|next\s+year"
_EITHER_PART_RE = re.compile(
    rf"\b(?:in\s+)?(?P<a>{_PART})\s+or\s+(?P<b>{_PART})(?:\s+of)?\s+(?P<year>{_PART_YEAR})\b"
    r"|\b(?:in\s+)?the\s+(?P<qa>first|second|third|fourth)\s+or\s+(?P<qb>first|second|third|"
    rf"fourth)\s+(?P<unit>quarter|half)\s+of\s+(?P<qyear>{_PART_YEAR})\b",
    re.I,
)


def _either_part(text: str, published: date) -> list[tuple[int, DateWindow]]:
    """ "A or B of YEAR": one window from A's start to B's end, both in that year ("this year"
    is the year of publication). Read apart, A lost its year ("in March" alone is the next
    March, "Q2" alone this year's) and the forecast kept only one of the two."""
    found = []
    for m in _EITHER_PART_RE.finditer(text):
        said = m.group("year") or m.group("qyear")
        year = said if said[:1].isdigit() else str(published.year + ("next" in said.lower()))
        if m.group("a"):
            first = f"{m.group('a')} {year}"
            second = f"{m.group('b')} {year}"
        else:
            unit = m.group("unit")
            first = f"the {m.group('qa')} {unit} of {year}"
            second = f"the {m.group('qb')} {unit} of {year}"
        read = [find_periods(part, published) for part in (first, second)]
        if not all(read):
            continue
        start = min(read[0][0].start, read[1][0].start)
        end = max(read[0][0].end, read[1][0].end)
        found.append((m.start(), DateWindow(start, end, m.group().strip())))
    return found


def _calendar_safe(
    finder: Callable[[str, date], list[tuple[int, DateWindow]]], text: str, published: date
) -> list[tuple[int, DateWindow]]:
    """A finder's windows, or none when one would end past the calendar (year 9999).

    Feeds carry dates in year 9999 and texts say "within 9999999999 years": date arithmetic then
    overflows, and such a horizon is no horizon, not a reason to fail the whole item.
    """
    try:
        return finder(text, published)
    except (ValueError, OverflowError):
        return []


def find_horizons(text: str, published: date) -> list[DateWindow]:
    """Every horizon in `text`, in order of appearance, resolved against `published`."""
    found = [
        hit
        for finder in (_either_part, _durations, _decade_parts, _coming, _absolute)
        for hit in _calendar_safe(finder, text, published)
    ]
    found.sort(key=lambda item: item[0])
    windows = _kept(_spans(text, found), published)
    # A season is the horizon only of a sentence that names no date: "this season, by the end
    # of 2030" ends in 2030.
    return windows or _kept(_calendar_safe(_seasons, text, published), published)


_SPAN_LEAD_RE = re.compile(r"\b(?:between|from)\s+(?:the\s+)?$", re.I)
_SPAN_JOIN_RE = re.compile(r"\s*(?:and|to|until|till|through|-|–)\s*", re.I)


def _spans(text: str, found: list[tuple[int, DateWindow]]) -> list[tuple[int, DateWindow]]:
    """Two dates joined as one span ("between October 22nd and November 4th", "from May to
    July 2026") are one window, from the first's start to the second's end: read apart, the
    forecast kept only the first and was late from the day after it."""
    out: list[tuple[int, DateWindow]] = []
    i = 0
    while i < len(found):
        pos, first = found[i]
        if i + 1 < len(found):
            at, second = found[i + 1]
            lead = _SPAN_LEAD_RE.search(text[max(0, pos - 12) : pos])
            if (
                lead is not None
                and _SPAN_JOIN_RE.fullmatch(text[pos + len(first.text) : at])
                and second.end >= first.start
            ):
                start = pos - len(lead.group())
                words = text[start : at + len(second.text)]
                out.append((start, DateWindow(first.start, second.end, words)))
                i += 2
                continue
        out.append((pos, first))
        i += 1
    return out


def _kept(found: list[tuple[int, DateWindow]], published: date) -> list[DateWindow]:
    """The windows in order, one per span of words, none closed before publication."""
    windows: list[DateWindow] = []
    last_end = -1
    for pos, window in found:
        if pos < last_end:  # overlapping readings of the same words: keep the first
            continue
        last_end = pos + len(window.text)
        if window.end >= window.start and window.end >= published:
            windows.append(window)  # a window closed before publication is history
    return windows


def find_horizon(text: str, published: date) -> DateWindow | None:
    """The first horizon in `text`: the one a forecast sentence is usually about."""
    windows = find_horizons(text, published)
    return windows[0] if windows else None


# "this year", "by the end of the year", "later this year": the year the writer stands in.
_THIS_YEAR_RE = re.compile(r"\b(?:this|the)\s+year\b", re.I)
_TITLE_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def year_ahead(title: str | None, published: date) -> int | None:
    """The coming year a year-ahead piece is about, when "this year" in its forecasts means it:
    a December piece whose title names the next year and not the current one ("The State of
    Real Estate in 2022", published 28 December 2021). `None` for any other piece."""
    if not title or published.month != 12:
        return None
    years = {int(y) for y in _TITLE_YEAR_RE.findall(title)}
    coming = published.year + 1
    return coming if coming in years and published.year not in years else None


# What makes a title a piece of forecasts for the year it names.
# A year's event still to come: "Cast the 2015 election runes", "the 2026 season".
_EVENT_TITLE_RE = re.compile(
    r"\b(?:19|20)\d\d\s+(?:general\s+|presidential\s+|federal\s+|mid-?term\s+)?"
    r"(?:elections?|season|campaign|budget|census|olympics|world\s+cup)\b",
    re.I,
)
_FORECAST_TITLE_RE = re.compile(
    r"\b(?:predict\w*|forecasts?|expect\w*|outlook|preview|picks?|roadmap|plans?|year\s+ahead)\b"
    rf"|{_EVENT_TITLE_RE.pattern}",
    re.I,
)


def titled_event(title: str | None) -> bool:
    """Whether a title names its year's event ("the 2015 election", "the 2018 season"): its
    undated forecasts are of that event, so a figure of a later year is none of theirs."""
    return bool(title and _EVENT_TITLE_RE.search(title))


# A title looking past the year it names: "The Decade Ahead", "the next ten years".
_LONGER_TITLE_RE = re.compile(
    r"\b(?:decades?|(?:ten|five|\d+)[- ]years?|years\s+ahead|long[- ]term|(?:19|20)\d0s)\b", re.I
)


def title_year(title: str | None, published: date) -> int | None:
    """The year a piece of forecasts is about, when its title names one ("Predicting the 2018
    Season", "Rust 2018 roadmap", "Five tech predictions for 2018"): the only year it names, the
    year of publication or the next. Its forecasts that name no time of their own are about
    that year, so it ends their deadline (`predictions.in_title_year`)."""
    if not title or not _FORECAST_TITLE_RE.search(title) or _LONGER_TITLE_RE.search(title):
        return None
    years = {int(y) for y in _TITLE_YEAR_RE.findall(title)}
    if len(years) != 1:
        return None
    (year,) = years
    return year if published.year <= year <= published.year + 1 else None


def into_year(window: DateWindow, published: date, year: int) -> DateWindow:
    """A "this year"-type window of a year-ahead piece moved into the year it is about ("this
    year" -> the coming year, "by the end of the year" -> its last quarter); other windows, and
    "next year" or "the coming year" (already that year), stay as they are."""
    if not _THIS_YEAR_RE.search(window.text) or window.end.year != published.year:
        return window
    shift = relativedelta(years=year - published.year)
    start = max(window.start + shift, date(year, 1, 1))
    return DateWindow(start, window.end + shift, window.text)
