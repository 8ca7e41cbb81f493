"""Turn a seed article into checkable predictions: find forecast statements, then structure them.

Finding works clause by clause with general cues of English forecasting (see `forecast_cues`):
a clause is kept when it carries a strong cue (belief, probability, commitment, surprise, an open
decision) or a modal ("will", "could") anchored to the article's main subject or the author's
voice. Headings, direct quotes without a dated promise, retrospect and rhetoric ("will be
remembered"), unfalsifiable hedges ("that doesn't mean X won't") and other parties' plans reported
as past news ("Baidu confirmed that it will...") are left out.

Each kept statement is then structured by `prediction_fields.describe` (kind, expectation,
deadline, confidence, subject, search terms, resolution); `describe_prediction` does the same for a
single statement given on its own.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date

from dateutil.relativedelta import relativedelta

from hindsight.analysis import forecast_cues as cues
from hindsight.analysis import recall_floor
from hindsight.analysis.awards import award_pick_of
from hindsight.analysis.context import as_read, carry, lacks_measure, measure_antecedent
from hindsight.analysis.cue_units import cue_spans
from hindsight.analysis.fixtures import fixture_pick
from hindsight.analysis.forecast_units import (
    PICKED,
    RULED_OUT,
    SCHEDULED,
    Unit,
    cued,
    forecast_units,
    leaning_spans,
    verbal_cue,
    without_background,
)
from hindsight.analysis.hedges import odds_line
from hindsight.analysis.horizons import into_year, title_year, titled_event, year_ahead
from hindsight.analysis.names import (
    ORGANISATION_NOUNS,
    NameReader,
    is_english_word,
    is_generic,
    is_opener,
    prose,
    reads_as_ordinary,
)
from hindsight.analysis.owners import OwnerReader
from hindsight.analysis.picks import pick_of
from hindsight.analysis.prediction_fields import (
    ABOUT_TOLERANCE,
    DEFAULT_HORIZON_YEARS,
    LONG_RUN,
    cached_horizons,
    describe,
    labelled_name,
    prediction_key,
    refreshed,
    without_parentheses,
)
from hindsight.analysis.search_terms import entities
from hindsight.analysis.sentences import (
    Span,
    clause_spans,
    is_heading,
    quoted_regions,
    sentence_spans,
    split_blocks,
    trim_span,
)
from hindsight.analysis.series import later_members
from hindsight.domain import DateWindow, Prediction, SeedArticle, TextBlock

__all__ = [
    "ABOUT_TOLERANCE",
    "DEFAULT_HORIZON_YEARS",
    "describe_prediction",
    "extract_predictions",
    "floor_candidates",
    "in_title_year",
    "in_year_ahead",
    "main_subject",
    "prediction_key",
]


_SHORT_CLAUSE_WORDS = 6
_PRONOUN_SUBJECT_RE = re.compile(
    r"^(?:\W*(?:so|and|but|then|also|still|in fact|however),?\s+)?"
    r"(?:it|they|he|she|the company|the firm|the group|its|their)\b",
    re.I,
)
_LEADING_CONJUNCTION_RE = re.compile(r"(?:and|but)\s+(?:that\s+)?(?=\w)", re.I)
_COMPANY_RE = re.compile(r"\bthe\s+(?:company|group|firm)\b", re.I)
_NAMED_WILL_RE = re.compile(r"(?:The\s+)?(?P<name>[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)*)\s+will\b")
_MIN_SUBJECT_MENTIONS = 3
_BIGRAM_RE = re.compile(r"\b([a-z]{3,})\s+([a-z]{3,})\b")
_TOPIC_STOP_TEXT = """
    the and that this with from have has had will would could should been were was are for
    not but its their they them than then there which what when where who into over more
    most such some any all one two can may might per our your his her out about after before
    also just only very much many year years month months week weeks day days time first
    last next said says say company
