"""Words that later news will use when it reports on a prediction's outcome.

A forecast says "a greenfield manufacturing facility"; the news that settles it says "plant" or
"factory". So the terms of a prediction are its named entities, its numbers with units, its
salient content words, and a small table of domain-neutral synonyms for the concepts forecasts
about companies keep returning to (price, factory, investment, hiring, launch, volume...).
"""

from __future__ import annotations

import calendar
import re

from hindsight.domain import Quantity

__all__ = ["SYNONYMS", "entities", "is_furniture", "search_terms"]

# concept trigger (regex on the prediction) -> words news uses for it
SYNONYMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        r"\bpric|\bcosts?\b|\baffordable|\bcheap|\bexpensive|\bquoted at",
        ("price", "priced", "cost"),
    ),
    (
        r"\bfactor|\bplant\b|\bfacilit|\bmanufactur|\bfabs?\b|\bcapacity\b|\bgreenfield",
        ("factory", "plant", "manufacturing", "production", "facility"),
    ),
    (r"\bgreenfield|\bbuild|\bconstruct", ("build", "construction", "new factory")),
    (r"\binvest", ("investment", "invest", "funding")),
    (
        r"\bpoach|\bhir(?:e|ing)|\brecruit|\bpersonnel|\btalent|\bteam\b|\bstaff",
        ("hire", "recruit", "talent", "executives", "staff"),
    ),
    (
        r"\blaunch|\bunveil|\bemerge|\brelease|\bdebut|\bsee an actual|\bfirst product",
        ("launch", "unveil", "debut", "release", "deliveries"),
    ),
    (
        r"\bvolumes?\b|\bsales\b|\bdeliver|\bshipments?\b|\bunits\b|\bbuy them",
        ("deliveries", "sales", "orders", "units"),
    ),
    (r"\bacquir|\bacquisition|\bstake\b|\btake over", ("acquire", "acquisition", "stake", "deal")),
    (
        r"\bsubsidiary|\bspin[- ]?off|\bseparat|\bentity\b",
        ("subsidiary", "spin-off", "unit", "entity", "separate"),
    ),
    (r"\bceo\b|\bchief executive|\bserve as\b", ("CEO", "chief executive", "head")),
    (r"\bplatform", ("platform", "architecture")),
    (r"\bcustomers?\b|\bclients?\b", ("customer", "client", "order", "contract")),
    (r"\brevenue", ("revenue", "sales")),
    (r"\bdividend", ("dividend", "payout")),
    (r"\bgrants?\b|\bsubsid(?:y|ies|is|iz)|\baward\b", ("grant", "subsidy", "award")),
    (r"\bslips?\b|\bdelay|\bpostpon|\blate\b", ("delay", "postpone", "slip")),
    (r"\bprofit|\bloss", ("profit", "loss", "margin")),
    (r"\bcars?\b|\bvehicles?\b|\bevs?\b", ("car", "vehicle", "EV", "model")),
)
_SYNONYMS = tuple((re.compile(p, re.I), words) for p, words in SYNONYMS)

_CURRENCY_WORDS = {
    "CNY": ("yuan", "RMB"),
    "USD": ("$", "dollar"),
    "EUR": ("euro", "€"),
    "GBP": ("pound", "£"),
    "HKD": ("HK$",),
    "JPY": ("yen",),
}

