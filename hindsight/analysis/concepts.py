"""Words that name the same thing: stems, and groups of words news and forecasts use for one
object ("the IPO" is "the listing"; "cars" are "vehicles"). Data, shared by the word readings
(`matching`) and the alignment of figures (`alignment`: a count of cars is a count of vehicles).
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["CONCEPTS", "same_concept", "stem"]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem: lower-cased, possessive and one common suffix removed (cached: the judge
    stems the same few thousand words hundreds of thousands of times)."""
    word = word.lower().replace("’", "'").removesuffix("'s").strip("'-")
    for suffix in ("ies", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


# Words news and forecasts use for the same object, by stem (`stem`): "the IPO" is "the
# listing" and "the debut"; "the plant" is "the factory". Only objects of business and policy
# news, each group one thing a person would call the same.
_CONCEPT_GROUPS = {
    "listing": "ipo listing list flotation float debut debuts",
    "aircraft": "aircraft jet jets plane airliner airplane widebody narrowbody",
    "factory": "factory plant plants facility facilities fab fabs",
    "vehicle": "car cars vehicle vehicles sedan sedans suv suvs",
    "route": "route routes flight flights",
    "connection": "connection connections link links interconnector cable",
    "chief": "ceo boss chief",
    "staff": "staff employee employees worker workers workforce personnel headcount",
    "store": "store stores shop shops outlet outlets supermarket supermarkets",
    "home": "home homes dwelling dwellings apartment apartments",
    "stake": "stake stakes equity",
    "economy": "economy economies economic gdp",
    # What workers are paid ("wage gains of 3.7%", "hourly earnings rose 3.7%"); not "pay",
    # which is also a verb of any payment.
    "wage": "wage wages earnings salary salaries",
}
CONCEPTS: dict[str, str] = {
    stem(word): group for group, words in _CONCEPT_GROUPS.items() for word in words.split()
}  # (plural stems that are other words, "planes" -> "plan", are left out of the groups)


def same_concept(a: str | None, b: str | None) -> bool:
    """Two nouns for the same thing: equal stems, or one group ("car", "vehicle")."""
    if a is None or b is None:
        return False
    sa, sb = stem(a), stem(b)
    return sa == sb or (sa in CONCEPTS and CONCEPTS.get(sb) == CONCEPTS[sa])