"""
_TOPIC_STOP = frozenset(_TOPIC_STOP_TEXT.split())
_INDEPENDENT_HEAD_RE = re.compile(
    r"and\s+(?:that|i|we|it|they|he|she|the|our|its|their|when|if|says|said|adds|added|told)\b"
)
_LOWER_WORD_RE = re.compile(r"\b[a-z][a-z\-]+\b")
_MID_SENTENCE_NAME_RE = re.compile(r"[a-z0-9,’'] ([A-Z][\w&\-]*)")
# A second forecast in the author's voice ("and I expect ...", "my bet is that ...").
_CONTINUATION_HEAD_RE = re.compile(
    r"(?:and\s+|but\s+)?(?:I|we|my|our)\b(?:\s+\w+){0,3}?\s+(?:that\s+)?", re.I
)
_DEFINITE_RE = re.compile(r"\b(?:the|this|that|these|those|its|their|his|her|our)\s+\w", re.I)
_REFERRING_PRONOUN_RE = re.compile(r"^(?:[\w'’]+\s+){0,4}?(?:it|they|them)\b", re.I)
_FORECAST_HEADING_RE = re.compile(
    r"\b(?:my|I|I['’]d|I['’]m|our|we)\b"
    r"|\b(?:forecasts?|predictions?|outlook|expectations?|prognosis|what\s+(?:comes|happens)\s+next"
    r"|the\s+(?:road|year|decade)\s+ahead)\b",
    re.I,
)
# Someone else's words reported in the sentence: not the author's own call.
_SPEECH_RE = re.compile(
    r"\b(?:says?|said|told|announced|confirmed|stated|claimed|insists?|insisted|according\s+to)\b",
    re.I,
)
# "<measure> will ...": a short noun phrase opening the clause, then the modal. Determiners are
# allowed; pronouns and demonstratives ("That will not last") are not a measure.
_MEASURE_WILL_RE = re.compile(
    r"(?:(?:and|but|so)\s+)?(?:(?:the|its|their|average|total|overall)\s+)?"
    r"(?:[A-Za-z][\w\-]*\s+){0,2}?(?P<head>(?!(?:it|they|that|this|which|he|she|we|I)\b)"
    r"[A-Za-z][\w\-]{2,})\s+(?:will|won['’]t|(?:is|are)\s+(?:not\s+)?going\s+to)\b",
    re.I,
)
_SELF_INTENTION_RE = re.compile(
    r"\bI\s+(?:will|won['’]t|shall|am\s+going\s+to)\b|\bI['’]ll\b", re.I
)
_CONDITION_RE = re.compile(r"\b(?:if|unless)\b", re.I)
_STRONG_MODAL_RE = re.compile(r"\b(?:will|won['’]t|shall)\b|\bgoing\s+to\b", re.I)
_PAST_TIME_RE = re.compile(
    r"\b(?:earlier|last)\s+(?:this\s+)?(?:week|month|year|quarter)\b|\b\w+\s+(?:days?|weeks?|months?|"
    r"years?)\s+ago\b|\bon\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    re.I,
)
# A past time (a year or more back) next to a past-tense verb of saying or forecasting: "said
# last year it will", "Last spring I bet that ...", "two years ago the minister promised". A past
# time alone is often a baseline ("up from last year, sales will ..."), so the verb is required;
# "last month the council said it would" is recent enough to be a live promise.
_PAST_TIME = (
    r"(?:last|this\s+past)\s+(?:spring|summer|autumn|fall|winter|year|decade)\b(?![’']s)"
    r"|(?:a|one|two|three|four|five|six|\d+)\s+(?:years?|decades?)\s+ago\b|at\s+the\s+time\b"
)
_PAST_SAYING = (
    r"(?:said|told|announced|promised|pledged|vowed|predicted|forecast|bet|wagered|expected|"
    r"thought|argued|wrote|claimed|confirmed|insisted)"
)
_RETROSPECT_RE = re.compile(
    rf"\b{_PAST_SAYING}\s+(?:[\w’']+\s+){{0,3}}?(?:{_PAST_TIME})"
    rf"|\b(?:{_PAST_TIME})\s*,?\s+(?:[\w’']+\s+){{0,4}}?{_PAST_SAYING}\b",
    re.I,
)
_DEPENDENT_SENTENCE_RE = re.compile(r"^(?:That|This|Which)\s+(?:means|implies)\b")
_REPORTED_RE = re.compile(
    r"(?P<who>\b[A-Z][\w&\-]*(?:\s+[A-Z][\w&\-]*)*)\s+(?:has\s+|had\s+)?"
    r"(?:confirmed|said|announced|told|reported|stated|claimed|revealed|disclosed)\b"
    r"(?:\s+[\w,]+){0,4}?\s+that\b"
)
_TIME_HINT_RE = re.compile(
    r"\b(?:19|20)\d\d\b|\b(?:years?|months?|quarters?|weeks?|days?|decade|soon|shortly|"
    r"next|coming)\b",
    re.I,
)


@dataclass(frozen=True)
class _Clause:
    span: Span
    strong: bool
    modal: bool
    dated: bool
    in_quote: bool
    words: int


@dataclass(frozen=True)
class _Article:
    """What the finder needs to know about the whole article while reading one sentence."""

    text: str
    quotes: list[Span]
    quote_starts: list[int]
    subject: str | None
    recurring: frozenset[str]  # names (first word) that occur at least twice
    capitalised_inside: frozenset[str]  # words capitalised somewhere mid-sentence
    lower_words: frozenset[str]  # every word the article writes in lower case
    published: date = date(2000, 1, 1)  # horizons count from here
    forecast_sections: tuple[Span, ...] = ()  # under a heading such as "My forecasts"

    def forecast_section_start(self, span: Span) -> int | None:
        """Where the author's forecast section holding this span begins, if it is in one."""
        for lo, hi in self.forecast_sections:
            if lo <= span[0] < hi:
                return lo
        return None

    def is_name(self, word: str) -> bool:
        """A one-word name, as opposed to an ordinary word capitalised at a sentence start."""
        if is_generic(word) or is_opener(word):
            return False  # "GW", "IPO", "January", "Last", "Between"
        if word in self.capitalised_inside:
            return True
        return not reads_as_ordinary(word, self.lower_words)


# ---------------------------------------------------------------------------------------------
# Public API