_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "into",
        "onto",
        "about",
        "around",
        "than",
        "then",
        "that",
        "this",
        "these",
        "those",
        "there",
        "here",
        "it",
        "its",
        "it's",
        "they",
        "them",
        "their",
        "he",
        "she",
        "his",
        "her",
        "we",
        "our",
        "us",
        "you",
        "your",
        "i",
        "i'm",
        "me",
        "my",
        "mine",
        "be",
        "is",
        "are",
        "was",
        "were",
        "been",
        "being",
        "am",
        "do",
        "does",
        "did",
        "done",
        "have",
        "has",
        "had",
        "having",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "not",
        "no",
        "nor",
        "so",
        "such",
        "too",
        "very",
        "just",
        "also",
        "even",
        "only",
        "still",
        "yet",
        "ever",
        "never",
        "more",
        "most",
        "less",
        "least",
        "much",
        "many",
        "some",
        "any",
        "each",
        "every",
        "all",
        "both",
        "either",
        "neither",
        "other",
        "another",
        "same",
        "own",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "while",
        "though",
        "although",
        "because",
        "since",
        "until",
        "before",
        "after",
        "during",
        "over",
        "under",
        "again",
        "further",
        "once",
        "up",
        "down",
        "out",
        "off",
        "above",
        "below",
        "between",
        "through",
        "against",
        "among",
        "per",
        "via",
        "vs",
        "etc",
        "think",
        "suspect",
        "expect",
        "believe",
        "guess",
        "perhaps",
        "probably",
        "maybe",
        "likely",
        "unlikely",
        "certainly",
        "really",
        "quite",
        "fairly",
        "rather",
        "personally",
        "actually",
        "ultimately",
        "well",
        "way",
        "part",
        "lines",
        "thing",
        "things",
        "something",
        "anything",
        "nothing",
        "everything",
        "one",
        "ones",
        "make",
        "makes",
        "made",
        "making",
        "take",
        "takes",
        "took",
        "taking",
        "get",
        "gets",
        "got",
        "see",
        "sees",
        "saw",
        "seen",
        "go",
        "goes",
        "going",
        "gone",
        "come",
        "comes",
        "came",
        "doing",
        "done",
        "already",
        "hasn't",
        "haven't",
        "starting",
        "start",
        "begins",
        "want",
        "wants",
        "wanted",
        "know",
        "knows",
        "knew",
        "put",
        "puts",
        "say",
        "says",
        "said",
        "surprised",
        "question",
        "case",
        "base",
        "instead",
        "form",
        "shape",
        "sense",
        "point",
        "time",
        "years",
        "year",
        "months",
        "month",
        "weeks",
        "week",
        "days",
        "day",
        "decade",
        "new",
        "first",
        "second",
        "next",
        "last",
        "big",
        "huge",
        "whole",
        "doesn't",
        "don't",
        "won't",
        "wouldn't",
        "isn't",
        "aren't",
        "can't",
        "it'd",
        "we'll",
        "i'd",
    ]
)
_CODE_AND_NUMBER_RE = re.compile(r"^[A-Z]{3}\d")  # "RMB100": an amount, not a name
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z\-’']{2,}")
# A name's word; an initialism written with stops ("U.S.", "U.K.") is one word.
_INITIALISM = r"(?:[A-Z]\.){2,}(?![\w])"
# A camel-cased name: "iPhone", "eBay", "macOS", "watchOS".
_CAMEL = r"(?-i:[a-z]{1,5}[A-Z][\w&\-]*)"
_ENTITY_RE = re.compile(
    rf"(?<![\w’'.])(?:{_INITIALISM}|[A-Z][\w&\-]*|{_CAMEL})(?:[’']s\b)?"
    rf"(?:\s+(?:&\s+)?(?:{_INITIALISM}|[A-Z0-9][\w&\-]*|{_CAMEL})(?:[’']s\b)?)*"
)
# What follows the pronoun "I" ("I would", "I think", "I'm"), never a regnal or war numeral
# ("World War I was", "Henry I had"): a modal, a verb of thinking or saying, or a contraction.
_SPEAKER_AFTER_RE = re.compile(
    r"(?:[’'](?:m|d|ll|ve)\b|\s+(?:would|will|think|believe|expect|guess|predict|feel|am|"
    r"bet|suspect|hope|doubt|reckon|imagine|say|said|wrote|do|don['’]t|can|could|should|"
    r"might|must|see|saw|know|want|wanted|personally|also|still|really|just)\b)"
)
# A month or weekday before a name dates the sentence ("in October Paul Tudor Jones said");
# "May" is also a name ("Theresa May", "May Mobility") and is left alone.
_LEADING_DATES = frozenset(
    name for name in (*calendar.month_name, *calendar.day_name) if name and name != "May"
)
# Capitalised words that are sentence furniture, not names.
_NOT_NAMES = frozenset(
    [
        "I",
        "I'm",
        "I’m",
        "I'd",
        "I’d",
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "It",
        "Its",
        "If",
        "So",
        "But",
        "And",
        "Or",
        "Though",
        "Although",
        "Even",
        "For",
        "Personally",
        "Within",
        "One",
        "My",
        "Let",
        "There",
        "That",
        "This",
        "These",
        "Those",
        "Then",
        "What",
        "Where",
        "When",
        "Why",
        "How",
        "Here",
        "Every",
        "Each",
        "Another",
        "Also",
        "Yet",
        "Still",
        "Because",
        "Since",
        "While",
        "After",
        "Before",
        "Once",
        "Until",
        "We",
        "Our",
        "They",
        "Their",
        "He",
        "She",
        "His",
        "Her",
        "You",
        "Your",
        "Some",
        "Any",
        "All",
        "No",
        "Not",
        "Nor",
        "Maybe",
        "Perhaps",
        "Probably",
        "Somehow",
        "Meanwhile",
        "However",
        "Instead",
        "Fine",
        "Former",
        "Written",
        "Follow",
        "Listen",
        "Share",
        "Just",
        "Only",
        "Over",
        "To",
        "As",
        "By",
        "With",
        "From",
        "Of",
        "Is",
        "Was",
        "Are",
        "Were",
        "Be",
        "Will",
        "Would",
        "Could",
        "Should",
        "May",
        "Might",
        "Mr",
        "Ms",
        "Mrs",
        "Dr",
        "Chief",
        "Founder",
        "Chairman",
        "CEO",
        "Co",
        "Inc",
        "Ltd",
        "Corp",
    ]
)


