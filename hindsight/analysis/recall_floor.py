"""The extractor's recall floor: which naive cue units (`cue_units`) are still no forecast.

The clause finder and the unit pass of `predictions` were developed on a narrow style and reject
cued sentences for reasons fitted to it; on articles never seen they found far less than the naive
cue rule. So every unit the naive rule takes that no finding covers is a candidate, kept unless one
of a few GRAMMATICAL rejections below applies. Each states why the cue is not a forecast whatever
the article's subject; each was kept only when it paid on the pooled development set (the report
of branch `floor` lists recall, precision and look-alikes with and without each).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from hindsight.analysis.cue_units import CUE_RE
from hindsight.analysis.forecast_units import ruled_out

__all__ = ["ACTIVE", "REJECTIONS", "Place", "cue_positions", "rejection"]


@dataclass(frozen=True)
class Place:
    """Where a candidate stands in the article: the grammar of its surroundings."""

    published: date
    heading: bool = False  # a heading of the article
    speech: bool = False  # every cue inside direct speech, and no dated promise


# The naive stems also match other words: "plan" in "plant", "project" in "projector", "aim" in
# "aimless". A cue is a word of forecasting, not a string; a stem counts in its own forms only.
_STEM_FORMS = {
    "plan": re.compile(r"plan(?:s|ned|ning|ner|ners)?", re.I),
    "project": re.compile(r"project(?:s|ed|ing|ion|ions)?", re.I),
    "aim": re.compile(r"aim(?:s|ed|ing)?", re.I),
    "expect": re.compile(r"expect(?:s|ed|ing|ation|ations|ancy)?", re.I),
    "predict": re.compile(r"predict(?:s|ed|ing|ion|ions|able|ably)?", re.I),
    "forecast": re.compile(r"forecast(?:s|ed|ing|er|ers)?", re.I),
    "suspect": re.compile(r"suspect(?:s|ed)?", re.I),
    "doubt": re.compile(r"doubt(?:s|ed|ful)?", re.I),
}
_YEAR_CUE_RE = re.compile(r"(?:by|in)\s+(?:the\s+end\s+of\s+)?(?P<year>20\d\d)$", re.I)
_PAST_AUX_RE = re.compile(
    r"\b(?:was|were|had|been|once|originally)\s+(?:(?:\w+ly|not|all|also|widely|long)\s+)?$", re.I
)
_HAVE_AFTER_RE = re.compile(r"^\s+(?:not\s+|never\s+|still\s+)?have\s+\w+", re.I)
_PAST_VERB_AFTER_RE = re.compile(
    r"^,?\s+(?:\w+ly\s+)?(?:[a-z]+ed|was|were|had|did|became|began|came|went|ran|won|lost|took"
    r"|made|got|left|found|saw|said|told|gave|fell|rose|grew|sold|bought|built|led)\b",
    re.I,
)
_PAST_VERB_RE = re.compile(
    r"\b(?:was|were|had|did|became|began|came|went|won|lost|took|made|got|rose|fell|grew|sold"
    r"|bought|built)\b(?![’'])",
    re.I,
)
# "-ed" forms of forecasting verbs: a past tense unless a present auxiliary makes them passive
# ("is expected to", "are projected", "remains planned").
_PARTICIPLE_RE = re.compile(
    r"(?:expect|predict|project|anticipat|plann|aim|suspect|doubt|forecast)ed", re.I
)
_PRESENT_AUX_RE = re.compile(
    r"\b(?:is|are|am|be|being|remains?|seems?|looks?|appears?|gets?)\s+(?:\w+ly\s+|not\s+|now\s+"
    r"|also\s+|still\s+){0,2}$|[’'](?:s|re)\s+(?:\w+ly\s+|not\s+){0,2}$",
    re.I,
)
_BACKSHIFT = frozenset({"would", "could", "might", "should"})
_PAST_SAYING_RE = re.compile(
    r"\b(?:said|told|announced|promised|pledged|claimed|predicted|thought|believed|wrote|argued"
    r"|insisted|warned|hoped|feared|knew|expected|assumed)\b",
    re.I,
)
_PAST_TIME_RE = re.compile(
    r"\b(?:last|this\s+past)\s+(?:week|month|year|spring|summer|autumn|fall|winter|decade)\b"
    r"|\b\w+\s+(?:days?|weeks?|months?|years?|decades?)\s+ago\b|\bat\s+the\s+time\b"
    r"|\b(?:in|by)\s+(?P<year>(?:19|20)\d\d)\b|\bback\s+then\b",
    re.I,
)


def _cues(piece: str) -> list[re.Match[str]]:
    """The naive rule's cues in the piece that are words of forecasting (see `_STEM_FORMS`)."""
    out = []
    for m in CUE_RE.finditer(piece):
        word = m.group()
        stem = next((s for s in _STEM_FORMS if word.lower().startswith(s)), None)
        if stem is not None and not _STEM_FORMS[stem].fullmatch(word):
            continue  # "plant", "projector", "expectorant"
        if word == "May" and m.start() > 0:
            continue  # the month, capitalised mid-sentence
        out.append(m)
    return out