def extract_predictions(seed: SeedArticle) -> list[Prediction]:
    """Every forecast and reported commitment in the seed, in reading order, without duplicates.

    Two finders: the clause finder below (precise on an analyst's own calls), then the
    recall-first pass of `forecast_units` for every other unit stating an expectation (relayed
    forecasts, list items, hedged outlooks). Each statement records whose forecast it is.
    """
    text = seed.text
    published = seed.published or date.today()  # undated seeds: horizons count from today
    article = _read_article(text, seed.author, published, seed.title)
    owners = OwnerReader(text, article.subject, article.is_name, seed.blocks)
    # The reader's headings only: a short line without a period may be a list item.
    headings = [(b.start, b.end) for b in seed.blocks if b.kind == "heading"]
    found: list[tuple[Prediction, Span]] = []
    keys: set[str] = set()

    def add(
        span: Span,
        sentence: Span,
        previous: str | None,
        context: str = "",
        reason: str = "",
    ) -> None:
        """Describe and keep one statement, `reason` the unit pass's. A schedule's entry
        ("2016-05 — JDK 9: Feature Complete") is a plan of the article's subject, naming a
        stage of it and no actor; a pick ("Group Winner: Uruguay") is about the team picked,
        and keeps the heading naming its competition as its context."""
        statement = text[span[0] : span[1]]
        if odds_line(statement) is not None:
            return  # "Chance of seeing this week: 9 out of 10": the odds of what came before
        key = prediction_key(statement)
        if key in keys and reason == PICKED and context:
            # A pick is read with its heading: "Most Likely: Mad Max: Fury Road" under "BEST
            # FILM EDITING" and again under "BEST SOUND MIXING" is a second forecast, keyed by
            # its heading too (the first keeps the plain key every earlier reading gave it).
            key = prediction_key(f"{context}: {statement}")
        if key in keys:  # the same statement again (repeated boilerplate, pull quotes)
            return
        keys.add(key)
        pick = pick_of(statement, context) if reason == PICKED else None
        # "Most Valuable Player: Mike Trout": about the award, which news of its winner names
        award = award_pick_of(statement, context) if reason == PICKED and not pick else None
        # "we will go for a Belgium win" under "Match 4: Belgium vs Portugal": about Belgium
        above = _heading_above(text, headings, span[0])
        fixture = fixture_pick(statement, above) if not (pick or award) else None
        scheduled = reason == SCHEDULED
        described = describe(
            text,
            span,
            sentence,
            published,
            article.subject,
            kind_hint="commitment" if scheduled else "event" if pick or award or fixture else None,
            subject_hint=(
                pick.team
                if pick
                else award.award
                if award
                else fixture.winner
                if fixture
                # a schedule's entry is about the thing it names first ("Deep Orbit, Oct. 6 –
                # ..."), else about the article's subject ("2016-05 — Feature Complete")
                else labelled_name(statement) or article.subject
                if scheduled
                else None
            ),
            quoted=_in_quote(span, article),
            is_name=article.is_name,
            antecedent=previous,
            heading=_heading_name(above, article),
        )
        owner = owners.owner(span, sentence)
        if (pick is not None or award is not None) and context:
            described = replace(described, context=context, key=key)
        if fixture is not None and above is not None:
            described = replace(described, context=" ".join(above.strip("#*_ ").split()))
        if award is not None and described.expectation.window is None:
            # An award is given once a year: a pick naming no time is settled by the next one.
            next_one = published + relativedelta(years=1)
            if described.deadline is None or described.deadline > next_one:
                described = replace(described, deadline=next_one)
        found.append((_with_context(replace(described, owner=owner), context, published), sentence))
        for member, lead in later_members(text, span):
            # "3.4 percent in 2016 and 3.6 percent in 2017": the later figure is a forecast of
            # its own, about what the first is about and read with the words before it.
            key = prediction_key(text[member[0] : member[1]])
            if key in keys:
                continue
            keys.add(key)
            item = describe(
                text, member, sentence, published, article.subject, None, described.subject
            )
            item = replace(item, owner=owner, context=lead)
            found.append((refreshed(item, as_read(item).text), sentence))

    units = list(forecast_units(text, published, seed.blocks, title=seed.title))
    ruled_out = {u.sentence for u in units if u.reason == RULED_OUT}
    # Where the unit pass left a sentence's opening background out, so does the clause finder.
    starts = {u.sentence: u.span[0] for u in units if u.kept and u.span[0] > u.sentence[0]}
    # A pick's line ("Most Likely: The Revenant" under "BEST PICTURE") is read whole by the
    # unit pass, with its heading: the clause finder leaves it alone.
    picked = [u.span for u in units if u.reason == PICKED]
    statements = [
        ((max(span[0], starts.get(sentence, span[0])), span[1]), sentence, previous)
        for span, sentence, previous in _joined(text, list(_statement_spans(article)))
        if sentence not in ruled_out
        and span[1] > starts.get(sentence, span[0])
        and not any(lo <= span[0] and span[1] <= hi for lo, hi in picked)
    ]
    for span, sentence, previous in _whole_units(text, statements, units):
        add(span, sentence, previous)
    taken = sorted(p.span for p, _ in found)
    for unit in units:
        if not unit.kept:
            continue
        for piece in _uncovered(text, unit.span, taken, published):
            if (
                unit.reason != PICKED  # a pick's quoted title ("Most Likely: “Shok”") is no speech
                and _in_quote(piece, article)
                and not _dated_promise(text, unit.sentence, published)
                and not owners.quoted_speaker(piece)
            ):
                continue  # unattributed direct speech (a slogan, a quip): a dated promise only
            previous = _sentence_before(text, unit.sentence)
            add(piece, unit.sentence, previous, unit.context, unit.reason)
    taken = sorted(p.span for p, _ in found)
    for unit_span, why in _floor(seed, article, taken, owners):
        if why is None:
            add(unit_span, unit_span, _sentence_before(text, unit_span))
    found.sort(key=lambda pair: pair[0].span)
    found = _with_stated_odds(text, found, seed.blocks)
    leaning = leaning_spans(text, seed.blocks)
    leaning_starts = [span[0] for span, _ in leaning]
    year = year_ahead(seed.title, published)
    titled = title_year(seed.title, published)
    return [
        replace(
            in_title_year(
                in_year_ahead(
                    _measured(
                        _leaning(p, leaning, leaning_starts, published, article.is_name),
                        text,
                        published,
                        article,
                    ),
                    published,
                    year,
                ),
                titled,
                titled_event(seed.title),
            ),
            made=seed.published,
        )
        for p, _ in found
    ]


def _with_stated_odds(
    text: str, found: list[tuple[Prediction, Span]], blocks: tuple[TextBlock, ...]
) -> list[tuple[Prediction, Span]]:
    """Forecasts scored by a line of odds after them ("Chance of seeing this week: 9 out of
    10"): the odds are each one's confidence, for every forecast since the last heading or
    line of odds. A stated probability is surer evidence of how sure the writer is than any
    hedge word. `found` is in reading order."""
    lines = [(b.start, b.end, b.kind == "heading") for b in blocks] or [
        (lo, hi, is_heading(text, (lo, hi))) for lo, hi in split_blocks(text)
    ]
    out = list(found)
    starts = [prediction.span[0] for prediction, _ in out]
    since = 0  # where the forecasts the next line of odds scores begin
    for start, end, heading in lines:
        odds = odds_line(text[start:end])
        if odds is None:
            since = end if heading else since
            continue
        for i in range(bisect.bisect_left(starts, since), bisect.bisect_left(starts, start)):
            prediction, sentence = out[i]
            out[i] = (replace(prediction, confidence=odds[0], confidence_cue=odds[1]), sentence)
        since = end
    return out


_SOMEDAY = re.compile(r"\b(?:someday|some day|in time|ultimately|in the future)\b", re.I)


def in_title_year(prediction: Prediction, year: int | None, event: bool = False) -> Prediction:
    """A forecast naming no time of its own, in a piece whose title names the year it is about
    (`horizons.title_year`), is due by that year's end, not by the default horizon: a season
    preview's picks are settled by that season."""
    if year is None or prediction.expectation.window is not None:
        return prediction
    if LONG_RUN.search(prediction.text) or _SOMEDAY.search(prediction.text):
        return prediction  # "eventually", "one day": the writer looks past the year
    end = date(year, 12, 31)
    if prediction.deadline is not None and prediction.deadline <= end:
        return prediction
    if not event:
        return replace(prediction, deadline=end)
    # The title names that year's event (`horizons.titled_event`): its window too, so a figure
    # of a later year ("the SNP are on 35" in 2017) is no outcome of a 2015 election's forecast.
    # A piece's year alone does not bound its figures: "$35,000" is the price whenever it came.
    window = DateWindow(date(year, 1, 1), end, str(year))
    expectation = replace(prediction.expectation, window=window)
    return replace(prediction, deadline=end, expectation=expectation)


def in_year_ahead(prediction: Prediction, published: date, year: int | None) -> Prediction:
    """In a year-ahead piece (`horizons.year_ahead`) "this year" is the year ahead."""
    window = prediction.expectation.window
    moved = into_year(window, published, year) if window and year else window
    if moved is window or moved is None or window is None:
        return prediction
    deadline = moved.end if prediction.deadline == window.end else prediction.deadline
    expectation = replace(prediction.expectation, window=moved)
    out = replace(prediction, expectation=expectation, deadline=deadline)
    return refreshed(out, as_read(out).text)


