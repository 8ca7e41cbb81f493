"""A series of forecast figures by period in one statement: "growth of 3.4 percent in 2016 and
3.6 percent in 2017", "shipments of 1.2 billion in 2015, 1.3 billion in 2016 and 1.4 billion in
2017".

Each figure with its own period is a forecast of its own: news settles them one year at a time,
and a reader checks them one at a time. The statement as found stands for its first figure;
each later one is found here with its span and the lead that names what it measures (the words
before the first figure), which it is read with (`analysis.context.as_read`).
"""

from __future__ import annotations

import re
from itertools import pairwise

from hindsight.analysis.quantities import find_quantities
from hindsight.analysis.sentences import Span

__all__ = ["later_members"]

# A figure's own period, written right after it: "3.6 percent in 2017", "$4bn for fiscal 2019".
_ITS_YEAR = re.compile(r"\s+(?:in|for|during)\s+(?:(?:fiscal|calendar)\s+|FY\s?)?((?:19|20)\d\d)\b")
# A figure a change starts from or goes to ("from 2 million in 2020 to 5 million in 2025").
_CHANGE_END = re.compile(
    r"\b(?:from|to|than|versus|vs\.?|with|against|after|following|over)\s+(?:about\s+|around\s+)?$",
    re.I,
)


def later_members(text: str, span: Span) -> list[tuple[Span, str]]:
    """Each figure after the first of a series in `text[span]`, as (its span, the lead).

    A series is two or more figures of one kind and unit, each followed by a year of its own,
    the years all different; anything less is one forecast (a range, a figure and its base
    year, "2.6 percent for both 2016 and 2017") and gives nothing here.
    """
    statement = text[span[0] : span[1]]
    members: list[tuple[int, int, str, str, str | None]] = []
    searched = 0
    for quantity in find_quantities(statement):
        at = statement.find(quantity.text, searched)
        if at < 0:
            continue
        searched = at + len(quantity.text)
        year = _ITS_YEAR.match(statement, searched)
        if year is None:
            continue
        if _CHANGE_END.search(statement[:at]):
            return []  # a change from one figure to another, not a series
        members.append((at, year.end(), year.group(1), quantity.kind, quantity.unit))
    years = [int(m[2]) for m in members]
    if len(members) < 2 or any(a >= b for a, b in pairwise(years)):
        return []  # one year each, in order: a comparison with an earlier year is no series
    units = {m[4] for m in members} - {None}
    if len({m[3] for m in members}) != 1 or len(units) > 1:
        return []  # figures of different things ("$2bn in 2016 and 5% in 2017")
    lead = statement[: members[0][0]].strip()
    if not lead:
        return []
    return [((span[0] + start, span[0] + end), lead) for start, end, *_ in members[1:]]
