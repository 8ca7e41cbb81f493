"""Turn a news item into claims: sentences that assert something checkable about a tracked subject.

A claim keeps what a judge needs and a person can check: the sentence itself, who it is about
(resolved through aliases, and carried over from the previous sentence for "it"/"the company"),
its numbers and dates normalised, when the event happened (a date stated in the sentence, else the
publication date), whether it is asserted or denied ("X denied it would acquire ..." has polarity
False), whether it is a fact, a plan or a rumour, and whether it is about the tracked business.
Boilerplate and conditional sentences are never claims; items about the subject's other
businesses only (its phones when the seed is about its cars) yield none, because nothing in them
can bear on the seed's predictions. Items that name no business at all are read.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from hindsight.analysis.caseless import Caseless
from hindsight.analysis.hedges import confidence_from_hedges
from hindsight.analysis.names import COMMON_OPENERS, is_english_word, is_topic
from hindsight.analysis.periods import find_periods
from hindsight.analysis.quantities import find_quantities
from hindsight.analysis.sentences import quoted_regions, sentence_spans, split_blocks
from hindsight.analysis.subjects import alias_pattern, other_sector_pattern, sector_pattern
from hindsight.domain import Claim, DateWindow, NewsItem, Subject

__all__ = [
    "COMMON_OPENERS",
    "announced_spec",
    "claim_source",
    "extract_claims",
    "is_boilerplate",
    "modality_of",
    "polarity_of",
]

_BOILERPLATE = Caseless(
    r"click here|subscribe\b|sign up|newsletter|cookie|all rights reserved|read more|"
    r"advertisement|privacy policy|terms of (use|service)|follow us|share this|log ?in to|"
    r"download (our|the) app|copyright|©|related articles?|you may also like",
    re.IGNORECASE,
)
_DENIAL = Caseless(
    r"\b(den(?:y|ies|ied|ying)|refut\w+|dismiss(?:ed|es)?|rebuff\w*|"
    r"reject(?:s|ed)? (?:the |a |such )?(?:report|rumou?r|claim|speculation)s?|"
    r"(?:is|was|are|were) (?:completely |entirely |totally )?(?:false|untrue|not true|groundless|"
    r"baseless|fake)|no plans? to|has no intention|will not|won.t|did not|didn.t|never|"
    r"(?:has|have) not|hasn.t|haven.t|yet to|not yet|"
    r"not (?:true|the case))\b",
    re.IGNORECASE,
)
_PLAN = Caseless(
    r"\b(will|would|plans? to|planned to|planning to|aims? to|aimed to|aiming to|expects?|"
    r"expected to|targets? to|targeting|wants? to|intends? to|looks? to|(?:is|are) set to|"
    r"hopes? to|seeks? to|goal (?:of|is)|could|might|should|is to|are to|forecasts?|"
    # "may" the modal, not the month ("on 4 May 2031", "in May", "May 2030").
    r"(?<!\d\s)(?<!\bin\s)(?<!\bof\s)(?<!\bby\s)(?<!\bearly\s)(?<!\blate\s)(?<!\bmid-)"
    r"may(?!\.?,?\s+\d)|"
    r"projects? that|anticipates?|"
    # A change proposed is not yet made ("the team proposed dropping the IE11 build").
    r"propos(?:e|es|ed|ing)\s+(?:to\s+\w+|\w+ing)|"
    # A date set or scheduled is a plan, however past the verb ("Oracle set 22 September 2016
    # as the release date", "the launch was scheduled for March").
    r"sets? (?:[A-Z][a-z]{2,8}\.?|\d{1,4},?)(?: (?:[A-Z][a-z]{2,8}\.?|\d{1,4},?))* as "
    r"(?:the|its) [^.;]{0,40}?dates?|"
    r"(?:scheduled|slated) (?:for|to)|"
    # a label someone gives a thing tells what it is meant to be, no outcome: "the piece still
    # calls it an 18-episode project"
    r"(?:calls|called|describes|described|bills|billed|touts|touted)\s+(?:it|them)\s+"
    r"(?:as\s+)?(?:an?|the)\s|"
    # A forecast reported in the past tense ("the update expected 320 GW", "it forecast 2.6%
    # growth"), not an outcome "as expected" or "than expected".
    r"(?<!\bas\s)(?<!\bthan\s)(?:expected|predicted|projected|forecasted))\b",
    re.IGNORECASE,
)
_RUMOUR = Caseless(
    r"\b(reportedly|rumou?r\w*|allegedly|sources? (?:said|say|says|familiar)|people familiar|"
    r"according to (?:people|sources|a person|insiders)|informed (?:person|sources?)|"
    r"in talks|held talks|talks with|negotiat\w+|speculat\w+|is said to|are said to|"
    r"(?:was|were) reported to|unconfirmed|weigh(?:s|ing)|mull(?:s|ed|ing)|"
    r"consider(?:s|ing)|explor(?:es|ing))\b",
    re.IGNORECASE,
)
# Verbs of things done. Reporting verbs ("said", "announced") are not among them: "said it would"
# reports a plan, not an outcome.
_REALISED = Caseless(
    r"\b(delivered|sold|launched|completed|finished|reached|made|raised|hired|joined|unveiled|"
    r"signed|began|started|opened|built|won|acquired|took|posted|received|drew|rolled|came|"
    r"approved|employed|put|invested|recorded|beat|beating|exceeded|surpassed|denied|denies|"
    r"delay(?:s|ed)|postpone[sd]|pushe[sd] back|cut|cuts|scrapp(?:ed|ing)|dropp(?:ed|ing)|"
    r"replace[sd]|restated|cancell?ed|missed|misses|fell|rose|carried|shipped|produced|"
    r"installed|handed|settled|generated|earned|lost|spent|paid|grew|added|served|totall?ed|"
    r"climbed|jumped|plunged|slumped|energi[sz]ed|awarded|clinched|secured|captured)\b",
    re.IGNORECASE,
)
# Headline future: "<Subject> to form ...", "<Subject>'s debut vehicle to be ..." (no auxiliary),
# unless a verb governs the infinitive: permission ("regulator allows X to make ..."), a plan word
# (already a plan) or an aspect verb whose complement did or did not happen ("begins to sell").
_HEADLINE_FUTURE = Caseless(
    r"^(?:[^,;:]{1,40}:\s+)?[^,;:]*?\b(?!(?:approv|allow|permit|clear|urg|ask|tell|told|forc|order|help|enabl|invit|"
    r"want|plan|aim|expect|need|ha[sd]|is|are|was|were|used|going|set|begin|began|begun|start|"
    r"continu|ceas|stop|fail|refus|manag)\w*\s)[\w'’-]+\s+to\s+"
    r"(?:be|become|form|launch|build|start|begin|enter|make|buy|acquire|sell|invest|open|hire|"
    r"set up|list|raise|cut|exit|lead|join|spend|add|release|unveil|deliver|produce|expand|"
    r"debut|offer|ship|create|establish|spin off|take)\b",
    re.IGNORECASE,
)
_REPORTING = Caseless(r"\b(said|says|told|announced|reported|stated|confirmed)\b", re.IGNORECASE)
_HYPOTHETICAL = Caseless(
    r"^\W*(if|unless|suppose|imagine|what if)\b|\bif (?:even|only)\b", re.IGNORECASE
)
_CARRY = Caseless(
    r"^\W*(it|its|it's|they|their|he|his|she|her|this|that|the (?:company|firm|group|carmaker|"
    r"automaker|maker|unit|business|brand|startup|subsidiary|car|cars|vehicle|ev|model|sedan|suv|"
    r"segment|division|project|team|plant|factory)|shares|the shares|buyers|customers)\b",
    re.IGNORECASE,
)
# Capitalised words that are not names of other organisations or people.
_NOT_ENTITIES = frozenset(
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "Pro",
        "Max",
        "Ultra",
        "Plus",
        "Mr",
        "Ms",
        "Mrs",
        "Dr",
        "Chinese",
        "China",
        "American",
        "US",
        "U.S.",
        "Beijing",
        "Shanghai",
        "Europe",
        "European",
        "Asia",
        "Hong",
        "Kong",
        "Chief",
        "Executive",
        "Officer",
        "Group",
        "Founder",
        "Chairman",
        "President",
        "Director",
        "Vice",
        "Senior",
        "General",
        "Manager",
        "Q1",
        "Q2",
        "Q3",
        "Q4",
        "H1",
        "H2",
        "FY",
    ]
)
# A capitalised word inside a sentence: not at the start of the text, of a line or of a sentence.
_ENTITY = re.compile(r"(?<!^)(?<!\n)(?<![.!?]\s)\b([A-Z][a-zA-Z]+(?:-[A-Z][a-zA-Z]+)*)\b(?!\$)")


def claim_source(item: NewsItem) -> str:
    """The text claim spans point into: the title, a blank line, then the body."""
    return f"{item.title or ''}\n\n{item.text or ''}"


def is_boilerplate(sentence: str) -> bool:
    """Page furniture (subscribe prompts, cookie notices, copyright lines) is never a claim."""
    return _BOILERPLATE.search(sentence) is not None


def polarity_of(sentence: str) -> bool:
    """False when the sentence denies or negates what it reports ("X denied it would ...")."""
    return _DENIAL.search(sentence) is None


# An outcome set against others' expectations ("more than some analysts expected", "as most had
# predicted"): the reported figure is the fact, the expecting was someone else's.
_COMPARED_BEFORE = re.compile(r"\b(?:than|as)\s+(?:[\w'’-]+\s+){0,3}$", re.IGNORECASE)
_PAST_FORECAST = frozenset(["expected", "predicted", "projected", "forecasted"])


def _compared(sentence: str, plan: re.Match[str]) -> bool:
    """A past-tense forecast word in a comparison clause: not the sentence's own plan."""
    return plan.group(0).lower() in _PAST_FORECAST and bool(
        _COMPARED_BEFORE.search(sentence[max(0, plan.start() - 60) : plan.start()])
    )


