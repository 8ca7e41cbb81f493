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
from collections import Counter
from dataclasses import dataclass
from functools import cache, cached_property

from hindsight.analysis.search_terms import entities, is_furniture

__all__ = [
    "COMMON_OPENERS",
    "MONTHS_AND_DAYS",
    "ORGANISATION_NOUNS",
    "NameReader",
    "is_english_word",
    "is_generic",
    "is_opener",
    "is_topic",
    "prose",
    "reads_as_ordinary",
]

# A capitalised word after a lower-case word or a number: not a sentence opener, and not the
# second word of a name ("Sorbank East" does not make "East" a name).
_MID_SENTENCE_CAPITAL = re.compile(r"(?:\b[a-z][\w’'-]*|\d)[,;]? \(?([A-Z][\w&\-]*)")
_LOWER_WORD = re.compile(r"\b[a-z][a-z\-]+\b")
# A capitalised word mid-sentence standing on its own: not the first word of a longer name
# ("the Mortgage Bankers Association"), of a model ("the Model 3") or of an address ("Dev.to"),
# and not after a number, as headings write them ("2018 Tech predictions").
_ALONE_INSIDE_CAPITAL = re.compile(
    r"\b[a-z][\w’'-]*[,;]? \(?([A-Z][\w&\-]*)(?![\w&\-])(?![ ]+[A-Z0-9])(?!\.\w)"
)
# What continues a name cut short: "of"/"for" and a capitalised word ("National Association of
# Realtors"), a capitalised or camel-case word ("Freddie Mac", "iPad Pro"), an address ending
# ("Realtor.com"), an abbreviation's letters ("U.S.") or a sharp ("C#").
_NAME_WORD = r"(?:[^\W\d_][\w&’'-]*)"
_CONTINUES_RIGHT = re.compile(
    rf"(?:[ ]+(?:of|for)[ ]+(?:the[ ]+)?(?=[A-Z]){_NAME_WORD}|[ ]+(?=[A-Z]|[a-z]+[A-Z]){_NAME_WORD}"
    r"|\.[a-z]{2,}\b|(?:\.[A-Z])+\.?|#)"
)
_CONTINUES_LEFT = re.compile(
    rf"(?:(?<![\w.])(?=[A-Z]|[a-z]+[A-Z]){_NAME_WORD}[ ]+(?:(?:of|for)[ ]+(?:the[ ]+)?)?)$"
)
# A line that shouts: mostly upper-case words ("HOME PRICES LIKELY TO KEEP CLIMBING").
_UPPER_WORD = re.compile(r"\b[A-Z]{2,}\b")
_ANY_WORD = re.compile(r"\b[^\W\d_]{2,}\b")
# The calendar's names: capitalised, never a thing's or an actor's name.
MONTHS_AND_DAYS = frozenset(
    """January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday""".split()  # noqa: SIM905
)
# Capitalised or upper-case words that name a unit or a kind of thing, never an actor.
_GENERIC = frozenset(
    """GW GWh MW MWh kW kWh TWh km mph kg Mt bn IPO IPOs CEO CFO COO CTO CIO R&D AI EV EVs NEV
    NEVs GDP CPI ETF M&A HQ API EBITDA EPS YoY FY Q1 Q2 Q3 Q4 H1 H2 OEM OEMs SUV SUVs PhD""".split()  # noqa: SIM905
)

