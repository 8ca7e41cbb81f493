"""The event question."""

from __future__ import annotations

import calendar
import re

from hindsight.analysis.caseless import Caseless
from hindsight.analysis.concepts import stem
from hindsight.analysis.deeds import DEEDS
from hindsight.analysis.matching import (
    ACTIONS,
    Profile,
    action_of,
    shared_stems,
    topic_words,
)
from hindsight.analysis.questions.base import (
    Question,
    Reader,
    Verdict,
    span,
)
from hindsight.analysis.subjects import alias_pattern
from hindsight.domain import Claim, Kind, Prediction, Stance

_I = re.IGNORECASE

# What a claim must say to speak to this question.
CLAIM_CUE = Caseless(
    "|".join(
        [
            r"\b(?:cut|cuts|slash\w*|lower(?:s|ed)|reduc\w+|trim\w*|scrap\w*|drop(?:s|ped|ping)",
            r"abandon\w*|cancel\w*|suspend\w*|halt\w*|withdr[ae]w\w*|ditch\w*|rais(?:es|ed)",
            r"lift(?:s|ed)|increas\w+|boost\w*|hik\w+|replac\w+|restat\w+|revis\w+|delay\w*",
            r"postpon\w+|push(?:es|ed)? (?:out|back)|slip\w*|chang(?:es|ed)|maintain\w*",
            r"keep(?:s|ing)?|kept|retain\w*|reaffirm\w*|reiterat\w+|surviv\w+|unchanged)\b",
        ]
    )
)
PREDICTION_CUE = None
_MARKET_MOVE = re.compile(r"\b(?:shares?|stock|share price)\s+(?:\w+\s+){0,2}$", _I)
# Nouns that make a change word a thing ("price cuts", "tax rises"): what changes is that noun.
_COMPOUND_NOUN = re.compile(
    r"\b(?:price|tax|rate|job|cost|pay|wage|fare|spending|budget|interest)s?\s+$", _I
)
_ACTION_NOUNS = {"down": "a cut", "up": "a rise", "revise": "a revision", "keep": "no change"}


def gate(reader: Reader, claim: Claim) -> bool:
    """What the claim must be for any prediction of this question (tested once per claim)."""
    return claim.modality != "plan" and claim.polarity


def compare(reader: Reader, claim: Claim, prediction: Prediction, prof: Profile) -> Verdict | None:
    """A reported change (or reaffirmation) of what the prediction is about, against the way
    it expected it to go. A commitment named without a verb of change is refuted by a cut
    or a revision of it and borne out by its reaffirmation."""
    if claim.modality == "plan" or not claim.polarity:
        return None
    counted = prediction.expectation.quantity
    if (
        counted is not None
        and counted.kind == "count"
        and counted.low > 1
        and counted.unit
        and action_of(counted.unit) is not None
    ):
        return None  # "three rate hikes in 2022": one hike reported settles no count of hikes
    said = action_of(claim.text)
    if said is None:
        return None
    verb = ACTIONS[said].search(claim.text)
    if verb and _MARKET_MOVE.search(claim.text[max(0, verb.start() - 25) : verb.start()]):
        return None  # "the shares dropped 5.3%": the market's mood, not the business
    if verb and _COMPOUND_NOUN.search(claim.text[max(0, verb.start() - 25) : verb.start()]):
        return None  # "widens its price cuts": prices are what is cut, not the forecast's topic
    shared = shared_stems(prof.topic, topic_words(claim.text, reader.own_words()))
    # A year shared with a forecast of a figure is its period, not what changes ("lifted 2015
    # growth" against 2015 shipments of large phones); a promise's year is part of the promise
    # ("its 2030 goal", "the listing planned for 2023"), so it counts there.
    period = prediction.kind == Kind.QUANTITY
    things = frozenset(w for w in shared if not (period and w.isdigit()))
    topic = frozenset(w for w in prof.topic if not (period and w.isdigit()))
    if not things or all(w.isdigit() for w in things) or len(things) < min(2, len(topic)):
        return None  # not clearly the same thing
    if _objectless(prof):
        # "They cut in December": what its party cuts, in that month, is what it meant.
        if verb is None or not _by_party(reader, prediction, claim.text[: verb.start()]):
            return None
        if not _in_window(claim, prediction):
            return None
    elif verb is not None and not shared_stems(
        prof.topic, topic_words(_changed_thing(claim.text, verb), reader.own_words())
    ):
        return None  # the verb changes another thing than the forecast's
    wanted = prof.action
    if wanted is None:
        if prediction.kind != Kind.COMMITMENT:
            return None  # no verb of change to compare with
        delay = verb is not None and DEEDS["delay"].search(verb.group())
        if delay and prediction.expectation.window is None:
            return None  # a delay misses only a time that was set (see `deed.compare`)
        if said in ("down", "revise"):
            agrees = not prof.expects
        elif said == "keep":
            if verb is None or not _by_party(reader, prediction, claim.text[: verb.start()]):
                return None  # "web apps keep the toolbar": another keeps another thing
            agrees = prof.expects
        else:
            return None
    elif wanted == "keep":
        agrees = (said == "keep") == prof.expects
    elif said == "keep" or {said, wanted} == {"up", "down"}:
        agrees = not prof.expects
    elif said == wanted or (wanted == "revise" and said == "down"):
        agrees = prof.expects
    else:
        return None
    verb = ACTIONS[said].search(claim.text)
    cue = f' ("{span(claim.text, verb)}")' if verb else ""
    window = prediction.expectation.window
    when = claim.event_date or claim.published
    what = (
        f"by {prediction.subject} on {when}, inside {window.start}..{window.end},"
        if _objectless(prof) and window is not None
        else f"of {', '.join(sorted(shared))}"
    )
    return Verdict(
        Stance.SUPPORTS if agrees else Stance.CONTRADICTS,
        0.9,
        f"{_ACTION_NOUNS[said]}{cue} {what} reported; the prediction "
        + ("expected it" if agrees else "expected otherwise"),
    )


