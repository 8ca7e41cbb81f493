"""The launch question."""

from __future__ import annotations

import calendar
import re
from functools import lru_cache

from hindsight.analysis.caseless import Caseless
from hindsight.analysis.concepts import stem
from hindsight.analysis.deeds import DEEDS
from hindsight.analysis.matching import (
    Profile,
    shared_stems,
    topic_words,
    writes_any,
)
from hindsight.analysis.names import is_opener
from hindsight.analysis.prediction_fields import labelled_name
from hindsight.analysis.questions.base import (
    Question,
    Reader,
    Verdict,
    accepted_dates,
    another_one,
    claim_period,
    designations,
    other_version,
    span,
    successor,
    versions,
    window_text,
)
from hindsight.analysis.search_terms import is_furniture
from hindsight.analysis.subjects import alias_pattern
from hindsight.domain import Claim, Kind, Prediction, Stance

_I = re.IGNORECASE

# A launch itself: what dates a forecast's window.
# Not after "came out": a place in a ranking or a side taken ("came out top", "came out against").
_NOT_COMING_OUT = (
    r"(?!\s+(?:\w+ly\s+)?(?:of|against|ahead|on\s+top|top|first|second|third|last|best|worst|"
    r"in\s+(?:favou?r|front|support)|for|that|as|to|with)\b)"
)
_BROUGHT_OUT = (
    r"\blaunch(?:es|ed|ing)?\b|\bunveil\w*|\bdebut\w*|\bmass[- ]produc\w+|"
    r"\b(?:start|begin|began|started|starts|commence\w*) (?:of )?(?:mass )?production|"
    r"\bproduction (?:start|begin)\w*|"
    r"\bgo(?:es)? on sale|\bwent on sale|\bhit the (?:market|road)|"
    # "opens to passengers", "opened its doors": a line, a store or a site brought into use
    r"\bopen(?:s|ed)? (?:to (?:the )?(?:public|passengers|customers|traffic|visitors|riders)|"
    r"(?:its|their) doors)\b|"
    # "Ghostrunner came out on PS4": not "came out of talks", "came out against", "came out
    # on top", "it came out that ..."
    rf"\bc(?:ame|omes) out\b{_NOT_COMING_OUT}|"
    # "rolled out the feature"; not a rocket "rolled out to the pad" or "atop its Atlas V"
    r"\broll(?:s|ed)? out\b(?!\s+(?:again\s+)?(?:to|onto|atop|on)\b)|"
    # a show's first airing: "premiered on CBS on 24 September", "aired the premiere"; not the
    # Premier League, nor a premier (first) product
    r"\bpremier(?:e|es|ed|ing)\b(?!\s+(?:league|division|minister|brand|destination))|"
    # "released Cygnus from the Unity module": let go of, not brought out; "releases initial
    # numbers for 'Star Trek'", "released an update for Windows": what came out is another thing
    r"\breleas(?:ed|es)\b(?!\s+(?:[\w-]+\s+){0,5}?from\b)"
    r"(?!\s+(?:[\w-]+\s+){1,3}?(?:for|about)\s+[‘'\"“A-Z])|\bgeneral(?:ly)? availab\w+|"
    # brought into use: "went live on 21 May", "became fully operational", "entered service"
    r"\b(?:go|goes|went|gone)\s+live\b|\bbec(?:ame|omes?)\s+(?:fully\s+)?operational\b|"
    r"\b(?:enter(?:s|ed)|c(?:ame|omes)\s+into)\s+(?:passenger\s+|commercial\s+)?"
    r"(?:service|operation)\b|"
    # "began service on the line", "opens for service": a line or route brought into use
    r"\b(?:beg[ia]n|begins|start(?:s|ed)?)\s+(?:passenger\s+|revenue\s+|regular\s+)?service\b|"
    r"\bopen(?:s|ed)?\s+for\s+(?:service|passengers|riders)\b|"
    # a launch named as past with its day: "in its first year since its opening on May 24 2022"
    r"\b(?:its|their)\s+(?:official\s+)?(?:opening|launch|release|debut)\s+(?:on|in)\b"
)
# A forecast of a showing, not of a sale ("will be shown off at Unpacked", "we'll find out come
# February 11"): dated by news of the showing, never by the sale that follows it.
_REVEAL_WORDS = r"unveil\w*|reveal\w*|show(?:s|n|ed)?\s+off|showcas\w+|find\s+out|announc\w+"
_REVEAL = re.compile(rf"\b(?:{_REVEAL_WORDS})\b", _I)
# A sale's words: what follows them, to the clause's end, dates the sale ("on sale in the US and
# Korea from 14 February", "general availability followed on 19 September").
_SALE = Caseless(
    r"\b(?:on\s+sale|availab\w+|pre-?orders?|shipping|ships|shipped|in\s+stores|releas\w+)\b",
    _I,
)
# What news of a showing says: the showing, or the launch event where it happened.
_SHOWN = Caseless(
    rf"\b(?:{_REVEAL_WORDS}|show(?:s|n|ed)?|introduc\w+|launch\w*|debut\w*|event)\b", _I
)