def _leaning(
    prediction: Prediction,
    leaning: list[tuple[Span, str]],
    starts: list[int],
    published: date,
    is_name: Callable[[str], bool],
) -> Prediction:
    """A list item (or the sentence after a lead-in) with what it lacks taken from its heading
    and lead-in (`analysis.context`). A pick keeps the context the unit pass gave it, which
    says what it picks ("Lead Actor — the marked pick")."""
    if prediction.context and award_pick_of(prediction.text, prediction.context) is not None:
        return prediction
    i = bisect.bisect_right(starts, prediction.span[0]) - 1
    if i < 0:
        return prediction
    (lo, hi), context = leaning[i]
    if not lo <= prediction.span[0] < hi:
        return prediction
    return carry(prediction, context, published, is_name)


def _measured(prediction: Prediction, text: str, published: date, article: _Article) -> Prediction:
    """A figure in prose that names no measure ("Goldman expects an increase of just 45,000")
    read with the measure an earlier figure of its kind names (`context.measure_antecedent`),
    as a list item is read with its heading. Its forecaster is then not what it is about: the
    payroll gains Goldman forecasts are the article's subject's, not Goldman's."""
    quantity = prediction.expectation.quantity
    if prediction.context is not None or quantity is None or not lacks_measure(prediction):
        return prediction
    measure = measure_antecedent(text, prediction.span[0], quantity)
    if measure is None:
        return prediction
    if article.subject and prediction.subject in (prediction.owner or ""):
        prediction = replace(prediction, subject=article.subject)
    return carry(prediction, measure, published, article.is_name)


def floor_candidates(seed: SeedArticle, taken: list[Span]) -> list[tuple[Span, str | None]]:
    """The recall floor's candidates beside the findings `taken` (sorted spans): every unit the
    naive cue rule takes that no finding lies in, with the rejection that applies (None: kept)."""
    published = seed.published or date.today()
    article = _read_article(seed.text, seed.author, published, seed.title)
    owners = OwnerReader(seed.text, article.subject, article.is_name, seed.blocks)
    return _floor(seed, article, taken, owners)


# "According to Hale, “...”": the quotation is framed as the named source's claim.
_ACCORDING_QUOTE_RE = re.compile(r"\b[Aa]ccording\s+to\s+[^,.;]{1,60},\s*[“\"]")


def _floor(
    seed: SeedArticle, article: _Article, taken: list[Span], owners: OwnerReader
) -> list[tuple[Span, str | None]]:
    text = seed.text
    headings = _heading_spans(text, seed.blocks)
    out: list[tuple[Span, str | None]] = []
    for unit_span in cue_spans(text):
        if _covered(unit_span, taken):
            continue
        piece = text[unit_span[0] : unit_span[1]]
        # In a report (no first person outside quotations) a named source's words are its
        # relayed forecast; in an essay quoted speech stays colour unless a dated promise.
        relayed = (owners.relays or bool(_ACCORDING_QUOTE_RE.search(piece))) and any(
            owners.quoted_speaker((unit_span[0] + lo, unit_span[0] + hi))
            for lo, hi in recall_floor.cue_positions(piece)
        )
        place = recall_floor.Place(
            article.published,
            heading=any(lo <= unit_span[0] < hi for lo, hi in headings),
            speech=_speech_only(text, unit_span, article) and not relayed,
        )
        # a unit opening on past background ("X was released in 2016, and has since ... with
        # the 5th coming soon") is a forecast from the clause after it, as in the unit pass
        kept = without_background(text, unit_span, article.published)
        out.append((kept, recall_floor.rejection(piece, place)))
    return out


_MIN_PIECE_WORDS = 4


def _covered(span: Span, taken: list[Span]) -> bool:
    """Whether a finding (sorted spans) lies in the unit: then a finder read it and chose what
    to take (a forecast after its background), and the floor leaves its choice alone."""
    i = bisect.bisect_left(taken, (span[1], span[1]))
    return any(hi > span[0] and lo < span[1] for lo, hi in taken[max(0, i - 16) : i])


def _speech_only(text: str, span: Span, article: _Article) -> bool:
    """Whether every cue of a unit lies inside direct speech and the unit is no dated promise."""
    positions = recall_floor.cue_positions(text[span[0] : span[1]])
    return (
        bool(positions)
        and all(_in_quote((span[0] + lo, span[0] + hi), article) for lo, hi in positions)
        and not _dated_promise(text, span, article.published)
    )


def _heading_above(text: str, headings: list[Span], at: int) -> str | None:
    """The last heading above `at` (spans in text order), or None."""
    i = bisect.bisect_right(headings, (at, at)) - 1
    while i >= 0 and headings[i][1] > at:
        i -= 1
    return text[headings[i][0] : headings[i][1]] if i >= 0 else None


_HEADING_MARKS_RE = re.compile(r"[*_#`]+")
_HEADING_WORD_RE = re.compile(r"[A-Za-z][\w'’-]*|\d+")
# A name with a dotted release number: "Swift 3.0", "PHP 8.0", "Node.js 14.2".
_RELEASE_NAME_RE = re.compile(r"\b[A-Z][\w+#.-]*\s+v?\d+(?:\.\d+)+\b")
_TITLE_SMALL_WORDS = frozenset("a an and at by for from in of on or the to with".split())  # noqa: SIM905


def _heading_name(heading: str | None, article: _Article) -> str | None:
    """The heading, if it is a name ("Animal Crossing: New Horizons", "Doom Eternal", "Cyberpunk
    2077"), or the one release it names ("When will PHP 8.0 get released?"), else None
    ("Seat Projections", "Hardware", "Security trends for 2016").

    Why: in a list of things, one section each ("### Ghost of Tsushima" ... "It should hit this
    summer"), a pronoun opening a forecast points back to the section's thing, which the
    sentences around it may not name at all. A name is written in title case, and at least half
    of its words are ones the article never writes in lower case (a topic heading's words it
    does: "Seat Projections").
    """
    if not heading:
        return None
    plain = " ".join(_HEADING_MARKS_RE.sub(" ", heading).split()).strip(" :")
    # "When will PHP 8.0 get released?": the one release a heading names is its thing.
    releases = _RELEASE_NAME_RE.findall(plain)
    if len(releases) == 1:
        return releases[0]
    words = _HEADING_WORD_RE.findall(plain)
    content = [w for i, w in enumerate(words) if i == 0 or w.lower() not in _TITLE_SMALL_WORDS]
    if not content or len(words) > 8 or not all(w[0].isupper() or w.isdigit() for w in content):
        return None
    if not content[0][0].isupper():
        return None  # "12 Minutes": read as a topic phrase, not a name
    if len(content) == 1 and (
        is_generic(content[0])
        or is_opener(content[0])
        # "Conclusion", "Hardware": one dictionary word is a name only if the article also
        # writes it capitalised inside a sentence
        or (is_english_word(content[0]) and content[0] not in article.capitalised_inside)
    ):
        return None
    common = [w for w in content if w.isalpha() and w.lower() in article.lower_words]
    return plain if 2 * len(common) <= len(content) else None