_MONTH_STEMS = frozenset(stem(m) for m in calendar.month_name[1:])


def _objectless(prof: Profile) -> bool:
    """A forecast of a change that names no thing changed, only when: "they cut in December"
    (the object is the sentences before: the rate). Its topic is its month or year alone."""
    return bool(prof.topic) and all(w.isdigit() or w in _MONTH_STEMS for w in prof.topic)


def _in_window(claim: Claim, prediction: Prediction) -> bool:
    """The change is dated inside the forecast's window (by the news's date for the event, or
    its publication): only then is it the one forecast."""
    window = prediction.expectation.window
    when = claim.event_date or claim.published
    return window is not None and when is not None and window.start <= when <= window.end


# Where the words about the changed thing stop: a clause's end or a new clause.
_PHRASE_END = re.compile(
    r"[.,;!?()]|\s(?:and|but|which|that|while|whereas|as|because|after|before|when|instead|"
    r"though|although|since|so)\s",
    _I,
)
# A verb of change said of the thing before it: passive ("was revised", "has been cut", "got
# delayed"), or with nothing after it ("the date changed."). "Had postponed the listing" acts
# on what follows.
_SAID_OF_SUBJECT = re.compile(r"\b(?:is|are|was|were|be|been|being|gets?|got)\s+(?:\w+ly\s+)?$", _I)


def _changed_thing(text: str, verb: re.Match[str]) -> str:
    """The words naming what the verb of change acts on: its object, up to the phrase's end
    ("dropped IE11 support", "for changed or deprecated features", "Changes: standardizing API
    guidelines"), or, when said of the thing before it ("the RFC ... was revised", "the date
    slipped."), its clause up to the verb.

    Why: a forecast is settled by a change *of its thing*; a change word elsewhere in a
    sentence that names the forecast's words ("a build that emits warnings for changed
    features", "dropping the IE11 build and instead porting features") changes something
    else. The rest of the sentence may still name the thing's period or owner ("cut its
    dividend ..., the first cut since 2020"), so the phrase need only share one word."""
    after = text[verb.end() :]
    end = _PHRASE_END.search(after)
    obj = after[: end.start()] if end else after
    # "changed or deprecated features": a second word of the same kind is no changed thing
    obj = re.sub(r"^\s*(?:or|and)\s+\w+ed\b", "", obj, flags=_I)
    if obj.strip() and not _SAID_OF_SUBJECT.search(text[: verb.start()]):
        return obj
    before = text[: verb.start()]
    starts = [m.end() for m in _PHRASE_END.finditer(before) if m.group().strip() not in "(),"]
    # "the React blog's upgrade guide, revised after ...": the guide is what changed, the blog
    # only whose it is
    return _POSSESSOR.sub(" ", before[max(starts, default=0) :])


# A possessor before the thing it owns ("the React blog's upgrade guide"), with its name.
_POSSESSOR = re.compile(r"(?:\b[A-Z][\w-]*\s+)*\b[\w-]+['’]s\b")


# What keeps a commitment is its party: "Acme kept its target", "it reaffirmed", "the company
# maintained".
_PARTY_PRONOUN = re.compile(
    r"\b(?:it|they|the\s+(?:company|group|firm|government))\s+(?:\w+\s+)?$", _I
)


def _by_party(reader: Reader, prediction: Prediction, before: str) -> bool:
    """The words right before a verb of change or keeping name the forecast's party: a
    reaffirmation of its commitment, not another thing kept ("web apps keep Firefox's
    toolbar"); its own cut, not another's."""
    clause = re.split(r"[,;:]|\band\b", before)[-1]
    if _PARTY_PRONOUN.search(clause):
        return True
    return any(
        alias_pattern(s).search(clause)
        for s in reader.subjects
        if prediction.subject in (s.name, *s.aliases)
    )


QUESTION = Question("event", CLAIM_CUE, PREDICTION_CUE, gate, compare)