def _dated_reveal(reader: Reader, claim: Claim) -> bool:
    """The claim dates a showing: a date of it written before any words of sale, for a
    forecast that the thing will be shown ("we'll find out come February 11 at Unpacked"):
    "announced the phone ..., on sale from 14 February" dates the sale that follows a showing,
    not the showing."""
    if reader.search(_SHOWN, claim) is None:
        return False  # "released in over 110 countries", "went on sale": a sale, no showing
    sale = reader.search(_SALE, claim)
    if sale is None:
        return True
    return any(d.text and 0 <= claim.text.find(d.text) < sale.start() for d in claim.dates)


# A delay moves a launch: only the new date it names dates one.
_LAUNCHED = _BROUGHT_OUT + r"|\bdelay(?:s|ed)?\b|\bpostpon\w+|\bpush(?:es|ed)? back\b"
LAUNCHED = Caseless(_LAUNCHED, _I)
BROUGHT_OUT = Caseless(_BROUGHT_OUT, _I)
# A release given up: it will never come out ("Chrome 82 was cancelled", "scrapped the Vexa 2").
_GIVEN_UP_WORDS = r"(?:cancel(?:s|led|ed)|scrap(?:s|ped)|shelved|axed|abandon(?:s|ed))"
# What a claim must say to speak to this question: a launch, a product announced or updated
# (which answers only an undated forecast that the product comes: `_announced`; "revealed a
# huge investment" dates no car), or a release given up (`_cancelled`).
CLAIM_CUE = Caseless(
    _LAUNCHED
    + r"|\b(?:announc|updat|refresh|reveal|introduc)(?:e|ed|es|ing)\b"
    + rf"|\b{_GIVEN_UP_WORDS}\b",
    _I,
)
# What a prediction must say to ask it (looser: forecasts are phrased vaguely).
PREDICTION_CUE = re.compile(
    r"\blaunch\w*|\bunveil\w*|\bdebut\w*|\bemerge\b|\bsee an? (?:actual|first|real)\b|"
    r"\bmass[- ]produc\w+|\bstart production\b|\bon sale\b|\bhit the (?:market|road)\b|"
    rf"\bcom(?:e|es|ing) out\b{_NOT_COMING_OUT}|"
    r"\brelease\w*|\barriv\w+|\bavailable\b|\bgeneral(?:ly)? availab\w+|\breveal\w*|"
    r"\bannounc\w+|\bupdat(?:e|es|ed|ing)\s+(?:the|its|their|for|to|of)\s+[A-Za-z]|"
    r"\brefresh\w*|"
    # Delivering or shipping a named thing is bringing it out: "we will deliver Rust 2018".
    r"\b(?:deliver|ship)(?:s|ed|ing)?\s+(?:the\s+|its\s+|our\s+|their\s+)?[_*]?(?-i:[A-Z])",
    _I,
)
# The stages before a release: each a launch of its own, never the release ("the final release
# candidate" is not "Java 9 was released"; a beta is not the product's launch).
PRE_RELEASE = Caseless(
    r"\brelease candidates?\b|\bRC\d*\b|\bbetas?\b|\balphas?\b|\b(?:developer |technical )?"
    r"previews?\b|\bearly access\b|\b(?:early |public )?drafts?\b|\bmilestone builds?\b",
    _I,
)
_FIRST = Caseless(r"\bfirst\b")
# A thing brought fully into use: a stage beyond its opening ("fully functional", "full
# timetable", "fully operational").
_FULLY = Caseless(
    r"\bfull(?:y)?\s+(?:functional|operational|open(?:ed)?|running|service|timetable|capacity)\b",
    _I,
)


# Words of scheduling a launch: every plan says them, so they name no object of it.
_SCHEDULING = frozenset(["schedul", "slat", "plan", "due", "set", "expect", "target", "soon"])


def _is_act(stem: str) -> bool:
    """A stem of the launching itself ("launch", "releas", "arriv") or of scheduling it
    ("scheduled"): shared by every launch story, so never what a forecast and a story are both
    about."""
    return stem in _SCHEDULING or any(
        cue.search(form) is not None
        for form in (stem, stem + "e", stem + "ed")
        for cue in (CLAIM_CUE, PREDICTION_CUE)
    )


# A possessive pointing back to a thing named before ("their game", "its new car").
_POINTING = re.compile(r"\b(?:their|its|his|her|our)\s+(?:[a-z-]+\s+)?$", _I)