def _past_cue(piece: str, m: re.Match[str], published: date) -> bool:
    """A cue placed in the past: a date before the article ("in 2015"), a form after a past
    auxiliary ("was expected to", "had planned"), a modal of the past ("would have", "could have
    been"), or a backshifted modal reported with a past time ("said last year it would")."""
    word = m.group()
    year = _YEAR_CUE_RE.match(word)
    if year:
        # the year of publication is past too for a verb in the past ("rose 9% in 2024")
        told = int(year.group("year"))
        return told < published.year or (
            told == published.year and bool(_PAST_VERB_RE.search(piece))
        )
    before, after = piece[: m.start()], piece[m.end() :]
    if word.lower() in ("soon", "eventually") and _PAST_VERB_AFTER_RE.match(after):
        return True  # "Hamon eventually ran", "soon became": narration
    if _PAST_AUX_RE.search(before):
        return True
    if _PARTICIPLE_RE.fullmatch(word) and not _PRESENT_AUX_RE.search(before):
        return True  # "the industry half expected it", "than predicted": a past tense
    low = word.lower()
    if low in _BACKSHIFT | {"may"} and _HAVE_AFTER_RE.match(after):  # not "will have"
        return True
    if low in _BACKSHIFT and _PAST_SAYING_RE.search(before):
        times = _PAST_TIME_RE.finditer(piece)
        return any(not t.group("year") or int(t.group("year")) < published.year for t in times)
    return False


def _only_past(piece: str, place: Place) -> bool:
    """Every cue is placed in the past (see `_past_cue`)."""
    cues = _cues(piece)
    return bool(cues) and all(_past_cue(piece, m, place.published) for m in cues)


def _no_cue(piece: str, place: Place) -> bool:
    """Every cue the naive rule saw is another word ("plant", "in May")."""
    return not _cues(piece)


_MODALS = frozenset({"will", "would", "shall", "could", "may", "might", "should"})
# Forms of the cue words that can be a noun or an adjective: "the plans", "the expected file
# tree", "my predictions"; "expects", "predicts" are verbs only.
_NOUN_FORM_RE = re.compile(
    r"(?:plan|forecast|project|bet|doubt|aim|suspect)s?|(?:expect|predict|project|anticipat)ions?"
    r"|expectations?|(?:expect|predict|project|anticipat|plann|forecast)ed|forecaster?s?|planners?",
    re.I,
)
# A determiner right before, or one lower-case word between ("the personal predictions"); a
# capitalised word between is a name and the cue its verb ("the IEA predicts").
_DETERMINER_BEFORE_RE = re.compile(
    r"\b(?:the|a|an|its|their|our|my|his|her|your|these|those|this|any|some|no|every)"
    r"\s+(?:[a-z][\w-]*\s+)?$"
    r"|\b(?!(?:it|that|he|she|what|there|here|who|let)[’']s)\w+[’']s\s+(?:[a-z][\w-]*\s+)?$",
    re.I,
)
# What follows a noun that states the forecast itself: "Our aim is for ...", "My prediction: ...".
_VERB_AFTER_RE = re.compile(
    r"^\s*(?::\s*\S|(?:to|that)\b|(?:is|are|remains?|was)\s+(?:to|that|for)\b)", re.I
)
_CLAUSE_END_RE = re.compile(r"^\s*(?:[.,;:!)\]\"”’]|$)")