def modality_of(sentence: str) -> str:
    """ "rumour" (reportedly, talks), "plan" (aims, expects, will) or "fact".

    A plan word after a realised verb ("delivered 410,000, beating its targets", "finished the
    factory and would start production") leaves the sentence a fact: the realised part is checkable.
    """
    if _RUMOUR.search(sentence):
        return "rumour"
    plan = next((m for m in _PLAN.finditer(sentence) if not _compared(sentence, m)), None)
    if plan is None:
        return "fact"
    done = _REALISED.search(sentence)
    if done is not None and done.start() < plan.start():
        return "fact"
    return "plan"


# A verb of specification after a plain "will": what a product costs or comes with, which its
# maker sets before it ships ("will cost $299.99", "will release on March 3 for $300", "will
# ship with 32 GB of storage"). Not "will have" or "will reach": a plant's or a plan's figures.
_SPEC_WILL = re.compile(
    r"will\s+(?:(?:also|only|now|still)\s+)?(?:cost|be priced|sell|retail|start|be sold|"
    r"be available|release|be released|launch|go on sale|ship|come|feature|pack|include)\b",
    re.IGNORECASE,
)


# A "will" someone hopes, thinks or guesses is their view, not an announcement.
_SOMEONES_VIEW = Caseless(
    r"\b(?:hop|think|believ|expect|guess|bet|predict|suggest|speculat|reckon|suspect)"
    r"(?:e|es|ed|s|ing)?\b",
    re.IGNORECASE,
)
_PLAIN_WILL = confidence_from_hedges("it will")[0]