def _pointed_back(text: str, stem: str) -> bool:
    """Every mention of `stem` in the forecast is a thing pointed back to, not named."""
    found = [m for m in re.finditer(rf"\b{re.escape(stem)}\w*", text, _I)]
    return bool(found) and all(_POINTING.search(text[: m.start()]) for m in found)


_POINTED_THING = re.compile(r"\b(?:their|his|her)\s+(?:[a-z-]+\s+)?([a-z]{3,})\b", _I)


@lru_cache(maxsize=4096)
def _pointed_things(text: str) -> frozenset[str]:
    """The stems of things a forecast points back to as another party's ("their game", "his
    next film"): a launch of the subject's own first product is not theirs."""
    return frozenset(stem(m.group(1).lower()) for m in _POINTED_THING.finditer(text))


# Where a thing comes out, not what: "on the Switch", "for PlayStation 4, Xbox One and PC",
# "comes to PC".
_RELEASED_ON = re.compile(
    r"\b(?:on|for|to)\s+(?:the\s+)?((?:[A-Z][\w-]*(?:\s+\d+)?(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s+)?)+)"
)


@lru_cache(maxsize=4096)
def _where_only(text: str) -> frozenset[str]:
    """The stems of names a forecast writes only as where its thing comes out ("It comes out
    on the Switch on March 20"): a platform or venue shared with another launch story ("The
    game was released for PlayStation 4 and Switch") is no shared object."""
    where = {
        stem(w.lower()) for m in _RELEASED_ON.finditer(text) for w in re.findall(r"[A-Za-z]+", m[1])
    }
    outside = _RELEASED_ON.sub(" ", text)
    return frozenset(
        where - {stem(w.lower()) for w in re.findall(r"[A-Za-z]+", outside)} - _WHEN_WORDS
    )


# "on Tuesday", "on March 20": when, not where (the window's own words settle those).
_WHEN_WORDS = frozenset(
    stem(w.lower()) for w in (*calendar.day_name, *calendar.month_name, *calendar.month_abbr) if w
)


@lru_cache(maxsize=8192)
def _stages(text: str) -> frozenset[str]:
    """The pre-release stages `text` names, by their last word ("release candidate" ->
    "candidate", "RC1" -> "rc"); cached: a forecast is read again for every claim."""
    return frozenset(
        stem(m.group().split()[-1].rstrip("0123456789"))
        for m in PRE_RELEASE.finditer(text)
        if not _STAGES_BEHIND.search(text, max(0, m.start() - 30), m.start())
    )


# "released on 26 November after five release candidates": stages it went through, not the
# stage released.
_STAGES_BEHIND = re.compile(r"\b(?:after|following)\s+(?:\w+\s+){0,2}$", _I)


def gate(reader: Reader, claim: Claim) -> bool:
    """What the claim must be for any prediction of this question (tested once per claim):
    dated, or a stated fact (an undated forecast needs no date)."""
    return claim_period(claim) is not None or claim.modality == "fact"


def _undated(reader: Reader, claim: Claim, prediction: Prediction, prof: Profile) -> Verdict | None:
    """An undated forecast that a named thing will be released ("the MacBook Air will be part
    of the first tranche released", "apps like Parallels Desktop will be available") against a
    fact that it was: the claim names the forecast's own subject — a product or another party,
    not the seed's main actor, whose launches are many — with a word of release.

    Why: with no window there is nothing to be early or late against; the release itself is
    what the forecast expects (or, negated, rules out). "First" must be matched by "first".
    """
    if prediction.kind not in (Kind.EVENT, Kind.NEGATIVE_EVENT) or claim.modality != "fact":
        return None
    if not claim.polarity or not PREDICTION_CUE.search(prediction.text):
        return None
    main = reader.subjects[0].name if reader.subjects else None
    if not prediction.subject or prediction.subject == main:
        return None
    named = next((s for s in reader.subjects if s.name == prediction.subject), None)
    if named is None or not alias_pattern(named).search(claim.text):
        return None
    if _names_another(prediction.text, claim.text, alias_pattern(named)):
        return None  # "a new Metroid game will be announced", filed under the Switch: not it
    if _FIRST.search(prediction.text.lower()) and not reader.search(_FIRST, claim):
        return None  # "the first tranche": a later release does not answer it
    if another_one(prediction, claim):
        return None  # (a numbered version's release, "Parallels Desktop 16", is a release of it)
    pattern = alias_pattern(named)
    cue = next(
        (
            c
            for c in LAUNCHED.finditer(claim.text)
            if not _owned_by_another(claim.text[: c.start()], pattern)
        ),
        None,
    )
    if cue is None:
        return None  # announced or updated something, or another thing's release
    said = f' ("{span(claim.text, cue)}")'
    when = f" {claim.event_date.isoformat()}" if claim.event_date else ""
    agrees = prof.expects and prediction.kind != Kind.NEGATIVE_EVENT
    return Verdict(
        Stance.SUPPORTS if agrees else Stance.CONTRADICTS,
        1.0,
        f"release of {prediction.subject} reported{when}{said}; the prediction "
        + ("expected it (no date)" if agrees else "ruled it out"),
    )


