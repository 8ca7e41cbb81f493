"""What a market forecast is about: the measure it forecasts, not the party that forecasts it.

An article relays forecasts: "the agency predicts the growth of solar capacity will be 160 GW in
2022", "a bank predicts that home prices will rise by 13.5%". The extractor files them under the
forecaster (it is the name in the sentence), but news that settles them never names it: it states
the measure's outcome ("77.6 GW of new wind power capacity was connected in 2022"). So such a
forecast's subject, for finding news, is its measured topic ("solar capacity", "home prices"):
`measured_topic` reads it from the forecast's own words, and `subjects.learn_subjects` tracks it
as a topic subject news is searched under.

Prefer open to wrong: a forecast gets a topic only when its figure plainly belongs to no named
actor — the clause's own subject is a noun phrase of two or more ordinary words (no name, no
pronoun) — and the party it is filed under is only the forecaster: named as the speaker of a
forecast verb ("Freddie Mac forecasts ..."), or not named at all in a forecast it owns. A
company's plan ("the company expects to deliver 100,000 cars", "its sales will reach ...") has an
actor and gets none. Whether a news figure then answers the forecast stays the measure question's
work (same unit, measure, period, place, no named actor of its own).
"""

from __future__ import annotations

import re

from hindsight.analysis.names import is_english_word, is_topic
from hindsight.analysis.quantities import UNITS
from hindsight.domain import Prediction

__all__ = ["measured_topic", "other_number", "topic_forms"]

_I = re.IGNORECASE

# A forecast verb whose speaker is a forecaster, not the one who acts: "X predicts (that) ...",
# "X forecasts the rate will ...", "X is forecasting ...". An infinitive after it ("X expects to
# deliver") makes X the actor.
_FORECAST_VERB = (
    r"(?:predicts?|predicted|forecasts?|forecasted|is forecasting|are forecasting|projects?|"
    r"projected|expects?|expected|estimates?|estimated|anticipates?|anticipated|sees?|saw|"
    r"says|said)"
)
# The modal or copula the clause's subject stands before: "<noun phrase> will be 160 GW".
_MODAL = (
    r"(?:will|would|should|could|may|might|to|"
    r"is (?:set|expected|likely) to|are (?:set|expected|likely) to)"
)
# Where a clause's subject can start: the text's start, a comma, "that", or a forecast verb.
_CLAUSE_START = re.compile(
    rf"(?:^|[,;:]\s*|\b(?:that|and|but|while|whereas)\s+|\b{_FORECAST_VERB}\s+)", _I
)
_NP_WORD = re.compile(r"^(?:[a-z][a-z-]*|\d+-[a-z]+(?:-[a-z]+)*)$")
_DETERMINERS = frozenset(["the", "a", "an", "this", "next", "total"])
# Words that make a phrase no measure of a market: pronouns, possessives, quantifiers.
_NOT_TOPIC = frozenset(
    """it its they their them he his she her we our you your i my this that these those which
    who what there here some most many all each every one other others company firm group
    maker business is are was were be been being has have had do does did goal goals target
    targets plan plans aim aims forecast forecasts outlook estimate estimates expectation
    expectations guidance""".split()  # noqa: SIM905
)
# Words of a metric or its period that name no market by themselves: a topic needs one more
# word, the thing measured ("scooter shipments", "solar capacity", "home prices").
_METRIC_WORDS = frozenset(
    """sales sale deliveries delivery shipments shipment revenue revenues profit profits output
    production capacity prices price rate rates growth volume volumes orders units demand
    margin margins earnings income share shares annual yearly quarterly monthly weekly total
    overall global worldwide average net gross new first""".split()  # noqa: SIM905
)
# Nouns of change in front of the measure itself: "the growth of solar capacity".
_CHANGE_OF = re.compile(
    r"^(?:(?:annual|yearly|overall|total|average|new)\s+)?(?:growth|increase|rise|decline|"
    r"decrease|fall|drop|change|expansion|number|level|amount|volume|pace|rate)\s+(?:of|in)\s+",
    _I,
)
# "energy from wind power": the source that names the measure.
_SOURCE = re.compile(r"^[a-z-]+\s+(?:from|of)\s+(?P<rest>.+)$", _I)


def _mentions(text: str, name: str) -> list[re.Match[str]]:
    """Where `text` names `name` itself, not inside a longer name ("Mortgage" in "Mortgage
    Bankers Association" is another party)."""
    return list(re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])(?!\s+[A-Z])", text))


def _speaker_only(text: str, name: str) -> bool:
    """Whether every mention of `name` in `text` is as the speaker of a forecast verb."""
    mentions = _mentions(text, name)
    if not mentions:
        return False
    for m in mentions:
        after = text[m.end() :]
        verb = re.match(rf"\s+(?:\w+\s+)?{_FORECAST_VERB}\b(?!\s+to\b)", after, _I)
        if verb is None:
            return False
    return True