def _heading_spans(text: str, blocks: tuple[TextBlock, ...]) -> list[Span]:
    """Where the article's headings are: the reader's structure, else the text's own marks."""
    if blocks:
        return [(b.start, b.end) for b in blocks if b.kind == "heading"]
    return [span for span in split_blocks(text) if is_heading(text, span)]


# A clause cut shorter than this share of its sentence's words is a fragment a reader would not
# quote alone ("Swift 5 will come out, and" / "it will break against Swift 4."; "I expect to see
# it used for ARM." whose "it" is the sentence's own "this strategy").
_WHOLE_SHARE = 0.6


def _fragment(text: str, pieces: list[Span], unit: Span) -> bool:
    """Whether a cut left a piece that cannot stand alone: it ends on a conjunction, or its
    "it"/"they" refers to what the cut left out of the sentence. Parts with a period each are
    two forecasts ("mid-decade before we see a car and the second part of this decade to ...")."""
    for lo, hi in pieces:
        piece = text[lo:hi]
        if _DANGLING_RE.search(piece):
            return True
        if lo > unit[0] and _REFERRING_PRONOUN_RE.search(piece):
            return True
    return False


def _whole_units(
    text: str, statements: list[tuple[Span, Span, str | None]], units: list[Unit]
) -> list[tuple[Span, Span, str | None]]:
    """The clause finder's statements, except where it cut a kept unit into fragments none of
    which holds most of the unit: there the whole unit is the statement. A unit the unit pass
    cut into parts of its own (a figure and a date each) keeps its parts."""
    whole = {u.sentence: u.span for u in units if u.kept and u.span == u.sentence}
    by_sentence: dict[Span, list[Span]] = {}
    for span, sentence, _ in statements:
        by_sentence.setdefault(sentence, []).append(span)
    out: list[tuple[Span, Span, str | None]] = []
    merged: set[Span] = set()
    for span, sentence, previous in statements:
        unit = whole.get(sentence)
        if unit is None or sentence in merged:
            if sentence not in merged:
                out.append((span, sentence, previous))
            continue
        inside = by_sentence[sentence]
        unit_words = len(text[unit[0] : unit[1]].split()) or 1
        longest = max(len(text[lo:hi].split()) for lo, hi in inside)
        if longest / unit_words >= _WHOLE_SHARE or not _fragment(text, inside, unit):
            out.append((span, sentence, previous))
            continue
        merged.add(sentence)
        out.append(
            ((min(unit[0], span[0]), max(unit[1], max(hi for _, hi in inside))), sentence, previous)
        )
    return out


_DANGLING_RE = re.compile(r"\b(?:and|but|or)\s*$", re.I)


def _joined(
    text: str, found: list[tuple[Span, Span, str | None]]
) -> list[tuple[Span, Span, str | None]]:
    """Two statements cut at a conjunction left on the first ("Swift 5 will come out, and" /
    "it will break against Swift 4.") are one compound forecast: the cut lost what joins them."""
    out: list[tuple[Span, Span, str | None]] = []
    for span, sentence, previous in found:
        if out:
            (lo, hi), last_sentence, last_previous = out[-1]
            gap = text[hi : span[0]]
            if last_sentence == sentence and _DANGLING_RE.search(text[lo:hi]) and not gap.strip():
                out[-1] = ((lo, span[1]), sentence, last_previous)
                continue
        out.append((span, sentence, previous))
    return out


def _uncovered(text: str, span: Span, spans: list[Span], published: date) -> list[Span]:
    """The parts of a unit the clause finder left out that still carry a cue of the future: the
    whole unit when it found nothing there, else each left-out stretch ("..., 1,000 vehicles per
    week in July" beside the clauses it took)."""
    i = bisect.bisect_right(spans, (span[1], span[1]))
    inside = [(lo, hi) for lo, hi in spans[max(0, i - 8) : i] if hi > span[0] and lo < span[1]]
    if not inside:
        return [span]
    pieces: list[Span] = []
    cursor = span[0]
    for lo, hi in [*sorted(inside), (span[1], span[1])]:
        if lo > cursor:
            piece = trim_span(text, (cursor, lo))
            words = without_parentheses(text[piece[0] : piece[1]])  # asides carry no forecast
            if len(words.split()) >= _MIN_PIECE_WORDS and cued(words, published):
                pieces.append(piece)
        cursor = max(cursor, hi)
    return pieces


def _dated_promise(text: str, span: Span, published: date) -> bool:
    piece = text[span[0] : span[1]]
    return verbal_cue(piece) and _has_horizon(piece, published)


def _with_context(prediction: Prediction, context: str, published: date) -> Prediction:
    """A list item without a period of its own takes the one of its heading or lead-in ("2018
    predictions" ... "Salesforce starts making acquisitions again": by the end of 2018)."""
    if not context or prediction.expectation.window is not None:
        return prediction
    ahead = [w for w in cached_horizons(context, published) if w.end >= published]
    if not ahead:
        return prediction
    window = ahead[0]
    expectation = replace(prediction.expectation, window=window)
    return replace(prediction, expectation=expectation, deadline=window.end)


def _sentence_before(text: str, sentence: Span) -> str | None:
    start = max(0, sentence[0] - 400)
    before = text[start : sentence[0]].rstrip()
    cut = max(before.rfind(". "), before.rfind("\n"))
    return before[cut + 1 :].strip() or None


def _statement_spans(article: _Article) -> Iterator[tuple[Span, Span, str | None]]:
    """(statement, its sentence, the sentence before) for every forecast statement."""
    text = article.text
    previous: str | None = None
    for block in split_blocks(text):
        if is_heading(text, block):
            continue
        sentences = list(sentence_spans(text, block))
        for i, sentence in enumerate(sentences):
            nxt = sentences[i + 1] if i + 1 < len(sentences) else None
            for span in _prediction_spans(article, sentence):
                if (
                    nxt
                    and span[1] >= sentence[1] - 1
                    and _DEPENDENT_SENTENCE_RE.match(text[nxt[0] : nxt[1]])
                ):
                    span = (span[0], nxt[1])  # "... That means no outside investors."
                yield span, sentence, previous
            previous = text[sentence[0] : sentence[1]]