# Where the words naming what a forecast expects end: its verb, or a phrase after its noun.
_HEAD_END = re.compile(
    r"\s(?:will|would|could|should|may|might|is|are|to|shall)\s|\s(?:for|of|on|with|from|like|in|at)\s",
    _I,
)


def _names_another(forecast: str, claim: str, subject: re.Pattern[str]) -> bool:
    """What the forecast expects released is another thing than its subject, one the news does
    not name: the name heading its clause is another ("a new Metroid game will be announced",
    filed under the console; "a Lumen Pro"; "a Starfall game for the Lumen"), or the subject
    owns it ("the Lumen's successor"). A clause headed by no name ("The console will", "It
    will") is about the subject."""
    owned = re.search(rf"(?:{subject.pattern})['’]s\s+([a-z][\w-]+)", forecast, subject.flags)
    if owned and not re.search(rf"\b{re.escape(owned.group(1))}", claim, _I):
        return True  # "the Lumen's successor": not the Lumen
    clause = forecast.rsplit(",", 1)[-1]  # after a leading aside: "Once X is out, apps will"
    end = _HEAD_END.search(clause)
    head = clause[: end.start()] if end else clause
    for m in _PRODUCT.finditer(head):
        words = m.group().split()
        while words and (is_furniture(words[0]) or is_opener(words[0])):
            words.pop(0)  # "A Lumen Pro", "It"
        name = " ".join(words)
        if len(name) <= 2 or subject.fullmatch(name):
            continue
        if not _names_product(claim, name):
            return True
    return False


# A name owning the word of release after it: "iOS 9's launch", "the Watch's release".
_OWNER_BEFORE = re.compile(r"([\w.-]+(?:\s+[\w.-]+){0,2})['’]s?\s+$")


def _owned_by_another(before: str, subject: re.Pattern[str]) -> bool:
    """The word of release is another thing's: a possessive names what was launched ("With iOS
    9's launch, ... iPad Pro" is iOS 9's launch, not the iPad Pro's)."""
    m = _OWNER_BEFORE.search(before)
    return m is not None and subject.search(m.group(1)) is None


# Verbs of bringing out a product: the forecast's ("will reveal", "plans on updating") and the
# news's ("announced the new Mac mini", "updated the iMac").
ANNOUNCING = re.compile(
    r"\b(?:reveal|unveil|announc|launch|releas|updat|refresh|introduc|debut)\w*", _I
)
_ANNOUNCED = Caseless(
    r"\b(?:revealed|unveiled|announced?|announces|announcing|launched|launches|released|releases|"
    r"updated|updates|refreshed|refreshes|introduced|introduces|debuted)\b"
    r"|\b(?:got|gets|received|receives) (?:its|a|an|the) (?:\w+ )?(?:update|refresh|redesign)\b"
)
# A word of a product's name: capitalised or camel-cased ("MacBook", "iMac"); after the first,
# also a number or a model word written in lower case ("Mac mini", "iPod touch").
_NAME_WORD = r"(?:[A-Z][\w-]*|i[A-Z][\w-]*)"
_MODEL_WORD = rf"(?:{_NAME_WORD}|\d+|\b(?:mini|touch|max|plus|pro|air)\b)"
_PRODUCT = re.compile(rf"(?<![\w-]){_NAME_WORD}(?:\s+{_MODEL_WORD})*")
_MODEL_WORD_AFTER = re.compile(rf"\s+{_MODEL_WORD}")


def _products(reader: Reader, text: str) -> list[str]:
    """The products a forecast names: names that are none of the tracked actors or people."""
    own = {n for s in reader.subjects for n in (s.name, *s.aliases) if n not in s.products}
    found = []
    for m in _PRODUCT.finditer(text):
        name = m.group()
        if name in own or name.split()[0] in own or is_furniture(name.split()[0]):
            continue
        if len(name) > 2 and not name.isupper():
            found.append(name)
    return found


def _names_product(claim_text: str, product: str) -> bool:
    """The claim names this very product, not a longer one ("MacBook" is not "MacBook Air")."""
    return any(
        not _MODEL_WORD_AFTER.match(claim_text, m.end())
        for m in re.finditer(rf"(?<![\w-]){re.escape(product)}\b", claim_text)
    )