def _clean(phrase: str) -> str | None:
    """The measure named by a clause subject: determiners and change nouns dropped, two words or
    more of ordinary lower-case words; None when it names an actor."""
    words = phrase.split()
    while words and words[0].lower() in _DETERMINERS:
        words = words[1:]
    phrase = " ".join(words)
    phrase = _CHANGE_OF.sub("", phrase)
    source = _SOURCE.match(phrase)
    if source is not None and len(source.group("rest").split()) >= 2:
        phrase = source.group("rest")
    words = phrase.split()
    if words and words[0][:1].isupper() and is_english_word(words[0].lower()):
        words[0] = words[0].lower()  # "Scooter deliveries will ...": a sentence's first word
        phrase = " ".join(words)
    if len(words) < 2 or len(words) > 4:
        return None
    if any(not _NP_WORD.match(w) or w in _NOT_TOPIC for w in words):
        return None  # a name, a pronoun, a figure: an actor or no measure
    if all(w.lower() in _METRIC_WORDS for w in words):
        return None  # "annual deliveries": whose, the words do not say; a company's, likely
    return phrase


def measured_topic(prediction: Prediction) -> str | None:
    """The measure a relayed market forecast is about ("solar capacity"), else None."""
    quantity = prediction.expectation.quantity
    subject = prediction.subject
    if quantity is None or not subject or is_topic(subject):
        return None
    text = prediction.text
    at = text.find(quantity.text)
    if at < 0:
        return None
    before = text[:at]
    modals = list(re.finditer(rf"\s+{_MODAL}\s+(?:[\w-]+\s+){{0,4}}?$", before, _I))
    if not modals:
        return None
    head = before[: modals[-1].start()]
    starts = list(_CLAUSE_START.finditer(head))
    start = max((m.end() for m in starts), default=0)
    if modals[-1].group().split()[0].lower() == "to" and not any(
        m.end() == start and re.search(_FORECAST_VERB, m.group(), _I) for m in starts
    ):
        return None  # "<X> expects <measure> to reach": only right after a forecast verb
    named = bool(_mentions(text, subject))
    if named and not _speaker_only(text, subject):
        return None  # the party it is filed under is named as more than its forecaster
    relayed = _relayed(prediction) or _third_party_forecast(head, starts, start)
    if not named and not relayed:
        return None  # an unnamed subject of the author's own forecast may well be its actor
    return _clean(head[start:].strip())


def _relayed(prediction: Prediction) -> bool:
    """Whether a forecast that does not name its subject is the forecaster's, not its actor's:
    the subject is the forecaster itself ("the agency predicts"), or the owner is someone of
    another organisation ("Ann Lee (Mortgage Bankers Association)"). A person with no
    organisation may speak for the subject ("the line's fare will be 2 pounds"): not relayed."""
    owner, subject = prediction.owner, prediction.subject
    if owner == subject:
        return True
    organisation = re.search(r"\(([^()]+)\)\s*$", owner)
    return organisation is not None and subject not in {organisation.group(1), owner}


_FIRST_PERSON = re.compile(r"\b(?:i|we)\s+(?:\w+\s+)?$", _I)


def _third_party_forecast(head: str, starts: list[re.Match[str]], start: int) -> bool:
    """Whether the clause is what a third party forecasts: "The firm predicts that <it>", not
    the author's "we expect <it>"."""
    verb = next((m for m in starts if m.end() == start), None)
    if verb is None or not re.search(_FORECAST_VERB, verb.group(), _I):
        verb = next(
            (m for m in starts if m.end() < start and re.search(_FORECAST_VERB, m.group(), _I)),
            None,
        )
        if verb is None or not re.fullmatch(r"\s*that\s+", head[verb.end() : start]):
            return False
    return _FIRST_PERSON.search(head[: verb.start()]) is None


def other_number(phrase: str) -> str:
    """The phrase with its head noun (the last word) in the other number: "heat pump" <->
    "heat pumps", "utility" -> "utilities"; a word ending in "ss" is singular ("gas pass")."""
    *rest, head = phrase.split()
    if head.endswith("s") and not head.endswith("ss"):
        other = head[:-1]
    else:
        other = f"{head[:-1]}ies" if head.endswith("y") else f"{head}s"
    return " ".join([*rest, other])


def topic_forms(topic: str, unit: str | None) -> tuple[str, ...]:
    """How news writes a measured topic: as written, its head noun's other number, capitalised
    at a sentence's start; and, for a figure in a physical unit ("gigawatt"), its first word
    alone ("93 GW of wind"), since the unit then tells the measure."""
    words = topic.split()
    forms = [topic, other_number(topic)]
    if unit is not None and unit in set(UNITS.values()) and len(words) == 2:
        forms.append(words[0])
    forms += [f[:1].upper() + f[1:] for f in forms]
    return tuple(dict.fromkeys(forms))