# A clock time right before a word: "2:35 pm ", "8:30 a.m. ", "9am ".
_CLOCK_BEFORE_RE = re.compile(r"(?:\d:\d\d\s*(?:[ap]\.?m\.?)?|\d\s*[ap]\.?m\.?)\s*$", re.I)


def entities(text: str) -> list[str]:
    """Capitalised name sequences in order ("Wuling Hongguang MINIEV", "Xiaomi"), possessives cut.

    Leading furniture words are dropped ("Even the Geely" -> "Geely"); a lone furniture word is
    not a name.
    """
    names: list[str] = []
    for m in _ENTITY_RE.finditer(text):
        words = [re.sub(r"[’']s$", "", w) for w in m.group().split()]
        if (
            words
            and words[0].isupper()
            and _CLOCK_BEFORE_RE.search(text[max(0, m.start() - 16) : m.start()])
        ):
            words.pop(0)  # "at 2:35 pm IST", "8:30 a.m. ET": a clock's time zone, no name
        while words and (
            words[0] in _NOT_NAMES
            or _CODE_AND_NUMBER_RE.match(words[0])
            or (len(words) > 1 and words[0] in _LEADING_DATES)
        ):
            words.pop(0)  # "In October Paul Tudor Jones said": October dates, Jones said
        words = [w for w in words if not _CODE_AND_NUMBER_RE.match(w) and not w.isdigit()]
        while words and words[-1] in {"&"}:
            words.pop()
        if len(words) > 1 and words[-1] == "I" and _SPEAKER_AFTER_RE.match(text, m.end()):
            words.pop()  # "on TV I would need": the writer speaking, no part of a name
        if words and not all(w in _NOT_NAMES for w in words):
            names.append(" ".join(words))
    return names


def is_furniture(word: str) -> bool:
    """A capitalised word that is sentence furniture ("The", "However"), never a name."""
    return word in _NOT_NAMES


def _quantity_terms(quantities: list[Quantity]) -> list[str]:
    terms: list[str] = []
    for q in quantities:
        terms.append(q.text.strip())
        if q.unit in _CURRENCY_WORDS:
            terms.extend(_CURRENCY_WORDS[q.unit])
        elif q.unit and q.unit not in {"percent"}:
            terms.append(q.unit)
    return terms


def search_terms(
    text: str, subject: str | None, quantities: list[Quantity], limit: int = 16
) -> tuple[str, ...]:
    """Keywords for a prediction: subject, names, numbers, synonyms, then content words.

    Ordered from most to least specific and deduplicated case-insensitively, because a matcher
    that tries them in turn should meet names and numbers before generic words.
    """
    terms: list[str] = []
    if subject:
        terms.append(subject)
    terms.extend(entities(text))
    terms.extend(_quantity_terms(quantities))
    for pattern, words in _SYNONYMS:
        if pattern.search(text):
            terms.extend(words)
    for m in _WORD_RE.finditer(text):
        word = m.group().lower().replace("’", "'")
        if word not in _STOPWORDS and not word.endswith("'s") and not word.endswith("ly"):
            terms.append(word)
    seen: set[str] = set()
    unique: list[str] = []
    for term in terms:
        low = term.lower()
        if low and low not in seen:
            seen.add(low)
            unique.append(term)
    return tuple(unique[:limit])