# What may stand between a verb of bringing out and the product it brings out: articles,
# other products of a list ("announce the new MacBook Air, Mac mini, and iPad Pro").
_LISTED_BETWEEN = re.compile(rf"(?:\s|,|\b(?:and|the|a|an|new|its)\b|{_MODEL_WORD})*")


# What may follow a product brought out: the list going on, or the clause ending; a noun after
# it makes it a modifier ("the Mac mini and iMac repair program", "MacBook Air batteries").
_LIST_ITEM_END = re.compile(
    r"\s*(?:[.;:)]|$)|\s*(?:with|on|in|at|for|to|from|as|which|that|since|after|before|today|"
    r"this|last|next)\b"
)


def _brought_out(text: str, cue: re.Match[str]) -> bool:
    """A verb of bringing out stated as done (not "has no plans to announce")."""
    return not re.search(r"\b(?:no|not|never|without)\b[^.;]{0,30}$", text[: cue.start()], _I)


def _object_of(text: str, cue: re.Match[str], product: str) -> bool:
    """The product is what the verb brings out: written right after it (a list of products may
    stand between), or before "got its first update"."""
    if cue.group().lower().startswith(("got", "gets", "received", "receives")):
        at = text.rfind(product, 0, cue.start())
        return at >= 0 and not text[at + len(product) : cue.start()].strip(" ,")
    at = text.find(product, cue.end())
    if at < 0 or _LISTED_BETWEEN.fullmatch(text[cue.end() : at]) is None:
        return False
    # The whole list of products ends the clause, or a word of how or when follows it; a noun
    # after it makes the list a modifier ("... Mac mini and iMac repair program").
    run = _LISTED_BETWEEN.match(text, at)
    return _LIST_ITEM_END.match(text, run.end() if run else at) is not None


def _announced(
    reader: Reader, claim: Claim, prediction: Prediction, prof: Profile
) -> Verdict | None:
    """An undated forecast that the company will bring out named products ("expected to reveal
    the first new Mac mini since 2014", "plans on updating the MacBook and MacBook Air") against
    news that it announced, updated or released every one of them, by the deadline.

    Why: the forecast is the product's coming; a story naming it with a verb of bringing it out
    is that. A longer name is another product, and "first" must be matched by "first"."""
    if prediction.kind != Kind.EVENT or not prof.expects or not ANNOUNCING.search(prediction.text):
        return None
    if claim.modality != "fact" or not claim.polarity:
        return None
    deadline, published = prediction.deadline, claim.published
    if deadline is not None and published is not None and published > deadline:
        return None
    products = _products(reader, prediction.text)
    if not products or not all(_names_product(claim.text, p) for p in products):
        return None
    cue = next((c for c in _ANNOUNCED.finditer(claim.text) if _brought_out(claim.text, c)), None)
    if cue is None or not all(_object_of(claim.text, cue, p) for p in products):
        return None
    if _FIRST.search(prediction.text.lower()) and not reader.search(_FIRST, claim):
        return None
    said = span(claim.text, cue)
    return Verdict(
        Stance.SUPPORTS, 1.0, f'{", ".join(products)}: "{said}"; the prediction expected it'
    )


# A name of several capitalised words ("Rust Language Server", "Home Button Program").
_LONG_NAME = re.compile(r"\b[A-Z][\w-]*(?:\s+(?:of\s+)?[A-Z][\w-]*)+")


_NAME = r"(?:The\s+)?[A-Z][\w'’&-]{2,}(?:\s+[A-Z][\w'’&-]*)*"
# Names listed mid-sentence: "The Flash, Supernatural, and Riverdale", "Suburra or Narcos".
_LISTED_NAMES = re.compile(rf"(?<=[a-z] )({_NAME}(?:,\s+{_NAME})*,?\s+(?:and|or)\s+{_NAME})")
_LISTED_NAME = re.compile(_NAME)


def _none_of_the_listed(prediction: Prediction, claim: Claim) -> bool:
    """The forecast names several things mid-sentence ("new episodes of shows like The Flash,
    Supernatural, and Riverdale") and the claim none of them: whatever it says was launched
    is another thing, though it shares a kind word ("episodes")."""
    own = set(prediction.subject.split())
    names = {
        name.removeprefix("The ").strip()
        for listed in _LISTED_NAMES.finditer(prediction.text)
        for name in _LISTED_NAME.findall(listed.group())
    } - own
    return len(names) >= 2 and not writes_any(names, claim.text)


def _label_unnamed(prediction: Prediction, claim: Claim) -> bool:
    """A schedule's line names its thing first ("Suburra, Oct. 6 – A thriller ..."): news
    not naming it is about another entry of the schedule."""
    label = labelled_name(prediction.text)
    if label is None or label == prediction.subject:
        return False
    return not writes_any((w for w in label.split() if len(w) >= 3), claim.text)