def announced_spec(sentence: str) -> bool:
    """Whether a sentence telling of the future states a spec already set: its every plan word
    is a plain "will" before a verb of specification, with no word of intent, hedge or hearsay.

    Why: a maker's announcement ("the Switch will ship with 32 GB", "it will cost $299.99")
    settles a forecast of that spec as firmly as the shipped product will, while "is expected
    to cost", "plans to price it at" or "could ship with" stay open and refute nothing.
    """
    if _RUMOUR.search(sentence) or _SOMEONES_VIEW.search(sentence):
        return False
    if confidence_from_hedges(sentence)[0] < _PLAIN_WILL:
        return False  # "will probably release", "will likely cost"
    plans = [m for m in _PLAN.finditer(sentence) if not _compared(sentence, m)]
    return bool(plans) and all(
        m.group().lower() == "will" and _SPEC_WILL.match(sentence, m.start()) for m in plans
    )


def _modality(
    sentence: str, windows: list[DateWindow], published: date | None, headline: bool
) -> str:
    """`modality_of`, plus what only the item shows: a sentence whose every date lies after
    publication tells of the future, and so does a headline's bare infinitive."""
    modality = modality_of(sentence)
    if modality != "fact":
        return modality
    if (
        published is not None
        and windows
        and all(w.start > published for w in windows)
        and not _REALISED.search(sentence)
    ):
        return "plan"
    if headline and _HEADLINE_FUTURE.search(sentence):
        return "plan"
    return modality


