"""The deed question."""

from __future__ import annotations

import calendar
import re
from functools import lru_cache

from dateutil.relativedelta import relativedelta

from hindsight.analysis.concepts import stem
from hindsight.analysis.deeds import (
    DEED_CUES,
    DEEDS,
    OPPOSITES,
    deed_matches,
    first_deed,
    numbers_in,
)
from hindsight.analysis.matching import (
    Profile,
    shared_stems,
    topic_words,
)
from hindsight.analysis.names import is_generic
from hindsight.analysis.places import places_in
from hindsight.analysis.questions.base import (
    Question,
    Reader,
    Verdict,
    another_one,
    claim_period,
    comparable,
    other_version,
    span,
)
from hindsight.analysis.search_terms import entities, is_furniture
from hindsight.analysis.subjects import alias_pattern
from hindsight.domain import Claim, DateWindow, Kind, Prediction, Stance

_I = re.IGNORECASE
_ASIDE = re.compile(r"\([^()]*\)")

# What a claim must say to speak to this question.
CLAIM_CUE = DEED_CUES
PREDICTION_CUE = None
_DELAY = DEEDS["delay"]
# Words of a forecast that name no object of its deed ("has promised that work on X will start":
# X), nor does a month or "my prediction".
_DEED_FILLER = frozenset(
    """before after within through until plan aim aims i'd i'm bet
    promis pledg commit work prediction predict schedul slat due soon""".split()  # noqa: SIM905
) | {name.lower() for name in calendar.month_name if name}
# A month or day both name dates the deed: it adds to a shared object, it is none alone.
_DATE_WORDS = frozenset(name.lower() for name in (*calendar.month_name, *calendar.day_name) if name)
# What only talks about a deed: "in talks about a possible acquisition", "is weighing a sale".
_ONLY_DISCUSSED = re.compile(
    r"\b(?:talks?|discussions?|negotiations?|possible|potential|proposed|considering|exploring|"
    r"weighing|mulling|plans? to|bid for|offer for|approach(?:ed)? about|recommend\w*)\b"
    r"[^.;]{0,30}$",
    _I,
)
# Deeds whose object is the subject itself: news of them names the subject, not an object.
_DEEDS_ON_THE_SUBJECT = frozenset(["sell", "stay_independent", "raise_capital"])


def _acronyms_spelled_out(prediction: str, claim: str) -> frozenset[str]:
    """Acronyms of the prediction that the claim writes out ("CSL" and "Continental Soccer
    League"), as shared object words."""
    return frozenset(a.lower() for a, spelled in _acronyms(prediction) if spelled.search(claim))