# A title in quotes: 'Stream "The Lincoln Lawyer" season 4', “Night Ferry”; each word of it
# capitalised, small words aside.
_QUOTED_TITLE = re.compile(
    r"[\"“‘](?P<title>[A-Z0-9][\w'’&:-]*(?:\s+(?:[A-Z0-9][\w'’&:-]*|of|the|a|an|and|in|on|to|for|"
    r"is|at|by|with)){0,7})[\"”’]"
)


# A launch the report places before its own day without dating it: "had already released",
# "is already streaming".
_DONE_BEFORE = Caseless(
    r"\b(?:already|had\s+(?:already\s+)?)(?:been\s+)?(?:released|launched|premiered|debuted|"
    r"come out|out|streaming|available)\b"
)


_INDEFINITE_BEFORE = re.compile(r"\b(?:a|an|any|some)\s+$", _I)


def _title_unnamed(prediction: Prediction, claim: Claim) -> bool:
    """The forecast names its thing by a title in quotes ('Stream "The Lincoln Lawyer" season 4
    on Netflix starting Feb. 5'): news not writing the title is about another of the maker's
    things ("The Night Agent season 3 came out on Netflix on 19 February")."""
    titles = [
        m["title"].removeprefix("The ").lower()
        for m in _QUOTED_TITLE.finditer(prediction.text)
        if m["title"].lower() != prediction.subject.lower()
        # 'before a “Mi EV” can emerge': one of a kind, named as a placeholder
        and not _INDEFINITE_BEFORE.search(prediction.text, 0, m.start())
    ]
    if not titles or versions(prediction.text) & versions(claim.text):
        return False  # '"Rousseau" 11.3' is named by its number too: "openSUSE 11.3 is out"
    # The title must be among what the word of launch brings out, not an aside after it:
    # "had already released The Lincoln Lawyer ..., with Bridgerton's new episodes still to come"
    cue = LAUNCHED.search(claim.text)
    end = _ASIDE_AFTER.search(claim.text, cue.end()) if cue else None
    lower = claim.text[: end.start() if end else len(claim.text)].lower()
    return not any(title in lower for title in titles)


# Where what a word of launch brings out ends: an aside of other things ("..., with ...").
_ASIDE_AFTER = re.compile(r"[;,]\s+(?:with|while|and|but)\b|;")


def _unnamed_name_words(forecast: str, claim: str) -> frozenset[str]:
    """The modifying words of the forecast's longer names that the claim does not write whole:
    "the Rust language" is not the "Rust Language Server", so "language" is no shared object.
    The name's last word is the kind of thing it names and still counts ("Macs" of "ARM
    Macs")."""
    lower = claim.lower()
    return frozenset(
        w for name, modifiers in _long_names(forecast) if name not in lower for w in modifiers
    )