def _item_names(text: str) -> set[str]:
    """Capitalised words used mid-sentence in the item: its names, not sentence openers."""
    return {m.group(1) for m in _ENTITY.finditer(text)} - _NOT_ENTITIES


# Adjectives of places: "British homes" names the same place as a seed's "Britain".
_DEMONYMS = {
    "American": ("America", "United States", "US", "U.S."),
    "Australian": ("Australia",),
    "Belgian": ("Belgium",),
    "Brazilian": ("Brazil",),
    "British": ("Britain", "UK", "U.K.", "United Kingdom"),
    "Canadian": ("Canada",),
    "Chinese": ("China",),
    "Danish": ("Denmark",),
    "Dutch": ("Netherlands", "Holland"),
    "English": ("England",),
    "European": ("Europe", "EU"),
    "French": ("France",),
    "German": ("Germany",),
    "Indian": ("India",),
    "Irish": ("Ireland",),
    "Italian": ("Italy",),
    "Japanese": ("Japan",),
    "Korean": ("Korea", "South Korea"),
    "Mexican": ("Mexico",),
    "Norwegian": ("Norway",),
    "Polish": ("Poland",),
    "Portuguese": ("Portugal",),
    "Scottish": ("Scotland",),
    "Spanish": ("Spain",),
    "Swedish": ("Sweden",),
    "Swiss": ("Switzerland",),
    "Taiwanese": ("Taiwan",),
    "Welsh": ("Wales",),
}


def _same_place(word: str, subjects: list[Subject]) -> bool:
    """Whether `word` is the adjective of a place a subject is known by."""
    places = _DEMONYMS.get(word, ())
    return any(place in (s.name, *s.aliases) for s in subjects for place in places)


def _other_entities(
    sentence: str,
    subjects: list[Subject],
    names: set[str],
    common: frozenset[str] = frozenset(),
    topical: bool = False,
) -> bool:
    """Whether the sentence names an organisation or person that is not a tracked subject.

    Mid-sentence capitalised words are names; the opening word is one only when the item also
    uses it mid-sentence ("Borgward sold ..." after "... reported that Borgward ..."), so that
    "Shares fell" or "Buyers were" do not count; nor does an opener the item also writes in
    lower case (`common`), which makes it a common word. For a sentence about a topic
    (`topical`: "Grocery store food prices were up 4.8 percent"), an opener that is an English
    word is one only when the item also uses it mid-sentence.
    """
    stripped = sentence
    for subject in subjects:
        stripped = alias_pattern(subject).sub(" ", stripped)
    stripped = stripped.strip()
    opener = re.match(r"\W*([A-Z][a-zA-Z]+)(-[a-z])?", stripped)
    if (
        opener
        and not opener.group(2)  # "Battery-electric models": a compound, not a name
        and not _same_place(opener.group(1), subjects)
        and (
            opener.group(1) in names
            or (
                opener.group(1).lower() not in COMMON_OPENERS
                and opener.group(1) not in _NOT_ENTITIES
                and opener.group(1).lower() not in common
                and not (topical and is_english_word(opener.group(1)))
            )
        )
    ):
        return True
    for m in _ENTITY.finditer(stripped):
        word = m.group(1)
        if (
            word in _NOT_ENTITIES
            or any(word.lower() == t.lower() for s in subjects for t in s.sector_terms)
            or _same_place(word, subjects)
        ):
            continue
        return True
    return False


# A date that only dates what a figure is compared with: "down from 58 euros in 2019".
_BASELINE_BEFORE = re.compile(
    r"\b(?:from|than|compared (?:with|to)|versus|vs\.?|against)\b[^,;]{0,40}$", re.IGNORECASE
)


def _event_date(sentence: str, windows: list[DateWindow], published: date | None) -> date | None:
    """The day the sentence says something happened, else the publication date.

    A period ("in 2025") gives its last day when that is already past at publication (a result
    reported after the fact), else its first day. Dates of comparison baselines ("up from
    3,700 in 2022") are not when the news happened.
    """
    windows = [
        w
        for w in windows
        if (at := sentence.find(w.text)) < 0 or not _BASELINE_BEFORE.search(sentence[:at])
    ]
    for window in windows:
        if window.start == window.end:
            return window.start
    if windows:
        window = windows[0]
        return window.end if published is None or window.end <= published else window.start
    return published