def describe_prediction(
    text: str,
    published: date,
    kind_hint: str | None = None,
    subject_hint: str | None = None,
) -> Prediction:
    """Structure one given statement (e.g. a gold quote) as if it were a whole seed sentence."""
    span = (0, len(text))
    return describe(text, span, span, published, subject_hint, kind_hint, subject_hint)


def _name_counts(text: str, author: str | None) -> Counter[str]:
    byline = _byline_names(author)
    counts: Counter[str] = Counter()
    for name in entities(text):
        if name not in byline:  # the byline is not the topic; "Lei" alone may be someone else
            counts[_lead_name(name)] += 1
    return counts


_BYLINE_SPLIT = re.compile(r",|;|&|\(|\)|\band\b")


def _byline_words(author: str | None) -> frozenset[str]:
    """The words of the people a byline names: a title naming one names its writer."""
    return frozenset(w for name in _byline_people(author) for w in name.split())


def _byline_names(author: str | None) -> frozenset[str]:
    """The byline as written and each person it names (`_byline_people`)."""
    return frozenset({author, *_byline_people(author)}) if author else frozenset()


def _byline_people(author: str | None) -> frozenset[str]:
    """Each person a byline names, whole: "Geoff Schorkopf and Logesh" is "Geoff Schorkopf" and
    "Logesh" (a writer named by one name in a shared byline is still the writer). An
    organisation signing its own release ("NASA", "Acme Group") is no person: it is what the
    release is about."""
    parts = (p.strip(" '\"") for p in _BYLINE_SPLIT.split(author or ""))
    return frozenset(
        p
        for p in parts
        if re.fullmatch(r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}", p)
        and not p.isupper()
        and p.split()[-1] not in ORGANISATION_NOUNS
    )


# Words that open a name but never name a thing alone: articles and particles of other
# languages, compass points and "New", "San", "Hong" ("El Niño", "South Africa", "New York").
_NAME_PREFIXES = (
    "el la las los le les al de del der di du da van von "
    "north south east west northern southern eastern western new san santa hong"
)
_LEAD_NAME = re.compile(rf"(?:(?i:{'|'.join(_NAME_PREFIXES.split())})\s+)?\S+(?: & \S+)*")


def _lead_name(name: str) -> str:
    """The first word of a run of capitals, with what "&" joins to it: a run names one thing
    by its first word ("Xiaomi Corp", "Tesla Model 3"), but "&" joins one name, never two
    ("Procter & Gamble", "Deadpool & Wolverine"), and a first word that names nothing alone
    keeps the next ("El Niño", "South Africa": `_NAME_PREFIXES`)."""
    lead = _LEAD_NAME.match(name)
    return lead.group() if lead else name


def _topic(text: str) -> tuple[str, int] | None:
    """The most repeated two-word lower-case phrase ("heat pump"): the subject of an article
    about a thing rather than a company."""
    counts: Counter[str] = Counter()
    for m in _BIGRAM_RE.finditer(text.lower()):
        first, second = m.group(1), m.group(2).removesuffix("s")
        if first not in _TOPIC_STOP and second not in _TOPIC_STOP:
            counts[f"{first} {second}"] += 1
    return counts.most_common(1)[0] if counts else None


def _pick_subject(names: Counter[str], text: str) -> str | None:
    best = names.most_common(1)[0] if names else None
    if best and best[1] >= _MIN_SUBJECT_MENTIONS:
        return best[0]
    topic = _topic(text)
    if topic and topic[1] >= _MIN_SUBJECT_MENTIONS and (not best or topic[1] > best[1]):
        return topic[0]
    return best[0] if best else None


def main_subject(text: str, author: str | None = None, title: str | None = None) -> str | None:
    """Who or what the article is about: the name its title gives when the text repeats it, else
    its most named entity, or, when it names none often, its most repeated two-word phrase
    ("heat pump"). The author's byline is not counted."""
    return _read_article(text, author, title=title).subject


def _title_subject(
    title: str | None, text: str, counts: Counter[str], writers: frozenset[str] = frozenset()
) -> str | None:
    """The first name in the title that the text names at least twice: a headline names its
    subject ("<City>'s housing promise") even when the text names one of its sites more often."""
    if not title:
        return None
    reader = NameReader(text)
    for name in reader.names(title):
        first = _lead_name(name)
        if first.removesuffix("'s").removesuffix("’s") in writers:
            continue  # "Logesh and Geoff's NBA Preview": the title names its writers
        if counts.get(first, 0) >= 2:
            return first
    for name in entities(title):
        # A thing named with its number ("Chandrayaan-3 : A 14 day lunar cruise", "The PS5 at
        # one"): no actor, but what the piece is about when the text names it again.
        if any(ch.isdigit() for ch in name) and counts.get(name, 0) >= 2:
            return name
    return None


# Words a title uses about the piece, not its subject ("2022 Hurricane Season Forecast").
_TITLE_STOP_TEXT = """
    prediction predictions forecast forecasts preview outlook trends trend expected expect
    could rise fall
"""
_TITLE_STOP = _TOPIC_STOP | frozenset(_TITLE_STOP_TEXT.split())
_TITLE_WORD_RE = re.compile(r"[a-z]+")


def _title_topic(title: str | None, text: str) -> str | None:
    """Two words of the title that the text repeats in lower case (a sentence may open on
    them) at least `_MIN_SUBJECT_MENTIONS` times, most repeated first: what "Food prices could
    rise throughout the next year" is about when the title's names are not repeated (the
    economist it quotes is named more often than the prices). The second word is read in the
    singular ("food price"), as `_topic` reads it."""
    if not title:
        return None
    words = _TITLE_WORD_RE.findall(title.lower())
    best: tuple[int, str] | None = None
    for first, second in itertools.pairwise(words):
        if len(first) < 3 or len(second) < 3 or {first, second} & _TITLE_STOP:
            continue
        second = second.removesuffix("s")
        # written in lower case, but for a sentence's first letter: a phrase the text writes
        # in capitals is a name ("Second Avenue")
        head = f"[{first[0].upper()}{first[0]}]{first[1:]}"
        n = len(re.findall(rf"\b{head}\s+{second}s?\b", text))
        if n >= _MIN_SUBJECT_MENTIONS and (best is None or n > best[0]):
            best = (n, f"{first} {second}")
    return best[1] if best else None


