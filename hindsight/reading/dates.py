"""Find a publication date in the loose forms pages print ("Mar 31, 2021", "31 March 2021", ISO).

Why: the publication date anchors every relative horizon in a seed ("within two years"), so a date
found in the page must be a full calendar date (a bare "Mar 31" on Medium means "this year" as seen
by whoever copied the page, which we cannot know).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from dateutil import parser as dateparser

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
DATE_PATTERN = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2})\b",
    re.IGNORECASE,
)


def find_date(text: str) -> date | None:
    """The first full calendar date written in `text`, or None."""
    match = DATE_PATTERN.search(text)
    if match is None:
        return None
    return parse_date(match.group(0))


def parse_date(value: object) -> date | None:
    """A date from a YAML value, an ISO timestamp or a written date; None when it is not one."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    if not re.search(r"\d{4}", text):
        return None
    try:
        return dateparser.parse(text, fuzzy=False).date()
    except (ValueError, OverflowError):
        return None