def _checkworthiness(
    sentence: str, direct: bool, n_quantities: int, n_dates: int, modality: str
) -> float:
    """How much a person could check: numbers, dates, a named subject, a realised verb."""
    score = 0.2
    score += 0.25 if n_quantities else 0.0
    score += 0.15 if n_dates else 0.0
    score += 0.15 if direct else 0.05
    score += 0.15 if _REALISED.search(sentence) or _REPORTING.search(sentence) else 0.0
    score -= {"fact": 0.0, "plan": 0.1, "rumour": 0.15}[modality]
    return round(max(0.0, min(1.0, score)), 2)


# A list after a lead-in colon: parts with figures or dates, which the lead-in says what they
# are of.
_LIST_AFTER = re.compile(r"[^.;:]*?\d[^.;:]*?,[^.;:]*?\d")
# A lead-in that points back ("The schedule it lists: ..."): about the sentence before.
_LEAD_POINTS_BACK = re.compile(r"^[^:]{0,60}?\b(?:it|its|they|their)\b[^:]*:\s", re.I)


# At most this many words before a colon, since the last comma or semicolon, make a label or a
# name, not a statement: "Best costume design: Mad Max", "Mad Max: Fury Road won six awards",
# "A winners list: Spotlight, and Mad Max: Fury Road" each read as one unit.
_LABEL_WORDS = 4


def _colon_joins(text: str, pos: int, at: int, end: int, quoted: list[tuple[int, int]]) -> bool:
    """Whether the colon at `at` joins the parts of one statement: a list it leads in ("The
    schedule: Freeze 2031-06-20, ..."), a short label or name before it, or a quotation round it."""
    after = _WORD_AFTER_COLON.match(text, at + 1, end)
    return bool(
        _LIST_AFTER.match(text, at + 1, end)
        or len(re.split(r"[,;]", text[pos:at])[-1].split()) <= _LABEL_WORDS
        or any(q_start < at < q_end for q_start, q_end in quoted)
        # a two-part title ("the first season of Star Trek: Discovery on broadcast TV"): a name
        # before the colon, and after it a capital that opens no sentence
        or (
            _NAME_BEFORE_COLON.search(text, pos, at) is not None
            and after is not None
            and after.group(1).lower() not in COMMON_OPENERS
        )
    )


_NAME_BEFORE_COLON = re.compile(r"(?<=[a-z,] )[A-Z][\w'’&-]*$")
_WORD_AFTER_COLON = re.compile(r"\s+([A-Z][\w'’&-]*)")


