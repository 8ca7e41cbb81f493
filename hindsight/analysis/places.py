"""Countries and regions named in a sentence, each under one name whatever form it takes.

A forecast about "the ad tier in the US" is not answered by the tier's launch "in the UK and
Germany", and a "Chinese" market figure is China's. News writes a place as a noun, an adjective or
an abbreviation ("US", "U.S.", "American"); this module reads them all as one place.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["PLACE_PATTERN", "PLACE_WORDS", "place_forms", "place_named", "places_in"]

# Canonical place -> the forms news writes it in (case-sensitive: places are proper names).
_FORMS: dict[str, str] = {
    "United States": "US U.S. USA America American Americans",
    "United Kingdom": "UK U.K. Britain British England English Scotland Scottish Wales Welsh",
    "European Union": "EU Europe European",
    "Canada": "Canada Canadian",
    "China": "China Chinese",
    "Japan": "Japan Japanese",
    "Korea": "Korea Korean",
    "India": "India Indian",
    "Australia": "Australia Australian",
    "Brazil": "Brazil Brazilian",
    "Mexico": "Mexico Mexican",
    "Germany": "Germany German",
    "France": "France French",
    "Spain": "Spain Spanish",
    "Italy": "Italy Italian",
    "Netherlands": "Netherlands Dutch Holland",
    "Belgium": "Belgium Belgian",
    "Ireland": "Ireland Irish",
    "Portugal": "Portugal Portuguese",
    "Poland": "Poland Polish",
    "Sweden": "Sweden Swedish",
    "Norway": "Norway Norwegian",
    "Denmark": "Denmark Danish",
    "Finland": "Finland Finnish",
    "Austria": "Austria Austrian",
    "Switzerland": "Switzerland Swiss",
    "Taiwan": "Taiwan Taiwanese",
}
# Places whose forms are written in more than one word.
_WORDED_FORMS: dict[str, tuple[str, ...]] = {
    "United States": ("United States",),
    "United Kingdom": ("United Kingdom",),
    "Euro area": ("Euro area", "euro area", "euro zone", "Euro zone", "Eurozone", "eurozone"),
}
_CANONICAL: dict[str, str] = {
    form: place for place, forms in _FORMS.items() for form in forms.split()
} | {form: place for place, forms in _WORDED_FORMS.items() for form in forms}
PLACE_WORDS = frozenset(_CANONICAL)
# Any form of any place, longest first, for patterns that read a place in its place.
PLACE_PATTERN = "|".join(re.escape(f) for f in sorted(_CANONICAL, key=len, reverse=True))
_PLACE_RE = re.compile(r"(?<![\w.])(" + PLACE_PATTERN + r")(?![\w])")


@lru_cache(maxsize=16384)
def places_in(text: str) -> frozenset[str]:
    """The places a sentence names, canonical ("US", "American" -> "United States")."""
    return frozenset(_CANONICAL[m.group(1)] for m in _PLACE_RE.finditer(text))


def place_forms(name: str) -> tuple[str, ...]:
    """The other forms of the place `name` is written as ("U.S." -> "US", "United States",
    "America", ...), or nothing when it is no place: news names a country any way it likes."""
    place = _CANONICAL.get(name)
    if place is None:
        return ()
    return tuple(
        form for form, canonical in _CANONICAL.items() if canonical == place and form != name
    )


def place_named(form: str) -> str | None:
    """The place a form names, by its canonical name ("eurozone" -> "Euro area"), or None."""
    return _CANONICAL.get(form)
