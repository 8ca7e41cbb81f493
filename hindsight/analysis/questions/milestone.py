"""The milestone question: when a scheduled stage came, against the schedule's entry.

A schedule lists its stages with their dates ("2016-05 — JDK 9: Feature Complete", extracted as
a plan: `forecast_units._dated_item`); news that settles one lists the same stage with the date
it came ("Feature Complete 2016-05-26, Rampdown Start 2017-01-05, ..."). The stage is matched
by all its words, numbers written either way ("Phase 2", "Phase Two"), so "Rampdown Start" is
not "Rampdown Phase Two". A stage that came inside the entry's period bears it out, one that
came after it refutes it; one that came early is ahead of a plan, not its outcome (open).
"""

from __future__ import annotations

import re

from hindsight.analysis.caseless import Caseless
from hindsight.analysis.matching import Profile
from hindsight.analysis.periods import find_periods
from hindsight.analysis.quantities import NUMBER_VALUES
from hindsight.analysis.questions.base import (
    Question,
    Reader,
    Verdict,
    other_version,
    window_text,
)
from hindsight.domain import Claim, Prediction, Stance

# What a claim must say to speak to this question: a day's date.
CLAIM_CUE = Caseless(
    r"\b\d{4}-\d\d-\d\d\b|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
    r"\.?\s+\d{4}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?"
    r"\s+\d{4}\b"
)
# What a prediction must say to ask it: a schedule's entry, its date first.
_LABEL = (
    r"(?:\d{4}-\d\d(?:-\d\d)?|Q[1-4]\s+\d{4}|H[12]\s+\d{4}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|"
    r"Oct|Nov|Dec)[a-z]*\.?\s+\d{4})"
)
# (Markdown emphasis around the date, "**2016-05** —", as a quote may keep it.)
PREDICTION_CUE = re.compile(rf"^\s*[*_]*{_LABEL}[*_]*\s*(?:[—–:]|\s-\s)\s*\S")
_STAGE = re.compile(
    rf"^\s*[*_]*{_LABEL}[*_]*\s*(?:[—–:]|\s-\s)\s*(?:[^:]*:\s*)?(?P<stage>[^:]+?)\s*$"
)
_WORD = re.compile(r"[a-z0-9]+")
_PART_END = re.compile(r",\s+|;\s+|\s+and\s+")


def _words(text: str) -> frozenset[str]:
    """The stage's words, lower-cased, numbers as digits ("Phase Two" -> {"phase", "2"})."""
    out = set()
    for word in _WORD.findall(text.lower()):
        value = NUMBER_VALUES.get(word)
        out.add(str(int(value)) if value is not None else word)
    return frozenset(out)


def stage_of(text: str) -> frozenset[str] | None:
    """The words of the stage a schedule's entry dates ("Feature Complete"), or None."""
    m = _STAGE.match(text)
    return _words(m.group("stage")) if m else None


def gate(reader: Reader, claim: Claim) -> bool:
    """A stated fact with a date."""
    return claim.modality == "fact" and claim.polarity and bool(claim.dates)


def compare(reader: Reader, claim: Claim, prediction: Prediction, prof: Profile) -> Verdict | None:
    """The date the claim gives the entry's stage, against the entry's period."""
    window = prediction.expectation.window
    stage = stage_of(prediction.text)
    if window is None or not stage or claim.modality != "fact" or not claim.polarity:
        return None
    if other_version(prediction, claim):
        return None  # "The Quill 6 schedule: Feature Freeze ...": another release's stages
    cursor = 0
    for m in [*_PART_END.finditer(claim.text), None]:
        end = m.start() if m else len(claim.text)
        part = claim.text[cursor:end].rsplit(": ", 1)[-1]  # after a lead-in ("It lists: ...")
        cursor = m.end() if m else len(claim.text)
        dates = [d for d in find_periods(part, claim.published) if d.start == d.end]
        if len(dates) != 1:
            continue
        day = dates[0]
        if claim.published is not None and day.start > claim.published:
            continue  # a date still ahead of the news: a revised plan, not what happened
        if _words(part.replace(day.text, " ")) != stage:
            continue
        said = " ".join(part.split())
        if window.start <= day.start <= window.end:
            return Verdict(Stance.SUPPORTS, 1.0, f'"{said}": within {window_text(window)}')
        if day.start > window.end:
            return Verdict(Stance.CONTRADICTS, 1.0, f'"{said}": after {window_text(window)}')
        return None  # ahead of the plan: not its outcome
    return None


QUESTION = Question("milestone", CLAIM_CUE, PREDICTION_CUE, gate, compare)