def _main_subject(
    title: str | None, text: str, counts: Counter[str], writers: frozenset[str] = frozenset()
) -> str | None:
    """The title's name over the most repeated name, then a phrase of the title the text repeats
    (`_title_topic`: a quoted expert is named more often than the food prices he talks of); a
    topic the text repeats more than any name ("heat pump") stays the subject whatever the title
    names."""
    picked = _pick_subject(counts, text)
    if picked is not None and not picked[:1].isupper():
        return picked
    return _title_subject(title, text, counts, writers) or _title_topic(title, text) or picked


def _read_article(
    text: str, author: str | None, published: date | None = None, title: str | None = None
) -> _Article:
    capitalised_inside = frozenset(m.group(1) for m in _MID_SENTENCE_NAME_RE.finditer(prose(text)))
    lower_words = frozenset(_LOWER_WORD_RE.findall(text))
    probe = _Article(text, [], [], None, frozenset(), capitalised_inside, lower_words)
    counts = Counter({n: c for n, c in _name_counts(text, author).items() if probe.is_name(n)})
    quotes = quoted_regions(text)
    return _Article(
        forecast_sections=_forecast_sections(text),
        text=text,
        quotes=quotes,
        quote_starts=[q[0] for q in quotes],
        subject=_main_subject(title, text, counts, _byline_words(author)),
        recurring=frozenset(name for name, n in counts.items() if n >= 2),
        capitalised_inside=capitalised_inside,
        lower_words=lower_words,
        published=published or date.today(),
    )


def _forecast_sections(text: str) -> tuple[Span, ...]:
    """Stretches of the article under a heading that announces the author's own calls ("My
    forecasts", "Where I think the plan bends", "Outlook"), up to the next heading.

    Under such a heading a plain "X will ..." is the author speaking even when X is a measure
    rather than a name ("Churn will rise after each price increase").
    """
    sections: list[Span] = []
    start: int | None = None
    for block in split_blocks(text):
        if not is_heading(text, block):
            continue
        if start is not None:
            sections.append((start, block[0]))
            start = None
        if _FORECAST_HEADING_RE.search(text[block[0] : block[1]]):
            start = block[1]
    if start is not None:
        sections.append((start, len(text)))
    return tuple(sections)


# ---------------------------------------------------------------------------------------------
# Finding


def _in_quote(span: Span, article: _Article) -> bool:
    """True when most of the span lies inside direct speech."""
    quotes = article.quotes
    inside = 0
    i = max(0, bisect.bisect_right(article.quote_starts, span[0]) - 1)
    while i < len(quotes) and quotes[i][0] < span[1]:
        lo, hi = max(quotes[i][0], span[0]), min(quotes[i][1], span[1])
        inside += max(0, hi - lo)
        i += 1
    return inside * 2 > span[1] - span[0]


def _has_horizon(piece: str, published: date) -> bool:
    return bool(_TIME_HINT_RE.search(piece)) and bool(cached_horizons(piece, published))


def _clause(article: _Article, span: Span, future_sentence: bool) -> _Clause:
    piece = without_parentheses(article.text[span[0] : span[1]])
    words = cues.words_of(piece)
    modal = belief = dated = strong = False
    if not words.isdisjoint(cues.TRIGGER_WORDS):  # most clauses stop here
        cleaned = cues.NOT_A_FORECAST_RE.sub(" ", piece)
        modal = bool(cues.MODAL_RE.search(cleaned))
        belief = bool(cues.BELIEF_RE.search(cleaned))
        # Horizons are costly to read; only clauses that could need one pay for it.
        standing = bool(cues.TARGET_RE.search(piece) or cues.PLEDGE_RE.search(piece))
        dated = (modal or belief or standing) and _has_horizon(piece, article.published)
        strong = not words.isdisjoint(cues.STRONG_TRIGGERS) and bool(cues.STRONG_RE.search(cleaned))
        strong = strong or (belief and (dated or future_sentence))
    return _Clause(
        span=span,
        strong=strong,
        modal=modal,
        dated=dated,
        in_quote=_in_quote(span, article),
        words=len(piece.split()),
    )


def _anchored(article: _Article, clause: _Clause, sentence: Span) -> bool:
    """A modal-only clause counts when it is about the main subject or in the author's voice.

    A bare "could"/"may"/"might" also needs a condition or a date: otherwise it is colour.
    """
    piece = article.text[clause.span[0] : clause.span[1]]
    whole = article.text[sentence[0] : sentence[1]]
    strong_modal = bool(_STRONG_MODAL_RE.search(piece))
    if not strong_modal and not (_CONDITION_RE.search(whole) or clause.dated):
        return False
    subject = article.subject
    if subject and re.search(rf"\b{re.escape(subject)}\b", piece):
        return True
    if _COMPANY_RE.search(piece) or (strong_modal and clause.dated):
        return True
    named = _NAMED_WILL_RE.match(piece)
    if named and named.group("name").split()[0] in article.recurring:
        return True
    if cues.AUTHOR_VOICE_RE.search(whole):
        return True
    if strong_modal and not _SPEECH_RE.search(whole) and _tracked_measure_will(article, clause):
        return True  # "Churn will tick up after each price rise" under "My forecasts"
    return bool(_PRONOUN_SUBJECT_RE.match(piece))


def _tracked_measure_will(article: _Article, clause: _Clause) -> bool:
    """Whether the clause is "<measure> will ..." in the author's forecast section, about a
    measure the article already reported on ("churn" after "monthly churn was 3.1%").

    Such a sentence names no company, so the subject test misses it; the section heading and the
    earlier mention show it is the author's call about something the article tracks.
    """
    section = article.forecast_section_start(clause.span)
    if section is None:
        return False
    m = _MEASURE_WILL_RE.match(article.text, clause.span[0], clause.span[1])
    if not m:
        return False
    head = m.group("head").lower()
    stem = head[:-1] if head.endswith("s") and not head.endswith("ss") else head
    return bool(re.search(rf"\b{re.escape(stem)}", article.text[:section], re.I))


def _is_question(sentence_text: str) -> bool:
    """A direct question ("Will the airport open by 2026?") asks; it does not forecast."""
    return sentence_text.rstrip("\"”’') ").endswith("?")


def _retrospective(piece: str) -> bool:
    """A cue placed after a past time ("Last spring I bet ...", "the company said last year it
    will ...") reports an old call or an old promise, not this article's forecast."""
    m = _RETROSPECT_RE.search(piece)
    return m is not None and m.start() < _first_cue_at(piece)


