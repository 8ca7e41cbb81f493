"""Context carried from a heading or a lead-in into the list item that leans on it.

Why: an analyst's list reads "### Heat pump share of heating sales, by region" then
"- Southern Europe: around 30 percent by 2025". The item alone names no measure, and under
"### Brightwell Heating" / "Its plans:" an item "400 more fitters by the end of 2024" names no
one: a judge reading the item alone cannot match news about heat-pump sales or Brightwell to it,
and a reader sees an item cut from its heading.

What is carried, each only when the item lacks it (the item's own fields always win):
- the subject: the first name the context gives (not a place), when the item's subject is not
  written in the item (the finder fell back to the article's subject);
- the region: the places the context names, when the item names none;
- the measure: the context's words, when the item has a figure but no word saying what it
  counts ("around 30 percent by 2025");
- the period: the context's first horizon ahead, when the item has none.

A context that gives the item nothing (a heading such as "Conclusion") is not recorded. The
recorded line (`Prediction.context`) is shown to the reader; `as_read` is the statement as a
judge reads it, the context written before the item when it supplies a region or a measure.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from hindsight.analysis import forecast_cues as cues
from hindsight.analysis.concepts import stem
from hindsight.analysis.matching import NOT_MEASURE
from hindsight.analysis.places import PLACE_WORDS, places_in
from hindsight.analysis.prediction_fields import (
    cached_horizons,
    refreshed,
    without_parentheses,
)
from hindsight.analysis.quantities import find_quantities
from hindsight.analysis.search_terms import entities
from hindsight.domain import Prediction, Quantity

__all__ = [
    "as_read",
    "carry",
    "context_line",
    "context_measure",
    "lacks_measure",
    "lacks_region",
    "measure_antecedent",
]

# Words that name no measure even when written in lower case: the figure's own unit words, the
# nouns of change or of a figure itself ("an increase of 45,000", "the number to be 750,000"),
# which say how a figure moves but not what it counts, and the words that relay or place a
# forecast figure ("is projecting a gain of 135,000", "between", "closer to 600,000").
_UNIT_WORDS = frozenset({"percent", "per", "cent", "percentage", "points", "point"})
_FIGURE_NOUNS = frozenset(
    """increase increases gain gains rise rises decline declines drop drops fall falls number
    numbers figure figures count total reading print""".split()  # noqa: SIM905
)
_RELAY_WORDS = frozenset(
    "projecting projects projected calling sees seeing between closer".split()  # noqa: SIM905
)
_NO_MEASURE = _UNIT_WORDS | _FIGURE_NOUNS | _RELAY_WORDS
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_PLACE_BEFORE_RE = re.compile(r"\b(?:in|at|across|throughout|outside|inside|into)\s+(?:the\s+)?$")
# "Heat pump sales, by region": how the list is split, which each item fills in; it is no part
# of what the figure measures.
_BREAKDOWN_RE = re.compile(r"[,;]?\s+(?:by|per|across)\s+(?:[a-z]+\s+)?[a-z]+\s*$")
_CUES = (cues.STRONG_RE, cues.MODAL_RE, cues.BELIEF_RE)
_DESIGNATION_RE = re.compile(r"\b[A-Z][\w#+-]*\s$")
_CLAUSE_CUT_RE = re.compile(r"[,:;.—–]\s|[:;]")
_MARKUP_RE = re.compile(r"^\s*#{1,6}\s+|\s*:\s*$")


def context_line(heading: str, lead_in: str) -> str:
    """The heading and the lead-in above an item as one line a reader can take in
    ("Brightwell Heating — Its plans for the next two years")."""
    parts = [" ".join(_MARKUP_RE.sub("", p).split()) for p in (heading, lead_in)]
    return " — ".join(p for p in parts if p)


def _content_words(piece: str) -> list[str]:
    """Lower-case words that can say what a figure measures (no function or unit words)."""
    return [
        w
        for w in _WORD_RE.findall(piece)
        if w[0].islower() and len(w) > 2 and w not in NOT_MEASURE and w not in _NO_MEASURE
    ]


def lacks_measure(prediction: Prediction) -> bool:
    """A figure with no word of what it counts beside it, in its own clause: "around 30
    percent by 2025", "Above 12,000 by the end of 2025, if ..." (the figure's unit, when it is
    a noun, is its measure: "400 more fitters")."""
    quantity = prediction.expectation.quantity
    if quantity is None or (quantity.kind == "count" and quantity.unit):
        return False
    text = without_parentheses(prediction.text)  # asides carry no forecast
    window = prediction.expectation.window
    at = text.find(quantity.text)
    named = _DESIGNATION_RE.search(text[:at])
    if at < 0 or (named and named.group().strip().lower() not in NOT_MEASURE):
        return False  # an aside ("(0.8) ..."), or a name's number ("Java 18.3", "Model 3")
    before = _CLAUSE_CUT_RE.split(text[:at])[-1]
    after = _CLAUSE_CUT_RE.split(text[at + len(quantity.text) :])[0]
    if window is not None:
        after = after.replace(window.text, " ")
    return not _content_words(before) and not _content_words(" ".join(after.split()[:4]))


# How far back a figure's antecedent is looked for: its own paragraph and the one before,
# within the characters two long paragraphs hold (not the whole text before each figure).
_PARAGRAPHS_BACK = 2
_LOOK_BACK_CHARS = 6000
# Words between a figure and the noun it counts ("911,000 fewer jobs").
_AMOUNT_WORDS = frozenset(["more", "fewer", "less", "new", "additional", "net"])
_PLAIN_RUN_RE = re.compile(r"[A-Za-z\s'’-]*")  # words up to any mark ("jobs](https://...")
_PARAGRAPH_RE = re.compile(r"\n\s*\n")
# Words between a measure and its figure ("payroll gains of 55,000", "a rate at 4.4%").
_LINK_WORDS = frozenset(
    "of at to by around about roughly nearly almost just only some over under".split()  # noqa: SIM905
)


def measure_antecedent(text: str, at: int, quantity: Quantity) -> str | None:
    """The measure an earlier figure of the same kind names, for a figure in prose that names
    none: "the consensus is calling for payroll gains of 55,000 ... Goldman expects an increase
    of just 45,000" (an increase of payroll gains). Looked for in the figure's paragraph before
    `at` and the paragraph before it, stopping at a heading; the nearest figure of the kind
    that names a measure gives it, one that names none is passed over (it leans on the same
    antecedent). None when there is no such figure.

    Why: a preview states its measure once and then lists forecasts of it; read alone, "an
    increase of just 45,000" can match no news about anything."""
    before = text[max(0, at - _LOOK_BACK_CHARS) : at]
    paragraphs = _PARAGRAPH_RE.split(before)[-_PARAGRAPHS_BACK:]
    for paragraph in reversed(paragraphs):
        if paragraph.lstrip().startswith("#"):
            return None
        for found in reversed(find_quantities(paragraph)):
            if found.kind != quantity.kind or (
                quantity.kind == "count" and quantity.unit and found.unit != quantity.unit
            ):
                continue
            phrase = _measure_phrase(paragraph, found)
            if phrase:
                return phrase
    return None