@lru_cache(maxsize=4096)
def _acronyms(text: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """A text's acronyms, each with the pattern of its words written out (once per text)."""
    return tuple(
        (a, re.compile(r"\b" + r"\s+".join(rf"{c}[a-z]+" for c in a) + r"\b"))
        for a in sorted(set(re.findall(r"\b[A-Z]{2,5}\b", text)))
    )


def _rules_out_until(window: DateWindow, prof: Profile) -> bool:
    """The prediction rules its deed out up to the window's end and bets on it later: "I don't
    see it done before 2026", or "I would be surprised if it were approved before 2024"."""
    return window.text.startswith("not before") or (
        not prof.expects and window.text.lower().startswith("before")
    )


_NOT_BEFORE = re.compile(r"\b(?:not|never|no longer|yet to|failed to|no)\s+(?:\w+\s+)?$", _I)


def gate(reader: Reader, claim: Claim) -> bool:
    """What the claim must be for any prediction of this question (tested once per claim)."""
    return bool(deed_reading(reader, claim)[0])


def _money_words(claim: Claim) -> frozenset[str]:
    """The words of the claim's amounts of money ("RMB10 billion"): what a deed cost is no
    object of it (nor a model code), and the measure questions compare amounts."""
    return frozenset(
        stem(w) for q in claim.quantities if q.kind == "money" for w in q.text.lower().split()
    )


def compare(reader: Reader, claim: Claim, prediction: Prediction, prof: Profile) -> Verdict | None:
    """News of the action the prediction names, in any of its words, on the same object.

    A delay of the same object refutes a commitment or dated forecast (and bears out a
    forecast of a delay); the opposite deed, or the deed denied after the deadline, refutes
    it. A plan weighs as a plan (`assess_on`): it never refutes on its own.
    """
    said, objects_said = deed_reading(reader, claim)
    if not said:
        return None
    wanted = prof.deeds - {"delay"}
    opposites = frozenset(OPPOSITES[d] for d in wanted if d in OPPOSITES)
    # A delay refutes only what was due at a time: a forecast of timing, or a commitment the
    # author dated. "The new line will include air-conditioning" is no schedule to miss.
    delayed = "delay" in said and (
        "delay" in prof.deeds
        or prediction.kind == Kind.TIMELINE
        or (prediction.kind == Kind.COMMITMENT and prediction.expectation.window is not None)
    )
    if not delayed and not said & (wanted | opposites):
        return None  # the sentence names neither the deed, its opposite nor its delay: cheap
    if other_version(prediction, claim):
        return None  # "JDK 10 reached Rampdown Start": not JDK 9's deed
    deed_words = _deed_words(reader, claim)
    shared = shared_stems(prof.topic, objects_said)
    shared = (
        frozenset(w for w in shared if not w.isdigit())
        | _acronyms_spelled_out(prediction.text, claim.text)
        | _same_product(reader, prediction, claim)
        | frozenset(p.lower() for p in places_in(prediction.text) & places_in(claim.text))
        | _names_after_deed(reader, prediction, claim, wanted | opposites)
    ) - _money_words(claim)
    content = _object_words(reader, prediction, prof) - deed_words
    if another_one(prediction, claim):
        return None  # the prediction's first one, the news a later one
    if delayed and _subject_delayed(prediction.subject).search(claim.text):
        shared |= {prediction.subject.lower()}  # "delayed Cyberpunk 2077": the thing itself
    coded = any(any(c.isdigit() for c in w) and w[:1].isalpha() for w in shared)
    itself = bool(prof.deeds & _DEEDS_ON_THE_SUBJECT)  # "sold", "merged": the subject is it
    if not shared - _DATE_WORDS:
        shared = frozenset()  # "opened talks on 17 September": a month shared is no object
    if not itself and (not shared or (len(shared) < min(2, len(content)) and not coded)):
        return None  # not clearly the same object (one model code is clear enough)
    if itself and not shared:
        shared = frozenset(["the company"])
    when = claim.event_date or (claim_period(claim) or (None, None))[1]
    window = prediction.expectation.window
    if window is not None and claim.dates and all(d.end < window.start for d in claim.dates):
        return None  # a deed the sentence dates before the forecast's window: an earlier one
    after_deadline = window is None or (when is not None and when > window.end)
    objects = ", ".join(sorted(shared - _DATE_WORDS))
    if delayed:
        agrees = ("delay" in prof.deeds or prof.action == "revise") == prof.expects
        cue = span(claim.text, _DELAY.search(claim.text))  # type: ignore[arg-type]
        return Verdict(
            Stance.SUPPORTS if agrees else Stance.CONTRADICTS,
            0.9,
            f'a delay ("{cue}") of {objects} reported; the prediction '
            + ("expected one" if agrees else "expected it on time"),
            settled=True,  # announcing a delay is itself the news, not a plan
        )
    found = reader.memo("first deed", (claim.text, wanted), lambda: first_deed(claim.text, wanted))
    opposite = reader.memo(
        "first deed", (claim.text, opposites), lambda: first_deed(claim.text, opposites)
    )
    if opposite is not None:  # "ended talks about a combination": the opposite is the news
        name, match = opposite
        denied = True
        undone = f'"{span(claim.text, match)}" ({name}, the opposite) reported'
    elif found is not None:
        name, match = found
        undone = ""
        if _ONLY_DISCUSSED.search(claim.text[: match.start()]):
            return None  # "talks about a possible acquisition": discussed, not done
        denied = not claim.polarity or bool(_NOT_BEFORE.search(claim.text[: match.start()]))
    else:
        return None
    if _done_by_another(reader, claim.text, match, prediction):
        return None  # "Republican wins the special election": not the forecast's candidate
    cue = span(claim.text, match)
    if denied:
        if not after_deadline:
            return None  # not done yet: there is still time
        agrees = not prof.expects
        what = undone or f'"{cue}": {name} not done by the deadline'
    elif window is not None and when is not None and _rules_out_until(window, prof):
        inside = when <= window.end  # done where the prediction ruled it out
        return Verdict(
            Stance.CONTRADICTS if inside else Stance.SUPPORTS,
            0.9,
            f'"{cue}" of {objects} reported on {when.isoformat()}, '
            + ("inside" if inside else "after")
            + f" {window.text} the prediction expected",
        )
    else:
        if window is not None and when is not None and when > window.end + relativedelta(months=1):
            if prof.expects and prediction.kind in (Kind.COMMITMENT, Kind.TIMELINE):
                return Verdict(
                    Stance.CONTRADICTS,
                    0.9,
                    f'"{cue}" of {objects} reported on {when.isoformat()}, after the '
                    f"deadline {window.end.isoformat()}; the prediction expected it by then",
                )
            return None  # done, but after the prediction's window
        expected = prediction.expectation.quantity
        figures = [n for n in numbers_in(claim.text) if not 1900 <= n <= 2100]
        if (
            expected is not None
            and figures
            and expected.bound == "at-least"
            and max(figures) < expected.low
        ):
            return None  # done, but on a smaller scale than forecast
        sized = [q for q in claim.quantities if comparable(expected, q)] if expected else []
        if (
            expected is not None
            and expected.bound != "at-least"
            and expected.unit
            and stem(expected.unit.lower()) in shared
        ):
            return None  # "will win 65 games" against "won": how many games is the measure's
        if expected is not None and sized and all(q.high < expected.low for q in sized):
            return None  # done on a smaller scale: the figure is the measure's to judge
        agrees = prof.expects
        what = f'"{cue}" of {objects} reported'
    return Verdict(
        Stance.SUPPORTS if agrees else Stance.CONTRADICTS,
        0.9,
        f"{what}; the prediction " + ("expected it" if agrees else "expected otherwise"),
    )


_CLAUSE_BREAK = re.compile(r"[,;:.!?]\s|\s(?:and|but|while|after|before|as)\s")
# A verb of being before a deed, or opening it ("will be acquired"): the deed is done to the
# subject.
_PASSIVE_BEFORE = re.compile(
    r"\b(?:be|been|being|is|are|was|were|get|gets|got)\s+(?:\w+ly\s+)?$", _I
)
_PASSIVE_OPENING = re.compile(r"(?:be|been|being|is|are|was|were|get|gets|got)\b", _I)
# What may stand between a doer and its deed in news: auxiliaries and adverbs ("has now").
_DOER_GAP = re.compile(r"(?:['’]s)?\s+(?:(?:has|have|had|will|would|could|also|now|\w+ly)\s+)*", _I)
# ... and in a forecast, its modal words too ("is unlikely to", "will probably", "can").
_FORECAST_DOER_GAP = re.compile(
    r"(?:['’]s)?\s+(?:(?:has|have|had|will|would|could|can|may|might|should|is|are|not|never|"
    r"to|going|set|expected|likely|unlikely|able|also|now|\w+ly)\s+)*",
    _I,
)


def _done_by_another(
    reader: Reader, text: str, match: re.Match[str], prediction: Prediction
) -> bool:
    """The deed's doer, a name written right before its verb in its clause, is someone other
    than the forecast's own doer, read the same way: "Republican wins the special election"
    and "Lesko won" do not tell of the candidate's win ("Tipirneni is unlikely to win"). Left
    alone: a forecast naming no doer or a deed done to its subject ("will be acquired"), and a
    deed whose clause names the forecast's doer after its verb ("the league awarded its rights
    to Tidewell")."""
    own = reader.memo(
        "deed doer", (prediction.text, reader.own_key()), lambda: _forecast_doer(reader, prediction)
    )
    if own is None and _pronoun_doer(prediction.text):
        # "speaking of Taj, he will win sixth man": whoever "he" is, only news of the
        # forecast's subject doing it can be his ("Lou Williams wins NBA Sixth Man" is not)
        doer = _doer(text[: match.start()], _DOER_GAP)
        return doer is None or not _names_doer(reader, doer, prediction.subject)
    if own is None or _names_doer(reader, _CLAUSE_BREAK.split(text[match.end() :])[0], own):
        return False
    doer = _doer(text[: match.start()], _DOER_GAP)
    return doer is not None and not _names_doer(reader, doer, own)


# A personal pronoun as a forecast's doer: "he will win", "she'll win", "they probably win".
_PRONOUN = re.compile(r"\b(?:he|she|they)(?:['’](?:ll|d))?", _I)


@lru_cache(maxsize=4096)
def _pronoun_doer(text: str) -> bool:
    """The forecast's first deed is done by "he", "she" or "they", written right before it
    with only modal words between (`_FORECAST_DOER_GAP`)."""
    found = first_deed(text, frozenset(DEEDS))
    if found is None:
        return False
    clause = _CLAUSE_BREAK.split(text[: found[1].start()])[-1]
    pronouns = list(_PRONOUN.finditer(clause))
    return bool(pronouns) and _FORECAST_DOER_GAP.fullmatch(clause[pronouns[-1].end() :]) is not None


def _doer(before: str, gap: re.Pattern[str]) -> str | None:
    """The name written last before a verb in its clause, with only `gap` between."""
    clause = _CLAUSE_BREAK.split(before)[-1]
    names = [n for n in entities(clause) if not is_furniture(n) and not is_generic(n)]
    if not names or not gap.fullmatch(clause[clause.rfind(names[-1]) + len(names[-1]) :]):
        return None  # no name right before the verb ("... was finished")
    return names[-1]


def _forecast_doer(reader: Reader, prediction: Prediction) -> str | None:
    """Who a forecast says does its first deed, when it names them right before it in the
    active voice and the seed tracks them: a thing that "will arrive" is no doer the news
    names ("took delivery of its first B7-300" is the same deed)."""
    text = prediction.text
    found = first_deed(text, frozenset(DEEDS))
    if found is None:
        return None
    before = text[: found[1].start()]
    if _PASSIVE_BEFORE.search(before) or _PASSIVE_OPENING.match(found[1].group()):
        return None
    doer = _doer(before, _FORECAST_DOER_GAP)
    if doer is None or not any(alias_pattern(s).search(doer) for s in reader.subjects):
        return None
    return doer


def _names_doer(reader: Reader, text: str, doer: str) -> bool:
    """`text` names `doer`: as written, or by a tracked subject's name both are written with
    ("Tamsin Vale" and "Vale")."""
    if doer in text or (text and text in doer):
        return True
    return any(
        alias_pattern(s).search(text) and alias_pattern(s).search(doer) for s in reader.subjects
    )


def _object_words(reader: Reader, prediction: Prediction, prof: Profile) -> frozenset[str]:
    """The prediction's topic words that can name its deed's object: not its deed's own verbs
    ("walked away", "finished"), not filler, not digits. Once per prediction."""

    def read() -> frozenset[str]:
        content = {w for w in prof.topic - _DEED_FILLER if not w.isdigit()}
        content -= {w for d in prof.deeds for w in topic_words(d)}
        return frozenset(content - _deed_verbs(reader, prediction))

    return reader.memo("deed objects", prediction.key, read)


def _deed_verbs(reader: Reader, prediction: Prediction) -> frozenset[str]:
    """The words of the deeds a prediction names, once per prediction."""

    def read() -> frozenset[str]:
        verbs = " ".join(m.group(0) for m in deed_matches(prediction.text)[1])
        return topic_words(verbs, reader.own_words())

    return reader.memo("deed verbs", prediction.text, read)


# The object right after a deed's words, to the end of the clause.
_OBJECT_AFTER = re.compile(r"[^,.;:()]{1,60}")
_OBJECT_WORD = re.compile(r"[A-Za-z0-9][\w'’-]*")
# Words before an object's name: "replacing the last remaining Intel Mac", "its 2020-21 ...".
_OBJECT_LEAD = frozenset("the a an its their his her our last remaining final".split())  # noqa: SIM905


def _tracked_names(text: str, own: set[str]) -> frozenset[str]:
    """The tracked names that make up the object's name, singular ("Intel-based Macs": intel,
    mac), or none when the name goes on with another word ("Premier League Golden Boot" is not
    the Premier League)."""
    words = _OBJECT_WORD.findall(text)
    while words and (words[0].lower() in _OBJECT_LEAD or any(c.isdigit() for c in words[0])):
        words.pop(0)
    names: set[str] = set()
    for word in words:
        if not word[0].isupper():
            break
        base = re.sub(r"['’]s$", "", word.split("-")[0].lower())
        base = base if base in own else base.removesuffix("s")
        if base not in own:
            return frozenset()
        names.add(base)
    return frozenset(names)


def _names_after_deed(
    reader: Reader, prediction: Prediction, claim: Claim, deeds: frozenset[str]
) -> frozenset[str]:
    """The tracked names both texts give as the whole object right after the deed: "will no
    longer sell Intel Macs" and "replacing the last Intel-based Mac" end the same line; "won the
    Premier League Golden Boot" is not "win the Premier League".

    Why: an object made only of tracked names ("Intel", "Mac") is dropped from the topic
    words, which leave out every subject's name, so the object comparison would not see it.
    Only words straight after the deed count, in both texts: a sentence merely naming the
    subjects elsewhere shares no object.
    """
    if not deeds:
        return frozenset()
    own = reader.own_words()

    def after(text: str) -> frozenset[str]:
        found = first_deed(text, deeds)
        if found is None:
            return frozenset()
        rest = _OBJECT_AFTER.match(text, found[1].end())
        return _tracked_names(rest.group(), own) if rest else frozenset()

    # Keyed by the subjects' names too: news teaching a name changes what is tracked.
    key = reader.own_key()
    wanted = reader.memo(
        "deed names", (prediction.text, deeds, key), lambda: after(prediction.text)
    )
    if not wanted:
        return frozenset()
    said = reader.memo("deed names", (claim.text, deeds, key), lambda: after(claim.text))
    return wanted if said == wanted else frozenset()  # the same name, not a longer one


@lru_cache(maxsize=1024)
def _subject_delayed(subject: str) -> re.Pattern[str]:
    """The subject written as what was delayed: the delay verb's object ("delayed Cyberpunk
    2077 a second time") or its passive subject ("Cyberpunk 2077 has been delayed"), not the
    one who delays something else ("Acme delayed its phone")."""
    name = re.escape(subject)
    verb = r"(?:delay(?:s|ed)?|postpon(?:es|ed)|push(?:es|ed)\s+back)"
    return re.compile(
        rf"\b{verb}\s+(?:the\s+)?{name}(?!\w)|\b{name}(?!\w)\s+(?:has|have|had|was|were|is|"
        rf"are)\s+(?:been\s+)?(?:\w+ly\s+)?(?:delayed|postponed|pushed\s+back)\b",
        _I,
    )


def _same_product(reader: Reader, prediction: Prediction, claim: Claim) -> frozenset[str]:
    """A product of a subject named by both (under any of its names: the generic name in
    the forecast, the brand in the news): the product is the object they share. Product
    names are the subject's names, so the object comparison would not see them."""
    for subject in reader.subjects:
        named = [p for p in subject.products if p in prediction.text]
        if named and any(p in claim.text for p in subject.products):
            return frozenset([named[0].lower()])
    return frozenset()


def _sentence_deeds(
    reader: Reader, claim: Claim
) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The deeds a sentence names, the words of their verbs, and its other (object) words."""

    def read() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        # A deed inside an aside is the aside's ("The deprecation (with actual removal ...
        # then delayed to 1.24) signalled ...": the removal was delayed, not the deprecation).
        text = _ASIDE.sub(" ", claim.text)
        said, matches = deed_matches(text)
        own = reader.own_words()
        verbs = " ".join(m.group(0) for m in matches) if said else ""
        deed_words = topic_words(verbs, own)
        return said, deed_words, topic_words(text, own) - deed_words

    return reader.memo("deeds", claim.text, read)


def deed_reading(reader: Reader, claim: Claim) -> tuple[frozenset[str], frozenset[str]]:
    """The deeds a sentence names and its object words (without the deed's), once each."""
    said, _, objects = _sentence_deeds(reader, claim)
    return said, objects


def _deed_words(reader: Reader, claim: Claim) -> frozenset[str]:
    return _sentence_deeds(reader, claim)[1]


QUESTION = Question("deed", CLAIM_CUE, PREDICTION_CUE, gate, compare)