# Which way a market measure goes, as forecasts and news write it (verbs, their participles used
# as adjectives, and the nouns of a change: "the largest increase in mortgage rates").
DIRECTIONS: dict[str, str] = {
    "up": r"ris(?:e|es|ing)|rose|risen|climb(?:s|ed|ing)?|increas(?:e|es|ed|ing)|"
    r"grow(?:s|ing)?|grew|grown|go(?:es)? up|went up|jump(?:s|ed)?|soar(?:s|ed|ing)?|higher",
    "down": r"fall(?:s|ing)?|fell|fallen|declin(?:e|es|ed|ing)|drop(?:s|ped|ping)?|"
    r"decreas(?:e|es|ed|ing)|go(?:es)? down|went down|eas(?:e|es|ed|ing)|slump(?:s|ed)?|"
    r"tumbl(?:e|es|ed)|lower",
}
DIRECTION_RES = {way: re.compile(rf"\b(?:{words})\b", _I) for way, words in DIRECTIONS.items()}
# Words of a change in the pace of a change ("rising, but at a slower pace", "growth slowed"):
# its direction is not the measure's.
RATE_OF_CHANGE = re.compile(
    r"\b(?:slow\w*|pace|growth|gains?|apprecia\w+|inflation|accelerat\w+|decelerat\w+)\b", _I
)
_REASON = re.compile(r",\s*(?:as|because|since|thanks to|due to|after)\b.*$", _I | re.S)
_NEGATION = re.compile(r"\b(?:not|n't|no|never|unlikely|doubt\w*)\b", _I)
# "rising mortgage rates over the next year": the participle before the measure.
_BEFORE_MEASURE = re.compile(
    r"\b(?:rising|falling|climbing|declining|higher|lower)\s+"
    r"(?P<np>[a-z][\w-]*(?:\s+[a-z][\w-]*){1,3}?)"
    r"(?=\s+(?:over|in|this|next|through|during|by|for|from|as)\b|\s*[,.;]|\s*$)",
    _I,
)
# "mortgage rates (will) (gradually) (continue to) rise": the base verb after the measure.
_TREND_VERB = re.compile(
    r"(?:\s+(?:will|would|should|could|may|might|to|(?:is|are) (?:set|expected|likely) to))?"
    r"(?:\s+\w+ly)?(?:\s+(?:continue to|keep))?\s+"
    r"(?P<verb>rise|climb|increase|grow|go up|fall|decline|drop|decrease|go down|ease)\b",
    _I,
)
_TREND_START = re.compile(rf"{_CLAUSE_START.pattern}|\bsee\s+", _I)


def _way(word: str) -> str | None:
    return next((w for w, p in DIRECTION_RES.items() if p.fullmatch(word)), None)


def _forecaster_only(prediction: Prediction) -> bool:
    """The party a forecast is filed under only forecasts it: named as a forecast verb's speaker
    or as a sentence's opening adjective ("Mortgage lenders ..."), or unnamed in a forecast it
    or another party (not the author) made."""
    subject, text = prediction.subject, prediction.text
    mentions = _mentions(text, subject)
    if not mentions:
        return _relayed(prediction)
    for m in mentions:
        opener = not text[: m.start()].strip(" \"“'‘") and re.match(r"\s+[a-z]", text[m.end() :])
        speaker = re.match(rf"\s+(?:\w+\s+)?{_FORECAST_VERB}\b(?!\s+to\b)", text[m.end() :], _I)
        if not (opener or speaker):
            return False
    return True


def measured_trend(prediction: Prediction) -> tuple[str, str] | None:
    """(measure, "up" | "down") of a dated forecast that a market measure moves one way
    ("expect rising mortgage rates over the next year"), else None."""
    subject, text = prediction.subject, prediction.text
    if prediction.expectation.quantity is not None or prediction.expectation.window is None:
        return None  # a figure is the measure question's; an undated move settles nothing
    if not subject or (not is_topic(subject) and not _forecaster_only(prediction)):
        return None  # a topic ("food prices") is a measure itself; a party must only forecast it
    text = _REASON.sub("", text)  # "..., as economic growth pushes yields higher": a cause
    if RATE_OF_CHANGE.search(text) or _NEGATION.search(text):
        return None
    found: set[tuple[str, str]] = set()
    for m in _BEFORE_MEASURE.finditer(text):
        topic, way = _clean(m.group("np")), _way(m.group().split()[0])
        if topic is not None and way is not None:
            found.add((topic, way))
    for m in _TREND_VERB.finditer(text):
        head = text[: m.start()]
        starts = [s.end() for s in _TREND_START.finditer(head)]
        topic = _clean(head[max(starts, default=0) :].strip())
        way = _way(m.group("verb"))
        if topic is not None and way is not None:
            found.add((topic, way))
    return found.pop() if len(found) == 1 else None