def _first_cue_at(piece: str) -> int:
    positions = [
        m.start()
        for pattern in (cues.STRONG_RE, cues.BELIEF_RE, cues.MODAL_RE)
        for m in [pattern.search(piece)]
        if m
    ]
    return min(positions, default=len(piece))


def _keeps(article: _Article, clause: _Clause, sentence: Span) -> bool:
    if (clause.strong or clause.modal) and _retrospective(
        article.text[clause.span[0] : clause.span[1]]
    ):
        return False
    if clause.in_quote:
        # Direct speech counts only as a dated promise ("We will ... by the end of 2025").
        return clause.modal and clause.dated
    if clause.strong:
        return True
    piece = article.text[clause.span[0] : clause.span[1]]
    if _SELF_INTENTION_RE.search(piece) and not cues.MODAL_RE.search(
        _SELF_INTENTION_RE.sub(" ", piece)
    ):
        return False  # "I will keep counting": the author's own plan, not a forecast
    if clause.dated and (cues.TARGET_RE.search(piece) or cues.PLEDGE_RE.search(piece)):
        return True  # a dated standing goal or pledge
    return clause.modal and _anchored(article, clause, sentence)


def _reported_by_other(sentence_text: str, subject: str | None) -> bool:
    """Another party's plan reported as past news ("Baidu confirmed earlier this year that it
    will...") is background, not a forecast of this article."""
    m = _REPORTED_RE.search(sentence_text)
    if not m or not subject or not _PAST_TIME_RE.search(sentence_text):
        return False
    names = entities(m.group("who"))
    return bool(names) and subject.lower() not in names[0].lower()


def _prediction_spans(article: _Article, sentence: Span) -> list[Span]:
    text = article.text
    sentence_text = text[sentence[0] : sentence[1]]
    if not cues.has_trigger(sentence_text):
        return []  # fast path: most sentences of a long article carry no cue at all
    if (
        cues.UNFALSIFIABLE_RE.search(sentence_text)
        or _reported_by_other(sentence_text, article.subject)
        or _is_question(sentence_text)
    ):
        return []
    future = bool(cues.FUTURE_RE.search(sentence_text))
    clauses = [_clause(article, s, future) for s in clause_spans(text, sentence)]
    kept = [_keeps(article, c, sentence) for c in clauses]
    if not any(kept):
        return []
    groups: list[list[int]] = []
    for i, clause in enumerate(clauses):
        joins = bool(groups) and groups[-1][-1] == i - 1 and _dependent(text, clauses, i)
        if kept[i]:
            if i > 0 and kept[i - 1] and (joins or _continues(article, clauses, i)):
                groups[-1].append(i)
            else:
                groups.append([i])
        elif joins and kept[i - 1] and _attaches(text, clause):
            groups[-1].append(i)
    spans: list[Span] = []
    for group in groups:
        start = clauses[group[0]].span[0]
        lead = _LEADING_CONJUNCTION_RE.match(text, start, clauses[group[-1]].span[1])
        span = (lead.end() if lead else start, clauses[group[-1]].span[1])
        spans.extend(
            _split_on_second_horizon(text, _drop_trailing_aside(text, span), article.published)
        )
    return spans


def _dependent(text: str, clauses: list[_Clause], i: int) -> bool:
    """Whether clause i continues clause i-1 (after ":", ", which", ", not", ", but")."""
    gap = text[clauses[i - 1].span[1] : clauses[i].span[0]]
    if ";" in gap:
        return False
    head = text[clauses[i].span[0] : clauses[i].span[1]].lower()
    if ":" in gap:
        return True
    return not _INDEPENDENT_HEAD_RE.match(head)


def _continues(article: _Article, clauses: list[_Clause], i: int) -> bool:
    """Whether forecast clause i only completes forecast clause i-1, so that it cannot stand alone.

    "I expect the link to slip, and I don't see it done before 2026" and "... arrives late; my
    bet is that it slips a quarter": a second author belief whose "it"/"they" can only mean
    something of the previous clause (which does not name the article's subject), or which names
    nothing definite ("..., and I would not be shocked to see a site go unbid": which site? one of
    those just mentioned), is one forecast with the clause before it.
    """
    text = article.text
    gap = text[clauses[i - 1].span[1] : clauses[i].span[0]]
    if not re.fullmatch(r"\s*(?:[;,]\s*)?", gap):
        return False
    piece = text[clauses[i].span[0] : clauses[i].span[1]]
    opened = _CONTINUATION_HEAD_RE.match(piece)
    if not opened:
        return False
    rest = piece[opened.end() :]
    if _REFERRING_PRONOUN_RE.search(rest):
        previous = text[clauses[i - 1].span[0] : clauses[i - 1].span[1]]
        subject = article.subject
        return not (subject and re.search(rf"\b{re.escape(subject)}\b", previous))
    if _DEFINITE_RE.search(rest):
        return False  # "and I think the dividend will be cut": a forecast of its own
    return not any(article.is_name(n.split()[0]) for n in entities(rest) if n != "I")


def _attaches(text: str, clause: _Clause) -> bool:
    """A clause without a cue stays with its forecast if it is short or a modal consequence."""
    head = text[clause.span[0] : clause.span[1]]
    if clause.words <= _SHORT_CLAUSE_WORDS:
        return True
    return bool(re.match(r"which\s+(?:would|will|could|might|may)\b", head))


def _drop_trailing_aside(text: str, span: Span) -> Span:
    """Cut a closing parenthetical: asides ("(but reportedly ...)") are not the forecast."""
    start, end = trim_span(text, span)
    if end - 1 > start and text[end - 2 : end] == ").":
        end -= 1  # "... at all (I might write about this later)."
    if end > start and text[end - 1] == ")":
        open_at = text.rfind("(", start, end)
        if open_at > start and len(text[open_at:end].split()) >= 3:
            return trim_span(text, (start, open_at))
    return start, end


def _split_on_second_horizon(text: str, span: Span, published: date) -> list[Span]:
    """ "... around mid-decade before we see a car and the second part of this decade to ..."
    holds two forecasts with two horizons: cut at the "and" that introduces the second one."""
    piece = text[span[0] : span[1]]
    if " and " not in piece or not _TIME_HINT_RE.search(piece):
        return [span]
    windows = cached_horizons(piece, published)
    if len(windows) < 2:
        return [span]
    second = piece.find(windows[1].text)
    cut = re.search(r"\s+and\s+$", piece[:second])
    if second <= 0 or not cut or piece.find(windows[0].text) >= second:
        return [span]
    return [trim_span(text, (span[0], span[0] + cut.start())), (span[0] + cut.end(), span[1])]