def _measure_phrase(paragraph: str, quantity: Quantity) -> str | None:
    """The words that say what a figure counts: its unit when that is a noun, the words
    joined to it by "of" or "at" before it ("payroll gains of 55,000"), else the noun just
    after it ("911,000 fewer jobs"). None when they name no measure ("would show 911,000")."""
    if quantity.kind == "count" and quantity.unit:
        return quantity.unit
    at = paragraph.find(quantity.text)
    if at < 0:
        return None
    words = _WORD_RE.findall(_CLAUSE_CUT_RE.split(paragraph[:at])[-1])
    phrase: list[str] = []
    if words and words[-1].lower() in _LINK_WORDS:
        while words and words[-1].lower() in _LINK_WORDS:
            words.pop()
        while (
            words
            and len(phrase) < 3
            and (_content_words(words[-1]) or words[-1].lower() in _FIGURE_NOUNS)
        ):
            phrase.insert(0, words.pop())
    else:
        run = _PLAIN_RUN_RE.match(paragraph, at + len(quantity.text))
        after = _WORD_RE.findall(run.group() if run else "")
        for word in after[:3]:
            if not _content_words(word):
                if phrase or word.lower() not in _AMOUNT_WORDS:
                    break
                continue
            phrase.append(word)
    return " ".join(phrase) if _content_words(" ".join(phrase)) else None


