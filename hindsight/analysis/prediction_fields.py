"""Structure one forecast statement: kind, expectation, deadline, confidence, subject, terms.

Called by the finder in `predictions` for each statement it keeps, and through
`predictions.describe_prediction` for a single given statement. Undated forecasts get a deadline
`DEFAULT_HORIZON_YEARS` after publication: long enough for news to settle a medium-term call,
short enough that the digest eventually expires what never resolved. "About" quantities are
widened by `ABOUT_TOLERANCE` so that the expectation is a range a reported figure can fall in.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import lru_cache

from dateutil.relativedelta import relativedelta

from hindsight.analysis import forecast_cues as cues
from hindsight.analysis.hedges import confidence_from_hedges
from hindsight.analysis.horizons import find_horizons
from hindsight.analysis.names import ORGANISATION_NOUNS
from hindsight.analysis.places import PLACE_PATTERN, place_named
from hindsight.analysis.quantities import find_quantities
from hindsight.analysis.search_terms import entities, is_furniture, search_terms
from hindsight.analysis.sentences import Span
from hindsight.domain import DateWindow, Expectation, Kind, Prediction, Quantity

__all__ = [
    "ABOUT_TOLERANCE",
    "DEFAULT_HORIZON_YEARS",
    "LONG_RUN",
    "cached_horizons",
    "describe",
    "prediction_key",
    "refreshed",
    "without_parentheses",
]

DEFAULT_HORIZON_YEARS = 3
# "around RMB100,000" is read as 100,000 +/- 20 %: a price within that band confirms it.
ABOUT_TOLERANCE = 0.2

_AGENT_WILL_RE = re.compile(
    r"(?:The\s+)?(?P<agent>[A-Z][\w’'\-]*|we|our|the company)\b(?:\s+[\w’'\-]+){0,6}?\s+will\b"
)
_CROSSING_RE = re.compile(
    r"\b(?:pass(?:es)?|top|tops|exceed|exceeds|surpass|reach(?:es)?|hit|hits)\s+"
    r"(?:about\s+|around\s+|roughly\s+)?[\d$€£¥]",
    re.I,
)
_DEADLINE_WORD_RE = re.compile(r"(?:by|before|within|until|through|over)\b", re.I)
_DONT_THINK_RE = re.compile(
    r"\b(?:I|we)\s+(?:don['’]t|do\s+not)\s+(?:think|believe|expect)\b", re.I
)
_NEGATIVE_RE = re.compile(
    r"\bwould\s+be\s+(?:really\s+|very\s+|quite\s+)?" + cues.SURPRISE_WORDS + r"\s+if\b"
    r"|\b(?:will\s+not|won['’]t|(?:is|are)\s+not\s+going\s+to|(?:is\s+)?unlikely\s+to|never\s+will)\b",
    re.I,
)
# "It" with a verb of saying or knowing and a that-clause points back to nothing ("It has been
# reported that the Bank will ..."): the clause names who the forecast is about.
_EXPLETIVE_IT = (
    r"(?!\s+(?:has\s+been|had\s+been|is|was|seems|appears)\s+(?:\w+ly\s+)?(?:reported|said|"
    r"expected|thought|believed|understood|claimed|rumou?red|likely|unlikely|clear|possible|"
    r"probable)\b)"
)
_OPENING_REFERENT_RE = re.compile(
    rf"(?:it{_EXPLETIVE_IT}|its|they|their|we|our|the company)\b", re.I
)
_OPEN_QUESTION_RE = re.compile(
    r"\b(?:decide|decision|choose|choice|question\s+is)\b[^.]*\bwhether\b", re.I
)
_PRICE_RE = re.compile(
    r"\bpric(?:e|ed|es|ing)\b|\bcosts?\b|\bquoted\s+at\b|\bsells?\s+for\b|\bretail", re.I
)
_QUALITATIVE_RE = re.compile(
    r"\balong\s+the\s+lines\s+of\b|\bsimilar\s+to\b|\bresembl|\bprospects?\b|\bslim\b|\bhopes?\b"
    r"|\b(?:stay|remain)s?\b|\blooks?\s+like\b",
    re.I,
)
_REFERENT_RE = re.compile(rf"\b(?:it{_EXPLETIVE_IT}|its|they|their|the company)\b", re.I)
# A name after these is where something happens, not who does it ("In the US, the tier will").
# After a plural noun, "at" says whose they are ("policymakers at the Bank of England", "sales
# at Acme"): that name acts.
_PLACE_BEFORE = re.compile(
    r"\b(?:in|(?<![a-z]s\s)at|across|throughout|outside|inside|into)\s+(?:the\s+)?$", re.I
)
# The source of a relayed figure is whose forecast it is, not what it is about ("the film's
# anticipated $200 million, according to Loria"), and so is the speaker tagged after a
# quotation ('"...," said Ana Ruiz'; '"...," Ruiz said').
_SOURCE_BEFORE = re.compile(
    r"\baccording\s+to\s+(?:the\s+)?$|[,.!?][”\"]\s*(?:said|says|added|adds|told\s+\w+)?\s*$",
    re.I,
)
# A line of a table or list giving a name's figure: the name is what it is about.
# A schedule's line naming a thing and its date: "Alias Grace, Nov. 3", "Suburra, Oct. 6 – ...".
_LABELLED_FIGURE = re.compile(
    r"([A-Z][\w'’&.-]*(?: [A-Z][\w'’&.-]*){0,3})(?:: [$€£¥]?\d|(?: \([^)]{1,40}\))?, "
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d)"
)
# Days are when, not who ("Fridays"); a name used as a modifier after "a"/"an" ("a US list
# price") describes the noun that follows, it does not act.
_WEEKDAY_RE = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days?")
_ARTICLE_BEFORE = re.compile(r"\ban?\s+$")
_COMMON_NOUN_AFTER = re.compile(r"\s+[a-z]")


def _modifier_use(piece: str, name: str) -> bool:
    at = piece.find(name)
    return bool(
        at >= 0
        and _ARTICLE_BEFORE.search(piece[:at])
        and _COMMON_NOUN_AFTER.match(piece, at + len(name))
    )


# What may stand between a clause's subject and its forecast verb: "<Y>, has also promised".
_CLAUSE_SUBJECT_GAP = re.compile(
    r"\s*,?\s*(?:(?:has|have|had|will|would|is|are|was|were|also|now|publicly|already|been)"
    r"\s+)*",
    re.I,
)
_SURPRISED_RE = re.compile(
    r"\bwould\s+be\s+(?:really\s+|very\s+|quite\s+)?" + cues.SURPRISE_WORDS + r"\s+if\b", re.I
)
# "I doubt X", "I don't see X happening": the writer's belief that X does NOT happen.
_DOUBT_RE = re.compile(r"\b(?:I|we)\s+(?:really\s+)?doubt\b|" + cues.NEGATED_SEE_RE.pattern, re.I)
_TIMELINE_RE = re.compile(
    r"\btakes?\b.{0,40}\b(?:years?|months?|quarters?)\b|\bbefore\s+(?:we|it|they|you)\s+(?:see|get)\b"
    r"|\bnot\s+until\b|\bslips?\b|\bdelay(?:s|ed)?\b|\bpushed\s+back\b|\bpulled\s+forward\b"
    r"|\bvolume\s+production\b|\bon\s+time\b",
    re.I,
)
_TIME_UNITS = frozenset({"year", "month", "week", "day", "quarter", "decade", "hour"})
_VOLUME_RE = re.compile(
    r"\bvolumes?\b|\bsales\b|\bdeliver(?:y|ies)\b|\bshipments?\b|\bmarket\s+share\b|\brevenue\b"
    r"|\bcustomers\b|\bunits\b|\bheadcount\b|\b(?:top|exceed|surpass)\b",
    re.I,
)
_WORD_RE = re.compile(r"\w+(?:[’'.,]\w+)*")


def prediction_key(text: str) -> str:
    """A short stable id from the normalised statement: same words, same key."""
    norm = text.lower().translate(str.maketrans("“”‘’–—", "\"\"''--"))
    norm = " ".join(_WORD_RE.findall(norm))
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()[:12]


def without_parentheses(piece: str) -> str:
    """The text with bracketed asides blanked: asides do not carry the forecast."""
    return re.sub(r"\([^()]*\)", " ", piece)


@lru_cache(maxsize=4096)
def cached_horizons(piece: str, published: date) -> tuple[DateWindow, ...]:
    """Horizons of a clause; cached because finding, splitting and structuring all ask."""
    return tuple(find_horizons(piece, published))


def describe(
    text: str,
    span: Span,
    sentence: Span,
    published: date,
    subject: str | None,
    kind_hint: str | None = None,
    subject_hint: str | None = None,
    quoted: bool = False,
    is_name: Callable[[str], bool] | None = None,
    antecedent: str | None = None,
    heading: str | None = None,
) -> Prediction:
    statement = text[span[0] : span[1]]
    context = text[min(sentence[0], span[0]) : span[1]]  # the sentence up to the statement's end
    whole_sentence = text[min(sentence[0], span[0]) : max(sentence[1], span[1])]
    confidence, cue = confidence_from_hedges(context)
    window = _not_before(
        statement, _main_window(list(cached_horizons(statement, published))), published
    )
    quantity = _expected_quantity(statement)
    kind = _kind_from_hint(kind_hint) or _classify(
        statement, whole_sentence, quantity, window, quoted, is_name
    )
    polarity = _polarity(kind, statement)
    if (
        kind is Kind.COMMITMENT
        and quantity is not None
        and quantity.kind == "count"
        and quantity.bound == "exact"
    ):
        # A promised count is a target: "will cover 1,000 products" is kept by 1,150.
        quantity = replace(quantity, bound="at-least")
    who = (
        subject_hint
        or _economy_forecast(statement)
        or _subject(context, statement, subject, is_name, antecedent, heading)
    )
    horizon_years = LONG_RUN_YEARS if LONG_RUN.search(statement) else DEFAULT_HORIZON_YEARS
    deadline = window.end if window else published + relativedelta(years=horizon_years)
    all_quantities = [q for q in find_quantities(statement) if q.unit not in _TIME_UNITS]
    if quantity and quantity not in all_quantities:
        all_quantities.insert(0, quantity)
    return Prediction(
        key=prediction_key(statement),
        text=statement,
        span=span,
        subject=who,
        kind=kind,
        expectation=Expectation(window=window, quantity=quantity, polarity=polarity),
        deadline=deadline,
        confidence=confidence,
        confidence_cue=cue,
        keywords=search_terms(statement, who, all_quantities),
        resolution=_resolution(kind, who, statement, window, quantity, deadline),
    )


def refreshed(prediction: Prediction, read: str | None = None) -> Prediction:
    """Search terms and the resolution line written again from the prediction's fields, after
    its subject, period or reading changed (a list item given them by its heading): the terms
    from `read` (the statement as the judge reads it), the resolution from its own text."""
    statement = read or prediction.text
    quantity = prediction.expectation.quantity
    found = [q for q in find_quantities(statement) if q.unit not in _TIME_UNITS]
    if quantity and quantity not in found:
        found.insert(0, quantity)
    deadline = prediction.deadline
    return replace(
        prediction,
        keywords=search_terms(statement, prediction.subject, found),
        resolution=_resolution(
            prediction.kind,
            prediction.subject,
            prediction.text,
            prediction.expectation.window,
            quantity,
            deadline,
        )
        if deadline
        else prediction.resolution,
    )


# "I don't see it finished before 2026", "not until 2027": a negation ahead of the horizon in
# the same clause.
_NEGATED_BEFORE = re.compile(r"(?:\b(?:not|never|no)\b|n't\b)[^.;,]{0,60}$", re.I)


def _not_before(statement: str, window: DateWindow | None, published: date) -> DateWindow | None:
    """A horizon read with its negation: "I don't see it finished before 2026", "2024 at the
    earliest", "no earlier than 2026" rule the event out until then (and bet on later). The
    window becomes the ruled-out span and its text says "not before", which the judge reads:
    done inside it refutes, done after it bears the forecast out. "Not until 2027" rules out up
    to the end of 2026."""
    if window is None:
        return window
    at = statement.find(window.text)
    if at < 0:
        return window
    after = statement[at + len(window.text) :]
    if (
        _AT_THE_EARLIEST.match(after)
        or _NO_EARLIER_THAN.search(statement[:at])
        or (_WILL_BE.search(statement[:at]) and _BEFORE_AFTER.match(after))
    ):
        ruled_out_end = window.start - relativedelta(days=1)
        if ruled_out_end < published:
            return window
        return DateWindow(published, ruled_out_end, f"not before {window.text}")
    if not re.match(r"(?:before|until|till|prior to)\b", window.text, re.I):
        return window
    if not _NEGATED_BEFORE.search(statement[:at]):
        return window
    end = window.end
    if window.text.lower().startswith(("until", "till")) and (end.month, end.day) == (12, 31):
        end = date(end.year - 1, 12, 31)
    rest = re.sub(r"^(?:until|till|prior to)\b", "before", window.text, flags=re.I)
    return DateWindow(window.start, end, f"not {rest}")


# "It will be 2024 before the first store opens": not before 2024.
_WILL_BE = re.compile(r"\b(?:will|would|'ll) be\s+(?:at least\s+)?$", re.I)
_BEFORE_AFTER = re.compile(r"\s+before\b", re.I)
_AT_THE_EARLIEST = re.compile(r"\s*,?\s*at the (?:very )?earliest\b", re.I)
_NO_EARLIER_THAN = re.compile(r"\b(?:no|not) (?:earlier|sooner) than\s+(?:the\s+)?$", re.I)
# "Over the longer run", "eventually": no date, but a horizon well past the usual three years.
LONG_RUN = re.compile(
    r"\b(?:(?:in|over) the (?:long|longer) (?:run|term)|longer[- ]term|long[- ]term|eventually|"
    r"sooner or later|in the years ahead|over time|one day)\b",
    re.I,
)
LONG_RUN_YEARS = 10


def _main_window(windows: list[DateWindow]) -> DateWindow | None:
    """The forecast's horizon: a deadline ("by mid-decade", "within two years") if one is given,
    because other dates in the sentence are usually its content ("pushed out to 2032")."""
    for window in windows:
        if _DEADLINE_WORD_RE.match(window.text):
            return window
    return windows[0] if windows else None


def _kind_from_hint(hint: str | None) -> Kind | None:
    try:
        return Kind(hint) if hint else None
    except ValueError:
        return None


def _classify(
    statement: str,
    sentence: str,
    quantity: Quantity | None,
    window: DateWindow | None,
    quoted: bool = False,
    is_name: Callable[[str], bool] | None = None,
) -> Kind:
    """Decide the kind from the statement's own words; the first rule that matches wins.

    Commitments are the plans of the subject (a commitment verb, a dated target, or the subject's
    own "we will" in direct speech) as opposed to the author's forecasts, which carry the author's
    voice ("I expect", "in my view") somewhere in the sentence.
    """
    author = bool(cues.AUTHOR_VOICE_RE.search(without_parentheses(sentence)))
    if _OPEN_QUESTION_RE.search(statement):
        return Kind.OPEN_QUESTION
    if (
        cues.COMMITMENT_RE.search(statement)
        or cues.TARGET_RE.search(statement)
        or cues.PLEDGE_RE.search(statement)
    ) and not author:
        return Kind.COMMITMENT
    if quoted and cues.MODAL_RE.search(statement):
        return Kind.COMMITMENT
    if quantity and quantity.kind == "money" and _PRICE_RE.search(statement):
        return Kind.PRICE
    if _SURPRISED_RE.search(statement):
        return Kind.NEGATIVE_EVENT
    if quantity and (
        quantity.unit
        or quantity.bound != "exact"
        or quantity.kind != "count"
        or _CROSSING_RE.search(statement)
    ):
        return Kind.QUANTITY
    if _NEGATIVE_RE.search(statement) and not re.search(r"\bbut\b", statement):
        return Kind.NEGATIVE_EVENT
    if _leading_doubt(statement):
        return Kind.NEGATIVE_EVENT
    if _TIMELINE_RE.search(statement) and window:
        return Kind.TIMELINE
    if _VOLUME_RE.search(statement):
        return Kind.QUANTITY
    if _QUALITATIVE_RE.search(statement):
        return Kind.QUALITATIVE
    if (
        _plain_future(statement)
        and _agent_will(statement, is_name)
        and not author
        and not cues.STRONG_RE.search(statement)
    ):
        return Kind.COMMITMENT  # "X will be operated by ...": a plan the article reports

    return Kind.EVENT


def _leading_doubt(statement: str) -> bool:
    """Whether the statement's first cue is a doubt ("I doubt X", "I don't see X happening").

    A doubt that follows a positive forecast ("I expect X to slip, and I don't see it done
    before 2026") qualifies that forecast rather than turning it into a negative event.
    """
    m = _DOUBT_RE.search(statement)
    return m is not None and m.start() <= _first_cue_position(statement)


def _agent_will(statement: str, is_name: Callable[[str], bool] | None) -> bool:
    """Whether "will" has an agent that can commit: a name, "we" or "the company".

    "Prices will rise" forecasts an event; "Lei will serve as CEO" reports a plan.
    """
    m = _AGENT_WILL_RE.match(statement)
    if not m:
        return False
    word = re.sub(r"[’']s$", "", m.group("agent"))
    if word.lower() in {"we", "our", "the company"}:
        return True
    if is_furniture(word):
        return False
    if is_name is not None:
        return is_name(word)
    return not word.endswith("s") or word.isupper()


def _plain_future(statement: str) -> bool:
    return bool(
        re.search(r"\bwill\s+(?:\w+ly\s+)?(?!not\b)\w+", statement, re.I)
    ) and not re.search(r"\bif\b|\bcould\b|\bmay\b|\bmight\b", statement, re.I)


def _polarity(kind: Kind, statement: str) -> bool | None:
    if kind is Kind.NEGATIVE_EVENT:
        return False
    if kind in (Kind.EVENT, Kind.COMMITMENT, Kind.TIMELINE):
        return True
    return None


# A figure the forecast says will be passed, named after its measure ("exceed the normal
# annual inflation of 1 to 2 percent"); a cue right before the figure is the quantity reader's.
_PAST_BEFORE = re.compile(
    r"\b(?:exceed|surpass|outpace|outstrip|top|beat)s?\s+(?:the|its|their)\s+(?:[\w-]+\s+){0,4}"
    r"of\s+$",
    re.I,
)
# A level the forecast says will be attained, just before its figure.
_ATTAIN_BEFORE = re.compile(r"\b(?:reach(?:es|ing)?|(?:price\s+)?target\s+of)\s+[$€£¥]?$", re.I)


def _expected_quantity(statement: str) -> Quantity | None:
    """The number the forecast bets on; after "I don't think X, but Y" that is Y.

    "about"/"around" values are widened by `ABOUT_TOLERANCE` so the expectation is a checkable
    range; other bounds are kept as the parser gives them.
    """
    quantities = [q for q in find_quantities(statement) if q.unit not in _TIME_UNITS]
    cue_at = _first_cue_position(statement)
    after_cue = [q for q in quantities if statement.find(q.text, cue_at) >= 0]
    quantities = after_cue or quantities  # "has 10,000 people and plans to add 5,000": the 5,000
    if _DONT_THINK_RE.search(statement):
        but = re.search(r"\bbut\b", statement)
        if but:
            after = [q for q in quantities if statement.find(q.text, but.end()) >= 0]
            quantities = after or quantities
    if not quantities:
        return None
    q = quantities[0]
    at = statement.find(q.text)
    if q.bound in ("exact", "range") and at >= 0 and _PAST_BEFORE.search(statement[:at]):
        # "will exceed the normal annual inflation of 1 to 2 percent": past its top
        return replace(q, low=q.high, bound="at-least")
    if q.bound == "exact" and at >= 0 and _ATTAIN_BEFORE.search(statement[:at]):
        # "to reach 6,600", "a price target of 6,600": a level to get to; going past it
        # still gets there.
        return replace(q, bound="at-least")
    if q.bound == "about" and q.low == q.high:
        delta = q.low * ABOUT_TOLERANCE
        return Quantity(q.low - delta, q.high + delta, q.unit, q.text, q.kind, "about")
    return q


def labelled_name(statement: str) -> str | None:
    """The name a table's or a schedule's line opens with ("Liberal Democrats: 17 to 39
    seats", "Alias Grace, Nov. 3"), or None."""
    labelled = _LABELLED_FIGURE.match(statement)
    return labelled.group(1) if labelled else None


def _subject(
    context: str,
    statement: str,
    subject: str | None,
    is_name: Callable[[str], bool] | None,
    antecedent: str | None = None,
    heading: str | None = None,
) -> str:
    """Who the forecast is about, tried in this order: "it", "its", "they" or "their" for its
    subject under a heading that names a thing (`heading`: "### Doom Eternal" ... "It comes
    out on March 20"), the heading's thing; a pronoun or "the company" opening the
    statement or before its forecast verb (the article's subject); a name before the forecast
    verb in the statement, then in the sentence before it; the article's subject if named; the
    first name in the statement.

    `is_name` tells a one-word name from a capitalised sentence opener ("Operating margin will").
    """

    def names(piece: str) -> list[str]:
        found = [
            n
            for n in entities(piece)
            if n != "I"
            and not _PLACE_BEFORE.search(piece[: max(0, piece.find(n))])
            and not _SOURCE_BEFORE.search(piece[: max(0, piece.find(n))])
            and not _WEEKDAY_RE.fullmatch(n)
            and not _modifier_use(piece, n)
        ]
        if is_name is None:
            return found
        out = []
        for name in found:
            words = name.split()
            if len(words) >= 2 and words[-1] in ORGANISATION_NOUNS:
                out.append(name)  # "Green Party", "People's Party": a name of ordinary words
                continue
            while words and not is_name(words[0]):
                words.pop(0)  # "Today Pelorus": an opener before the name
            if words and not any(ch.isdigit() for ch in words[0]):
                out.append(" ".join(words))  # a model code ("A330-900s") is a product, no actor
        return out

    labelled = labelled_name(statement)
    if labelled:
        return labelled  # a table's row or a schedule's: "Liberal Democrats: 17 to 39"
    opening = _OPENING_REFERENT_RE.match(statement)
    cue_at = _first_cue_position(statement)
    pronoun = _PRONOUN_SUBJECT_RE.search(statement[:cue_at])
    if heading and (pronoun or _KIND_OPENING.match(statement)):
        # "It comes out in March", "Some say it will be released in 2021", "The film is due
        # in theaters on July 26"
        return heading
    if opening and antecedent and opening.group().lower() in {"it", "its", "they", "their"}:
        # "Its chief executive ...": whom the previous sentence was about, if it names anyone
        if subject and subject in antecedent:
            return subject
        earlier = names(antecedent)
        if earlier:
            return earlier[0]
    if subject and opening:
        if opening.group().lower() in {"we", "our"}:
            # "We" is whoever writes, its forecaster; a name it then gives before its forecast
            # word is what the forecast is about ("We introduce a S&P 500 price target").
            named = names(statement[:cue_at])
            if named:
                return named[0]
        return subject  # "It also has to decide...", "We will be back...": the article's subject
    if subject and _REFERENT_RE.search(statement[:cue_at]):
        return subject
    before = names(statement[:cue_at])
    if before:
        # The name right before the forecast verb is its subject ("<X>'s grid operator,
        # <Y>, has promised"); otherwise the first name of the statement is.
        last = before[-1]
        gap = statement[statement.rfind(last) + len(last) : cue_at]
        return last if _CLAUSE_SUBJECT_GAP.fullmatch(gap) else before[0]
    prefix = context[: len(context) - len(statement)]
    earlier = names(prefix[: _first_cue_position(prefix)])
    if earlier:
        return earlier[0]
    after = names(statement)
    referent = _REFERENT_RE.search(statement)
    if (
        after
        and not (subject and re.search(rf"\b{re.escape(subject)}\b", statement))
        and (referent is None or statement.find(after[0]) < referent.start())
    ):
        return after[0]  # "I expect the <Name> connection to slip ... it": the name comes first
    if subject and (re.search(rf"\b{re.escape(subject)}\b", statement) or referent):
        return subject
    if after:
        return after[0]
    if heading:
        return heading  # "In theaters November 8, 2024." under "## Fantastic Four"
    return subject or "unknown"


# A definite description of the kind of thing a section is about: "The film is due ...".
_KIND_OPENING = re.compile(
    r"\s*(?:the|this)\s+(?:film|movie|series|show|game|season|album|book|special|sequel|"
    r"episode|novel|release)\b",
    re.I,
)


# "It", "its", "they", "their" as the forecast's subject: at its start, after an opening
# clause ("Barring another delay, it'll come out ...") or a verb of saying or thinking ("Some
# say it will be released"), before its forecast verb.
_PRONOUN_SUBJECT_RE = re.compile(
    r"(?:^|[,;:]\s+|\b(?:that|says?|said|thinks?|believes?|expects?|guess)\s+)"
    rf"(?:it{_EXPLETIVE_IT}|its|they|their)\b(?!\s+(?:is|was|'s)\s+not\b)",
    re.I,
)
# What an outlook puts a figure on for a country or region: its economy and the measures of it.
ECONOMY_MEASURES = [
    *("growth", "economy", "economic", "GDP", "output", "inflation", "unemployment"),
    *("exports", "imports", "consumption", "investment"),
]
# "China growth forecasts", "U.S. economic growth", "Brazil's output", "the Chinese economy".
_ECONOMY_OF_RE = re.compile(
    rf"(?<![\w.])(?P<place>{PLACE_PATTERN})(?:['’]s)?\s+(?:(?:{'|'.join(ECONOMY_MEASURES)})\b)"
)
_OUTLOOK_RE = re.compile(
    r"\b(?:forecast\w*|project\w*|predict\w*|expect\w*|estimat\w*|outlook|sees?)\b", re.I
)


def _economy_forecast(statement: str) -> str | None:
    """The place whose economy a relayed outlook puts a figure on ("the IMF maintained its China
    growth forecasts of 6.3 percent", "it projects U.S. economic growth at 2.6 percent"), or
    None.

    Why: the forecaster is whose forecast it is (its owner), not what it is about; the news that
    settles it names the place ("China's economy grew 6.7%"), never the forecaster.
    """
    if not _OUTLOOK_RE.search(statement) or not any(
        q.kind == "percent" for q in find_quantities(statement)
    ):
        return None  # a rate of the economy; "China output of 500,000 cars" is a maker's count
    found = {m.group("place") for m in _ECONOMY_OF_RE.finditer(statement)}
    if len(found) != 1:
        return None  # two places: whose figure is not clear
    form = found.pop()
    # A name, as written ("U.S."); a form written in lower case by its place's name.
    return form if form[:1].isupper() else place_named(form)


# Others' expectation in the passive: "the Bank is widely expected to hold", "X is tipped to win".
# What stands before it is what the forecast is about, as before a modal.
_EXPECTED_OF = re.compile(
    r"\b(?:is|are|was|were)\s+(?:\w+ly\s+)?(?:expected|predicted|forecast|tipped|poised)\s+to\b",
    re.I,
)


def _first_cue_position(context: str) -> int:
    positions = [
        m.start()
        for pattern in (cues.STRONG_RE, cues.BELIEF_RE, cues.MODAL_RE, _EXPECTED_OF)
        for m in [pattern.search(context)]
        if m
    ]
    return min(positions) if positions else len(context)


def _short(statement: str, limit: int = 90) -> str:
    flat = " ".join(statement.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rsplit(" ", 1)[0] + "…"


def _resolution(
    kind: Kind,
    subject: str,
    statement: str,
    window: DateWindow | None,
    quantity: Quantity | None,
    deadline: date,
) -> str:
    """One line saying what news would confirm or refute the prediction."""
    said = f"“{_short(statement)}”"
    by = f"by {deadline:%b %Y}"
    who = subject
    if kind is Kind.TIMELINE and window:
        return (
            f"Confirmed if it happens between {window.start:%b %Y} and {window.end:%b %Y}; "
            f"refuted if it comes earlier or has not happened {by}: {said}"
        )
    if kind in (Kind.PRICE, Kind.QUANTITY) and quantity:
        unit = quantity.unit or ""
        band = f"{quantity.low:,.0f}–{quantity.high:,.0f} {unit}".strip()
        return f"Confirmed if reported figures fall in {band} {by}; refuted if outside: {said}"
    if kind is Kind.NEGATIVE_EVENT:
        return f"Confirmed if {who} has not done it {by}; refuted by news that it has: {said}"
    if kind is Kind.COMMITMENT:
        return f"Confirmed if {who} follows through {by}; refuted if it drops the plan: {said}"
    if kind is Kind.OPEN_QUESTION:
        return f"Settled by news of which way {who} decides: {said}"
    if kind is Kind.QUALITATIVE:
        return f"Confirmed if news {by} describes {who} so; refuted if it clearly differs: {said}"
    if window:
        span = f"between {window.start:%b %Y} and {window.end:%b %Y}"
        return f"Confirmed by news that it happens {span}; refuted if not {by}: {said}"
    return f"Confirmed by news that it happens {by}; refuted if it has not: {said}"