def _sentences(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    quoted = quoted_regions(text) if ":" in text else []
    for block in split_blocks(text):
        for start, end in sentence_spans(text, block):
            # Also split on CJK full stops, which the Latin splitter does not know, and at a
            # colon before a capital that joins two statements ("Xiaomi confirms its plans: The
            # company will ..."). A colon after a short label or name ("Best costume design:",
            # a two-part title's "Mad Max:") or inside a quotation joins the parts of one.
            pos = start
            for m in re.finditer(r"[。！？]|:\s+(?=[A-Z])", text[start:end]):
                if m.group().startswith(":") and _colon_joins(
                    text, pos, start + m.start(), end, quoted
                ):
                    continue
                spans.append((pos, start + m.end()))
                pos = start + m.end()
            if pos < end:
                spans.append((pos, end))
    return spans


def names_a_subject(item: NewsItem, subjects: list[Subject]) -> bool:
    """Whether the item names any tracked subject: without that it has no claims.

    One search per subject over the item, the cheap first test of `extract_claims`; the assess
    stage runs it before handing items to worker processes, so news about other things (most of
    any feed) is never copied to them.
    """
    source = claim_source(item)
    return any(alias_pattern(s).search(source) for s in subjects)


# Words before a date that make it a point of comparison, not when something happened.
_COMPARISON_POINT = re.compile(
    r"\b(?:since|than(?:\s+in)?|compared\s+(?:with|to)|versus|vs\.?)\s+(?:the\s+)?$", re.I
)


def _compared_with(sentence: str, window: DateWindow) -> bool:
    at = sentence.find(window.text)
    return at > 0 and _COMPARISON_POINT.search(sentence, max(0, at - 20), at) is not None


def extract_claims(item: NewsItem, subjects: list[Subject], min_score: float = 0.25) -> list[Claim]:
    """Claims about tracked subjects in an item's title and text, in reading order.

    Spans index `claim_source(item)`. Sentences without a subject inherit the previous sentence's
    subject when they start with a pronoun or definite description ("It", "The company") or name
    no other organisation.
    """
    source = claim_source(item)
    if not subjects:
        return []
    aliases = [(s, alias_pattern(s)) for s in subjects]
    mentioned = [(s, pattern) for s, pattern in aliases if pattern.search(source)]
    if not mentioned:
        return []
    if not any(
        not s.sector_terms
        or sector_pattern(s).search(source)
        or not other_sector_pattern(s).search(source)
        for s, _ in mentioned
    ):
        return []  # only the subject's other businesses: nothing here bears on the tracked one
    published = item.published.date() if item.published else None
    claims: list[Claim] = []

    @cache
    def item_words() -> tuple[set[str], frozenset[str]]:
        """The item's names (other than the subjects') and its lower-case words, for
        `_other_entities`; read only when a sentence asks: most items' sentences never do."""
        names = _item_names(source)
        for subject in subjects:
            names -= {subject.name, *subject.aliases}
        return names, frozenset(re.findall(r"\b[a-z][a-z-]+\b", source))

    previous: tuple[str, ...] = ()
    led = False  # the sentence before ends in a colon
    # Measures market forecasts are about: news names them beside their reporters ("IRENA
    # counted ..."); whose figure it is stays the measure question's to read.
    measured = {s.name for s in subjects if s.measured}
    context: list[DateWindow] = []  # the periods the last dated sentence named
    tracked = [(sector_pattern(s), other_sector_pattern(s)) for s, _ in mentioned if s.sector_terms]
    title_end = len(item.title or "")
    # The business the text is about carries over to sentences that name no other business.
    in_business = False
    for start, end in _sentences(source):
        sentence = source[start:end].strip()
        if len(sentence.split()) < 3 and not re.search(r"[\u4e00-\u9fff]", sentence):
            continue
        if is_boilerplate(sentence):
            previous = ()
            continue
        lower = sentence.lower()
        if tracked:
            if any(own.search(sentence, lower) for own, _ in tracked):
                in_business = True
            elif any(other.search(sentence, lower) for _, other in tracked):
                in_business = False
        direct = tuple(s.name for s, pattern in mentioned if pattern.search(sentence))
        if (
            direct
            and all(is_topic(name) and name not in measured for name in direct)
            and _other_entities(sentence, subjects, *item_words(), topical=True)
        ):
            # Only the topic ("public chargers") and another place or owner ("Portugal's"):
            # the same measure of something the seed does not track.
            direct = ()
        found = direct
        if (
            not found
            and previous
            and (
                led
                or _LEAD_POINTS_BACK.match(sentence)
                or _CARRY.search(sentence, lower)
                or not _other_entities(sentence, subjects, *item_words())
            )
        ):
            found = previous
        # A sentence ending in a colon leads in what follows ("The schedule it lists: Feature
        # Complete 2016-05-26, ..."): the list is about what the lead-in is about.
        led = sentence.endswith(":")
        if not found:
            previous = ()
            continue
        previous = found
        if _HYPOTHETICAL.search(sentence, lower):
            continue
        quantities = tuple(find_quantities(sentence))
        windows = find_periods(sentence, published)
        # A sentence without a date of its own is about the period the one before it named
        # ("It delivered 431,200 cars in 2024. Electric models made up 21.5%."): that period
        # dates its event, though it is not written in it.
        # "the highest since 1993", "up 10% compared with 2019": a point of comparison dates
        # neither the sentence's event nor the ones after it.
        dating = [w for w in windows if not _compared_with(sentence, w)]
        dated = dating or context
        if dating:
            context = dating
        modality = _modality(sentence, windows, published, start < title_end)
        score = _checkworthiness(sentence, bool(direct), len(quantities), len(windows), modality)
        if score < min_score:
            continue
        claims.append(
            Claim(
                text=sentence,
                span=(start, end),
                subjects=found,
                quantities=quantities,
                dates=tuple(dated),
                event_date=_event_date(sentence, dated, published),
                polarity=polarity_of(sentence),
                checkworthiness=score,
                modality=modality,
                in_business=in_business if tracked else None,
                published=published,
            )
        )
    return claims