def context_measure(context: str, own: set[str]) -> frozenset[str]:
    """Stems of the words a context line gives an item's figure as its measure (`as_read`
    writes them before the item; this is them wherever the figure stands in it)."""
    parts = " ".join(_BREAKDOWN_RE.sub("", part) for part in context.split(" — "))
    return frozenset(stem(w) for w in _content_words(parts) if w.lower() not in own)


def lacks_region(prediction: Prediction, context: str) -> bool:
    """The context names a place and the item names none."""
    return not places_in(prediction.text) and bool(places_in(context))


def _subject_of(context: str, is_name: Callable[[str], bool] | None) -> str | None:
    """Who the context is about, the nearer part first (the lead-in, then the heading): the
    first name that can act, standing before the part's forecast verb ("For connected homes,
    Northgrid Energy expects:"; not "ARM" in "macOS will be identical on ARM, except:"). Not a
    place, not an ordinary word capitalised as a heading's first word."""
    for part in reversed(context.split(" — ")):
        cue = min(
            (m.start() for r in _CUES if (m := r.search(part)) is not None), default=len(part)
        )
        found = _first_actor(part[:cue], is_name)
        if found is not None:
            return found
    return None


def _first_actor(piece: str, is_name: Callable[[str], bool] | None) -> str | None:
    for name in entities(piece):
        words = name.split()
        while words and is_name is not None and not is_name(words[0]):
            words.pop(0)
        if not words or any(w in PLACE_WORDS for w in words):
            continue
        found = " ".join(words)
        at = piece.find(found)
        if at >= 0 and _PLACE_BEFORE_RE.search(piece[:at]):
            continue
        return found
    return None


def _owns_subject(prediction: Prediction) -> bool:
    """Whether the item writes its subject itself (else the finder fell back on the article's)."""
    subject = prediction.subject
    return bool(subject) and re.search(rf"\b{re.escape(subject)}\b", prediction.text) is not None


def carry(
    prediction: Prediction,
    context: str,
    published: date,
    is_name: Callable[[str], bool] | None = None,
) -> Prediction:
    """The item with what it lacks taken from its context (see the module); the context line
    recorded when it gave anything, else the item unchanged."""
    if not context.strip():
        return prediction
    out = prediction
    gave = False
    if not _owns_subject(prediction):
        subject = _subject_of(context, is_name)
        if subject is not None and subject != prediction.subject:
            out = replace(out, subject=subject)
            gave = True
        elif subject is not None:
            gave = True
    if lacks_region(prediction, context) or (lacks_measure(prediction) and _content_words(context)):
        gave = True
    window = prediction.expectation.window
    if window is not None and window.text not in prediction.text:
        gave = True  # the finder already dated the item by its heading
    if window is None:
        ahead = [w for w in cached_horizons(context, published) if w.end >= published]
        if ahead:
            window = ahead[0]
            expectation = replace(out.expectation, window=window)
            out = replace(out, expectation=expectation, deadline=window.end)
            gave = True
    if not gave:
        return prediction
    out = replace(out, context=context)
    return refreshed(out, as_read(out).text)


def as_read(prediction: Prediction) -> Prediction:
    """The prediction as a judge reads it: when its context supplies a region or a measure the
    item lacks, the context is written before the item's text ("Heat pump share of heating
    sales, by region: Southern Europe: around 30 percent by 2025"); otherwise unchanged. The
    key, span and every other field stay the item's own."""
    context = prediction.context
    if not context:
        return prediction
    if not (lacks_region(prediction, context) or lacks_measure(prediction)):
        return prediction
    parts = [_BREAKDOWN_RE.sub("", part) for part in context.split(" — ")]
    return replace(prediction, text=f"{' — '.join(parts)}: {prediction.text}")