# The last word of a body's name made of ordinary words ("Green Party", "People's Party",
# "Federal Reserve Board"): with it, the words before are a name, not an opener.
ORGANISATION_NOUNS = frozenset(
    """Party Bank Union Council Group Association Institute Agency Ministry Department
    Committee Commission Authority Board League Foundation Federation Alliance Coalition
    Front Movement""".split()  # noqa: SIM905
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


# A line in title case: a heading ("First to Market", "But... 5 Years Out?"), whose capitals
# say nothing of which words are names.
_TITLE_WORD = re.compile(r"\b[A-Z][\w'’-]*")
_ANY_WORD = re.compile(r"\b[A-Za-z][\w'’-]*")


def prose(text: str) -> str:
    """`text` without its title-cased lines (headings: short, no closing stop, most words
    capitalised), each blanked out: a capital inside a heading is the heading's style, not a
    sign of a name ("Market" of "First to Market" where the text writes "market cap")."""
    return "\n".join(" " * len(line) if title_cased(line) else line for line in text.split("\n"))


def title_cased(line: str) -> bool:
    words = _ANY_WORD.findall(line)
    if not words or len(words) > 10 or line.rstrip().endswith((".", ",", ";", ":")):
        return False
    long = [w for w in words if len(w) > 3]
    capitals = [w for w in long if _TITLE_WORD.fullmatch(w)]
    return bool(long) and 2 * len(capitals) > len(long)


def is_topic(name: str) -> bool:
    """A subject written with no capital in its first word ("heat pumps", "solar capacity") is
    a topic; a capital anywhere in it makes a name, lower-case first letter or not ("iPhone SE",
    "eBay", "macOS"), unless it opens with a digit ("3D printers", "5G", "4K TVs")."""
    first = name.split()[0] if name.split() else ""
    if first[:1].isdigit():
        return True  # "3D printers", "5G subscriptions": a thing's kind, written with a code
    return not any(c.isupper() for c in first)


def is_generic(word: str) -> bool:
    """A capitalised word that is never a name whatever the document: a month, a day, a unit or
    an acronym of a kind of thing ("GW", "IPO", "CEO")."""
    return word in MONTHS_AND_DAYS or word in _GENERIC


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
    # The document's headline: of the longer names a cut name stands in, the one it names is
    # the document's ("Cebu" in "... for Cebu Port Authority").
    title: str = ""

    @cached_property
    def _prose(self) -> str:
        return prose(self.text)

    @cached_property
    def _capitalised_inside(self) -> frozenset[str]:
        return frozenset(m.group(1) for m in _MID_SENTENCE_CAPITAL.finditer(self._prose))

    @cached_property
    def _lower_words(self) -> frozenset[str]:
        return frozenset(_LOWER_WORD.findall(self.text))

    @cached_property
    def _alone_inside(self) -> frozenset[str]:
        return frozenset(m.group(1) for m in _ALONE_INSIDE_CAPITAL.finditer(self._prose))

    def stands_alone(self, word: str) -> bool:
        """Whether one capitalised word is a name by itself: a coinage ("Xiaomi"), or a word the
        text also writes capitalised mid-sentence on its own. "Mortgage" written only at sentence
        starts and inside "the Mortgage Bankers Association", or "Model" only in "the Model 3",
        while the text writes "mortgage" and "model" too, names nothing alone."""
        bare = re.sub(r"[’']s$", "", word)
        if is_generic(bare) or is_furniture(bare) or is_opener(bare):
            return False
        if any(ch.isdigit() for ch in bare):
            return False
        if bare in self._alone_inside or not reads_as_ordinary(bare, self._lower_words):
            return True
        # A dictionary word the text never writes in lower case and names more than once is
        # its name ("Acme will ... Acme expects"), wherever in a sentence it stands.
        low = bare.lower()
        alone = self._forms(bare)[bare]  # not inside a longer name ("the Ferry Pilots Guild")
        return alone >= 2 and not {low, low.removesuffix("s")} & self._lower_words

    def written_inside(self, name: str) -> bool:
        """Whether the text writes `name` after a lower-case word or a number, as names are
        written inside sentences (not only as a heading or a sentence's first words)."""
        pattern = rf"(?:\b[a-z][\w’'-]*|\d)[,;]? \(?{re.escape(name)}(?![\w-])"
        return re.search(pattern, self.text) is not None

    def shouted(self, name: str) -> bool:
        """An upper-case phrase that is a shouted heading or a dateline, not a name: every time
        the text writes it, it stands in a mostly upper-case line ("AT A SLOWER PACE") or opens a
        line before a parenthesis or a dash ("LONDON (ICIS)--")."""
        words = name.split()
        if not words or not all(w.isupper() and w.isalpha() for w in words):
            return False
        if len(words) > 1 and all(len(w) > 3 and is_english_word(w) for w in words):
            return True  # "SLOWER PACE": words, not letters of an acronym
        found = False
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", self.text):
            found = True
            start = self.text.rfind("\n", 0, m.start()) + 1
            end = self.text.find("\n", m.end())
            line = self.text[start : end if end >= 0 else len(self.text)]
            upper, every = len(_UPPER_WORD.findall(line)), len(_ANY_WORD.findall(line))
            if upper >= 3 and upper * 5 >= every * 3:
                continue
            if not self.text[start : m.start()].strip() and re.match(
                r"\s*[(,–—-]", self.text[m.end() : m.end() + 3]
            ):
                continue
            return False
        return found

    def _opens_sentence(self, word: str, at: int) -> bool:
        """Whether `word`, written at `at`, is furniture or an ordinary word opening a sentence
        ("Buyers of Kestras"), not the first word of a longer name."""
        if is_furniture(word):
            return True
        before = self.text[max(0, at - 3) : at].rstrip(" \t\"“‘'")
        starts = not before or before[-1] in ".!?:\n"
        return starts and reads_as_ordinary(word, self._lower_words)

    def _forms(self, name: str) -> Counter[str]:
        """How often the text writes `name` as each longer name it stands in (itself when
        alone)."""
        forms: Counter[str] = Counter()
        for m in re.finditer(rf"(?<![\w.]){re.escape(name)}(?![\w&-])", self.text):
            start, end = m.start(), m.end()
            while (left := _CONTINUES_LEFT.search(self.text[max(0, start - 60) : start])) and (
                not self._opens_sentence(left.group().split()[0], start - len(left.group()))
            ):
                start -= len(left.group())
            while right := _CONTINUES_RIGHT.match(self.text, end):
                end = right.end()
            forms[self.text[start:end]] += 1
        return forms

    def full_name(self, name: str) -> str | None:
        """The name as the text writes it in full: a name cut inside a longer one is the longer
        one ("National Association" -> "National Association of Realtors", "Realtor" ->
        "Realtor.com", "U" -> "U.S."); `None` when the text writes it only inside several
        different longer names ("Mortgage" in "Mortgage Bankers Association" and "The Mortgage
        Reports") or never. Of several longer names, the one the headline names or else the one
        written more often than all others together ("Realtor.com", once "George Ratiu of
        Realtor.com")."""
        forms = self._forms(name)
        if name in forms:
            return name
        titled = [f for f in forms if f in self.title]
        if len(titled) == 1:
            return titled[0]
        best = forms.most_common(1)
        return best[0][0] if best and best[0][1] * 2 > forms.total() else None

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
