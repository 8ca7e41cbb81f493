"""Countries and regions named in a sentence, each under one name whatever form it takes.

A forecast about "the ad tier in the US" is not answered by the tier's launch "in the UK and
Germany", and a "Chinese" market figure is China's. News writes a place as a noun, an adjective or
an abbreviation ("US", "U.S.", "American"); this module reads them all as one place.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["PLACE_WORDS", "places_in"]

# Canonical place -> the forms news writes it in (case-sensitive: places are proper names).
_FORMS: dict[str, str] = {
    "United States": "US U.S. USA United States America American Americans",
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
_CANONICAL: dict[str, str] = {
    form: place for place, forms in _FORMS.items() for form in forms.split()
} | {"United States": "United States", "United Kingdom": "United Kingdom"}
PLACE_WORDS = frozenset(_CANONICAL)
_PLACE_RE = re.compile(
    r"(?<![\w.])("
    + "|".join(re.escape(f) for f in sorted(_CANONICAL, key=len, reverse=True))
    + r")(?![\w])"
)


@lru_cache(maxsize=16384)
def places_in(text: str) -> frozenset[str]:
    """The places a sentence names, canonical ("US", "American" -> "United States")."""
    return frozenset(_CANONICAL[m.group(1)] for m in _PLACE_RE.finditer(text))
