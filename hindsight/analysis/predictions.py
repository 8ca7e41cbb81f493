"""Turn a seed article into checkable predictions: find forecast statements, then structure them.

Finding works clause by clause with general cues of English forecasting (see `forecast_cues`):
a clause is kept when it carries a strong cue (belief, probability, commitment, surprise, an open
decision) or a modal ("will", "could") anchored to the article's main subject or the author's
voice. Headings, direct quotes without a dated promise, retrospect and rhetoric ("will be
remembered"), unfalsifiable hedges ("that doesn't mean X won't") and other parties' plans reported
as past news ("Baidu confirmed that it will...") are left out.

Structuring (`describe_prediction`) reads the kind, the expectation (date window, quantity,
polarity), a deadline, a confidence from the hedges, the subject, search terms and a one-line
resolution. Undated forecasts get a deadline `DEFAULT_HORIZON_YEARS` after publication: long
enough for news to settle a medium-term call, short enough that the digest eventually expires
what never resolved.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

from hindsight.analysis import forecast_cues as cues
from hindsight.analysis.hedges import confidence_from_hedges
from hindsight.analysis.horizons import find_horizons
from hindsight.analysis.quantities import find_quantities
from hindsight.analysis.search_terms import entities, search_terms
from hindsight.analysis.sentences import (
    Span,
    clause_spans,
    is_heading,
    quoted_regions,
    sentence_spans,
    split_blocks,
    trim_span,
)
from hindsight.domain import DateWindow, Expectation, Kind, Prediction, Quantity, SeedArticle

__all__ = [
    "ABOUT_TOLERANCE",
    "DEFAULT_HORIZON_YEARS",
    "describe_prediction",
    "extract_predictions",
    "main_subject",
    "prediction_key",
]

DEFAULT_HORIZON_YEARS = 3
# "around RMB100,000" is read as 100,000 +/- 20 %: a price within that band confirms it.
ABOUT_TOLERANCE = 0.2

_SHORT_CLAUSE_WORDS = 6
_PRONOUN_SUBJECT_RE = re.compile(
    r"^(?:\W*(?:so|and|but|then|also|still|in fact|however),?\s+)?"
    r"(?:it|they|he|she|the company|the firm|the group|its|their)\b",
    re.I,
)
_LEADING_CONJUNCTION_RE = re.compile(r"(?:and|but)\s+(?:that\s+)?(?=\w)", re.I)
_COMPANY_RE = re.compile(r"\bthe\s+(?:company|group|firm)\b", re.I)
_NAMED_WILL_RE = re.compile(r"(?:The\s+)?(?P<name>[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)*)\s+will\b")
_REFERENT_RE = re.compile(r"\b(?:it|its|they|their|the company)\b", re.I)
_CONDITION_RE = re.compile(r"\b(?:if|unless)\b", re.I)
_STRONG_MODAL_RE = re.compile(r"\b(?:will|won['’]t|shall)\b|\bgoing\s+to\b", re.I)
_PAST_TIME_RE = re.compile(
    r"\b(?:earlier|last)\s+(?:this\s+)?(?:week|month|year|quarter)\b|\b\w+\s+(?:days?|weeks?|months?|"
    r"years?)\s+ago\b|\bon\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    re.I,
)
_DEPENDENT_SENTENCE_RE = re.compile(r"^(?:That|This|Which)\s+(?:means|implies)\b")
_REPORTED_RE = re.compile(
    r"(?P<who>\b[A-Z][\w&\-]*(?:\s+[A-Z][\w&\-]*)*)\s+(?:has\s+|had\s+)?"
    r"(?:confirmed|said|announced|told|reported|stated|claimed|revealed|disclosed)\b"
    r"(?:\s+[\w,]+){0,4}?\s+that\b"
)
_WORD_RE = re.compile(r"\w+(?:[’'.,]\w+)*")
_TIME_HINT_RE = re.compile(
    r"\b(?:19|20)\d\d\b|\b(?:years?|months?|quarters?|weeks?|days?|decade|soon|shortly|"
    r"next|coming)\b",
    re.I,
)

# Kind rules, tried in order; the first match decides.
_OPEN_QUESTION_RE = re.compile(
    r"\b(?:decide|decision|choose|choice|question\s+is)\b[^.]*\bwhether\b", re.I
)
_SURPRISED_RE = re.compile(r"\bwould\s+be\s+(?:really\s+|very\s+|quite\s+)?surprised\s+if\b", re.I)
_PRICE_RE = re.compile(
    r"\bpric(?:e|ed|es|ing)\b|\bcosts?\b|\bquoted\s+at\b|\bsells?\s+for\b|\bretail", re.I
)
_NEGATIVE_RE = re.compile(
    r"\bwould\s+be\s+(?:really\s+|very\s+|quite\s+)?surprised\s+if\b"
    r"|\b(?:will\s+not|won['’]t|(?:is|are)\s+not\s+going\s+to|(?:is\s+)?unlikely\s+to|never\s+will)\b",
    re.I,
)
_DONT_THINK_RE = re.compile(
    r"\b(?:I|we)\s+(?:don['’]t|do\s+not)\s+(?:think|believe|expect)\b", re.I
)
_VOLUME_RE = re.compile(
    r"\bvolumes?\b|\bsales\b|\bdeliver(?:y|ies)\b|\bshipments?\b|\bmarket\s+share\b|\brevenue\b"
    r"|\bcustomers\b|\bunits\b|\bheadcount\b|\b(?:top|exceed|surpass)\b",
    re.I,
)
_TIMELINE_RE = re.compile(
    r"\btakes?\b.{0,40}\b(?:years?|months?|quarters?)\b|\bbefore\s+(?:we|it|they|you)\s+(?:see|get)\b"
    r"|\bnot\s+until\b|\bslips?\b|\bdelay(?:s|ed)?\b|\bpushed\s+back\b|\bpulled\s+forward\b"
    r"|\bvolume\s+production\b|\bon\s+time\b",
    re.I,
)
_QUALITATIVE_RE = re.compile(
    r"\balong\s+the\s+lines\s+of\b|\bsimilar\s+to\b|\bresembl|\bprospects?\b|\bslim\b|\bhopes?\b"
    r"|\b(?:stay|remain)s?\b|\blooks?\s+like\b",
    re.I,
)
_NUMBER_WORD_RE = re.compile(
    r"\b(?P<a>two|three|four|five|six|seven|eight|nine|ten)(?:,?\s+(?:maybe|perhaps|or|to)\s+"
    r"(?P<b>two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))?,?\s+"
    r"(?:[\w\-]+\s+){0,3}?(?P<noun>[a-z]+s)\b",
    re.I,
)
_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_TIME_UNITS = frozenset({"year", "month", "week", "day", "quarter", "decade", "hour"})


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


# ---------------------------------------------------------------------------------------------
# Public API


def extract_predictions(seed: SeedArticle) -> list[Prediction]:
    """Every forecast and reported commitment in the seed, in reading order, without duplicates."""
    text = seed.text
    published = seed.published or date.today()
    article = _read_article(text, seed.author)
    found: list[Prediction] = []
    keys: set[str] = set()
    for block in split_blocks(text):
        if is_heading(text, block):
            continue
        sentences = list(sentence_spans(text, block))
        for i, sentence in enumerate(sentences):
            for span in _prediction_spans(article, sentence):
                nxt = sentences[i + 1] if i + 1 < len(sentences) else None
                if (
                    nxt
                    and span[1] >= sentence[1] - 1
                    and _DEPENDENT_SENTENCE_RE.match(text[nxt[0] : nxt[1]])
                ):
                    span = (span[0], nxt[1])
                key = prediction_key(text[span[0] : span[1]])
                if key in keys:  # the same statement again (repeated boilerplate, pull quotes)
                    continue
                keys.add(key)
                quoted = _in_quote(span, article)
                found.append(
                    _describe(text, span, sentence, published, article.subject, quoted=quoted)
                )
    return found


def describe_prediction(
    text: str,
    published: date,
    kind_hint: str | None = None,
    subject_hint: str | None = None,
) -> Prediction:
    """Structure one given statement (e.g. a gold quote) as if it were a whole seed sentence."""
    span = (0, len(text))
    return _describe(text, span, span, published, subject_hint, kind_hint, subject_hint)


def prediction_key(text: str) -> str:
    """A short stable id from the normalised statement: same words, same key."""
    norm = text.lower().translate(str.maketrans("“”‘’–—", "\"\"''--"))
    norm = " ".join(_WORD_RE.findall(norm))
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()[:12]


def _name_counts(text: str, author: str | None) -> Counter[str]:
    counts: Counter[str] = Counter()
    for name in entities(text):
        if name != author:  # the byline is not the topic; "Lei" alone may be someone else
            counts[name.split()[0]] += 1
    return counts


def main_subject(text: str, author: str | None = None) -> str | None:
    """The most frequently named entity: who the article is about (the author excluded)."""
    counts = _name_counts(text, author)
    return counts.most_common(1)[0][0] if counts else None


def _read_article(text: str, author: str | None) -> _Article:
    counts = _name_counts(text, author)
    quotes = quoted_regions(text)
    return _Article(
        text=text,
        quotes=quotes,
        quote_starts=[q[0] for q in quotes],
        subject=counts.most_common(1)[0][0] if counts else None,
        recurring=frozenset(name for name, n in counts.items() if n >= 2),
    )


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


def _without_parentheses(piece: str) -> str:
    return re.sub(r"\([^()]*\)", " ", piece)


def _has_horizon(piece: str) -> bool:
    return bool(_TIME_HINT_RE.search(piece)) and bool(find_horizons(piece, date(2000, 1, 1)))


def _clause(article: _Article, span: Span) -> _Clause:
    piece = _without_parentheses(article.text[span[0] : span[1]])
    cleaned = cues.NOT_A_FORECAST_RE.sub(" ", piece)
    modal = bool(cues.MODAL_RE.search(cleaned))
    return _Clause(
        span=span,
        strong=bool(cues.STRONG_RE.search(cleaned)),
        modal=modal,
        # Horizons are costly to read; only clauses that could need one pay for it.
        dated=(modal or bool(cues.TARGET_RE.search(piece))) and _has_horizon(piece),
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
    return bool(_PRONOUN_SUBJECT_RE.match(piece))


def _keeps(article: _Article, clause: _Clause, sentence: Span) -> bool:
    if clause.in_quote:
        # Direct speech counts only as a dated promise ("We will ... by the end of 2025").
        return clause.modal and clause.dated
    if clause.strong:
        return True
    piece = article.text[clause.span[0] : clause.span[1]]
    if cues.TARGET_RE.search(piece) and clause.dated:
        return True
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
    if cues.UNFALSIFIABLE_RE.search(sentence_text) or _reported_by_other(
        sentence_text, article.subject
    ):
        return []
    clauses = [_clause(article, s) for s in clause_spans(text, sentence)]
    kept = [_keeps(article, c, sentence) for c in clauses]
    if not any(kept):
        return []
    groups: list[list[int]] = []
    for i, clause in enumerate(clauses):
        joins = bool(groups) and groups[-1][-1] == i - 1 and _dependent(text, clauses, i)
        if kept[i]:
            if joins and kept[i - 1]:
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
        spans.extend(_split_on_second_horizon(text, _drop_trailing_aside(text, span)))
    return spans


def _dependent(text: str, clauses: list[_Clause], i: int) -> bool:
    """Whether clause i continues clause i-1 (after ":", ", which", ", not", ", but")."""
    gap = text[clauses[i - 1].span[1] : clauses[i].span[0]]
    if ";" in gap:
        return False
    head = text[clauses[i].span[0] : clauses[i].span[1]].lower()
    if ":" in gap:
        return True
    return not re.match(r"and\s+(?:that|i|we|it|they|he|she|the)\b", head)


def _attaches(text: str, clause: _Clause) -> bool:
    """A clause without a cue stays with its forecast if it is short or a modal consequence."""
    head = text[clause.span[0] : clause.span[1]]
    if clause.words <= _SHORT_CLAUSE_WORDS:
        return True
    return bool(re.match(r"which\s+(?:would|will|could|might|may)\b", head))


def _drop_trailing_aside(text: str, span: Span) -> Span:
    """Cut a closing parenthetical: asides ("(but reportedly ...)") are not the forecast."""
    start, end = trim_span(text, span)
    if end > start and text[end - 1] == ")":
        open_at = text.rfind("(", start, end)
        if open_at > start and len(text[open_at:end].split()) >= 3:
            return trim_span(text, (start, open_at))
    return start, end


def _split_on_second_horizon(text: str, span: Span) -> list[Span]:
    """ "... around mid-decade before we see a car and the second part of this decade to ..."
    holds two forecasts with two horizons: cut at the "and" that introduces the second one."""
    piece = text[span[0] : span[1]]
    if " and " not in piece or not _TIME_HINT_RE.search(piece):
        return [span]
    windows = find_horizons(piece, date(2000, 1, 1))
    if len(windows) < 2:
        return [span]
    second = piece.find(windows[1].text)
    cut = re.search(r"\s+and\s+$", piece[:second])
    if second <= 0 or not cut or piece.find(windows[0].text) >= second:
        return [span]
    return [trim_span(text, (span[0], span[0] + cut.start())), (span[0] + cut.end(), span[1])]


# ---------------------------------------------------------------------------------------------
# Structuring


def _describe(
    text: str,
    span: Span,
    sentence: Span,
    published: date,
    subject: str | None,
    kind_hint: str | None = None,
    subject_hint: str | None = None,
    quoted: bool = False,
) -> Prediction:
    statement = text[span[0] : span[1]]
    context = text[min(sentence[0], span[0]) : span[1]]  # the sentence up to the statement's end
    whole_sentence = text[min(sentence[0], span[0]) : max(sentence[1], span[1])]
    confidence, cue = confidence_from_hedges(context)
    windows = find_horizons(statement, published)
    window = windows[0] if windows else None
    quantity = _expected_quantity(statement)
    kind = _kind_from_hint(kind_hint) or _classify(
        statement, whole_sentence, quantity, window, quoted
    )
    polarity = _polarity(kind, statement)
    who = subject_hint or _subject(context, statement, subject, cue)
    deadline = window.end if window else published + relativedelta(years=DEFAULT_HORIZON_YEARS)
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
) -> Kind:
    """Decide the kind from the statement's own words; the first rule that matches wins.

    Commitments are the plans of the subject (a commitment verb, a dated target, or the subject's
    own "we will" in direct speech) as opposed to the author's forecasts, which carry the author's
    voice ("I expect", "in my view") somewhere in the sentence.
    """
    author = bool(cues.AUTHOR_VOICE_RE.search(_without_parentheses(sentence)))
    if _OPEN_QUESTION_RE.search(statement):
        return Kind.OPEN_QUESTION
    if (cues.COMMITMENT_RE.search(statement) or cues.TARGET_RE.search(statement)) and not author:
        return Kind.COMMITMENT
    if quoted and cues.MODAL_RE.search(statement):
        return Kind.COMMITMENT
    if quantity and quantity.kind == "money" and _PRICE_RE.search(statement):
        return Kind.PRICE
    if _SURPRISED_RE.search(statement):
        return Kind.NEGATIVE_EVENT
    if quantity and (quantity.unit or quantity.bound != "exact" or quantity.kind != "count"):
        return Kind.QUANTITY
    if _NEGATIVE_RE.search(statement) and not re.search(r"\bbut\b", statement):
        return Kind.NEGATIVE_EVENT
    if _TIMELINE_RE.search(statement) and window:
        return Kind.TIMELINE
    if _VOLUME_RE.search(statement):
        return Kind.QUANTITY
    if _QUALITATIVE_RE.search(statement):
        return Kind.QUALITATIVE
    if _plain_future(statement) and not author and not cues.STRONG_RE.search(statement):
        return Kind.COMMITMENT  # "X will be operated by ...": a plan the article reports
    return Kind.EVENT


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
        return _number_word_quantity(statement)
    q = quantities[0]
    if q.bound == "about" and q.low == q.high:
        delta = q.low * ABOUT_TOLERANCE
        return Quantity(q.low - delta, q.high + delta, q.unit, q.text, q.kind, "about")
    return q


def _number_word_quantity(statement: str) -> Quantity | None:
    """ "two, maybe three, named external customers" -> 2..3 customer (the parser reads digits)."""
    m = _NUMBER_WORD_RE.search(statement)
    if not m:
        return None
    low = _NUMBER_WORDS[m.group("a").lower()]
    high = _NUMBER_WORDS[m.group("b").lower()] if m.group("b") else low
    noun = m.group("noun").lower()
    if noun.rstrip("s") in _TIME_UNITS:
        return None
    unit = noun[:-1] if noun.endswith("s") else noun
    bound = "range" if high != low else "exact"
    return Quantity(float(low), float(high), unit, m.group().rstrip(), "count", bound)


def _subject(context: str, statement: str, subject: str | None, cue: str | None) -> str:
    """Who the forecast is about: a name before the forecast verb, a pronoun's referent, or the
    main subject when the statement names it."""
    cue_at = _first_cue_position(context)
    before = [n for n in entities(context[:cue_at]) if n not in {"I"}]
    if before:
        return before[0]
    after = entities(statement)
    first_name = statement.find(after[0]) if after else len(statement)
    if subject and (
        _REFERENT_RE.search(context[:cue_at])
        or _REFERENT_RE.search(statement[:first_name])
        or re.search(rf"\b{re.escape(subject)}\b", statement)
    ):
        return subject
    if after:
        return after[0]
    return subject or "unknown"


def _first_cue_position(context: str) -> int:
    positions = [
        m.start()
        for pattern in (cues.STRONG_RE, cues.MODAL_RE)
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