@lru_cache(maxsize=4096)
def _long_names(forecast: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """The forecast's longer names, lower-cased, each with its modifying words' stems (read
    once per forecast, not once per pair)."""
    return tuple(
        (m.group().lower(), frozenset(stem(w.lower()) for w in m.group().split()[:-1]))
        for m in _LONG_NAME.finditer(forecast)
    )


def _cancelled(claim: Claim, prediction: Prediction) -> Verdict | None:
    """The very release the forecast dates was given up: it will never come out, whatever the
    window ("Chrome 82 (stable in April 2020)" against "The Chrome 82 release was canceled").

    Why so narrow: only a designation both sides name ("Chrome 82", not "Chrome") written as
    what was given up, the designation before "was cancelled" (with at most a word such as
    "release" between) or right after the verb. "Its launch event was cancelled", a plan to
    cancel, or another version given up say nothing of this release.
    """
    if claim.modality != "fact" or not claim.polarity:
        return None
    for name in sorted(designations(prediction.text) & designations(claim.text)):
        said = _given_up(name).search(claim.text)
        if said is not None:
            return Verdict(
                Stance.CONTRADICTS,
                1.0,
                f'"{said.group().strip()}": {name} will not come out; the prediction expected it',
                settled=True,
            )
    return None


@lru_cache(maxsize=1024)
def _given_up(name: str) -> re.Pattern[str]:
    """`name` written as what was given up: "Chrome 82 was cancelled", "The Chrome 82 release
    was canceled", "scrapped the Vexa 2"."""
    named = re.escape(name)
    return re.compile(
        rf"\b{named}(?!\w)(?:\s+(?:release|version|update|build|edition|model))?\s+"
        rf"(?:was|were|has been|had been|got|is being)\s+(?:\w+ly\s+)?{_GIVEN_UP_WORDS}\b"
        rf"|\b{_GIVEN_UP_WORDS}\s+(?:the\s+|its\s+|their\s+)?{named}(?!\w)"
        rf"(?!\s+(?:launch|event|show|presentation|keynote|demo|tour)\b)",
        _I,
    )


def _launched_itself(
    reader: Reader, prediction: Prediction, prof: Profile, dating: frozenset[str], claim: Claim
) -> bool:
    """A forecast naming no object of its own ("It should come out this summer", under a
    section titled with the thing's name) is of its subject's own launch; news that writes the
    subject as what was launched ("Glimmer of Halvard went on sale", "released Glimmer of
    Halvard") is that launch. A forecast naming a thing ("its first car") is not settled so:
    the subject's launch of anything else is another launch."""
    own = {
        w
        for w in prof.topic | _thing_words(reader, prediction)
        if not w.isdigit() and not _is_act(w) and w not in dating
    } - _where_only(prediction.text)
    return not own and _subject_launch(prediction.subject).search(claim.text) is not None


@lru_cache(maxsize=1024)
def _subject_launch(subject: str) -> re.Pattern[str]:
    """The subject written as the thing launched: before the launch words, or right after a
    verb of bringing out."""
    name = re.escape(subject)
    return re.compile(
        rf"\b{name}(?!\w)(?:['’]s)?\s+(?:(?:has|have|had|was|were|is|finally|officially|"
        rf"just)\s+)*(?:{_LAUNCHED})|\b(?:launch(?:es|ed)?|releas(?:es|ed)|unveil(?:s|ed)|"
        rf"debut(?:s|ed))\s+(?:the\s+)?{name}(?!\w)",
        _I,
    )


def _thing_words(reader: Reader, prediction: Prediction) -> frozenset[str]:
    """The words of a forecast's subject when it is a thing the company makes, not the company
    ("The first ARM Macs will go on sale"): what is launched, so news naming it ("released the
    first three Macs") is of the same launch. The main subject's own names are never it."""
    main = reader.subjects[0] if reader.subjects else None
    if main is None or prediction.subject in (main.name, *main.aliases):
        return frozenset()
    names = (main.name, *main.aliases)

    def read() -> frozenset[str]:
        company = {w.lower() for n in names for w in n.split()}
        return topic_words(prediction.subject, company)

    return reader.memo("thing words", (prediction.subject, names), read)


# The date a postponed thing was due on: "the vote, due on Tuesday", "originally set for May".
_GIVEN_UP = Caseless(
    r"\b(?:due|originally|scheduled|planned|slated|set)\s+(?:[\w-]+\s+){0,2}?(?:on|in|for)\b|"
    # "delayed it from 17 September to 19 November": the first date is the one given up
    r"\bfrom\s+(?:[\w,]+\s+){1,3}?(?:to|until|till)\b"
)


# Delays given as the cause of something else: "because of production delays on its regular
# shows", "due to supply delays".
_DELAY_AS_CAUSE = Caseless(
    r"\b(?:because\s+of|due\s+to|owing\s+to|amid)\s+(?:[\w-]+\s+){0,3}?delays?\b", _I
)


# A journey's end: "will arrive at the space station", "reaches orbit", "docks with".
_ARRIVING = Caseless(
    r"\b(?:arriv\w*\s+(?:at|in|on)|reach(?:es|ed)?\s+(?:the\s+|its\s+)?(?:space\s+station|station"
    r"|orbit|moon|destination|port)|dock\w*)\b",
    _I,
)


@lru_cache(maxsize=4096)
def _dating(text: str) -> frozenset[str]:
    """The stems of a window's own words ("before the end of September"): they date the
    launch and name no object of it. Cached: a forecast meets every launch story."""
    return frozenset(stem(w) for w in re.findall(r"[a-z]+", text.lower()))


def compare(reader: Reader, claim: Claim, prediction: Prediction, prof: Profile) -> Verdict | None:
    window = prediction.expectation.window
    counted = prediction.expectation.quantity
    if counted is not None and counted.kind == "count" and counted.unit and counted.low > 1:
        return None  # "release 4 minor versions in 2017": one release does not settle a count
    cancelled = _cancelled(claim, prediction)
    if cancelled is not None:
        return cancelled
    period = claim_period(claim)
    if window is None:
        return _undated(reader, claim, prediction, prof) or _announced(
            reader, claim, prediction, prof
        )
    if len({d.start for d in claim.dates if d.start == d.end}) >= 3:
        return None  # a list of dated stages: `milestone` reads it entry by entry
    if reader.search(LAUNCHED, claim) is None:
        return None  # announced or updated, not launched: no date of a launch
    if _ARRIVING.search(prediction.text) and not reader.search(_ARRIVING, claim):
        return None  # a launch is a journey's start: it dates nothing of its arrival
    if reader.search(DEEDS["delay"], claim) is not None and reader.search(_GIVEN_UP, claim):
        return None  # "postponed the vote, due on 11 December": the date it no longer has
    if reader.search(_DELAY_AS_CAUSE, claim) and reader.search(BROUGHT_OUT, claim) is None:
        return None  # "because of production delays on its shows, CBS began airing ...": a cause
    if not claim.dates and reader.search(BROUGHT_OUT, claim) is None:
        return None  # "delayed its phone": a delay naming no new date dates no launch
    if period is None:
        return None
    products = [p for s in reader.subjects for p in s.products]
    first_named = bool(products) and re.search(rf"\b{re.escape(products[0])}\b", claim.text)
    if products and not first_named and not reader.search(_FIRST, claim):
        # Once a product exists, only the first product's launch dates the first arrival.
        return None
    # The window's own words ("before the end of September") date the launch; they name no
    # object of it, so news of another launch that month is not this one's.
    dating = _dating(window.text)
    objects = (
        {
            w
            for w in shared_stems(
                prof.topic | _thing_words(reader, prediction), reader.words_of(claim)
            )
            if not w.isdigit() and not _is_act(w) and w not in dating
        }
        - _unnamed_name_words(prediction.text, claim.text)
        - _where_only(prediction.text)
    )
    if not objects and _launched_itself(reader, prediction, prof, dating, claim):
        objects = {prediction.subject.lower()}
    if first_named and _pointed_things(prediction.text) - reader.words_of(claim):
        return None  # "their game will come out": not the console the news names
    if not first_named and not versions(prediction.text) & versions(claim.text):
        if not objects:
            return None  # the launch of something else (a listing, a route, a rival's car)
        if all(_pointed_back(prediction.text, w) for w in objects):
            return None  # "their game": one the article named before; any game is not it
    if another_one(prediction, claim) or successor(prediction, claim):
        return None  # "its sixth aircraft", "the Vexa 2": not the one the prediction dates
    if other_version(prediction, claim):
        return None  # "Quill 6 reached general availability": not Quill 5
    if (
        _none_of_the_listed(prediction, claim)
        or _label_unnamed(prediction, claim)
        or _title_unnamed(prediction, claim)
    ):
        # "shows like The Flash, Supernatural and Riverdale", "Suburra, Oct. 6 – ...", a show
        # named in quotes: not "Alias Grace"
        return None
    if _stages(prediction.text) != _stages(claim.text):
        return None  # a release candidate's date against the release's, or the other way
    if _REVEAL.search(prediction.text) and not _dated_reveal(reader, claim):
        return None  # "we'll find out on February 11": its sale from the 14th is another stage
    if _FULLY.search(prediction.text) and not reader.search(_FULLY, claim):
        return None  # "will be fully functional by May 2023": its opening is not its completion
    if not claim.polarity:
        # "has not launched yet": before the window closes there is still time; after it,
        # the launch expected in the window did not come.
        if period[1] <= window.end:
            return None
        return Verdict(
            Stance.CONTRADICTS,
            1.0,
            f"no launch reported by {period[1].isoformat()}, after the expected window "
            f"{window_text(window)}",
        )
    if window.text.startswith("not before"):
        # "I don't see it launched before 2026": up to the window's end is ruled out.
        when = f"{period[0].isoformat()}..{period[1].isoformat()}"
        if period[1] <= window.end:
            return Verdict(
                Stance.CONTRADICTS,
                1.0,
                f"launch {when} is inside {window.text}, which the prediction ruled out",
            )
        if period[0] > window.end:
            return Verdict(Stance.SUPPORTS, 1.0, f"launch {when} is after {window.end.isoformat()}")
        return None
    lo, hi, shown = accepted_dates(window)
    when = (
        period[0].isoformat()
        if period[0] == period[1]
        else f"{period[0].isoformat()}..{period[1].isoformat()}"
    )
    if lo <= period[0] and period[1] <= hi:
        return Verdict(Stance.SUPPORTS, 1.0, f"launch {when} is within the expected window {shown}")
    if period[1] < lo or period[0] > hi:
        side = "before" if period[1] < lo else "after"
        if side == "after" and reader.search(_DONE_BEFORE, claim):
            return None  # "had already released X that month": by the report's day, not on it
        if claim.modality == "plan" and side == "after" and claim.published is not None:
            if claim.published <= window.end:
                return None  # still a plan while the window is open: it may change
            # Said after the window closed, a plan for later dates that it had not happened.
            return Verdict(
                Stance.CONTRADICTS,
                1.0,
                f"as of {claim.published.isoformat()}, after the expected window "
                f"{window_text(window)} closed, the launch was still planned for {when}, "
                f"past {shown}",
                settled=True,
            )
        return Verdict(
            Stance.CONTRADICTS, 1.0, f"launch {when} is {side} the expected window {shown}"
        )
    return None


QUESTION = Question("launch", CLAIM_CUE, PREDICTION_CUE, gate, compare)
