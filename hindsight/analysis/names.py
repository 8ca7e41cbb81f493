"""Proper names in a document, told apart from capitalised ordinary words.

English capitalises a sentence's first word, headings and a few word classes (months, units,
acronyms), so "Management has promised", "Churn will tick up" or "Today Pelorus flies" start
with capitals that are not names. The document itself says which is which: a word it also
writes in lower case, and never capitalised mid-sentence, is an ordinary word. Who a seed's
forecasts are about (its actors: the company, its grid operator, the port, a rival) is read with
this, so that the news about each of them can be found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property

from hindsight.analysis.search_terms import entities, is_furniture

__all__ = [
    "COMMON_OPENERS",
    "NameReader",
    "is_english_word",
    "is_generic",
    "is_opener",
    "reads_as_ordinary",
]

# A capitalised word after a lower-case word or a number: not a sentence opener, and not the
# second word of a name ("Sorbank East" does not make "East" a name).
_MID_SENTENCE_CAPITAL = re.compile(r"(?:\b[a-z][\w’'-]*|\d)[,;]? \(?([A-Z][\w&\-]*)")
_LOWER_WORD = re.compile(r"\b[a-z][a-z\-]+\b")
_MONTHS_AND_DAYS = frozenset(
    """January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday""".split()  # noqa: SIM905
)
# Capitalised or upper-case words that name a unit or a kind of thing, never an actor.
_GENERIC = frozenset(
    """GW GWh MW MWh kW kWh TWh km mph kg Mt bn IPO IPOs CEO CFO COO CTO CIO R&D AI EV EVs NEV
    NEVs GDP CPI ETF M&A HQ API EBITDA EPS YoY FY Q1 Q2 Q3 Q4 H1 H2 OEM OEMs SUV SUVs PhD""".split()  # noqa: SIM905
)

# Words that open a sentence without naming anyone: determiners, pronouns, common nouns of
# business news. Any other capitalised opener is taken for a name ("Rivalco sold ...").
COMMON_OPENERS = frozenset(
    """a an the this that these those it its he she they we i his her their our there here
    in on at by for from with after before during since as if when while although though but and
    or so yet also still then now however meanwhile moreover overall ultimately nearly almost
    about around over under more most many much some several few both all each every no other
    another such only even just according shares stock sales deliveries revenue revenues profit
    profits orders pre-orders production output prices price buyers customers users owners
    suppliers analysts investors coverage construction core demand growth losses net adjusted
    total annual quarterly monthly first second third last next new its earlier later one two three
    four five six seven eight nine ten hundreds thousands millions""".split()  # noqa: SIM905
)
# More openers that are never names (adverbs and prepositions of time and place).
_MORE_OPENERS = frozenset(
    """today tomorrow yesterday between within without across among finally first firstly
    secondly lastly instead otherwise indeed perhaps maybe probably clearly""".split()  # noqa: SIM905
)


def is_generic(word: str) -> bool:
    """A capitalised word that is never a name whatever the document: a month, a day, a unit or
    an acronym of a kind of thing ("GW", "IPO", "CEO")."""
    return word in _MONTHS_AND_DAYS or word in _GENERIC


@cache
def _dictionary() -> frozenset[str]:
    """English words (Webster's 2nd, lower case, from the `english-words` package), loaded once
    on first use (~0.1 s)."""
    from english_words import get_english_words_set

    return frozenset(get_english_words_set(["web2"], lower=True))


def is_english_word(word: str) -> bool:
    """Whether a word, or the base of an inflected form, is an English dictionary word
    ("charging", "installations"); product and company coinages are not ("olprenant")."""
    low = word.lower()
    words = _dictionary()
    if low in words:
        return True
    for suffix, repl in (
        ("ies", "y"),
        ("es", ""),
        ("s", ""),
        ("ing", ""),
        ("ing", "e"),
        ("ed", ""),
        ("ed", "e"),
    ):
        if low.endswith(suffix) and low[: -len(suffix)] + repl in words:
            return True
    return False


def is_opener(word: str) -> bool:
    """A word that opens sentences and is never a name ("Last", "Between", "Overall")."""
    low = word.lower()
    return low in COMMON_OPENERS or low in _MORE_OPENERS


def reads_as_ordinary(word: str, lower_words: frozenset[str]) -> bool:
    """Whether a capitalised word the document never capitalises mid-sentence is an ordinary
    word: an opener, an inflected form, an English word ("Churn", "Advertisers"), or one the
    document also writes in lower case (itself, its singular or a part of it)."""
    low = word.lower()
    if is_opener(word) or low.endswith(("ing", "ly", "ed")) or is_english_word(low):
        return True
    forms = {low, low[:-1] if low.endswith("s") else low, *low.split("-")}
    return bool(forms & lower_words)


@dataclass(frozen=True)
class NameReader:
    """Reads names in pieces of one document, judging capitalised words by the whole of it."""

    text: str

    @cached_property
    def _capitalised_inside(self) -> frozenset[str]:
        return frozenset(m.group(1) for m in _MID_SENTENCE_CAPITAL.finditer(self.text))

    @cached_property
    def _lower_words(self) -> frozenset[str]:
        return frozenset(_LOWER_WORD.findall(self.text))

    def is_name_word(self, word: str) -> bool:
        """One capitalised word that names something, not an opener, month, unit or acronym
        of a kind of thing ("IPO", "GW")."""
        bare = re.sub(r"[’']s$", "", word)
        if is_generic(bare) or is_furniture(bare):
            return False
        if any(ch.isdigit() for ch in bare):
            return False  # a model or code ("A330-900", "K2"): a product, not an actor
        if bare in self._capitalised_inside:
            return True
        return not reads_as_ordinary(bare, self._lower_words)

    def names(self, piece: str) -> list[str]:
        """The names in `piece`, in order, with leading ordinary words dropped ("Today Pelorus"
        -> "Pelorus") and names made only of ordinary words left out ("Management")."""
        found: list[str] = []
        for name in entities(piece):
            words = name.split()
            while words and not self.is_name_word(words[0]):
                words.pop(0)
            if words:
                found.append(" ".join(words))
        return found