# A bare plural noun heading the unit, then its verb: "Forecasts increased", "Forecasts are hard".
_HEADING_NOUN_VERB_RE = re.compile(r"^\s+(?:[a-z]+ed\b|(?:are|were)\s+(?!(?:that|for|to)\b))")


def _noun_cue(piece: str, place: Place) -> bool:
    """Every cue is a noun or adjective after a determiner ("the expected versions", "my
    predictions for the decade", "the forecasts are uncertain"), or a plural noun heading the
    unit before its verb ("Forecasts increased"): it names a forecast or qualifies a thing; no
    verb of the unit states one."""
    cues = _cues(piece)
    return bool(cues) and all(
        _NOUN_FORM_RE.fullmatch(m.group())
        and (
            _DETERMINER_BEFORE_RE.search(piece[: m.start()])
            or (
                not piece[: m.start()].strip(" \"“‘'*#")
                and m.group().lower().endswith("s")
                and _HEADING_NOUN_VERB_RE.match(piece[m.end() :])
            )
        )
        and not _VERB_AFTER_RE.match(piece[m.end() :])
        for m in cues
    )


def _ellipsis(piece: str, place: Place) -> bool:
    """Every cue is a modal with its verb left out ("the bits the origin servers would."):
    a comparison with what someone would do, not a statement of what will happen."""
    cues = _cues(piece)
    return bool(cues) and all(
        m.group().lower() in _MODALS and _CLAUSE_END_RE.match(piece[m.end() :]) for m in cues
    )


_SHORT_HEADING_WORDS = 8


def _short_heading(piece: str, place: Place) -> bool:
    """A heading names a section ("What to expect in 2023"); a long one may state a forecast."""
    return place.heading and len(piece.split()) < _SHORT_HEADING_WORDS


def _unit_pass(piece: str, place: Place) -> bool:
    """The unit pass's own general exclusions (wishes, idioms, restated calls, advice)."""
    return ruled_out(piece, place.published)


def _speech(piece: str, place: Place) -> bool:
    """Someone's words quoted whose only cues are inside the quotation: as in the clause finder,
    direct speech is a forecast of the article only as a dated promise ("We will ... by 2025")."""
    del piece
    return place.speech


def cue_positions(piece: str) -> list[tuple[int, int]]:
    """Where the cues of a unit are (relative to the unit): to tell which lie in quotations."""
    return [m.span() for m in _cues(piece)]


Rule = Callable[[str, Place], bool]
# Name -> rule, in the order they are asked. `rejection` asks those named in `active`.
REJECTIONS: dict[str, Rule] = {
    "no_cue": _no_cue,
    "past": _only_past,
    "noun_cue": _noun_cue,
    "ellipsis": _ellipsis,
    "short_heading": _short_heading,
    "unit_pass": _unit_pass,
    "speech": _speech,
}
# The rejections the extractor asks (each earned its place on the pooled development set).
ACTIVE: tuple[str, ...] = tuple(REJECTIONS)


def rejection(piece: str, place: Place, active: tuple[str, ...] | None = None) -> str | None:
    """The first rejection that applies to a floor candidate, or None when it is kept."""
    for name, rule in REJECTIONS.items():
        if name in (ACTIVE if active is None else active) and rule(piece, place):
            return name
    return None
